"""The units to quote are compared with what is asked, not with the plan it is asked of
(issue 9, item 2): the plan a question names is the search's scope; left in the query
vector, its name pulls toward the units naming a place or a document. Real index, wordings
no gold row has."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.answer.extractive import topic_text
from assistant.service import AssistantService
from assistant.types import DocumentMeta


def _documents(service: AssistantService) -> list[DocumentMeta]:
    with service._holder.pinned() as loaded:
        return list(loaded.generation.documents.values())


@pytest.mark.parametrize(
    ("question", "left", "kept"),
    [
        ("Thành phố Long Khánh tính làm gì với trẻ bỏ học?", "Long Khánh", "bỏ học"),
        ("Kế hoạch 1222/KH-UBND tỉnh Cao Bằng bàn gì về nước sạch?", "1222", "nước sạch"),
        ("Ở Hải Phòng, mục tiêu chung là gì?", "Hải Phòng", "mục tiêu chung"),
    ],
)
def test_the_plan_named_is_left_out_of_the_topic(
    service: AssistantService, question: str, left: str, kept: str
) -> None:
    topic = topic_text(service.understand(question), _documents(service))
    assert topic is not None
    assert left not in topic and kept in topic


def test_a_question_naming_no_plan_keeps_its_search_vector(service: AssistantService) -> None:
    documents = _documents(service)
    assert topic_text(service.understand("Trẻ bỏ học được hỗ trợ gì?"), documents) is None
    # nothing but the plan is asked: the search's own vector serves
    assert topic_text(service.understand("Còn Cần Thơ?"), documents) is None


@pytest.mark.parametrize(
    ("question", "locality", "topic_word"),
    [
        ("Long Khánh nói gì về khám sức khỏe cho trẻ?", "Long Khánh", "sức khỏe"),
        ("Hà Nội nói gì về an toàn trên mạng cho trẻ?", "Hà Nội", "mạng"),
    ],
)
def test_the_topic_vector_is_closest_to_a_unit_about_the_topic(
    service: AssistantService, question: str, locality: str, topic_word: str
) -> None:
    """Over the named plan's units, the one closest to the topic vector speaks of the
    topic (the full question's vector prefers the plan's header or a cited decree)."""
    documents = _documents(service)
    topic = topic_text(service.understand(question), documents)
    assert topic is not None
    vector = service._searcher.embed_query(topic)
    with service._holder.pinned() as loaded:
        units = loaded.units
        plan = next(d.id for d in documents if d.locality == locality)
        rows = [(text, row) for ch in units.plan_chunks[plan] for text, row in units.units(ch)]
        sims = units.similarity([row for _, row in rows], vector)
    assert topic_word in rows[int(np.argmax(sims))][0].lower()
