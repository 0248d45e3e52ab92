"""Answer behaviour on the real index: grounding, citations, follow-ups, refusals."""

from __future__ import annotations

import re

import pytest

from assistant.retrieve.followup import is_followup, rewrite
from assistant.retrieve.query import agency_key, detect_agency, detect_documents, foreign_place
from assistant.service import AssistantService
from assistant.text import collapse_spaces, fold_diacritics, keyword_tokens
from assistant.types import DocumentMeta, Turn

JUSTICE_PLANS = {"Hà Nội", "Cao Bằng", "Cần Thơ", "Long Khánh"}


def quotes(text: str) -> list[str]:
    return [q.strip(" …") for q in re.findall(r"“(.+?)”", text)]


def cited_localities(
    service: AssistantService, question: str, history: list[Turn] | None = None
) -> set[str]:
    answer = service.ask(question, history or [])
    return {c.hit.document.locality or "" for c in answer.citations}


@pytest.mark.parametrize(
    "question", ["Sở Tư pháp phải làm gì?", "so tu phap phai lam gi", "SỞ TƯ PHÁP phải làm gì"]
)
def test_department_of_justice_across_plans(service: AssistantService, question: str) -> None:
    answer = service.ask(question)
    assert answer.status == "answered"
    assert {c.hit.document.locality for c in answer.citations} == JUSTICE_PLANS
    for c in answer.citations:
        assert f"[{c.n}]" in answer.text
        assert "Tư pháp" in c.hit.chunk.section
    assert "Hải Phòng" in answer.text and "bị cắt" in answer.text


def test_every_quote_is_in_its_cited_passage(service: AssistantService) -> None:
    for question in [
        "Sở Tư pháp phải làm gì?",
        "Chỉ tiêu đăng ký khai sinh ở Cao Bằng là bao nhiêu?",
        "Số điện thoại đường dây nóng bảo vệ trẻ em?",
        "Công an có trách nhiệm gì?",
    ]:
        answer = service.ask(question)
        passages = collapse_spaces(" ".join(c.hit.chunk.text for c in answer.citations))
        found = quotes(answer.text)
        assert found, question
        for quote in found:
            for piece in quote.split(" … "):
                assert collapse_spaces(piece.strip("… ")) in passages, (question, piece)


def test_numbers_are_quoted_exactly(service: AssistantService) -> None:
    answer = service.ask("Chỉ tiêu tỷ lệ trẻ em dưới 5 tuổi được đăng ký khai sinh ở Cao Bằng?")
    assert answer.status == "answered"
    assert "98,5%" in answer.text
    assert {c.hit.document.locality for c in answer.citations} == {"Cao Bằng"}
    hotline = service.ask("Đường dây nóng của Quỹ Bảo trợ trẻ em Hà Nội số mấy?")
    assert "0243.22.33.111" in hotline.text


def test_answers_are_concise(service: AssistantService) -> None:
    answer = service.ask("Sở Y tế Cao Bằng phải làm gì?")
    assert {c.hit.document.locality for c in answer.citations} == {"Cao Bằng"}
    assert len(answer.text) < 1500
    assert len(answer.text) < sum(len(c.hit.chunk.text) for c in answer.citations) + 200


def test_followups_carry_the_previous_turn(service: AssistantService) -> None:
    first = "Sở Tư pháp Hà Nội phải làm gì?"
    history = [Turn("user", first), Turn("assistant", service.ask(first).text)]
    health = service.ask("Còn Sở Y tế thì sao?", history)
    assert health.question_used == "Sở Y tế Hà Nội phải làm gì?"
    assert {c.hit.document.locality for c in health.citations} == {"Hà Nội"}
    assert all("Y tế" in c.hit.chunk.section for c in health.citations)

    history = [Turn("user", "Sở Tư pháp phải làm gì?"), Turn("assistant", "...")]
    long_khanh = service.ask("Còn Long Khánh?", history)
    assert "Long Khánh" in long_khanh.question_used and "Tư pháp" in long_khanh.question_used
    assert {c.hit.chunk.section for c in long_khanh.citations} == {
        "IV. TỔ CHỨC THỰC HIỆN › 5. Phòng Tư pháp"
    }


