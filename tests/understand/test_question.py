"""Question understanding on real headings and real plan wording (no index needed)."""

from __future__ import annotations

import pytest

from assistant.index.store import IndexPaths, read_manifest
from assistant.settings import Settings
from assistant.text import fold_diacritics
from assistant.types import Chunk, DocumentMeta, Turn
from assistant.understand.agencies import agency_key
from assistant.understand.diacritics import DiacriticsTable
from assistant.understand.followup import is_followup
from assistant.understand.intents import has_evidence, intents_of, senses
from assistant.understand.plans import foreign_place, plans_named
from assistant.understand.question import (
    RAREST,
    UNSEEN,
    Lexicon,
    load_tables,
    quoted_codes,
    term_weights,
    without_names,
)

DOCS = [
    DocumentMeta(
        id="hn", source="hn.txt", title="t", locality="Hà Nội", number="203/KH-UBND", year=2024
    ),
    DocumentMeta(
        id="cb", source="cb.txt", title="t", locality="Cao Bằng", number="1222/KH-UBND", year=2024
    ),
    DocumentMeta(
        id="lk", source="lk.txt", title="t", locality="Long Khánh", number="1515/KH-UBND", year=2024
    ),
    DocumentMeta(id="ct", source="ct.txt", title="t", locality="Cần Thơ", year=2017),
    DocumentMeta(id="ct2", source="ct2.txt", title="t", locality="Cần Thơ", year=2019),
    DocumentMeta(
        id="hp",
        source="hp.txt",
        title="t",
        locality="Hải Phòng",
        number="216/KH-UBND",
        year=2020,
        truncated=True,
    ),
]
# The assignment headings as the real plans write them.
HEADINGS = {
    "hn": [
        "Sở Tư pháp",
        "Sở Văn hóa và Thể thao",
        "Sở Giáo dục và Đào tạo",
        "Công an Thành phố",
        "Sở Lao động - Thương binh và Xã hội",
        "Sở Tài chính",
        "Sở Y tế",
    ],
    "cb": [
        "Sở Tư pháp",
        "Sở Văn hóa - Thể thao và Du lịch",
        "Công an tỉnh",
        "Sở Tài chính",
        "Sở Y tế",
    ],
    "lk": [
        "Phòng Tư pháp",
        "Phòng Văn hóa – Thông tin",
        "Phòng Lao động - Thương binh và Xã hội",
        "Phòng Tài chính – Kế hoạch",
        "Đề nghị Thành Đoàn",
    ],
}


def _chunks() -> list[Chunk]:
    chunks = []
    for doc, names in HEADINGS.items():
        for i, name in enumerate(names):
            chunks.append(
                Chunk(
                    f"{doc}:{i}",
                    doc,
                    f"IV. TỔ CHỨC THỰC HIỆN › {i + 1}. {name}",
                    "- Chủ trì, phối hợp tuyên truyền pháp luật về trẻ em; báo cáo định kỳ.",
                    i,
                    str(i),
                    agency=name,
                )
            )
    chunks.append(Chunk("hp:0", "hp", "I. MỤC ĐÍCH", "Bảo vệ trẻ em.", 0, "h0"))
    chunks.append(
        Chunk(
            "hp:1",
            "hp",
            "II. NỘI DUNG, GIẢI PHÁP THỰC HIỆN › 1. Thực hiện",
            "Xử lý nghiêm.",
            1,
            "h1",
        )
    )
    chunks.append(
        Chunk(
            "cb:x",
            "cb",
            "II. MỤC TIÊU",
            "Tỷ lệ trẻ em dưới 5 tuổi được đăng ký khai sinh đạt 98,5%.",
            9,
            "x",
        )
    )
    return chunks


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return Lexicon(DOCS, _chunks())


def keys(lexicon: Lexicon, text: str) -> list[list[str]]:
    return [sorted(m.keys) for m in lexicon.catalog.find(text)]


