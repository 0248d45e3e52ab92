"""The chat page at /ui (a Gradio page hosting the shared client), in a real headless
Chromium against the live server."""

from __future__ import annotations

import json
import re
import tempfile
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from tests.conftest import CHROMIUM, CHROMIUM_ARGS
from tests.ui.chat_client import (
    ask,
    cards,
    english_in,
    focused_class,
    markers,
    three_questions_on_a_slow_link,
    throttled,
    wait_finished,
)

pytestmark = pytest.mark.browser

from playwright.sync_api import BrowserContext, Page, sync_playwright  # noqa: E402


@pytest.fixture()
def context(live_server: str) -> Iterator[BrowserContext]:
    """A fresh Chromium profile (its own storage) that may use the clipboard."""
    with tempfile.TemporaryDirectory() as profile, sync_playwright() as p:
        ctx = p.chromium.launch_persistent_context(
            profile,
            executable_path=str(CHROMIUM),
            args=CHROMIUM_ARGS,
            headless=True,
            viewport={"width": 1280, "height": 800},
            locale="en-US",  # an English browser: the page must still be all Vietnamese
            accept_downloads=True,
        )
        ctx.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server)
        try:
            yield ctx
        finally:
            ctx.close()


def open_ui(context: BrowserContext, live_server: str, query: str = "") -> Page:
    page = context.new_page()
    page.goto(f"{live_server}/ui/{query}", wait_until="load")
    page.wait_for_selector(".pc-app .pc-input", timeout=30_000)
    page.wait_for_selector(".pc-welcome, .pc-turn", timeout=30_000)
    return page


@pytest.fixture()
def page(context: BrowserContext, live_server: str) -> Page:
    """The chat page, loaded and ready for a question."""
    return open_ui(context, live_server)


def test_answer_summary_groups_cards_copy_followup(
    page: Page, live_server: str, artifacts_dir: Path
) -> None:
    first = ask(page, "Sở Tư pháp phải làm gì?")
    assert first.get_attribute("data-state") == "answered"
    assert focused_class(page) == "pc-input"
    summary = first.locator(".pc-summary").inner_text()
    found = cards(first)
    localities = {c["locality"] for c in found}
    assert len(localities) >= 3, found
    assert all(name in summary for name in localities), summary  # one line naming the plans
    plans = first.locator(".pc-group-plan").all_inner_texts()
    assert len(plans) == len(set(plans)) == len(localities)  # one group per plan
    assert any("Tư pháp" in c["section"] for c in found), found
    for card in found:
        assert card["section"] and card["passage"] and card["meta"].startswith("Kế hoạch")
        assert int(card["marks"]) >= 1, f"quoted text not highlighted in card {card['n']}"
        assert card["expanded"] == "false"  # sources collapsed: quotes are not shown twice
        link = urlsplit(card["href"])
        query = parse_qs(link.query)
        assert link.path == "/viewer" and query["doc"] and query["section"] == [card["section"]]
        assert _spaces(query["quote"][0])[:80] in _spaces(card["passage"])
    assert first.locator(".pc-card-body:visible").count() == 0
    assert markers(first) == {c["n"] for c in found}  # every [n] has its card, and back
    # quotes start at a word boundary: the letter before each quote in its card is not a letter
    for quote in re.findall(r"“([^”…]{12,})", first.locator(".pc-answer").inner_text()):
        start = quote[:30]
        for card in found:
            at = re.sub(r"\s+", " ", card["passage"]).find(start)
            if at > 0:
                assert not re.sub(r"\s+", " ", card["passage"])[at - 1].isalpha(), quote
    page.screenshot(path=str(artifacts_dir / "ui-1-answer.png"))

    # the copy button puts the answer and its sources on the clipboard
    first.locator(".pc-copy").click()
    first.locator(".pc-copy", has_text="Đã sao chép").wait_for()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert "Nguồn:" in copied and "[1]" in copied and "**" not in copied

    # 👍 through POST /v1/feedback
    with page.expect_response("**/v1/feedback") as rated:
        first.locator(".pc-rate[data-rating='up']").click()
    assert rated.value.status == 200
    answer_id = rated.value.json()["answer_id"]
    assert answer_id.startswith("ans_")
    first.locator(".pc-rate[data-rating='up'][aria-pressed='true']").wait_for()
    # and it comes out of the admin's export (no keys set: loopback may export)
    export = httpx.get(f"{live_server}/v1/feedback/export").text.splitlines()
    assert [json.loads(line)["rating"] for line in export if answer_id in line] == ["up"]

    follow = ask(page, "Còn Sở Y tế thì sao?")
    assert follow.get_attribute("data-state") == "answered"
    follow_cards = cards(follow)
    health = [c for c in follow_cards if "Y tế" in c["section"]]
    assert len({c["locality"] for c in health}) >= 3, follow_cards
    assert not any("Tư pháp" in c["section"] for c in follow_cards), follow_cards
    assert "Y tế" in follow.locator(".pc-used").inner_text()
    assert markers(follow) == {c["n"] for c in follow_cards}
    # the input stays at the bottom of the window, and focused
    box = page.locator(".pc-input").bounding_box()
    assert box is not None and box["y"] + box["height"] <= 800
    assert focused_class(page) == "pc-input"

    # one polite live region, announcing the finished answer; the log itself is not live
    assert page.locator(".pc-app [aria-live]").count() == 2  # the announcer, the input hint
    assert page.locator(".pc-sr[aria-live='polite']").count() == 1
    page.wait_for_function(
        "document.querySelector('.pc-sr').textContent.startsWith('Đã có câu trả lời')"
    )
    assert page.locator(".pc-log[aria-live]").count() == 0

    off_topic = ask(page, "Thời tiết hôm nay thế nào?")
    assert off_topic.get_attribute("data-state") == "no_answer"
    assert "Không tìm thấy" in off_topic.locator(".pc-status-title").inner_text()
    assert "diễn đạt lại" in off_topic.locator(".pc-hint").inner_text()
    assert off_topic.locator(".pc-card").count() == 0


