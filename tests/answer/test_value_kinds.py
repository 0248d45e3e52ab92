"""The kind of value asked (a percentage, hours, a length of time, an amount of money)
must be shown by the quoted unit about the subject, or the plans are said not to give it;
and words that only frame a question (a category such as "lực lượng", a reporting verb such
as "nhắc tới", "cơ sở" read as "có số") no longer refuse what the plans answer. Questions
are new wordings written from the plans, asked of the real index."""

from __future__ import annotations

import pytest

from assistant.answer.extractive import Unit, subject_anchors
from assistant.service import AssistantService
from assistant.types import Chunk, DocumentMeta, SearchHit, Turn
from assistant.understand.intents import EVIDENCE, asked_head, has_evidence, senses
from assistant.understand.question import yesno_predicate
from tests.conftest import assert_verbatim

# --- what is asked, from the words -----------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "shown", "not_shown"),
    [
        ("percent", ["đạt 98,5% vào năm 2025", "dưới 10‰", "550/100.000 trẻ em"], ["giảm dần"]),
        ("clock", ["trực từ 7 giờ đến 17h", "hoạt động 24/7"], ["ngày 15/6", "năm 2025"]),
        (
            "duration",
            ["trong vòng 05 ngày làm việc", "định kỳ 6 tháng", "giai đoạn 2024 - 2030"],
            ["ngày 15 tháng 6 năm 2024", "trẻ em dưới 6 tuổi", "hằng năm"],
        ),
        ("money", ["mức 500.000 đồng/tháng", "2 triệu đồng"], ["90% trẻ em", "tỷ lệ"]),
    ],
)
def test_a_kind_of_value_is_shown_by_a_number_with_its_unit(
    kind: str, shown: list[str], not_shown: list[str]
) -> None:
    for text in shown:
        assert EVIDENCE[kind].search(text), text
        assert has_evidence(frozenset({kind}), text)
    for text in not_shown:
        assert not EVIDENCE[kind].search(text), text


def _hit(plan: str, section: str = "II. MỤC TIÊU") -> SearchHit:
    chunk = Chunk(f"{plan}:1", plan, section, "", 0, content_hash="h")
    return SearchHit(chunk, DocumentMeta(id=plan, source=f"{plan}.txt", title="t"), 0.0)


def test_the_unit_about_the_subject_is_plain_only_when_words_and_meaning_agree() -> None:
    target = "- Chỉ tiêu 6: Loại trừ lây truyền"
    rest = "HIV từ mẹ sang con vào năm 2030."
    other = "- Chỉ tiêu 7: Phấn đấu 100% cơ sở giáo dục có công trình vệ sinh."
    plain = [Unit(target, 0, 0.0, 0.88, 0.7, 0.7), Unit(rest, 1, 0.0, 0.82, 0.0, 0.0)]
    plain.append(Unit(other, 2, 0.0, 0.86, 0.2, 0.2))
    # the target goes on over the next line, up to the next item
    assert subject_anchors([(_hit("cb"), plain)]) == {"cb": f"{target}\n{rest}"}
    # the unit best on words is not the closest: no unit is plainly about the subject
    split = [Unit(target, 0, 0.0, 0.81, 0.5, 0.5), Unit(other, 1, 0.0, 0.90, 0.45, 0.45)]
    assert subject_anchors([(_hit("cb"), split)]) == {}
    # a list of cited documents is never the unit about the subject
    cited = [Unit("[1] Quyết định số 23/QĐ-TTg ngày 07/01/2021", 0, 0.0, 0.95, 0.9, 0.9)]
    assert subject_anchors([(_hit("cb", "Chú thích"), cited)]) == {}


# --- on the real index -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        # target 9 only says "giảm dần"; the next targets' percentages are other subjects
        ("Tỷ lệ trẻ em bị xâm hại ở Cao Bằng phải giảm xuống mấy phần trăm?", "tỷ lệ phần trăm"),
        ("Đăng ký nuôi con nuôi ở Long Khánh mất bao lâu?", "thời gian"),
        ("Tổng đài 111 trực từ mấy giờ?", "giờ"),
        ("tro cap bao nhieu tien cho moi tre khuyet tat o ha noi", "số tiền"),
    ],
)
def test_a_kind_of_value_the_plans_do_not_show_is_said_missing(
    service: AssistantService, question: str, kind: str
) -> None:
    answer = service.ask(question)
    assert answer.status == "no_answer" and answer.citations == []
    assert "Các kế hoạch không nêu" in answer.text and kind in answer.text


