"""Several questions in one: "Sở Văn hóa phụ trách chỉ tiêu số mấy, và chỉ tiêu tảo hôn
giảm bao nhiêu mỗi năm?" asks two things, each answered by its own passage.

A question is split where a comma, a semicolon or a joining word ("và", "còn", "rồi")
stands between two parts that each hold a word that asks ("gì", "nào", "bao nhiêu", ...).
A list of nouns ("số hiệu, ngày ban hành và người ký"), values asked in order ("năm 2025 và
năm 2030 lần lượt là bao nhiêu") and a comparison ("Hà Nội và Long Khánh khác nhau thế
nào") stay one question: only one of their parts asks, or they say they compare.
A later part inherits the plan the whole question names when it names none, and (see
``standalone_clause``) the first part's agency when it has no subject of its own.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from assistant.text import accent_key, fold_diacritics, typed_with_marks, words
from assistant.types import DocumentMeta
from assistant.understand import vocab

if TYPE_CHECKING:  # question.py builds a Question's clauses with this module
    from assistant.understand.question import Question

Span = tuple[int, int]


@lru_cache(maxsize=2)
def _asking(accented: bool) -> tuple[tuple[tuple[str, ...], ...], tuple[tuple[str, ...], ...]]:
    """The asking phrases and the phrases that make them not ask, as syllable tuples in
    the form a question's syllables take (accented or folded)."""

    def keyed(phrases: Sequence[str]) -> tuple[tuple[str, ...], ...]:
        return tuple(tuple(_key(w, accented) for w in p.split()) for p in phrases)

    return keyed(vocab.CLAUSE_ASKING_FORMS), keyed(vocab.CLAUSE_NOT_ASKING)


def _key(syllable: str, accented: bool) -> str:
    return accent_key(syllable) if accented else fold_diacritics(syllable)


def _has(seq: Sequence[str], phrase: Sequence[str], at: int) -> bool:
    return tuple(seq[at : at + len(phrase)]) == tuple(phrase)


def asks(part: str, accented: bool) -> bool:
    """Whether a part of a question holds a word that asks (``accented``: read with marks)."""
    syllables = [_key(w, accented) for w in words(part)]
    phrases, not_asking = _asking(accented)
    for i in range(len(syllables)):
        for phrase in phrases:
            if not _has(syllables, phrase, i):
                continue
            # "bất kỳ cơ quan nào", "nào đó": the word names, it does not ask
            around = range(max(0, i - 4), i + 1)
            if any(_has(syllables, n, j) for n in not_asking for j in around):
                continue
            return True
    # a yes/no part: "có ... không" closing it
    co, khong = _key("có", accented), _key("không", accented)
    return len(syllables) > 2 and syllables[-1] == khong and co in syllables[:-1]


@lru_cache(maxsize=2)
def _openers(accented: bool) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(_key(w, accented) for w in p.split()) for p in vocab.SUBJECTLESS_OPENERS)


def has_subject(part: str) -> bool:
    """Whether a part of a question has a subject of its own: it does not open with a verb
    or a modal ("phối hợp với những cơ quan nào", "là những cấp độ nào" ask about the
    subject of the part before them; "chỉ tiêu tảo hôn giảm bao nhiêu" has its own)."""
    accented = typed_with_marks(part)
    syllables = [_key(w, accented) for w in words(part)]
    joining = {_key(w, accented) for w in (*vocab.CLAUSE_JOINERS, "thì")}
    while syllables and syllables[0] in joining:
        syllables = syllables[1:]
    return not any(_has(syllables, opener, 0) for opener in _openers(accented))


@lru_cache(maxsize=2)
def _boundary(accented: bool) -> re.Pattern[str]:
    joiners = "|".join(j if accented else fold_diacritics(j) for j in vocab.CLAUSE_JOINERS)
    return re.compile(rf"\s*[,;]\s*(?:(?:{joiners})\s+)?|\s+(?:{joiners})\s+")


