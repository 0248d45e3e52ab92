"""Questions about a plan itself (who signed it, its number, date, what it implements),
answered by quoting the line of the plan that states it. Several facts may be asked at
once ("mang số hiệu gì, ban hành ngày nào"): each gets its line."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from assistant.answer.merge import renumbered
from assistant.text import fold_diacritics
from assistant.types import Answer, Chunk, Citation, DocumentMeta, SearchHit, Status
from assistant.understand.intents import first_of_plans

WHAT = {
    "signer": "người ký",
    "position": "chức vụ người ký",
    "number": "số hiệu",
    "date": "ngày ban hành",
    "basis": "văn bản được triển khai",
    "recipients": "nơi nhận",
}
RECIPIENTS_SECTION = "Nơi nhận"


def _evidence(intent: str, doc: DocumentMeta, chunks: Sequence[Chunk]) -> tuple[Chunk, str] | None:
    """The chunk and the line in it that states the fact."""
    if intent == "signer" and doc.signer:
        needle = re.compile(re.escape(doc.signer))
    elif intent == "number" and doc.number:
        digits, kind = doc.number.split("/", 1)
        needle = re.compile(rf"Số(?: hiệu)?\s*:?\s*{digits}\s*/\s*{re.escape(kind)}")
    elif intent == "date" and doc.date:
        y, m, d = (int(x) for x in doc.date.split("-"))
        needle = re.compile(
            rf"ngày 0?{d} tháng 0?{m} năm {y}|Ngày ban hành 0?{d}/0?{m}/{y}", re.IGNORECASE
        )
    elif intent == "basis" and doc.title:
        needle = re.compile(re.escape(doc.title[:60]))
    else:
        return None
    for chunk in chunks:
        for line in chunk.text.split("\n"):
            if needle.search(line):
                return chunk, line
    return None


# a preamble line grounding the plan in a numbered document ("Căn cứ Quyết định số 2361/QĐ-TTg
# ...", "Căn cứ Luật Trẻ em ..."), not "Căn cứ vào chức năng, nhiệm vụ" in its body
_GROUNDS = re.compile(
    r"^\s*Căn cứ\s+(?:vào\s+)?(?:Luật|Bộ luật|Nghị định|Nghị quyết|Quyết định|Chỉ thị"
    r"|Thông tư|Kế hoạch|Chương trình|Công văn|Đề án)\b"
)
# a document named with its number ("Chỉ thị 23/CT-TTg", "Chỉ thị số 28-CT/TW")
_NUMBERED_DOCUMENT = re.compile(
    r"(?:Luật|Nghị định|Nghị quyết|Quyết định|Chỉ thị|Thông tư|Kế hoạch|Chương trình)"
    r"(?:\s+số)?\s+\d",
    re.IGNORECASE,
)


def _basis(doc: DocumentMeta, chunks: Sequence[Chunk]) -> tuple[Chunk, list[str]] | None:
    """What the plan implements: its title line when the title names a numbered document
    ("... thực hiện Chỉ thị 23/CT-TTg ..."), else its "Căn cứ ..." lines, which name the
    documents it rests on (a title "Thực hiện Chương trình bảo vệ trẻ em năm 2017" names
    none); the title line when the plan has neither."""
    titled = _evidence("basis", doc, chunks)
    if titled is not None and _NUMBERED_DOCUMENT.search(titled[1]):
        return _as_written(titled, chunks)
    for chunk in chunks:
        grounds = [line.strip() for line in chunk.text.split("\n") if _GROUNDS.match(line)]
        if grounds:
            return chunk, grounds
    return (titled[0], [titled[1]]) if titled is not None else None


_CODE = re.compile(r"\b\d{1,5}\s*[-/]\s*\w+[/-]\w+")


def _as_written(titled: tuple[Chunk, str], chunks: Sequence[Chunk]) -> tuple[Chunk, list[str]]:
    """A title line in capitals ("THỰC HIỆN CHỈ THỊ 23/CT-TTG ...") gives way to the plan's
    own sentence naming the same document as it is written ("... triển khai thực hiện Chỉ
    thị 23/CT-TTg ngày 26/5/2020 ..."), in the same chunk: the document's code keeps its
    case there."""
    chunk, line = titled
    code = _CODE.search(line)
    if code is None or line != line.upper():
        return chunk, [line]
    wanted = re.sub(r"\s+", "", code.group(0)).upper()
    for other in chunk.text.split("\n"):
        codes = {re.sub(r"\s+", "", c).upper() for c in _CODE.findall(other)}
        if other != other.upper() and wanted in codes and _NUMBERED_DOCUMENT.search(other):
            return chunk, [other.strip()]
    return chunk, [line]


def _recipients(chunks: Sequence[Chunk]) -> tuple[Chunk, list[str]] | None:
    """The plan's "Nơi nhận" chunk and its recipient lines, as written (the archive line
    "Lưu: VT" names no recipient)."""
    for chunk in chunks:
        if chunk.section.startswith(RECIPIENTS_SECTION):
            lines = [
                line.strip().lstrip("-").strip()
                for line in chunk.text.split("\n")
                if line.strip().startswith("-")
            ]
            lines = [x for x in lines if x and not x.startswith("Lưu")]
            if lines:
                return chunk, lines
    return None


def _position(doc: DocumentMeta, chunks: Sequence[Chunk]) -> tuple[Chunk, str] | None:
    """The signature block's line that states the signer's position ("KT. CHỦ TỊCH PHÓ
    CHỦ TỊCH" above the name); None when the text has no signature block (a legal site's
    header names the signer without a position)."""
    if not doc.signer:
        return None
    for chunk in chunks:
        lines = chunk.text.split("\n")
        for i, line in enumerate(lines):
            if line.strip() == doc.signer:
                titles = [x for x in lines[max(0, i - 3) : i] if _TITLE.search(x)]
                if titles:
                    return chunk, " ".join(x.strip() for x in titles)
    return None


_TITLE = re.compile(r"CHỦ TỊCH|GIÁM ĐỐC|TRƯỞNG")


def _when(doc: DocumentMeta) -> str:
    """A plan's date to sort by: its day when known, else its year (sorts first within
    that year: a day is not known)."""
    return doc.date or f"{doc.year}"


def answer_metadata(
    intents: Sequence[str],
    question_used: str,
    documents: Sequence[DocumentMeta],
    chunks: Sequence[Chunk],
    scope: Sequence[str],
) -> Answer:
    """Quote, for each plan in ``scope`` (all when empty), the line stating each fact."""
    in_scope = [d for d in documents if not scope or d.id in scope]
    if not scope:
        # "Ông Trịnh Trường Huy ký với chức vụ gì?": the plan its signer is named for
        asked = fold_diacritics(question_used)
        signed = [d for d in in_scope if d.signer and fold_diacritics(d.signer) in asked]
        in_scope = signed or in_scope
    lead = ""
    order = first_of_plans(fold_diacritics(question_used)) if intents == ["date"] else None
    # a plan whose text states only its year ("... năm 2017") is dated by that year
    dated = [d for d in in_scope if d.date or d.year]
    if order and len(dated) > 1:
        # "kế hoạch nào ban hành sớm nhất": every plan's date, the one asked first
        in_scope = sorted(dated, key=_when, reverse=order == "latest")
        first = in_scope[0]
        word = "sớm nhất" if order == "earliest" else "muộn nhất"
        if first.date:
            y, m, d = (int(x) for x in first.date.split("-"))
            when = f"ngày {d}/{m}/{y}"
        else:
            when = f"năm {first.year}"
        lead = f"Ban hành {word}: **{first.label}** ({when}).\n\n"
    parts: list[str] = []
    citations: list[Citation] = []
    for doc in in_scope:
        own = [c for c in chunks if c.document_id == doc.id]
        lines: list[str] = []
        cited_here: dict[str, int] = {}
        for intent in intents:
            if intent == "recipients":
                # the whole list: which of its bodies is asked is read by the user
                listed = _recipients(own)
                if listed is None:
                    lines.append(f"- {WHAT[intent]}: văn bản không ghi.")
                    continue
                chunk, recipients = listed
                n = cited_here.setdefault(chunk.id, len(citations) + 1)
                if n == len(citations) + 1:
                    citations.append(Citation(n, SearchHit(chunk=chunk, document=doc, score=1.0)))
                lines.append(f"- {WHAT[intent]} ({chunk.section}) [{n}]:")
                lines.extend(f"  - “{r}”" for r in recipients)
                continue
            if intent == "basis":
                based = _basis(doc, own)
                found = (based[0], based[1][0]) if based is not None else None
                more = based[1][1:] if based is not None else []
            else:
                found = _position(doc, own) if intent == "position" else _evidence(intent, doc, own)
                if found is None and order and intent == "date" and doc.year:
                    found = _evidence("basis", doc, own)  # its title, which states the year
                more = []
            if found is None:
                lines.append(f"- {WHAT[intent]}: văn bản không ghi.")
                continue
            chunk, line = found
            if chunk.id not in cited_here:
                n = len(citations) + 1
                citations.append(Citation(n, SearchHit(chunk=chunk, document=doc, score=1.0)))
                cited_here[chunk.id] = n
            if more:  # several "Căn cứ" lines: each quoted whole
                lines.append(f"- {WHAT[intent]} ({chunk.section}) [{cited_here[chunk.id]}]:")
                lines.extend(f"  - “{x}”" for x in (line, *more))
                continue
            lines.append(f"- {WHAT[intent]} ({chunk.section}) [{cited_here[chunk.id]}]: “{line}”")
        parts.append(f"**{doc.label}**:\n" + "\n".join(dict.fromkeys(lines)))
    status: Status = "answered" if citations else "no_answer"
    return Answer(status, lead + "\n\n".join(parts), question_used, citations)


def with_cited(metadata: Answer, cited: Answer) -> Answer:
    """The plan's own facts followed by the answer about a document it cites ("triển khai
    kế hoạch số mấy của Tỉnh ủy, và được ban hành ngày nào"), its [n] markers renumbered
    after the first answer's; a refusal of the cited part is said after the facts."""
    if cited.status != "answered":
        return replace(metadata, text=f"{metadata.text}\n\n{cited.text}")
    shift = len(metadata.citations)
    text = renumbered(cited.text, {c.n: c.n + shift for c in cited.citations})
    citations = [*metadata.citations, *(replace(c, n=c.n + shift) for c in cited.citations)]
    status: Status = "answered" if citations else "no_answer"
    return Answer(status, f"{metadata.text}\n\n{text}", metadata.question_used, citations)


