"""A follow-up typed without marks, made standalone by names written in with marks."""

from __future__ import annotations

from assistant.container import Container
from assistant.types import Turn
from assistant.understand.diacritics import DiacriticsTable

TABLE = DiacriticsTable.build(
    [
        "Sở Y tế chủ trì, báo cáo kết quả về Sở Lao động - Thương binh và Xã hội.",
        "Các cơ sở trợ giúp xã hội do Sở quản lý; lồng ghép nội dung vào chương trình.",
    ]
)


def test_the_users_words_are_restored_around_the_names_written_in() -> None:
    standalone = "Sở Y tế (Long Khánh) co phai bao cao ket qua khong"
    assert TABLE.restore_resolved(standalone, "so do co phai bao cao ket qua khong") == (
        "Sở Y tế (Long Khánh) có phải báo cáo kết quả không"  # "Long": a name, not "lồng"
    )


def test_a_question_typed_with_marks_keeps_its_unmarked_syllables() -> None:
    typed = "Sở đó co phải báo cáo không"
    standalone = "Sở Y tế co phải báo cáo không"
    assert TABLE.restore_resolved(standalone, typed) == standalone


def test_nothing_written_in_leaves_the_question_for_the_later_restoring() -> None:
    assert TABLE.restore_resolved("bao cao ve dau", "bao cao ve dau") == "bao cao ve dau"


def test_unaccented_followup_reads_as_a_question_typed_with_marks(container: Container) -> None:
    history = [
        Turn("user", "Sở Giáo dục và Đào tạo Cần Thơ phải làm gì?"),
        Turn("assistant", "**Cần Thơ** — Sở Giáo dục và Đào tạo [1]: ..."),
    ]
    with container.holder.pinned() as loaded:
        question = loaded.lexicon.understand("so do co phai bao cao dinh ky khong", history)
    assert question.plans == ("can-tho-bao-ve-tre-em-2017",)
    assert "có phải báo cáo" in question.standalone
    assert "Giáo dục" in question.standalone
