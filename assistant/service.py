"""The service layer: what the API, the CLI, the UI and the evals all call."""

from __future__ import annotations

import contextlib
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from assistant.answer.extractive import compose
from assistant.answer.metadata import answer_metadata, metadata_intent
from assistant.errors import BadQuestion, NotIndexed, UnknownDocument
from assistant.feedback import FeedbackStore, Rating
from assistant.index.store import Generation
from assistant.retrieve.followup import rewrite
from assistant.retrieve.query import analyse, foreign_place
from assistant.retrieve.search import GenerationHolder, Searcher
from assistant.settings import Settings
from assistant.text import normalize
from assistant.types import Answer, DocumentMeta, SearchHit, Turn

ASK_CANDIDATES = 10


class Synthesizer(Protocol):
    """Writes an answer from numbered passages (an LLM); falls back to ``answer`` on error."""

    def synthesize(self, question: str, answer: Answer) -> Answer: ...


@dataclass(frozen=True)
class DocumentSummary:
    meta: DocumentMeta
    chunks: int


class AssistantService:
    """Search and grounded answers over the indexed plans.

    Each public method reads the current index generation once and passes it down, so a
    request that validates plan ids against one generation also searches that one."""

    def __init__(
        self,
        holder: GenerationHolder,
        searcher: Searcher,
        settings: Settings,
        synthesizer: Synthesizer | None = None,
        feedback: FeedbackStore | None = None,
    ) -> None:
        self._holder = holder
        self._searcher = searcher
        self._settings = settings
        self._synthesizer = synthesizer
        self._feedback = feedback

    @property
    def settings(self) -> Settings:
        """The settings this service was built with."""
        return self._settings

    # --- catalogue -------------------------------------------------------------
    def health(self) -> dict[str, Any]:
        """Counts of the current index (raises NotIndexed when there is none)."""
        generation = self._holder.get()
        return {
            "status": "ok",
            "documents": len(generation.documents),
            "chunks": len(generation.chunks),
        }

    def documents(self) -> list[DocumentSummary]:
        """Every indexed plan with its chunk count."""
        generation = self._holder.get()
        counts = Counter(c.document_id for c in generation.chunks)
        return [DocumentSummary(d, counts[d.id]) for d in generation.documents.values()]

    def warm_up(self) -> None:
        """Load what the first question would otherwise wait for (segmenter, index)."""
        with contextlib.suppress(NotIndexed):
            self._searcher.search("Sở Tư pháp phải làm gì?", 1)

    # --- questions -------------------------------------------------------------
    def _check(
        self,
        question: str,
        history: Sequence[Turn],
        document_ids: Sequence[str] | None,
        generation: Generation,
    ) -> str:
        limits = self._settings.limits
        question = normalize(question or "").strip()
        if not question:
            raise BadQuestion("Câu hỏi trống: hãy nhập nội dung cần hỏi.")
        if len(question) > limits.question_chars:
            raise BadQuestion(
                f"Câu hỏi quá dài ({len(question)} ký tự, tối đa {limits.question_chars})."
            )
        if len(history) > limits.history_turns:
            raise BadQuestion(f"Lịch sử hội thoại quá dài (tối đa {limits.history_turns} lượt).")
        if any(len(turn.content) > limits.message_chars for turn in history):
            raise BadQuestion(
                f"Một lượt trong lịch sử quá dài (tối đa {limits.message_chars} ký tự)."
            )
        if document_ids is not None and len(document_ids) > limits.filter_documents:
            raise BadQuestion(f"Quá nhiều mã kế hoạch (tối đa {limits.filter_documents}).")
        known = generation.documents
        unknown = [d for d in document_ids or () if d not in known]
        if unknown:
            raise UnknownDocument(
                f"Không có kế hoạch với mã: {', '.join(unknown)}. "
                f"Các mã hợp lệ: {', '.join(known)}."
            )
        return question

    def _top_k(self, top_k: int | None) -> int:
        limit = self._settings.limits.top_k_max
        top_k = self._settings.retrieval.top_k if top_k is None else top_k
        if not 1 <= top_k <= limit:
            raise BadQuestion(f"top_k phải từ 1 đến {limit}.")
        return top_k

    def standalone_question(
        self, question: str, history: Sequence[Turn], generation: Generation | None = None
    ) -> str:
        """The question with a follow-up's missing plan/agency/topic filled in from history."""
        if not history:
            return question
        generation = generation or self._holder.get()
        return rewrite(question, history, generation.documents.values(), generation.known_agencies)

    def search(
        self,
        query: str,
        top_k: int | None = None,
        document_ids: Sequence[str] | None = None,
        history: Sequence[Turn] = (),
    ) -> list[SearchHit]:
        """Passages for a question (follow-ups rewritten with ``history``); ``top_k``
        defaults to ``settings.retrieval.top_k``."""
        top_k = self._top_k(top_k)
        generation = self._holder.get()
        checked = self._check(query, history, document_ids, generation)
        query = self.standalone_question(checked, history, generation)
        hits = self._searcher.search(query, top_k, document_ids, generation).hits
        metadata = self._metadata_answer(query, document_ids, generation)
        if metadata is None:
            return hits
        # the line that states the plan's number/date/signer goes first
        first = [c.hit for c in metadata.citations]
        seen = {h.chunk.id for h in first}
        return (first + [h for h in hits if h.chunk.id not in seen])[: len(hits)]

    def _metadata_answer(
        self, question: str, document_ids: Sequence[str] | None, generation: Generation
    ) -> Answer | None:
        """The answer to a question about a plan's own number, date, signer or basis."""
        documents = list(generation.documents.values())
        intent = metadata_intent(question)
        if intent is None or foreign_place(question, documents):
            return None
        scope = list(document_ids or ()) or list(analyse(question, documents, ()).documents)
        return answer_metadata(intent, question, documents, generation.chunks, scope)

    def ask(
        self, question: str, history: Sequence[Turn] = (), document_ids: Sequence[str] | None = None
    ) -> Answer:
        """A grounded answer with citations, or an honest "no answer"."""
        generation = self._holder.get()
        question = self._check(question, history, document_ids, generation)
        used = self.standalone_question(question, history, generation)
        documents = list(generation.documents.values())
        place = foreign_place(used, documents)
        metadata = self._metadata_answer(used, document_ids, generation)
        if metadata is not None:
            return metadata
        result = self._searcher.search(used, ASK_CANDIDATES, document_ids, generation)
        analysis = result.analysis
        if document_ids and not analysis.documents:
            analysis = analyse(
                used,
                [d for d in documents if d.id in document_ids],
                generation.known_agencies,
            )
            analysis = type(analysis)(tuple(document_ids), analysis.agency, analysis.folded)
        answer = compose(used, result.hits, analysis, documents, self._settings.answer, place)
        if self._synthesizer is not None and answer.status == "answered":
            answer = self._synthesizer.synthesize(used, answer)
        return answer

    def ask_stream(
        self, question: str, history: Sequence[Turn] = (), document_ids: Sequence[str] | None = None
    ) -> Iterator[tuple[str, Any]]:
        """("citations", [...]) first, then ("delta", text) pieces, then ("done", answer)."""
        answer = self.ask(question, history, document_ids)
        yield "citations", answer.citations
        for piece in answer_pieces(answer.text):
            yield "delta", piece
        yield "done", answer

    # --- feedback --------------------------------------------------------------
    def rate(
        self,
        answer_id: str,
        rating: Rating,
        question: str,
        answer: str,
        citations: list[dict[str, Any]],
        comment: str | None = None,
    ) -> int:
        """Store (or update) the rating of one answer; returns the feedback row id."""
        if self._feedback is None:
            raise RuntimeError("this service was built without a feedback store")
        limit = self._settings.limits.comment_chars
        if comment is not None and len(comment) > limit:
            raise BadQuestion(f"Góp ý quá dài (tối đa {limit} ký tự).")
        return self._feedback.rate(answer_id, rating, question, answer, citations, comment)

    def feedback_rows(self) -> list[dict[str, Any]]:
        """Every rating, shaped like an evaluation case (oldest first)."""
        return self._feedback.export_rows() if self._feedback is not None else []


def answer_pieces(text: str, size: int = 80) -> Iterator[str]:
    """The answer in small pieces, cut after spaces or newlines."""
    start = 0
    while start < len(text):
        end = min(len(text), start + size)
        if end < len(text):
            cut = max(text.rfind(" ", start, end), text.rfind("\n", start, end))
            end = cut + 1 if cut > start else end
        yield text[start:end]
        start = end
