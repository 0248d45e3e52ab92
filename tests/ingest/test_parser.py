"""The plan parser on short snippets copied from the five plans' own quirks."""

from __future__ import annotations

import unicodedata

import pytest

from assistant.ingest.chunker import agency_of, chunk_plan
from assistant.ingest.parser import PlanParseError, parse_plan, read_paragraphs
from assistant.types import SECTION_SEPARATOR


def paths(text: str) -> list[str]:
    plan = parse_plan(text, "doc")
    return [SECTION_SEPARATOR.join(p) for p, _ in plan.root.walk()]


CAO_BANG = """ỦY BAN NHÂN DÂN
TỈNH CAO BẰNG
-------
|
CỘNG HÒA XÃ HỘI
CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
---------------
|
Số: 1222/KH-UBND
|
Cao Bằng, ngày 23
tháng 5 năm 2024
|
KẾ HOẠCH
THỰC HIỆN KẾ HOẠCH SỐ 324-KH/TU, NGÀY 26/3/2024 CỦA TỈNH UỶ
CAO BẰNG THỰC HIỆN CHỈ THỊ SỐ 28-CT/TW, NGÀY 25/12/2023 CỦA BỘ CHÍNH TRỊ
Triển khai Kế hoạch số
324-KH/TU, ngày 26/3/2024 của Tỉnh uỷ Cao Bằng thực hiện Chỉ thị số 28-CT/TW,
ngày 25/12/2023 của Bộ Chính trị, Ủy ban nhân dân (UBND) tỉnh ban hành Kế
hoạch thực hiện như sau:
I. MỤC
ĐÍCH, YÊU CẦU
1. Mục đích
- Quán triệt, triển khai thực
hiện nghiêm túc và cụ thể hóa các nội dung được nêu trong Chỉ thị số 28-CT/TW,
Kế hoạch số 324-KH/TU.
2. Mục tiêu cụ thể
a) Về phát triển toàn diện trẻ
em, chăm sóc sức khỏe, dinh dưỡng cho trẻ em:
- Chỉ tiêu 1: Tỷ lệ xã, phường,
thị trấn đạt tiêu chuẩn phù hợp với trẻ em đạt 87% vào năm 2025 và 90% vào năm
2030.
II. TỔ CHỨC
THỰC HIỆN
1. Sở Lao
động - Thương binh và Xã hội
- Chủ trì tổ chức triển khai thực hiện Kế hoạch trên địa bàn tỉnh.
2. Sở
Giáo dục và Đào tạo
- Chủ trì thực hiện chỉ tiêu 16.
3. Sở Tư
pháp
- Hướng dẫn triển khai, chỉ đạo
thực hiện chỉ tiêu 14 của Kế hoạch.
4. Sở Tài
chính: Căn cứ đề nghị của các cơ quan, đơn vị tham mưu cấp có thẩm
quyền nguồn kinh phí thực hiện các nội dung tại dự thảo Kế hoạch.
Nơi nhận:
- Bộ Lao động - Thương binh và Xã hội;
- Lưu: VT, VXHN.
|
TM. ỦY BAN NHÂN
DÂN
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Trịnh Trường Huy
|
[1] Quyết định số 23/QĐ-TTg
ngày 07/01/2021; Quyết định số 02/QĐ-TTg ngày 05/01/2022.
"""


