"""The typed ``Question``: everything later stages need to know about what was asked,
computed once per request by a ``Lexicon`` built from the index generation."""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import accumulate, pairwise
from pathlib import Path
from typing import Any, Literal

from assistant.text import (
    ACCENTED_STOPWORDS,
    STOPWORDS,
    accent_key,
    fold_diacritics,
    fold_key,
    fold_text,
    normalize,
    typed_with_marks,
    words,
)
from assistant.types import SECTION_SEPARATOR, Chunk, DocumentMeta, Turn
from assistant.understand import vocab
from assistant.understand.agencies import AgencyCatalog, AgencyMention, received
from assistant.understand.casing import CasingTable, cased, name_openings, recased
from assistant.understand.clauses import asks, split_clauses
from assistant.understand.courtesy import without_courtesy
from assistant.understand.diacritics import DiacriticsTable
from assistant.understand.documents import (
    CITED,
    OtherPlan,
    about_cited,
    about_other_plan,
    cited_documents,
    cited_in,
    other_plan,
    written_out,
)
from assistant.understand.followup import context_of, is_followup, reference, resolve
from assistant.understand.intents import (
    asked_head,
    counted_noun,
    first_of_plans,
    framing_phrases,
    framing_words,
    intents_of,
    senses,
)
from assistant.understand.marks import MarkRepair
from assistant.understand.plans import (
    TitleIndex,
    foreign_place,
    holding_content,
    initials_named,
    place_initials,
    places_named,
    plans_named,
)
from assistant.understand.telex import decoded

EntityKind = Literal[
    "agency",
    "person",
    "named_person",
    "year",
    "number",
    "legal",
    "money",
    "phone",
    "figure",
    "code",
    "issuer",
    "place",
    "district",
    "effective",
]
_ROMAN = re.compile(r"^([IVX]+)\.\s")
# a term in more than about one passage in three (IDF): "nhiệm vụ", "giải pháp", "trẻ em"
COMMON_TERM_WEIGHT = 1.2
UNSEEN = "\x00unseen"  # key of the weight of a term no passage has, when ranking passages
RAREST = "\x00rarest"  # key of the weight of the rarest term (unseen terms, for coverage)

# the words that ask or only join, in canonical accented form (questions typed with marks)
ACCENTED_FUNCTION_WORDS = ACCENTED_STOPWORDS | vocab.ACCENTED_QUESTION_WORDS


@dataclass(frozen=True)
class Entity:
    """Something the question names that the cited passage must contain for the answer to
    stand: a body, a year, a document number, a law, a person's name, an amount."""

    kind: EntityKind
    text: str  # folded words to find in a passage ("bien phong", "2030"); "" for a kind


@dataclass(frozen=True)
class Question:
    """What was asked, understood once."""

    text: str  # as typed (NFC)
    standalone: str  # follow-ups resolved against the conversation
    folded: str  # standalone, folded
    restored: str  # standalone with diacritics restored (what the embedding model reads)
    expanded: str  # standalone plus the plans' wording for everyday terms (keyword side)
    plans: tuple[str, ...]  # plan ids the question names (empty: all plans)
    foreign_place: str | None  # a place no indexed plan belongs to
    agencies: tuple[AgencyMention, ...]  # agencies named, known or not
    intents: frozenset[str]
    entities: tuple[Entity, ...]
    terms: frozenset[str]  # folded topic syllables and syllable pairs
    quote_terms: frozenset[str]  # topic terms with the plans' wording of everyday terms
    followup: bool = False
    # a yes/no question's predicate ("mat phi") and its topic terms: what must be stated
    predicate: str = ""
    predicate_terms: frozenset[str] = frozenset()
    truncated_after: dict[str, str] = field(default_factory=dict)  # truncated plan → last part
    # how telling each term is: inverse document frequency over the index's passages, so
    # that "trẻ em" (in every passage) weighs little and "kinh phí" much
    weights: Mapping[str, float] = field(default_factory=dict)
    counted: str | None = None  # what a "how many" question counts ("mấy buổi" → "buổi")
    # the noun the question word attaches to, folded ("mẫu đơn ... lấy ở đâu" → "mau don"):
    # what a quoted passage must name for the answer to stand ("" when generic)
    head: str = ""
    # identifiers quoted verbatim ("0243.22.33.111", "28-CT/TW"): a passage holding one
    # is about it, whatever else the question's words match
    codes: tuple[str, ...] = ()
    # typed with marks: terms and weights are canonical accented syllables (``accent_key``),
    # so "bơi" (swim) is not "bồi" (in "bồi dưỡng"); otherwise folded, every mark open
    accented: bool = False
    # the parts that each ask something of their own (``clauses.split_clauses``); empty
    # when the question asks one thing
    clauses: tuple[str, ...] = ()

    def syllables(self, text: str) -> frozenset[str]:
        """The syllables and syllable pairs of ``text`` in the form of this question's terms
        (accented or folded): what every test of a term against a passage reads."""
        return accented_terms(text) if self.accented else folded_terms(text)

    def folded_term(self, term: str) -> str:
        """A term of this question, folded ("bôiF" → "boi"), to compare with vocabularies."""
        return fold_key(term) if self.accented else term

    @property
    def agency_keys(self) -> frozenset[str]:
        """Index agency keys of the first agency named that the plans know."""
        for mention in self.agencies:
            if mention.keys:
                return mention.keys
        return frozenset()

    @property
    def agency(self) -> AgencyMention | None:
        """The first known agency the question names."""
        return next((m for m in self.agencies if m.keys), None)

    @property
    def metadata_intents(self) -> list[str]:
        """The facts about a plan itself that are asked, in a fixed order."""
        return [i for i in vocab.METADATA_INTENTS if i in self.intents]


@lru_cache(maxsize=1)
def _colloquial() -> list[tuple[re.Pattern[str], str]]:
    return [(re.compile(rf"\b{re.escape(k)}\b"), v) for k, v in vocab.COLLOQUIAL.items()]


def everyday_said(folded: str, typed: str, text: str) -> list[str]:
    """The everyday words of a question (``folded``, and as ``typed`` when folding kept its
    length) whose plans' wording ``text`` holds ("bố mẹ" where the passage says "cha mẹ"):
    in those words the passage speaks of what the question names."""
    have = fold_diacritics(text)
    source = typed if len(typed) == len(folded) else folded
    return [
        source[m.start() : m.end()]
        for pattern, wording in _colloquial()
        if (m := pattern.search(folded)) and fold_diacritics(wording) in have
    ]


_CODE = re.compile(r"\d")


def quoted_codes(text: str, plan_numbers: set[str]) -> tuple[str, ...]:
    """Identifiers the question quotes: a phone number or a document's code ("0243.22.33.111",
    "28-CT/TW"), a long number. Not the indexed plans' own numbers (they name a plan, whose
    every passage is about it), dates ("15/12") or years."""
    found: list[str] = []
    for word in words(text):
        digits = sum(ch.isdigit() for ch in word)
        coded = bool(re.search(r"[./-]", word)) and len(word) >= 6 and _CODE.search(word)
        if not (coded or (word.isdigit() and digits >= 5)):
            continue
        if word.split("/")[0] in plan_numbers or re.fullmatch(r"\d{1,2}/\d{1,2}(/\d{2,4})?", word):
            continue
        found.append(word)
    return tuple(found)


# administrative units below a province, and a capitalised name after one
_DISTRICT_UNITS = r"[Hh]uyện|[Qq]uận|[Tt]hị xã|[Xx]ã|[Pp]hường|[Tt]hị trấn"
# a capital letter of Vietnamese ("Ô Môn", "Ứng Hòa"), not only A-Z and Đ
_UPPER = "".join(
    ch
    for block in ((0x41, 0x5B), (0xC0, 0x250), (0x1E00, 0x1F00))
    for ch in map(chr, range(*block))
    if ch.isupper()
)
_PROPER_NAME = rf"(?:[{_UPPER}]\w*)(?:\s+[{_UPPER}]\w*){{0,3}}"
# a place named by its unit ("huyện Xuân Lộc", "tỉnh Đồng Nai", "TP. Biên Hòa")
_UNIT_NAMED = re.compile(rf"\b(?:{_DISTRICT_UNITS}|[Tt]ỉnh|[Tt]hành phố|TP\.?)\s+({_PROPER_NAME})")
# a district-level unit with its own name ("Quận Hoàn Kiếm", "phường Xuân An", "Phường 5")
_DISTRICT_NAMED = re.compile(rf"\b(?:{_DISTRICT_UNITS})\s+({_PROPER_NAME}|\d{{1,2}}\b)")
# capitalised words after "Tỉnh", "Xã" that make a body, not a place ("Tỉnh Ủy", "Tỉnh
# Đoàn", "Xã Hội" of "Lao động - Thương binh và Xã hội")
_NOT_PLACE_NAMES = frozenset({"uy", "doan", "hoi", "ban", "nhan"})
# districts asked about as a whole ("các quận, huyện", "cấp xã"): the city's plan answers
_DISTRICTS_IN_GENERAL = re.compile(
    r"\b(?:cac|moi|nhung|tung) (?:quan|huyen|thi xa|xa|phuong|thi tran|dia phuong)\b"
    r"|\bcap (?:quan|huyen|xa|phuong|co so)\b|\b(?:quan|phuong),? (?:huyen|xa)\b"
)


