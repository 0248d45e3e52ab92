"""What a question asks, read on real plan headings: compounds that are no agency,
abbreviations read by the initials of the index's own agency names, intents matched on
whole words, and a yes/no question's predicate."""

from __future__ import annotations

import pytest

from assistant.understand.intents import intents_of, senses
from assistant.understand.question import Lexicon, yesno_predicate
from tests.conftest import assignment_lexicon, plan_meta

DOCS = [
    plan_meta("hn", "Hà Nội", "203/KH-UBND"),
    plan_meta("lk", "Long Khánh", "1515/KH-UBND"),
]
# Assignment headings as the real plans write them (Hà Nội's and Long Khánh's).
HEADINGS = {
    "hn": ["Sở Văn hóa và Thể thao", "Sở Y tế", "Sở Lao động - Thương binh và Xã hội"],
    "lk": ["Phòng Văn hóa – Thông tin", "Phòng Kinh tế", "Phòng Tư pháp"],
}


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return assignment_lexicon(
        DOCS,
        HEADINGS,
        "b) Thực hiện các giải pháp bảo vệ trẻ em, phòng ngừa xâm hại trẻ em trong các hoạt "
        "động văn hóa, thể thao, du lịch; các cơ sở kinh doanh đồ chơi, văn hóa phẩm độc hại.",
    )


def test_a_business_is_not_an_agency(lexicon: Lexicon) -> None:
    # "cơ sở kinh doanh" is a business; its "sở" opens no "Sở Kinh tế"/"Phòng Kinh tế"
    question = lexicon.understand("Long Khánh xử lý các cơ sở kinh doanh đồ chơi độc hại ra sao?")
    assert question.agencies == ()


def test_an_abbreviation_is_read_by_the_initials_of_the_plans_own_names(
    lexicon: Lexicon,
) -> None:
    # "VH-TT" is "Văn hóa – Thông tin" in Long Khánh and "Văn hóa và Thể thao" in Hà Nội
    question = lexicon.understand("Phòng VH-TT Long Khánh phải làm gì với cơ sở kinh doanh?")
    assert len(question.agencies) == 1
    assert {"van hoa thong tin", "van hoa va the thao"} <= question.agency_keys


@pytest.mark.parametrize(
    ("question", "present", "absent"),
    [
        ("Cơ sở giáo dục ở Hà Nội phải làm gì?", set(), {"phone_number", "phone"}),
        (
            "Sở LĐTBXH chịu trách nhiệm những chỉ tiêu số mấy?",
            {"which_target"},
            {"phone_number", "phone", "figure"},
        ),
        ("Số điện thoại đường dây nóng là số mấy?", {"phone_number"}, set()),
        # the kind of value asked: a percentage, hours, a length of time, an amount
        ("Tỷ lệ trẻ em bị xâm hại phải giảm xuống mấy phần trăm?", {"percent"}, set()),
        ("tỷ lệ tiêm chủng là bao nhiêu %?", {"percent"}, set()),
        ("Tổng đài 111 trực từ mấy giờ?", {"clock"}, {"phone", "phone_number"}),
        ("Nhận nuôi con nuôi mất mấy ngày làm việc?", {"duration"}, {"figure", "day"}),
        ("Kế hoạch thực hiện trong bao lâu?", {"duration"}, set()),
        # how often is a deadline's frequency, not a length of time
        ("Sở Y tế báo cáo bao lâu một lần?", {"deadline"}, {"duration"}),
        ("tro cap bao nhieu cho moi tre khuyet tat", {"money"}, set()),
        # a count of children, not an amount
        ("Hà Nội hỗ trợ bao nhiêu trẻ em mồ côi?", {"figure"}, {"money"}),
        # "năm 2025" is the year of a figure, not a number of years
        ("Cao Bằng giảm bao nhiêu năm 2025?", {"figure"}, {"duration"}),
        # "cơ sở nào" asks which facilities: no number to call, no department
        ("Kiểm tra những cơ quan, cơ sở giáo dục nào?", set(), {"phone_number", "who"}),
        ("Số điện thoại đường dây nóng là số mấy?", {"phone_number"}, {"clock"}),
    ],
)
def test_intents_are_matched_on_whole_words(
    question: str, present: set[str], absent: set[str]
) -> None:
    intents = intents_of(senses(question))
    assert present <= intents
    assert not intents & absent


@pytest.mark.parametrize(
    ("question", "predicate"),
    [
        ("Gọi số đó có mất phí không?", "mất phí"),
        ("can tho 2017 co lap nhom tre em nong cot ko", "lap nhom tre em nong cot"),
        (
            "Công an Long Khánh có điều tra thân thiện với trẻ em không ạ?",
            "điều tra thân thiện với trẻ em",
        ),
        # "không" inside the question is no yes/no question
        ("Ở Hà Nội, công an có cách nào để làm việc với trẻ em, không gây sợ hãi?", ""),
        ("Sở Tư pháp phải làm gì?", ""),
    ],
)
def test_a_yes_no_question_s_predicate_is_what_it_asks_about(
    lexicon: Lexicon, question: str, predicate: str
) -> None:
    assert yesno_predicate(question) == predicate
    understood = lexicon.understand(question)
    assert understood.predicate == predicate
    assert bool(understood.predicate_terms) == bool(predicate)


@pytest.mark.parametrize(
    ("text", "summary"),
    [
        ("Hà Nội tuyên truyền về trẻ em qua những kênh thông tin nào?", True),
        ("cac bien phap phong duoi nuoc la gi", True),
        ("Long Khánh có các hoạt động nào cho trẻ khuyết tật?", True),
        ("Những cơ quan nào phối hợp với Sở Y tế?", False),  # an agency is asked
        ("Biện pháp nào được ưu tiên?", False),  # one measure, not a list
    ],
)
def test_a_plural_kind_of_measure_asks_for_the_list(text: str, summary: bool) -> None:
    assert ("summary" in intents_of(senses(text))) is summary
