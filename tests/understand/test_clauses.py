"""Splitting a question that asks several things into its parts (``understand/clauses.py``)."""

from __future__ import annotations

import pytest

from assistant.types import Turn
from assistant.understand.clauses import asks, has_subject, split_clauses, standalone_clause
from assistant.understand.question import Lexicon
from tests.conftest import assignment_lexicon, plan_meta

DOCS = [
    plan_meta("hn", "Hà Nội", "203/KH-UBND"),
    plan_meta("cb", "Cao Bằng", "1222/KH-UBND"),
]
HEADINGS = {
    "hn": ["Sở Giáo dục và Đào tạo", "Sở Lao động - Thương binh và Xã hội", "Công an Thành phố"],
    "cb": ["Sở Y tế", "Sở Văn hóa - Thể thao và Du lịch"],
}


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return assignment_lexicon(DOCS, HEADINGS, "- Chủ trì, phối hợp tuyên truyền; báo cáo.")


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        (
            "Sở Y tế Cao Bằng được giao chỉ tiêu nào, còn tỷ lệ tiêm chủng năm 2030 là bao nhiêu?",
            (
                "Sở Y tế Cao Bằng được giao chỉ tiêu nào?",
                "Tỷ lệ tiêm chủng năm 2030 là bao nhiêu?",
            ),
        ),
        (
            "so y te cao bang duoc giao chi tieu nao, con ty le tiem chung nam 2030 la bao nhieu",
            (
                "So y te cao bang duoc giao chi tieu nao?",
                "Ty le tiem chung nam 2030 la bao nhieu?",
            ),
        ),
        (
            "Ai ký kế hoạch của Hà Nội; kinh phí thực hiện lấy từ đâu?",
            ("Ai ký kế hoạch của Hà Nội?", "Kinh phí thực hiện lấy từ đâu?"),
        ),
        (
            "cong an ha noi lam gi va duong day nong bao ve tre em so may",
            ("Cong an ha noi lam gi?", "Duong day nong bao ve tre em so may?"),
        ),
        (
            # a list inside the first part is not a part of its own
            "Ai phụ trách phòng chống đuối nước, tai nạn giao thông, và báo cáo trước ngày nào?",
            (
                "Ai phụ trách phòng chống đuối nước, tai nạn giao thông?",
                "Báo cáo trước ngày nào?",
            ),
        ),
        (
            # "còn" before a verb is "still", not a second question's "while"
            "Cơ quan nào giữ chỉ tiêu 14, và cơ quan đó còn phải làm gì?",
            ("Cơ quan nào giữ chỉ tiêu 14?", "Cơ quan đó còn phải làm gì?"),
        ),
    ],
)
def test_parts_that_each_ask_are_split(text: str, parts: tuple[str, ...]) -> None:
    assert split_clauses(text) == parts


@pytest.mark.parametrize(
    "text",
    [
        # a list of nouns: only the last part asks
        "Cho biết số hiệu, ngày ban hành và người ký của kế hoạch Cần Thơ là gì?",
        "cho biet so hieu, ngay ban hanh va nguoi ky cua ke hoach can tho la gi",
        # values asked in order
        "Tỷ lệ trẻ được khai sinh năm 2025 và năm 2030 lần lượt là bao nhiêu?",
        "ty le tre duoc khai sinh nam 2025 va nam 2030 lan luot la bao nhieu",
        # a comparison
        "Cao Bằng giao gì cho Sở Tư pháp, còn Hà Nội giao gì, hai nơi khác nhau ra sao?",
        "han bao cao o ha noi va long khanh khac nhau the nao",
        # one question with a joining word and no second asking word
        "Sở Y tế và Sở Giáo dục phối hợp làm gì?",
        # the second part asks only more of the same ("ngày nào", "cụ thể là gì")
        "Sở Y tế phải báo cáo kết quả cho ai, trước ngày nào?",
        "Những kế hoạch nào giao việc cho Đoàn Thanh niên, cụ thể là gì?",
    ],
)
def test_one_question_is_not_split(lexicon: Lexicon, text: str) -> None:
    assert lexicon.understand(text).clauses == ()


