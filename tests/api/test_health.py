"""GET /health, the offline docs, and 503 before the first ingest."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from assistant.container import Container, build
from assistant.ingest.pipeline import ingest
from assistant.server import create_app
from tests.conftest import free_port, make_settings
from tests.index.test_store import start_chroma
from tests.ingest.test_pipeline_concurrency import plan_text


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


@pytest.mark.slow
def test_chroma_server_gone_is_503_store_unavailable(
    tmp_path: Path, container: Container, caplog: pytest.LogCaptureFixture
) -> None:
    """A real `chroma run` killed under the app: /health and /v1/ask answer 503
    store_unavailable (no 500, no traceback in the log), and recover when it is back."""
    port = free_port()
    servers = [start_chroma(tmp_path / "server", port)]
    try:
        corpus = tmp_path / "corpus"
        corpus.mkdir()
        (corpus / "tinh-mau-11.txt").write_text(plan_text(11, "Tinh Mau", 2), "utf-8")
        # every dense search asks Chroma (small corpora are otherwise searched exactly from
        # the generation's own vectors, and keep answering while Chroma is away)
        settings = make_settings(
            tmp_path / "data",
            chroma={"mode": "http", "port": port, "exact_max_rows": 0},
            api={"mount_ui": False},
        )
        ingest([corpus], settings, container.embedder)
        app = create_app(container=build(settings, container.embedder))
        with TestClient(app) as client:
            assert client.get("/health").status_code == 200
            question = {"question": "Sở Tư pháp phải làm gì?"}
            assert client.post("/v1/ask", json=question).status_code == 200
            servers[0].kill()
            servers[0].wait()
            caplog.clear()
            for _ in range(3):
                for response in (
                    client.get("/health"),
                    client.post("/v1/ask", json=question),
                    client.post("/v1/search", json={"query": "Sở Y tế"}),
                ):
                    assert response.status_code == 503, response.text
                    error = response.json()["error"]
                    assert error["code"] == "store_unavailable" and "Chroma" in error["message"]
            assert "Traceback" not in caplog.text
            assert all(r.exc_info is None for r in caplog.records)
            servers.append(start_chroma(tmp_path / "server", port))
            assert client.get("/health").status_code == 200
            assert client.post("/v1/ask", json=question).json()["status"] == "answered"
    finally:
        for server in servers:
            server.kill()
            server.wait()
