"""Claims and presuppositions about the plans, on the real index (issue 9, round 17).

A question that claims or presupposes that an agency does something ("Vì sao Sở A phải
...", "..., phải không?", "Có đúng là ... giao Sở A ... không?") is answered when the plan
gives it to another body: the answer says so, quoting that body's item. A plain question
about the agency keeps the refusal with the pointer. A value a claim states (a day, a year,
a document) is checked against the plan's own, not required in the quoted text; a claim
whose subject no passage states is refused. A yes/no question about an agency goes through
the same holder check as a wh- question, its own item counting in other words."""

from __future__ import annotations

import pytest

from assistant.service import AssistantService
from assistant.text import fold_diacritics
from assistant.understand.question import Entity, claim_predicate, claims, unclaimed, values_in
from tests.conftest import assert_verbatim


@pytest.mark.parametrize(
    ("question", "claimed"),
    [
        ("Tại sao Phòng Y tế phải làm việc này?", True),
        ("Lý do gì Sở Tư pháp được giao việc này?", True),
        ("Có thật là Sở Tư pháp làm việc này không?", True),
        ("Sở Tư pháp làm việc này, đúng không ạ?", True),
        ("Sở Tư pháp có được giao việc này không?", False),
        ("Sở Tư pháp có phải lo việc này không?", False),
        ("Sở Tư pháp làm việc này như thế nào?", False),
    ],
)
def test_a_claim_is_told_by_its_form(question: str, claimed: bool) -> None:
    assert claims(fold_diacritics(question)) is claimed


def test_a_claimed_value_is_not_required_but_an_asked_one_is() -> None:
    folded = fold_diacritics("Có đúng là kế hoạch tổng kết vào năm 2033 không?")
    year = Entity("year", "2033")
    assert unclaimed(folded, [year]) == ()
    assert unclaimed(fold_diacritics("Kế hoạch tổng kết vào năm 2033 à?"), [year]) == (year,)
    # the body that issued a cited document is not an agency the passage must name
    issuer = Entity("agency", "thu tuong chinh phu")
    folded = fold_diacritics("Kế hoạch thực hiện Quyết định 23/QĐ-TTg của Thủ tướng Chính phủ?")
    assert unclaimed(folded, [issuer]) == ()


def test_a_claim_s_values_and_what_they_are_of() -> None:
    claim = claim_predicate("Có đúng là Sở Y tế tổng kết vào năm 2033, không?")
    assert claim == "Sở Y tế tổng kết vào năm 2033"
    [(kind, value, lead)] = values_in(claim)
    assert (kind, value) == ("year", "2033") and {"tong", "ket"} <= lead
    assert [v for _, v, _ in values_in("báo cáo trước ngày 15/12; đạt 90% năm 2030")] == [
        "15/12",
        "90%",
        "2030",
    ]


def test_a_presupposed_duty_held_by_another_body_is_corrected(
    service: AssistantService,
) -> None:
    answer = service.ask("Vì sao Phòng Tư pháp Long Khánh phải quản lý các cơ sở dạy bơi cho trẻ?")
    assert answer.status == "answered"
    assert [c.hit.chunk.agency for c in answer.citations] == ["Phòng Văn hóa – Thông tin"]
    assert "không phải Phòng Tư pháp" in answer.text and "dạy bơi" in answer.text
    assert_verbatim(answer.text.split("[1]:", 1)[1], answer.citations[0].hit.chunk.text)


def test_a_tag_question_claim_is_corrected_a_plain_one_is_not(
    service: AssistantService,
) -> None:
    claim = service.ask("Sở Tài chính Cần Thơ phụ trách vận động vốn ODA, phải không?")
    assert claim.status == "answered"
    assert claim.citations[0].hit.chunk.agency == "Sở Kế hoạch và Đầu tư"
    plain = service.ask("Sở Tài chính Cần Thơ có nhiệm vụ gì về vốn ODA?")
    assert plain.status == "no_answer"
    assert plain.citations[0].hit.chunk.agency == "Sở Kế hoạch và Đầu tư"


def test_a_yes_no_claim_goes_through_the_holder_check(service: AssistantService) -> None:
    answer = service.ask(
        "Có đúng là Long Khánh giao Phòng Tư pháp quản lý các cơ sở dạy bơi không?"
    )
    assert answer.status == "answered"
    assert answer.citations[0].hit.chunk.agency == "Phòng Văn hóa – Thông tin"
    # a plain yes/no question about another body's duty is not answered by it
    plain = service.ask("Kế hoạch 1515 có giao Phòng Y tế Long Khánh dạy bơi cho trẻ em không?")
    assert plain.status == "no_answer"
    assert "không phải Phòng Y tế" in plain.text


def test_a_yes_no_duty_no_item_states_is_refused(service: AssistantService) -> None:
    answer = service.ask(
        "Sở Giáo dục và Đào tạo Cần Thơ có mở lớp học võ miễn phí cho học sinh không?"
    )
    assert answer.status == "no_answer" and answer.citations == []


def test_a_yes_no_duty_in_other_words_is_found_in_the_agency_s_item(
    service: AssistantService,
) -> None:
    answer = service.ask(
        "Phòng Văn hóa – Thông tin Long Khánh có phải để ý các thông tin trên mạng xã hội không?"
    )
    assert answer.status == "answered"
    assert answer.citations[0].hit.chunk.agency == "Phòng Văn hóa – Thông tin"
    assert "theo dõi thông tin trên mạng xã hội" in answer.text


@pytest.mark.parametrize(
    ("question", "said", "claimed"),
    [
        (
            "Có phải là Kế hoạch 203 yêu cầu báo cáo hằng năm trước ngày 30/11 không?",
            "15/12",
            "30/11",
        ),
        ("Có đúng là Long Khánh tổng kết Kế hoạch 1515 vào năm 2033 không?", "2035", "2033"),
    ],
)
def test_a_claimed_value_is_answered_with_the_plan_s_own(
    service: AssistantService, question: str, said: str, claimed: str
) -> None:
    answer = service.ask(question)
    assert answer.status == "answered"
    assert answer.text.startswith(f'Kế hoạch nêu "{said}", không phải "{claimed}"')
    assert said in answer.citations[0].hit.chunk.text


def test_a_claim_whose_subject_no_passage_states_is_refused(service: AssistantService) -> None:
    answer = service.ask(
        "Có đúng là Kế hoạch 203 hỗ trợ 5 triệu đồng cho mỗi trẻ em bị xâm hại không?"
    )
    assert answer.status == "no_answer" and answer.citations == []


def test_a_category_asked_with_its_members_noun_is_not_the_topic(
    service: AssistantService,
) -> None:
    # "những nhóm trẻ em nào" asks for the groups the item lists, not for "nhóm trẻ em"
    # (the name of another body's duty)
    answer = service.ask("Phòng Giáo dục và Đào tạo Long Khánh phải hỗ trợ những nhóm trẻ em nào?")
    assert answer.status == "answered"
    assert answer.citations[0].hit.chunk.agency == "Phòng Giáo dục và Đào tạo"
