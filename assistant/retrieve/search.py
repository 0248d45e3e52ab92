"""Hybrid search: dense (e5 + Chroma) and keyword (bm25s) rankings fused, then shaped.

Search reads a ``Question`` (see ``assistant.understand``) and never re-derives it. A
question naming a plan is restricted to it; a question naming an agency gets that agency's
assignment section from every plan that has one, one passage per plan, ahead of the rest.
The dense side embeds the question with its diacritics restored; the keyword side searches
it with the plans' wording of everyday terms.
"""

from __future__ import annotations

import contextlib
import contextvars
import re
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np

from assistant.answer.extractive import best_unit, unit_closeness
from assistant.index.embeddings import Embedder
from assistant.index.store import Generation, IndexPaths, open_generation
from assistant.index.units import UnitIndex, load_units, target_number
from assistant.settings import ChromaSettings, RetrievalSettings
from assistant.text import fold_diacritics, quotes_code
from assistant.types import SearchHit
from assistant.understand.agencies import agency_keys
from assistant.understand.question import Lexicon, Question, load_tables

CROSSREF_DEPTH = 10  # passages whose units are read for a numbered target
SIBLING_DEPTH = 5  # a section cut into chunks: siblings of these top passages are read


@dataclass(frozen=True)
class Loaded:
    """One generation with what is derived from it once: the vocabulary questions are
    understood with, the quotable units, and the agencies each chunk assigns."""

    generation: Generation
    lexicon: Lexicon
    units: UnitIndex
    agency_of: dict[str, frozenset[str]]  # chunk id → agency keys its section assigns
    plans_of_agency: dict[str, frozenset[str]]  # agency key → plans with a section for it


