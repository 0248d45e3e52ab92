"""The signer's position, on the real index: quoted from the signature block, said to be
missing where the text has none (Hải Phòng's copy names its signer only in a header)."""

from __future__ import annotations

from assistant.service import AssistantService
from assistant.text import fold_diacritics
from assistant.understand.intents import intents_of


def test_position_is_its_own_metadata_fact() -> None:
    assert intents_of(fold_diacritics("Ông Lê Khắc Nam ký với chức vụ gì?")) == {"position"}
    assert intents_of(fold_diacritics("Kế hoạch do ai ký, chức vụ gì?")) == {"position", "signer"}


def test_position_from_the_signature_block(service: AssistantService) -> None:
    answer = service.ask("Người ký Kế hoạch 1515 của Long Khánh giữ chức vụ gì?")
    assert answer.status == "answered" and "PHÓ CHỦ TỊCH" in answer.text
    assert all(c.hit.chunk.document_id.startswith("long-khanh") for c in answer.citations)


def test_the_plan_of_a_named_signer(service: AssistantService) -> None:
    answer = service.ask("Bà Vũ Thu Hà ký kế hoạch với cương vị, chức vụ gì?")
    assert answer.status == "answered"
    assert {c.hit.chunk.document_id for c in answer.citations} == {"ha-noi-203-kh-ubnd-2024"}


def test_no_signature_block_no_position(service: AssistantService) -> None:
    answer = service.ask("Ông Lê Khắc Nam ký Kế hoạch 216 Hải Phòng với chức danh gì?")
    assert answer.status == "no_answer" and "văn bản không ghi" in answer.text
