"""Answer gates from the eleventh round of fresh questions: districts named with any
capital letter or typed plain; what is handed in "ở đâu" must be named; "cơ quan nào"
needs a passage naming a body. New wordings, on the real index."""

from __future__ import annotations

from assistant.service import AssistantService
from assistant.understand.intents import asked_head
from assistant.understand.question import districts_named


def test_a_district_is_named_with_any_capital_letter() -> None:
    assert districts_named("Huyện Ứng Hòa có làm gì cho trẻ em không?") == ["ung hoa"]
    assert districts_named("Quận Ô Môn") == ["o mon"]


def test_a_district_typed_plain_is_no_plan_s(service: AssistantService) -> None:
    answer = service.ask("huyen soc son ha noi lo gi cho tre em")
    assert answer.status == "no_answer" and "soc son" in answer.text
    # words that open like a unit are no district: "quản lý", "phương án bảo vệ"
    assert service.ask("quan ly nha nuoc ve tre em o can tho the nao").status == "answered"


def test_what_is_handed_in_must_be_named(service: AssistantService) -> None:
    assert asked_head("nop don o dau") == "don"
    assert asked_head("lay giay khai sinh o dau") == "giay khai sinh"
    answer = service.ask("Muốn xin hỗ trợ pháp lý cho cháu ở Cần Thơ thì nộp đơn ở đâu?")
    assert answer.status == "no_answer" and "đơn" in answer.text


def test_who_needs_a_passage_naming_a_body(service: AssistantService) -> None:
    answer = service.ask("Đường dây nóng trẻ em ở Cần Thơ do đơn vị nào trực 24/24?")
    assert answer.status == "no_answer"
    named = service.ask("Ở Cao Bằng cơ quan nào chủ trì phòng chống tảo hôn?")
    assert named.status == "answered"


def test_who_is_answered_for_each_plan_named(service: AssistantService) -> None:
    # Cao Bằng gives child marriage through chỉ tiêu 13 to its culture department; Long
    # Khánh to Phòng Dân tộc's own item
    answer = service.ask("Ở Cao Bằng và ở Long Khánh, đơn vị nào phụ trách việc giảm tảo hôn?")
    assert answer.status == "answered"
    plans = {c.hit.document.id for c in answer.citations}
    assert plans == {"cao-bang-1222-kh-ubnd-2024", "long-khanh-1515-kh-ubnd-2024"}


def test_a_refusal_shows_the_asked_words_with_their_marks(service: AssistantService) -> None:
    # typed without marks, the words a refusal repeats come back as the plans write them
    answer = service.ask("dia chi phong tu phap thanh pho long khanh o dau")
    assert answer.status == "no_answer"
    assert '"địa chỉ"' in answer.text and "dia chi" not in answer.text
