"""Chat shorthand and everyday words found by the fifteenth and sixteenth rounds of fresh
questions: agencies typed as a prefix's initial and the name's initials ("syt", "pgd"),
"so dt" as a phone number, the duty verb "lo", "gj" for "gì", other cities typed short, a
paper asked "ở đâu" with no verb, a cited document's kind typed short. New wordings (not the
gold rows'), on real headings and the real index."""

from __future__ import annotations

import pytest

from assistant.service import AssistantService
from assistant.text import fold_diacritics, fold_text
from assistant.types import DocumentMeta
from assistant.understand.agencies import AgencyCatalog
from assistant.understand.documents import cited_in, written_out
from assistant.understand.intents import asked_head, intents_of, senses
from assistant.understand.plans import foreign_place, plans_named
from assistant.understand.question import unabbreviated

# headings as the plans write them
HEADINGS = [
    "Sở Y tế",
    "Sở Giáo dục và Đào tạo",
    "Phòng Giáo dục và Đào tạo",
    "Sở Thông tin và Truyền thông",
    "Sở Lao động - Thương binh và Xã hội",
    "Sở Tư pháp",
    "Công an tỉnh",
]
CATALOG = AgencyCatalog.from_headings(HEADINGS, ["Cần Thơ"])
DOCS = [
    DocumentMeta("cb", "cb.txt", "t", "Cao Bằng", "1222/KH-UBND", 2024),
    DocumentMeta("hn", "hn.txt", "t", "Hà Nội", "203/KH-UBND", 2024),
]


def keys(text: str, catalog: AgencyCatalog = CATALOG) -> list[frozenset[str]]:
    return [m.keys for m in catalog.find(text)]


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("syt can tho phai lam gi cho tre suy dinh duong", "y te"),
        ("pgd lo gi cho hs bo hoc", "giao duc va dao tao"),
        ("stttt co nhiem vu gi ve mang xa hoi", "thong tin va truyen thong"),
        ("sldtbxh bao cao khi nao", "lao dong thuong binh va xa hoi"),
        ("stp hn co tro giup phap ly cho tre ko", "tu phap"),
    ],
)
def test_a_prefix_s_initial_run_into_a_name_s_initials_is_that_agency(text: str, key: str) -> None:
    assert keys(text) == [frozenset({key})]


def test_prefixed_initials_come_from_the_catalog_only() -> None:
    # no plan assigns a "Sở Y tế" here: "syt" names nothing
    assert keys("syt lam gi", AgencyCatalog.from_headings(["Sở Tư pháp"])) == []
    # chat words spelled like initials, and a body never typed after "Sở"
    assert keys("stt cua chi tieu do la may") == []
    assert keys("sca co phai lam gi khong") == []


def test_so_dt_typed_plain_is_a_phone_number() -> None:
    assert unabbreviated("so dt duong day nong o hp") == "so dien thoai duong day nong o hp"
    assert unabbreviated("Sở ĐT") == "Sở ĐT"  # typed as a name, left alone


def test_chat_spellings_of_gi_are_read_out() -> None:
    assert unabbreviated("quy do ten gj") == "quy do ten gi"
    assert unabbreviated("can giay to ji") == "can giay to gi"


@pytest.mark.parametrize(
    ("text", "duties"),
    [
        ("so y te hp lo nhung gi", True),
        ("cong an co lo viec cap the can cuoc cho tre khong", True),
        ("phong tu phap lo viec gi", True),
        ("phu huynh co lo ngai gi khong", False),
        ("lo trinh thuc hien den nam nao", False),
    ],
)
def test_lo_is_a_duty_verb(text: str, duties: bool) -> None:
    assert ("duties" in intents_of(senses(text))) is duties


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("o tphcm co tong dai rieng cho tre ko", "Tp Ho Chi Minh"),
        ("ke hoach cua hcm ve tre em", "Tp Ho Chi Minh"),
        ("sg lam gi cho tre duoi nuoc", "Sai Gon"),
        ("kh cua tp dn ve phong chong duoi nuoc", "Da Nang"),
    ],
)
def test_other_cities_typed_short_are_foreign_places(text: str, place: str) -> None:
    assert foreign_place(text, DOCS) == place


def test_words_that_are_no_city_stay_in_scope() -> None:
    assert foreign_place("doan tncs ho chi minh lam gi", DOCS) is None
    assert foreign_place("dn co phai ho tro tre em khong", DOCS) is None  # doanh nghiệp
    assert foreign_place("hn lam gi cho tre", DOCS) is None
    # the city's short form ending a body's name: the Youth Union, not the city
    assert foreign_place("doi tntp hcm o cao bang lam gi", DOCS) is None
    assert foreign_place("Thành đoàn, Đoàn TNCS HCM Hà Nội làm gì", DOCS) is None


