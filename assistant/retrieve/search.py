"""Hybrid search: dense (e5 + Chroma) and keyword (bm25s) rankings fused, then shaped.

Search reads a ``Question`` (see ``assistant.understand``) and never re-derives it. A
question naming a plan is restricted to it; a question naming an agency gets that agency's
assignment section from every plan that has one, one passage per plan, ahead of the rest.
The dense side embeds the question with its diacritics restored; the keyword side searches
it with the plans' wording of everyday terms.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from assistant.answer.extractive import best_unit
from assistant.index.embeddings import Embedder
from assistant.index.store import Generation, IndexPaths, open_generation
from assistant.index.units import UnitIndex, load_units, target_number
from assistant.settings import ChromaSettings, RetrievalSettings
from assistant.text import fold_diacritics
from assistant.types import SearchHit
from assistant.understand.agencies import agency_keys
from assistant.understand.question import Lexicon, Question

CROSSREF_DEPTH = 10  # passages whose units are read for a numbered target


@dataclass(frozen=True)
class Loaded:
    """One generation with what is derived from it once: the vocabulary questions are
    understood with, the quotable units, and the agencies each chunk assigns."""

    generation: Generation
    lexicon: Lexicon
    units: UnitIndex
    agency_of: dict[str, frozenset[str]]  # chunk id → agency keys its section assigns


class GenerationHolder:
    """The current index generation, reloaded when an ingest flips ``CURRENT``."""

    def __init__(self, paths: IndexPaths, chroma: ChromaSettings) -> None:
        self._paths = paths
        self._chroma = chroma
        self._lock = threading.Lock()
        self._loaded: Loaded | None = None

    def load(self) -> Loaded:
        """The current generation and what is derived from it (raises NotIndexed).

        Callers read it once per request and pass it down, so one request never mixes
        two generations."""
        name = self._paths.current_generation()
        current = self._loaded
        if current is not None and current.generation.name == name:
            return current
        with self._lock:
            if self._loaded is None or self._loaded.generation.name != name:
                generation = open_generation(self._paths, self._chroma)
                units = load_units(self._paths.generation_dir(generation.name))
                units.link(generation.chunks)
                self._loaded = Loaded(
                    generation=generation,
                    lexicon=Lexicon(list(generation.documents.values()), generation.chunks),
                    units=units,
                    agency_of={c.id: agency_keys(c.agency) for c in generation.chunks if c.agency},
                )
            return self._loaded

    def get(self) -> Generation:
        """The loaded current generation (raises NotIndexed when there is none)."""
        return self.load().generation


@dataclass(frozen=True)
class SearchResult:
    """Hits, best first, the question they answer and its query vector."""

    hits: list[SearchHit]
    question: Question
    vector: np.ndarray


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
        question: Question | str,
        top_k: int | None = None,
        document_ids: Sequence[str] | None = None,
        loaded: Loaded | None = None,
    ) -> SearchResult:
        """The ``top_k`` best passages for ``question``, optionally within some plans, in
        the ``loaded`` generation (the current one when not given)."""
        loaded = loaded or self._holder.load()
        generation = loaded.generation
        if isinstance(question, str):
            question = loaded.lexicon.understand(question)
        top_k = top_k or self._settings.top_k
        agency_of = loaded.agency_of
        allowed = set(document_ids or ()) or set(generation.documents)
        if question.plans and allowed & set(question.plans):
            allowed &= set(question.plans)
        restrict = None if allowed == set(generation.documents) else sorted(allowed)

        n = self._settings.candidates
        # the plans' wording of everyday terms helps the dense side as it helps the keyword one
        extra = question.expanded[len(question.standalone) :]
        text = f"{question.restored}{extra}"
        vector = np.asarray(self._embedder.get_query_embedding(text), dtype=np.float32)
        dense = generation.dense(vector.tolist(), n, restrict)

        keyword_scores = generation.keyword.scores(self._keyword_query(question, generation))
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

        wanted = question.agency_keys
        if wanted:
            for cid, keys in agency_of.items():
                if (
                    keys & wanted
                    and generation.chunks[generation.row_of[cid]].document_id in allowed
                ):
                    scores[cid] = scores.get(cid, 0.0) + 1.0
        elif "who" in question.intents:
            # "Ai lo ...?", "Cơ quan nào ...?": the answer is an agency's assignment
            for cid in scores:
                if cid in agency_of:
                    scores[cid] += self._settings.who_boost

        ranked = sorted(scores, key=scores.__getitem__, reverse=True)
        if wanted:
            ranked = _one_per_plan_first(ranked, generation, agency_of, wanted)
        elif "who" in question.intents:
            ranked = _citing_agencies_first(ranked, question, vector, loaded)
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
        return SearchResult(hits=hits, question=question, vector=vector)

    @staticmethod
    def _keyword_query(question: Question, generation: Generation) -> str:
        """The question in the plans' wording, without the names of the plans it is about
        (every passage of a named plan would match them)."""
        text = fold_diacritics(question.expanded)
        for doc_id in question.plans:
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


def _citing_agencies_first(
    ranked: list[str], question: Question, vector: np.ndarray, loaded: Loaded
) -> list[str]:
    """ "Which agency is responsible for <a target>?": when the closest unit among the top
    passages is a numbered target ("Chỉ tiêu 13: ... tảo hôn"), the assignments citing
    that number ("chỉ đạo thực hiện các chỉ tiêu 13, 21") go first."""
    generation = loaded.generation
    top = [generation.chunks[generation.row_of[cid]] for cid in ranked[:CROSSREF_DEPTH]]
    found = best_unit(top, question, loaded.units, vector)
    if found is None:
        return ranked
    text, chunk = found
    number = target_number(text)
    if number is None:
        return ranked
    first = [c.id for c in loaded.units.citing.get((chunk.document_id, number), [])]
    return first + [cid for cid in ranked if cid not in first]


def _one_per_plan_first(
    ranked: list[str],
    generation: Generation,
    agency_of: dict[str, frozenset[str]],
    wanted: frozenset[str],
) -> list[str]:
    """The best passage of the named agency from each plan first, then the rest in order."""
    first: list[str] = []
    plans: set[str] = set()
    for cid in ranked:
        doc = generation.chunks[generation.row_of[cid]].document_id
        if wanted & agency_of.get(cid, frozenset()) and doc not in plans:
            first.append(cid)
            plans.add(doc)
    chosen = set(first)
    return first + [cid for cid in ranked if cid not in chosen]
