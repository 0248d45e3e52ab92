"""Soak test: questions from many clients while ingests keep changing the index.

A real ``assistant serve`` on a loopback port, over a temporary data dir, answers
``--requests`` distinct questions (``POST /v1/ask``) from ``--clients`` threads while
``--ingests`` real ``assistant ingest --replace`` processes rewrite the index with
changing corpora (every ``--pair-every``-th step starts two ingests at once). Each corpus
variant renames its plans (``<plan>-v<step>``), so every generation has its own document
ids and an answer can be traced to the generation it came from.

Counted:
- 5xx responses, other non-200 responses, transport errors;
- wrong-generation answers: an answer whose cited documents are not all in one generation
  that was current at some moment while the request ran (CURRENT is polled every 20 ms;
  0.2 s of slack either side);
- the server's open files, threads and RSS, sampled every second (its worker processes
  included).

Bounded: loopback only, ``--time-limit`` seconds at most (then everything is stopped).

    python scripts/soak.py --requests 10000 --clients 16 --ingests 20 --json out.json

Exit status 0 when there were no 5xx, no transport errors and no wrong-generation answers.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"

AGENCIES = [
    "Sở Tư pháp",
    "Sở Y tế",
    "Công an tỉnh",
    "Công an thành phố",
    "Sở Giáo dục và Đào tạo",
    "Sở Lao động - Thương binh và Xã hội",
    "Sở Văn hóa, Thể thao và Du lịch",
    "Sở Thông tin và Truyền thông",
    "Sở Tài chính",
    "Sở Kế hoạch và Đầu tư",
    "Ủy ban nhân dân cấp huyện",
    "Ủy ban nhân dân cấp xã",
    "Hội Liên hiệp Phụ nữ",
    "Đoàn Thanh niên",
    "Tòa án nhân dân",
    "Viện kiểm sát nhân dân",
    "Đài Phát thanh và Truyền hình",
    "Sở Nội vụ",
    "Ban Dân tộc",
    "Mặt trận Tổ quốc",
]
TOPICS = [
    "phòng chống đuối nước",
    "phòng chống xâm hại tình dục trẻ em",
    "trợ giúp pháp lý cho trẻ em",
    "tiêm chủng mở rộng",
    "dinh dưỡng trẻ em dưới 5 tuổi",
    "bạo lực học đường",
    "trẻ em có hoàn cảnh đặc biệt",
    "tổng đài 111",
    "khai sinh cho trẻ em",
    "sân chơi cho trẻ em",
    "an toàn trên mạng",
    "lao động trẻ em",
    "trẻ em mồ côi",
    "kinh phí thực hiện",
    "chế độ báo cáo",
    "truyền thông về quyền trẻ em",
    "xã phường phù hợp với trẻ em",
    "tai nạn thương tích",
    "chăm sóc sức khỏe tâm thần",
    "bảo hiểm y tế cho trẻ em",
    "phòng chống mua bán trẻ em",
    "hỗ trợ trẻ em khuyết tật",
    "phòng chống ma túy trong trẻ em",
    "giáo dục kỹ năng sống",
    "trẻ em vi phạm pháp luật",
]
FORMS = [
    "{agency} phải làm gì về {topic}?",
    "{agency} có trách nhiệm gì trong {topic}{place}?",
    "Ai chịu trách nhiệm {topic}{place}?",
    "Kế hoạch{place} nói gì về {topic}?",
    "Nhiệm vụ của {agency} về {topic} là gì?",
    "{agency} phối hợp với ai để {topic}?",
    "Chỉ tiêu về {topic}{place} là bao nhiêu?",
    "cho hỏi {agency} lo việc {topic} thế nào{place}",
    "Cơ quan nào chủ trì {topic}{place}?",
    "{topic}{place}: {agency} cần làm gì?",
]
PLACES = ["", " ở Hà Nội", " ở Cao Bằng", " ở Cần Thơ", " ở Long Khánh", " ở Hải Phòng"]


def questions(count: int, seed: int = 13) -> list[str]:
    """``count`` distinct questions (agency × topic × wording × place), shuffled."""
    combos = [
        form.format(agency=agency, topic=topic, place=place)
        for form, agency, topic, place in itertools.product(FORMS, AGENCIES, TOPICS, PLACES)
    ]
    unique = sorted(set(combos))
    if count > len(unique):
        raise SystemExit(f"at most {len(unique)} distinct questions")
    random.Random(seed).shuffle(unique)
    return unique[:count]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def process_tree(pid: int) -> list[int]:
    """``pid`` and its descendants (uvicorn workers)."""
    pids, queue = [], [pid]
    while queue:
        current = queue.pop()
        pids.append(current)
        for task in Path(f"/proc/{current}/task").glob("*"):
            try:
                queue.extend(int(c) for c in (task / "children").read_text().split())
            except OSError:
                continue
    return pids


def sample(pid: int) -> dict[str, float]:
    """Open files, threads and RSS (MB) of the server's process tree."""
    fds = threads = 0
    rss = 0.0
    for p in process_tree(pid):
        try:
            fds += len(os.listdir(f"/proc/{p}/fd"))
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    rss += int(line.split()[1]) / 1024
                elif line.startswith("Threads:"):
                    threads += int(line.split()[1])
        except OSError:
            continue
    return {"fds": fds, "threads": threads, "rss_mb": round(rss, 1)}


