"""The embeddable widget (/widget) inside an <iframe> of another page, in headless Chromium."""

from __future__ import annotations

import re
import tempfile
import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.conftest import CHROMIUM, CHROMIUM_ARGS
from ui.widget import widget_html

ANSWER_TIMEOUT_MS = 90_000
API_KEY = "widget-test-key-0123456789"


def test_widget_page_is_self_contained() -> None:
    page = widget_html()
    assert '<html lang="vi">' in page
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page), "external asset"
    assert "@import" not in page and "fonts.googleapis" not in page
    assert 'fetch("v1/ask"' in page  # relative: works behind a path prefix
    assert "X-API-Key" in page and "stream: true" in page


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture()
def portal(tmp_path: Path, live_server: str) -> Iterator[str]:
    """Another site (own loopback port) whose page embeds the widget; yields its base URL."""
    (tmp_path / "index.html").write_text(
        "<!doctype html><html lang='vi'><head><meta charset='utf-8'>"
        "<title>Cổng thông tin</title></head><body style='font-family:sans-serif'>"
        "<h1>Cổng thông tin bảo vệ trẻ em</h1><p>Trợ lý hỏi đáp được nhúng bên dưới.</p>"
        f"<iframe id='assistant' title='Trợ lý' src='{live_server}/widget?key={API_KEY}' "
        "style='width:400px;height:680px;border:1px solid #ccc;border-radius:8px'></iframe>"
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


@pytest.mark.browser
def test_widget_in_iframe_answers_with_citations(
    portal: str, live_server: str, artifacts_dir: Path
) -> None:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as profile, sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            profile,
            executable_path=str(CHROMIUM),
            args=CHROMIUM_ARGS,
            headless=True,
            viewport={"width": 900, "height": 900},
        )
        try:
            page = context.new_page()
            page.goto(f"{portal}/index.html", wait_until="load")
            frame = page.frame_locator("#assistant")
            frame.locator("#question").wait_for(timeout=30_000)

            with page.expect_request(f"{live_server}/v1/ask") as sent:
                frame.locator("#question").fill("Sở Tư pháp phải làm gì?")
                frame.locator("#question").press("Enter")
            request = sent.value
            assert request.method == "POST"
            assert request.headers.get("x-api-key") == API_KEY  # from ?key=
            assert request.post_data_json["stream"] is True

            answer = frame.locator(".msg.bot").nth(0)
            answer.locator(".citation").first.wait_for(timeout=ANSWER_TIMEOUT_MS)
            text = answer.locator(".answer").inner_text()
            assert "Tư pháp" in text
            plans = answer.locator(".citation-plan").all_inner_texts()
            sections = answer.locator(".citation-section").all_inner_texts()
            passages = answer.locator(".citation-passage").all_inner_texts()
            localities = {re.sub(r"^\[\d+\]", "", p).split(" Kế hoạch")[0].strip() for p in plans}
            assert len(localities) >= 3, plans
            assert all(s.strip() for s in sections) and any("Tư pháp" in s for s in sections)
            assert all(p.strip() for p in passages)
            assert answer.locator(".citation-passage mark").count() >= 1
            numbers = {re.match(r"\[(\d+)\]", p)[1] for p in plans}  # type: ignore[index]
            assert set(re.findall(r"\[(\d+)\]", text)) == numbers
            page.screenshot(path=str(artifacts_dir / "widget-1-answer.png"), full_page=True)

            # the follow-up is understood from the history the widget keeps
            frame.locator("#question").fill("Còn Sở Y tế thì sao?")
            frame.locator("#send").click()
            follow = frame.locator(".msg.bot").nth(1)
            follow.locator(".citation").first.wait_for(timeout=ANSWER_TIMEOUT_MS)
            follow_sections = follow.locator(".citation-section").all_inner_texts()
            assert sum("Y tế" in s for s in follow_sections) >= 2, follow_sections

            # an off-topic question in a new conversation is shown as "no answer"
            frame.locator("#new").click()
            frame.locator(".welcome").wait_for()
            frame.locator("#question").fill("Thời tiết hôm nay thế nào?")
            frame.locator("#send").click()
            frame.locator(".msg.bot.no-answer").wait_for(timeout=ANSWER_TIMEOUT_MS)
            title = frame.locator(".msg.bot.no-answer .status-title").inner_text()
            assert "Không tìm thấy câu trả lời" in title
            assert "diễn đạt lại" in frame.locator(".msg.bot.no-answer .hint").inner_text()
            page.screenshot(path=str(artifacts_dir / "widget-2-noanswer.png"), full_page=True)
        finally:
            context.close()
