"""Places and agencies typed the hotline way: a plan's locality as its initials ("ở cb"),
an agency by a short form ("Sở GD", "bên tư pháp"), everyday words for the plans' terms
("cấp 2", "bố mẹ"). Wordings here are new, not the gold set's."""

from __future__ import annotations

import pytest

from assistant.container import Container
from assistant.text import fold_diacritics
from assistant.types import DocumentMeta
from assistant.understand.plans import initials_named, place_initials, plans_named
from assistant.understand.question import expand

DOCS = [
    DocumentMeta("cb", "cb.txt", "t", "Cao Bằng", "1222/KH-UBND", 2024),
    DocumentMeta("lk", "lk.txt", "t", "Long Khánh", "1515/KH-UBND", 2024),
    DocumentMeta("ct", "ct.txt", "t", "Cần Thơ", None, 2017),
    DocumentMeta("hn", "hn.txt", "t", "Hà Nội", "203/KH-UBND", 2024),
]


def named(text: str, docs: list[DocumentMeta] = DOCS, after: tuple[str, ...] = ()) -> tuple:
    return plans_named(fold_diacritics(text), docs, after)


def test_initials_are_derived_from_the_indexed_localities() -> None:
    table = place_initials(DOCS)
    assert {k: v[0] for k, v in table.items()} == {
        "cb": "cao bang",
        "lk": "long khanh",
        "ct": "can tho",
    }  # "hn" is a fixed abbreviation, read everywhere already
    # a new plan's locality gets its own initials; two localities sharing them, none
    more = [*DOCS, DocumentMeta("dt", "dt.txt", "t", "Đồng Tháp", "5/KH", 2024)]
    assert place_initials(more)["dt"][0] == "dong thap"
    twins = [*DOCS, DocumentMeta("cb2", "c.txt", "t", "Cà Bình", "9/KH", 2024)]
    assert "cb" not in place_initials(twins)


@pytest.mark.parametrize(
    ("text", "plan"),
    [
        ("tại lk thì ai lo cấp giấy khai sinh cho trẻ", "lk"),  # after "tại"
        ("UBND tỉnh cb giao ai theo dõi tảo hôn", "cb"),  # after "tỉnh"
        ("kế hoạch của ct có nói về trẻ khuyết tật ko", "ct"),  # after "của"
        ("kh lk giao phòng nào làm đầu mối", "lk"),  # after "kh"
        ("các phường ở thành phố lk có phải lập nhóm bảo vệ trẻ em ko", "lk"),
        ("ct 2017 giao sở nào lo cho trẻ khuyết tật", "ct"),  # next to a year
        ("chỉ tiêu 2025 cb về tiêm chủng là bao nhiêu", "cb"),  # after a year
        ("cb 1222 có chỉ tiêu về nước sạch không", "cb"),  # next to its plan number
        ("cb giao ai làm đầu mối về trẻ em", "cb"),  # first word of a short question
        ("ai lo chuyện tảo hôn ở vùng cao, cb", "cb"),  # last word
    ],
)
def test_initials_marked_as_a_place_name_the_plan(text: str, plan: str) -> None:
    assert named(text) == (plan,)


@pytest.mark.parametrize(
    "text",
    [
        "ct 28 nói gì về trẻ em",  # Chỉ thị 28
        "ct số 23 yêu cầu gì",  # Chỉ thị số 23
        "Chỉ thị 28-CT/TW giao ai thực hiện",  # inside a code
        "cb xã phải làm gì khi có trẻ bị xâm hại",  # a commune's officer (cán bộ)
        "ct ubnd thành phố ký những văn bản nào",  # chủ tịch, as "CT, PCT.UBND" in a plan
        "nhiệm vụ của cb tư pháp xã là gì",
        "phải gửi bc cho cb phụ trách trẻ em trong tuần đầu hay tuần cuối của tháng",
    ],
)
def test_initials_in_another_sense_name_no_plan(text: str) -> None:
    assert named(text) == ()


