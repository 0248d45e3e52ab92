"""One answer from the answers to a question's parts (``answer/merge.py``), on passages
written as the Cao Bằng plan writes them."""

from __future__ import annotations

from assistant.answer.merge import covered, merge_answers, refusal_line
from assistant.types import Answer, Chunk, Citation, DocumentMeta, SearchHit

PLAN = DocumentMeta(
    id="cb", source="cb.txt", title="t", locality="Cao Bằng", number="1222/KH-UBND", year=2024
)
JUSTICE = Chunk(
    "cb:7",
    "cb",
    "IV. TỔ CHỨC THỰC HIỆN › 7. Sở Tư pháp",
    "- Hướng dẫn triển khai, chỉ đạo thực hiện chỉ tiêu 14 của Kế hoạch.",
    7,
    "h7",
    agency="Sở Tư pháp",
)
TARGETS = Chunk(
    "cb:2",
    "cb",
    "II. MỤC TIÊU › 2. Mục tiêu cụ thể › b) Về bảo vệ trẻ em",
    "- Chỉ tiêu 14: Tỷ lệ trẻ em dưới 5 tuổi được đăng ký khai sinh đạt 98,5% vào năm 2025.",
    2,
    "h2",
)


def answered(*chunks: Chunk) -> Answer:
    """An answer quoting each chunk's text under its heading, as ``compose`` writes it."""
    parts = [
        f"**{PLAN.label}** — {c.section.split(' › ')[-1]} [{n}]:\n- “{c.text[2:]}”"
        for n, c in enumerate(chunks, start=1)
    ]
    citations = [Citation(n, SearchHit(c, PLAN, 0.5)) for n, c in enumerate(chunks, start=1)]
    return Answer("answered", "\n\n".join(parts), "q", citations)


REFUSED = Answer(
    "no_answer",
    "Các kế hoạch hiện có không đề cập đến nội dung này, nên trợ lý không thể trả lời "
    "dựa trên văn bản. Hãy thử diễn đạt lại câu hỏi.\n\nCó thể liên quan: ...",
    "q",
    [],
)


def test_parts_are_merged_with_citations_renumbered() -> None:
    first, second = answered(JUSTICE), answered(TARGETS)
    merged = merge_answers(
        "whole", [("Sở Tư pháp làm chỉ tiêu nào?", first), ("Bao nhiêu?", second)]
    )
    assert merged.status == "answered"
    assert merged.question_used == "whole"
    assert [(c.n, c.hit.chunk.id) for c in merged.citations] == [(1, "cb:7"), (2, "cb:2")]
    assert "7. Sở Tư pháp [1]:" in merged.text
    assert "b) Về bảo vệ trẻ em [2]:" in merged.text
    assert "chỉ tiêu 14 của Kế hoạch" in merged.text and "98,5%" in merged.text


def test_a_passage_two_parts_cite_is_cited_once() -> None:
    merged = merge_answers("whole", [("a?", answered(JUSTICE)), ("b?", answered(JUSTICE, TARGETS))])
    assert [c.hit.chunk.id for c in merged.citations] == ["cb:7", "cb:2"]
    assert merged.text.count("7. Sở Tư pháp [1]:") == 1
    assert merged.text.count("chỉ tiêu 14 của Kế hoạch") == 1


def test_a_refused_part_is_said_in_one_line() -> None:
    merged = merge_answers(
        "whole", [("Lương tối thiểu vùng là bao nhiêu?", REFUSED), ("a?", answered(JUSTICE))]
    )
    assert merged.status == "answered"
    last = merged.text.split("\n")[-1]
    assert last == (
        'Về câu hỏi "Lương tối thiểu vùng là bao nhiêu": Các kế hoạch hiện có không đề cập '
        "đến nội dung này, nên trợ lý không thể trả lời dựa trên văn bản."
    )
    # answered parts first
    assert merged.text.startswith(f"**{PLAN.label}**")
    assert merge_answers("whole", [("x?", REFUSED)]).status == "no_answer"


def test_refusal_line_drops_a_quote_marker() -> None:
    given = Answer(
        "no_answer", "Kế hoạch giao việc này cho Sở Y tế, không phải Công an [1]:\n- “…”", "q", []
    )
    assert refusal_line(given) == "Kế hoạch giao việc này cho Sở Y tế, không phải Công an."


def test_covered_when_the_whole_quotes_the_part() -> None:
    whole = answered(JUSTICE, TARGETS)
    assert covered(answered(TARGETS), whole)
    assert not covered(answered(TARGETS), answered(JUSTICE))
    assert not covered(REFUSED, whole)  # the whole answers; the part's refusal must be said
    assert covered(REFUSED, REFUSED)
