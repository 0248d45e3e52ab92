"""Bounded loopback load test of the assistant's HTTP API, beside the machine's limit.

``concurrency`` asyncio clients (one ``httpx.AsyncClient`` connection pool) share a fixed
budget of ``requests`` POSTs to ``/v1/ask`` (or ``/v1/search``). By default every request
asks a different question (:func:`distinct_questions`: agencies × plans × intents ×
phrasings, topics, the gold questions; ~7,900 of them), as real traffic does; ``--repeated``
cycles 20 fixed questions instead. The run stops at whichever comes first: the budget is
spent or ``time_limit`` seconds have passed (requests still in flight are cancelled and
reported). Errors are non-200 responses and exceptions. Only loopback hosts are accepted.

First, unless ``--limit-seconds 0``, it measures the limit: distinct query embeddings per
second with the service's own model, one process per core (:func:`embedding_limit`), and
prints the service's rate as a fraction of it.

    python scripts/load.py --url http://127.0.0.1:8000 --requests 2000 --concurrency 16

Exit status: 0 when every request succeeded within the time limit, 1 otherwise.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import random
import sys
import time
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx

PROJECT_ROOT = Path(__file__).resolve().parent.parent
if str(PROJECT_ROOT) not in sys.path:  # run as `python scripts/load.py`
    sys.path.insert(0, str(PROJECT_ROOT))

GOLD = PROJECT_ROOT / "evals" / "gold.jsonl"

# A few fixed, realistic questions (the "repeated questions" row of the benchmark, and
# warm-ups): with and without diacritics, named plans, agencies, targets,
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

# The distinct-question generator: every request of a load run asks something new, as real
# traffic does (a repeated question would let caches and warm paths flatter the figures).
AGENCIES: tuple[str, ...] = (
    "Sở Tư pháp",
    "Công an tỉnh",
    "Sở Y tế",
    "Sở Giáo dục và Đào tạo",
    "Sở Lao động - Thương binh và Xã hội",
    "Sở Văn hóa, Thể thao và Du lịch",
    "Sở Thông tin và Truyền thông",
    "Sở Tài chính",
    "Sở Kế hoạch và Đầu tư",
    "Sở Nội vụ",
    "Đoàn Thanh niên",
    "Hội Liên hiệp Phụ nữ",
    "Ủy ban Mặt trận Tổ quốc",
    "Liên đoàn Lao động",
    "Hội Nông dân",
    "Hội Chữ thập đỏ",
    "Tòa án nhân dân",
    "Viện Kiểm sát nhân dân",
    "Ủy ban nhân dân cấp huyện",
    "Ủy ban nhân dân cấp xã",
    "Phòng Giáo dục",
    "Trung tâm Y tế",
    "Báo, Đài Phát thanh - Truyền hình",
    "Bộ Chỉ huy Quân sự",
)
PLANS: tuple[str, ...] = (
    "",
    "Hà Nội",
    "Cao Bằng",
    "Hải Phòng",
    "Long Khánh",
    "Cần Thơ",
    "kế hoạch 1222",
    "kế hoạch 203",
    "kế hoạch 216",
    "kế hoạch 1515",
)
INTENTS: tuple[str, ...] = (
    "phải làm gì",
    "có trách nhiệm gì",
    "có nhiệm vụ gì trong bảo vệ trẻ em",
    "được giao nhiệm vụ gì về phòng chống xâm hại trẻ em",
    "phối hợp với cơ quan nào",
    "làm gì để phòng chống bạo lực học đường",
    "có vai trò gì trong phòng chống đuối nước cho trẻ em",
    "cần báo cáo kết quả cho ai",
)
TOPICS: tuple[str, ...] = (
    "phòng chống tai nạn thương tích cho trẻ em",
    "đăng ký khai sinh cho trẻ em",
    "trẻ em có hoàn cảnh đặc biệt",
    "suy dinh dưỡng thể thấp còi",
    "Tổng đài điện thoại quốc gia 111",
    "kinh phí thực hiện",
    "chỉ tiêu đến năm 2025",
    "mục tiêu đến năm 2030",
    "chế độ báo cáo",
    "phòng chống xâm hại tình dục trẻ em",
    "trẻ em lang thang",
    "môi trường mạng an toàn cho trẻ em",
)
TOPIC_FORMS: tuple[str, ...] = (
    "{plan_in} nói gì về {topic}?",
    "{topic} được quy định thế nào {plan_in}?",
    "Có chỉ tiêu nào về {topic} {plan_in} không?",
)
AGENCY_FORMS: tuple[str, ...] = (
    "{agency} {plan_in} {intent}?",
    "Theo {plan_named}, {agency} {intent}?",
    "{agency} {intent} {plan_in}",
    "Cho tôi biết {agency} {intent} {plan_in}.",
)


def _plan_in(plan: str) -> str:
    if not plan:
        return "trong các kế hoạch"
    return f"trong {plan}" if plan.startswith("kế hoạch") else f"ở {plan}"


def gold_questions(path: Path = GOLD) -> list[str]:
    """The gold set's stand-alone questions (follow-ups need their history: left out)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return []
    records = [json.loads(line) for line in lines if line.strip()]
    return [r["question"] for r in records if r.get("question") and not r.get("history")]