@dataclass
class _Entry:
    """A loaded generation and how many requests are using it."""

    loaded: Loaded
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
        self._current: _Entry | None = None
        self._pin: contextvars.ContextVar[_Entry | None] = contextvars.ContextVar(
            f"pinned-generation-{id(self)}", default=None
        )

    def load(self) -> Loaded:
        """The generation pinned by an enclosing ``pinned()``, else the current one, with
        what is derived from it (raises NotIndexed). Outside ``pinned()`` a later switch
        may close it: servers pin."""
        pinned = self._pin.get()
        if pinned is not None:
            return pinned.loaded
        name = self._paths.current_generation()
        current = self._current
        if current is not None and current.loaded.generation.name == name:
            return current.loaded
        with self._lock:
            return self._load_locked().loaded

    def get(self) -> Generation:
        """The loaded generation (see ``load``)."""
        return self.load().generation

    @contextlib.contextmanager
    def pinned(self) -> Iterator[Loaded]:
        """Use one generation for the duration of the block (nested blocks share it)."""
        outer = self._pin.get()
        if outer is not None:
            yield outer.loaded
            return
        with self._lock:
            entry = self._load_locked()
            entry.users += 1
        token = self._pin.set(entry)
        try:
            yield entry.loaded
        finally:
            self._pin.reset(token)
            with self._lock:
                entry.users -= 1
                if entry.retired and entry.users == 0:
                    entry.loaded.generation.close()

    def check(self) -> Generation:
        """The current generation after a round trip to Chroma (``StoreUnavailable`` when
        the server is down, ``NotIndexed`` when its collection is gone)."""
        with self.pinned() as loaded:
            loaded.generation.check()
            return loaded.generation

    def close(self) -> None:
        """Close the loaded generation (a server shutting down)."""
        with self._lock:
            if self._current is not None:
                self._retire_locked(self._current)
                self._current = None

    def _load_locked(self) -> _Entry:
        name = self._paths.current_generation()
        if self._current is not None and self._current.loaded.generation.name == name:
            return self._current
        generation = open_generation(self._paths, self._chroma, name)
        units = load_units(self._paths.generation_dir(generation.name))
        units.link(generation.chunks)
        agency_of = {c.id: agency_keys(c.agency) for c in generation.chunks if c.agency}
        plans_of_agency: dict[str, set[str]] = {}
        for chunk_id, keys in agency_of.items():
            document = generation.chunks[generation.row_of[chunk_id]].document_id
            for key in keys:
                plans_of_agency.setdefault(key, set()).add(document)
        loaded = Loaded(
            generation=generation,
            lexicon=Lexicon(
                list(generation.documents.values()),
                generation.chunks,
                load_tables(self._paths.generation_dir(generation.name)),
            ),
            units=units,
            agency_of=agency_of,
            plans_of_agency={k: frozenset(v) for k, v in plans_of_agency.items()},
        )
        entry = _Entry(loaded)
        if self._current is not None:
            self._retire_locked(self._current)
        self._current = entry
        return entry

    @staticmethod
    def _retire_locked(entry: _Entry) -> None:
        entry.retired = True
        if entry.users == 0:
            entry.loaded.generation.close()


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
        self._layout: _Layout | None = None

    def search(
        self,
        question: Question | str,
        top_k: int | None = None,
        document_ids: Sequence[str] | None = None,
        loaded: Loaded | None = None,
    ) -> SearchResult:
        """The ``top_k`` best passages for ``question``, optionally within some plans, in
        the ``loaded`` generation (the current one, pinned for the search, when not given)."""
        if loaded is None:
            with self._holder.pinned() as pinned:
                return self.search(question, top_k, document_ids, pinned)
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
        layout = self._layout_of(loaded)
        if restrict is not None:
            keyword_scores = np.where(layout.rows_in(restrict), keyword_scores, 0.0)
        order = _top(keyword_scores, n)
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

        quoting = [
            cid
            for cid in keyword
            if quotes_code(question.codes, generation.chunks[generation.row_of[cid]].text)
        ]
        if quoting:
            # "số 0243.22.33.111 là của đơn vị nào?": the passage that quotes the identifier
            # answers, ahead of any assignment; the keyword side has it among its candidates
            # (the code is one token)
            top = max(scores.values(), default=0.0)
            for cid in quoting:
                scores[cid] = top + 1.0 + keyword[cid]
        wanted = question.agency_keys
        if wanted:
            named = {cid for key in wanted for cid in layout.agency_chunks.get(key, ())}
            for cid in named:
                if generation.chunks[generation.row_of[cid]].document_id in allowed:
                    scores[cid] = scores.get(cid, 0.0) + 1.0
        elif "who" in question.intents and not quoting:
            # "Ai lo ...?", "Cơ quan nào ...?": the answer is an agency's assignment
            for cid in scores:
                if cid in agency_of:
                    scores[cid] += self._settings.who_boost

        ranked = sorted(scores, key=scores.__getitem__, reverse=True)
        if wanted:
            ranked = _one_per_plan_first(ranked, generation, agency_of, wanted)
        elif "who" in question.intents and not quoting:
            ranked = _citing_agencies_first(ranked, question, vector, loaded, allowed)
            # an assignment promoted by citation may have been no candidate: it ranks first
            best = max(scores.values(), default=0.0)
            for cid in ranked:
                scores.setdefault(cid, best)
        ranked = _with_siblings(ranked, question, vector, loaded, layout, min(top_k, SIBLING_DEPTH))
        for cid in ranked[:top_k]:
            if cid not in scores or cid not in dense:
                # a sibling pulled up from outside both candidate lists: its own scores
                row = generation.row_of[cid]
                scores.setdefault(cid, 0.0)
                dense.setdefault(cid, _chunk_similarity(generation, row, vector))
                keyword.setdefault(cid, float(keyword_scores[row]) / top_kw if top_kw else 0.0)
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

    def _layout_of(self, loaded: Loaded) -> _Layout:
        """Per-generation lookup arrays, built on the generation's first search."""
        layout = self._layout
        if layout is None or layout.name != loaded.generation.name:
            layout = self._layout = _Layout.of(loaded.generation, loaded.agency_of)
        return layout

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


