"""Optional LLM synthesis against a small local fake OpenAI-compatible server."""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, ClassVar

import pytest

from assistant.answer.llm import LlmSynthesizer, verify
from assistant.container import Container
from assistant.settings import AnswerSettings


class FakeLLM(BaseHTTPRequestHandler):
    """Answers /v1/completions (and /v1/chat/completions) like an OpenAI-compatible server.

    The reply quotes the first sentence of passage [1] (grounded), then adds an invented
    figure and a citation to a passage that does not exist (both must be dropped).
    """

    mode: ClassVar[str] = "ok"
    prompts: ClassVar[list[str]] = []

    def log_message(self, *args: Any) -> None:
        pass

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["content-length"])))
        prompt = body.get("prompt") or body["messages"][-1]["content"]
        FakeLLM.prompts.append(prompt)
        if self.mode == "error":
            self.send_response(500)
            self.end_headers()
            return
        if self.mode == "slow":
            time.sleep(3)
        passage = prompt.split("[1] ", 1)[1].split("\n", 1)[1]
        first = re.split(r"(?<=[.;])\s", passage.strip().lstrip("-ab) "), maxsplit=1)[0]
        text = (
            f"Theo kế hoạch, cơ quan này phải: {first} [1]\n"
            "Tỷ lệ hoàn thành đạt 99,9% vào năm 2031 [1].\n"
            "Ngoài ra còn nhiều nhiệm vụ khác [7]."
        )
        reply = {
            "id": "cmpl-1",
            "object": "text_completion",
            "created": 0,
            "model": body.get("model"),
            "choices": [{"index": 0, "text": text, "finish_reason": "stop", "logprobs": None}],
            "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
        }
        data = json.dumps(reply).encode()
        self.send_response(200)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


@pytest.fixture()
def fake_llm() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeLLM)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    FakeLLM.mode, FakeLLM.prompts = "ok", []
    yield f"http://127.0.0.1:{server.server_address[1]}/v1"
    server.shutdown()


def settings_for(url: str, timeout: float = 10.0) -> AnswerSettings:
    return AnswerSettings(llm_base_url=url, llm_model="fake", llm_timeout=timeout)  # type: ignore[call-arg]


def test_llm_answer_is_verified(container: Container, fake_llm: str) -> None:
    extractive = container.service.ask("Sở Tư pháp Hà Nội phải làm gì?")
    assert extractive.status == "answered"
    answer = LlmSynthesizer(settings_for(fake_llm)).synthesize(extractive.question_used, extractive)
    assert FakeLLM.prompts and "[1] Hà Nội" in FakeLLM.prompts[0]
    assert answer.text.startswith("Theo kế hoạch, cơ quan này phải:") and answer.text.endswith(
        "[1]"
    )
    assert "99,9%" not in answer.text and "[7]" not in answer.text
    assert [c.n for c in answer.citations] == [1]


@pytest.mark.parametrize("mode", ["error", "slow"])
def test_llm_failure_falls_back_to_extractive(
    container: Container, fake_llm: str, mode: str
) -> None:
    FakeLLM.mode = mode
    extractive = container.service.ask("Công an có trách nhiệm gì?")
    answer = LlmSynthesizer(settings_for(fake_llm, timeout=1.0)).synthesize("q", extractive)
    assert answer == extractive


def test_verify_drops_unsupported_numbers_and_markers(container: Container) -> None:
    citations = container.service.ask(
        "Chỉ tiêu đăng ký khai sinh ở Cao Bằng là bao nhiêu?"
    ).citations
    assert citations
    text = "Đạt 98,5% vào năm 2025 [1]. Đạt 97% vào năm 2025 [1]. Không có nguồn. Sai số [9]."
    kept, used = verify(text, citations)
    assert kept == "Đạt 98,5% vào năm 2025 [1]."
    assert used == {1}
