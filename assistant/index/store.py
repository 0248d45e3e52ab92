"""The index: Chroma vectors and a keyword index, written as atomic generations.

Every ingest that changes anything writes a complete new *generation* (a Chroma
collection named after it, plus the keyword index, chunks, documents and a copy of the
chunk vectors in ``data_dir/generations/<id>/``), then flips ``data_dir/CURRENT`` to it
with an atomic rename. A crash or kill midway leaves CURRENT on the previous, complete generation.

Ingests on one data dir serialise on an exclusive file lock (``data_dir/ingest.lock``,
see ``ingest_lock``) held from reading the previous manifest until CURRENT is flipped and
old generations are pruned, so two ingests never diff against, or delete, each other's
work. Pruning keeps the new generation, the current one and the newest other complete one
(a server may still be answering from it) and removes only generations whose writer is
gone.

Dense search asks Chroma's HNSW index when it must look at more than
``ChromaSettings.exact_max_rows`` chunks (20,000 by default). Fewer rows (a small corpus,
or the plans a question names) are scored exactly, by one matrix product over the
memory-mapped ``vectors.npy`` (workers on one host share its pages): ~3 ms at 20,000 rows,
less than a round trip to Chroma, exact, free of the cost of a metadata-filtered HNSW
query (which grows with the corpus), and still possible while a Chroma server is away.

Chroma failures (server refused or gone) surface as ``StoreUnavailable`` (503), never as
an internal error.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import time
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import numpy as np

from assistant.errors import NotIndexed, StoreUnavailable
from assistant.settings import ChromaSettings
from assistant.text import keyword_tokens
from assistant.types import Chunk, DocumentMeta

VECTORS_FILE = "vectors.npy"


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

    @property
    def lock_file(self) -> Path:
        return self.data_dir / "ingest.lock"

    def generation_dir(self, generation: str) -> Path:
        return self.generations / generation

    def current_generation(self) -> str | None:
        try:
            name = self.current_file.read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            return None
        return name if name and (self.generation_dir(name) / "COMPLETE").exists() else None


@contextlib.contextmanager
def ingest_lock(paths: IndexPaths) -> Iterator[None]:
    """Hold the data dir's ingest lock: one ingest at a time reads, writes and prunes
    generations (other ingests wait; the lock dies with its process, so a killed ingest
    never blocks the next one)."""
    paths.data_dir.mkdir(parents=True, exist_ok=True)
    with paths.lock_file.open("a+b") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def is_store_outage(exc: BaseException) -> bool:
    """Whether ``exc`` says the Chroma server cannot be reached (refused, reset, timed out,
    or answering with a server error), as opposed to a mistake in the request."""
    import httpx
    from chromadb.errors import ChromaError

    if isinstance(exc, httpx.TransportError | ConnectionError | TimeoutError):
        return True
    if isinstance(exc, ChromaError) and exc.code() >= 500:
        return True
    # chromadb.HttpClient() raises a bare ValueError when its first heartbeat fails
    return isinstance(exc, ValueError) and "could not connect" in str(exc).lower()


T = TypeVar("T")


def call_store(action: Callable[[], T]) -> T:
    """Run a Chroma call; an outage becomes ``StoreUnavailable`` (503) instead of a 500."""
    try:
        return action()
    except Exception as exc:
        if is_store_outage(exc):
            raise StoreUnavailable() from exc
        raise


def chroma_client(settings: ChromaSettings, generation_dir: Path) -> Any:
    """A Chroma client: over HTTP to a ``chroma run`` server, or embedded on disk inside the
    generation's own folder (so a server process never shares a database with an ingest)."""
    import chromadb

    client_settings = chromadb.Settings(anonymized_telemetry=False)
    if settings.mode == "http":
        return call_store(
            lambda: chromadb.HttpClient(
                host=settings.host, port=settings.port, settings=client_settings
            )
        )
    (generation_dir / "chroma").mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(generation_dir / "chroma"), settings=client_settings)


def collection_name(prefix: str, generation: str) -> str:
    return f"{prefix}-{generation}"


