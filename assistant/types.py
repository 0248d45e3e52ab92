"""The data that crosses layers: ingest → index → retrieve → answer → api/ui/evals."""

from __future__ import annotations

import uuid
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

SECTION_SEPARATOR = " › "


@dataclass(frozen=True)
class DocumentMeta:
    """What a plan says about itself."""

    id: str
    source: str
    title: str
    locality: str | None = None
    number: str | None = None
    date: str | None = None  # ISO 8601 (YYYY-MM-DD)
    year: int | None = None  # from the date, or from the title when the text has no date
    signer: str | None = None
    implements: tuple[str, ...] = ()
    truncated: bool = False
    kind: str = "Kế hoạch"  # the document's kind, from its title line ("Quyết định", ...)

    @property
    def label(self) -> str:
        """How an answer names the plan: locality, kind and number (or year)."""
        where = self.locality or self.id
        if self.number:
            return f"{where} – {self.kind} {self.number}"
        if self.year:
            return f"{where} – {self.kind} năm {self.year}"
        return f"{where} – {self.title}"

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["implements"] = list(self.implements)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DocumentMeta:
        return cls(**{**data, "implements": tuple(data.get("implements", ()))})


@dataclass
class Section:
    """A node of a plan's outline: a Roman part, a numbered item, a lettered point."""

    title: str
    level: int  # 0 = document root, 1 = Roman part, 2 = numbered item, 3 = lettered point
    blocks: list[str] = field(default_factory=list)  # paragraphs and bullets, in order
    children: list[Section] = field(default_factory=list)
    heading_is_text: bool = False  # the "heading" was a sentence item: its text is in blocks

    def walk(self, path: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], Section]]:
        """Every section below this one with its path of titles (depth first, in order)."""
        out: list[tuple[tuple[str, ...], Section]] = []
        for child in self.children:
            child_path = (*path, child.title)
            out.append((child_path, child))
            out.extend(child.walk(child_path))
        return out


@dataclass(frozen=True)
class ParsedPlan:
    """A plan after parsing: metadata and its outline."""

    meta: DocumentMeta
    root: Section


@dataclass(frozen=True)
class Chunk:
    """A passage of one section, small enough to embed, with where it comes from."""

    id: str
    document_id: str
    section: str  # "IV. TỔ CHỨC THỰC HIỆN › 7. Sở Tư pháp"
    text: str  # the plan's own wording
    position: int
    content_hash: str
    agency: str | None = None  # set when the section assigns tasks to one agency

    @property
    def embedding_text(self) -> str:
        """What the embedding model sees: the section path gives the passage its context."""
        return f"{self.section}\n{self.text}"

    def to_metadata(self) -> dict[str, str | int]:
        meta: dict[str, str | int] = {
            "document_id": self.document_id,
            "section": self.section,
            "position": self.position,
            "content_hash": self.content_hash,
        }
        if self.agency:
            meta["agency"] = self.agency
        return meta

    @classmethod
    def from_record(cls, chunk_id: str, text: str, meta: dict[str, Any]) -> Chunk:
        return cls(
            id=chunk_id,
            document_id=str(meta["document_id"]),
            section=str(meta["section"]),
            text=text,
            position=int(meta["position"]),
            content_hash=str(meta["content_hash"]),
            agency=str(meta["agency"]) if meta.get("agency") else None,
        )


@dataclass(frozen=True)
class SearchHit:
    """A chunk found for a query, with its fused score (higher is better)."""

    chunk: Chunk
    document: DocumentMeta
    score: float
    dense_score: float = 0.0
    keyword_score: float = 0.0


@dataclass(frozen=True)
class Citation:
    """A passage an answer rests on; ``n`` matches the answer's [n] markers."""

    n: int
    hit: SearchHit


Status = Literal["answered", "no_answer"]


def new_answer_id() -> str:
    """A fresh id for an answer, which feedback on it refers to."""
    return f"ans_{uuid.uuid4().hex[:20]}"


@dataclass(frozen=True)
class Answer:
    """A grounded answer and the passages it quotes."""

    status: Status
    text: str
    question_used: str
    citations: list[Citation]
    related: list[SearchHit] = field(default_factory=list)  # near misses when no_answer
    id: str = field(default_factory=new_answer_id)


@dataclass(frozen=True)
class Turn:
    """One message of a conversation."""

    role: Literal["user", "assistant"]
    content: str
