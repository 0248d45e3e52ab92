"""A conversation keeps its plans past its first turn, points into the previous answer,
and lets go of its plans when the user turns to a new topic, on the real index (issue 9,
round 18)."""

from __future__ import annotations

import pytest

from assistant.service import AssistantService
from assistant.types import Turn
from assistant.understand.followup import turns_to_new_topic

CAO_BANG = "cao-bang-1222-kh-ubnd-2024"
LONG_KHANH = "long-khanh-1515-kh-ubnd-2024"
HA_NOI = "ha-noi-203-kh-ubnd-2024"

LONG_KHANH_HEALTH = [
    Turn("user", "Phòng Y tế Long Khánh được giao những việc gì?"),
    Turn(
        "assistant",
        "**Long Khánh – Kế hoạch 1515/KH-UBND** — IV. TỔ CHỨC THỰC HIỆN › 3. Phòng Y tế "
        "[1]:\n- “a) Chủ trì, phối hợp với các cơ quan, đơn vị liên quan thực hiện các "
        "chỉ tiêu về chăm sóc sức khỏe trẻ em.”",
    ),
]


@pytest.mark.parametrize(
    ("text", "turns"),
    [
        ("À mà cho hỏi tổng đài 111 là gì?", True),
        ("Đổi chủ đề chút: kế hoạch nào ban hành sớm nhất?", True),
        ("câu khác nhé, trẻ em khuyết tật được hỗ trợ gì?", True),
        ("a ma tong dai 111 la gi", True),
        ("Ai tổng hợp báo cáo?", False),
        ("Còn Sở Tư pháp thì sao?", False),
    ],
)
def test_what_turns_to_a_new_topic(text: str, turns: bool) -> None:
    assert turns_to_new_topic(text) is turns


def test_a_question_naming_no_plan_keeps_the_conversations_plan(
    service: AssistantService,
) -> None:
    question = service.understand("kinh phí thực hiện lấy từ nguồn nào?", LONG_KHANH_HEALTH)
    assert question.plans == (LONG_KHANH,)


def test_the_plan_is_kept_through_a_turn_that_named_none(service: AssistantService) -> None:
    history = [
        *LONG_KHANH_HEALTH,
        Turn("user", "trong đó có nhắc tới tiêm chủng không?"),
        Turn("assistant", "Không thấy trong phần việc của Phòng Y tế."),
    ]
    question = service.understand("Thế còn Phòng Giáo dục và Đào tạo thì làm những gì?", history)
    assert question.plans == (LONG_KHANH,)
    # the new body's own question, not the previous turn's narrowing
    assert "tiêm chủng" not in question.standalone
    assert "Giáo dục" in question.standalone


@pytest.mark.parametrize(
    "text",
    [
        "Đổi chủ đề nhé: tổng đài 111 hoạt động ra sao?",
        "Kế hoạch nào có nói về trẻ em khuyết tật?",
        "Bắc Giang giao Sở Y tế những việc gì?",
    ],
)
def test_a_new_topic_another_place_or_all_plans_drops_the_old_plan(
    service: AssistantService, text: str
) -> None:
    question = service.understand(text, LONG_KHANH_HEALTH)
    assert LONG_KHANH not in question.plans


def test_within_the_previous_answer_is_asked_of_its_section(service: AssistantService) -> None:
    question = service.understand(
        "trong phần đó có nói gì về trẻ em khuyết tật không?", LONG_KHANH_HEALTH
    )
    assert question.standalone.startswith("Phòng Y tế (Long Khánh)")
    assert "khuyết tật" in question.standalone
    assert question.plans == (LONG_KHANH,)


def test_an_ordinal_picks_the_item_the_previous_answer_listed(service: AssistantService) -> None:
    history = [
        Turn("user", "Kế hoạch 2017 của Cần Thơ gồm những nội dung nào?"),
        Turn(
            "assistant",
            "Kế hoạch có các nội dung: 1. Truyền thông, giáo dục, vận động xã hội…; "
            "2. Củng cố hệ thống tổ chức, nhân lực…; 3. Phát triển hệ thống cung cấp dịch vụ…",
        ),
    ]
    question = service.understand("ý thứ hai cụ thể gồm gì?", history)
    assert question.standalone.startswith("Củng cố hệ thống tổ chức")
    assert "Cần Thơ" in question.standalone


def test_a_plan_cited_two_answers_back_is_the_plan_pointed_at(service: AssistantService) -> None:
    history = [
        Turn("user", "Hà Nội có kế hoạch nào riêng về trẻ em trên mạng không?"),
        Turn(
            "assistant",
            "Có. Kế hoạch 203/KH-UBND nhắc tới “Kế hoạch số 308/KH-UBND ngày 01/12/2022 của "
            "UBND Thành phố về việc bảo vệ và hỗ trợ trẻ em tương tác lành mạnh, sáng tạo "
            "trên môi trường mạng”.",
        ),
        Turn("user", "ban hành năm nào?"),
        Turn("assistant", "Năm 2022."),
    ]
    question = service.understand("Cơ quan nào chủ trì kế hoạch ấy?", history)
    assert "308" in question.standalone
