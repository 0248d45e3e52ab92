"""What kind of answer is asked, read from the question-word frame (tenth round, classes
B, F, H): a noun naming a target is the subject when a question word asks something else;
"tháng mấy" asks a month, which a yearly duty does not give; a signer asked about anything
but signing is a person the plans say nothing more of; the higher document a plan
implements is its basis without the word "căn cứ". New wordings, the real index."""

from __future__ import annotations

import pytest

from assistant.service import AssistantService
from assistant.understand import vocab
from assistant.understand.intents import intents_of, senses


@pytest.mark.parametrize(
    "text",
    [
        "Hà Nội đề nghị lồng ghép chỉ tiêu trẻ em vào những chương trình nào của địa phương?",
        "tỷ lệ trẻ em bỏ học ở Cao Bằng được đưa vào báo cáo gì",
        "Long Khánh lồng ghép các chỉ tiêu trẻ em vào đề án nào?",
    ],
)
def test_a_target_named_as_the_subject_asks_no_figure(text: str) -> None:
    assert "figure" not in intents_of(senses(text))


@pytest.mark.parametrize(
    "text",
    [
        "chi tieu tiem chung cao bang",
        "Chỉ tiêu 4 của Cao Bằng là gì?",
        "Tỷ lệ trẻ suy dinh dưỡng thấp còi năm 2030 ở Cao Bằng là bao nhiêu?",
        "Cao Bằng đặt chỉ tiêu về trẻ khuyết tật thế nào?",
        "Ai phụ trách chỉ tiêu về nước sạch cho trường học?",
    ],
)
def test_a_target_asked_for_still_asks_its_figure(text: str) -> None:
    assert "figure" in intents_of(senses(text))


def test_a_subject_noun_does_not_refuse_a_which_question(service: AssistantService) -> None:
    answer = service.ask(
        "Theo kế hoạch Hà Nội, các sở, ngành phải đưa mục tiêu, chỉ tiêu về trẻ em vào loại "
        "kế hoạch nào?"
    )
    assert answer.status == "answered"
    assert "kế hoạch phát triển kinh tế" in answer.text


@pytest.mark.parametrize(
    "text",
    [
        "Cao Bằng tổ chức diễn đàn trẻ em vào tháng mấy?",
        "hom nao thi long khanh bao cao ket qua",
        "Hà Nội kiểm tra việc thực hiện kế hoạch vào thời điểm nào?",
    ],
)
def test_question_word_forms_of_a_date_ask_when(text: str) -> None:
    assert "deadline" in intents_of(senses(text))


def test_when_forms_do_not_catch_other_words() -> None:
    # "thang máy" (a lift), "hội nào" (which association), "quỹ nào" (which fund), "mấy
    # tháng" (how long) ask no date
    for text in (
        "trẻ bị kẹt thang máy thì báo ai",
        "Hội nào ở Long Khánh lồng ghép chỉ tiêu trẻ em?",
        "Quỹ nào hỗ trợ trẻ em Hà Nội?",
        "tập huấn kéo dài mấy tháng",
    ):
        assert not intents_of(senses(text)) & {"deadline", "month"}, text
    # each form asks one thing only: no other intent's pattern claims its words
    for form in vocab.WHEN_ASKED:
        words = form.replace("\\", "")
        assert intents_of(words) <= {"deadline", "month", "day"}, form


def test_a_month_asked_is_not_answered_by_a_yearly_duty(service: AssistantService) -> None:
    answer = service.ask("Nhóm trẻ em nòng cốt ở Long Khánh được tập huấn vào tháng mấy trong năm?")
    assert answer.status == "no_answer"
    assert "tháng" in answer.text
    # a month a plan states is answered: Long Khánh's yearly report date (25/11)
    given = service.ask("Hằng năm Long Khánh yêu cầu gửi báo cáo kết quả vào tháng mấy?")
    assert given.status == "answered" and "25/11" in given.text


@pytest.mark.parametrize(
    "text",
    [
        "Ông Trịnh Trường Huy, người ký kế hoạch của Cao Bằng, năm nay bao nhiêu tuổi?",
        "Bà Vũ Thu Hà ký Kế hoạch 203, quê bà ở tỉnh nào?",
    ],
)
def test_a_signer_asked_of_anything_but_signing_is_not_stated(
    service: AssistantService, text: str
) -> None:
    answer = service.ask(text)
    assert answer.status == "no_answer"
    assert "chỉ nêu tên người ký" in answer.text


def test_a_signer_asked_of_signing_is_still_answered(service: AssistantService) -> None:
    answer = service.ask("Ông Trịnh Trường Huy ký Kế hoạch 1222 với chức vụ gì?")
    assert answer.status == "answered" and "PHÓ CHỦ TỊCH" in answer.text.upper()


@pytest.mark.parametrize(
    "text",
    [
        "Kế hoạch của Cao Bằng được ban hành để triển khai văn bản nào của cấp trên?",
        "văn bản cấp trên mà kh 1515 long khánh cụ thể hóa",
        "Kế hoạch 216 Hải Phòng nhằm thực hiện chỉ thị gì?",
    ],
)
def test_the_higher_document_a_plan_implements_is_its_basis(text: str) -> None:
    assert "basis" in intents_of(senses(text))


@pytest.mark.parametrize(
    "text",
    [
        "Sở Y tế Hà Nội thực hiện Nghị quyết 121 thế nào?",
        "Sở Tư pháp triển khai Luật Trẻ em ra sao?",
    ],
)
def test_a_document_cited_for_a_duty_is_no_basis_question(text: str) -> None:
    assert "basis" not in intents_of(senses(text))


def test_a_basis_asked_without_can_cu_quotes_the_plan_s_parent(
    service: AssistantService,
) -> None:
    answer = service.ask("Kế hoạch của Hải Phòng được xây dựng theo văn bản cấp trên nào?")
    assert answer.status == "answered"
    assert "23/CT-TTG" in answer.text.upper()
