"""ASGI middleware of the whole application (API and mounted front ends).

``BodyLimit``: bodies are read here, counted while they arrive (a chunked body over the
limit gets 413 as soon as it passes it, the rest is never read) and JSON bodies holding
lone surrogates are refused before anything can echo them or embed them.
``Guard``: the key check for the front ends (``/ui`` and everything under it, including
Gradio's queue and upload routes), the ``assistant_key`` cookie set by ``/ui?key=``,
``Referrer-Policy: no-referrer`` on every response, and no CORS grant to an origin the
settings do not list (Gradio would otherwise allow any localhost origin with credentials).
``CatchAll``: an unexpected exception becomes a logged 500 ``internal_error`` here, inside
Starlette's ServerErrorMiddleware, which would re-raise it after its handler answered and
make uvicorn drop the connection (a keep-alive client's next request then fails too).
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Mapping, Sequence
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qsl, quote, unquote, urlencode

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from assistant.errors import AssistantError, InvalidRequest, NotFound, PayloadTooLarge, Unauthorized

KEY_COOKIE = "assistant_key"


log = logging.getLogger("assistant.api")


class HttpMiddleware:
    """An ASGI middleware that acts on HTTP requests (``http``); every other scope
    (lifespan, websockets) passes straight to the wrapped app."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        await self.http(scope, receive, send)

    async def http(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Handle one HTTP request."""
        raise NotImplementedError


class CatchAll(HttpMiddleware):
    """Answer an unexpected exception with 500 ``internal_error`` and keep the connection;
    once a response has started (a stream), re-raise: the connection must end."""

    async def http(self, scope: Scope, receive: Receive, send: Send) -> None:
        started = False

        async def tracked(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, tracked)
        except Exception:
            if started:
                raise
            log.exception("unexpected error in %s %s", scope.get("method"), scope.get("path"))
            await send_error(send, AssistantError())


class BodyLimit(HttpMiddleware):
    """Refuse request bodies over the limit with 413 while reading them, and JSON bodies
    with lone surrogates with 422.

    ``limit`` holds for every route; a path starting with one of ``larger``'s prefixes
    (plan uploads) gets that larger limit instead."""

    def __init__(self, app: ASGIApp, limit: int, larger: dict[str, int] | None = None) -> None:
        super().__init__(app)
        self.limit = limit
        self.larger = larger or {}

    def _limit_for(self, path: str) -> int:
        return next((n for p, n in self.larger.items() if path.startswith(p)), self.limit)

    async def http(self, scope: Scope, receive: Receive, send: Send) -> None:
        limit = self._limit_for(scope.get("path", ""))
        headers = dict(scope.get("headers") or [])
        length = headers.get(b"content-length")
        if length is not None and length.isdigit() and int(length) > limit:
            await send_error(send, PayloadTooLarge.over(limit), close=True)
            return
        # Read the whole body here (it is at most ``limit`` bytes): the app behind cannot
        # turn an oversized stream into a 400 of its own, and nothing past the limit is read.
        body = bytearray()
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            body += message.get("body", b"")
            if len(body) > limit:
                await send_error(send, PayloadTooLarge.over(limit), close=True)
                return
            if not message.get("more_body", False):
                break
        if body and b"json" in headers.get(b"content-type", b"") and _lone_surrogates(bytes(body)):
            await send_error(
                send,
                InvalidRequest(
                    "Dữ liệu không hợp lệ: có ký tự Unicode không hợp lệ (surrogate đơn lẻ). "
                    "Hãy gửi văn bản UTF-8 hợp lệ."
                ),
            )
            return
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": bytes(body), "more_body": False}
            return await receive()  # after the body: wait for the client to disconnect

        await self.app(scope, replay, send)


def _lone_surrogates(body: bytes) -> bool:
    """Whether a JSON body decodes to text holding a lone surrogate (``"\\ud800"``), which
    no UTF-8 output (error messages, logs, the embedder) can carry."""
    if b"\\u" not in body and b"\\U" not in body:
        return False  # raw UTF-8 cannot encode a surrogate: only escapes make one
    try:
        data = json.loads(body)
    except ValueError:
        return False  # not JSON: the route reports that
    return _has_surrogate(data)


def _has_surrogate(value: Any) -> bool:
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return True
        return False
    if isinstance(value, dict):
        return any(_has_surrogate(k) or _has_surrogate(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_surrogate(v) for v in value)
    return False


class Guard:
    """Key check for the front ends, the key cookie, Referrer-Policy and CORS clean-up.

    ``keys`` are the accepted keys (read and admin); empty: no key check. Paths under
    ``protected`` need a key as ``X-API-Key``, ``Authorization: Bearer`` or the
    ``assistant_key`` cookie; ``<prefix>?key=K`` with a good key sets that cookie and
    redirects to the same page without the key in its address. Paths under ``closed``
    (Gradio's file uploads: the UI has no upload control) answer 404.
    """

    def __init__(
        self,
        app: ASGIApp,
        keys: Sequence[str],
        protected: Sequence[str] = ("/ui",),
        closed: Sequence[str] = ("/ui/gradio_api/upload", "/ui/upload"),
        cors_origins: Sequence[str] = (),
    ) -> None:
        self.app = app
        self.keys = [k.encode("utf-8") for k in keys]
        self.protected = tuple(protected)
        self.closed = tuple(closed)
        self.cors_origins = {o.rstrip("/") for o in cors_origins}

    def _under(self, path: str, prefixes: tuple[str, ...]) -> bool:
        return any(path == p or path.startswith(p.rstrip("/") + "/") for p in prefixes)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        path: str = scope.get("path", "")
        headers = _headers(scope)
        if self._under(path, self.closed):
            await send_error(send, NotFound(), close=True)
            return
        if self.keys and self._under(path, self.protected):
            query = dict(parse_qsl(scope.get("query_string", b"").decode("latin-1")))
            if "key" in query and scope["type"] == "http":
                await self._login(scope, send, query)
                return
            if not self._matches(carried_key(headers)):
                if scope["type"] == "websocket":
                    await send({"type": "websocket.close", "code": 1008})
                else:
                    await send_error(send, Unauthorized(UI_KEY_MESSAGE))
                return
        origin = headers.get("origin")
        foreign = origin is not None and not self._allowed_origin(origin, headers)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                kept = [
                    (k, v)
                    for k, v in message.get("headers", [])
                    if k.lower() != b"referrer-policy"
                    and not (foreign and k.lower().startswith(b"access-control-"))
                ]
                message = {**message, "headers": [*kept, (b"referrer-policy", b"no-referrer")]}
            await send(message)

        await self.app(scope, receive, send_with_headers)

    def _matches(self, key: str | None) -> bool:
        import secrets

        if not key:
            return False
        given = key.encode("utf-8", "surrogatepass")
        return any(secrets.compare_digest(given, k) for k in self.keys)

    def _allowed_origin(self, origin: str, headers: dict[str, str]) -> bool:
        """Listed in the settings, or the page's own origin (same host and port)."""
        origin = origin.rstrip("/")
        if origin in self.cors_origins:
            return True
        host = headers.get("host", "")
        return bool(host) and origin.split("://", 1)[-1] == host

    async def _login(self, scope: Scope, send: Send, query: dict[str, str]) -> None:
        """``/ui?key=K``: a good key becomes an HttpOnly cookie and the key leaves the URL."""
        key = query.pop("key")
        if not self._matches(key):
            await send_error(send, Unauthorized(UI_KEY_MESSAGE))
            return
        location = scope.get("root_path", "") + scope["path"]
        if query:
            location += "?" + urlencode(query)
        # the key is URL-quoted: a cookie value cannot hold ';', ',', spaces or quotes
        cookie = f"{KEY_COOKIE}={quote(key, safe='')}; Path=/; HttpOnly; SameSite=Strict"
        cookie += "; Max-Age=43200" + ("; Secure" if scope.get("scheme") == "https" else "")
        await send(
            {
                "type": "http.response.start",
                "status": 303,
                "headers": [
                    (b"location", location.encode("latin-1", "replace")),
                    (b"set-cookie", cookie.encode("latin-1")),
                    (b"referrer-policy", b"no-referrer"),
                    (b"cache-control", b"no-store"),
                    (b"content-length", b"0"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": b""})


UI_KEY_MESSAGE = (
    "Giao diện cần khóa API: mở /ui?key=<khóa> một lần (khóa được lưu trong cookie), "
    "hoặc gửi 'X-API-Key'."
)


def _headers(scope: Scope) -> dict[str, str]:
    return {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers") or []}


def carried_key(headers: Mapping[str, str]) -> str | None:
    """The key a request carries: ``X-API-Key``, ``Authorization: Bearer``, or the
    ``assistant_key`` cookie (``headers`` keyed by lower-case name)."""
    key = headers.get("x-api-key")
    auth = headers.get("authorization", "")
    if not key and auth.lower().startswith("bearer "):
        key = auth[7:].strip()
    if not key and "cookie" in headers:
        cookie: SimpleCookie = SimpleCookie()
        try:
            cookie.load(headers["cookie"])
        except Exception:  # a malformed Cookie header carries no key
            return None
        if KEY_COOKIE in cookie:
            key = unquote(cookie[KEY_COOKIE].value)
    return key or None


class _RedactKeys(logging.Filter):
    """Replace ``key=...`` in logged request lines (``/ui?key=``, ``/widget?key=``)."""

    _pattern = re.compile(r"([?&]key=)[^&\s\"]*", re.IGNORECASE)

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(
                self._pattern.sub(r"\1***", a) if isinstance(a, str) else a for a in record.args
            )
        if isinstance(record.msg, str):
            record.msg = self._pattern.sub(r"\1***", record.msg)
        return True


def redact_keys_in_access_log() -> None:
    """Keep API keys given in URLs out of uvicorn's access log (installed once)."""
    access = logging.getLogger("uvicorn.access")
    if not any(isinstance(f, _RedactKeys) for f in access.filters):
        access.addFilter(_RedactKeys())


async def send_error(send: Send, error: AssistantError, close: bool = False) -> None:
    """Send ``error`` as the JSON response, from ASGI middleware; ``close`` ends the
    connection (the rest of an oversized body is never read)."""
    body = json.dumps(error.to_dict(), ensure_ascii=False).encode()
    headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode()),
        (b"referrer-policy", b"no-referrer"),
    ]
    if close:
        headers.append((b"connection", b"close"))
    await send({"type": "http.response.start", "status": error.status_code, "headers": headers})
    await send({"type": "http.response.body", "body": body})
