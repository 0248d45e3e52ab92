"""On the real index: what the question names decides what is quoted. Several plans named
are each answered; a numbered target named outright is quoted whole; a cut-off plan's
surviving mention of a body answers for it; an agency's unnumbered items answer no "which
target" question; a figure of a subject no passage names is refused."""

from __future__ import annotations

from assistant.service import AssistantService
from assistant.types import Turn
from tests.conftest import assert_verbatim


def cited_plans(answer) -> set[str]:  # type: ignore[no-untyped-def]
    return {c.hit.chunk.document_id for c in answer.citations}


def test_each_of_two_plans_named_is_quoted(service: AssistantService) -> None:
    answer = service.ask("Long Khánh và Hà Nội yêu cầu nộp báo cáo hằng năm trước ngày nào?")
    assert answer.status == "answered"
    assert cited_plans(answer) == {"ha-noi-203-kh-ubnd-2024", "long-khanh-1515-kh-ubnd-2024"}
    assert "15/12" in answer.text and "25/11" in answer.text
    assert_verbatim(answer.text, " ".join(c.hit.chunk.text for c in answer.citations))


def test_a_target_named_after_an_answer_is_quoted_whole(service: AssistantService) -> None:
    first = "Sở Y tế Cao Bằng hướng dẫn thực hiện những chỉ tiêu nào?"
    history = [Turn("user", first), Turn("assistant", service.ask(first).text)]
    answer = service.ask("Vậy chỉ tiêu 6 nói gì?", history)
    assert answer.status == "answered" and len(answer.citations) == 1
    # the target's bullet runs over two lines; both are quoted
    assert "Chỉ tiêu 6" in answer.text and "HIV từ mẹ sang con" in answer.text
    assert "chỉ tiêu 3, 4, 5, 6" not in answer.text  # not the agency's item again
    assert_verbatim(answer.text, answer.citations[0].hit.chunk.text)


def test_a_target_asked_with_its_agency_named_gets_the_agency_s_item(
    service: AssistantService,
) -> None:
    answer = service.ask("Sở Tư pháp Cao Bằng phải làm gì để thực hiện chỉ tiêu 14?")
    assert answer.status == "answered"
    assert any("Sở Tư pháp" in c.hit.chunk.section for c in answer.citations)


def test_a_cut_off_plan_answers_from_a_part_that_names_the_body(
    service: AssistantService,
) -> None:
    answer = service.ask("Theo kế hoạch 216, Mặt trận Tổ quốc Hải Phòng có vai trò gì?")
    assert answer.status == "answered"
    assert cited_plans(answer) == {"hai-phong-216-kh-ubnd-2020"}
    assert "Mặt trận Tổ quốc" in answer.citations[0].hit.chunk.section
    # a department the surviving text only mentions as a field ("y tế") gets the note
    refused = service.ask("Theo kế hoạch 216, Sở Y tế Hải Phòng phải làm gì?")
    assert refused.status == "no_answer" and "bị cắt" in refused.text


def test_an_agency_without_numbered_targets_is_told_so(service: AssistantService) -> None:
    refused = service.ask("Sở Giáo dục và Đào tạo Hà Nội phụ trách chỉ tiêu số mấy?")
    assert refused.status == "no_answer"
    assert "không giao chỉ tiêu đánh số nào cho" in refused.text
    answered = service.ask("Sở Tư pháp Cao Bằng phụ trách chỉ tiêu số mấy?")
    assert answered.status == "answered" and "14" in answered.text


def test_a_figure_of_a_subject_no_passage_names_is_refused(service: AssistantService) -> None:
    answer = service.ask("Cao Bằng phấn đấu bao nhiêu phần trăm học sinh biết bơi?")
    assert answer.status == "no_answer" and answer.citations == []
    # the same shape about a subject the targets state is answered
    stated = service.ask("Cao Bằng phấn đấu bao nhiêu phần trăm trường học có công trình vệ sinh?")
    assert stated.status == "answered" and "100%" in stated.text


def test_the_phone_of_the_police_is_not_any_passage_with_an(service: AssistantService) -> None:
    # "công an" keeps its head: "an" alone is in most passages ("an toàn", "an ninh")
    answer = service.ask("Công an có số điện thoại riêng để báo trẻ bị xâm hại không?")
    assert answer.status == "no_answer" and "số điện thoại" in answer.text


def test_summary_line_only_when_it_adds_to_the_headings(service: AssistantService) -> None:
    named = service.ask("Tỷ lệ trẻ em dưới 1 tuổi được tiêm chủng đầy đủ ở Cao Bằng là bao nhiêu?")
    assert named.status == "answered" and named.text.startswith("**Cao Bằng")
    unnamed = service.ask("Chỉ tiêu tiêm chủng đầy đủ cho trẻ dưới 1 tuổi là bao nhiêu?")
    assert unnamed.text.startswith("1 kế hoạch có nội dung trả lời: Cao Bằng.\n\n")


def test_a_property_the_agency_s_items_never_mention_is_refused(
    service: AssistantService,
) -> None:
    # "email", "website": no word of the question is in the agency's own items
    for question in ("Email của Sở Y tế Cao Bằng là gì?", "Website của Phòng Tư pháp Long Khánh?"):
        answer = service.ask(question)
        assert answer.status == "no_answer" and answer.citations == [], question
        assert 'Các kế hoạch không nêu "' in answer.text
    # a bare agency, or words its items use, still gets its duties
    assert service.ask("Sở Tư pháp Hà Nội?").status == "answered"
    assert service.ask("Phòng Tư pháp Long Khánh làm gì về khai sinh?").status == "answered"
