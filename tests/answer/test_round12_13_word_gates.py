"""Word gates from the twelfth and thirteenth rounds of fresh questions: a yes/no predicate
is its content without the asker's frame (or the subject, when the predicate is only
frame); everyday words the plans say otherwise; a noun before "gì/nào" is what the answer
must name; a category head is met by the members a plan lists. New wordings, on the real
index."""

from __future__ import annotations

import pytest

from assistant.answer.extractive import category_member, lists_members
from assistant.service import AssistantService
from assistant.understand.intents import asked_head
from assistant.understand.question import predicate_topic, yesno_predicate, yesno_subject


@pytest.mark.parametrize(
    ("question", "predicate"),
    [
        # what the plan says "about" a subject: the subject must be stated
        (
            "Hà Nội có quy định gì về phòng chống đuối nước cho trẻ không?",
            "phòng chống đuối nước cho trẻ",
        ),
        ("Kế hoạch có đưa ra biện pháp nào đối với trẻ bỏ học không?", "trẻ bỏ học"),
        # "chuyện" only introduces the subject after a reporting verb
        ("Kế hoạch có nói gì về chuyện con nít chơi game không?", "con nít chơi game"),
    ],
)
def test_a_predicate_is_its_subject_without_the_frame(question: str, predicate: str) -> None:
    assert yesno_predicate(question) == predicate


def test_the_asker_s_verbs_and_the_plan_s_name_frame_a_predicate() -> None:
    topic = predicate_topic("được Kế hoạch 1222 quan tâm riêng")
    assert "quan tâm" not in topic and "riêng" not in topic
    # a subject's own words stay ("đường dây nóng" is what is asked about)
    assert "đường dây nóng" in predicate_topic("có đường dây nóng riêng")


def test_a_predicate_that_is_only_frame_asks_about_its_subject(
    service: AssistantService,
) -> None:
    assert yesno_subject("Con tôi 10 tuổi. Trẻ em khuyết tật có được quan tâm không?") == (
        "Trẻ em khuyết tật"
    )
    understood = service.understand("Trẻ em khuyết tật có được Kế hoạch 1222 quan tâm không?")
    assert understood.predicate == "Trẻ em khuyết tật"
    assert service.ask("Trẻ em khuyết tật có được Kế hoạch 1222 quan tâm không?").status == (
        "answered"
    )
    refused = service.ask("Trẻ em chơi golf có được Kế hoạch 216 quan tâm riêng không?")
    assert refused.status == "no_answer" and "chơi golf" in refused.text


def test_everyday_words_are_the_plans_own(service: AssistantService) -> None:
    # "nhà vệ sinh" is the plans' "công trình vệ sinh"; "nhà nghèo" their "hộ nghèo"
    toilets = service.ask("Trường học ở Cao Bằng có chỉ tiêu nào về nhà vệ sinh không?")
    assert toilets.status == "answered" and "công trình vệ sinh" in toilets.text
    poor = service.ask("Ở Long Khánh, con nhà nghèo có được kế hoạch nhắc tới không?")
    assert poor.status == "answered" and "hộ nghèo" in poor.text
    # "làm thuê" is hire, not the tax office ("thuế"): no body the plans lack is named
    hired = service.understand("Kế hoạch Long Khánh có đề cập đến việc trẻ em phải làm thuê không?")
    assert not hired.entities
    assert (
        service.ask("Kế hoạch Long Khánh có đề cập đến việc trẻ em phải làm thuê không?").status
        == "answered"
    )


def test_a_noun_before_the_question_word_is_the_head(service: AssistantService) -> None:
    common = {"nhiem_vu"}
    assert asked_head("nguoi trong coi tre can chung chi gi", common.__contains__) == "chung chi"
    assert asked_head("phai co giay phep nao", common.__contains__) == "giay phep"
    assert asked_head("dang ky theo thu tuc nao", common.__contains__) == "thu tuc"
    # a noun the plans may answer in other words ("theo nguyên tắc nào") is left to meaning
    assert asked_head("bo tri kinh phi theo nguyen tac nao", common.__contains__) == ""
    # a word of every plan, a generic head or a frame is no head
    assert asked_head("so y te co nhiem vu gi", common.__contains__) == ""
    assert asked_head("phai phoi hop voi co quan nao", common.__contains__) == ""
    assert asked_head("bao cao vao ngay nao", common.__contains__) == ""
    refused = service.ask("Nhân viên tổng đài 111 ở Hà Nội cần chứng chỉ gì?")
    assert refused.status == "no_answer" and "chứng chỉ" in refused.text
    licence = service.ask("Muốn mở cơ sở nuôi dạy trẻ mồ côi ở Long Khánh thì cần giấy phép gì?")
    assert licence.status == "no_answer"
    assert service.ask("Cao Bằng giao Sở Y tế nhiệm vụ gì?").status == "answered"


def test_a_category_head_is_met_by_listed_members(service: AssistantService) -> None:
    assert category_member("nhom tre") == "tre"
    assert category_member("hinh thuc") == ""
    assert category_member("giay phep") is None
    assert lists_members("tre em mo coi, tre em khuyet tat va tre em lang thang", "tre")
    assert lists_members("cac doi tuong sau: hoc sinh, giao vien", "")
    assert not lists_members("tang cuong cong tac bao ve tre em", "tre")
    answer = service.ask("Phòng Giáo dục Long Khánh phải giảm bỏ học cho những nhóm trẻ nào?")
    assert answer.status == "answered" and "hộ nghèo" in answer.text
    # the passage lists the groups without the word "nhóm"
    assert not any("nhóm trẻ" in c.hit.chunk.text.lower() for c in answer.citations)