@pytest.mark.parametrize(
    ("part", "accented", "expected"),
    [
        ("Kinh phí lấy từ đâu", True, True),
        ("Kinh phí đầu tư cho trẻ em", True, False),  # "đầu" is not "đâu"
        ("báo cáo bất kỳ vụ việc nào", True, False),  # "bất kỳ ... nào" names
        ("Sở Y tế có phải báo cáo không", True, True),  # a yes/no part
        ("tong dai so may", False, True),
        ("Sở Y tế", True, False),
    ],
)
def test_which_parts_ask(part: str, accented: bool, expected: bool) -> None:
    assert asks(part, accented) is expected


def test_an_agency_name_is_never_split(lexicon: Lexicon) -> None:
    text = "Sở Giáo dục và Đào tạo làm gì, và Sở Lao động - Thương binh và Xã hội làm gì?"
    parts = ("Sở Giáo dục và Đào tạo làm gì?", "Sở Lao động - Thương binh và Xã hội làm gì?")
    # "và" inside a name: unprotected, "Xã hội làm gì" would be taken for a part
    assert split_clauses(text) != parts
    names = ("Sở Giáo dục và Đào tạo", "Sở Lao động - Thương binh và Xã hội")
    protected = [(text.index(n), text.index(n) + len(n)) for n in names]
    assert split_clauses(text, protected) == parts
    # the question protects the agencies it finds
    assert lexicon.understand(text).clauses == parts


def test_the_question_carries_its_parts(lexicon: Lexicon) -> None:
    question = lexicon.understand(
        "Sở Lao động - Thương binh và Xã hội Hà Nội làm gì, và đường dây nóng số mấy?"
    )
    assert question.clauses == (
        "Sở Lao động - Thương binh và Xã hội Hà Nội làm gì?",
        "Đường dây nóng số mấy?",
    )
    # one question: its parts name different plans (each plan answers it whole)
    assert lexicon.understand("Sở Y tế Cao Bằng làm gì, còn Hà Nội giao gì?").clauses == ()
    # a follow-up made standalone is not split into the turns it joins
    history = [Turn("user", "Sở Y tế Cao Bằng làm gì?"), Turn("assistant", "…")]
    assert lexicon.understand("Còn Hà Nội thì sao?", history).clauses == ()


def test_a_later_part_inherits_what_it_lacks() -> None:
    # the plan named in the whole question
    assert (
        standalone_clause(
            "Tỷ lệ tiêm chủng năm 2030 là bao nhiêu?", (), False, ("cb",), "", "", DOCS, True
        )
        == "Tỷ lệ tiêm chủng năm 2030 là bao nhiêu (Cao Bằng – Kế hoạch 1222/KH-UBND)?"
    )
    # no subject of its own: the first part's agency ...
    assert (
        standalone_clause(
            "Phối hợp với những cơ quan nào?",
            ("hn",),
            False,
            ("hn",),
            "Sở Y tế Hà Nội chủ trì việc gì?",
            "Sở Y tế",
            DOCS,
            False,
        )
        == "Sở Y tế phối hợp với những cơ quan nào?"
    )
    # ... or, with no agency, the first part itself, as a follow-up reads
    assert (
        standalone_clause(
            "Quê ở đâu?", (), False, (), "Người ký kế hoạch sinh năm nào?", "", DOCS, False
        )
        == "Người ký kế hoạch sinh năm nào — quê ở đâu?"
    )


@pytest.mark.parametrize(
    ("part", "expected"),
    [
        ("Phối hợp với những cơ quan nào?", False),  # a verb: the subject is before it
        ("và thông qua phòng nào?", False),
        ("Là những cấp độ nào?", False),
        ("phoi hop voi co quan nao", False),
        ("Chỉ tiêu tảo hôn giảm bao nhiêu mỗi năm?", True),
        ("Cơ quan nào tổng hợp báo cáo?", True),  # "cơ" is not "có"
        ("kinh phi lay tu dau", True),
    ],
)
def test_which_parts_have_a_subject(part: str, expected: bool) -> None:
    assert has_subject(part) is expected


def test_an_agency_is_a_subject_even_in_words_that_frame(lexicon: Lexicon) -> None:
    # "Sở Giáo dục ... làm gì" reads "giao ... gì" (assign what): the name still stands
    question = lexicon.understand("Sở Y tế Cao Bằng làm gì, và Sở Giáo dục và Đào tạo làm gì?")
    assert question.clauses == ("Sở Y tế Cao Bằng làm gì?", "Sở Giáo dục và Đào tạo làm gì?")
