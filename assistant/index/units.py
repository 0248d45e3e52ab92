"""Quotable units (bullets, or whole sentences of a long bullet) and their vectors.

An answer quotes units, never pieces of them. Each unit is embedded at ingest with the
passage model, cached by content hash like chunks, and stored with the index generation
(``units.jsonl`` + ``units.npy``), so answering a question costs one matrix product.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from assistant.index.embeddings import Embedder, EmbeddingCache, embed_passages
from assistant.types import SECTION_SEPARATOR, Chunk

MAX_UNIT_CHARS = 320
# A sentence ends at . ! ? after a letter (not "98,5%." inside a figure, not "1.000"),
# before a capital or a bullet; a semicolon never ends one (lists of indicators stay whole).
_SENTENCE_END = re.compile(r"(?<=[^\d\s][.!?])\s+(?=[A-ZĐÀ-Ỹ\-+•(\"“])")
UNITS_FILE = "units.jsonl"
VECTORS_FILE = "units.npy"


def split_sentences(text: str) -> list[str]:
    """Whole sentences of a paragraph."""
    return [s for s in _SENTENCE_END.split(text) if s.strip()]


def quotable_units(text: str) -> list[str]:
    """Bullets and paragraphs of a passage; over-long ones as their whole sentences."""
    out: list[str] = []
    for line in text.split("\n"):
        line = line.strip()
        if not line:
            continue
        out.extend([line] if len(line) <= MAX_UNIT_CHARS else split_sentences(line))
    return out


def embedding_text(chunk: Chunk, unit: str) -> str:
    """What the model sees for a unit: the item it belongs to gives it context."""
    return f"{chunk.section.split(SECTION_SEPARATOR)[-1]}: {unit}"


# A numbered target ("Chỉ tiêu 5: ...") and the units that cite targets by number
# ("chỉ đạo thực hiện các chỉ tiêu 3, 4, 5, 6 của Kế hoạch").
_TARGET = re.compile(r"^[-+•\s]*(?:Chỉ tiêu|Mục tiêu)\s+(\d{1,3})\s*[:.]", re.IGNORECASE)
_CITED = re.compile(r"(?:chỉ tiêu|mục tiêu)\s+((?:\d{1,3}\s*(?:,|và)?\s*)+)", re.IGNORECASE)


def is_closing(unit: str) -> bool:
    """Whether a unit is the plan's closing formula ("Trên đây là Kế hoạch ..."): it
    restates the plan's name and matches every question about the plan, but answers none.
    (The end mark "./." is no sign: the last sentence before it may carry content.)"""
    return unit.strip().lstrip("-+• ").startswith("Trên đây là")


def target_number(unit: str) -> int | None:
    """The number of a numbered target unit ("Chỉ tiêu 13: ..." → 13)."""
    m = _TARGET.match(unit)
    return int(m.group(1)) if m else None


def cited_targets(unit: str) -> set[int]:
    """The target numbers a unit cites ("các chỉ tiêu 13, 21 của Kế hoạch" → {13, 21})."""
    if _TARGET.match(unit):
        return set()
    return {int(n) for m in _CITED.finditer(unit) for n in re.findall(r"\d{1,3}", m.group(1))}


@dataclass
class UnitIndex:
    """Every unit of a generation, by chunk, with one vector row each."""

    by_chunk: dict[str, list[tuple[str, int]]]  # chunk id → [(unit text, vector row)]
    vectors: np.ndarray
    # (plan id, target number) → the assignment chunks whose units cite that target
    citing: dict[tuple[str, int], list[Chunk]] = field(default_factory=dict)
    # plan id → its chunks in reading order (for outlines of a part)
    plan_chunks: dict[str, list[Chunk]] = field(default_factory=dict)

    def link(self, chunks: Sequence[Chunk]) -> None:
        """Record which agency assignments cite which numbered targets of their plan, so
        that "who is responsible for <a target>" finds the agency (done once per load)."""
        citing: dict[tuple[str, int], list[Chunk]] = {}
        plan_chunks: dict[str, list[Chunk]] = {}
        for chunk in chunks:
            plan_chunks.setdefault(chunk.document_id, []).append(chunk)
            if not chunk.agency:
                continue
            numbers = {n for text, _ in self.units(chunk) for n in cited_targets(text)}
            for n in sorted(numbers):
                citing.setdefault((chunk.document_id, n), []).append(chunk)
        self.citing = citing
        self.plan_chunks = plan_chunks

    def units(self, chunk: Chunk) -> list[tuple[str, int]]:
        """The units of ``chunk`` (computed afresh, without vectors, when not stored)."""
        stored = self.by_chunk.get(chunk.id)
        if stored is not None:
            return stored
        return [(u, -1) for u in quotable_units(chunk.text)]

    def similarity(self, rows: Sequence[int], query: np.ndarray | None) -> np.ndarray:
        """Cosine similarity of the units at ``rows`` to the query (0 where unknown)."""
        out = np.zeros(len(rows), dtype=np.float32)
        if query is None or not len(self.vectors):
            return out
        known = [i for i, r in enumerate(rows) if r >= 0]
        if known:
            out[known] = self.vectors[[rows[i] for i in known]] @ query
        return out


def empty_units() -> UnitIndex:
    """No stored units: quotes are chosen by words alone."""
    return UnitIndex({}, np.zeros((0, 0), dtype=np.float32))


def embed_units(
    embedder: Embedder, chunks: Sequence[Chunk], cache: EmbeddingCache, batch_size: int = 16
) -> tuple[list[tuple[str, str]], np.ndarray, int]:
    """Every unit as (chunk id, text), their vectors, and how many had to be computed."""
    units = [(c.id, u) for c in chunks for u in quotable_units(c.text)]
    by_id = {c.id: c for c in chunks}
    texts = [embedding_text(by_id[cid], u) for cid, u in units]
    vectors, computed = embed_passages(embedder, texts, cache, batch_size)
    return units, vectors, computed


def write_units(directory: Path, units: Sequence[tuple[str, str]], vectors: np.ndarray) -> None:
    """Store a generation's units beside its chunks."""
    with (directory / UNITS_FILE).open("w", encoding="utf-8") as out:
        for chunk_id, text in units:
            out.write(json.dumps({"chunk": chunk_id, "text": text}, ensure_ascii=False) + "\n")
    np.save(directory / VECTORS_FILE, np.asarray(vectors, dtype=np.float32))


def has_units(directory: Path) -> bool:
    """Whether a generation has its units stored (older ones do not)."""
    return (directory / UNITS_FILE).exists() and (directory / VECTORS_FILE).exists()


def load_units(directory: Path) -> UnitIndex:
    """A generation's units, or none when it was written before units existed."""
    if not has_units(directory):
        return empty_units()
    by_chunk: dict[str, list[tuple[str, int]]] = {}
    with (directory / UNITS_FILE).open(encoding="utf-8") as lines:
        for row, line in enumerate(lines):
            record: dict[str, Any] = json.loads(line)
            by_chunk.setdefault(record["chunk"], []).append((record["text"], row))
    vectors = np.load(directory / VECTORS_FILE)
    return UnitIndex(by_chunk, vectors)
