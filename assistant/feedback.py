"""Feedback on answers (👍/👎 with an optional comment), kept in a small SQLite file.

Each row keeps the question, the answer and the passages it cited, so that
``assistant feedback export`` can turn the rows into evaluation cases (one JSON object
per line).
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal, TextIO

Rating = Literal["up", "down"]
RATINGS: tuple[Rating, ...] = ("up", "down")
FEEDBACK_FILE = "feedback.sqlite"
MAX_COMMENT_CHARS = 2000

_SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    time TEXT NOT NULL,
    rating TEXT NOT NULL CHECK (rating IN ('up', 'down')),
    question TEXT NOT NULL,
    answer TEXT NOT NULL,
    citations TEXT NOT NULL,
    comment TEXT
)
"""


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _clean_comment(comment: str | None) -> str | None:
    comment = (comment or "").strip()
    return comment[:MAX_COMMENT_CHARS] or None


class FeedbackStore:
    """Ratings of answers in one SQLite file (created on first use)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._lock:
            conn = sqlite3.connect(self.path, timeout=10)
            try:
                conn.row_factory = sqlite3.Row
                conn.execute(_SCHEMA)
                with conn:  # commits, or rolls back on error
                    yield conn
            finally:
                conn.close()

    def add(
        self,
        rating: Rating,
        question: str,
        answer: str,
        citations: list[dict[str, Any]],
        comment: str | None = None,
    ) -> int:
        """Store one rating and return its id.

        ``citations`` are the passages the answer cited, each a dict with at least
        ``document``, ``section`` and ``text``.
        """
        if rating not in RATINGS:
            raise ValueError(f"rating must be 'up' or 'down', not {rating!r}")
        with self._connect() as conn:
            cursor = conn.execute(
                "INSERT INTO feedback (time, rating, question, answer, citations, comment) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (
                    _now(),
                    rating,
                    question,
                    answer,
                    json.dumps(citations, ensure_ascii=False),
                    _clean_comment(comment),
                ),
            )
            return int(cursor.lastrowid or 0)

    def set_comment(self, feedback_id: int, comment: str | None) -> bool:
        """Attach (or replace) the comment of an existing rating; False if there is none."""
        with self._connect() as conn:
            cursor = conn.execute(
                "UPDATE feedback SET comment = ? WHERE id = ?",
                (_clean_comment(comment), feedback_id),
            )
            return cursor.rowcount > 0

    def all(self) -> list[dict[str, Any]]:
        """Every rating, oldest first, with ``citations`` decoded."""
        if not self.path.exists():  # nothing rated yet: do not create the file to read it
            return []
        with self._connect() as conn:
            rows = conn.execute(
                "SELECT id, time, rating, question, answer, citations, comment "
                "FROM feedback ORDER BY id"
            ).fetchall()
        return [{**dict(row), "citations": json.loads(row["citations"])} for row in rows]

    def export_jsonl(self, out: TextIO) -> int:
        """Write each rating as one JSON line shaped like an evaluation case; return the count.

        A line is ``{"question", "answer", "rating", "comment", "citations":
        [{"document", "section", "text"}], "time"}``.
        """
        count = 0
        for row in self.all():
            case = {
                "question": row["question"],
                "answer": row["answer"],
                "rating": row["rating"],
                "comment": row["comment"],
                "citations": [
                    {
                        "document": c.get("document"),
                        "section": c.get("section"),
                        "text": c.get("text"),
                    }
                    for c in row["citations"]
                    if isinstance(c, dict)
                ],
                "time": row["time"],
            }
            out.write(json.dumps(case, ensure_ascii=False) + "\n")
            count += 1
        return count
