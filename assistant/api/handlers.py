"""Exception handlers: each maps an exception class to an error of ``assistant.errors``,
rendered as ``{"error": {"code", "message"}}``."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import compile_path

from assistant.errors import (
    AssistantError,
    BadRequest,
    Forbidden,
    InvalidRequest,
    MethodNotAllowed,
    NotFound,
    PayloadTooLarge,
    Unauthorized,
)

log = logging.getLogger("assistant.api")

# HTTP errors raised by Starlette itself (routing), by status
HTTP_ERRORS: dict[int, type[AssistantError]] = {
    400: BadRequest,
    401: Unauthorized,
    403: Forbidden,
    404: NotFound,
    405: MethodNotAllowed,
    413: PayloadTooLarge,
}


def error_response(error: AssistantError, headers: dict[str, str] | None = None) -> JSONResponse:
    """The JSON response of an error."""
    return JSONResponse(error.to_dict(), status_code=error.status_code, headers=headers)


def validation_error(exc: RequestValidationError) -> AssistantError:
    """A body that is not JSON → BadRequest; a field that fails validation → InvalidRequest."""
    errors = exc.errors()
    if any(e.get("type") == "json_invalid" for e in errors):
        return BadRequest(
            "JSON không hợp lệ: kiểm tra lại nội dung gửi lên (dấu ngoặc, dấu phẩy, mã hóa UTF-8)."
        )
    parts = []
    for e in errors[:5]:
        where = ".".join(str(x) for x in e.get("loc", ()) if x != "body") or "body"
        parts.append(f"{where}: {e.get('msg', 'không hợp lệ')}")
    return InvalidRequest("Dữ liệu không hợp lệ — " + "; ".join(parts))


async def _assistant_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, AssistantError)
    if exc.status_code >= 500:
        # one line, no traceback: an outage (Chroma down) must not flood the log
        log.warning("%s: %s", exc.code, exc.__cause__ or exc.message)
    return error_response(exc)


async def _invalid(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    return error_response(validation_error(exc))


def allowed_methods(request: Request) -> str:
    """Every method the API documents at the request's path (Starlette's own 405 names
    only the first route that matched the path)."""
    methods: set[str] = set()
    for template, operations in request.app.openapi().get("paths", {}).items():
        pattern, _, _ = compile_path(template)
        if pattern.match(request.url.path):
            methods |= {method.upper() for method in operations}
    return ", ".join(sorted(methods))


async def _http(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    error_class = HTTP_ERRORS.get(exc.status_code, BadRequest)
    headers = dict(exc.headers or {})
    if exc.status_code == 405:
        headers["Allow"] = allowed_methods(request) or headers.get("Allow", "")
    return error_response(error_class(), headers=headers)


async def _unexpected(_: Request, exc: Exception) -> JSONResponse:
    log.exception("unexpected error", exc_info=exc)
    return error_response(AssistantError())


def install(app: FastAPI) -> None:
    """Register every handler on ``app``."""
    app.add_exception_handler(AssistantError, _assistant_error)
    app.add_exception_handler(RequestValidationError, _invalid)
    app.add_exception_handler(StarletteHTTPException, _http)
    app.add_exception_handler(Exception, _unexpected)
