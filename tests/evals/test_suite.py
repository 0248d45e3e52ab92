"""Matching and metric arithmetic of the evaluation suite on hand-made inputs."""

from __future__ import annotations

import pytest

from assistant.evals.suite import (
    Outcome,
    Passage,
    Reply,
    compare,
    fact_found,
    gate_failures,
    matches,
    score_question,
    summarize,
)
from assistant.types import Turn

GOLD = {"document": "a", "section": "I", "quote": "trợ giúp pháp lý cho trẻ em"}
ROW = {
    "id": "q1",
    "kind": "agency_cross",
    "split": "dev",
    "question": "?",
    "history": [],
    "answerable": True,
    "facts": [["98,5%"], ["15/12"]],
    "gold": [GOLD, {"document": "b", "section": "II", "quote": "nuôi con nuôi"}],
}


class Fixed:
    name = "fixed"

    def __init__(self, passages: list[Passage], reply: Reply) -> None:
        self.passages, self.reply = passages, reply

    def search(self, question: str, history: list[Turn]) -> list[Passage]:
        return self.passages

    def ask(self, question: str, history: list[Turn]) -> Reply:
        return self.reply


def test_matching_needs_same_plan_and_the_quote() -> None:
    assert matches(Passage("a", "", "- Thực hiện **trợ giúp pháp lý**\ncho trẻ em."), GOLD)
    assert not matches(Passage("b", "", "trợ giúp pháp lý cho trẻ em"), GOLD)
    assert not matches(Passage("a", "", "trợ giúp pháp lý"), GOLD)


def test_facts_accept_decimal_variants() -> None:
    assert fact_found("đạt 98.5% vào năm 2025", ["98,5%"])
    assert not fact_found("đạt 98% vào năm 2025", ["98,5%"])
    assert fact_found("THỰC HIỆN CHỈ THỊ 23/CT-TTG NGÀY 26/5/2020", ["Chỉ thị 23"])


def test_scores_of_one_question() -> None:
    passages = [
        Passage("c", "", "x"),
        Passage("a", "", "trợ giúp pháp lý cho trẻ em"),
        Passage("a", "", "y"),
        Passage("a", "", "z"),
        Passage("a", "", "w"),
    ]
    reply = Reply(
        "answered",
        "Đạt 98,5% [1]",
        [Passage("a", "", "trợ giúp pháp lý cho trẻ em"), Passage("c", "", "x")],
    )
    s = score_question(ROW, Fixed(passages, reply)).scores
    assert (s["hit@1"], s["hit@3"], s["hit@5"]) == (0.0, 1.0, 1.0)
    assert s["mrr"] == 0.5
    assert s["coverage@5"] == 0.5
    assert s["citation_precision"] == 0.5 and s["citation_recall"] == 0.5
    assert s["answer_facts"] == 0.5
    assert s["refusal_accuracy"] == 1.0 and s["false_refusal"] == 0.0


def test_unanswerable_scores_only_refusal() -> None:
    row = {**ROW, "answerable": False, "gold": [], "facts": []}
    s = score_question(row, Fixed([], Reply("no_answer", "...", []))).scores
    assert s == {"refusal_accuracy": 1.0, "refusal_recall": 1.0, "refused_right": 1.0}


def test_summary_gate_and_compare() -> None:
    outcomes = [
        Outcome("q1", "k", "dev", True, {"hit@5": 1.0, "mrr": 1.0}, ask_ms=10),
        Outcome("q2", "k", "heldout", True, {"hit@5": 0.0, "mrr": 0.5}, ask_ms=30),
    ]
    summary = summarize(outcomes)
    assert summary["overall"]["hit@5"] == 0.5 and summary["overall"]["mrr"] == 0.75
    assert summary["by_split"]["dev"]["hit@5"] == 1.0
    assert gate_failures(summary, {"overall": {"hit@5": 0.52, "mrr": 0.7}}) == []
    assert gate_failures(summary, {"overall": {"hit@5": 0.6}}) == [
        "hit@5: 0.5 < baseline 0.6 - 0.03"
    ]
    changes = compare(
        outcomes,
        [{"id": "q1", "scores": {"hit@5": 0.0}}, {"id": "q2", "scores": {"hit@5": 1.0}}],
    )
    # a held-out question is counted, never named
    assert changes == {
        "regressions": ["1 held-out question metric(s) (not named)"],
        "fixes": ["q1 hit@5: 0.0 → 1.0"],
    }


@pytest.mark.parametrize("split", ["dev", "heldout"])
def test_gold_set_has_both_splits_and_every_kind(split: str) -> None:
    from assistant.evals.command import GOLD
    from assistant.evals.suite import load_gold

    rows = load_gold(GOLD, split)
    kinds = {r["kind"] for r in rows}
    assert len(rows) >= 20 and len(kinds) >= 10
