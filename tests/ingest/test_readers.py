"""Readers: every format of a plan parses to the same outline and metadata as its text."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from assistant.ingest.parser import parse_plan
from assistant.ingest.pipeline import read_plan
from assistant.ingest.readers import SCANNED_PDF, ocr_available, read_document
from assistant.settings import IngestSettings
from assistant.types import SECTION_SEPARATOR, ParsedPlan
from tests.conftest import CORPUS
from tests.plan_files import write_docx, write_pdf, write_scanned_pdf

PLANS = sorted(CORPUS.glob("*.txt"))


def outline(plan: ParsedPlan) -> list[tuple[str, list[str]]]:
    return [(SECTION_SEPARATOR.join(path), s.blocks) for path, s in plan.root.walk()]


@pytest.mark.parametrize("writer", [write_docx, write_pdf], ids=["docx", "pdf"])
@pytest.mark.parametrize("source", PLANS, ids=[p.stem for p in PLANS])
def test_docx_and_pdf_parse_like_the_text(source: Path, writer: object, tmp_path: Path) -> None:
    text = source.read_text(encoding="utf-8")
    suffix = ".docx" if writer is write_docx else ".pdf"
    path = writer(text, tmp_path / f"{source.stem}{suffix}")  # type: ignore[operator]
    expected = parse_plan(text, source.stem, source.name)
    got = read_plan(path)
    assert got.meta.id == source.stem and got.meta.source == path.name
    # same metadata (the source file name aside), same section paths, same paragraphs
    assert {**got.meta.to_dict(), "source": ""} == {**expected.meta.to_dict(), "source": ""}
    assert outline(got) == outline(expected)


def test_pdf_page_numbers_and_wraps_are_undone(tmp_path: Path) -> None:
    text = "I. MỤC ĐÍCH\n\n" + "\n".join(
        f"- Nhiệm vụ {i}: tuyên truyền về quyền trẻ em, kỹ năng phòng, chống xâm hại và "
        f"đuối nước cho học sinh tại các trường học trên địa bàn xã số {i}."
        for i in range(1, 80)
    )
    read = read_document(write_pdf(text, tmp_path / "long.pdf"))
    assert "\n2\n" not in read and "\n3\n" not in read  # footers gone
    lines = [line for line in read.split("\n") if line]
    assert lines == [line for line in text.split("\n") if line]


SCAN = """Số: 11/KH-UBND

Tỉnh Mẫu, ngày 02 tháng 3 năm 2024

KẾ HOẠCH

Bảo vệ trẻ em năm 2024

I. MỤC ĐÍCH

- Bảo đảm quyền trẻ em trên địa bàn tỉnh.

II. TỔ CHỨC THỰC HIỆN

1. Sở Tư pháp

- Thực hiện trợ giúp pháp lý cho trẻ em có hoàn cảnh đặc biệt.
"""


def test_scanned_pdf_without_ocr_is_skipped_with_its_reason(tmp_path: Path) -> None:
    scan = write_scanned_pdf(SCAN, tmp_path / "scan.pdf")
    with pytest.raises(ValueError, match=f"^{SCANNED_PDF}$"):
        read_document(scan, IngestSettings(ocr=False))
    with pytest.raises(ValueError, match=f"^{SCANNED_PDF}$"):
        read_document(scan, IngestSettings(ocr_languages="xyz"))  # language not installed


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract not installed")
def test_scanned_pdf_is_read_with_ocr(tmp_path: Path) -> None:
    assert ocr_available(IngestSettings()), "tesseract-ocr-vie missing (make ocr)"
    plan = read_plan(write_scanned_pdf(SCAN, tmp_path / "scan.pdf"))
    paths = [p for p, _ in outline(plan)]
    assert "II. TỔ CHỨC THỰC HIỆN › 1. Sở Tư pháp" in paths
    assert (plan.meta.number, plan.meta.date) == ("11/KH-UBND", "2024-03-02")


LEGAL_SITE_HTML = """<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8">
<title>Kế hoạch 99/KH-UBND 2025 bảo vệ trẻ em Tiền Giang</title>
<script>var tracking = "Số hiệu 1/KH-X";</script></head>
<body>
<nav class="menu"><a href="/">Trang chủ</a> | <a href="/vb">Văn bản</a></nav>
<h1>Kế hoạch 99/KH-UBND năm 2025 thực hiện Chỉ thị 28-CT/TW về bảo vệ trẻ em tỉnh Tiền Giang</h1>
<table class="info">
<tr><td>Số hiệu:</td><td>99/KH-UBND</td><td>Loại văn bản:</td><td>Kế hoạch</td></tr>
<tr><td>Nơi ban hành:</td><td>Tỉnh Tiền Giang</td><td>Người ký:</td><td>Nguyễn Văn Vĩnh</td></tr>
<tr><td>Ngày ban hành:</td><td>05/03/2025</td><td>Ngày hiệu lực:</td><td>Đã biết</td></tr>
</table>
<div class="content">
<table><tr><td><b>ỦY BAN NHÂN DÂN<br>TỈNH TIỀN GIANG</b></td>
<td><b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM<br>Độc lập - Tự do - Hạnh phúc</b></td></tr>
<tr><td>Số: 99/KH-UBND</td><td><i>Tiền Giang, ngày 05 tháng 3 năm 2025</i></td></tr></table>
<p align="center"><b>KẾ HOẠCH</b></p>
<p align="center"><b>Thực hiện công tác bảo vệ trẻ em năm 2025</b></p>
<p><b>I. MỤC ĐÍCH, YÊU CẦU</b></p>
<p>- Bảo đảm mọi trẻ em
   được bảo vệ.</p>
