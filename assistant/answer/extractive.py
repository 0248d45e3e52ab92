"""The default answerer: quotes the relevant bullets of the cited passages, grouped by
plan, with [n] markers. It writes nothing that is not in a cited passage, apart from the
plan labels and fixed connecting phrases."""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from assistant.retrieve.glossary import expand
from assistant.retrieve.query import QueryAnalysis
from assistant.retrieve.search import asks_who
from assistant.settings import AnswerSettings
from assistant.text import STOPWORDS, fold_diacritics, words
from assistant.types import Answer, Citation, DocumentMeta, SearchHit

_SENTENCE_END = re.compile(r"(?<=[^\d\s][.;!?])\s+")
MAX_UNIT_CHARS = 320
MAX_QUOTE_CHARS = 300
RELEVANT_SHARE = 0.45  # quote bullets matching at least this share of the best one
# Words of the question that ask rather than name a topic.
QUESTION_WORDS = frozenset(
    [
        "gi",
        "nhung",
        "nao",
        "ai",
        "bao",
        "nhieu",
        "may",
        "khi",
        "nao",
        "dau",
        "sao",
        "the",
        "nao",
        "lam",
        "phai",
        "can",
        "nhiem",
        "vu",
        "trach",
        "nhiem",
        "giao",
        "duoc",
        "co",
        "khong",
        "hay",
        "ke",
        "hoach",
        "so",
        "kh",
        "ubnd",
        "theo",
        "neu",
        "quy",
        "dinh",
        "con",
        "thi",
        "duoc",
    ]
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
    "không có phần tổ chức thực hiện/phân công nhiệm vụ, nên không biết kế hoạch này giao gì "
    "cho cơ quan được hỏi."
)


# What kind of fact a question wants, and what a passage must contain to give it.
PHONE_QUESTION = re.compile(r"\b(?:dien thoai|duong day|tong dai|hotline)\b")
PHONE_EVIDENCE = re.compile(r"\d{3,}")
ANSWER_TYPES: list[tuple[re.Pattern[str], re.Pattern[str]]] = [
    (
        re.compile(r"\b(?:bao nhieu|may phan tram|ty le|ty suat|muc nao|so luong)\b"),
        re.compile(
            r"\d+(?:[.,]\d+)?\s*(?:%|‰)|\d[\d.]* ?(?:đồng|triệu|tỷ)\b|\b\d+ (?:trẻ|người|xã)"
        ),
    ),
    (
        re.compile(r"\b(?:ngay nao|khi nao|thoi han|han chot|bao gio|thang nao|nam nao|han la)\b"),
        re.compile(r"\b\d{1,2}/\d{1,2}\b|\bnăm \d{4}\b|\bngày \d{1,2}\b"),
    ),
]


def has_answer_type(question: str, text: str) -> bool:
    """Whether ``text`` holds the kind of fact the question asks for (a figure, a date)."""
    folded = fold_diacritics(question)
    if PHONE_QUESTION.search(folded):
        return bool(PHONE_EVIDENCE.search(text))
    return all(evidence.search(text) for asks, evidence in ANSWER_TYPES if asks.search(folded))


@dataclass(frozen=True)
class Decision:
    """Whether the passages answer the question, and which of them to cite."""

    answered: bool
    cited: list[SearchHit]
    confidence: float


def content_terms(
    question: str, analysis: QueryAnalysis, documents: list[DocumentMeta]
) -> set[str]:
    """Folded topic words of the question: not function words, not the plan's or agency's name."""
    plan_words: set[str] = set()
    for doc in documents:
        if doc.id in analysis.documents and doc.locality:
            plan_words.update(fold_diacritics(doc.locality).split())
    agency_words = set((analysis.agency or "").split())
    skip = STOPWORDS | QUESTION_WORDS | plan_words | agency_words | {"so", "phong", "nganh"}
    syllables = [fold_diacritics(w) for w in words(question)]
    terms = {s for s in syllables if s not in skip}
    terms.update(f"{a}_{b}" for a, b in pairwise(syllables) if a not in skip and b not in skip)
    return terms


