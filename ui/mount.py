"""Mounts the user interfaces on the application: /static (the shared chat client),
/widget, the Gradio page at /ui, the plan viewer at /viewer and plan management at /plans.
Called by the composition root (``assistant/server.py``) through the
``assistant.frontends`` entry point."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Annotated

from fastapi import APIRouter, Depends, FastAPI
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from starlette.routing import Mount
from starlette.types import Message, Receive, Scope, Send

from assistant.api.middleware import HttpMiddleware
from assistant.service import AssistantService
from assistant.settings import Settings
from ui.plans import plans_html
from ui.viewer import viewer_html
from ui.widget import STATIC_DIR, widget_html

log = logging.getLogger("ui")


class VietnamesePage(HttpMiddleware):
    """Serve Gradio's HTML pages with ``<html lang="vi">`` (its template says "en", and a
    screen reader would read the Vietnamese page with an English voice), without the web
    app manifest link that points outside the mount."""

    async def http(self, scope: Scope, receive: Receive, send: Send) -> None:
        start: Message | None = None
        chunks: list[bytes] = []

        async def rewrite(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                types = dict(message.get("headers") or []).get(b"content-type", b"")
                if types.startswith(b"text/html"):
                    start = message  # held until the whole page is read
                    return
            elif message["type"] == "http.response.body" and start is not None:
                chunks.append(message.get("body", b""))
                if message.get("more_body"):
                    return
                body = (
                    b"".join(chunks)
                    .replace(b'lang="en"', b'lang="vi"', 1)
                    # an absolute link outside /ui: a 404 on every load
                    .replace(b'<link rel="manifest" href="/manifest.json" />', b"", 1)
                )
                fixed = [
                    (k, str(len(body)).encode() if k == b"content-length" else v)
                    for k, v in start.get("headers") or []
                ]
                await send({**start, "headers": fixed})
                await send({"type": "http.response.body", "body": body})
                return
            await send(message)

        await self.app(scope, receive, rewrite)


def _mount_gradio(app: FastAPI, settings: Settings) -> None:
    try:
        import gradio as gr

        from ui.app import PAGE_CSS, THEME, build_ui, page_head
    except ImportError as exc:  # the Gradio page is optional for API-only deployments
        log.warning("UI not mounted: %s", exc)
        return
    gr.mount_gradio_app(
        app,
        build_ui(settings),
        path="/ui",
        theme=THEME,
        footer_links=[],
        css=PAGE_CSS,
        head=page_head(),
    )
    for route in app.router.routes:
        if isinstance(route, Mount) and route.path == "/ui":
            route.app = VietnamesePage(route.app)


# The pages, as flat handlers on a module-level router.
pages = APIRouter(tags=["Giao diện"])
NO_REFERRER = {"Referrer-Policy": "no-referrer"}


def page_settings() -> Settings:
    """The settings the pages are mounted with (``mount_ui`` provides them)."""
    raise RuntimeError("ui.mount.mount_ui was not called")


PageSettings = Annotated[Settings, Depends(page_settings)]


@pages.get("/widget", response_class=HTMLResponse, summary="Widget nhúng")
def widget(settings: PageSettings) -> HTMLResponse:
    """Trang chat nhỏ để nhúng bằng `<iframe>` (tải `static/chat.js` và `chat.css`)."""
    return HTMLResponse(widget_html(settings.limits), headers=NO_REFERRER)


@pages.get("/viewer", response_class=HTMLResponse, summary="Xem kế hoạch")
def viewer() -> HTMLResponse:
    """Toàn văn một kế hoạch, mở tại mục được trích dẫn và tô sáng đoạn trích:
    `/viewer?doc=<mã>&section=<mục>&quote=<đoạn trích>`."""
    return HTMLResponse(viewer_html(), headers=NO_REFERRER)


@pages.get("/plans", response_class=HTMLResponse, summary="Quản lý kế hoạch")
def plans() -> HTMLResponse:
    """Danh sách kế hoạch; thêm, thay thế, gỡ kế hoạch (cần khóa quản trị)."""
    return HTMLResponse(plans_html(), headers=NO_REFERRER)


def mount_ui(app: FastAPI, get_service: Callable[[], AssistantService], settings: Settings) -> None:
    """Serve /static (the chat client), the pages above and the Gradio page at /ui. The
    pages talk to the API over HTTP, so ``get_service`` is not needed here."""
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    app.dependency_overrides[page_settings] = lambda: settings
    app.include_router(pages)
    _mount_gradio(app, settings)
