"""Smoke test of the load generator behind ``make bench`` (scripts/load.py).

Runs a tiny bounded load against the live loopback server and checks that it completes
without errors and reports its latency fields. No timing assertions: speed is the
benchmark's business, not the test suite's.
"""

from __future__ import annotations

import pytest

from scripts.load import QUESTIONS, check_loopback, percentile, run_load


def test_small_load_against_live_server_has_no_errors(live_server: str) -> None:
    summary = run_load(live_server, requests=40, concurrency=4, time_limit=240.0)

    assert summary.errors == 0, summary.error_kinds
    assert not summary.timed_out
    assert summary.sent == summary.ok == 40
    data = summary.to_dict()
    for key in ("p50_ms", "p95_ms", "rps", "errors"):
        assert key in data
    assert data["p50_ms"] is not None and data["p95_ms"] is not None
    assert data["p50_ms"] <= data["p95_ms"]
    assert sum(summary.answer_status.values()) == 40
    assert set(summary.answer_status) <= {"answered", "no_answer"}


def test_search_endpoint_load(live_server: str) -> None:
    summary = run_load(
        live_server,
        requests=8,
        concurrency=2,
        time_limit=120.0,
        questions=QUESTIONS[:4],
        endpoint="/v1/search",
    )

    assert summary.errors == 0, summary.error_kinds
    assert summary.ok == 8


def test_load_refuses_non_loopback_targets() -> None:
    with pytest.raises(ValueError, match="loopback"):
        check_loopback("http://example.com:8000")
    check_loopback("http://127.0.0.1:8000")


def test_percentile_interpolates() -> None:
    assert percentile([], 50) is None
    assert percentile([10.0], 95) == 10.0
    assert percentile([1.0, 2.0, 3.0, 4.0], 50) == 2.5
    assert percentile([float(x) for x in range(1, 101)], 95) == pytest.approx(95.05)
