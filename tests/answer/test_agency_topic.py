"""An agency asked about a topic, on the real index: the topic must be in the agency's own
item. When the plan gives the topic to another agency it says so, quoting that agency; when
no item of the plan speaks of it, the plan's item for the agency is said not to mention it.
A question about the agency's duties with no topic, or whose topic its item holds, is
answered as before."""

from __future__ import annotations

from assistant.service import AssistantService
from tests.conftest import assert_verbatim


def test_a_topic_another_agency_holds_is_given_to_that_agency(
    service: AssistantService,
) -> None:
    answer = service.ask(
        "Phòng Tư pháp Long Khánh có trách nhiệm gì với các cơ sở dạy bơi cho trẻ?"
    )
    assert answer.status == "no_answer"
    assert "giao việc này" in answer.text and "không phải Phòng Tư pháp" in answer.text
    assert [c.hit.chunk.agency for c in answer.citations] == ["Phòng Văn hóa – Thông tin"]
    assert "dạy bơi" in answer.text
    assert_verbatim(answer.text.split("[1]:", 1)[1], answer.citations[0].hit.chunk.text)


def test_a_topic_no_item_of_the_plan_holds_is_said_missing(service: AssistantService) -> None:
    answer = service.ask("Sở Tài chính Cao Bằng phải làm gì về phòng chống đuối nước cho trẻ em?")
    assert answer.status == "no_answer" and answer.citations == []
    assert "Sở Tài chính" in answer.text and "đuối nước" in answer.text


def test_a_topic_the_agency_s_own_item_holds_is_answered(service: AssistantService) -> None:
    answer = service.ask("Sở Tư pháp Cần Thơ cần làm gì trong công tác nuôi con nuôi?")
    assert answer.status == "answered"
    assert answer.citations[0].hit.chunk.agency == "Sở Tư pháp"
    assert "nuôi con nuôi" in answer.text


def test_an_agency_asked_without_a_topic_is_answered(service: AssistantService) -> None:
    answer = service.ask("Công an tỉnh Cao Bằng được giao những việc gì?")
    assert answer.status == "answered"
    assert answer.citations[0].hit.chunk.agency == "Công an tỉnh"


def test_a_yes_no_question_in_other_words_than_the_item_is_answered(
    service: AssistantService,
) -> None:
    # "chia sẻ thông tin" is the item's "cung cấp thông tin": a yes/no predicate is grounded
    # as a whole, not by its rarest word pair
    answer = service.ask(
        "Công an thành phố Hà Nội có chia sẻ thông tin về trẻ em bị xâm hại với ngành Lao "
        "động - Thương binh và Xã hội không?"
    )
    assert answer.status == "answered"
    assert "cung cấp thông tin trẻ em bị xâm hại" in answer.text


def test_an_acronym_asked_of_an_agency_must_be_in_its_item(service: AssistantService) -> None:
    # the plan gives ODA to Sở Kế hoạch và Đầu tư; "TP" in a name is the city, no subject
    answer = service.ask("Sở Tài chính Cần Thơ có nhiệm vụ gì về vốn ODA?")
    assert answer.status == "no_answer"
    assert "Sở Kế hoạch và Đầu tư" in answer.text and "(ODA)" in answer.text
    # asked with no duty word: the words the item lacks are shown as typed
    unworded = service.ask("Sở Tài chính Cần Thơ kêu gọi vốn ODA thế nào?")
    assert unworded.status == "no_answer"
    assert "ODA" in unworded.text and "oda" not in unworded.text
    kept = service.ask("Hội LHPN TP Long Khánh được đề nghị làm gì?")
    assert kept.status == "answered"
    assert "Phụ nữ" in kept.citations[0].hit.chunk.section


def test_a_numbered_target_asked_of_an_agency_it_is_not_given_to(
    service: AssistantService,
) -> None:
    answer = service.ask("Công an tỉnh Cao Bằng làm gì để đạt chỉ tiêu 14?")
    assert answer.status == "no_answer"
    assert "không giao chỉ tiêu 14 cho Công an" in answer.text
    assert "Sở Tư pháp" in answer.text  # the body the plan does give it to
    given = service.ask("Công an tỉnh Cao Bằng làm gì để đạt chỉ tiêu 9?")
    assert given.status == "answered"
    assert "chỉ tiêu 9" in given.text


def test_which_bodies_a_named_target_is_given_to(service: AssistantService) -> None:
    # the target named, not the one closest in meaning to the rest of the question
    answer = service.ask("chi tieu 14 ve khai sinh o cao bang giao cho co quan nao")
    assert answer.status == "answered"
    assert [c.hit.chunk.agency for c in answer.citations][:1] == ["Sở Tư pháp"]
    assert "Chỉ tiêu 14:" in answer.text
