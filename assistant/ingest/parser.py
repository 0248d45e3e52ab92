"""Parse a Vietnamese administrative plan (Kế hoạch) into metadata and a section tree.

The plans arrive as text copied from PDFs, web pages and legal databases, so the parser
first rebuilds paragraphs (hard wraps, page breaks, Markdown, table pipes), then reads
the outline from the plans' own markers:

    I., II.      Roman parts        → level 1
    1., 2.       numbered items     → level 2 (a numbered *sentence* keeps its text as body)
    a), b), đ)   lettered points    → level 3 when they are headings, else body text
    -, +         bullets            → body text

A marker only opens a section when it continues its siblings' sequence (so "2030." at
the start of a wrapped line is text, not item 2030).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from assistant.text import collapse_spaces, normalize
from assistant.types import DocumentMeta, ParsedPlan, Section

ROMAN = {
    "I": 1,
    "II": 2,
    "III": 3,
    "IV": 4,
    "V": 5,
    "VI": 6,
    "VII": 7,
    "VIII": 8,
    "IX": 9,
    "X": 10,
    "XI": 11,
    "XII": 12,
}
LETTERS = "abcdđeghiklmnopqrstuvxy"

RE_ROMAN = re.compile(r"^(?P<n>[IVX]{1,4})\.\s*(?P<rest>\S.*)$")
RE_NUMBER = re.compile(r"^(?P<n>\d{1,2})\.\s+(?P<rest>\S.*)$")
RE_LETTER = re.compile(r"^(?P<n>[a-zđ])[\)\.]\s+(?P<rest>\S.*)$")
RE_BULLET = re.compile(r"^[-+•–]\s*\S")
RE_FOOTNOTE = re.compile(r"^\[(\d{1,2})\]\s*\S")
RE_SEPARATOR = re.compile(r"^[|\-_=:\s]*$")
RE_PAGE_NUMBER = re.compile(r"^(?:[-–]\s*)?(?:Trang\s+)?\d{1,3}(?:\s*/\s*\d{1,3})?(?:\s*[-–])?$")
RE_HTML_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
PLACE_WORDS = ("TỈNH ", "THÀNH PHỐ ", "HUYỆN ", "THỊ XÃ ", "QUẬN ")
NATIONAL_HEADER = ("CỘNG HÒA XÃ HỘI", "CỘNG HOÀ XÃ HỘI", "Độc lập")
CELL = "\x1f"  # stands for a table-cell boundary while lines are split
# The metadata block of a legal-database page ("Số hiệu", "Người ký", ...).
SITE_LABELS = (
    "Số hiệu",
    "Ngày ban hành",
    "Ngày có hiệu lực",
    "Ngày hiệu lực",
    "Ngày hết hiệu lực",
    "Ngày công báo",
    "Số công báo",
    "Loại văn bản",
    "Cơ quan ban hành",
    "Nơi ban hành",
    "Người ký",
    "Lĩnh vực",
    "Tình trạng hiệu lực",
    "Tình trạng",
    "Áp dụng",
)
RE_SITE_FIELD = re.compile(rf"^({'|'.join(SITE_LABELS)})\s*:?\s+(.+)$")
RE_NUMBER_LINE = re.compile(r"^Số\s*:?\s*(\d+)\s*/\s*([A-ZĐ][A-Za-zĐđ\-]*)")
RE_NUMBER_THEN_PLACE = re.compile(
    r"^(Số\s*:?\s*\d+\s*/\s*[A-ZĐ][A-Za-zĐđ\-]*)\s+(?=[^\d,]{2,40},\s*ngày\s+\d)"
)
RE_MERGED_COLUMNS = re.compile(r"\s+(?=CỘNG HÒA XÃ HỘI|CỘNG HOÀ XÃ HỘI|Độc lập\s*[-–]\s*Tự do)")
RE_BESIDE_RECIPIENTS = re.compile(
    r"\s+(?=(?:TM|KT|Q)\.\s*[A-ZĐỦ])"
    r"|(?<![.\s])(?<!PHÓ)\s+(?=(?:PHÓ\s+)?(?:CHỦ TỊCH|THỦ TƯỚNG|BỘ TRƯỞNG)\s*$)"
)
RE_PLACE_DATE = re.compile(
    r"^(?P<place>[^\d,]{2,40}),\s*ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s+năm\s+(?P<y>\d{4})"
)
RE_DMY = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
RE_IMPLEMENTS = re.compile(
    r"(?:Kế hoạch|Chỉ thị|Nghị quyết|Quyết định)(?:\s+số)?\s+"
    r"(\d+\s*[-/]\s*[A-Z][A-Za-zĐ]*[/-][A-Za-zĐ]+)",
    re.IGNORECASE,
)
RE_LOCALITY = re.compile(
    r"(?:thành phố|tỉnh|Thành phố|Tỉnh|THÀNH PHỐ|TỈNH)\s+"
    r"((?:[A-ZĐÂĂÊÔƠƯÁÀẢÃẠ][\wÀ-ỹ]*)(?:\s+[A-ZĐÂĂÊÔƠƯÁÀẢÃẠ][\wÀ-ỹ]*){0,2})"
)
# A wrapped heading cut right after an agency prefix ("3. Sở" + "Giáo dục và Đào tạo").
RE_DANGLING_PREFIX = re.compile(
    r"^\d{1,2}\.\s+(?:\S+\s+)?(?:Sở|Phòng|Ban|Cục|Trung tâm|Ủy ban|UBND)$"
)
TERMINAL = (".", ";", ":", "!", "?", "…", "”", '"', "»", ")")
TRUNCATION_MARKS = ("[...]", "[…]")
# Where the subject of an assignment sentence ends ("Sở Tư pháp | tăng cường hướng dẫn ...").
RE_SUBJECT_END = re.compile(
    r"\s(?:là|đưa|có trách nhiệm|tăng cường|chủ trì|phối hợp|xây dựng|triển khai|bố trí|"
    r"tổng hợp|"
    r"thực hiện|hướng dẫn|nghiên cứu|căn cứ|tham mưu|chỉ đạo|tổ chức|đề xuất|phải|bảo đảm)\b"
)
RE_AGENCY_START = re.compile(
    r"^(?:Đề nghị\s+)?(?:Sở|Phòng|Công an|Ủy ban|UBND|Ban|Hội|Đoàn|Trung tâm|Tòa án|Viện|"
    r"Các Sở|Bộ|Các bộ|Các Bộ|Đài|Thông tấn xã|Liên đoàn|Văn phòng)\b"
)
# "Phần thứ nhất", "PHẦN THỨ HAI", "Phần I", "Chương II": groups above the Roman parts.
ORDINALS = {"nhất": 1, "hai": 2, "ba": 3, "tư": 4, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7}
RE_GROUP = re.compile(
    r"^(?:Phần|PHẦN|Chương|CHƯƠNG)\s+(?:(?:thứ|THỨ)\s+(?P<word>\w+)|(?P<roman>[IVX]{1,4})|"
    r"(?P<digit>\d{1,2}))\b\s*[.:\-–]?\s*(?P<rest>.*)$"
)
# "Điều 1. Phê duyệt ...": the articles of a decision, in place of Roman parts.
RE_ARTICLE = re.compile(r"^Điều\s+(?P<n>\d{1,3})\s*[.:]\s*(?P<rest>\S.*)?$")
# The document's kind, from its title line ("KẾ HOẠCH", "QUYẾT ĐỊNH").
KINDS = {
    "KẾ HOẠCH": "Kế hoạch",
    "QUYẾT ĐỊNH": "Quyết định",
    "CHỈ THỊ": "Chỉ thị",
    "CHƯƠNG TRÌNH": "Chương trình",
    "ĐỀ ÁN": "Đề án",
    "NGHỊ QUYẾT": "Nghị quyết",
}
# Issued by the Government or a ministry: the plan covers the whole country.
RE_NATIONAL_ISSUER = re.compile(r"^(?:THỦ TƯỚNG CHÍNH PHỦ|CHÍNH PHỦ|BỘ\s+[A-ZĐ])")
RE_NATIONAL_NUMBER = re.compile(r"/(?:QĐ|CT|NĐ|NQ|KH)-(?:TTg|CP|B[A-ZĐ]+)$")
NATIONAL = "Toàn quốc"
PREAMBLE_TITLE = "Phần mở đầu"
CLOSING_TITLE = "Nơi nhận"
FOOTNOTES_TITLE = "Chú thích"
SIGNATURE_ROLES = re.compile(
    r"^(TM\.|KT\.|Q\.|PHÓ CHỦ TỊCH|CHỦ TỊCH|PHÓ THỦ TƯỚNG|THỦ TƯỚNG|BỘ TRƯỞNG|THỨ TRƯỞNG)"
)


class PlanParseError(ValueError):
    """The text does not look like a plan (no outline could be read)."""


@dataclass
class _Paragraph:
    lines: list[str]
    hard_break_before: bool = False


def clean_markup(line: str) -> str:
    """Strip Markdown headings, bold/italic markers and table pipes from one line."""
    line = line.strip()
    line = re.sub(r"^#{1,6}\s*", "", line)
    line = line.replace("***", "").replace("**", "").replace("__", "")
    line = re.sub(r"(?<!\w)\*(\S.*?\S|\S)\*(?!\w)", r"\1", line)
    line = line.strip("|").strip()
    return line


def _is_marker(line: str) -> bool:
    return bool(
        RE_ROMAN.match(line)
        or RE_NUMBER.match(line)
        or RE_LETTER.match(line)
        or RE_BULLET.match(line)
        or RE_FOOTNOTE.match(line)
        or RE_ARTICLE.match(line)
        or RE_GROUP.match(line)
        or line.startswith(("Nơi nhận", "TM.", "KT."))
        or line in TRUNCATION_MARKS
    )


def _is_caps(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _starts_lower(line: str) -> bool:
    first = line[:1]
    return first.islower() or (first.isdigit() and not _is_marker(line)) or first in ",;)("


def _is_name(text: str) -> bool:
    """A person's name: two to five capitalised syllables ("Nguyễn Văn Vĩnh")."""
    words = text.split()
    return 2 <= len(words) <= 5 and all(
        w[0].isupper() and (len(w) == 1 or w[1:].islower()) and w.isalpha() for w in words
    )


