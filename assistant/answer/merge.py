"""One answer from the answers to the parts of a question asking several things.

Each part's answer keeps its quotes; a passage two parts cite is cited once, and the [n]
markers are renumbered in the order the passages first appear. A part the plans do not
answer gets one line saying so (the first sentence of its refusal), after the parts that
are answered."""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.types import Answer, Citation, Status

# a citation marker closing a heading or a quoted line ("... [2]:", "- ... [3]")
_MARKER = re.compile(r"\[(\d+)\](?=:|[ \t]*$)", re.MULTILINE)
_QUOTE = re.compile(r"“([^”]+)”")
NOT_ANSWERED = 'Về câu hỏi "{part}": {said}'  # straight quotes: not a quote of a plan


def quotes(answer: Answer) -> list[str]:
    """The quoted spans of an answer's text."""
    return _QUOTE.findall(answer.text)


def covered(part: Answer, whole: Answer) -> bool:
    """Whether ``whole`` already says what the answer to one part says: every quote of
    it, or its refusal when the whole is refused too."""
    if part.status != "answered":
        return whole.status != "answered"
    return whole.status == "answered" and all(q in whole.text for q in quotes(part))


def refusal_line(answer: Answer) -> str:
    """The first sentence of a refusal: what the plans do not say, in one line."""
    line = answer.text.strip().split("\n", 1)[0]
    line = re.sub(r"\s*\[\d+\]:?\s*$", "", line).rstrip(" :")
    first = re.split(r"(?<=[.!?])\s", line, maxsplit=1)[0]
    return first if first.endswith((".", "!", "?")) else f"{first}."


def renumbered(text: str, renumber: dict[int, int]) -> str:
    """``text`` with its [n] markers numbered as ``renumber`` says."""
    return _MARKER.sub(lambda m: f"[{renumber.get(int(m.group(1)), m.group(1))}]", text)


def merge_answers(question_used: str, parts: Sequence[tuple[str, Answer]]) -> Answer:
    """The answers to each part of a question, as one answer: "answered" when any part
    is, its citations deduplicated and renumbered; a refused part stated in one line."""
    citations: list[Citation] = []
    number: dict[str, int] = {}  # chunk id → its marker in the merged answer
    paragraphs: list[list[str]] = []  # heading line, then its quoted lines
    unsaid: list[str] = []
    for part, answer in parts:
        if answer.status != "answered":
            line = NOT_ANSWERED.format(part=part.rstrip(" ?"), said=refusal_line(answer))
            unsaid.append(line)
            continue
        renumber: dict[int, int] = {}
        for citation in answer.citations:
            chunk_id = citation.hit.chunk.id
            if chunk_id not in number:
                number[chunk_id] = len(citations) + 1
                citations.append(Citation(n=number[chunk_id], hit=citation.hit))
            renumber[citation.n] = number[chunk_id]
        text = renumbered(answer.text, renumber)
        for paragraph in text.split("\n\n"):
            head, *lines = paragraph.strip().split("\n")
            if not head:
                continue
            # one passage quoted for two parts: one heading, the quotes of both
            same = next((i for i, p in enumerate(paragraphs) if p[0] == head), None)
            if same is None:
                paragraphs.append([head, *lines])
            else:
                paragraphs[same] += [x for x in lines if x not in paragraphs[same]]
    status: Status = "answered" if citations else "no_answer"
    text = "\n\n".join(["\n".join(p) for p in paragraphs] + unsaid)
    return Answer(status, text, question_used, citations)
