"""A question typed all in lower case, or without marks, is read as the same question typed
with capitals (issue 9, session 2026-11-24, helper h9az): its words take the capitals the
plans give them in the same context (places, bodies, acronyms such as "ODA"), and a
district typed plain is still a district ("quan do son", "xa bao quang"). The wordings are
new, not the gold set's; the index is the real one of the five plans."""

from __future__ import annotations

import pytest

from assistant.container import Container
from assistant.understand.casing import CasingTable
from assistant.understand.question import Question

# passages written as the plans write them: names capitalised mid-sentence (a pair twice at
# least), common words not
PASSAGES = [
    "Ủy ban nhân dân tỉnh Cao Bằng giao Công an tỉnh Cao Bằng chủ trì, nâng cao năng lực.",
    "Vận động nguồn vốn hỗ trợ phát triển chính thức (ODA) và vốn (ODA) cho trẻ em.",
    "Sở Lao động - Thương binh và Xã hội phối hợp với Sở Tài chính; nâng cao nhận thức.",
    "Giao Sở Lao động - Thương binh và Xã hội, Sở Tài chính hướng dẫn; nâng cao chất lượng.",
    "Tăng cường công tác xã hội, vận động xã hội, xã hội hóa nguồn lực.",
]


def table() -> CasingTable:
    return CasingTable.build(PASSAGES, ["Cao Bằng", "Hà Nội"])


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("công an tỉnh cao bằng phải báo cáo gì", "Công an tỉnh Cao Bằng phải báo cáo gì"),
        ("vốn oda dành cho trẻ em ra sao", "Vốn ODA dành cho trẻ em ra sao"),
        # a place of the plans, written as they write it after any word
        ("ở cao bằng thì sao", "Ở Cao Bằng thì sao"),
        # "nâng cao" is no "Cao Bằng"; "xã hội" is no body's head
        ("làm sao nâng cao ý thức xã hội", "Làm sao nâng cao ý thức xã hội"),
        # no capital guessed for a word the plans capitalise in some names only
        ("chương trình xã hội của cao bằng", "Chương trình xã hội của Cao Bằng"),
        # a new sentence opens with a capital
        ("hà nội thì sao? còn cao bằng", "Hà Nội thì sao? Còn Cao Bằng"),
    ],
)
def test_places_and_acronyms_take_the_plans_capitals(typed: str, meant: str) -> None:
    assert table().cased(typed) == meant


def test_a_question_with_its_own_capitals_is_kept() -> None:
    typed = "công an tỉnh Cao bằng làm gì"  # its capitals say what the user meant
    assert table().cased(typed) == typed


def understood(container: Container, text: str) -> Question:
    with container.holder.pinned() as loaded:
        return loaded.lexicon.understand(text)


@pytest.mark.parametrize(
    "capitalised",
    [
        "Công an tỉnh Cao Bằng có nhiệm vụ gì về đăng ký khai sinh cho trẻ?",
        "Sở Tài chính Hà Nội huy động vốn ODA ra sao?",
        "Phòng Tư pháp Long Khánh phải làm gì về nuôi con nuôi?",
    ],
)
def test_lower_case_reads_as_capitalised(container: Container, capitalised: str) -> None:
    lower = understood(container, capitalised.lower())
    upper = understood(container, capitalised)
    assert lower.restored.lower() == upper.restored.lower()
    assert lower.restored[:1].isupper()
    assert [m.keys for m in lower.agencies] == [m.keys for m in upper.agencies]
    assert lower.plans == upper.plans
    assert lower.terms == upper.terms


def test_an_acronym_in_lower_case_is_a_telling_topic(container: Container) -> None:
    from assistant.answer.extractive import telling_topic

    lower = understood(container, "sở tài chính hà nội huy động vốn oda ra sao")
    upper = understood(container, "Sở Tài chính Hà Nội huy động vốn ODA ra sao")
    assert telling_topic(lower) == telling_topic(upper)
    assert any("oda" in t.lower() for t in telling_topic(lower))


def test_a_lower_case_body_asked_off_its_item_is_refused(service) -> None:  # type: ignore[no-untyped-def]
    # a duty of another body, asked of the police in lower case, as in capitals
    capitalised = "Công an tỉnh Cao Bằng phải làm gì để tăng tỷ lệ đăng ký khai sinh cho trẻ?"
    lower = service.ask(capitalised.lower(), [])
    upper = service.ask(capitalised, [])
    assert lower.status == upper.status == "no_answer"


@pytest.mark.parametrize(
    ("text", "district"),
    [
        ("quan do son o hai phong phai lam gi cho tre em", "do son"),  # "do" folds as "đó"
        ("quan ba dinh ha noi co nhiem vu gi", "ba dinh"),  # "dinh" folds as "định"
        ("xa bao quang thuoc long khanh phai lam gi", "bao quang"),  # "xa" as a unit word
        ("quận hải an của hải phòng làm gì cho trẻ", "hai an"),  # "an của" in the plans
    ],
)
def test_a_district_typed_plain_is_a_district(
    container: Container, text: str, district: str
) -> None:
    q = understood(container, text)
    assert ("district", district) in [(e.kind, e.text) for e in q.entities]


@pytest.mark.parametrize(
    "text",
    [
        "quan do co phai lam gi khong",  # "quận đó có": two little words, no name
        "xa nay can lam gi",
        "huyen nao phai bao cao",
        "phuong an bao ve tre em co gi",  # "phương án bảo vệ": words, not a ward
        "xa hoi hoa nguon luc the nao",
        "xa an toan cho tre la gi",
    ],
)
def test_words_after_a_unit_word_are_no_district(container: Container, text: str) -> None:
    q = understood(container, text)
    assert not [e for e in q.entities if e.kind == "district"]


def test_an_acronym_typed_plain_takes_its_capitals() -> None:
    casing = CasingTable.build([*PASSAGES, "Giao UBND tỉnh, giao UBND huyện, KH số 5; từ nay."])
    assert casing.acronyms_cased("nguon von oda cho tre em") == "nguon von ODA cho tre em"
    assert casing.acronyms_cased("ubnd huyen lam gi") == "UBND huyen lam gi"
    # "tu" is also "từ", a word the plans write in lower case; "kh" as often a short form
    assert casing.acronyms_cased("tu nay kh lam gi") == "tu nay kh lam gi"