def test_initials_after_an_agency_name_are_its_place() -> None:
    text = "phòng văn hóa thông tin lk tuyên truyền những gì cho phụ huynh"
    assert named(text) == ()  # mid-question, no place word before them
    assert named(text, after=("phong van hoa thong tin",)) == ("lk",)
    assert initials_named(fold_diacritics(text), DOCS, ("phong van hoa thong tin",)) == {
        "lk": "long khanh"
    }


@pytest.mark.parametrize(
    ("text", "wording"),
    [
        ("con tôi học hết cấp 1 rồi", "tiểu học"),
        ("tỷ lệ học sinh bỏ học cấp hai", "trung học cơ sở"),
        ("ba má của trẻ cần được hướng dẫn gì", "cha mẹ"),
        ("trẻ có bhyt miễn phí không", "bảo hiểm y tế"),
        ("ai quản lý csdl về trẻ em", "cơ sở dữ liệu"),
        ("trẻ bị lũ lụt thì ai hỗ trợ", "thiên tai"),
    ],
)
def test_everyday_words_are_searched_in_the_plans_wording(text: str, wording: str) -> None:
    assert wording in expand(text)[len(text) :]


# --- on the real index ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "plan"),
    [
        ("ở cb ai lo chuyện trẻ em đuối nước", "cao-bang-1222-kh-ubnd-2024"),
        ("quận huyện ct phải làm gì cho trẻ khuyết tật", "can-tho-bao-ve-tre-em-2017"),
        ("thành đoàn lk tổ chức hoạt động hè cho trẻ ntn", "long-khanh-1515-kh-ubnd-2024"),
    ],
)
def test_initials_name_the_plan_on_the_real_index(
    container: Container, question: str, plan: str
) -> None:
    with container.holder.pinned() as loaded:
        understood = loaded.lexicon.understand(question)
    assert understood.plans == (plan,)
    # the initials are the place, not a topic the passages must hold
    initials = question.split()[1] if question.startswith("ở") else ""
    assert not {"cb", "ct", "lk"} & set(understood.terms), (initials, understood.terms)


@pytest.mark.parametrize(
    ("question", "key"),
    [
        ("Sở GD HN phải làm gì cho học sinh khuyết tật?", "giao duc va dao tao"),
        ("Sở YT Cao Bằng lo tiêm chủng cho trẻ đến mức nào?", "y te"),
        ("bên tư pháp Hà Nội tuyên truyền pháp luật cho ai?", "tu phap"),
        ("phía y tế ở lk có làm gì cho trẻ bị bạo lực không?", "y te"),
    ],
)
def test_agencies_typed_short_are_known(container: Container, question: str, key: str) -> None:
    with container.holder.pinned() as loaded:
        understood = loaded.lexicon.understand(question)
    assert key in understood.agency_keys
    # the city's initials after the agency are its place, not part of an unknown body
    assert not [e for e in understood.entities if e.kind == "agency"]
    assert len(understood.plans) == 1


def test_a_plan_named_by_initials_is_answered_from_it(container: Container) -> None:
    answer = container.service.ask("ở lk ai phụ trách kiện toàn cộng tác viên ở ấp, khu phố")
    assert answer.status == "answered"
    assert {c.hit.document.id for c in answer.citations} == {"long-khanh-1515-kh-ubnd-2024"}


def test_an_unassigned_agency_does_not_take_the_city_after_it(container: Container) -> None:
    # "Sở XD" is assigned nothing: it stays an agency to ground, without "HN" in its name
    with container.holder.pinned() as loaded:
        understood = loaded.lexicon.understand("Sở XD HN phải làm gì cho trẻ em?")
    assert understood.plans == ("ha-noi-203-kh-ubnd-2024",)
    assert [e.text for e in understood.entities if e.kind == "agency"] == ["xd"]