def _places_by_unit(pattern: re.Pattern[str], text: str) -> list[tuple[str, str]]:
    """(folded name, folded whole match) of each place ``pattern`` finds in ``text``, bodies
    named like places ("Tỉnh Ủy") aside."""
    out = []
    for m in pattern.finditer(text):
        name = fold_diacritics(m.group(1)).lower()
        if name.split()[0] not in _NOT_PLACE_NAMES:
            out.append((name, fold_diacritics(m.group(0))))
    return out


def unknown_places(text: str, known: Iterable[str] = ()) -> list[str]:
    """Folded names of the places ``text`` names by an administrative unit and a capitalised
    name ("huyện Xuân Lộc") that are not in ``vocab.PLACES`` or ``known`` (folded names,
    e.g. the plans' localities): a passage answers about such a place only by naming it."""
    skip = set(vocab.PLACES) | set(known)
    return [
        name
        for name, _ in _places_by_unit(_UNIT_NAMED, text)
        if not any(name == p or name.startswith(f"{p} ") for p in skip)
    ]


# the year a figure is asked for, when it is a plan's own year too: "vào/đến năm 2024", or
# "năm 2024" just before the question word ("tỷ lệ ... năm 2024 là bao nhiêu"); elsewhere
# ("Kế hoạch năm 2024 của Cao Bằng đặt ...", "Năm 2017 Cần Thơ đặt ...") the year names a plan
_FIGURE_YEAR = re.compile(
    r"\b(?:vao|den|toi) nam ((?:19|20)\d{2})\b"
    r"|\bnam ((?:19|20)\d{2}),? (?:la |dat |se )?(?:bao nhieu|may|muc nao|the nao)\b"
)
_FIGURE_INTENTS = frozenset({"figure", "percent"})
_EFFECTIVE_ASKED = re.compile(
    r"\bhieu luc (?:thi hanh )?(?:(?:tu|ke tu|bat dau tu) )?(?:ngay nao|khi nao|bao gio|luc nao)"
)


# a district-level unit and two syllables after it, typed without marks or capitals
# the district-level unit words as written with their marks
# the words that ask, folded: never a syllable of a district's name
_ASKING = frozenset({"gi", "nao", "ai", "dau", "sao", "may", "nhieu", "nhung", "the"})
# the words that follow a place named as a subject, folded: "quận Hải An của Hải Phòng",
# "xã Bảo Quang ở Long Khánh", "quận Ba Đình được giao"
_AFTER_SUBJECT = frozenset({"cua", "o", "thuoc", "tai", "duoc", "co", "phai", "can", "thi", "la"})
_UNIT_WORDS = frozenset({"quận", "huyện", "thị xã", "thị trấn", "phường", "xã"})
_PLAIN_DISTRICT = re.compile(r"\b(quan|huyen|thi xa|thi tran|phuong|xa) ([a-z]+) ([a-z]+)\b")


def districts_named(text: str) -> list[str]:
    """Folded names of the districts, wards and communes ``text`` names by their own name
    ("Quận Hoàn Kiếm" → "hoan kiem"; "Phường 5" → "phuong 5"), unless the question asks
    about such units in general ("Quận Hoàn Kiếm và các quận khác ...")."""
    if _DISTRICTS_IN_GENERAL.search(fold_diacritics(text)):
        return []
    found = _places_by_unit(_DISTRICT_NAMED, text)
    return list(dict.fromkeys(whole if name.isdigit() else name for name, whole in found))


def expand(question: str, intents: Iterable[str] = (), topic: str | None = None) -> str:
    """The question followed by the plans' wording for any everyday term it uses and for
    what it asks (``intents``: "gọi đâu" asks a hotline). ``topic``: the question with the
    names of places and bodies taken out, where everyday terms are looked for ("Tiền Giang"
    holds no "tiền", money)."""
    folded = fold_diacritics(question if topic is None else topic)
    extra = [wording for pattern, wording in _colloquial() if pattern.search(folded)]
    extra += [vocab.INTENT_WORDING[i] for i in sorted(intents) if i in vocab.INTENT_WORDING]
    return " ".join([question, *extra])


def without_names(text: str, names: Iterable[str]) -> str | None:
    """``text`` with every whole occurrence of the folded ``names`` ("cao bang") replaced by
    a joining word, so no syllable pair spans the gap; None when folding changes the text's
    length (positions cannot be mapped back)."""
    folded = fold_diacritics(text)
    if len(folded) != len(text):
        return None
    wanted = sorted((n for n in names if n.strip()), key=len, reverse=True)
    if not wanted:
        return text
    # the name's words with anything but letters between them ("Lao động - Thương binh")
    forms = (r"[\W_]+".join(re.escape(w) for w in n.split()) for n in wanted)
    pattern = re.compile(rf"\b(?:{'|'.join(forms)})\b")
    out, last = [], 0
    for m in pattern.finditer(folded):
        out.append(text[last : m.start()])
        out.append(" và ")
        last = m.end()
    out.append(text[last:])
    return "".join(out)


# the words that open an agency's name, left out of a question's topic terms
AGENCY_PREFIX_FORMS: tuple[str, ...] = ("sở", "phòng", "ngành")
_PREFIXES_FOLDED = frozenset(fold_diacritics(w) for w in AGENCY_PREFIX_FORMS)


def content_terms(
    text: str, skip: set[str], key: Callable[[str], str] | None = None
) -> frozenset[str]:
    """Topic syllables of ``text`` and pairs of adjacent ones, without the words that ask
    or join and without ``skip`` (folded names: places, agencies, a plan's title): folded,
    or with ``key`` (e.g. ``accent_key``) in the form it gives each syllable."""
    asking = rf"\b(?:{'|'.join(vocab.ASKING_PHRASES)})\b"
    if key is None:
        dropped = skip | STOPWORDS | vocab.QUESTION_WORDS
        folded = re.sub(asking, " ", fold_diacritics(text))
        syllables = folded.split()
        syllables = [w for s in syllables for w in re.findall(r"[a-z0-9]+(?:[./-][a-z0-9]+)*", s)]
        terms = {s for s in syllables if s not in dropped}
        terms.update(
            f"{a}_{b}" for a, b in pairwise(syllables) if a not in dropped and b not in dropped
        )
        return frozenset(terms)
    # the same syllables as typed: the asking phrases and ``skip`` are found on their folded
    # forms, the terms keep the marks
    typed = re.findall(r"[^\W_]+(?:[./-][^\W_]+)*", text.lower())
    folded_words = [fold_diacritics(w) for w in typed]
    joined = " ".join(folded_words)
    starts = list(accumulate((len(w) + 1 for w in folded_words), initial=0))
    asked = {
        i
        for m in re.finditer(asking, joined)
        for i, start in enumerate(starts[:-1])
        if m.start() <= start < m.end()
    }
    kept = [
        (key(w), f)
        for i, (w, f) in enumerate(zip(typed, folded_words, strict=True))
        if i not in asked
    ]
    # function words by their accented form ("có" asks, "cơ" of "cơ quan" names); the
    # names in ``skip`` (places, agencies, the plan's title) by their folded form
    # an agency's prefix only as typed ("sở", "phòng"): "sơ kết", "số liệu" are no agency
    prefixes = {key(w) for w in AGENCY_PREFIX_FORMS}
    words_ = [
        (
            k,
            k in ACCENTED_FUNCTION_WORDS
            or (f in skip and (fold_diacritics(k) not in _PREFIXES_FOLDED or k in prefixes)),
        )
        for k, f in kept
    ]
    terms = {k for k, dropped in words_ if not dropped}
    terms.update(f"{a}_{b}" for (a, da), (b, db) in pairwise(words_) if not (da or db))
    return frozenset(terms)