def test_cards_and_citation_links_by_keyboard(page: Page) -> None:
    turn = ask(page, "Sở Tư pháp phải làm gì?")
    # a [n] link, reached with the keyboard, opens its card and moves the focus there
    ref = turn.locator(".pc-ref").nth(1)
    n = ref.get_attribute("data-ref")
    ref.focus()
    page.keyboard.press("Enter")
    card = turn.locator(f".pc-card[data-n='{n}']")
    head = card.locator(".pc-card-head")
    page.wait_for_function(
        "n => document.activeElement.closest('.pc-card')?.dataset.n === n", arg=n
    )
    assert head.get_attribute("aria-expanded") == "true"
    assert card.locator(".pc-card-body").is_visible()
    assert card.locator(".pc-passage mark").first.is_visible()
    # Enter and Space on a focused card close and reopen it; Tab reaches the plan link
    page.keyboard.press("Enter")
    assert head.get_attribute("aria-expanded") == "false"
    page.keyboard.press("Space")
    assert head.get_attribute("aria-expanded") == "true"
    page.keyboard.press("Tab")
    assert "pc-viewer-link" in focused_class(page)
    # the link opens the plan viewer at the cited section, with the quote highlighted
    link = card.locator(".pc-viewer-link")
    with page.context.expect_page() as opened:
        link.click()
    viewer = opened.value
    viewer.wait_for_load_state("load")
    assert urlsplit(viewer.url).path == "/viewer"
    quote = parse_qs(urlsplit(viewer.url).query)["quote"][0]
    viewer.locator("mark").first.wait_for(timeout=30_000)
    assert _spaces(viewer.locator("mark").first.inner_text())[:20] in _spaces(quote)
    viewer.close()
    # the other cards are reachable with Tab and open with Enter
    other = turn.locator(".pc-card-head").first
    other.focus()
    page.keyboard.press("Enter")
    assert other.get_attribute("aria-expanded") == "true"


def test_three_questions_on_a_slow_link(
    context: BrowserContext, page: Page, artifacts_dir: Path
) -> None:
    seen = three_questions_on_a_slow_link(context, page, page)
    assert seen["states"] == ["answered"] * 3, seen["states"]
    assert seen["queued"] == "1", "the third question was not typed while the second ran"
    assert sorted(seen["asks"]) == sorted(seen["questions"]), seen["asks"]  # none dropped
    assert seen["focus"] == ["pc-input"] * 3, seen["focus"]
    assert 0 < seen["third_bytes"] <= 60 * 1024, seen["third_bytes"]
    assert "111" not in seen["texts"][2] and "khai sinh" in seen["texts"][2].lower()
    box = page.locator(".pc-input").bounding_box()
    assert box is not None and box["y"] + box["height"] <= 800
    page.screenshot(path=str(artifacts_dir / "ui-2-three-questions.png"))
    (artifacts_dir / "ui-slow-link.json").write_text(json.dumps(seen, ensure_ascii=False, indent=1))


