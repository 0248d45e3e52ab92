"""Bounded loopback load test of the assistant's HTTP API.

``concurrency`` asyncio clients (one ``httpx.AsyncClient`` connection pool) share a fixed
budget of ``requests`` POSTs to ``/v1/ask`` (or ``/v1/search``), cycling through a fixed
list of realistic Vietnamese questions. The run stops at whichever comes first: the budget
is spent or ``time_limit`` seconds have passed (requests still in flight are cancelled and
reported). Errors are non-200 responses and exceptions. Only loopback hosts are accepted.

    python scripts/load.py --url http://127.0.0.1:8000 --requests 2000 --concurrency 16

Exit status: 0 when every request succeeded within the time limit, 1 otherwise.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any
from urllib.parse import urlsplit

import httpx

# Realistic questions: with and without diacritics, named plans, agencies, targets,
# metadata, follow-up-free. Shared by the benchmark (scripts/bench.py).
QUESTIONS: tuple[str, ...] = (
    "Sở Tư pháp phải làm gì?",
    "so tu phap phai lam gi",
    "Chỉ tiêu đăng ký khai sinh ở Cao Bằng?",
    "Công an có trách nhiệm gì?",
    "cong an co trach nhiem gi",
    "Sở Y tế có nhiệm vụ gì trong bảo vệ trẻ em?",
    "Sở Giáo dục và Đào tạo phải làm gì để phòng chống bạo lực học đường?",
    "Mục tiêu của kế hoạch Hà Nội đến năm 2030 là gì?",
    "Kế hoạch 1222 của Cao Bằng do ai ký?",
    "ke hoach hai phong thuc hien chi thi nao",
    "Kinh phí thực hiện kế hoạch lấy từ đâu?",
    "Tỷ lệ trẻ em dưới 5 tuổi suy dinh dưỡng thể thấp còi phải giảm bao nhiêu?",
    "Đoàn Thanh niên có nhiệm vụ gì?",
    "Hội Liên hiệp Phụ nữ tham gia bảo vệ trẻ em thế nào?",
    "phong chong xam hai tre em",
    "Trẻ em có hoàn cảnh đặc biệt được hỗ trợ thế nào?",
    "Long Khánh giao nhiệm vụ gì cho Phòng Lao động - Thương binh và Xã hội?",
    "Cần Thơ bảo vệ trẻ em năm 2017 có những hoạt động gì?",
    "Tổng đài 111 được nhắc đến ra sao?",
    "Ủy ban nhân dân các quận, huyện có trách nhiệm gì?",
)

ENDPOINTS = {"ask": "/v1/ask", "search": "/v1/search"}
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1"}


@dataclass
class LoadSummary:
    """What a load run did. Latency figures are over successful (200) responses, in ms."""

    url: str
    endpoint: str
    requested: int
    concurrency: int
    time_limit_s: float
    sent: int = 0  # requests started
    ok: int = 0
    errors: int = 0  # non-200 responses and exceptions
    cancelled: int = 0  # in flight when the time limit hit
    timed_out: bool = False
    seconds: float = 0.0
    rps: float = 0.0  # completed responses (ok + errors) per second of wall time
    p50_ms: float | None = None
    p95_ms: float | None = None
    p99_ms: float | None = None
    mean_ms: float | None = None
    max_ms: float | None = None
    error_kinds: dict[str, int] = field(default_factory=dict)
    answer_status: dict[str, int] = field(default_factory=dict)  # answered / no_answer (ask)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return asdict(self)


def percentile(values: Sequence[float], q: float) -> float | None:
    """The ``q``-th percentile (0-100) of ``values`` by linear interpolation; None if empty."""
    if not values:
        return None
    ordered = sorted(values)
    rank = (len(ordered) - 1) * q / 100.0
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def check_loopback(url: str) -> None:
    """Refuse any target but this machine's loopback interface."""
    host = urlsplit(url).hostname or ""
    if host not in LOOPBACK_HOSTS:
        raise ValueError(f"load tests only target loopback (127.0.0.1), not {host or url!r}")


def request_body(endpoint: str, question: str) -> dict[str, Any]:
    """The JSON body for ``endpoint`` asking ``question``."""
    return {"query": question} if endpoint.endswith("/search") else {"question": question}