def split_clauses(
    text: str,
    protected: Sequence[Span] = (),
    stands_alone: Callable[[str], bool] = lambda part: True,
) -> tuple[str, ...]:
    """The parts of ``text`` that each ask something of their own (one part when it asks
    one thing). ``protected``: spans no split may fall in (an agency's name "Sở Lao động -
    Thương binh và Xã hội"); ``stands_alone``: whether a later part names something of its
    own to ask about ("phạm vi ra sao" does, "ngày nào" only asks more of the same)."""
    accented = typed_with_marks(text)
    view = text.lower() if accented else fold_diacritics(text)
    folded = fold_diacritics(text)
    if len(view) != len(text) or len(folded) != len(text):
        return (text,)  # positions cannot be mapped back
    framed = (*vocab.COMPARING_PHRASES, *vocab.ORDERING_PHRASES)
    if any(re.search(rf"\b{p}\b", folded) for p in framed):
        return (text,)  # compared or asked in order: one question over several values
    # from the end: each part runs to the next split, so a list inside a part ("văn hóa,
    # du lịch, và phối hợp với cơ quan nào") is not taken for a part of its own
    parts: list[str] = []
    end = asked_end = len(text)
    contrast = "còn" if accented else "con"
    boundaries = list(_boundary(accented).finditer(view))
    for m in reversed(boundaries):
        if m.end() >= end or any(a < m.end() and m.start() < b for a, b in protected):
            continue
        left, right = text[: m.start()], text[m.end() : end]
        if not (asks(text[m.end() : asked_end], accented) and asks(left, accented)):
            continue
        if m.group(0).strip(" ,;") == contrast and not has_subject(right):
            continue  # "còn phải làm gì": "còn" is "still", not "while" joining two questions
        if stands_alone(right):
            parts.append(right)
            end = asked_end = m.start()
        else:
            # a part asking only more of the same ("và được giao chỉ tiêu số mấy") belongs
            # to the part before it: its asking word asks nothing of an earlier split
            asked_end = m.start()
    if not parts:
        return (text,)
    parts.append(text[:end])
    return tuple(_as_question(p) for p in reversed(parts))


def _as_question(part: str) -> str:
    """A part made a question of its own: trimmed, capitalised, closed by "?"."""
    part = part.strip(" ,;.?")
    return f"{part[:1].upper()}{part[1:]}?"


def standalone_clause(
    clause: str,
    clause_plans: Sequence[str],
    clause_agency: bool,
    whole_plans: Sequence[str],
    first: str,
    first_agency: str,
    documents: Sequence[DocumentMeta],
    has_own_subject: bool,
) -> str:
    """A later part of a question with what it lacks of the whole: the plans the whole
    question names when it names none (``clause_plans`` empty); and when it has no
    subject of its own (not ``has_own_subject``) and names no agency (``clause_agency``
    false), the first part's agency (``first_agency``, as typed: "Sở Nội vụ phối hợp với
    những cơ quan nào"), or else the first part itself (``first``) before it, as a
    follow-up is read ("Bà X sinh năm nào — quê ở đâu?")."""
    text = clause.rstrip(" ?")
    if not has_own_subject and not clause_agency:
        lowered = f"{text[:1].lower()}{text[1:]}"
        if first_agency:
            text = f"{first_agency} {lowered}"
        elif first:
            text = f"{first.rstrip(' ?')} — {lowered}"
    if not clause_plans and whole_plans:
        labels = ", ".join(d.label for d in documents if d.id in whole_plans)
        text = f"{text} ({labels})"
    return f"{text}?"


SUBJECT_MIN_WEIGHT = 2.0  # a word pair in fewer than about 1 passage in 7 names a subject


def own_subject(part: Question) -> bool:
    """Whether a part of a question has a subject of its own: it does not open with a verb
    ("phối hợp với những cơ quan nào", see ``has_subject``) and names a word pair telling
    enough to be a subject, or one the plans never use ("tảo hôn", "tổng đài", "lương tối
    thiểu"); not "quê ở đâu" or "giai đoạn nào", which ask of what a part before named."""
    pairs = [t for t in part.terms if "_" in t and not re.search(r"\d", t)]
    return has_subject(part.text) and any(
        part.weights.get(t, SUBJECT_MIN_WEIGHT) >= SUBJECT_MIN_WEIGHT for t in pairs
    )


def repeats(part: Question, first: Question) -> bool:
    """Whether a later part of a question only asks more of the ``first`` part's subject:
    every word pair of its topic is one of the first part's ("mấy cấp độ, những cấp độ
    nào")."""
    pairs = {part.folded_term(t) for t in part.terms if "_" in t}
    return bool(pairs) and pairs <= {first.folded_term(t) for t in first.terms}
