"""FeedbackStore (SQLite) and the ``assistant feedback export`` command."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.cli import app
from assistant.feedback import FEEDBACK_FILE, FeedbackStore

CITATIONS = [
    {
        "document": "cao-bang-1222-kh-ubnd-2024",
        "section": "IV. TỔ CHỨC THỰC HIỆN › 7. Sở Tư pháp",
        "text": "- Tham mưu giúp UBND tỉnh thực hiện quản lý nhà nước về phổ biến, giáo dục pháp luật",
    }
]
CASE_KEYS = {"question", "answer", "rating", "comment", "citations", "time", "answer_id"}


@pytest.fixture()
def store(tmp_path: Path) -> FeedbackStore:
    return FeedbackStore(tmp_path / "nested" / FEEDBACK_FILE)


def test_add_and_read_back(store: FeedbackStore) -> None:
    first = store.rate("ans_1", "up", "Sở Tư pháp phải làm gì?", "Trả lời [1]", CITATIONS, None)
    second = store.rate("ans_2", "down", "Câu hỏi khác?", "Không có", [], "  Thiếu Hà Nội  ")

    rows = store.all()
    assert second > first
    assert [r["id"] for r in rows] == [first, second]
    assert rows[0]["rating"] == "up"
    assert rows[0]["question"] == "Sở Tư pháp phải làm gì?"
    assert rows[0]["citations"] == CITATIONS
    assert rows[0]["comment"] is None
    assert rows[1]["comment"] == "Thiếu Hà Nội"  # trimmed
    assert store.path.exists()


def test_time_is_iso_utc(store: FeedbackStore) -> None:
    store.rate("ans_1", "up", "q", "a", [], None)
    stamp = datetime.fromisoformat(store.all()[0]["time"])
    assert stamp.utcoffset() == UTC.utcoffset(None)
    assert abs((datetime.now(UTC) - stamp).total_seconds()) < 60


def test_rejects_unknown_rating(store: FeedbackStore) -> None:
    with pytest.raises(ValueError):
        store.rate("ans_1", "meh", "q", "a", [], None)  # type: ignore[arg-type]
    assert store.all() == []


def test_blank_comment_is_none_and_comment_can_be_added_later(store: FeedbackStore) -> None:
    row_id = store.rate("ans_1", "down", "q", "a", [], "   ")
    assert store.all()[0]["comment"] is None

    assert store.rate("ans_1", "down", "q", "a", [], "Sai kế hoạch") == row_id
    assert [(r["id"], r["comment"]) for r in store.all()] == [(row_id, "Sai kế hoạch")]


def test_rows_persist_across_instances(store: FeedbackStore) -> None:
    store.rate("ans_1", "up", "q", "a", CITATIONS, "tốt")
    again = FeedbackStore(store.path)
    assert [(r["rating"], r["comment"]) for r in again.all()] == [("up", "tốt")]


def test_export_jsonl_lines_are_evaluation_cases(store: FeedbackStore) -> None:
    extra = [{**CITATIONS[0], "n": 1, "label": "Cao Bằng – Kế hoạch 1222/KH-UBND"}]
    store.rate("ans_1", "up", "Sở Tư pháp phải làm gì?", "Trả lời [1]", extra, None)
    store.rate("ans_2", "down", "Thời tiết?", "Không có", [], "Câu hỏi ngoài phạm vi")

    out = io.StringIO()
    count = store.export_jsonl(out)

    lines = out.getvalue().splitlines()
    assert count == len(lines) == 2
    cases = [json.loads(line) for line in lines]
    assert all(set(case) == CASE_KEYS for case in cases)
    assert cases[0]["citations"] == CITATIONS  # only document, section, text
    assert cases[0]["rating"] == "up" and cases[0]["comment"] is None
    assert cases[1] == {
        "question": "Thời tiết?",
        "answer": "Không có",
        "rating": "down",
        "comment": "Câu hỏi ngoài phạm vi",
        "citations": [],
        "time": store.all()[1]["time"],
        "answer_id": "ans_2",
    }
    assert "Sở Tư pháp" in lines[0]  # UTF-8 kept readable, not \\u-escaped


def test_export_of_empty_store_writes_nothing(store: FeedbackStore) -> None:
    out = io.StringIO()
    assert store.export_jsonl(out) == 0
    assert out.getvalue() == ""


@pytest.fixture()
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = tmp_path / "data"
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(directory))
    return directory


def test_cli_export_to_stdout(data_dir: Path) -> None:
    FeedbackStore(data_dir / FEEDBACK_FILE).rate(
        "ans_1", "down", "Câu hỏi?", "Đáp", CITATIONS, "thiếu"
    )

    result = CliRunner().invoke(app, ["feedback", "export"])

    assert result.exit_code == 0, result.output
    cases = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(cases) == 1
    assert cases[0]["question"] == "Câu hỏi?"
    assert cases[0]["rating"] == "down"
    assert cases[0]["comment"] == "thiếu"
    assert cases[0]["citations"] == CITATIONS
    assert "1 feedback rows exported" in result.stderr


def test_cli_export_to_file(data_dir: Path, tmp_path: Path) -> None:
    store = FeedbackStore(data_dir / FEEDBACK_FILE)
    store.rate("ans_1", "up", "Một?", "a", [], None)
    store.rate("ans_2", "down", "Hai?", "b", [], None)
    out = tmp_path / "out" / "feedback.jsonl"

    result = CliRunner().invoke(app, ["feedback", "export", "--out", str(out)])

    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    questions = [json.loads(line)["question"] for line in out.read_text("utf-8").splitlines()]
    assert questions == ["Một?", "Hai?"]


def test_cli_export_without_feedback_is_empty(data_dir: Path) -> None:
    result = CliRunner().invoke(app, ["feedback", "export"])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert "0 feedback rows exported" in result.stderr
    assert not (data_dir / FEEDBACK_FILE).exists()  # reading does not create the database


def test_rate_upserts_by_answer_id(store: FeedbackStore) -> None:
    first = store.rate("ans_1", "up", "Sở Y tế?", "…", CITATIONS)
    second = store.rate("ans_1", "down", "Sở Y tế?", "…", CITATIONS, "Thiếu ý")
    other = store.rate("ans_2", "up", "Công an?", "…", [])
    assert first == second != other
    rows = {r["answer_id"]: r for r in store.export_rows()}
    assert (rows["ans_1"]["rating"], rows["ans_1"]["comment"]) == ("down", "Thiếu ý")
    # a later rating without a comment keeps the earlier comment
    store.rate("ans_1", "up", "Sở Y tế?", "…", CITATIONS)
    assert store.export_rows()[0]["comment"] == "Thiếu ý"
