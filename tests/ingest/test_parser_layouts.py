"""The parser on layouts beyond the five plans: a national decision by "Điều", "Phần thứ
nhất / Phần thứ hai", a hard-wrapped PDF copy, a legal-site text copy with a tab-separated
metadata table, a pipe-table header. Short snippets, exact section paths and metadata."""

from __future__ import annotations

import pytest

from assistant.ingest.chunker import agency_of, chunk_plan
from assistant.ingest.parser import parse_plan, read_paragraphs
from assistant.text import fold_diacritics
from assistant.types import SECTION_SEPARATOR, ParsedPlan
from assistant.understand.agencies import AgencyCatalog, agency_key
from assistant.understand.plans import plans_named


def paths(plan: ParsedPlan) -> list[str]:
    return [SECTION_SEPARATOR.join(p) for p, _ in plan.root.walk()]


def agencies(plan: ParsedPlan) -> list[str]:
    return [a for p, _ in plan.root.walk() if (a := agency_of(p))]


DECISION = """THỦ TƯỚNG CHÍNH PHỦ
-------
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
---------------

Số: 1437/QĐ-TTg

Hà Nội, ngày 15 tháng 11 năm 2025

QUYẾT ĐỊNH

Phê duyệt Chương trình phòng, chống bạo lực, xâm hại trẻ em giai đoạn 2026 - 2030

THỦ TƯỚNG CHÍNH PHỦ

Căn cứ Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025;

Căn cứ Luật Trẻ em ngày 05 tháng 4 năm 2016;

QUYẾT ĐỊNH:

Điều 1. Phê duyệt Chương trình phòng, chống bạo lực, xâm hại trẻ em giai đoạn 2026 - 2030 với những nội dung sau:

1. Mục tiêu chung

Tạo chuyển biến rõ nét trong phòng ngừa, phát hiện và xử lý các hành vi bạo lực, xâm hại trẻ em.

2. Mục tiêu cụ thể

a) Đến năm 2030, 95% trẻ em bị bạo lực, xâm hại được phát hiện và hỗ trợ kịp thời.

b) 100% vụ việc xâm hại trẻ em được xử lý theo quy định.

Điều 2. Tổ chức thực hiện

1. Bộ Y tế chủ trì, phối hợp với các bộ, cơ quan liên quan hướng dẫn, kiểm tra việc thực hiện Chương trình.

2. Bộ Tư pháp:

a) Hướng dẫn trợ giúp pháp lý cho trẻ em bị bạo lực, xâm hại.

b) Rà soát, đề xuất sửa đổi các văn bản quy phạm pháp luật về bảo vệ trẻ em.

3. Bộ Công an chỉ đạo điều tra, xử lý nghiêm các vụ việc xâm hại trẻ em.

Điều 3. Quyết định này có hiệu lực thi hành kể từ ngày ký ban hành.

Điều 4. Các Bộ trưởng, Thủ trưởng cơ quan ngang bộ, Chủ tịch Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương chịu trách nhiệm thi hành Quyết định này./.

Nơi nhận:
- Ban Bí thư Trung ương Đảng;
- Lưu: VT, KGVX.

KT. THỦ TƯỚNG
PHÓ THỦ TƯỚNG

Lê Thành Long
"""


def test_national_decision_by_articles() -> None:
    plan = parse_plan(DECISION, "qd-1437")
    article_1 = (
        "Điều 1. Phê duyệt Chương trình phòng, chống bạo lực, xâm hại trẻ em giai đoạn "
        "2026 - 2030 với những nội dung sau"
    )
    assert paths(plan) == [
        "Phần mở đầu",
        article_1,
        f"{article_1} › 1. Mục tiêu chung",
        f"{article_1} › 2. Mục tiêu cụ thể",
        "Điều 2. Tổ chức thực hiện",
        "Điều 2. Tổ chức thực hiện › 1. Bộ Y tế",
        "Điều 2. Tổ chức thực hiện › 2. Bộ Tư pháp",
        "Điều 2. Tổ chức thực hiện › 3. Bộ Công an",
        "Điều 3. Quyết định này có hiệu lực thi hành…",
        "Điều 4. Các Bộ trưởng, Thủ trưởng cơ quan ngang bộ, Chủ tịch Ủy…",
        "Nơi nhận",
    ]
    assert agencies(plan) == ["Bộ Y tế", "Bộ Tư pháp", "Bộ Công an"]
    sections = dict((SECTION_SEPARATOR.join(p), s) for p, s in plan.root.walk())
    assert sections["Điều 2. Tổ chức thực hiện › 2. Bộ Tư pháp"].blocks == [
        "a) Hướng dẫn trợ giúp pháp lý cho trẻ em bị bạo lực, xâm hại.",
        "b) Rà soát, đề xuất sửa đổi các văn bản quy phạm pháp luật về bảo vệ trẻ em.",
    ]
    meta = plan.meta
    assert (meta.kind, meta.number, meta.date, meta.signer) == (
        "Quyết định",
        "1437/QĐ-TTg",
        "2025-11-15",
        "Lê Thành Long",
    )
    # dated in Hà Nội, but the Prime Minister's decision covers the whole country
    assert meta.locality == "Toàn quốc"
    assert meta.label == "Toàn quốc – Quyết định 1437/QĐ-TTg"
    assert meta.title == (
        "Phê duyệt Chương trình phòng, chống bạo lực, xâm hại trẻ em giai đoạn 2026 - 2030"
    )


