"""Typed OpenAI-compatible chat models: requests, responses and stream chunks.

Built by the helpers at the bottom, never as hand-made dicts. Our extras (``citations``,
``status``, ``question_used``) ride on the completion and on the last stream chunk.
"""

from __future__ import annotations

import time
import uuid
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool

from assistant.api.schemas import EXAMPLE_QUESTION, CitationItem
from assistant.types import Answer

MODEL_ID = "plans-assistant"


class ChatMessage(BaseModel):
    """One message of an OpenAI chat request (text, or a list of content parts)."""

    role: Literal["system", "user", "assistant", "tool", "developer"]
    content: str | list[dict[str, Any]] | None = None

    def text(self) -> str:
        """The message's text, parts joined."""
        if isinstance(self.content, list):
            return " ".join(str(p.get("text", "")) for p in self.content if isinstance(p, dict))
        return self.content or ""


class ChatCompletionRequest(BaseModel):
    model_config = ConfigDict(
        extra="allow",
        json_schema_extra={
            "examples": [
                {"model": MODEL_ID, "messages": [{"role": "user", "content": EXAMPLE_QUESTION}]}
            ]
        },
    )
    model: str = Field(MODEL_ID, max_length=200, description="Tên mô hình (bỏ qua; chỉ có một).")
    messages: list[ChatMessage] = Field(
        min_length=1, description="Tin nhắn; tin cuối của người dùng là câu hỏi."
    )
    stream: StrictBool = Field(False, description="true: trả về các chunk theo chuẩn OpenAI (SSE).")


class AssistantMessage(BaseModel):
    role: Literal["assistant"] = "assistant"
    content: str


class Choice(BaseModel):
    index: int = 0
    message: AssistantMessage
    finish_reason: Literal["stop"] = "stop"


class Usage(BaseModel):
    prompt_tokens: int = 0
    completion_tokens: int = 0
    total_tokens: int = 0


class AnswerExtras(BaseModel):
    """What an OpenAI response does not have: the cited passages and the answer's status."""

    citations: list[CitationItem] | None = None
    status: Literal["answered", "no_answer"] | None = None
    question_used: str | None = None
    answer_id: str | None = None

    @classmethod
    def of(cls, answer: Answer) -> AnswerExtras:
        return cls(
            citations=[CitationItem.of_citation(c) for c in answer.citations],
            status=answer.status,
            question_used=answer.question_used,
            answer_id=answer.id,
        )


class ChatCompletion(AnswerExtras):
    id: str
    object: Literal["chat.completion"] = "chat.completion"
    created: int
    model: str = MODEL_ID
    choices: list[Choice]
    usage: Usage = Field(default_factory=Usage)


class ChunkDelta(BaseModel):
    role: Literal["assistant"] | None = None
    content: str | None = None


class ChunkChoice(BaseModel):
    index: int = 0
    delta: ChunkDelta
    finish_reason: Literal["stop"] | None = None


class ChatCompletionChunk(AnswerExtras):
    id: str
    object: Literal["chat.completion.chunk"] = "chat.completion.chunk"
    created: int
    model: str = MODEL_ID
    choices: list[ChunkChoice]


class ModelCard(BaseModel):
    id: str = MODEL_ID
    object: Literal["model"] = "model"
    created: int = 0
    owned_by: str = "assistant"


class ModelList(BaseModel):
    object: Literal["list"] = "list"
    data: list[ModelCard] = Field(default_factory=lambda: [ModelCard()])


def completion_id() -> str:
    """A fresh OpenAI-style completion id."""
    return f"chatcmpl-{uuid.uuid4().hex[:24]}"


def completion(answer: Answer) -> ChatCompletion:
    """The whole answer as one chat completion."""
    return ChatCompletion(
        id=completion_id(),
        created=int(time.time()),
        choices=[Choice(message=AssistantMessage(content=answer.text))],
        **AnswerExtras.of(answer).model_dump(),
    )


def role_chunk(chunk_id: str, created: int) -> ChatCompletionChunk:
    """The first stream chunk: the assistant's role."""
    return ChatCompletionChunk(
        id=chunk_id, created=created, choices=[ChunkChoice(delta=ChunkDelta(role="assistant"))]
    )


def content_chunk(chunk_id: str, created: int, piece: str) -> ChatCompletionChunk:
    """A stream chunk carrying a piece of the answer."""
    return ChatCompletionChunk(
        id=chunk_id, created=created, choices=[ChunkChoice(delta=ChunkDelta(content=piece))]
    )


def final_chunk(chunk_id: str, created: int, answer: Answer) -> ChatCompletionChunk:
    """The last stream chunk: finish reason and the citations."""
    return ChatCompletionChunk(
        id=chunk_id,
        created=created,
        choices=[ChunkChoice(delta=ChunkDelta(), finish_reason="stop")],
        **AnswerExtras.of(answer).model_dump(),
    )
