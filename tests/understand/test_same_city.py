"""Two plans of one city stay apart in follow-ups; "ở đó" points back at the plan."""

from __future__ import annotations

from assistant.types import DocumentMeta, Turn
from assistant.understand.agencies import AgencyCatalog
from assistant.understand.followup import context_of, resolve

DOCS = [
    DocumentMeta("ha-noi-203", "a.txt", "Chăm sóc trẻ em", "Hà Nội", "203/KH-UBND"),
    DocumentMeta("ha-noi-350", "b.html", "Phòng, chống đuối nước", "Hà Nội", "350/KH-UBND"),
    DocumentMeta("can-tho-2017", "c.txt", "Bảo vệ trẻ em năm 2017", "Cần Thơ", None, year=2017),
]
CATALOG = AgencyCatalog.from_headings(["Sở Tư pháp", "Công an thành phố"])


def test_the_answer_settles_which_of_the_citys_plans() -> None:
    history = [
        Turn("user", "Kế hoạch của UBND thành phố Hà Nội về trẻ em có số hiệu là gì?"),
        Turn("assistant", "Đó là Kế hoạch số 203/KH-UBND ngày 01/7/2024 của Hà Nội."),
    ]
    ctx = context_of(history, DOCS, CATALOG)
    assert ctx.answer_plans == ("ha-noi-203",)
    assert resolve("Kế hoạch đó do ai ký?", ctx, DOCS, CATALOG) == (
        "Hà Nội – Kế hoạch 203/KH-UBND do ai ký?"
    )


def test_there_refers_to_the_plan_not_to_an_age() -> None:
    history = [
        Turn("user", "Cần Thơ giao Sở Tư pháp những nhiệm vụ gì?"),
        Turn("assistant", "Theo kế hoạch năm 2017 của Cần Thơ, Sở Tư pháp tăng cường ..."),
    ]
    ctx = context_of(history, DOCS, CATALOG)
    resolved = resolve("Vậy ở đó cơ quan nào điều tra thân thiện?", ctx, DOCS, CATALOG)
    assert resolved.startswith("Vậy Cần Thơ")
    age = "Còn trẻ em ở độ tuổi đi học thì sao?"
    assert "Cần Thơ –" not in resolve(age, ctx, DOCS, CATALOG)