<p><b>II. TỔ CHỨC THỰC HIỆN</b></p>
<p><b>1. Sở Tư pháp</b></p>
<p>- Trợ giúp pháp lý cho trẻ em.</p>
<p><b>Nơi nhận:</b><br>- Như trên;<br>- Lưu: VT.</p>
</div>
<footer class="footer">Bản quyền thuộc về trang web</footer>
</body></html>
"""


def test_legal_site_html_metadata_block_becomes_plan_metadata(tmp_path: Path) -> None:
    path = tmp_path / "tien-giang-99.html"
    path.write_text(LEGAL_SITE_HTML, encoding="utf-8")
    plan = read_plan(path)
    meta = plan.meta
    assert (meta.number, meta.locality, meta.date, meta.signer) == (
        "99/KH-UBND",
        "Tiền Giang",
        "2025-03-05",
        "Nguyễn Văn Vĩnh",
    )
    assert meta.implements == ("28-CT/TW",)
    assert meta.title == "Thực hiện công tác bảo vệ trẻ em năm 2025"
    sections = dict(outline(plan))
    assert sections["I. MỤC ĐÍCH, YÊU CẦU"] == ["- Bảo đảm mọi trẻ em được bảo vệ."]
    assert sections["II. TỔ CHỨC THỰC HIỆN › 1. Sở Tư pháp"] == ["- Trợ giúp pháp lý cho trẻ em."]
    text = "\n".join(b for _, blocks in outline(plan) for b in blocks)
    assert "Trang chủ" not in text and "Bản quyền" not in text and "tracking" not in text


def test_reasons_for_files_that_cannot_be_read(tmp_path: Path) -> None:
    def reason(name: str, data: bytes, settings: IngestSettings | None = None) -> str:
        path = tmp_path / name
        path.write_bytes(data)
        with pytest.raises(ValueError) as info:
            read_plan(path, settings)
        return str(info.value)

    assert reason("plan.doc", b"\xd0\xcf\x11\xe0") == (
        "unsupported file type '.doc' (save it as .docx); expected .txt, .md, .docx, .pdf or .html"
    )
    assert reason("big.txt", b"I. A\n" * 300, IngestSettings(max_file_bytes=1000)) == (
        "file too large: 1500 bytes (limit 1000 bytes, setting ingest.max_file_bytes)"
    )
    assert reason("broken.docx", b"PK\x03\x04 not a zip") == (
        "unreadable .docx (not a Word document, or damaged)"
    )
    assert reason("broken.pdf", b"%PDF-1.4 garbage").startswith("unreadable PDF")
    assert reason("empty.pdf", b"") == "empty file"
    assert reason("blank.html", b"<html><body><p> </p></body></html>") == (
        "empty document: no text"
    )
    assert reason("notes.docx", write_docx("Ghi chú.", tmp_path / "n.docx").read_bytes()) == (
        "not a plan-like document: no outline found "
        "(expected parts such as 'I. MỤC ĐÍCH' or 'Điều 1.')"
    )
