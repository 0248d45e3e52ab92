"""Hybrid search: dense (e5 + Chroma) and keyword (bm25s) rankings fused, then shaped.

Shaping follows what users ask: a question naming a plan is restricted to it; a question
naming an agency gets that agency's assignment section from every plan that has one,
one passage per plan, ahead of everything else.
"""

from __future__ import annotations

import contextlib
import contextvars
import re
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np

from assistant.index.embeddings import Embedder
from assistant.index.store import Generation, IndexPaths, open_generation
from assistant.retrieve.glossary import expand
from assistant.retrieve.query import QueryAnalysis, agency_keys, analyse
from assistant.settings import ChromaSettings, RetrievalSettings
from assistant.text import fold_diacritics
from assistant.types import SearchHit


@dataclass
class _Loaded:
    """A loaded generation and how many requests are using it."""

    generation: Generation
    users: int = 0
    retired: bool = False


class GenerationHolder:
    """The current index generation, reloaded when an ingest flips ``CURRENT``.

    A request pins one generation (``pinned()``) and passes it down, so one request never
    mixes two generations and its generation stays open while it runs. On a switch the
    old generation is closed (Chroma client, files, threads) as soon as the last request
    pinned to it ends.
    """

    def __init__(self, paths: IndexPaths, chroma: ChromaSettings) -> None:
        self._paths = paths
        self._chroma = chroma
        self._lock = threading.Lock()
        self._current: _Loaded | None = None
        self._pin: contextvars.ContextVar[_Loaded | None] = contextvars.ContextVar(
            f"pinned-generation-{id(self)}", default=None
        )

    def get(self) -> Generation:
        """The generation pinned by an enclosing ``pinned()``, else the current one (raises
        NotIndexed when there is none). Outside ``pinned()`` a later switch may close it:
        servers pin."""
        pinned = self._pin.get()
        if pinned is not None:
            return pinned.generation
        name = self._paths.current_generation()
        current = self._current
        if current is not None and current.generation.name == name:
            return current.generation
        with self._lock:
            return self._load_locked().generation

    @contextlib.contextmanager
    def pinned(self) -> Iterator[Generation]:
        """Use one generation for the duration of the block (nested blocks share it)."""
        outer = self._pin.get()
        if outer is not None:
            yield outer.generation
            return
        with self._lock:
            entry = self._load_locked()
            entry.users += 1
        token = self._pin.set(entry)
        try:
            yield entry.generation
        finally:
            self._pin.reset(token)
            with self._lock:
                entry.users -= 1
                if entry.retired and entry.users == 0:
                    entry.generation.close()

    def check(self) -> Generation:
        """The current generation after a round trip to Chroma (``StoreUnavailable`` when
        the server is down, ``NotIndexed`` when its collection is gone)."""
        with self.pinned() as generation:
            generation.check()
            return generation

    def close(self) -> None:
        """Close the loaded generation (a server shutting down)."""
        with self._lock:
            if self._current is not None:
                self._retire_locked(self._current)
                self._current = None

    def _load_locked(self) -> _Loaded:
        name = self._paths.current_generation()
        if self._current is not None and self._current.generation.name == name:
            return self._current
        generation = open_generation(self._paths, self._chroma, name)
        generation.agencies = {c.id: agency_keys(c.agency) for c in generation.chunks if c.agency}
        generation.known_agencies = frozenset().union(*generation.agencies.values())
        entry = _Loaded(generation)
        if self._current is not None:
            self._retire_locked(self._current)
        self._current = entry
        return entry

    @staticmethod
    def _retire_locked(entry: _Loaded) -> None:
        entry.retired = True
        if entry.users == 0:
            entry.generation.close()


@dataclass(frozen=True)
class SearchResult:
    """Hits, best first, and what the question was understood to name."""

    hits: list[SearchHit]
    analysis: QueryAnalysis


