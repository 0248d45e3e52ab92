"""The OpenAI-compatible routes, through TestClient and through the official client."""

from __future__ import annotations

import json

from fastapi.testclient import TestClient

from assistant.container import Container
from assistant.server import create_app
from tests.conftest import serve_app

MESSAGES = [
    {"role": "user", "content": "Sở Tư pháp phải làm gì?"},
    {"role": "assistant", "content": "..."},
    {"role": "user", "content": "Còn Sở Y tế thì sao?"},
]


def test_chat_completions(client: TestClient) -> None:
    body = client.post(
        "/v1/chat/completions", json={"model": "plans-assistant", "messages": MESSAGES}
    ).json()
    assert body["object"] == "chat.completion"
    content = body["choices"][0]["message"]["content"]
    assert "Y tế" in content and body["citations"] and "Y tế" in body["citations"][0]["section"]
    assert body["question_used"] != "Còn Sở Y tế thì sao?"

    stream = client.post("/v1/chat/completions", json={"messages": MESSAGES, "stream": True}).text
    chunks = [json.loads(line[6:]) for line in stream.split("\n\n") if line.startswith("data: {")]
    assert stream.rstrip().endswith("data: [DONE]")
    assert "".join(c["choices"][0]["delta"].get("content", "") for c in chunks) == content
    assert chunks[-1]["citations"] == body["citations"]
    assert "citations" not in chunks[0] and chunks[0]["choices"][0]["delta"]["role"] == "assistant"
    assert client.get("/v1/models").json()["data"][0]["id"] == "plans-assistant"


def test_last_message_must_be_the_users(client: TestClient) -> None:
    response = client.post(
        "/v1/chat/completions", json={"messages": [{"role": "assistant", "content": "xin chào"}]}
    )
    assert response.status_code == 422 and response.json()["error"]["code"] == "bad_question"


def test_official_openai_client_streams_with_citations(container: Container) -> None:
    from openai import OpenAI

    with serve_app(create_app(container=container)) as url:
        client = OpenAI(base_url=f"{url}/v1", api_key="not-needed", max_retries=0)
        assert [m.id for m in client.models.list()] == ["plans-assistant"]
        plain = client.chat.completions.create(model="plans-assistant", messages=MESSAGES)  # type: ignore[arg-type]
        text = plain.choices[0].message.content or ""
        assert "Y tế" in text
        pieces: list[str] = []
        last = None
        for chunk in client.chat.completions.create(
            model="plans-assistant",
            messages=MESSAGES,  # type: ignore[arg-type]
            stream=True,
        ):
            pieces.extend(c.delta.content or "" for c in chunk.choices)
            last = chunk
    assert "".join(pieces) == text
    assert last is not None and last.choices[0].finish_reason == "stop"
    extra = last.model_extra or {}
    assert extra["citations"] and "Y tế" in extra["citations"][0]["section"]
    assert extra["status"] == "answered"
