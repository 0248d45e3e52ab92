"""Write a plan's text as the files officers actually send: .docx, .pdf, a scanned .pdf.

Test helpers, not fixtures of their own: each writes one line of the text per paragraph
(Word) or per wrapped block (PDF, DejaVu Sans, which has every Vietnamese glyph), so the
reader must undo the wrapping and page breaks to get the plan back.
"""

from __future__ import annotations

from pathlib import Path

DEJAVU = Path("/usr/share/fonts/truetype/dejavu")  # Debian fonts-dejavu-core (Makefile)
DEJAVU_SANS = DEJAVU / "DejaVuSans.ttf"


def write_docx(text: str, path: Path) -> Path:
    """One Word paragraph per line of ``text`` (blank lines become empty paragraphs)."""
    import docx

    document = docx.Document()
    for line in text.split("\n"):
        document.add_paragraph(line)
    document.save(str(path))
    return path


def write_pdf(text: str, path: Path, font_size: float = 10) -> Path:
    """An A4 PDF with a text layer: long lines wrap at the margin, pages carry a number."""
    from fpdf import FPDF

    class NumberedPdf(FPDF):
        def footer(self) -> None:
            self.set_y(-15)
            self.set_font("DejaVu", size=9)
            self.cell(0, 10, str(self.page_no()), align="C")

    pdf = NumberedPdf(format="A4")
    pdf.set_margins(20, 20, 20)
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_font("DejaVu", "", str(DEJAVU_SANS))
    pdf.set_font("DejaVu", size=font_size)
    pdf.add_page()
    height = font_size * 0.55
    for line in text.split("\n"):
        if line.strip():
            pdf.multi_cell(0, height, line.strip(), new_x="LMARGIN", new_y="NEXT")
        else:
            pdf.ln(height)
    pdf.output(str(path))
    return path


def write_scanned_pdf(text: str, path: Path) -> Path:
    """A PDF of one page image (a scan): no text layer at all."""
    from PIL import Image, ImageDraw, ImageFont

    dpi = 200
    page = Image.new("L", (int(8.27 * dpi), int(11.69 * dpi)), 255)
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(str(DEJAVU_SANS), 30)
    y = 150
    for line in text.split("\n"):
        if line.strip():
            draw.text((150, y), line.strip(), fill=0, font=font)
        y += 46
    page.save(path, "PDF", resolution=dpi)
    return path
