"""The embeddable widget (/widget), alone and inside an <iframe> of another site, in a real
headless Chromium against the live server. It runs the same client as /ui."""

from __future__ import annotations

import json
import re
import tempfile
import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import BrowserContext, Frame, Page, sync_playwright

from assistant.feedback import FEEDBACK_FILE, FeedbackStore
from assistant.settings import LimitsSettings, Settings
from tests.conftest import CHROMIUM, CHROMIUM_ARGS
from tests.ui.chat_client import (
    ask,
    cards,
    english_in,
    focused_class,
    three_questions_on_a_slow_link,
    wait_finished,
)
from ui.app import page_head
from ui.widget import STATIC_DIR, widget_html

API_KEY = "widget-test-key-0123456789"


def test_widget_page_loads_the_shared_client() -> None:
    page = widget_html(LimitsSettings(history_turns=6))
    assert '<html lang="vi">' in page
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page), "external asset"
    # relative URLs: the widget works behind a path prefix; /ui loads the very same files
    scripts = re.findall(r'<script src="([^"]+)"', page)
    styles = re.findall(r'<link rel="stylesheet" href="([^"]+)"', page)
    assert [s.split("?")[0] for s in scripts] == ["static/chat.js"]
    assert [s.split("?")[0] for s in styles] == ["static/chat.css"]
    assert scripts[0].split("?")[1] in page_head()
    limits = json.loads(re.search(r'data-limits="([^"]+)"', page)[1].replace("&quot;", '"'))  # type: ignore[index]
    assert limits["history_turns"] == 6 and limits["question_chars"] == 2000
    client = (STATIC_DIR / "chat.js").read_text(encoding="utf-8")
    assert 'apiRoot + "v1/ask"' in client and 'apiRoot + "v1/feedback"' in client
    assert '"X-API-Key"' in client and "stream: true" in client
    assert not re.search(r"[\U0001F300-\U0001FAFF\u2600-\u27BF]", client), "emoji icon"


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture()
def portal(tmp_path: Path, live_server: str) -> Iterator[str]:
    """Another site (own loopback port) whose page embeds the widget; yields its base URL."""
    (tmp_path / "index.html").write_text(
        "<!doctype html><html lang='vi'><head><meta charset='utf-8'>"
        "<title>Cổng thông tin</title></head>"
        "<body style='font-family:sans-serif;margin:24px;display:flex;gap:32px'>"
        "<main style='flex:1'><h1>Cổng thông tin bảo vệ trẻ em</h1>"
        "<p>Trợ lý hỏi đáp về các kế hoạch được nhúng bên cạnh.</p></main>"
        f"<iframe id='assistant' title='Trợ lý' allow='clipboard-write' "
        f"src='{live_server}/widget?key={API_KEY}&accent=%23b91c1c' "
        "style='width:420px;height:720px;border:1px solid #ccc;border-radius:8px'></iframe>"
        "</body></html>",
        encoding="utf-8",
    )
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_QuietHandler, directory=str(tmp_path)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@pytest.fixture()
def browser(live_server: str) -> Iterator[BrowserContext]:
    """A fresh Chromium profile that may use the clipboard on the assistant's origin."""
    with tempfile.TemporaryDirectory() as profile, sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            profile,
            executable_path=str(CHROMIUM),
            args=CHROMIUM_ARGS,
            headless=True,
            viewport={"width": 1280, "height": 800},
            locale="en-US",
        )
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server)
        try:
            yield context
        finally:
            context.close()


def _frame(page: Page) -> Frame:
    """The widget's frame in the portal page, once the client is ready."""
    page.frame_locator("#assistant").locator(".pc-input").wait_for(timeout=30_000)
    return next(f for f in page.frames if "/widget" in f.url)


