"""Ingest: files → parsed plans → chunks → vectors (cached) → a new index generation."""

from __future__ import annotations

import functools
import hashlib
import os
import stat
import time
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from assistant.index.embeddings import Embedder, EmbeddingCache, embed_passages
from assistant.index.store import (
    IndexPaths,
    generation_usable,
    ingest_lock,
    load_vectors,
    read_manifest,
    write_generation,
)
from assistant.index.units import embed_units, has_units, write_units
from assistant.ingest.chunker import chunk_plan
from assistant.ingest.parser import PlanParseError, parse_plan
from assistant.ingest.readers import read_document
from assistant.settings import IngestSettings, Settings
from assistant.types import Chunk, DocumentMeta, ParsedPlan
from assistant.understand.question import load_tables, save_tables, tables_current


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


def _kind(mode: int) -> str:
    """What a non-regular file is, in words."""
    for test, name in (
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISDIR, "a folder"),
    ):
        if test(mode):
            return name
    return "not a regular file"


def discover(paths: Iterable[Path], skipped: list[Skipped] | None = None) -> list[Path]:
    """Files to ingest: the given files, and every regular file below the given folders.

    Nothing is opened here. Hidden names are ignored; FIFOs, sockets and devices, symlinks
    leading outside the folder they were found in, and folders that cannot be listed are
    left out with a reason appended to ``skipped``.
    """
    skipped = skipped if skipped is not None else []
    found: list[Path] = []
    for path in paths:
        try:
            info = path.stat()  # a path named explicitly may be a symlink: follow it
        except FileNotFoundError:
            skipped.append(Skipped(str(path), "file not found"))
            continue
        except OSError as exc:
            skipped.append(Skipped(str(path), f"unreadable ({exc.strerror or exc})"))
            continue
        if stat.S_ISDIR(info.st_mode):
            found.extend(_walk(path, skipped))
        elif stat.S_ISREG(info.st_mode):
            found.append(path)
        else:
            skipped.append(Skipped(str(path), f"not a regular file ({_kind(info.st_mode)})"))
    return found


def _walk(folder: Path, skipped: list[Skipped]) -> list[Path]:
    """Regular files below ``folder``, in name order, never leaving it."""
    root = folder.resolve()
    found: list[Path] = []

    def unreadable(exc: OSError) -> None:
        where = exc.filename or str(folder)
        skipped.append(Skipped(str(where), f"unreadable folder ({exc.strerror or exc})"))

    for current, dirs, files in os.walk(folder, onerror=unreadable, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        here = Path(current)
        for name in sorted(files) + [d for d in dirs if (here / d).is_symlink()]:
            if name.startswith("."):
                continue
            path = here / name
            if path.is_symlink():
                try:
                    target = path.resolve(strict=True)
                except (OSError, RuntimeError):
                    skipped.append(Skipped(str(path), "broken symlink"))
                    continue
                if not target.is_relative_to(root):
                    skipped.append(Skipped(str(path), f"symlink pointing outside {folder}"))
                    continue
            try:
                mode = path.stat().st_mode
            except OSError as exc:
                skipped.append(Skipped(str(path), f"unreadable ({exc.strerror or exc})"))
                continue
            if stat.S_ISREG(mode):
                found.append(path)
            elif not stat.S_ISDIR(mode):  # a symlinked folder inside is walked on its own
                skipped.append(Skipped(str(path), f"not a regular file ({_kind(mode)})"))
    return found


def _content_key(chunks: Sequence[Chunk]) -> str:
    """A plan's content, independent of its file name (for finding duplicates)."""
    digest = hashlib.sha256()
    for c in chunks:
        digest.update(c.section.encode("utf-8") + b"\x1f" + c.text.encode("utf-8") + b"\x1e")
    return digest.hexdigest()


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
    replace: bool = True,
) -> IngestReport:
    """Index the plans in ``paths``; unchanged chunks are not re-embedded.

    With ``replace`` (the default) the index holds exactly these plans afterwards;
    without, they are added to (or update) the plans already indexed. Reports what was
    added, updated and deleted relative to the previous index; writes a new generation
    only when something changed. Concurrent ingests on one data dir run one after another.
    """
    started = time.perf_counter()
    report = IngestReport()
    plans: list[ParsedPlan] = []
    unreadable: set[str] = set()  # ids of plans whose file exists but cannot be read
    for path in discover(paths, report.skipped):
        try:
            plans.append(read_plan(path, settings.ingest))
        except ValueError as exc:
            report.skipped.append(Skipped(str(path), str(exc)))
        except OSError as exc:  # permission denied, I/O error: skip this file, keep going
            report.skipped.append(Skipped(str(path), f"unreadable ({exc.strerror or exc})"))
            unreadable.add(path.stem)
    seen: set[str] = set()
    for plan in list(plans):
        if plan.meta.id in seen:
            plans.remove(plan)
            report.skipped.append(
                Skipped(plan.meta.source, f"duplicate document id {plan.meta.id}")
            )
        seen.add(plan.meta.id)

    chunks_of: dict[str, list[Chunk]] = {}
    for plan in plans:
        chunks_of[plan.meta.id] = chunk_plan(
            plan, embedder.token_count, settings.embedding.max_tokens
        )

    index_paths = IndexPaths(settings.data_dir)
    with ingest_lock(index_paths):
        previous = read_manifest(index_paths)
        old_docs, old_chunks = previous if previous else ([], [])
        old_chunks_of: dict[str, list[Chunk]] = {}
        for c in old_chunks:
            old_chunks_of.setdefault(c.document_id, []).append(c)
        # Kept from the previous index: every plan not given again (adding), or plans whose
        # file could not be read this time (a permission slip must not delete a plan).
        keep = {
            d.id for d in old_docs if d.id not in chunks_of and (not replace or d.id in unreadable)
        }
        # A plan kept from the index, or met earlier in this run, under another name is a
        # duplicate: report it rather than index the same text twice.
        owner = {_content_key(old_chunks_of[d]): d for d in keep if d in old_chunks_of}
        # of two files with the same text, the one already indexed keeps its place
        for plan in sorted(plans, key=lambda p: p.meta.id not in old_chunks_of):
            key = _content_key(chunks_of[plan.meta.id])
            if key in owner:
                plans.remove(plan)
                del chunks_of[plan.meta.id]
                report.skipped.append(
                    Skipped(plan.meta.source, f"duplicate of {owner[key]} (same content)")
                )
            else:
                owner[key] = plan.meta.id
        chunks_of.update({d: cs for d, cs in old_chunks_of.items() if d in keep})
        documents = [d for d in old_docs if d.id in keep] + [p.meta for p in plans]
        if not replace:  # plans already indexed keep their place; new ones go last
            place = {d.id: i for i, d in enumerate(old_docs)}
            documents.sort(key=lambda d: place.get(d.id, len(place)))
        chunks = [c for d in documents for c in chunks_of[d.id]]
        report.documents, report.chunks = len(documents), len(chunks)
        _write(report, index_paths, previous, documents, chunks, settings, embedder, progress)
    report.seconds = time.perf_counter() - started
    return report