async def run_load_async(
    url: str,
    requests: int = 2000,
    concurrency: int = 16,
    time_limit: float = 300.0,
    questions: Sequence[str] = QUESTIONS,
    endpoint: str = "/v1/ask",
    request_timeout: float = 60.0,
    warmup: int = 0,
) -> LoadSummary:
    """Send ``requests`` POSTs from ``concurrency`` clients, stopping at ``time_limit`` s.

    ``warmup`` requests are sent sequentially first and not counted.
    """
    check_loopback(url)
    if requests < 1 or concurrency < 1 or time_limit <= 0 or not questions:
        raise ValueError("requests, concurrency, time_limit and questions must be positive")
    summary = LoadSummary(
        url=url,
        endpoint=endpoint,
        requested=requests,
        concurrency=concurrency,
        time_limit_s=time_limit,
    )
    latencies: list[float] = []
    errors: Counter[str] = Counter()
    statuses: Counter[str] = Counter()
    next_index = 0
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)

    async with httpx.AsyncClient(
        base_url=url, timeout=request_timeout, limits=limits, trust_env=False
    ) as client:
        for i in range(warmup):
            await client.post(endpoint, json=request_body(endpoint, questions[i % len(questions)]))

        async def worker() -> None:
            nonlocal next_index
            while next_index < requests:
                index = next_index
                next_index += 1
                summary.sent += 1
                question = questions[index % len(questions)]
                started = time.perf_counter()
                try:
                    response = await client.post(endpoint, json=request_body(endpoint, question))
                except httpx.HTTPError as exc:
                    errors[type(exc).__name__] += 1
                    continue
                elapsed = (time.perf_counter() - started) * 1000.0
                if response.status_code != 200:
                    errors[f"HTTP {response.status_code}"] += 1
                    continue
                try:
                    payload = response.json()
                except ValueError:
                    errors["invalid JSON"] += 1
                    continue
                latencies.append(elapsed)
                status = payload.get("status") if isinstance(payload, dict) else None
                if status:
                    statuses[str(status)] += 1

        started = time.perf_counter()
        tasks = [asyncio.create_task(worker()) for _ in range(concurrency)]
        _, pending = await asyncio.wait(tasks, timeout=time_limit)
        if pending:
            summary.timed_out = True
            for task in pending:
                task.cancel()
            await asyncio.gather(*pending, return_exceptions=True)
        for task in tasks:
            if not task.cancelled() and task.exception() is not None:
                errors[f"worker crashed: {task.exception()!r}"] += 1
        summary.seconds = time.perf_counter() - started

    summary.ok = len(latencies)
    summary.errors = sum(errors.values())
    summary.cancelled = max(0, summary.sent - summary.ok - summary.errors)
    summary.rps = (summary.ok + summary.errors) / summary.seconds if summary.seconds else 0.0
    summary.p50_ms = percentile(latencies, 50)
    summary.p95_ms = percentile(latencies, 95)
    summary.p99_ms = percentile(latencies, 99)
    summary.mean_ms = sum(latencies) / len(latencies) if latencies else None
    summary.max_ms = max(latencies) if latencies else None
    summary.error_kinds = dict(errors)
    summary.answer_status = dict(statuses)
    return summary


def run_load(
    url: str,
    requests: int = 2000,
    concurrency: int = 16,
    time_limit: float = 300.0,
    questions: Sequence[str] = QUESTIONS,
    endpoint: str = "/v1/ask",
    request_timeout: float = 60.0,
    warmup: int = 0,
) -> LoadSummary:
    """Synchronous wrapper of :func:`run_load_async` (runs its own event loop)."""
    return asyncio.run(
        run_load_async(
            url, requests, concurrency, time_limit, questions, endpoint, request_timeout, warmup
        )
    )


def format_summary(summary: LoadSummary) -> str:
    """A few human-readable lines."""

    def ms(value: float | None) -> str:
        return "–" if value is None else f"{value:.0f} ms"

    lines = [
        f"{summary.endpoint} on {summary.url}: {summary.sent}/{summary.requested} sent by "
        f"{summary.concurrency} clients in {summary.seconds:.1f} s"
        + (f" (stopped at the {summary.time_limit_s:.0f} s limit)" if summary.timed_out else ""),
        f"  ok {summary.ok}, errors {summary.errors}, cancelled {summary.cancelled}, "
        f"{summary.rps:.1f} req/s",
        f"  latency p50 {ms(summary.p50_ms)}, p95 {ms(summary.p95_ms)}, "
        f"p99 {ms(summary.p99_ms)}, max {ms(summary.max_ms)}",
    ]
    if summary.error_kinds:
        lines.append(f"  errors by kind: {summary.error_kinds}")
    if summary.answer_status:
        lines.append(f"  answer status: {summary.answer_status}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Command line entry point; returns the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--url", default="http://127.0.0.1:8000", help="Base URL (loopback).")
    parser.add_argument("--requests", type=int, default=2000, help="Total requests (default 2000).")
    parser.add_argument("--concurrency", type=int, default=16, help="Concurrent clients (16).")
    parser.add_argument(
        "--time-limit", type=float, default=300.0, help="Hard wall-time limit in seconds (300)."
    )
    parser.add_argument(
        "--endpoint",
        choices=sorted(ENDPOINTS),
        default="ask",
        help="POST /v1/ask (default) or /v1/search.",
    )
    parser.add_argument(
        "--warmup",
        type=int,
        default=len(QUESTIONS),
        help="Uncounted sequential requests first (default: one per question).",
    )
    parser.add_argument("--json", action="store_true", help="Print the summary as JSON.")
    args = parser.parse_args(argv)
    try:
        summary = run_load(
            args.url,
            args.requests,
            args.concurrency,
            args.time_limit,
            endpoint=ENDPOINTS[args.endpoint],
            warmup=args.warmup,
        )
    except (ValueError, httpx.HTTPError) as exc:
        print(f"load: {exc}", file=sys.stderr)
        return 2
    print(
        json.dumps(summary.to_dict(), ensure_ascii=False, indent=1)
        if args.json
        else format_summary(summary)
    )
    return 0 if summary.errors == 0 and not summary.timed_out else 1


if __name__ == "__main__":
    sys.exit(main())
