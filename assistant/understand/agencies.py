"""Agencies: keys from the plans' own assignment headings, and the ways a question names them.

The index's section headings ("7. Sở Tư pháp", "4. Phòng Văn hóa – Thông tin",
"2. Sở Văn hóa, Thể thao và Du lịch") give every agency the plans assign tasks to. A
question names one in full, in part ("Sở Văn hóa và Thể thao"), by initials ("Sở VHTT",
"GD&ĐT", "LĐTBXH"), by a district-level equivalent ("Phòng Tư pháp" ≈ "Sở Tư pháp") or by
its own head ("CA tỉnh", "Thành đoàn"). A question may also name a body no plan assigns
anything to ("Bộ đội Biên phòng", "Bộ Tư pháp"): that is an *unknown* agency, which the
answer must find in a cited passage or say the plans do not cover.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from assistant.text import fold_diacritics
from assistant.understand import vocab

_AGENCY_PREFIX = re.compile(r"^(?:de nghi\s+)?(?:so|phong|nganh)\s+")
_AGENCY_SUFFIX = re.compile(
    r"\s+(?:thanh pho|tinh|thi xa|quan|huyen|co trach nhiem)(?:\s.*)?$|\s*[;,(].*$"
)
_TOKEN = re.compile(r"[a-z0-9]+")


def _self_named(folded: str) -> list[str]:
    return [
        head
        for head, phrases in vocab.SELF_NAMED.items()
        if any(re.search(rf"\b{re.escape(p)}\b", folded) for p in phrases)
    ]


def agency_key(name: str) -> str:
    """A plan-independent key for an agency: "Phòng Tư pháp" and "Sở Tư pháp" → "tu phap"."""
    folded = fold_diacritics(name).strip()
    folded = _AGENCY_PREFIX.sub("", folded)
    folded = _AGENCY_SUFFIX.sub("", folded)
    folded = re.sub(r"[^a-z0-9 ]+", " ", folded)
    folded = re.sub(r"\s+", " ", folded).strip()
    heads = _self_named(folded)
    if heads and (folded.startswith(heads[0]) or len(folded.split()) > 3):
        return heads[0]
    for head in vocab.SELF_NAMED:
        if folded.startswith(head):
            return head
    if folded.startswith(("uy ban nhan dan", "ubnd")):
        return "ubnd"
    return folded


@lru_cache(maxsize=4096)
def agency_keys(name: str) -> frozenset[str]:
    """Every agency a section title names: "Đề nghị Ủy ban Mặt trận..., Đoàn Thanh niên...,
    Hội Liên hiệp Phụ nữ..." assigns tasks to three bodies at once."""
    keys = {agency_key(name)}
    folded = fold_diacritics(name)
    if not folded.startswith("bo "):  # "Bộ Công an" is a ministry, not the police of a plan
        keys.update(_self_named(folded))
    return frozenset(keys)


def _content(words: Iterable[str]) -> tuple[str, ...]:
    return tuple(w for w in words if w not in vocab.AGENCY_FILLER)


@dataclass(frozen=True)
class AgencyMention:
    """An agency a question names: what was typed and the index's agencies it means."""

    mention: str  # folded words as typed, e.g. "so van hoa va the thao"
    keys: frozenset[str]  # agency keys in the index it matches (empty: no plan assigns it)
    start: int = 0  # where in the folded question the mention starts
    end: int = 0
    surface: str = ""  # as the user wrote it ("Bộ đội Biên phòng")


# a body's opening word written as a name's ("Sở", "Phòng", "Ban"; typed without marks too:
# "Phong Tai nguyen"), which a name's capital follows
_NAME_HEADS = frozenset({"Sở", "SỞ", "So", "SO", "Phòng", "PHÒNG", "Phong", "PHONG", "Ban", "BAN"})


