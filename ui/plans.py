"""The "Quản lý kế hoạch" page served at ``GET /plans``: lists the plans with their metadata
and chunk counts, uploads (with a progress bar), replaces and removes them through
``POST/PUT/DELETE /v1/documents`` with the admin key. A self-contained page."""

from __future__ import annotations

from functools import cache
from pathlib import Path

PLANS_FILE = Path(__file__).resolve().parent / "static" / "plans.html"


@cache
def plans_html() -> str:
    """The plan management page (read once from ``ui/static/plans.html``)."""
    return PLANS_FILE.read_text(encoding="utf-8")
