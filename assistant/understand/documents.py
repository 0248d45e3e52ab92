"""References to documents other than the indexed plans ("Chỉ thị 23", "Quyết định số
649/QĐ-UBND", "quyết định số mấy", "quyết định về đội ngũ cộng tác viên").

A date or number asked about such a document is that document's, stated where a plan cites
it ("theo Quyết định số 649/QĐ-UBND ngày 5/2/2015"), not the plan's own date and number.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from assistant.text import fold_diacritics, typed_with_marks
from assistant.understand import vocab
from assistant.understand.intents import phone_framed

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
    # a year is no number ("quyết định 2015"), unless "số" says it is ("số 2060")
    numbered = re.compile(
        rf"{head}\s+(?:so\s+)?(?:(?<=so )|(?!(?:19|20)\d\d\b))(\d{{1,5}})(?=[/\-\s,.?]|$)"
    )
    # named without its number: the number asked, or the document named by its subject
    # a law or convention named by its name ("Luật Trẻ em") is one too
    unnumbered = re.compile(
        rf"{head}\s+(?:{vocab.NUMBER_ASKED}|ve\s+\w)|(?<!phap )\b(bo luat|luat|cong uoc)"
        rf"(?! su\b)\s+[a-z]+\s+[a-z]+"
    )
    return numbered, unnumbered


_SHORT = re.compile(
    rf"(?<![\w/&.-])({'|'.join(vocab.CITED_SHORT)})\s+(?:so\s+)?(\d{{1,5}})(?=[/\-\s,.?]|$)"
)
# a document's code in a passage: "2361/QĐ-TTg", "28-CT/TW" (folded)
_CODE = re.compile(rf"\b(\d{{1,5}})(?:/(?:(?:19|20)\d\d/)?|-)({'|'.join(vocab.CITED_SHORT)})\b[/-]")


def cited_in(folded_texts: Iterable[str]) -> frozenset[tuple[str, str]]:
    """Every document the folded passages cite, as (folded kind, number): "Quyết định số
    2361/QĐ-TTg" → ("quyet dinh", "2361"), "28-CT/TW" → ("chi thi", "28")."""
    numbered, _ = _patterns()
    found: set[tuple[str, str]] = set()
    for text in folded_texts:
        found.update((m.group(1), m.group(2)) for m in numbered.finditer(text))
        found.update((vocab.CITED_SHORT[m.group(2)], m.group(1)) for m in _CODE.finditer(text))
    return frozenset(found)


def cited_documents(
    folded: str, plan_numbers: Collection[str], cited: Collection[tuple[str, str]] = ()
) -> list[CitedDocument]:
    """The documents other than the indexed plans that the folded question names: a kind
    with a number no plan has, or a kind (not "kế hoạch") whose number is asked or whose
    subject follows ("quyết định về ..."). ``cited``: the documents the plans cite
    (``cited_in``), by which a kind typed short is read ("qd 2361", "ct 23": a decision
    and a directive the plans cite; "ct 2017" is Cần Thơ's plan of 2017)."""
    numbered, unnumbered = _patterns()
    out = [
        CitedDocument(m.group(1), m.group(2))
        for m in numbered.finditer(folded)
        if m.group(2) not in plan_numbers
    ]
    out += [
        CitedDocument(kind, m.group(2))
        for m in _SHORT.finditer(folded)
        if (kind := vocab.CITED_SHORT[m.group(1)], m.group(2)) in cited
        and m.group(2) not in plan_numbers
    ]
    out += [
        CitedDocument(m.group(1) or m.group(2), "")
        for m in unnumbered.finditer(folded)
        if m.group(1) != "ke hoach"
    ]
    return out