def test_ministry_and_department_are_distinct_agencies() -> None:
    assert agency_key("Bộ Tư pháp") != agency_key("Sở Tư pháp")
    assert agency_key("Sở Tư pháp") == agency_key("Phòng Tư pháp")
    assert agency_key("Bộ Y tế") != agency_key("Sở Y tế")
    # a question naming the ministry finds the decision's ministry section, never the Sở
    with_decision = AgencyCatalog.from_headings(["Bộ Tư pháp", "Sở Tư pháp"])
    (mention,) = with_decision.find("Bộ Tư pháp có nhiệm vụ gì?")
    assert mention.keys == {agency_key("Bộ Tư pháp")}
    (mention,) = AgencyCatalog.from_headings(["Sở Tư pháp"]).find("Bộ Tư pháp làm gì?")
    assert mention.keys == frozenset()  # no plan assigns the ministry anything


PDF_COPY = """ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
TỈNH TIỀN GIANG Độc lập - Tự do - Hạnh phúc
Số: 99/KH-UBND Tiền Giang, ngày 05 tháng 3 năm 2025
KẾ HOẠCH
Thực hiện công tác bảo vệ, chăm sóc trẻ em năm 2025
trên địa bàn tỉnh Tiền Giang
PHẦN THỨ NHẤT
KẾT QUẢ THỰC HIỆN NĂM 2024
I. KẾT QUẢ ĐẠT ĐƯỢC
1. Công tác tuyên truyền
- Các sở, ngành, địa phương đã tổ chức 320 cuộc truyền thông về quyền trẻ em với
hơn 25.000 lượt người tham dự.
II. TỒN TẠI, HẠN CHẾ
- Tình trạng trẻ em bị đuối nước vẫn còn xảy ra tại một số địa phương.
2
PHẦN THỨ HAI
KẾ HOẠCH NĂM 2025
I. MỤC TIÊU
- Giảm tỷ lệ trẻ em bị tai nạn, thương tích so với năm 2024, đặc biệt là đuối
nước.
II. TỔ CHỨC THỰC HIỆN
1. Sở Lao động - Thương binh và Xã hội
- Chủ trì, phối hợp với các sở, ngành triển khai thực hiện Kế hoạch; tổng hợp,
báo cáo kết quả về Ủy ban nhân dân tỉnh trước ngày 15/12/2025.
2. Sở Tư pháp
- Thực hiện trợ giúp pháp lý miễn phí cho trẻ em có hoàn cảnh đặc biệt.
3. Công an tỉnh
- Phòng ngừa, điều tra, xử lý nghiêm các hành vi xâm hại trẻ em.
Nơi nhận: TM. ỦY BAN NHÂN DÂN
- Bộ LĐTBXH; KT. CHỦ TỊCH
- TT Tỉnh ủy, TT HĐND tỉnh; PHÓ CHỦ TỊCH
- Các sở, ngành tỉnh;
- Lưu: VT, KGVX. Nguyễn Văn Vĩnh
"""


