"""Bring-your-own gold questions: CSV or JSONL whose gold passages name the plan by number
or locality and a quote, turned into the suite's rows (plan ids resolved on the index).

CSV columns: ``question,plan,quote,facts`` and optionally ``answerable`` (true/false),
``history`` (a JSON list of ``{"role", "content"}``), ``id``, ``kind``, ``split``.
Several plans: ``plan`` and ``quote`` hold as many ``|``-separated values, pairwise.
``facts``: the accepted ways of writing a fact separated by ``|``; several facts that must
all be there separated by ``;``. JSONL rows take the same fields (``facts`` may also be a
list of lists), or the suite's own format (``gold: [{"document", "quote"}]``).
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from assistant.errors import InvalidRequest
from assistant.text import fold_diacritics
from assistant.types import DocumentMeta

TRUE = {"true", "1", "yes", "có", "co", "x"}
FALSE = {"false", "0", "no", "không", "khong"}


def parse_cases(text: str, fmt: str) -> list[dict[str, Any]]:
    """Raw cases from the text of a ``csv`` or ``jsonl`` file."""
    if fmt == "csv":
        reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
        missing = {"question", "plan", "quote", "facts"} - set(reader.fieldnames or ())
        if missing:
            raise InvalidRequest(f"CSV thiếu cột: {', '.join(sorted(missing))}.")
        return [dict(row) for row in reader if (row.get("question") or "").strip()]
    cases = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            case = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InvalidRequest(f"JSONL dòng {number}: không phải JSON ({exc.msg}).") from exc
        if not isinstance(case, dict):
            raise InvalidRequest(f"JSONL dòng {number}: cần một đối tượng JSON.")
        cases.append(case)
    return cases


def resolve_plan(name: str, documents: Sequence[DocumentMeta]) -> str:
    """The id of the plan ``name`` names: its id, number ("203/KH-UBND", "203") or locality."""
    wanted = fold_diacritics(name).strip()
    by_id = [d.id for d in documents if d.id == name.strip()]
    if by_id:
        return by_id[0]
    digits = re.match(r"\d+", wanted)
    by_number = [
        d.id
        for d in documents
        if d.number
        and (
            fold_diacritics(d.number) == wanted
            or (digits and d.number.split("/")[0] == digits.group(0))
        )
    ]
    by_place = [d.id for d in documents if d.locality and fold_diacritics(d.locality) == wanted]
    found = by_number or by_place
    if len(found) == 1:
        return found[0]
    if not found:
        known = "; ".join(f"{d.locality or d.id} ({d.number or 'không số'})" for d in documents)
        raise InvalidRequest(f"Không tìm thấy kế hoạch '{name}'. Các kế hoạch: {known}.")
    raise InvalidRequest(f"'{name}' khớp nhiều kế hoạch ({', '.join(found)}): ghi số kế hoạch.")


def _facts(value: Any) -> list[list[str]]:
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return [
            [v.strip() for v in fact.split("|") if v.strip()]
            for fact in value.split(";")
            if fact.strip()
        ]
    facts: list[list[str]] = []
    for fact in value:
        facts.append([fact] if isinstance(fact, str) else [str(v) for v in fact])
    return facts


def _answerable(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value or "").strip().lower()
    if text in FALSE:
        return False
    if text and text not in TRUE:
        raise InvalidRequest(f"answerable phải là true hoặc false, không phải '{value}'.")
    return True


def _history(value: Any) -> list[dict[str, str]]:
    if isinstance(value, str):
        if not value.strip():
            return []
        try:
            value = json.loads(value)
        except json.JSONDecodeError as exc:
            raise InvalidRequest("history phải là một danh sách JSON các lượt.") from exc
    turns = []
    for turn in value or []:
        role = turn.get("role") if isinstance(turn, dict) else None
        if role not in ("user", "assistant"):
            raise InvalidRequest("Mỗi lượt của history cần role 'user' hoặc 'assistant'.")
        turns.append({"role": role, "content": str(turn.get("content", ""))})
    return turns


def to_rows(
    cases: Iterable[dict[str, Any]], documents: Sequence[DocumentMeta]
) -> list[dict[str, Any]]:
    """The suite's rows for ``cases``, plans resolved against ``documents``."""
    rows = []
    for number, case in enumerate(cases, 1):
        question = str(case.get("question") or "").strip()
        if not question:
            raise InvalidRequest(f"Câu hỏi số {number} trống.")
        answerable = _answerable(case.get("answerable", True))
        gold = case.get("gold")
        if gold is None:
            plans = [p for p in str(case.get("plan") or "").split("|") if p.strip()]
            quotes = [q for q in str(case.get("quote") or "").split("|") if q.strip()]
            if answerable and (not plans or len(plans) != len(quotes)):
                raise InvalidRequest(
                    f"Câu hỏi số {number}: cần plan và quote (cùng số giá trị, cách nhau '|')."
                )
            gold = [
                {"document": resolve_plan(p, documents), "section": "", "quote": q.strip()}
                for p, q in zip(plans, quotes, strict=False)
            ]
        rows.append(
            {
                "id": str(case.get("id") or f"c{number:03d}"),
                "split": str(case.get("split") or "custom"),
                "kind": str(case.get("kind") or "custom"),
                "question": question,
                "history": _history(case.get("history")),
                "answerable": answerable,
                "gold": gold if answerable else [],
                "facts": _facts(case.get("facts")) if answerable else [],
            }
        )
    return rows


def load_gold_file(path: Path, documents: Sequence[DocumentMeta]) -> list[dict[str, Any]]:
    """The suite's rows from a CSV or JSONL file of gold questions."""
    fmt = "csv" if path.suffix.lower() == ".csv" else "jsonl"
    return to_rows(parse_cases(path.read_text(encoding="utf-8-sig"), fmt), documents)
