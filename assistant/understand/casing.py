"""Capitals put back into a question typed all in lower case, as the plans write its words.

"công an tỉnh cao bằng phải làm gì", "sở tài chính hà nội vận động vốn oda" mean what
"Công an tỉnh Cao Bằng ...", "Sở Tài chính Hà Nội ... ODA" mean; much of understanding reads
names by their capitals (bodies, places, districts, acronyms such as "ODA"), and the
embedding model reads the two typings differently. A question typed without a single
capital is therefore given the casing the plans use for each of its words in the same
context (the word before it): "cao bằng" after "tỉnh" is "Cao Bằng", "nâng cao" is not; a
word the plans always write in capitals ("oda", "hiv", "ubnd") is written so anywhere.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from assistant.text import fold_diacritics
from assistant.understand import vocab

# a word: letters only (numbers keep no case)
_WORD = re.compile(r"[^\W\d_]+")
# what ends a sentence or opens an item: the word after it is capitalised whatever it is
_SENTENCE_BREAK = re.compile(r"[.!?:;•]")
# share of a word's uses in one casing for it to be written so (more often than not, and
# clearly so for a word taken without its context)
CONTEXT_SHARE = 0.5
CONTEXT_MIN_USES = 2  # a pair written once may be a name's slip or a title
ALONE_SHARE = 0.9
ALONE_MIN_USES = 2


def _form(word: str) -> str:
    """The casing of ``word``: "upper" (two letters or more, all capitals), "title"
    (capital first), "lower"."""
    if len(word) > 1 and word.isupper():
        return "upper"
    return "title" if word[:1].isupper() else "lower"


def _apply(word: str, form: str) -> str:
    if form == "upper":
        return word.upper()
    if form == "title":
        return word[:1].upper() + word[1:]
    return word


@dataclass(frozen=True)
class CasingTable:
    """How the plans case each word: after a given word (``lefts``, keyed "before word",
    lower case) and taken alone (``words``: only the words nearly always capitalised);
    only words mid-sentence count (a sentence's first word is capitalised whatever it
    is)."""

    lefts: dict[str, str]
    words: dict[str, str]
    names: tuple[str, ...] = ()  # names written as given wherever typed in lower case
    # words always written in capitals that fold to no word written in lower case ("oda",
    # "hiv", "ubnd"; not "tu", which is also "từ"): an acronym even in a question typed
    # without marks
    acronyms: frozenset[str] = frozenset()

    @classmethod
    def build(cls, texts: Iterable[str], names: Iterable[str] = ()) -> CasingTable:
        """The table of ``texts`` (the plans' passages); lines with no lower-case letter
        (headings in capitals) say nothing about a word's case. ``names`` (the plans'
        places, "Cao Bằng") are written so wherever a question types them in lower case:
        a plan may name its own place mostly in its title and headings."""
        left: dict[str, Counter[str]] = {}  # "before word": the word's casing
        alone: dict[str, Counter[str]] = {}
        for text in texts:
            for line in text.splitlines():
                if not any(ch.islower() for ch in line):
                    continue
                before = ""
                last_end = -1
                for m in _WORD.finditer(line):
                    word, key = m.group(0), m.group(0).lower()
                    if last_end >= 0 and not _SENTENCE_BREAK.search(line[last_end : m.start()]):
                        left.setdefault(f"{before} {key}", Counter())[_form(word)] += 1
                        alone.setdefault(key, Counter())[_form(word)] += 1
                    before, last_end = key, m.end()

        def chosen(counts: Counter[str], share: float, least: int) -> str | None:
            form, n = counts.most_common(1)[0]
            return form if n >= least and n > share * sum(counts.values()) else None

        # a pair written mostly in lower case is kept ("lower"): "nâng cao" is no place
        lefts = {k: f for k, c in left.items() if (f := chosen(c, CONTEXT_SHARE, CONTEXT_MIN_USES))}
        words = {
            k: f
            for k, c in alone.items()
            if (f := chosen(c, ALONE_SHARE, ALONE_MIN_USES)) and f != "lower"
        }
        plain = {fold_diacritics(k) for k, c in alone.items() if c["lower"]}
        # two letters ("kh", "tp") are as often a short form typed for a word
        acronyms = frozenset(
            fold_diacritics(k) for k, f in words.items() if f == "upper" and len(k) > 2
        )
        acronyms -= plain
        return cls(lefts, words, tuple(n for n in names if n), acronyms)

    def cased(self, text: str) -> str:
        """``text`` typed without any capital, with its first word capitalised and every
        other word cased as the plans case it after the word before it ("tỉnh cao" →
        "Cao", "nâng cao" kept), else as they case it alone when they nearly always
        capitalise it ("oda" → "ODA"); a body's head before a word so capitalised opens its
        name ("liên đoàn Lao động" → "Liên đoàn Lao động"), and the plans' places are
        written as they are. ``text`` as it is when it has a capital: its own capitals say
        what is a name."""
        if any(ch.isupper() for ch in text):
            return text
        found = list(_WORD.finditer(text))
        forms: list[str] = []
        for i, m in enumerate(found):
            word = m.group(0)
            if i == 0 or _SENTENCE_BREAK.search(text[found[i - 1].end() : m.start()]):
                forms.append("title")  # a sentence's first word
            else:
                before = found[i - 1].group(0)
                form = self.lefts.get(f"{before} {word}") or self.words.get(word, "lower")
                # only acronyms: a capital guessed for a word of a name the plans do not
                # write whole ("Hà quảng", "chương trình Bảo vệ") reads as another name
                forms.append("upper" if form == "upper" else "lower")
        folded = [fold_diacritics(m.group(0)) for m in found]
        for i in range(len(found)):
            if i and f"{found[i - 1].group(0)} {found[i].group(0)}" in self.lefts:
                continue  # a pair the plans write ("xã hội"): no head opening a name
            for head in _HEADS:
                n = len(head)
                if (
                    tuple(folded[i : i + n]) == head
                    and i + n < len(found)
                    and forms[i + n] != "lower"
                    and not _SENTENCE_BREAK.search(text[found[i].end() : found[i + n].start()])
                ):
                    forms[i] = "title"
        out: list[str] = []
        last = 0
        for m, form in zip(found, forms, strict=True):
            out += [text[last : m.start()], _apply(m.group(0), form)]
            last = m.end()
        out.append(text[last:])
        cased = "".join(out)
        for name in self.names:
            cased = re.sub(rf"(?i)(?<!\w){re.escape(name)}(?!\w)", name, cased)
        return cased

    def acronyms_cased(self, text: str) -> str:
        """``text`` typed without marks nor capitals, with its acronyms in capitals
        ("von oda" → "von ODA"): a plain syllable may be several words, an acronym only
        the one. ``text`` as it is when it has a capital."""
        if any(ch.isupper() for ch in text):
            return text
        return _WORD.sub(
            lambda m: m.group(0).upper() if m.group(0) in self.acronyms else m.group(0), text
        )


# the words that open a body's name, folded ("liên đoàn", "sở", "phòng")
_HEADS: tuple[tuple[str, ...], ...] = tuple(
    tuple(h.split()) for h in (*vocab.BODY_HEADS, "so", "phong", "ban", "uy ban", "hoi")
)


# the words that open a body's name ("Sở", "Phòng", "Ban") and the syllable after one
_NAME_OPENING = re.compile(r"\b(so|phong|ban)\s+([a-z]+)\b")


def name_openings(texts: Iterable[str]) -> frozenset[str]:
    """The folded pairs of a body's opening word and the syllable after it that the plans
    write as a name more often than not ("phong tai": "Phòng Tài chính"; not "phong chong"
    of "phòng, chống" nor "ban hanh")."""
    named: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    for text in texts:
        folded = fold_diacritics(text)
        if len(folded) != len(text):
            continue
        for m in _NAME_OPENING.finditer(folded.lower()):
            pair = f"{m.group(1)} {m.group(2)}"
            seen[pair] += 1
            named[pair] += text[m.start(1)].isupper() and text[m.start(2)].isupper()
    return frozenset(p for p, n in named.items() if 2 * n > seen[p])


def cased(text: str, openings: frozenset[str]) -> str:
    """``text`` typed without any capital, with the opening word and first syllable of each
    body's name capitalised where the plans write that pair as a name (``name_openings``):
    "phòng tài nguyên" → "Phòng Tài nguyên", which reads as a body's name. ``text`` as it is
    when it has a capital (its own capitals say what is a name) or folding changes it."""
    folded = fold_diacritics(text)
    if any(ch.isupper() for ch in text) or len(folded) != len(text):
        return text
    chars = list(text)
    for m in _NAME_OPENING.finditer(folded):
        if f"{m.group(1)} {m.group(2)}" in openings:
            chars[m.start(1)] = chars[m.start(1)].upper()
            chars[m.start(2)] = chars[m.start(2)].upper()
    return "".join(chars)


def recased(text: str, table: CasingTable, openings: frozenset[str]) -> str:
    """``text`` typed without any capital, cased as the plans write its words
    (``CasingTable.cased``) and its bodies' names (``cased``); as it is otherwise."""
    words_cased, names_cased = table.cased(text), cased(text, openings)
    if len(words_cased) != len(names_cased):
        return words_cased
    out = list(words_cased)
    # a body's opening typed with its marks ("sở", "phòng"): "số lao động" is a count
    for m in _OPENING_TYPED.finditer(names_cased):
        if names_cased[m.start()].isupper():
            out[m.start() : m.end()] = names_cased[m.start() : m.end()]
    return "".join(out)


_OPENING_TYPED = re.compile(r"\b(?:[Ss]ở|[Pp]hòng|[Bb]an)\s+\w+")
