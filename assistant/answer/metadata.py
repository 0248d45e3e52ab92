"""Questions about a plan itself (who signed it, its number, date, what it implements),
answered by quoting the line of the plan that states it."""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.text import fold_diacritics
from assistant.types import Answer, Chunk, Citation, DocumentMeta, SearchHit, Status

INTENTS: dict[str, re.Pattern[str]] = {
    "signer": re.compile(r"\b(?:ai ky|nguoi ky|ky boi|ky ten|ai da ky|ky ke hoach)\b"),
    "number": re.compile(
        r"\bso hieu\b|\bma so\b|\bso ky hieu\b"
        r"|\bke hoach (?:\S+ ){0,5}?(?:la )?(?:so may|so bao nhieu|so gi)\b"
    ),
    "date": re.compile(
        r"\b(?:ngay ban hanh|ban hanh (?:vao )?(?:ngay|thang|nam|khi|luc) ?(?:nao|bao gio)?|"
        r"ngay ky|ky (?:vao )?(?:ngay|khi|luc) ?nao)\b"
    ),
    "implements": re.compile(
        r"\b(?:(?:thuc hien|trien khai|cu the hoa) (?:van ban|chi thi|ke hoach|nghi quyet) nao|"
        r"can cu (?:vao )?(?:van ban )?nao|de thuc hien (?:van ban|chi thi|ke hoach) nao|"
        r"thuc hien chi thi nao|trien khai chi thi nao)\b"
    ),
}
# Questions about a phone line or a report deadline are not about the plan's own metadata.
NOT_METADATA = re.compile(r"\b(?:dien thoai|tong dai|duong day|bao cao)\b")
WHAT = {
    "signer": "người ký",
    "number": "số hiệu",
    "date": "ngày ban hành",
    "implements": "văn bản được triển khai",
}


def metadata_intent(question: str) -> str | None:
    """Which fact about a plan the question asks for, if any."""
    folded = fold_diacritics(question)
    if NOT_METADATA.search(folded):
        return None
    for intent, pattern in INTENTS.items():
        if pattern.search(folded):
            return intent
    return None


def _evidence(intent: str, doc: DocumentMeta, chunks: Sequence[Chunk]) -> tuple[Chunk, str] | None:
    """The chunk and the line in it that states the fact."""
    if intent == "signer" and doc.signer:
        needle = re.compile(re.escape(doc.signer))
    elif intent == "number" and doc.number:
        digits, kind = doc.number.split("/", 1)
        needle = re.compile(rf"Số(?: hiệu)?\s*:?\s*{digits}\s*/\s*{re.escape(kind)}")
    elif intent == "date" and doc.date:
        y, m, d = (int(x) for x in doc.date.split("-"))
        needle = re.compile(
            rf"ngày 0?{d} tháng 0?{m} năm {y}|Ngày ban hành 0?{d}/0?{m}/{y}", re.IGNORECASE
        )
    elif intent == "implements" and doc.title:
        needle = re.compile(re.escape(doc.title[:60]))
    else:
        return None
    for chunk in chunks:
        for line in chunk.text.split("\n"):
            if needle.search(line):
                return chunk, line
    return None


def answer_metadata(
    intent: str,
    question_used: str,
    documents: Sequence[DocumentMeta],
    chunks: Sequence[Chunk],
    scope: Sequence[str],
) -> Answer:
    """Quote, for each plan in ``scope`` (all when empty), the line stating the fact."""
    in_scope = [d for d in documents if not scope or d.id in scope]
    parts: list[str] = []
    citations: list[Citation] = []
    for doc in in_scope:
        found = _evidence(intent, doc, [c for c in chunks if c.document_id == doc.id])
        if found is None:
            parts.append(f"**{doc.label}**: văn bản không ghi {WHAT[intent]}.")
            continue
        chunk, line = found
        n = len(citations) + 1
        citations.append(Citation(n, SearchHit(chunk=chunk, document=doc, score=1.0)))
        quote = line if len(line) <= 400 else line[:400].rsplit(" ", 1)[0] + " …"
        parts.append(f"**{doc.label}** — {WHAT[intent]} ({chunk.section}) [{n}]:\n- “{quote}”")
    status: Status = "answered" if citations else "no_answer"
    return Answer(status, "\n\n".join(parts), question_used, citations)