def written_out(
    text: str, plan_numbers: Collection[str], cited: Collection[tuple[str, str]]
) -> str:
    """``text`` with a kind typed short before a number the plans cite written in full ("nd
    56" → "nghi dinh 56", "kh 308" → "kế hoạch 308" in a text typed with marks), so both
    the keyword and the dense side read the document's kind as the plans write it. A
    number of an indexed plan or one no plan cites is left as typed ("ct 2017" is Cần
    Thơ's plan of 2017)."""
    folded = fold_diacritics(text)
    if len(folded) != len(text):
        return text  # offsets would not line up (a character that folds to two)
    marked = typed_with_marks(text)
    out = text
    for m in reversed(list(_SHORT.finditer(folded))):
        kind = vocab.CITED_SHORT[m.group(1)]
        if (kind, m.group(2)) not in cited or m.group(2) in plan_numbers:
            continue
        full = vocab.CITED_KIND_MARKED[kind] if marked else kind
        out = f"{out[: m.start(1)]}{full}{out[m.end(1) :]}"
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


@dataclass(frozen=True)
class OtherPlan:
    """A "kế hoạch" the question asks about that is not an indexed plan it names: one of
    the place's own ("kế hoạch riêng", "một kế hoạch khác"), another body's ("của Tỉnh ủy",
    "của UBND tỉnh Đồng Nai") or one on a topic the plan's title does not carry ("kế hoạch
    số mấy về bảo vệ trẻ em trên môi trường mạng" of a plan titled otherwise)."""

    start: int  # where its mention starts in the folded question
    end: int  # where the qualifier that makes it another document ends
    issuer: str  # the folded body or place named as its issuer ("tinh uy"); "" when none


_PLAN_MENTION = re.compile(r"\b(?:ke hoach|chuong trinh(?: phoi hop)?|de an)\b")
# "kế hoạch thực hiện chương trình ...": the programme describes the plan, not a document
_DESCRIBED = re.compile(r"\bke hoach(?:\s+(?:thuc hien|trien khai))+\s*$")
# the words naming a document by subject or period, up to its issuer or the number asked
_SUBJECT = re.compile(
    rf"^\s+((?:(?!cua\b|{vocab.NUMBER_ASKED}|ban hanh\b|ky\b|ngay\b|mang so\b)"
    # a subject may list with commas ("phòng, chống tai nạn, thương tích trẻ em")
    r"[a-z0-9]+\s*[-,]?\s*)+)"
)
_PERIOD = re.compile(r"\bgiai doan\s+((?:19|20)\d\d)\s*-\s*((?:19|20)\d\d)\b")
# what may stand between "kế hoạch" and its qualifier: the number asked, "nào", "đó"
_BETWEEN = rf"(?:\s+(?:{vocab.NUMBER_ASKED}|la|nao|do|duoc|da|ban hanh))*"
_OWN = re.compile(r"^\s+(?:nay\b|(?:so\s+)?\d)")  # "kế hoạch này", "kế hoạch (số) 1222"
_OTHER_WORD = re.compile(rf"^\s+(?:nao\s+)?(?:{'|'.join(vocab.OTHER_PLAN_WORDS)})\b")
_ISSUED_BY = re.compile(rf"^{_BETWEEN}\s+cua\s+([^,;.?!]+)")
_OTHER_ISSUER = re.compile(rf"^(?:{'|'.join(vocab.OTHER_ISSUERS)})\b")
_COMMITTEE = re.compile(
    r"^(?:ubnd|uy ban nhan dan|hdnd|hoi dong nhan dan)"
    r"(?:\s+(?:tinh|thanh pho|tp|huyen|quan|thi xa))?\s+"
)
_ABOUT = re.compile(rf"^{_BETWEEN}\s+ve\s+([^;.?!]+)")
# where a topic ends: at what asks ("..., ký ngày nào", "mang số mấy") or names the issuer
# (never a lone "mang" or "ky": "môi trường mạng", "thời kỳ")
_TOPIC_END = re.compile(
    rf",?\s+(?:{vocab.NUMBER_ASKED}|ky ngay|ngay|ban hanh|mang so|co|la|duoc|cua|nao|gi)\b"
    r"|,\s+\w+\s+nao\b"
)
# a topic with this share of its syllable pairs in a plan's title is that plan's own
TITLE_SHARE = 0.5