def _units(text: str) -> list[str]:
    """Bullets and paragraphs of a passage; over-long ones split into sentences."""
    out: list[str] = []
    for line in text.split("\n"):
        line = line.strip()
        if not line:
            continue
        if len(line) <= MAX_UNIT_CHARS:
            out.append(line)
        else:
            out.extend(split_sentences(line))
    return out


def split_sentences(text: str) -> list[str]:
    """Sentences of a paragraph; a piece starting in lower case stays with the one before."""
    sentences: list[str] = []
    for piece in _SENTENCE_END.split(text):
        if sentences and piece[:1].islower():
            sentences[-1] = f"{sentences[-1]} {piece}"
        elif piece.strip():
            sentences.append(piece)
    return sentences


def _overlap(unit: str, terms: set[str]) -> float:
    """Share of the topic terms (syllables and syllable pairs) found in ``unit``; pairs,
    which carry Vietnamese compound words, count as much as all syllables together."""
    if not terms:
        return 0.0
    syllables = [fold_diacritics(w) for w in words(unit)]
    unit_terms = set(syllables) | {f"{a}_{b}" for a, b in pairwise(syllables)}
    singles = [t for t in terms if "_" not in t]
    pairs = [t for t in terms if "_" in t]
    single_cov = sum(t in unit_terms for t in singles) / len(singles) if singles else 0.0
    if not pairs:
        return single_cov
    return 0.5 * single_cov + 0.5 * sum(t in unit_terms for t in pairs) / len(pairs)


def coverage(hit: SearchHit, terms: set[str]) -> float:
    """Share of the question's topic words found in the passage (with its section path)."""
    return _overlap(f"{hit.chunk.section}\n{hit.chunk.text}", terms)


def decide(
    question: str,
    hits: list[SearchHit],
    analysis: QueryAnalysis,
    terms: set[str],
    settings: AnswerSettings,
) -> Decision:
    """Answerable or not, and the passages an answer should cite."""
    if not hits:
        return Decision(False, [], 0.0)
    if analysis.agency:
        agency_hits = [h for h in hits if h.chunk.agency and _agency_matches(h, analysis)]
        if agency_hits:
            return Decision(True, agency_hits[: settings.max_plans], 1.0)
    who = asks_who(question)
    scored = [
        (h, _confidence(h, terms, who)) for h in hits if has_answer_type(question, h.chunk.text)
    ]
    if not scored:
        return Decision(False, [], 0.0)
    _, best = max(scored, key=lambda pair: pair[1])
    if best < settings.min_score:
        return Decision(False, [], best)
    cited = [h for h, c in scored if c >= max(settings.min_score, best * 0.85)]
    # a question about one plan cites that plan; a general one may cite several plans
    if not analysis.documents:
        per_plan: dict[str, SearchHit] = {}
        for h in cited:
            per_plan.setdefault(h.chunk.document_id, h)
        cited = list(per_plan.values())
    return Decision(True, cited[:3], best)


def _agency_matches(hit: SearchHit, analysis: QueryAnalysis) -> bool:
    from assistant.retrieve.query import agency_keys

    return (
        hit.chunk.agency is not None
        and analysis.agency is not None
        and analysis.agency in agency_keys(hit.chunk.agency)
    )


# Lists of recipients and references rarely answer a question about the plan's content.
PERIPHERAL_SECTIONS = ("Nơi nhận", "Chú thích")


def _confidence(hit: SearchHit, terms: set[str], who: bool = False) -> float:
    """How sure we are that a passage answers: dense similarity and topic-word coverage."""
    cov = coverage(hit, terms) if terms else 0.0
    # e5 similarities sit in a narrow band (≈0.78 unrelated … ≈0.90 on topic)
    dense = max(0.0, min(1.0, (hit.dense_score - 0.78) / 0.1))
    # the keyword side also matched the plans' wording of everyday terms (glossary)
    confidence = 0.45 * cov + 0.35 * dense + 0.2 * hit.keyword_score
    if hit.chunk.section.startswith(PERIPHERAL_SECTIONS):
        confidence *= 0.6
    if who and hit.chunk.agency:
        confidence += 0.1  # "who does X?" is answered by an agency's assignment
    return confidence