@dataclass
class Timeline:
    """When each generation became current, and its document ids (CURRENT polled)."""

    data_dir: Path
    entries: list[tuple[float, str, frozenset[str]]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def poll(self, stop: threading.Event) -> None:
        last = None
        while not stop.is_set():
            try:
                name = (self.data_dir / "CURRENT").read_text(encoding="utf-8").strip()
            except OSError:
                name = None
            if name and name != last:
                try:
                    docs = json.loads(
                        (self.data_dir / "generations" / name / "documents.json").read_text(
                            encoding="utf-8"
                        )
                    )
                except (OSError, ValueError):
                    time.sleep(0.005)
                    continue
                with self.lock:
                    self.entries.append((time.monotonic(), name, frozenset(d["id"] for d in docs)))
                last = name
            time.sleep(0.02)

    def alive(self, start: float, end: float, slack: float = 0.2) -> list[frozenset[str]]:
        """Document sets of the generations current at some moment in [start, end]."""
        with self.lock:
            entries = list(self.entries)
        before = [e for e in entries if e[0] <= start - slack]
        during = [e for e in entries if start - slack < e[0] <= end + slack]
        return [e[2] for e in before[-1:] + during]


@dataclass
class Results:
    statuses: Counter[int] = field(default_factory=Counter)
    transport_errors: Counter[str] = field(default_factory=Counter)
    wrong_generation: list[dict[str, Any]] = field(default_factory=list)
    failures: list[dict[str, Any]] = field(default_factory=list)  # 5xx and transport errors
    answered: int = 0
    latencies: list[float] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


def corpus_variant(root: Path, step: int, rng: random.Random) -> Path:
    """The plans (3 to 5 of them) under ids of this step: ``<plan>-v<step>``."""
    plans = sorted(CORPUS.glob("*.txt"))
    chosen = rng.sample(plans, rng.randint(3, len(plans)))
    folder = root / f"variant-{step:02d}"
    folder.mkdir()
    for plan in chosen:
        shutil.copy(plan, folder / f"{plan.stem}-v{step}.txt")
    return folder


def run_ingest(env: dict[str, str], folder: Path, log: list[dict[str, Any]]) -> None:
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "assistant.cli", "ingest", "--json", "--replace", str(folder)],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    entry: dict[str, Any] = {
        "variant": folder.name,
        "rc": result.returncode,
        "seconds": round(time.monotonic() - started, 1),
    }
    if result.returncode == 0:
        report = json.loads(result.stdout)
        entry.update({k: report[k] for k in ("documents", "chunks", "added", "deleted")})
    else:
        entry["stderr"] = result.stderr[-500:]
    log.append(entry)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=10_000)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--ingests", type=int, default=20)
    parser.add_argument("--pair-every", type=int, default=4, help="every n-th step: 2 at once")
    parser.add_argument("--ingest-gap", type=float, default=3.0, help="seconds between steps")
    parser.add_argument("--time-limit", type=float, default=3600.0)
    parser.add_argument("--workers", type=int, default=None, help="serve --workers, if any")
    parser.add_argument("--json", type=Path, default=None, help="write the summary here")
    parser.add_argument(
        "--cache",
        type=Path,
        default=ROOT / ".data" / "embeddings.sqlite",
        help="embedding cache to start from (saves embedding the corpus again)",
    )
    args = parser.parse_args(argv)
    deadline = time.monotonic() + args.time_limit

    work = Path(tempfile.mkdtemp(prefix="soak-"))
    data_dir = work / "data"
    data_dir.mkdir()
    if args.cache.exists():
        shutil.copy(args.cache, data_dir / "embeddings.sqlite")
    port = free_port()
    env = {
        **os.environ,
        "ASSISTANT_DATA_DIR": str(data_dir),
        "ASSISTANT_API__MOUNT_UI": "true",
        "PYTHONPATH": str(ROOT),
        "OMP_NUM_THREADS": os.environ.get("OMP_NUM_THREADS", "1"),
        "OMP_WAIT_POLICY": "PASSIVE",
    }
    rng = random.Random(13)
    ingests: list[dict[str, Any]] = []
    run_ingest(env, corpus_variant(work, 0, rng), ingests)  # the index the server starts on
    serve = [sys.executable, "-m", "assistant.cli", "serve", "--host", "127.0.0.1"]
    serve += ["--port", str(port)]
    if args.workers:
        serve += ["--workers", str(args.workers)]
    base = f"http://127.0.0.1:{port}"
    with (work / "server.log").open("w") as log:
        server = subprocess.Popen(serve, env=env, stdout=subprocess.DEVNULL, stderr=log)
    try:
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{base}/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if server.poll() is not None:
                raise SystemExit("the server exited: see " + str(work / "server.log"))
            time.sleep(0.5)
        return _soak(args, env, work, data_dir, base, server, ingests, rng, deadline)
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
        shutil.rmtree(work, ignore_errors=True)


