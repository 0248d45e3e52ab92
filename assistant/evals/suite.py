"""The evaluation suite: gold set → pipelines (ours and two peers) → metrics → report.

A retrieved passage *matches* a gold entry when it comes from the same plan and contains
the gold quote (NFC, white space collapsed, Markdown bold removed). Ranking metrics use
llama-index's HitRate / MRR / NDCG over those matches.
"""

from __future__ import annotations

import json
import re
import statistics
import time
import unicodedata
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Protocol

from llama_index.core.evaluation.retrieval.metrics import MRR, NDCG, HitRate

from assistant.types import Turn

HEADLINE = ("hit@5", "mrr", "coverage@5", "answer_facts", "refusal_accuracy")
_QUOTE = re.compile(r"“(.+?)”", re.DOTALL)
GATE_TOLERANCE = 0.03
HELDOUT = "heldout"  # the frozen split: never tuned on, never listed question by question
SEARCH_DEPTH = 5  # ranking metrics look at the top 5 passages (hit@5, nDCG@5)


def norm(text: str) -> str:
    """Text as compared: NFC, no Markdown bold, white space collapsed."""
    text = unicodedata.normalize("NFC", text).replace("**", "")
    return re.sub(r"\s+", " ", text).strip()


@dataclass(frozen=True)
class Passage:
    """A passage as any pipeline returns it."""

    document: str
    section: str
    text: str


@dataclass(frozen=True)
class Reply:
    status: str
    answer: str
    citations: list[Passage]


class Pipeline(Protocol):
    name: str

    def search(self, question: str, history: list[Turn]) -> list[Passage]: ...

    def ask(self, question: str, history: list[Turn]) -> Reply: ...