def test_cao_bang_hard_wraps_headings_pipes_and_footnote() -> None:
    plan = parse_plan(CAO_BANG, "cao-bang")
    assert paths(CAO_BANG) == [
        "Phần mở đầu",
        "I. MỤC ĐÍCH, YÊU CẦU",
        "I. MỤC ĐÍCH, YÊU CẦU › 1. Mục đích",
        "I. MỤC ĐÍCH, YÊU CẦU › 2. Mục tiêu cụ thể",
        "I. MỤC ĐÍCH, YÊU CẦU › 2. Mục tiêu cụ thể › a) Về phát triển toàn diện trẻ em, "
        "chăm sóc sức khỏe, dinh dưỡng cho trẻ em",
        "II. TỔ CHỨC THỰC HIỆN",
        "II. TỔ CHỨC THỰC HIỆN › 1. Sở Lao động - Thương binh và Xã hội",
        "II. TỔ CHỨC THỰC HIỆN › 2. Sở Giáo dục và Đào tạo",
        "II. TỔ CHỨC THỰC HIỆN › 3. Sở Tư pháp",
        "II. TỔ CHỨC THỰC HIỆN › 4. Sở Tài chính",
        "Nơi nhận",
        "Chú thích",
    ]
    sections = dict((SECTION_SEPARATOR.join(p), s) for p, s in plan.root.walk())
    assert sections["I. MỤC ĐÍCH, YÊU CẦU › 1. Mục đích"].blocks == [
        "- Quán triệt, triển khai thực hiện nghiêm túc và cụ thể hóa các nội dung được nêu "
        "trong Chỉ thị số 28-CT/TW, Kế hoạch số 324-KH/TU."
    ]
    # "2030." opening a wrapped line is text, not item 2030
    target = sections[
        "I. MỤC ĐÍCH, YÊU CẦU › 2. Mục tiêu cụ thể › a) Về phát triển toàn diện trẻ em, "
        "chăm sóc sức khỏe, dinh dưỡng cho trẻ em"
    ]
    assert target.blocks == [
        "- Chỉ tiêu 1: Tỷ lệ xã, phường, thị trấn đạt tiêu chuẩn phù hợp với trẻ em đạt 87% "
        "vào năm 2025 và 90% vào năm 2030."
    ]
    # a numbered sentence keeps its whole text as body, under a short label
    finance = sections["II. TỔ CHỨC THỰC HIỆN › 4. Sở Tài chính"]
    assert finance.heading_is_text
    assert finance.blocks[0].startswith("4. Sở Tài chính: Căn cứ đề nghị")
    assert sections["Chú thích"].blocks[0].startswith("[1] Quyết định số 23/QĐ-TTg ngày 07/01/2021")

    meta = plan.meta
    assert meta.number == "1222/KH-UBND"
    assert meta.locality == "Cao Bằng"
    assert meta.date == "2024-05-23"
    assert meta.signer == "Trịnh Trường Huy"
    assert meta.implements == ("324-KH/TU", "28-CT/TW")
    assert meta.title.startswith("THỰC HIỆN KẾ HOẠCH SỐ 324-KH/TU")
    assert meta.truncated is False


HA_NOI = """

Số:203 /KH-UBND

Hà Nội, ngày 01 tháng 7 năm 2024

KẾ HOẠCH

Triển khai thực hiện Kế hoạch số 232-KH/TU ngày 23/4/2024 của Thành ủy Hà Nội thực hiện Chỉ thị số 28-CT/TW ngày 25/12/2023 của Bộ Chính trị

I. MỤC ĐÍCH - YÊU CẦU

1. Mục đích

Nhằm tạo sự chuyển biến mạnh mẽ về nhận thức, trách nhiệm, hành động.

2. Yêu cầu

- Các Sở, ban, ngành xác định đây là nội dung đặc biệt

quan trọng của mục tiêu phát triển bền vững của Thành phố.

III. TỔ CHỨC THỰC HIỆN

1. Sở Tư pháp

- Tổ chức tuyên truyền, phổ biến giáo dục pháp luật.

 
- Thực hiện trợ giúp pháp lý cho trẻ em.

TM. ỦY BAN NHÂN DÂN
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH



Vũ Thu Hà"""


def test_ha_noi_page_break_inside_sentence_is_joined() -> None:
    plan = parse_plan(HA_NOI, "ha-noi")
    sections = dict((SECTION_SEPARATOR.join(p), s) for p, s in plan.root.walk())
    assert sections["I. MỤC ĐÍCH - YÊU CẦU › 2. Yêu cầu"].blocks == [
        "- Các Sở, ban, ngành xác định đây là nội dung đặc biệt quan trọng của mục tiêu "
        "phát triển bền vững của Thành phố."
    ]
    assert sections["III. TỔ CHỨC THỰC HIỆN › 1. Sở Tư pháp"].blocks[1] == (
        "- Thực hiện trợ giúp pháp lý cho trẻ em."
    )
    assert plan.meta.number == "203/KH-UBND"  # "Số:203 /KH-UBND": stray space tolerated
    assert plan.meta.date == "2024-07-01"
    assert plan.meta.locality == "Hà Nội"
    assert plan.meta.implements == ("232-KH/TU", "28-CT/TW")


