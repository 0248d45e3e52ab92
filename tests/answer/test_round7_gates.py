"""Round 7 answer gates: a year asked of a named target, a time in a programme's cycle, a
document to prepare the plans never list, a cut-off plan's review dates, and the content
of a document the plans only cite. New wordings, on the real index."""

from __future__ import annotations

from assistant.service import AssistantService
from assistant.text import fold_diacritics
from assistant.understand.documents import content_asked
from assistant.understand.intents import EVIDENCE, asked_head, intents_of

PLANS = {"1222", "203", "216", "1515"}


def test_a_target_named_with_only_a_year_asked_asks_no_figure() -> None:
    asked = intents_of("chi tieu tre em gan voi nguon nhan luc tinh huong toi nam nao")
    assert "deadline" in asked and "figure" not in asked
    assert "figure" in intents_of("chi tieu nam 2030 la bao nhieu phan tram")


def test_a_point_in_a_programme_s_cycle_says_when() -> None:
    for text in ("đánh giá giữa kỳ", "khảo sát cuối kỳ", "báo cáo hằng quý"):
        assert EVIDENCE["deadline"].search(text), text
    assert not EVIDENCE["deadline"].search("tổ chức khảo sát đánh giá kết quả")


def test_the_object_of_a_verb_of_preparing_is_the_head() -> None:
    assert asked_head("nhan nuoi tre can chuan bi giay to gi") == "giay to"
    assert asked_head("khi nop ho so gi cho phong lao dong") == "ho so"
    # generic objects and "làm gì" ask no named thing
    assert asked_head("cong tac vien can lam gi") == ""
    assert asked_head("ho duoc cung cap thong tin gi") == ""
    assert asked_head("cong an can tho lam gi voi tre vi pham") == ""  # Cần Thơ, no "cần"


def test_the_year_a_target_is_oriented_to_is_answered(service: AssistantService) -> None:
    answer = service.ask(
        "Kế hoạch 1222 gắn chỉ tiêu trẻ em với nguồn nhân lực Cao Bằng, tầm nhìn tới năm nào?"
    )
    assert answer.status == "answered"
    assert "2045" in answer.text


def test_when_the_programme_is_surveyed_is_answered(service: AssistantService) -> None:
    answer = service.ask("Cần Thơ tổ chức khảo sát đánh giá chương trình khi nào?")
    assert answer.status == "answered"
    assert "giữa kỳ" in answer.text


def test_papers_to_prepare_the_plans_never_list_are_refused(service: AssistantService) -> None:
    answer = service.ask(
        "Đưa trẻ khuyết tật vào trung tâm bảo trợ ở Long Khánh cần nộp giấy tờ gì?"
    )
    assert answer.status == "no_answer"
    assert "giấy tờ" in answer.text


def test_a_review_of_a_cut_off_plan_gets_its_note(service: AssistantService) -> None:
    answer = service.ask("Hải Phòng tổ chức tổng kết Chỉ thị 23 vào thời gian nào?")
    assert answer.status == "no_answer"
    assert "bị cắt" in answer.text


def test_what_a_cited_directive_requires_is_not_said(service: AssistantService) -> None:
    answer = service.ask("Quyết định 649/QĐ-UBND quy định những nhiệm vụ gì cho cộng tác viên?")
    assert answer.status == "no_answer"
    assert "không nêu nội dung" in answer.text
    assert "649" in answer.text


def test_a_plan_implementing_a_directive_is_still_answered(service: AssistantService) -> None:
    assert (
        content_asked(fold_diacritics("kế hoạch thực hiện chỉ thị 28 nhằm mục đích gì"), PLANS)
        is None
    )
    answer = service.ask("Kế hoạch thực hiện Chỉ thị 28 của Hà Nội có mục đích gì?")
    assert answer.status == "answered"
