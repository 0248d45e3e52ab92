"""The embeddable chat widget served at ``GET /widget``.

A single self-contained page (inline CSS and JavaScript, no external assets) that posts
questions to ``v1/ask`` with ``stream=true`` and reads the Server-Sent Events from the
response body. Embed it with ``<iframe src="https://host/widget">``; pass an API key as
``/widget?key=...`` when the API requires one (it is sent as ``X-API-Key``).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

WIDGET_FILE = Path(__file__).resolve().parent / "static" / "widget.html"


@cache
def widget_html() -> str:
    """The widget page as one HTML string (read once from ``ui/static/widget.html``)."""
    return WIDGET_FILE.read_text(encoding="utf-8")
