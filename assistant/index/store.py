"""The index: Chroma vectors and a bm25s keyword index, written as atomic generations.

Every ingest that changes anything writes a complete new *generation* (a Chroma
collection named after it, plus the keyword index, chunks and documents in
``data_dir/generations/<id>/``), then flips ``data_dir/CURRENT`` to it with an atomic
rename. A crash or kill midway leaves CURRENT on the previous, complete generation.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from assistant.errors import NotIndexed
from assistant.settings import ChromaSettings
from assistant.text import keyword_tokens
from assistant.types import Chunk, DocumentMeta


@dataclass(frozen=True)
class IndexPaths:
    """Where an index lives under the data dir."""

    data_dir: Path

    @property
    def current_file(self) -> Path:
        return self.data_dir / "CURRENT"

    @property
    def generations(self) -> Path:
        return self.data_dir / "generations"

    @property
    def embedding_cache(self) -> Path:
        return self.data_dir / "embeddings.sqlite"

    def generation_dir(self, generation: str) -> Path:
        return self.generations / generation

    def current_generation(self) -> str | None:
        try:
            name = self.current_file.read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            return None
        return name if name and (self.generation_dir(name) / "COMPLETE").exists() else None


def chroma_client(settings: ChromaSettings, generation_dir: Path) -> Any:
    """A Chroma client: over HTTP to a ``chroma run`` server, or embedded on disk inside the
    generation's own folder (so a server process never shares a database with an ingest)."""
    import chromadb

    client_settings = chromadb.Settings(anonymized_telemetry=False)
    if settings.mode == "http":
        return chromadb.HttpClient(host=settings.host, port=settings.port, settings=client_settings)
    (generation_dir / "chroma").mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(generation_dir / "chroma"), settings=client_settings)


def collection_name(prefix: str, generation: str) -> str:
    return f"{prefix}-{generation}"


class KeywordIndex:
    """BM25 over folded Vietnamese tokens (syllables, bigrams, pyvi compounds)."""

    def __init__(self, retriever: Any, size: int) -> None:
        self._retriever = retriever
        self.size = size

    @classmethod
    def build(cls, texts: Sequence[str]) -> KeywordIndex:
        import bm25s

        retriever = bm25s.BM25()
        retriever.index([keyword_tokens(t) for t in texts], show_progress=False)
        return cls(retriever, len(texts))

    def save(self, directory: Path) -> None:
        self._retriever.save(str(directory))

    @classmethod
    def load(cls, directory: Path, size: int) -> KeywordIndex:
        import bm25s

        return cls(bm25s.BM25.load(str(directory)), size)

    def scores(self, query: str) -> np.ndarray:
        """BM25 score of every chunk row for ``query`` (zeros when no token matches)."""
        tokens = keyword_tokens(query)
        if not tokens or self.size == 0:
            return np.zeros(self.size, dtype=np.float32)
        return np.asarray(self._retriever.get_scores(tokens), dtype=np.float32)


@dataclass
class Generation:
    """One complete, loaded index: what search reads."""

    name: str
    documents: dict[str, DocumentMeta]
    chunks: list[Chunk]
    keyword: KeywordIndex
    collection: Any
    row_of: dict[str, int] = field(default_factory=dict)
    # chunk id → agency keys its section assigns tasks to, and every key: set by the loader
    agencies: dict[str, frozenset[str]] = field(default_factory=dict)
    known_agencies: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        self.row_of = {c.id: i for i, c in enumerate(self.chunks)}

    def dense(
        self, vector: Sequence[float], k: int, document_ids: Sequence[str] | None
    ) -> dict[str, float]:
        """Cosine similarity of the ``k`` nearest chunks, by chunk id."""
        if not self.chunks:
            return {}
        where = {"document_id": {"$in": list(document_ids)}} if document_ids else None
        result = self.collection.query(
            query_embeddings=[list(vector)],
            n_results=min(k, len(self.chunks)),
            where=where,
            include=["distances"],
        )
        ids = result["ids"][0]
        distances = result["distances"][0]
        return {i: 1.0 - float(d) for i, d in zip(ids, distances, strict=True)}


