"""The keyword index: folded syllable + bigram tokens, and a numpy BM25 build that scores
exactly as bm25s does on the real plans' text (and stays readable by bm25s)."""

from __future__ import annotations

from pathlib import Path

import bm25s
import numpy as np
import pytest

from assistant.index.store import KeywordIndex
from assistant.settings import PROJECT_ROOT
from assistant.text import fold_diacritics, fold_text, keyword_tokens, normalize

QUERIES = (
    "Sở Tư pháp phải làm gì?",
    "so tu phap phai lam gi",
    "Chỉ tiêu đăng ký khai sinh ở Cao Bằng?",
    "tổng đài 111",
    "trẻ em",
    "không có từ nào khớp xyzzy",
)


@pytest.fixture(scope="module")
def passages() -> list[str]:
    """Paragraphs of the real plans (one document per non-empty paragraph)."""
    texts: list[str] = []
    for path in sorted((PROJECT_ROOT / "corpus").glob("*.txt")):
        texts += [p for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    return texts


def test_tokens_are_folded_syllables_and_bigrams() -> None:
    tokens = keyword_tokens("Sở Tư pháp và Công an\u00a0tỉnh Đắk Lắk")
    # "tu" (từ) and "va" (và) are stopwords: dropped alone, kept inside bigrams
    assert tokens[:6] == ["so", "phap", "cong", "an", "tinh", "dak"]
    assert {"tu_phap", "phap_va", "va_cong", "dak_lak"} <= set(tokens)
    assert keyword_tokens("so tu phap") == keyword_tokens("Sở Tư pháp")
    assert "1222/kh-ubnd" in keyword_tokens("Kế hoạch số 1222/KH-UBND")


def test_fold_text_matches_word_by_word_folding(passages: list[str]) -> None:
    for text in passages[:200]:
        assert fold_text(text) == fold_diacritics(normalize(text))


def test_build_scores_like_bm25s(passages: list[str], tmp_path: Path) -> None:
    ours = KeywordIndex.build(passages)
    reference = bm25s.BM25()  # Lucene BM25 with the same k1, b: the scores must agree
    reference.index([keyword_tokens(t) for t in passages], show_progress=False)
    ours.save(tmp_path)
    reloaded = KeywordIndex.load(tmp_path, len(passages))
    read_by_bm25s = bm25s.BM25.load(str(tmp_path))
    for query in QUERIES:
        tokens = [t for t in keyword_tokens(query) if t in reference.vocab_dict]
        expected = reference.get_scores(tokens) if tokens else np.zeros(len(passages), np.float32)
        np.testing.assert_allclose(ours.scores(query), expected, rtol=1e-5, atol=1e-6)
        np.testing.assert_allclose(reloaded.scores(query), expected, rtol=1e-5, atol=1e-6)
        known = [t for t in keyword_tokens(query) if t in read_by_bm25s.vocab_dict]
        if known:
            np.testing.assert_allclose(
                read_by_bm25s.get_scores(known), expected, rtol=1e-5, atol=1e-6
            )
    # an unaccented question finds an accented passage that names the agency
    assert "tư pháp" in passages[int(ours.scores("so tu phap").argmax())].lower()


def test_empty_and_tiny_indexes(tmp_path: Path) -> None:
    empty = KeywordIndex.build([])
    assert empty.scores("trẻ em").shape == (0,)
    one = KeywordIndex.build(["Bảo vệ trẻ em"])
    one.save(tmp_path)
    assert KeywordIndex.load(tmp_path, 1).scores("tre em")[0] > 0
    assert KeywordIndex.load(tmp_path, 1).scores("xyzzy")[0] == 0
