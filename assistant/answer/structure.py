"""Questions about a plan's own outline ("Mục II gồm mấy nhóm, nhóm thứ tư nói về gì",
"Phần IV có bao nhiêu đầu mục, mục cuối cùng giao cho ai", "phần cuối nói gì", "có phụ lục
không"), answered from the headings the plan's chunks carry: a count of a plan's items is
the number of its headings, not a number some passage writes."""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.outline import OutlineSection, outline_of
from assistant.text import fold_diacritics
from assistant.types import Answer, Chunk, Citation, DocumentMeta, SearchHit
from assistant.understand.intents import StructureAsk

# the parts of a text that are no part of the plan's body
_NOT_PARTS = ("Phần mở đầu", "Nơi nhận", "Chú thích")
_NUMBERING = re.compile(r"^\s*(?:[IVXLC]+|\d+|[a-zđ])[.)]\s*")
_QUOTE_CHARS = 280

TRUNCATED = (
    "Văn bản {label} bị cắt sau phần {last_part} (văn bản kết thúc bằng dấu [...]), nên không "
    "có phần {part} trong văn bản được lưu; các phần có trong văn bản: {parts}."
)
NO_SUCH_PART = "{label} không có phần {part}; văn bản gồm các phần: {parts}."
NO_APPENDIX = (
    "{label} không có phụ lục: văn bản được lưu không có phần nào mang tên phụ lục (các phần "
    "của văn bản: {parts})."
)


def _title(section: OutlineSection) -> str:
    """The heading without its numbering ("II. NỘI DUNG" → "NỘI DUNG")."""
    return _NUMBERING.sub("", section.title).strip()


def _body_parts(outline: list[OutlineSection]) -> list[OutlineSection]:
    return [s for s in outline if s.level == 1 and s.title not in _NOT_PARTS]


def _children(outline: list[OutlineSection], parent: OutlineSection) -> list[OutlineSection]:
    prefix = parent.path + " › "
    return [s for s in outline if s.level == parent.level + 1 and s.path.startswith(prefix)]


def _named_part(
    ask: StructureAsk, outline: list[OutlineSection], folded: str
) -> OutlineSection | None:
    """The part the question names: by its numeral, as the last one, or by its title's
    words (the longest title the question contains, of two syllables or more)."""
    parts = _body_parts(outline)
    if ask.part == "last":
        return parts[-1] if parts else None
    if ask.part:
        numeral = ask.part.upper()
        return next((p for p in parts if re.match(rf"{numeral}\.", p.title)), None)
    best: OutlineSection | None = None
    for section in outline:
        words = fold_diacritics(_title(section).lower()).rstrip("…. ")
        longer = best is None or len(words) > len(fold_diacritics(_title(best)))
        if longer and len(words.split()) >= 2 and re.search(rf"\b{re.escape(words)}\b", folded):
            best = section
    return best


def _first_chunk(chunks: Sequence[Chunk], section: OutlineSection) -> Chunk | None:
    """The first chunk of a section or of its subsections."""
    own = [
        c for c in chunks if c.section == section.path or c.section.startswith(section.path + " › ")
    ]
    return min(own, key=lambda c: c.position) if own else None


def _quoted(text: str) -> str:
    """The opening of a section's text, cut at a word."""
    body = text.strip()
    if len(body) <= _QUOTE_CHARS:
        return body
    return body[:_QUOTE_CHARS].rsplit(" ", 1)[0] + " …"


def _parts_line(outline: list[OutlineSection]) -> str:
    return "; ".join(p.title.rstrip(".") for p in _body_parts(outline))