class KeywordIndex:
    """BM25 (Lucene variant) over folded syllables and adjacent-syllable bigrams.

    Built with numpy in one linear pass (no per-chunk word segmentation, no Python loop over
    postings) and saved in bm25s's on-disk format (CSC matrix of per-term scores, JSON
    vocabulary and parameters), so bm25s can still read it. Loaded memory-mapped: the
    matrix stays in the page cache, shared by every worker process on the machine, and a
    query touches only the columns of its own terms.
    """

    K1 = 1.5
    B = 0.75
    _BLOCK = 4096  # chunks tokenised per numpy pass: bounds the build's peak memory

    def __init__(
        self,
        vocab: dict[str, int],
        data: np.ndarray,
        indices: np.ndarray,
        indptr: np.ndarray,
        size: int,
    ) -> None:
        self._vocab = vocab
        self._data = data
        self._indices = indices
        self._indptr = indptr
        self.size = size

    @classmethod
    def build(cls, texts: Sequence[str]) -> KeywordIndex:
        """Index ``texts`` (one row per chunk, in order)."""
        # A missing token gets the next id on first lookup, all inside dict's C code.
        vocab: defaultdict[str, int] = defaultdict()
        vocab.default_factory = vocab.__len__
        n = len(texts)
        lengths = np.zeros(n, dtype=np.int64)
        docs: list[np.ndarray] = []
        terms: list[np.ndarray] = []
        counts: list[np.ndarray] = []
        for start in range(0, n, cls._BLOCK):
            block = texts[start : start + cls._BLOCK]
            ids: list[int] = []
            for row, text in enumerate(block, start):
                tokens = keyword_tokens(text)
                ids.extend(map(vocab.__getitem__, tokens))
                lengths[row] = len(tokens)
            rows = np.repeat(
                np.arange(start, start + len(block)), lengths[start : start + len(block)]
            )
            # (row, term) pairs packed in one int64 so a single np.unique counts term
            # frequencies per chunk.
            keys, tf = np.unique(
                (rows.astype(np.int64) << 32) | np.asarray(ids, dtype=np.int64),
                return_counts=True,
            )
            docs.append((keys >> 32).astype(np.int32))
            terms.append((keys & 0xFFFFFFFF).astype(np.int32))
            counts.append(tf.astype(np.float32))
        doc = np.concatenate(docs) if docs else np.zeros(0, dtype=np.int32)
        term = np.concatenate(terms) if terms else np.zeros(0, dtype=np.int32)
        tf = np.concatenate(counts) if counts else np.zeros(0, dtype=np.float32)
        del docs, terms, counts
        df = np.bincount(term, minlength=len(vocab)).astype(np.float64)
        idf = np.log1p((n - df + 0.5) / (df + 0.5)).astype(np.float32)
        mean_length = float(lengths.mean()) if n and lengths.any() else 1.0
        norm = (cls.K1 * (1 - cls.B + cls.B * lengths / mean_length)).astype(np.float32)
        scores = idf[term] * tf / (tf + norm[doc])
        order = np.argsort(term, kind="stable")  # CSC: postings grouped by term, rows ascending
        indptr = np.zeros(len(vocab) + 1, dtype=np.int64)
        np.cumsum(df.astype(np.int64), out=indptr[1:])
        return cls(dict(vocab), scores[order].astype(np.float32), doc[order], indptr, n)

    def save(self, directory: Path) -> None:
        """Write the index in bm25s's layout."""
        directory.mkdir(parents=True, exist_ok=True)
        np.save(directory / "data.csc.index.npy", self._data)
        np.save(directory / "indices.csc.index.npy", self._indices)
        np.save(directory / "indptr.csc.index.npy", self._indptr)
        (directory / "vocab.index.json").write_text(
            json.dumps(self._vocab, ensure_ascii=False), encoding="utf-8"
        )
        params = {
            "k1": self.K1,
            "b": self.B,
            "delta": 0.5,
            "method": "lucene",
            "idf_method": "lucene",
            "dtype": "float32",
            "int_dtype": "int32",
            "num_docs": self.size,
            "version": "0.3.16",
            "backend": "numpy",
        }
        (directory / "params.index.json").write_text(json.dumps(params), encoding="utf-8")

    @classmethod
    def load(cls, directory: Path, size: int) -> KeywordIndex:
        """Open a saved index (also one written by bm25s), memory-mapped."""
        vocab = json.loads((directory / "vocab.index.json").read_text(encoding="utf-8"))

        def array(name: str) -> np.ndarray:
            # A plain ndarray view of the mapping: slicing an np.memmap is several times slower.
            return np.asarray(np.load(directory / f"{name}.csc.index.npy", mmap_mode="r"))

        return cls(vocab, array("data"), array("indices"), array("indptr"), size)

    def scores(self, query: str) -> np.ndarray:
        """BM25 score of every chunk row for ``query`` (zeros when no token matches)."""
        ids = [self._vocab[t] for t in keyword_tokens(query) if t in self._vocab]
        if not ids or self.size == 0:
            return np.zeros(self.size, dtype=np.float32)
        # One bincount over the query terms' postings: no per-term scatter (np.add.at is
        # slow on the long postings of common syllables at 10,000 plans).
        spans = [slice(int(self._indptr[i]), int(self._indptr[i + 1])) for i in ids]
        rows = np.concatenate([self._indices[s] for s in spans])
        weights = np.concatenate([self._data[s] for s in spans])
        return np.bincount(rows, weights=weights, minlength=self.size).astype(np.float32)


