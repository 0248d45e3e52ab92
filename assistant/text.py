"""Vietnamese text handling shared by ingest, keyword search and query analysis."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache
from itertools import filterfalse, pairwise

_WORD = re.compile(r"[\w]+(?:[./-][\w]+)*", re.UNICODE)
_SPACES = re.compile(r"\s+")

# Function words that carry no topic, as written: kept out of the keyword index folded
# (``STOPWORDS``), and out of the terms of a question typed with marks in their accented
# form (``ACCENTED_STOPWORDS``: "có" is one, "cơ" of "cơ quan" is not).
STOPWORD_FORMS: tuple[str, ...] = tuple(
    [
        "và",
        "của",
        "các",
        "là",
        "có",
        "cho",
        "với",
        "trong",
        "theo",
        "tại",
        "về",
        "để",
        "được",
        "những",
        "một",
        "như",
        "khi",
        "thì",
        "này",
        "nay",
        "do",
        "đó",
        "từ",
        "đến",
        "trên",
        "ở",
        "ra",
        "vào",
        "mà",
        "hay",
        "hoặc",
        "cũng",
        "đã",
        "đang",
        "sẽ",
        "bị",
        "nào",
        "gì",
        "ai",
        "sao",
        "phải",
        "làm",
        "thế",
        "nhiều",
        "ít",
        "rất",
        # particles and adverbs of degree or addition: a question's, never a plan's subject
        # ("huy động thêm nguồn nào", "cùng tham gia")
        "thêm",
        "cùng",
        "nữa",
        "vẫn",
        "còn",
        "vậy",
        "ạ",
        "nhé",
        "nhỉ",
        "chứ",
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


STOPWORDS = frozenset(fold_diacritics(w) for w in STOPWORD_FORMS)


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


def quotes_code(codes: Sequence[str], text: str) -> bool:
    """Whether ``text`` holds one of the identifiers ``codes`` verbatim (as whole words)."""
    if not codes:
        return False
    found = set(_WORD.findall(fold_text(text)))
    return any(fold_diacritics(code) in found for code in codes)


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


# The five tone marks, each written as an upper-case telex letter after the syllable: a
# canonical key never holds a digit (numbers stay recognisable) nor "_" (which joins pairs),
# and upper case cannot be confused with a lower-cased syllable's own letters.
_TONES = {"\u0301": "S", "\u0300": "F", "\u0309": "R", "\u0303": "X", "\u0323": "J"}
_TONE_MARKS = re.compile("[\u0300\u0301\u0303\u0309\u0323]")
_TONE_SUFFIX = re.compile(r"[SFRXJ]$")


@lru_cache(maxsize=65536)
def accent_key(syllable: str) -> str:
    """The canonical accented form of a syllable: lower case, vowel marks kept (ă â ê ô ơ ư
    đ), the tone mark taken off wherever it was placed and written after the syllable, so
    the two tone-placement conventions meet ("hoà" and "hòa" → "hoaF", "thuỷ" and "thủy" →
    "thuyR") while words that fold alike stay apart ("bơi" → "bơi", "bồi" → "bôiF")."""
    decomposed = unicodedata.normalize("NFD", syllable.lower())
    tones = _TONE_MARKS.findall(decomposed)
    if not tones:
        return unicodedata.normalize("NFC", decomposed)
    base = unicodedata.normalize("NFC", _TONE_MARKS.sub("", decomposed))
    return base + _TONES[tones[-1]]


def fold_key(key: str) -> str:
    """The folded syllable of an :func:`accent_key` (or of a pair of them): "bôiF" → "boi"."""
    return "_".join(fold_diacritics(_TONE_SUFFIX.sub("", k)) for k in key.split("_"))


ACCENTED_STOPWORDS = frozenset(accent_key(w) for w in STOPWORD_FORMS)
_LETTERS = re.compile(r"[^\W\d_]+", re.UNICODE)


def typed_with_marks(text: str) -> bool:
    """Whether ``text`` was typed with Vietnamese marks: more than one of its syllables, and
    more than a fifth of them, carry one. In such a text an unmarked syllable ("Long",
    "giao") is what the user meant; a text typed without marks ("so tu phap phai lam gi")
    leaves every mark open."""
    syllables = _LETTERS.findall(text)
    marked = sum(fold_diacritics(s) != s.lower() for s in syllables)
    return marked > max(1, len(syllables) // 5)