@pytest.mark.browser
def test_widget_in_iframe(
    browser: BrowserContext,
    portal: str,
    live_server: str,
    artifacts_dir: Path,
    indexed_settings: Settings,
) -> None:
    page = browser.new_page()
    with page.expect_request(f"{live_server}/v1/documents") as listed:
        page.goto(f"{portal}/index.html", wait_until="load")
        frame = _frame(page)
    assert listed.value.headers.get("x-api-key") == API_KEY  # from ?key=
    # the key left the address bar and stays for the tab only
    assert "key=" not in frame.evaluate("location.href")
    assert frame.evaluate("sessionStorage.getItem('assistant_key')") == API_KEY
    assert frame.evaluate("document.documentElement.lang") == "vi"
    # theming from the query string
    accent = frame.evaluate(
        "getComputedStyle(document.querySelector('.pc-app')).getPropertyValue('--pc-accent')"
    )
    assert accent.strip() == "#b91c1c"

    with page.expect_request(f"{live_server}/v1/ask") as sent:
        turn = ask(frame, "Sở Tư pháp phải làm gì?")
    request = sent.value
    assert request.headers.get("x-api-key") == API_KEY
    assert request.post_data_json["stream"] is True
    assert "key=" not in request.url
    assert turn.get_attribute("data-state") == "answered"
    assert focused_class(frame) == "pc-input"
    found = cards(turn)
    assert len({c["locality"] for c in found}) >= 3, found
    assert all(c["expanded"] == "false" and int(c["marks"]) >= 1 for c in found)
    summary = turn.locator(".pc-summary").inner_text()
    # the server's one-line summary names every plan the cards come from
    assert "kế hoạch" in summary and all(c["locality"] in summary for c in found), summary
    # the start of the answer is in view, not only its end
    assert turn.locator(".pc-q").is_visible()
    page.screenshot(path=str(artifacts_dir / "widget-1-answer.png"))

    # keyboard: a card opens with Enter
    head = turn.locator(".pc-card-head").first
    head.focus()
    page.keyboard.press("Enter")
    assert head.get_attribute("aria-expanded") == "true"
    assert turn.locator(".pc-card-body").first.is_visible()

    # copy
    turn.locator(".pc-copy").click()
    turn.locator(".pc-copy", has_text="Đã sao chép").wait_for()

    # 👎 then a comment: one row for the answer, updated, through POST /v1/feedback
    with page.expect_response(f"{live_server}/v1/feedback") as rated:
        turn.locator(".pc-rate[data-rating='down']").click()
    assert rated.value.status == 200
    answer_id = rated.value.json()["answer_id"]
    assert answer_id.startswith("ans_")
    assert rated.value.request.post_data_json["citations"][0]["document"]
    comment = f"Thiếu nhiệm vụ phối hợp — {answer_id}"
    turn.locator(".pc-fb-comment").fill(comment)
    with page.expect_response(f"{live_server}/v1/feedback") as commented:
        turn.locator(".pc-fb-send").click()
    assert commented.value.status == 200
    turn.locator(".pc-fb-status", has_text="góp ý").wait_for()
    rows = [
        r
        for r in FeedbackStore(indexed_settings.data_dir / FEEDBACK_FILE).all()
        if r.get("answer_id") == answer_id
    ]
    assert len(rows) == 1 and rows[0]["rating"] == "down" and rows[0]["comment"] == comment
    assert rows[0]["question"] == "Sở Tư pháp phải làm gì?"
    exported = [
        json.loads(line)
        for line in httpx.get(f"{live_server}/v1/feedback/export").text.splitlines()
    ]
    assert [(r["rating"], r["comment"]) for r in exported if r["answer_id"] == answer_id] == [
        ("down", comment)
    ]

    # a follow-up is understood from the history the widget keeps
    follow = ask(frame, "Còn Sở Y tế thì sao?")
    follow_cards = cards(follow)
    assert sum("Y tế" in c["section"] for c in follow_cards) >= 2, (
        follow.get_attribute("data-state"),
        follow.inner_text()[:300],
        follow_cards,
    )

    # history survives a reload of the portal page (and the key, for this tab)
    page.reload(wait_until="load")
    frame = _frame(page)
    frame.locator(".pc-turn").nth(1).wait_for()
    assert frame.locator(".pc-turn").count() == 2
    assert frame.evaluate("sessionStorage.getItem('assistant_key')") == API_KEY

    # example questions and the plan filter, in a new conversation
    frame.locator(".pc-new").click()
    frame.locator(".pc-filter-btn").click()
    frame.locator(".pc-filter-option", has_text="Cao Bằng").locator("input").check()
    assert frame.locator(".pc-chip-remove").first.get_attribute("title").startswith("Bỏ lọc")
    frame.locator(".pc-example", has_text="khai sinh").click()
    example = wait_finished(frame, 0)
    assert {c["locality"] for c in cards(example)} == {"Cao Bằng"}
    assert english_in(frame) == []

    # the history list reopens the first conversation
    frame.locator(".pc-history-btn").click()
    frame.locator(".pc-conv", has_text="Sở Tư pháp").click()
    assert frame.locator(".pc-turn").count() == 2

    # the server cannot be reached: a Vietnamese message, never the browser's English one
    page.context.route("**/v1/ask", lambda route: route.abort("connectionrefused"))
    failed = ask(frame, "Còn Sở Giáo dục thì sao?")
    assert failed.get_attribute("data-state") == "error"
    assert "Failed to fetch" not in failed.inner_text()
    assert english_in(frame) == []
    page.context.unroute("**/v1/ask")
    page.screenshot(path=str(artifacts_dir / "widget-2-error.png"))


@pytest.mark.browser
def test_widget_three_questions_on_a_slow_link(
    browser: BrowserContext, live_server: str, artifacts_dir: Path
) -> None:
    page = browser.new_page()
    page.goto(f"{live_server}/widget", wait_until="load")
    page.locator(".pc-input").wait_for()
    seen = three_questions_on_a_slow_link(browser, page, page)
    assert seen["states"] == ["answered"] * 3, seen["states"]
    assert seen["queued"] == "1"
    assert sorted(seen["asks"]) == sorted(seen["questions"])
    assert seen["focus"] == ["pc-input"] * 3
    assert 0 < seen["third_bytes"] <= 60 * 1024, seen["third_bytes"]
    (artifacts_dir / "widget-slow-link.json").write_text(json.dumps(seen, ensure_ascii=False))


@pytest.mark.browser
@pytest.mark.parametrize("size", [(1280, 800), (390, 844)])
def test_widget_screens(
    browser: BrowserContext,
    portal: str,
    live_server: str,
    artifacts_dir: Path,
    size: tuple[int, int],
) -> None:
    width, height = size
    page = browser.new_page()
    page.set_viewport_size({"width": width, "height": height})
    target: Page | Frame
    if width > 600:  # on a desktop: inside the portal page
        page.goto(f"{portal}/index.html", wait_until="load")
        target = _frame(page)
    else:  # on a phone: the widget fills the screen
        page.goto(f"{live_server}/widget", wait_until="load")
        target = page
    target.locator(".pc-example", has_text="Sở Tư pháp").click()
    turn = wait_finished(target, 0)
    assert turn.get_attribute("data-state") == "answered"
    overflow = target.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    box = target.locator(".pc-input").bounding_box()
    assert box is not None and box["y"] + box["height"] <= height
    page.screenshot(path=str(artifacts_dir / f"widget-{width}x{height}.png"))
