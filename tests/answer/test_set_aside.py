"""What a question sets aside ("Ngoài X, ... còn gì") does not choose the quotes (issue 9,
item 2), on the real index and with wordings no gold row has."""

from __future__ import annotations

import pytest

from assistant.answer.extractive import set_aside_terms, without_set_aside
from assistant.service import AssistantService


@pytest.mark.parametrize(
    ("question", "aside"),
    [
        ("Ngoài kinh phí nhà nước, Cần Thơ còn vận động tiền từ đâu?", {"kinh", "phi"}),
        ("ngoài tai nạn đuối nước ra thì trẻ còn gặp nguy cơ gì?", {"duoi", "nuoc"}),
        ("Ngoài bạo lực, Hà Nội còn phòng ngừa những nguy cơ nào cho trẻ?", {"bao", "luc"}),
    ],
)
def test_the_words_after_besides_are_set_aside(
    service: AssistantService, question: str, aside: set[str]
) -> None:
    understood = service.understand(question)
    terms = set_aside_terms(understood)
    folded = {s for t in terms for s in understood.folded_term(t).split("_")}
    assert aside <= folded
    # what is asked stays: the question's other words still choose the quotes
    kept = without_set_aside(understood).quote_terms
    assert kept and not kept & terms
    assert kept | terms == understood.quote_terms


@pytest.mark.parametrize(
    "question",
    [
        "Ngoài ra Sở Y tế Hà Nội còn phải làm gì?",  # "moreover": nothing set aside
        "Tổ chức nước ngoài tài trợ cho trẻ em Cần Thơ thì sao?",  # abroad
        "Trẻ em sinh ra ngoài giá thú được hỗ trợ gì?",  # no "besides" clause
    ],
)
def test_other_uses_of_ngoai_set_nothing_aside(service: AssistantService, question: str) -> None:
    understood = service.understand(question)
    assert set_aside_terms(understood) == frozenset()
    assert without_set_aside(understood) is understood