@pytest.mark.parametrize(
    "question",
    [
        "Kế hoạch của Đà Nẵng giao Sở Y tế việc gì?",
        "Thời tiết hôm nay thế nào?",
        "Thủ tục đăng ký kết hôn cần giấy tờ gì?",
        "Theo Kế hoạch 216 của Hải Phòng, Sở Tư pháp được giao nhiệm vụ gì?",
    ],
)
def test_unanswerable_questions_are_refused(service: AssistantService, question: str) -> None:
    answer = service.ask(question)
    assert answer.status == "no_answer"
    assert answer.citations == []
    assert answer.text


def test_truncated_plan_says_why(service: AssistantService) -> None:
    answer = service.ask("Hải Phòng giao Công an thành phố làm gì?")
    assert answer.status == "no_answer"
    assert "Hải Phòng" in answer.text and "[...]" in answer.text


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Ai ký Kế hoạch 1222/KH-UBND?", "Trịnh Trường Huy"),
        ("Kế hoạch của Hải Phòng do ai ký?", "Lê Khắc Nam"),
        ("Kế hoạch Hà Nội ban hành ngày nào?", "ngày 01 tháng 7 năm 2024"),
        ("Số hiệu kế hoạch của Long Khánh?", "1515/KH-UBND"),
    ],
)
def test_metadata_questions(service: AssistantService, question: str, expected: str) -> None:
    answer = service.ask(question)
    assert answer.status == "answered"
    assert expected in answer.text
    assert all(expected in c.hit.chunk.text for c in answer.citations[:1])


def test_plan_named_by_number_or_year_restricts_search(service: AssistantService) -> None:
    hits = service.search("kế hoạch 1222 giao Công an làm gì", top_k=3)
    assert {h.document.id for h in hits} == {"cao-bang-1222-kh-ubnd-2024"}
    hits = service.search("kế hoạch năm 2017 giao Sở Y tế", top_k=3)
    assert {h.document.id for h in hits} == {"can-tho-bao-ve-tre-em-2017"}


DOCS = [
    DocumentMeta(
        id="hn", source="hn.txt", title="t", locality="Hà Nội", number="203/KH-UBND", year=2024
    ),
    DocumentMeta(
        id="lk", source="lk.txt", title="t", locality="Long Khánh", number="1515/KH-UBND", year=2024
    ),
    DocumentMeta(id="ct", source="ct.txt", title="t", locality="Cần Thơ", year=2017),
]
KEYS = ["tu phap", "y te", "giao duc va dao tao", "cong an", "lao dong thuong binh va xa hoi"]


def test_query_analysis_units() -> None:
    assert fold_diacritics("Sở Tư pháp Đồng Nai") == "so tu phap dong nai"
    assert agency_key("Phòng Tư pháp") == agency_key("Sở Tư pháp") == "tu phap"
    assert agency_key("Công an Thành phố") == "cong an"
    assert agency_key("Phòng Y tế; Trung tâm Y tế thành phố") == "y te"
    assert detect_agency("so giao duc lam gi", KEYS) == "giao duc va dao tao"
    assert detect_agency("công tác giáo dục trẻ em", KEYS) is None
    assert detect_documents("ke hoach 1515 giao gi", DOCS) == ("lk",)
    assert detect_documents("Kế hoạch năm 2017", DOCS) == ("ct",)
    assert detect_documents("Sở Y tế ở ha noi", DOCS) == ("hn",)
    assert foreign_place("Kế hoạch của Đà Nẵng?", DOCS) == "Da Nang"
    assert foreign_place("Sở Tư pháp Long Khánh", DOCS) is None
    assert "tu_phap" in keyword_tokens("Sở Tư pháp") and "tu_phap" in keyword_tokens("so tu phap")


def test_followup_rewrite_units() -> None:
    history = [Turn("user", "Sở Tư pháp Hà Nội phải làm gì?"), Turn("assistant", "...")]
    assert is_followup("Còn Sở Y tế thì sao?") and not is_followup("Sở Y tế phải làm gì?")
    assert rewrite("Còn Sở Y tế thì sao?", history, DOCS, KEYS) == "Sở Y tế Hà Nội phải làm gì?"
    assert rewrite("Còn Long Khánh?", history, DOCS, KEYS) == "Sở Tư pháp phải làm gì ở Long Khánh?"
    assert rewrite("Sở Y tế phải làm gì?", history, DOCS, KEYS) == "Sở Y tế phải làm gì?"
    assert rewrite("Còn Sở Y tế thì sao?", [], DOCS, KEYS) == "Còn Sở Y tế thì sao?"