@dataclass(frozen=True)
class _Layout:
    """What search needs per chunk row as arrays or indexes, so a query at 10,000 plans
    does not loop over every chunk in Python."""

    name: str
    document_index: dict[str, int]
    document_of_row: np.ndarray  # document index of each chunk row
    agency_chunks: dict[str, list[str]]  # agency key → its chunks' ids, in row order
    # chunk id → the other chunks of its section (a long section cut in parts), in order
    siblings: dict[str, tuple[str, ...]]

    @classmethod
    def of(cls, generation: Generation, agency_of: dict[str, frozenset[str]]) -> _Layout:
        index = {doc_id: i for i, doc_id in enumerate(generation.documents)}
        rows = np.fromiter(
            (index.get(c.document_id, -1) for c in generation.chunks),
            dtype=np.int32,
            count=len(generation.chunks),
        )
        agency_chunks: dict[str, list[str]] = {}
        for cid, keys in agency_of.items():
            for key in keys:
                agency_chunks.setdefault(key, []).append(cid)
        sections: dict[tuple[str, str], list[str]] = {}
        for chunk in generation.chunks:
            sections.setdefault((chunk.document_id, chunk.section), []).append(chunk.id)
        siblings = {
            cid: tuple(other for other in ids if other != cid)
            for ids in sections.values()
            if len(ids) > 1
            for cid in ids
        }
        return cls(generation.name, index, rows, agency_chunks, siblings)

    def rows_in(self, document_ids: Sequence[str]) -> np.ndarray:
        """Boolean mask of the chunk rows belonging to ``document_ids``."""
        wanted = np.zeros(len(self.document_index) + 1, dtype=bool)  # last slot: unknown (-1)
        wanted[[self.document_index[d] for d in document_ids if d in self.document_index]] = True
        return wanted[self.document_of_row]


def _top(scores: np.ndarray, n: int) -> np.ndarray:
    """Rows of the ``n`` highest scores, best first (argpartition: linear, not a full sort)."""
    if len(scores) > n:
        candidates = np.argpartition(-scores, n)[:n]
        return candidates[np.argsort(-scores[candidates], kind="stable")]
    return np.argsort(-scores, kind="stable")


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


def _chunk_similarity(generation: Generation, row: int, vector: np.ndarray) -> float:
    """Cosine similarity of one chunk to the query (0 without stored chunk vectors)."""
    if generation.vectors is None:
        return 0.0
    norm = float(np.linalg.norm(vector)) or 1.0
    return float(generation.vectors[row] @ (vector / norm))


def _with_siblings(
    ranked: list[str],
    question: Question,
    vector: np.ndarray,
    loaded: Loaded,
    layout: _Layout,
    depth: int,
) -> list[str]:
    """A long section is cut into chunks, and the one holding the asked line may rank far
    below its sibling ("nhất là tai nạn đuối nước" in the third part of a long item): a
    sibling of a passage in the top ``depth`` whose closest unit is closer to the question
    than any unit of the ranked passage goes right after it. It never pushes the last
    passage of another plan out of the top ``depth`` (then it goes right after them)."""
    generation = loaded.generation
    out = list(ranked)
    for cid in ranked[:depth]:
        others = [s for s in layout.siblings.get(cid, ()) if s not in out[:depth]]
        if not others:
            continue
        chunk = generation.chunks[generation.row_of[cid]]
        own = unit_closeness([chunk], question, loaded.units, vector)
        at = out.index(cid) + 1
        for sid in others:
            sibling = generation.chunks[generation.row_of[sid]]
            if unit_closeness([sibling], question, loaded.units, vector) <= own:
                continue
            trial = [c for c in out if c != sid]
            trial.insert(at, sid)
            plans = {generation.chunks[generation.row_of[c]].document_id for c in out[:depth]}
            kept = {generation.chunks[generation.row_of[c]].document_id for c in trial[:depth]}
            if plans - kept:
                trial = [c for c in out if c != sid]
                trial.insert(max(at, depth), sid)
            out = trial
            at = out.index(sid) + 1
    return out


def _citing_agencies_first(
    ranked: list[str],
    question: Question,
    vector: np.ndarray,
    loaded: Loaded,
    allowed: set[str],
) -> list[str]:
    """ "Which agency is responsible for <a target>?": when the closest unit among the top
    passages is a numbered target ("Chỉ tiêu 13: ... tảo hôn"), the assignments citing
    that number ("chỉ đạo thực hiện các chỉ tiêu 13, 21") go first, whether or not they
    were among the candidates (only from the ``allowed`` plans)."""
    generation = loaded.generation
    top = [generation.chunks[generation.row_of[cid]] for cid in ranked[:CROSSREF_DEPTH]]
    found = best_unit(top, question, loaded.units, vector)
    if found is None:
        return ranked
    text, chunk = found
    number = target_number(text)
    if number is None:
        return ranked
    citing = loaded.units.citing.get((chunk.document_id, number), [])
    first = [c.id for c in citing if c.document_id in allowed]
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
