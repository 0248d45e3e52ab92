"""Understanding slips found by the twelfth and thirteenth rounds of fresh questions: the
asker's own level of government as the subject, two plans named in a metadata question,
"nhận" as a verb not the plan's recipients, cited documents typed short ("qd 2361"), amounts
in "tỷ đồng", initials opening a question, "số" typed with its marks, "tên là gì" of a
thing. New wordings (not the gold rows'), on real headings and the real index."""

from __future__ import annotations

import pytest

from assistant.service import AssistantService
from assistant.text import fold_diacritics, fold_text
from assistant.types import DocumentMeta
from assistant.understand.agencies import AgencyCatalog
from assistant.understand.documents import cited_documents, cited_in
from assistant.understand.intents import intents_of, senses
from assistant.understand.plans import plans_named

# headings as the plans write them (Long Khánh's, Cần Thơ's, Cao Bằng's)
HEADINGS = [
    "Ủy ban nhân dân các phường, xã",
    "Ủy ban nhân dân các quận, huyện",
    "UBND huyện, thành phố",
    "Sở Lao động - Thương binh và Xã hội",
    "Phòng Y tế",
    "Sở Tư pháp",
]
CATALOG = AgencyCatalog.from_headings(HEADINGS, ["Long Khánh", "Cần Thơ"])
DOCS = [
    DocumentMeta("cb", "cb.txt", "t", "Cao Bằng", "1222/KH-UBND", 2024),
    DocumentMeta("lk", "lk.txt", "t", "Long Khánh", "1515/KH-UBND", 2024),
    DocumentMeta("ct", "ct.txt", "t", "Cần Thơ", None, 2017),
    DocumentMeta("hp", "hp.txt", "t", "Hải Phòng", "216/KH-UBND", 2020),
    DocumentMeta("hn", "hn.txt", "t", "Hà Nội", "203/KH-UBND", 2024),
]


def keys(text: str, catalog: AgencyCatalog = CATALOG) -> list[frozenset[str]]:
    return [m.keys for m in catalog.find(text)]


@pytest.mark.parametrize(
    "text",
    [
        "Thị trấn chúng tôi phải làm gì khi phát hiện trẻ bị bỏ rơi?",
        "Con tôi học ở Cần Thơ. Còn quận thì lo những việc gì cho trẻ em?",
        "huyen minh can bo tri kinh phi cho tre em ko",
        "Theo kế hoạch 1515, các phường có phải lập Ban Điều hành không?",
        "Mình làm ở ủy ban. Xã cần báo cáo kết quả cho ai?",
    ],
)
def test_a_bare_level_as_the_subject_is_its_people_s_committee(text: str) -> None:
    assert frozenset({"ubnd"}) in keys(text)


@pytest.mark.parametrize(
    "text",
    [
        "Trẻ em ở xã tôi có được khám sức khỏe miễn phí không?",  # where, not who
        "Công tác xã hội có phải là nghề được đào tạo không?",  # "xã hội", no level
        "Ai tập huấn cho cán bộ bảo vệ trẻ em của phường?",  # the object, not the subject
    ],
)
def test_a_level_that_is_no_subject_names_no_committee(text: str) -> None:
    assert frozenset({"ubnd"}) not in keys(text)


def test_a_level_names_no_committee_the_plans_do_not_assign() -> None:
    catalog = AgencyCatalog.from_headings(["Sở Tư pháp"], ["Long Khánh"])
    assert keys("Phường phải làm gì cho trẻ em?", catalog) == []


def test_a_count_typed_with_its_marks_is_no_department() -> None:
    assert keys("Số lao động trẻ em ở Cao Bằng đến 2030 giảm bao nhiêu?") == []
    assert keys("Giảm số lao động là trẻ em xuống mức nào?") == []
    # typed plain or as a name, "so"/"Sở" is the department
    assert keys("so lao dong phai lam gi cho tre em bo hoc")
    assert keys("Sở Lao động phải làm gì?")


def test_a_year_narrows_the_plans_of_its_own_locality_only() -> None:
    text = "So sánh ngày ký Kế hoạch năm 2017 của Cần Thơ với Kế hoạch 1515 của Long Khánh"
    assert set(plans_named(fold_diacritics(text), DOCS)) == {"ct", "lk"}
    text = "kế hoạch năm 2024 của Cao Bằng và kế hoạch của Hải Phòng cái nào dài hơn"
    assert set(plans_named(fold_diacritics(text), DOCS)) == {"cb", "hp"}


@pytest.mark.parametrize(
    ("text", "after", "plan"),
    [
        ("lk phòng tư pháp phải làm gì khi có trẻ bị xâm hại", ("phong tu phap",), "lk"),
        ("cb kế hoạch giao ai theo dõi trẻ bỏ học nhiều ngày liền ở vùng sâu", (), "cb"),
    ],
)
def test_initials_opening_a_question_before_a_body_or_a_plan_are_a_place(
    text: str, after: tuple[str, ...], plan: str
) -> None:
    assert plans_named(fold_diacritics(text), DOCS, after) == (plan,)