class Searcher:
    """Finds the passages of the plans that answer a question."""

    def __init__(
        self, holder: GenerationHolder, embedder: Embedder, settings: RetrievalSettings
    ) -> None:
        self._holder = holder
        self._embedder = embedder
        self._settings = settings

    def search(
        self,
        query: str,
        top_k: int | None = None,
        document_ids: Sequence[str] | None = None,
        generation: Generation | None = None,
    ) -> SearchResult:
        """The ``top_k`` best passages for ``query``, optionally within some plans, in
        ``generation`` (the current one, pinned for the search, when not given)."""
        if generation is None:
            with self._holder.pinned() as pinned:
                return self.search(query, top_k, document_ids, pinned)
        top_k = top_k or self._settings.top_k
        agency_of = generation.agencies
        analysis = analyse(query, generation.documents.values(), generation.known_agencies)
        allowed = set(document_ids or ()) or set(generation.documents)
        if analysis.documents and allowed & set(analysis.documents):
            allowed &= set(analysis.documents)
        restrict = None if allowed == set(generation.documents) else sorted(allowed)

        n = self._settings.candidates
        vector = self._embedder.get_query_embedding(query)
        dense = generation.dense(vector, n, restrict)

        keyword_scores = generation.keyword.scores(self._keyword_query(query, analysis, generation))
        mask = np.array([c.document_id in allowed for c in generation.chunks], dtype=bool)
        keyword_scores = np.where(mask, keyword_scores, 0.0)
        order = np.argsort(-keyword_scores)[:n]
        top_kw = float(keyword_scores[order[0]]) if len(order) else 0.0
        keyword = {
            generation.chunks[i].id: float(keyword_scores[i]) / top_kw
            for i in order
            if keyword_scores[i] > 0
        }

        scores = fuse(
            [(dense, self._settings.dense_weight), (keyword, self._settings.keyword_weight)],
            self._settings.rrf_k,
        )

        if analysis.agency:
            for cid, keys in agency_of.items():
                if (
                    analysis.agency in keys
                    and generation.chunks[generation.row_of[cid]].document_id in allowed
                ):
                    scores[cid] = scores.get(cid, 0.0) + 1.0
        elif asks_who(query):
            # "Ai lo ...?", "Cơ quan nào ...?": the answer is an agency's assignment
            for cid in scores:
                if cid in agency_of:
                    scores[cid] += self._settings.who_boost

        ranked = sorted(scores, key=scores.__getitem__, reverse=True)
        if analysis.agency:
            ranked = _one_per_plan_first(ranked, generation, agency_of, analysis.agency)
        hits = []
        for cid in ranked[:top_k]:
            chunk = generation.chunks[generation.row_of[cid]]
            hits.append(
                SearchHit(
                    chunk=chunk,
                    document=generation.documents[chunk.document_id],
                    score=round(scores[cid], 4),
                    dense_score=round(dense.get(cid, 0.0), 4),
                    keyword_score=round(keyword.get(cid, 0.0), 4),
                )
            )
        return SearchResult(hits=hits, analysis=analysis)

    @staticmethod
    def _keyword_query(query: str, analysis: QueryAnalysis, generation: Generation) -> str:
        """The question in the plans' wording, without the names of the plans it is about
        (every passage of a named plan would match them)."""
        text = fold_diacritics(expand(query))
        for doc_id in analysis.documents:
            locality = generation.documents[doc_id].locality
            if locality:
                text = re.sub(rf"\b{re.escape(fold_diacritics(locality))}\b", " ", text)
        return text


def fuse(rankings: Sequence[tuple[dict[str, float], float]], k: int) -> dict[str, float]:
    """Weighted reciprocal-rank fusion of several ``(scores by id, weight)`` rankings.

    Each ranking contributes ``weight / (k + rank)`` (rank 1 = its best score); the sum is
    scaled so that an id ranked first everywhere scores 1.0. Ties keep first-seen order."""
    fused: dict[str, float] = {}
    for scores, weight in rankings:
        for rank, item in enumerate(sorted(scores, key=scores.__getitem__, reverse=True)):
            fused[item] = fused.get(item, 0.0) + weight / (k + rank + 1)
    best_possible = sum(weight for _, weight in rankings) / (k + 1)
    if best_possible <= 0:
        return dict.fromkeys(fused, 0.0)
    return {item: score / best_possible for item, score in fused.items()}


_WHO = re.compile(r"\b(?:ai|co quan nao|don vi nao|nganh nao|ben nao)\b")


def asks_who(question: str) -> bool:
    """Whether the question asks which body is responsible."""
    return bool(_WHO.search(fold_diacritics(question)))


def _one_per_plan_first(
    ranked: list[str], generation: Generation, agency_of: dict[str, frozenset[str]], agency: str
) -> list[str]:
    """The best passage of the named agency from each plan first, then the rest in order."""
    first: list[str] = []
    plans: set[str] = set()
    for cid in ranked:
        doc = generation.chunks[generation.row_of[cid]].document_id
        if agency in agency_of.get(cid, ()) and doc not in plans:
            first.append(cid)
            plans.add(doc)
    chosen = set(first)
    return first + [cid for cid in ranked if cid not in chosen]
