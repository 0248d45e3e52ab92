"""The Gradio chat at /ui, driven in a real headless Chromium against the live server."""

from __future__ import annotations

import re
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.feedback import FEEDBACK_FILE, FeedbackStore
from assistant.settings import Settings
from tests.conftest import CHROMIUM, CHROMIUM_ARGS

pytestmark = pytest.mark.browser

ANSWER_TIMEOUT_MS = 90_000

from playwright.sync_api import BrowserContext, Locator, Page, sync_playwright  # noqa: E402


@pytest.fixture()
def context(live_server: str) -> Iterator[BrowserContext]:
    """A fresh Chromium profile (its own user-data dir) that may use the clipboard."""
    with tempfile.TemporaryDirectory() as profile, sync_playwright() as p:
        ctx = p.chromium.launch_persistent_context(
            profile,
            executable_path=str(CHROMIUM),
            args=CHROMIUM_ARGS,
            headless=True,
            viewport={"width": 1100, "height": 900},
            locale="vi-VN",
        )
        ctx.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server)
        try:
            yield ctx
        finally:
            ctx.close()


@pytest.fixture()
def page(context: BrowserContext, live_server: str) -> Page:
    """The chat page, loaded and ready for a question."""
    page = context.new_page()
    page.goto(f"{live_server}/ui/", wait_until="load")
    page.wait_for_selector("#question textarea", timeout=30_000)
    page.wait_for_selector("#conversation .welcome", timeout=30_000)
    return page


def ask(page: Page, question: str) -> Locator:
    """Type ``question``, send it and return its finished turn."""
    index = page.locator("#conversation .turn").count()
    page.fill("#question textarea", question)
    page.press("#question textarea", "Enter")
    turn = page.locator(f"#conversation .turn[data-turn='{index}']")
    turn.locator(".actions").wait_for(timeout=ANSWER_TIMEOUT_MS)  # shown once "done"
    return turn


def cards(turn: Locator) -> list[dict[str, str]]:
    """The source cards of a turn as the reader sees them."""
    return [
        {
            "n": card.locator(".source-n").inner_text().strip(),
            "locality": card.locator(".source-locality").inner_text().strip(),
            "meta": card.locator(".source-meta").inner_text().strip(),
            "section": card.locator(".source-section").inner_text().strip(),
            "passage": card.locator(".source-passage").inner_text().strip(),
            "marks": str(card.locator(".source-passage mark").count()),
        }
        for card in turn.locator(".source-card").all()
    ]


def markers(turn: Locator) -> set[str]:
    """The [n] numbers used in the answer text."""
    text = turn.locator(".answer-text").inner_text()
    return set(re.findall(r"\[(\d+)\]", text))


def test_answer_followup_no_answer_and_feedback(
    page: Page, live_server: str, artifacts_dir: Path, indexed_settings: Settings
) -> None:
    first = ask(page, "Sở Tư pháp phải làm gì?")
    assert first.get_attribute("data-status") == "answered"
    found = cards(first)
    assert len({c["locality"] for c in found}) >= 3, found
    assert any("Tư pháp" in c["section"] for c in found), found
    for card in found:
        assert card["section"] and card["passage"] and card["meta"].startswith("Kế hoạch")
        assert int(card["marks"]) >= 1, f"quoted text not highlighted in card {card['n']}"
    assert markers(first) == {c["n"] for c in found}  # every [n] has its card, and back
    page.screenshot(path=str(artifacts_dir / "ui-1-answer.png"), full_page=True)

    # the copy button puts the answer and its sources on the clipboard
    first.locator(".copy-btn").click()
    page.wait_for_function(
        "document.querySelector('.turn .copy-btn').textContent.includes('Đã sao chép')"
    )
    copied = page.evaluate("navigator.clipboard.readText()")
    assert "Nguồn:" in copied and "[1]" in copied and "**" not in copied

    follow = ask(page, "Còn Sở Y tế thì sao?")
    assert follow.get_attribute("data-status") == "answered"
    follow_cards = cards(follow)
    health = [c for c in follow_cards if "Y tế" in c["section"]]
    assert len({c["locality"] for c in health}) >= 3, follow_cards
    assert not any("Tư pháp" in c["section"] for c in follow_cards), follow_cards
    assert "Y tế" in follow.locator(".question-used").inner_text()
    assert markers(follow) == {c["n"] for c in follow_cards}
    follow.scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts_dir / "ui-2-followup.png"), full_page=True)

    # a new conversation forgets the history
    page.click("#new-chat")
    page.wait_for_selector("#conversation .welcome")
    assert page.locator("#conversation .turn").count() == 0

    off_topic = ask(page, "Thời tiết hôm nay thế nào?")
    assert off_topic.get_attribute("data-status") == "no_answer"
    assert "Không tìm thấy câu trả lời" in off_topic.locator(".no-answer-title").inner_text()
    hint = off_topic.locator(".hint").inner_text()
    assert "diễn đạt lại" in hint and "chọn kế hoạch" in hint
    assert off_topic.locator(".answer-text").inner_text().strip()
    assert off_topic.locator(".source-card").count() == 0
    page.screenshot(path=str(artifacts_dir / "ui-3-noanswer.png"), full_page=True)

    # 👎 with a comment is stored under the live server's data dir
    comment = f"Câu hỏi ngoài phạm vi — thử nghiệm {time.time_ns()}"
    off_topic.locator(".fb-btn[data-rating='down']").click()
    off_topic.locator(".fb-comment").wait_for()
    off_topic.locator(".fb-comment").fill(comment)
    off_topic.locator(".fb-send").click()
    off_topic.locator(".fb-done", has_text="góp ý").wait_for()
    rows = [
        r
        for r in FeedbackStore(indexed_settings.data_dir / FEEDBACK_FILE).all()
        if r["comment"] == comment
    ]
    assert len(rows) == 1
    assert rows[0]["rating"] == "down"
    assert rows[0]["question"] == "Thời tiết hôm nay thế nào?"
    assert rows[0]["answer"][:40] in off_topic.locator(".answer-text").inner_text()
    assert rows[0]["citations"] == []
    page.screenshot(path=str(artifacts_dir / "ui-4-feedback.png"), full_page=True)


def test_plan_filter_limits_the_sources(page: Page, artifacts_dir: Path) -> None:
    page.wait_for_function("document.querySelector('#plan-filter input') !== null")
    page.locator("#plan-filter input").click()
    option = page.locator("[role=listbox] [role=option]", has_text="Cao Bằng")
    option.first.click()
    page.keyboard.press("Escape")

    turn = ask(page, "Sở Tư pháp phải làm gì?")
    found = cards(turn)
    assert found, "no source cards"
    assert {c["locality"] for c in found} == {"Cao Bằng"}
    page.screenshot(path=str(artifacts_dir / "ui-5-filter.png"), full_page=True)


def test_narrow_screen_and_example_question(page: Page, artifacts_dir: Path) -> None:
    page.set_viewport_size({"width": 420, "height": 900})
    page.locator(".example-btn", has_text="đường dây nóng").click()
    turn = page.locator("#conversation .turn[data-turn='0']")
    turn.locator(".actions").wait_for(timeout=ANSWER_TIMEOUT_MS)

    assert turn.locator(".msg.user").inner_text().strip().startswith("Số điện thoại")
    assert turn.locator(".source-card").count() >= 1
    assert "111" in turn.locator(".answer-text").inner_text()
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"page is {overflow}px wider than a 420px screen"
    for box in [turn.locator(".source-card").first.bounding_box(), turn.bounding_box()]:
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 420
    page.screenshot(path=str(artifacts_dir / "ui-narrow.png"), full_page=True)
