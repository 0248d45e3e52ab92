"""Follow-ups that ask only a value, that point at a document the previous turn named, and
questions opened by a self-introduction, on the real index (issue 9, rounds 8 and 9)."""

from __future__ import annotations

import pytest

from assistant.service import AssistantService
from assistant.types import Turn
from assistant.understand.followup import asks_only_value, asks_own_topic
from assistant.understand.question import without_self_introduction

LONG_KHANH = "long-khanh-1515-kh-ubnd-2024"
HA_NOI = "ha-noi-203-kh-ubnd-2024"


@pytest.mark.parametrize(
    ("text", "only_value"),
    [
        ("vậy hạn cuối là ngày mấy?", True),
        ("Thế thời hạn là khi nào?", True),
        ("chậm nhất là lúc nào", True),
        ("Còn năm 2030 là bao nhiêu?", True),
        ("ở đâu?", True),
        ("Kinh phí lấy từ đâu?", False),
        ("Sở Y tế phải làm gì?", False),
        ("Còn Long Khánh thì sao?", False),  # asks nothing: a place swapped, not a value
    ],
)
def test_what_asks_only_a_value(text: str, only_value: bool) -> None:
    assert asks_only_value(text) is only_value


def test_the_kind_of_value_asked_is_no_topic_of_its_own() -> None:
    assert not asks_own_topic("Còn Hà Nội thì hạn chót là ngày nào?", ["Hà Nội"])
    assert asks_own_topic("Ngoài ngân sách ra thì còn nguồn nào?")


def test_a_follow_up_asking_only_a_value_keeps_the_previous_topic(
    service: AssistantService,
) -> None:
    history = [
        Turn("user", "Ở Long Khánh, phòng nào tổng hợp báo cáo kết quả thực hiện kế hoạch?"),
        Turn(
            "assistant",
            "Theo Kế hoạch 1515/KH-UBND, Phòng Lao động - Thương binh và Xã hội tổng hợp, "
            "báo cáo kết quả thực hiện Kế hoạch.",
        ),
    ]
    question = service.understand("vậy hạn cuối là ngày mấy?", history)
    assert "báo cáo" in question.standalone
    assert question.plans == (LONG_KHANH,)
    answer = service.ask("vậy hạn cuối là ngày mấy?", history)
    assert answer.status == "answered"
    assert "10/12" in answer.text or "25/11" in answer.text


def test_the_asking_phrase_a_previous_question_ends_with_gives_way(
    service: AssistantService,
) -> None:
    history = [
        Turn("user", "ubnd cac quan huyen o can tho gui bao cao ket qua ve dau"),
        Turn("assistant", "Theo kế hoạch năm 2017 của Cần Thơ, báo cáo Sở Lao động - ..."),
    ]
    question = service.understand("Thế thời hạn là khi nào?", history)
    assert "bao cao" in question.standalone and "ve dau" not in question.standalone
    assert "deadline" in question.intents


CITING = [
    Turn("user", "Long Khánh lập danh sách cộng tác viên dân số căn cứ văn bản nào?"),
    Turn(
        "assistant",
        "Theo Kế hoạch 1515/KH-UBND, rà soát, lập danh sách cán bộ, công tác viên đảm bảo "
        "theo Quyết định số 20/2022/QĐ-UBND ngày 15/4/2022.",
    ),
]


def test_a_kind_pointed_at_is_the_document_the_previous_turn_cites(
    service: AssistantService,
) -> None:
    question = service.understand("Quyết định này ban hành ngày nào?", CITING)
    assert "20/2022" in question.standalone
    assert question.plans == (LONG_KHANH,)
    answer = service.ask("Quyết định này ban hành ngày nào?", CITING)
    assert "15/4/2022" in answer.text


def test_the_signer_of_a_cited_document_is_not_in_the_plans(service: AssistantService) -> None:
    answer = service.ask("quyet dinh ay ai ky", CITING)
    assert answer.status == "no_answer"
    assert "20/2022" in answer.text  # says which document the plan only cites