def _soak(
    args: argparse.Namespace,
    env: dict[str, str],
    work: Path,
    data_dir: Path,
    base: str,
    server: subprocess.Popen[bytes],
    ingests: list[dict[str, Any]],
    rng: random.Random,
    deadline: float,
) -> int:
    stop = threading.Event()
    timeline = Timeline(data_dir)
    samples: list[dict[str, float]] = []
    started = time.monotonic()

    def sampler() -> None:
        while not stop.is_set():
            samples.append({"t": round(time.monotonic() - started, 1), **sample(server.pid)})
            stop.wait(1.0)

    def ingester() -> None:
        step = 1
        while step <= args.ingests and not stop.is_set() and time.monotonic() < deadline:
            pair = args.pair_every and step % args.pair_every == 0 and step < args.ingests
            folders = [corpus_variant(work, step + i, rng) for i in range(2 if pair else 1)]
            threads = [threading.Thread(target=run_ingest, args=(env, f, ingests)) for f in folders]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            step += len(folders)
            stop.wait(args.ingest_gap)

    queue = questions(args.requests)
    results = Results()
    next_index = itertools.count()

    def client() -> None:
        with httpx.Client(base_url=base, timeout=120) as http:
            while time.monotonic() < deadline:
                i = next(next_index)
                if i >= len(queue):
                    return
                begin = time.monotonic()
                try:
                    response = http.post("/v1/ask", json={"question": queue[i]})
                except httpx.HTTPError as exc:
                    with results.lock:
                        results.transport_errors[type(exc).__name__] += 1
                        results.failures.append(
                            failure(started, begin, queue[i], f"{type(exc).__name__}: {exc}")
                        )
                    continue
                end = time.monotonic()
                with results.lock:
                    results.statuses[response.status_code] += 1
                    results.latencies.append(end - begin)
                    if response.status_code >= 500:
                        detail = f"{response.status_code}: {response.text[:300]}"
                        results.failures.append(failure(started, begin, queue[i], detail))
                if response.status_code != 200:
                    continue
                body = response.json()
                cited = {c["document"]["id"] for c in body.get("citations", [])}
                if body.get("status") == "answered":
                    with results.lock:
                        results.answered += 1
                alive = timeline.alive(begin, end)
                if cited and not any(cited <= docs for docs in alive):
                    with results.lock:
                        results.wrong_generation.append(
                            {"question": queue[i], "cited": sorted(cited)}
                        )

    background = [
        threading.Thread(target=timeline.poll, args=(stop,), daemon=True),
        threading.Thread(target=sampler, daemon=True),
    ]
    for t in background:
        t.start()
    time.sleep(1.5)  # a few samples before the load starts
    feeder = threading.Thread(target=ingester, daemon=True)
    feeder.start()
    clients = [threading.Thread(target=client, daemon=True) for _ in range(args.clients)]
    for t in clients:
        t.start()
    for t in clients:
        t.join(max(0.0, deadline - time.monotonic()))
    feeder.join(max(0.0, deadline - time.monotonic()))
    time.sleep(2.0)  # settle: the last switch, the last samples
    httpx.get(f"{base}/health", timeout=10)  # one request after the last ingest: final switch
    time.sleep(1.5)
    stop.set()
    for t in background:
        t.join(5)

    elapsed = time.monotonic() - started
    summary = summarise(args, results, samples, ingests, timeline, elapsed)
    summary["failures"] = results.failures[:20]
    summary["server_log_errors"] = log_errors(work / "server.log")
    text = json.dumps(summary, ensure_ascii=False, indent=1)
    print(text)
    if args.json:
        args.json.write_text(text, encoding="utf-8")
    bad = (
        sum(n for s, n in results.statuses.items() if s >= 500)
        + sum(results.transport_errors.values())
        + len(results.wrong_generation)
    )
    return 1 if bad else 0


