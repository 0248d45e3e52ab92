"""What a question asks, read from its frame rather than one trigger word: a date or
number of a document the plans cite is not the plan's own, "số mấy" asks the number of the
noun it follows, "điện thoại" the device asks no phone number, and agency names typed with
their syllables run together are still the index's agencies. Real plan headings."""

from __future__ import annotations

import pytest

from assistant.understand.documents import CITED, cited_documents
from assistant.understand.intents import intents_of, numbers_asked, senses
from assistant.understand.question import Lexicon
from tests.conftest import assignment_lexicon, plan_meta

DOCS = [
    plan_meta("hn", "Hà Nội", "203/KH-UBND"),
    plan_meta("cb", "Cao Bằng", "1222/KH-UBND"),
]
# Assignment headings as the real plans write them (Hà Nội's and Cao Bằng's).
HEADINGS = {
    "hn": ["Sở Văn hóa và Thể thao", "Sở Y tế", "Sở Giáo dục và Đào tạo"],
    "cb": ["Sở Lao động - Thương binh và Xã hội", "Sở Tư pháp", "Sở Y tế"],
}
METADATA = {"number", "date", "signer", "position", "basis"}


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return assignment_lexicon(
        DOCS,
        HEADINGS,
        "Triển khai Chỉ thị số 28-CT/TW ngày 25/12/2023 của Bộ Chính trị; thực hiện các "
        "chỉ tiêu 3, 4 của Kế hoạch.",
    )


@pytest.mark.parametrize(
    "text",
    [
        "Nghị quyết 56 mà Hà Nội nhắc đến được ban hành ngày nào?",
        "Kế hoạch của Cao Bằng làm theo thông tư số mấy, ban hành khi nào?",
        "Công văn về tiêm chủng trong kế hoạch Hà Nội có số hiệu gì?",
        "Luật Trẻ em được ban hành ngày nào?",
    ],
)
def test_a_date_or_number_of_a_cited_document_is_not_the_plan_s(
    lexicon: Lexicon, text: str
) -> None:
    question = lexicon.understand(text)
    assert not question.metadata_intents
    assert CITED in question.intents


@pytest.mark.parametrize(
    "text",
    [
        "Kế hoạch 203 của Hà Nội ban hành ngày nào?",
        "Kế hoạch của Cao Bằng mang số hiệu gì?",
        "Kế hoạch năm 2024 của Hà Nội do ai ký?",
    ],
)
def test_the_plan_s_own_date_number_and_signer_stay_metadata(lexicon: Lexicon, text: str) -> None:
    question = lexicon.understand(text)
    assert question.metadata_intents
    assert CITED not in question.intents


def test_a_cited_document_s_number_must_be_grounded(lexicon: Lexicon) -> None:
    question = lexicon.understand("Chỉ thị 31 mà Cao Bằng thực hiện ra đời ngày nào?")
    assert ("number", "31") in {(e.kind, e.text) for e in question.entities}
    # a plan's own number cites no other document
    assert cited_documents("ke hoach 1222 cua cao bang", {"1222", "203"}) == []


@pytest.mark.parametrize(
    ("folded", "owners"),
    [
        ("tong dai bao ve tre em la so may", ["phone"]),
        ("quyet dinh ve cong tac vien la so may", ["identifier"]),
        ("so y te phu trach chi tieu so bao nhieu", ["identifier"]),
        ("so may", [""]),
    ],
)
def test_a_number_asked_belongs_to_the_noun_before_it(folded: str, owners: list[str]) -> None:
    assert numbers_asked(folded) == owners


@pytest.mark.parametrize(
    "text",
    [
        "Văn bản hướng dẫn cộng tác viên là thông tư số mấy?",
        "Trẻ em nên dùng điện thoại thông minh thế nào cho an toàn?",
        "Ai hướng dẫn học sinh dùng điện thoại đúng cách?",
    ],
)
def test_no_phone_is_asked_without_a_frame_for_calling(text: str) -> None:
    assert not intents_of(senses(text)) & {"phone", "phone_number"}


@pytest.mark.parametrize(
    "text",
    [
        "con tôi bị đánh thì gọi về đâu",
        "thay tre bi xam hai lien he ai",
        "Số điện thoại đường dây nóng là gì?",
        "cần gọi điện thoại cho ai khi trẻ bị bắt nạt?",
    ],
)
def test_a_frame_for_calling_asks_a_phone(text: str) -> None:
    assert "phone" in intents_of(senses(text))


def test_a_question_asking_a_phone_searches_the_plans_hotline_wording(lexicon: Lexicon) -> None:
    question = lexicon.understand("trẻ bị bỏ rơi thì gọi đâu")
    assert "tổng đài" in question.expanded


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("so yte ha noi lam gi", "y te"),
        ("Sở tuphap Cao Bằng phụ trách gì?", "tu phap"),
        ("so giaoduc va daotao co nhiem vu gi", "giao duc va dao tao"),
        ("sở laodong thuongbinh va xahoi làm gì", "lao dong thuong binh va xa hoi"),
    ],
)
def test_agency_names_typed_with_joined_syllables_are_found(
    lexicon: Lexicon, text: str, key: str
) -> None:
    assert key in lexicon.understand(text).agency_keys


def test_joined_forms_come_from_the_index_s_own_names(lexicon: Lexicon) -> None:
    # no heading is "Sở Xây dựng": its joined form names nothing
    assert not lexicon.understand("so xaydung lam gi").agency_keys