def test_a_cited_plan_asked_about_is_what_its_kind_points_at(service: AssistantService) -> None:
    history = [
        Turn("user", "Hà Nội giao ai thực hiện Kế hoạch số 308/KH-UBND?"),
        Turn(
            "assistant",
            "Theo Kế hoạch 203/KH-UBND, Sở Thông tin và Truyền thông chủ trì thực hiện hiệu "
            "quả Kế hoạch số 308/KH-UBND ngày 01/12/2022 của UBND Thành phố.",
        ),
    ]
    question = service.understand("Kế hoạch ấy thực hiện trong giai đoạn nào?", history)
    assert "308" in question.standalone
    assert question.plans == (HA_NOI,)
    answer = service.ask("Kế hoạch ấy thực hiện trong giai đoạn nào?", history)
    assert "2022-2025" in answer.text


def test_the_plan_an_answer_speaks_from_is_what_kế_hoạch_đó_means(
    service: AssistantService,
) -> None:
    history = [
        Turn("user", "Sở Thông tin và Truyền thông Hà Nội có nhiệm vụ gì?"),
        Turn(
            "assistant",
            "Theo Kế hoạch 203/KH-UBND, Sở Thông tin và Truyền thông chủ trì thực hiện hiệu "
            "quả Kế hoạch số 308/KH-UBND ngày 01/12/2022 của UBND Thành phố.",
        ),
    ]
    question = service.understand("Kế hoạch đó do ai ký?", history)
    assert "203" in question.standalone and "308" not in question.standalone


def test_an_introduction_goes_on_over_what_the_asker_is_doing() -> None:
    rest, intro = without_self_introduction(
        "Kính gửi trợ lý, tôi là cán bộ Phòng Y tế, đang chuẩn bị buổi tập huấn cho cộng "
        "tác viên. Xin hỏi trẻ bị xâm hại thì báo ai?"
    )
    assert rest == "Xin hỏi trẻ bị xâm hại thì báo ai?"
    assert intro.startswith("tôi là cán bộ Phòng Y tế") and "tập huấn" in intro


@pytest.mark.parametrize(
    "text",
    [
        "Em đang bị bạn bắt nạt ở trường, em phải báo ai?",  # what befalls the asker
        "Chào trợ lý, theo Kế hoạch 203, Sở Y tế phải làm gì?",  # a greeting is one clause
    ],
)
def test_the_question_s_own_words_stay(text: str) -> None:
    rest, _ = without_self_introduction(text)
    assert "bắt nạt" in rest or "Kế hoạch 203" in rest


def test_a_preamble_s_words_are_not_the_topic(service: AssistantService) -> None:
    text = (
        "Chào các anh chị, tôi là tổng phụ trách Đội ở Cần Thơ, đang chuẩn bị buổi sinh hoạt "
        "về an toàn cho học sinh. Xin hỏi kế hoạch năm 2017 yêu cầu ngành giáo dục đưa "
        "những kỹ năng nào vào chương trình?"
    )
    question = service.understand(text)
    assert "sinh hoạt" not in question.standalone
    answer = service.ask(text)
    assert answer.status == "answered"
    assert "kỹ năng tự bảo vệ" in answer.text


def test_the_asker_s_own_body_is_written_into_the_question(service: AssistantService) -> None:
    text = (
        "Chào anh chị, tôi là cán bộ Phòng Văn hóa – Thông tin Long Khánh, đang chuẩn bị tập "
        "huấn cho cán bộ văn hóa phường xã. Cho tôi hỏi phòng tôi phải làm gì với thông tin "
        "xấu về trẻ em trên mạng xã hội?"
    )
    question = service.understand(text)
    assert "Phòng Văn hóa – Thông tin" in question.standalone
    assert question.plans == (LONG_KHANH,)
    answer = service.ask(text)
    assert "Phòng Văn hóa" in answer.text.split("\n")[0]
