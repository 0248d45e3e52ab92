"""ui.mount: the front ends on a bare FastAPI app (no index needed), through TestClient."""

from __future__ import annotations

import re

from fastapi import FastAPI
from fastapi.testclient import TestClient

from assistant.settings import LimitsSettings, Settings
from ui.mount import mount_ui
from ui.widget import static_version


def _client() -> TestClient:
    app = FastAPI()
    settings = Settings(limits=LimitsSettings(history_turns=8))
    mount_ui(app, lambda: None, settings)  # type: ignore[arg-type, return-value]
    return TestClient(app)


def test_ui_page_is_vietnamese_and_loads_the_client() -> None:
    client = _client()
    page = client.get("/ui/")
    assert page.status_code == 200
    assert re.search(r'<html\s+lang="vi"', page.text)
    assert 'lang="en"' not in page.text and "manifest.json" not in page.text
    assert int(page.headers["content-length"]) == len(page.content)
    config = client.get("/ui/config").json()
    head = config.get("head") or ""
    assert f"../static/chat.js?v={static_version()}" in head
    assert "../static/chat.css" in head
    html = [c for c in config["components"] if c.get("props", {}).get("elem_id") == "chat"]
    assert html and "data-plans-chat" in html[0]["props"]["value"]
    assert "&quot;history_turns&quot;: 8" in html[0]["props"]["value"]
    assert config["dependencies"] == []  # no Python handler: nothing answers through Gradio


def test_widget_and_static_files() -> None:
    client = _client()
    widget = client.get("/widget")
    assert widget.status_code == 200 and widget.headers["referrer-policy"] == "no-referrer"
    assert 'data-mode="widget"' in widget.text and "&quot;history_turns&quot;: 8" in widget.text
    script = client.get(f"/static/chat.js?v={static_version()}")
    assert script.status_code == 200 and "window.PlansChat" in script.text
    assert client.get("/static/chat.css").status_code == 200
