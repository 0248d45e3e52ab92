"""The service layer: what the API, the CLI, the UI and the evals all call."""

from __future__ import annotations

import contextlib
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from assistant.answer.extractive import compose
from assistant.answer.metadata import answer_metadata
from assistant.errors import BadQuestion, NotIndexed, UnknownDocument
from assistant.retrieve.search import GenerationHolder, Searcher
from assistant.settings import Settings
from assistant.text import normalize
from assistant.types import Answer, DocumentMeta, SearchHit, Turn
from assistant.understand.question import Question

MAX_QUESTION_CHARS = 2000
MAX_HISTORY_TURNS = 20
ASK_CANDIDATES = 10


class Synthesizer(Protocol):
    """Writes an answer from numbered passages (an LLM); falls back to ``answer`` on error."""

    def synthesize(self, question: str, answer: Answer) -> Answer: ...


@dataclass(frozen=True)
class DocumentSummary:
    meta: DocumentMeta
    chunks: int


class AssistantService:
    """Search and grounded answers over the indexed plans."""

    def __init__(
        self,
        holder: GenerationHolder,
        searcher: Searcher,
        settings: Settings,
        synthesizer: Synthesizer | None = None,
    ) -> None:
        self._holder = holder
        self._searcher = searcher
        self._settings = settings
        self._synthesizer = synthesizer

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
        self, question: str, history: Sequence[Turn], document_ids: Sequence[str] | None
    ) -> str:
        question = normalize(question or "").strip()
        if not question:
            raise BadQuestion("Câu hỏi trống: hãy nhập nội dung cần hỏi.")
        if len(question) > MAX_QUESTION_CHARS:
            raise BadQuestion(
                f"Câu hỏi quá dài ({len(question)} ký tự, tối đa {MAX_QUESTION_CHARS})."
            )
        if len(history) > MAX_HISTORY_TURNS:
            raise BadQuestion(f"Lịch sử hội thoại quá dài (tối đa {MAX_HISTORY_TURNS} lượt).")
        known = self._holder.get().documents
        unknown = [d for d in document_ids or () if d not in known]
        if unknown:
            raise UnknownDocument(
                f"Không có kế hoạch với mã: {', '.join(unknown)}. "
                f"Các mã hợp lệ: {', '.join(known)}."
            )
        return question

    def understand(self, question: str, history: Sequence[Turn] = ()) -> Question:
        """The one ``Question`` for a request: follow-ups resolved, plans, agencies, intents."""
        return self._holder.load().lexicon.understand(question, history)

    def standalone_question(self, question: str, history: Sequence[Turn]) -> str:
        """The question with a follow-up's missing plan/agency/topic filled in from history."""
        return self.understand(question, history).standalone

    def search(
        self,
        query: str,
        top_k: int | None = None,
        document_ids: Sequence[str] | None = None,
        history: Sequence[Turn] = (),
    ) -> list[SearchHit]:
        """Passages for a question (follow-ups rewritten with ``history``)."""
        question = self.understand(self._check(query, history, document_ids), history)
        hits = self._searcher.search(question, top_k, document_ids).hits
        metadata = self._metadata_answer(question, document_ids)
        if metadata is None:
            return hits
        # the line that states the plan's number/date/signer goes first
        first = [c.hit for c in metadata.citations]
        seen = {h.chunk.id for h in first}
        return (first + [h for h in hits if h.chunk.id not in seen])[: len(hits)]

    def _metadata_answer(
        self, question: Question, document_ids: Sequence[str] | None
    ) -> Answer | None:
        """The answer to a question about a plan's own number, date, signer or basis."""
        intents = question.metadata_intents
        if not intents or question.foreign_place:
            return None
        generation = self._holder.get()
        scope = list(document_ids or ()) or list(question.plans)
        return answer_metadata(
            intents,
            question.standalone,
            list(generation.documents.values()),
            generation.chunks,
            scope,
        )

    def ask(
        self, question: str, history: Sequence[Turn] = (), document_ids: Sequence[str] | None = None
    ) -> Answer:
        """A grounded answer with citations, or an honest "no answer"."""
        text = self._check(question, history, document_ids)
        loaded = self._holder.load()
        understood = loaded.lexicon.understand(text, history)
        metadata = self._metadata_answer(understood, document_ids)
        if metadata is not None:
            return metadata
        result = self._searcher.search(understood, ASK_CANDIDATES, document_ids)
        answer = compose(
            understood,
            result.hits,
            list(loaded.generation.documents.values()),
            self._settings.answer,
            loaded.units,
            result.vector,
            tuple(document_ids or ()),
        )
        if self._synthesizer is not None and answer.status == "answered":
            answer = self._synthesizer.synthesize(understood.standalone, answer)
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
