"""Which "kế hoạch" a question asks about: the plan it names, or another document that
plan cites (its own, another body's, one on another topic), and what is then asked."""

from __future__ import annotations

from assistant.text import fold_diacritics
from assistant.understand.documents import CITED, OtherPlan, about_other_plan, other_plan
from assistant.understand.intents import intents_of

CAO_BANG = ["cao bang"]
# the real title of Cao Bằng's plan, folded
TITLE = [
    fold_diacritics(
        "THỰC HIỆN KẾ HOẠCH SỐ 324-KH/TU, NGÀY 26/3/2024 CỦA TỈNH UỶ CAO BẰNG THỰC HIỆN CHỈ "
        "THỊ SỐ 28-CT/TW VỀ TĂNG CƯỜNG CÔNG TÁC CHĂM SÓC, GIÁO DỤC VÀ BẢO VỆ TRẺ EM"
    ).lower()
]


def ask(question: str) -> OtherPlan | None:
    return other_plan(fold_diacritics(question).lower(), CAO_BANG, TITLE)


def test_a_plan_of_its_own_is_another_document() -> None:
    found = ask("Tỉnh có một kế hoạch riêng về tai nạn thương tích không, mang số mấy?")
    assert found is not None
    assert found.issuer == ""
    assert ask("Cao Bằng còn kế hoạch nào khác về trẻ em, số mấy?") is not None


def test_a_party_committee_or_another_committee_issues_another_document() -> None:
    found = ask("Kế hoạch 1222 dựa theo kế hoạch số mấy của Ban Thường vụ Tỉnh ủy?")
    assert found is not None and found.issuer.startswith("ban thuong vu")
    found = ask("Kế hoạch số bao nhiêu của UBND tỉnh Lạng Sơn được dẫn?")
    assert found is not None and found.issuer == "lang son"


def test_the_plans_own_committee_and_title_topic_name_the_plan_itself() -> None:
    assert ask("Kế hoạch số mấy của UBND tỉnh Cao Bằng về bảo vệ trẻ em?") is None
    assert ask("Kế hoạch về chăm sóc, giáo dục và bảo vệ trẻ em mang số mấy?") is None
    assert ask("Kế hoạch 1222 ban hành ngày nào?") is None
    assert ask("Kế hoạch này do ai ký?") is None


def test_a_topic_not_in_the_plans_title_is_another_document() -> None:
    found = ask("Cao Bằng thực hiện kế hoạch số mấy về phòng chống đuối nước?")
    assert found is not None


def test_the_number_and_date_of_another_plan_are_the_citations() -> None:
    folded = fold_diacritics("Cao Bằng có kế hoạch riêng về tai nạn không, số mấy, ký ngày nào?")
    folded = folded.lower()
    found = other_plan(folded, CAO_BANG, TITLE)
    assert found is not None
    intents = about_other_plan(intents_of(folded), folded, found, None)
    assert CITED in intents
    # "số mấy" after a comma is the plan's number, not a number to call
    assert not intents & {"phone", "phone_number", "number", "date"}


def test_the_plans_own_date_asked_apart_stays_the_plans() -> None:
    folded = fold_diacritics(
        "Kế hoạch 1222 thực hiện kế hoạch số mấy của Tỉnh ủy, và ký ngày nào?"
    ).lower()
    found = other_plan(folded, CAO_BANG, TITLE)
    assert found is not None
    intents = about_other_plan(intents_of(folded), folded, found, "1222")
    assert {CITED, "date"} <= intents
    # asked of the other plan itself, the date is that plan's
    folded = fold_diacritics("Kế hoạch 1222 thực hiện kế hoạch số mấy của Tỉnh ủy ký ngày nào?")
    folded = folded.lower()
    found = other_plan(folded, CAO_BANG, TITLE)
    assert found is not None
    intents = about_other_plan(intents_of(folded), folded, found, "1222")
    assert "date" not in intents and {CITED, "day"} <= intents


def test_a_plan_named_by_a_listed_subject_and_another_period_is_another_document() -> None:
    title = "ke hoach phong, chong tai nan, thuong tich tre em nam 2024"
    asked = (
        "ke hoach phong, chong duoi nuoc, tai nan tre em giai doan 2016 - 2020 cua cao bang "
        "mang so may?"
    )
    assert other_plan(asked, ["cao bang"], [title]) is not None
    own = "ke hoach phong, chong tai nan, thuong tich tre em nam 2024 cua cao bang mang so may?"
    assert other_plan(own, ["cao bang"], [title]) is None