def test_initials_before_a_body_the_question_does_not_name_stay_unread() -> None:
    # "ct ubnd" is the chairman of the committee, not Cần Thơ (no body named after it)
    text = "ct ubnd thanh pho ky nhung van ban nao ve tre em trong nam nay"
    assert plans_named(text, DOCS) == ()


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        ("Hà Nội nhận hồ sơ xin hỗ trợ cho trẻ mồ côi ở đâu?", False),
        ("ha noi nhan bao cao cua cac quan vao thang may", False),
        ("Nơi nhận của Kế hoạch 1222 gồm những cơ quan nào?", True),
        ("Kế hoạch 203 có nơi nhận nào ngoài các sở?", True),
    ],
)
def test_recipients_are_asked_only_of_the_plan_sent(text: str, asked: bool) -> None:
    assert ("recipients" in intents_of(senses(text))) is asked


@pytest.mark.parametrize(
    ("text", "money"),
    [
        ("Mỗi năm Long Khánh chi mấy tỷ đồng cho công tác trẻ em?", True),
        ("Cần Thơ hỗ trợ mỗi trẻ bao nhiêu triệu?", True),
        ("Tỷ lệ trẻ được tiêm chủng đạt bao nhiêu tỷ lệ phần trăm?", False),
    ],
)
def test_an_amount_in_dong_asks_money(text: str, money: bool) -> None:
    assert ("money" in intents_of(senses(text))) is money


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("Cuộc vận động mà Hội Phụ nữ phát động tên là gì?", False),
        ("Mô hình ở trường học đó tên gì vậy?", False),
        ("Phó Giám đốc Sở Y tế phụ trách trẻ em tên là gì?", True),
        ("Người trực tổng đài ở phường tên gì?", True),
    ],
)
def test_a_name_asked_is_a_person_s_only_after_a_person(text: str, person: bool) -> None:
    assert ("person" in intents_of(senses(text))) is person


PREAMBLE = (
    "Căn cứ Quyết định số 2361/QĐ-TTg ngày 22 tháng 12 năm 2015 của Thủ tướng Chính phủ. "
    "Thực hiện Chỉ thị số 28-CT/TW ngày 25/12/2023 của Bộ Chính trị; Chỉ thị 23/CT-TTg."
)


def test_documents_the_plans_cite_are_read_from_their_text() -> None:
    cited = cited_in([fold_text(PREAMBLE)])
    assert {("quyet dinh", "2361"), ("chi thi", "28"), ("chi thi", "23")} <= cited


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("qđ 2361 do thủ tướng ký năm nào", "2361"),
        ("ct 28 cua bo chinh tri ban hanh ngay nao", "28"),
        ("hp thuc hien ct so 23 the nao", "23"),
    ],
)
def test_a_kind_typed_short_before_a_cited_number_is_that_document(text: str, number: str) -> None:
    cited = cited_in([fold_text(PREAMBLE)])
    found = cited_documents(fold_diacritics(text), {"1222", "1515", "216", "203"}, cited)
    assert [d.number for d in found] == [number]


def test_a_short_kind_before_a_year_or_an_uncited_number_is_no_document() -> None:
    cited = cited_in([fold_text(PREAMBLE)])
    assert cited_documents("ct 2017 giao so nao lo tre khuyet tat", set(), cited) == []
    assert cited_documents("qd 77 noi gi", set(), cited) == []


def test_which_plan_came_first_asks_their_dates() -> None:
    text = "Kế hoạch 1515 và Kế hoạch 216, kế hoạch nào được ban hành sớm hơn?"
    assert "date" in intents_of(senses(text))


# --- on the real index -----------------------------------------------------------------------


def test_the_asker_s_level_is_answered_from_its_committee_s_item(
    service: AssistantService,
) -> None:
    answer = service.ask("Phường chúng tôi ở Long Khánh phải làm gì để sơ kết kế hoạch?")
    assert answer.status == "answered"
    assert any("Ủy ban nhân dân các phường" in c.hit.chunk.section for c in answer.citations)


def test_each_plan_named_gets_its_basis(service: AssistantService) -> None:
    answer = service.ask(
        "Kế hoạch 216 của Hải Phòng và kế hoạch năm 2017 của Cần Thơ lần lượt căn cứ vào "
        "văn bản nào?"
    )
    assert answer.status == "answered"
    assert "2361/QĐ-TTg" in answer.text and "23/CT-TTG" in answer.text.upper()


def test_a_decision_typed_short_is_answered_with_its_own_date(
    service: AssistantService,
) -> None:
    text = "qđ 2361 của thủ tướng mà kế hoạch Cần Thơ căn cứ ký ngày nào"
    assert "cited" in service.understand(text).intents  # the decision's date, not the plan's
    answer = service.ask(text)
    assert answer.status == "answered"
    assert "22 tháng 12 năm 2015" in answer.text
