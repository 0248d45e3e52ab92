"""Bodies a question names, read against the real plans (issue 9, round 10 classes C, E):
a name never runs across a comma; a generic list of bodies ("các sở, ban, ngành") is the
plans' own list head, not one department; bodies after "ngoài" are set aside; "cơ quan tư
pháp nào" asks for the judiciary's bodies, not Sở Tư pháp; a body no plan assigns ("Bộ Chỉ
huy Quân sự", "Hội Nông dân") is still a body, which the answer must find or refuse.
Wordings here are new, not the gold set's."""

from __future__ import annotations

import pytest

from assistant.container import Container
from assistant.understand.question import Question

CAO_BANG = "cao-bang-1222-kh-ubnd-2024"
HA_NOI = "ha-noi-203-kh-ubnd-2024"
CAN_THO = "can-tho-bao-ve-tre-em-2017"


def understood(container: Container, text: str) -> Question:
    with container.holder.pinned() as loaded:
        return loaded.lexicon.understand(text)


def unknown_bodies(question: Question) -> list[str]:
    return [e.text for e in question.entities if e.kind == "agency"]


# --- class C: lists, commas, bodies set aside, categories ----------------------------------


def test_a_name_never_runs_across_a_comma(container: Container) -> None:
    question = understood(container, "Sở Y tế, kế hoạch của Cao Bằng giao cho làm những gì?")
    assert question.agency_keys == frozenset({"y te"})
    assert all("ke hoach" not in m.mention for m in question.agencies)


@pytest.mark.parametrize(
    ("text", "plan", "section"),
    [
        (
            "Theo kế hoạch Cao Bằng, sở, ban, ngành khác có trách nhiệm gì với kế hoạch?",
            CAO_BANG,
            "Các Sở, Ban ngành tỉnh",
        ),
        ("Hà Nội giao các sở ngành còn lại của thành phố việc gì?", HA_NOI, "Các Sở, ngành khác"),
    ],
)
def test_a_generic_list_of_bodies_names_none_of_them(
    container: Container, text: str, plan: str, section: str
) -> None:
    # not "Sở Kế hoạch và Đầu tư" nor any other one body: the plans' own list head answers
    assert not understood(container, text).agencies
    answer = container.service.ask(text)
    assert answer.status == "answered"
    cited = answer.citations[0].hit.chunk
    assert cited.document_id == plan
    assert section in cited.section


def test_a_list_the_plan_has_no_head_for_is_not_refused(container: Container) -> None:
    # Cần Thơ assigns every department by name: no item speaks for "the others", and the
    # question is not told the plan assigns nothing
    question = understood(container, "Kế hoạch Cần Thơ giao cho sở, ban, ngành những việc gì?")
    assert question.plans == (CAN_THO,)
    assert not question.agencies
    answer = container.service.ask("Kế hoạch Cần Thơ giao cho sở, ban, ngành những việc gì?")
    assert "không có mục giao nhiệm vụ" not in answer.text


def test_bodies_set_aside_are_not_asked_about(container: Container) -> None:
    question = understood(container, "Ngoài Sở Y tế ra, cơ quan nào lo tiêm chủng ở Cao Bằng?")
    assert "y te" not in question.agency_keys
    question = understood(container, "Ngoài các sở, ngành, Hà Nội còn đề nghị tổ chức nào?")
    assert not question.agencies


@pytest.mark.parametrize(
    "text",
    [
        "Cần Thơ đề nghị cơ quan tư pháp nào phối hợp thực hiện chương trình bảo vệ trẻ em?",
        "Những cơ quan tư pháp nào được kế hoạch Cần Thơ đề nghị tham gia?",
    ],
)
def test_a_field_asked_with_nao_names_its_bodies_not_the_department(
    container: Container, text: str
) -> None:
    assert "tu phap" not in understood(container, text).agency_keys
    answer = container.service.ask(text)
    assert answer.status == "answered"
    assert "Viện Kiểm sát" in answer.text and "Tòa án" in answer.text


def test_a_field_said_of_one_body_still_names_the_department(container: Container) -> None:
    assert "tu phap" in understood(container, "Cơ quan tư pháp ở Hà Nội phải làm gì?").agency_keys


# --- class E: bodies no plan assigns -----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "body"),
    [
        ("Kế hoạch 1222 có giao việc gì cho Bộ Chỉ huy Quân sự tỉnh không?", "bo chi huy quan su"),
        ("bo chi huy quan su cb lam gi trong ke hoach", "bo chi huy quan su"),
        ("Hội Nông dân thành phố Long Khánh được phân công những gì?", "hoi nong dan"),
        ("Chi cục Dân số Hà Nội phải làm gì cho trẻ em?", "chi cuc dan so"),
    ],
)
def test_a_body_no_plan_assigns_is_a_body_and_is_refused(
    container: Container, text: str, body: str
) -> None:
    question = understood(container, text)
    assert not question.agency_keys
    assert unknown_bodies(question) == [body]
    answer = container.service.ask(text)
    assert answer.status == "no_answer"


@pytest.mark.parametrize(
    "text",
    [
        "Hội nghị sơ kết kế hoạch của Long Khánh tổ chức vào lúc nào?",
        "Kế hoạch 1222 được ban hành vào ngày nào?",
        "Tình trạng thiếu nước cục bộ ở vùng cao Cao Bằng có được nói tới không?",
        "Trung tâm của chính sách trẻ em ở Hà Nội là gì?",
    ],
)
def test_words_that_open_like_a_body_but_name_none(container: Container, text: str) -> None:
    assert not unknown_bodies(understood(container, text))


def test_a_body_the_plans_name_in_another_form_is_known(container: Container) -> None:
    # Long Khánh's heading "Phòng Y tế; Trung tâm Y tế thành phố" assigns it
    question = understood(container, "Trung tâm Y tế Long Khánh được giao những việc gì?")
    assert question.agency_keys == frozenset({"y te"})
    # named only in a passage's text: answered from that passage
    answer = container.service.ask("Quỹ Bảo trợ trẻ em Hà Nội có vai trò gì trong kế hoạch?")
    assert answer.status == "answered"
    assert any("Quỹ Bảo trợ trẻ em" in c.hit.chunk.text for c in answer.citations)
