"""The service layer: what the API, the CLI, the UI and the evals all call."""

from __future__ import annotations

import contextlib
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any, Protocol

from assistant.answer.extractive import compose
from assistant.answer.merge import covered, merge_answers
from assistant.answer.metadata import (
    answer_metadata,
    answer_validity_end,
    validity_end_asked,
    with_cited,
)
from assistant.answer.structure import answer_structure
from assistant.answer.summary import summary_line
from assistant.errors import BadQuestion, DocumentNotFound, NotIndexed, UnknownDocument
from assistant.feedback import FeedbackStore, Rating
from assistant.index.store import Generation
from assistant.outline import OutlineSection, outline_of
from assistant.retrieve.search import GenerationHolder, Loaded, Searcher
from assistant.settings import Settings
from assistant.text import normalize
from assistant.types import Answer, DocumentMeta, SearchHit, Turn
from assistant.understand import vocab
from assistant.understand.clauses import own_subject, repeats, standalone_clause
from assistant.understand.documents import CITED
from assistant.understand.followup import reference
from assistant.understand.intents import structure_asked
from assistant.understand.question import Question, compounds

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
        """Counts of the current index after a round trip to the vector store (raises
        NotIndexed when there is none, StoreUnavailable when Chroma is down)."""
        generation = self._holder.check()
        return {
            "status": "ok",
            "documents": len(generation.documents),
            "chunks": len(generation.chunks),
        }

    def documents(self) -> list[DocumentSummary]:
        """Every indexed plan with its chunk count."""
        with self._holder.pinned() as loaded:
            generation = loaded.generation
            counts = Counter(c.document_id for c in generation.chunks)
            return [DocumentSummary(d, counts[d.id]) for d in generation.documents.values()]

    def document(self, document_id: str) -> tuple[DocumentMeta, int, list[OutlineSection]]:
        """One plan's metadata, chunk count and outline with its text (DocumentNotFound)."""
        generation = self._holder.get()
        meta = generation.documents.get(document_id)
        if meta is None:
            raise DocumentNotFound(f"Không có kế hoạch với mã '{document_id[:100]}'.")
        chunks = [c for c in generation.chunks if c.document_id == document_id]
        return meta, len(chunks), outline_of(chunks)

    def warm_up(self) -> None:
        """Load what the first question would otherwise wait for (segmenter, index)."""
        compounds("Sở Tư pháp phải làm gì?")  # the word segmenter's model (about 1 s)
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

    def understand(
        self, question: str, history: Sequence[Turn] = (), loaded: Loaded | None = None
    ) -> Question:
        """The one ``Question`` for a request: follow-ups resolved, plans, agencies, intents."""
        return (loaded or self._holder.load()).lexicon.understand(question, history)

    def standalone_question(
        self, question: str, history: Sequence[Turn], generation: Generation | None = None
    ) -> str:
        """The question with a follow-up's missing plan/agency/topic filled in from history."""
        return self.understand(question, history).standalone

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
        with self._holder.pinned() as loaded:  # open until the request is done with it
            return self._search(query, top_k, document_ids, history, loaded)

    def _search(
        self,
        query: str,
        top_k: int,
        document_ids: Sequence[str] | None,
        history: Sequence[Turn],
        loaded: Loaded,
    ) -> list[SearchHit]:
        checked = self._check(query, history, document_ids, loaded.generation)
        question = self.understand(checked, history, loaded)
        hits = self._searcher.search(question, top_k, document_ids, loaded).hits
        metadata = self._metadata_answer(question, document_ids, loaded.generation)
        if metadata is None:
            return hits
        # the line that states the plan's number/date/signer goes first
        first = [c.hit for c in metadata.citations]
        seen = {h.chunk.id for h in first}
        return (first + [h for h in hits if h.chunk.id not in seen])[: len(hits)]

    def _metadata_answer(
        self, question: Question, document_ids: Sequence[str] | None, generation: Generation
    ) -> Answer | None:
        """The answer to a question about a plan's own number, date, signer or basis."""
        intents = question.metadata_intents
        if not intents or question.foreign_place:
            return None
        scope = list(document_ids or ()) or list(question.plans)
        documents = list(generation.documents.values())
        return answer_metadata(intents, question.standalone, documents, generation.chunks, scope)

    def _structure_answer(
        self, question: Question, document_ids: Sequence[str] | None, generation: Generation
    ) -> Answer | None:
        """The answer to a question about one plan's outline (its parts, their items, an
        appendix), from its headings, or about until when it is in force; None when it asks
        neither or names no single plan."""
        ask = structure_asked(question.folded)
        end = validity_end_asked(question.folded)
        scope = list(document_ids or ()) or list(question.plans)
        if (ask is None and not end) or len(scope) != 1 or scope[0] not in generation.documents:
            return None
        doc = generation.documents[scope[0]]
        if end:  # until when the plan is in force: the period it states, not its start
            return answer_validity_end(question.standalone, doc, generation.chunks)
        if ask is None:
            return None
        last = question.truncated_after.get(doc.id, "")
        return answer_structure(
            ask, question.folded, question.standalone, doc, generation.chunks, last
        )

    def ask(
        self, question: str, history: Sequence[Turn] = (), document_ids: Sequence[str] | None = None
    ) -> Answer:
        """A grounded answer with citations, or an honest "no answer"."""
        with self._holder.pinned() as loaded:  # open until the request is done with it
            return self._ask(question, history, document_ids, loaded)

    def _ask(
        self,
        question: str,
        history: Sequence[Turn],
        document_ids: Sequence[str] | None,
        loaded: Loaded,
    ) -> Answer:
        generation = loaded.generation
        text = self._check(question, history, document_ids, generation)
        understood = self.understand(text, history, loaded)
        structure = self._structure_answer(understood, document_ids, generation)
        if structure is not None:
            return structure  # the plan's own outline: its headings, counted
        parts = self._parts(understood, loaded)
        whole, stated = self._compose(understood, document_ids, loaded)
        answer = self._ask_parts(understood, parts, whole, document_ids, loaded) if parts else whole
        if stated and answer is whole:
            return answer  # the lines stating the plan's own facts: no summary
        if self._synthesizer is not None and answer.status == "answered":
            return self._synthesizer.synthesize(understood.standalone, answer)
        assigning = {
            plan
            for key in understood.agency_keys
            for plan in loaded.plans_of_agency.get(key, ())
            if (not document_ids or plan in document_ids)
            and (not understood.plans or plan in understood.plans)
        }
        summary = summary_line(answer, understood, list(generation.documents.values()), assigning)
        return replace(answer, text=f"{summary}\n\n{answer.text}") if summary else answer

    def _compose(
        self,
        understood: Question,
        document_ids: Sequence[str] | None,
        loaded: Loaded,
        brief: bool = False,
    ) -> tuple[Answer, bool]:
        """The extractive answer to one question, and whether it quotes the lines stating
        the plan's own facts (number, date, signer: a metadata question's answer)."""
        generation = loaded.generation
        metadata = self._metadata_answer(understood, document_ids, generation)
        if metadata is not None and CITED not in understood.intents:
            return metadata, True
        if metadata is not None:
            # the plan's own date asked with the number of a document it cites: both
            understood = replace(understood, intents=understood.intents - {*vocab.METADATA_INTENTS})
        result = self._searcher.search(understood, ASK_CANDIDATES, document_ids, loaded)
        answer = compose(
            understood,
            result.hits,
            list(generation.documents.values()),
            self._settings.answer,
            loaded.units,
            result.vector,
            tuple(document_ids or ()),
            brief=brief,
        )
        if metadata is not None:
            return with_cited(metadata, answer), True
        return answer, False

    def _parts(self, understood: Question, loaded: Loaded) -> list[Question]:
        """The parts of a question asking several things, each understood on its own as
        typed; none when it asks one thing or only facts of the plan itself (number,
        date, signer: answered whole from the lines that state them)."""
        if len(understood.clauses) < 2:
            return []
        parts = [self.understand(c, (), loaded) for c in understood.clauses]
        return [] if all(p.metadata_intents for p in parts) else parts

    def _ask_parts(
        self,
        whole: Question,
        parts: list[Question],
        answer: Answer,
        document_ids: Sequence[str] | None,
        loaded: Loaded,
    ) -> Answer:
        """Each part of the question answered on its own, merged into one answer; the
        answer to the whole (``answer``) when it already quotes what every part's does.

        A later part inherits the plans the whole question names when it names none,
        and the first part's agency when it has no subject of its own ("... chủ trì việc
        gì và phối hợp với những cơ quan nào"); one that points back ("cơ quan ấy") is
        read as a follow-up of the part before it and its answer."""
        documents = list(loaded.generation.documents.values())
        first = parts[0].agency
        first_agency = (first.surface or first.mention) if first else ""
        answered: list[tuple[str, Answer]] = []  # each part made standalone, its answer
        shown: list[tuple[str, Answer]] = []  # each part as typed, its answer
        for i, part in enumerate(parts):
            history: tuple[Turn, ...] = ()
            if i and reference(part.text) is not None:
                previous, previous_answer = answered[-1]
                history = (Turn("user", previous), Turn("assistant", previous_answer.text))
            text = standalone_clause(
                part.text,
                part.plans,
                bool(part.agencies),
                whole.plans,
                parts[0].text if i and not history else "",
                first_agency if i and not history else "",
                documents,
                has_own_subject=not i or bool(history) or own_subject(part),
            )
            understood = self.understand(text, history, loaded)
            reply, _ = self._compose(understood, document_ids, loaded, brief=True)
            said = (bool(part.agencies) or own_subject(part)) and not repeats(part, parts[0])
            if reply.status != "answered" and i and not said:
                # a part asking only more of another's subject ("thông qua phòng nào",
                # "những cấp độ nào"): the other parts' answers speak of it; no line saying
                # it is not answered
                continue
            answered.append((understood.standalone, reply))
            shown.append((part.text, reply))
        if answer.status == "answered" and all(covered(a, answer) for _, a in answered):
            return answer
        if not any(a.status == "answered" for _, a in answered):
            return answer
        return merge_answers(whole.standalone, shown)

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