def write_generation(
    paths: IndexPaths,
    chroma: ChromaSettings,
    documents: Sequence[DocumentMeta],
    chunks: Sequence[Chunk],
    vectors: np.ndarray,
) -> str:
    """Write a complete generation and make it current; returns its name."""
    name = time.strftime("%Y%m%dT%H%M%S") + f"-{os.getpid()}-{time.monotonic_ns() % 100000}"
    directory = paths.generation_dir(name)
    directory.mkdir(parents=True)
    client = chroma_client(chroma, directory)
    collection = client.create_collection(
        collection_name(chroma.collection_prefix, name),
        embedding_function=None,
        configuration={"hnsw": {"space": "cosine"}},
    )
    for start in range(0, len(chunks), 1000):
        batch = chunks[start : start + 1000]
        collection.add(
            ids=[c.id for c in batch],
            embeddings=vectors[start : start + len(batch)],
            documents=[c.text for c in batch],
            metadatas=[c.to_metadata() for c in batch],  # type: ignore[misc]
        )
    KeywordIndex.build([c.embedding_text for c in chunks]).save(directory / "keyword")
    with (directory / "chunks.jsonl").open("w", encoding="utf-8") as out:
        for c in chunks:
            out.write(
                json.dumps({"id": c.id, "text": c.text, **c.to_metadata()}, ensure_ascii=False)
                + "\n"
            )
    (directory / "documents.json").write_text(
        json.dumps([d.to_dict() for d in documents], ensure_ascii=False, indent=1), encoding="utf-8"
    )
    (directory / "COMPLETE").write_text(str(len(chunks)), encoding="utf-8")
    tmp = paths.current_file.with_suffix(".tmp")
    tmp.write_text(name, encoding="utf-8")
    os.replace(tmp, paths.current_file)
    prune_generations(paths, chroma, keep=name)
    return name


def prune_generations(paths: IndexPaths, chroma: ChromaSettings, keep: str) -> None:
    """Delete every generation (and its collection) but ``keep`` and the one before it."""
    if not paths.generations.exists():
        return
    names = sorted(p.name for p in paths.generations.iterdir() if p.is_dir())
    complete = [n for n in names if (paths.generation_dir(n) / "COMPLETE").exists() and n != keep]
    survivors = {keep, *complete[-1:]}
    stale = [n for n in names if n not in survivors]
    if stale and chroma.mode == "http":
        client = chroma_client(chroma, paths.generation_dir(keep))
        existing = {getattr(c, "name", str(c)) for c in client.list_collections()}
        for n in stale:
            if collection_name(chroma.collection_prefix, n) in existing:
                client.delete_collection(collection_name(chroma.collection_prefix, n))
    for n in stale:
        shutil.rmtree(paths.generation_dir(n), ignore_errors=True)


def read_manifest(paths: IndexPaths) -> tuple[list[DocumentMeta], list[Chunk]] | None:
    """Documents and chunks of the current generation, or None when there is none."""
    name = paths.current_generation()
    if name is None:
        return None
    directory = paths.generation_dir(name)
    documents = [
        DocumentMeta.from_dict(d)
        for d in json.loads((directory / "documents.json").read_text(encoding="utf-8"))
    ]
    chunks = []
    with (directory / "chunks.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            chunks.append(Chunk.from_record(record.pop("id"), record.pop("text"), record))
    return documents, chunks


def open_generation(paths: IndexPaths, chroma: ChromaSettings) -> Generation:
    """Load the current generation for searching."""
    name = paths.current_generation()
    manifest = read_manifest(paths)
    if name is None or manifest is None:
        raise NotIndexed()
    documents, chunks = manifest
    client = chroma_client(chroma, paths.generation_dir(name))
    try:
        collection = client.get_collection(collection_name(chroma.collection_prefix, name))
    except Exception as exc:  # the collection is gone (another server, deleted by hand)
        raise NotIndexed(f"index generation {name} has no Chroma collection: {exc}") from exc
    keyword = KeywordIndex.load(paths.generation_dir(name) / "keyword", len(chunks))
    return Generation(
        name=name,
        documents={d.id: d for d in documents},
        chunks=chunks,
        keyword=keyword,
        collection=collection,
    )