def _split_cells(line: str) -> list[str]:
    """One line per table cell and per merged column (see ``read_paragraphs``)."""
    if CELL in line:
        cells = [c.strip() for c in line.split(CELL)]
        cells = [c for c in cells if c]
        if any(c.rstrip(":").strip() in SITE_LABELS for c in cells):
            # a legal-database metadata table: "label<TAB>value<TAB>label<TAB>value"
            out: list[str] = []
            for cell in cells:
                if cell.rstrip(":").strip() in SITE_LABELS or not out:
                    out.append(cell.rstrip(":").strip() + ":")
                else:
                    out[-1] = f"{out[-1]} {cell}"
            return out
        line = " ".join(cells)
    stripped = line.strip()
    if stripped.startswith("|") and stripped.count("|") >= 2:
        return [c.strip() for c in stripped.strip("|").split("|")]
    # a PDF's two header columns read across: "Số: 99/KH-UBND Tiền Giang, ngày 5 tháng 3..."
    if m := RE_NUMBER_THEN_PLACE.match(line):
        line = f"{m.group(1)}{CELL}{line[m.end() :]}"
    line = RE_MERGED_COLUMNS.sub(CELL, line)
    if stripped.startswith(("-", "Nơi nhận")):
        # a signature block laid beside the recipients list (PDF copy)
        line = RE_BESIDE_RECIPIENTS.sub(CELL, line)
        if stripped.startswith("- Lưu"):
            words = line.split(" ")
            for k in range(5, 1, -1):
                tail = " ".join(words[-k:])
                if len(words) > k and words[-k - 1][-1:] in ".;,:" and _is_name(tail):
                    line = f"{' '.join(words[:-k])}{CELL}{tail}"
                    break
    return [part for part in line.split(CELL) if part.strip()] or [line]


