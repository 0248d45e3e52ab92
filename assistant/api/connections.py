"""Connection limits for uvicorn: a deadline for a request's headers, a short keep-alive.

uvicorn closes idle keep-alive connections but sets no deadline for the headers of a
request: a client sending one byte at a time (slowloris) holds a connection open for as
long as it likes. ``HeaderTimeoutProtocol`` closes a connection whose request headers are
not complete ``header_timeout`` seconds after it opened or after its previous response.
"""

from __future__ import annotations

import asyncio
import functools
from typing import Any

from uvicorn.protocols.http.h11_impl import H11Protocol

from assistant.settings import Settings, load_settings


@functools.cache
def _configured_timeout() -> float:
    return load_settings().api.header_timeout


class HeaderTimeoutProtocol(H11Protocol):
    """uvicorn's h11 protocol with a deadline for request headers."""

    # Set by ``uvicorn_options``; worker processes (spawned, without it) read the settings.
    header_timeout: float | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._header_timer: asyncio.TimerHandle | None = None
        self._arm_header_timer()

    def _arm_header_timer(self) -> None:
        self._cancel_header_timer()
        timeout = self.header_timeout or _configured_timeout()
        self._header_timer = self.loop.call_later(timeout, self._headers_too_slow)

    def _cancel_header_timer(self) -> None:
        timer = getattr(self, "_header_timer", None)
        if timer is not None:
            timer.cancel()
            self._header_timer = None

    def _waiting_for_headers(self) -> bool:
        return self.cycle is None or self.cycle.response_complete

    def _headers_too_slow(self) -> None:
        self._header_timer = None
        if self._waiting_for_headers() and not self.transport.is_closing():
            self.transport.close()

    def handle_events(self) -> None:
        """Parse what arrived; once a request's headers are in, its deadline is lifted."""
        super().handle_events()
        if not self._waiting_for_headers():
            self._cancel_header_timer()

    def on_response_complete(self) -> None:
        """The next request on this connection gets its own header deadline."""
        super().on_response_complete()
        if not self.transport.is_closing():
            self._arm_header_timer()

    def connection_lost(self, exc: Exception | None) -> None:
        self._cancel_header_timer()
        super().connection_lost(exc)


def uvicorn_options(settings: Settings) -> dict[str, Any]:
    """Keyword arguments for ``uvicorn.run``/``uvicorn.Config``: the header deadline and the
    keep-alive timeout from ``settings.api``."""
    HeaderTimeoutProtocol.header_timeout = settings.api.header_timeout
    return {"http": HeaderTimeoutProtocol, "timeout_keep_alive": settings.api.keep_alive_timeout}