LONG_KHANH = """Số: 1515/KH-UBND

Long Khánh, ngày 22 tháng 8 năm 2024

## KẾ HOẠCH

**Triển khai thực hiện Kế hoạch số 344-KH/TU ngày 22/4/2024  
của Ban Thường vụ Tỉnh ủy**

### I. MỤC ĐÍCH, YÊU CẦU

#### 1. Mục đích

a) Tạo sự chuyển biến tích cực trong nhận thức.

### **IV. TỔ CHỨC THỰC HIỆN**

#### **1. Phòng Lao động - Thương binh và Xã hội**

h) Tổng hợp, báo cáo kết quả, định kỳ hằng năm **trước ngày 10/12** báo cáo Sở.

## **2. Phòng Tư pháp**

a) Phối hợp đẩy mạnh tuyên truyền, phổ biến, giáo dục pháp luật.

**Tăng Quốc Lập**
"""


def test_long_khanh_markdown_levels_follow_markers_not_hashes() -> None:
    plan = parse_plan(LONG_KHANH, "long-khanh")
    assert paths(LONG_KHANH) == [
        "Phần mở đầu",
        "I. MỤC ĐÍCH, YÊU CẦU",
        "I. MỤC ĐÍCH, YÊU CẦU › 1. Mục đích",
        "IV. TỔ CHỨC THỰC HIỆN",
        "IV. TỔ CHỨC THỰC HIỆN › 1. Phòng Lao động - Thương binh và Xã hội",
        "IV. TỔ CHỨC THỰC HIỆN › 2. Phòng Tư pháp",
    ]
    sections = dict((SECTION_SEPARATOR.join(p), s) for p, s in plan.root.walk())
    assert "IV. TỔ CHỨC THỰC HIỆN › 2. Phòng Tư pháp" in sections
    labour = sections["IV. TỔ CHỨC THỰC HIỆN › 1. Phòng Lao động - Thương binh và Xã hội"]
    assert labour.blocks == [
        "h) Tổng hợp, báo cáo kết quả, định kỳ hằng năm trước ngày 10/12 báo cáo Sở."
    ]
    assert plan.meta.title == (
        "Triển khai thực hiện Kế hoạch số 344-KH/TU ngày 22/4/2024 của Ban Thường vụ Tỉnh ủy"
    )
    assert plan.meta.number == "1515/KH-UBND"
    assert plan.meta.date == "2024-08-22"


HAI_PHONG = """Kế hoạch 216/KH-UBND năm 2020 thực hiện Chỉ thị 23/CT-TTg về tăng cường giải pháp bảo đảm thực hiện quyền trẻ em

Số hiệu 216/KH-UBND
Ngày ban hành 31/08/2020
Cơ quan ban hành Thành phố Hải Phòng
Người ký Lê Khắc Nam

ỦY BAN NHÂN DÂN
THÀNH PHỐ HẢI PHÒNG

Số: 216/KH-UBND

Hải Phòng, ngày 31 tháng 8 năm 2020

KẾ HOẠCH

TRIỂN KHAI, THỰC HIỆN CHỈ THỊ 23/CT-TTG NGÀY 26/5/2020 CỦA THỦ TƯỚNG CHÍNH PHỦ

I. MỤC ĐÍCH:

- Tổ chức triển khai công tác tuyên truyền.

II. NỘI DUNG, GIẢI PHÁP THỰC HIỆN

1. Thực hiện nghiêm các quy định của pháp luật về trẻ em:

- Tiếp tục tổ chức thực hiện có hiệu quả Luật Trẻ em.

[...]b) Thực hiện các giải pháp bảo vệ trẻ em trong các hoạt động văn hóa.
"""


def test_hai_phong_site_header_and_truncation() -> None:
    plan = parse_plan(HAI_PHONG, "hai-phong")
    meta = plan.meta
    assert (meta.number, meta.date, meta.signer, meta.locality) == (
        "216/KH-UBND",
        "2020-08-31",
        "Lê Khắc Nam",
        "Hải Phòng",
    )
    assert meta.truncated is True
    assert meta.implements == ("23/CT-TTg",)
    assert paths(HAI_PHONG) == [
        "Phần mở đầu",
        "I. MỤC ĐÍCH",
        "II. NỘI DUNG, GIẢI PHÁP THỰC HIỆN",
        "II. NỘI DUNG, GIẢI PHÁP THỰC HIỆN › 1. Thực hiện nghiêm các quy định của pháp luật về trẻ em",
    ]
    text = "\n".join(b for _, s in plan.root.walk() for b in s.blocks)
    assert "bảo vệ trẻ em trong các hoạt động văn hóa" not in text  # pasted after the cut
    assert "Người ký Lê Khắc Nam" in text  # the header stays quotable


