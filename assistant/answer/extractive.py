"""The default answerer: quotes whole units (bullets or sentences) of the cited passages,
grouped by plan, with [n] markers. It writes nothing that is not in a cited passage, apart
from plan labels and fixed connecting phrases.

Units are chosen by how close their meaning is to the question (their e5 vectors, stored
at ingest, against the one query vector of the request), with word overlap, the kind of
fact asked (a figure, a date) and the named agency as further signals. Whether to answer
at all is one calibrated decision (``answerability``); a question naming something no
cited passage contains is told what the plans do not say.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from itertools import pairwise
from typing import Literal

import numpy as np

from assistant.answer.answerability import Model, band, load_model
from assistant.index.units import UnitIndex, cited_targets, is_closing, target_number
from assistant.settings import AnswerSettings
from assistant.text import STOPWORDS, fold_diacritics, quotes_code, words
from assistant.types import SECTION_SEPARATOR, Answer, Chunk, Citation, DocumentMeta, SearchHit
from assistant.understand import vocab
from assistant.understand.agencies import AgencyMention, agency_keys, proper_name
from assistant.understand.documents import CITED, content_asked, content_stated
from assistant.understand.intents import (
    EVIDENCE,
    LIST_ASKED,
    VALUE_KINDS,
    framing_words,
    has_evidence,
    senses,
)
from assistant.understand.question import (
    RAREST,
    UNSEEN,
    Entity,
    Question,
    claim_predicate,
    claim_words,
    claims,
    compounds,
    everyday_said,
    folded_terms,
    values_in,
)

NO_ANSWER = (
    "Các kế hoạch hiện có không đề cập đến nội dung này, nên trợ lý không thể trả lời "
    "dựa trên văn bản. Hãy thử diễn đạt lại câu hỏi hoặc chọn một kế hoạch cụ thể."
)
OUT_OF_SCOPE_PLACE = (
    "Trợ lý chỉ có kế hoạch của {have}; không có văn bản nào của {place}, "
    "nên không thể trả lời câu hỏi này."
)
TRUNCATED_NOTE = (
    "Lưu ý: văn bản {label} bị cắt sau phần {last_part} (văn bản kết thúc bằng dấu [...]), "
    "không có các phần sau đó (tổ chức thực hiện, phân công nhiệm vụ), nên không biết kế "
    "hoạch này quy định gì về nội dung được hỏi."
)
NOT_SAID = {
    "agency": "Các kế hoạch không giao nhiệm vụ nào cho {text} và không nhắc đến cơ quan này.",
    "person": "Các kế hoạch không nêu tên người giữ chức vụ nào (ngoài người ký văn bản).",
    "named_person": (
        "Các kế hoạch chỉ nêu tên người ký văn bản; không nói gì về {text} ngoài việc ký "
        "(nếu có), nên không trả lời được câu hỏi về người này."
    ),
    "money": "Các kế hoạch không nêu số tiền cụ thể nào về nội dung này.",
    "year": "Các kế hoạch không nêu nội dung được hỏi cho năm {text}.",
    "number": "Các kế hoạch không nhắc đến văn bản số {text}.",
    "legal": "Các kế hoạch không trích dẫn quy định nào của {text} về nội dung này.",
    "phone": "Các kế hoạch không nêu số điện thoại cho nội dung này.",
    "figure": 'Các kế hoạch không nêu "{text}" cho nội dung này.',
    "code": "Các kế hoạch không nhắc đến số {text}.",
    "issuer": 'Các kế hoạch không dẫn văn bản nào của "{text}" về nội dung này.',
    "place": "Các kế hoạch không nêu nội dung này cho {text}.",
    "effective": "Các kế hoạch không nêu ngày có hiệu lực của văn bản được hỏi.",
    "district": (
        "Các kế hoạch không nhắc đến {text}, nên không có nội dung riêng cho địa bàn này "
        "(chỉ có nhiệm vụ chung giao cho các quận, huyện, xã, phường, nếu có)."
    ),
}
# facts that must stand in the unit about the asked subject, not anywhere in the passage
UNIT_FACTS = frozenset({"figure", "money", "phone_number", "day", *VALUE_KINDS})
# values that must stand in the plan's one unit plainly about the subject, when there is one
ANCHORED = frozenset({"figure", *VALUE_KINDS})
VALUE_NOT_SAID = "Các kế hoạch không nêu {kind} cho nội dung này."
KEYED_FACTS = frozenset({"figure", "money"})  # a number about a subject the key names
KEY_MIN_WEIGHT = 2.5  # a word in fewer than about 1 passage in 12 names a subject
ISSUER_CHARS = 60  # a cited document's issuer follows its date within this many characters
KEPT_SUBJECT = 0.5  # a unit covering this much of the subject, with the fact, answers
SUBJECT_SHARE = 0.6  # a unit this close to the best word coverage speaks of the subject
SUBJECT_LEAD = 0.1  # a unit covering this much more of the subject than any other is about it
# A group the plans name in nearly every passage ("trẻ em") is narrowed by the rare words
# that follow it ("trẻ em gái", "trẻ em dân tộc thiểu số"): a value of the whole group does
# not answer for the narrower one.
GROUP_WEIGHT = 0.5  # a syllable pair this common names a group, not a subject of its own
QUALIFIER_WEIGHT = 1.8  # a syllable in fewer than about 1 passage in 6 narrows the group
QUALIFIER_SPAN = 3  # syllables after the group read as its qualifier
VALUED_FACTS = frozenset({"figure", "money", *VALUE_KINDS})  # values of a group
# the kinds of date a plan gives for an event ("báo cáo ... trước ngày 15/12"): the unit
# giving it must speak of the event asked ("sơ kết 6 tháng", "hết hiệu lực")
DATE_FACTS = frozenset({"deadline", "day", "month"})
EVENT_SPAN = 3  # the question's topic syllables before its date question name the event
PREDICATE_SHARE = 0.5  # of a yes/no predicate's weighted terms, in the cited passages
# The user's own words are echoed in straight quotes: curly quotes (“ ”) mark only text
# quoted verbatim from a plan, which the quote-faithfulness check holds to the cited passages.
PREDICATE_NOT_SAID = 'Các kế hoạch không nói gì về "{text}" trong nội dung được hỏi.'
# a plan's footnotes and list of recipients: references to other documents
REFERENCE_SECTIONS = ("Chú thích", "Nơi nhận")
# facts whose absence from an agency's items is plain (not "tỷ lệ" in a duties question)
HARD_FACTS = frozenset(
    {"phone_number", "phone", "day", "money", "clock", "duration", "percent", "month"}
)
NOT_SAID_FACT = {
    "phone_number": "Các kế hoạch không nêu số điện thoại của {agency}.",
    "phone": "Các kế hoạch không nêu số điện thoại của {agency}.",
    "day": "Các kế hoạch không nêu ngày hay thời hạn nào cho {agency} về nội dung này.",
    "money": "Các kế hoạch không nêu số tiền nào cho {agency}.",
    "clock": "Các kế hoạch không nêu giờ giấc (mấy giờ) nào của {agency}.",
    "duration": (
        "Các kế hoạch không nêu thời gian (số ngày, tháng) nào cho {agency} về nội dung này."
    ),
    "percent": "Các kế hoạch không nêu tỷ lệ phần trăm nào cho {agency} về nội dung này.",
    "month": "Các kế hoạch không nêu tháng cụ thể nào cho {agency} về nội dung này.",
    "counted": 'Các kế hoạch không nêu số "{counted}" nào của {agency}.',
    "deadline": "Các kế hoạch không nêu thời điểm hay thời hạn nào cho {agency} về nội dung này.",
}
COUNT_NOT_SAID = 'Các kế hoạch không nêu số "{counted}" cho nội dung này.'
AGENCY_NOT_ASSIGNED = "{label} không có mục giao nhiệm vụ riêng cho {agency}."
PROPERTY_NOT_SAID = 'Các kế hoạch không nêu "{text}" của {agency}.'
# what a numbered target named outright must state when asked (a kind of value → its name;
# not "figure", which "chỉ tiêu 6 là gì" carries by its noun alone)
TARGET_VALUES: dict[str, str] = {"deadline": "thời hạn (năm) phải đạt", **VALUE_KINDS}
TARGET_VALUE_NOT_SAID = "{label}: chỉ tiêu {number} không nêu {kind}."
TARGETS_NOT_ASSIGNED = "{label} không giao chỉ tiêu đánh số nào cho {agency}."
CITED_ONLY = "{label} chỉ dẫn {document}, không nêu nội dung của văn bản này."
TARGET_NOT_CITED = "{label} không giao chỉ tiêu {number} cho {agency}."
TARGET_HELD_BY = "Chỉ tiêu {number} được giao cho: {agencies}."
# Lists of recipients and references rarely answer a question about the plan's content.
PERIPHERAL_SECTIONS = ("Nơi nhận", "Chú thích", "Phần mở đầu")
SINGLE_PLAN_CHARS = 440  # quoted characters for a one-plan answer (whole units: may exceed)
MULTI_PLAN_CHARS = 320  # per plan when several plans are quoted
AGENCY_DUTIES_FACTOR = 2.5  # an agency's duties take more room than one fact
CLOSING_FACTOR = 0.3  # the plan's closing formula is quoted only when nothing else fits
EVIDENCE_BONUS = 0.3  # a unit holding the kind of fact asked (a figure, a date)
ANCHOR_BONUS = 0.2  # a unit holding all of the question's rare subject words
ANCHOR_RELEVANCE = 0.2  # a passage with such a unit, against passages without
BROAD_CHARS = 1300  # quoted characters for a one-plan answer to a broad question
BROAD_UNITS = 8  # most units quoted from one section for a broad question
# a section whose heading names the question's topic ("IV. KINH PHÍ THỰC HIỆN" for "tiền
# lấy ở đâu") is where a plan answers it: headings are the plan's own index
HEADING_WEIGHT = 0.4
NAMED_FLOOR = 0.5  # with several plans named, each one's best passage this close is quoted
WHO_FLOOR = 0.75  # "which agency": others quoted when this close to the best assignment
TOPIC_HEADING = 0.8  # a section headed by (nearly) all of the question's topic terms
# what asks for one fact rather than a range
FACT_INTENTS = frozenset(
    {"figure", "deadline", "day", "phone", "phone_number", "money", "procedure", *VALUE_KINDS}
)
BRIEF_UNITS = 2  # units per passage, and passages, in one part of a several-part answer
BRIEF_LIST_CHARS = 200  # room for the list a brief answer's unit opens, beyond its budget
OUTLINE_MIN_ITEMS = 3  # a part with fewer items is quoted, not outlined
OUTLINE_MAX_ITEMS = 8
OUTLINE_MIN_MATCH = 0.15  # share of the question's terms a part's heading must hold


_ITEM_TITLE = re.compile(r"^\d{1,2}\.\s+\S")  # "4. Xây dựng ...": an item's numbered title
_ITEM_START = re.compile(r"^(?:[-+•]\s|[a-zđ]\)\s|\d{1,2}\.\s)")  # a new bullet or item


def overlap(
    text: str,
    terms: frozenset[str],
    weights: Mapping[str, float] | None = None,
    unseen: str = UNSEEN,
    syllables: Callable[[str], frozenset[str]] = folded_terms,
) -> float:
    """Share of topic terms (syllables, and syllable pairs counted as much) in ``text``,
    each term weighted by how telling it is (``weights``: inverse document frequency; a
    term no passage has weighs ``weights[unseen]``). ``syllables``: the text's terms in
    the form of ``terms`` (``Question.syllables``; default folded)."""
    if not terms:
        return 0.0
    have = syllables(text)
    missing = weights.get(unseen, 1.0) if weights else 1.0

    def share(items: list[str]) -> float:
        if not weights:
            return sum(t in have for t in items) / len(items)
        w = [weights.get(t, missing) for t in items]
        total = sum(w)
        return sum(x for t, x in zip(items, w, strict=True) if t in have) / total if total else 0.0

    singles = [t for t in terms if "_" not in t]
    pairs = [t for t in terms if "_" in t]
    single = share(singles) if singles else 0.0
    if not pairs:
        return single
    return 0.5 * single + 0.5 * share(pairs)


def grounded(entity: Entity, text: str) -> bool:
    """Whether a passage contains what the question names."""
    if entity.kind in ("person", "named_person"):
        return False  # the plans name no official but their signer, and only as signer
    if entity.kind in EVIDENCE:
        return bool(EVIDENCE[entity.kind].search(text))
    return bool(re.search(rf"\b{re.escape(entity.text)}\b", fold_diacritics(text)))


@dataclass(frozen=True)
class Unit:
    text: str
    position: int
    score: float
    similarity: float
    lexical: float
    subject: float = 0.0  # share of the asked subject's words (no years, no numbers)
    anchor: float = 0.0  # share of the question's rare subject words (``telling_topic``)


def unit_score(similarity: float, lexical: float) -> float:
    """How close a unit is to the question: its meaning (e5) and its words."""
    return 0.55 * band(similarity, 0.80, 0.90) + 0.45 * lexical


def best_unit(
    chunks: list[Chunk], question: Question, units: UnitIndex, vector: np.ndarray | None
) -> tuple[str, Chunk] | None:
    """The unit of ``chunks`` closest to the question, with its chunk."""
    best = _closest_unit(chunks, question, units, vector)
    return (best[1], best[2]) if best else None


def unit_closeness(
    chunks: list[Chunk], question: Question, units: UnitIndex, vector: np.ndarray | None
) -> float:
    """How close the closest unit of ``chunks`` is to the question (0 for no unit)."""
    best = _closest_unit(chunks, question, units, vector)
    return best[0] if best else 0.0


def _closest_unit(
    chunks: list[Chunk], question: Question, units: UnitIndex, vector: np.ndarray | None
) -> tuple[float, str, Chunk] | None:
    best: tuple[float, str, Chunk] | None = None
    need = frozenset(i for i in question.intents if i in EVIDENCE)
    for chunk in chunks:
        items = units.units(chunk)
        sims = units.similarity([row for _, row in items], vector)
        for (text, _), sim in zip(items, sims, strict=True):
            lexical = overlap(
                text, question.quote_terms, question.weights, syllables=question.syllables
            )
            score = unit_score(float(sim), lexical)
            if need and has_evidence(need, text, question.counted):
                score += EVIDENCE_BONUS
            if is_closing(text):
                score *= CLOSING_FACTOR
            if best is None or score > best[0]:
                best = (score, text, chunk)
    return best


def score_units(
    hit: SearchHit,
    question: Question,
    units: UnitIndex,
    vector: np.ndarray | None,
    anchors: frozenset[str] | None = None,
) -> list[Unit]:
    """Every unit of a passage, scored against the question (``anchors``: its rare subject
    words the plans use, ``telling_topic``, computed when not given): a unit holding them
    speaks of what is asked ("đuối nước"), where one holding only common plan words ("trẻ
    em", "thực hiện") may speak of anything."""
    items = units.units(hit.chunk)
    if not items:
        return []
    anchors = telling_topic(question) if anchors is None else anchors
    sims = units.similarity([row for _, row in items], vector)
    need = [i for i in question.intents if i in EVIDENCE]
    agency_words = proper_name(question.agency.mention).split() if question.agency else []
    # the subject asked about, without the year or number that only frames it ("năm 2025"
    # is in every target of a list)
    subject_terms = frozenset(t for t in question.quote_terms if not re.search(r"\d", t))
    if question.intents & ANCHORED:
        # nor the words every target moves by ("giảm xuống", "tăng lên", "đạt"): they are in
        # every line of a list of targets, they do not tell one subject from another
        subject_terms = frozenset(
            t
            for t in subject_terms
            if not all(s in vocab.TARGET_MOVES for s in question.folded_term(t).split("_"))
        )
    out = []
    for pos, ((text, _), sim) in enumerate(zip(items, sims, strict=True)):
        lexical = overlap(
            text, question.quote_terms, question.weights, syllables=question.syllables
        )
        score = unit_score(float(sim), lexical)
        if need and has_evidence(frozenset(need), text, question.counted):
            score += EVIDENCE_BONUS
        if agency_words and " ".join(agency_words) in fold_diacritics(text):
            score += 0.15  # the named agency's own bullet in a shared section
        anchor = (
            overlap(text, anchors, question.weights, syllables=question.syllables)
            if anchors
            else 0.0
        )
        score += ANCHOR_BONUS * anchor
        if is_closing(text):
            score *= CLOSING_FACTOR
        subject = overlap(text, subject_terms, question.weights, syllables=question.syllables)
        out.append(Unit(text, pos, score, float(sim), lexical, subject, anchor))
    return out


def unseen_share(question: Question) -> float:
    """Share of the question's word pairs that no passage of the index contains ("điểm
    chuẩn", "tuyển sinh"): a question in words the plans never use is rarely answered."""
    pairs = [t for t in question.quote_terms if "_" in t]  # everyday words mapped count
    if not pairs or not question.weights:
        return 0.0
    return sum(t not in question.weights for t in pairs) / len(pairs)


def _evidence(
    need: frozenset[str],
    section: str,
    text: str,
    scored: list[Unit],
    subject: float | None = None,
    key: str | None = None,
    counted: str | None = None,
    syllables: Callable[[str], frozenset[str]] = folded_terms,
    anchor: str | None = None,
    qualifier: frozenset[str] = frozenset(),
    event: frozenset[str] = frozenset(),
) -> float:
    """1 when the passage holds the kind of fact asked where it speaks of what is asked.

    A figure, an amount, a phone number or a day must stand in a unit about the asked
    subject: one whose words cover the subject (the question's topic words, years and
    numbers aside) nearly as well as the best unit does, or the unit closest in meaning
    when it covers the subject at least in part. "Bao nhiêu trẻ em bị xâm hại" is not
    answered by the percentage of another target in the same list. ``subject`` is the
    best coverage of any unit among the candidates (default: this passage's own best);
    ``counted``: what a "how many" question counts (``intents.counted_noun``).

    ``anchor``: the plan's one unit about the subject (see ``subject_anchors``). A kind
    of value asked (a percentage, hours, a duration, an amount) must be shown there too:
    "giảm tỷ lệ lao động trẻ em xuống bao nhiêu phần trăm" of a target that says only
    "giảm dần" is not answered by the next target's figures.

    ``qualifier``: the rare words narrowing the asked group (``narrowing_words``), which
    the unit with the value must hold: the share of all children heard does not answer
    "bao nhiêu phần trăm trẻ em gái". ``event``: the folded words naming the event a
    date is asked for (``event_words``), which the unit giving the date must hold: "báo cáo
    định kỳ hàng năm trước ngày 15/12" does not answer "báo cáo sơ kết 6 tháng trước ngày
    nào", nor "Ngày có hiệu lực" "hết hiệu lực vào năm nào"."""
    if anchor is not None and need & ANCHORED and not has_evidence(need, anchor, counted):
        return 0.0  # shown there, it must still be where the subject's words are (below)
    if not has_evidence(need, text, counted):
        return 0.0
    if need & UNIT_FACTS and CITED not in need and section.startswith(REFERENCE_SECTIONS):
        return 0.0  # the dates and numbers of a list of cited documents answer nothing asked
    if event and need & DATE_FACTS:
        # the date must stand where the asked event is named (the unit or its heading)
        dated = [u.text for u in scored] or [text]
        if not any(
            has_evidence(need, t, counted) and event <= folded_terms(f"{section}\n{t}")
            for t in dated
        ):
            return 0.0
    if not need & UNIT_FACTS or not scored:
        return 1.0
    best_subject = max(u.subject for u in scored) if subject is None else subject
    closest = max(scored, key=lambda u: u.similarity)
    about = [u for u in scored if u.subject >= SUBJECT_SHARE * best_subject]
    if subject is None or closest.subject >= SUBJECT_SHARE * 0.5 * subject:
        about.append(closest)
    if key:
        # the subject's most telling word must be where the figure is ("biết bơi" is not
        # in any target, so no target's percentage answers "bao nhiêu % trẻ biết bơi")
        about = [u for u in about if key in syllables(f"{section}\n{u.text}")]
    if qualifier:
        # a value of the whole group is no value of the narrower one ("trẻ em gái")
        about = [u for u in about if qualifier <= syllables(f"{section}\n{u.text}")]
    return float(any(has_evidence(need, u.text, counted) for u in about))


def _topic_syllables(question: Question) -> dict[str, str]:
    """The question's single-syllable topic terms by their folded form."""
    return {
        question.folded_term(t): t for t in question.terms | question.quote_terms if "_" not in t
    }


def narrowing_words(question: Question) -> frozenset[str]:
    """For a value asked (a figure, a percentage, an amount: ``VALUED_FACTS``), the rare
    words that narrow the group it is asked of, in the question's term form: the
    syllables directly after a pair of words the plans use in nearly every passage (weight
    ``GROUP_WEIGHT`` or less: "trẻ em"), up to ``QUALIFIER_SPAN`` of them until a word
    that is no topic term or frames the question, of which those rarer than
    ``QUALIFIER_WEIGHT`` ("gái" of "trẻ em gái"; "tộc", "thiểu" of "trẻ em dân tộc thiểu
    số"). Words the plans never use are left out: they may be everyday words for the
    plans' own."""
    if not question.intents & VALUED_FACTS:
        return frozenset()
    topic = _topic_syllables(question)
    terms = question.terms | question.quote_terms
    weights = question.weights
    framing = framing_words(senses(question.standalone))  # "trước ngày" frames, not narrows
    seq = [topic.get(fold_diacritics(w)) for w in words(question.standalone)]
    out: set[str] = set()
    for i in range(len(seq) - 1):
        a, b = seq[i], seq[i + 1]
        pair = f"{a}_{b}"
        if a is None or b is None or pair not in terms:
            continue
        if weights.get(pair, math.inf) > GROUP_WEIGHT:
            continue
        for term in seq[i + 2 : i + 2 + QUALIFIER_SPAN]:
            if term is None or re.search(r"\d", term) or question.folded_term(term) in framing:
                break
            if weights.get(term, 0.0) >= QUALIFIER_WEIGHT:
                out.add(term)
    return frozenset(out)


def event_words(question: Question) -> frozenset[str]:
    """For a date asked ("trước ngày nào", "vào năm nào"), the folded words the unit
    giving it must hold, from the clause before the date question (or after it, when it
    opens the clause): the period the question states ("6 tháng", "hằng quý": a report
    of another cycle has another deadline) and the words of its last ``EVENT_SPAN`` topic
    syllables that no plan uses ("hết" of "hết hiệu lực": no plan says when it ends).
    Words the plans use are left to the usual checks (the plans say "báo cáo ... Sở"
    where the asker says "báo cáo lên Sở"), as are verbs of handing over ("nộp", "gửi"
    báo cáo: the same report, whatever the verb) and the dates of cited documents."""
    need = question.intents & DATE_FACTS
    if not need or CITED in question.intents:
        return frozenset()
    asked = re.compile(
        "|".join(rf"\b(?:{p})(?![a-z0-9])" for i in sorted(need) for p in vocab.INTENTS[i])
    )
    m = asked.search(question.folded)
    if m is None:
        return frozenset()
    topic = _topic_syllables(question)
    framing = framing_words(senses(question.standalone))
    handing = {w for verb in (*vocab.OBTAIN_VERBS, *vocab.PREPARE_VERBS) for w in verb.split()}

    def naming(clause: str) -> set[str]:
        named = [
            w
            for w in clause.split()
            if w in topic
            and w not in STOPWORDS
            and w not in framing
            and w not in handing
            and not re.search(r"\d", w)
        ][-EVENT_SPAN:]
        # a word no plan uses, before one they do, changes the event ("hết hiệu lực"); one
        # closing the clause is the asker's own ("đặt mốc năm nào", "khác nhau")
        said = clause.split()
        unseen = {
            w
            for w, after in pairwise(said)
            if w in named
            and topic[w] not in question.weights
            and after in topic
            and topic[after] in question.weights
        }
        return unseen | {p.group(1) or p.group(2) for p in _PERIOD.finditer(clause)}

    before = naming(re.split(r"[,;.?!:]", question.folded[: m.start()])[-1])
    return frozenset(before or naming(re.split(r"[,;.?!:]", question.folded[m.end() :])[0]))


# a period stated: "6 tháng", "hằng quý", "mỗi năm", "quý II" (folded)
_PERIOD = re.compile(r"\b(?:\d+|hang|moi|dinh ky) (thang|quy|nam|tuan)\b|\b(quy) (?:[iv]+|\d)\b")


def item_lines(texts: list[str], at: int) -> list[str]:
    """The unit ``texts[at]`` with the lines that go on from it until the next target or
    item: a target broken over two lines ("Chỉ tiêu 6: Loại trừ lây truyền" / "HIV từ mẹ
    sang con ...") is one."""
    lines = [texts[at]]
    for rest in texts[at + 1 :]:
        if target_number(rest) is not None or _ITEM_START.match(rest):
            break
        lines.append(rest)
    return lines


def subject_anchors(
    scored_hits: list[tuple[SearchHit, list[Unit]]], lead_only: bool = False
) -> dict[str, str]:
    """For each plan, its unit about the asked subject when one is plain: the unit that
    covers the subject's words best is also the one closest to the question by meaning
    and words together (``unit_score``; a list of cited documents aside), or covers them
    ``SUBJECT_LEAD`` better than any other unit, with the rest
    of it when it goes on over the next line ("Chỉ tiêu 6: Loại trừ lây truyền" / "HIV
    từ mẹ sang con ..."). Plans where the two differ have none. ``lead_only``: only a unit
    plainly ahead on the subject's words (a figure asked, whose evidence is any number)."""
    by_plan: dict[str, list[tuple[Unit, list[Unit]]]] = {}
    for hit, scored in scored_hits:
        if hit.chunk.section.startswith(REFERENCE_SECTIONS):
            continue
        for unit in scored:
            by_plan.setdefault(hit.chunk.document_id, []).append((unit, scored))
    anchors: dict[str, str] = {}
    for plan, items in by_plan.items():
        by_subject = max(items, key=lambda us: (us[0].subject, us[0].similarity))
        closest = max(items, key=lambda us: unit_score(us[0].similarity, us[0].lexical))
        top = by_subject[0].subject
        runner_up = max((u.subject for u, _ in items if u is not by_subject[0]), default=0.0)
        # plainly ahead on the subject's words ("lao động trẻ em" of chỉ tiêu 10), it is the
        # unit about the subject even where another is closer by meaning and words together
        ahead = top >= KEPT_SUBJECT and top - runner_up >= SUBJECT_LEAD
        if (by_subject[0] is not closest[0] and not ahead) or top <= 0.0:
            continue
        if lead_only and not ahead:
            continue
        unit, scored = by_subject
        anchors[plan] = "\n".join(item_lines([u.text for u in scored], unit.position))
    return anchors


def subject_key(question: Question, hits: list[SearchHit]) -> str | None:
    """For a figure asked about a subject: the subject's most telling word when no passage
    found contains it ("bao nhiêu % trẻ em biết bơi" of a plan that never says "bơi"), so
    that no figure of another subject answers. None for "which agency ..." (the figure
    is not what is asked) and when some passage has the word (the usual units decide)."""
    need = frozenset(i for i in question.intents if i in EVIDENCE)
    if not need & KEYED_FACTS or "who" in question.intents:
        return None
    key = key_term(question)
    if key is None or any(
        key in question.syllables(f"{h.chunk.section}\n{h.chunk.text}") for h in hits
    ):
        return None
    return key


def key_term(question: Question) -> str | None:
    """The question's most telling topic word that the plans use (highest inverse
    document frequency among its single syllables, numbers aside), when it is rare enough
    to name the subject; words no plan uses are left out (they may be everyday words for
    the plans' own)."""
    weights = question.weights
    framing = framing_words(senses(question.standalone))  # "phần trăm" is no subject
    seen = [
        (weights[t], t)
        for t in question.terms
        if "_" not in t
        and not re.search(r"\d", t)
        and t in weights
        and question.folded_term(t) not in framing
    ]
    if not seen:
        return None
    weight, term = max(seen)
    return term if weight >= KEY_MIN_WEIGHT else None


def hit_features(
    hit: SearchHit,
    question: Question,
    scored: list[Unit],
    agency_match: bool,
    subject: float | None = None,
    key: str | None = None,
    anchor: str | None = None,
    qualifier: frozenset[str] = frozenset(),
    event: frozenset[str] = frozenset(),
) -> dict[str, float]:
    """The answerability features of one candidate passage (``key``: a word the unit
    with the figure asked must hold, see ``subject_key``; ``anchor``: the plan's unit
    about the subject, see ``subject_anchors``; ``qualifier`` and ``event``: words the
    unit with the value or the date must hold, see ``narrowing_words``, ``event_words``)."""
    text = f"{hit.chunk.section}\n{hit.chunk.text}"
    best = max(scored, key=lambda u: u.score) if scored else None
    need = frozenset(i for i in question.intents if i in EVIDENCE)
    return {
        "dense": band(hit.dense_score),
        "keyword": hit.keyword_score,
        "unit": band(max((u.similarity for u in scored), default=0.0), 0.80, 0.92),
        # words the plans never use count against answering (as the rarest words)
        "coverage": overlap(
            text, question.quote_terms, question.weights, RAREST, question.syllables
        ),
        "heading": overlap(
            _heading_topic(hit.chunk, question),
            question.quote_terms,
            question.weights,
            syllables=question.syllables,
        ),
        "unit_coverage": best.lexical if best else 0.0,
        "grounded": float(all(grounded(e, text) for e in question.entities)),
        "evidence": _evidence(
            need,
            hit.chunk.section,
            hit.chunk.text,
            scored,
            subject,
            key,
            question.counted,
            question.syllables,
            anchor,
            qualifier,
            event,
        )
        if need
        else 0.5,
        "agency": float(agency_match),
        "plan": float(bool(question.plans)),
        "terms": math.log1p(len(question.terms)),
        "unseen": unseen_share(question),
    }


def _heading_topic(chunk: Chunk, question: Question) -> str:
    """The section heading as a statement of topic: an assignment's heading is an agency's
    name, which says what the section is about only to a question about an agency ("lao
    động trẻ em" is not the subject of "Sở Lao động - Thương binh và Xã hội")."""
    if chunk.agency and not question.agency_keys and "who" not in question.intents:
        return chunk.section.replace(chunk.agency, " ")
    return chunk.section


def relevance(features: dict[str, float], section: str) -> float:
    """How well a passage answers, for ranking candidates against each other."""
    r = (
        0.35 * features["coverage"]
        + 0.25 * features["dense"]
        + 0.15 * features["keyword"]
        + 0.25 * features["unit"]
        + 0.5 * features["agency"]
        + HEADING_WEIGHT * features["heading"]
    )
    if features["evidence"] == 0.0:
        r *= 0.5
    if section.startswith(PERIPHERAL_SECTIONS):
        r *= 0.6
    return r


@dataclass(frozen=True)
class Candidate:
    hit: SearchHit
    units: list[Unit]
    features: dict[str, float]
    relevance: float


# "Ngoài ngân sách, ... từ đâu", "ngoài việc bố trí kinh phí thì còn ...": what follows
# "ngoài" (besides) up to the comma or "ra"/"thì"/"còn" is what the asker already knows and
# sets aside; "ngoài ra" (moreover) and "nước ngoài", "bên ngoài" (abroad, outside) set
# nothing aside. Folded text.
_SET_ASIDE = re.compile(
    r"(?<!\bnuoc )(?<!\bben )\bngoai (?!ra\b)((?:\w+ ){0,5}?\w+)(?=\s*(?:,|\bra\b|\bthi\b|\bcon\b))"
)


def set_aside_terms(question: Question) -> frozenset[str]:
    """The question's quote terms that only name what it sets aside ("Ngoài ngân sách, Hà
    Nội huy động nguồn lực từ đâu": "ngân sách"), with "ngoài" itself: a unit is not
    closer to what is asked for holding them, it more likely restates what is set aside."""
    m = _SET_ASIDE.search(question.folded)
    if not m:
        return frozenset()
    aside = {"ngoai", *m.group(1).split()}
    return frozenset(
        t
        for t in question.quote_terms
        if all(s in aside for s in question.folded_term(t).split("_"))
    )


def without_set_aside(question: Question) -> Question:
    """``question`` with the terms of what it sets aside left out of its quote terms, for
    choosing the passages and units to quote (see ``set_aside_terms``)."""
    aside = set_aside_terms(question)
    if not aside or aside >= question.quote_terms:
        return question
    return replace(question, quote_terms=question.quote_terms - aside)


def _candidates(
    question: Question,
    hits: list[SearchHit],
    units: UnitIndex,
    vector: np.ndarray | None,
) -> list[Candidate]:
    wanted = question.agency_keys
    anchors = telling_topic(question)
    scored_hits = [(hit, score_units(hit, question, units, vector, anchors)) for hit in hits]
    # how well the question's words are matched by the best unit anywhere: the subject
    subject = max((u.subject for _, scored in scored_hits for u in scored), default=0.0)
    key = subject_key(question, hits)
    # the unit about the subject in each plan, which must show the kind of value asked
    about = (
        subject_anchors(scored_hits, lead_only=not question.intents & VALUE_KINDS.keys())
        if question.intents & ANCHORED
        else {}
    )
    qualifier = narrowing_words(question)
    event = event_words(question)
    out = []
    for hit, scored in scored_hits:
        match = bool(wanted and hit.chunk.agency and agency_keys(hit.chunk.agency) & wanted)
        anchor = about.get(hit.chunk.document_id)
        features = hit_features(
            hit, question, scored, match, subject, key, anchor, qualifier, event
        )
        # the opening and the footnotes are where a plan cites other documents: for a cited
        # document's number or date they are not peripheral
        section = "" if CITED in question.intents else hit.chunk.section
        # the passage with a unit holding the question's rare subject words goes ahead of
        # one matching it only in common plan words ("đuối nước", not "trẻ em")
        anchored = ANCHOR_RELEVANCE * max((u.anchor for u in scored), default=0.0)
        out.append(Candidate(hit, scored, features, relevance(features, section) + anchored))
    return sorted(out, key=lambda c: -c.relevance)


def decision_features(
    question: Question, hits: list[SearchHit], units: UnitIndex, vector: np.ndarray | None
) -> dict[str, float] | None:
    """The features the answerability model decides on (those of the best candidate)."""
    chosen = _candidates(without_set_aside(question), hits, units, vector)
    candidates = _with_evidence(question, chosen)
    return candidates[0].features if candidates else None


def _with_evidence(question: Question, candidates: list[Candidate]) -> list[Candidate]:
    """The candidates that can answer what is asked: when a figure, a date or a phone
    number is asked, only a passage holding one where it speaks of the subject (or, for
    "which agency is responsible for <a target>", an assignment); those containing what the
    question names first."""
    need = frozenset(i for i in question.intents if i in EVIDENCE)
    if need:
        asks_who = "who" in question.intents
        # "báo cho ai trong vòng bao nhiêu giờ": a count asked with the body is asked too;
        # an assignment that names the body without it does not answer
        asks_who = asks_who and not ("figure" in need and question.counted)
        candidates = [
            c
            for c in candidates
            if c.features["evidence"] == 1.0 or (asks_who and c.hit.chunk.agency)
        ]
    if question.entities:
        # a passage that contains what the question names ("bệnh viện") speaks of it: it
        # goes first, ahead of closer passages that do not (stable: their order is kept)
        candidates = sorted(candidates, key=lambda c: -c.features["grounded"])
    if CITED in question.intents:
        # a cited document's number or date: passages citing one (by the body asked) first
        candidates = sorted(
            candidates, key=lambda c: not any(citing(question, u.text) for u in c.units)
        )
    return candidates


def select_units(
    candidate: Candidate, limit: int, budget: int, broad: bool = False, lists: bool = True
) -> list[str]:
    """The units worth quoting, whole, in the passage's order: the best one, and the next
    best while they score close to it and fit the character budget. A ``broad`` question
    (an agency's duties, a summary) wants the section's range, not its closest line: every
    unit counts while the budget lasts. ``lists``: a unit that opens a list is quoted with
    as much of the list as a broad answer's room holds (otherwise only a little more than
    ``budget``: a brief answer)."""
    ranked = sorted(candidate.units, key=lambda u: (-u.score, u.position))
    if not ranked:
        return []
    keep = [ranked[0]]
    used = len(ranked[0].text)
    floor = 0.0 if broad else ranked[0].score * 0.8
    for unit in ranked[1:]:
        if len(keep) >= limit:
            break
        if unit.score < floor or used + len(unit.text) > budget or is_closing(unit.text):
            continue
        keep.append(unit)
        used += len(unit.text)
    heads = [u for u in keep if heads_list(u)]
    if heads:
        # a unit that opens a list ("Đảm bảo nguồn lực ...:", an item's own title) is
        # quoted with the list it opens, whole as far as the room lasts
        room = max(budget, BROAD_CHARS) if lists else budget + BRIEF_LIST_CHARS
        used = sum(len(u.text) for u in keep)
        chosen = {u.position for u in keep}
        for head in heads:
            for unit in sorted(candidate.units, key=lambda u: u.position):
                if unit.position <= head.position or unit.position in chosen:
                    continue
                if heads_list(unit) or is_closing(unit.text) or used + len(unit.text) > room:
                    break
                keep.append(unit)
                chosen.add(unit.position)
                used += len(unit.text)
    return [u.text for u in sorted(keep, key=lambda u: u.position)]


def _with_cited_targets(candidate: Candidate, quoted: list[str]) -> list[str]:
    """``quoted`` with the passage's first unit citing numbered targets, in reading order,
    when none of ``quoted`` cites one."""
    if any(cited_targets(u) for u in quoted):
        return quoted
    citing = next(
        (u for u in sorted(candidate.units, key=lambda u: u.position) if cited_targets(u.text)),
        None,
    )
    if citing is None:
        return quoted
    order = {u.text: u.position for u in candidate.units}
    return sorted([*quoted, citing.text], key=lambda t: order.get(t, 0))


def heads_list(unit: Unit) -> bool:
    """Whether a unit opens a list: it ends with a colon, or it is the first unit of an
    item and states the item's own numbered title ("4. Xây dựng, hoàn thiện ...")."""
    text = unit.text.strip()
    return text.endswith(":") or (unit.position == 0 and bool(_ITEM_TITLE.match(text)))


def _boosted(candidate: Candidate, keep: Callable[[Unit], bool]) -> Candidate:
    """The candidate with the units ``keep`` accepts put first for quoting."""
    units = [replace(u, score=u.score + 1.0) if keep(u) else u for u in candidate.units]
    return replace(candidate, units=units)


def citing(question: Question, text: str) -> bool:
    """Whether ``text`` cites a document with its number and date, of the kind the question
    names ("kế hoạch số mấy", not a directive cited beside it) and, when it names the
    issuer ("của Thành ủy"), with that issuer right after the date ("... ngày 23/4/2024
    của Thành ủy Hà Nội"), not elsewhere in the text."""
    issuers = [e for e in question.entities if e.kind == "issuer"]
    kinds = [k for k in vocab.CITED_KINDS if re.search(rf"\b{k}\b", question.folded)]
    for m in EVIDENCE[CITED].finditer(text):
        if kinds and not fold_diacritics(m.group(0).lower()).startswith(tuple(kinds)):
            continue
        after = re.split(r"[;,]|\.(?:\s|$)", text[m.end() :], maxsplit=1)[0][:ISSUER_CHARS]
        if all(grounded(e, text[m.start() : m.end()] + after) for e in issuers):
            return True
    return False


def citation_of(question: Question, unit: str) -> str:
    """Of a unit listing several cited documents ("Quyết định số 23/QĐ-TTg ngày ...;
    Kế hoạch số 313/KH-UBND ngày ... phòng, chống đuối nước ..."), the citation whose
    words best match the question's topic, whole (the only one of the asked kind, if one
    is); the unit itself when it cites fewer than two or none matches."""
    parts = [p.strip() for p in unit.split(";")]
    listed = [p for p in parts if citing(question, p)]
    if not listed or sum(bool(EVIDENCE[CITED].search(p)) for p in parts) < 2:
        return unit
    if len(listed) == 1:
        # the one document of the asked kind ("chương trình phối hợp") in a list of others
        return listed[0]
    scores = [
        overlap(p, question.quote_terms, question.weights, syllables=question.syllables)
        for p in listed
    ]
    best = max(scores)
    return listed[scores.index(best)] if best > 0 else unit


def _cites(number: int) -> Callable[[Unit], bool]:
    """A test for units citing target ``number``."""
    return lambda u: number in cited_targets(u.text)


def _who(
    question: Question,
    candidates: list[Candidate],
    units: UnitIndex,
    vector: np.ndarray | None,
    documents: list[DocumentMeta],
) -> tuple[list[Candidate], bool]:
    """For "which agency ...?": the assignment sections that answer it, and whether they
    were found through a numbered target they cite (quoted with them).

    When the passage closest to the question is a numbered target ("Chỉ tiêu 13: ... tảo
    hôn"), the answer is the agency whose assignment cites that number ("chỉ đạo thực hiện
    các chỉ tiêu 13, 21"), quoted with the target itself. Otherwise the assignment
    sections closest to the question, up to three agencies."""
    if not candidates:
        return [], False
    by_doc = {d.id: d for d in documents}
    best_units = [(u, c) for c in candidates[:3] for u in c.units]
    named = named_targets(question)
    stating = [(u, c) for u, c in best_units if target_number(u.text) in named] or _stating_targets(
        named, candidates, question, units, vector, by_doc
    )
    if (
        not stating
        and best_units
        and target_number(max(best_units, key=lambda uc: uc[0].score)[0].text) is None
    ):
        # "chỉ tiêu về tảo hôn do ai phụ trách": the target named by its subject
        stating = _targets_by_subject(question, candidates, units, vector, by_doc)
    if stating:
        best_units = stating  # "chỉ tiêu 9 giao cho ai": the target named, not the closest
    if best_units:
        unit, target = max(best_units, key=lambda uc: uc[0].score)
        number = target_number(unit.text)
        citing = units.citing.get((target.hit.chunk.document_id, number or -1), [])
        if number is not None and citing:
            seen = {c.hit.chunk.id: c for c in candidates}
            out = []
            for chunk in citing[:2]:
                found = seen.get(chunk.id)
                if found is None:
                    hit = SearchHit(chunk, by_doc[chunk.document_id], 0.0)
                    scored = score_units(hit, question, units, vector)
                    found = Candidate(hit, scored, hit_features(hit, question, scored, False), 0.0)
                out.append(_boosted(found, _cites(number)))
            return [*out, _boosted(target, lambda u: u.text == unit.text)], True
    assigned = [c for c in candidates if c.hit.chunk.agency]
    if not assigned or assigned[0].relevance < 0.5 * candidates[0].relevance:
        return [], False
    top = assigned[0].relevance
    return [c for c in assigned if c.relevance >= WHO_FLOOR * top][:3], False


def _who_per_plan(
    question: Question,
    candidates: list[Candidate],
    units: UnitIndex,
    vector: np.ndarray | None,
    documents: list[DocumentMeta],
) -> tuple[list[Candidate], bool]:
    """``_who`` for each plan the question names when it names several ("Cao Bằng và Long
    Khánh giao đơn vị nào ..."): one plan may answer through a numbered target, another
    through an assignment; at most two passages each."""
    if len(question.plans) < 2:
        return _who(question, candidates, units, vector, documents)
    found: list[Candidate] = []
    via_target = False
    for plan in question.plans:
        mine = [c for c in candidates if c.hit.chunk.document_id == plan]
        who, via = _who(question, mine, units, vector, documents)
        found += who[:2]
        via_target |= via
    return found, via_target


def named_targets(question: Question) -> set[int]:
    """The numbered targets a question names ("chỉ tiêu 9", "chỉ tiêu số 13 và 21")."""
    return {
        int(n)
        for m in re.finditer(
            r"\bchi tieu (?:so )?(\d{1,2}(?:(?:\s*,\s*|\s+va\s+)\d{1,2})*)\b", question.folded
        )
        for n in re.findall(r"\d+", m.group(1))
    }


def stating_targets(units: UnitIndex, plan: str, numbers: set[int]) -> list[Chunk]:
    """The passages of one plan holding a unit that states one of the numbered targets
    ``numbers`` ("Chỉ tiêu 9: ..."), in reading order."""
    return [
        chunk
        for chunk in units.plan_chunks.get(plan, [])
        if any(target_number(text) in numbers for text, _ in units.units(chunk))
    ]


def _stating_targets(
    named: set[int],
    candidates: list[Candidate],
    question: Question,
    units: UnitIndex,
    vector: np.ndarray | None,
    by_doc: dict[str, DocumentMeta],
) -> list[tuple[Unit, Candidate]]:
    """The units stating a named target in the candidates' plans, found in the plans'
    passages when no candidate holds them."""
    if not named:
        return []
    found: list[tuple[Unit, Candidate]] = []
    for plan in dict.fromkeys(c.hit.chunk.document_id for c in candidates):
        for chunk in stating_targets(units, plan, named):
            hit = SearchHit(chunk, by_doc[plan], 0.0)
            scored = score_units(hit, question, units, vector)
            candidate = Candidate(hit, scored, hit_features(hit, question, scored, False), 0.0)
            found += [(u, candidate) for u in scored if target_number(u.text) in named]
        if found:
            return found  # the first plan that numbers the target
    return found


def _targets_by_subject(
    question: Question,
    candidates: list[Candidate],
    units: UnitIndex,
    vector: np.ndarray | None,
    by_doc: dict[str, DocumentMeta],
) -> list[tuple[Unit, Candidate]]:
    """The unit of the numbered target a question names by its subject ("chỉ tiêu về tảo
    hôn", no number) in the candidates' first plan that has one some body holds
    (``target_holders``); none when the question names no target."""
    if not re.search(r"\bchi tieu\b", question.folded) or named_targets(question):
        return []
    subject = frozenset(
        t for t in topic_terms(question) if not set(question.folded_term(t).split("_")) & TARGET
    )
    if not subject:
        return []
    for plan in dict.fromkeys(c.hit.chunk.document_id for c in candidates):
        held = target_holders(question, plan, subject, units, vector)
        if not held:
            continue
        hit = SearchHit(held[0].target, by_doc[plan], 0.0)
        scored = score_units(hit, question, units, vector)
        candidate = Candidate(hit, scored, hit_features(hit, question, scored, False), 0.0)
        return [(u, candidate) for u in scored if u.text == held[0].target_text]
    return []


def _outline(
    question: Question, plan: str, units: UnitIndex, documents: list[DocumentMeta]
) -> Answer | None:
    """ "What are the plan's main contents?": when the question matches the heading of one
    part of the plan ("III. NỘI DUNG") better than any of its items, the answer is the
    list of its items' titles (each item's first unit), one citation each."""
    chunks = units.plan_chunks.get(plan, [])
    doc = next((d for d in documents if d.id == plan), None)
    if doc is None or not chunks:
        return None
    parts: dict[str, list[Chunk]] = {}
    for chunk in chunks:
        path = chunk.section.split(SECTION_SEPARATOR)
        if len(path) >= 2 and re.match(r"[IVX]+\.\s", path[0]):
            parts.setdefault(path[0], []).append(chunk)
    scored = [
        (overlap(part, question.quote_terms, question.weights, syllables=question.syllables), part)
        for part, items in parts.items()
        if len({c.section.split(SECTION_SEPARATOR)[1] for c in items}) >= OUTLINE_MIN_ITEMS
    ]
    if not scored:
        return None
    scored.sort(reverse=True)
    match, part = scored[0]
    if match < OUTLINE_MIN_MATCH or (len(scored) > 1 and scored[1][0] >= match):
        return None  # no part's heading, or no single one, is what is asked about
    first: dict[str, Chunk] = {}
    for chunk in parts[part]:
        first.setdefault(chunk.section.split(SECTION_SEPARATOR)[1], chunk)
    items = list(first.values())[:OUTLINE_MAX_ITEMS]
    headings = [c.section.split(SECTION_SEPARATOR)[1] for c in items]
    if any(
        overlap(h, question.quote_terms, question.weights, syllables=question.syllables) >= match
        for h in headings
    ):
        return None  # an item is headed by what is asked: it answers, not the outline
    citations = [Citation(n=i + 1, hit=SearchHit(c, doc, 0.0)) for i, c in enumerate(items)]
    lines = [
        f"- {_item_title(c, h, units)} [{citation.n}]"
        for c, h, citation in zip(items, headings, citations, strict=True)
    ]
    text = f"**{doc.label}** — {part}:\n" + "\n".join(lines)
    return Answer("answered", text, question.standalone, citations)


def _item_title(chunk: Chunk, heading: str, units: UnitIndex) -> str:
    """An item's title: its first unit, quoted, when the text opens with it ("1. Truyền
    thông, ..."); otherwise its heading as the plan writes it, as a label."""
    first = units.units(chunk)[0][0].lstrip("-+• ").strip() if units.units(chunk) else ""
    stem = fold_diacritics(heading.rstrip("…. "))[:24]
    if first and fold_diacritics(first).startswith(stem):
        return f"“{first}”"
    return heading


def outlined(question: Question, loaded_units: UnitIndex, documents: list[DocumentMeta]) -> bool:
    """Whether the question is answered with the outline of a part of its plan."""
    return (
        "summary" in question.intents
        and len(question.plans) == 1
        and _outline(question, question.plans[0], loaded_units, documents) is not None
    )


def _about_missing(question: Question) -> bool:
    """Whether the question is about what a cut-off plan lacks: its assignments, funding,
    reporting deadlines, reviews and reports ("sơ kết", "tổng kết", "báo cáo")."""
    return bool(
        question.agency_keys
        or any(e.kind == "agency" for e in question.entities)
        or question.intents & {"who", "funding", "deadline"}
        or bool(_missing_parts_named(question))
    )


def _holds_missing_part(question: Question, candidate: Candidate) -> bool:
    """Whether a kept passage speaks of the closing part the question names, if it names
    one ("ai chịu trách nhiệm tổ chức sơ kết": a passage headed "chịu trách nhiệm" that
    never says "sơ kết" is not about it)."""
    named = _missing_parts_named(question)
    chunk = candidate.hit.chunk
    held = fold_diacritics(f"{chunk.section}\n{chunk.text}")
    return not named or any(re.search(rf"\b{w}\b", held) for w in named)


def _missing_parts_named(question: Question) -> list[str]:
    """The closing parts a cut text loses that the question names: reviews, reports,
    implementation ("sơ kết", "tổng kết", "tổ chức thực hiện"), folded."""
    return [w for w in vocab.MISSING_PART_WORDS if re.search(rf"\b{w}\b", question.folded)]


def stated_in_kept(question: Question, candidates: list[Candidate]) -> bool:
    """Whether a passage a cut-off plan kept states the kind of fact asked (a date, or for
    "who" a body) in a unit covering most of the asked subject: the header's "Ngày có hiệu
    lực 31/08/2020" answers "có hiệu lực từ ngày nào", whatever parts the text lost."""
    need = frozenset(i for i in question.intents if i in EVIDENCE)

    def own(text: str) -> str:
        # the date of a document the plan cites ("Chỉ thị 23/CT-TTg ngày 26/5/2020") is not
        # when the plan does anything: "sơ kết Chỉ thị 23 vào năm nào" is not stated by it
        return text if CITED in need else EVIDENCE[CITED].sub(" ", text)

    if "who" in question.intents and not _missing_parts_named(question):
        # "ai phối hợp tổ chức hội nghị ...": a kept unit on the subject whose section or
        # text names a body ("phát huy vai trò của Mặt trận Tổ quốc") says who
        return any(
            u.subject >= KEPT_SUBJECT
            and _BODY_NAMED.search(f"{c.hit.chunk.section.split(SECTION_SEPARATOR)[-1]}\n{u.text}")
            for c in candidates
            for u in c.units
        )
    return bool(need) and any(
        u.subject >= KEPT_SUBJECT and has_evidence(need, own(u.text), question.counted)
        for c in candidates
        for u in c.units
    )


# a body named in a heading or a unit, by the capitalised word its name opens with
_BODY_NAMED = re.compile(
    r"\b(?:Sở|Phòng|Ủy ban|Uỷ ban|UBND|Mặt trận|Hội|Đoàn|Công an|Ban|Trung tâm|Bộ|Cục|Tòa án"
    r"|Viện|Thành đoàn|Tỉnh đoàn|[Nn]gười đứng đầu)\b"
)


def _truncated_notes(
    question: Question, documents: list[DocumentMeta], cited: set[str]
) -> list[str]:
    """Notes for cut-off plans in scope when the question is about a part they lack."""
    notes = []
    about_missing = _about_missing(question)
    for doc in documents:
        if not doc.truncated or doc.id in cited:
            continue
        named = doc.id in question.plans
        if about_missing and (named or (not question.plans and question.agency_keys)):
            last = question.truncated_after.get(doc.id, "?")
            notes.append(TRUNCATED_NOTE.format(label=doc.label, last_part=last))
    return notes


def _cited_only(
    question: Question, hits: list[SearchHit], documents: list[DocumentMeta]
) -> Answer | None:
    """A refusal when the question asks what a document the plans only cite requires or
    says ("Chỉ thị 30-CT/TU ... yêu cầu cấp ủy làm gì"): the passages naming it give its
    title, not its content. None when no passage names it (the usual checks then say so)
    or one states what it requires."""
    numbers = {d.number.split("/")[0] for d in documents if d.number}
    asked = content_asked(question.folded, numbers)
    if asked is None:
        return None
    number = asked.document.number
    naming = [
        h
        for h in hits
        if re.search(rf"(?<![\d/]){re.escape(number)}\b", fold_diacritics(h.chunk.text))
    ]
    if not naming or any(content_stated(number, fold_diacritics(h.chunk.text)) for h in naming):
        return None
    typed = question.standalone if len(question.standalone) == len(question.folded) else ""
    end = asked.end + len(re.match(r"\S*", question.folded[asked.end :]).group(0))  # type: ignore[union-attr]
    shown = (typed or question.folded)[asked.start : end].rstrip(",.?;:")
    labels = ", ".join(dict.fromkeys(h.document.label for h in naming))
    return _refusal(question, CITED_ONLY.format(label=labels, document=shown), hits)


def _refusal(question: Question, text: str, related: list[SearchHit]) -> Answer:
    return Answer("no_answer", text, question.standalone, [], related=related[:3])


def compose(
    question: Question,
    hits: list[SearchHit],
    documents: list[DocumentMeta],
    settings: AnswerSettings,
    units: UnitIndex,
    vector: np.ndarray | None,
    scope: tuple[str, ...] = (),
    model: Model | None = None,
    brief: bool = False,
) -> Answer:
    """An extractive answer: relevant whole units grouped by plan, with [n] markers.

    ``model`` decides whether to answer where no rule does (default: the committed one).
    ``brief``: one part of a question asking several things: at most ``BRIEF_UNITS`` units
    from each of at most ``BRIEF_UNITS`` passages, so that the parts together read as
    one answer."""
    if question.foreign_place:
        have = ", ".join(d.locality or d.id for d in documents)
        text = OUT_OF_SCOPE_PLACE.format(have=have, place=question.foreign_place)
        return _refusal(question, text, [])
    person = next((e for e in question.entities if e.kind == "named_person"), None)
    if person is not None:
        # a person's portfolio, age, office: the plans name people only as signers
        return _refusal(
            question, NOT_SAID["named_person"].format(text=_shown(question, person)), hits
        )
    if "outcome" in question.intents:
        # "đã đạt được chưa", "kế hoạch nào tiếp nối": a plan's text says what is to be done
        return _refusal(question, OUTCOME_NOT_SAID, hits)
    district = next((e for e in question.entities if e.kind == "district"), None)
    if district is not None:
        # a district no plan names ("Quận Hoàn Kiếm"): the city's bullets for its districts
        # in general are not about it
        return _refusal(
            question, NOT_SAID["district"].format(text=_shown(question, district)), hits
        )
    if (cited_only := _cited_only(question, hits, documents)) is not None:
        return cited_only
    scope = scope or question.plans
    in_scope = [d for d in documents if not scope or d.id in scope]
    named_target = _named_target(question, units, in_scope)
    if named_target is not None:
        return named_target
    # what the question sets aside ("ngoài ngân sách") does not choose the quotes
    candidates = _candidates(without_set_aside(question), hits, units, vector)
    wanted = question.agency_keys
    topic_section = False
    to_targets = False  # the item's line citing its numbered targets is quoted too

    if wanted:
        # the named agency's own assignment, one per plan
        own = [c for c in candidates if c.features["agency"]]
        per_plan: dict[str, Candidate] = {}
        for c in sorted(own, key=lambda c: hits.index(c.hit)):
            per_plan.setdefault(c.hit.chunk.document_id, c)
        cited = list(per_plan.values())[: settings.max_plans]
        own_item = bool(cited)
        if not cited:
            agency = question.agency
            name = agency.mention if agency else ""
            shown = agency.surface or name if agency else ""
            notes = _truncated_notes(question, in_scope, set())
            if notes:
                # a cut-off plan can still name the body in a part it kept ("phát huy vai
                # trò của Mặt trận Tổ quốc"): that passage answers, the name written whole
                whole = [
                    c
                    for c in candidates
                    if name
                    and (not scope or c.hit.chunk.document_id in scope)
                    and re.search(
                        rf"\b{re.escape(name)}\b",
                        fold_diacritics(f"{c.hit.chunk.section}\n{c.hit.chunk.text}"),
                    )
                ]
                if not whole:
                    return _refusal(question, "\n\n".join(notes), hits)
                naming = whole
            else:
                # an agency the scoped plans do not assign: answer only from a passage
                # naming it
                naming = [
                    c
                    for c in candidates
                    if name.split()[-1:] and proper_name(name) in fold_diacritics(c.hit.chunk.text)
                ]
            if not naming:
                labels = ", ".join(d.label for d in in_scope) if scope else "Các kế hoạch"
                text = AGENCY_NOT_ASSIGNED.format(label=labels, agency=shown)
                return _refusal(question, text, hits)
            cited = naming[:1]
        unsaid = _unworded(
            question, "\n".join(f"{c.hit.chunk.section}\n{c.hit.chunk.text}" for c in cited)
        )
        if unsaid:
            # "Email của Phòng ... là gì?": a property of the agency its items never mention
            text = PROPERTY_NOT_SAID.format(text=unsaid, agency=_agency_shown(question))
            return _refusal(question, text, hits)
        if "which_target" in question.intents and not any(
            cited_targets(u.text) for c in cited for u in c.units
        ):
            # "phụ trách chỉ tiêu số mấy?" of an agency whose items cite no numbered target
            labels = ", ".join(c.hit.document.label for c in cited)
            text = TARGETS_NOT_ASSIGNED.format(label=labels, agency=_agency_shown(question))
            return _refusal(question, text, hits)
        named = named_targets(question)
        if named and own_item:
            # "Sở GD&ĐT hướng dẫn chỉ tiêu 14 ra sao?" of an agency whose item cites other
            # targets: the plan gives that target to other bodies, not to this one
            sections = {(c.hit.chunk.document_id, c.hit.chunk.section) for c in cited}
            # the assignments citing the target in each cited plan
            holders = [
                ch
                for plan in {p for p, _ in sections}
                for n in named
                for ch in units.citing.get((plan, n), [])
            ]
            if not any((ch.document_id, ch.section) in sections for ch in holders):
                labels = ", ".join(c.hit.document.label for c in cited)
                numbers = ", ".join(str(n) for n in sorted(named))
                text = TARGET_NOT_CITED.format(
                    label=labels, agency=_agency_shown(question), number=numbers
                )
                others = sorted(
                    {ch.agency or ch.section.split(SECTION_SEPARATOR)[-1] for ch in holders}
                )
                if others:
                    text += " " + TARGET_HELD_BY.format(number=numbers, agencies="; ".join(others))
                return _refusal(question, text, hits)
        if own_item:
            # a topic asked of the agency must be in its own item, not only elsewhere
            cited, elsewhere = agency_topic(question, cited, hits, units, vector, documents)
            if elsewhere is not None:
                return elsewhere
        need = frozenset(i for i in question.intents if i in EVIDENCE)
        if need and not any(c.features["evidence"] == 1.0 for c in cited):
            # "... phải báo cáo trước ngày nào?": the date may sit in another section that
            # names the agency (a reporting clause), not in its own assignment
            words_ = proper_name(question.agency.mention) if question.agency else ""
            dated = [
                c
                for c in candidates
                if c.features["evidence"] == 1.0
                and (not scope or c.hit.chunk.document_id in scope)
                and (
                    words_ in fold_diacritics(c.hit.chunk.text)
                    # a general clause (no body's own item) to the agency's whole level
                    # ... about what is asked ("sơ kết" is not the yearly report)
                    or (
                        not c.hit.chunk.agency
                        and addressed_as_group(question.agency, c.hit.chunk.text)
                        and spoken_of(question, c.hit.chunk.text)
                    )
                )
            ]
            # an item carrying out numbered targets ("thực hiện các chỉ tiêu 3, 4, 5") leads
            # to their figures: its duties, with the line citing them, answer a percentage
            targets = any(cited_targets(u.text) for c in cited for u in c.units)
            hard = need & HARD_FACTS - ({"percent"} if targets else set())
            if "figure" in need and question.counted:
                hard |= {"counted"}  # "có bao nhiêu cán bộ": a count of them, or nothing
            if "deadline" in need:
                hard |= {"deadline"}  # "phải sơ kết vào năm nào": a time, or nothing
            to_targets = targets and "percent" in need
            if dated:
                cited = dated[:1]
            elif hard:
                # a phone number, a day or an amount the agency's items do not state: say
                # so rather than quote its duties as if they answered
                kind = next(k for k in NOT_SAID_FACT if k in hard)
                text = NOT_SAID_FACT[kind].format(
                    agency=_agency_shown(question), counted=_counted_shown(question)
                )
                return _refusal(question, text, hits)
    else:
        need = frozenset(i for i in question.intents if i in EVIDENCE)
        asks_who = "who" in question.intents
        candidates = _with_evidence(question, candidates)
        if not candidates:
            notes = _truncated_notes(question, in_scope, set())
            kinds = [VALUE_KINDS[k] for k in VALUE_KINDS if k in need]
            if "figure" in need and question.counted:
                # "gồm bao nhiêu thành viên": no unit about the subject counts them
                notes.append(COUNT_NOT_SAID.format(counted=_counted_shown(question)))
            elif kinds:
                # "mất mấy ngày", "bao nhiêu phần trăm": the unit about the subject shows
                # no value of that kind; quoting another figure would not answer
                notes.append(VALUE_NOT_SAID.format(kind=kinds[0]))
            elif "figure" in need:
                notes.append(VALUE_NOT_SAID.format(kind="con số"))
            return _refusal(question, "\n\n".join(notes) or _no_answer(hits), hits)
        cut = {d.id for d in in_scope if d.truncated and d.id in question.plans}
        if (
            cut
            and _about_missing(question)
            and not any(
                c.features["heading"] >= 0.5 and _holds_missing_part(question, c)
                for c in candidates[:3]
            )
            and not stated_in_kept(question, candidates[:3])
        ):
            # a cut-off plan asked about a part it lacks, and no surviving section is
            # headed by the topic nor states the fact asked: the plan's text does not say
            notes = _truncated_notes(question, in_scope, set())
            return _refusal(question, "\n\n".join(notes) or _no_answer(hits), hits)
        coded = [c for c in candidates if quotes_code(question.codes, c.hit.chunk.text)]
        if coded:
            # "số 0243.22.33.111 là của ai?": the passages quoting the identifier answer, and
            # the one quoting a phone number names its owner
            candidates = coded
            asks_who = False
        best = candidates[0]
        # a number quoted whole (a phone line) is found only where the plan states it; a
        # document's code may be cited where the plan says nothing of its content
        numbered = bool(coded) and any(e.kind == "code" for e in question.entities)
        if "summary" in question.intents and len(question.plans) == 1:
            # a part of the named plan is headed by what is asked: its outline answers
            outline = _outline(question, question.plans[0], units, documents)
            if outline is not None:
                return outline
        if not numbered and not (model or load_model()).answers(best.features):
            notes = _truncated_notes(question, in_scope, set())
            return _refusal(question, "\n\n".join(notes) or _no_answer(hits), hits)
        floor = best.relevance * 0.85
        cited = [c for c in candidates if c.relevance >= floor and c.features["evidence"] != 0.0]
        who, via_target = (
            _who_per_plan(question, candidates, units, vector, documents)
            if asks_who
            else ([], False)
        )
        if who:
            if (
                not via_target
                and best.hit.chunk.id not in {c.hit.chunk.id for c in who}
                and (
                    (need and best.features["evidence"] == 1.0) or best.relevance > who[0].relevance
                )
            ):
                # "report before which date, through which office": the passage with the
                # date, or one closer to the question than any assignment, answers too
                who = [best, *who[:2]]
            cited = who
        elif not question.plans and not scope:
            per_plan = {}
            for c in cited:
                per_plan.setdefault(c.hit.chunk.document_id, c)
            cited = list(per_plan.values())
        elif len(question.plans) > 1 and len(scope) > 1:
            # "Hà Nội và Long Khánh khác nhau thế nào?": each plan named answers for itself,
            # with its own best passage even when another plan's scores higher
            per_plan = {}
            for c in candidates:
                if c.features["evidence"] != 0.0 and c.relevance >= best.relevance * NAMED_FLOOR:
                    per_plan.setdefault(c.hit.chunk.document_id, c)
            cited = list(per_plan.values())
        elif _asks_section(question, best):
            # "how does the plan go about <topic>" where one section is headed by the topic:
            # that section's range, with the rest of it when it spans two passages
            section = best.hit.chunk.section
            rest = [c for c in candidates[1:] if c.hit.chunk.section == section]
            cited = [best, *rest[:1]]
            topic_section = True
        else:
            # one plan asked about: a second passage only when it is as good as the first
            second = [c for c in cited[1:] if c.relevance >= best.relevance * 0.95]
            cited = cited[:1] + second[:1]
        cited = cited[: max(3, 2 * len(question.plans))]

    # what the question names must be in a cited passage, or the plans do not say it
    passages = "\n".join(f"{c.hit.chunk.section}\n{c.hit.chunk.text}" for c in cited)
    if not predicate_stated(
        question, passages + "\n" + targets_cited(cited, units)
    ) and not said_in_own_item(question, cited, units, vector):
        # "có mất phí không?": the passages found never speak of what is asked about
        notes = _truncated_notes(question, in_scope, set())
        unsaid = PREDICATE_NOT_SAID.format(text=question.predicate)
        return _refusal(question, "\n\n".join([*notes, unsaid]), hits)
    if question.head and not head_stated(question, cited, units, vector):
        # "mẫu đơn ... lấy ở đâu", "những giấy tờ gì": the passages never name what is asked
        shown_head = _as_typed(question, question.head.split()).lower()
        notes = _truncated_notes(question, in_scope, set())
        return _refusal(
            question, "\n\n".join([*notes, HEAD_NOT_SAID.format(text=shown_head)]), hits
        )
    missing = [e for e in question.entities if not grounded(e, passages)]
    if missing:
        said = [NOT_SAID[e.kind].format(text=_shown(question, e)) for e in missing[:1]]
        notes = _truncated_notes(question, in_scope, set())
        return _refusal(question, "\n\n".join([*notes, *said]), hits)

    if CITED in question.intents:
        # a cited document's number or date: the passages citing one (by the body asked),
        # their citing units first; of a list of citations only the one about the topic
        cited = [c for c in cited if any(citing(question, u.text) for u in c.units)] or cited
        cited = [_boosted(c, lambda u: citing(question, u.text)) for c in cited]
    if brief:
        cited = cited[:BRIEF_UNITS]
    citations = [Citation(n=i + 1, hit=c.hit) for i, c in enumerate(cited)]
    single = len(cited) == 1
    budget = SINGLE_PLAN_CHARS if single else MULTI_PLAN_CHARS
    limit = settings.max_sentences_per_plan if single else 2
    broad = is_broad(question) or topic_section
    if broad:
        # "what must this agency do", "what is the plan's purpose": the section's main
        # points, not only the closest one
        budget = BROAD_CHARS if single else int(budget * AGENCY_DUTIES_FACTOR)
        limit = BROAD_UNITS if single else limit
        if not single and len({c.hit.chunk.document_id for c in cited}) == 1:
            # passages of one plan (a section over two chunks) share a one-plan answer's
            # room, not two units each
            budget = BROAD_CHARS // len(cited)
            limit = max(2, BROAD_UNITS // len(cited))
    quotes = [select_units(c, limit, budget, broad, lists=not brief) for c in cited]
    if "which_target" in question.intents or to_targets:
        # "... và được giao chỉ tiêu số mấy?": the line citing the item's targets is quoted
        # with whatever else answers, whichever line is closest to the rest of the question
        quotes = [_with_cited_targets(c, q) for c, q in zip(cited, quotes, strict=True)]
    if CITED in question.intents:
        quotes = [[citation_of(question, u) for u in q] for q in quotes]
    # a year asked about must be in what is quoted, not only somewhere in the passage
    shown = year_lines(question, cited, quotes)
    unstated = [e for e in question.entities if e.kind == "year" and not grounded(e, shown)]
    if unstated:
        return _refusal(question, NOT_SAID["year"].format(text=unstated[0].text), hits)
    if "who" in question.intents and not any(
        c.hit.chunk.agency or _BODY_NAMED.search("\n".join([c.hit.chunk.section, *q]))
        for c, q in zip(cited, quotes, strict=True)
    ):
        # "đường dây nóng do cơ quan nào trực": a line about the hotline that names no body
        # does not say who
        notes = _truncated_notes(question, in_scope, set())
        return _refusal(question, "\n\n".join([*notes, WHO_NOT_SAID]), hits)
    parts: list[str] = []
    for citation, quoted in zip(citations, quotes, strict=True):
        hit = citation.hit
        # the item's own heading names the agency or topic; the full path is in the citation
        section = hit.chunk.section.split(SECTION_SEPARATOR)[-1]
        heading = f"**{hit.document.label}** — {section} [{citation.n}]:"
        parts.append(heading + "\n" + "\n".join(f"- “{u.lstrip('-+• ').strip()}”" for u in quoted))
    cited_docs = {c.hit.chunk.document_id for c in cited}
    parts.extend(_truncated_notes(question, in_scope, cited_docs))
    correction = claim_correction(question, "\n".join(u for q in quotes for u in q))
    return Answer("answered", "\n\n".join([*correction, *parts]), question.standalone, citations)


CLAIM_CORRECTED = 'Kế hoạch nêu "{said}", không phải "{claimed}":'


def claim_correction(question: Question, quoted: str) -> list[str]:
    """For a yes/no claim stating a value the quoted text does not hold ("trước ngày 25/11"),
    the line saying what the plan states instead, the first value of that kind quoted
    ("15/12"); nothing when the claim states no value, or the quotes state it."""
    claim = claim_predicate(question.standalone)
    if not claim:
        return []
    quoted_folded = fold_diacritics(quoted).lower()
    said = values_in(quoted)
    # a claim's value is said of more words ("tổng kết Kế hoạch 1515 vào năm") than a
    # quoted one's nearest ("tổng kết vào năm 2035")
    for kind, value, lead in values_in(claim, lead_words=8):
        if fold_diacritics(value).lower() in quoted_folded:
            continue
        # of the quoted values of that kind, the one said of what the claim says it of
        # ("tổng kết vào năm 2035", not "sơ kết vào năm 2030"); the first on a tie
        same = [(len(lead & other_lead), -i, v) for i, (k, v, other_lead) in enumerate(said)]
        same = [s for s, (k, _, _) in zip(same, said, strict=True) if k == kind]
        if same:
            return [CLAIM_CORRECTED.format(said=max(same)[2], claimed=value)]
    return []


def year_lines(question: Question, cited: list[Candidate], quotes: list[list[str]]) -> str:
    """Where a year asked about must stand: the cited passages' headings and what is
    quoted. For a figure or a date, of each passage's quoted units only the one closest to
    the asked subject and those opening a list count: "bao nhiêu phần trăm trường học có
    dịch vụ hỗ trợ tâm lý vào năm 2030" is not answered by a 2025 target quoted beside
    another target's 2030 figure."""
    lines = [c.hit.chunk.section for c in cited]
    for candidate, quoted in zip(cited, quotes, strict=True):
        mine = [u for u in candidate.units if u.text in quoted]
        if not question.intents & FACT_INTENTS or not mine:
            lines += quoted
            continue
        top = max(u.subject for u in mine)
        lines += [u.text for u in mine if u.subject >= top or heads_list(u)]
    return "\n".join(lines)


def _named_target(
    question: Question, units: UnitIndex, in_scope: list[DocumentMeta]
) -> Answer | None:
    """ "Chỉ tiêu 6 trong số đó là gì?": a numbered target named outright is answered by
    the unit that states it, in the one plan in scope that numbers its targets. Not when
    the question asks which agency (the assignments citing it answer) or names an agency
    itself (its item answers); an agency carried over from the conversation does not
    count."""
    m = re.search(r"\bchi tieu (?:so )?(\d{1,2})\b", question.folded)
    if m is None or "who" in question.intents or len(in_scope) != 1:
        return None
    agency = question.agency
    if agency is not None and fold_diacritics(agency.surface or agency.mention) in fold_diacritics(
        question.text
    ):
        return None
    doc = in_scope[0]
    number = int(m.group(1))
    for chunk in stating_targets(units, doc.id, {number}):
        texts = [text for text, _ in units.units(chunk)]
        for i, text in enumerate(texts):
            if target_number(text) != number:
                continue
            quoted = item_lines(texts, i)
            shown = "\n".join([chunk.section, *quoted])
            for e in question.entities:
                if e.kind == "year" and not grounded(e, shown):
                    # "chỉ tiêu 16 năm 2026 bao nhiêu": the target gives no figure for it
                    return _refusal(question, NOT_SAID["year"].format(text=e.text), [])
            asked = [k for k in TARGET_VALUES if k in question.intents]
            if asked and not has_evidence(frozenset(asked), "\n".join(quoted)):
                # "chỉ tiêu 12 phải đạt vào năm nào" of a target that sets no year
                text = TARGET_VALUE_NOT_SAID.format(
                    label=doc.label, number=number, kind=TARGET_VALUES[asked[0]]
                )
                return _refusal(question, text, [])
            citation = Citation(n=1, hit=SearchHit(chunk, doc, 0.0))
            section = chunk.section.split(SECTION_SEPARATOR)[-1]
            lines = "\n".join(f"- “{u.lstrip('-+• ').strip()}”" for u in quoted)
            body = f"**{doc.label}** — {section} [1]:\n{lines}"
            return Answer("answered", body, question.standalone, [citation])
    return None


def _unworded(question: Question, passages: str) -> str:
    """What a question about an agency asks when it asks no duty, figure or date and no
    word of it is in the agency's own ``passages`` ("email", "website"); "" otherwise."""
    if question.intents - {"yesno"}:
        return ""
    topic = sorted(
        t
        for t in question.terms
        if "_" not in t and re.fullmatch(r"[a-z]{2,}", question.folded_term(t))
    )
    have = question.syllables(passages)
    if topic and not any(t in have for t in topic):
        # shown as typed, in the question's order ("kêu gọi vốn ODA", not "goi keu oda von")
        asked = {question.folded_term(t) for t in topic}
        shown = [w for w in _typed_words(question) if fold_diacritics(w) in asked]
        return " ".join(dict.fromkeys(shown))
    return ""


def _asks_section(question: Question, best: Candidate) -> bool:
    """Whether the question asks about a topic one section is headed by, with no single
    fact (a figure, a date, an agency) asked."""
    if question.intents & (FACT_INTENTS | {"who", "which_target"}):
        return False
    return best.features["heading"] >= TOPIC_HEADING


def is_broad(question: Question) -> bool:
    """Whether the question asks for a range (an agency's duties, a summary of a part)
    rather than one fact."""
    if question.intents & FACT_INTENTS:
        return False
    if question.agency_keys:
        return not (question.intents - {"duties", "summary", "who"})
    return "summary" in question.intents


def targets_cited(cited: list[Candidate], units: UnitIndex) -> str:
    """The numbered targets the cited passages cite ("chỉ đạo thực hiện chỉ tiêu 14"), as
    their plan states them ("Chỉ tiêu 14: ... đăng ký khai sinh"): an item carrying out a
    target speaks of its subject, though it names it by number only."""
    out = []
    for c in cited:
        plan = c.hit.chunk.document_id
        numbers = {n for u, _ in units.units(c.hit.chunk) for n in cited_targets(u)}
        if not numbers:
            continue
        out += [
            text
            for chunk in units.plan_chunks.get(plan, [])
            for text, _ in units.units(chunk)
            if target_number(text) in numbers
        ]
    return "\n".join(out)


def predicate_stated(question: Question, passages: str) -> bool:
    """Whether the cited passages speak of a yes/no question's predicate: at least half
    of its topic terms, weighted by how telling they are (a word no plan uses weighs as
    the rarest), stand in them. True when the question is not a yes/no question."""
    return stated(question, question.predicate_terms, passages)


def said_in_own_item(
    question: Question, cited: list[Candidate], units: UnitIndex, vector: np.ndarray | None
) -> bool:
    """Whether a yes/no question about an agency is answered by the agency's own item in
    other words ("để mắt tới" for "theo dõi"): a unit of it is as close to the question as
    a paraphrase is (``ITEM_UNIT_CLOSE``), as for a topic asked of an agency."""
    keys = question.agency_keys
    plans = {
        c.hit.chunk.document_id
        for c in cited
        if c.hit.chunk.agency and agency_keys(c.hit.chunk.agency) & keys
    }
    # the whole item: one passage of it may be cited, the duty asked in another
    own = [chunk for plan in sorted(plans) for chunk in agency_item(units, plan, keys)]
    return bool(own) and closest_similarity(own, units, vector) >= ITEM_UNIT_CLOSE


def _agency_shown(question: Question) -> str:
    """The agency asked about, as the user wrote it."""
    agency = question.agency
    if agency is None:
        return "cơ quan này"
    if not agency.surface:
        return agency.mention
    return _as_typed(question, [fold_diacritics(w) for w in words(agency.surface)])


def _shown(question: Question, entity: Entity) -> str:
    """An entity as the user wrote it, when it is an agency they named (a place: its
    name capitalised)."""
    if entity.kind == "district":
        return _as_typed(question, entity.text.split(), marks=False)
    if entity.kind == "place":
        return entity.text.title()
    for mention in question.agencies:
        if entity.kind == "agency" and entity.text in mention.mention and mention.surface:
            return mention.surface
    if entity.kind == "named_person":
        return _as_typed(question, entity.text.split(), marks=False)
    return entity.text


def _no_answer(hits: list[SearchHit]) -> str:
    text = NO_ANSWER
    if hits:
        text += "\n\nCó thể liên quan (không chắc trả lời câu hỏi):"
        for h in hits[:2]:
            text += f"\n- {h.document.label}, {h.chunk.section}"
    return text


# --- what is asked must be stated where it is quoted (issue 9, item 3) ---------------------

# what an agency is asked to do, when a topic is named: not a figure, a date or a target
DUTY_INTENTS = frozenset({"duties", "summary", "yesno", "procedure", "funding"})
SYLLABLE_MIN_WEIGHT = 1.8  # a syllable in fewer than about 1 passage in 6
# a unit of the agency's item this close to the question speaks of its topic in other words
# (on dev: items that answer in other words 0.90-0.92, items that do not 0.85-0.88)
ITEM_UNIT_CLOSE = 0.89
NOT_IN_ITEM = '{label}: mục giao nhiệm vụ cho {agency} không nhắc đến "{topic}".'
GIVEN_TO_OTHER = '{label} giao việc này ("{topic}") cho {other}, không phải {agency} [1]:'
TARGET_GIVEN_TO_OTHER = "{label} giao chỉ tiêu {number} cho {other}, không phải {agency} [1]:"


OUTCOME_NOT_SAID = (
    "Các kế hoạch chỉ nêu việc phải làm: không có kết quả thực hiện, đánh giá hay văn bản "
    "ban hành sau đó."
)
WHO_NOT_SAID = "Các kế hoạch không nêu cơ quan, đơn vị nào đảm nhận nội dung được hỏi."
HEAD_NOT_SAID = 'Các kế hoạch không nêu cụ thể "{text}" nào về nội dung được hỏi.'


def head_stated(
    question: Question, cited: list[Candidate], units: UnitIndex, vector: np.ndarray | None
) -> bool:
    """Whether the cited passages name what the question asks for (``Question.head``): its
    folded syllables, or a unit as close in meaning as a paraphrase is (``ITEM_UNIT_CLOSE``).
    A head a number identifies ("điều nào") needs the number ("Điều 5"), not "một số điều"."""
    text = fold_diacritics("\n".join(f"{c.hit.chunk.section}\n{c.hit.chunk.text}" for c in cited))
    head = question.head
    if head in vocab.NUMBERED_HEADS:
        return bool(re.search(rf"\b{head} (?:so )?\d+", text))
    if re.search(rf"\b{re.escape(head)}\b", text):
        return True
    if head in vocab.SUBUNIT_HEADS:
        return False  # a unit inside a body is named or not: a body's item is no paraphrase
    pair = head.split()
    if (
        len(pair) == 2
        and all(w in _GROUP_NOUNS for w in pair)
        and all(re.search(rf"\b{w}\b", text) for w in pair)
    ):
        return True  # "những ban nhóm nào": two kinds of body asked at once; both named
    if (member := category_member(head)) is not None and any(
        lists_members(fold_diacritics(unit), member)
        for c in cited
        for unit, _ in units.units(c.hit.chunk)
    ):
        # "những nhóm trẻ nào": the plan lists the groups ("trẻ em thuộc hộ nghèo, trẻ em
        # ở khu vực ..."), without the category's word
        return True
    return closest_similarity([c.hit.chunk for c in cited], units, vector) >= ITEM_UNIT_CLOSE


# nouns for kinds of bodies and groups ("ban", "nhóm", "tổ", "hội"), folded: two of them side
# by side ask for both kinds
_GROUP_NOUNS = frozenset(
    {*vocab.LIST_HEAD_WORDS, *vocab.CATEGORY_NOUNS, *vocab.BODY_CATEGORIES, "to", "doi", "hoi"}
)


def category_member(head: str) -> str | None:
    """For a head that names a category ("nhom tre", "loai hinh", "doi tuong"), the noun its
    members are named by ("tre"; "" when the head names none); None for another head."""
    for noun in sorted(vocab.CATEGORY_NOUNS, key=len, reverse=True):
        if head == noun or head.startswith(noun + " "):
            return head[len(noun) :].strip()
    return None


def lists_members(unit: str, member: str) -> bool:
    """Whether the folded ``unit`` lists several items: a list after a colon, or the
    ``member`` noun opening two items or more ("trẻ em có hoàn cảnh đặc biệt, trẻ em thuộc
    hộ nghèo"); without a member noun, three items separated by commas."""
    if re.search(r":\s*[^:,;]+[,;][^:,;]+", unit):
        return True
    if member:
        opening = rf"(?:^|[,;:]\s*|\bva\s+)(?:cac\s+)?{re.escape(member)}\b"
        return len(re.findall(opening, unit)) >= 2
    return unit.count(",") >= 2


def closest_similarity(chunks: list[Chunk], units: UnitIndex, vector: np.ndarray | None) -> float:
    """The e5 similarity of the unit of ``chunks`` closest to the question (0 for none)."""
    rows = [row for chunk in chunks for _, row in units.units(chunk)]
    return float(max(units.similarity(rows, vector), default=0.0))


def _not_junctions(question: Question, terms: frozenset[str]) -> frozenset[str]:
    """``terms`` without the pairs of syllables where two words meet: pairs no plan has side
    by side, each of whose syllables they use, that a word segmenter does not read as a word
    ("nghiệp nhà" of "doanh nghiệp, nhà hảo tâm", "cáo kết" of "báo cáo kết quả")."""
    weights = question.weights
    words_ = compounds(question.restored)
    return frozenset(
        t
        for t in terms
        if "_" not in t
        or t in weights
        or not all(s in weights for s in t.split("_"))
        or question.folded_term(t) in words_
    )


def stated(question: Question, terms: frozenset[str], text: str) -> bool:
    """Whether ``text`` speaks of ``terms``: at least ``PREDICATE_SHARE`` of them, weighted
    by how telling they are (a word no plan uses weighs as the rarest), an everyday word
    counting where ``text`` has the plans' wording of it. A pair of syllables
    no plan has side by side, each of which they use, that a word segmenter does not read as
    a word ("nghiệp nhà" of "doanh nghiệp, nhà hảo tâm"; not "bồi thường") is where two words
    meet, not a word the plans lack: it does not count. True for no terms."""
    weights = question.weights
    terms = _not_junctions(question, terms)
    if not terms:
        return True
    # the plans' wording of an everyday word the question uses says it ("cha mẹ", "bố mẹ")
    said = everyday_said(question.folded, question.standalone, text)
    text = "\n".join([text, *said])
    return overlap(text, terms, weights, RAREST, question.syllables) >= PREDICATE_SHARE


def topic_terms(question: Question) -> frozenset[str]:
    """What a question asks about beyond what kind of fact it asks: its topic terms
    (without the agency's and the plan's names, already left out of ``terms``) less the
    words that frame it ("phải làm gì", "nhiệm vụ", "bao nhiêu") and numbers."""
    framing = framing_words(senses(question.standalone)) | _asking_nouns(question)
    return frozenset(
        t
        for t in question.terms
        if not re.search(r"\d", t) and not set(question.folded_term(t).split("_")) & framing
    )


def _asking_nouns(question: Question) -> frozenset[str]:
    """Nouns that frame what is asked, not its subject: the kind of item a list question
    asks for ("cho những đối tượng nào", "đối tượng nào": the answer names them) and a
    category word before a body's name ("lực lượng công an", "ngành giáo dục")."""
    folded = question.folded
    found = [m.group(1) for m in LIST_ASKED.finditer(folded)]
    # a category asked without "những" ("áp dụng với đối tượng nào", "hình thức gì")
    categories = "|".join(sorted(vocab.CATEGORY_NOUNS, key=len, reverse=True))
    found += re.findall(rf"\b({categories}) (?:gi|nao)\b", folded)
    # a category with its members' noun ("những nhóm trẻ em nào", "các đối tượng trẻ em
    # nào"): the answer names the members, the noun is not the subject
    found += re.findall(rf"\b(?:nhung|cac) ((?:{categories}) \S+ \S+) (?:gi|nao)\b", folded)
    for mention in question.agencies:
        if mention.mention:
            categories = "|".join(vocab.BODY_CATEGORIES)
            found += re.findall(rf"\b({categories}) {re.escape(mention.mention)}\b", folded)
    return frozenset(w for phrase in found for w in phrase.split())


def telling_topic(question: Question) -> frozenset[str]:
    """The topic terms that name a subject: used by the plans (an everyday word no plan
    uses may be the user's word for the plans' own) and rare enough (``KEY_MIN_WEIGHT``,
    as ``key_term``): "dạy bơi", "đuối nước", not "thực hiện" or "trẻ em"."""
    weights = question.weights

    def telling(pair: str) -> bool:
        # a rare pair of common syllables is mostly two words side by side ("công tác bảo
        # vệ" → "tác bảo"): one syllable of the subject must be telling on its own
        rarest = max(weights.get(s, 0.0) for s in pair.split("_"))
        return weights.get(pair, 0.0) >= KEY_MIN_WEIGHT and rarest >= SYLLABLE_MIN_WEIGHT

    # two-syllable words, and acronyms typed as such ("ODA", "HIV"): another lone syllable
    # ("nhẹ", "lên") is rarely a subject
    acronyms = {
        fold_diacritics(w) for w in words(question.standalone) if re.fullmatch(r"[A-Z]{2,6}", w)
    } - vocab.AGENCY_FILLER  # "TP Long Khánh" is the city, not a subject
    return frozenset(
        t
        for t in topic_terms(question)
        if ("_" in t and telling(t))
        or (question.folded_term(t) in acronyms and weights.get(t, 0.0) >= KEY_MIN_WEIGHT)
    )


# a whole level of bodies addressed at once ("Các Sở, ban, ngành", "các phòng, ban, ngành"),
# folded: its first word is the level
_GROUP_ADDRESSED = re.compile(r"\bcac (so|phong)\W+(?:ban\W+)?nganh\b")


def addressed_as_group(agency: AgencyMention | None, text: str) -> bool:
    """Whether ``text`` addresses every body of the agency's level at once ("Các Sở, ban,
    ngành ... báo cáo trước ngày 15/12" addresses Sở Y tế): what it asks of them, it asks of
    the agency."""
    if agency is None:
        return False
    level = agency.mention.split()[:1]
    return bool(level) and any(
        m.group(1) == level[0] for m in _GROUP_ADDRESSED.finditer(fold_diacritics(text).lower())
    )


def spoken_of(question: Question, text: str) -> bool:
    """Whether ``text`` holds the question's telling topic words (``telling_topic``) that
    are words (a segmenter joins them: "sơ kết", not "cáo kết" of "báo cáo kết quả"), marks
    aside ("hằng năm" is "hàng năm"): all of them, or the question names none."""
    folded = " ".join(fold_diacritics(w).lower() for w in words(text))
    joined = compounds(question.restored)
    topic = [question.folded_term(t) for t in telling_topic(question)]
    return all(f" {t.replace('_', ' ')} " in f" {folded} " for t in topic if t in joined)


def _counted_shown(question: Question) -> str:
    """What a "how many" question counts, as typed and whole ("thành viên", not "thành")."""
    counted = question.counted or ""
    typed = _typed_words(question)
    folded = [fold_diacritics(w).lower() for w in typed]
    joined = compounds(question.restored)
    for i, w in enumerate(folded):
        if w == fold_diacritics(counted) and i and folded[i - 1] in ("nhieu", "may"):
            _, end = _widened(folded, i, i + 1, joined)
            return " ".join(typed[i:end])
    return counted


def _widened(folded: list[str], first: int, end: int, joined: frozenset[str]) -> tuple[int, int]:
    """The run ``[first, end)`` of ``folded`` words widened to the whole words it cuts: the
    pairs a word segmenter joins (``compounds``) across its edges."""
    while first > 0 and f"{folded[first - 1]}_{folded[first]}" in joined:
        first -= 1
    while end < len(folded) and f"{folded[end - 1]}_{folded[end]}" in joined:
        end += 1
    return first, end


def _typed_words(question: Question) -> list[str]:
    """The question's words as shown back to the user: the restored text's, which has the
    same words with the plans' marks put back where the user typed none."""
    typed = words(question.standalone)
    restored = words(question.restored)
    if len(restored) == len(typed) and all(
        fold_diacritics(a) == fold_diacritics(b) for a, b in zip(typed, restored, strict=True)
    ):
        return restored
    return typed


def _as_typed(question: Question, syllables: list[str], marks: bool = True) -> str:
    """Folded ``syllables`` of the question as the user typed them (first run found), with
    the plans' marks when typed without them ("dia chi" → "địa chỉ") unless ``marks`` is
    off (names the plans do not hold would get stray marks: "sóc son")."""
    typed = _typed_words(question) if marks else words(question.standalone)
    folded = [fold_diacritics(w) for w in typed]
    n = len(syllables)
    for i in range(len(folded) - n + 1):
        if folded[i : i + n] == syllables:
            return " ".join(typed[i : i + n])
    return " ".join(syllables)


def _topic_shown(question: Question, terms: frozenset[str]) -> str:
    """The topic as typed: the question's heaviest run of syllables that are topic terms,
    widened to the whole words it cuts ("giúp pháp" → "trợ giúp pháp lý")."""
    # folded syllable → its weight (the terms may be in accented form)
    weight_of: dict[str, float] = {}
    for t in terms:
        for s in t.split("_"):
            folded = question.folded_term(s)
            weight_of[folded] = max(weight_of.get(folded, 0.0), question.weights.get(s, 0.0))
    typed = _typed_words(question)
    folded_ = [fold_diacritics(w) for w in typed]
    best = (0, 0)  # [start, end) of the heaviest run
    start = 0
    for i, w in enumerate([*folded_, ""]):
        if w in weight_of:
            continue
        if sum(weight_of[s] for s in folded_[start:i]) > sum(
            weight_of[s] for s in folded_[best[0] : best[1]]
        ):
            best = (start, i)
        start = i + 1
    if best == (0, 0):
        return " ".join(sorted(weight_of))
    first, end = best
    joined = compounds(question.standalone)
    first, end = _widened(folded_, first, end, joined)
    return " ".join(typed[first:end])


def _target_named_held(
    question: Question,
    cited: list[Candidate],
    topic: frozenset[str],
    units: UnitIndex,
    vector: np.ndarray | None,
    documents: list[DocumentMeta],
) -> tuple[DocumentMeta, list[TargetHolder]] | None:
    """A target named by its subject ("chỉ tiêu đăng ký khai sinh", no number) of a cited
    plan that other bodies hold, none of them the asked agency: the plan and its holders.
    Who holds a target is what its number's citations say, whatever the asked agency's
    item speaks of near it ("phòng ngừa ... tội phạm" is not "tai nạn thương tích")."""
    if not re.search(r"\bchi tieu\b", question.folded) or named_targets(question):
        return None
    by_id = {d.id: d for d in documents}
    for plan in dict.fromkeys(c.hit.chunk.document_id for c in cited):
        held = target_holders(question, plan, topic, units, vector)
        if held and not any(
            agency_keys(h.holder.agency or "") & question.agency_keys for h in held
        ):
            return by_id[plan], held
    return None


def _held_by_other(
    question: Question,
    held: list[TargetHolder],
    plan: DocumentMeta,
    agency: str,
    hits: list[SearchHit],
) -> Answer:
    """The answer when another body holds the target on the asked topic: who holds it,
    quoting the line of its item citing the target [1..] and the target itself [last]. A
    claim or a presupposition is answered by this correction; a plain question about the
    agency is not answered by another body's target."""
    holders = held[:2]
    others = " và ".join(dict.fromkeys(h.holder.agency or "" for h in holders))
    number = target_number(held[0].target_text)
    head = TARGET_GIVEN_TO_OTHER.format(
        label=plan.label, number=number, other=others, agency=agency
    )
    lines, citations = [], []
    for n, h in enumerate(holders, start=1):
        section = h.holder.section.split(SECTION_SEPARATOR)[-1]
        lines.append(f"**{plan.label}** — {section} [{n}]:\n- “{_bare(h.holder_text)}”")
        citations.append(Citation(n=n, hit=SearchHit(h.holder, plan, 0.0)))
    target = holders[0]
    n = len(holders) + 1
    section = target.target.section.split(SECTION_SEPARATOR)[-1]
    lines.append(f"**{plan.label}** — {section} [{n}]:\n- “{_bare(target.target_text)}”")
    citations.append(Citation(n=n, hit=SearchHit(target.target, plan, 0.0)))
    status: Literal["answered", "no_answer"] = (
        "answered" if claims(question.folded) else "no_answer"
    )
    body = head + "\n" + "\n\n".join(lines)
    return Answer(status, body, question.standalone, citations, related=hits[:3])


def _bare(unit: str) -> str:
    """A unit as quoted: without its list mark."""
    return unit.lstrip("-+• ").strip()


def agency_item(units: UnitIndex, plan: str, keys: frozenset[str]) -> list[Chunk]:
    """Every passage of one plan's item assigning the agency with these ``keys``."""
    return [c for c in units.plan_chunks.get(plan, []) if c.agency and agency_keys(c.agency) & keys]


@dataclass(frozen=True)
class TargetHolder:
    """A numbered target whose subject is the question's topic, and the body whose item
    cites its number ("Chỉ tiêu 14: ... đăng ký khai sinh" held by Sở Tư pháp through
    "chỉ đạo thực hiện chỉ tiêu 14 của Kế hoạch")."""

    target: Chunk
    target_text: str
    holder: Chunk
    holder_text: str


# the noun naming a target: every target unit has it, so it tells none apart
TARGET = frozenset({"chi", "tieu"})


def target_holders(
    question: Question,
    plan: str,
    topic: frozenset[str],
    units: UnitIndex,
    vector: np.ndarray | None,
) -> list[TargetHolder]:
    """The bodies holding the numbered target of ``plan`` whose subject is ``topic``: the
    target unit speaking most of it (its weighted words, at least ``PREDICATE_SHARE``; the
    closest in meaning between equals), then every assignment citing its number. Plans
    list targets in their objectives and cite them by number only in the agencies' items
    ("chỉ đạo thực hiện chỉ tiêu 9, 14"), so a body's words never name the subject."""
    scored = []
    for chunk in units.plan_chunks.get(plan, []):
        rows = units.units(chunk)
        sims = units.similarity([r for _, r in rows], vector)
        for (text, _), sim in zip(rows, sims, strict=True):
            number = target_number(text)
            if number is None or not units.citing.get((plan, number)):
                continue
            share = overlap(text, topic, question.weights, RAREST, question.syllables)
            scored.append((round(share, 2), float(sim), number, chunk, text))
    if not scored:
        return []
    share, _, number, target, text = max(scored, key=lambda s: (s[0], s[1]))
    if share < PREDICATE_SHARE:
        return []  # most of the subject's words, or the target is not told apart
    out = []
    for holder in units.citing[(plan, number)]:
        line = next((u for u, _ in units.units(holder) if number in cited_targets(u)), holder.text)
        out.append(TargetHolder(target, text, holder, line))
    return out


def agency_topic(
    question: Question,
    cited: list[Candidate],
    hits: list[SearchHit],
    units: UnitIndex,
    vector: np.ndarray | None,
    documents: list[DocumentMeta],
) -> tuple[list[Candidate], Answer | None]:
    """An agency asked about a topic ("Sở Y tế phải làm gì về nuôi con nuôi?"): the plans
    whose item for the agency speaks of the topic answer. When none does, the plan that
    gives the topic to another agency says so, quoting that agency's unit ("giao việc này
    cho X, không phải Y"); otherwise the plan's item for the agency does not mention it.
    Either is not an answer to what was asked. A question with no topic beyond the
    agency's duties, and a yes/no question (its predicate is checked as a whole, so a
    paraphrase such as "chia sẻ thông tin" for "cung cấp thông tin" still counts), are
    left as they are."""
    # the title of a plan names the plan ("Tháng hành động vì trẻ em"), not a duty in it
    plans = {c.hit.chunk.document_id for c in cited}
    titles = question.syllables("\n".join(d.title or "" for d in documents if d.id in plans))
    # a yes/no question's predicate counts as said where its words stand together
    yesno = bool(question.predicate or re.search(vocab.YESNO_FRAME, question.folded))
    # the words that name the subject ("dạy bơi"); a yes/no question naming none checks
    # all it says of the agency ("mở phòng khám riêng"), words no plan uses included
    asked = telling_topic(question) or (topic_terms(question) if yesno else frozenset())
    framing = claim_words(question.folded)
    topic = frozenset(
        t
        for t in asked
        if t not in titles and not set(question.folded_term(t).split("_")) & framing
    )
    keys = question.agency_keys
    mention = question.agency
    # a figure or a date asked is checked where it is stated; duties asked with one ("làm
    # gì để đạt chỉ tiêu đăng ký khai sinh") still need the topic in the agency's item
    other_facts = question.intents - DUTY_INTENTS and "duties" not in question.intents
    # a target named by its subject is held by the bodies citing its number, whatever
    # else is asked of it ("có phải lo chỉ tiêu ... không", "vì sao ... chỉ tiêu ..."); its
    # subject is all the question says of it, everyday words included ("tai nạn")
    subject = frozenset(
        t
        for t in (topic or topic_terms(question))
        if t not in titles and not set(question.folded_term(t).split("_")) & (framing | TARGET)
    )
    named_here = mention is not None and fold_diacritics(
        mention.surface or mention.mention
    ) in fold_diacritics(question.text)
    if (
        subject
        and cited
        and named_here
        and (owned := _target_named_held(question, cited, subject, units, vector, documents))
    ):
        holding_plan, holders = owned
        return cited, _held_by_other(question, holders, holding_plan, _agency_shown(question), hits)
    if not topic or not cited or other_facts or mention is None:
        return cited, None
    if fold_diacritics(mention.surface or mention.mention) not in fold_diacritics(question.text):
        return cited, None  # an agency carried over from the conversation: not named here

    def item_text(chunks: list[Chunk]) -> str:
        return "\n".join(f"{c.section}\n{c.text}" for c in chunks)

    speaking = []
    for c in cited:
        item = agency_item(units, c.hit.chunk.document_id, keys)
        # the topic's words, or a unit of the item as close in meaning as a paraphrase is
        # ("chia sẻ thông tin" for "cung cấp thông tin"; word statistics shift with the
        # corpus, meaning does not)
        if (
            stated(question, topic, item_text(item))
            or (
                yesno
                and bool(question.predicate_terms)
                and stated(question, question.predicate_terms, item_text(item))
            )
            or closest_similarity(item, units, vector) >= ITEM_UNIT_CLOSE
        ):
            speaking.append(c)
    if speaking:
        return speaking, None
    shown_topic = _topic_shown(question, topic)
    agency = _agency_shown(question)
    by_id = {d.id: d for d in documents}
    for c in cited:
        plan = c.hit.chunk.document_id
        others = [
            (
                overlap(
                    f"{ch.section}\n{ch.text}", topic, question.weights, RAREST, question.syllables
                ),
                ch,
            )
            for ch in units.plan_chunks.get(plan, [])
            if ch.agency and not agency_keys(ch.agency) & keys
        ]
        others = [(share, ch) for share, ch in others if share >= PREDICATE_SHARE]
        held = target_holders(question, plan, topic, units, vector)
        if any(agency_keys(h.holder.agency or "") & keys for h in held):
            return cited, None  # the agency's item carries out the target on the topic
        if not others and held:
            return cited, _held_by_other(question, held, by_id[plan], agency, hits)
        if not others:
            continue
        _, chunk = max(others, key=lambda sc: sc[0])
        hit = SearchHit(chunk, by_id[plan], 0.0)
        scored = score_units(hit, question, units, vector)
        best = max(
            scored,
            key=lambda u: overlap(u.text, topic, question.weights, RAREST, question.syllables),
        )
        head = GIVEN_TO_OTHER.format(
            label=by_id[plan].label, topic=shown_topic, other=chunk.agency, agency=agency
        )
        section = chunk.section.split(SECTION_SEPARATOR)[-1]
        quote = best.text.lstrip("-+• ").strip()
        body = f"{head}\n**{by_id[plan].label}** — {section} [1]:\n- “{quote}”"
        # a claim or a presupposition ("vì sao Sở A phải ...") is answered by correcting it;
        # a plain question about the agency is not answered by another body's duty
        status: Literal["answered", "no_answer"] = (
            "answered" if claims(question.folded) else "no_answer"
        )
        return cited, Answer(
            status, body, question.standalone, [Citation(n=1, hit=hit)], related=hits[:3]
        )
    labels = ", ".join(dict.fromkeys(c.hit.document.label for c in cited))
    text = NOT_IN_ITEM.format(label=labels, agency=agency, topic=shown_topic)
    return cited, _refusal(question, text, hits)
