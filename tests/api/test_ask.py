"""POST /v1/search and POST /v1/ask (JSON and SSE), and how they refuse bad input."""

from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi.testclient import TestClient

from assistant.container import Container
from tests.api.conftest import app_with, sse_events


@pytest.mark.parametrize("query", ["Sở Tư pháp phải làm gì?", "so tu phap phai lam gi"])
def test_search_finds_the_department_of_justice(client: TestClient, query: str) -> None:
    results = client.post("/v1/search", json={"query": query}).json()["results"]
    assert len(results) == 5
    top4 = {r["document"]["locality"] for r in results[:4]}
    assert top4 == {"Hà Nội", "Cao Bằng", "Cần Thơ", "Long Khánh"}
    assert all("Tư pháp" in r["section"] for r in results[:4])
    assert results[0]["score"] >= results[-1]["score"]
    assert set(results[0]["document"]) == {"id", "title", "number", "locality", "date", "source"}


def test_search_filters_and_top_k(client: TestClient) -> None:
    body = {
        "query": "Công an",
        "top_k": 3,
        "filters": {"documents": ["cao-bang-1222-kh-ubnd-2024"]},
    }
    results = client.post("/v1/search", json=body).json()["results"]
    assert len(results) == 3
    assert {r["document"]["id"] for r in results} == {"cao-bang-1222-kh-ubnd-2024"}


def test_default_top_k_comes_from_settings(container: Container) -> None:
    with app_with(container, retrieval={"top_k": 3}) as client:
        results = client.post("/v1/search", json={"query": "trẻ em"}).json()["results"]
    assert len(results) == 3


def test_search_uses_history_for_followups(client: TestClient) -> None:
    body = {
        "query": "Còn Long Khánh?",
        "top_k": 1,
        "history": [{"role": "user", "content": "Sở Tư pháp phải làm gì?"}],
    }
    result = client.post("/v1/search", json=body).json()["results"][0]
    assert result["document"]["locality"] == "Long Khánh" and "Tư pháp" in result["section"]


def test_ask_answers_with_matching_citations(client: TestClient) -> None:
    body = client.post("/v1/ask", json={"question": "Sở Tư pháp phải làm gì?"}).json()
    assert body["status"] == "answered" and body["id"].startswith("ans_")
    markers = {int(n) for n in re.findall(r"\[(\d+)\]", body["answer"])}
    assert markers == {c["n"] for c in body["citations"]}
    assert {c["document"]["locality"] for c in body["citations"]} == {
        "Hà Nội",
        "Cao Bằng",
        "Cần Thơ",
        "Long Khánh",
    }
    assert "Hải Phòng" in body["answer"] and "[...]" in body["answer"]
    assert body["question_used"] == "Sở Tư pháp phải làm gì?"


def test_ask_no_answer(client: TestClient) -> None:
    body = client.post(
        "/v1/ask", json={"question": "Giá vé máy bay đi Đà Nẵng là bao nhiêu?"}
    ).json()
    assert body["status"] == "no_answer" and body["citations"] == []
    assert "không" in body["answer"]


def test_ask_stream_sends_citations_first_then_deltas_then_done(client: TestClient) -> None:
    plain = client.post("/v1/ask", json={"question": "Công an có trách nhiệm gì?"}).json()
    response = client.post(
        "/v1/ask", json={"question": "Công an có trách nhiệm gì?", "stream": True}
    )
    assert response.headers["content-type"].startswith("text/event-stream")
    events = sse_events(response.text)
    kinds = [k for k, _ in events]
    assert kinds[0] == "citations" and kinds[-1] == "done" and set(kinds[1:-1]) == {"delta"}
    assert events[0][1]["citations"] == plain["citations"]
    assert "".join(d["text"] for k, d in events if k == "delta") == plain["answer"]
    done = events[-1][1]
    assert done["id"].startswith("ans_") and done["id"] != plain["id"]
    assert (done["status"], done["question_used"]) == ("answered", "Công an có trách nhiệm gì?")


@pytest.mark.parametrize(
    ("payload", "status", "code"),
    [
        ({"question": ""}, 422, "invalid_request"),
        ({"question": "   "}, 422, "bad_question"),
        ({"question": "x" * 2001}, 422, "bad_question"),
        ({"question": 5}, 422, "invalid_request"),
        (
            {"question": "Sở Y tế?", "history": [{"role": "user", "content": "a"}] * 21},
            422,
            "bad_question",
        ),
        ({"question": "Sở Y tế?", "filters": {"documents": ["khong-co"]}}, 422, "unknown_document"),
        ({"question": "Sở Y tế?", "extra": 1}, 422, "invalid_request"),
    ],
)
def test_ask_rejects_bad_requests(
    client: TestClient, payload: dict[str, Any], status: int, code: str
) -> None:
    response = client.post("/v1/ask", json=payload)
    assert response.status_code == status
    assert response.json()["error"]["code"] == code
    assert response.json()["error"]["message"]


def test_limits_come_from_settings(container: Container) -> None:
    with app_with(container, limits={"question_chars": 20, "history_turns": 1}) as client:
        long = client.post("/v1/ask", json={"question": "Sở Tư pháp phải làm những gì?"})
        assert long.status_code == 422 and "tối đa 20" in long.json()["error"]["message"]
        turns = [{"role": "user", "content": "a"}] * 2
        history = client.post("/v1/ask", json={"question": "Sở Y tế?", "history": turns})
        assert history.status_code == 422 and "tối đa 1 lượt" in history.json()["error"]["message"]


def test_search_top_k_bounds_and_bad_json(client: TestClient) -> None:
    for top_k in (0, 51, "5x"):
        response = client.post("/v1/search", json={"query": "trẻ em", "top_k": top_k})
        assert response.status_code == 422, top_k
    bad = client.post(
        "/v1/search", content=b'{"query": ', headers={"content-type": "application/json"}
    )
    assert bad.status_code == 400 and bad.json()["error"]["code"] == "bad_request"
    big = client.post(
        "/v1/search",
        content=b"{" + b" " * 70_000 + b"}",
        headers={"content-type": "application/json"},
    )
    assert big.status_code == 413 and big.json()["error"]["code"] == "payload_too_large"
    assert "64 KB" in big.json()["error"]["message"]
    missing = client.get("/khong-co")
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"
    wrong_method = client.get("/v1/ask")
    assert wrong_method.status_code == 405
    assert wrong_method.json()["error"]["code"] == "method_not_allowed"
    assert wrong_method.headers["allow"] == "POST"
