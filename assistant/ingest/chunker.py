"""Cut a parsed plan into chunks that follow its sections and fit the embedding model."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable

from assistant.ingest.parser import RE_GROUP
from assistant.types import SECTION_SEPARATOR, Chunk, ParsedPlan

TokenCounter = Callable[[str], int]

ASSIGNMENT_PART = re.compile(r"TỔ CHỨC THỰC HIỆN|PHÂN CÔNG", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.;!?])\s+(?=[A-ZĐÀ-Ỹ\-+])")
_TITLE_NUMBER = re.compile(r"^\d{1,2}\.\s*")
_TRAILING_DUTY = re.compile(r"\s+có trách nhiệm$")


def agency_of(path: tuple[str, ...]) -> str | None:
    """The agency a section assigns tasks to: item titles under "TỔ CHỨC THỰC HIỆN"
    (or "Điều 2. Tổ chức thực hiện"), also when a "Phần thứ hai" group stands above it."""
    start = 1 if path and RE_GROUP.match(path[0]) else 0
    if len(path) < start + 2 or not ASSIGNMENT_PART.search(path[start]):
        return None
    title = _TITLE_NUMBER.sub("", path[start + 1]).rstrip("…").strip()
    return _TRAILING_DUTY.sub("", title) or None


def _split_long_block(block: str, budget: int, count: TokenCounter) -> list[str]:
    """Split one over-long paragraph at sentence ends, then at word boundaries.

    Linear in the block's length: every text handed to ``count`` is at most a few budgets
    long, so one huge paragraph (a file of one line) costs no more than many small ones.
    """
    pieces: list[str] = []
    current = ""
    for sentence in _SENTENCE_END.split(block):
        candidate = f"{current} {sentence}".strip()
        if current and (len(candidate) > 16 * budget or count(candidate) > budget):
            pieces.append(current)
            current = sentence
        else:
            current = candidate
    if current:
        pieces.append(current)
    out: list[str] = []
    for piece in pieces:
        words = piece.split()
        start = 0
        # a window of 2 x budget words always holds more than ``budget`` tokens
        while start < len(words):
            window = words[start : start + 2 * budget]
            tokens = count(" ".join(window))
            if tokens <= budget:
                out.append(" ".join(window))
                start += len(window)
                continue
            cut = max(1, len(window) * budget // max(1, tokens) - 5)
            out.append(" ".join(window[:cut]))
            start += cut
    return out


def chunk_plan(plan: ParsedPlan, count: TokenCounter, max_tokens: int = 480) -> list[Chunk]:
    """Chunks of every section's own text, in document order, each within ``max_tokens``.

    A chunk holds whole bullets of one section; a section longer than the budget is split
    between bullets (or sentences of an over-long bullet), so a chunk never spans two
    agencies' sections. Ids derive from the document, the section path and the part
    number, so re-ingesting an unchanged plan yields the same ids.
    """
    chunks: list[Chunk] = []
    seen_paths: dict[str, int] = {}
    for path, section in plan.root.walk():
        if not section.blocks:
            continue
        section_name = SECTION_SEPARATOR.join(path)
        budget = max(32, max_tokens - count(section_name) - 4)
        parts: list[str] = []
        current: list[str] = []
        for block in section.blocks:
            pieces = [block] if count(block) <= budget else _split_long_block(block, budget, count)
            for piece in pieces:
                if current and count("\n".join([*current, piece])) > budget:
                    parts.append("\n".join(current))
                    current = []
                current.append(piece)
        if current:
            parts.append("\n".join(current))

        occurrence = seen_paths.get(section_name, 0)
        seen_paths[section_name] = occurrence + 1
        path_key = hashlib.sha1(f"{section_name}#{occurrence}".encode()).hexdigest()[:10]
        agency = agency_of(path)
        for part_no, text in enumerate(parts):
            chunks.append(
                Chunk(
                    id=f"{plan.meta.id}:{path_key}:{part_no}",
                    document_id=plan.meta.id,
                    section=section_name,
                    text=text,
                    position=len(chunks),
                    content_hash=hashlib.sha256(f"{section_name}\n{text}".encode()).hexdigest(),
                    agency=agency,
                )
            )
    return chunks