@dataclass(frozen=True)
class AgencyCatalog:
    """The agencies the index's plans assign tasks to, keyed as ``agency_key`` does."""

    keys: frozenset[str]
    names: dict[str, str]  # key → one heading name as the plans write it
    initials: dict[str, frozenset[str]]  # "vhtt" → keys whose words start v, h, t, t
    # "yte", "tuphap", "vanhoathethao" → keys whose leading content syllables, joined, spell
    # it: names typed with their syllables run together
    joined: dict[str, frozenset[str]] = field(default_factory=dict)
    # "gd", "yt", "tp": initials of two leading content words, read only right after a
    # prefix ("Sở GD", "ngành YT"): alone, two letters mean too many things
    short: dict[str, frozenset[str]] = field(default_factory=dict)
    # every heading as folded words → its keys: a body named by its own head ("Trung tâm
    # Y tế") is known when some heading spells it ("Phòng Y tế; Trung tâm Y tế thành phố")
    spelled: dict[str, frozenset[str]] = field(default_factory=dict)
    # the plans' own localities, folded ("long khanh"): a body's name ends before them
    localities: frozenset[str] = frozenset()
    # "syt", "sgd", "stttt", "pgd": the initial of a prefix ("Sở", "Phòng") run into the
    # initials of two or more leading content words, typed as one word
    prefixed: dict[str, frozenset[str]] = field(default_factory=dict)

    @classmethod
    def from_headings(
        cls, headings: Iterable[str], localities: Iterable[str] = ()
    ) -> AgencyCatalog:
        """The catalogue of every agency named by ``headings`` (chunks' ``agency`` field),
        for plans of ``localities`` (their names as written)."""
        names: dict[str, str] = {}
        headings_ = list(headings)  # read twice: names, then spellings
        for heading in headings_:
            for key in agency_keys(heading):
                names.setdefault(key, heading)
        # initials of every key's leading content words: "vhtt" → keys starting
        # "van hoa the thao"; 3 letters at least, so "yt" or "tp" mean nothing
        table: dict[str, set[str]] = {}
        for key in names:
            words = _content(key.split())
            for n in range(3, len(words) + 1):
                table.setdefault("".join(w[0] for w in words[:n]), set()).add(key)
        short: dict[str, set[str]] = {}
        for key in names:
            words = _content(key.split())
            if len(words) >= 2:
                short.setdefault(words[0][0] + words[1][0], set()).add(key)
        joined: dict[str, set[str]] = {}
        for key in names:
            words = _content(key.split())
            for n in range(2, len(words) + 1):
                joined.setdefault("".join(words[:n]), set()).add(key)
        prefixed: dict[str, set[str]] = {}
        for key in names:
            if key in vocab.SELF_NAMED or key == "ubnd":
                continue  # "Công an", "Hội Phụ nữ": never typed after "Sở"/"Phòng"
            words = _content(key.split())
            for n in range(2, len(words) + 1):
                for letter in vocab.PREFIX_INITIALS:
                    typed = letter + "".join(w[0] for w in words[:n])
                    if typed not in vocab.NOT_AGENCY_INITIALS:
                        prefixed.setdefault(typed, set()).add(key)
        spelled: dict[str, set[str]] = {}
        for heading in headings_:
            spelling = " ".join(_TOKEN.findall(fold_diacritics(heading)))
            spelled.setdefault(spelling, set()).update(agency_keys(heading))
        return cls(
            frozenset(names),
            names,
            {k: frozenset(v) for k, v in table.items()},
            {k: frozenset(v) for k, v in joined.items()},
            {k: frozenset(v) for k, v in short.items()},
            {k: frozenset(v) for k, v in spelled.items()},
            frozenset(fold_diacritics(p) for p in localities if p),
            {k: frozenset(v) for k, v in prefixed.items()},
        )

    def keys_for(self, words: tuple[str, ...]) -> frozenset[str]:
        """Keys whose content words include all of ``words`` in the same order."""
        wanted = _content(words)
        if not wanted:
            return frozenset()
        found = set()
        for key in self.keys:
            have = _content(key.split())
            it = iter(have)
            if all(w in it for w in wanted) and (len(wanted) >= 2 or len(have) <= 2):
                found.add(key)
        return frozenset(found)

    def spelled_keys(self, phrase: str) -> frozenset[str]:
        """Keys of the headings that spell the folded ``phrase`` as whole words."""
        pattern = re.compile(rf"\b{re.escape(phrase)}\b")
        found: set[str] = set()
        for heading, keys in self.spelled.items():
            if pattern.search(heading):
                found.update(keys)
        return frozenset(found)

    def find(self, text: str) -> list[AgencyMention]:
        """Every agency the question ``text`` names, in order of appearance."""
        folded = _expand_abbreviations(fold_diacritics(text))
        original = text if len(text) == len(folded) else folded  # case of "Sở"/"Phòng"
        tokens = [(m.group(0), m.start(), m.end()) for m in _TOKEN.finditer(folded)]
        words = [t for t, _, _ in tokens]
        mentions: list[AgencyMention] = []
        taken: set[int] = set()
        initials = self.initials

        # where punctuation stands between two words: a name never runs across a comma
        # ("các sở, ngành, kế hoạch của Cần Thơ" names no "Sở ... Kế hoạch")
        breaks = {
            k
            for k in range(1, len(tokens))
            if _BREAK.search(folded[tokens[k - 1][2] : tokens[k][1]])
        }

        def runs_on(i: int, j: int) -> bool:
            return not breaks & set(range(i + 1, j))

        def set_aside(i: int) -> bool:
            # "Ngoài các sở, ngành, ...": bodies named to be left out of what is asked
            k = i - 1
            while k >= 0 and words[k] in ("cac", "nhung", "ca"):
                k -= 1
            return k >= 0 and words[k] in vocab.SETTING_ASIDE

        def add(i: int, j: int, keys: frozenset[str]) -> None:
            mention = " ".join(words[i:j])
            start, end = tokens[i][1], tokens[j - 1][2]
            surface = text[start:end] if original is text else mention
            taken.update(range(i, j))
            if not set_aside(i):
                mentions.append(AgencyMention(mention, keys, start, end, surface))

        def capital(k: int) -> bool:
            return original is text and original[tokens[k][1] : tokens[k][1] + 1].isupper()

        def index_at(offset: int) -> int:
            return next(k for k, t in enumerate(tokens) if t[1] >= offset)

        # a place's name is not an agency's: the "phòng" of "Hải Phòng" opens no "Phòng ..."
        for m in _place_pattern().finditer(folded):
            taken.update(k for k, t in enumerate(tokens) if m.start() <= t[1] < m.end())
        # a generic list of bodies ("các sở, ban, ngành", "sở ngành", "phòng ban"): every body
        # of a level at once, never one of them; most often the frame of the question ("khi
        # các sở, ngành triển khai"), so it names no agency, and no word of it opens one
        for i in range(len(words)):
            if i in taken or words[i] not in vocab.LIST_HEAD_WORDS or _inside_compound(words, i):
                continue
            j = i + 1
            while j < len(words) and j not in taken:
                if words[j] in vocab.LIST_HEAD_WORDS:
                    j += 1
                elif (
                    words[j] == "va"
                    and words[j + 1 : j + 2]
                    and words[j + 1] in vocab.LIST_HEAD_WORDS
                ):
                    j += 2
                else:
                    break
            listed = sum(w in vocab.LIST_HEAD_WORDS for w in words[i:j])
            if listed >= 2 and words[j : j + 1] != ["chong"]:  # "ban phòng, chống ...": a verb
                taken.update(range(i, j))
        # the agency's own head: "công an", "thành đoàn", "hội phụ nữ", "UBND các quận"
        self_named, other_bodies = _head_patterns()
        for m in self_named.finditer(folded):
            i = index_at(m.start())
            j = i + len(m.group(0).split())
            if m.group(0) in _LEVELS and i and words[i - 1] in _AT:
                continue  # "bố trí nhân viên ở cấp xã": where, not the commune's People's Committee
            head = _HEAD_OF[m.group(0)]
            if not taken & set(range(i, j)):
                add(i, j, frozenset({head} & self.keys))
        # the asker's own level of government as the subject ("Phường phải ...", "xã tôi
        # cần làm gì", "huyện có phải ..."): that level's people's committee, which the
        # plans assign under "Ủy ban nhân dân các ..." (never "trẻ em cấp xã": no subject)
        if "ubnd" in self.keys:
            for m in _LEVEL_SUBJECT.finditer(folded):
                i = index_at(m.start(1))
                j = i + len(m.group(1).split())
                if _after_level(words, i):
                    continue  # "xã, phường, thị trấn có ...": levels listed, not a subject
                if not taken & set(range(i, j)) and not set_aside(i):
                    add(i, j, frozenset({"ubnd"}))
        # bodies the five plans assign nothing: "Bộ đội Biên phòng", "Bộ Tư pháp", "Tòa án"
        # (unless an indexed document does: a national decision assigns ministries)
        for m in other_bodies.finditer(folded):
            i = index_at(m.start())
            j = i + len(m.group(0).split())
            body = m.group(0)
            if not taken & set(range(i, j)):
                add(i, j, frozenset(k for k in self.keys if k == body or k.startswith(body + " ")))
        # "Sở/Phòng/Ngành <name>": the longest run of words some key contains
        for i in range(len(words)):
            if i in taken:
                continue
            prefix = _prefix_at(words, i, vocab.AGENCY_PREFIXES)
            if prefix and _inside_compound(words, i):
                continue  # "cơ sở kinh doanh": a business, not "Sở Kinh tế"
            if prefix and _a_count(original, tokens, i):
                continue  # "số lao động trẻ em": a count typed with its marks, not "Sở"
            if not prefix:
                if len(words[i]) >= 4 and words[i] in initials:  # "LĐTBXH" on its own
                    add(i, i + 1, frozenset(initials[words[i]]))
                elif len(words[i]) >= 6 and words[i] in self.joined:  # "tuphap" on its own
                    add(i, i + 1, frozenset(self.joined[words[i]]))
                elif words[i] in self.prefixed:  # "syt", "sgd": "Sở" and the initials
                    add(i, i + 1, self.prefixed[words[i]])
                continue
            start = i + prefix
            best: tuple[int, frozenset[str]] | None = None
            for j in range(start + 1, min(len(words), start + 9) + 1):
                if words[j - 1] in vocab.AGENCY_STOP or (j - 1) in taken or not runs_on(i, j):
                    break
                if words[j - 1] == "va" and _opens_body(words, j, taken):
                    break  # "Sở Tài chính và Sở Kế hoạch ...": two bodies, not one name
                run = tuple(words[start:j])
                # "Sở/Phòng ... Tư pháp" is a provincial or district body, never a ministry
                keys = frozenset(k for k in self.keys_for(run) if not k.startswith("bo "))
                if len(run) == 1:
                    keys = keys | initials.get(run[0], frozenset())
                    keys = keys | self.short.get(run[0], frozenset())
                # "so yte", "so van hoathethao": the run's syllables with spaces removed
                keys = keys | frozenset(self.joined.get("".join(_content(run)), ()))
                if keys and words[j - 1] != "va":  # a name never ends on "và"
                    best = (j, keys)
            if (
                best
                and best[0] - start == 1
                and not initials.get(words[start])
                and not self.short.get(words[start])
                and words[start] not in self.joined
            ):
                # one word that opens a known name ("tài" of "tài chính") followed by other
                # words ("Phòng Tài nguyên và Môi trường"): another body, which no plan assigns
                after = words[start + 1] if start + 1 < len(words) else ""
                seconds = {k.split()[1] for k in best[1] if len(k.split()) > 1}
                if after and after not in vocab.AGENCY_STOP and seconds and after not in seconds:
                    best = None
            category = " ".join(words[i:start]) in vocab.MEMBER_CATEGORIES
            if best and category and words[best[0] : best[0] + 1] == ["nao"]:
                # "cơ quan tư pháp nào": which bodies of the field (Viện Kiểm sát, Tòa án),
                # not the department named after it
                taken.update(range(i, best[0]))
            elif best:
                add(i, best[0], best[1])
            elif original[tokens[i][1] : tokens[i][2]] in _NAME_HEADS or (
                # "cho tôi hỏi, phòng Quản lý đô thị ...": the head typed in lower case,
                # the name after it with capitals
                original[tokens[i][1] : tokens[i][2]].capitalize() in _NAME_HEADS
                and start < len(words)
                and capital(start)
            ):
                # "Sở Xây dựng": written as an agency, but no plan assigns it anything; its
                # name opens with a capital ("lên Sở trước ngày nào" names no body)
                j = start
                while (
                    j < min(len(words), start + 2)
                    and words[j] not in vocab.AGENCY_STOP
                    and runs_on(i, j + 1)
                ):
                    if not original[tokens[j][1] : tokens[j][1] + 1].isupper() and (
                        j == start or j > start + 1
                    ):
                        break
                    j += 1
                if j == start + 2 and original is text:
                    j = _lower_name_tail(original, tokens, words, j, runs_on, taken)
                if j > start and words[start] not in vocab.QUESTION_WORDS:
                    add(i, j, frozenset())
        # any other body, named by its head ("Bộ Chỉ huy Quân sự tỉnh", "Cục Trẻ em", "Hội
        # Nông dân"): known when a heading spells it, else a body no plan assigns; its name
        # ends before the place it serves ("Bộ đội Biên phòng Cao Bằng")
        places = {
            k
            for m in _places_of(self.localities).finditer(folded)
            for k, t in enumerate(tokens)
            if m.start() <= t[1] < m.end()
        }
        body_heads = sorted(vocab.BODY_HEADS, key=lambda h: -len(h.split()))
        for i in range(len(words)):
            if i in taken:
                continue
            opening = next(
                (h for h in body_heads if words[i : i + len(h.split())] == h.split()), None
            )
            if opening is None:
                continue
            start = i + len(opening.split())
            if not runs_on(i, start) or taken & set(range(i, start)):
                continue
            typed_as_name = opening in vocab.BODY_HEADS_ANY_CASE
            if not typed_as_name and not (
                capital(i) and start < len(words) and capital(start) and runs_on(i, start + 1)
            ):
                continue  # "hội nghị", "cục bộ", "trung tâm của": no opening's name
            if any(
                words[start : start + len(w.split())] == w.split()
                for w in vocab.BODY_HEADS[opening]
            ):
                continue
            j = start
            while j < min(len(words), start + 4) and not {j} & (taken | places):
                if not runs_on(i, j + 1):
                    break
                if " ".join(words[j : j + 2]) in vocab.BODY_NAME_GOES_ON and runs_on(i, j + 2):
                    j += 2  # "xã hội", "quân sự": the name goes on
                    continue
                if (
                    words[j] in vocab.AGENCY_STOP
                    or (words[j] in vocab.BODY_NAME_END and not capital(j))
                    or words[j] in vocab.QUESTION_WORDS
                ):
                    break
                j += 1
            if j > start or typed_as_name:
                add(i, j, self.spelled_keys(" ".join(words[i:j])))
        return sorted(mentions, key=lambda m: m.start)

    @staticmethod
    def surface(text: str, mention: AgencyMention) -> str:
        """The mention as the user typed it (its folded words when the span moved)."""
        span = text[mention.start : mention.end]
        same = " ".join(re.findall(r"[a-z0-9]+", fold_diacritics(span))) == mention.mention
        return span if same else mention.mention