def test_vietnamese_only_offline_and_errors(
    context: BrowserContext, page: Page, live_server: str, artifacts_dir: Path
) -> None:
    with urllib.request.urlopen(f"{live_server}/ui/") as response:
        assert re.search(r'<html[^>]*\blang="vi"', response.read().decode())
    assert page.evaluate("document.documentElement.lang") == "vi"
    assert english_in(page) == []

    # Gradio's own notices, should it show one, are translated as they appear
    page.evaluate(
        """() => {
            const toast = document.createElement('div');
            toast.className = 'toast-body';
            toast.innerHTML = '<div class="toast-title">Connection Lost</div><div class="toast-text">'
                + 'Connection to the server was lost. Attempting reconnection...</div>';
            document.body.appendChild(toast);
        }"""
    )
    page.wait_for_function(
        "document.querySelector('.toast-body').innerText.includes('Mất kết nối tới máy chủ')"
    )
    assert english_in(page) == []
    page.evaluate("document.querySelector('.toast-body').remove()")

    # an empty question is refused in Vietnamese
    page.locator(".pc-input").press("Enter")
    assert "nhập câu hỏi" in page.locator(".pc-composer-hint").inner_text()
    assert page.locator(".pc-turn").count() == 0

    # the plan filter: chips with Vietnamese tooltips
    page.locator(".pc-filter-btn").click()
    page.locator(".pc-filter-option", has_text="Cao Bằng").locator("input").check()
    page.locator(".pc-filter-option", has_text="Hà Nội").locator("input").check()
    chip = page.locator(".pc-chip-remove").first
    assert chip.get_attribute("title", timeout=5000).startswith("Bỏ lọc")
    assert english_in(page) == []
    page.locator(".pc-chip-clear").click()
    assert page.locator(".pc-chip").count() == 0

    # the network goes away: a Vietnamese banner; a question waits and goes once it is back
    context.set_offline(True)
    page.locator(".pc-banner:visible").wait_for()
    assert "Mất kết nối" in page.locator(".pc-banner").inner_text()
    page.locator(".pc-input").fill("Sở Tư pháp phải làm gì?")
    page.locator(".pc-input").press("Enter")
    page.locator(".pc-turn[data-state='offline']").wait_for()
    assert english_in(page) == []
    page.screenshot(path=str(artifacts_dir / "ui-3-offline.png"))
    context.set_offline(False)
    assert wait_finished(page, 0).get_attribute("data-state") == "answered"
    assert "kết nối lại" in page.locator(".pc-banner").inner_text()

    # the server cannot be reached: the error is Vietnamese, with a retry button that works
    page.route("**/v1/ask", lambda route: route.abort("connectionrefused"))
    turn = ask(page, "Còn Sở Y tế thì sao?")
    assert turn.get_attribute("data-state") == "error"
    assert "Không kết nối được" in turn.inner_text()
    assert english_in(page) == []
    page.unroute("**/v1/ask")
    turn.locator(".pc-retry").click()
    assert wait_finished(page, 1).get_attribute("data-state") == "answered"

    # the server answers with an error: its Vietnamese message is shown
    page.route(
        "**/v1/ask",
        lambda route: route.fulfill(
            status=503,
            content_type="application/json",
            body='{"error": {"code": "not_indexed", "message": "Chưa nạp dữ liệu."}}',
        ),
    )
    failed = ask(page, "Câu hỏi thử")
    assert "Chưa nạp dữ liệu." in failed.inner_text()
    assert english_in(page) == []