def read_paragraphs(text: str) -> list[str]:
    """Rebuild logical paragraphs from raw lines (hard wraps, page breaks, pipes, tables).

    Linear in the size of the text: a paragraph is kept as a list of lines and joined once.
    """
    # Tabs separate table cells in text copied from a web page: keep them apart until the
    # row has been split (``normalize`` would turn them into spaces).
    lines = normalize(text.replace("\t", CELL)).split("\n")
    raw: list[str] = []
    for line in lines:
        line = RE_HTML_BREAK.sub("\n", line)
        for part in line.split("\n"):
            raw.extend(clean_markup(cell) for cell in _split_cells(part))
    # Hard-wrapped text (copied from a web page or a PDF) has almost no blank lines at all.
    blank_ratio = sum(1 for line in lines if not line.strip()) / max(1, len(lines))
    wrapped = blank_ratio < 0.05 and len(lines) > 20
    long_line = 55

    paragraphs: list[_Paragraph] = []
    gap = True  # a blank line or separator since the last paragraph
    for line in raw:
        if RE_PAGE_NUMBER.match(line):
            continue  # a page number between the two halves of a sentence
        if not line or RE_SEPARATOR.match(line):
            gap = True
            continue
        if line in TRUNCATION_MARKS or line.startswith(TRUNCATION_MARKS):
            paragraphs.append(_Paragraph([TRUNCATION_MARKS[0]], hard_break_before=True))
            rest = line[5:].strip()
            if rest:
                paragraphs.append(_Paragraph([rest], hard_break_before=True))
            gap = True
            continue
        prev = paragraphs[-1] if paragraphs else None
        join = False
        if prev and prev.lines[0] not in TRUNCATION_MARKS and not _is_marker(line):
            last = prev.lines[-1]
            if wrapped and not gap:
                if _starts_lower(line):
                    join = True
                elif "KẾ HOẠCH" in (line, last) or line.startswith("Căn cứ "):
                    join = False  # the title line, or the legal basis that follows it
                elif _is_caps(last):
                    join = (
                        _is_caps(line)
                        and not line.startswith(NATIONAL_HEADER)
                        # "TỈNH X" is the issuer column, not the motto's second line
                        and not (last.startswith(NATIONAL_HEADER) and line.startswith(PLACE_WORDS))
                    )
                else:
                    join = (
                        len(line) >= long_line
                        or (len(last) >= long_line and not last.endswith(TERMINAL))
                        or bool(RE_DANGLING_PREFIX.search(last))
                    )
            else:
                # Page breaks leave blank lines inside sentences: a lower-case start continues.
                join = _starts_lower(line)
        if join and prev:
            prev.lines.append(line)
        else:
            paragraphs.append(_Paragraph([line], hard_break_before=gap))
        gap = False
    return [collapse_spaces(" ".join(p.lines)) for p in paragraphs]


