"""What a question asks (several things at once), and what a passage must hold to answer it."""

from __future__ import annotations

import re
from functools import lru_cache

from assistant.text import fold_diacritics
from assistant.understand import vocab

# intent → what a passage holds when it gives that kind of fact
EVIDENCE: dict[str, re.Pattern[str]] = {
    "figure": re.compile(
        r"\d+(?:[.,]\d+)?\s*(?:%|‰)|\d[\d.]* ?(?:đồng|triệu|tỷ)\b|\b\d+ (?:trẻ|người|xã|lượt)"
        r"|\b(?:100|[1-9]\d?) ?phần trăm"
    ),
    "deadline": re.compile(
        r"\b\d{1,2}/\d{1,2}\b|\bnăm \d{4}\b|\bngày \d{1,2}\b|\btháng \d{1,2}\b|\bhằng năm\b"
        r"|\bđịnh kỳ\b|\btrước ngày\b|\bhàng (?:năm|quý|tháng)\b|\b6 tháng\b"
    ),
    "phone": re.compile(
        r"\b111\b|\b0\d{2,3}[.\s]?\d{2,3}[.\s]?\d{2,3}(?:[.\s]?\d{1,4})?\b|\b1800[\d.\s]+"
        r"|[Tt]ổng đài|[Đđ]ường dây nóng"
    ),
    "which_target": re.compile(r"(?:[Cc]hỉ tiêu|[Mm]ục tiêu) (?:số )?\d"),
    "day": re.compile(r"\b\d{1,2}/\d{1,2}\b|\bngày \d{1,2}\b"),
    "money": re.compile(r"\d[\d.,]* ?(?:đồng|triệu|tỷ|nghìn)\b"),
    # a number to call: digits, not only the name of a hotline
    "phone_number": re.compile(
        r"\b111\b|\b0\d{2,3}[.\s]?\d{2,3}[.\s]?\d{2,3}(?:[.\s]?\d{1,4})?\b|\b1800[\d.\s]+"
    ),
}


@lru_cache(maxsize=1)
def _compiled() -> dict[str, re.Pattern[str]]:
    return {
        # whole words at both ends: "có số gì" asks a number, "cơ sở giáo dục" does not
        intent: re.compile("|".join(rf"(?:\b{p})(?![a-z0-9])" for p in patterns))
        for intent, patterns in vocab.INTENTS.items()
    }


def senses(text: str) -> str:
    """The question folded, with accented words whose folded form is ambiguous read in the
    sense they were typed in ("chi tiêu tiền" is spending, not "chỉ tiêu", a target)."""
    lowered = text.lower()
    for accented, meaning in vocab.ACCENTED_SENSES.items():
        lowered = re.sub(rf"\b{accented}\b", meaning, lowered)
    return fold_diacritics(lowered)


def framing_words(folded: str) -> frozenset[str]:
    """The syllables of the folded question that say what kind of fact is asked ("bao
    nhiêu phần trăm", "ngày nào", "nhiệm vụ"): they frame the question, they are not its
    subject."""
    words: set[str] = set()
    for pattern in _compiled().values():
        for m in pattern.finditer(folded):
            words.update(m.group(0).split())
    return frozenset(words)


def intents_of(folded: str) -> frozenset[str]:
    """Every intent the folded question carries ("số hiệu gì, ban hành ngày nào": number and
    date). Metadata intents need a question about the plan itself, not a hotline or a report."""
    found = {intent for intent, pattern in _compiled().items() if pattern.search(folded)}
    not_metadata = any(re.search(rf"\b{p}", folded) for p in vocab.NOT_METADATA)
    if not_metadata:
        found -= set(vocab.METADATA_INTENTS)
    if "which_target" in found:
        found.discard("figure")  # "chỉ tiêu nào" asks which target, not its figure
        # "chỉ tiêu số mấy" asks a target's number, not a number to call
        found -= {"phone", "phone_number"}
    if "date" in found:
        found.discard("deadline")  # "ban hành ngày nào" asks the plan's date, not a deadline
        found.discard("day")
    if found & {"signer"}:
        found.discard("who")
    if "position" in found:
        # "Ông X ký với chức vụ gì?": the signer is named, the position is what is asked
        # ("do ai ký, chức vụ gì?" asks both)
        found -= {"who", "person"} if re.search(r"\bai\b", folded) else {"signer", "who", "person"}
    return frozenset(found)


def has_evidence(intents: frozenset[str], text: str) -> bool:
    """Whether ``text`` holds every kind of fact the intents ask for (a figure, a date)."""
    if "phone_number" in intents:
        return bool(EVIDENCE["phone_number"].search(text))
    if "phone" in intents:
        return bool(EVIDENCE["phone"].search(text))
    return all(EVIDENCE[i].search(text) for i in intents if i in EVIDENCE)
