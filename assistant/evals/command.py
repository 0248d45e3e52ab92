"""``assistant eval``: score ours and the peers on the gold set, write the report."""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path
from typing import Any

from assistant.evals.gold import load_gold_file
from assistant.evals.suite import (
    Outcome,
    Pipeline,
    compare,
    gate_failures,
    load_gold,
    run,
    write_report,
)
from assistant.settings import PROJECT_ROOT, Settings

GOLD = PROJECT_ROOT / "evals" / "gold.jsonl"
RESULTS = PROJECT_ROOT / "evals" / "results"
BASELINE = RESULTS / "baseline"


def load_baseline(name: str) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """A saved run's summary and per-question rows (``baseline`` or a results folder)."""
    folder = Path(name) if Path(name).is_dir() else RESULTS / name
    summary = json.loads((folder / "summary.json").read_text(encoding="utf-8"))
    rows = [
        json.loads(line)
        for line in (folder / "per_question.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    return summary, rows


def evaluate(
    settings: Settings,
    url: str | None = None,
    split: str = "all",
    peers: bool = True,
    compare_to: str | None = None,
    out: Path | None = None,
    update_baseline: bool = False,
    gold: Path | None = None,
) -> tuple[dict[str, Any], Path, list[str]]:
    """Run the suite on ``gold`` (default: the project's gold set); returns our summary,
    the report path and the gate failures."""
    from assistant.container import build
    from assistant.evals.pipelines import Bm25Peer, NaivePeer, Ours, OursOverHttp, naive_chunks

    container = None
    ours: Pipeline
    if url:
        keys = settings.api.keys or settings.api.admin_keys
        http = OursOverHttp(url, keys[0] if keys else None)
        documents = http.documents
        ours = http
    else:
        container = build(settings)
        ours = Ours(container.service)
        documents = lambda: [s.meta for s in container.service.documents()]  # noqa: E731
    if gold is None:
        rows = load_gold(GOLD, split)
    else:
        rows = [r for r in load_gold_file(gold, documents()) if split in ("all", r["split"])]
    results: dict[str, tuple[dict[str, Any], list[Outcome]]] = {"ours": run(rows, ours)}
    if peers:
        from assistant.index.embeddings import EmbeddingCache, build_embedder
        from assistant.index.store import IndexPaths

        chunks = naive_chunks(settings.corpus_dir)
        embedder = container.embedder if container else build_embedder(settings.embedding)
        cache = EmbeddingCache(IndexPaths(settings.data_dir).embedding_cache)
        try:
            results["naive"] = run(rows, NaivePeer(chunks, embedder, cache))
        finally:
            cache.close()
        results["bm25"] = run(rows, Bm25Peer(chunks))

    changes = None
    failures: list[str] = []
    if compare_to:
        base_summary, base_rows = load_baseline(compare_to)
        changes = compare(results["ours"][1], base_rows)
        failures = gate_failures(results["ours"][0], base_summary)
    folder = out or RESULTS / time.strftime("%Y%m%dT%H%M%S")
    report = write_report(folder, results, rows, changes)
    if update_baseline:
        shutil.rmtree(BASELINE, ignore_errors=True)
        shutil.copytree(folder, BASELINE)
    return results["ours"][0], report, failures
