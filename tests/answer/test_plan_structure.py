"""Questions about a plan's own outline, answered from its headings (a count of its items is
the number of headings, not a number some passage writes), a part the plan lacks, an end of
validity the plan does not state, and two single cases (a hotline named with its number, a
body's name going on in lower case)."""

from __future__ import annotations

import pytest

from assistant.service import AssistantService
from assistant.text import fold_diacritics
from assistant.understand.intents import intents_of, structure_asked


def _folded(text: str) -> str:
    return fold_diacritics(text.lower())


@pytest.mark.parametrize(
    ("text", "part", "count", "nth"),
    [
        ("Phần III của kế hoạch Hà Nội có bao nhiêu đầu mục?", "iii", True, 0),
        ("Mục V kế hoạch Cần Thơ, mục thứ hai giao cho ai?", "v", False, 2),
        ("Trong phần IV của Cao Bằng, đầu mục cuối cùng là cơ quan nào?", "iv", False, -1),
        ("Phần tổ chức thực hiện của Long Khánh chia thành mấy mục?", "", True, 0),
    ],
)
def test_outline_questions_are_read(text: str, part: str, count: bool, nth: int) -> None:
    ask = structure_asked(_folded(text))
    assert ask is not None
    assert (ask.part, ask.count, ask.nth) == (part, count, nth)


@pytest.mark.parametrize(
    "text",
    [
        "Mục tiêu cụ thể của Cao Bằng về trẻ em là gì?",
        "Cao Bằng phấn đấu bao nhiêu phần trăm trẻ em được tiêm chủng?",
        "Kế hoạch 216 nêu mấy mục đích?",
        "Sở Y tế Hà Nội có những nhiệm vụ gì?",
    ],
)
def test_other_questions_ask_no_outline(text: str) -> None:
    assert structure_asked(_folded(text)) is None


def test_items_of_a_numbered_part_are_counted_and_the_last_one_quoted(
    service: AssistantService,
) -> None:
    answer = service.ask("Kế hoạch 203 của Hà Nội, phần III có mấy đầu mục, đầu mục cuối là ai?")
    assert answer.status == "answered"
    assert "gồm 13 mục" in answer.text
    assert answer.citations[0].hit.chunk.section.endswith(
        "13. Ủy ban nhân dân các quận, huyện, thị xã"
    )
    assert {c.hit.document.id for c in answer.citations} == {"ha-noi-203-kh-ubnd-2024"}


def test_the_nth_item_of_a_part_named_by_its_title(service: AssistantService) -> None:
    answer = service.ask(
        "Phần nhiệm vụ, giải pháp của kế hoạch 1222 chia thành mấy nhóm, nhóm thứ năm là gì?"
    )
    assert answer.status == "answered"
    assert "gồm 7 mục" in answer.text
    assert "Nâng cao hiệu lực quản lý nhà nước về công tác trẻ em" in answer.text
    assert answer.citations[0].hit.chunk.section.startswith("III. NHIỆM VỤ, GIẢI PHÁP › 5.")


def test_a_part_the_plan_lacks_is_said_so(service: AssistantService) -> None:
    answer = service.ask("Mục VII của kế hoạch Long Khánh 1515 gồm những nội dung nào?")
    assert answer.status == "no_answer"
    assert "không có phần VII" in answer.text
    assert "IV. TỔ CHỨC THỰC HIỆN" in answer.text


def test_a_part_after_the_cut_gets_the_truncation_note(service: AssistantService) -> None:
    answer = service.ask("Hải Phòng 216 ở phần IV có mấy đầu mục?")
    assert answer.status == "no_answer"
    assert "bị cắt sau phần" in answer.text
    assert "không có phần IV" in answer.text


def test_an_appendix_no_plan_has(service: AssistantService) -> None:
    answer = service.ask("Phụ lục kèm theo kế hoạch 203 của Hà Nội liệt kê những gì?")
    assert answer.status == "no_answer"
    assert "không có phụ lục" in answer.text


def test_the_last_part_without_items_is_quoted(service: AssistantService) -> None:
    answer = service.ask("Phần cuối cùng của kế hoạch Long Khánh nói về gì?")
    assert answer.status == "answered"
    assert "V. CHẾ ĐỘ THÔNG TIN, BÁO CÁO" in answer.text
    assert answer.citations[0].hit.chunk.section.startswith("V. CHẾ ĐỘ THÔNG TIN, BÁO CÁO")


def test_an_end_of_validity_is_the_stated_period_or_none(service: AssistantService) -> None:
    stated = service.ask("Kế hoạch của Cần Thơ còn hiệu lực đến khi nào?")
    assert stated.status == "answered"
    assert "2017" in stated.text
    unstated = service.ask("Kế hoạch 1515 Long Khánh hết hiệu lực vào năm nào?")
    assert unstated.status == "no_answer"
    assert "không nêu thời hạn hiệu lực" in unstated.text


def test_a_hotline_typed_with_its_number_is_the_topic() -> None:
    asked = intents_of(_folded("Cơ quan nào phụ trách truyền thông về đường dây nóng 111?"))
    assert "phone" not in asked and "who" in asked
    assert "phone" in intents_of(_folded("Tổng đài bảo vệ trẻ em là số nào?"))


def test_a_body_name_going_on_in_lower_case_is_kept_whole(service: AssistantService) -> None:
    understood = service.understand("Phòng Tài nguyên môi trường Long Khánh phải làm gì?", ())
    assert [m.mention for m in understood.agencies] == ["phong tai nguyen moi truong"]
    understood = service.understand("Xin hỏi, phòng Quản lý đô thị làm gì?", ())
    assert understood.agencies[0].mention == "phong quan ly do thi"
    understood = service.understand("Phòng Quản lý thì phải làm gì?", ())
    assert [m.mention for m in understood.agencies] == ["phong quan ly"]  # "thì" ends it


@pytest.mark.parametrize(
    ("text", "label", "nth"),
    [
        ("Cao Bằng đặt ra tất cả mấy chỉ tiêu?", "chi tieu", 0),
        ("Trong kế hoạch 1222, chỉ tiêu thứ hai đề cập đến việc gì?", "chi tieu", 2),
    ],
)
def test_lines_a_plan_numbers_are_counted(text: str, label: str, nth: int) -> None:
    ask = structure_asked(_folded(text))
    assert ask is not None and (ask.label, ask.nth) == (label, nth)


@pytest.mark.parametrize(
    "text",
    [
        "Chỉ tiêu cuối cùng do cơ quan nào thực hiện?",  # its holder, not its text
        "Chỉ tiêu cuối cùng trong số đó là gì?",  # points back at an answer
        "Cao Bằng có bao nhiêu chỉ tiêu về giáo dục?",  # those of a topic
    ],
)
def test_numbered_lines_are_not_counted_for_other_asks(text: str) -> None:
    assert structure_asked(_folded(text)) is None


def test_the_count_of_targets_is_the_numbered_run(service: AssistantService) -> None:
    answer = service.ask("Cao Bằng đặt ra tất cả mấy chỉ tiêu, chỉ tiêu thứ hai là gì?")
    assert answer.status == "answered"
    assert "có 24 chỉ tiêu" in answer.text
    assert "Chỉ tiêu 2:" in answer.text
    assert answer.citations[0].hit.document.id == "cao-bang-1222-kh-ubnd-2024"
