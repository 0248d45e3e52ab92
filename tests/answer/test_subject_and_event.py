"""A value must stand with the asked group's narrowing words, a date with the asked event
(issue 9, thirteenth round): a figure of all children does not answer for "trẻ em khuyết
tật", a yearly report's deadline does not answer for a quarterly one, a plan's effective
date does not say when it ends. New wordings, on the real index."""

from __future__ import annotations

from assistant.answer.extractive import event_words, narrowing_words
from assistant.service import AssistantService


def _folded(service: AssistantService, text: str, words: str) -> set[str]:
    question = service.understand(text)
    found = narrowing_words(question) if words == "narrowing" else event_words(question)
    return {question.folded_term(t) for t in found} if words == "narrowing" else set(found)


def test_rare_words_after_a_common_group_narrow_it(service: AssistantService) -> None:
    narrowed = _folded(
        service,
        "Tỷ lệ trẻ em khuyết tật dưới 5 tuổi bị suy dinh dưỡng ở Cao Bằng phải dưới mấy phần trăm?",
        "narrowing",
    )
    assert {"khuyet", "tat"} <= narrowed
    # no value asked: nothing narrows anything
    assert not _folded(service, "Trẻ em gái ở Cao Bằng được bảo vệ thế nào?", "narrowing")
    # "trước ngày" frames the question, it does not narrow "thực hiện"
    assert not _folded(
        service, "Long Khánh yêu cầu báo cáo kết quả thực hiện trước ngày nào?", "narrowing"
    )


def test_a_value_of_the_whole_group_does_not_answer_for_a_narrower_one(
    service: AssistantService,
) -> None:
    whole = service.ask(
        "Cao Bằng phấn đấu giảm tỷ lệ trẻ em dưới 5 tuổi bị suy dinh dưỡng thể nhẹ cân "
        "xuống bao nhiêu phần trăm vào năm 2025?"
    )
    assert whole.status == "answered" and "16,4%" in whole.text
    narrower = service.ask(
        "Cao Bằng phấn đấu giảm tỷ lệ trẻ em khuyết tật dưới 5 tuổi bị suy dinh dưỡng thể "
        "nhẹ cân xuống bao nhiêu phần trăm vào năm 2025?"
    )
    assert narrower.status == "no_answer" and "16,4%" not in narrower.text
    assert "tỷ lệ phần trăm" in narrower.text
    girls = service.ask(
        "Cao Bằng đặt mục tiêu bao nhiêu phần trăm trẻ em gái hoàn thành cấp trung học cơ sở "
        "vào năm 2030?"
    )
    assert girls.status == "no_answer" and "93%" not in girls.text
    children = service.ask(
        "Cao Bằng đặt mục tiêu bao nhiêu phần trăm trẻ em hoàn thành cấp trung học cơ sở "
        "vào năm 2030?"
    )
    assert children.status == "answered" and "93%" in children.text


def test_the_words_naming_the_event_of_a_date(service: AssistantService) -> None:
    quarterly = _folded(
        service, "Hà Nội yêu cầu các sở nộp báo cáo hằng quý trước ngày nào?", "event"
    )
    assert "quy" in quarterly and "nop" not in quarterly  # handing over names no event
    # asked first, the event follows the date question
    assert "het" in _folded(service, "Đến ngày nào thì Kế hoạch 216 hết hiệu lực?", "event")


def test_a_date_must_stand_with_the_asked_event(service: AssistantService) -> None:
    yearly = service.ask("Hà Nội yêu cầu các sở nộp báo cáo hằng năm trước ngày nào?")
    assert yearly.status == "answered" and "15/12" in yearly.text
    quarterly = service.ask("Hà Nội yêu cầu các sở nộp báo cáo hằng quý trước ngày nào?")
    assert quarterly.status == "no_answer" and "15/12" not in quarterly.text
    review = service.ask(
        "Các sở ở Hà Nội phải gửi báo cáo tổng kết 6 tháng đầu năm trước ngày nào?"
    )
    assert review.status == "no_answer" and "15/12" not in review.text


def test_an_effective_date_does_not_say_when_a_plan_ends(service: AssistantService) -> None:
    starts = service.ask("Kế hoạch 216 của Hải Phòng có hiệu lực từ ngày nào?")
    assert starts.status == "answered" and "31/08/2020" in starts.text
    ends = service.ask("Đến ngày nào thì Kế hoạch 216 của Hải Phòng hết hiệu lực?")
    assert ends.status == "no_answer" and "31/08/2020" not in ends.text
