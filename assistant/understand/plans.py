"""Which plans a question names (locality, number, year) and places no plan covers."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from functools import cache, lru_cache
from itertools import pairwise

from assistant.text import STOPWORDS, fold_diacritics, words
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
# initials standing alone: not inside a code ("28-CT/TW", "CT-TTg") or a joined word
_INITIALS = re.compile(r"(?<![\w/&.-])([a-z]{2,4})(?![\w/&-])")
_YEAR = re.compile(r"(?:19|20)\d{2}")
_AFTER = re.compile(rf"\b(?:{'|'.join(vocab.INITIALS_AFTER)})\s+$")
_WEAK_AFTER = re.compile(rf"\b(?:{'|'.join(vocab.INITIALS_WEAK_AFTER)})\s+$")
_NOT_BEFORE = re.compile(rf"^\s*(?:{'|'.join(vocab.INITIALS_NOT_BEFORE)})\b")


@lru_cache(maxsize=64)
def _initials_table(places: frozenset[tuple[str, tuple[str, ...]]]) -> dict[str, tuple[str, str]]:
    """Initials → (folded locality, its plans' numbers) of every indexed locality of two or
    more syllables ("cao bang" → "cb"); initials two localities share name neither, and the
    fixed abbreviations (``vocab.PLACE_ABBREVIATIONS``) are read everywhere already."""
    table: dict[str, tuple[str, str]] = {}
    shared: set[str] = set()
    for place, numbers in places:
        syllables = place.split()
        if len(syllables) < 2:
            continue
        initials = "".join(s[0] for s in syllables)
        if initials in table and table[initials][0] != place:
            shared.add(initials)
        table[initials] = (place, " ".join(numbers))
    fixed = set(vocab.PLACE_ABBREVIATIONS) | vocab.QUESTION_WORDS | STOPWORDS
    return {k: v for k, v in table.items() if k not in shared and k not in fixed}


def place_initials(documents: Iterable[DocumentMeta]) -> dict[str, tuple[str, str]]:
    """Initials of the indexed localities (see ``_initials_table``), derived from the
    plans themselves so that a new plan's locality gets its own."""
    places: dict[str, set[str]] = {}
    for d in documents:
        if d.locality:
            numbers = places.setdefault(fold_diacritics(d.locality).strip(), set())
            if d.number:
                numbers.add(_number_literal(d.number))
    return _initials_table(frozenset((p, tuple(sorted(n))) for p, n in places.items()))


def initials_named(
    folded: str,
    documents: Iterable[DocumentMeta],
    after: Iterable[str] = (),
    ordinary: AbstractSet[str] | None = None,
) -> dict[str, str]:
    """The localities the folded question names by their initials ("ở cb" → "cao bang"):
    initials → folded locality (see ``_initials_at``)."""
    return {folded[a:b]: place for a, b, place in _initials_at(folded, documents, after, ordinary)}


def _initials_at(
    folded: str,
    documents: Iterable[DocumentMeta],
    after: Iterable[str] = (),
    ordinary: AbstractSet[str] | None = None,
) -> list[tuple[int, int, str]]:
    """Where the folded question names a locality by its initials: (start, end, folded
    locality) of each. Initials are also common short forms ("cb" cán bộ, "ct" chỉ thị),
    so they are read as a place only where the context marks one: next to a year or the
    locality's plan number ("ct 2017", "2030 cb", "cb 1222"); after a word that
    introduces a place (``vocab.INITIALS_AFTER``: "ở cb", "tỉnh cb", "kh ct"); or, unless
    the next words make them a person or a directive (``vocab.INITIALS_NOT_BEFORE``: "cb
    xã", "ct về"), after "của", after a name in ``after`` (the agencies the question
    names: "Sở Tài chính cb") or alone at the start or end of a short clause ("ct ai lo
    ..."). Never before a number that is no year: "ct 23" is Chỉ thị 23. ``ordinary``:
    the words the plans use (their keyword weights); initials that are none of them ("lk":
    the plans never write it) are a place anywhere they stand alone ("trẻ khuyết tật lk ai
    phụ trách"), unless the next words make them a person or a directive.
    """
    table = place_initials(documents)
    if not table:
        return []
    found: list[tuple[int, int, str]] = []
    owners = [a for a in after if a]
    for m in _INITIALS.finditer(folded):
        initials = m.group(1)
        if initials not in table:
            continue
        place, numbers = table[initials]
        before, rest = folded[: m.start()], folded[m.end() :]
        next_word = (re.findall(r"[a-z0-9]+", rest) or [""])[0]
        prev_word = (re.findall(r"[a-z0-9]+", before) or [""])[-1]
        beside_year = _YEAR.fullmatch(next_word) or _YEAR.fullmatch(prev_word)
        if beside_year or next_word in numbers.split():
            found.append((m.start(), m.end(), place))  # "ct 2017", "2030 cb", "cb 1222"
            continue
        if next_word.isdigit():
            continue  # "ct 23": Chỉ thị 23
        if _AFTER.search(before):
            found.append((m.start(), m.end(), place))  # "ở cb", "tỉnh cb", "kh ct"
            continue
        if _beside_place(before, rest, table):
            found.append((m.start(), m.end(), place))  # "hn và lk", "lk, hp"
            continue
        if not _CLAUSE_END.split(before)[-1].strip() and _plan_or_body_next(rest, owners):
            # opening a clause before a body the question names or a plan word: "lk phòng
            # y tế phải đạt ...", "hp kế hoạch 216 ..."
            found.append((m.start(), m.end(), place))
            continue
        if _NOT_BEFORE.search(rest):
            continue  # "cb xã": a commune's officer; "ct số 23", "ct về ...": a directive
        if ordinary is not None and initials not in ordinary:
            found.append((m.start(), m.end(), place))  # no word of the plans: a place
            continue
        if (
            _WEAK_AFTER.search(before)
            or any(re.search(rf"\b{re.escape(a)}\s+$", before) for a in owners)
            or _clause_edge(before, rest)
        ):
            found.append((m.start(), m.end(), place))
    return found


_CLAUSE_END = re.compile(r"[?!.;,:\u2013\u2014]|\s-\s")
_PLAN_WORD = re.compile(r"^\s*(?:ke hoach|kh|chuong trinh)\b")


_JOINING = r"\s*(?:,|va|voi|vs|hay|hoac|so voi)\s*"


def _beside_place(before: str, rest: str, table: Mapping[str, tuple[str, str]]) -> bool:
    """Whether initials are joined to another place by "và", "với", "hay" or a comma ("hà
    nội với lk", "lk và hp"): one of a list of places, so a place too."""
    names = {*vocab.PLACES, *vocab.PLACE_ABBREVIATIONS, *table, *(p for p, _ in table.values())}
    alternation = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return bool(
        re.search(rf"\b(?:{alternation}){_JOINING}$", before)
        or re.match(rf"{_JOINING}(?:{alternation})\b", rest)
    )


def _plan_or_body_next(rest: str, owners: Sequence[str]) -> bool:
    """Whether ``rest`` opens with a plan word or with one of the agencies ``owners``."""
    head = rest.lstrip()
    return bool(_PLAN_WORD.match(head)) or any(
        head.startswith(a) and head[len(a) : len(a) + 1] in ("", " ") for a in owners
    )


def _clause_edge(before: str, rest: str) -> bool:
    """Whether initials between ``before`` and ``rest`` open or close a short clause ("cb
    giao ai ...", "... ở vùng cao, cb"; a follow-up joined to its question is two)."""
    head = _CLAUSE_END.split(before)[-1]
    tail = _CLAUSE_END.split(rest)[0]
    if len(head.split()) + len(tail.split()) + 1 > vocab.INITIALS_SHORT:
        return False
    return not head.strip() or not tail.strip()


_NAMED_AFTER = re.compile(rf"\b(?:{'|'.join(vocab.NAMED_AFTER)})\s+$")


def places_written(folded: str) -> str:
    """The folded question with places typed short written out ("tphcm" → "tp ho chi
    minh"), except where the short form ends a person's or a body's name ("đoàn TNCS
    HCM")."""

    def written(m: re.Match[str]) -> str:
        if _NAMED_AFTER.search(folded[: m.start()]):
            return m.group(0)
        return vocab.PLACE_ABBREVIATIONS[m.group(0)]

    return _PLACE_ABBREVIATION.sub(written, folded)


def spelled_out(
    folded: str,
    documents: Iterable[DocumentMeta] = (),
    after: Iterable[str] = (),
    ordinary: AbstractSet[str] | None = None,
) -> str:
    """The folded question with abbreviated places written out ("hp" → "hai phong"; "ở cb"
    → "ở cao bang" when ``documents`` has Cao Bằng's plan: see ``initials_named``)."""
    folded = places_written(folded)
    for start, end, place in reversed(_initials_at(folded, documents, after, ordinary)):
        folded = f"{folded[:start]}{place}{folded[end:]}"
    return folded


def plans_named(
    folded: str,
    documents: Iterable[DocumentMeta],
    after: Iterable[str] = (),
    ordinary: AbstractSet[str] | None = None,
) -> tuple[str, ...]:
    """Plans the folded question names by locality (or its usual abbreviation: "hp"; its
    initials where the context marks a place: "ở cb"), number ("1222", "1222/KH-UBND") or
    year. ``after``: the agencies' names the question uses ("phòng tư pháp lk");
    ``ordinary``: the words the plans use (see ``_initials_at``).

    Every plan of a named locality is a candidate (a city may have several plans); a year
    narrows them when it is given."""
    docs = list(documents)
    folded = spelled_out(folded, docs, after, ordinary)
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
        # a year narrows the plans of its own locality only: "Kế hoạch năm 2017 của Cần
        # Thơ và Kế hoạch 216 của Hải Phòng" names both; a plan named by number stays
        by_id = {d.id: d for d in docs}
        groups: dict[str, list[str]] = {}
        for i in named:
            groups.setdefault(by_id[i].locality or i, []).append(i)
        kept: set[str] = set()
        for group in groups.values():
            dated = [i for i in group if by_id[i].year in years or i in numbered]
            kept |= set(dated or group)
        named = [i for i in named if i in kept]
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
    # "tphcm", "sg": places typed short are read as their names
    folded = places_written(folded)
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