_BREAK = re.compile(r"[,;:.?!()]")
# a bare level of government opening a clause (after a determiner at most) and followed by
# the asker's pronoun or a verb of duty or question: the subject, that level's committee
_LEVEL_SUBJECT = re.compile(
    rf"(?:^|[,;:.?!\-\n]\s*|\b(?:con|thi|vay)\s+)(?:(?:cac|moi|nhung)\s+)?"
    rf"({'|'.join(vocab.LEVEL_WORDS)})"
    rf"(?=\s+(?:{'|'.join(vocab.LEVEL_SUBJECT_NEXT)})\b)"
)
_HEAD_OF = {p: head for head, phrases in vocab.SELF_NAMED.items() for p in phrases}
_LEVELS = frozenset({"cap xa", "cap huyen"})  # a bare level of government
_AT = frozenset({"o", "tai"})  # "ở cấp xã", "tại cấp huyện": a place, not a body


@lru_cache(maxsize=1)
def _head_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """One pattern for every self-named head, one for every other body, longest first."""

    def alternation(phrases: Iterable[str]) -> re.Pattern[str]:
        ordered = sorted(set(phrases), key=len, reverse=True)
        return re.compile(r"\b(?:" + "|".join(re.escape(p) for p in ordered) + r")\b")

    return alternation(_HEAD_OF), alternation(vocab.OTHER_BODIES)


