"""Places a question names: a plan's locality, a place a plan's text names (the province
of a city), a place no plan is of, a district typed by its name."""

from __future__ import annotations

from assistant.text import fold_diacritics
from assistant.types import DocumentMeta
from assistant.understand.plans import foreign_place, places_named
from assistant.understand.question import unknown_places

DOCS = [
    DocumentMeta(id="lk", source="lk.txt", title="t", locality="Long Khánh", number="1515/KH-UBND"),
    DocumentMeta(id="cb", source="cb.txt", title="t", locality="Cao Bằng", number="1222/KH-UBND"),
]


def folded(text: str) -> str:
    return fold_diacritics(text).lower()


def test_places_named_leave_out_the_plans_localities() -> None:
    question = folded("Long Khánh thực hiện kế hoạch nào của UBND tỉnh Đồng Nai, Cao Bằng thì sao?")
    assert places_named(question, DOCS) == ["dong nai"]


def test_a_place_written_in_a_plan_is_not_foreign() -> None:
    question = folded("Tỉnh Đồng Nai ban hành kế hoạch số mấy?")
    assert foreign_place(question, DOCS) == "Dong Nai"
    assert foreign_place(question, DOCS, lambda place: place == "dong nai") is None
    # a place no plan writes stays foreign
    other = folded("Bình Dương giao Sở Y tế việc gì?")
    assert foreign_place(other, DOCS, lambda place: place == "dong nai") == "Binh Duong"


def test_a_district_named_by_its_capitalised_name_is_a_place() -> None:
    assert unknown_places("Huyện Xuân Lộc làm gì cho trẻ em?") == ["xuan loc"]
    assert unknown_places("các xã, phường của thành phố Long Khánh", ["long khanh"]) == []
    # provinces are known places; bodies written with capitals are not places
    assert unknown_places("UBND tỉnh Cao Bằng và Tỉnh Đoàn, Tỉnh Ủy") == []
    assert unknown_places("Phòng Lao Động Thương Binh Và Xã Hội") == []