@pytest.mark.parametrize(
    ("text", "head"),
    [
        ("mau don de nghi ho tro tre mo coi o dau", "mau don"),
        ("phieu bao tin tre bi bo roi tai dau", "phieu"),
        ("to khai cho tre khuyet tat o dau vay", "to khai"),
        ("tong dai 111 o dau", ""),
    ],
)
def test_a_paper_asked_where_with_no_verb_is_the_head(text: str, head: str) -> None:
    assert asked_head(text) == head


PLANS = [
    *DOCS,
    DocumentMeta("lk", "lk.txt", "t", "Long Khánh", "1515/KH-UBND", 2024),
    DocumentMeta("ct", "ct.txt", "t", "Cần Thơ", None, 2017),
]


@pytest.mark.parametrize(
    ("text", "plans"),
    [
        ("han nop bao cao cua hn voi lk khac nhau ko", {"hn", "lk"}),
        ("ct hay cb co chi tieu ve tre bo hoc", {"ct", "cb"}),
        ("so sanh lk, hp", {"lk"}),  # Hải Phòng has no plan in this list
    ],
)
def test_initials_joined_to_another_place_are_a_place(text: str, plans: set[str]) -> None:
    assert set(plans_named(text, PLANS)) == plans


def test_initials_joined_to_no_place_stay_unread() -> None:
    # "cán bộ và học sinh": joined, but to no place
    assert plans_named("tap huan ky nang cho cb va hs the nao", PLANS) == ()


PREAMBLE = (
    "Thực hiện Nghị định số 56/2017/NĐ-CP ngày 09/5/2017 của Chính phủ; Kế hoạch số "
    "308/KH-UBND ngày 20/11/2023 của UBND Thành phố; Thông tư 28/2014/TT-BLĐTBXH."
)


@pytest.mark.parametrize(
    ("text", "out"),
    [
        ("nd 56 quy dinh gi", "nghi dinh 56 quy dinh gi"),
        ("nđ 56 nói về gì", "nghị định 56 nói về gì"),
        ("Hà Nội làm kh 308 ra sao", "Hà Nội làm kế hoạch 308 ra sao"),
        ("tt 28 la thong tu gi", "thong tu 28 la thong tu gi"),
        ("kh 203 giao ai", "kh 203 giao ai"),  # an indexed plan's number: plans.py reads it
        ("tt 99 noi gi", "tt 99 noi gi"),  # no plan cites it
    ],
)
def test_a_cited_document_s_kind_typed_short_is_written_out(text: str, out: str) -> None:
    cited = cited_in([fold_text(PREAMBLE)])
    assert written_out(text, {"203", "1222"}, cited) == out


# --- on the real index -----------------------------------------------------------------------


def test_an_agency_typed_as_initials_is_answered_from_its_item(
    service: AssistantService,
) -> None:
    answer = service.ask("syt lk phai lam gi cho tre em")
    assert answer.status == "answered"
    assert any("Y tế" in c.hit.chunk.section for c in answer.citations)


def test_a_phone_number_typed_so_dt_names_no_department(service: AssistantService) -> None:
    question = service.understand("so dt tong dai bao ve tre em cb")
    assert question.agencies == ()
    assert "phone" in question.intents
    assert "số điện thoại" in question.restored


def test_lo_is_not_restored_to_lộ(service: AssistantService) -> None:
    assert "lo gì" in service.understand("phong tu phap hp lo gi").restored
    assert "lộ trình" in service.understand("lo trinh den 2030 the nao").restored


def test_another_city_typed_short_is_refused(service: AssistantService) -> None:
    question = service.understand("o tphcm co tong dai rieng cho tre ko")
    assert question.foreign_place
    assert service.ask("o tphcm co tong dai rieng cho tre ko").status == "no_answer"


def test_a_decree_typed_short_is_answered_from_the_plan_citing_it(
    service: AssistantService,
) -> None:
    question = service.understand("nd 56 quy dinh nhung gi")
    assert fold_diacritics(question.standalone).startswith("nghi dinh 56")
    answer = service.ask("nd 56 quy dinh nhung gi")
    assert answer.status == "answered"
    assert "56/2017/NĐ-CP" in answer.text


def test_lo_asked_yes_or_no_is_answered_from_the_agency_s_item(
    service: AssistantService,
) -> None:
    # "có lo ... không": whether the item covers it; "game online" in the plans' words
    answer = service.ask("o cao bang pttt co lo kiem tra diem game online khong")
    assert answer.status == "answered"
    assert "trò chơi trực tuyến" in answer.text
    assert any("Thông tin và Truyền thông" in c.hit.chunk.section for c in answer.citations)
