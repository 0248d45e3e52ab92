"""Which plans a question names (locality, number, year) and places no plan covers."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import cache, lru_cache
from itertools import pairwise

from assistant.text import fold_diacritics, words
from assistant.types import DocumentMeta
from assistant.understand import vocab

# Of a city's several plans named by the city alone, those whose best passage holds at
# least this share of the asked content that the best-matching plan's holds
CONTENT_SHARE = 0.5
# A question quoting this many consecutive syllables of one plan's title (and of no other
# plan's) names that plan: "Chương trình phòng, chống bạo lực, xâm hại trẻ em giai đoạn
# 2026 - 2030" is the title of one decision; "chăm sóc, giáo dục và bảo vệ trẻ em" is in
# the titles of three plans and names none of them
TITLE_RUN = 8


# Every question checks every plan, so these caches must hold them all (a bounded LRU
# smaller than the plan count missed on every lookup: ~18,000 regex compilations a question
# at 10,000 plans). A plan costs a substring test; patterns are compiled only for names
# the question contains.
@cache
def _locality_literal(locality: str) -> str:
    return fold_diacritics(locality)


@cache
def _number_literal(number: str) -> str:
    return number.split("/")[0]


@lru_cache(maxsize=4096)
def _locality_pattern(folded_locality: str) -> re.Pattern[str]:
    return re.compile(rf"\b{re.escape(folded_locality)}\b")


@lru_cache(maxsize=4096)
def _number_pattern(num: str) -> re.Pattern[str]:
    return re.compile(rf"(?:\bke hoach(?: so)?\s+|\bkh\s+|\bso\s+|^|\s){re.escape(num)}(?:/kh|\b)")


def _names_locality(folded: str, doc: DocumentMeta) -> bool:
    if not doc.locality:
        return False
    literal = _locality_literal(doc.locality)
    return literal in folded and bool(_locality_pattern(literal).search(folded))


def _names_number(folded: str, doc: DocumentMeta) -> bool:
    if not doc.number:
        return False
    num = _number_literal(doc.number)
    return num in folded and bool(_number_pattern(num).search(folded))


_PLACE_ABBREVIATION = re.compile(rf"\b(?:{'|'.join(vocab.PLACE_ABBREVIATIONS)})\b")


def spelled_out(folded: str) -> str:
    """The folded question with abbreviated places written out ("hp" → "hai phong")."""
    return _PLACE_ABBREVIATION.sub(lambda m: vocab.PLACE_ABBREVIATIONS[m.group(0)], folded)


def plans_named(folded: str, documents: Iterable[DocumentMeta]) -> tuple[str, ...]:
    """Plans the folded question names by locality (or its usual abbreviation: "hp"),
    number ("1222", "1222/KH-UBND") or year.

    Every plan of a named locality is a candidate (a city may have several plans); a year
    narrows them when it is given."""
    docs = list(documents)
    folded = spelled_out(folded)
    numbered = {d.id for d in docs if _names_number(folded, d)}
    named = [d.id for d in docs if d.id in numbered or _names_locality(folded, d)]
    if numbered:  # "Kế hoạch 350 của Hà Nội": the number picks one of the city's plans
        places = {d.locality for d in docs if d.id in numbered}
        named = [
            d.id for d in docs if d.id in named and (d.id in numbered or d.locality not in places)
        ]
    years = {
        int(y) for y in re.findall(r"\b(?:ke hoach|nam)\s+(?:nam\s+)?((?:19|20)\d{2})\b", folded)
    }
    if named and years:
        narrowed = [i for i in named if next(d for d in docs if d.id == i).year in years]
        named = narrowed or named
    if not named:
        years = {int(y) for y in re.findall(r"\bke hoach (?:nam )?((?:19|20)\d{2})\b", folded)}
        named = [d.id for d in docs if d.year in years]
    return tuple(named)


def places_named(folded: str, documents: Iterable[DocumentMeta]) -> list[str]:
    """The places of ``vocab.PLACES`` the folded question names that are no indexed plan's
    locality ("dong nai" in a question about Long Khánh's plan), longest first."""
    have = {fold_diacritics(d.locality) for d in documents if d.locality}
    out: list[str] = []
    for place in sorted(vocab.PLACES, key=len, reverse=True):
        if place in have or any(place in p for p in out):
            continue
        if place in vocab.AMBIGUOUS_PLACES or not re.search(rf"\b{place}\b", folded):
            continue
        if not any(place in h or h in place for h in have):
            out.append(place)
    return out


def foreign_place(
    folded: str, documents: Iterable[DocumentMeta], written: Callable[[str], bool] | None = None
) -> str | None:
    """A place the folded question names that no indexed plan belongs to (None if none).
    ``written``: whether a place is named in an indexed plan's text (the province a city
    belongs to, named in the city's plan): such a place is not foreign."""
    have = {fold_diacritics(d.locality) for d in documents if d.locality}
    for place in sorted((*vocab.PLACES, *vocab.COUNTRIES), key=len, reverse=True):
        if place in have or not re.search(rf"\b{place}\b", folded):
            continue
        if written is not None and place in vocab.PLACES and written(place):
            continue
        if place in vocab.AMBIGUOUS_PLACES and not re.search(vocab.AMBIGUOUS_PLACES[place], folded):
            continue  # "vĩnh", "huế" are also common syllables
        if place in vocab.COUNTRIES and not re.search(
            rf"\b(?:nuoc|o|tai|cua|ben)\s+{place}\b", folded
        ):
            continue  # "Mỹ", "Pháp", "Lào" need "ở/tại/nước ..." to be a country
        if any(place in h or h in place for h in have):
            continue
        return place.title()
    return None


@lru_cache(maxsize=8192)
def _pairs(text: str) -> frozenset[str]:
    """Folded syllable pairs of a passage ("tiem_chung"), as question terms write them."""
    folded = [fold_diacritics(w) for w in words(text)]
    return frozenset(f"{a}_{b}" for a, b in pairwise(folded))


def content_held(
    terms: Iterable[str],
    weights: Mapping[str, float],
    texts: Iterable[str],
    terms_of: Callable[[str], frozenset[str]] | None = None,
) -> float:
    """How much of the asked content the best of ``texts`` holds: the share, weighted by
    inverse document frequency, of the question's word pairs that it contains. Pairs, not
    single syllables: folded syllables collide ("trăm" of "phần trăm", "trạm" of "trạm y
    tế"). Pairs no passage of the index has are left out (they tell no plan apart).
    ``terms_of``: the terms of a text in the form of ``terms`` (default: folded pairs)."""
    pairs = [t for t in terms if "_" in t and weights.get(t, 0.0) > 0]
    total = sum(weights[t] for t in pairs)
    if not total:
        return 0.0
    best = 0.0
    for text in texts:
        have = terms_of(text) if terms_of else _pairs(text)
        best = max(best, sum(weights[t] for t in pairs if t in have) / total)
    return best


def holding_content(
    plans: Sequence[str],
    documents: Iterable[DocumentMeta],
    terms: Iterable[str],
    weights: Mapping[str, float],
    passages: Callable[[str], Iterable[str]],
    terms_of: Callable[[str], frozenset[str]] | None = None,
) -> tuple[str, ...]:
    """Of several named plans of one locality ("Hà Nội" when the city has two plans), those
    whose best passage (``passages(plan id)``) holds at least ``CONTENT_SHARE`` of the asked
    content that the best-matching one holds: a city's swimming plan does not answer a
    question about the city's vaccination targets only because it is of the same city. A
    question that does not tell the plans apart keeps them all."""
    named = set(plans)
    locality = {
        d.id: fold_diacritics(d.locality) for d in documents if d.id in named and d.locality
    }
    groups: dict[str, list[str]] = {}
    for plan in plans:
        if plan in locality:
            groups.setdefault(locality[plan], []).append(plan)
    terms = list(terms)
    dropped: set[str] = set()
    for group in groups.values():
        if len(group) < 2:
            continue
        held = {plan: content_held(terms, weights, passages(plan), terms_of) for plan in group}
        best = max(held.values())
        dropped |= {plan for plan in group if held[plan] < CONTENT_SHARE * best}
    return tuple(p for p in plans if p not in dropped)


def _syllables_of(folded: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", folded)


class TitleIndex:
    """Every run of ``TITLE_RUN`` syllables of the plans' titles, to find the plan a
    question names by quoting its title. Runs are kept as hashes (a few bytes a run, at
    10,000 plans too) of the plan whose title has them; a run in two titles names none."""

    def __init__(self, documents: Iterable[DocumentMeta]) -> None:
        self._runs: dict[int, str | None] = {}
        for doc in documents:
            syllables = _syllables_of(fold_diacritics(doc.title or ""))
            for i in range(len(syllables) - TITLE_RUN + 1):
                key = hash(" ".join(syllables[i : i + TITLE_RUN]))
                owner = self._runs.get(key, doc.id)
                self._runs[key] = doc.id if owner == doc.id else None

    def named(self, folded: str) -> tuple[str, ...]:
        """The one plan whose title the folded question quotes (empty: none, or several)."""
        syllables = _syllables_of(folded)
        runs = (hash(" ".join(syllables[i : i + TITLE_RUN])) for i in range(len(syllables)))
        found = {owner for key in runs if (owner := self._runs.get(key)) is not None}
        return tuple(found) if len(found) == 1 else ()
