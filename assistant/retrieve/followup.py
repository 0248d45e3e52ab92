"""Rule-based rewriting of follow-up questions into standalone ones.

"Còn Sở Giáo dục thì sao?" after "Sở Tư pháp Hà Nội phải làm gì?" becomes
"Sở Giáo dục Hà Nội phải làm gì?"; "Còn Long Khánh?" after "Sở Tư pháp phải làm gì?"
becomes "Sở Tư pháp phải làm gì? (Long Khánh)". No LLM is needed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from assistant.retrieve.query import detect_agency, detect_documents
from assistant.text import fold_diacritics
from assistant.types import DocumentMeta, Turn

_FOLLOWUP_START = re.compile(r"^\s*(?:con|the con|vay con|con ve)\b")
_FOLLOWUP_END = re.compile(r"\b(?:thi sao|thi the nao|thi ra sao|nua)\s*\??\s*$")
_OFFICE_MENTION = re.compile(
    r"\b(?:so|phong|nganh)\s+[a-z]+(?:\s+[a-z]+)?(?:\s+va\s+[a-z]+\s+[a-z]+)?"
    r"|\bcong an(?:\s+(?:tinh|thanh pho))?"
)
_FILLER = re.compile(
    r"^\s*(?:còn|thế còn|vậy còn|vậy|và|thế|còn về)\s+"
    r"|\s*(?:thì sao|thế nào|ra sao|nữa|thì)\s*\??\s*$",
    re.IGNORECASE,
)


def _span_of(pattern: re.Pattern[str], original: str) -> tuple[int, int] | None:
    """Where ``pattern`` matches the folded text; folding keeps lengths, so spans carry over."""
    match = pattern.search(fold_diacritics(original))
    return match.span() if match else None


def is_followup(question: str) -> bool:
    """Short questions that lean on the previous turn ("Còn Long Khánh?", "... thì sao?")."""
    folded = fold_diacritics(question)
    return (
        bool(_FOLLOWUP_START.search(folded) or _FOLLOWUP_END.search(folded))
        and len(folded.split()) <= 12
    )


def rewrite(
    question: str,
    history: Sequence[Turn],
    documents: Iterable[DocumentMeta],
    agency_keys: Iterable[str],
) -> str:
    """A standalone question carrying the previous turn's plan, agency or topic.

    Earlier follow-ups are resolved first, so a chain ("Sở Tư pháp phải làm gì?" →
    "Còn Sở Y tế thì sao?" → "Còn Long Khánh?") keeps the whole context.
    """
    docs = list(documents)
    keys = list(agency_keys)
    previous: str | None = None
    for turn in history:
        if turn.role == "user" and turn.content.strip():
            asked = turn.content.strip()
            previous = _rewrite_one(asked, previous, docs, keys) if previous else asked
    if not previous:
        return question
    return _rewrite_one(question, previous, docs, keys)


def _rewrite_one(question: str, previous: str, docs: list[DocumentMeta], keys: list[str]) -> str:
    """``question`` made standalone from one standalone ``previous`` question."""
    if not is_followup(question):
        return question
    core = _FILLER.sub("", question).strip(" ?")
    new_agency = detect_agency(question, keys)
    new_docs = detect_documents(question, docs)
    prev_docs = detect_documents(previous, docs)

    if new_agency:
        prev_span = _span_of(_OFFICE_MENTION, previous) if detect_agency(previous, keys) else None
        mention_span = _span_of(_OFFICE_MENTION, question)
        mention = question[mention_span[0] : mention_span[1]] if mention_span else core
        if prev_span:
            rewritten = previous[: prev_span[0]] + mention + previous[prev_span[1] :]
        else:
            rewritten = f"{mention} phải làm gì?"
            places = [d.locality for d in docs if d.id in prev_docs and d.locality]
            if places:
                rewritten = f"{mention} ở {', '.join(places)} phải làm gì?"
        if new_docs and not prev_docs:
            rewritten = f"{rewritten.rstrip()} ({core})"
        return rewritten

    if new_docs:
        base = previous
        for doc in docs:
            if doc.id in prev_docs:
                names = [doc.locality or ""]
                if doc.number:
                    names.append(doc.number)
                    names.append(doc.number.split("/")[0])
                for name in filter(None, names):
                    base = re.sub(
                        rf"(?:\s+(?:của|ở|tại))?\s*{re.escape(name)}\b",
                        "",
                        base,
                        flags=re.IGNORECASE,
                    )
        base = re.sub(r"\s+(?:ở|tại|của)\s*(?=[?.]|$)", "", re.sub(r"\s{2,}", " ", base)).strip()
        named = ", ".join(d.locality or d.id for d in docs if d.id in new_docs)
        return f"{base.rstrip(' ?')} ở {named}?"

    return f"{previous.rstrip(' ?')}: {core}?"