@lru_cache(maxsize=1)
def _place_pattern() -> re.Pattern[str]:
    """Place names whose syllables include an agency prefix ("hai phong")."""
    prefixes = {p.split()[0] for p in vocab.AGENCY_PREFIXES}
    places = [p for p in vocab.PLACES if set(p.split()) & prefixes]
    return re.compile(r"\b(?:" + "|".join(re.escape(p) for p in places) + r")\b")


@lru_cache(maxsize=8)
def _places_of(localities: frozenset[str]) -> re.Pattern[str]:
    """Every place name of the vocabulary and of ``localities``, longest first."""
    ordered = sorted({*vocab.PLACES, *localities}, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(p) for p in ordered) + r")\b")


def _prefix_at(words: list[str], i: int, prefixes: Iterable[str]) -> int:
    """How many words a prefix from ``prefixes`` covers at ``i`` (0: none)."""
    for prefix in sorted(prefixes, key=lambda p: -len(p.split())):
        parts = prefix.split()
        if words[i : i + len(parts)] == parts:
            return len(parts)
    return 0


def received(text: str, mentions: Sequence[AgencyMention]) -> frozenset[int]:
    """Which of ``mentions`` (from ``find``, in order) the question ``text`` names as the
    bodies something goes to or is done with ("... cho ngành Lao động", "phối hợp với Sở Y tế
    và Công an"): right after a word of ``vocab.RECEIVING`` (at most "các"/"những" between),
    or joined by "và" or a comma to such a body. Their indexes in ``mentions``."""
    folded = _expand_abbreviations(fold_diacritics(text))  # the offsets ``find`` gave
    found: set[int] = set()
    for k, mention in enumerate(mentions):
        before = _TOKEN.findall(folded[: mention.start])
        while before and before[-1] in ("cac", "nhung"):
            before.pop()
        if before and before[-1] in vocab.RECEIVING:
            found.add(k)
        elif k - 1 in found:
            between = folded[mentions[k - 1].end : mention.start]
            if re.fullmatch(r"\s*(?:,|va|,\s*va)\s*(?:(?:cac|nhung)\s+)?", between):
                found.add(k)
    return frozenset(found)


