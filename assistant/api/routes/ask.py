"""Questions: POST /v1/search (passages) and POST /v1/ask (a cited answer, or SSE)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from fastapi import APIRouter
from fastapi.sse import EventSourceResponse, format_sse_event

from assistant.api.deps import ReadKey, ServiceDep
from assistant.api.schemas import (
    AskRequest,
    AskResponse,
    CitationItem,
    SearchRequest,
    SearchResponse,
    SearchResultItem,
)
from assistant.types import Answer

router = APIRouter(tags=["Hỏi đáp"], dependencies=[ReadKey])


def sse(event: str, data: dict[str, Any]) -> bytes:
    """One Server-Sent Event with a JSON payload."""
    return format_sse_event(data_str=json.dumps(data, ensure_ascii=False), event=event)


@router.post("/v1/search", response_model=SearchResponse, summary="Tìm đoạn văn liên quan")
def search(body: SearchRequest, service: ServiceDep) -> SearchResponse:
    """Tìm kiếm kết hợp (ngữ nghĩa + từ khóa, hiểu cả câu gõ không dấu). Trả về các đoạn
    nguyên văn, tốt nhất trước. `top_k` mặc định theo cấu hình; `filters.documents` giới hạn
    trong một số kế hoạch; `history` giúp hiểu câu hỏi nối tiếp."""
    hits = service.search(
        body.query, body.top_k, body.filters.documents if body.filters else None, body.turns()
    )
    return SearchResponse(results=[SearchResultItem.of(h) for h in hits])


@router.post(
    "/v1/ask",
    response_model=AskResponse,
    summary="Hỏi và nhận câu trả lời có trích dẫn",
    responses={
        200: {
            "content": {"text/event-stream": {}},
            "description": "JSON, hoặc SSE khi stream=true.",
        }
    },
)
def ask(body: AskRequest, service: ServiceDep) -> Any:
    """Câu trả lời trích nguyên văn các kế hoạch, nhóm theo kế hoạch, với dấu [n] khớp
    `citations[].n`. `status` = `no_answer` khi các kế hoạch không trả lời câu hỏi. `id` là
    mã câu trả lời để gửi đánh giá. Với `stream=true`: sự kiện `citations` trước, rồi các
    `delta`, cuối cùng `done` (`id`, `status`, `question_used`)."""
    doc_ids = body.filters.documents if body.filters else None
    if not body.stream:
        return AskResponse.of(service.ask(body.question, body.turns(), doc_ids))
    events = service.ask_stream(body.question, body.turns(), doc_ids)
    first = next(events)  # errors (bad question, no index) surface before streaming starts

    def stream() -> Iterator[bytes]:
        citations = [CitationItem.of_citation(c).model_dump() for c in first[1]]
        yield sse("citations", {"citations": citations})
        for kind, payload in events:
            if kind == "delta":
                yield sse("delta", {"text": payload})
            elif kind == "done":
                yield sse("done", _done(payload))

    return EventSourceResponse(stream(), headers={"X-Accel-Buffering": "no"})


def _done(answer: Answer) -> dict[str, Any]:
    return {"id": answer.id, "status": answer.status, "question_used": answer.question_used}
