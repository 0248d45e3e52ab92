"""Vietnamese text handling shared by ingest, keyword search and query analysis."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from itertools import pairwise

_WORD = re.compile(r"[\w]+(?:[./-][\w]+)*", re.UNICODE)
_SPACES = re.compile(r"\s+")

# Function words that carry no topic: kept out of the keyword index (in folded form).
STOPWORDS = frozenset(
    [
        "va",
        "cua",
        "cac",
        "la",
        "co",
        "cho",
        "voi",
        "trong",
        "theo",
        "tai",
        "ve",
        "de",
        "duoc",
        "nhung",
        "mot",
        "nhu",
        "khi",
        "thi",
        "nay",
        "do",
        "tu",
        "den",
        "tren",
        "o",
        "ra",
        "vao",
        "ma",
        "hay",
        "hoac",
        "cung",
        "da",
        "dang",
        "se",
        "bi",
        "nao",
        "gi",
        "ai",
        "sao",
        "phai",
        "lam",
        "the",
        "nhieu",
        "it",
        "rat",
    ]
)


def normalize(text: str) -> str:
    """NFC, no zero-width or non-breaking spaces, Windows newlines made plain."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u00a0", " ").replace("\u200b", "").replace("\ufeff", "")
    return text.replace("\t", " ")


def collapse_spaces(text: str) -> str:
    """All runs of white space become one space."""
    return _SPACES.sub(" ", text).strip()


@lru_cache(maxsize=65536)
def fold_diacritics(text: str) -> str:
    """Lower-case ASCII skeleton of Vietnamese text: "Sở Tư pháp" → "so tu phap"."""
    text = text.lower().replace("đ", "d").replace("Đ", "d")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")


def words(text: str) -> list[str]:
    """Syllables and codes ("1222/KH-UBND", "15/12", "98,5") in reading order."""
    return _WORD.findall(normalize(text))


def keyword_tokens(text: str) -> list[str]:
    """Tokens for the keyword index: folded syllables plus folded two-syllable compounds.

    Bigrams of adjacent syllables stand in for Vietnamese compound words ("tu_phap",
    "con_nuoi"); pyvi's segmenter finds the same compounds in prose, and bigrams also work
    for unaccented queries where the segmenter does not.
    """
    syllables = [fold_diacritics(w) for w in words(text)]
    tokens = [s for s in syllables if s not in STOPWORDS]
    tokens.extend(f"{a}_{b}" for a, b in pairwise(syllables))
    tokens.extend(c for c in compounds(text) if c.count("_") >= 2)
    return tokens


def compounds(text: str) -> list[str]:
    """pyvi's multi-syllable words of ``text``, folded ("trẻ em gái" → "tre_em_gai")."""
    from pyvi import ViTokenizer

    segmented = ViTokenizer.tokenize(normalize(text))
    return [fold_diacritics(w) for w in segmented.split() if "_" in w]


def has_diacritics(text: str) -> bool:
    """Whether any letter carries a Vietnamese mark (or is đ)."""
    return fold_diacritics(text) != text.lower()
