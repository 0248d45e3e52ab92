"""ASGI middleware of the API: request body limits enforced while reading."""

from __future__ import annotations

import json

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from assistant.errors import AssistantError, PayloadTooLarge


class BodyLimit:
    """Refuse request bodies over the limit with 413, before routing reads them.

    ``limit`` holds for every route; a path starting with one of ``larger``'s prefixes
    (plan uploads) gets that larger limit instead."""

    def __init__(self, app: ASGIApp, limit: int, larger: dict[str, int] | None = None) -> None:
        self.app = app
        self.limit = limit
        self.larger = larger or {}

    def _limit_for(self, path: str) -> int:
        return next((n for p, n in self.larger.items() if path.startswith(p)), self.limit)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self._limit_for(scope.get("path", ""))
        headers = dict(scope.get("headers") or [])
        length = headers.get(b"content-length")
        if length is not None and length.isdigit() and int(length) > limit:
            await send_error(send, PayloadTooLarge.over(limit))
            return
        received = 0

        async def limited() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise _TooLarge()
            return message

        try:
            await self.app(scope, limited, send)
        except _TooLarge:
            await send_error(send, PayloadTooLarge.over(limit))


class _TooLarge(Exception):
    pass


async def send_error(send: Send, error: AssistantError) -> None:
    """Send ``error`` as the JSON response, from ASGI middleware."""
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