def test_agency_keys_are_plan_independent() -> None:
    assert agency_key("Phòng Tư pháp") == agency_key("Sở Tư pháp") == "tu phap"
    assert agency_key("Công an Thành phố") == agency_key("Công an tỉnh") == "cong an"
    assert agency_key("Phòng Y tế; Trung tâm Y tế thành phố") == "y te"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # long names, in full or in part, find every plan's version of the agency
        (
            "Nhiệm vụ của Sở Văn hóa và Thể thao trong kế hoạch 203?",
            [["van hoa the thao va du lich", "van hoa va the thao"]],
        ),
        (
            "Sở VHTT làm gì?",
            [["van hoa the thao va du lich", "van hoa thong tin", "van hoa va the thao"]],
        ),
        ("GD&ĐT có nhiệm vụ gì?", [["giao duc va dao tao"]]),
        ("LĐTBXH phải làm gì", [["lao dong thuong binh va xa hoi"]]),
        ("CA tỉnh làm gì", [["cong an"]]),
        ("Phòng Tư pháp phải làm gì", [["tu phap"]]),
        ("so tu phap phai lam gi", [["tu phap"]]),
        ("Vai trò của Sở Tài chính trong kế hoạch 1222", [["tai chinh", "tai chinh ke hoach"]]),
        ("Thành đoàn Long Khánh làm gì", [["doan thanh nien"]]),
        # a ministry is not a department, and a body no plan assigns is named but unknown
        ("Bộ Tư pháp có nhiệm vụ gì?", [[]]),
        ("Bộ đội Biên phòng tỉnh Cao Bằng được giao nhiệm vụ gì?", [[]]),
        # "số" (number) and "phòng, chống" (prevent) are not agencies
        ("Số điện thoại tổng đài là gì?", []),
        ("công tác phòng, chống xâm hại trẻ em", []),
    ],
)
def test_agencies_named(lexicon: Lexicon, text: str, expected: list[list[str]]) -> None:
    assert keys(lexicon, text) == expected


def test_plans_named() -> None:
    assert plans_named(fold_diacritics("ke hoach 1515 giao gi"), DOCS) == ("lk",)
    assert plans_named(fold_diacritics("Theo Kế hoạch 216/KH-UBND, Hải Phòng"), DOCS) == ("hp",)
    # two plans of one locality are both candidates; a year narrows them
    assert plans_named(fold_diacritics("Kế hoạch của Cần Thơ"), DOCS) == ("ct", "ct2")
    assert plans_named(fold_diacritics("Kế hoạch năm 2017 của Cần Thơ"), DOCS) == ("ct",)
    assert foreign_place(fold_diacritics("Kế hoạch của Đà Nẵng?"), DOCS) == "Da Nang"
    assert foreign_place(fold_diacritics("Đoàn Thanh niên Cộng sản Hồ Chí Minh"), DOCS) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kế hoạch 1515 mang số hiệu gì, ban hành ngày nào?", {"number", "date"}),
        ("Kế hoạch 203/KH-UBND của Hà Nội do lãnh đạo nào ký ban hành?", {"signer"}),
        ("Ai ký Kế hoạch 1222/KH-UBND?", {"signer"}),
        ("Kế hoạch của Cần Thơ căn cứ vào văn bản nào?", {"basis"}),
        ("Sở Tư pháp phải làm gì?", {"duties"}),
        ("cơ quan đó phải báo cáo trước ngày nào?", {"deadline", "day"}),
        ("Trưởng phòng Lao động Long Khánh tên là gì?", {"person"}),
        ("Mức lương tối thiểu vùng năm 2024 là bao nhiêu?", {"figure", "money"}),
        # a role then "who is it", however long the body's name in between
        ("Chủ tịch Ủy ban nhân dân tỉnh Cao Bằng hiện nay là ai?", {"person", "who"}),
        ("Ai là giám đốc Sở Y tế Cần Thơ?", {"person", "who"}),
        # the number itself, not only whom to call
        ("Đường dây nóng của tỉnh là số mấy?", {"phone", "phone_number"}),
        # which target, not its figure
        ("Công an tỉnh thực hiện chỉ tiêu nào?", {"which_target"}),
    ],
)
def test_intents(text: str, expected: set[str]) -> None:
    assert intents_of(fold_diacritics(text)) == expected


def test_accented_words_are_read_in_the_sense_typed() -> None:
    # "chi tiêu" (spending) folds to the same letters as "chỉ tiêu" (a target)
    assert "figure" not in intents_of(senses("Ai kiểm tra việc chi tiêu tiền của chương trình?"))
    assert "funding" in intents_of(senses("Ai kiểm tra việc chi tiêu tiền của chương trình?"))
    assert "figure" in intents_of(senses("Chỉ tiêu tiêm chủng là bao nhiêu?"))


