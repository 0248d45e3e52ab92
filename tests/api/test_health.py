"""GET /health, the offline docs, and 503 before the first ingest."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from assistant.container import Container, build
from assistant.server import create_app
from tests.conftest import make_settings


def test_health(client: TestClient) -> None:
    body = client.get("/health").json()
    assert body["status"] == "ok" and body["documents"] == 5 and body["chunks"] > 50


def test_no_index_gives_503(tmp_path: Path, container: Container) -> None:
    settings = make_settings(tmp_path / "empty", api={"mount_ui": False})
    with TestClient(create_app(container=build(settings, container.embedder))) as client:
        for response in (
            client.get("/health"),
            client.post("/v1/ask", json={"question": "Sở Y tế?"}),
        ):
            assert response.status_code == 503
            assert response.json()["error"]["code"] == "not_indexed"
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
