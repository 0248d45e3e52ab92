"""What a question asks (several things at once), and what a passage must hold to answer it."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from assistant.text import STOPWORDS, fold_diacritics
from assistant.understand import vocab

# intent → what a passage holds when it gives that kind of fact
EVIDENCE: dict[str, re.Pattern[str]] = {
    "figure": re.compile(
        r"\d+(?:[.,]\d+)?\s*(?:%|‰)|\d[\d.]* ?(?:đồng|triệu|tỷ)\b|\b\d+ (?:trẻ|người|xã|lượt)"
        r"|\b(?:100|[1-9]\d?) ?phần trăm"
    ),
    "deadline": re.compile(
        r"\b\d{1,2}/\d{1,2}\b|\bnăm \d{4}\b|\bngày \d{1,2}\b|\btháng \d{1,2}\b"
        r"|\btrước ngày\b|\b6 tháng\b"
        # points in time that recur or fall in a programme's cycle ("khảo sát đánh giá đầu
        # kỳ, giữa kỳ và cuối kỳ", "báo cáo định kỳ hằng quý"): they say when, without a date
        r"|\b(?:hằng|hàng) (?:năm|quý|tháng)\b|\bđịnh kỳ\b|\b(?:đầu|giữa|cuối) kỳ\b"
    ),
    "phone": re.compile(
        r"\b111\b|\b0\d{2,3}[.\s]?\d{2,3}[.\s]?\d{2,3}(?:[.\s]?\d{1,4})?\b|\b1800[\d.\s]+"
        r"|[Tt]ổng đài|[Đđ]ường dây nóng"
    ),
    "which_target": re.compile(r"(?:[Cc]hỉ tiêu|[Mm]ục tiêu) (?:số )?\d"),
    "day": re.compile(r"\b\d{1,2}/\d{1,2}\b|\bngày \d{1,2}\b"),
    "money": re.compile(r"\d[\d.,]* ?(?:đồng|triệu|tỷ|nghìn)\b"),
    # a document cited with its number and date ("Quyết định số 649/QĐ-UBND ngày 5/2/2015",
    # "CHỈ THỊ 23/CT-TTG NGÀY 26/5/2020")
    "cited": re.compile(
        r"\b(?:Bộ luật|Luật|Nghị định|Thông tư|Quyết định|Chỉ thị|Nghị quyết|Công văn|Kế hoạch"
        r"|Chương trình(?: phối hợp)?|Đề án)"
        r"\s+(?:số\s*:?\s*)?\d+[^\s,;]*.{0,40}?ngày\s+\d{1,2}(?:[/-]\d{1,2}[/-]\d{4}"
        r"| tháng \d{1,2} năm \d{4})",
        re.IGNORECASE,
    ),
    # the kinds of value asked (``VALUE_KINDS``): a number with its unit next to it
    "percent": re.compile(
        r"\d+(?:[.,]\d+)?\s*(?:%|‰)|\b\d+ ?phần trăm|\d+\s*/\s*1(?:00)?[.,]?000\b"
    ),
    "clock": re.compile(r"\b\d{1,2}\s?(?:giờ|h)(?:\s?\d{2})?\b|\b\d{1,2}:\d{2}\b|\b24/7\b"),
    # a count of days or months (not "ngày 15", "tháng 6 năm 2024") or a period of years;
    # how often ("hằng năm") answers "bao lâu một lần", a deadline
    "duration": re.compile(
        r"\b\d+\s*(?:ngày|tuần|tháng|năm|giờ)\b(?!\s*(?:năm\s*)?\d)"
        r"|\b\d{4}\s*[-–]\s*\d{4}\b|\bđến năm \d{4}\b"
    ),
    # a month, or a date that gives one ("tháng 6", "25/11", "quý III"): what "tháng mấy"
    # asks, which a yearly or periodic duty ("hằng năm") does not answer
    "month": re.compile(r"\b\d{1,2}/\d{1,2}\b|\b[Tt]háng \d{1,2}\b|\b[Qq]uý (?:[IV]+|\d)\b"),
    # when a document takes effect: a date or "kể từ ngày ký" after "hiệu lực" (a plan's
    # "nâng cao hiệu lực quản lý" is no such date)
    "effective": re.compile(
        r"[Hh]iệu lực(?: thi hành)?\W+(?:[^\W\d]+\W+){0,3}?(?:\d{1,2}/\d{1,2}/\d{4}|kể từ ngày)"
    ),
    # a number to call: digits, not only the name of a hotline
    "phone_number": re.compile(
        r"\b111\b|\b0\d{2,3}[.\s]?\d{2,3}[.\s]?\d{2,3}(?:[.\s]?\d{1,4})?\b|\b1800[\d.\s]+"
    ),
}


# What each kind of value asked is called in a refusal ("Các kế hoạch không nêu tỷ lệ phần
# trăm cho nội dung này").
VALUE_KINDS: dict[str, str] = {
    "percent": "tỷ lệ phần trăm",
    "clock": "giờ giấc (mấy giờ)",
    "duration": "thời gian (số ngày, tháng)",
    "money": "số tiền",
    "month": "tháng cụ thể",
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


def framing_phrases(folded: str, skip: frozenset[str] = frozenset()) -> list[str]:
    """The phrases of the folded question that say what kind of fact is asked ("bao nhieu
    phan tram", "ngay nao", "nhiem vu"), as matched. ``skip``: intents whose words are left
    in."""
    phrases: list[str] = []
    for intent, pattern in _compiled().items():
        if intent in skip:
            continue
        phrases += [m.group(0) for m in pattern.finditer(folded)]
    for phrase in vocab.ORDERING_PHRASES:  # "lần lượt là": several values, in order
        if re.search(rf"\b{phrase}\b", folded):
            phrases.append(phrase)
    return phrases


def framing_words(folded: str, skip: frozenset[str] = frozenset()) -> frozenset[str]:
    """The syllables of the folded question that say what kind of fact is asked ("bao
    nhiêu phần trăm", "ngày nào", "nhiệm vụ"): they frame the question, they are not its
    subject. ``skip``: intents whose words are left in."""
    return frozenset(w for phrase in framing_phrases(folded, skip) for w in phrase.split())


@lru_cache(maxsize=1)
def _owners() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    def alternation(phrases: tuple[str, ...]) -> re.Pattern[str]:
        ordered = sorted(phrases, key=len, reverse=True)
        return re.compile(r"\b(?:" + "|".join(re.escape(p) for p in ordered) + r")\b")

    return (
        re.compile(rf"\b{vocab.NUMBER_ASKED}\b"),
        alternation(vocab.NUMBERED_PHONE),
        alternation(vocab.NUMBERED_IDENTIFIER),
    )


def numbers_asked(folded: str) -> list[str]:
    """For each "số mấy / số bao nhiêu / số gì" of the question, what the number belongs
    to: "phone" when the nearest noun before it in its clause is something one calls
    ("tổng đài", "gọi"), "identifier" when it is a document or a target ("quyết định số
    mấy", "chỉ tiêu số mấy"), "" when the clause names neither."""
    asked, phone, identifier = _owners()
    out = []
    for m in asked.finditer(folded):
        clause = re.split(r"[,;.?!:]", folded[: m.start()])[-1]
        last_phone = max((x.end() for x in phone.finditer(clause)), default=-1)
        last_id = max((x.end() for x in identifier.finditer(clause)), default=-1)
        if last_phone < 0 and last_id < 0:
            out.append("")
        else:
            out.append("phone" if last_phone > last_id else "identifier")
    return out


# the words that ask a figure, not only name one ("chỉ tiêu", "tỷ lệ" name a target)
_FIGURE_ASKED = r"\b(?:bao nhieu|may phan tram|muc nao|phan tram)\b"


# A superlative over the plans' dates ("kế hoạch nào được ban hành sớm nhất", "văn bản
# nào mới nhất"). Folded.
_FIRST_OF_PLANS = re.compile(
    r"\b(?:van ban|ke hoach|kh) nao (?:\S+ ){0,3}?(?:(?:ban hanh|ky|ra doi) )?"
    r"(?P<which>som nhat|truoc nhat|truoc tien|dau tien|cu nhat"
    r"|muon nhat|sau cung|sau nhat|moi nhat|gan day nhat|gan nhat)\b"
)


def first_of_plans(folded: str) -> str | None:
    """ "earliest" or "latest" when the folded question asks which plan came first or last
    ("Trong các kế hoạch, kế hoạch nào được ban hành sớm nhất?"): a question over every
    plan's date, asked of no plan in particular; None otherwise."""
    m = _FIRST_OF_PLANS.search(folded)
    if m is None:
        return None
    early = {"som nhat", "truoc nhat", "truoc tien", "dau tien", "cu nhat"}
    return "earliest" if m.group("which") in early else "latest"


def intents_of(folded: str) -> frozenset[str]:
    """Every intent the folded question carries ("số hiệu gì, ban hành ngày nào": number and
    date). Metadata intents need a question about the plan itself, not a hotline or a report.
    The asker's preamble ("tôi trực tổng đài, cho hỏi ...") is taken out before, with the
    self-introduction (``understand/question.py``)."""
    found = {intent for intent, pattern in _compiled().items() if pattern.search(folded)}
    owners = numbers_asked(folded)
    if owners and all(o == "identifier" for o in owners) and not phone_framed(folded):
        # "theo quyết định số mấy": the number of a document, not a number to call
        found -= {"phone", "phone_number"}
    not_metadata = any(re.search(rf"\b{p}", folded) for p in vocab.NOT_METADATA)
    if not_metadata:
        found -= set(vocab.METADATA_INTENTS)
    if "which_target" in found and not re.search(_FIGURE_ASKED, folded):
        found.discard("figure")  # "chỉ tiêu nào" asks which target, not its figure
        # "chỉ tiêu số mấy" asks a target's number, not a number to call
        found -= {"phone", "phone_number"}
    if _hotline_named_only(folded, found):
        found.discard("phone")
    if found & VALUE_KINDS.keys():
        # "đường dây đó trực từ mấy giờ": the line is the subject, the hours are asked
        found -= {"phone", "phone_number"}
    if {"deadline", "figure"} <= found and not re.search(_FIGURE_ASKED, folded):
        # "chỉ tiêu về trẻ em ... định hướng đến năm nào": the target is the subject, only
        # the time is asked (no "bao nhiêu", "mấy phần trăm", "mức nào")
        found.discard("figure")
    if "figure" in found and (
        _figure_not_asked(folded, asks_who="who" in found) or _classed_not_valued(folded)
    ):
        found.discard("figure")
    if found & {"clock", "duration"}:
        # "mất mấy ngày", "bao nhiêu tháng": a length of time, not a rate or a date
        found -= {"figure", "deadline", "day"}
    if "date" in found:
        found.discard("month")  # "ban hành tháng nào" asks the plan's date
        found.discard("deadline")  # "ban hành ngày nào" asks the plan's date, not a deadline
        found.discard("day")
    if found & {"signer"}:
        found.discard("who")
    closing = re.search(vocab.YESNO_PREDICATE, folded)
    if "yesno" in found and closing and re.search(vocab.COMPARISON, closing.group(1)):
        found.discard("yesno")  # "có giống nhau không": a comparison, answered plan by plan
    if "position" in found:
        # "Ông X ký với chức vụ gì?": the signer is named, the position is what is asked
        # ("do ai ký, chức vụ gì?" asks both)
        found -= {"who", "person"} if re.search(r"\bai\b", folded) else {"signer", "who", "person"}
    return frozenset(found)


def _hotline_named_only(folded: str, found: set[str]) -> bool:
    """Whether a hotline is only the topic of a question asking something else: typed
    with its own number ("tuyên truyền về Tổng đài 111", "ai trực đường dây nóng 111"), so
    the number is not what is asked, while another intent (duties, who) is."""
    return (
        "phone" in found
        and "phone_number" not in found
        and bool(found - {"phone"})
        and bool(EVIDENCE["phone_number"].search(folded))
        # calling it, or what it is ("tổng đài 111 là gì, gọi để làm gì"): the line is asked
        and not _HOTLINE_ASKED.search(folded)
    )


_HOTLINE_ASKED = re.compile(
    r"\b(?:goi|lien he|lien lac|nhan tin)\b|\b(?:tong dai|duong day)(?: nong)?(?: \d+)? la\b"
)


def _figure_not_asked(folded: str, asks_who: bool) -> bool:
    """Whether a figure the question names is not what it asks: a target named as the
    subject while another thing is asked ("lồng ghép các chỉ tiêu ... vào loại kế hoạch
    nào"; not "cơ quan nào phụ trách chỉ tiêu ...", whose assignment is found through the
    target), a set of targets ("có xây dựng bộ chỉ tiêu theo dõi không"), or a count whose
    kinds are asked ("phải lập mấy cái ban, nhóm gì")."""
    return (
        (not asks_who and _named_only(folded))
        or _sets_only(folded)
        or bool(_KINDS_COUNTED.search(folded))
    )


# A noun after "là" with a question word asks what kind of thing the subject is ("được coi
# là nội dung thế nào", "được xem là nhiệm vụ gì"). Folded.
_CLASSED = re.compile(r"\bla ((?:[a-z]+ ){1,3}?)(?:(?:nhu )?the nao|ra sao|gi|nao)\b")
# The words that ask a value: with one, a target or a rate is asked for its figure. Folded.
_VALUE_WORDS = re.compile(
    r"\b(?:bao nhieu|may|phan tram|muc|dat|ty le|ty suat|so luong|con so|tang|giam|toi thieu"
    r"|toi da|it nhat)\b|%"
)


def _classed_not_valued(folded: str) -> bool:
    """Whether a question naming a target ("chỉ tiêu") asks what kind of thing something is
    ("việc lồng ghép chỉ tiêu trẻ em vào kế hoạch ... được coi là nội dung thế nào"), with no
    word asking a value ("bao nhiêu", "mấy", "%", "mức", "đạt", "tỷ lệ"): the target is the
    subject, not a figure asked."""
    if _VALUE_WORDS.search(folded):
        return False
    nouns = set(vocab.FIGURE_NOUNS)
    return any(m.group(1).strip() not in nouns for m in _CLASSED.finditer(folded))


def _named_only(folded: str) -> bool:
    """Whether the figure is only named, not asked: no figure-asking words ("bao nhiêu",
    "mấy phần trăm"), only a noun naming a target or a rate (``vocab.FIGURE_NOUNS``), and a
    question word asking something else ("vào chương trình nào", "sở nào lo", "ai")."""
    nouns = set(vocab.FIGURE_NOUNS)
    asking = [p for p in vocab.INTENTS["figure"] if p not in nouns]
    if any(re.search(rf"\b{p}(?![a-z0-9])", folded) for p in asking):
        return False
    return any(
        m.group(1) is None or m.group(1) not in vocab.VALUE_HEADS
        for m in re.finditer(vocab.OTHER_ASKED, folded)
    )


def _sets_only(folded: str) -> bool:
    """Whether every figure noun of the question names a set of them ("bộ chỉ tiêu", "các
    chỉ tiêu") and nothing asks a value ("bao nhiêu", "mấy phần trăm", "mức nào", "là gì")."""
    if re.search(_FIGURE_ASKED, folded) or re.search(r"\bla (?:gi|nhung gi|bao nhieu)\b", folded):
        return False
    nouns = "|".join(vocab.FIGURE_NOUNS)
    sets = "|".join(sorted(vocab.FIGURE_SETS, key=len, reverse=True))
    named = list(re.finditer(rf"\b(?:{nouns})\b", folded))
    return bool(named) and all(re.search(rf"\b(?:{sets})\s+$", folded[: m.start()]) for m in named)


def phone_framed(folded: str) -> bool:
    """Whether the question asks a number to call other than by "số mấy" ("gọi đâu")."""
    without = re.sub(rf"\b{vocab.NUMBER_ASKED}\b", " ", folded)
    return bool(_compiled()["phone"].search(without))


_HOW_MANY = frozenset({"bao nhiêu", "bao nhieu", "mấy", "may"})
# a count of things followed by "gì/nào" of them (a classifier between): the kinds are asked
_KINDS_COUNTED = re.compile(
    r"\b(?:may|bao nhieu) (?:cai |con |chiec |loai )?[a-z]+(?: [a-z]+)?(?:, [a-z]+)? (?:gi|nao)\b"
)
_OTHER_QUESTION_WORD = r"\b(?:ai|gi|nao|dau|sao)\b"
# the words that put a count right after them ("trong vòng mấy ngày", "gồm mấy thành viên")
_COUNT_FRAME = r"\b(?:trong(?: vong)?|mat|co|gom|duoc|la|khoang|toi da|it nhat|moi) $"
_COUNTED = re.compile(r"(?<!\bso )\b(?:bao nhieu|may) ([a-z]+)\b")


def counted_noun(text: str) -> str | None:
    """What a "how many" question counts ("mấy buổi" → "buổi", "bao nhiêu vụ" → "vụ"), as
    typed (lower case); None for a percentage or an amount, which have their own evidence,
    and for "số mấy" (which one). Only a number of the counted thing answers it ("03 cấp
    độ", "14 loại vắc xin"), not a rate ("45% trẻ em"): a plan that never counts school
    sessions does not answer "học mấy buổi một ngày" with a primary-school completion rate,
    nor "bao nhiêu trẻ em" with the share of children reached."""
    lowered = text.lower()
    folded = fold_diacritics(lowered)
    if len(folded) != len(lowered):  # folding changed the length: no position mapping
        return None
    m = _COUNTED.search(folded)
    if m is None or _KINDS_COUNTED.search(folded):  # "mấy cái ban, nhóm gì": which ones
        return None
    if m.group(1) in vocab.NOT_COUNTED or re.search(vocab.TARGET_FRAMES, folded):
        return None  # a target asked: its figure is a rate, as the plans state targets
    if lowered[m.start() : m.start(1)].strip() not in _HOW_MANY:  # "máy", "bảo": not asking
        return None
    if (
        m.group(0).startswith("may ")
        and re.search(_OTHER_QUESTION_WORD, folded)
        and not re.search(_COUNT_FRAME, folded[: m.start()])
    ):
        # "ai lo chặn mấy thông tin độc hại": "mấy" before a noun, with another question
        # word asking, is the plural of speech ("those"), not a count ("trong mấy giờ" is)
        return None
    return lowered[m.start(1) : m.end(1)]


def counted_pattern(noun: str) -> re.Pattern[str]:
    """A number directly before ``noun``: it counts the noun."""
    return re.compile(rf"\b\d+(?:[.,]\d+)?\s+{re.escape(noun)}\b", re.IGNORECASE)


def has_evidence(intents: frozenset[str], text: str, counted: str | None = None) -> bool:
    """Whether ``text`` holds every kind of fact the intents ask for (a figure, a date);
    with ``counted`` (see ``counted_noun``) the figure must count that noun (a number
    directly before it, not a percentage)."""
    if "phone_number" in intents:
        return bool(EVIDENCE["phone_number"].search(text))
    if "phone" in intents:
        return bool(EVIDENCE["phone"].search(text))
    if counted and "figure" in intents:
        # the counted thing must be where the figure is; a number that counts it ("2 buổi")
        # is a figure even when it is not a percentage
        typed = text if counted != fold_diacritics(counted) else fold_diacritics(text)
        if not re.search(rf"\b{re.escape(counted)}\b", typed, re.IGNORECASE):
            return False
        if not counted_pattern(counted).search(typed):
            # a rate ("92% trẻ em", "tỷ lệ trẻ em") does not count: "bao nhiêu trẻ em"
            # asks how many, which only a number of them answers
            return False
        intents = intents - {"figure"}
    return all(EVIDENCE[i].search(text) for i in intents if i in EVIDENCE)


# the kind of item a list question asks for ("cần những giấy tờ gì", "cho những đối tượng
# nào"), folded
LIST_ASKED = re.compile(r"\b(?:nhung|cac|loai) (\S+(?: \S+)?) (?:gi|nao)\b")


def _required_noun(part: str, dropped: frozenset[str]) -> list[str]:
    """The noun of one or two syllables directly before "gì/nào" in ``part`` (folded), when
    it names something required: after a verb of needing ("cần bằng cấp gì", "phải có
    chứng chỉ nào") or a procedure's own noun ("theo thủ tục gì"). Other nouns before a
    question word ("theo phương châm nào", "ở vị trí nào") are often answered in other
    words, and are left to the passage's meaning."""
    needing = "|".join(vocab.NEEDING_VERBS)
    for m in re.finditer(r"(?:^|\s)(\S+ \S+|\S+) (?:gi|nao)\b", part):
        words_ = m.group(1).split()
        before = part[: m.start(1)].split()
        if len(words_) == 2 and words_[0] in dropped | vocab.HEAD_OPENERS:
            before.append(words_.pop(0))  # "cần bằng cấp" → "bằng cấp" after "cần"
        if words_[-1] in dropped:
            continue
        needed = re.search(rf"\b(?:{needing})$", " ".join(before[-2:]))
        if needed or " ".join(words_) in vocab.PROCEDURE_NOUNS:
            return words_
    return []


def asked_head(folded: str, common: Callable[[str], bool] | None = None) -> str:
    """The noun a question word attaches to, folded: what the answer must name ("mẫu đơn tố
    giác ... lấy ở đâu" → "mau don", "cần những giấy tờ gì" → "giay to", "những điều nào"
    → "dieu", "nộp hồ sơ ở đâu" → "ho so"). "" when the word before the question word is
    generic ("nhiệm vụ gì", "cơ quan nào"), frames the question ("ngày nào", "làm gì") or
    names a place or body: only a noun directly before "gì/nào" (after "những", "các", or
    the two-syllable object of a verb of preparing: "chuẩn bị hồ sơ gì") or
    the object of a verb of obtaining before "ở đâu" counts. Any other noun of one or two
    syllables directly before "gì/nào" ("cần bằng cấp gì", "theo thủ tục gì") is a head too
    when ``common`` is given and says it is no word of every plan ("nhiệm vụ")."""
    kinds = "|".join(sorted(vocab.NUMBERED_DOCUMENTS, key=len, reverse=True))
    if m := re.search(rf"(?<!phap )\b({kinds})\s+(?:{vocab.NUMBER_ASKED}|nao)\b", folded):
        # "theo Thông tư số mấy", "quyết định nào": a cited document, which the answer
        # names by its number ("Thông tư số 23/..."); a unit without one does not answer
        return m.group(1)
    units = "|".join(sorted(vocab.SUBUNIT_HEADS, key=len, reverse=True))
    if m := re.search(rf"\b({units})\s+(?:\S+\s+)?(?:nao|gi)\b", folded):
        # "giao phòng chuyên môn nào theo dõi": a unit inside the body named, which its
        # item must name for the answer to stand
        return m.group(1)
    # "giấy tờ gì", "hồ sơ" ask a procedure and name what it needs: they stay heads
    dropped = vocab.QUESTION_WORDS | STOPWORDS | framing_words(folded, frozenset({"procedure"}))
    obtain = "|".join(vocab.OBTAIN_VERBS)
    prepare = "|".join(vocab.PREPARE_VERBS)
    for part in re.split(r"[,;.?!:]", folded):
        words_: list[str] = []
        if m := re.search(rf"\b(?:{obtain})\s+(?:(\S+(?: \S+){{0,2}}) )?(?:o|tu|tai) dau\b", part):
            # "nộp hồ sơ ở đâu": the verb's object; "mẫu đơn ... lấy ở đâu": the clause's
            # opening words, its topic
            words_ = (m.group(1) or " ".join(part.split()[:2])).split()
        elif m := re.match(rf"\s*({'|'.join(vocab.PAPER_HEADS)})\b.* (?:o|tai) dau\b", part):
            # "mẫu đơn tố giác ... ở đâu", typed with no verb: the paper it opens with
            words_ = m.group(1).split()
        elif m := LIST_ASKED.search(part):
            words_ = m.group(1).split()  # "cần những giấy tờ gì", "những điều nào"
        elif m := re.search(rf"\b(?:{prepare}) (\S+ \S+) gi\b", part):
            # "cần chuẩn bị hồ sơ gì": the object of a verb of preparing or handing over,
            # two syllables ("cán bộ gì" is no "cần" with an object "bộ")
            words_ = m.group(1).split()
        elif re.search(rf"\b(?:{'|'.join(vocab.RELATIONAL_HEADS)}) (?:gi|nao)\b", part):
            # "Phiếu lấy ý kiến ... làm theo mẫu nào": the form of what the clause opens
            # with, which the plans must name ("phiếu lấy", "tờ khai")
            words_ = part.split()[:2]
        elif m := re.search(
            rf"\b({'|'.join(vocab.LOCATION_HEADS)})(?: (?:nao|gi)\b|\b.* o dau\b)", part
        ):
            # "ở địa chỉ nào", "trụ sở ở đâu": an address the plans must state ("ở vị trí
            # nào" in a policy is no address)
            words_ = m.group(1).split()
        elif common is not None and (required := _required_noun(part, dropped)):
            # "cần bằng cấp gì", "theo thủ tục gì": what one must hold or go through, which
            # the answer must name; not a word of every plan ("cần nhiệm vụ gì")
            words_ = required if not common("_".join(required)) else []
        head = " ".join(words_)
        if (
            words_
            and head not in vocab.GENERIC_HEADS
            # "những lực lượng nào": a category the answer's items belong to (báo cáo
            # viên, đội xung kích), which they need not name
            and head not in vocab.CATEGORY_HEADS
            # a compound keeps a framing syllable ("hồ sơ" folds to "ho so", as "số")
            and not (set(words_) <= dropped if len(words_) > 1 else set(words_) & dropped)
            and all(re.fullmatch(r"[a-z]+", w) for w in words_)
        ):
            return head
    return ""


# --- a plan's own structure ("Mục II gồm mấy nhóm", "mục cuối cùng", "phụ lục") -------------

# the nouns a plan's parts and items go by: a count or an ordinal of these asks the outline
_STRUCTURE_NOUNS = (
    r"(?:nhom(?: (?:noi dung|nhiem vu|giai phap|muc tieu|chi tieu))?|dau muc"
    r"|muc(?! (?:tieu|dich|do))|phan(?! (?:tram|nghin|cong))"
    r"|noi dung(?! gi)|diem|nhiem vu|giai phap)"
)
_PART_NUMBERED = re.compile(r"\b(?:phan|muc)\s+(?P<num>[ivx]{1,4})\b")
_PART_LAST = re.compile(r"\bphan (?:cuoi|sau cung|ket)(?: cung)?\b(?! (?:nam|thang))")
_APPENDIX = re.compile(r"\bphu luc\b")
_COUNT_ITEMS = re.compile(
    rf"\b(?:(?:may|bao nhieu) {_STRUCTURE_NOUNS}\b|chia (?:\S+ ){{0,4}}?thanh (?:may|bao nhieu)\b)"
)
_ORDINAL = re.compile(
    rf"\b{_STRUCTURE_NOUNS} (?:(?:thu|so) (?P<n>nhat|mot|hai|ba|tu|bon|nam|sau|bay|tam|chin|muoi"
    r"|\d{1,2})|(?P<last>cuoi(?: cung)?|sau cung))\b"
)
_LIST_ITEMS = re.compile(
    r"\b(?:gom|bao gom|co) (?:nhung|cac) (?:\S+ ){0,2}?(?:gi|nao)\b|\bgom nhung gi\b"
    r"|\bnoi (?:ve )?(?:gi|nhung gi)\b|\bde cap (?:\S+ )?(?:gi|nhung gi)\b"
)
_ORDINALS = vocab.ORDINALS


@dataclass(frozen=True)
class StructureAsk:
    """What a question asks about a plan's outline: the part it names (a Roman numeral,
    "last", or "" for a part named by its title words), whether it asks an appendix, and
    whether it asks the count of the part's items, one of them (1-based; -1 the last), or
    their list."""

    part: str = ""
    label: str = ""  # folded: the noun the plan numbers its lines with ("chi tieu")
    appendix: bool = False
    count: bool = False
    nth: int = 0
    listing: bool = False


def structure_asked(folded: str) -> StructureAsk | None:
    """What the folded question asks about a plan's own outline ("Mục II ... gồm mấy
    nhóm, nhóm thứ tư nói về gì", "Phần IV có bao nhiêu đầu mục, mục cuối cùng ...",
    "phần cuối nói gì", "có phụ lục không"); None when it asks no such thing. A part is
    named by its numeral or as the last one; a count or an ordinal of a plan's items asks
    the outline even when the part is named by its title words only ("phần mục tiêu cụ thể
    chia các chỉ tiêu thành mấy nhóm")."""
    appendix = bool(_APPENDIX.search(folded))
    numbered = _PART_NUMBERED.search(folded)
    part = numbered.group("num") if numbered else ("last" if _PART_LAST.search(folded) else "")
    count = bool(_COUNT_ITEMS.search(folded))
    nth = 0
    if m := _ORDINAL.search(folded):
        n = m.group("n")
        nth = -1 if m.group("last") else (int(n) if n.isdigit() else _ORDINALS[n])
    listing = bool(_LIST_ITEMS.search(folded))
    labelled = _label_asked(folded)
    if labelled is not None:
        return labelled
    if appendix:
        return StructureAsk(part, appendix=True, count=count, nth=nth, listing=listing)
    if part and (count or nth or listing):
        return StructureAsk(part, count=count, nth=nth, listing=listing)
    if re.search(r"\b(?:phan|muc)\b", folded) and (count or nth):
        return StructureAsk("", count=count, nth=nth, listing=listing)
    return None


# the nouns a plan numbers its lines with ("Chỉ tiêu 24: ..."), folded
_LABELS = r"(?:chi tieu|nhiem vu|giai phap|muc tieu)"
# all of them counted ("có tổng cộng bao nhiêu chỉ tiêu", "mấy chỉ tiêu?"), not those of a
# topic ("bao nhiêu chỉ tiêu về giáo dục")
_LABELS_COUNTED = re.compile(rf"\b(?:may|bao nhieu) (?P<label>{_LABELS})(?= *(?:[,;.?!]|$| va\b))")
_LABEL_ORDINAL = re.compile(
    rf"\b(?P<label>{_LABELS}) (?:thu (?P<n>{vocab.ORDINAL_WORDS}"
    r"|\d{1,2})|(?P<last>cuoi cung|sau cung))\b(?! (?:trong|cua) (?:so )?(?:do|nay|tren)\b)"
)

# what the item says ("... là gì", "nói về gì", "đề cập đến việc gì"), right after it
_WHAT_IT_SAYS = re.compile(
    r"(?: \S+){0,6}? (?:la gi|noi (?:ve )?(?:gi|nhung gi|viec gi|van de gi)"
    r"|de cap (?:den )?(?:gi|viec gi|van de gi)|ve (?:viec|van de|noi dung) gi)\b"
)


def _label_asked(folded: str) -> StructureAsk | None:
    """A count of the lines a plan numbers with a label ("tổng cộng bao nhiêu chỉ tiêu"),
    or one of them by its rank ("chỉ tiêu cuối cùng", not "chỉ tiêu cuối cùng trong số đó",
    which points back at an answer)."""
    counted = _LABELS_COUNTED.search(folded)
    ranked = _LABEL_ORDINAL.search(folded)
    if ranked is not None and not counted and not _WHAT_IT_SAYS.match(folded[ranked.end() :]):
        ranked = None  # "chỉ tiêu cuối cùng do ai thực hiện": its holder, not its text
    if counted is None and ranked is None:
        return None
    nth = 0
    if ranked is not None:
        n = ranked.group("n")
        nth = -1 if ranked.group("last") else (int(n) if n.isdigit() else _ORDINALS[n])
    label = (counted or ranked).group("label")  # type: ignore[union-attr]
    return StructureAsk(label=label, count=counted is not None, nth=nth)
