"""Read a plan file of any supported format into the plain text the parser handles.

    .txt, .md   UTF-8 text, as is
    .docx       python-docx: paragraphs and table cells in document order
    .pdf        pypdfium2 (PDFium): text lines with their positions, so hard wraps are
                undone and blank space between paragraphs is kept; a PDF without a text
                layer (a scan) is read with tesseract when it is installed
    .html/.htm  BeautifulSoup: the page's metadata table ("Số hiệu", "Người ký", ...)
                becomes "label: value" lines the parser reads as the plan's metadata

Every failure is a ``ValueError`` whose message is the reason shown to the person who
gave the file ("scanned PDF: no text layer", "file too large: ...").
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from assistant.settings import IngestSettings

TEXT_SUFFIXES = {".txt", ".md"}
HTML_SUFFIXES = {".html", ".htm"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | {".docx", ".pdf"}
SCANNED_PDF = "scanned PDF: no text layer"

# A line that opens a new paragraph even when the line before it ran to the margin.
_MARKER = re.compile(
    r"^(?:[-+•–]\s|[IVX]{1,4}\.\s|\d{1,2}\.\s|[a-zđ]\)\s|Điều\s+\d|Phần\s+thứ|PHẦN\s+THỨ|Nơi nhận)"
)
_PAGE_NUMBER = re.compile(r"^(?:[-–]\s*)?(?:Trang\s+)?\d{1,3}(?:\s*/\s*\d{1,3})?(?:\s*[-–])?$")


def read_document(path: Path, settings: IngestSettings | None = None) -> str:
    """The text of one plan file; raises ValueError with a reason a person understands."""
    settings = settings or IngestSettings()
    suffix = path.suffix.lower()
    if not path.exists():
        raise ValueError("file not found")
    if not path.is_file():
        raise ValueError("not a regular file")
    if suffix and suffix not in SUPPORTED_SUFFIXES:
        hint = " (save it as .docx)" if suffix == ".doc" else ""
        raise ValueError(
            f"unsupported file type {path.suffix!r}{hint}; expected .txt, .md, .docx, .pdf or .html"
        )
    size = path.stat().st_size
    if size > settings.max_file_bytes:
        raise ValueError(
            f"file too large: {_size(size)} "
            f"(limit {_size(settings.max_file_bytes)}, setting ingest.max_file_bytes)"
        )
    if size == 0:
        raise ValueError("empty file")
    if suffix == ".docx":
        text = _read_docx(path)
    elif suffix == ".pdf":
        text = _read_pdf(path, settings)
    elif suffix in HTML_SUFFIXES:
        text = _read_html(path.read_bytes())
    else:
        text = _read_text(path.read_bytes())
    if not text.strip():
        raise ValueError("empty file" if suffix in TEXT_SUFFIXES else "empty document: no text")
    return text


def _size(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 100 * 1024 else f"{n} bytes"


def _read_text(data: bytes) -> str:
    if not data.strip():
        raise ValueError("empty file")
    if b"\x00" in data[:8192]:
        raise ValueError("binary file (contains NUL bytes)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValueError(f"not UTF-8 text (byte {exc.start})") from exc


# --- .docx ---------------------------------------------------------------------------


def _read_docx(path: Path) -> str:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises zip, XML and package errors alike
        raise ValueError("unreadable .docx (not a Word document, or damaged)") from exc
    lines: list[str] = []

    def table_lines(table: Table) -> None:
        for row in table.rows:
            seen: set[int] = set()
            for cell in row.cells:
                if id(cell._tc) in seen:  # a merged cell repeats in every column it spans
                    continue
                seen.add(id(cell._tc))
                # a header table's cells ("ỦY BAN NHÂN DÂN" | "CỘNG HÒA ...") stay apart
                lines.extend(p.text for p in cell.paragraphs)
                for inner in cell.tables:
                    table_lines(inner)
                lines.append("")

    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            lines.append(block.text)
        elif isinstance(block, Table):
            table_lines(block)
    return "\n".join(lines)


# --- .pdf ----------------------------------------------------------------------------


def _opens_paragraph(line: str) -> bool:
    """A marker line; a dash before a lower-case word is a hyphen wrapped to the line start."""
    if line[:1] in "-–" and line[1:].lstrip()[:1].islower():
        return False
    return bool(_MARKER.match(line))


@dataclass
class _Line:
    text: str
    left: float
    right: float
    top: float
    bottom: float


def _page_lines(page: Any) -> list[_Line]:
    """The page's text runs grouped into lines, top to bottom (PDF y grows upwards)."""
    textpage = page.get_textpage()
    try:
        runs = []
        for i in range(textpage.count_rects()):
            left, bottom, right, top = textpage.get_rect(i)
            text = textpage.get_text_bounded(left, bottom, right, top).strip()
            if text:
                runs.append(_Line(text, left, right, top, bottom))
    finally:
        textpage.close()
    runs.sort(key=lambda r: (-r.top, r.left))
    lines: list[_Line] = []
    for run in runs:
        middle = (run.top + run.bottom) / 2
        line = lines[-1] if lines else None
        if line and line.bottom <= middle <= line.top:
            # same baseline: a second column read across (the parser splits known ones)
            line.text = f"{line.text} {run.text}" if run.left >= line.right else line.text
            line.right = max(line.right, run.right)
        else:
            lines.append(run)
    return [line for line in lines if line.text]