def _names_topic(part: str) -> bool:
    """Whether a part of a question names something to ask about beyond the words that
    ask and frame ("phạm vi ra sao", not "ban hành ngày nào" or "cụ thể là gì")."""
    framing = framing_words(senses(part))
    folded = fold_diacritics(part)
    syllables = {w for w in re.findall(r"[a-z]+", folded)}
    topic = {t for t in content_terms(part, set()) if "_" not in t and t in syllables}
    return bool(topic - framing - vocab.CLAUSE_THIN_WORDS)


def yesno_predicate(text: str) -> str:
    """The predicate of a yes/no question, as typed ("Gọi số đó có mất phí không?"
    → "mat phi"); "" when the question is not one."""
    folded = fold_diacritics(text)
    m = re.search(vocab.YESNO_PREDICATE, folded)
    if not m or re.search(vocab.COMPARISON, m.group(1)):
        # "có giống nhau không" compares what the plans state; it is not stated itself
        return ""
    start = m.start(1)
    # "có nhắc tới tư pháp thân thiện không": the reporting verb frames the question (the
    # plans never say "nhắc tới"); what must be stated is what follows it
    said = folded[start : m.end(1)]
    for verb in sorted(vocab.REPORTING_VERBS, key=len, reverse=True):
        if rest := re.match(
            rf"{verb} (?:(?:gi|viec|van de|noi dung) )?(?:(?:ve|den|toi) )?"
            # "nói gì về chuyện trẻ phải đi làm": "chuyện" only introduces the subject
            r"(?:chuyen )?(?=\S)",
            said,
        ):
            start += rest.end()
            break
    # "có đặt yêu cầu gì về nhà vệ sinh trong trường": what the plan says about a subject
    # is asked; the subject is what must be stated
    if about := re.match(vocab.PREDICATE_ABOUT, folded[start : m.end(1)]):
        start += about.end()
    # as typed when folding kept the length (it does for NFC text), so a reply can show it
    source = text if len(folded) == len(text) else folded
    return source[start : m.end(1)].strip(" ,")


def yesno_subject(text: str) -> str:
    """The subject of a yes/no question, as typed: the words of its last sentence before
    the "có" that opens the predicate ("Trẻ con nhà nghèo ở Hải Phòng có được ... quan
    tâm không?" → "Trẻ con nhà nghèo ở Hải Phòng"); "" when it is not a yes/no question."""
    folded = fold_diacritics(text)
    m = re.search(vocab.YESNO_PREDICATE, folded)
    if not m:
        return ""
    opening = re.split(r"[.?!;:]\s", folded[: m.start()])[-1]
    source = text if len(folded) == len(text) else folded
    return source[m.start() - len(opening) : m.start()].strip(" ,")


def claims(folded: str) -> bool:
    """Whether a question states or presupposes what it asks about (``vocab.CLAIM_FRAME``:
    "vì sao Sở A phải ...", "có đúng là ... không", "..., phải không"): checking it is
    answered by what the plan says instead, a plain question is not. ``folded``: the
    question folded."""
    return bool(re.search(vocab.CLAIM_FRAME, folded.lower()))


def claim_words(folded: str) -> frozenset[str]:
    """The folded syllables of a question's claim markers ("co dung la" → "dung", "la"):
    they frame the claim, they are not what it says of an agency."""
    return frozenset(
        w for m in re.finditer(vocab.CLAIM_FRAME, folded.lower()) for w in m.group(0).split()
    )


# kinds of entity a claim states as its value ("trước ngày 25/11", "vào năm 2028", "Chỉ
# thị 28"): what is checked, found or not; the plan's own value answers
_CLAIMED_KINDS = frozenset({"figure", "year", "number", "legal", "code", "money"})


def claim_predicate(text: str) -> str:
    """What a yes/no claim says, as typed: the words between its claim marker and the
    closing "không" ("Có đúng là Kế hoạch 203 yêu cầu ... trước ngày 25/11 không?" →
    "Kế hoạch 203 yêu cầu ... trước ngày 25/11"); "" when it is no such claim."""
    folded = fold_diacritics(text).lower()
    m = re.search(vocab.CLAIM_STATED, folded)
    if not m:
        return ""
    source = text if len(folded) == len(text) else folded
    return source[m.start(1) : m.end(1)].strip(" ,")


def _claim_value_patterns() -> dict[str, str]:
    kinds = "|".join(sorted(vocab.NUMBERED_DOCUMENTS, key=len, reverse=True))
    return {
        "day": r"(?<![\d/])\d{1,2}/\d{1,2}(?![\d/])",
        "year": r"\b(?:19|20)\d{2}\b",
        "percent": r"\b\d{1,3}(?:[.,]\d+)?\s?%",
        "document": rf"\b(?:{kinds}) (?:so )?\d+",
    }


def values_in(text: str, lead_words: int = 4) -> list[tuple[str, str, frozenset[str]]]:
    """The values a claim may state, in ``text`` as written, in order: their kind, the
    value (days "15/12", years, percentages, numbered documents "Chỉ thị số 23") and the
    ``lead_words`` folded words just before it ("tổng kết vào năm" of "2035"), which say
    what it is of."""
    folded = fold_diacritics(text).lower()
    source = text if len(folded) == len(text) else folded
    found = [
        (
            m.start(),
            kind,
            source[m.start() : m.end()],
            frozenset(re.findall(r"[a-z]+", folded[: m.start()])[-lead_words:]),
        )
        for kind, pattern in _claim_value_patterns().items()
        for m in re.finditer(pattern, folded)
    ]
    return [(kind, value, lead) for _, kind, value, lead in sorted(found, key=lambda f: f[0])]


def unclaimed(folded: str, entities: Sequence[Entity]) -> tuple[Entity, ...]:
    """``entities`` without what a claim states as its value (``_CLAIMED_KINDS``) and
    without the bodies that issued a document it cites ("Chỉ thị 28-CT/TW của Bộ Chính
    trị"): they are checked against what the plan says, not required in its text."""
    kinds = "|".join(sorted(vocab.CITED_KINDS, key=len, reverse=True))

    def issued(entity: Entity) -> bool:
        name = re.escape(entity.text)
        document = rf"\b(?:{kinds}) (?:so )?\S*\d\S*(?: ngay \S+)? cua (?:\S+ )?{name}\b"
        return entity.kind == "agency" and bool(re.search(document, folded))

    claim = claims(folded)
    return tuple(e for e in entities if not issued(e) and not (claim and e.kind in _CLAIMED_KINDS))


def predicate_topic(predicate: str) -> str:
    """A yes/no predicate without the words that only frame it: the kind of fact asked
    ("nhiệm vụ", "yêu cầu") and the asker's verbs that say the plan speaks of or cares
    about it ("quan tâm", "đề cập"), replaced by a joining word."""
    frames = set(vocab.PREDICATE_FRAMES)
    frames.update(framing_phrases(senses(predicate), _NOT_FRAMING))
    return without_names(predicate, frames) or predicate


# intents whose words are the subject of a yes/no predicate, not its frame
_NOT_FRAMING = frozenset(vocab.INTENTS) - vocab.PREDICATE_FRAMING_INTENTS


_HONORIFIC = re.compile(r"\b(?:ông|bà|đồng chí|đ/c)\s+((?:[^\W\d_]+ +){1,3}[^\W\d_]+)", re.I)
# what may be asked of a person the plans name: that they signed, in what position
_SIGNING = frozenset({"signer", "position", "number", "date", "basis", "who"})


# a cited document's number asked ("quyết định số mấy", "thông tư số hiệu gì"), folded
_CITED_NUMBER_ASKED = re.compile(
    rf"(?<!phap )\b(?:{'|'.join(vocab.NUMBERED_DOCUMENTS)})\s+{vocab.NUMBER_ASKED}\b"
)


# values asked of a named person that signing does not give ("sinh năm bao nhiêu"); a date
# or year ("ký năm nào") may be the signing's
_PERSON_VALUES = frozenset(
    {"figure", "money", "phone", "phone_number", "percent", "clock", "duration"}
)


_GROUNDS_ASKED = re.compile(r"\b(?:can cu|dua tren|dua vao)\b")
_PLAN_NOUN = re.compile(r"\b(?:ke hoach|van ban|kh|chuong trinh)\b")