def test_a_day_asked_needs_a_day_stated() -> None:
    assert has_evidence(frozenset({"day"}), "báo cáo trước ngày 15/12 hằng năm")
    assert not has_evidence(frozenset({"day"}), "định kỳ hằng năm báo cáo kết quả")
    assert has_evidence(frozenset({"phone_number"}), "Tổng đài điện thoại quốc gia (111)")
    assert not has_evidence(frozenset({"phone_number"}), "Thiết lập đường dây nóng")


def test_term_weights_favour_telling_words() -> None:
    weights = term_weights(
        ["trẻ em được bảo vệ", "trẻ em đi học", "kinh phí cho trẻ em", "trẻ em vui chơi"]
    )
    assert weights["kinh_phi"] > weights["tre_em"]
    assert weights[UNSEEN] == 0.0  # a word no passage has tells no passage apart
    assert weights[RAREST] >= weights["kinh_phi"]


def test_diacritics_restored_from_the_corpus() -> None:
    table = DiacriticsTable.build(
        ["Sở Tư pháp phải tổ chức trợ giúp pháp lý cho trẻ em bị xâm hại."]
    )
    assert table.restore("so tu phap phai lam gi") == "sở tư pháp phải làm gì"
    assert table.restore("tre bi xam hai thi bao cho ai") == "trẻ bị xâm hại thì báo cho ai"
    # a question typed with marks is left as typed
    assert table.restore("Sở Tư pháp Long Khánh giao gì") == "Sở Tư pháp Long Khánh giao gì"


def test_entities_to_ground(lexicon: Lexicon) -> None:
    kinds = {
        e.kind for e in lexicon.understand("Trưởng phòng Lao động Long Khánh tên là gì?").entities
    }
    assert kinds == {"person"}
    border = lexicon.understand("Bộ đội Biên phòng tỉnh Cao Bằng được giao nhiệm vụ gì?")
    assert [(e.kind, e.text) for e in border.entities] == [("agency", "bo doi bien phong")]
    assert lexicon.understand("Sở Tư pháp phải làm gì?").entities == ()


def test_a_place_is_not_an_agency(lexicon: Lexicon) -> None:
    # the "phòng" of "Hải Phòng" opens no "Phòng ..." name
    assert keys(lexicon, "Ở Hải Phòng, vụ xâm hại trẻ em xử lý thế nào?") == []
    assert keys(lexicon, "hai phong ke hoach 216 tuyen truyen the nao") == []


def test_a_body_written_as_ban_is_an_entity_to_ground(lexicon: Lexicon) -> None:
    question = lexicon.understand("Ban Dân tộc tỉnh có trách nhiệm gì?")
    assert ("agency", "ban dan toc") in [(e.kind, e.text) for e in question.entities]


def test_a_year_or_a_day_month_figure_is_an_entity(lexicon: Lexicon) -> None:
    question = lexicon.understand("Tổng đài có trực 24/24 không, từ năm 2015?")
    assert {(e.kind, e.text) for e in question.entities} >= {("figure", "24/24"), ("year", "2015")}


def test_truncation_point_is_read_from_the_plan(lexicon: Lexicon) -> None:
    assert lexicon.truncated_after == {"hp": "II"}


def test_followups_from_previous_questions(lexicon: Lexicon) -> None:
    history = [Turn("user", "Sở Tư pháp Hà Nội phải làm gì?"), Turn("assistant", "...")]
    assert is_followup("Còn Sở Y tế thì sao?") and not is_followup("Sở Y tế phải làm gì?")
    assert (
        lexicon.understand("Còn Sở Y tế thì sao?", history).standalone
        == "Sở Y tế Hà Nội phải làm gì?"
    )
    assert (
        lexicon.understand("Còn Long Khánh?", history).standalone
        == "Sở Tư pháp phải làm gì ở Long Khánh?"
    )
    # a question that names no plan stays within the conversation's plan (issue 9, round 18:
    # the plan was lost after the first turn); one that names another plan does not
    assert (
        lexicon.understand("Sở Y tế phải làm gì?", history).standalone
        == "Sở Y tế phải làm gì (Hà Nội)?"
    )
    assert lexicon.understand("Sở Y tế Cao Bằng phải làm gì?", history).plans == ("cb",)
    assert lexicon.understand("Còn Sở Y tế thì sao?").standalone == "Còn Sở Y tế thì sao?"


