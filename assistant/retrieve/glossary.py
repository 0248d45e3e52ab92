"""Everyday words users type, mapped to the administrative wording the plans use.

Hotline staff write "quán game", "lấy chồng sớm", "ai lo tiền"; the plans say "điểm dịch
vụ trò chơi điện tử", "tảo hôn", "bố trí kinh phí". The keyword side searches both.
Keys are matched on folded text, so unaccented questions expand too.
"""

from __future__ import annotations

import re
from functools import lru_cache

from assistant.text import fold_diacritics

COLLOQUIAL: dict[str, str] = {
    "game": "trò chơi điện tử trực tuyến",
    "lay vo lay chong som": "tảo hôn",
    "lay chong som": "tảo hôn",
    "lay vo som": "tảo hôn",
    "cuoi som": "tảo hôn",
    "cuoi xin": "hôn nhân",
    "ho hang": "cận huyết thống",
    "lo tien": "bố trí kinh phí ngân sách",
    "tien": "kinh phí",
    "gom so lieu": "tổng hợp báo cáo",
    "hoc hanh": "giáo dục học tập",
    "nghi hoc": "bỏ học",
    "bo hoc": "bỏ học",
    "kham benh": "khám bệnh, chữa bệnh y tế",
    "tiem phong": "tiêm chủng",
    "chich ngua": "tiêm chủng",
    "mang xa hoi": "không gian mạng",
    "internet": "không gian mạng",
    "tren mang": "không gian mạng",
    "danh dap": "bạo lực",
    "bao hanh": "bạo lực",
    "hotline": "đường dây nóng tổng đài",
    "so dien thoai": "đường dây nóng tổng đài điện thoại",
    "goi dien": "đường dây nóng tổng đài điện thoại",
    "che chan": "bảo vệ",
    "noi dung xau": "thông tin không có lợi",
    "noi dung doc hai": "thông tin không có lợi",
    "cac chau": "trẻ em",
    "cac be": "trẻ em",
    "con nit": "trẻ em",
    "giay khai sinh": "đăng ký khai sinh",
    "lam giay khai sinh": "đăng ký khai sinh",
    "mo coi": "hoàn cảnh đặc biệt",
    "luat su": "trợ giúp pháp lý",
    "xin con nuoi": "nuôi con nuôi",
    "nhan con nuoi": "nuôi con nuôi",
    "boi loi": "phòng, chống đuối nước",
    "chet duoi": "đuối nước",
    "ai lo": "chủ trì",
}


@lru_cache(maxsize=1)
def _patterns() -> list[tuple[re.Pattern[str], str]]:
    return [(re.compile(rf"\b{re.escape(k)}\b"), v) for k, v in COLLOQUIAL.items()]


def expand(question: str) -> str:
    """The question followed by the plans' wording for any everyday term it uses."""
    folded = fold_diacritics(question)
    extra = [wording for pattern, wording in _patterns() if pattern.search(folded)]
    return " ".join([question, *extra])
