"""Key checks (read and admin), placeholder keys refused at start, and CORS."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from assistant.container import Container
from assistant.settings import ApiSettings
from tests.api.conftest import app_with

KEY = "k-0123456789abcdef"
ADMIN = "admin-0123456789abcdef"


def test_read_keys(container: Container) -> None:
    with app_with(container, api={"keys": [KEY], "admin_keys": [ADMIN]}) as client:
        assert client.get("/health").status_code == 200
        denied = client.post("/v1/search", json={"query": "trẻ em"})
        assert denied.status_code == 401 and denied.json()["error"]["code"] == "unauthorized"
        wrong = client.get("/v1/documents", headers={"Authorization": "Bearer wrong-key-000000"})
        assert wrong.status_code == 401
        bearer = client.get("/v1/documents", headers={"Authorization": f"Bearer {KEY}"})
        assert bearer.status_code == 200
        assert client.get("/v1/models", headers={"X-API-Key": KEY}).status_code == 200
        assert client.get("/v1/models", headers={"X-API-Key": ADMIN}).status_code == 200


def test_admin_route_open_on_loopback_only_without_any_key(container: Container) -> None:
    with app_with(container) as client:  # no keys at all: a developer's machine
        assert client.get("/v1/feedback/export").status_code == 200


@pytest.mark.parametrize("key", ["changeme", "secret", "short"])
def test_placeholder_keys_are_refused_at_start(key: str) -> None:
    with pytest.raises(ValidationError, match="placeholder"):
        ApiSettings(keys=[key])
    with pytest.raises(ValidationError, match="placeholder"):
        ApiSettings(admin_keys=[key])


def test_cors_allowlist(container: Container) -> None:
    with app_with(container) as open_client:
        plain = open_client.get("/health", headers={"Origin": "http://portal.local"})
        assert "access-control-allow-origin" not in plain.headers
    with app_with(container, api={"cors_origins": ["http://portal.local"]}) as client:
        allowed = client.get("/health", headers={"Origin": "http://portal.local"})
        assert allowed.headers["access-control-allow-origin"] == "http://portal.local"
        other = client.get("/health", headers={"Origin": "http://evil.local"})
        assert "access-control-allow-origin" not in other.headers
