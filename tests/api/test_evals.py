"""Bring-your-own evaluation: POST /v1/eval and `assistant eval --gold my.csv`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from assistant.container import Container
from tests.api.conftest import app_with

# Written against plan numbers and localities, not internal ids.
CSV = """question,plan,quote,facts,answerable
Sở Tư pháp Hà Nội phải làm gì?,203/KH-UBND,chăm sóc thay thế bằng hình thức nhận con nuôi,con nuôi,true
Tỷ lệ trẻ dưới 1 tuổi được tiêm chủng đầy đủ ở Cao Bằng là bao nhiêu?,Cao Bằng,,,true
Giá vé máy bay đi Đà Nẵng là bao nhiêu?,,,,false
"""


def _csv_with_quote(csv: str) -> str:
    # the second row's quote: the plan's own wording of the vaccination target
    return csv.replace(
        "Cao Bằng,,,true", "Cao Bằng,được tiêm chủng đầy đủ đạt 95% với 12 loại vắc xin,95%,true"
    )


def test_post_eval_scores_a_csv(container: Container) -> None:
    with app_with(container) as client:
        response = client.post("/v1/eval", json={"csv": _csv_with_quote(CSV)})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["summary"]["overall"]["questions"] == 3
    rows = {r["id"]: r for r in body["rows"]}
    assert rows["c001"]["scores"]["hit@5"] == 1.0 and rows["c001"]["scores"]["answer_facts"] == 1.0
    assert rows["c003"]["scores"]["refusal_accuracy"] == 1.0


def test_post_eval_names_an_unknown_plan(container: Container) -> None:
    with app_with(container) as client:
        bad = "question,plan,quote,facts\nSở Y tế?,999/KH-UBND,abc,x\n"
        response = client.post("/v1/eval", json={"csv": bad})
    assert response.status_code == 422
    assert "999/KH-UBND" in response.json()["error"]["message"]


def test_cli_eval_with_own_csv(container: Container, tmp_path: Path) -> None:
    gold = tmp_path / "my.csv"
    gold.write_text(_csv_with_quote(CSV), encoding="utf-8")
    env = {
        **os.environ,
        "ASSISTANT_DATA_DIR": str(container.settings.data_dir),
        "OMP_WAIT_POLICY": "PASSIVE",
    }
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "assistant.cli",
            "eval",
            "--gold",
            str(gold),
            "--no-peers",
            "--json",
            "--out",
            str(tmp_path / "report"),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    summary = json.loads(result.stdout)
    assert summary["overall"]["questions"] == 3
    assert summary["overall"]["refusal_accuracy"] == 1.0
    assert (tmp_path / "report" / "report.md").exists()
