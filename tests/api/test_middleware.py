"""Middleware of the whole app on the real index: keys on /ui and Gradio's routes, the key
cookie, CORS, Referrer-Policy, body limits while reading, lone surrogates, bad key
headers, 405 with Allow, and slow clients cut off by the header deadline."""

from __future__ import annotations

import json
import logging
import select
import socket
import time
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from assistant.api.connections import uvicorn_options
from assistant.container import Container, build
from assistant.server import create_app
from assistant.settings import Settings
from tests.conftest import serve_app

KEY = "h13-test-key-0123456789"
QUEUE_JOIN = {
    "data": ["Sở Tư pháp phải làm gì?", None, []],
    "fn_index": 0,
    "trigger_id": 8,
    "session_hash": "s1",
}


def settings_with(container: Container, **api: Any) -> Settings:
    return container.settings.model_copy(
        update={"api": container.settings.api.model_copy(update=api)}
    )


@pytest.fixture(scope="module")
def ui_client(container: Container) -> Iterator[TestClient]:
    """The whole app, UI mounted, with a read key configured."""
    settings = settings_with(container, keys=[KEY], mount_ui=True)
    with TestClient(create_app(container=build(settings, container.embedder))) as client:
        yield client


@pytest.fixture(scope="module")
def open_ui_client(container: Container) -> Iterator[TestClient]:
    """The whole app, UI mounted, no keys and no CORS origins configured."""
    settings = settings_with(container, mount_ui=True)
    with TestClient(create_app(container=build(settings, container.embedder))) as client:
        yield client


def test_ui_and_gradio_routes_need_the_key(ui_client: TestClient) -> None:
    ui_client.cookies.clear()
    for method, path, body in (
        ("GET", "/ui", None),
        ("GET", "/ui/", None),
        ("GET", "/ui/config", None),
        ("POST", "/ui/gradio_api/queue/join", QUEUE_JOIN),
        ("GET", "/ui/gradio_api/queue/data?session_hash=s1", None),
        ("POST", "/ui/gradio_api/run/predict", {"data": []}),
    ):
        response = ui_client.request(method, path, json=body)
        assert response.status_code == 401, (path, response.text[:200])
        error = response.json()["error"]
        assert error["code"] == "unauthorized" and "/ui?key=" in error["message"]
    headers = {"X-API-Key": KEY}
    assert ui_client.get("/ui/", headers=headers).status_code == 200
    assert ui_client.get("/ui/config", headers=headers).status_code == 200


def test_gradio_uploads_are_closed(ui_client: TestClient) -> None:
    files = {"files": ("plan.txt", b"x" * 1000, "text/plain")}
    for path in ("/ui/gradio_api/upload", "/ui/upload"):
        response = ui_client.post(path, files=files, headers={"X-API-Key": KEY})
        assert response.status_code == 404, path


def test_key_in_ui_url_becomes_a_cookie(ui_client: TestClient) -> None:
    ui_client.cookies.clear()
    assert ui_client.get("/ui", params={"key": "wrong-key-0123456789"}).status_code == 401
    login = ui_client.get("/ui/", params={"key": KEY}, follow_redirects=False)
    assert login.status_code == 303
    assert login.headers["location"] == "/ui/"  # the key leaves the address bar
    cookie = login.headers["set-cookie"]
    assert cookie.startswith("assistant_key=")
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Path=/" in cookie
    # the browser now sends the cookie: the UI, Gradio's queue and /v1 accept it
    assert ui_client.get("/ui/").status_code == 200
    assert ui_client.get("/ui/config").status_code == 200
    assert ui_client.get("/v1/documents").status_code == 200
    ui_client.cookies.clear()
    assert ui_client.get("/v1/documents").status_code == 401


