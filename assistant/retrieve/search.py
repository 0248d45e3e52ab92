"""Hybrid search: dense (e5 + Chroma) and keyword (bm25s) rankings fused, then shaped.

Shaping follows what users ask: a question naming a plan is restricted to it; a question
naming an agency gets that agency's assignment section from every plan that has one,
one passage per plan, ahead of everything else.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from assistant.index.embeddings import Embedder
from assistant.index.store import Generation, IndexPaths, open_generation
from assistant.retrieve.glossary import expand
from assistant.retrieve.query import QueryAnalysis, agency_keys, analyse
from assistant.settings import ChromaSettings, RetrievalSettings
from assistant.text import fold_diacritics
from assistant.types import SearchHit


class GenerationHolder:
    """The current index generation, reloaded when an ingest flips ``CURRENT``."""

    def __init__(self, paths: IndexPaths, chroma: ChromaSettings) -> None:
        self._paths = paths
        self._chroma = chroma
        self._lock = threading.Lock()
        self._generation: Generation | None = None

    def get(self) -> Generation:
        """The loaded current generation (raises NotIndexed when there is none).

        Callers read it once per request and pass it down, so one request never mixes
        two generations."""
        name = self._paths.current_generation()
        current = self._generation
        if current is not None and current.name == name:
            return current
        with self._lock:
            if self._generation is None or self._generation.name != name:
                generation = open_generation(self._paths, self._chroma)
                generation.agencies = {
                    c.id: agency_keys(c.agency) for c in generation.chunks if c.agency
                }
                generation.known_agencies = frozenset().union(*generation.agencies.values())
                self._generation = generation
            return self._generation


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
        ``generation`` (the current one when not given)."""
        generation = generation or self._holder.get()
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
