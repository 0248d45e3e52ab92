"""The metamorphic checker's rewrites mean the same question, typed differently."""

from __future__ import annotations

import unicodedata

from assistant.text import fold_diacritics
from scripts.metamorphic import VARIANTS, retone


def test_a_slipped_tone_changes_only_tones_and_stays_composed() -> None:
    question = "Theo kế hoạch, Sở Y tế Hà Nội phải làm những việc gì để hỗ trợ trẻ em?"
    slipped = retone(question)
    assert slipped != question
    assert fold_diacritics(slipped) == fold_diacritics(question)  # same letters, same vowels
    assert unicodedata.normalize("NFC", slipped) == slipped
    # every syllable stays one composed syllable: no mark left floating ("ẽ̂")
    assert not any(unicodedata.combining(ch) for ch in slipped)


def test_each_variant_keeps_the_words() -> None:
    question = "Sở Tư pháp Cao Bằng phải làm gì?"
    for name, rewrite in VARIANTS.items():
        assert "phap" in fold_diacritics(rewrite(question)), name
    assert VARIANTS["tail"](question).endswith("vậy ạ?")