def _opens_body(words: list[str], j: int, taken: set[int]) -> bool:
    """Whether another body's name opens at ``j``: an agency prefix ("Sở", "Phòng") or a
    body already read there by its own head ("Công an tỉnh")."""
    return j < len(words) and (
        j in taken
        or (bool(_prefix_at(words, j, vocab.AGENCY_PREFIXES)) and not _inside_compound(words, j))
    )


def _after_level(words: Sequence[str], i: int) -> bool:
    """Whether the word before ``i`` ends another level's name ("xã, phường, thị trấn"):
    the level at ``i`` is one of a list, not a subject of its own."""
    return any(
        len(level.split()) <= i and list(words[i - len(level.split()) : i]) == level.split()
        for level in vocab.LEVEL_WORDS
    )


def _a_count(original: str, tokens: Sequence[tuple[str, int, int]], i: int) -> bool:
    """Whether the word at ``i`` was typed "số" with its marks (a number or a count: "số
    lao động trẻ em"), not "Sở" nor "so" typed plain; unless the next word opens with a
    capital, as a body's name does ("số Tư pháp", a slip for "Sở Tư pháp")."""
    word = original[tokens[i][1] : tokens[i][2]]
    if word.lower() != "số":
        return False
    nxt = original[tokens[i + 1][1] : tokens[i + 1][1] + 1] if i + 1 < len(tokens) else ""
    return not nxt.isupper()