def distinct_questions(limit: int | None = None, seed: int = 12) -> list[str]:
    """Distinct questions (no two alike), shuffled with a fixed seed: agencies × plans ×
    intents × phrasings, topics × plans × phrasings, half of them also without diacritics,
    plus the gold questions. About 4,000; ``limit`` cuts the list."""
    generated: list[str] = []
    for agency, plan, intent, form in itertools.product(AGENCIES, PLANS, INTENTS, AGENCY_FORMS):
        if "{plan_named}" in form and not plan:
            continue
        named = plan if plan.startswith("kế hoạch") else f"kế hoạch của {plan}"
        generated.append(
            form.format(agency=agency, plan_named=named, plan_in=_plan_in(plan), intent=intent)
        )
    for topic, plan, form in itertools.product(TOPICS, PLANS, TOPIC_FORMS):
        generated.append(form.format(topic=topic, plan_in=_plan_in(plan)))
    rng = random.Random(seed)
    # Users often type without diacritics: fold a random half (a different string, so a
    # different query embedding).
    generated = [fold_question(q) if rng.random() < 0.5 else q for q in generated]
    questions = list(dict.fromkeys([*gold_questions(), *(collapse(q) for q in generated)]))
    rng.shuffle(questions)
    return questions[:limit] if limit is not None else questions


def collapse(question: str) -> str:
    """One space between words, capitalised."""
    text = " ".join(question.split())
    return text[:1].upper() + text[1:]


def fold_question(question: str) -> str:
    """The question as typed without diacritics, in lower case."""
    decomposed = unicodedata.normalize("NFD", question.lower().replace("đ", "d"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


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
    questions: str = "distinct"  # "distinct": every request a new question, or "repeated"
    distinct: int = 0  # different questions among the requests sent
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
    questions: Sequence[str] | None = None,
    endpoint: str = "/v1/ask",
    request_timeout: float = 60.0,
    warmup: int = 0,
) -> LoadSummary:
    """Send ``requests`` POSTs from ``concurrency`` clients, stopping at ``time_limit`` s.

    ``questions`` default to :func:`distinct_questions`: no question is asked twice until
    the list runs out (then it cycles). ``warmup`` requests are sent first, ``concurrency``
    at a time, with questions of their own, and not counted.
    """
    check_loopback(url)
    pool = list(questions) if questions is not None else distinct_questions()
    if requests < 1 or concurrency < 1 or time_limit <= 0 or not pool:
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
    asked: set[str] = set()
    next_index = 0
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)

    def question_at(index: int) -> str:
        return pool[(warmup + index) % len(pool)]

    async with httpx.AsyncClient(
        base_url=url, timeout=request_timeout, limits=limits, trust_env=False
    ) as client:
        # Warm-up in concurrent rounds, so every server worker process gets some.
        for start in range(0, warmup, concurrency):
            await asyncio.gather(
                *(
                    client.post(endpoint, json=request_body(endpoint, pool[i % len(pool)]))
                    for i in range(start, min(warmup, start + concurrency))
                ),
                return_exceptions=True,
            )

        async def worker() -> None:
            nonlocal next_index
            while next_index < requests:
                index = next_index
                next_index += 1
                summary.sent += 1
                question = question_at(index)
                asked.add(question)
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

    summary.distinct = len(asked)
    summary.questions = "distinct" if summary.distinct == summary.sent else "repeated"
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
    questions: Sequence[str] | None = None,
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


# --- the limit: query embeddings per second on all cores --------------------------------


@dataclass
class EmbeddingLimit:
    """How many distinct query embeddings per second the machine's cores can compute with
    the service's own model, one process per core (one OpenMP thread each), all at once."""

    processes: int
    embeddings: int = 0
    seconds: float = 0.0
    per_s: float = 0.0
    per_process_ms: list[float] = field(default_factory=list)  # mean ms per embedding

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return asdict(self)


def _limit_worker(questions: list[str], seconds: float, barrier: Any, out: Any) -> None:
    """In a child process: load the model, wait for the others, embed until time is up."""
    os.environ["OMP_NUM_THREADS"] = "1"  # before the model loads: one core per process
    os.environ["OMP_WAIT_POLICY"] = "PASSIVE"
    from assistant.index.embeddings import build_embedder
    from assistant.settings import Settings, configure_offline_environment

    configure_offline_environment()
    embedder = build_embedder(Settings().embedding)
    embedder.get_query_embedding("khởi động")
    barrier.wait(timeout=300)
    done = 0
    started = time.perf_counter()
    deadline = started + seconds
    while time.perf_counter() < deadline and done < len(questions):
        embedder.get_query_embedding(questions[done])
        done += 1
    out.put((done, time.perf_counter() - started))


