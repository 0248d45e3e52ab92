"""Diacritics restored from the corpus's own vocabulary: "so tu phap" → "Sở Tư pháp".

People type without marks; the keyword side folds everything, but the embedding model
reads "so tu phap phai lam gi" as different words from "Sở Tư pháp phải làm gì". The
table maps folded syllable n-grams (1 to 3 syllables) of the indexed passages to their most
frequent accented form; a question is restored greedily, longest n-gram first, and only
its unaccented syllables change.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from assistant.text import fold_diacritics, typed_with_marks

_SYLLABLE = re.compile(r"[^\W\d_]+", re.UNICODE)
MAX_N = 3
_VOWELS = "aeiouy"  # every Vietnamese syllable has one (folded)
# Everyday question words the plans rarely use; the plans' own forms decide the rest.
COMMON = {
    "gi": "gì",
    "lam": "làm",
    "so dien thoai": "số điện thoại",  # a phone number, never "sở" (a department)
    "lo": "lo",  # "Sở Y tế lo gì": the everyday "take care of", not the plans' "lộ"
    "phai": "phải",
    "nao": "nào",
    "ai": "ai",
    "bao": "bao",
    "nhieu": "nhiêu",
    "khong": "không",
    "the": "thế",
    "sao": "sao",
    "nhung": "những",
    "duoc": "được",
    "cua": "của",
    "o": "ở",
    "tai": "tại",
    "dau": "đâu",
    "may": "mấy",
    "khi": "khi",
    "cho": "cho",
    "la": "là",
    "co": "có",
    "thi": "thì",
    "con": "còn",
    "ve": "về",
    "ky": "ký",
    "ngay": "ngày",
    "tu": "từ",
    "giao": "giao",
    "giao gi": "giao gì",
    "lay": "lấy",
    "bao nhieu": "bao nhiêu",
    "so may": "số mấy",  # the plans write "Sở" more often than "số": a number is asked
    "bao gio": "bao giờ",
    "khi nao": "khi nào",
    "luc nao": "lúc nào",
    "o dau": "ở đâu",
    "tu dau": "từ đâu",
    "the nao": "thế nào",
    "ra sao": "ra sao",
    "thi sao": "thì sao",
    "bao cho": "báo cho",
    "goi cho": "gọi cho",
    "ai ky": "ai ký",
    "nguoi ky": "người ký",
    "noi gi": "nói gì",  # asks what a plan says, never "nội" (of "nội dung", "Nội vụ")
    "bo me": "bố mẹ",  # the everyday "parents"; the plans' "bộ" is a ministry
}


@dataclass(frozen=True)
class DiacriticsTable:
    """Folded n-gram → the accented form the corpus uses most."""

    forms: dict[str, str]

    @classmethod
    def build(cls, texts: Iterable[str]) -> DiacriticsTable:
        """Count every 1–3 syllable n-gram of ``texts``; each folded form gets its most
        frequent accented gram (the first seen, on a tie)."""
        grams: Counter[str] = Counter()
        for text in texts:
            lowered = [s.lower() for s in _SYLLABLE.findall(text)]
            for n in range(1, MAX_N + 1):
                grams.update(map(" ".join, zip(*(lowered[i:] for i in range(n)), strict=False)))
        best: dict[str, tuple[str, int]] = {}
        for gram, count in grams.items():  # distinct grams, in order of first appearance
            folded = fold_diacritics(gram)
            if folded not in best or count > best[folded][1]:
                best[folded] = (gram, count)
        return cls.of({folded: gram for folded, (gram, _) in best.items()})

    @classmethod
    def of(cls, corpus_forms: dict[str, str]) -> DiacriticsTable:
        """The table for the corpus's own forms (as ``corpus_forms`` saves them)."""
        forms = dict(corpus_forms)
        forms.update(COMMON)  # a question's own words: the plans use "bảo", users mean "bao"
        return cls(forms)

    def corpus_forms(self) -> dict[str, str]:
        """What ``of`` needs to rebuild this table (saved with an index generation)."""
        return {k: v for k, v in self.forms.items() if COMMON.get(k) != v}

    def mend(self, text: str) -> str:
        """``text`` with each syllable typed without its vowel ("chuong trnh") given the
        one vowel that makes a syllable of the plans, preferring one the plans write beside
        the neighbouring syllable ("chương trình"); left as typed when none or several fit
        and no neighbour decides. Acronyms ("KH", "LĐTBXH") are not typos."""
        matches = list(_SYLLABLE.finditer(text))
        out: list[str] = []
        last = 0
        for k, m in enumerate(matches):
            word = m.group(0)
            folded = fold_diacritics(word).lower()
            if len(word) < 3 or any(v in folded for v in _VOWELS) or word[1:].lower() != word[1:]:
                continue
            found = [
                f"{folded[:i]}{v}{folded[i:]}"
                for i in range(1, len(folded))
                for v in _VOWELS
                if f"{folded[:i]}{v}{folded[i:]}" in self.forms
            ]
            before = fold_diacritics(matches[k - 1].group(0)).lower() if k else ""
            after = fold_diacritics(matches[k + 1].group(0)).lower() if k + 1 < len(matches) else ""
            beside = [
                f for f in found if f"{before} {f}" in self.forms or f"{f} {after}" in self.forms
            ]
            chosen = beside[0] if beside else (found[0] if len(found) == 1 else None)
            if chosen is None:
                continue
            # the corpus's marks when the question has marks; restored later otherwise
            form = self.forms[chosen] if typed_with_marks(text) else chosen
            out.append(text[last : m.start()])
            out.append(form.capitalize() if word[:1].isupper() else form)
            last = m.end()
        out.append(text[last:])
        return "".join(out)

    def restore(self, text: str) -> str:
        """``text`` with its unaccented syllables given the corpus's marks (case kept).

        Only a question typed without marks is changed: in one typed with them, an
        unmarked syllable ("Long", "giao") is what the user meant."""
        if typed_with_marks(text):
            return text
        return self._restored(text)

    def restore_resolved(self, standalone: str, typed: str) -> str:
        """``standalone``, a question made to stand alone by writing into ``typed`` (the
        user's words) names from the conversation ("sở đó" → "Sở Tư pháp (Hà Nội)"), with
        the user's unaccented syllables restored when ``typed`` has no marks: the names
        written in carry marks, which would make the user's own words read as meant
        unaccented ("co so nao" as "có số nào")."""
        if typed_with_marks(typed) or not typed_with_marks(standalone):
            return standalone
        # a capitalised word is of a name written in ("Long Khánh"), never "Lồng"
        return self._restored(standalone, keep_capitals=True)

    def _restored(self, text: str, keep_capitals: bool = False) -> str:
        matches = list(_SYLLABLE.finditer(text))
        out: list[str] = []
        last = 0
        i = 0
        while i < len(matches):
            done = False
            for n in range(min(MAX_N, len(matches) - i), 0, -1):
                group = matches[i : i + n]
                raw = [m.group(0) for m in group]
                if any(
                    fold_diacritics(w) != w.lower()
                    or w[1:2].isupper()
                    or (keep_capitals and w[:1].isupper())
                    for w in raw
                ):
                    continue  # already accented (the user's marks win) or a code ("KH")
                key = " ".join(w.lower() for w in raw)
                form = self.forms.get(key)
                if form is None or (n > 1 and " " not in form):
                    continue
                pieces = form.split(" ")
                for m, piece in zip(group, pieces, strict=True):
                    out.append(text[last : m.start()])
                    word = m.group(0)
                    out.append(piece.capitalize() if word[:1].isupper() else piece)
                    last = m.end()
                i += n
                done = True
                break
            if not done:
                out.append(text[last : matches[i].end()])
                last = matches[i].end()
                i += 1
        out.append(text[last:])
        return "".join(out)