def test_pdf_copy_with_parts_merged_header_page_number_and_signature_beside_recipients() -> None:
    plan = parse_plan(PDF_COPY, "tien-giang-99")
    first = "PHẦN THỨ NHẤT: KẾT QUẢ THỰC HIỆN NĂM 2024"
    second = "PHẦN THỨ HAI: KẾ HOẠCH NĂM 2025"
    # Roman numerals restart under "Phần thứ hai"
    assert paths(plan) == [
        "Phần mở đầu",
        first,
        f"{first} › I. KẾT QUẢ ĐẠT ĐƯỢC",
        f"{first} › I. KẾT QUẢ ĐẠT ĐƯỢC › 1. Công tác tuyên truyền",
        f"{first} › II. TỒN TẠI, HẠN CHẾ",
        second,
        f"{second} › I. MỤC TIÊU",
        f"{second} › II. TỔ CHỨC THỰC HIỆN",
        f"{second} › II. TỔ CHỨC THỰC HIỆN › 1. Sở Lao động - Thương binh và Xã hội",
        f"{second} › II. TỔ CHỨC THỰC HIỆN › 2. Sở Tư pháp",
        f"{second} › II. TỔ CHỨC THỰC HIỆN › 3. Công an tỉnh",
        "Nơi nhận",
    ]
    assert agencies(plan) == ["Sở Lao động - Thương binh và Xã hội", "Sở Tư pháp", "Công an tỉnh"]
    sections = dict((SECTION_SEPARATOR.join(p), s) for p, s in plan.root.walk())
    # the page number "2" between two pages is gone; the wrapped bullet is whole again
    assert sections[f"{first} › II. TỒN TẠI, HẠN CHẾ"].blocks == [
        "- Tình trạng trẻ em bị đuối nước vẫn còn xảy ra tại một số địa phương."
    ]
    assert sections[f"{second} › I. MỤC TIÊU"].blocks == [
        "- Giảm tỷ lệ trẻ em bị tai nạn, thương tích so với năm 2024, đặc biệt là đuối nước."
    ]
    meta = plan.meta
    assert (meta.number, meta.locality, meta.date, meta.signer) == (
        "99/KH-UBND",
        "Tiền Giang",
        "2025-03-05",
        "Nguyễn Văn Vĩnh",
    )
    assert meta.title == (
        "Thực hiện công tác bảo vệ, chăm sóc trẻ em năm 2025 trên địa bàn tỉnh Tiền Giang"
    )
    chunks = chunk_plan(plan, lambda t: len(t.split()))
    assert {c.agency for c in chunks if c.agency} == set(agencies(plan))


def test_merged_header_columns_are_split() -> None:
    assert read_paragraphs(
        "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\n"
        "TỈNH TIỀN GIANG Độc lập - Tự do - Hạnh phúc\n\n"
        "Số: 99/KH-UBND Tiền Giang, ngày 05 tháng 3 năm 2025\n"
    ) == [
        "ỦY BAN NHÂN DÂN",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "TỈNH TIỀN GIANG",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 99/KH-UBND",
        "Tiền Giang, ngày 05 tháng 3 năm 2025",
    ]


TAB_SITE = (
    "Kế hoạch 350/KH-UBND năm 2024 phòng, chống đuối nước trẻ em Hà Nội\n"
    "Số hiệu:\t350/KH-UBND\tLoại văn bản:\tKế hoạch\n"
    "Nơi ban hành:\tThành phố Hà Nội\tNgười ký:\tVũ Thu Hà\n"
    "Ngày ban hành:\t20/12/2024\tNgày hiệu lực:\tĐã biết\n"
    "\n"
    "ỦY BAN NHÂN DÂN\n"
    "THÀNH PHỐ HÀ NỘI\n"
    "\n"
    "Số: 350/KH-UBND\n"
    "\n"
    "Hà Nội, ngày 20 tháng 12 năm 2024\n"
    "\n"
    "KẾ HOẠCH\n"
    "\n"
    "Phòng, chống đuối nước trẻ em trên địa bàn Thành phố năm 2025\n"
    "\n"
    "I. MỤC ĐÍCH, YÊU CẦU\n"
    "\n"
    "- Giảm số trẻ em bị đuối nước.\n"
    "\n"
    "II. TỔ CHỨC THỰC HIỆN\n"
    "\n"
    "1. Sở Giáo dục và Đào tạo\n"
    "\n"
    "- Dạy bơi an toàn cho học sinh tiểu học.\n"
)


