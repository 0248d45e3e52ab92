"""Understanding on the real index: what counts as a law's name, an agency's own name and
the plan a follow-up switches to."""

from __future__ import annotations

from assistant.service import AssistantService
from assistant.types import Turn
from assistant.understand.agencies import proper_name


def test_the_law_in_general_is_no_law_named(service: AssistantService) -> None:
    general = service.understand("Công an làm gì với trẻ em vi phạm pháp luật ở trường giáo dưỡng?")
    assert not [e for e in general.entities if e.kind == "legal"]
    named = service.understand("Luật Trẻ em quy định gì về trợ giúp pháp lý?")
    assert [e.text for e in named.entities if e.kind == "legal"] == ["luat tre em"]


def test_a_body_that_shares_a_first_word_with_a_known_one_is_unknown(
    service: AssistantService,
) -> None:
    other = service.understand("Phòng Tài nguyên và Môi trường Long Khánh làm gì?")
    assert other.agency_keys == frozenset()
    assert [e.text for e in other.entities if e.kind == "agency"] == ["tai nguyen"]
    known = service.understand("Sở Tài chính Hà Nội làm gì?")
    assert "tai chinh" in known.agency_keys


def test_proper_names_of_agencies() -> None:
    assert proper_name("so y te") == "y te"
    assert proper_name("phong tu phap") == "tu phap"
    assert proper_name("cong an") == "cong an"  # "an" alone names nothing
    assert proper_name("ubnd quan") == "quan"


def test_a_followup_to_another_plan_drops_the_old_plan_s_year(service: AssistantService) -> None:
    history = [
        Turn("user", "Kế hoạch Cần Thơ 2017 lấy kinh phí từ đâu?"),
        Turn("assistant", "Ngân sách nhà nước, tài trợ, viện trợ và các nguồn hợp pháp khác."),
    ]
    question = service.understand("Thế còn Hà Nội?", history)
    assert question.plans == ("ha-noi-203-kh-ubnd-2024",)
    assert "2017" not in question.standalone and "Cần Thơ" not in question.standalone
    assert not [e for e in question.entities if e.kind == "year"]


def test_a_followup_naming_an_agency_and_another_plan_keeps_both(
    service: AssistantService,
) -> None:
    history = [
        Turn("user", "Công an tỉnh Cao Bằng làm gì để bảo vệ trẻ em?"),
        Turn("assistant", "Công an tỉnh phòng ngừa, phát hiện và xử lý các hành vi xâm hại."),
    ]
    question = service.understand("Còn công an Long Khánh?", history)
    assert question.plans == ("long-khanh-1515-kh-ubnd-2024",)
    assert "cong an" in question.agency_keys


def test_a_followup_with_a_topic_of_its_own_carries_the_previous_plan(
    service: AssistantService,
) -> None:
    history = [
        Turn("user", "Hà Nội giao Sở Tài chính việc gì trong kế hoạch 203?"),
        Turn("assistant", "Sở Tài chính tham mưu bố trí kinh phí thực hiện Kế hoạch."),
    ]
    question = service.understand(
        "Ngoài Trung ương hỗ trợ ra thì thành phố còn huy động vốn ở những nguồn nào khác?",
        history,
    )
    assert question.plans == ("ha-noi-203-kh-ubnd-2024",)
    # its own topic is kept, not replaced by the previous question's
    assert question.standalone.startswith("Ngoài Trung ương hỗ trợ ra")
    assert "Sở Tài chính" not in question.standalone
    worded = service.understand("Vậy trẻ em khuyết tật được hỗ trợ gì?", history)
    assert worded.plans == ("ha-noi-203-kh-ubnd-2024",)


def test_a_followup_naming_its_own_plan_is_a_new_topic(service: AssistantService) -> None:
    history = [
        Turn("user", "Cần Thơ lấy kinh phí cho chương trình năm 2017 ở đâu?"),
        Turn("assistant", "Ngân sách nhà nước, tài trợ, viện trợ và các nguồn hợp pháp khác."),
    ]
    text = "Vậy kế hoạch của Long Khánh đặt ra những mục tiêu gì?"
    question = service.understand(text, history)
    assert question.plans == ("long-khanh-1515-kh-ubnd-2024",)
    assert question.standalone == text


def test_the_sources_of_money_asked_after_a_plan_are_all_quoted(
    service: AssistantService,
) -> None:
    history = [
        Turn("user", "Chương trình bảo vệ trẻ em năm 2017 của Cần Thơ do ai chủ trì?"),
        Turn("assistant", "Sở Lao động - Thương binh và Xã hội chủ trì."),
    ]
    answer = service.ask("Thế còn tiền thực hiện chương trình lấy từ những nguồn nào?", history)
    assert "Tài trợ, viện trợ" in answer.text
    assert "nguồn hợp pháp khác" in answer.text
