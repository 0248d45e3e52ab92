"""Ingest: files → parsed plans → chunks → vectors (cached) → a new index generation."""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from assistant.index.embeddings import Embedder, EmbeddingCache, embed_passages
from assistant.index.store import IndexPaths, read_manifest, write_generation
from assistant.index.units import embed_units, has_units, write_units
from assistant.ingest.chunker import chunk_plan
from assistant.ingest.parser import PlanParseError, parse_plan
from assistant.ingest.readers import read_document
from assistant.settings import IngestSettings, Settings
from assistant.types import Chunk, DocumentMeta, ParsedPlan


@dataclass
class Skipped:
    path: str
    reason: str


@dataclass
class IngestReport:
    """What an ingest did, as printed by ``assistant ingest --json``."""

    documents: int = 0
    chunks: int = 0
    added: int = 0
    updated: int = 0
    deleted: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    seconds: float = 0.0
    embedded: int = 0
    units_embedded: int = 0  # quotable units (bullets, sentences) embedded afresh
    generation: str | None = None

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["seconds"] = round(self.seconds, 3)
        return data


def discover(paths: Iterable[Path]) -> list[Path]:
    """Files to ingest: the given files, and every file below the given folders."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(
                p for p in sorted(path.rglob("*")) if p.is_file() and not p.name.startswith(".")
            )
        else:
            found.append(path)
    return found


def read_plan(path: Path, settings: IngestSettings | None = None) -> ParsedPlan:
    """Read and parse one file; raises ValueError with a reason a person understands."""
    text = read_document(path, settings)
    try:
        return parse_plan(text, doc_id=path.stem, source=path.name)
    except PlanParseError as exc:
        raise ValueError(str(exc)) from exc


def ingest(
    paths: Sequence[Path],
    settings: Settings,
    embedder: Embedder,
    progress: Any = None,
) -> IngestReport:
    """Make the index hold exactly the plans in ``paths``; unchanged chunks are not re-embedded.

    Reports what was added, updated and deleted relative to the previous index; writes a
    new generation only when something changed.
    """
    started = time.perf_counter()
    report = IngestReport()
    plans: list[ParsedPlan] = []
    for path in discover(paths):
        try:
            plans.append(read_plan(path, settings.ingest))
        except ValueError as exc:
            report.skipped.append(Skipped(str(path), str(exc)))
    seen: set[str] = set()
    for plan in list(plans):
        if plan.meta.id in seen:
            plans.remove(plan)
            report.skipped.append(
                Skipped(plan.meta.source, f"duplicate document id {plan.meta.id}")
            )
        seen.add(plan.meta.id)

    documents: list[DocumentMeta] = [p.meta for p in plans]
    chunks: list[Chunk] = []
    for plan in plans:
        chunks.extend(chunk_plan(plan, embedder.token_count, settings.embedding.max_tokens))
    report.documents, report.chunks = len(documents), len(chunks)

    index_paths = IndexPaths(settings.data_dir)
    previous = read_manifest(index_paths)
    old_docs, old_chunks = previous if previous else ([], [])
    old_hash = {c.id: c.content_hash for c in old_chunks}
    new_ids = {c.id for c in chunks}
    report.added = sum(1 for c in chunks if c.id not in old_hash)
    report.updated = sum(1 for c in chunks if c.id in old_hash and old_hash[c.id] != c.content_hash)
    report.deleted = sum(1 for i in old_hash if i not in new_ids)
    unchanged = (
        previous is not None
        and report.added == report.updated == report.deleted == 0
        and [c.to_metadata() for c in old_chunks] == [c.to_metadata() for c in chunks]
        and {d.id: d for d in old_docs} == {d.id: d for d in documents}
        and has_units(index_paths.generation_dir(str(index_paths.current_generation())))
    )
    if not documents:
        # Nothing readable was given: keep the index (if any) rather than empty it.
        report.added = report.updated = report.deleted = 0
        report.generation = index_paths.current_generation()
    elif unchanged:
        report.generation = index_paths.current_generation()
    else:
        cache = EmbeddingCache(index_paths.embedding_cache)
        try:
            if progress is not None:
                progress.total = len(chunks)
            vectors, report.embedded = embed_passages(
                embedder,
                [c.embedding_text for c in chunks],
                cache,
                settings.embedding.batch_size,
                progress,
            )
            units, unit_vectors, report.units_embedded = embed_units(
                embedder, chunks, cache, settings.embedding.batch_size
            )
        finally:
            cache.close()
        report.generation = write_generation(
            index_paths,
            settings.chroma,
            documents,
            chunks,
            vectors,
            lambda directory: write_units(directory, units, unit_vectors),
        )
    report.seconds = time.perf_counter() - started
    return report
