"""On the real index: a question about a plan other than the one it names (the place's own
plan on another topic, a party committee's plan, the province's plan) is answered from the
line citing that document, never with the plan's own number or date; a province named in
a city's plan is not out of scope; a cut-off plan's header answers what it states.

The wordings are new (written from the plans, not from the gold set)."""

from __future__ import annotations

import re

from assistant.service import AssistantService


def test_a_plan_of_its_own_on_another_topic_is_the_cited_one(service: AssistantService) -> None:
    answer = service.ask(
        "Ở Cao Bằng, kế hoạch riêng về phòng, chống tai nạn, thương tích trẻ em là kế hoạch số mấy?"
    )
    assert answer.status == "answered"
    assert "2558/KH-UBND" in answer.text
    assert not re.search(r"Số:\s*1222", answer.text)  # not the plan's own number line
    # of the footnote's list of citations, only the one about the topic is quoted
    assert "313/KH" not in answer.text


def test_a_party_committees_plan_and_its_date_are_the_citations(
    service: AssistantService,
) -> None:
    answer = service.ask(
        "Theo Hà Nội, kế hoạch số mấy của Thành ủy được triển khai, ban hành ngày nào?"
    )
    assert answer.status == "answered"
    assert "232-KH/TU" in answer.text and "23/4/2024" in answer.text
    assert "01 tháng 7 năm 2024" not in answer.text  # the plan's own date is not asked


def test_the_plans_own_signer_beside_the_plan_it_implements(service: AssistantService) -> None:
    answer = service.ask(
        "Kế hoạch 203 của Hà Nội thực hiện kế hoạch số mấy của Thành ủy và do ai ký?"
    )
    assert answer.status == "answered"
    assert "Vũ Thu Hà" in answer.text and "232-KH/TU" in answer.text
    # the markers follow the citations, renumbered after the plan's own line
    markers = {int(n) for n in re.findall(r"\[(\d+)\]", answer.text)}
    assert markers == {c.n for c in answer.citations}


def test_the_plans_own_committee_still_asks_the_plans_number(service: AssistantService) -> None:
    answer = service.ask("Kế hoạch của UBND tỉnh Cao Bằng mang số hiệu gì?")
    assert answer.status == "answered"
    assert "1222/KH-UBND" in answer.text


def test_a_province_named_in_a_citys_plan_is_asked_of_that_plan(
    service: AssistantService,
) -> None:
    answer = service.ask("Tỉnh Đồng Nai có kế hoạch số mấy về bảo vệ trẻ em?")
    assert answer.status == "answered"
    assert "220/KH-UBND" in answer.text
    assert [c.hit.document.locality for c in answer.citations] == ["Long Khánh"]
    assert not re.search(r"Số:\s*1515", answer.text)


def test_a_city_named_with_its_province_is_answered(service: AssistantService) -> None:
    answer = service.ask("Long Khánh, tỉnh Đồng Nai giao Phòng Y tế làm gì?")
    assert answer.status == "answered"
    assert "Phòng Y tế" in answer.text
    assert [c.hit.document.locality for c in answer.citations] == ["Long Khánh"]


def test_what_the_city_plan_does_not_say_of_its_province_is_refused(
    service: AssistantService,
) -> None:
    answer = service.ask("Đồng Nai giao Sở Y tế nhiệm vụ gì?")
    assert answer.status == "no_answer"
    answer = service.ask("Huyện Xuân Lộc của Đồng Nai triển khai Chỉ thị 28 như thế nào?")
    assert answer.status == "no_answer"


def test_a_cut_off_plans_header_answers_what_it_states(service: AssistantService) -> None:
    answer = service.ask("Kế hoạch 216 của Hải Phòng thuộc lĩnh vực nào, có hiệu lực khi nào?")
    assert answer.status == "answered"
    assert "Văn hóa - Xã hội" in answer.text and "31/08/2020" in answer.text
    assert "bị cắt" not in answer.text
    # a part it lacks still gets the note
    answer = service.ask("Kế hoạch 216 của Hải Phòng quy định thời hạn nộp báo cáo khi nào?")
    assert answer.status == "no_answer"
    assert "bị cắt" in answer.text
