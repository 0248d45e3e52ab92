"""Follow-ups made standalone, from the previous questions and the previous *answer*.

"Còn Sở Giáo dục thì sao?" after "Sở Tư pháp Hà Nội phải làm gì?" becomes
"Sở Giáo dục Hà Nội phải làm gì?"; "Còn Long Khánh?" after "Sở Tư pháp phải làm gì?"
becomes "Sở Tư pháp phải làm gì ở Long Khánh?"; "Cơ quan đó phải báo cáo trước ngày nào?"
after an answer quoting "Phòng Lao động - Thương binh và Xã hội" of Long Khánh becomes
"Phòng Lao động - Thương binh và Xã hội (Long Khánh) phải báo cáo trước ngày nào?".
No LLM is needed.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from assistant.text import fold_diacritics
from assistant.types import DocumentMeta, Turn
from assistant.understand import vocab
from assistant.understand.agencies import AgencyCatalog
from assistant.understand.plans import places_named, plans_named

_FILLER = re.compile(
    r"^\s*(?:còn|thế còn|vậy còn|vậy|và|thế|còn về)\s+"
    r"|\s*(?:thì sao|thế nào|ra sao|nữa|thì)\s*\??\s*$",
    re.IGNORECASE,
)
_HEADING = re.compile(r"›\s*(?:\d{1,2}\.\s*)?([^\[\n›]+?)\s*\[\d+\]")


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, re.Pattern[str]]]:
    start = re.compile(rf"^\s*(?:{'|'.join(vocab.FOLLOWUP_START)})\b")
    end = re.compile(rf"\b(?:{'|'.join(vocab.FOLLOWUP_END)})\s*\??\s*$")
    refs = {
        kind: re.compile(rf"\b(?:{'|'.join(patterns)})\b")
        for kind, patterns in vocab.REFERENCES.items()
    }
    return start, end, refs


# Openings that lean on the previous turn whatever the question's length: "Ngoài ngân sách
# ra thì ...", "Thế còn ...", "Vậy ...", "... còn ... thì sao". Folded.
_LEANING_START = re.compile(r"^\s*(?:ngoai\b.{1,60}?\bra\b|the con\b|vay\b|con\b)")
_LEANING_END = re.compile(r"\bthi sao\s*\??\s*$")
# "còn" before a question word ("chương trình còn lấy tiền từ những nguồn nào"): "what
# else", said of what was just discussed. As typed with marks, since folded "con" is also
# "child" ("con em", "trẻ con").
_STILL_ASKS = re.compile(r"\bcòn\b.{0,60}?\b(?:gì|nào|ai|đâu|bao nhiêu|mấy)\b")
# "Thế phần mục đích lại nhắc ...", "Vậy thì ...": typed with marks, since folded "the" is
# also "thẻ" (a card)
_THEN_MARKED = re.compile(r"\s*(?:thế thì|thế|vậy thì)\s")
# A question word in what is left after the openings: the question asks a thing of its own.
_ASKS = re.compile(r"\b(?:gi|nao|ai|dau|bao nhieu|may|khong|bao gio)\b")


# The asking phrase a question ends with, and the preposition and kind of body before it
# ("qua đâu", "cho cơ quan nào", "là bao nhiêu"). Folded.
_ASKED_END = re.compile(
    r"(?:\s+(?:cho|qua|ve|toi|den|o|tai|voi|boi|do|la|theo|truoc))?"
    r"(?:\s+(?:co quan|don vi|phong|so|nganh|ben|nhung|cac|ngay|nam))?"
    r"\s+(?:nao|gi|ai|dau|bao nhieu|may|bao gio|khi nao)\s*$"
)


def leans_on_previous(question: str) -> bool:
    """Whether ``question``, of any length, opens or turns in a way that continues the
    previous turn ("Ngoài ngân sách ra thì chương trình còn lấy tiền từ nguồn nào?")."""
    folded = fold_diacritics(question)
    return bool(
        _LEANING_START.search(folded)
        or _THEN_MARKED.match(question.lower())
        or _LEANING_END.search(folded)
        or _STILL_ASKS.search(question.lower())
    )


@lru_cache(maxsize=1)
def _value_words() -> re.Pattern[str]:
    phrases = sorted(vocab.FOLLOWUP_VALUE_WORDS, key=len, reverse=True)
    return re.compile(rf"\b(?:{'|'.join(phrases)})\b")


def _topic_words(question: str, places: Sequence[str] = ()) -> tuple[bool, list[str]]:
    """Whether ``question`` asks, and the words it names a topic with: not its follow-up
    words, the ``places`` it names, its asking words nor the kind of value it asks."""
    core = fold_diacritics(_FILLER.sub("", question).strip(" ?"))
    for place in places:
        core = core.replace(fold_diacritics(place).lower(), " ")
    # "là" links, names nothing: "hạn là khi nào" asks only "hạn", the previous topic's
    # and the asking phrases themselves ("bao giờ") name nothing either; nor does the kind
    # of value asked ("hạn chót", "chậm nhất"): the previous topic's value
    named = re.sub(r"\b(?:19|20)\d\d\b", " ", _value_words().sub(" ", _ASKS.sub(" ", core)))
    words = re.findall(r"\w+", named)
    return bool(_ASKS.search(core)), [w for w in words if w not in vocab.QUESTION_WORDS | {"la"}]


def asks_own_topic(question: str, places: Sequence[str] = ()) -> bool:
    """Whether ``question`` asks something of its own besides its follow-up words and the
    ``places`` it names ("... lấy tiền từ những nguồn nào?", not "Còn Long Khánh thì sao?"
    nor "Còn Long Khánh thì ai làm?" nor "vậy hạn chót là ngày nào?")."""
    asking, content = _topic_words(question, places)
    return asking and len(content) >= 2


def asks_only_value(question: str) -> bool:
    """Whether ``question`` asks a value and names no topic at all ("vậy hạn chót là ngày
    nào?", "chậm nhất là khi nào?", "ở đâu?"): asked in a conversation, it asks that value
    of the previous question's topic."""
    asking, content = _topic_words(question)
    return asking and not content and len(question.split()) <= 12


def is_followup(question: str) -> bool:
    """Short questions that lean on the previous turn ("Còn Long Khánh?", "... thì sao?")."""
    folded = fold_diacritics(question)
    start, end, _ = _patterns()
    return bool(start.search(folded) or end.search(folded)) and len(folded.split()) <= 12


# the last word of a reference typed with marks ("cơ quan đó", "ở đây", "họ")
_POINTING = frozenset({"đó", "này", "ấy", "trên", "đây", "họ"})


@lru_cache(maxsize=1)
def _topic_pattern() -> re.Pattern[str]:
    """A kind of thing, up to five words of its own, then a demonstrative ("việc bố trí
    đó"); "trên" only where it ends the phrase ("nội dung trên", not "trên địa bàn")."""
    heads = "|".join(re.escape(h) for h in vocab.TOPIC_REFERENCE_HEADS)
    return re.compile(
        rf"\b(?:{heads})(?:\s+(?!(?:nào|gì|ai|đó|này|ấy)\b)\w+){{0,5}}?"
        r"\s+(đó|này|ấy|(?:nêu\s+)?trên(?=\s*(?:[?.,!;]|$|(?:thì|có|phải|được|là|do|cần|"
        r"gồm|theo|làm)\b)))\b"
    )


def reference(question: str) -> tuple[str, tuple[int, int]] | None:
    """What the question points back at ("cơ quan đó" → agency) and where; for a thing
    named with words of its own ("việc bố trí đó"), where its demonstrative is."""
    folded = fold_diacritics(question)
    marked = folded != question.lower()
    for kind, pattern in _patterns()[2].items():
        if m := pattern.search(folded):
            if kind == "agency" and m.group(0) == "ho" and len(folded.split()) > 12:
                continue
            last = question[m.start() : m.end()].split()[-1].lower()
            if marked and last not in _POINTING:
                continue  # typed with marks: "nhiệm vụ do Sở Y tế" is "by", not "that"
            return kind, m.span()
    if m := _topic_pattern().search(question.lower()):
        return "topic", m.span(1)
    return None


@dataclass(frozen=True)
class Context:
    """What the conversation so far is about: its last standalone question and what the
    last answer named."""

    question: str | None
    answer_agencies: tuple[str, ...]  # agency names as the answer wrote them
    answer_plans: tuple[str, ...]
    answer: str = ""  # the last answer's text, for the documents it names
    answers: tuple[str, ...] = ()  # the conversation's answers, oldest first


def _answer_agencies(text: str, catalog: AgencyCatalog) -> tuple[str, ...]:
    """Agencies an answer is about: its section headings first, then those it mentions."""
    names = [m.group(1).strip() for m in _HEADING.finditer(text)]
    names = [n for n in names if catalog.find(n) and any(m.keys for m in catalog.find(n))]
    if not names:
        for mention in catalog.find(text):
            if mention.keys:
                names.append(catalog.surface(text, mention))
    return tuple(dict.fromkeys(names))


def context_of(
    history: Sequence[Turn], documents: Sequence[DocumentMeta], catalog: AgencyCatalog
) -> Context:
    """The standalone form of the last user turn and what the last answer named."""
    previous: str | None = None
    agencies: tuple[str, ...] = ()
    plans: tuple[str, ...] = ()
    answer = ""
    answers: list[str] = []
    for turn in history:
        content = turn.content.strip()
        if not content:
            continue
        if turn.role == "user":
            ctx = Context(previous, agencies, plans, answer, tuple(answers))
            previous = resolve(content, ctx, documents, catalog) if previous else content
            answer = ""  # the documents an answer names are those of its own question
        else:
            agencies = _answer_agencies(content, catalog)
            plans = plans_named(fold_diacritics(content), documents)
            answer = content
            answers.append(content)
    return Context(previous, agencies, plans, answer, tuple(answers))


def resolve(
    question: str, ctx: Context, documents: Sequence[DocumentMeta], catalog: AgencyCatalog
) -> str:
    """``question`` made standalone from the conversation's context, and kept to the
    conversation's plans when it names none and does not turn to a new topic."""
    if not ctx.question:
        return question
    return _scoped(question, _resolve_turn(question, ctx, documents, catalog), ctx, documents)


def _resolve_turn(
    question: str, ctx: Context, documents: Sequence[DocumentMeta], catalog: AgencyCatalog
) -> str:
    """``question`` made standalone from the conversation's context."""
    if (cited := _cited_reference(question, ctx, documents)) is not None:
        return cited
    if (item := _answer_item_reference(question, ctx, documents)) is not None:
        return item
    if (part := _answer_part_reference(question, ctx, documents, catalog)) is not None:
        return part
    if (value := _answer_value_reference(question, ctx, documents, catalog)) is not None:
        return value
    ref = reference(question)
    if ref is not None:
        return _resolve_reference(question, ref, ctx, documents, catalog)
    names_own = bool(plans_named(fold_diacritics(question), documents)) or _names_agency(
        question, catalog
    )
    if asks_only_value(question) and not names_own:
        # "vậy hạn chót là ngày nào?" after a question about reporting: the deadline of
        # that reporting, not of anything in the plan it named
        return _with_previous(question, ctx, documents)
    if (
        leans_on_previous(question)
        and asks_own_topic(question)
        and not names_own
        and (carried := _context_plans(ctx, documents))
    ):
        # "Ngoài ngân sách ra thì chương trình còn lấy tiền từ những nguồn nào?" after a
        # Cần Thơ question: its own topic, the previous turn's plan
        return f"{question.rstrip(' ?')} ({_plan_words(carried, documents)})?"
    if (turned := _turned_to_plan(question, ctx, documents)) is not None:
        return turned
    if not is_followup(question):
        return question
    places = [d.locality for d in documents if d.locality]
    if plans_named(fold_diacritics(question), documents) and asks_own_topic(question, places):
        # "Vậy kế hoạch của Long Khánh đặt ra những mục tiêu gì?": a new topic of its own plan
        return question
    return _rewrite_one(question, ctx.question or "", documents, catalog)


# "<a plan or place> thì <a short question>" ("cb thi uu tien vung nao", "Long Khánh thì
# giao cho ai"): "thì" sets the plan as the new topic and the rest asks on. Folded.
_PLAN_THEN = re.compile(r"^\s*((?:\S+\s+){0,4}?\S+)\s+thi\s+(.+)$")
TURNED_WORDS = 8  # at most this many words after "thì" lean on the previous question
TURNED_NEW_WORDS = 1  # ... of which at most this many topic words the previous lacks


def _turned_to_plan(question: str, ctx: Context, documents: Sequence[DocumentMeta]) -> str | None:
    """The previous question asked again of another plan, with what ``question`` adds,
    when ``question`` opens with a plan or place then "thì" and goes on briefly, naming no
    body ("cb thi uu tien vung nao" after "Hà Nội ưu tiên đầu tư cơ sở vật chất cho trẻ
    em ở những địa bàn nào?"); None otherwise."""
    if is_followup(question):
        return None  # "Còn Long Khánh thì hạn là khi nào?": rewritten as a follow-up is
    folded = fold_diacritics(question)
    m = _PLAN_THEN.match(folded)
    if m is None or len(m.group(2).split()) > TURNED_WORDS:
        return None
    own = plans_named(m.group(1), documents)
    before = _context_plans(ctx, documents)
    if not own or not before or set(own) == set(before) or plans_named(m.group(2), documents):
        return None
    _, content = _topic_words(m.group(2))
    said = set(re.findall(r"\w+", fold_diacritics(ctx.question or "")))
    if len([w for w in content if w not in said]) > TURNED_NEW_WORDS:
        return None  # "Cao Bằng thì chỉ tiêu tiêm chủng ...": a topic of its own
    previous = _without_plans((ctx.question or "").rstrip(" ?"), before, documents)
    if (asked := _ASKED_END.search(fold_diacritics(previous))) and len(
        previous[: asked.start()].split()
    ) >= 3:
        previous = previous[: asked.start()].rstrip(" ,")
    named = ", ".join(d.locality or d.id for d in documents if d.id in own)
    rest = question[len(question) - len(m.group(2)) :].strip(" ?")
    return f"{previous} ở {named} — {rest}?"


def _with_previous(question: str, ctx: Context, documents: Sequence[DocumentMeta]) -> str:
    """The previous standalone question followed by what ``question`` asks of it, with the
    plans the conversation is about where the previous question names none."""
    previous = (ctx.question or "").rstrip(" ?")
    # what the previous question asked ("... qua đâu", "... cho cơ quan nào") gives way to
    # the value asked now; its topic stays
    folded = fold_diacritics(previous)
    if (m := _ASKED_END.search(folded)) and len(folded[: m.start()].split()) >= 3:
        previous = previous[: m.start()].rstrip(" ,")
    if not plans_named(fold_diacritics(previous), documents) and (
        carried := _context_plans(ctx, documents)
    ):
        previous = f"{previous} ({_plan_words(carried, documents)})"
    core = _FILLER.sub("", question).strip(" ?")
    return f"{previous} — {core}?"


@lru_cache(maxsize=1)
def _document_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A kind of document pointed at ("quyết định đó", "kế hoạch này"), and one named with
    its number ("Quyết định số 20/2022/QĐ-UBND"), both folded."""
    kinds = "|".join(re.escape(k) for k in sorted(vocab.CITED_KINDS, key=len, reverse=True))
    pointing = re.compile(rf"\b({kinds})\s+(?:do|nay|tren|ay)\b")
    named = re.compile(rf"\b({kinds})\s+(?:so\s+)?(\d{{1,5}})((?:[/\-][a-z0-9]+)*)")
    return pointing, named


def _cited_reference(question: str, ctx: Context, documents: Sequence[DocumentMeta]) -> str | None:
    """``question`` with "<kind> đó/này/trên" replaced by the document of that kind the
    previous question named (else the last one the answer named) when the plans only cite
    it ("Quyết định đó do ai ký?" after an answer citing Quyết định số 20/2022/QĐ-UBND), the
    conversation's plans kept; None when the kind points at no cited document (an indexed
    plan's own "kế hoạch đó" is resolved as a plan)."""
    pointing, named = _document_patterns()
    folded = fold_diacritics(question)
    ref = pointing.search(folded)
    if ref is None or len(folded) != len(question):
        return None
    if folded != question.lower() and question[ref.start() : ref.end()].split()[-1].lower() not in (
        _POINTING
    ):
        return None  # typed with marks: "chương trình do Sở Y tế chủ trì" is "by"
    kind = ref.group(1)
    own_numbers = {d.number.split("/")[0] for d in documents if d.number}
    found: tuple[str, re.Match[str]] | None = None
    # the user's own focus first, then the answers, newest first: "kế hoạch đó" two turns
    # after the answer that cited it, a short "giai đoạn nào?" between
    earlier = [a for a in reversed(ctx.answers) if a != ctx.answer]
    for text in (ctx.question or "", ctx.answer, *earlier):
        text_folded = fold_diacritics(text)
        if len(text_folded) != len(text):
            continue
        of_kind = [m for m in named.finditer(text_folded) if m.group(1) == kind]
        if text is ctx.answer and any(m.group(2) in own_numbers for m in of_kind):
            # an answer speaks "theo Kế hoạch 203": a plan it quotes from is what its
            # "kế hoạch đó" means, not one its quote cites
            return None
        if (
            of_kind
            and text is not ctx.question
            and text is not ctx.answer
            and of_kind[-1].group(2) in own_numbers
        ):
            return None  # an earlier answer's last word on the kind is the plan itself
        if of_kind:
            found = (text, of_kind[-1])
            break
    if found is None:
        return None
    text, m = found
    if m.group(2) in own_numbers:
        return None  # the plan itself, as the plan reference reads it
    name = text[m.start() : m.end()]
    name = name[:1].upper() + name[1:]
    resolved = question[: ref.start()] + name + question[ref.end() :]
    if not plans_named(folded, documents) and (carried := _context_plans(ctx, documents)):
        resolved = f"{resolved.rstrip(' ?')} ({_plan_words(carried, documents)})?"
    return resolved


# Items an answer lists by kind and number: "các chỉ tiêu 13, 21", "Chỉ tiêu 6:", "chỉ tiêu
# 3, 4, 5, 6, và 7". Folded.
_LISTED = re.compile(
    r"\b(chi tieu|muc tieu|nhiem vu|giai phap|dieu|khoan|diem|muc)\s+(?:so\s+)?"
    r"(\d{1,3}(?:\s*(?:,|va)\s*\d{1,3})*)\b"
)
# A follow-up picking one of them: "cái 21", "số 21", "cái đó", "cái cuối cùng trong số
# đó", "chỉ tiêu đầu tiên trong số đó", "cái thứ hai". Folded; the kind word before the pick
# is taken with it so that "Chỉ tiêu cuối cùng trong số đó" becomes "Chỉ tiêu 6".
_ORDINALS = {"dau tien": 0, "thu nhat": 0, "thu hai": 1, "thu ba": 2, "thu tu": 3, "thu nam": 4}
_PICK = re.compile(
    r"(?:\b(?:chi tieu|muc tieu|nhiem vu|giai phap|dieu|khoan|diem|muc|cai|con)\s+)?"
    r"(?:(?P<last>cuoi cung|cuoi)|(?P<ord>dau tien|thu nhat|thu hai|thu ba|thu tu|thu nam))"
    r"(?:\s+(?:trong|cua)\s+(?:so\s+)?(?:(?:cac|nhung)\s+\w+(?:\s+\w+)?\s+)?"
    r"(?:do|nay|ay|tren))?\b"
    r"|\bcai\s+(?:so\s+)?(?P<num>\d{1,3})\b"
    r"|\bcai\s+(?P<that>do|nay|ay)\b"
)


def _answer_item_reference(
    question: str, ctx: Context, documents: Sequence[DocumentMeta]
) -> str | None:
    """``question`` with a pick among the items the previous answer listed put as that item
    ("cai 21 la gi" after "... các chỉ tiêu 13, 21" → "Chỉ tiêu 21 (Cao Bằng) la gi";
    "Chỉ tiêu cuối cùng trong số đó ..." after "chỉ tiêu 3, 4, 5, 6" → "Chỉ tiêu 6 ...";
    "cai do bao gio xong" after an answer quoting one "Chỉ tiêu 6:"); None when the question
    picks nothing or the answer lists nothing of the kind picked."""
    if not ctx.answer:
        return None
    folded = fold_diacritics(question)
    pick = _PICK.search(folded)
    if pick is None:
        return None
    ordinal = pick.group("last") or pick.group("ord")
    if ordinal and " trong " not in pick.group(0) and " cua " not in pick.group(0):
        return None  # "lần đầu tiên", "cuối năm": an order of its own, not a pick
    listed: list[tuple[str, list[str]]] = []
    for m in _LISTED.finditer(fold_diacritics(ctx.answer)):
        listed.append((m.group(1), re.findall(r"\d{1,3}", m.group(2))))
    if not listed:
        return None
    if pick.group("num"):
        found = [(kind, n) for kind, numbers in listed for n in numbers if n == pick.group("num")]
        if not found:
            return None
        kind, number = found[0]
    elif pick.group("that"):
        items = {(kind, n) for kind, numbers in listed for n in numbers}
        if len(items) != 1:
            return None  # "cái đó" of an answer listing several: not one item
        kind, number = items.pop()
    else:
        kind, numbers = listed[-1] if pick.group("last") else listed[0]
        index = -1 if pick.group("last") else _ORDINALS[pick.group("ord")]
        if index >= len(numbers):
            return None
        number = numbers[index]
    name = f"{_KIND_WRITTEN.get(kind, kind)} {number}"
    text = folded if len(folded) != len(question) else question
    resolved = text[: pick.start()] + name + text[pick.end() :]
    if not plans_named(folded, documents) and (carried := _context_plans(ctx, documents)):
        resolved = f"{resolved.rstrip(' ?')} ({_plan_words(carried, documents)})?"
    return resolved[:1].upper() + resolved[1:]


# how an item's kind is written in the plans, for the standalone question
_KIND_WRITTEN = {
    "chi tieu": "Chỉ tiêu",
    "muc tieu": "Mục tiêu",
    "nhiem vu": "Nhiệm vụ",
    "giai phap": "Giải pháp",
    "dieu": "Điều",
    "khoan": "Khoản",
    "diem": "Điểm",
    "muc": "Mục",
}


def _context_plans(ctx: Context, documents: Sequence[DocumentMeta]) -> tuple[str, ...]:
    """The plans the conversation so far is about: the previous question's, narrowed by
    its answer where the answer settled which of a city's plans."""
    prev_plans = plans_named(fold_diacritics(ctx.question or ""), documents)
    if ctx.answer_plans and set(ctx.answer_plans) < set(prev_plans):
        prev_plans = tuple(ctx.answer_plans)
    return tuple(prev_plans or ctx.answer_plans)


def _plan_words(ids: Sequence[str], documents: Sequence[DocumentMeta]) -> str:
    """How to name the plans: their places, with the number where a place has several."""
    places = Counter(d.locality for d in documents)
    return ", ".join(
        f"{d.locality} {d.number}" if places[d.locality] > 1 and d.number else d.locality or d.id
        for d in documents
        if d.id in ids
    )


def _names_agency(text: str, catalog: AgencyCatalog) -> bool:
    """Whether ``text`` names an agency (not only asks "which agency")."""
    return any(m.keys for m in catalog.find(text))


def _resolve_reference(
    question: str,
    ref: tuple[str, tuple[int, int]],
    ctx: Context,
    documents: Sequence[DocumentMeta],
    catalog: AgencyCatalog,
) -> str:
    """Put what the reference points at in its place; add the plan the context was about."""
    kind, (start, end) = ref
    previous = ctx.question or ""
    prev_plans = _context_plans(ctx, documents)
    own_plans = plans_named(fold_diacritics(question), documents)
    where = "" if own_plans else _plan_words(prev_plans, documents)
    if kind == "agency" and ctx.answer_agencies:
        filled = ctx.answer_agencies[0] + (f" ({where})" if where else "")
        return question[:start] + filled + question[end:]
    if kind == "plan" and prev_plans:
        labels = ", ".join(d.label for d in documents if d.id in prev_plans)
        return question[:start] + labels + question[end:]
    # "chỉ tiêu này năm 2030 thì sao?": the previous question, with what is new
    rest = _FILLER.sub("", question[:start] + question[end:]).strip(" ?")
    rest = re.sub(r"\s{2,}", " ", rest)
    base = previous.rstrip(" ?")
    if own_plans and set(own_plans) != set(prev_plans):
        # "Còn Hà Nội thì việc đó ...": the question's own plan, not the previous one's
        base = _without_plans(base, prev_plans, documents)
    elif not plans_named(fold_diacritics(previous), documents) and prev_plans:
        base = f"{base} ({_plan_words(prev_plans, documents)})"
    if kind == "topic" and ctx.answer_agencies and not _names_agency(previous, catalog):
        # "phòng nào chủ trì ...?" answered with Phòng Tài chính – Kế hoạch: "việc đó" is
        # that agency's item
        base = f"{base} ({ctx.answer_agencies[0]})"
    return f"{base} — {rest}?" if rest else previous


def _rewrite_one(
    question: str, previous: str, docs: Sequence[DocumentMeta], catalog: AgencyCatalog
) -> str:
    """``question`` made standalone from one standalone ``previous`` question."""
    core = _FILLER.sub("", question).strip(" ?")
    mentions = [m for m in catalog.find(question) if m.keys]
    new_docs = plans_named(fold_diacritics(question), docs)
    prev_docs = plans_named(fold_diacritics(previous), docs)
    if not mentions and not new_docs and (swapped := _field_swapped(core, previous, catalog)):
        return swapped

    if mentions:
        mention = catalog.surface(question, mentions[0])
        if (own := _own_ask(core, mention)) is not None:
            return own
        prev_mentions = [m for m in catalog.find(previous) if m.keys]
        if prev_mentions and catalog.surface(previous, prev_mentions[0]) in previous:
            p = prev_mentions[0]
            rewritten = previous[: p.start] + mention + previous[p.end :]
            if new_docs and prev_docs and set(new_docs) != set(prev_docs):
                # "Còn công an Long Khánh?" after a Cao Bằng question: the new plan's
                rewritten = _without_plans(rewritten, prev_docs, docs)
                named = ", ".join(d.locality or d.id for d in docs if d.id in new_docs)
                return f"{rewritten.rstrip(' ?')} ở {named}?"
        else:
            rewritten = f"{mention} phải làm gì?"
            places = [d.locality for d in docs if d.id in prev_docs and d.locality]
            if places:
                rewritten = f"{mention} ở {', '.join(places)} phải làm gì?"
        if new_docs and not prev_docs:
            rewritten = f"{rewritten.rstrip()} ({core})"
        return rewritten

    if new_docs:
        base = _without_plans(previous, prev_docs, docs)
        named = ", ".join(d.locality or d.id for d in docs if d.id in new_docs)
        return f"{base.rstrip(' ?')} ở {named}?"

    return f"{previous.rstrip(' ?')}: {core}?"


# "làm gì", "làm những việc gì", "nhiệm vụ gì": the new body's duties asked outright. Folded.
_DUTIES_ASKED = re.compile(r"\blam (?:nhung )?(?:viec )?gi\b|\bnhiem vu\b")


def _own_ask(core: str, mention: str) -> str | None:
    """``core`` as its own question when, besides the body ``mention`` it swaps in, it asks
    a topic of its own ("Sở Tư pháp thì lo những việc gì", "Công an tỉnh thì gắn với chỉ
    tiêu số mấy"): the previous question's narrowing or asked value is not what is asked
    of the new body. None for a bare swap ("Sở Tư pháp thì sao", "... phải làm gì")."""
    if mention not in core:
        return None
    after = core[core.index(mention) + len(mention) :]
    after = re.sub(r"^\s*(?:thì|thi)\b", "", after)
    asking, content = _topic_words(after)
    if not asking or not (content or _DUTIES_ASKED.search(fold_diacritics(after))):
        return None  # "thì sao", "thì hạn là khi nào": the previous question's value
    head = core[: core.index(mention)]
    return f"{head}{mention}{after}?".strip()


_FOLDED_FILLER = re.compile(
    r"^\s*(?:the con|vay con|con ve|con|the|vay)\s+|\s*(?:thi sao|the nao|ra sao|nua|thi)\s*\??\s*$"
)


def _field_swapped(core: str, previous: str, catalog: AgencyCatalog) -> str | None:
    """The previous question with its agency swapped for the body of the same kind in the
    field ``core`` names ("con y te thi sao" after "phong gd lk lam gi" asks of Phòng Y tế:
    a bare field after "còn" means the previous kind of body in that field); None when the
    previous question names no agency or no body of that kind works in that field."""
    prev_mentions = [m for m in catalog.find(previous) if m.keys]
    # typed without marks, the filler is still there ("con y te thi sao")
    core = _FOLDED_FILLER.sub("", fold_diacritics(core)).strip(" ?")
    words = core.split()
    if not prev_mentions or not 1 <= len(words) <= 6:
        return None
    p = prev_mentions[0]
    surface = catalog.surface(previous, p)
    if surface not in previous:
        return None
    head = surface.split()[0]
    found = [m for m in catalog.find(f"{head} {core}") if m.keys]
    if not found or found[0].start != 0 or found[0].keys == p.keys:
        return None
    name = catalog.surface(f"{head} {core}", found[0])
    start = previous.index(surface)
    return previous[:start] + name + previous[start + len(surface) :]


def _without_plans(text: str, ids: Sequence[str], docs: Sequence[DocumentMeta]) -> str:
    """``text`` without what names the plans ``ids``: place, number and year ("kế hoạch
    Cần Thơ 2017" asked again of Hà Nội must not ask Hà Nội's plan about 2017)."""
    for doc in docs:
        if doc.id in ids:
            names = [doc.locality or ""]
            if doc.number:
                names.append(doc.number)
                names.append(doc.number.split("/")[0])
            for name in filter(None, names):
                text = re.sub(
                    rf"(?:\s+(?:của|ở|tại))?\s*{re.escape(name)}\b",
                    "",
                    text,
                    flags=re.IGNORECASE,
                )
            if doc.year:
                text = re.sub(rf"\s*(?:năm\s+)?\b{doc.year}\b", "", text, flags=re.IGNORECASE)
    return re.sub(r"\s+(?:ở|tại|của)\s*(?=[?.]|$)", "", re.sub(r"\s{2,}", " ", text)).strip()


# --- the conversation's scope ---------------------------------------------------------------

# Openings that turn to a new topic: what follows is not asked of the conversation's plans
# ("À mà tổng đài 111 ...", "Đổi chủ đề chút: ...", "Câu khác nhé: ..."). Folded.
_NEW_TOPIC = re.compile(
    r"^\s*(?:a ma|a nay|a con|doi chu de|chuyen chu de|sang chu de|chu de khac|cau khac|"
    r"hoi cau khac|hoi khac|hoi them cau khac|nhan tien|tien the|mot cau khac|ngoai le)\b"
)
# A question asked of the plans side by side or of which plan: not of the conversation's
# ("kế hoạch nào có chỉ tiêu tiêm chủng", "các tỉnh có giống nhau không"). Folded.
_ACROSS_PLANS = re.compile(
    r"\b(?:(?:ke hoach|van ban|tinh|thanh pho|dia phuong|noi) nao|cac (?:ke hoach|tinh|"
    r"thanh pho|dia phuong)|nhung (?:ke hoach|tinh|dia phuong)|ca (?:nam|5) ke hoach|"
    r"so sanh|moi (?:tinh|dia phuong|ke hoach))\b"
)


def turns_to_new_topic(question: str) -> bool:
    """Whether ``question`` opens by leaving the conversation's topic ("À mà ...", "Đổi
    chủ đề: ...")."""
    return bool(_NEW_TOPIC.search(fold_diacritics(question)))


def _scoped(question: str, resolved: str, ctx: Context, documents: Sequence[DocumentMeta]) -> str:
    """``resolved`` kept to the plans the conversation is about when it names no plan, no
    other place, asks nothing across plans and does not turn to a new topic: "chỉ tiêu 12
    là gì?" after a Cao Bằng answer asks Cao Bằng's chỉ tiêu 12, and the chain keeps its
    plan for the turns after."""
    if turns_to_new_topic(question):
        return question  # nothing of the old topic is carried into a new one
    folded = fold_diacritics(resolved)
    if plans_named(folded, documents) or places_named(folded, documents):
        return resolved
    if _ACROSS_PLANS.search(folded):
        return resolved
    carried = _context_plans(ctx, documents)
    if not carried or len(carried) >= len(documents):
        return resolved  # the conversation is about every plan: nothing to narrow to
    return f"{resolved.rstrip(' ?')} ({_plan_words(carried, documents)})?"


# A pointer into the previous answer that opens the question: "việc thứ hai", "nội dung
# thứ ba", "trong đó", "trong phần đó", "trong các việc trên"; "(điểm b)" anywhere. Folded;
# "trong độ tuổi" is no pointer.
_ORDINAL_INDEX = {word: n - 1 for word, n in vocab.ORDINALS.items()}
_PART = re.compile(
    r"^\s*(?:(?:con|vay|the|va)\s+)?(?:"
    r"(?:viec|nhiem vu|noi dung|diem|y|phan|muc|hoat dong|giai phap|chi tieu|bien phap)\s+"
    rf"thu\s+(?P<ord>{vocab.ORDINAL_WORDS})"
    r"|trong\s+(?:(?:phan|muc|noi dung|cac viec|nhung viec|cac y|nhung y|cac diem)\s+)?"
    r"(?:do|nay|ay|tren)(?!\s+tuoi))\b"
)
_LETTER_POINT = re.compile(r"\(\s*(?:diem|y|muc)\s+(?P<letter>[a-z])\s*\)?\s*\)?")
# an item the answer lists: "1. Truyền thông ...;" or "a) Phối hợp ..." (as written)
_LISTED_ITEM = re.compile(r"(?:^|[\s“:;(])(?P<key>\d{1,2}\.|[a-zđ]\))\s+(?P<text>[^;…\n”]+)")
# the section an answer quotes: the last part of its heading before the citation mark
_ANSWER_SECTION = re.compile(r"—\s*([^\[\n]+?)\s*\[\d+\]")


def _answer_anchor(ctx: Context, documents: Sequence[DocumentMeta]) -> str:
    """What the previous answer quoted, to ask within: the section its heading names with
    the conversation's plans ("Phòng Tư pháp (Long Khánh)"), else the previous question."""
    where = _plan_words(_context_plans(ctx, documents), documents)
    if m := _ANSWER_SECTION.search(ctx.answer):
        section = m.group(1).split("›")[-1].strip()
        section = re.sub(r"^(?:[IVX]+|\d{1,2}|[a-zđ])[.)]\s*", "", section)
        section = section.strip(" .")
        if section:
            return f"{section} ({where})" if where else section
    previous = (ctx.question or "").rstrip(" ?")
    if where and not plans_named(fold_diacritics(previous), documents):
        previous = f"{previous} ({where})"
    return previous


def _answer_part_reference(
    question: str, ctx: Context, documents: Sequence[DocumentMeta], catalog: AgencyCatalog
) -> str | None:
    """``question`` asked within what the previous answer quoted when it points into it
    ("trong đó có nhắc gì tới đồ chơi không?" after Phòng Văn hóa – Thông tin's duties →
    "Phòng Văn hóa – Thông tin (Long Khánh) — có nhắc gì tới đồ chơi không?"); an ordinal
    ("nội dung thứ ba nói gì?") is the answer's listed item of that rank where it lists
    one; None when the question points at no part of the answer or names a body itself."""
    if not ctx.answer:
        return None
    folded = fold_diacritics(question)
    part = _PART.search(folded)
    letter = _LETTER_POINT.search(folded)
    if part is None and letter is None:
        return None
    if _names_agency(question, catalog) or plans_named(folded, documents):
        return None  # "trong phần việc của Sở Y tế ...": the body it names is the scope
    start, end = part.span() if part is not None else (0, 0)
    text = question if len(folded) == len(question) else folded
    rest = (text[:start] + text[end:]).strip(" ?,:")
    items = {
        m.group("key").rstrip(".)"): m.group("text") for m in _LISTED_ITEM.finditer(ctx.answer)
    }
    key = ""
    if letter is not None:
        key = letter.group("letter")
    elif part is not None and part.group("ord"):
        index = _ORDINAL_INDEX[part.group("ord")]
        key = str(index + 1)
        if key not in items:
            key = "abcdefg"[index]
    if key and key in items:
        # the item's own words: what it is about, as the plan writes it
        words = " ".join(items[key].split()[:12]).rstrip(" ,.")
        where = _plan_words(_context_plans(ctx, documents), documents)
        anchor = f"{words} ({where})" if where else words
        if letter is not None and part is None:
            return f"{anchor} — {rest}?"
        return f"{anchor} — {rest}?" if rest else f"{anchor}?"
    anchor = _answer_anchor(ctx, documents)
    if key:
        # "việc thứ hai (điểm b)" of a list the answer did not show whole: the section's
        # whole list is asked, the item's pointer is no topic of its own
        return _unshown_item(anchor, text, [part, letter], catalog)
    return f"{anchor} — {rest}?" if rest else f"{anchor}?"


# What is left of a question once its pointer is taken off and that asks nothing of its own:
# "cụ thể là gì", "nói gì", "là gì", "gồm những gì". Folded.
_ASKS_ITEM_ONLY = re.compile(
    r"^\s*(?:(?:cu the|chi tiet)\s+)?(?:(?:la|noi|gom|co|de cap|nhac)(?:\s+(?:ve|den|toi))?\s+)?"
    r"(?:nhung\s+)?"
    r"(?:gi|the nao|ra sao|nhu the nao)(?:\s+(?:cu the|vay|the))?\s*$"
)


def _unshown_item(
    anchor: str,
    text: str,
    pointers: Sequence[re.Match[str] | None],
    catalog: AgencyCatalog,
) -> str:
    """The question about an item the previous answer points at but did not show, asked of
    the answer's section as a whole: the pointers ("việc thứ hai", "(điểm b)") taken off;
    what only asks the item ("cụ thể là gì") becomes the section's list ("Phòng Tư pháp
    (Long Khánh) phải làm gì?"), what asks more stays ("... — có nhắc tới con nuôi không?")."""
    rest = text
    for m in sorted((p for p in pointers if p is not None), key=lambda p: -p.start()):
        rest = rest[: m.start()] + " " + rest[m.end() :]
    rest = re.sub(r"\s{2,}", " ", rest).strip(" ?,:")
    if not rest or _ASKS_ITEM_ONLY.match(fold_diacritics(rest)):
        body = anchor.split(" (")[0]
        asked = "phải làm gì" if _names_agency(body, catalog) else "gồm những nội dung gì"
        return f"{anchor} {asked}?"
    return f"{anchor} — {rest}?"


# A value or item of the previous answer pointed at with a demonstrative: "hạn đó", "mức
# giảm đó", "con số này", "tỷ lệ ấy", "việc đó", "điểm này", with up to three words of its
# own between. Persons and bodies ("ông ấy", "trung tâm đó") are no value: they keep the
# agency and topic references. Folded.
_VALUE_HEADS: dict[str, str] = {
    "han chot": "date",
    "thoi han": "date",
    "han": "date",
    "moc": "date",
    "thoi diem": "date",
    "muc": "number",  # "mức" (a level); folded, also "mục" (a section): both in a quote
    "con so": "number",
    "so lieu": "number",
    "ty le": "number",
    "chi tieu": "target",
    "muc tieu": "target",
    "viec": "item",
    "nhiem vu": "item",
    "diem": "item",
    "noi dung": "item",
    "hoat dong": "item",
}
_VALUE_POINTERS = ("do", "nay", "ay", "tren")


@lru_cache(maxsize=1)
def _value_pattern() -> re.Pattern[str]:
    heads = "|".join(re.escape(h) for h in sorted(_VALUE_HEADS, key=len, reverse=True))
    return re.compile(
        rf"\b(?P<head>{heads})(?P<own>(?:\s+(?!(?:nao|gi|ai|do|nay|ay|la|co|thi)\b)\w+)"
        rf"{{0,3}}?)\s+(?P<that>{'|'.join(_VALUE_POINTERS)})\b(?!\s+tuoi)"
    )


# what a quote holds for each kind of value: a date or term, a figure, a target
_KIND_IN_QUOTE = {
    "date": re.compile(r"\b(?:ngay|thang|quy|nam|truoc|han|hang nam|dinh ky)\s*\d|\b\d{1,2}/\d"),
    "number": re.compile(
        r"\d\s*%|\b(?:dat|giam|tang|it nhat|toi thieu|toi da)\b.{0,40}?\d"
        r"|\d[\d.,]*\s+(?:trieu|ty|nghin|tre|nguoi|xa|lan|dong)\b"
    ),
    # a target's value, not a list of targets' numbers ("các chỉ tiêu 1, 2, 8")
    "target": re.compile(r"\d\s*%|\b(?:dat|giam|tang|it nhat|toi thieu)\b.{0,40}?\d"),
}
# words between a value's head and its demonstrative that make the demonstrative another
# noun's: a body's or person's ("phần việc của sở đó", "việc giao cho phòng ấy")
_NOT_VALUE_OWN = frozenset({
    "cua", "cho", "ve", "trong", "o", "tai", "voi", "tu", "den", "theo", "boi",
    "so", "phong", "nganh", "ban", "trung", "ong", "ho", "don", "co", "quan", "ubnd", "uy",
    "huyen", "xa", "tinh", "thanh", "pho", "ke", "hoach", "van",
})  # fmt: skip
_QUOTED = re.compile(r"“([^”]+)”")


def _value_answer(head: str, own: str, answers: Sequence[str]) -> str | None:
    """The answer, newest first, whose quote holds the value pointed at: one writing the
    pointer's own words ("mức giảm"), else one holding that kind of value (a date for
    "hạn"), else the newest answer that quotes at all."""
    quoting = [a for a in reversed(answers) if _QUOTED.search(a) and _ANSWER_SECTION.search(a)]
    if not quoting:
        return None
    quotes = {a: fold_diacritics(" ".join(_QUOTED.findall(a))) for a in quoting}
    named = f"{head}{own}".strip()
    if own.strip():
        for answer in quoting:
            if re.search(rf"\b{re.escape(named)}\b", quotes[answer]):
                return answer
    kind = _VALUE_HEADS[head]
    if (fits := _KIND_IN_QUOTE.get(kind)) is not None:
        for answer in quoting:
            if fits.search(quotes[answer]):
                return answer
    return quoting[0]


def _answer_value_reference(
    question: str, ctx: Context, documents: Sequence[DocumentMeta], catalog: AgencyCatalog
) -> str | None:
    """``question`` asked within the passage an earlier answer quoted when it points at a
    value or item of that quote ("Hạn đó áp dụng cho những đơn vị nào?" after an answer
    quoting "báo cáo ... trước ngày 15/12" of Hà Nội's V. CHẾ ĐỘ THÔNG TIN BÁO CÁO →
    "CHẾ ĐỘ THÔNG TIN BÁO CÁO (Hà Nội) — Hạn đó áp dụng cho những đơn vị nào?"); None
    when it points at no value, names a plan or body of its own, or no answer quotes."""
    if not ctx.answers:
        return None
    folded = fold_diacritics(question)
    m = next(
        (
            v
            for v in _value_pattern().finditer(folded)
            if not set(v.group("own").split()) & _NOT_VALUE_OWN
        ),
        None,
    )
    if m is None:
        return None
    if folded != question.lower():
        typed = question[m.start("that") : m.end("that")].lower()
        if typed not in _POINTING:
            return None  # typed with marks: "việc do Sở Y tế chủ trì" is "by", not "that"
    if _names_agency(question, catalog) or plans_named(folded, documents):
        return None  # the body or plan it names is the scope
    answer = _value_answer(m.group("head"), m.group("own"), ctx.answers)
    if answer is None:
        return None
    section = _ANSWER_SECTION.search(answer)
    assert section is not None  # _value_answer keeps only answers that cite a section
    name = section.group(1).split("›")[-1].strip()
    name = re.sub(r"^(?:[IVX]+|\d{1,2}|[a-zđ])[.)]\s*", "", name).strip(" .")
    if not name:
        return None
    plans = plans_named(fold_diacritics(answer), documents) or _context_plans(ctx, documents)
    where = _plan_words(plans, documents)
    anchor = f"{name} ({where})" if where else name
    asked = question.strip().rstrip(" ?")
    if _VALUE_HEADS[m.group("head")] in ("number", "target") and (
        subject := _figure_subject(answer)
    ):
        # "con số đó" alone is no topic the plans write: what the figure measures is
        asked = f"{asked[: m.end()]} ({subject}){asked[m.end() :]}"
    return f"{anchor} — {asked}?"


# what opens a quote before its figure: a target's number ("Chỉ tiêu 1:"), kept whole;
# the words a figure follows, left out ("đạt 87%", "từ 2 đến 3%")
_TARGET_LABEL = re.compile(r"^\s*(?:[-–•]\s*)?(?:chỉ tiêu|mục tiêu)\s+\d{1,3}\s*[:.]\s*", re.I)
_BEFORE_FIGURE = re.compile(
    r"(?:\s+(?:đạt|từ|là|ở mức|khoảng|trên|dưới|ít nhất|tối thiểu|còn|có|chiếm|phấn đấu))+\s*$",
    re.I,
)
FIGURE_SUBJECT_WORDS = 16  # at most this many words name what a figure measures


def _figure_subject(answer: str) -> str:
    """What the figure an answer quotes measures: the quoted sentence's words before its
    first figure ("Chỉ tiêu 1: Tỷ lệ xã, phường, thị trấn đạt tiêu chuẩn phù hợp với trẻ em"
    of "... đạt 87% vào năm 2025"); empty when no quote holds a figure."""
    for quote in _QUOTED.findall(answer):
        label = _TARGET_LABEL.match(quote)
        start = label.end() if label else 0
        # a year ("từ năm 2024") dates a figure, it is none
        if (figure := re.search(r"(?<![\d/])(?!(?:19|20)\d\d\b)\d", quote[start:])) is None:
            continue
        subject = _BEFORE_FIGURE.sub("", quote[: start + figure.start()]).strip(" ,;:")
        if len(subject[start:].split()) > FIGURE_SUBJECT_WORDS:
            return ""  # the figure comes late: the words before it are no name
        return subject
    return ""
