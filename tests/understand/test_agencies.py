"""Agencies named in a question, read against the real plans' headings."""

from __future__ import annotations

import pytest

from assistant.container import Container


@pytest.mark.parametrize(
    "question",
    [
        "Cao Bằng bố trí cán bộ làm công tác trẻ em ở cấp xã thế nào?",
        "Đội ngũ cộng tác viên tại cấp huyện được kiện toàn ra sao?",
    ],
)
def test_a_level_after_a_preposition_names_no_body(container: Container, question: str) -> None:
    with container.holder.pinned() as loaded:
        assert not loaded.lexicon.understand(question).agency_keys


@pytest.mark.parametrize(
    "question", ["UBND cấp xã phải làm gì?", "Cấp huyện có nhiệm vụ gì trong kế hoạch?"]
)
def test_a_level_as_subject_still_names_its_committee(container: Container, question: str) -> None:
    with container.holder.pinned() as loaded:
        assert "ubnd" in loaded.lexicon.understand(question).agency_keys
