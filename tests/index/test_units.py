"""Quotable units: whole bullets, long bullets as whole sentences, figures never cut."""

from __future__ import annotations

from assistant.index.units import MAX_UNIT_CHARS, quotable_units, split_sentences

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