def load_gold(path: Path, split: str = "all") -> list[dict[str, Any]]:
    """The gold questions of one split ("dev", "heldout" or "all")."""
    rows = [
        json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    return [r for r in rows if split == "all" or r["split"] == split]


def matches(passage: Passage, gold: dict[str, str]) -> bool:
    """Whether a passage is the gold passage: same plan, quote inside."""
    return passage.document == gold["document"] and norm(gold["quote"]) in norm(passage.text)


def fact_found(answer: str, variants: Sequence[str]) -> bool:
    """Whether the answer states a fact in one of its accepted forms (98,5% = 98.5%), in
    any case: a plan's all-caps title ("CHỈ THỊ 23/CT-TTG") states "Chỉ thị 23" too."""
    text = norm(answer).casefold()
    for variant in variants:
        v = norm(variant).casefold()
        swapped = v.translate(str.maketrans(",.", ".,"))
        if v in text or swapped in text:
            return True
    return False


@dataclass
class Outcome:
    """One question's scores for one pipeline."""

    id: str
    kind: str
    split: str
    answerable: bool
    scores: dict[str, float] = field(default_factory=dict)
    status: str = ""
    retrieved: list[str] = field(default_factory=list)
    ask_ms: float = 0.0
    answer_chars: int | None = None  # length of an answer quoting a single plan


def quoted_spans(answer: str) -> list[str]:
    """The spans an answer quotes (between “ and ”), without elision marks."""
    return [q.strip(" …") for q in _QUOTE.findall(answer) if q.strip(" …")]


def quotes_verbatim(answer: str, passages: Sequence[Passage]) -> float | None:
    """Share of quoted spans that stand verbatim in a cited passage (None: no quotes)."""
    spans = quoted_spans(answer)
    if not spans:
        return None
    text = norm(" ".join(p.text for p in passages))
    found = sum(all(norm(piece) in text for piece in span.split(" … ")) for span in spans)
    return found / len(spans)


def _ids(passages: Sequence[Passage], gold: Sequence[dict[str, str]]) -> list[str]:
    out = []
    for j, p in enumerate(passages):
        hit = next((f"g{i}" for i, g in enumerate(gold) if matches(p, g)), None)
        out.append(hit if hit and hit not in out else f"x{j}")
    return out


def score_question(row: dict[str, Any], pipeline: Pipeline) -> Outcome:
    """Search and ask one gold question; every metric that applies to it."""
    history = [Turn(t["role"], t["content"]) for t in row.get("history", [])]
    outcome = Outcome(row["id"], row["kind"], row["split"], row["answerable"])
    passages = pipeline.search(row["question"], history)[:SEARCH_DEPTH]
    started = time.perf_counter()
    reply = pipeline.ask(row["question"], history)
    outcome.ask_ms = (time.perf_counter() - started) * 1000
    outcome.status = reply.status
    outcome.retrieved = [f"{p.document} | {p.section} | {norm(p.text)[:120]}" for p in passages]
    s = outcome.scores
    s["refusal_accuracy"] = float((reply.status == "answered") == row["answerable"])
    if reply.status != "answered":
        s["refused_right"] = float(not row["answerable"])  # mean: refusal precision
    else:
        verbatim = quotes_verbatim(reply.answer, reply.citations)
        if verbatim is not None:
            s["quotes_verbatim"] = verbatim
        if len({c.document for c in reply.citations}) == 1:
            outcome.answer_chars = len(reply.answer)
    if not row["answerable"]:
        s["refusal_recall"] = float(reply.status != "answered")
        return outcome
    gold = row["gold"]
    expected = [f"g{i}" for i in range(len(gold))]
    retrieved = _ids(passages, gold)
    for k in (1, 3, 5):
        s[f"hit@{k}"] = HitRate().compute(expected_ids=expected, retrieved_ids=retrieved[:k]).score
    s["mrr"] = MRR().compute(expected_ids=expected, retrieved_ids=retrieved).score
    s["ndcg@5"] = NDCG().compute(expected_ids=expected, retrieved_ids=retrieved).score
    documents = {g["document"] for g in gold}
    if len(documents) > 1:
        found = {g["document"] for g in gold if any(matches(p, g) for p in passages)}
        s["coverage@5"] = len(found) / len(documents)
    cited = reply.citations
    if cited:
        s["citation_precision"] = sum(any(matches(c, g) for g in gold) for c in cited) / len(cited)
    s["citation_recall"] = sum(any(matches(c, g) for c in cited) for g in gold) / len(gold)
    if row["facts"]:
        s["answer_facts"] = sum(fact_found(reply.answer, f) for f in row["facts"]) / len(
            row["facts"]
        )
    s["false_refusal"] = float(reply.status != "answered")
    return outcome


def _mean(values: list[float]) -> float | None:
    return round(statistics.fmean(values), 4) if values else None


def summarize(outcomes: Sequence[Outcome]) -> dict[str, Any]:
    """Means of every metric overall, by kind and by split, and latency percentiles."""

    def block(items: Sequence[Outcome]) -> dict[str, Any]:
        pooled: dict[str, list[float]] = defaultdict(list)
        for o in items:
            for name, value in o.scores.items():
                pooled[name].append(value)
        out: dict[str, Any] = {name: _mean(values) for name, values in sorted(pooled.items())}
        out["questions"] = len(items)
        return out

    latencies = sorted(o.ask_ms for o in outcomes)
    summary: dict[str, Any] = {"overall": block(outcomes)}
    summary["overall"]["latency_p50_ms"] = (
        round(latencies[len(latencies) // 2], 1) if latencies else None
    )
    summary["overall"]["latency_p95_ms"] = (
        round(latencies[int(len(latencies) * 0.95) - 1], 1) if latencies else None
    )
    for name, items in (("overall", outcomes),):
        lengths = sorted(o.answer_chars for o in items if o.answer_chars is not None)
        summary[name]["single_plan_chars_p50"] = lengths[len(lengths) // 2] if lengths else None
    for attr in ("kind", "split"):
        groups: dict[str, list[Outcome]] = defaultdict(list)
        for o in outcomes:
            groups[getattr(o, attr)].append(o)
        summary[f"by_{attr}"] = {name: block(items) for name, items in sorted(groups.items())}
    for name, items in summary["by_split"].items():
        lengths = sorted(
            o.answer_chars for o in outcomes if o.split == name and o.answer_chars is not None
        )
        items["single_plan_chars_p50"] = lengths[len(lengths) // 2] if lengths else None
    return summary


def run(rows: Sequence[dict[str, Any]], pipeline: Pipeline) -> tuple[dict[str, Any], list[Outcome]]:
    """Score every gold question with one pipeline."""
    outcomes = [score_question(row, pipeline) for row in rows]
    return summarize(outcomes), outcomes


def gate_failures(
    summary: dict[str, Any], baseline: dict[str, Any], tolerance: float = GATE_TOLERANCE
) -> list[str]:
    """Headline metrics that fell below the baseline by more than ``tolerance``."""
    failures = []
    for metric in HEADLINE:
        now, then = summary["overall"].get(metric), baseline["overall"].get(metric)
        if then is not None and (now is None or now < then - tolerance):
            failures.append(f"{metric}: {now} < baseline {then} - {tolerance}")
    return failures


def compare(
    outcomes: Sequence[Outcome], baseline_rows: Sequence[dict[str, Any]]
) -> dict[str, list[str]]:
    """Per-question regressions and fixes against a baseline's per-question scores; held-out
    questions are counted, not named."""
    before = {r["id"]: r["scores"] for r in baseline_rows}
    changes: dict[str, list[str]] = {"regressions": [], "fixes": []}
    hidden = {"regressions": 0, "fixes": 0}
    for o in outcomes:
        old = before.get(o.id)
        if old is None:
            continue
        for metric in ("hit@5", "answer_facts", "refusal_accuracy"):
            a, b = old.get(metric), o.scores.get(metric)
            if a is None or b is None or a == b:
                continue
            kind = "fixes" if b > a else "regressions"
            if o.split == HELDOUT:
                hidden[kind] += 1
            else:
                changes[kind].append(f"{o.id} {metric}: {a} → {b}")
    for kind, count in hidden.items():
        if count:
            changes[kind].append(f"{count} held-out question metric(s) (not named)")
    return changes


# --- report -------------------------------------------------------------------------------

REPORT_METRICS = (
    "hit@1",
    "hit@3",
    "hit@5",
    "mrr",
    "ndcg@5",
    "coverage@5",
    "citation_precision",
    "citation_recall",
    "answer_facts",
    "refusal_accuracy",
    "refused_right",
    "refusal_recall",
    "false_refusal",
    "quotes_verbatim",
    "single_plan_chars_p50",
    "latency_p50_ms",
    "latency_p95_ms",
)


def _fmt(value: Any) -> str:
    return "–" if value is None else f"{value:.3f}" if isinstance(value, float) else str(value)


def write_report(
    out: Path,
    results: dict[str, tuple[dict[str, Any], list[Outcome]]],
    rows: Sequence[dict[str, Any]],
    changes: dict[str, list[str]] | None = None,
) -> Path:
    """report.md, chart.png, summary.json and per_question.jsonl in ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    names = list(results)
    ours = names[0]
    summary, outcomes = results[ours]
    (out / "summary.json").write_text(
        json.dumps(summary, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    (out / "peers.json").write_text(
        json.dumps({n: results[n][0] for n in names}, ensure_ascii=False, indent=1),
        encoding="utf-8",
    )
    with (out / "per_question.jsonl").open("w", encoding="utf-8") as f:
        for o in outcomes:
            f.write(json.dumps(asdict(o), ensure_ascii=False) + "\n")

    questions = {r["id"]: r for r in rows}
    lines = [
        f"# Evaluation report ({time.strftime('%Y-%m-%d %H:%M')})",
        "",
        f"{len(rows)} gold questions; passages match a gold entry when from the same plan "
        "and containing its quote.",
        "",
        "## Summary: ours vs peers",
        "",
        "| metric | " + " | ".join(names) + " |",
        "|---|" + "---|" * len(names),
    ]
    for metric in REPORT_METRICS:
        lines.append(
            f"| {metric} | "
            + " | ".join(_fmt(results[n][0]["overall"].get(metric)) for n in names)
            + " |"
        )
    lines += [
        "",
        "## By kind (ours)",
        "",
        "| kind | n | hit@5 | answer_facts | refusal_accuracy |",
        "|---|---|---|---|---|",
    ]
    for kind, block in summary["by_kind"].items():
        lines.append(
            f"| {kind} | {block['questions']} | {_fmt(block.get('hit@5'))} | "
            f"{_fmt(block.get('answer_facts'))} | {_fmt(block.get('refusal_accuracy'))} |"
        )
    splits = list(summary["by_split"])
    lines += [
        "",
        "## Dev and held-out side by side (ours)",
        "",
        "`refused_right` is refusal precision (share of refusals that were right), "
        "`refusal_recall` the share of unanswerable questions refused, `quotes_verbatim` "
        "the share of quoted spans that stand verbatim in a cited passage.",
        "",
        "| metric | " + " | ".join(splits) + " |",
        "|---|" + "---|" * len(splits),
        "| questions | "
        + " | ".join(str(summary["by_split"][x]["questions"]) for x in splits)
        + " |",
    ]
    for metric in REPORT_METRICS:
        if metric.startswith("latency"):
            continue
        lines.append(
            f"| {metric} | "
            + " | ".join(_fmt(summary["by_split"][x].get(metric)) for x in splits)
            + " |"
        )
    lines += [
        "",
        "## Failed questions (ours, dev split only)",
        "",
        "Held-out questions are reported only in aggregate, so that nobody tunes on them.",
        "",
    ]
    for o in outcomes:
        if o.split == HELDOUT:
            continue
        failed = [
            m for m in ("hit@5", "answer_facts", "refusal_accuracy") if o.scores.get(m, 1.0) < 1.0
        ]
        if failed:
            lines.append(
                f"- **{o.id}** ({o.kind}, {o.split}) {questions[o.id]['question']} — "
                f"failed {', '.join(failed)}; status {o.status}; retrieved instead:"
            )
            lines.extend(f"  - {r}" for r in o.retrieved[:3])
    if changes is not None:
        lines += ["", "## Against the baseline", ""]
        lines += [f"- regression: {c}" for c in changes["regressions"]] or ["- no regressions"]
        lines += [f"- fix: {c}" for c in changes["fixes"]]
    lines += ["", "![per-kind chart](chart.png)", ""]
    report = out / "report.md"
    report.write_text("\n".join(lines), encoding="utf-8")
    _chart(out / "chart.png", results)
    return report


def _chart(path: Path, results: dict[str, tuple[dict[str, Any], list[Outcome]]]) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    kinds = list(next(iter(results.values()))[0]["by_kind"])
    fig, axes = plt.subplots(2, 1, figsize=(11, 7), sharex=True)
    width = 0.8 / len(results)
    for metric, ax in zip(("hit@5", "answer_facts"), axes, strict=True):
        for i, (name, (summary, _)) in enumerate(results.items()):
            values = [summary["by_kind"][k].get(metric) or 0.0 for k in kinds]
            ax.bar([x + i * width for x in range(len(kinds))], values, width, label=name)
        ax.set_ylabel(metric)
        ax.set_ylim(0, 1.05)
        ax.legend(loc="lower right", fontsize=8)
    axes[1].set_xticks([x + width for x in range(len(kinds))], kinds, rotation=30, ha="right")
    fig.suptitle("Per question kind: ours vs peers")
    fig.tight_layout()
    fig.savefig(path, dpi=90)
    plt.close(fig)