@dataclass
class _Frame:
    section: Section
    last_child_number: int = 0


@dataclass
class _Outline:
    root: Section = field(default_factory=lambda: Section(title="", level=0))
    stack: list[_Frame] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.stack = [_Frame(self.root)]

    @property
    def current(self) -> Section:
        return self.stack[-1].section

    def open(self, section: Section, number: int) -> None:
        while self.stack[-1].section.level >= section.level:
            self.stack.pop()
        self.stack[-1].section.children.append(section)
        self.stack[-1].last_child_number = number
        self.stack.append(_Frame(section))

    def expected(self, level: int) -> int:
        """The number the next sibling at ``level`` must carry to continue the sequence."""
        for frame in reversed(self.stack):
            if frame.section.level < level:
                return frame.last_child_number + 1
            if frame.section.level == level:
                # a sibling is open: its parent's counter is what matters
                continue
        return 1


def _is_heading_text(rest: str) -> bool:
    """A short line without a closing full stop is a heading; a sentence is body text."""
    rest = rest.rstrip()
    if len(rest) > 220:
        return False
    return not rest.endswith((".", ";", "./."))


def _label(rest: str) -> str:
    """A short title for a numbered sentence: the words before a colon, or its subject."""
    if ":" in rest[:160]:
        head = rest.split(":", 1)[0]
    else:
        match = RE_SUBJECT_END.search(rest)
        is_agency = RE_AGENCY_START.match(rest) is not None
        head = rest[: match.start()] if is_agency and match and match.start() > 0 else rest
        if not is_agency:
            words = head.split()
            return " ".join(words[:8]) + ("…" if len(words) > 8 else "")
    words = head.split()
    return " ".join(words[:12]) + ("…" if len(words) > 12 else "")


def _iso_date(day: str, month: str, year: str) -> str:
    return f"{int(year):04d}-{int(month):02d}-{int(day):02d}"


def _site_locality(issuer: str) -> str:
    """ "Ủy ban nhân dân tỉnh Tiền Giang" / "Thành phố Hải Phòng" → the place's name."""
    if RE_NATIONAL_ISSUER.match(issuer.upper()):
        return NATIONAL
    issuer = re.sub(r"^(?:Ủy ban nhân dân|Uỷ ban nhân dân|UBND)\s+", "", issuer, flags=re.I)
    return re.sub(r"^(?:Thành phố|Tỉnh|TP\.?)\s+", "", issuer, flags=re.I).strip()