def _pairs(text: str) -> set[str]:
    syllables = re.findall(r"[a-z0-9]+", text)
    return {f"{a}_{b}" for a, b in pairwise(syllables)}


def _other_issuer(body: str, localities: Collection[str]) -> str:
    """The body after "của" when it is not the people's committee of a named plan's
    locality: a party committee, a ministry, the government ("tinh uy"), or the place of
    another committee ("dong nai"); "" when it is the plan's own issuer or unknown."""
    if m := _OTHER_ISSUER.match(body):
        return m.group(0)
    committee = _COMMITTEE.match(body)
    if committee is None:
        return ""
    where = body[committee.end() :]
    if any(where.startswith(place) for place in localities):
        return ""
    return next((p for p in vocab.PLACES if re.match(rf"{p}\b", where)), "")


def other_plan(
    folded: str, localities: Collection[str], titles: Collection[str]
) -> OtherPlan | None:
    """The first "kế hoạch" of the folded question that is a document other than the
    indexed plans it names (see ``OtherPlan``); None when each one is the plan itself.

    ``localities`` and ``titles``: the folded localities and titles of the plans the
    question names (of every plan when it names none). A plan's issuer is its locality's
    people's committee: "của UBND tỉnh Cao Bằng" is Cao Bằng's plan, "của UBND tỉnh Đồng
    Nai" not Long Khánh's. A numbered "kế hoạch 324" is for ``cited_documents``."""
    for m in _PLAN_MENTION.finditer(folded):
        tail = folded[m.end() :]
        if _OWN.match(tail):
            continue
        if q := _OTHER_WORD.match(tail):
            return OtherPlan(m.start(), m.end() + q.end(), "")
        if q := _ISSUED_BY.match(tail):
            if issuer := _other_issuer(q.group(1).strip(), localities):
                return OtherPlan(m.start(), m.end() + q.start(1) + len(issuer), issuer)
            continue
        if q := _ABOUT.match(tail):
            pairs = _pairs(_TOPIC_END.split(q.group(1), maxsplit=1)[0])
            if pairs and all(len(pairs & _pairs(t)) < TITLE_SHARE * len(pairs) for t in titles):
                return OtherPlan(m.start(), m.end() + q.end(), "")
            continue
        if m.group(0) != "ke hoach" and _DESCRIBED.search(folded[: m.start()]):
            continue
        if q := _SUBJECT.match(tail):
            # "kế hoạch phòng ngừa lao động trẻ em số mấy", "kế hoạch ... giai đoạn
            # 2016 - 2020 của Cần Thơ", "chương trình phối hợp về ...": a document named by
            # a subject or a period that no named plan's title carries
            subject = q.group(1).strip()
            period = _PERIOD.search(subject)
            if period and not any(
                re.search(rf"{period.group(1)}\s*-\s*{period.group(2)}", t) for t in titles
            ):
                return OtherPlan(m.start(), m.end() + q.end(), "")
            pairs = _pairs(_PERIOD.sub("", subject))
            if len(pairs) >= 2 and all(
                len(pairs & _pairs(t)) < TITLE_SHARE * len(pairs) for t in titles
            ):
                return OtherPlan(m.start(), m.end() + q.end(), "")
    return None


_DATE_ASKED = re.compile(r"\b(?:ngay|ban hanh|ky|hieu luc)\b")