def test_followups_that_refer_to_the_previous_answer(lexicon: Lexicon) -> None:
    answer = (
        "**Long Khánh – Kế hoạch 1515/KH-UBND** — IV. TỔ CHỨC THỰC HIỆN › "
        "3. Phòng Lao động - Thương binh và Xã hội [1]:\n- “Chủ trì, phối hợp ...”"
    )
    history = [
        Turn("user", "Cơ quan nào chủ trì tổng hợp báo cáo ở Long Khánh?"),
        Turn("assistant", answer),
    ]
    agency = lexicon.understand("Cơ quan đó phải báo cáo trước ngày nào?", history)
    assert agency.standalone.startswith("Phòng Lao động - Thương binh và Xã hội (Long Khánh)")
    assert agency.plans == ("lk",) and agency.agency_keys == {"lao dong thuong binh va xa hoi"}

    history = [
        Turn(
            "user",
            "Tỷ lệ trẻ em dưới 5 tuổi được đăng ký khai sinh ở Cao Bằng năm 2025 là bao nhiêu?",
        ),
        Turn("assistant", "“... đạt 98,5% vào năm 2025 ...”"),
    ]
    figure = lexicon.understand("chỉ tiêu này năm 2030 thì sao?", history)
    assert "đăng ký khai sinh" in figure.standalone and "2030" in figure.standalone
    assert figure.plans == ("cb",) and "figure" in figure.intents
    assert ("year", "2030") in {(e.kind, e.text) for e in figure.entities}


def test_lexicon_tables_saved_at_ingest_understand_as_built_ones(
    indexed_settings: Settings,
) -> None:
    # The corpus-wide tables are built once at ingest (a worker opening 10,000 plans took
    # minutes building them); loaded, they understand exactly as freshly built ones.
    paths = IndexPaths(indexed_settings.data_dir)
    manifest = read_manifest(paths)
    assert manifest is not None
    documents, chunks = manifest
    saved = load_tables(paths.generation_dir(paths.current_generation() or ""))
    assert saved is not None
    loaded, built = Lexicon(documents, chunks, saved), Lexicon(documents, chunks)
    assert loaded.diacritics.forms == built.diacritics.forms
    assert loaded.weights == pytest.approx(built.weights)
    for text in ("so tu phap phai lam gi", "cong an tinh cao bang lam gi ve tao hon"):
        assert loaded.understand(text) == built.understand(text)


@pytest.mark.parametrize(
    ("text", "kept", "gone"),
    [
        # the place is taken out as a name; "báo cáo" keeps its "cáo"
        ("so lao dong cao bang bao cao truoc ngay nao", {"bao_cao", "cao"}, {"cao_bang"}),
        ("Sở Tư pháp Hà Nội nâng cao nhận thức gì?", {"nang_cao"}, {"tu", "phap", "noi"}),
        # an agency written with a dash between its words is still one name
        ("Email của Phòng Lao động - Thương binh và Xã hội Long Khánh là gì?", {"email"}, {"lao"}),
    ],
)
def test_named_places_and_agencies_leave_their_words_elsewhere(
    lexicon: Lexicon, text: str, kept: set[str], gone: set[str]
) -> None:
    question = lexicon.understand(text)
    terms = {question.folded_term(t) for t in question.terms}
    assert kept <= terms
    assert not gone & terms


def test_without_names_breaks_pairs_across_the_gap() -> None:
    assert without_names("Cao Bằng báo cáo", {"cao bang"}) == " và  báo cáo"
    assert without_names("báo cáo", set()) == "báo cáo"
    # folding that changes the length (a lone combining mark) cannot be mapped back
    assert without_names("Cao Bằng\u0301", {"cao bang"}) is None


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("số 0243.22.33.111 là của ai", ("0243.22.33.111",)),
        ("Chỉ thị 28-CT/TW nói gì về trẻ em?", ("28-CT/TW",)),
        ("Kế hoạch 1222/KH-UBND giao gì cho Sở Y tế?", ()),  # an indexed plan's own number
        ("báo cáo trước 15/12 năm 2025", ()),  # a date and a year are not identifiers
        ("gọi 111 ở đâu", ()),
    ],
)
def test_identifiers_quoted_in_a_question(text: str, codes: tuple[str, ...]) -> None:
    assert quoted_codes(text, {"1222", "203"}) == codes
