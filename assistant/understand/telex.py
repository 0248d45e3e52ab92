"""Telex keys typed as letters read as the marks they stand for: "nhiemj vuj" → "nhiệm vụ".

With the input method switched off, a Telex typist's keys stay in the text: a tone key
after the syllable (s sắc, f huyền, r hỏi, x ngã, j nặng) and vowel keys inside it (aa â,
aw ă, ee ê, oo ô, ow ơ, uw or w alone ư, dd đ). No Vietnamese syllable ends in s, f, r, x
or j, nor holds "aa", "ee", "oo", "dd" or a "w", so such a word is either English
("reports", "show") or Telex. A word is read as Telex only when the syllable it spells
(its letters, the marks its keys give, the tone its last key gives; marks the typist left
out are free: "nhiemj" → "nhiệm") is one the corpus writes, and the typed word itself is
no word the corpus or everyday English uses.
"""

from __future__ import annotations

import re
import unicodedata

from assistant.text import fold_diacritics, typed_with_marks
from assistant.understand.diacritics import DiacriticsTable

_SYLLABLE = re.compile(r"[^\W\d_]+", re.UNICODE)
# the tone keys, and the combining mark each stands for
_TONES = {"s": "\u0301", "f": "\u0300", "r": "\u0309", "x": "\u0303", "j": "\u0323"}
_TONE_MARKS = frozenset(_TONES.values())
# the vowel keys ("dd" only opens a syllable), "uw" before "w"
_VOWEL_KEYS: tuple[tuple[str, str], ...] = (
    *(("aa", "â"), ("ee", "ê"), ("oo", "ô"), ("aw", "ă"), ("ow", "ơ")),
    *(("uw", "ư"), ("w", "ư")),
)
_VOWELS = "aeiouyâăêôơư"
# everyday English a question mixes in whose letters would also spell a syllable of the
# plans ("sex" → "sẽ", "six" → "sĩ", "max" → "mã"); the rest spell none ("reports")
ENGLISH = frozenset(
    [
        "as",
        "is",
        "us",
        "has",
        "his",
        "was",
        "yes",
        "bus",
        "max",
        "mix",
        "six",
        "sex",
        "tax",
        "fax",
        "box",
        "for",
        "per",
        "sir",
        "her",
        "our",
    ]
)


def _parts(syllable: str) -> tuple[str, str]:
    """An accented syllable's letters with their vowel marks ("nhiê m") and its tone's
    combining mark ("" for none)."""
    decomposed = unicodedata.normalize("NFD", syllable)
    tone = "".join(ch for ch in decomposed if ch in _TONE_MARKS)
    letters = "".join(ch for ch in decomposed if ch not in _TONE_MARKS)
    return unicodedata.normalize("NFC", letters), tone


_SYLLABLES: dict[int, tuple[DiacriticsTable, dict[tuple[str, str], list[str]]]] = {}


def _syllables(table: DiacriticsTable) -> dict[tuple[str, str], list[str]]:
    """(folded letters, tone mark) → the corpus's syllables of those letters and tone, the
    most frequent form of the letters first (cached per table)."""
    cached = _SYLLABLES.get(id(table))
    if cached is not None and cached[0] is table:
        return cached[1]
    index: dict[tuple[str, str], list[str]] = {}
    seen: set[str] = set()
    # the table's own form of a single syllable first: the one the corpus writes most
    ones = [v for k, v in table.forms.items() if " " not in k]
    for form in (*ones, *table.forms.values()):
        for syllable in form.split(" "):
            if syllable in seen or not syllable.isalpha():
                continue
            seen.add(syllable)
            letters, tone = _parts(syllable)
            index.setdefault((fold_diacritics(letters), tone), []).append(syllable)
    _SYLLABLES.clear()  # one live table at a time: the index's current generation
    _SYLLABLES[id(table)] = (table, index)
    return index


def _keyed(word: str) -> tuple[str, str] | None:
    """A lowercase word's letters with its vowel keys made marks ("duowc" → "duơc") and the
    tone mark of its last key; None when it has no Telex key."""
    tone = ""
    if len(word) > 2 and word[-1] in _TONES:
        tone, word = _TONES[word[-1]], word[:-1]
    letters = word[2:] if word.startswith("dd") else word
    head = "đ" if word.startswith("dd") else ""
    for key, mark in _VOWEL_KEYS:
        letters = letters.replace(key, mark)
    letters = head + letters
    if not tone and letters == word:
        return None
    if not any(ch in _VOWELS for ch in letters):
        return None  # "vs", "ks": chat shorthand, no syllable
    return letters, tone


def _syllable(word: str, table: DiacriticsTable) -> str | None:
    """The syllable of the corpus the Telex-typed ``word`` spells (None: none, or no
    Telex)."""
    lower = word.lower()
    if lower in ENGLISH or lower in table.forms or (word[1:].lower() != word[1:]):
        return None  # a word as typed, or an acronym ("KHs")
    keyed = _keyed(lower)
    if keyed is None:
        return None
    letters, tone = keyed
    candidates = _syllables(table).get((fold_diacritics(letters), tone), [])
    # the marks typed must be the syllable's; marks left out are free ("nhiemj": nhiệm)
    fitting = [
        s
        for s in candidates
        if all(
            typed == had or typed.isascii()
            for typed, had in zip(letters, _parts(s)[0], strict=False)
        )
    ]
    return fitting[0] if fitting else None


def decoded(text: str, table: DiacriticsTable) -> str:
    """``text`` with each Telex-typed word given the marks its keys stand for ("nhiemj vuj
    cuar phongf" → "nhiệm vụ của phòng"). In a question typed without marks, the other
    syllables are restored from the corpus as well (``DiacriticsTable.restore``, reading
    each decoded word as its plain syllable: "phu trachs" → "phụ trách"), since the marks
    decoded would otherwise make it read as typed with marks. ``text`` when no word is
    Telex."""
    matches = list(_SYLLABLE.finditer(text))
    found = {
        k: syllable
        for k, m in enumerate(matches)
        if m.group(0).isascii() and (syllable := _syllable(m.group(0), table))
    }
    if not found:
        return text
    if not typed_with_marks(text):
        # each Telex word its plain syllable, the whole restored, then the keys' marks
        plain = _replaced(text, matches, {k: fold_diacritics(s) for k, s in found.items()})
        restored = table.restore(plain)
        return _replaced(restored, list(_SYLLABLE.finditer(restored)), found)
    return _replaced(text, matches, found)


def _replaced(text: str, matches: list[re.Match[str]], syllables: dict[int, str]) -> str:
    """``text`` with its ``k``-th syllable ``syllables[k]`` (the typed case kept)."""
    out: list[str] = []
    last = 0
    for k, syllable in sorted(syllables.items()):
        m = matches[k]
        out.append(text[last : m.start()])
        out.append(syllable.capitalize() if m.group(0)[:1].isupper() else syllable)
        last = m.end()
    out.append(text[last:])
    return "".join(out)