def test_history_reload_export_stop_and_clear(
    context: BrowserContext, page: Page, live_server: str, tmp_path: Path
) -> None:
    ask(page, "Sở Tư pháp phải làm gì?")
    ask(page, "Còn Sở Y tế thì sao?")
    page.reload(wait_until="load")
    page.wait_for_selector(".pc-turn", timeout=30_000)
    assert page.locator(".pc-turn").count() == 2  # the conversation came back
    assert page.locator(".pc-turn").nth(1).get_attribute("data-state") == "answered"
    assert page.locator(".pc-turn").nth(1).locator(".pc-card").count() >= 3
    assert page.locator(".pc-conv").count() == 1

    # a new conversation; the old one is in the list and reopens
    page.locator(".pc-new").click()
    page.locator(".pc-welcome").wait_for()
    ask(page, "Thời tiết hôm nay thế nào?")
    assert page.locator(".pc-conv").count() == 2
    page.locator(".pc-conv", has_text="Sở Tư pháp").click()
    assert page.locator(".pc-turn").count() == 2
    assert "Sở Tư pháp" in page.locator(".pc-turn").first.inner_text()

    # export as Markdown and as a printable HTML page, with the citations
    page.locator(".pc-export-btn").click()
    with page.expect_download() as download:
        page.locator(".pc-export-md").click()
    markdown = _read(download.value, tmp_path)
    assert "## Câu hỏi 1: Sở Tư pháp phải làm gì?" in markdown
    assert "Còn Sở Y tế thì sao?" in markdown and "**Nguồn trích dẫn**" in markdown
    assert re.search(r"^\[1\] .+ — .+Tư pháp", markdown, re.MULTILINE)
    page.locator(".pc-export-btn").click()
    with page.expect_download() as download:
        page.locator(".pc-export-html").click()
    printable = _read(download.value, tmp_path)
    assert '<html lang="vi">' in printable and "<mark>" in printable
    assert "Nguồn trích dẫn" in printable and "@media print" in printable
    assert "<script" not in printable

    # stop: the answer being received is abandoned and its request aborted
    aborted: list[str] = []
    page.on("requestfailed", lambda r: r.url.endswith("/v1/ask") and aborted.append(r.url))
    with throttled(context, page, 1024, latency_ms=400):
        page.locator(".pc-input").fill("Sở Giáo dục và Đào tạo phải làm gì?")
        page.locator(".pc-input").press("Enter")
        page.locator(".pc-stop:visible").wait_for()
        page.locator(".pc-turn[data-state='streaming'], .pc-turn[data-state='pending']").wait_for()
        page.locator(".pc-stop").click()
        stopped = wait_finished(page, 2, timeout=10_000)
    assert stopped.get_attribute("data-state") in ("stopped", "error")
    assert "dừng" in stopped.inner_text().lower()
    assert page.locator(".pc-stop").is_hidden()
    assert aborted, "the request was not aborted"
    assert focused_class(page) == "pc-input"

    # history can be cleared
    page.locator(".pc-clear").click()
    page.locator(".pc-clear-yes").click()
    assert page.locator(".pc-conv").count() == 0
    page.locator(".pc-welcome").wait_for()
    assert page.evaluate("localStorage.getItem('plans-chat:v1:page')") is None


def _spaces(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _read(download: object, tmp_path: Path) -> str:
    path = tmp_path / download.suggested_filename  # type: ignore[attr-defined]
    download.save_as(path)  # type: ignore[attr-defined]
    return path.read_text(encoding="utf-8")


def test_plan_filter_limits_the_sources(page: Page) -> None:
    page.locator(".pc-filter-btn").click()
    page.locator(".pc-filter-option", has_text="Cao Bằng").locator("input").check()
    page.keyboard.press("Escape")
    with page.expect_request("**/v1/ask") as sent:
        turn = ask(page, "Sở Tư pháp phải làm gì?")
    assert len(sent.value.post_data_json["filters"]["documents"]) == 1
    found = cards(turn)
    assert found, "no source cards"
    assert {c["locality"] for c in found} == {"Cao Bằng"}


@pytest.mark.parametrize("size", [(1280, 800), (390, 844)])
def test_screens(
    context: BrowserContext, live_server: str, artifacts_dir: Path, size: tuple[int, int]
) -> None:
    width, height = size
    page = open_ui(context, live_server)
    page.set_viewport_size({"width": width, "height": height})
    page.locator(".pc-example", has_text="Sở Tư pháp").click()
    turn = wait_finished(page, 0)
    assert turn.get_attribute("data-state") == "answered"
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"page is {overflow}px wider than a {width}px screen"
    box = page.locator(".pc-input").bounding_box()
    assert box is not None and box["y"] + box["height"] <= height
    page.screenshot(path=str(artifacts_dir / f"ui-{width}x{height}.png"))