@dataclass
class Generation:
    """One complete, loaded index: what search reads."""

    name: str
    documents: dict[str, DocumentMeta]
    chunks: list[Chunk]
    keyword: KeywordIndex
    collection: Any
    client: Any = None
    row_of: dict[str, int] = field(default_factory=dict)
    closed: bool = False
    # unit-length chunk vectors, one row per chunk (None: a generation written without them)
    vectors: np.ndarray | None = None
    exact_max_rows: int = 0
    rows_of_document: dict[str, np.ndarray] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.row_of = {c.id: i for i, c in enumerate(self.chunks)}
        rows: defaultdict[str, list[int]] = defaultdict(list)
        for i, chunk in enumerate(self.chunks):
            rows[chunk.document_id].append(i)
        self.rows_of_document = {d: np.asarray(r, dtype=np.int64) for d, r in rows.items()}

    def check(self) -> None:
        """Ask Chroma for this generation's collection; raises ``StoreUnavailable`` when the
        server is down and ``NotIndexed`` when the collection has vanished."""
        from chromadb.errors import NotFoundError

        try:
            call_store(self.collection.count)
        except NotFoundError as exc:
            raise NotIndexed(
                f"Chỉ mục {self.name} không còn trong Chroma: hãy chạy lại `assistant ingest`."
            ) from exc

    def close(self) -> None:
        """Release the Chroma client (its SQLite and HNSW files, its threads); searching the
        generation is impossible afterwards."""
        if self.closed:
            return
        self.closed = True
        if self.client is not None and hasattr(self.client, "close"):
            with contextlib.suppress(Exception):  # a server already gone has nothing to release
                self.client.close()
        # the keyword index and chunks go with the last reference to this object
        self.client = self.collection = self.vectors = None

    def dense(
        self, vector: Sequence[float], k: int, document_ids: Sequence[str] | None
    ) -> dict[str, float]:
        """Cosine similarity of the ``k`` nearest chunks, by chunk id: exact within the
        ``document_ids`` plans when given, else Chroma's approximate nearest neighbours."""
        if not self.chunks:
            return {}
        if self.vectors is not None:
            rows: np.ndarray | None = None
            if document_ids:
                parts = [self.rows_of_document.get(d) for d in document_ids]
                rows = np.concatenate([r for r in parts if r is not None] or [np.empty(0, int)])
            if (len(self.chunks) if rows is None else len(rows)) <= self.exact_max_rows:
                return self._exact(np.asarray(vector, dtype=np.float32), k, rows)
        where = {"document_id": {"$in": list(document_ids)}} if document_ids else None
        result = call_store(
            lambda: self.collection.query(
                query_embeddings=[list(vector)],
                n_results=min(k, len(self.chunks)),
                where=where,
                include=["distances"],
            )
        )
        ids = result["ids"][0]
        distances = result["distances"][0]
        return {i: 1.0 - float(d) for i, d in zip(ids, distances, strict=True)}

    def _exact(self, vector: np.ndarray, k: int, rows: np.ndarray | None) -> dict[str, float]:
        """Cosine similarity of the ``k`` nearest of ``rows`` (None: every row), exactly."""
        assert self.vectors is not None
        if rows is None:
            rows = np.arange(len(self.chunks))
        if not len(rows):
            return {}
        norm = float(np.linalg.norm(vector)) or 1.0
        similarity = self.vectors[rows] @ (vector / norm)
        best = np.argsort(-similarity, kind="stable")[:k]
        return {self.chunks[int(rows[i])].id: float(similarity[i]) for i in best}