def _agency_acts_on_grounds(text: str, folded: str, agencies: Sequence[AgencyMention]) -> bool:
    """Whether the grounds asked ("căn cứ vào đâu") are those of an act an agency named
    before them does, in the same clause, with no plan named between: the agency's
    grounds, not the plan's basis."""
    asked = _GROUNDS_ASKED.search(folded)
    if asked is None or len(folded) != len(text):
        return False
    before = [m for m in agencies if m.keys and m.end <= asked.start()]
    if not before:
        return False
    between = folded[before[-1].end : asked.start()]
    # a verb of its own between the name and the grounds ("tham mưu nguồn kinh phí")
    return len(between.split()) >= 1 and not _PLAN_NOUN.search(between) and "," not in between


def persons_named(text: str, signers: Iterable[str] = ()) -> list[str]:
    """People the question names, folded: after "ông/bà/đồng chí", the capitalised
    syllables of a name ("Bà Vũ Thu Hà, Phó Chủ tịch" → "vu thu ha"), and any of
    ``signers`` (the plans' signers) written out."""
    found: list[str] = []
    for m in _HONORIFIC.finditer(text):
        name: list[str] = []
        for syllable in m.group(1).split():
            if not syllable[0].isupper():
                break
            name.append(syllable)
        if len(name) >= 2:
            found.append(fold_diacritics(" ".join(name)))
    folded = fold_diacritics(text)
    for signer in signers:
        key = fold_diacritics(signer).strip()
        if key and key not in found and re.search(rf"\b{re.escape(key)}\b", folded):
            found.append(key)
    return found


@lru_cache(maxsize=1)
def _introduction() -> re.Pattern[str]:
    openers = "|".join(sorted(vocab.ASKING_OPENERS, key=len, reverse=True))
    # a clause opening with a greeting or a self-introduction, up to the clause's end (a
    # punctuation mark, or the "cho tôi hỏi" that starts the question itself)
    return re.compile(
        rf"(?:^|(?<=[,.;:!?]))\s*(?:{vocab.GREETING}|{vocab.SELF_INTRODUCTION})"
        rf"[^,.;:!?]*?(?=\s*(?:[,.;:!?]|\b(?:{openers})\b))"
    )


def _introduction_end(folded: str, start: int, end: int) -> int:
    """Where an introduction found at ``start:end`` of the ``folded`` text ends: a
    self-introduction goes on over the comma-separated clauses that keep describing the
    asker ("..., đang soạn chuyên đề kỹ năng cho học sinh.") and ask nothing, to the
    sentence's end or the phrase that starts the question."""
    if not re.search(vocab.SELF_INTRODUCTION, folded[start:end]):
        return end  # a greeting is its own clause: "Chào trợ lý, theo Kế hoạch 203, ..."
    goes_on = "|".join(sorted(vocab.INTRODUCTION_GOES_ON, key=len, reverse=True))
    openers = "|".join(sorted(vocab.ASKING_OPENERS, key=len, reverse=True))
    following = re.compile(rf",\s*(?:{goes_on})\b[^,.;:!?]*?(?=\s*(?:[,.;:!?]|\b(?:{openers})\b))")
    while (m := following.match(folded, end)) and not asks(m.group(0), accented=False):
        end = m.end()
    return end


def without_self_introduction(text: str) -> tuple[str, str]:
    """``text`` without its greeting and self-introduction ("Chào anh chị, tôi là cán bộ
    phòng Lao động quận, cho tôi hỏi ..."), and the introduction taken out: who asks is
    context, not the question, so the bodies it names are not asked about. ``text`` as it
    is (and "") when nothing introduces it, when folding changes its length, or when
    nothing would be left."""
    folded = fold_diacritics(text)
    if len(folded) != len(text):
        return text, ""
    spans = [
        (m.start(), _introduction_end(folded, m.start(), m.end()))
        for m in _introduction().finditer(folded)
    ]
    if not spans:
        return text, ""
    kept, taken, last = [], [], 0
    for start, end in spans:
        kept.append(text[last:start])
        taken.append(text[start:end].strip())
        last = end
    kept.append(text[last:])
    rest = re.sub(r"^[\s,.;:!]+", "", "".join(kept))
    rest = re.sub(r"\s*([,.;:!])(?:\s*[,.;:!])+", r"\1", rest).strip()
    intro = " ".join(t for t in taken if re.search(vocab.SELF_INTRODUCTION, fold_diacritics(t)))
    if not re.search(r"\w", rest):
        return text, ""
    return rest[:1].upper() + rest[1:], intro


def _each_agency(text: str, agencies: Sequence[AgencyMention]) -> tuple[str, ...]:
    """ "Sở Tài chính và Sở Kế hoạch và Đầu tư mỗi sở bố trí loại kinh phí nào": one part
    per body of two or more known bodies joined by "và" or commas as the subject (not after
    "cho", "với": bodies things go to), each part the question with that body alone; none
    when the question names no such group or its offsets cannot be mapped."""
    if len(fold_diacritics(text)) != len(text) or len(agencies) < 2:
        return ()
    aside = received(text, agencies)
    folded = fold_diacritics(text)
    group: list[AgencyMention] = []
    for k, mention in enumerate(agencies):
        joined = group and re.fullmatch(
            r"\s*(?:,|va|,\s*va)\s*", folded[group[-1].end : mention.start]
        )
        if joined and mention.keys and k not in aside:
            group.append(mention)
        elif len(group) >= 2:
            break
        else:
            group = [mention] if mention.keys and k not in aside else []
    if len(group) < 2 or len({m.keys for m in group}) < len(group):
        return ()
    start, end = group[0].start, group[-1].end
    # "mỗi sở", "từng cơ quan": the distributive word has nothing left to distribute
    rest = re.sub(
        r"^\s*,?\s*(?:moi|tung)\s+(?:so|phong|nganh|ben|co quan|don vi|noi)\b\s*,?",
        " ",
        folded[end:],
    )
    compared = (*vocab.COMPARING_PHRASES, *vocab.ORDERING_PHRASES)
    if any(re.search(rf"\b{p}\b", folded) for p in compared):
        return ()  # "khác nhau thế nào", "lần lượt": one question over both
    if rest == folded[end:] and re.search(vocab.ACTING_TOGETHER, rest):
        return ()  # "... và Sở Giáo dục phối hợp làm gì": their joint work, asked once
    tail = text[len(text) - len(rest) :] if rest.strip() else ""
    parts = []
    for mention in group:
        part = text[:start] + text[mention.start : mention.end] + " " + tail.lstrip()
        parts.append(re.sub(r"\s+", " ", part).strip())
    return tuple(parts)


# "Sở A với Sở B khác nhau chỗ nào", "so sánh Sở A và Sở B": the comparing words, with the
# question word that goes with them, in the folded text
_COMPARING = re.compile(
    r"\b(?:co |co su |co diem )?(?:"
    + "|".join(sorted(vocab.COMPARING_PHRASES, key=len, reverse=True))
    + r")(?:\s+(?:o\s+)?(?:(?:cho|diem|nhu the|the|ra)\s+)?(?:nao|sao|gi)\b)?"
    r"(?:\s+nhau\b)?(?:\s+(?:khong|the nao|ra sao))?"
)
# what the two bodies are joined by: "với", "và", "so với", a comma; a few words naming the
# first body's place may come before ("Sở Y tế Cao Bằng so với Sở Giáo dục")
_COMPARED_JOIN = re.compile(
    r"(?P<carry>(?:\s+[a-z0-9]+){0,3}?)\s*(?:,|va|voi|so voi|,\s*va)\s*(?:(?:cac|nhung)\s+)?"
)
# "mỗi bên", "từng sở", "so với": each body is asked about on its own
_EACH_ASKED = re.compile(r"\b(?:moi|tung)\s+(?:so|phong|nganh|ben|co quan|don vi|noi)\b|\bso voi\b")