CAN_THO = """ KẾ HOẠCH
THỰC HIỆN CHƯƠNG TRÌNH BẢO VỆ TRẺ EM NĂM 2017

Căn cứ Kế hoạch số 24/KH-UBND ngày 02 tháng 3 năm 2016 của Ủy ban nhân dân thành phố Cần Thơ

V. TỔ CHỨC THỰC HIỆN
1. Sở Lao động - Thương binh và Xã hội có trách nhiệm:

a) Chủ trì tổ chức triển khai thực hiện kế hoạch.

4. Sở Tư pháp tăng cường hướng dẫn, thường xuyên kiểm tra việc tổ chức thực hiện hoạt động trợ giúp pháp lý cho trẻ em.
"""


def test_can_tho_numbered_sentences_and_missing_metadata() -> None:
    plan = parse_plan(CAN_THO, "can-tho")
    assert paths(CAN_THO) == [
        "Phần mở đầu",
        "V. TỔ CHỨC THỰC HIỆN",
        "V. TỔ CHỨC THỰC HIỆN › 1. Sở Lao động - Thương binh và Xã hội có trách nhiệm",
    ]
    # "4." does not follow "1." so it is not a new item: it stays text of item 1
    meta = plan.meta
    assert (meta.number, meta.date, meta.signer) == (None, None, None)
    assert meta.locality == "Cần Thơ"
    assert meta.year == 2017
    assert meta.title == "THỰC HIỆN CHƯƠNG TRÌNH BẢO VỆ TRẺ EM NĂM 2017"


def test_numbered_sentence_in_sequence_gets_agency_label() -> None:
    text = CAN_THO.replace("4. Sở Tư pháp", "2. Sở Tư pháp")
    assert paths(text)[-1] == "V. TỔ CHỨC THỰC HIỆN › 2. Sở Tư pháp"
    plan = parse_plan(text, "can-tho")
    (path, section) = plan.root.walk()[-1]
    assert agency_of(path) == "Sở Tư pháp"
    assert section.blocks[0].startswith("2. Sở Tư pháp tăng cường hướng dẫn")


def test_text_is_nfc() -> None:
    decomposed = unicodedata.normalize("NFD", HA_NOI)
    plan = parse_plan(decomposed, "ha-noi")
    assert plan.meta.locality == "Hà Nội"
    assert all(unicodedata.is_normalized("NFC", b) for _, s in plan.root.walk() for b in s.blocks)


def test_text_without_outline_is_refused() -> None:
    with pytest.raises(PlanParseError):
        parse_plan("Một đoạn văn bất kỳ không có mục lục.\n", "x")


def test_table_pipes_are_not_text() -> None:
    assert read_paragraphs("| Số: 1222/KH-UBND |\n|\n| Cao Bằng |") == [
        "Số: 1222/KH-UBND",
        "Cao Bằng",
    ]


def test_chunks_follow_sections_and_fit_budget() -> None:
    plan = parse_plan(CAO_BANG, "cao-bang")
    chunks = chunk_plan(plan, lambda t: len(t.split()), max_tokens=40)
    justice = [c for c in chunks if c.section.endswith("3. Sở Tư pháp")]
    assert [c.text for c in justice] == [
        "- Hướng dẫn triển khai, chỉ đạo thực hiện chỉ tiêu 14 của Kế hoạch."
    ]
    assert justice[0].agency == "Sở Tư pháp"
    assert all(len(c.text.split()) <= 40 for c in chunks)
    # every chunk belongs to exactly one section; ids are stable across runs
    again = chunk_plan(parse_plan(CAO_BANG, "cao-bang"), lambda t: len(t.split()), max_tokens=40)
    assert [c.id for c in chunks] == [c.id for c in again]
    assert len({c.id for c in chunks}) == len(chunks)


def test_long_section_splits_between_bullets() -> None:
    bullets = "\n".join(f"- Nhiệm vụ số {i} của Sở Y tế về chăm sóc trẻ em." for i in range(30))
    text = f"I. TỔ CHỨC THỰC HIỆN\n1. Sở Y tế\n{bullets}\n"
    chunks = chunk_plan(parse_plan(text, "d"), lambda t: len(t.split()), max_tokens=60)
    assert len(chunks) > 1
    assert all(c.section == "I. TỔ CHỨC THỰC HIỆN › 1. Sở Y tế" for c in chunks)
    joined = "\n".join(c.text for c in chunks).split("\n")
    assert joined == bullets.split("\n")  # nothing lost, nothing cut mid-bullet