def test_legal_site_copy_with_tab_separated_metadata_table() -> None:
    plan = parse_plan(TAB_SITE, "ha-noi-350")
    meta = plan.meta
    assert (meta.number, meta.locality, meta.date, meta.signer, meta.kind) == (
        "350/KH-UBND",
        "Hà Nội",
        "2024-12-20",
        "Vũ Thu Hà",
        "Kế hoạch",
    )
    assert paths(plan) == [
        "Phần mở đầu",
        "I. MỤC ĐÍCH, YÊU CẦU",
        "II. TỔ CHỨC THỰC HIỆN",
        "II. TỔ CHỨC THỰC HIỆN › 1. Sở Giáo dục và Đào tạo",
    ]
    # the metadata stays quotable, one field per label (no "350/KH-UBNDLoạivănbản")
    assert plan.root.children[0].blocks[0] == (
        "Số hiệu: 350/KH-UBND; Loại văn bản: Kế hoạch; Nơi ban hành: Thành phố Hà Nội; "
        "Người ký: Vũ Thu Hà; Ngày ban hành: 20/12/2024; Ngày hiệu lực: Đã biết"
    )


PIPE_HEADER = """| ỦY BAN NHÂN DÂN<br>TỈNH NGHỆ AN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM<br>Độc lập - Tự do - Hạnh phúc |
|---|---|
| Số: 412/KH-UBND | Nghệ An, ngày 10 tháng 6 năm 2025 |

**KẾ HOẠCH**

**Triển khai Tháng hành động vì trẻ em năm 2025**

**I. MỤC ĐÍCH, YÊU CẦU**

- Nâng cao nhận thức về phòng, chống xâm hại trẻ em.

**II. TỔ CHỨC THỰC HIỆN**

**1. Sở Y tế**

- Khám sàng lọc miễn phí cho trẻ em khuyết tật.
"""


def test_pipe_table_header() -> None:
    plan = parse_plan(PIPE_HEADER, "nghe-an-412")
    meta = plan.meta
    assert (meta.number, meta.locality, meta.date, meta.title) == (
        "412/KH-UBND",
        "Nghệ An",
        "2025-06-10",
        "Triển khai Tháng hành động vì trẻ em năm 2025",
    )
    assert plan.root.children[0].blocks[:4] == [
        "ỦY BAN NHÂN DÂN",
        "TỈNH NGHỆ AN",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
    ]
    assert paths(plan)[-1] == "II. TỔ CHỨC THỰC HIỆN › 1. Sở Y tế"


def test_two_plans_of_one_city_stay_distinct() -> None:
    first = parse_plan(TAB_SITE, "ha-noi-350").meta
    second = parse_plan(
        TAB_SITE.replace("350/KH-UBND", "203/KH-UBND").replace("20/12/2024", "01/07/2024"),
        "ha-noi-203",
    ).meta
    assert first.locality == second.locality == "Hà Nội"
    assert first.label == "Hà Nội – Kế hoạch 350/KH-UBND"
    assert second.label == "Hà Nội – Kế hoạch 203/KH-UBND"
    docs = [first, second]
    assert plans_named(fold_diacritics("Kế hoạch 350 của Hà Nội giao Sở Giáo dục gì?"), docs) == (
        "ha-noi-350",
    )
    assert plans_named(fold_diacritics("Hà Nội có kế hoạch gì về đuối nước?"), docs) == (
        "ha-noi-350",
        "ha-noi-203",
    )


# --- issue 13, defect 3: big and one-line files -------------------------------------


def test_one_line_file_is_refused_with_a_reason_not_a_crash() -> None:
    one_line = " ".join(["Trẻ em được bảo vệ an toàn trên môi trường mạng."] * 6000)
    with pytest.raises(ValueError, match="no outline found"):
        parse_plan(one_line, "one-line")


@pytest.mark.timeout(60)
def test_reading_is_linear_in_the_size_of_the_text() -> None:
    # 7 MB of hard-wrapped lines that all join into one paragraph: quadratic string
    # building took minutes here (issue 13); linear reading takes seconds
    wrapped = "\n".join(["trẻ em được bảo vệ an toàn trên môi trường mạng xã hội"] * 128_000)
    paragraphs = read_paragraphs(f"I. MỤC ĐÍCH\n{wrapped}")
    assert sum(len(p) for p in paragraphs) > 7_000_000


def test_long_block_splitting_counts_each_token_a_bounded_number_of_times() -> None:
    text = "I. MỤC ĐÍCH\n- " + "trẻ em được bảo vệ " * 50_000
    counted = 0

    def count(piece: str) -> int:
        nonlocal counted
        counted += len(piece)
        return len(piece.split())

    chunks = chunk_plan(parse_plan(text, "big"), count, max_tokens=100)
    assert all(len(c.text.split()) <= 100 for c in chunks)
    assert " ".join(c.text for c in chunks).split() == text.split("\n", 1)[1].split()
    assert counted < 8 * len(text)  # linear: the old splitter re-counted the rest every cut
