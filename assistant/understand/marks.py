"""Marks slipped while typing, read as the plans write them: "Sở Tư phàp Hã Nội" is "Sở Tư
pháp Hà Nội", "Sỏ Nội vu" is "Sở Nội vụ".

People who type fast with an input method hit the wrong tone key, or none, on a syllable or
two. Search folds marks away, but the embedding model and the accented term weights read
"phàp" as a word no plan has, and the question looks unanswerable. Only a syllable that is
no Vietnamese syllable at all ("phàp", "hỏc", "cùa": not in the plans nor in pyvi's
dictionary) is repaired, to the plans' marks for the pair it folds to with a neighbour. A
slip that makes another word ("Sỏ", "vu") stays: Vietnamese is dense with such pairs ("có
số"/"cơ số", "mỗi trường"/"môi trường", "bị mất"/"bí mật"), and without word frequencies
a repair would break as many questions as it mends (tried on the dev questions: it did).
Names of places the plans do not write are never repaired ("Đà Nẵng" is no slip for
the plans' "đa năng").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import pairwise

from assistant.text import ACCENTED_STOPWORDS, accent_key, fold_diacritics, typed_with_marks
from assistant.understand.vocab import ACCENTED_QUESTION_WORDS, PLACES

_SYLLABLE = re.compile(r"[^\W\d_]+", re.UNICODE)
# question words typed with a slipped mark ("gị", "nao"): no other word is meant there
QUESTION_SYLLABLES: dict[str, str] = {"gi": "gì", "nao": "nào"}
Pair = tuple[str, str]


def _keys(text: str) -> list[str]:
    return [accent_key(s) for s in _SYLLABLE.findall(text)]


@lru_cache(maxsize=1)
def dictionary() -> tuple[frozenset[str], frozenset[Pair]]:
    """pyvi's Vietnamese word list (shipped in its package) as its syllables and its
    two-syllable words, each syllable an ``accent_key``."""
    text = resources.files("pyvi").joinpath("models/words.txt").read_text(encoding="utf-8")
    syllables: set[str] = set()
    words: set[Pair] = set()
    for line in text.splitlines():
        keys = _keys(line)
        syllables.update(keys)
        if len(keys) == 2:
            words.add((keys[0], keys[1]))
    return frozenset(syllables), frozenset(words)


@dataclass(frozen=True)
class MarkRepair:
    """The plans' syllable pairs and syllables as written (``accent_key``) and, by folded
    pair, the form they write most (``DiacriticsTable`` corpus forms)."""

    written: frozenset[Pair]
    syllables: frozenset[str]
    forms: Mapping[str, str]

    @classmethod
    def build(cls, texts: Iterable[str], forms: Mapping[str, str]) -> MarkRepair:
        """The pairs and syllables of ``texts`` (the indexed passages), the corpus's forms."""
        written: set[Pair] = set()
        syllables: set[str] = set()
        for text in texts:
            keys = _keys(text)
            syllables.update(keys)
            written.update(pairwise(keys))
        return cls(frozenset(written), frozenset(syllables), forms)

    def _known(self, key: str) -> bool:
        """Whether a syllable is Vietnamese: the plans', the dictionary's, or a question's."""
        return (
            key in self.syllables
            or key in dictionary()[0]
            or key in ACCENTED_STOPWORDS
            or key in ACCENTED_QUESTION_WORDS
        )

    def _proposals(
        self, text: str, matches: list[re.Match[str]]
    ) -> tuple[set[int], dict[int, str]]:
        """The syllables a plans' pair or a word confirms as typed (or a place's name
        holds), and the repairs the others' pairs propose."""
        keys = [accent_key(m.group(0)) for m in matches]
        words = dictionary()[1]
        folded = [fold_diacritics(m.group(0)).lower() for m in matches]
        confirmed = {
            k
            for i in range(len(matches) - 1)
            # a place the plans do not write ("Đà Nẵng"); one they do is repaired to theirs
            if f"{folded[i]} {folded[i + 1]}" in PLACES
            and f"{folded[i]} {folded[i + 1]}" not in self.forms
            for k in (i, i + 1)
        }
        proposed: dict[int, str] = {}
        for i in range(len(matches) - 1):
            if text[matches[i].end() : matches[i + 1].start()].strip():
                continue  # a punctuation mark between: no pair
            typed = (keys[i], keys[i + 1])
            if typed in self.written or typed in words:
                confirmed.update((i, i + 1))
                continue
            raw = (matches[i].group(0), matches[i + 1].group(0))
            if any(w[1:2].isupper() for w in raw):
                continue  # a code ("KH", "LĐTBXH")
            form = self.forms.get(f"{folded[i]} {folded[i + 1]}")
            if form is None or len(form.split()) != 2:
                continue
            for k, plans_form in zip((i, i + 1), form.split(), strict=True):
                if accent_key(plans_form) != keys[k] and not self._known(keys[k]):
                    proposed.setdefault(k, plans_form)
        for k, syllable in enumerate(folded):
            if syllable in QUESTION_SYLLABLES and k not in confirmed:
                proposed.setdefault(k, QUESTION_SYLLABLES[syllable])
        return confirmed, proposed

    def repair(self, text: str) -> str:
        """``text`` with slipped marks set right; as it is when typed without marks (the
        whole question is restored later) or when nothing slipped."""
        if not typed_with_marks(text) or len(fold_diacritics(text)) != len(text):
            return text
        matches = list(_SYLLABLE.finditer(text))
        confirmed, proposed = self._proposals(text, matches)
        out: list[str] = []
        last = 0
        for k, m in enumerate(matches):
            if k in confirmed or k not in proposed:
                continue
            word, form = m.group(0), proposed[k]
            out.append(text[last : m.start()])
            out.append(form[:1].upper() + form[1:] if word[:1].isupper() else form)
            last = m.end()
        out.append(text[last:])
        return "".join(out)
