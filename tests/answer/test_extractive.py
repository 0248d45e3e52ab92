"""The issue's examples on the real index: answered with the asked fact, or refused plainly."""

from __future__ import annotations

import re

import pytest

from assistant.service import AssistantService
from assistant.text import collapse_spaces
from assistant.types import Turn


def quotes(text: str) -> list[str]:
    return re.findall(r"“(.+?)”", text, flags=re.DOTALL)


def assert_verbatim(answer_text: str, passages: str) -> None:
    for quote in quotes(answer_text):
        assert "…" not in quote
        assert collapse_spaces(quote) in collapse_spaces(passages), quote


@pytest.mark.parametrize(
    ("question", "section", "fact"),
    [
        (
            "Nhiệm vụ của Sở Văn hóa và Thể thao trong kế hoạch 203 của Hà Nội là gì?",
            "Sở Văn hóa và Thể thao",
            "vui chơi, giải trí",
        ),
        ("Vai trò của Sở Tài chính trong kế hoạch 1222 là gì?", "Sở Tài chính", "kinh phí"),
        ("so tu phap phai lam gi", "Tư pháp", "trợ giúp pháp lý"),
    ],
)
def test_agency_questions_quote_the_agency_item(
    service: AssistantService, question: str, section: str, fact: str
) -> None:
    answer = service.ask(question)
    assert answer.status == "answered"
    assert all(section in c.hit.chunk.section for c in answer.citations)
    assert fact in answer.text
    assert_verbatim(answer.text, " ".join(c.hit.chunk.text for c in answer.citations))


def test_a_target_is_quoted_whole_with_its_2030_figure(service: AssistantService) -> None:
    answer = service.ask("Tỷ lệ trẻ em dưới 5 tuổi được đăng ký khai sinh ở Cao Bằng là bao nhiêu?")
    assert answer.status == "answered"
    assert "98,5%" in answer.text and "100% vào năm 2030" in answer.text
    assert_verbatim(answer.text, " ".join(c.hit.chunk.text for c in answer.citations))


def test_several_facts_about_a_plan_at_once(service: AssistantService) -> None:
    answer = service.ask("Kế hoạch 1515 của Long Khánh mang số hiệu gì, ban hành ngày nào?")
    assert "1515/KH-UBND" in answer.text and "ngày 22 tháng 8 năm 2024" in answer.text
    signer = service.ask("Kế hoạch 203/KH-UBND của Hà Nội do lãnh đạo nào ký ban hành?")
    assert signer.status == "answered" and "Vũ Thu Hà" in signer.text


@pytest.mark.parametrize(
    ("question", "says"),
    [
        ("Mức lương tối thiểu vùng năm 2024 là bao nhiêu?", None),
        ("Thủ tục cấp hộ chiếu cho trẻ em cần những giấy tờ gì?", None),
        ("Trưởng phòng Lao động - Thương binh và Xã hội Long Khánh tên là gì?", "không nêu tên"),
        ("Bộ đội Biên phòng tỉnh Cao Bằng được giao nhiệm vụ gì?", None),
    ],
)
def test_what_the_plans_do_not_say_is_refused(
    service: AssistantService, question: str, says: str | None
) -> None:
    answer = service.ask(question)
    assert answer.status == "no_answer"
    assert answer.citations == []
    if says:
        assert says in answer.text


@pytest.mark.parametrize(
    "question",
    [
        "Theo Kế hoạch 216/KH-UBND, Hải Phòng giao Sở Y tế những nhiệm vụ gì?",
        "Sở Y tế được giao những nhiệm vụ gì theo Kế hoạch 216 của Hải Phòng?",
        "Hải Phòng giao Công an thành phố làm gì?",
    ],
)
def test_a_truncated_plan_gets_its_note_whatever_the_word_order(
    service: AssistantService, question: str
) -> None:
    answer = service.ask(question)
    assert answer.status == "no_answer"
    assert "Hải Phòng" in answer.text and "bị cắt sau phần II" in answer.text


def test_followups_resolved_against_the_previous_answer(service: AssistantService) -> None:
    first = "Cơ quan nào chủ trì tổng hợp, báo cáo kết quả thực hiện kế hoạch ở Long Khánh?"
    history = [Turn("user", first), Turn("assistant", service.ask(first).text)]
    deadline = service.ask("Cơ quan đó phải báo cáo trước ngày nào?", history)
    assert "Lao động" in deadline.question_used and "Long Khánh" in deadline.question_used
    assert deadline.status == "answered" and re.search(r"\d{1,2}/\d{1,2}", deadline.text)

    first = "Tỷ lệ trẻ em dưới 5 tuổi được đăng ký khai sinh ở Cao Bằng năm 2025 là bao nhiêu?"
    history = [Turn("user", first), Turn("assistant", service.ask(first).text)]
    target = service.ask("Chỉ tiêu này năm 2030 thì sao?", history)
    assert target.status == "answered" and "100% vào năm 2030" in target.text


def test_unaccented_hotline_question_cites_the_111_passage(service: AssistantService) -> None:
    answer = service.ask("tre bi xam hai thi bao cho ai")
    assert answer.status == "answered"
    assert "111" in answer.text


