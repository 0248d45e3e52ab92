"""Follow-ups pointing at a value or item of an earlier answer's quote ("hạn đó", "con số
này", "việc thứ hai (điểm b)") are asked within the passage that answer quoted, while
persons and bodies ("trung tâm đó", "phần việc của sở đó") keep their own handling; on the
real index (issue 9, round 18)."""

from __future__ import annotations

import pytest

from assistant.service import AssistantService
from assistant.types import Turn
from assistant.understand.followup import _figure_subject

LONG_KHANH_REPORTING = [
    Turn("user", "Các đơn vị ở Long Khánh báo cáo kết quả khi nào?"),
    Turn(
        "assistant",
        "**Long Khánh – Kế hoạch 1515/KH-UBND** — V. CHẾ ĐỘ THÔNG TIN, BÁO CÁO [1]:\n"
        "- “1. Định kỳ hằng năm trước ngày 25/11, các đơn vị báo cáo kết quả thực hiện về "
        "UBND thành phố…”",
    ),
]

# a figure, then a turn about who carries it out: "con số đó" is the older answer's figure
CAO_BANG_FIGURE_THEN_OWNER = [
    Turn("user", "Cao Bằng muốn bao nhiêu phần trăm xã đạt tiêu chuẩn phù hợp với trẻ em?"),
    Turn(
        "assistant",
        "**Cao Bằng – Kế hoạch 1222/KH-UBND** — II. MỤC TIÊU › 2. Mục tiêu cụ thể › a) Về "
        "phát triển toàn diện trẻ em, chăm sóc sức khỏe, dinh dưỡng cho trẻ em [1]:\n"
        "- “Chỉ tiêu 1: Tỷ lệ xã, phường, thị trấn đạt tiêu chuẩn phù hợp với trẻ em đạt 87% "
        "vào năm 2025…”",
    ),
    Turn("user", "sở nào phụ trách?"),
    Turn(
        "assistant",
        "**Cao Bằng – Kế hoạch 1222/KH-UBND** — IV. TỔ CHỨC THỰC HIỆN › 1. Sở Lao động - "
        "Thương binh và Xã hội [1]:\n- “Triển khai các nhiệm vụ và giải pháp hoàn thành các "
        "chỉ tiêu 1, 2, 8, 9, 10, 11, 12, 22, 23, 24 của Kế hoạch.”",
    ),
]

# an answer that says a body has two points and shows only the first
LONG_KHANH_HEALTH_FIRST_POINT = [
    Turn("user", "Phòng Y tế Long Khánh được giao gì?"),
    Turn(
        "assistant",
        "Phòng Y tế được giao hai điểm. **Long Khánh – Kế hoạch 1515/KH-UBND** — IV. TỔ CHỨC "
        "THỰC HIỆN › 3. Phòng Y tế; Trung tâm Y tế thành phố [1]:\n- “a) Chủ trì triển khai "
        "thực hiện có hiệu quả các chiến lược, chương trình về dinh dưỡng, tiêm chủng mở rộng…”",
    ),
]


@pytest.mark.parametrize(
    "question", ["Thời hạn ấy gửi báo cáo qua phòng nào?", "hạn này áp dụng cho ai?"]
)
def test_a_deadline_pointed_at_is_asked_in_the_quoted_section(
    service: AssistantService, question: str
) -> None:
    understood = service.understand(question, LONG_KHANH_REPORTING)
    assert understood.standalone.startswith("CHẾ ĐỘ THÔNG TIN, BÁO CÁO (Long Khánh) — ")
    assert understood.plans == ("long-khanh-1515-kh-ubnd-2024",)


@pytest.mark.parametrize(
    "question", ["Con số đó đến năm 2030 là bao nhiêu?", "tỷ lệ ấy năm 2030 thì sao?"]
)
def test_a_figure_pointed_at_is_the_older_answers_figure(
    service: AssistantService, question: str
) -> None:
    understood = service.understand(question, CAO_BANG_FIGURE_THEN_OWNER)
    # the figure's own section and what it measures, not the owner's duties
    assert understood.standalone.startswith("Về phát triển toàn diện trẻ em")
    assert "Tỷ lệ xã, phường, thị trấn" in understood.standalone
    assert "Sở Lao động" not in understood.standalone
    answer = service.ask(question, CAO_BANG_FIGURE_THEN_OWNER)
    assert "90%" in answer.text


@pytest.mark.parametrize(
    "question", ["Ý thứ hai (điểm b) nói về gì?", "điểm thứ hai cụ thể là gì?"]
)
def test_a_point_the_answer_did_not_show_is_asked_as_the_bodys_list(
    service: AssistantService, question: str
) -> None:
    understood = service.understand(question, LONG_KHANH_HEALTH_FIRST_POINT)
    assert understood.standalone.endswith("(Long Khánh) phải làm gì?")
    answer = service.ask(question, LONG_KHANH_HEALTH_FIRST_POINT)
    # point b) of Phòng Y tế: medical care for children under six
    assert "khám bệnh, chữa bệnh cho trẻ em dưới 6 tuổi" in answer.text


def test_a_point_asked_more_of_keeps_what_it_asks(service: AssistantService) -> None:
    understood = service.understand(
        "Điểm thứ hai có nhắc tới khám chữa bệnh không?", LONG_KHANH_HEALTH_FIRST_POINT
    )
    assert understood.standalone == (
        "Phòng Y tế; Trung tâm Y tế thành phố (Long Khánh) — có nhắc tới khám chữa bệnh không?"
    )


@pytest.mark.parametrize(
    "question",
    [
        "Trung tâm đó có trách nhiệm gì?",  # a body, not a value
        "Ông ấy phụ trách việc gì?",  # a person
        "trong phần việc của sở đó, chỗ nào nói tới dinh dưỡng?",  # "sở đó", a body
        "việc do Sở Y tế chủ trì là gì?",  # typed with marks, "do" is "by"
    ],
)
def test_persons_bodies_and_by_are_no_value(service: AssistantService, question: str) -> None:
    understood = service.understand(question, LONG_KHANH_HEALTH_FIRST_POINT)
    assert not understood.standalone.startswith(
        "Phòng Y tế; Trung tâm Y tế thành phố (Long Khánh) — "
    )


@pytest.mark.parametrize(
    ("quote", "subject"),
    [
        (
            "Chỉ tiêu 8: Giảm dần tỷ lệ trẻ em có hoàn cảnh đặc biệt; trên 90% trẻ em có hoàn "
            "cảnh đặc biệt được chăm sóc",
            "Chỉ tiêu 8: Giảm dần tỷ lệ trẻ em có hoàn cảnh đặc biệt",
        ),
        # years date a figure; a quote with none but years names no figure
        ("Chỉ tiêu 9: Giảm dần tỷ lệ trẻ em bị xâm hại giai đoạn từ năm 2024 đến năm 2030.", ""),
        ("Không có số liệu.", ""),
    ],
)
def test_what_a_figure_measures(quote: str, subject: str) -> None:
    answer = f"**Cao Bằng – Kế hoạch 1222/KH-UBND** — II. MỤC TIÊU [1]:\n- “{quote}”"
    assert _figure_subject(answer) == subject