def answer_structure(
    ask: StructureAsk,
    folded: str,
    question_used: str,
    doc: DocumentMeta,
    chunks: Sequence[Chunk],
    truncated_after: str = "",
) -> Answer | None:
    """The outline answer for one plan: a refusal saying the plan has no such part (or no
    appendix, or that its text stops before it), or the child headings of the named part,
    their count, and the one asked (nth or last) quoted with its first passage. None when
    the question names no part of this plan's outline, or the part has no subheadings (its
    items are then sentences, which the passages answer)."""
    own = [c for c in chunks if c.document_id == doc.id]
    if ask.label:
        return _numbered_lines(ask, question_used, doc, own)
    outline = outline_of(own)
    if not outline:
        return None
    if ask.appendix:
        if any("phu luc" in fold_diacritics(s.title.lower()) for s in outline):
            return None
        text = NO_APPENDIX.format(label=doc.label, parts=_parts_line(outline))
        return Answer("no_answer", text, question_used, [])
    part = _named_part(ask, outline, folded)
    if part is None:
        if not ask.part or ask.part == "last":
            return None
        shown = ask.part.upper()
        if doc.truncated:
            text = TRUNCATED.format(
                label=doc.label,
                last_part=truncated_after or "?",
                part=shown,
                parts=_parts_line(outline),
            )
        else:
            text = NO_SUCH_PART.format(label=doc.label, part=shown, parts=_parts_line(outline))
        return Answer("no_answer", text, question_used, [])
    children = _children(outline, part)
    if not children and ask.part == "last" and part.text.strip():
        # "phần cuối nói gì": the last part, quoted whole when it has no items
        chunk = _first_chunk(own, part)
        if chunk is None:
            return None
        hit = SearchHit(chunk=chunk, document=doc, score=1.0)
        text = f"Phần cuối của {doc.label} là **{part.title}** [1]:\n“{_quoted(part.text)}”"
        return Answer("answered", text, question_used, [Citation(1, hit)])
    if not children:
        return None
    if not (ask.count or ask.nth) and not (ask.listing and ask.part):
        return None
    citations: list[Citation] = []
    numbers: dict[str, int] = {}

    def cite(section: OutlineSection) -> str:
        chunk = _first_chunk(own, section)
        if chunk is None:
            return ""
        if chunk.id not in numbers:
            numbers[chunk.id] = len(citations) + 1
            hit = SearchHit(chunk=chunk, document=doc, score=1.0)
            citations.append(Citation(numbers[chunk.id], hit))
        return f" [{numbers[chunk.id]}]"

    lines: list[str] = []
    if ask.nth:
        index = len(children) - 1 if ask.nth < 0 else ask.nth - 1
        if not 0 <= index < len(children):
            text = (
                f"Phần {part.title} của {doc.label} chỉ có {len(children)} mục, không có mục "
                f"thứ {ask.nth}."
            )
            return Answer("no_answer", text, question_used, [])
        asked = children[index]
        which = "cuối cùng" if ask.nth < 0 else f"thứ {ask.nth}"
        marker = cite(asked)
        lines.append(f"Mục {which} của phần {part.title} ({doc.label}): **{asked.title}**{marker}")
        if asked.text.strip():
            lines.append(f"“{_quoted(asked.text)}”")
        lines.append("")
    kind = "Phần" if part.level == 1 else "Mục"
    lines.append(f"{kind} {part.title} của {doc.label} gồm {len(children)} mục:")
    # with one item asked, its passage is the one cited; the others are listed by heading
    lines.extend(f"- {child.title}{'' if ask.nth else cite(child)}" for child in children)
    return Answer("answered", "\n".join(lines), question_used, citations)


def _numbered_lines(
    ask: StructureAsk, question_used: str, doc: DocumentMeta, own: Sequence[Chunk]
) -> Answer | None:
    """How many lines the plan numbers with the asked label ("Chỉ tiêu 1: ..." to "Chỉ
    tiêu 24: ..."), and the one asked by rank, quoted; None when the plan numbers no run
    of such lines from 1 (the passages then answer, or the usual refusals)."""
    spaced = r"\s+".join(ask.label.split())
    pattern = re.compile(rf"^\W*(?P<label>{spaced})\s+(?P<n>\d+)\s*[:.]")
    found: dict[int, tuple[Chunk, str]] = {}
    for chunk in sorted(own, key=lambda c: c.position):
        for line in chunk.text.split("\n"):
            m = pattern.match(fold_diacritics(line.lower()))
            if m:
                found.setdefault(int(m.group("n")), (chunk, line.strip().lstrip("-").strip()))
    total = len(found)
    if total < 3 or sorted(found) != list(range(1, total + 1)):
        return None
    index = total if ask.nth < 0 else ask.nth
    if ask.nth and index not in found:
        return None
    chunk, line = found[index if ask.nth else total]
    label = " ".join(line.split()[: len(ask.label.split())])  # as the plan writes it
    hit = SearchHit(chunk=chunk, document=doc, score=1.0)
    head = f"{doc.label} có {total} {label.lower()} (đánh số từ 1 đến {total})."
    shown = "cuối cùng" if ask.nth < 0 else (f"thứ {ask.nth}" if ask.nth else "cuối cùng")
    text = f"{head}\n\n{label} {shown} ({chunk.section}) [1]: “{line}”"
    return Answer("answered", text, question_used, [Citation(1, hit)])
