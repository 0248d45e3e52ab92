"""Words outside the actual question: who asks, comparisons, counts, named people, and the
noun a question word attaches to."""

from __future__ import annotations

import pytest

from assistant.understand.followup import asks_own_topic, leans_on_previous
from assistant.understand.intents import asked_head, counted_noun, intents_of, senses
from assistant.understand.question import (
    persons_named,
    without_self_introduction,
    yesno_predicate,
)


def test_a_self_introduction_is_taken_out_to_the_clause_end() -> None:
    rest, intro = without_self_introduction(
        "Xin chào, mình là phụ huynh ở Cần Thơ, cho mình hỏi trẻ bị đánh thì báo ai?"
    )
    assert rest == "Cho mình hỏi trẻ bị đánh thì báo ai?"
    assert intro == "mình là phụ huynh ở Cần Thơ"


def test_an_introduction_ends_where_the_question_starts_without_punctuation() -> None:
    rest, intro = without_self_introduction(
        "Em là cán bộ phòng Văn hóa cho em hỏi Sở Y tế phải làm gì?"
    )
    assert rest == "Cho em hỏi Sở Y tế phải làm gì?"
    assert intro == "Em là cán bộ phòng Văn hóa"


@pytest.mark.parametrize(
    "text",
    [
        "Trẻ em là nạn nhân của bạo lực thì được hỗ trợ gì?",  # "em là" inside a noun
        "Tôi làm ở Sở Y tế thì phải làm gì",  # no clause end: the question itself
    ],
)
def test_no_introduction_is_found_where_there_is_none(text: str) -> None:
    assert without_self_introduction(text) == (text, "")


@pytest.mark.parametrize(
    "text",
    [
        "Kinh phí của Cao Bằng và Cần Thơ có khác nhau không?",
        "Mục tiêu giảm tảo hôn của hai tỉnh có giống nhau không?",
        "Hạn báo cáo của Hà Nội có sớm hơn so với Long Khánh không?",
    ],
)
def test_a_comparison_is_no_yes_no_predicate(text: str) -> None:
    assert yesno_predicate(text) == ""
    assert "yesno" not in intents_of(senses(text))


def test_a_yes_no_question_keeps_its_predicate() -> None:
    assert yesno_predicate("Gọi tổng đài 111 có mất phí không?") == "mất phí"


def test_a_count_is_a_count_unless_a_target_is_asked() -> None:
    assert counted_noun("Long Khánh hiện có bao nhiêu trẻ em khuyết tật?") == "trẻ"
    assert counted_noun("Cao Bằng phấn đấu bao nhiêu trẻ em được tiêm chủng?") is None


def test_people_are_named_by_honorific_or_as_signers() -> None:
    assert persons_named("Bà Nguyễn Thị Lan, trưởng phòng, làm gì?") == ["nguyen thi lan"]
    assert persons_named("Vũ Thu Hà theo dõi mảng nào?", ["Vũ Thu Hà"]) == ["vu thu ha"]
    assert persons_named("Bà ấy bao nhiêu tuổi?") == []


@pytest.mark.parametrize(
    ("text", "head"),
    [
        ("Biểu mẫu báo cáo vụ việc tải ở đâu?", "bieu mau"),
        ("Muốn nộp đơn khiếu nại thì nộp hồ sơ ở đâu?", "ho so"),  # "sơ" folds as "số" does
        ("Nhận trợ cấp cần những giấy tờ gì?", "giay to"),
        ("Nghị định 56 quy định những điều nào?", "dieu"),
        ("Sở Y tế có những nhiệm vụ gì?", ""),  # generic
        ("Kế hoạch có những giải pháp nào?", ""),
        ("Long Khánh làm gì để giảm bỏ học?", ""),
        ("Kinh phí thực hiện lấy từ đâu?", ""),
    ],
)
def test_the_head_of_what_is_asked(text: str, head: str) -> None:
    assert asked_head(senses(text)) == head


def test_only_money_taken_from_somewhere_is_funding() -> None:
    assert "funding" in intents_of(senses("Tiền làm các việc này lấy ở đâu?"))
    assert "funding" not in intents_of(senses("Mẫu đơn tố giác lấy ở đâu?"))


@pytest.mark.parametrize(
    ("text", "leans", "own"),
    [
        ("Ngoài ngân sách ra thì còn nguồn nào?", True, True),
        ("Thế còn Long Khánh thì sao?", True, False),
        ("Còn Cần Thơ thì hạn là bao giờ?", True, False),
        ("Kinh phí do ai bố trí, chương trình còn thiếu gì?", True, True),
        ("Sở Y tế Cao Bằng phải làm gì?", False, True),
        ("Trẻ con bị bạo lực thì báo ai?", False, True),
    ],
)
def test_what_leans_on_the_previous_turn(text: str, leans: bool, own: bool) -> None:
    assert leans_on_previous(text) is leans
    assert asks_own_topic(text, ["Long Khánh", "Cần Thơ"]) is own