@pytest.mark.parametrize(
    ("question", "agency", "target"),
    [
        ("Cơ quan nào ở Cao Bằng chịu trách nhiệm chỉ tiêu về tảo hôn?", "Sở Văn hóa", "13"),
        (
            "Ở Cao Bằng, đơn vị nào phụ trách chỉ tiêu trẻ em dưới 5 tuổi được đăng ký khai sinh?",
            "Sở Tư pháp",
            "14",
        ),
    ],
)
def test_which_agency_answers_for_a_target_through_the_number_it_cites(
    service: AssistantService, question: str, agency: str, target: str
) -> None:
    answer = service.ask(question)
    assert answer.status == "answered"
    assert agency in answer.citations[0].hit.chunk.section
    assert f"Chỉ tiêu {target}:" in answer.text  # the target itself is quoted with it
    assert_verbatim(answer.text, " ".join(c.hit.chunk.text for c in answer.citations))
    # search ranks the assignment first too
    assert agency in service.search(question, 5)[0].chunk.section


def test_an_agency_s_duties_quote_the_range_of_its_section(service: AssistantService) -> None:
    answer = service.ask("Sở Tư pháp Hà Nội có những nhiệm vụ gì?")
    assert answer.status == "answered"
    assert "con nuôi" in answer.text and "trợ giúp pháp lý" in answer.text
    assert_verbatim(answer.text, " ".join(c.hit.chunk.text for c in answer.citations))


def test_what_a_plan_contains_is_the_outline_of_the_matching_part(
    service: AssistantService,
) -> None:
    answer = service.ask("Kế hoạch năm 2017 của Cần Thơ có những nội dung chính nào?")
    assert answer.status == "answered"
    assert len(answer.citations) >= 3
    assert all(c.hit.chunk.section.startswith("III. NỘI DUNG") for c in answer.citations)
    assert "theo dõi, giám sát và đánh giá" in answer.text
    assert_verbatim(answer.text, " ".join(c.hit.chunk.text for c in answer.citations))


def test_a_report_deadline_quotes_the_day(service: AssistantService) -> None:
    answer = service.ask("Ở Long Khánh các đơn vị gửi báo cáo kết quả trước ngày mấy?")
    assert answer.status == "answered" and "25/11" in answer.text


@pytest.mark.parametrize(
    "question",
    [
        "Chủ tịch Ủy ban nhân dân tỉnh Cao Bằng hiện nay là ai?",
        "Ban Dân tộc tỉnh Cao Bằng được giao việc gì?",
        "Cần Thơ đặt mục tiêu giảm tỷ lệ trẻ em bị xâm hại trong năm 2019 thế nào?",
    ],
)
def test_a_person_an_unassigned_body_or_an_unstated_year_is_refused(
    service: AssistantService, question: str
) -> None:
    answer = service.ask(question)
    assert answer.status == "no_answer" and answer.citations == []


def test_the_closing_formula_is_not_quoted_for_a_reporting_question(
    service: AssistantService,
) -> None:
    answer = service.ask("Hà Nội yêu cầu báo cáo kết quả thực hiện Kế hoạch 203 thế nào, gửi ai?")
    assert answer.status == "answered"
    assert "Trên đây là" not in answer.text


def test_a_topic_sharing_words_with_an_agency_name_is_read_as_a_topic(
    service: AssistantService,
) -> None:
    # "lao động trẻ em" is child labour, not the Sở Lao động - Thương binh và Xã hội item
    answer = service.ask("Cao Bằng đặt mục tiêu gì về tình trạng lao động trẻ em?")
    assert answer.status == "answered"
    assert "từ 5 đến 17 tuổi" in answer.text


def test_the_unit_with_the_rare_subject_words_is_quoted(service: AssistantService) -> None:
    # "đuối nước" is in a later part of Hà Nội's item II.4; its first part ranks higher
    # with a list of programmes that shares only common plan words with the question
    answer = service.ask("Về tai nạn đuối nước ở trẻ em, kế hoạch của Hà Nội đề ra gì?")
    assert answer.status == "answered"
    assert "tai nạn đuối nước" in answer.text
    assert "Ban chỉ đạo thực hiện công tác trẻ em" in answer.text


def test_a_level_of_government_asked_about_is_not_its_committee_s_item(
    service: AssistantService,
) -> None:
    # "ở cấp xã" says where; the measure is in part III, not in the district committee's item
    answer = service.ask(
        "Theo kế hoạch của Cao Bằng, việc bố trí nhân viên công tác xã hội ở cấp xã được "
        "quy định ra sao?"
    )
    assert answer.status == "answered"
    assert "Luật Trẻ em" in answer.text
    assert all("UBND huyện" not in c.hit.chunk.section for c in answer.citations)


def test_a_typo_d_syllable_still_finds_its_line(service: AssistantService) -> None:
    answer = service.ask("can tho to chuc khao sat danh gia chuong trnh nhu the nao")
    assert answer.status == "answered"
    assert "đầu kỳ, giữa kỳ và cuối kỳ" in answer.text


def test_the_line_citing_an_agency_s_targets_is_quoted_when_its_number_is_asked(
    service: AssistantService,
) -> None:
    answer = service.ask(
        "Ở Cao Bằng cơ quan nào lo trợ giúp pháp lý cho trẻ em, được giao chỉ tiêu số mấy?"
    )
    assert answer.status == "answered"
    assert "Sở Tư pháp" in answer.text and "chỉ tiêu 14" in answer.text


def test_the_users_words_are_never_echoed_in_plan_quote_marks() -> None:
    # curly quotes mark verbatim plan text (the quote-faithfulness check holds them to the
    # cited passages); a message echoing the question's words must not use them
    from assistant.answer import extractive

    templates = [
        *extractive.NOT_SAID.values(),
        *extractive.NOT_SAID_FACT.values(),
        extractive.PREDICATE_NOT_SAID,
        extractive.PROPERTY_NOT_SAID,
        extractive.NOT_IN_ITEM,
        extractive.GIVEN_TO_OTHER,
        extractive.HEAD_NOT_SAID,
    ]
    for template in templates:
        assert "“" not in template and "”" not in template, template