def test_hours_asked_of_a_hotline_named_before_are_said_missing(
    service: AssistantService,
) -> None:
    first = "Hà Nội truyền thông về đường dây nóng nào để báo tin trẻ bị xâm hại?"
    history = [Turn("user", first), Turn("assistant", service.ask(first).text)]
    answer = service.ask("Đường dây ấy làm việc lúc mấy giờ?", history)
    assert answer.status == "no_answer" and answer.citations == []
    assert "giờ" in answer.text


@pytest.mark.parametrize(
    ("question", "fact"),
    [
        (
            "Đến năm 2025 Cao Bằng phấn đấu bao nhiêu phần trăm trẻ dưới 1 tuổi được tiêm "
            "chủng đầy đủ?",
            "95%",
        ),
        ("Cao Bằng giảm số cuộc tảo hôn mỗi năm bao nhiêu phần trăm?", "3%"),
        ("Tỷ suất tử vong trẻ sơ sinh ở Cao Bằng năm 2030 là bao nhiêu?", "9‰"),
    ],
)
def test_a_kind_of_value_the_unit_about_the_subject_shows_is_answered(
    service: AssistantService, question: str, fact: str
) -> None:
    answer = service.ask(question)
    assert answer.status == "answered" and fact in answer.text
    assert_verbatim(answer.text, " ".join(c.hit.chunk.text for c in answer.citations))


# --- words that frame a question do not refuse it -------------------------------------------


@pytest.mark.parametrize(
    ("question", "predicate"),
    [
        ("Hải Phòng có đề cập đến việc xây dựng đội xung kích không?", "xây dựng đội xung kích"),
        ("Kế hoạch có nhắc tới dạy bơi cho trẻ không?", "dạy bơi cho trẻ"),
        ("Hà Nội có nêu ra chỉ tiêu về đuối nước không?", "chỉ tiêu về đuối nước"),
        ("Gọi số đó có mất phí không?", "mất phí"),  # no reporting verb: kept whole
        ("Trường có nội trú không?", "nội trú"),  # "nội" is no "nói"
    ],
)
def test_a_reporting_verb_is_no_part_of_a_yes_no_predicate(question: str, predicate: str) -> None:
    assert yesno_predicate(question) == predicate


@pytest.mark.parametrize(
    ("question", "head"),
    [
        ("Hải Phòng bồi dưỡng những lực lượng nào để tuyên truyền?", ""),  # a category
        ("Những nhóm trẻ em nào được ưu tiên?", ""),
        ("Tờ khai đăng ký khai sinh làm theo mẫu nào?", "to khai"),  # the form of what
        ("Cần những giấy tờ gì?", "giay to"),
    ],
)
def test_a_category_is_no_head_and_a_form_asks_for_its_topic(question: str, head: str) -> None:
    assert asked_head(senses(question)) == head


@pytest.mark.parametrize(
    ("question", "fact"),
    [
        ("Hải Phòng có đề cập đến việc xây dựng đội xung kích không?", "đội xung kích"),
        ("Hải Phòng kiểm tra, giám sát những cơ sở nào về thực hiện quyền trẻ em?", "cơ sở"),
        (
            "Mặt trận Tổ quốc Hải Phòng bồi dưỡng những lực lượng nào để tuyên truyền quyền "
            "trẻ em?",
            "tuyên truyền viên",
        ),
    ],
)
def test_framing_words_do_not_refuse_what_the_plans_answer(
    service: AssistantService, question: str, fact: str
) -> None:
    answer = service.ask(question)
    assert answer.status == "answered" and fact in answer.text
    assert "bị cắt" not in answer.text  # Hải Phòng's part II is kept: no cut-off note


def test_a_form_of_a_paper_no_plan_names_is_refused(service: AssistantService) -> None:
    answer = service.ask("Tờ khai đăng ký khai sinh cho trẻ ở Long Khánh làm theo mẫu nào?")
    assert answer.status == "no_answer" and answer.citations == []
    assert "tờ khai" in answer.text
