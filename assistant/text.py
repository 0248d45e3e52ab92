"""Vietnamese text handling shared by ingest, keyword search and query analysis."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from itertools import filterfalse, pairwise

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


# Combining marks left by NFD decomposition (and zero-width characters): one regex pass
# removes them all in C, far faster on whole passages than folding syllable by syllable.
_MARKS = re.compile("[\u0300-\u036f\u200b\ufeff]+")


def fold_text(text: str) -> str:
    """:func:`fold_diacritics` for a whole passage (no cache: passages rarely repeat)."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    return _MARKS.sub("", decomposed).replace("đ", "d")


def keyword_tokens(text: str) -> list[str]:
    """Tokens for the keyword index: folded syllables plus folded adjacent-syllable bigrams.

    Bigrams stand in for Vietnamese compound words ("tu_phap", "con_nuoi") without a word
    segmenter: they cost one pass over the syllables, and unlike a segmenter they work the
    same on unaccented questions. Stopwords are dropped as unigrams but kept inside bigrams
    ("trach_nhiem" and "tre_em" stay whole; "cua_so" ties a function word to its noun).
    """
    syllables = _WORD.findall(fold_text(text))
    # map/filterfalse keep the per-token work in C: this runs over every indexed syllable
    tokens = list(filterfalse(STOPWORDS.__contains__, syllables))
    tokens.extend(map("_".join, pairwise(syllables)))
    return tokens


def has_diacritics(text: str) -> bool:
    """Whether any letter carries a Vietnamese mark (or is đ)."""
    return fold_diacritics(text) != text.lower()
