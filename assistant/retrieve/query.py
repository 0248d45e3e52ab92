"""What a question names: plans (locality, number, year) and agencies ("Sở Tư pháp")."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache

from assistant.text import fold_diacritics
from assistant.types import DocumentMeta

_AGENCY_PREFIX = re.compile(r"^(?:de nghi\s+)?(?:so|phong|nganh)\s+")
_AGENCY_SUFFIX = re.compile(
    r"\s+(?:thanh pho|tinh|thi xa|quan|huyen|co trach nhiem)(?:\s.*)?$|\s*[;,(].*$"
)
# "Sở Tư pháp", "phòng tư pháp", "ngành y tế": an office named by a prefix and two syllables.
_QUERY_OFFICE = re.compile(r"\b(?:so|phong|nganh)\s+([a-z]+ [a-z]+)")
# Agencies whose name is their own head: "Công an", "Đoàn thanh niên", "Hội phụ nữ", "UBND".
_SELF_NAMED = {
    "cong an": re.compile(r"\bcong an\b"),
    "mat tran": re.compile(r"\bmat tran\b"),
    "ubnd": re.compile(r"\b(?:ubnd|uy ban nhan dan)\s+(?:cac\s+)?(?:quan|huyen|phuong|xa)\b"),
    "doan thanh nien": re.compile(r"\b(?:doan thanh nien|thanh doan)\b"),
    "hoi phu nu": re.compile(r"\bhoi (?:lien hiep )?phu nu\b"),
}


def agency_key(name: str) -> str:
    """A plan-independent key for an agency: "Phòng Tư pháp" and "Sở Tư pháp" → "tu phap"."""
    folded = fold_diacritics(name).strip()
    folded = _AGENCY_PREFIX.sub("", folded)
    folded = _AGENCY_SUFFIX.sub("", folded)
    folded = re.sub(r"[^a-z0-9 ]+", " ", folded)
    folded = re.sub(r"\s+", " ", folded).strip()
    for head, pattern in _SELF_NAMED.items():
        if pattern.search(folded) or folded.startswith(head):
            return head
    if folded.startswith(("uy ban nhan dan", "ubnd")):
        return "ubnd"
    return folded


def agency_keys(name: str) -> frozenset[str]:
    """Every agency a section title names: "Đề nghị Ủy ban Mặt trận..., Đoàn Thanh niên...,
    Hội Liên hiệp Phụ nữ..." assigns tasks to three bodies at once."""
    folded = fold_diacritics(name)
    keys = {agency_key(name)}
    keys.update(head for head, pattern in _SELF_NAMED.items() if pattern.search(folded))
    return frozenset(keys)


@dataclass(frozen=True)
class QueryAnalysis:
    """What the question names."""

    documents: tuple[str, ...]  # plans the question is restricted to (empty: all)
    agency: str | None  # agency key, e.g. "tu phap"
    folded: str


def detect_agency(question: str, agency_keys: Iterable[str]) -> str | None:
    """The agency key the question names, matched against the agencies in the index."""
    folded = fold_diacritics(question)
    keys = sorted(set(agency_keys), key=len, reverse=True)
    for head, pattern in _SELF_NAMED.items():
        if head in keys and pattern.search(folded):
            return head
    for match in _QUERY_OFFICE.finditer(folded):
        spoken = match.group(1)
        for key in keys:
            if key == spoken or key.startswith(spoken + " "):
                return key
    return None


# Unbounded caches of small strings; patterns are compiled only for names a question
# actually contains, so a question costs one substring test per plan, not a regex search.
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
    return re.compile(rf"(?:\bke hoach(?: so)?\s+|\bkh\s+|^|\s){re.escape(num)}(?:/kh|\b)")


def _names_plan(folded: str, doc: DocumentMeta) -> bool:
    """Whether the folded question names ``doc`` by locality or number."""
    if doc.locality:
        literal = _locality_literal(doc.locality)
        if literal in folded and _locality_pattern(literal).search(folded):
            return True
    if doc.number:
        num = _number_literal(doc.number)
        if num in folded and _number_pattern(num).search(folded):
            return True
    return False


def detect_documents(question: str, documents: Iterable[DocumentMeta]) -> tuple[str, ...]:
    """Plans the question names by locality, number ("1222", "1222/KH-UBND") or year."""
    folded = fold_diacritics(question)
    docs = list(documents)
    named = [d.id for d in docs if _names_plan(folded, d)]
    if not named:
        years = {int(y) for y in re.findall(r"\bke hoach (?:nam )?((?:19|20)\d{2})\b", folded)}
        named = [d.id for d in docs if d.year in years]
    return tuple(named)


def analyse(
    question: str, documents: Iterable[DocumentMeta], agency_keys: Iterable[str]
) -> QueryAnalysis:
    """Plans and agency named by the question."""
    return QueryAnalysis(
        documents=detect_documents(question, documents),
        agency=detect_agency(question, agency_keys),
        folded=fold_diacritics(question),
    )


# Provinces and centrally-run cities (pre-2025 list) and a few well-known towns, folded:
# a question about a place the index has no plan for is answered "no plan covers it".
PLACES = """
an giang|ba ria vung tau|vung tau|bac giang|bac kan|bac lieu|bac ninh|ben tre|binh dinh|
binh duong|binh phuoc|binh thuan|ca mau|can tho|cao bang|da nang|dak lak|dak nong|dien bien|
dong nai|dong thap|gia lai|ha giang|ha nam|ha noi|ha tinh|hai duong|hai phong|hau giang|
hoa binh|hung yen|khanh hoa|kien giang|kon tum|lai chau|lam dong|lang son|lao cai|long an|
nam dinh|nghe an|ninh binh|ninh thuan|phu tho|phu yen|quang binh|quang nam|quang ngai|
quang ninh|quang tri|soc trang|son la|tay ninh|thai binh|thai nguyen|thanh hoa|thua thien hue|
hue|tien giang|tra vinh|tuyen quang|vinh long|vinh phuc|yen bai|
thanh pho ho chi minh|tp ho chi minh|tp hcm|sai gon|
da lat|nha trang|bien hoa|long khanh|thu duc|ha long|buon ma thuot|pleiku|quy nhon|vinh
""".replace("\n", "").split("|")


def foreign_place(question: str, documents: Iterable[DocumentMeta]) -> str | None:
    """A place the question names that no indexed plan belongs to (None if none)."""
    folded = fold_diacritics(question)
    have = {fold_diacritics(d.locality) for d in documents if d.locality}
    for place in sorted((p.strip() for p in PLACES if p.strip()), key=len, reverse=True):
        if place in have or not re.search(rf"\b{place}\b", folded):
            continue
        if place == "vinh" and not re.search(r"\b(?:tp|thanh pho|o|tai)\s+vinh\b", folded):
            continue  # "vĩnh" is also a common syllable
        if any(place in h or h in place for h in have):
            continue
        return place.title()
    return None