# the stop words of a body's name as typed with marks: "thì" stops "Phòng Quản lý thì",
# "thị" goes on in "Phòng Quản lý đô thị"
_STOPS_TYPED = frozenset(
    {"cần", "có", "được", "gì", "là", "làm", "năm", "nằm", "ở", "phải", "sẽ", "theo", "thì"}
    | {"trong", "nào", "đâu", "ai", "sao", "mấy", "bao", "thế"}
)


def _lower_name_tail(
    original: str,
    tokens: Sequence[tuple[str, int, int]],
    words: list[str],
    j: int,
    runs_on: Callable[[int, int], bool],
    taken: set[int],
) -> int:
    """Where the name of a body no plan assigns ends when its capitalised words go on in
    lower case ("Phòng Quản lý đô thị thành phố ..." is not "Phòng Quản lý"): up to two
    more words, stopping at a place's or a level's word ("thành phố"), a question word, or
    a stop word typed as one (``_STOPS_TYPED``; typed without marks, any folded stop)."""
    end = j
    while end < min(len(words), j + 2) and end not in taken and runs_on(j - 1, end + 1):
        word = words[end]
        typed = original[tokens[end][1] : tokens[end][2]].lower()
        stops = vocab.AGENCY_STOP | vocab.QUESTION_WORDS
        stop = word in stops and (typed == word or typed in _STOPS_TYPED)
        # "thị", "thành" end a name only as a level's first word ("thị xã", "thành phố"):
        # "đô thị" goes on
        level = word not in ("thi", "thanh") or words[end + 1 : end + 2] in (
            ["pho"],
            ["xa"],
            ["tran"],
        )
        if stop or (word in vocab.BODY_NAME_END and level):
            break
        end += 1
    return end