def test_no_cors_grant_to_unlisted_origins(open_ui_client: TestClient) -> None:
    for origin in ("http://localhost:9999", "http://127.0.0.1:1", "null", "https://evil.test"):
        preflight = open_ui_client.options(
            "/ui/gradio_api/queue/join",
            headers={
                "Origin": origin,
                "Access-Control-Request-Method": "POST",
                "Access-Control-Request-Headers": "content-type",
            },
        )
        get = open_ui_client.get("/ui/config", headers={"Origin": origin})
        for response in (preflight, get):
            granted = {k for k in response.headers if k.lower().startswith("access-control-")}
            assert granted == set(), (origin, dict(response.headers))
    # the page's own origin still works
    same = open_ui_client.get("/ui/config", headers={"Origin": "http://testserver"})
    assert same.status_code == 200


def test_referrer_policy_on_every_response(ui_client: TestClient) -> None:
    headers = {"X-API-Key": KEY}
    for response in (
        ui_client.get("/health"),
        ui_client.get("/v1/documents"),  # 401
        ui_client.get("/v1/documents", headers=headers),
        ui_client.get("/nowhere"),
        ui_client.get("/openapi.json"),
        ui_client.get("/widget"),
        ui_client.get("/ui/", headers=headers),
        ui_client.get("/ui?key=" + KEY, follow_redirects=False),
        ui_client.post("/v1/ask", content=b"x" * 70_000, headers=headers),
    ):
        assert response.headers.get("referrer-policy") == "no-referrer", response.url


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/v1/ask", '{"question": "Sở Y tế?", "filters": {"documents": ["\\ud800"]}}'),
        ("/v1/ask", '{"question": "S\\udfff\\u1edf Y t\\u1ebf?"}'),
        ("/v1/search", '{"query": "a", "history": [{"role": "user", "content": "\\ud800"}]}'),
        ("/v1/chat/completions", '{"messages": [{"role": "user", "content": "\\ud800"}]}'),
        (
            "/v1/chat/completions",
            '{"messages": [{"role": "user", "content": [{"type": "text", "text": "\\udc00"}]}]}',
        ),
        ("/v1/ask", '{"question": "x", "\\ud800": 1}'),
    ],
)
def test_lone_surrogates_are_refused_without_echo(client: TestClient, path: str, body: str) -> None:
    response = client.post(path, content=body, headers={"content-type": "application/json"})
    assert response.status_code == 422, response.text
    error = response.json()["error"]
    assert error["code"] == "invalid_request" and "surrogate" in error["message"]
    assert "\\ud" not in response.text.lower()


def test_surrogate_pairs_are_fine(client: TestClient) -> None:
    body = '{"question": "Sở Y tế làm gì? \\ud83d\\ude00"}'
    response = client.post("/v1/ask", content=body, headers={"content-type": "application/json"})
    assert response.status_code == 200


def test_non_ascii_key_header_is_unauthorized(container: Container) -> None:
    settings = settings_with(container, keys=[KEY])
    with TestClient(create_app(container=build(settings, container.embedder))) as client:
        for value in ("khóa-bí-mật-ü".encode(), b"\xff\xfe\x80", KEY.encode() + b"\xe9"):
            for header in ("x-api-key", "authorization"):
                raw = value if header == "x-api-key" else b"Bearer " + value
                response = client.get("/v1/documents", headers=[(header.encode(), raw)])
                assert response.status_code == 401, (header, value)


def test_405_names_the_allowed_methods(client: TestClient) -> None:
    response = client.delete("/v1/ask")
    assert response.status_code == 405
    assert response.headers["allow"] == "POST"
    assert response.json()["error"]["code"] == "method_not_allowed"
    assert "GET" in client.post("/health").headers["allow"]


@pytest.fixture(scope="module")
def server(container: Container) -> Iterator[str]:
    """The real app served by uvicorn with the settings' connection limits."""
    settings = settings_with(container, header_timeout=1.0, keep_alive_timeout=1.0)
    app = create_app(container=build(settings, container.embedder))
    with serve_app(app, **uvicorn_options(settings)) as url:
        yield url.removeprefix("http://")


def connect(address: str) -> socket.socket:
    host, port = address.split(":")
    return socket.create_connection((host, int(port)), timeout=30)