# "có hiệu lực đến năm nào", "khi nào hết hiệu lực", "áp dụng đến bao giờ": the end of a
# plan's validity, which is not its start date ("Ngày có hiệu lực" in a header)
_VALIDITY_END = re.compile(
    r"\b(?:hieu luc|ap dung|con hieu luc)\s+(?:den|toi|cho den)\s+"
    r"(?:nam nao|khi nao|bao gio|luc nao|ngay nao|thoi diem nao|thang nao)\b"
    r"|\bhet hieu luc\b|\bhieu luc (?:trong )?(?:bao lau|may nam)\b"
)
# the period a plan states for itself in its title ("giai đoạn 2021-2025", "năm 2017")
_PERIOD = re.compile(
    r"giai đoạn\s+\d{4}\s*[-–]\s*\d{4}|đến năm \d{4}|\bnăm \d{4}\b(?!\s*(?:của|về))",
    re.IGNORECASE,
)
NO_END_STATED = (
    "{label} không nêu thời hạn hiệu lực (đến năm nào, đến khi nào) hay giai đoạn thực hiện "
    "của văn bản{start}."
)


def validity_end_asked(folded: str) -> bool:
    """Whether the folded question asks until when a plan is in force ("có hiệu lực đến
    năm nào", "khi nào hết hiệu lực"), not when it takes effect."""
    return bool(_VALIDITY_END.search(folded))


