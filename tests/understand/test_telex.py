"""Telex keys typed as letters, and a locality's initials standing alone in a sentence."""

from __future__ import annotations

import pytest

from assistant.container import Container
from assistant.understand.diacritics import DiacriticsTable
from assistant.understand.telex import decoded

TABLE = DiacriticsTable.build(
    [
        "Phòng Giáo dục và Đào tạo chủ trì, phối hợp hỗ trợ trẻ em được đi học.",
        "Sở Y tế hướng dẫn tiêm chủng; nộp báo cáo về Sở Lao động trước ngày 15/12.",
        "Nhiệm vụ của Ủy ban nhân dân cấp xã: mã số, bác sĩ, sẽ thực hiện.",
    ]
)


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("phongf giaos ducj", "phòng giáo dục"),  # tone keys
        ("nhieemj vuj cuar", "nhiệm vụ của"),  # "ee" typed
        ("nhiemj vuj", "nhiệm vụ"),  # the vowel key left out: the corpus's syllable
        ("duowcj ddi hocj", "được đi học"),  # "ow", "dd"
        ("Sowr Y tees", "Sở Y tế"),  # case kept
        ("tieem chungr", "tiêm chủng"),
    ],
)
def test_telex_keys_give_the_marks_they_stand_for(typed: str, meant: str) -> None:
    assert decoded(typed, TABLE) == meant


def test_the_rest_of_an_unmarked_question_is_restored_with_it() -> None:
    # three decoded syllables would make the question read as typed with marks
    assert decoded("sowr y tees huong dan tiem chung gif", TABLE) == (
        "sở y tế hướng dẫn tiêm chủng gì"
    )


@pytest.mark.parametrize(
    "typed",
    [
        "deadline nộp report là ngày nào",  # English: no Telex key, or no syllable
        "reports for the show",
        "max six sex",  # English words whose letters spell a syllable of the plans
        "vs ks",  # chat shorthand: no vowel
        "KHs",  # an acronym
        "zoom google",  # no syllable of the plans
    ],
)
def test_what_is_no_telex_is_left_alone(typed: str) -> None:
    assert decoded(typed, TABLE) == typed


def test_telex_question_reads_as_the_plans_words(container: Container) -> None:
    with container.holder.pinned() as loaded:
        question = loaded.lexicon.understand("sowr giaos ducj Cao Bawngf phair lamf gif")
    assert question.plans == ("cao-bang-1222-kh-ubnd-2024",)
    assert "giáo dục" in question.restored
    assert "duties" in question.intents


@pytest.mark.parametrize(
    ("typed", "plan"),
    [
        ("hoc sinh bo hoc lk ai theo doi", "long-khanh-1515-kh-ubnd-2024"),
        ("tre em cb duoc ho tro nhung gi", "cao-bang-1222-kh-ubnd-2024"),
        ("ok, còn LK thì kinh phí lấy từ đâu?", "long-khanh-1515-kh-ubnd-2024"),
    ],
)
def test_initials_the_plans_never_write_name_a_place_anywhere(
    container: Container, typed: str, plan: str
) -> None:
    with container.holder.pinned() as loaded:
        assert loaded.lexicon.understand(typed).plans == (plan,)


@pytest.mark.parametrize(
    "typed",
    [
        "cb xa phai lam gi",  # a commune's officer (cán bộ xã)
        "chi thi 23 ct ve gi",  # "ct" is a word of the plans (their codes): context needed
    ],
)
def test_initials_that_are_a_person_or_a_plans_word_need_context(
    container: Container, typed: str
) -> None:
    with container.holder.pinned() as loaded:
        assert loaded.lexicon.understand(typed).plans == ()