def _signer(closing: list[str]) -> str | None:
    """The name under the signature block's role lines ("KT. CHỦ TỊCH / PHÓ CHỦ TỊCH")."""
    for i, para in enumerate(closing):
        if SIGNATURE_ROLES.match(para):
            names = [
                p
                for p in closing[i + 1 :]
                if not SIGNATURE_ROLES.match(p)
                and not _is_caps(p)
                and 1 < len(p.split()) <= 5
                and not p.startswith(("-", "["))
                and not p.endswith((";", ":", ","))
            ]
            if names:
                return names[0]
    return None


def _extract_meta(
    doc_id: str,
    source: str,
    paragraphs: list[str],
    site: dict[str, str],
    site_title: str,
    preamble: list[str],
    closing: list[str],
    truncated: bool,
) -> DocumentMeta:
    number = date = locality = None
    if "Số hiệu" in site:
        number = site["Số hiệu"].replace(" ", "")
    if "Ngày ban hành" in site and (m := RE_DMY.search(site["Ngày ban hành"])):
        date = _iso_date(*m.groups())
    issuer = site.get("Cơ quan ban hành") or site.get("Nơi ban hành")
    national = bool(issuer and RE_NATIONAL_ISSUER.match(issuer.upper()))
    national = national or any(RE_NATIONAL_ISSUER.match(p) for p in preamble[:4])
    for para in preamble:
        if number is None and (m := RE_NUMBER_LINE.match(para)):
            number = f"{m.group(1)}/{m.group(2)}"
        if (m := RE_PLACE_DATE.match(para)) and not para.startswith(("Căn cứ", "Thực hiện")):
            locality = locality or m.group("place").strip()
            date = date or _iso_date(m.group("d"), m.group("m"), m.group("y"))
    national = national or bool(number and RE_NATIONAL_NUMBER.search(number))

    title = ""
    kind = "Kế hoạch"
    for i, para in enumerate(preamble):
        if para.upper().rstrip(":") in KINDS and i + 1 < len(preamble):
            kind = KINDS[para.upper().rstrip(":")]
            title = preamble[i + 1]
            break
    if not title:
        title = next((p for p in preamble if len(p) > 20), doc_id)
    if number and "/QĐ" in number and kind == "Kế hoạch":
        kind = "Quyết định"

    if issuer:
        locality = _site_locality(issuer) if national or locality is None else locality
    if national:
        locality = NATIONAL  # dated "Hà Nội, ngày ..." but about the whole country
    if locality is None:
        for para in [*preamble, *paragraphs[:60]]:
            if m := RE_LOCALITY.search(para):
                locality = m.group(1)
                break

    signer = site.get("Người ký") or _signer(closing)

    implements: list[str] = []
    for m in RE_IMPLEMENTS.finditer(f"{site_title} {title}"):
        ref = re.sub(r"\s+", "", m.group(1)).replace("TTG", "TTg")
        if ref != number and ref not in implements:
            implements.append(ref)

    year = (
        date[:4] if date else (m.group(0) if (m := re.search(r"\b(19|20)\d{2}\b", title)) else None)
    )
    return DocumentMeta(
        id=doc_id,
        source=source,
        title=title,
        locality=locality,
        number=number,
        date=date,
        year=int(year) if year else None,
        signer=signer,
        implements=tuple(implements),
        truncated=truncated,
        kind=kind,
    )


def _group_number(match: re.Match[str]) -> int | None:
    """The number of a "Phần thứ hai" / "Chương II" heading, or None for running text."""
    rest = match.group("rest")
    if rest[:1].islower() or not _is_heading_text(rest):
        return None
    if match.group("word"):
        return ORDINALS.get(match.group("word").lower())
    if match.group("roman"):
        return ROMAN.get(match.group("roman"))
    return int(match.group("digit"))


def _numbered_section(para: str, n: int, rest: str, level: int) -> Section:
    """A heading, or a numbered sentence kept whole as body text under a short label."""
    if _is_heading_text(rest):
        return Section(title=para.rstrip(":").strip(), level=level)
    marker = para[: len(para) - len(rest)].strip()
    section = Section(title=f"{marker} {_label(rest)}", level=level, heading_is_text=True)
    section.blocks.append(para)
    return section


