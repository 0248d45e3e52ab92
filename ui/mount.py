"""Mounts the user interfaces on the application: the Gradio chat at /ui, the
embeddable widget at /widget, the plan viewer at /viewer and plan management at /plans.
Called by the composition root (``assistant/server.py``)."""

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
    from ui.plans import plans_html
    from ui.viewer import viewer_html
    from ui.widget import widget_html

    @app.get("/widget", response_class=HTMLResponse, tags=["Giao diện"], summary="Widget nhúng")
    def widget() -> HTMLResponse:
        """Trang chat nhỏ, tự chứa (không tải tài nguyên ngoài), để nhúng bằng `<iframe>`."""
        return HTMLResponse(widget_html())

    @app.get("/viewer", response_class=HTMLResponse, tags=["Giao diện"], summary="Xem kế hoạch")
    def viewer() -> HTMLResponse:
        """Toàn văn một kế hoạch, mở tại mục được trích dẫn và tô sáng đoạn trích:
        `/viewer?doc=<mã>&section=<mục>&quote=<đoạn trích>`."""
        return HTMLResponse(viewer_html())

    @app.get("/plans", response_class=HTMLResponse, tags=["Giao diện"], summary="Quản lý kế hoạch")
    def plans() -> HTMLResponse:
        """Danh sách kế hoạch; thêm, thay thế, gỡ kế hoạch (cần khóa quản trị)."""
        return HTMLResponse(plans_html())

    gr.mount_gradio_app(app, build_ui(get_service), path="/ui", theme=THEME, footer_links=[])