def unit_rows(vectors: np.ndarray) -> np.ndarray:
    """``vectors`` as float32 rows of length 1 (zero rows stay zero)."""
    rows = np.asarray(vectors, dtype=np.float32).reshape(len(vectors), -1)
    norms = np.linalg.norm(rows, axis=1, keepdims=True)
    return rows / np.where(norms > 0, norms, 1.0)


def load_vectors(directory: Path, rows: int) -> np.ndarray | None:
    """The generation's chunk vectors, memory-mapped (None when absent or not ``rows``
    long: a generation written before they were stored)."""
    try:
        vectors = np.load(directory / VECTORS_FILE, mmap_mode="r")
    except (FileNotFoundError, ValueError):
        return None
    return vectors if vectors.ndim == 2 and vectors.shape[0] == rows else None


def write_generation(
    paths: IndexPaths,
    chroma: ChromaSettings,
    documents: Sequence[DocumentMeta],
    chunks: Sequence[Chunk],
    vectors: np.ndarray,
    write_extra: Callable[[Path], None] | None = None,
) -> str:
    """Write a complete generation and make it current; returns its name.
    ``write_extra`` adds files to the generation's folder before it is marked complete.
    The caller holds ``ingest_lock(paths)``."""
    name = time.strftime("%Y%m%dT%H%M%S") + f"-{os.getpid()}-{time.monotonic_ns() % 100000}"
    directory = paths.generation_dir(name)
    directory.mkdir(parents=True)
    client = chroma_client(chroma, directory)
    try:
        collection = call_store(
            lambda: client.create_collection(
                collection_name(chroma.collection_prefix, name),
                embedding_function=None,
                configuration={"hnsw": {"space": "cosine"}},
            )
        )
        for start in range(0, len(chunks), 1000):
            batch = chunks[start : start + 1000]
            call_store(
                lambda batch=batch, start=start: collection.add(  # type: ignore[misc]
                    ids=[c.id for c in batch],
                    embeddings=vectors[start : start + len(batch)],
                    # no documents: chunks.jsonl holds the text, and Chroma would build a
                    # full-text index over it that nothing reads
                    metadatas=[c.to_metadata() for c in batch],
                )
            )
    finally:
        # an open embedded client keeps the generation's files (and threads) alive
        with contextlib.suppress(Exception):
            client.close()
    KeywordIndex.build([c.embedding_text for c in chunks]).save(directory / "keyword")
    np.save(directory / VECTORS_FILE, unit_rows(vectors))
    with (directory / "chunks.jsonl").open("w", encoding="utf-8") as out:
        for c in chunks:
            out.write(
                json.dumps({"id": c.id, "text": c.text, **c.to_metadata()}, ensure_ascii=False)
                + "\n"
            )
    (directory / "documents.json").write_text(
        json.dumps([d.to_dict() for d in documents], ensure_ascii=False, indent=1), encoding="utf-8"
    )
    if write_extra is not None:
        write_extra(directory)
    (directory / "COMPLETE").write_text(str(len(chunks)), encoding="utf-8")
    tmp = paths.current_file.with_suffix(".tmp")
    tmp.write_text(name, encoding="utf-8")
    os.replace(tmp, paths.current_file)
    prune_generations(paths, chroma, keep=name)
    return name


