"""The quality gate: our pipeline on the whole gold set must not fall below the committed
baseline (evals/results/baseline) by more than the tolerance."""

from __future__ import annotations

from assistant.evals.command import BASELINE, GOLD, load_baseline
from assistant.evals.pipelines import Ours
from assistant.evals.suite import compare, gate_failures, load_gold, run
from assistant.service import AssistantService


def test_quality_does_not_regress(service: AssistantService) -> None:
    baseline_summary, baseline_rows = load_baseline(str(BASELINE))
    summary, outcomes = run(load_gold(GOLD), Ours(service))
    failures = gate_failures(summary, baseline_summary)
    regressions = compare(outcomes, baseline_rows)["regressions"]
    assert not failures, f"{failures}; regressed questions: {regressions}"
