"""Follow-ups that pick an item the previous answer listed ("cái 13", "cái đó", "chỉ tiêu
đầu tiên trong số đó"), a bare field after "còn" that swaps the previous agency's field, and
a superlative over every plan's date, on the real index (issue 9, rounds 15 and 16)."""

from __future__ import annotations

import pytest

from assistant.service import AssistantService
from assistant.types import Turn
from assistant.understand.intents import first_of_plans

CAO_BANG = "cao-bang-1222-kh-ubnd-2024"
LONG_KHANH = "long-khanh-1515-kh-ubnd-2024"

LISTING = [
    Turn("user", "Sở Văn hóa Cao Bằng phụ trách mấy chỉ tiêu"),
    Turn(
        "assistant",
        "Theo Kế hoạch 1222/KH-UBND, Sở Văn hóa - Thể thao và Du lịch hướng dẫn triển khai "
        "các chỉ tiêu 13, 21 của Kế hoạch.",
    ),
]


def test_a_number_picked_from_the_listed_items_is_that_item(service: AssistantService) -> None:
    question = service.understand("thế cái 13 nói gì", LISTING)
    assert "Chỉ tiêu 13" in question.standalone
    assert question.plans == (CAO_BANG,)
    answer = service.ask("thế cái 13 nói gì", LISTING)
    assert answer.status == "answered"
    assert "tảo hôn" in answer.text


def test_a_number_the_answer_did_not_list_is_no_pick(service: AssistantService) -> None:
    assert "Chỉ tiêu" not in service.understand("cái 7 là gì", LISTING).standalone


def test_an_ordinal_among_them_counts_in_the_answer_s_list(service: AssistantService) -> None:
    history = [
        Turn("user", "Sở Y tế Cao Bằng lo những chỉ tiêu nào?"),
        Turn("assistant", "Sở Y tế hướng dẫn thực hiện các chỉ tiêu 3, 4, 5, 6 của Kế hoạch."),
    ]
    first = service.understand("Cái đầu tiên trong số đó là gì?", history)
    assert "Chỉ tiêu 3" in first.standalone and first.plans == (CAO_BANG,)
    last = service.understand("chi tieu cuoi cung trong so do la bao nhieu", history)
    assert "Chỉ tiêu 6" in last.standalone
    # "lần đầu tiên" orders things of its own: nothing is picked from the answer
    own = service.understand("Lần đầu tiên Sở Y tế báo cáo là khi nào?", history)
    assert "Chỉ tiêu" not in own.standalone


def test_that_one_is_the_only_item_the_answer_quoted(service: AssistantService) -> None:
    history = [
        Turn("user", "cao bang co chi tieu khai sinh ko"),
        Turn("assistant", "Có. Chỉ tiêu 14: Tỷ lệ trẻ em dưới 5 tuổi được đăng ký khai sinh."),
    ]
    question = service.understand("cai do den nam nao", history)
    assert "Chỉ tiêu 14" in question.standalone
    answer = service.ask("cai do den nam nao", history)
    assert answer.status == "answered" and "2030" in answer.text
    # of an answer listing several, "cái đó" is not one item
    assert "Chỉ tiêu" not in service.understand("cai do la gi", LISTING).standalone


def test_a_bare_field_after_con_swaps_the_previous_agency(service: AssistantService) -> None:
    history = [
        Turn("user", "phong lao dong lk phai lam gi"),
        Turn("assistant", "Theo Kế hoạch 1515/KH-UBND, Phòng Lao động - Thương binh và Xã hội ..."),
    ]
    question = service.understand("con tu phap thi sao", history)
    assert "tu phap" in question.standalone.lower() or "tư pháp" in question.standalone.lower()
    assert question.plans == (LONG_KHANH,)
    answer = service.ask("con tu phap thi sao", history)
    assert answer.status == "answered"
    assert "Phòng Tư pháp" in answer.text


@pytest.mark.parametrize(
    ("folded", "order"),
    [
        ("ke hoach nao ra doi som nhat", "earliest"),
        ("van ban nao moi nhat trong so cac ke hoach", "latest"),
        ("kh nao duoc ky gan day nhat", "latest"),
        ("ke hoach nao giao so y te nhieu viec nhat", None),
        ("chi tieu nao phai dat som nhat", None),
    ],
)
def test_which_plan_came_first_or_last(folded: str, order: str | None) -> None:
    assert first_of_plans(folded) == order


def test_the_latest_plan_is_answered_from_every_plan_s_date(service: AssistantService) -> None:
    answer = service.ask("Trong các kế hoạch, văn bản nào ban hành gần đây nhất?")
    assert answer.status == "answered"
    lead = answer.text.split("\n")[0]
    assert "muộn nhất" in lead
    dated = [s.meta for s in service.documents() if s.meta.date]
    latest = max(dated, key=lambda d: d.date or "")
    assert latest.label in lead
    # every plan's date is cited, not only the latest's
    assert len({c.hit.document.id for c in answer.citations}) >= 4


def test_whom_the_signer_signs_for_is_the_capacity_line(service: AssistantService) -> None:
    question = service.understand("Kế hoạch 1222 của Cao Bằng do ai ký, ký thay mặt ai?")
    assert {"signer", "position"} <= question.intents
    answer = service.ask("Kế hoạch 1222 của Cao Bằng do ai ký, ký thay mặt ai?")
    assert answer.status == "answered"
    assert "chức vụ người ký" in answer.text and "CHỦ TỊCH" in answer.text


def test_grounds_of_an_agency_s_act_are_not_the_plan_s_basis(service: AssistantService) -> None:
    own = service.understand("Ở Cao Bằng, Sở Tài chính bố trí kinh phí dựa vào đâu?")
    assert "basis" not in own.intents
    answer = service.ask("Ở Cao Bằng, Sở Tài chính bố trí kinh phí dựa vào đâu?")
    assert any("Sở Tài chính" in c.hit.chunk.section for c in answer.citations)
    # the plan's own grounds are still its basis
    assert "basis" in service.understand("Kế hoạch 1222 của Cao Bằng căn cứ vào đâu?").intents


def test_a_long_follow_up_opened_with_the_keeps_the_plan(service: AssistantService) -> None:
    history = [
        Turn("user", "Kế hoạch Long Khánh nhằm mục đích gì?"),
        Turn("assistant", "Theo Kế hoạch 1515/KH-UBND, kế hoạch nhằm nâng cao nhận thức ..."),
    ]
    question = service.understand(
        "Thế phần yêu cầu của nó đòi hỏi các đơn vị phải làm những gì cụ thể?", history
    )
    assert question.plans == (LONG_KHANH,)
