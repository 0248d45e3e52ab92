"""Optional LLM synthesis over the extractive answer's passages, checked before use.

The LLM (any OpenAI-compatible endpoint, through llama-index ``OpenAILike``) writes a
Vietnamese answer from the numbered passages. The server keeps only sentences whose [n]
markers exist and whose numbers and dates appear in the passages they cite; anything
else is dropped. On an error, a timeout or nothing left, the extractive answer stands.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from assistant.settings import AnswerSettings
from assistant.text import collapse_spaces
from assistant.types import Answer, Citation

log = logging.getLogger("assistant.llm")

_MARKER = re.compile(r"\[(\d{1,2})\]")
_NUMBER = re.compile(r"\d+(?:[.,/:-]\d+)*")
# Sentence ends; a trailing "[n]" stays with the sentence it closes.
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[^\[\s])|\n+")

PROMPT = """Bạn là trợ lý trả lời câu hỏi về các kế hoạch bảo vệ trẻ em.
Chỉ dùng các đoạn trích được đánh số dưới đây. Mỗi câu trả lời phải kèm dấu [n] chỉ đoạn
trích làm căn cứ. Giữ nguyên mọi con số, ngày tháng, số điện thoại như trong đoạn trích.
Không thêm thông tin không có trong đoạn trích. Trả lời ngắn gọn bằng tiếng Việt.

{passages}

Câu hỏi: {question}
Trả lời:"""


def _passages(citations: list[Citation]) -> str:
    return "\n\n".join(
        f"[{c.n}] {c.hit.document.label} — {c.hit.chunk.section}\n{c.hit.chunk.text}"
        for c in citations
    )


def _numbers(text: str) -> set[str]:
    return {m.group(0).rstrip(".,:-/") for m in _NUMBER.finditer(text)}


def verify(text: str, citations: list[Citation]) -> tuple[str, set[int]]:
    """Keep the sentences whose [n] exist and whose numbers appear in the cited passages."""
    by_n = {c.n: collapse_spaces(c.hit.chunk.text) for c in citations}
    kept: list[str] = []
    used: set[int] = set()
    for sentence in _SENTENCE.split(text.strip()):
        sentence = sentence.strip()
        if not sentence:
            continue
        markers = {int(m) for m in _MARKER.findall(sentence)}
        if not markers or not markers <= by_n.keys():
            continue
        claim = _MARKER.sub("", sentence)
        sources = " ".join(by_n[n] for n in markers)
        if all(number in sources for number in _numbers(claim)):
            kept.append(sentence)
            used |= markers
    return " ".join(kept), used


class LlmSynthesizer:
    """Rewrites an extractive answer with an OpenAI-compatible LLM, verified and fail-safe."""

    def __init__(self, settings: AnswerSettings, llm: Any = None) -> None:
        self._settings = settings
        self._llm = llm

    def _client(self) -> Any:
        if self._llm is None:
            from llama_index.llms.openai_like import OpenAILike

            self._llm = OpenAILike(
                model=self._settings.llm_model,
                api_base=self._settings.llm_base_url,
                api_key=self._settings.llm_api_key,
                timeout=self._settings.llm_timeout,
                max_retries=0,
                is_chat_model=False,
                context_window=8192,
                max_tokens=600,
            )
        return self._llm

    def synthesize(self, question: str, answer: Answer) -> Answer:
        """The LLM's verified answer, or ``answer`` unchanged when that fails."""
        if not answer.citations:
            return answer
        try:
            prompt = PROMPT.format(passages=_passages(answer.citations), question=question)
            text = str(self._client().complete(prompt).text)
        except Exception as exc:  # network, timeout, bad response: the extractive answer stands
            log.warning("LLM synthesis failed, using the extractive answer: %s", exc)
            return answer
        verified, used = verify(text, answer.citations)
        if not verified:
            return answer
        citations = [c for c in answer.citations if c.n in used]
        return Answer(answer.status, verified, answer.question_used, citations)