def _lines_to_text(pages: list[list[_Line]]) -> str:
    """Undo the PDF's line wrapping: a line that ran to the right margin continues."""
    every = [line for page in pages for line in page]
    if not every:
        return ""
    margin = max(line.right for line in every)
    heights = sorted(line.top - line.bottom for line in every)
    height = heights[len(heights) // 2]
    out: list[str] = []
    previous: _Line | None = None
    for page in pages:
        body = [
            line
            for i, line in enumerate(page)
            if not (_PAGE_NUMBER.match(line.text) and i in (0, len(page) - 1))
        ]
        for i, line in enumerate(body):
            gap = previous.bottom - line.top if previous and i > 0 else 0.0
            if previous is None:
                out.append(line.text)
            elif gap > 0.8 * height:
                out.append("\n\n" + line.text)  # white space between paragraphs
            else:
                first_word = line.text.split(" ", 1)[0]
                width = (line.right - line.left) * len(first_word) / max(1, len(line.text))
                full = previous.right + width + height * 0.3 > margin
                joined = full and not _opens_paragraph(line.text)
                out.append((" " if joined else "\n") + line.text)
            previous = line
    return "".join(out)


@lru_cache(maxsize=4)
def _tesseract_languages(binary: str) -> frozenset[str]:
    try:
        done = subprocess.run(
            [binary, "--list-langs"], capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return frozenset()
    return frozenset(line.strip() for line in done.stdout.splitlines()[1:] if line.strip())


def ocr_available(settings: IngestSettings) -> bool:
    """Whether scanned PDFs can be read: tesseract and every configured language present."""
    binary = shutil.which("tesseract")
    if not settings.ocr or binary is None:
        return False
    wanted = set(settings.ocr_languages.split("+"))
    return wanted <= _tesseract_languages(binary)


def _ocr_pdf(pdf: Any, settings: IngestSettings) -> str:
    binary = shutil.which("tesseract")
    assert binary is not None
    pages: list[str] = []
    with tempfile.TemporaryDirectory(prefix="assistant-ocr-") as tmp:
        for number, page in enumerate(pdf):
            image = Path(tmp) / f"page-{number}.png"
            bitmap = page.render(scale=300 / 72)  # 300 dpi: tesseract's preferred resolution
            bitmap.to_pil().save(image)
            done = subprocess.run(
                [binary, str(image), "stdout", "-l", settings.ocr_languages],
                capture_output=True,
                text=True,
                timeout=300,
                check=False,
            )
            if done.returncode != 0:
                raise ValueError(f"{SCANNED_PDF}; OCR failed ({done.stderr.strip()[:200]})")
            pages.append(done.stdout)
    return "\n\n".join(pages)


def _read_pdf(path: Path, settings: IngestSettings) -> str:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        raise ValueError(f"unreadable PDF ({exc})") from exc
    try:
        pages = [_page_lines(page) for page in pdf]
        letters = sum(c.isalpha() for page in pages for line in page for c in line.text)
        if letters < 20 * max(1, len(pages)):
            if not ocr_available(settings):
                raise ValueError(SCANNED_PDF)
            return _ocr_pdf(pdf, settings)
        return _lines_to_text(pages)
    finally:
        pdf.close()


# --- .html ---------------------------------------------------------------------------

_CHROME_TAGS: tuple[str, ...] = (
    *("script", "style", "noscript", "nav", "header", "footer", "aside", "form"),
    *("button", "iframe", "svg", "template", "head"),
)
_CHROME_NAMES = re.compile(
    r"(?:^|[-_\s])(?:menu|navbar|nav|footer|sidebar|breadcrumbs?|banner|ads?|quangcao|"
    r"related|comments?|share|social)(?:$|[-_\s])",
    re.IGNORECASE,
)
_BLOCK_TAGS = {
    "p",
    "div",
    "li",
    "ul",
    "ol",
    "tr",
    "td",
    "th",
    "table",
    "section",
    "article",
    "main",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "dd",
    "dt",
    "dl",
    "center",
}


def _site_metadata(soup: Any) -> list[str]:
    """The legal-database metadata table as "label: value" lines; the table is removed."""
    from assistant.ingest.parser import SITE_LABELS

    lines: list[str] = []
    for table in soup.find_all("table"):
        cells = [c.get_text(" ", strip=True) for c in table.find_all(["td", "th"])]
        labels = [c for c in cells if c.rstrip(":").strip() in SITE_LABELS]
        if len(labels) < 2:
            continue
        current: str | None = None
        for cell in cells:
            label = cell.rstrip(":").strip()
            if label in SITE_LABELS:
                current = label
            elif current and cell:
                lines.append(f"{current}: {cell}")
                current = None
        table.decompose()
    return lines


def _html_text(node: Any, out: list[str]) -> None:
    from bs4 import NavigableString, Tag

    for child in node.children:
        if isinstance(child, NavigableString):
            if type(child) is NavigableString:  # not a comment, CDATA or doctype
                out.append(re.sub(r"\s+", " ", str(child)))
        elif isinstance(child, Tag):
            if child.name == "br":
                out.append("\n")
                continue
            block = child.name in _BLOCK_TAGS
            if block:
                out.append("\n\n")
            _html_text(child, out)
            if block:
                out.append("\n\n")


def _read_html(data: bytes) -> str:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(data, "html.parser")
    page_title = soup.title.get_text(" ", strip=True) if soup.title else ""
    metadata = _site_metadata(soup)
    for tag in soup.find_all(_CHROME_TAGS):
        tag.decompose()
    for tag in soup.find_all(True):
        if tag.decomposed or tag.attrs is None:
            continue
        names = " ".join([str(tag.get("id") or ""), *(tag.get("class") or [])])
        if names.strip() and _CHROME_NAMES.search(names) and tag.name not in ("body", "html"):
            tag.decompose()
    heading = soup.find("h1")
    if heading is not None and metadata:
        # the page's own title line comes before its metadata block, as the parser expects
        page_title = heading.get_text(" ", strip=True) or page_title
        heading.decompose()
    out: list[str] = []
    _html_text(soup.body or soup, out)
    body = "".join(out)
    body = "\n".join(line.strip() for line in body.split("\n"))
    body = re.sub(r"\n{3,}", "\n\n", body).strip()
    head = [page_title] if page_title and metadata else []
    return "\n\n".join([*head, *metadata, body])
