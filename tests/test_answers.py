"""Answer behaviour on the real index: grounding, citations, follow-ups, refusals."""

from __future__ import annotations

import re

import pytest

from assistant.service import AssistantService
from assistant.text import collapse_spaces
from assistant.types import Turn

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
