"""Courtesy around a question: the words that open and close it politely and ask nothing.

"Cho tôi hỏi với, còn Long Khánh?" is the follow-up "còn Long Khánh?"; "Gọi số đó có mất
phí không vậy ạ?" is the yes/no question "Gọi số đó có mất phí không?". Left in, the opener
hides a follow-up's "còn" and the closing particles hide the "không" that makes a yes/no
question, so the same question read differently by how politely it was typed. The forms are
data (``vocab.COURTESY_OPENERS``, ``vocab.CLOSING_PARTICLES``); this module only takes them off.
"""

from __future__ import annotations

import re
from functools import lru_cache

from assistant.text import fold_diacritics, typed_with_marks
from assistant.understand import vocab

# what must be left: a question of at least two words
_ENOUGH = re.compile(r"\w+\W+\w+")


@lru_cache(maxsize=1)
def _opener() -> re.Pattern[str]:
    forms = "|".join(sorted(vocab.COURTESY_OPENERS, key=len, reverse=True))
    # one or more openers in a row ("Dạ, anh chị ơi, cho em hỏi chút:"), each followed by a
    # pause or a space, at the very start
    return re.compile(rf"^(?:\s*(?:{forms})\b\s*[,.:;!?-]*)+\s*")


@lru_cache(maxsize=2)
def _closing(accented: bool) -> re.Pattern[str]:
    # a particle typed with its marks is one whatever the rest; typed without them, only
    # the forms no content word folds to
    words = vocab.CLOSING_PARTICLES
    if not accented:
        words += vocab.CLOSING_PARTICLES_PLAIN
    forms = "|".join(sorted(map(re.escape, words), key=len, reverse=True))
    # particles at the very end, before the final question mark or full stop if any
    return re.compile(rf"(?:[\s,]+(?:{forms}))+(?=\s*[?.!…]*\s*$)", re.IGNORECASE)


def without_courtesy(text: str) -> str:
    """``text`` without the courtesy that opens it ("Cho tôi hỏi với,", "Dạ anh chị ơi,") and
    the particles that close it ("vậy ạ", "nhé", "nhỉ"); ``text`` as it is when nothing
    is taken or too little would be left. Typed without marks, only closing words that
    cannot be content words are taken ("cụ thể" folds to "cu the": its "the" stays)."""
    rest = text
    folded = fold_diacritics(rest)
    if len(folded) == len(rest) and (m := _opener().match(folded)) and m.end() < len(rest):
        rest = rest[m.end() :]
    rest = _closing(typed_with_marks(rest)).sub("", rest)
    if rest == text or not _ENOUGH.search(rest):
        return text
    # left in the case it was typed: a capital would read "so dt" as a code ("So dt")
    return rest
