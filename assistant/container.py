"""The one place that builds the assistant's objects from settings."""

from __future__ import annotations

from dataclasses import dataclass

from assistant.feedback import FEEDBACK_FILE, FeedbackStore
from assistant.index.embeddings import Embedder, build_embedder
from assistant.index.store import IndexPaths
from assistant.retrieve.search import GenerationHolder, Searcher
from assistant.service import AssistantService, Synthesizer
from assistant.settings import Settings, configure_offline_environment


@dataclass
class Container:
    """Everything a process needs, built once."""

    settings: Settings
    embedder: Embedder
    holder: GenerationHolder
    service: AssistantService
    searcher: Searcher


def build(settings: Settings | None = None, embedder: Embedder | None = None) -> Container:
    """Build the service and its parts; pass ``embedder`` to share a loaded model."""
    configure_offline_environment()
    settings = settings or Settings()
    embedder = embedder or build_embedder(settings.embedding)
    holder = GenerationHolder(IndexPaths(settings.data_dir), settings.chroma)
    searcher = Searcher(holder, embedder, settings.retrieval)
    synthesizer: Synthesizer | None = None
    if settings.answer.llm_base_url:
        from assistant.answer.llm import LlmSynthesizer

        synthesizer = LlmSynthesizer(settings.answer)
    feedback = FeedbackStore(settings.data_dir / FEEDBACK_FILE)
    service = AssistantService(holder, searcher, settings, synthesizer, feedback)
    return Container(settings, embedder, holder, service, searcher)