def select_units(hit: SearchHit, terms: set[str], limit: int, whole_section: bool) -> list[str]:
    """The bullets or sentences of a passage worth quoting, in the passage's order."""
    units = _units(hit.chunk.text)
    if whole_section and not terms:
        return units[:limit]
    overlap = [_overlap(u, terms) for u in units]
    ranked = sorted(range(len(units)), key=lambda i: (-overlap[i], i))
    # a specific question gets the bullets that really match it, not their neighbours
    floor = 0.0 if whole_section else max(overlap, default=0.0) * RELEVANT_SHARE
    keep = [i for i in ranked[:limit] if whole_section or (overlap[i] > 0 and overlap[i] >= floor)]
    if not keep:
        keep = ranked[:1]
    return [units[i] for i in sorted(keep)]


def _quote(unit: str, terms: set[str]) -> str:
    """The unit, cut to MAX_QUOTE_CHARS around its first matching term when it is long."""
    if len(unit) <= MAX_QUOTE_CHARS:
        return unit
    folded = fold_diacritics(unit)
    starts = [m.start() for t in terms if (m := re.search(rf"\b{re.escape(t)}\b", folded))]
    start = max(0, min(starts) - 80) if starts else 0
    if start:
        start = unit.find(" ", start) + 1
    end = start + MAX_QUOTE_CHARS
    piece = unit[start:end]
    if end < len(unit):
        piece = piece.rsplit(" ", 1)[0] + " …"
    return ("… " if start else "") + piece


def compose(
    question_used: str,
    hits: list[SearchHit],
    analysis: QueryAnalysis,
    documents: list[DocumentMeta],
    settings: AnswerSettings,
    foreign_place: str | None = None,
) -> Answer:
    """An extractive answer: relevant quotes grouped by plan, with [n] markers."""
    in_scope = [d for d in documents if not analysis.documents or d.id in analysis.documents]
    if foreign_place:
        have = ", ".join(d.locality or d.id for d in documents)
        text = OUT_OF_SCOPE_PLACE.format(have=have, place=foreign_place)
        return Answer("no_answer", text, question_used, [], related=[])
    terms = content_terms(question_used, analysis, documents)
    decision = decide(question_used, hits, analysis, terms, settings)
    truncated_notes = []
    if analysis.agency:
        cited_docs = {h.chunk.document_id for h in decision.cited if _agency_matches(h, analysis)}
        for doc in in_scope:
            if doc.truncated and doc.id not in cited_docs:
                truncated_notes.append(TRUNCATED_NOTE.format(label=doc.label, last_part="II"))

    if (
        analysis.agency
        and truncated_notes
        and not any(_agency_matches(h, analysis) for h in decision.cited)
    ):
        # the agency's assignment would be in the part of the text that is missing
        decision = Decision(False, [], decision.confidence)
    if not decision.answered:
        text = NO_ANSWER
        if truncated_notes:
            text = "\n\n".join(truncated_notes)
        elif hits:
            text += "\n\nCó thể liên quan (không chắc trả lời câu hỏi):"
            for h in hits[:2]:
                text += f"\n- {h.document.label}, {h.chunk.section}"
        return Answer("no_answer", text, question_used, [], related=hits[:3])

    citations = [Citation(n=i + 1, hit=h) for i, h in enumerate(decision.cited)]
    parts: list[str] = []
    whole = analysis.agency is not None
    # quotes are chosen with the plans' wording of everyday terms too ("nghỉ học" → "bỏ học")
    quote_terms = content_terms(expand(question_used), analysis, documents)
    # one plan's answer may list the whole assignment; several plans', the key bullets
    limit = settings.max_sentences_per_plan * (1 if len(citations) > 1 else 2)
    for citation in citations:
        hit = citation.hit
        units = select_units(hit, quote_terms, limit, whole)
        heading = f"**{hit.document.label}** — {hit.chunk.section} [{citation.n}]:"
        quotes = "\n".join(f"- “{_quote(u.lstrip('-+• ').strip(), quote_terms)}”" for u in units)
        parts.append(f"{heading}\n{quotes}")
    parts.extend(truncated_notes)
    return Answer("answered", "\n\n".join(parts), question_used, citations)
