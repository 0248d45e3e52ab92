"""Answer gates from the eighth and ninth rounds of fresh questions: the year a figure is
asked for (also when it is the plan's own year) must stand in the unit about the subject;
duties asked towards a target still need the topic in the agency's item; a yes/no
predicate is not failed by where two of its words meet; "có gửi X không" asks the list of
recipients; "mấy cái ban, nhóm gì" asks which ones; "ở địa chỉ nào" needs an address; "hiệu lực từ ngày nào" needs the date a text takes
effect.
Questions are new wordings written from the plans, asked of the real index."""

from __future__ import annotations

from assistant.service import AssistantService
from assistant.text import fold_diacritics
from assistant.understand.intents import asked_head, counted_noun, intents_of
from assistant.understand.question import compounds, everyday_said


def test_a_year_stands_in_the_unit_about_the_subject(service: AssistantService) -> None:
    # chỉ tiêu 19 (psychological support in schools) gives only 2025; chỉ tiêu 20, quoted
    # beside it, has a 2030 figure about something else
    later = service.ask(
        "Đến năm 2030 Cao Bằng phấn đấu bao nhiêu phần trăm trường có dịch vụ hỗ trợ tâm lý "
        "cho học sinh?"
    )
    assert later.status == "no_answer" and "2030" in later.text
    given = service.ask(
        "Đến năm 2025 Cao Bằng phấn đấu bao nhiêu phần trăm trường có dịch vụ hỗ trợ tâm lý "
        "cho học sinh?"
    )
    assert given.status == "answered" and "95%" in given.text


def test_the_plan_s_own_year_asked_as_a_figure_s_year(service: AssistantService) -> None:
    # Cao Bằng's plan is of 2024, its targets are for 2025 and 2030
    asked = service.ask(
        "Tỷ lệ trẻ dưới 1 tuổi ở Cao Bằng được tiêm đủ vắc xin vào năm 2024 là bao nhiêu?"
    )
    assert asked.status == "no_answer" and "2024" in asked.text
    # the same year naming the plan is no year asked
    for text in (
        "Năm 2024 Cao Bằng đặt tỷ lệ trẻ dưới 1 tuổi tiêm chủng đầy đủ là bao nhiêu?",
        "Kế hoạch năm 2024 của Cao Bằng đặt tỷ lệ trẻ dưới 1 tuổi tiêm chủng đầy đủ bao nhiêu?",
    ):
        named = service.ask(text)
        assert named.status == "answered" and "95%" in named.text, text


def test_duties_towards_a_target_need_the_topic_in_the_item(service: AssistantService) -> None:
    answer = service.ask(
        "Sở Y tế Cao Bằng phải làm gì để đạt chỉ tiêu về trợ giúp pháp lý cho trẻ em?"
    )
    assert answer.status == "no_answer"
    # the plan gives legal aid to Sở Tư pháp; the topic is shown as whole words
    assert "Sở Tư pháp" in answer.text and '"trợ giúp pháp lý"' in answer.text


def test_where_two_words_meet_is_no_word_the_plans_lack(service: AssistantService) -> None:
    # "kêu gọi" is the plan's "huy động"; "nghiệp cá", "nhân cùng" are no words
    answer = service.ask(
        "Kế hoạch Long Khánh có kêu gọi doanh nghiệp, cá nhân cùng tham gia không?"
    )
    assert answer.status == "answered" and "doanh nghiệp, cá nhân" in answer.text
    # "học phí" is a word no plan uses, though each of its syllables is used
    assert service.ask("Kế hoạch Hà Nội có miễn học phí cho trẻ em không?").status == "no_answer"
    assert {"hoc_phi", "boi_thuong"} <= compounds("miễn học phí, phải bồi thường")
    assert "nghiep_ca" not in compounds("doanh nghiệp, cá nhân")


def test_whether_a_body_is_sent_the_plan_lists_its_recipients(
    service: AssistantService,
) -> None:
    assert "recipients" in intents_of("kh 1515 co gui ban dan van thanh uy khong")
    assert "recipients" not in intents_of("ke hoach co gui bao cao ve so khong")
    answer = service.ask("KH 1515 có gửi Ban Dân vận Thành ủy không")
    assert answer.status == "answered"
    assert all(c.hit.chunk.section.startswith("Nơi nhận") for c in answer.citations)
    assert "Ban Dân vận Thành ủy" in answer.text


def test_how_many_kinds_which_asks_which_ones() -> None:
    folded = fold_diacritics("cấp xã phải lập mấy cái nhóm, tổ gì")
    assert "figure" not in intents_of(folded)
    assert counted_noun("cấp xã phải lập mấy cái nhóm, tổ gì") is None
    assert counted_noun("học sinh học mấy buổi một ngày") == "buổi"


def test_an_address_asked_must_be_stated(service: AssistantService) -> None:
    assert asked_head("tong dai 111 dat o dia chi nao") == "dia chi"
    answer = service.ask("Tổng đài 111 đặt ở địa chỉ nào?")
    assert answer.status == "no_answer" and "địa chỉ" in answer.text


def test_a_position_in_policy_is_no_address() -> None:
    assert asked_head("tru so trung tam cong tac xa hoi o dau") == "tru so"
    assert asked_head("tre em duoc dat o vi tri nao trong chinh sach") == ""


def test_the_date_a_text_takes_effect_must_be_stated(service: AssistantService) -> None:
    # only Hải Phòng's header states one; a cited resolution's signing date is no such date
    assert service.ask("Kế hoạch 1515 có hiệu lực khi nào?").status == "no_answer"
    stated = service.ask("Kế hoạch 216 của Hải Phòng có hiệu lực từ ngày nào?")
    assert stated.status == "answered" and "31/08/2020" in stated.text


def test_an_everyday_word_is_said_in_the_plans_wording(service: AssistantService) -> None:
    said = everyday_said("co noi gi toi phu huynh khong", "có nói gì tới phụ huynh không", "cha mẹ")
    assert said == ["phụ huynh"]
    assert everyday_said("co noi gi toi phu huynh khong", "x", "gia đình") == []
    answer = service.ask("Kế hoạch của Long Khánh có nói gì tới phụ huynh không?")
    assert answer.status == "answered" and "cha mẹ" in answer.text
