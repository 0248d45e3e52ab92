"""Whom a plan is sent to: its "Nơi nhận" list, quoted from the named plan."""

from __future__ import annotations

import pytest

from assistant.service import AssistantService
from assistant.text import fold_diacritics
from assistant.understand.intents import intents_of


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        ("Văn bản này gửi đến những nơi nào?", True),
        ("Nơi nhận của kế hoạch gồm những ai?", True),
        ("Báo cáo kết quả thực hiện kế hoạch gửi tới cơ quan nào?", False),
        ("Kế hoạch giao Sở Y tế những việc gì?", False),
    ],
)
def test_recipients_are_asked_of_the_plan_not_of_a_report(text: str, asked: bool) -> None:
    assert ("recipients" in intents_of(fold_diacritics(text))) is asked


def test_the_named_plan_s_recipients_are_quoted(service: AssistantService) -> None:
    answer = service.ask("Kế hoạch của Hà Nội được gửi cho những cơ quan nào của Bộ?")
    assert answer.status == "answered"
    assert {c.hit.document.id for c in answer.citations} == {"ha-noi-203-kh-ubnd-2024"}
    assert all(c.hit.chunk.section.startswith("Nơi nhận") for c in answer.citations)
    assert "Cục Trẻ em - Bộ LĐTBXH" in answer.text
    assert "Lưu:" not in answer.text  # the archive line is no recipient