def parse_plan(text: str, doc_id: str, source: str = "") -> ParsedPlan:
    """Parse one plan's text into its metadata and section tree.

    Levels: an optional group ("Phần thứ nhất", "Chương I") is level 1 and pushes the rest
    one level down; then Roman parts or articles ("Điều 1."), numbered items, lettered points.
    """
    paragraphs = read_paragraphs(text)
    site: dict[str, str] = {}
    body: list[str] = []
    site_lines: list[str] = []
    for i, para in enumerate(paragraphs):
        if i < 25 and (m := RE_SITE_FIELD.match(para)):
            site.setdefault(m.group(1), m.group(2).strip())
            site_lines.append(para)
        else:
            body.append(para)
    site_title = ""
    if site and body and not RE_NUMBER_LINE.match(body[0]) and body[0].upper() not in KINDS:
        site_title, body = body[0], body[1:]  # the legal-database site's own page title
    if site_lines:
        # kept as one quotable paragraph: for a cut-off text it is the only signer line
        body.insert(0, "; ".join(site_lines))

    truncated = any(p in TRUNCATION_MARKS for p in body)
    grouped = any((m := RE_GROUP.match(p)) and _group_number(m) is not None for p in body)
    top = 2 if grouped else 1  # level of Roman parts and articles
    outline = _Outline()
    preamble: list[str] = []
    closing: list[str] = []
    footnotes: list[str] = []
    state = "preamble"

    for para in body:
        if para in TRUNCATION_MARKS:
            state = "after-truncation"
            continue
        if state == "after-truncation":
            continue  # a fragment of an unrelated page pasted after the cut
        if RE_FOOTNOTE.match(para) and state in ("closing", "body"):
            state = "footnotes"
        if state == "footnotes":
            footnotes.append(para)
            continue
        if para.startswith("Nơi nhận"):
            state = "closing"
        if state == "closing":
            closing.append(para)
            continue

        group = RE_GROUP.match(para) if grouped else None
        if group and (n := _group_number(group)) is not None and n >= outline.expected(1):
            state = "body"
            rest = group.group("rest").rstrip(":").strip()
            head = para[: len(para) - len(group.group("rest"))].strip(" .:-–")
            outline.open(Section(title=f"{head}: {rest}" if rest else head, level=1), n)
            continue
        if (
            state == "body"
            and outline.current.level == 1
            and not outline.current.blocks
            and _is_caps(para)
            and not _is_marker(para)
        ):
            # "PHẦN THỨ HAI" on its own line, its title on the next
            outline.current.title = f"{outline.current.title}: {para.rstrip(':').strip()}"
            continue

        roman = RE_ROMAN.match(para)
        if roman and roman.group("n") in ROMAN:
            n = ROMAN[roman.group("n")]
            # parts must increase (a snippet or a cut text may skip some)
            if n >= outline.expected(top) and _is_heading_text(roman.group("rest")):
                state = "body"
                outline.open(Section(title=para.rstrip(":").strip(), level=top), n)
                continue
        article = RE_ARTICLE.match(para)
        if article and int(article.group("n")) >= outline.expected(top):
            state = "body"
            n = int(article.group("n"))
            outline.open(_numbered_section(para, n, article.group("rest") or "", top), n)
            continue
        if state == "preamble":
            preamble.append(para)
            continue

        number = RE_NUMBER.match(para)
        if number and int(number.group("n")) == outline.expected(top + 1):
            n = int(number.group("n"))
            outline.open(_numbered_section(para, n, number.group("rest"), top + 1), n)
            continue

        letter = RE_LETTER.match(para)
        if letter and outline.current.level >= top + 1:
            idx = LETTERS.find(letter.group("n")) + 1
            if (
                idx == outline.expected(top + 2)
                and _is_heading_text(letter.group("rest"))
                and para.endswith(":")
            ):
                outline.open(Section(title=para.rstrip(":").strip(), level=top + 2), idx)
                continue
            # a lettered sentence is body text of the current item
        outline.current.blocks.append(para)

    if not outline.root.children:
        raise PlanParseError(
            "not a plan-like document: no outline found "
            "(expected parts such as 'I. MỤC ĐÍCH' or 'Điều 1.')"
        )

    root = outline.root
    if preamble:
        root.children.insert(0, Section(title=PREAMBLE_TITLE, level=1, blocks=preamble))
    if closing:
        root.children.append(Section(title=CLOSING_TITLE, level=1, blocks=closing))
    if footnotes:
        root.children.append(Section(title=FOOTNOTES_TITLE, level=1, blocks=footnotes))
    meta = _extract_meta(
        doc_id, source or doc_id, paragraphs, site, site_title, preamble, closing, truncated
    )
    return ParsedPlan(meta=meta, root=root)


def parse_file(path: Path) -> ParsedPlan:
    """Parse a plan file; the document id is the file name without its extension."""
    return parse_plan(path.read_text(encoding="utf-8"), doc_id=path.stem, source=path.name)