def _inside_compound(words: list[str], i: int) -> bool:
    """Whether the prefix word at ``i`` ends a compound that names no agency ("cơ sở")."""
    for compound in vocab.PREFIX_COMPOUNDS:
        parts = compound.split()
        start = i - len(parts) + 1
        if start >= 0 and words[start : i + 1] == parts:
            return True
    return False


def _expand_abbreviations(folded: str) -> str:
    """Abbreviations whose letters are not plain initials, written out ("gd&dt")."""
    for short, full in vocab.ABBREVIATIONS.items():
        # a bare "GD&ĐT" is an agency too: it gets the "sở" a full name would have
        pattern = rf"(?<![a-z0-9]){re.escape(short)}(?![a-z0-9])"
        folded = re.sub(rf"\b(so|phong|nganh) {pattern}", rf"\1 {full}", folded)
        folded = re.sub(pattern, f"so {full}", folded)
    # "ld-tbxh", "gd-đt" typed with other separators: join letters around & and -
    return re.sub(r"\b([a-z]{1,3})[&\-]([a-z]{1,3})(?:[&\-]([a-z]{1,3}))?\b", _join, folded)


def _join(m: re.Match[str]) -> str:
    return "".join(g for g in m.groups() if g)


def proper_name(mention: str) -> str:
    """A mention's own name, without a generic head ("so y te" → "y te"); a body named by
    its head alone keeps it ("cong an" stays: "an" alone would match any passage); a
    people's committee is named by what follows its head ("ubnd quan" → "quan")."""
    words = mention.split()
    cut = _prefix_at(words, 0, (*vocab.AGENCY_PREFIXES, *vocab.COUNCIL_HEADS)) if words else 0
    return " ".join(words[cut:]) if 0 < cut < len(words) else mention
