"""The HTTP API: thin routes over ``AssistantService``.

Routes validate, call one service function and return a response model. Errors are
``assistant.errors`` types turned into ``{"error": {"code", "message"}}`` by one handler.
"""

from __future__ import annotations

import json
import logging
import secrets
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse, StreamingResponse
from fastapi_offline import FastAPIOffline
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from assistant.api.schemas import (
    ERROR_RESPONSES,
    AskRequest,
    AskResponse,
    ChatCompletionRequest,
    CitationItem,
    DocumentInfo,
    DocumentsResponse,
    ErrorResponse,
    HealthResponse,
    SearchRequest,
    SearchResponse,
    SearchResultItem,
)
from assistant.container import Container, build
from assistant.errors import (
    AssistantError,
    BadQuestion,
    BadRequest,
    NotFound,
    PayloadTooLarge,
    Unauthorized,
)
from assistant.service import AssistantService, answer_pieces
from assistant.settings import Settings
from assistant.types import Answer, Turn

log = logging.getLogger("assistant.api")
MODEL_ID = "plans-assistant"


class BodyLimit:
    """Refuse request bodies over ``limit`` bytes with 413, before routing reads them."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        length = headers.get(b"content-length")
        if length is not None and length.isdigit() and int(length) > self.limit:
            await _send_error(send, PayloadTooLarge())
            return
        received = 0

        async def limited() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    raise _TooLarge()
            return message

        try:
            await self.app(scope, limited, send)
        except _TooLarge:
            await _send_error(send, PayloadTooLarge())


class _TooLarge(Exception):
    pass


async def _send_error(send: Send, error: AssistantError) -> None:
    body = json.dumps(error.to_dict(), ensure_ascii=False).encode()
    await send(
        {
            "type": "http.response.start",
            "status": error.status_code,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


def error_response(error: AssistantError) -> JSONResponse:
    return JSONResponse(error.to_dict(), status_code=error.status_code)


def _validation_message(exc: RequestValidationError) -> AssistantError:
    errors = exc.errors()
    if any(e.get("type") == "json_invalid" for e in errors):
        return BadRequest(
            "JSON không hợp lệ: kiểm tra lại nội dung gửi lên (dấu ngoặc, dấu phẩy, mã hóa UTF-8)."
        )
    parts = []
    for e in errors[:5]:
        where = ".".join(str(x) for x in e.get("loc", ()) if x != "body") or "body"
        parts.append(f"{where}: {e.get('msg', 'không hợp lệ')}")
    error = BadQuestion("Dữ liệu không hợp lệ — " + "; ".join(parts))
    error.code = "invalid_request"
    return error


def get_container(request: Request) -> Container:
    return request.app.state.container  # type: ignore[no-any-return]


def get_service(request: Request) -> AssistantService:
    return get_container(request).service


def require_key(request: Request) -> None:
    """Check the API key on /v1/* when keys are configured."""
    keys: list[str] = get_container(request).settings.api.keys
    if not keys:
        return
    supplied = request.headers.get("x-api-key")
    auth = request.headers.get("authorization", "")
    if not supplied and auth.lower().startswith("bearer "):
        supplied = auth[7:].strip()
    if not supplied or not any(secrets.compare_digest(supplied, k) for k in keys):
        raise Unauthorized()


ServiceDep = Annotated[AssistantService, Depends(get_service)]
Authorized = [Depends(require_key)]


def _history(messages: list[Any]) -> list[Turn]:
    return [m.to_turn() for m in messages]


def _sse(event: str, data: Any) -> str:
    return f"event: {event}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"


def create_app(settings: Settings | None = None, container: Container | None = None) -> FastAPI:
    """The FastAPI application; pass ``container`` to reuse already-built parts (tests)."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if getattr(app.state, "container", None) is None:
            app.state.container = build(settings)
            app.state.container.service.warm_up()
        yield

    app = FastAPIOffline(
        title="Trợ lý kế hoạch bảo vệ trẻ em",
        description=(
            "Hỏi đáp có trích dẫn về năm kế hoạch bảo vệ trẻ em (Hà Nội, Cao Bằng, Cần Thơ, "
            "Long Khánh, Hải Phòng). Mọi câu trả lời trích nguyên văn kế hoạch, kèm số kế hoạch "
            'và mục. Lỗi trả về dạng `{"error": {"code", "message"}}`.'
        ),
        version="0.1.0",
        lifespan=lifespan,
        responses=ERROR_RESPONSES,
    )
    app.state.container = container
    api_settings = (container.settings if container else settings or Settings()).api
    if api_settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=api_settings.cors_origins,
            allow_methods=["GET", "POST"],
            allow_headers=["*"],
        )
    app.add_middleware(BodyLimit, limit=api_settings.max_body_bytes)

    @app.exception_handler(AssistantError)
    async def _assistant_error(_: Request, exc: AssistantError) -> JSONResponse:
        return error_response(exc)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        return error_response(_validation_message(exc))

    @app.exception_handler(StarletteHTTPException)
    async def _http(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        if exc.status_code == 404:
            return error_response(NotFound())
        error = AssistantError(str(exc.detail))
        error.status_code, error.code = exc.status_code, "http_error"
        return error_response(error)

    @app.exception_handler(Exception)
    async def _unexpected(_: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error", exc_info=exc)
        return error_response(AssistantError())

    @app.get(
        "/health",
        response_model=HealthResponse,
        tags=["Hệ thống"],
        summary="Tình trạng dịch vụ",
        responses={503: {"model": ErrorResponse, "description": "Chưa nạp dữ liệu."}},
    )
    def health(service: ServiceDep) -> HealthResponse:
        """Số kế hoạch và số đoạn đã nạp. Trả 503 khi chưa nạp gì (chạy `assistant ingest`).
        Không cần khóa API."""
        return HealthResponse(**service.health())

    @app.get(
        "/v1/documents",
        response_model=DocumentsResponse,
        dependencies=Authorized,
        tags=["Kế hoạch"],
        summary="Danh sách kế hoạch",
    )
    def documents(service: ServiceDep) -> DocumentsResponse:
        """Các kế hoạch đã nạp: mã, tiêu đề, số hiệu, địa phương, ngày, người ký, tệp nguồn,
        văn bản có bị cắt (`truncated`) hay không, và số đoạn."""
        items = [
            DocumentInfo(
                **{k: v for k, v in s.meta.to_dict().items() if k in DocumentInfo.model_fields},
                chunks=s.chunks,
            )
            for s in service.documents()
        ]
        return DocumentsResponse(documents=items)

    @app.post(
        "/v1/search",
        response_model=SearchResponse,
        dependencies=Authorized,
        tags=["Hỏi đáp"],
        summary="Tìm đoạn văn liên quan",
    )
    def search(body: SearchRequest, service: ServiceDep) -> SearchResponse:
        """Tìm kiếm kết hợp (ngữ nghĩa + từ khóa, hiểu cả câu gõ không dấu). Trả về các đoạn
        nguyên văn, tốt nhất trước. `filters.documents` giới hạn trong một số kế hoạch;
        `history` giúp hiểu câu hỏi nối tiếp."""
        hits = service.search(
            body.query,
            body.top_k,
            body.filters.documents if body.filters else None,
            _history(body.history),
        )
        return SearchResponse(results=[SearchResultItem.of(h) for h in hits])

    @app.post(
        "/v1/ask",
        response_model=AskResponse,
        dependencies=Authorized,
        tags=["Hỏi đáp"],
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
        `citations[].n`. `status` = `no_answer` khi các kế hoạch không trả lời câu hỏi.
        Với `stream=true`: sự kiện `citations` trước, rồi các `delta`, cuối cùng `done`."""
        doc_ids = body.filters.documents if body.filters else None
        history = _history(body.history)
        if not body.stream:
            return AskResponse.of(service.ask(body.question, history, doc_ids))
        events = service.ask_stream(body.question, history, doc_ids)
        first = next(events)  # errors (bad question, no index) surface before streaming starts

        def stream() -> Iterator[str]:
            yield _sse(
                "citations",
                {"citations": [CitationItem.of_citation(c).model_dump() for c in first[1]]},
            )
            for kind, payload in events:
                if kind == "delta":
                    yield _sse("delta", {"text": payload})
                elif kind == "done":
                    yield _sse(
                        "done", {"status": payload.status, "question_used": payload.question_used}
                    )

        return StreamingResponse(
            stream(),
            media_type="text/event-stream",
            headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
        )

    @app.get(
        "/v1/models",
        dependencies=Authorized,
        tags=["Tương thích OpenAI"],
        summary="Danh sách mô hình",
    )
    def models() -> dict[str, Any]:
        """Mô hình duy nhất: `plans-assistant` (dùng cho các giao diện chat chuẩn OpenAI)."""
        return {
            "object": "list",
            "data": [{"id": MODEL_ID, "object": "model", "created": 0, "owned_by": "assistant"}],
        }

    @app.post(
        "/v1/chat/completions",
        dependencies=Authorized,
        tags=["Tương thích OpenAI"],
        summary="Chat chuẩn OpenAI",
    )
    def chat_completions(body: ChatCompletionRequest, service: ServiceDep) -> Any:
        """Tin nhắn cuối của người dùng là câu hỏi, các tin trước là lịch sử. Trích dẫn nằm ở
        trường `citations` của phản hồi (và của chunk cuối khi `stream=true`)."""
        turns = [m for m in body.messages if m.role in ("user", "assistant")]
        if not turns or turns[-1].role != "user":
            raise BadQuestion("Tin nhắn cuối phải là của người dùng (role 'user').")
        history = [Turn(m.role, m.text()) for m in turns[:-1]][-20:]  # type: ignore[arg-type]
        answer = service.ask(turns[-1].text(), history)
        completion_id = f"chatcmpl-{uuid.uuid4().hex[:24]}"
        created = int(time.time())
        extra = _answer_extra(answer)
        if not body.stream:
            return {
                "id": completion_id,
                "object": "chat.completion",
                "created": created,
                "model": MODEL_ID,
                "choices": [
                    {
                        "index": 0,
                        "finish_reason": "stop",
                        "message": {"role": "assistant", "content": answer.text},
                    }
                ],
                "usage": {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0},
                **extra,
            }

        def stream() -> Iterator[str]:
            base = {
                "id": completion_id,
                "object": "chat.completion.chunk",
                "created": created,
                "model": MODEL_ID,
            }
            yield (
                "data: "
                + json.dumps(
                    {
                        **base,
                        "choices": [
                            {"index": 0, "delta": {"role": "assistant"}, "finish_reason": None}
                        ],
                    },
                    ensure_ascii=False,
                )
                + "\n\n"
            )
            for piece in answer_pieces(answer.text):
                yield (
                    "data: "
                    + json.dumps(
                        {
                            **base,
                            "choices": [
                                {"index": 0, "delta": {"content": piece}, "finish_reason": None}
                            ],
                        },
                        ensure_ascii=False,
                    )
                    + "\n\n"
                )
            yield (
                "data: "
                + json.dumps(
                    {
                        **base,
                        "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}],
                        **extra,
                    },
                    ensure_ascii=False,
                )
                + "\n\n"
            )
            yield "data: [DONE]\n\n"

        return StreamingResponse(stream(), media_type="text/event-stream")

    from ui.mount import mount_ui

    ui_settings = container.settings if container else settings
    mount_ui(app, lambda: app.state.container.service, ui_settings)
    return app


def _answer_extra(answer: Answer) -> dict[str, Any]:
    return {
        "citations": [CitationItem.of_citation(c).model_dump() for c in answer.citations],
        "status": answer.status,
        "question_used": answer.question_used,
    }
