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

_SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    time TEXT NOT NULL,
    rating TEXT NOT NULL CHECK (rating IN ('up', 'down')),
    question TEXT NOT NULL,
    answer TEXT NOT NULL,
    citations TEXT NOT NULL,
    comment TEXT,
    answer_id TEXT
)
"""
_ANSWER_ID_COLUMN = "ALTER TABLE feedback ADD COLUMN answer_id TEXT"
_ANSWER_ID_INDEX = (
    "CREATE UNIQUE INDEX IF NOT EXISTS feedback_answer_id ON feedback (answer_id) "
    "WHERE answer_id IS NOT NULL"
)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _clean_comment(comment: str | None) -> str | None:
    return (comment or "").strip() or None


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
                columns = {row[1] for row in conn.execute("PRAGMA table_info(feedback)")}
                if "answer_id" not in columns:  # a file from before answer ids
                    conn.execute(_ANSWER_ID_COLUMN)
                conn.execute(_ANSWER_ID_INDEX)
                with conn:  # commits, or rolls back on error
                    yield conn
            finally:
                conn.close()

    def rate(
        self,
        answer_id: str,
        rating: Rating,
        question: str,
        answer: str,
        citations: list[dict[str, Any]],
        comment: str | None = None,
    ) -> int:
        """Store the rating of answer ``answer_id``, or update it (rating, and the comment
        when one is given) if that answer was rated before; returns the row id."""
        if rating not in RATINGS:
            raise ValueError(f"rating must be 'up' or 'down', not {rating!r}")
        with self._connect() as conn:
            row = conn.execute(
                "SELECT id FROM feedback WHERE answer_id = ?", (answer_id,)
            ).fetchone()
            if row is not None:
                conn.execute(
                    "UPDATE feedback SET rating = ?, comment = COALESCE(?, comment), time = ? "
                    "WHERE id = ?",
                    (rating, _clean_comment(comment), _now(), row["id"]),
                )
                return int(row["id"])
            cursor = conn.execute(
                "INSERT INTO feedback (time, rating, question, answer, citations, comment, "
                "answer_id) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    _now(),
                    rating,
                    question,
                    answer,
                    json.dumps(citations, ensure_ascii=False),
                    _clean_comment(comment),
                    answer_id,
                ),
            )
            return int(cursor.lastrowid or 0)

    def all(self) -> list[dict[str, Any]]:
        """Every rating, oldest first, with ``citations`` decoded."""
        if not self.path.exists():  # nothing rated yet: do not create the file to read it
            return []
        with self._connect() as conn:
            rows = conn.execute(
                "SELECT id, time, rating, question, answer, citations, comment, answer_id "
                "FROM feedback ORDER BY id"
            ).fetchall()
        return [{**dict(row), "citations": json.loads(row["citations"])} for row in rows]

    def export_rows(self) -> list[dict[str, Any]]:
        """Every rating shaped like an evaluation case: ``{"question", "answer", "rating",
        "comment", "citations": [{"document", "section", "text"}], "time", "answer_id"}``."""
        return [
            {
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
                "answer_id": row["answer_id"],
            }
            for row in self.all()
        ]

    def export_jsonl(self, out: TextIO) -> int:
        """Write each rating (see ``export_rows``) as one JSON line; return the count."""
        rows = self.export_rows()
        for case in rows:
            out.write(json.dumps(case, ensure_ascii=False) + "\n")
        return len(rows)