def read_response(sock: socket.socket) -> tuple[int, bytes]:
    data = b""
    while b"\r\n\r\n" not in data:
        part = sock.recv(65536)
        if not part:
            break
        data += part
    head, _, body = data.partition(b"\r\n\r\n")
    length = None
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value)
    while length is not None and len(body) < length:
        part = sock.recv(65536)
        if not part:
            break
        body += part
    return int(head.split(b" ")[1]), body


def test_slow_headers_are_cut_off(server: str) -> None:
    """50 clients trickling headers one byte at a time are disconnected by the server."""
    socks = [connect(server) for _ in range(50)]
    request = b"GET /health HTTP/1.1\r\nHost: x\r\nX-Slow: " + b"a" * 200
    closed: set[int] = set()
    for i in range(len(request)):
        for n, sock in enumerate(socks):
            if n in closed:
                continue
            try:
                sock.sendall(request[i : i + 1])
                ready, _, _ = select.select([sock], [], [], 0)
                if ready and sock.recv(1024) == b"":
                    closed.add(n)
            except OSError:  # reset by the server
                closed.add(n)
        if len(closed) == len(socks):
            break
        time.sleep(0.1)
    for sock in socks:
        sock.close()
    assert len(closed) == len(socks)
    # a normal client is still served
    with connect(server) as sock:
        sock.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\n\r\n")
        status, body = read_response(sock)
        assert status == 200 and json.loads(body)["status"] == "ok"


def test_chunked_body_over_the_limit_is_413_early(server: str) -> None:
    """A chunked body gets 413 in Vietnamese once it passes 64 KB; the rest is not read."""
    chunk = b"x" * 16384
    sent = 0
    with connect(server) as sock:
        sock.sendall(
            b"POST /v1/ask HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b"Transfer-Encoding: chunked\r\n\r\n"
        )
        try:
            while sent < 100 * 1024 * 1024:
                sock.sendall(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                sent += len(chunk)
                ready, _, _ = select.select([sock], [], [], 0)
                if ready:
                    break
        except OSError:
            pass  # the server closed the connection: it stopped reading
        status, body = read_response(sock)
    assert status == 413
    error = json.loads(body)["error"]
    assert error["code"] == "payload_too_large" and "quá lớn" in error["message"]
    assert sent < 10 * 1024 * 1024  # stopped long before the client's 100 MB


def test_keys_in_urls_are_masked_in_the_access_log(container: Container) -> None:
    create_app(container=container)  # installs the filter on uvicorn's access logger
    access = logging.getLogger("uvicorn.access")
    record = logging.LogRecord(
        "uvicorn.access",
        logging.INFO,
        __file__,
        1,
        '%s - "%s %s HTTP/%s" %d',
        ("127.0.0.1:5", "GET", f"/widget?lang=vi&key={KEY}&x=1", "1.1", 200),
        None,
    )
    assert all(f.filter(record) for f in access.filters)
    line = record.getMessage()
    assert KEY not in line and "/widget?lang=vi&key=***&x=1" in line


def test_unexpected_error_is_500_json_and_keeps_the_connection(
    container: Container, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A bug in a route answers 500 ``internal_error`` and the keep-alive connection stays
    usable (Starlette re-raising it made uvicorn drop the connection: the soak saw the
    client's next request fail with "connection reset")."""
    rebuilt = build(container.settings, container.embedder)

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("injected fault")

    monkeypatch.setattr(rebuilt.service, "ask", broken)
    body = json.dumps({"question": "Sở Tư pháp phải làm gì?"}).encode()
    with serve_app(create_app(container=rebuilt)) as url:
        sock = connect(url.removeprefix("http://"))
        with sock:
            request = (
                b"POST /v1/ask HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body
            )
            sock.sendall(request)
            status, payload = read_response(sock)
            assert status == 500
            assert json.loads(payload)["error"]["code"] == "internal_error"
            assert b"injected" not in payload
            sock.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\n\r\n")
            status, payload = read_response(sock)
            assert status == 200, payload