def _compared_agencies(text: str, agencies: Sequence[AgencyMention]) -> tuple[str, ...]:
    """ "Sở Kế hoạch và Đầu tư với Sở Tài chính khác nhau chỗ nào về kinh phí?": two known
    bodies joined by "với" (or "và", "so với") and compared, or asked each ("mỗi bên"): one
    part per body, the comparing words read as "làm gì" ("Sở Tài chính làm gì về kinh
    phí?"), so each body's own item answers. Not bodies that act together ("phối hợp với",
    "cùng với"); none when the question names no such pair or its offsets cannot be mapped."""
    folded = fold_diacritics(text)
    if len(folded) != len(text) or len(agencies) < 2:
        return ()
    compares = bool(_COMPARING.search(folded))
    if not compares and not _EACH_ASKED.search(folded):
        return ()
    aside = received(text, agencies)
    # a name read on into the comparing words ("Sở Tài chính khác nhau"): cut where they open
    opening = [m.start() for m in _COMPARING.finditer(folded)]
    spans = [
        (m.start, min([m.end, *(o for o in opening if m.start < o < m.end)])) for m in agencies
    ]
    pair = next(
        (
            (k, join)
            for k, (a, b) in enumerate(pairwise(agencies))
            if k not in aside  # "phối hợp với Sở A và Sở B": bodies worked with
            and a.keys
            and b.keys
            and a.keys != b.keys
            and (join := _COMPARED_JOIN.fullmatch(folded, spans[k][1], b.start))
            and not re.search(r"\b(?:nao|gi|ai|lam|phai|co)\b", join.group("carry"))
            and not re.search(vocab.ACTING_TOGETHER + r"\s*$", folded[: a.start])
        ),
        None,
    )
    if pair is None:
        return ()
    k, join = pair
    (start, first_end), (second_start, second_end) = spans[k], spans[k + 1]
    carry = text[join.start("carry") : join.end("carry")]
    between = folded[join.end("carry") : second_start]
    if re.search(r"\bvoi\b", between) is None and not compares:
        return ()  # "Sở A và Sở B mỗi sở ...": the joining by "và" is ``_each_agency``'s
    before, after = text[:start], text[second_end:]
    plain = not typed_with_marks(text)
    asked = "lam gi" if plain else "làm gì"

    def reworded(part: str, offset: int) -> str:
        # the comparing words of this stretch, with their question word, become "làm gì";
        # "so sánh" opening the question has nothing to compare once one body is left
        f = folded[offset : offset + len(part)]
        out, last = [], 0
        for m in _COMPARING.finditer(f):
            opening = f[m.start() : m.end()].startswith("so sanh")
            out.append(part[last : m.start()])
            out.append("" if opening else f" {asked} ")
            last = m.end()
        out.append(part[last:])
        return "".join(out)

    head = reworded(before, 0)
    tail = reworded(after, second_end)
    # "mỗi bên", "từng sở" after the pair: the distributive word has nothing left to share
    if m := re.search(
        r",?\s*\b(?:moi|tung)\s+(?:so|phong|nganh|ben|co quan|don vi|noi)\b\s*,?",
        fold_diacritics(tail),
    ):
        tail = f"{tail[: m.start()]} {tail[m.end() :]}"
    parts = []
    for body in (text[start:first_end], text[second_start:second_end]):
        part = f"{head}{body}{carry} {tail.lstrip()}"
        part = re.sub(r"\s+([,.;:?!])", r"\1", re.sub(r"\s+", " ", part)).strip()
        if not re.search(r"\b(?:gi|nao|sao)\b", fold_diacritics(part)):
            part = part.rstrip(" ?.") + f" {asked}?"
        parts.append(part[:1].upper() + part[1:])
    return tuple(parts)


def truncation_points(documents: Iterable[DocumentMeta], chunks: Iterable[Chunk]) -> dict[str, str]:
    """For each cut-off plan, the last Roman part its text still has ("II")."""
    truncated = {d.id for d in documents if d.truncated}
    last: dict[str, str] = {}
    for chunk in chunks:
        if chunk.document_id in truncated and (m := _ROMAN.match(chunk.section)):
            last[chunk.document_id] = m.group(1)
    return last


def term_weights(
    texts: Iterable[str], key: Callable[[str], str] = fold_diacritics
) -> dict[str, float]:
    """Inverse document frequency of every syllable and syllable pair of ``texts`` (folded,
    or in the form ``key`` gives); a term no text has weighs nothing (``UNSEEN``) or as the
    rarest (``RAREST``)."""
    df: Counter[str] = Counter()
    n = 0
    for text in texts:
        n += 1
        syllables = [key(w) for w in words(text)]
        df.update(set(syllables) | {f"{a}_{b}" for a, b in pairwise(syllables)})
    weights = {t: math.log((n + 1) / (c + 1)) for t, c in df.items()}
    # a term no passage has cannot tell passages apart (it weighs nothing when ranking);
    # whether the plans answer at all is another matter: there it weighs as the rarest
    weights[UNSEEN] = 0.0
    weights[RAREST] = math.log(n + 1)
    return weights


@lru_cache(maxsize=65536)
def folded_terms(text: str) -> frozenset[str]:
    """Folded syllables and syllable pairs of a unit or passage (cached: units repeat)."""
    s = [fold_diacritics(w) for w in words(text)]
    return frozenset(s) | {f"{a}_{b}" for a, b in pairwise(s)}


_SHORTHAND = re.compile(
    rf"(?<![\w&/-])(?:{'|'.join(map(re.escape, vocab.CHAT_SHORTHAND))})(?![\w&/-])"
)


def unabbreviated(text: str) -> str:
    """``text`` with chat shorthand typed in lower case read out ("lệ phí bn" → "lệ phí bao
    nhiêu", "có dc ko" → "có được không"); codes in capitals ("KH", "V") are left alone."""
    # typed without marks, read out without them too (the text stays one style)
    plain = not typed_with_marks(text)
    return _SHORTHAND.sub(
        lambda m: (fold_diacritics if plain else str)(vocab.CHAT_SHORTHAND[m.group(0)]), text
    )


@lru_cache(maxsize=4096)
def compounds(text: str) -> frozenset[str]:
    """The syllable pairs of ``text`` that a Vietnamese word segmenter reads as (part of) one
    word ("bồi thường", "học phí", not "nghiệp nhà" of "doanh nghiệp, nhà hảo tâm"), folded
    as terms are ("boi_thuong"). pyvi's CRF model ships in its package: no download."""
    from pyvi import ViTokenizer  # imported on first use: it loads scikit-learn (~1 s)

    out: set[str] = set()
    for token in ViTokenizer.tokenize(text).split():
        parts = [fold_diacritics(p) for p in token.split("_")]
        out.update(f"{a}_{b}" for a, b in pairwise(parts))
    return frozenset(out)


@lru_cache(maxsize=65536)
def accented_terms(text: str) -> frozenset[str]:
    """Canonical accented syllables (``accent_key``) and syllable pairs of a unit or passage."""
    s = [accent_key(w) for w in words(text)]
    return frozenset(s) | {f"{a}_{b}" for a, b in pairwise(s)}


PLACE_CACHE = 4096  # place names whose plans a Lexicon keeps (see ``Lexicon._writing``)
LEXICON_FILE = "lexicon.json"
TABLES = frozenset({"diacritics", "weights", "accented_weights"})  # what ingest writes now


def build_tables(chunks: Sequence[Chunk]) -> dict[str, dict[str, Any]]:
    """The corpus-wide tables of a ``Lexicon`` (accented forms, term weights over folded
    and over accented syllables): one pass over every passage, so they are built once at
    ingest and saved with the generation."""
    texts = [f"{c.section}\n{c.text}" for c in chunks]
    return {
        "diacritics": DiacriticsTable.build(texts).corpus_forms(),
        "weights": term_weights(texts),
        "accented_weights": term_weights(texts, accent_key),
    }


def save_tables(directory: Path, chunks: Sequence[Chunk]) -> None:
    """Write ``build_tables(chunks)`` into an index generation's folder."""
    (directory / LEXICON_FILE).write_text(
        json.dumps(build_tables(chunks), ensure_ascii=False), encoding="utf-8"
    )