def embedding_limit(
    seconds: float = 10.0, processes: int | None = None, questions: Sequence[str] | None = None
) -> EmbeddingLimit:
    """Measure :class:`EmbeddingLimit`: ``processes`` (default: the cores) children embed
    distinct questions (disjoint slices, none repeated) for ``seconds`` after a common start.
    Bounded: each child stops at the time limit or when its slice runs out."""
    import multiprocessing

    count = processes or os.cpu_count() or 1
    pool = list(questions) if questions is not None else distinct_questions()
    context = multiprocessing.get_context("spawn")  # a clean interpreter: no forked threads
    barrier = context.Barrier(count)
    out = context.Queue()
    workers = [
        context.Process(
            target=_limit_worker, args=(pool[i::count], seconds, barrier, out), daemon=True
        )
        for i in range(count)
    ]
    for worker in workers:
        worker.start()
    results = []
    try:
        for _ in workers:
            results.append(out.get(timeout=seconds + 300))
    finally:
        for worker in workers:
            worker.join(timeout=30)
            if worker.is_alive():
                worker.terminate()
    limit = EmbeddingLimit(processes=count)
    limit.embeddings = sum(done for done, _ in results)
    limit.seconds = max(elapsed for _, elapsed in results)
    limit.per_s = limit.embeddings / limit.seconds if limit.seconds else 0.0
    limit.per_process_ms = [round(1000 * elapsed / max(done, 1), 1) for done, elapsed in results]
    return limit


def format_summary(summary: LoadSummary, limit: EmbeddingLimit | None = None) -> str:
    """A few human-readable lines (with the limit and the ratio to it, when measured)."""

    def ms(value: float | None) -> str:
        return "–" if value is None else f"{value:.0f} ms"

    lines = [
        f"{summary.endpoint} on {summary.url}: {summary.sent}/{summary.requested} sent by "
        f"{summary.concurrency} clients in {summary.seconds:.1f} s, {summary.distinct} "
        f"different questions ({summary.questions})"
        + (f" (stopped at the {summary.time_limit_s:.0f} s limit)" if summary.timed_out else ""),
        f"  ok {summary.ok}, errors {summary.errors}, cancelled {summary.cancelled}, "
        f"{summary.rps:.1f} req/s",
        f"  latency p50 {ms(summary.p50_ms)}, p95 {ms(summary.p95_ms)}, "
        f"p99 {ms(summary.p99_ms)}, max {ms(summary.max_ms)}",
    ]
    if limit is not None:
        ratio = summary.rps / limit.per_s if limit.per_s else 0.0
        lines.append(
            f"  limit: {limit.per_s:.1f} query embeddings/s on {limit.processes} processes; "
            f"service {summary.rps:.1f} req/s = {ratio:.2f} × limit"
        )
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
        "--repeated",
        action="store_true",
        help=f"Cycle {len(QUESTIONS)} fixed questions instead of distinct ones.",
    )
    parser.add_argument(
        "--warmup", type=int, default=20, help="Uncounted warm-up requests first (20)."
    )
    parser.add_argument(
        "--limit-seconds",
        type=float,
        default=10.0,
        help="Also measure the embedding limit for this long first (0: skip; default 10).",
    )
    parser.add_argument("--json", action="store_true", help="Print the summary as JSON.")
    args = parser.parse_args(argv)
    try:
        check_loopback(args.url)
        questions = distinct_questions()
        limit = None
        if args.limit_seconds > 0:
            # Questions the load run will not ask (it starts at the head of the list).
            limit = embedding_limit(args.limit_seconds, questions=questions[::-1][:4000])
        summary = run_load(
            args.url,
            args.requests,
            args.concurrency,
            args.time_limit,
            questions=QUESTIONS if args.repeated else None,
            endpoint=ENDPOINTS[args.endpoint],
            warmup=args.warmup,
        )
    except (ValueError, httpx.HTTPError) as exc:
        print(f"load: {exc}", file=sys.stderr)
        return 2
    if args.json:
        data = summary.to_dict()
        if limit is not None:
            data["limit"] = limit.to_dict()
            data["ratio_to_limit"] = summary.rps / limit.per_s if limit.per_s else None
        print(json.dumps(data, ensure_ascii=False, indent=1))
    else:
        print(format_summary(summary, limit))
    return 0 if summary.errors == 0 and not summary.timed_out else 1


if __name__ == "__main__":
    sys.exit(main())
