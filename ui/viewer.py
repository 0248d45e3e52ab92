"""The plan viewer served at ``GET /viewer?doc=<id>&section=<section path>&quote=<text>``.

A self-contained page (inline CSS and JavaScript) that reads ``v1/documents/{id}/text``,
shows the plan with its outline, opens it at the cited section and highlights the quoted
span. Source cards of the chat and the widget link here.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from urllib.parse import urlencode

VIEWER_FILE = Path(__file__).resolve().parent / "static" / "viewer.html"


@cache
def viewer_html() -> str:
    """The viewer page (read once from ``ui/static/viewer.html``)."""
    return VIEWER_FILE.read_text(encoding="utf-8")


def viewer_url(document_id: str, section: str | None = None, quote: str | None = None) -> str:
    """The viewer's URL relative to the app root, e.g. for a citation's source card."""
    query = {"doc": document_id}
    if section:
        query["section"] = section
    if quote:
        query["quote"] = quote[:300]
    return "viewer?" + urlencode(query)