def load_tables(directory: Path) -> dict[str, dict[str, Any]] | None:
    """The tables saved with a generation (None: written before they were saved). Tables
    added later may be missing (a generation without ``accented_weights`` reads every
    question folded); ``tables_current`` says whether ingest should write them again."""
    try:
        tables = json.loads((directory / LEXICON_FILE).read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return None
    return tables if isinstance(tables, dict) and {"diacritics", "weights"} <= set(tables) else None


def tables_current(tables: Mapping[str, Any] | None) -> bool:
    """Whether loaded tables hold everything ``build_tables`` writes now."""
    return tables is not None and set(tables) >= TABLES


class Lexicon:
    """What understanding needs from one index generation: its plans, the agencies their
    headings name, the corpus's accented vocabulary, where cut-off plans stop."""

    def __init__(
        self,
        documents: Sequence[DocumentMeta],
        chunks: Sequence[Chunk],
        tables: Mapping[str, dict[str, Any]] | None = None,
    ) -> None:
        """``tables``: what ``build_tables(chunks)`` returns (built here when not given)."""
        self.documents = list(documents)
        self.catalog = AgencyCatalog.from_headings(
            (c.agency for c in chunks if c.agency), (d.locality or "" for d in self.documents)
        )
        tables = tables or build_tables(chunks)
        self.diacritics = DiacriticsTable.of(tables["diacritics"])
        self.truncated_after = truncation_points(self.documents, chunks)
        self.weights = {k: float(v) for k, v in tables["weights"].items()}
        accented = tables.get("accented_weights")
        self.accented_weights = (
            {k: float(v) for k, v in accented.items()} if isinstance(accented, dict) else None
        )
        self._titles = TitleIndex(self.documents)
        self._chunks_of: dict[str, list[Chunk]] = {}
        for chunk in chunks:
            self._chunks_of.setdefault(chunk.document_id, []).append(chunk)
        self._plan_years = {d.year for d in self.documents if d.year}
        self._plan_numbers = {d.number.split("/")[0] for d in self.documents if d.number}
        self._place_plans: dict[str, tuple[str, ...]] = {}
        self._places = {fold_diacritics(d.locality) for d in self.documents if d.locality}
        # the documents the plans cite: a kind typed short before one is that kind ("qd 2361")
        self._cited = cited_in(fold_text(c.text) for c in chunks)
        self._name_openings = name_openings(f"{c.section}\n{c.text}" for c in chunks)
        # headings name the bodies; a chunk repeats its section's path
        headings = {part for c in chunks for part in c.section.split(SECTION_SEPARATOR)}
        self._casing = CasingTable.build(
            [*(c.text for c in chunks), *sorted(headings)],
            (d.locality or "" for d in self.documents),
        )
        self._marks = MarkRepair.build(
            # the plans' own forms: a question's everyday word ("số mấy") is no slip for
            # another ("số máy", a phone number)
            (f"{c.section}\n{c.text}" for c in chunks),
            tables["diacritics"],
        )
        # the words the plans write: initials that are none of them ("lk") name a place
        self._words = self.diacritics.forms.keys()

    def understand(self, text: str, history: Sequence[Turn] = ()) -> Question:
        """The one ``Question`` for ``text`` asked after ``history``."""
        # a syllable typed without its vowel ("chuong trnh") is read as the plans' word, chat
        # shorthand ("bn", "ntn") as the words it stands for
        # "Cho tôi hỏi với, ... vậy ạ?": courtesy asks nothing, and hides a follow-up's "còn"
        # or a yes/no question's closing "không"
        text = self.diacritics.mend(unabbreviated(without_courtesy(normalize(text).strip())))
        text = decoded(text, self.diacritics)  # Telex keys typed as letters: "vuj" is "vụ"
        # a mark slipped while typing ("Sở Tư phàp") is read as the plans write the words
        text = self._marks.repair(text)
        # "nd 56", "kh 308": a document the plans cite, its kind typed short
        text = written_out(text, self._plan_numbers, self._cited)
        if typed_with_marks(text):
            # typed all in lower case ("công an tỉnh cao bằng", "vốn oda"): read with the
            # capitals the plans give its words, as the same question typed with them
            text = recased(text, self._casing, self._name_openings)
        else:
            text = self._casing.acronyms_cased(text)  # "von oda" is "vốn ODA"
        standalone = text
        followup = False
        if history:
            ctx = context_of(history, self.documents, self.catalog)
            standalone = resolve(text, ctx, self.documents, self.catalog)
            # names written in carry marks: the rest of an unaccented question is restored
            standalone = self.diacritics.restore_resolved(standalone, text)
            followup = standalone != text or is_followup(text) or reference(text) is not None
        # who asks ("tôi là cán bộ phòng Lao động quận") is context: the plans it names may
        # be meant, the bodies it names are not asked about
        standalone, introduction = without_self_introduction(standalone)
        folded = fold_diacritics(standalone)
        # typed without capitals, a body no heading names ("phòng tài nguyên và môi
        # trường") is read by the plans' own capitals
        agencies = tuple(self._without_place(m) for m in self.catalog.find(self._cased(standalone)))
        # initials after an agency's name are its place ("phòng tư pháp lk")
        owners = [fold_diacritics(self.catalog.surface(standalone, m)) for m in agencies]
        plans = plans_named(folded, self.documents, owners, self._words)
        by_title = () if plans else self._titles.named(folded)
        plans = plans or by_title
        if introduction and not plans:
            plans = plans_named(fold_diacritics(introduction), self.documents, (), self._words)
        # a place no plan is of, named in a plan's text ("UBND tỉnh Đồng Nai" in Long
        # Khánh's): not out of scope; when no plan is named otherwise, the plans naming it
        # are asked, and the answer must quote a passage naming it
        written = [p for p in places_named(folded, self.documents) if self._written(p)]
        by_place = bool(written and not plans)  # the place's own plan is asked about
        places: list[str] = []
        if by_place:
            plans = tuple(dict.fromkeys(p for place in written for p in self._writing(place)))
            # asked through a place a plan only mentions, the answer must name it, and any
            # district named with it ("huyện Xuân Lộc của Đồng Nai")
            places = [*written, *unknown_places(standalone, self._places)]
        # a district no plan's text names ("Quận Hoàn Kiếm" asked of Hà Nội's plan): the
        # city's bullets for its districts in general do not answer for it
        named_districts = districts_named(standalone) or self._districts_typed_plain(standalone)
        districts = [
            d
            for d in named_districts
            if d not in places and d not in self._places and not self._writing(d)
        ]
        ours = re.search(vocab.SELF_REFERENCE, folded) if introduction and not agencies else None
        if ours is not None:
            # "bên em phải làm gì?": the asker's own body, named in the introduction, the
            # first it names ("tôi là cán bộ Phòng Văn hóa ..., đang tập huấn cho cán bộ
            # văn hóa phường": the bodies it goes on about are not the asker's)
            agencies = tuple(self.catalog.find(introduction))[:1]
            if agencies and agencies[0].keys and len(folded) == len(standalone):
                # written in its place, so that the question stands alone and each of its
                # parts still names the body ("sở chúng tôi phải thanh tra những gì")
                name = self.catalog.surface(introduction, agencies[0])
                standalone = standalone[: ours.start()] + name + standalone[ours.end() :]
                folded = fold_diacritics(standalone)
                agencies = (
                    tuple(self._without_place(m) for m in self.catalog.find(standalone)) or agencies
                )
        intents = intents_of(senses(standalone))
        if "who" in intents and re.search(vocab.WHICH_BODY_ASKED, folded):
            # "cơ quan nào chuyển thông tin cho ngành Lao động": the body things go to is
            # part of the topic; the one asked is another
            taken = received(standalone, agencies)
            agencies = tuple(m for k, m in enumerate(agencies) if k not in taken)
        issuer = ""
        if "basis" in intents and _agency_acts_on_grounds(standalone, folded, agencies):
            # "Sở Tài chính tham mưu nguồn kinh phí căn cứ vào đâu": the grounds of that
            # agency's act, stated in its item, not the documents the plan rests on
            intents -= {"basis"}
        if not plans and first_of_plans(folded):
            # "kế hoạch nào ban hành sớm nhất": the plans' own dates, side by side; "kế
            # hoạch về trẻ em" there is the plans themselves, not another plan
            intents = (intents - {CITED, "day", "deadline"}) | {"date"}
        elif cited_documents(folded, self._plan_numbers, self._cited):  # "Chỉ thị 23 ... ngày nào"
            intents = about_cited(intents)
            if _CITED_NUMBER_ASKED.search(folded):
                # "theo Thông tư số mấy": the number asked is the cited document's, stated
                # where a plan cites it, whatever other intent the question carries
                intents |= {CITED}
        elif other := (
            OtherPlan(0, 0, written[0]) if by_place else self._other_plan(folded, plans)
        ):  # "kế hoạch số mấy của Tỉnh ủy", "Đồng Nai có kế hoạch số mấy": not the plan's
            own = [d.number.split("/")[0] for d in self.documents if d.id in plans and d.number]
            intents = about_other_plan(intents, folded, other, own[0] if len(own) == 1 else None)
            issuer = other.issuer if CITED in intents else ""
            if CITED in intents and "day" in intents:
                # "kế hoạch số mấy của Thành ủy, ngày nào": that document's day, no deadline
                intents -= {"deadline"}
        counted = counted_noun(standalone)
        if counted and not intents & {"which_target", "money", "phone", "phone_number"}:
            intents |= {"figure"}  # "mấy buổi" asks a number as "bao nhiêu" does
        # "Ông X, người ký Kế hoạch 1222, sinh năm bao nhiêu?", "Phó Chủ tịch ký kế hoạch
        # đó quê ở đâu", "ông ấy sinh năm nào" after a signer answer: the signing names the
        # person; what is asked of them the plans do not state (a named-person refusal)
        people = self._persons_referred(standalone, folded, history)
        signers = [d.signer for d in self.documents if d.signer]
        asks_of_person = bool(people) and (
            self._asks_of_person(folded, intents)
            if persons_named(standalone, signers)
            else bool(re.search(vocab.SIGNER_ATTRIBUTES, folded))
        )
        if asks_of_person:
            intents -= _SIGNING
        named_places = {
            fold_diacritics(d.locality) for d in self.documents if d.id in plans and d.locality
        }
        # places and agencies are taken out as whole names ("Cao Bằng"), so that their
        # syllables still count elsewhere ("báo cáo", "nâng cao"); only when the question's
        # text cannot be mapped are their syllables skipped everywhere
        names = named_places | {
            a for a, place in vocab.PLACE_ABBREVIATIONS.items() if place in named_places
        }
        names |= {
            a
            for a, place in initials_named(folded, self.documents, owners, self._words).items()
            if place in named_places
        }
        # a body no plan assigns stays in the topic: a passage answers only if it names it
        # ("Quỹ Bảo trợ trẻ em" in a passage on hotlines)
        names |= {m.mention for m in agencies if m.mention and m.keys} | set(written)
        topic_text = without_names(standalone, names)
        named: set[str] = set()
        if topic_text is None:
            topic_text = standalone
            named = {w for name in names for w in name.split()}
        # the plan's own number and year identify it; they say nothing about the topic
        named |= {
            t
            for d in self.documents
            if d.id in plans
            for t in (d.number.split("/")[0] if d.number else "", str(d.year or ""))
            if t
        }
        # a plan named by its title: the title's words name it, they are not the topic
        title_words = {
            w
            for d in self.documents
            if d.id in by_title
            for w in re.findall(r"[a-z0-9]+", fold_diacritics(d.title or ""))
        }
        named |= title_words
        skip = named | _PREFIXES_FOLDED
        expanded = expand(standalone, intents, topic_text)
        topic_expanded = topic_text + expanded[len(standalone) :]
        # a question typed with marks is read with them: "bơi" is not "bồi"
        accented = self.accented_weights is not None and typed_with_marks(standalone)
        key = self._accent_key if accented else None
        weights = self.accented_weights if accented and self.accented_weights else self.weights
        quote_terms = content_terms(topic_expanded, skip, key)
        named_plans = plans
        if len(plans) > 1:  # a city named with several plans: those that hold what is asked
            plans = holding_content(
                plans,
                self.documents,
                quote_terms,
                weights,
                self._passages,
                accented_terms if accented else None,
            )
        # a claim too long for a yes/no predicate is checked as a whole (``claim_predicate``)
        predicate = yesno_predicate(text) or claim_predicate(text)
        predicate_terms = frozenset[str]()
        if predicate:
            # what must be stated: the predicate's content without its frame, the plan's
            # name or the place; a predicate that is only frame ("có được Kế hoạch 216
            # quan tâm riêng không") asks whether its subject is stated ("trẻ con nhà nghèo")
            for k, part in enumerate((predicate_topic(predicate), yesno_subject(text))):
                predicate_terms = content_terms(without_names(part, names) or part, skip, key)
                if predicate_terms:
                    # a refusal names what is not stated: the subject, when it is asked
                    predicate = predicate if k == 0 else part
                    break
        if claims(folded):
            # the value a claim states is checked, not required ("trước ngày 25/11"); a
            # count it states ("2 cộng tác viên") is what it says, and must be stated
            values = {
                n for _, v, _ in values_in(claim_predicate(text)) for n in re.findall(r"\d+", v)
            }
            predicate_terms = frozenset(
                t for t in predicate_terms if not set(re.findall(r"\d+", t)) & values
            )
        codes = quoted_codes(standalone, self._plan_numbers)
        return Question(
            text=text,
            standalone=standalone,
            folded=folded,
            restored=self.diacritics.restore(standalone),
            expanded=expanded,
            plans=plans,
            foreign_place=foreign_place(folded, self.documents, self._written),
            agencies=agencies,
            intents=intents,
            entities=tuple(Entity("place", p) for p in places)
            + tuple(Entity("district", d) for d in districts)
            + unclaimed(
                folded,
                self._entities(
                    standalone,
                    folded,
                    agencies,
                    intents,
                    named_plans,
                    title_words,
                    issuer,
                    codes,
                    people if asks_of_person else (),
                ),
            ),
            terms=content_terms(topic_text, skip, key),
            quote_terms=quote_terms,
            followup=followup,
            predicate=predicate,
            predicate_terms=predicate_terms,
            truncated_after=self.truncated_after,
            weights=weights,
            accented=accented,
            counted=counted,
            # a noun before "gì/nào" is a head unless every plan uses it ("nhiệm vụ")
            head=asked_head(senses(standalone), self._common_term),
            codes=codes,
            # a follow-up made standalone joins two questions: it is split as typed or not
            clauses=() if followup else self._clauses(standalone, agencies),
        )

    def _cased(self, text: str) -> str:
        """``text`` with the names of bodies capitalised as the plans write them, when it
        was typed without capitals (``cased``)."""
        return cased(text, self._name_openings)

    def _clauses(self, standalone: str, agencies: Sequence[AgencyMention]) -> tuple[str, ...]:
        """The parts of a question asking several things; none when it asks one thing, or
        when its parts name different plans (a comparison, answered plan by plan whole)."""
        each = _each_agency(standalone, agencies) or _compared_agencies(standalone, agencies)
        if each:
            return each
        spans = [(m.start, m.end) for m in agencies]

        def stands_alone(part: str) -> bool:
            # an agency named is a subject ("Sở Giáo dục và Đào tạo phải làm gì", whose
            # "giao ... gì" reads as framing)
            return any(m.keys for m in self.catalog.find(part)) or _names_topic(part)

        parts = split_clauses(standalone, spans, stands_alone)
        if len(parts) < 2:
            return ()
        named = [plans_named(fold_diacritics(p), self.documents, (), self._words) for p in parts]
        if len({frozenset(p) for p in named if p}) > 1:
            return ()
        return parts

    def _without_place(self, mention: AgencyMention) -> AgencyMention:
        """An agency no plan assigns, typed with a plan's place after it ("Sở XD HN",
        "Sở Xây dựng cb"): the place's initials are not part of the body's name."""
        words_ = mention.mention.split()
        if mention.keys or len(words_) < 3:
            return mention
        if words_[-1] not in vocab.PLACE_ABBREVIATIONS and words_[-1] not in place_initials(
            self.documents
        ):
            return mention
        cut = len(words_[-1]) + 1
        return replace(
            mention,
            mention=mention.mention[:-cut],
            end=mention.end - cut,
            surface=mention.surface[:-cut].rstrip(),
        )

    def _common_term(self, term: str) -> bool:
        """Whether the folded ``term`` ("nhiem_vu") is used so widely in the plans that no
        answer is told by naming it (``COMMON_TERM_WEIGHT``)."""
        return self.weights.get(term, math.inf) < COMMON_TERM_WEIGHT

    def _accent_key(self, syllable: str) -> str:
        """A syllable of a question typed with marks, in canonical accented form; one left
        unmarked that the plans only ever write with marks ("biet" beside "bơi") had its
        marks forgotten: it takes the form the plans use most."""
        key = accent_key(syllable)
        accented = self.accented_weights or {}
        if key in accented or key not in self.weights:
            return key
        form = self.diacritics.forms.get(key)
        return accent_key(form) if form and " " not in form else key

    def _written(self, place: str) -> bool:
        """Whether some passage of the index names the folded ``place`` (its syllable
        pairs are all in the index's vocabulary; one-syllable names are too common)."""
        syllables = place.split()
        return len(syllables) > 1 and all(
            f"{a}_{b}" in self.weights for a, b in pairwise(syllables)
        )

    def _writing(self, place: str) -> tuple[str, ...]:
        """The plans whose text names the folded ``place``. A name with a syllable or a
        pair no passage has is named by none (no scan); the others are scanned once and
        kept, up to ``PLACE_CACHE`` names (the names come from users' questions)."""
        syllables = place.split()
        if not all(s in self.weights for s in syllables) or not all(
            f"{a}_{b}" in self.weights for a, b in pairwise(syllables)
        ):
            return ()
        if place not in self._place_plans:
            if len(self._place_plans) >= PLACE_CACHE:
                self._place_plans.clear()
            pattern = re.compile(rf"\b{re.escape(place)}\b")
            self._place_plans[place] = tuple(
                plan
                for plan, chunks in self._chunks_of.items()
                if any(pattern.search(fold_text(c.text)) for c in chunks)
            )
        return self._place_plans[place]

    def _other_plan(self, folded: str, plans: Sequence[str]) -> OtherPlan | None:
        """The plan other than the indexed ones named that the question asks about."""
        named = [d for d in self.documents if d.id in plans] or self.documents
        localities = {fold_diacritics(d.locality) for d in named if d.locality}
        titles = [fold_diacritics(d.title) for d in named if d.title]
        return other_plan(folded, localities, titles)

    def _persons_referred(self, text: str, folded: str, history: Sequence[Turn]) -> list[str]:
        """The people the question is about, folded, as the refusal shows them: named
        ("Bà Vũ Thu Hà"), the signer by office or act ("phó chủ tịch ký", "người ký"), or
        referred back to ("ông ấy") when the last answer named a plan's signer."""
        signers = [d.signer for d in self.documents if d.signer]
        found = persons_named(text, signers)
        if m := re.search(vocab.SIGNER_BY_ROLE, folded):
            # the office as typed, without the act: "phó chủ tịch", "người"
            role = re.sub(r"(?: (?:da|dung ra))? ky$", "", m.group(0))
            found.append("nguoi ky" if role == "nguoi" else role)
        answers = [t.content for t in history if t.role == "assistant"]
        if answers and persons_named(answers[-1], signers):
            found += re.findall(vocab.PERSON_PRONOUN, folded)
        return list(dict.fromkeys(found))

    @staticmethod
    def _asks_of_person(folded: str, intents: frozenset[str]) -> bool:
        """Whether the question asks of a person something besides their signing (birth,
        home, term, a figure, a phone): ``vocab.PERSON_ATTRIBUTES``."""
        return bool(intents & _PERSON_VALUES) or any(
            re.search(rf"\b{p}\b", folded) for p in vocab.PERSON_ATTRIBUTES
        )

    def _passages(self, plan: str) -> list[str]:
        """The passages of one plan as search reads them: section path and text."""
        return [f"{c.section}\n{c.text}" for c in self._chunks_of.get(plan, ())]

    def _districts_typed_plain(self, text: str) -> list[str]:
        """Districts typed without capitals ("quan ngo quyen", "quận ô môn"): a unit word and
        two syllables that the plans never write side by side, nor after the unit word, nor
        before the next syllable ("quản lý", "huyện nào", "phương án bảo vệ" are words, not
        names). Typed with marks, the syllables are read with them: "ô môn" is no "ở", "hải
        an" no "hai"."""
        folded = fold_diacritics(text)
        if _DISTRICTS_IN_GENERAL.search(folded):
            return []
        marked = len(folded) == len(text) and typed_with_marks(text)
        found = []
        for m in _PLAIN_DISTRICT.finditer(folded):
            unit, first, second = m.group(1), m.group(2), m.group(3)
            if marked:
                # "liên quan tới trẻ" has no "quận": the unit word must be typed as one
                if text[m.start(1) : m.end(1)].lower() not in _UNIT_WORDS:
                    continue
                typed = {accent_key(w) for w in text[m.start(2) : m.end(3)].split()}
                if typed & (vocab.ACCENTED_QUESTION_WORDS | ACCENTED_STOPWORDS):
                    continue
            elif (
                {first, second} & _ASKING
                or {first, second} <= vocab.QUESTION_WORDS | STOPWORDS
                or first in _AFTER_SUBJECT  # "huyen o cb": where, not a name
            ):
                # typed without marks, one syllable of a name may fold to a little word
                # ("đồ sơn", "ba đình"); two never do ("quan nay co" is "quận này có"), nor
                # a word that asks ("huyen nao")
                continue
            if f"{first} {second}" in self._places:
                continue
            after = next(iter(folded[m.end() :].split()), "")
            # a word that follows a subject ("của", "ở", "được") may follow anything in the
            # plans ("an của"): it does not make the name's last syllable part of a word
            pairs: tuple[str, ...] = (f"{unit.split()[-1]}_{first}", f"{first}_{second}")
            if after not in _AFTER_SUBJECT:
                pairs += (f"{second}_{after}",)
            if any(p in self.weights for p in pairs):
                continue
            found.append(f"{first} {second}")
        return found

    def _entities(
        self,
        text: str,
        folded: str,
        agencies: Sequence[AgencyMention],
        intents: frozenset[str],
        plans: Sequence[str] = (),
        title_words: Iterable[str] = (),
        issuer: str = "",
        codes: Sequence[str] = (),
        people: Sequence[str] = (),
    ) -> tuple[Entity, ...]:
        """What a cited passage must contain for an answer to this question to stand
        (``issuer``: the body whose document's number or date is asked, "tinh uy";
        ``codes``: the identifiers the question quotes, ``quoted_codes``; ``people``: the
        persons something besides their signing is asked of, ``_persons_referred``)."""
        out: list[Entity] = [Entity("issuer", issuer)] if issuer else []
        for mention in agencies:
            if not mention.keys and CITED not in intents:
                # (a body named with a cited document's date or number is its issuer
                # "Chỉ thị 23 được Thủ tướng ban hành ngày nào": the number grounds it)
                name = mention.mention.split()
                if name[0] in ("so", "phong", "nganh") and len(name) > 1:
                    name = name[1:]
                out.append(Entity("agency", " ".join(name)))
        if "person" in intents and "signer" not in intents:
            out.append(Entity("person", ""))
        if not intents & _SIGNING:
            # "Bà Vũ Thu Hà phụ trách lĩnh vực gì?": the plans name a person only as their
            # signer; anything else asked of one is not in them
            signers = [d.signer for d in self.documents if d.signer]
            named = dict.fromkeys([*persons_named(text, signers), *people])
            out.extend(Entity("named_person", n) for n in named)
        if "money" in intents:
            out.append(Entity("money", ""))
        if _EFFECTIVE_ASKED.search(folded):
            # "có hiệu lực từ ngày nào": the date a text takes effect, not the date it was
            # signed or cited with
            out.append(Entity("effective", ""))
        # a year names a plan (not a fact asked about) when it is the year of a plan named,
        # or of any plan when the question names none
        plan_years = {d.year for d in self.documents if d.id in plans} or self._plan_years
        # years of a quoted title ("giai đoạn 2026 - 2030") name the plan too
        plan_years |= {int(w) for w in title_words if re.fullmatch(r"(?:19|20)\d{2}", w)}
        # ... unless a figure is asked for that year (``_FIGURE_YEAR``)
        asked = {a or b for a, b in _FIGURE_YEAR.findall(folded)}
        if not intents & _FIGURE_INTENTS:
            asked = set()
        for year in re.findall(r"\b((?:19|20)\d{2})\b", folded):
            if int(year) not in plan_years or year in asked:
                out.append(Entity("year", year))
        for figure in re.findall(r"(?<![\d/])(\d{1,2}/\d{1,2})(?![\d/])", folded):
            out.append(Entity("figure", figure))  # "24/24", "15/12": stated or not
        for number in re.findall(r"\b(\d{2,5})/(?:\d{4}/)?[a-z]", folded):
            if number not in self._plan_numbers:
                out.append(Entity("number", number))
        for code in codes:
            if re.fullmatch(r"[\d.]+", code):  # a phone line or an account: stated or not
                out.append(Entity("code", code))
        for cited in cited_documents(folded, self._plan_numbers, self._cited):  # "Chỉ thị 23"
            if cited.number and Entity("number", cited.number) not in out:
                out.append(Entity("number", cited.number))
        for kind in ("bo luat", "luat", "cong uoc"):
            # "pháp luật", "vi phạm pháp luật" is the law in general, not a law's name
            if m := re.search(rf"(?<!phap )\b{kind} ((?:[a-z]+ ){{1}}[a-z]+)", folded):
                out.append(Entity("legal", f"{kind} {m.group(1)}"))
                break
        return tuple(out)
