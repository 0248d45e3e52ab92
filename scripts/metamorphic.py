"""Metamorphic check of the answer step: a dev question the assistant got right should stay
right when it is typed differently but means the same.

Each variant rewrites the question as users do: ``fold`` (typed without marks, lower case),
``polite`` (a courtesy opener), ``tail`` (closing particles "vậy ạ?"), ``lower`` (all lower
case), ``tone`` (every fourth marked syllable with a slipped tone mark). The rows checked are
the dev rows an earlier eval run got right (all facts for answerable rows, a refusal for
unanswerable ones); held-out rows are never read. Breaks are printed per variant as FR (an
answerable row now refused), MF (answered without a fact) or FA (an unanswerable row now
answered). No gold is needed beyond the eval run, so it finds brittleness the gold set's own
wordings hide.

    PYTHONPATH=$PWD python scripts/metamorphic.py evals/results/baseline [fold tone ...]
"""

from __future__ import annotations

import argparse
import json
import unicodedata
from collections.abc import Callable
from pathlib import Path

from assistant.container import build
from assistant.evals.suite import fact_found
from assistant.settings import Settings
from assistant.text import fold_diacritics
from assistant.types import Turn

TONES = ("\u0300", "\u0301", "\u0309", "\u0303", "\u0323")  # huyền sắc hỏi ngã nặng


def retone(question: str) -> str:
    """Every fourth syllable with a tone mark gets another tone (or none): a slip of the
    input method."""
    out: list[str] = []
    marked = 0
    for word in question.split(" "):
        decomposed = unicodedata.normalize("NFD", word)
        tones = [ch for ch in decomposed if ch in TONES]
        if tones:
            marked += 1
            if marked % 4 == 2:
                at = decomposed.index(tones[0])
                rest = decomposed[:at] + decomposed[at + 1 :]
                while at < len(rest) and unicodedata.combining(rest[at]):
                    at += 1  # after the vowel's own marks (ô, ư), where NFC composes it
                other = (TONES.index(tones[0]) + 1 + len(word)) % 6
                decomposed = rest[:at] + (TONES[other] if other < 5 else "") + rest[at:]
        out.append(unicodedata.normalize("NFC", decomposed))
    return " ".join(out)


def _lower_first(question: str) -> str:
    return question[:1].lower() + question[1:]


VARIANTS: dict[str, Callable[[str], str]] = {
    "fold": lambda q: fold_diacritics(q).rstrip("?. "),
    "polite": lambda q: "Cho tôi hỏi với, " + _lower_first(q),
    "tail": lambda q: q.rstrip("?. ") + " vậy ạ?",
    "lower": lambda q: q.lower().rstrip("?. "),
    "tone": retone,
}


def main() -> None:
    """Re-ask the right-answered dev rows of an eval run under each variant."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("run", type=Path, help="an eval output folder (per_question.jsonl)")
    parser.add_argument("variants", nargs="*", help=f"of {', '.join(VARIANTS)} (default: all)")
    parser.add_argument("--gold", type=Path, default=Path("evals/gold.jsonl"))
    args = parser.parse_args()
    args.variants = args.variants or list(VARIANTS)
    if unknown := set(args.variants) - set(VARIANTS):
        parser.error(f"unknown variant(s): {', '.join(sorted(unknown))}")
    gold = [json.loads(line) for line in args.gold.read_text(encoding="utf-8").splitlines()]
    runs = (args.run / "per_question.jsonl").read_text(encoding="utf-8").splitlines()
    results = {row["id"]: row for row in map(json.loads, runs)}
    service = build(Settings()).service
    breaks: dict[str, list[tuple[str, str, str]]] = {v: [] for v in args.variants}
    checked = 0
    for row in gold:
        result = results.get(row["id"])
        if row["split"] != "dev" or result is None:
            continue
        right_answer = (
            row["answerable"]
            and result["status"] == "answered"
            and result["scores"].get("answer_facts", 0) == 1
        )
        right_refusal = not row["answerable"] and result["status"] != "answered"
        if not (right_answer or right_refusal):
            continue
        checked += 1
        history = [Turn(**t) for t in row.get("history", [])]
        for name in args.variants:
            rewritten = VARIANTS[name](row["question"])
            answer = service.ask(rewritten, history)
            if right_refusal:
                kind = "FA" if answer.status == "answered" else ""
            elif answer.status != "answered":
                kind = "FR"
            else:
                facts = [f if isinstance(f, list) else [f] for f in row["facts"]]
                kind = "" if all(fact_found(answer.text, f) for f in facts) else "MF"
            if kind:
                breaks[name].append((row["id"], kind, rewritten))
    print(f"checked {checked} dev rows right in {args.run}")
    for name, found in breaks.items():
        counts = {k: sum(1 for _, kind, _ in found if kind == k) for k in ("FR", "MF", "FA")}
        print(f"== {name}: {len(found)} break(s) {counts}")
        for qid, kind, rewritten in found:
            print(f"  {qid} {kind} {rewritten[:120]}")


if __name__ == "__main__":
    main()
