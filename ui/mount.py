"""Mounts the user interfaces on the application: the Gradio chat at /ui and the
embeddable widget at /widget. Called by the composition root (``assistant/server.py``)."""

from __future__ import annotations

from collections.abc import Callable

from fastapi import FastAPI
from fastapi.responses import HTMLResponse

from assistant.service import AssistantService
from assistant.settings import Settings


def mount_ui(app: FastAPI, get_service: Callable[[], AssistantService], settings: Settings) -> None:
    """Add /widget and mount the Gradio UI at /ui; ``get_service`` is called per event."""
    import gradio as gr

    from ui.app import THEME, build_ui
    from ui.widget import widget_html

    @app.get("/widget", response_class=HTMLResponse, tags=["Giao diện"], summary="Widget nhúng")
    def widget() -> HTMLResponse:
        """Trang chat nhỏ, tự chứa (không tải tài nguyên ngoài), để nhúng bằng `<iframe>`."""
        return HTMLResponse(widget_html())

    gr.mount_gradio_app(app, build_ui(get_service), path="/ui", theme=THEME, footer_links=[])
