"""On the real index: words outside the question are not read as constraints, and what the
plans do not state is refused (issue 9, classes C and F)."""

from __future__ import annotations

from assistant.service import AssistantService


def test_the_askers_introduction_names_no_agency_asked(service: AssistantService) -> None:
    answer = service.ask("Tôi là cán bộ Sở Tư pháp, cho tôi hỏi Sở Y tế Cao Bằng phải làm gì?")
    assert answer.status == "answered"
    assert {c.hit.chunk.agency for c in answer.citations} == {"Sở Y tế"}


def test_the_introductions_place_names_the_plan(service: AssistantService) -> None:
    answer = service.ask(
        "Xin chào, em là giáo viên ở Long Khánh, cho em hỏi Phòng Giáo dục và Đào tạo phải làm gì?"
    )
    assert answer.status == "answered"
    assert {c.hit.document.locality for c in answer.citations} == {"Long Khánh"}


def test_bên_em_is_the_body_the_asker_introduced(service: AssistantService) -> None:
    answer = service.ask("Tôi là cán bộ Phòng Tư pháp Long Khánh. Bên em phải làm gì?")
    assert answer.status == "answered"
    assert "Phòng Tư pháp" in (answer.citations[0].hit.chunk.agency or "")


def test_a_comparison_is_answered_plan_by_plan(service: AssistantService) -> None:
    answer = service.ask("Hạn báo cáo hằng năm của Cao Bằng và Long Khánh có giống nhau không?")
    assert answer.status == "answered"
    assert {c.hit.document.locality for c in answer.citations} >= {"Long Khánh"}
    assert "25/11" in answer.text


def test_a_named_persons_portfolio_is_refused(service: AssistantService) -> None:
    answer = service.ask("Ông Tăng Quốc Lập được phân công theo dõi lĩnh vực nào?")
    assert answer.status == "no_answer"
    assert "Tăng Quốc Lập" in answer.text and not answer.citations
    signer = service.ask("Kế hoạch 1515 của Long Khánh do ai ký?")
    assert signer.status == "answered" and "Tăng Quốc Lập" in signer.text


def test_a_count_of_children_is_not_answered_with_a_rate(service: AssistantService) -> None:
    answer = service.ask("Long Khánh hiện có bao nhiêu trẻ em khuyết tật?")
    assert answer.status == "no_answer"
    assert "%" not in answer.text


def test_what_is_asked_for_must_be_named_where_it_is_quoted(service: AssistantService) -> None:
    papers = service.ask("Nhận trợ cấp cho trẻ mồ côi ở Cần Thơ cần những giấy tờ gì?")
    assert papers.status == "no_answer" and "giấy tờ" in papers.text
    # the plan cites "một số điều của Luật Trẻ em" without numbering them
    articles = service.ask("Luật Trẻ em có những điều nào mà kế hoạch của Hải Phòng nhắc tới?")
    assert articles.status == "no_answer" and "điều" in articles.text
    form = service.ask("Biểu mẫu báo cáo vụ việc xâm hại trẻ em tải ở đâu?")
    assert form.status == "no_answer"


def test_money_taken_from_somewhere_is_still_answered(service: AssistantService) -> None:
    answer = service.ask("Kinh phí thực hiện kế hoạch của Long Khánh lấy từ đâu?")
    assert answer.status == "answered"
    assert "ngân sách" in answer.text
