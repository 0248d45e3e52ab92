"""References to documents other than the indexed plans ("Chỉ thị 23", "Quyết định số
649/QĐ-UBND", "quyết định số mấy", "quyết định về đội ngũ cộng tác viên").

A date or number asked about such a document is that document's, stated where a plan cites
it ("theo Quyết định số 649/QĐ-UBND ngày 5/2/2015"), not the plan's own date and number.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from functools import lru_cache

from assistant.understand import vocab

# intent a question about a cited document's date or number carries instead of the plan's
# metadata intents (its evidence: a document's kind, number and date together)
CITED = "cited"


@dataclass(frozen=True)
class CitedDocument:
    """A document the question names that is not an indexed plan."""

    kind: str  # folded kind ("chi thi")
    number: str  # its number as typed ("23", "649"); "" when named by subject or asked


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    kinds = "|".join(re.escape(k) for k in sorted(vocab.CITED_KINDS, key=len, reverse=True))
    # "phap luat" is the law in general, "luat su" a lawyer
    head = rf"(?<!phap )\b({kinds})\b(?! su\b)"
    numbered = re.compile(rf"{head}\s+(?:so\s+)?(?!(?:19|20)\d\d\b)(\d{{1,5}})(?=[/\-\s,.?]|$)")
    # named without its number: the number asked, or the document named by its subject
    # a law or convention named by its name ("Luật Trẻ em") is one too
    unnumbered = re.compile(
        rf"{head}\s+(?:{vocab.NUMBER_ASKED}|ve\s+\w)|(?<!phap )\b(bo luat|luat|cong uoc)"
        rf"(?! su\b)\s+[a-z]+\s+[a-z]+"
    )
    return numbered, unnumbered


def cited_documents(folded: str, plan_numbers: Collection[str]) -> list[CitedDocument]:
    """The documents other than the indexed plans that the folded question names: a kind
    with a number no plan has, or a kind (not "kế hoạch") whose number is asked or whose
    subject follows ("quyết định về ...")."""
    numbered, unnumbered = _patterns()
    out = [
        CitedDocument(m.group(1), m.group(2))
        for m in numbered.finditer(folded)
        if m.group(2) not in plan_numbers
    ]
    out += [
        CitedDocument(m.group(1) or m.group(2), "")
        for m in unnumbered.finditer(folded)
        if m.group(1) != "ke hoach"
    ]
    return out


def about_cited(intents: frozenset[str]) -> frozenset[str]:
    """The intents of a question about a cited document: the plan's own metadata intents
    give way to the citation's (a date asked is a day stated with the citation)."""
    metadata = intents & set(vocab.METADATA_INTENTS)
    if not metadata:
        return intents
    out = intents - metadata
    if metadata & {"number", "date"}:
        out |= {CITED}
    if "date" in metadata:
        out |= {"day"}
    return out
