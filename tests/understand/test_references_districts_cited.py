"""Follow-ups pointing back with words of their own ("việc bố trí đó"), districts no plan
names ("Huyện Bảo Lạc"), and documents a plan cites named by kind, subject or period
("chương trình phối hợp", "kế hoạch ... giai đoạn 2016 - 2020")."""

from __future__ import annotations

import pytest

from assistant.service import AssistantService
from assistant.text import fold_diacritics
from assistant.types import DocumentMeta, Turn
from assistant.understand.agencies import AgencyCatalog
from assistant.understand.documents import cited_documents, other_plan
from assistant.understand.followup import context_of, reference, resolve
from assistant.understand.question import districts_named

DOCS = [
    DocumentMeta("lk", "lk.txt", "Chăm sóc trẻ em", "Long Khánh", "1515/KH-UBND"),
    DocumentMeta("ct", "ct.txt", "Bảo vệ trẻ em năm 2017", "Cần Thơ", None, year=2017),
]
CATALOG = AgencyCatalog.from_headings(["Phòng Tài chính – Kế hoạch", "Công an thành phố"])


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Việc tổ chức tập huấn đó do ai chủ trì?", "đó"),
        ("Khoản kinh phí này lấy từ nguồn nào?", "này"),
        ("Nội dung nêu trên có hạn hoàn thành không?", "nêu trên"),
        ("Hoạt động tập huấn kỹ năng ấy diễn ra mấy lần một năm?", "ấy"),
    ],
)
def test_a_thing_named_with_words_of_its_own_points_back(text: str, word: str) -> None:
    found = reference(text)
    assert found is not None and found[0] == "topic"
    start, end = found[1]
    assert text[start:end] == word


@pytest.mark.parametrize(
    "text",
    [
        "Việc triển khai hiện nay thế nào?",  # "nay" (now), not "này"
        "Công tác trẻ em trên địa bàn do ai phụ trách?",  # "trên địa bàn" is a place
        "Nhiệm vụ do Sở Y tế chủ trì là gì?",  # "do" (by)
    ],
)
def test_words_that_only_look_like_a_reference(text: str) -> None:
    assert reference(text) is None


def test_the_reference_carries_the_answers_plan_and_agency() -> None:
    history = [
        Turn("user", "Phòng nào chủ trì thẩm định kinh phí cho công tác trẻ em?"),
        Turn("assistant", "Theo Kế hoạch 1515/KH-UBND của Long Khánh, Phòng Tài chính – Kế hoạch"),
    ]
    ctx = context_of(history, DOCS, CATALOG)
    resolved = resolve("Việc bố trí đó phải theo luật nào?", ctx, DOCS, CATALOG)
    assert "Long Khánh" in resolved and "Phòng Tài chính – Kế hoạch" in resolved
    assert resolved.endswith("Việc bố trí phải theo luật nào?")


def test_districts_named_by_their_own_name_not_in_general() -> None:
    assert districts_named("Quận Ba Đình thực hiện kế hoạch ra sao?") == ["ba dinh"]
    assert districts_named("Phường 5 có nhiệm vụ gì?") == ["phuong 5"]
    assert districts_named("UBND các quận, huyện, thị xã phải làm gì?") == []
    assert districts_named("Quận Ba Đình và các quận khác làm gì?") == []
    assert districts_named("Sở Lao động - Thương binh và Xã hội làm gì?") == []


def test_documents_named_by_kind_subject_or_period() -> None:
    assert [c.number for c in cited_documents("chuong trinh phoi hop so 2060 ky ngay nao", ())] == [
        "2060"
    ]
    title = ["thuc hien chuong trinh bao ve tre em nam 2017"]
    period = fold_diacritics("Kế hoạch bảo vệ trẻ em giai đoạn 2016 - 2020 của Cần Thơ số mấy?")
    assert other_plan(period, ["can tho"], title) is not None
    subject = fold_diacritics("kế hoạch phòng chống đuối nước trẻ em số mấy")
    assert other_plan(subject, ["can tho"], title) is not None
    own = fold_diacritics("Kế hoạch bảo vệ trẻ em năm 2017 của Cần Thơ số mấy?")
    assert other_plan(own, ["can tho"], title) is None
    described = fold_diacritics("Kế hoạch thực hiện chương trình bảo vệ trẻ em năm 2017 số mấy?")
    assert other_plan(described, ["can tho"], title) is None


# --- on the real index -------------------------------------------------------------------


def test_a_followup_about_a_duty_stays_with_the_previous_plan(service: AssistantService) -> None:
    history = [
        Turn("user", "Ở Cần Thơ, phòng nào chủ trì điều tra thân thiện?"),
        Turn("assistant", "Theo kế hoạch năm 2017 của Cần Thơ, Công an thành phố chủ trì."),
    ]
    answer = service.ask("Việc xây dựng quy trình đó phối hợp với cơ quan nào?", history)
    assert answer.status == "answered"
    assert {c.hit.document.locality for c in answer.citations} == {"Cần Thơ"}


def test_a_district_no_plan_names_is_refused_plainly(service: AssistantService) -> None:
    answer = service.ask("Huyện Bảo Lạc của Cao Bằng phải làm gì để giảm tảo hôn?")
    assert answer.status == "no_answer"
    assert "không nhắc đến Bảo Lạc" in answer.text
    general = service.ask("Ủy ban nhân dân các quận, huyện, thị xã ở Hà Nội có nhiệm vụ gì?")
    assert general.status == "answered"
    assert "Ủy ban nhân dân các quận" in general.citations[0].hit.chunk.section


def test_cited_documents_by_kind_subject_and_period(service: AssistantService) -> None:
    joint = service.ask(
        "Cao Bằng có chương trình phối hợp nào về phòng, chống bạo lực trẻ em, ký ngày nào?"
    )
    assert "08/11/2023" in joint.text and "23 tháng 5 năm 2024" not in joint.text
    drowning = service.ask("Kế hoạch phòng chống đuối nước trẻ em của Cao Bằng số mấy?")
    assert "313/KH" in drowning.text and "Số: 1222" not in drowning.text
    period = service.ask(
        "Kế hoạch bảo vệ trẻ em giai đoạn 2016 - 2020 của thành phố Cần Thơ số mấy, ngày nào?"
    )
    assert period.status == "answered"
    assert "24/KH-UBND" in period.text and "02 tháng 3 năm 2016" in period.text
