"""Who asks, what is asked, and which body is asked about, read against the real plans
(issue 9, round 11): a duty the asker introduces themselves by ("tôi trực đường dây nóng")
sets no intent; a set of targets ("các chỉ tiêu theo dõi") is a subject, not a figure asked;
in a question asking which body acts, the body things go to ("phối hợp với ngành Lao động")
is the topic; "Sở A và Sở B, từng sở ..." names two bodies, each answered. Wordings here are
new, not the gold set's."""

from __future__ import annotations

from assistant.container import Container
from assistant.understand.intents import intents_of
from assistant.understand.question import Question

HA_NOI = "ha-noi-203-kh-ubnd-2024"
CAN_THO = "can-tho-bao-ve-tre-em-2017"


def understood(container: Container, text: str) -> Question:
    with container.holder.pinned() as loaded:
        return loaded.lexicon.understand(text)


def test_a_duty_the_asker_introduces_themselves_by_is_not_asked(container: Container) -> None:
    text = "Em trực đường dây nóng của phường, cho em hỏi kế hoạch Cao Bằng giao Sở Y tế việc gì?"
    question = understood(container, text)
    assert not question.intents & {"phone", "phone_number"}
    assert question.agency_keys == frozenset({"y te"})
    answer = container.service.ask(text)
    assert answer.status == "answered"
    assert answer.citations[0].hit.chunk.section.endswith("Sở Y tế")


def test_only_the_part_after_the_asking_phrase_sets_intents(container: Container) -> None:
    said = "toi dang lam o tong dai 111, cho toi hoi ke hoach yeu cau tiep nhan theo cach nao?"
    assert not understood(container, said).intents & {"phone", "phone_number"}
    # the asker's own wants ("tôi cần gọi ... ") still ask when nothing precedes them
    assert "phone" in intents_of("so dien thoai tong dai cua can tho la gi?")


def test_a_set_of_targets_is_a_subject_not_a_figure(container: Container) -> None:
    text = "Cần Thơ có đặt ra các chỉ tiêu theo dõi, giám sát việc thực hiện chương trình không?"
    assert "figure" not in understood(container, text).intents
    answer = container.service.ask(text)
    assert answer.status == "answered"  # no figure filter leaving no candidate
    assert answer.citations[0].hit.chunk.document_id == CAN_THO
    assert "bộ chỉ tiêu" in answer.text
    # a value asked of the targets keeps the figure
    asked = "Các chỉ tiêu về tiêm chủng của Long Khánh đặt ở mức bao nhiêu phần trăm?"
    assert "figure" in understood(container, asked).intents


def test_the_body_things_go_to_is_the_topic_of_a_which_body_question(
    container: Container,
) -> None:
    text = (
        "Tại Hà Nội, đơn vị nào phối hợp với ngành Lao động - Thương binh và Xã hội để cung "
        "cấp thông tin về trẻ em bị xâm hại?"
    )
    question = understood(container, text)
    assert "who" in question.intents
    assert not question.agencies  # the receiver is not the body asked about
    answer = container.service.ask(text)
    assert answer.status == "answered"
    first = answer.citations[0].hit.chunk
    assert first.document_id == HA_NOI
    assert first.section.endswith("Công an Thành phố")
    # two bodies joined after "với" are both the topic; a body acting stays asked about
    joined = understood(
        container, "Ở Cần Thơ, sở nào phối hợp với Sở Y tế và Công an thành phố hỗ trợ trẻ em?"
    )
    assert not joined.agencies
    acting = understood(container, "Sở Y tế Cao Bằng phối hợp với những cơ quan nào?")
    assert acting.agency_keys == frozenset({"y te"})


def test_two_bodies_joined_by_va_are_each_answered(container: Container) -> None:
    text = (
        "Theo kế hoạch Hà Nội, Sở Kế hoạch và Đầu tư và Sở Tài chính, từng sở lo khoản kinh phí gì?"
    )
    question = understood(container, text)
    assert [m.mention for m in question.agencies] == ["so ke hoach va dau tu", "so tai chinh"]
    assert len(question.clauses) == 2
    answer = container.service.ask(text)
    assert answer.status == "answered"
    sections = {c.hit.chunk.section.split("› ")[-1] for c in answer.citations}
    assert {"8. Sở Kế hoạch và Đầu tư", "9. Sở Tài chính"} <= sections
    # a name never ends on "và": "Phòng Tài chính và Phòng ..." is two bodies
    two = understood(container, "Long Khánh giao Phòng Tài chính và Phòng Tư pháp làm gì?")
    assert [m.mention for m in two.agencies] == ["phong tai chinh", "phong tu phap"]