def failure(started: float, begin: float, question: str, detail: str) -> dict[str, Any]:
    """One failed request: when it started (seconds into the soak), what, and why."""
    return {"t": round(begin - started, 2), "question": question, "detail": detail}


def log_errors(log: Path, keep: int = 5) -> dict[str, Any]:
    """Tracebacks in the server's log: how many, and the last lines of the first few (the
    log itself goes with the temporary data dir)."""
    lines = log.read_text(encoding="utf-8", errors="replace").splitlines() if log.exists() else []
    starts = [n for n, line in enumerate(lines) if line.startswith("Traceback")]
    excerpts = []
    for n in starts[:keep]:
        end = next(
            (m for m in range(n + 1, len(lines)) if lines[m] and not lines[m][0].isspace()),
            len(lines) - 1,
        )
        excerpts.append("\n".join(lines[max(0, n - 2) : end + 1][-25:]))
    return {"tracebacks": len(starts), "first": excerpts}


def summarise(
    args: argparse.Namespace,
    results: Results,
    samples: list[dict[str, float]],
    ingests: list[dict[str, Any]],
    timeline: Timeline,
    elapsed: float,
) -> dict[str, Any]:
    """The figures: requests, errors, wrong generations, resources at start, peak and end."""
    done = sum(results.statuses.values())
    latencies = sorted(results.latencies)

    def percentile(q: float) -> float:
        return round(latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000, 1)

    # "start" after warm-up: the first samples taken once requests are flowing
    warm = samples[min(len(samples) - 1, 5)] if samples else {}
    return {
        "requests": {
            "planned": args.requests,
            "done": done,
            "clients": args.clients,
            "seconds": round(elapsed, 1),
            "per_second": round(done / elapsed, 1) if elapsed else 0,
            "statuses": dict(sorted(results.statuses.items())),
            "answered": results.answered,
            "server_errors_5xx": sum(n for s, n in results.statuses.items() if s >= 500),
            "transport_errors": dict(results.transport_errors),
            "latency_ms": {"p50": percentile(0.5), "p95": percentile(0.95)} if latencies else {},
        },
        "wrong_generation_answers": len(results.wrong_generation),
        "wrong_generation_examples": results.wrong_generation[:5],
        "ingests": {
            "run": len(ingests) - 1,
            "failed": sum(1 for e in ingests[1:] if e["rc"] != 0),
            "generations_seen": len(timeline.entries),
            "seconds_median": statistics.median(e["seconds"] for e in ingests[1:])
            if len(ingests) > 1
            else None,
            "log": ingests[1:],
        },
        "server": {
            "samples": len(samples),
            "after_warm_up": warm,
            "peak": {k: max(s[k] for s in samples) for k in ("fds", "threads", "rss_mb")}
            if samples
            else {},
            "end": samples[-1] if samples else {},
            # ten evenly spaced samples: flat or growing?
            "series": samples[:: max(1, len(samples) // 10)],
        },
    }


if __name__ == "__main__":
    raise SystemExit(main())