def about_other_plan(
    intents: frozenset[str], folded: str, other: OtherPlan, own_number: str | None
) -> frozenset[str]:
    """The intents of a question about another plan (``other_plan``): the number and the
    date asked are that document's, stated where the plan cites it (``CITED``), and a
    number asked after no noun ("có kế hoạch riêng không, số mấy") is its number, not one
    to call. The date stays the plan's own when the question opens with the plan by its
    number (``own_number``) and asks the date apart from the other plan ("Kế hoạch 1222
    triển khai kế hoạch số mấy của Tỉnh ủy, và được ban hành ngày nào?")."""
    out = set(intents)
    if re.search(rf"\b{vocab.NUMBER_ASKED}\b", folded) and not phone_framed(folded):
        out -= {"phone", "phone_number"}
        out.add("number")
    asked = out & {"number", "date"}
    if not asked:
        return frozenset(out)
    out -= asked
    out.add(CITED)
    if "date" in asked:
        before, after = folded[: other.start], folded[other.end :]
        opened = own_number is not None and re.search(
            rf"\bke hoach (?:so )?{re.escape(own_number)}\b", before
        )
        later = _DATE_ASKED.search(after)
        apart = later is not None and re.search(r"[,;]|\bva\b", after[: later.start()])
        if opened and (_DATE_ASKED.search(before) or apart):
            out.add("date")
        else:
            out.add("day")
    return frozenset(out)


# verbs by which a document says or asks something ("Chỉ thị 30 yêu cầu ...")
_CONTENT_VERBS = r"(?:yeu cau|quy dinh|de ra|neu(?: ro)?|chi dao|huong dan|noi dung)"
# before a document's name: the plan implementing it or following it is what is asked about
_IMPLEMENTING = re.compile(r"\b(?:thuc hien|trien khai|theo|can cu|quan triet)\s*$")
_ASKING = re.compile(r"\b(?:gi|nao|ra sao|the nao|nhung gi)\b")
# who signed a cited document ("Quyết định 20/2022/QĐ-UBND do ai ký"): a plan citing it
# gives its number, date and title, never its signer
_SIGNER_ASKED = re.compile(
    r"^\S*(?:\s+\S+){0,4}?\s+(?:(?:do\s+)?(?:ai|nguoi nao|lanh dao nao)\s+(?:da\s+)?ky|nguoi ky)\b"
)


@dataclass(frozen=True)
class ContentAsked:
    """A cited document the question asks the content of, where it is named."""

    document: CitedDocument
    start: int  # its mention in the folded question
    end: int


def content_asked(folded: str, plan_numbers: Collection[str]) -> ContentAsked | None:
    """The cited document whose own content the question asks ("Chỉ thị 30-CT/TU ... yêu
    cầu cấp ủy làm gì", "nội dung của Quyết định 649 là gì"): the document is the subject
    of a verb of requiring or saying, or what "nội dung của" names. None for a question
    about the plan that implements or follows it ("Kế hoạch thực hiện Chỉ thị 28 nhằm mục
    đích gì", "theo Chỉ thị 23, ... làm gì")."""
    numbered, _ = _patterns()
    for m in numbered.finditer(folded):
        if m.group(2) in plan_numbers:
            continue
        before = folded[: m.start()]
        clause = re.split(r"[,;.?!]", folded[m.end() :])[0]
        if re.search(r"\bnoi dung(?: chinh)?(?: cua)?\s*$", before):
            verb = re.search(r"\bla\b", clause)  # "nội dung của Chỉ thị 30 là gì"
        elif _IMPLEMENTING.search(before):
            continue
        else:
            # the document's own verb, after at most its issuer ("của Ban Thường vụ ...")
            verb = re.match(rf"^\S*(?:\s+\S+){{0,10}}?\s+{_CONTENT_VERBS}\b", clause)
        if (verb and _ASKING.search(clause[verb.end() :])) or _SIGNER_ASKED.match(clause):
            return ContentAsked(CitedDocument(m.group(1), m.group(2)), m.start(), m.end())
    return None


def content_stated(number: str, folded_text: str) -> bool:
    """Whether a folded passage says what the document numbered ``number`` requires or
    states ("Chỉ thị 23 yêu cầu ..."), beyond citing its title ("Chỉ thị 23 ... về việc
    tăng cường ...")."""
    saying = rf"(?<![\d/]){re.escape(number)}\b([^.;\n]{{0,80}}?)\b{_CONTENT_VERBS}\b"
    # "... về việc ...": the title's subject, not what the document requires
    return any(not re.search(r"\bve\b", m.group(1)) for m in re.finditer(saying, folded_text))