def _write_extra(
    directory: Path,
    units: Sequence[tuple[str, str]],
    unit_vectors: np.ndarray,
    chunks: Sequence[Chunk],
) -> None:
    """What a generation holds beside the index: quotable units and the lexicon's tables."""
    write_units(directory, units, unit_vectors)
    save_tables(directory, chunks)


def _write(
    report: IngestReport,
    index_paths: IndexPaths,
    previous: tuple[list[DocumentMeta], list[Chunk]] | None,
    documents: list[DocumentMeta],
    chunks: list[Chunk],
    settings: Settings,
    embedder: Embedder,
    progress: Any,
) -> None:
    """Diff against the previous generation and write a new one when anything changed
    (the caller holds the ingest lock)."""
    old_docs, old_chunks = previous if previous else ([], [])
    old_hash = {c.id: c.content_hash for c in old_chunks}
    new_ids = {c.id for c in chunks}
    report.added = sum(1 for c in chunks if c.id not in old_hash)
    report.updated = sum(1 for c in chunks if c.id in old_hash and old_hash[c.id] != c.content_hash)
    report.deleted = sum(1 for i in old_hash if i not in new_ids)
    current = index_paths.current_generation()
    unchanged = (
        previous is not None
        and current is not None
        and report.added == report.updated == report.deleted == 0
        and [c.to_metadata() for c in old_chunks] == [c.to_metadata() for c in chunks]
        and {d.id: d for d in old_docs} == {d.id: d for d in documents}
        and has_units(index_paths.generation_dir(current))
        # written before the vectors and the lexicon were kept with it: write it again
        and load_vectors(index_paths.generation_dir(current), len(old_chunks)) is not None
        and tables_current(load_tables(index_paths.generation_dir(current)))
        # a Chroma server may have lost the collection: then write it again
        and generation_usable(index_paths, settings.chroma, current, len(old_chunks))
    )
    if not documents:
        # Nothing readable was given: keep the index (if any) rather than empty it.
        report.added = report.updated = report.deleted = 0
        report.generation = current
    elif unchanged:
        report.generation = current
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
            functools.partial(_write_extra, units=units, unit_vectors=unit_vectors, chunks=chunks),
        )
