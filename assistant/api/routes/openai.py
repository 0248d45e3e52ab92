"""OpenAI-compatible chat: GET /v1/models and POST /v1/chat/completions."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

from fastapi import APIRouter
from fastapi.sse import EventSourceResponse, format_sse_event

from assistant.api.deps import ReadKey, ServiceDep, SettingsDep
from assistant.api.openai_models import (
    ChatCompletion,
    ChatCompletionRequest,
    ModelList,
    completion,
    completion_id,
    content_chunk,
    final_chunk,
    role_chunk,
)
from assistant.errors import BadQuestion
from assistant.service import answer_pieces
from assistant.types import Turn

router = APIRouter(tags=["Tương thích OpenAI"], dependencies=[ReadKey])


@router.get("/v1/models", response_model=ModelList, summary="Danh sách mô hình")
def models() -> ModelList:
    """Mô hình duy nhất: `plans-assistant` (dùng cho các giao diện chat chuẩn OpenAI)."""
    return ModelList()


@router.post(
    "/v1/chat/completions",
    response_model=ChatCompletion,
    response_model_exclude_none=True,
    summary="Chat chuẩn OpenAI",
    responses={200: {"content": {"text/event-stream": {}}, "description": "JSON, hoặc SSE."}},
)
def chat_completions(
    body: ChatCompletionRequest, service: ServiceDep, settings: SettingsDep
) -> Any:
    """Tin nhắn cuối của người dùng là câu hỏi, các tin trước là lịch sử (giữ các lượt gần
    nhất theo giới hạn cấu hình). Trích dẫn nằm ở trường `citations` của phản hồi (và của
    chunk cuối khi `stream=true`)."""
    turns = [m for m in body.messages if m.role in ("user", "assistant")]
    if not turns or turns[-1].role != "user":
        raise BadQuestion("Tin nhắn cuối phải là của người dùng (role 'user').")
    keep = settings.limits.history_turns
    earlier = turns[:-1][-keep:] if keep else []
    history = [Turn("user" if m.role == "user" else "assistant", m.text()) for m in earlier]
    answer = service.ask(turns[-1].text(), history)
    if not body.stream:
        return completion(answer)
    chunk_id, created = completion_id(), int(time.time())

    def stream() -> Iterator[bytes]:
        first = role_chunk(chunk_id, created)
        yield format_sse_event(data_str=first.model_dump_json(exclude_none=True))
        for piece in answer_pieces(answer.text):
            chunk = content_chunk(chunk_id, created, piece)
            yield format_sse_event(data_str=chunk.model_dump_json(exclude_none=True))
        last = final_chunk(chunk_id, created, answer)
        yield format_sse_event(data_str=last.model_dump_json(exclude_none=True))
        yield format_sse_event(data_str="[DONE]")

    return EventSourceResponse(stream())
