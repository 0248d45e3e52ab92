"""Quotable units: whole bullets, long bullets as whole sentences, figures never cut."""

from __future__ import annotations

from assistant.index.units import (
    MAX_UNIT_CHARS,
    cited_targets,
    empty_units,
    is_closing,
    quotable_units,
    split_sentences,
    target_number,
)
from assistant.types import Chunk

TARGET = (
    "Chỉ tiêu 4: Phấn đấu giảm tỷ lệ trẻ em dưới 5 tuổi bị suy dinh dưỡng thể nhẹ cân (cân "
    "nặng theo tuổi) xuống dưới 16,4% vào năm 2025 và dưới 15% vào năm 2030; giảm tỷ lệ suy "
    "dinh dưỡng trẻ em dưới 5 tuổi thể thấp còi xuống 29,8% vào năm 2025 và dưới 27% vào năm "
    "2030; tỷ lệ thừa cân béo phì trẻ em dưới 5 tuổi trên địa bàn tỉnh ở mức dưới 10% vào năm "
    "2025 và duy trì ở mức đó đến năm 2030."
)


def test_bullets_are_units_and_a_long_bullet_is_split_into_whole_sentences() -> None:
    text = (
        "- Tổ chức tuyên truyền.\n- Phối hợp kiểm tra.\n"
        + ("Sở Tư pháp hướng dẫn việc đăng ký khai sinh cho trẻ em. " * 7).strip()
        + " Tổng đài 111 hoạt động 24/7."
    )
    units = quotable_units(text)
    assert units[:2] == ["- Tổ chức tuyên truyền.", "- Phối hợp kiểm tra."]
    assert units[-1] == "Tổng đài 111 hoạt động 24/7."
    assert all(u in text for u in units)


def test_a_list_of_indicators_stays_whole() -> None:
    # semicolons separate the indicators of one target: never a cut inside it
    assert len(TARGET) > MAX_UNIT_CHARS
    assert split_sentences(TARGET) == [TARGET]
    assert quotable_units(TARGET) == [TARGET]


def test_numbered_targets_and_the_assignments_citing_them() -> None:
    assert target_number("- Chỉ tiêu 13: Từng bước xóa bỏ tình trạng tảo hôn") == 13
    assert target_number("- Hướng dẫn triển khai các chỉ tiêu 13, 21 của Kế hoạch.") is None
    assert cited_targets(
        "- Hướng dẫn triển khai, chỉ đạo thực hiện các chỉ tiêu 3, 4, 5, 6, của"
    ) == {
        3,
        4,
        5,
        6,
    }
    assert cited_targets("để thực hiện chỉ tiêu 9 của Kế hoạch") == {9}
    assert cited_targets("- Chỉ tiêu 9: Giảm dần tỷ lệ trẻ em bị xâm hại") == set()

    targets = Chunk(
        "p:0", "p", "II. MỤC TIÊU", "- Chỉ tiêu 1: Tỷ lệ 90%.\n- Chỉ tiêu 2: ...", 0, "a"
    )
    health = Chunk(
        "p:1",
        "p",
        "IV. TỔ CHỨC THỰC HIỆN › 2. Sở Y tế",
        "- Chủ trì tuyên truyền.\n- Chỉ đạo thực hiện các chỉ tiêu 1, 2 của Kế hoạch.",
        1,
        "b",
        agency="Sở Y tế",
    )
    index = empty_units()
    index.link([targets, health])
    assert index.citing[("p", 2)] == [health]
    assert ("p", 1) in index.citing and ("p", 3) not in index.citing
    assert index.plan_chunks["p"] == [targets, health]


def test_the_closing_formula_is_recognised() -> None:
    assert is_closing("Trên đây là Kế hoạch thực hiện Chương trình Bảo vệ trẻ em năm 2017./.")
    # the end mark alone is no sign: the last sentence may carry content
    assert not is_closing("các đơn vị gửi Phòng Lao động tổng hợp, báo cáo xử lý theo quy định./.")
