"""Contract tests of every route through the real app on a real index."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError

from assistant.api.app import create_app
from assistant.container import Container, build
from assistant.settings import ApiSettings, Settings
from tests.conftest import make_settings

DOCS = {
    "ha-noi-203-kh-ubnd-2024": ("203/KH-UBND", "Hà Nội", "2024-07-01", "Vũ Thu Hà", False),
    "cao-bang-1222-kh-ubnd-2024": (
        "1222/KH-UBND",
        "Cao Bằng",
        "2024-05-23",
        "Trịnh Trường Huy",
        False,
    ),
    "can-tho-bao-ve-tre-em-2017": (None, "Cần Thơ", None, None, False),
    "long-khanh-1515-kh-ubnd-2024": (
        "1515/KH-UBND",
        "Long Khánh",
        "2024-08-22",
        "Tăng Quốc Lập",
        False,
    ),
    "hai-phong-216-kh-ubnd-2020": ("216/KH-UBND", "Hải Phòng", "2020-08-31", "Lê Khắc Nam", True),
}


@pytest.fixture(scope="module")
def client(container: Container) -> Iterator[TestClient]:
    with TestClient(create_app(container=container)) as c:
        yield c


def with_settings(container: Container, **api: Any) -> TestClient:
    settings = container.settings.model_copy(
        update={"api": ApiSettings(**{**container.settings.api.model_dump(), **api})}
    )
    return TestClient(
        create_app(
            container=Container(settings, container.embedder, container.holder, container.service)
        )
    )


def sse_events(body: str) -> list[tuple[str, dict[str, Any]]]:
    events = []
    for block in body.strip().split("\n\n"):
        lines = dict(line.split(": ", 1) for line in block.split("\n"))
        events.append((lines["event"], json.loads(lines["data"])))
    return events


def test_health(client: TestClient) -> None:
    body = client.get("/health").json()
    assert body["status"] == "ok" and body["documents"] == 5 and body["chunks"] > 50


def test_documents_metadata(client: TestClient) -> None:
    docs = {d["id"]: d for d in client.get("/v1/documents").json()["documents"]}
    assert set(docs) == set(DOCS)
    for doc_id, (number, locality, date, signer, truncated) in DOCS.items():
        d = docs[doc_id]
        assert (d["number"], d["locality"], d["date"], d["signer"], d["truncated"]) == (
            number,
            locality,
            date,
            signer,
            truncated,
        )
        assert d["chunks"] > 0 and d["source"].endswith(".txt") and d["title"]


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
    assert body["status"] == "answered"
    markers = {int(n) for n in __import__("re").findall(r"\[(\d+)\]", body["answer"])}
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
    assert events[-1][1] == {"status": "answered", "question_used": "Công an có trách nhiệm gì?"}


def test_chat_completions(client: TestClient) -> None:
    messages = [
        {"role": "user", "content": "Sở Tư pháp phải làm gì?"},
        {"role": "assistant", "content": "..."},
        {"role": "user", "content": "Còn Sở Y tế thì sao?"},
    ]
    body = client.post(
        "/v1/chat/completions", json={"model": "plans-assistant", "messages": messages}
    ).json()
    assert body["object"] == "chat.completion"
    content = body["choices"][0]["message"]["content"]
    assert "Y tế" in content and body["citations"] and "Y tế" in body["citations"][0]["section"]
    assert body["question_used"] != "Còn Sở Y tế thì sao?"

    stream = client.post("/v1/chat/completions", json={"messages": messages, "stream": True}).text
    chunks = [json.loads(line[6:]) for line in stream.split("\n\n") if line.startswith("data: {")]
    assert stream.rstrip().endswith("data: [DONE]")
    assert "".join(c["choices"][0]["delta"].get("content", "") for c in chunks) == content
    assert chunks[-1]["citations"] == body["citations"]
    assert client.get("/v1/models").json()["data"][0]["id"] == "plans-assistant"


@pytest.mark.parametrize(
    ("payload", "status", "code"),
    [
        ({"question": ""}, 422, "invalid_request"),
        ({"question": "   "}, 422, "bad_question"),
        ({"question": "x" * 2001}, 422, "invalid_request"),
        ({"question": 5}, 422, "invalid_request"),
        (
            {"question": "Sở Y tế?", "history": [{"role": "user", "content": "a"}] * 21},
            422,
            "invalid_request",
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
    assert client.get("/khong-co").json()["error"]["code"] == "not_found"


def test_api_keys(container: Container) -> None:
    key = "k-0123456789abcdef"
    client = with_settings(container, keys=[key])
    assert client.get("/health").status_code == 200
    denied = client.post("/v1/search", json={"query": "trẻ em"})
    assert denied.status_code == 401 and denied.json()["error"]["code"] == "unauthorized"
    assert (
        client.get(
            "/v1/documents", headers={"Authorization": "Bearer wrong-key-000000"}
        ).status_code
        == 401
    )
    assert (
        client.get("/v1/documents", headers={"Authorization": f"Bearer {key}"}).status_code == 200
    )
    assert client.get("/v1/models", headers={"X-API-Key": key}).status_code == 200


@pytest.mark.parametrize("key", ["changeme", "secret", "short"])
def test_placeholder_keys_are_refused_at_start(key: str) -> None:
    with pytest.raises(ValidationError, match="placeholder"):
        ApiSettings(keys=[key])


def test_cors_allowlist(container: Container) -> None:
    open_client = with_settings(container)
    assert (
        "access-control-allow-origin"
        not in open_client.get("/health", headers={"Origin": "http://portal.local"}).headers
    )
    client = with_settings(container, cors_origins=["http://portal.local"])
    allowed = client.get("/health", headers={"Origin": "http://portal.local"})
    assert allowed.headers["access-control-allow-origin"] == "http://portal.local"
    other = client.get("/health", headers={"Origin": "http://evil.local"})
    assert "access-control-allow-origin" not in other.headers


def test_no_index_gives_503(tmp_path: Path, container: Container) -> None:
    settings: Settings = make_settings(tmp_path / "empty", api={"mount_ui": False})
    with TestClient(create_app(container=build(settings, container.embedder))) as client:
        for response in (
            client.get("/health"),
            client.post("/v1/ask", json={"question": "Sở Y tế?"}),
        ):
            assert response.status_code == 503
            assert "assistant ingest" in response.json()["error"]["message"]


def test_docs_work_offline(client: TestClient) -> None:
    html = client.get("/docs").text
    assert "cdn" not in html.lower()
    for asset in ("swagger-ui.css", "swagger-ui-bundle.js"):
        path = html.split(asset)[0].rsplit('"', 1)[1] + asset
        assert client.get(path).status_code == 200, path
    schema = client.get("/openapi.json").json()
    for path, ops in schema["paths"].items():
        for op in ops.values():
            assert op.get("summary") and op.get("description"), path
