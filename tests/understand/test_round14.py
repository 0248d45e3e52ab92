"""Understanding slips found by the fourteenth round of fresh questions: a signer referred
to by office or pronoun and asked something besides their signing, a cited document's
number asked, a unit inside a body asked, and "<plan> thì <short question>" after a turn
on another plan. New wordings (not the gold rows'), on the real index."""

from __future__ import annotations

import pytest

from assistant.service import AssistantService
from assistant.types import Turn
from assistant.understand.intents import asked_head
from assistant.understand.vocab import NUMBERED_HEADS, SUBUNIT_HEADS

# --- a signer by office, act or pronoun ------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Người ký Kế hoạch 1222 của Cao Bằng quê ở đâu?",
        "Chủ tịch UBND đã ký kế hoạch 203 của Hà Nội bao nhiêu tuổi?",
        "phó chủ tịch ký kh 1515 long khánh sdt là gì",
    ],
)
def test_a_signer_by_office_asked_of_themselves_is_refused(
    service: AssistantService, text: str
) -> None:
    understood = service.understand(text)
    assert not understood.intents & {"signer", "position"}
    assert any(e.kind == "named_person" for e in understood.entities)
    answer = service.ask(text)
    assert answer.status == "no_answer"
    assert "chỉ nêu tên người ký" in answer.text


@pytest.mark.parametrize(
    "text",
    [
        "Phó Chủ tịch ký Kế hoạch 1515 là ai?",
        "Người ký Kế hoạch 1222 của Cao Bằng giữ chức vụ gì?",
    ],
)
def test_who_signed_and_in_what_office_is_still_answered(
    service: AssistantService, text: str
) -> None:
    answer = service.ask(text)
    assert answer.status == "answered"
    assert not any(e.kind == "named_person" for e in service.understand(text).entities)


def test_a_plan_signed_by_an_office_asked_about_its_content_is_no_person_question(
    service: AssistantService,
) -> None:
    # "chống", "tuổi" are the plan's words here, not the signer's attributes
    text = "Kế hoạch do Chủ tịch ký về phòng chống xâm hại trẻ em dưới 16 tuổi ở Hà Nội là gì?"
    assert not any(e.kind == "named_person" for e in service.understand(text).entities)


def test_a_pronoun_after_a_signer_answer_is_that_signer(service: AssistantService) -> None:
    first = "Ai ký Kế hoạch 1515 của Long Khánh?"
    signed = service.ask(first)
    history = [Turn("user", first), Turn("assistant", signed.text)]
    answer = service.ask("Ông ấy sinh năm nào?", history)
    assert answer.status == "no_answer"
    assert "chỉ nêu tên người ký" in answer.text


# --- a cited document's number asked --------------------------------------------------


@pytest.mark.parametrize(
    ("text", "head"),
    [
        ("so y te kham sang loc theo thong tu nao cua bo y te", "thong tu"),
        ("ho tro tre mo coi theo nghi dinh so may", "nghi dinh"),
        ("ke hoach trien khai chi thi so hieu gi", "chi thi"),
    ],
)
def test_a_cited_document_asked_by_number_is_a_numbered_head(text: str, head: str) -> None:
    assert asked_head(text) == head
    assert head in NUMBERED_HEADS


def test_a_law_asked_by_name_needs_no_number() -> None:
    # "theo luật nào" is answered by "theo quy định của pháp luật về đầu tư công"
    assert asked_head("von dau tu duoc bo tri theo luat nao") not in NUMBERED_HEADS


def test_a_cited_number_no_cited_passage_states_is_refused(service: AssistantService) -> None:
    text = "Sở Y tế Hà Nội khám sàng lọc cho trẻ theo thông tư nào của Bộ Y tế?"
    answer = service.ask(text)
    assert answer.status == "no_answer"
    assert "thông tư" in answer.text.lower()


def test_a_cited_number_the_plan_states_is_answered(service: AssistantService) -> None:
    text = "Kế hoạch 203 của Hà Nội triển khai chỉ thị số mấy của Ban Bí thư?"
    assert "cited" in service.understand(text).intents
    answer = service.ask(text)
    assert answer.status == "answered"
    assert "28-CT/TW" in answer.text


# --- a unit inside a body ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "head"),
    [
        ("bo phan nao cua so y te phu trach kham suc khoe", "bo phan"),
        ("cong an giao don vi truc thuoc nao dieu tra", "don vi truc thuoc"),
        ("phong chuyen mon nao cua so lao dong lo ve tre em", "phong chuyen mon"),
    ],
)
def test_a_unit_inside_a_body_is_the_head(text: str, head: str) -> None:
    assert asked_head(text) == head
    assert head in SUBUNIT_HEADS


def test_a_unit_inside_a_body_the_plan_does_not_name_is_refused(
    service: AssistantService,
) -> None:
    answer = service.ask("Bộ phận nào của Sở Y tế Hà Nội phụ trách khám sức khỏe cho trẻ?")
    assert answer.status == "no_answer"
    assert "bộ phận" in answer.text


def test_a_body_s_duties_have_no_unit_head(service: AssistantService) -> None:
    assert service.understand("Sở Giáo dục Cao Bằng có nhiệm vụ gì?").head == ""
    assert service.ask("Sở Giáo dục Cao Bằng có nhiệm vụ gì?").status == "answered"


# --- "<plan> thì <short question>" ----------------------------------------------------------


def test_a_plan_then_a_short_question_keeps_the_previous_topic(
    service: AssistantService,
) -> None:
    history = [
        Turn("user", "Kinh phí thực hiện kế hoạch 1222 của Cao Bằng lấy từ nguồn nào?"),
        Turn("assistant", "Theo Kế hoạch 1222/KH-UBND, kinh phí từ ngân sách nhà nước."),
    ]
    understood = service.understand("hn thi kinh phi lay tu dau", history)
    assert understood.plans == ("ha-noi-203-kh-ubnd-2024",)
    assert "Kinh phí thực hiện kế hoạch" in understood.standalone
    answer = service.ask("hn thi kinh phi lay tu dau", history)
    assert answer.status == "answered"
    assert "KINH PHÍ" in answer.citations[0].hit.chunk.section.upper()


def test_a_follow_up_opening_with_con_is_rewritten_as_before(service: AssistantService) -> None:
    history = [
        Turn("user", "Hà Nội yêu cầu báo cáo kết quả thực hiện Kế hoạch 203 trước ngày nào?"),
        Turn("assistant", "Các Sở, ban, ngành ... báo cáo định kỳ hằng năm trước ngày 15/12."),
    ]
    standalone = service.understand("Còn Cao Bằng thì hạn là khi nào?", history).standalone
    assert "—" not in standalone and "Cao Bằng" in standalone


def test_a_plan_then_a_topic_of_its_own_stands_alone(service: AssistantService) -> None:
    history = [
        Turn(
            "user", "Hà Nội đặt mục tiêu giảm tỷ suất tử vong trẻ em dưới 5 tuổi xuống bao nhiêu?"
        ),
        Turn("assistant", "Theo Kế hoạch 203/KH-UBND ..."),
    ]
    text = "Cao Bằng thì chỉ tiêu tiêm chủng là bao nhiêu?"
    assert service.understand(text, history).standalone == text
