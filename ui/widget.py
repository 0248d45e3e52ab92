"""The embeddable chat widget served at ``GET /widget``.

A small page that loads the shared chat client (``static/chat.js`` and ``chat.css``, the
same files /ui uses) from this server; it posts questions to ``v1/ask`` with
``stream=true``. Embed it with ``<iframe src="https://host/widget">``; pass an API key
once as ``/widget?key=...`` (the client keeps it for the tab, removes it from the address
bar and sends it as ``X-API-Key``). Theming: ``?theme=dark|light``, ``accent``, ``bg``,
``text`` (CSS colours), ``radius`` (px), ``title``, ``plans`` (document ids to search in),
``filter=0`` and ``examples=0`` to hide the plan filter and the example questions.
"""

from __future__ import annotations

import hashlib
import html
import json
from functools import cache
from pathlib import Path

from assistant.settings import LimitsSettings

STATIC_DIR = Path(__file__).resolve().parent / "static"
WIDGET_FILE = STATIC_DIR / "widget.html"
CLIENT_FILES = ("chat.js", "chat.css")


@cache
def static_version() -> str:
    """A short hash of the client files, appended to their URLs so browsers refetch them
    after an upgrade and may cache them otherwise."""
    digest = hashlib.sha256()
    for name in CLIENT_FILES:
        digest.update((STATIC_DIR / name).read_bytes())
    return digest.hexdigest()[:12]


def client_limits(limits: LimitsSettings) -> str:
    """The limits the client enforces (from settings), as an escaped ``data-limits`` value."""
    fields = ("question_chars", "message_chars", "history_turns", "comment_chars")
    return html.escape(json.dumps({f: getattr(limits, f) for f in fields}), quote=True)


@cache
def _template() -> str:
    return WIDGET_FILE.read_text(encoding="utf-8")


def widget_html(limits: LimitsSettings | None = None) -> str:
    """The widget page (``ui/static/widget.html`` with the client's version and limits)."""
    return (
        _template()
        .replace("{{version}}", static_version())
        .replace("{{limits}}", client_limits(limits or LimitsSettings()))
    )
