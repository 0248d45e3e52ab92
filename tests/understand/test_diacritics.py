"""Syllables typed without their vowel are mended from the plans' own vocabulary."""

from __future__ import annotations

import pytest

from assistant.container import Container
from assistant.understand.diacritics import DiacriticsTable

TABLE = DiacriticsTable.build(
    [
        "Tổ chức khảo sát đánh giá đầu kỳ, giữa kỳ và cuối kỳ về kết quả thực hiện Chương trình.",
        "Sở Lao động - Thương binh và Xã hội trình UBND tỉnh; tranh thủ nguồn lực.",
    ]
)


@pytest.mark.parametrize(
    ("typed", "mended"),
    [
        ("khao sat chuong trnh", "khao sat chuong trinh"),  # restored later with the rest
        ("Khảo sát chương trnh", "Khảo sát chương trình"),  # marks typed: the plans' marks
        ("Chuong Trnh", "Chuong Trinh"),  # case kept
    ],
)
def test_a_syllable_without_its_vowel_takes_the_plans_word(typed: str, mended: str) -> None:
    assert TABLE.mend(typed) == mended


@pytest.mark.parametrize(
    "typed",
    [
        "Sở LĐTBXH trình gì",  # an acronym is no typo
        "kế hoạch 1222/KH-UBND",
        "xyz chrt",  # no vowel makes a word of the plans
        "tr nh",  # too short to tell
    ],
)
def test_what_is_no_typo_is_left_alone(typed: str) -> None:
    assert TABLE.mend(typed) == typed


def test_the_neighbour_decides_between_two_words() -> None:
    # "trnh" could be "trình" or "tranh": beside "chương" the plans write "trình"
    assert TABLE.mend("chuong trnh") == "chuong trinh"
    assert TABLE.mend("trnh thu") == "tranh thu"


def test_mended_question_reads_as_the_plans_word(container: Container) -> None:
    with container.holder.pinned() as loaded:
        question = loaded.lexicon.understand("can tho danh gia chuong trnh luc nao")
    assert "chương trình" in question.restored
    assert "trinh" in {question.folded_term(t) for t in question.quote_terms}


def test_so_may_asks_a_number(container: Container) -> None:
    with container.holder.pinned() as loaded:
        question = loaded.lexicon.understand("ke hoach cua cao bang so may")
    assert "số mấy" in question.restored