def _writer_alive(generation: str) -> bool:
    """Whether the process that named ``generation`` (``<time>-<pid>-<n>``) still runs."""
    parts = generation.split("-")
    if len(parts) < 3 or not parts[1].isdigit():
        return False
    pid = int(parts[1])
    if pid == os.getpid():
        # under the ingest lock, our own unfinished generations are abandoned attempts
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, owned by someone else
        return True
    return True


def prune_generations(paths: IndexPaths, chroma: ChromaSettings, keep: str) -> None:
    """Delete old generations (and their collections); the caller holds ``ingest_lock``.

    Kept: ``keep``, whatever CURRENT names, and the newest other complete generation (a
    server may still be answering from it). An unfinished generation is deleted only when
    its writer is gone, so pruning never removes work another ingest has not finished.
    """
    if not paths.generations.exists():
        return
    names = sorted(p.name for p in paths.generations.iterdir() if p.is_dir())
    current = paths.current_generation()
    complete = [n for n in names if (paths.generation_dir(n) / "COMPLETE").exists()]
    older = [n for n in complete if n not in (keep, current)]
    survivors = {keep, *([current] if current else []), *older[-1:]}
    stale = [n for n in names if n not in survivors and (n in complete or not _writer_alive(n))]
    if stale and chroma.mode == "http":
        client = chroma_client(chroma, paths.generation_dir(keep))
        try:
            existing = {getattr(c, "name", str(c)) for c in call_store(client.list_collections)}
            for n in stale:
                if collection_name(chroma.collection_prefix, n) in existing:
                    call_store(
                        lambda n=n: client.delete_collection(  # type: ignore[misc]
                            collection_name(chroma.collection_prefix, n)
                        )
                    )
        finally:
            with contextlib.suppress(Exception):
                client.close()
    for n in stale:
        shutil.rmtree(paths.generation_dir(n), ignore_errors=True)


def generation_usable(paths: IndexPaths, chroma: ChromaSettings, name: str, chunks: int) -> bool:
    """Whether generation ``name`` still has its Chroma collection with ``chunks`` vectors
    (a Chroma server can lose it; then an unchanged corpus must be written again)."""
    try:
        generation = open_generation(paths, chroma, name)
    except NotIndexed:
        return False
    try:
        return int(call_store(generation.collection.count)) == chunks
    except StoreUnavailable:
        raise
    except Exception:
        return False
    finally:
        generation.close()


def read_manifest(
    paths: IndexPaths, name: str | None = None
) -> tuple[list[DocumentMeta], list[Chunk]] | None:
    """Documents and chunks of generation ``name`` (default: the current one), or None
    when there is none."""
    name = name or paths.current_generation()
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


def open_generation(
    paths: IndexPaths, chroma: ChromaSettings, name: str | None = None
) -> Generation:
    """Load generation ``name`` (default: the current one) for searching; close it with
    ``Generation.close()`` when done."""
    name = name or paths.current_generation()
    try:
        manifest = read_manifest(paths, name) if name else None
    except FileNotFoundError as exc:  # pruned between reading CURRENT and opening it
        raise NotIndexed() from exc
    if name is None or manifest is None:
        raise NotIndexed()
    documents, chunks = manifest
    client = chroma_client(chroma, paths.generation_dir(name))
    try:
        collection = call_store(
            lambda: client.get_collection(collection_name(chroma.collection_prefix, name))
        )
        keyword = KeywordIndex.load(paths.generation_dir(name) / "keyword", len(chunks))
        vectors = load_vectors(paths.generation_dir(name), len(chunks))
    except StoreUnavailable:
        with contextlib.suppress(Exception):
            client.close()
        raise
    except Exception as exc:  # the collection is gone (another server, deleted by hand)
        with contextlib.suppress(Exception):
            client.close()
        raise NotIndexed(
            f"Chỉ mục {name} không còn trong Chroma: hãy chạy lại `assistant ingest`."
        ) from exc
    return Generation(
        name=name,
        documents={d.id: d for d in documents},
        chunks=chunks,
        keyword=keyword,
        collection=collection,
        client=client,
        vectors=vectors,
        exact_max_rows=chroma.exact_max_rows,
    )