def answer_validity_end(question_used: str, doc: DocumentMeta, chunks: Sequence[Chunk]) -> Answer:
    """The period the plan's title states for it ("... năm 2017", "giai đoạn 2021-2025"),
    quoted; else a refusal saying the plan states no end (with its start date, which a
    header's "Ngày có hiệu lực" gives and which does not answer the question)."""
    own = [c for c in chunks if c.document_id == doc.id]
    period = _PERIOD.search(doc.title)
    titled = _evidence("basis", doc, own) if period else None
    if period and titled is not None:
        chunk, line = titled
        hit = SearchHit(chunk=chunk, document=doc, score=1.0)
        text = (
            f"{doc.label} không ghi ngày hết hiệu lực; tiêu đề nêu thời gian thực hiện "
            f"**{period.group(0)}** ({chunk.section}) [1]: “{line.strip()}”"
        )
        return Answer("answered", text, question_used, [Citation(1, hit)])
    start = ""
    if doc.date:
        y, m, d = (int(x) for x in doc.date.split("-"))
        start = (
            f"; văn bản chỉ ghi ngày ban hành {d}/{m}/{y} (ngày bắt đầu, không phải ngày kết thúc)"
        )
    return Answer(
        "no_answer", NO_END_STATED.format(label=doc.label, start=start), question_used, []
    )
