"""schemathesis run against the live OpenAPI schema of the real server: no 5xx, ever."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest


@pytest.mark.slow
def test_schemathesis_finds_no_server_errors(live_server: str, artifacts_dir: Path) -> None:
    st = Path(sys.executable).parent / "schemathesis"
    result = subprocess.run(
        [
            str(st),
            "run",
            f"{live_server}/openapi.json",
            "--checks",
            "not_a_server_error",
            "--max-examples",
            "40",
            "--workers",
            "2",
            "--seed",
            "1",
            "--no-color",
        ],
        capture_output=True,
        text=True,
        timeout=900,
    )
    (artifacts_dir / "schemathesis.txt").write_text(result.stdout + result.stderr, encoding="utf-8")
    assert result.returncode == 0, result.stdout[-4000:]
    cases = sum(int(n) for n in re.findall(r"(\d+) generated", result.stdout))
    print(f"\nschemathesis: {cases} generated cases, 0 server errors")
    assert cases > 0, result.stdout[-2000:]
