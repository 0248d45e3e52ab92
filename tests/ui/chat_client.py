"""Driving the shared chat client (ui/static/chat.js) in a real browser, for /ui and /widget.

``target`` is a Playwright ``Page`` or ``Frame``: both have ``locator``, ``evaluate`` and
``wait_for_function``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from playwright.sync_api import BrowserContext, CDPSession, Frame, Locator, Page

ANSWER_TIMEOUT_MS = 90_000
FINAL_STATES = ("answered", "no_answer", "error", "stopped")
# Words of English UI text (Gradio's and the browser's defaults among them); format names
# such as Markdown and HTML are allowed.
ENGLISH = re.compile(
    r"\b(error|warning|info|loading|remove|clear|connection|failed|fetch|retry|close|submit|"
    r"send|stop|copy|copied|settings|gradio|built with|use via api|please|network|offline|"
    r"reconnect\w*|attempting|lost|the|and|you|new chat|history|export|download|filter)\b",
    re.IGNORECASE,
)

Target = Page | Frame


def ask(target: Target, question: str) -> Locator:
    """Type ``question``, press Enter and return its turn once it is finished."""
    index = target.locator(".pc-turn").count()
    target.locator(".pc-input").fill(question)
    target.locator(".pc-input").press("Enter")
    return wait_finished(target, index)


def wait_finished(target: Target, index: int, timeout: int = ANSWER_TIMEOUT_MS) -> Locator:
    """The ``index``-th turn, after it reached a final state."""
    target.wait_for_function(
        """([i, states]) => {
            const t = document.querySelectorAll('.pc-turn')[i];
            return t && states.includes(t.dataset.state);
        }""",
        arg=[index, list(FINAL_STATES)],
        timeout=timeout,
    )
    return target.locator(".pc-turn").nth(index)


def focused_class(target: Target) -> str:
    """The class of the focused element (in this document)."""
    return str(target.evaluate("document.activeElement ? document.activeElement.className : ''"))


def cards(turn: Locator) -> list[dict[str, str]]:
    """The source cards of a turn as the reader sees them (bodies read even when closed)."""
    return [
        {
            "n": card.get_attribute("data-n") or "",
            "locality": card.locator(".pc-card-locality").inner_text().strip(),
            "meta": card.locator(".pc-card-meta").inner_text().strip(),
            "section": card.locator(".pc-card-section").inner_text().strip(),
            "passage": card.locator(".pc-passage").text_content() or "",
            "marks": str(card.locator(".pc-passage mark").count()),
            "href": card.locator(".pc-viewer-link").get_attribute("href") or "",
            "expanded": card.locator(".pc-card-head").get_attribute("aria-expanded") or "",
        }
        for card in turn.locator(".pc-card").all()
    ]


def markers(turn: Locator) -> set[str]:
    """The [n] numbers used in the answer text."""
    return set(re.findall(r"\[(\d+)\]", turn.locator(".pc-answer").inner_text()))


def visible_strings(target: Target) -> list[str]:
    """Every string a user can see or hear: text, titles, labels, placeholders, the title."""
    return list(
        target.evaluate(
            """() => {
                const out = [document.title, document.body.innerText];
                for (const el of document.querySelectorAll('[title], [aria-label], [placeholder], [alt]')) {
                    for (const a of ['title', 'aria-label', 'placeholder', 'alt']) {
                        const v = el.getAttribute(a);
                        if (v) out.push(v);
                    }
                }
                return out;
            }"""
        )
    )


def english_in(target: Target) -> list[str]:
    """Visible strings that contain English UI words."""
    return [s for s in visible_strings(target) if ENGLISH.search(s)]


@contextmanager
def throttled(
    context: BrowserContext, page: Page, bytes_per_second: int, latency_ms: int = 40
) -> Iterator[dict[str, dict[str, Any]]]:
    """A slow link for ``page`` (Chromium's network emulation); yields the requests seen,
    by id: ``{"url", "question", "bytes"}`` (bytes received, headers included)."""
    cdp: CDPSession = context.new_cdp_session(page)
    requests: dict[str, dict[str, Any]] = {}

    def sent(event: dict[str, Any]) -> None:
        question = None
        body = event["request"].get("postData")
        if body and event["request"]["url"].endswith("/v1/ask"):
            question = json.loads(body).get("question")
        requests[event["requestId"]] = {
            "url": event["request"]["url"],
            "question": question,
            "bytes": 0,
        }

    def finished(event: dict[str, Any]) -> None:
        if event["requestId"] in requests:
            requests[event["requestId"]]["bytes"] = event["encodedDataLength"]

    cdp.on("Network.requestWillBeSent", sent)
    cdp.on("Network.loadingFinished", finished)
    cdp.send("Network.enable")
    cdp.send(
        "Network.emulateNetworkConditions",
        {
            "offline": False,
            "latency": latency_ms,
            "downloadThroughput": bytes_per_second,
            "uploadThroughput": bytes_per_second,
        },
    )
    try:
        yield requests
    finally:
        cdp.send(
            "Network.emulateNetworkConditions",
            {"offline": False, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1},
        )
        cdp.detach()


def three_questions_on_a_slow_link(
    context: BrowserContext, page: Page, target: Target
) -> dict[str, Any]:
    """Ask three questions at 64 KB/s, the third typed while the second is being answered.

    Returns what the test checks: the turns' states, where the focus was after each
    answer, whether the third was queued, the /v1/ask requests and the bytes received
    for the third answer."""
    questions = [
        "Sở Tư pháp phải làm gì?",
        "Còn Sở Y tế thì sao?",
        "Chỉ tiêu đăng ký khai sinh ở Cao Bằng là bao nhiêu?",
    ]
    focus_after: list[str] = []
    # 64 KB/s and 400 ms of latency (a poor mobile link): the second answer cannot arrive
    # before the third question is typed, however fast the server is
    with throttled(context, page, 64 * 1024, latency_ms=400) as requests:
        ask(target, questions[0])
        focus_after.append(focused_class(target))
        box = target.locator(".pc-input")
        box.fill(questions[1])
        box.press("Enter")
        # typed while the second question is on its way (it cannot have finished yet:
        # its answer needs the server's search and the slow link)
        box.fill(questions[2])
        box.press("Enter")
        third = target.locator(".pc-turn").nth(2)
        queued = third.get_attribute("data-queued")
        wait_finished(target, 1)
        focus_after.append(focused_class(target))
        before_third = set(requests)
        wait_finished(target, 2)
        focus_after.append(focused_class(target))
        third_bytes = sum(
            r["bytes"]
            for rid, r in requests.items()
            if r["question"] == questions[2] or rid not in before_third
        )
        asks = [r["question"] for r in requests.values() if r["url"].endswith("/v1/ask")]
        ask_bytes = {r["question"]: r["bytes"] for r in requests.values() if r["question"]}
    states = [target.locator(".pc-turn").nth(i).get_attribute("data-state") for i in range(3)]
    return {
        "states": states,
        "focus": focus_after,
        "queued": queued,
        "asks": asks,
        "questions": questions,
        "third_bytes": third_bytes,
        "ask_bytes": ask_bytes,
        "texts": [
            target.locator(".pc-turn").nth(i).locator(".pc-answer").inner_text() for i in range(3)
        ],
    }
