"""Settings: a bad configuration stops start-up with a message that never shows the keys."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from assistant.settings import SettingsError, load_settings

GOOD = "k3y-that-must-stay-secret-0001"
OTHER = "another-secret-admin-key-0002"


def test_validation_error_names_fields_not_values(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASSISTANT_API__KEYS", json.dumps([GOOD, "changeme"]))
    monkeypatch.setenv("ASSISTANT_API__ADMIN_KEYS", json.dumps([OTHER]))
    with pytest.raises(SettingsError) as info:
        load_settings()
    message = str(info.value)
    assert "api.keys" in message and "placeholder" in message
    assert GOOD not in message and OTHER not in message and "changeme" not in message
    assert info.value.__cause__ is None and info.value.__context__ is None


def test_serve_with_a_bad_key_prints_no_key() -> None:
    """`assistant serve` refuses to start; neither its output nor its traceback shows a key."""
    env = {
        **os.environ,
        "ASSISTANT_API__KEYS": json.dumps([GOOD, "tiny-k"]),
        "ASSISTANT_API__ADMIN_KEYS": json.dumps([OTHER]),
    }
    result = subprocess.run(
        [sys.executable, "-m", "assistant.cli", "serve", "--port", "1"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2
    output = result.stdout + result.stderr
    assert "api.keys" in output
    for secret in (GOOD, OTHER, "tiny-k"):
        assert secret not in output
