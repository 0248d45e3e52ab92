"""Which plans a question names (locality, number, year) and places no plan covers."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from assistant.text import fold_diacritics
from assistant.types import DocumentMeta
from assistant.understand import vocab


@lru_cache(maxsize=8192)
def _plan_patterns(locality: str | None, number: str | None) -> tuple[re.Pattern[str], ...]:
    """Patterns naming a plan, compiled once per plan (searched on every question)."""
    patterns = []
    if locality:
        patterns.append(re.compile(rf"\b{re.escape(fold_diacritics(locality))}\b"))
    if number:
        num = re.escape(number.split("/")[0])
        patterns.append(
            re.compile(rf"(?:\bke hoach(?: so)?\s+|\bkh\s+|\bso\s+|^|\s){num}(?:/kh|\b)")
        )
    return tuple(patterns)


def plans_named(folded: str, documents: Iterable[DocumentMeta]) -> tuple[str, ...]:
    """Plans the folded question names by locality, number ("1222", "1222/KH-UBND") or year.

    Every plan of a named locality is a candidate (a city may have several plans); a year
    narrows them when it is given."""
    docs = list(documents)
    named = [
        d.id for d in docs if any(p.search(folded) for p in _plan_patterns(d.locality, d.number))
    ]
    numbered = {d.id for d in docs if d.number and _plan_patterns(None, d.number)[0].search(folded)}
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


def foreign_place(folded: str, documents: Iterable[DocumentMeta]) -> str | None:
    """A place the folded question names that no indexed plan belongs to (None if none)."""
    have = {fold_diacritics(d.locality) for d in documents if d.locality}
    for place in sorted((*vocab.PLACES, *vocab.COUNTRIES), key=len, reverse=True):
        if place in have or not re.search(rf"\b{place}\b", folded):
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
