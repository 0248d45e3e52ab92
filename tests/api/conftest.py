"""The real app (composition root, UI not mounted) on the session's real index."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from fastapi.testclient import TestClient

from assistant.container import Container
from assistant.server import create_app
from assistant.settings import Settings


@pytest.fixture(scope="module")
def client(container: Container) -> Iterator[TestClient]:
    with TestClient(create_app(container=container)) as c:
        yield c


@contextmanager
def app_with(container: Container, **sections: dict[str, Any]) -> Iterator[TestClient]:
    """The app over the session's service with some settings sections changed, e.g.
    ``app_with(container, api={"keys": [...]})``."""
    update = {
        name: getattr(container.settings, name).model_copy(update=values)
        for name, values in sections.items()
    }
    settings: Settings = container.settings.model_copy(update=update)
    # the same index and model, built again so the service reads the changed settings
    from assistant.container import build

    rebuilt = build(settings, container.embedder)
    with TestClient(create_app(container=rebuilt)) as client:
        yield client


def sse_events(body: str) -> list[tuple[str, dict[str, Any]]]:
    """The (event, data) pairs of a Server-Sent Events body."""
    events = []
    for block in body.strip().split("\n\n"):
        lines = dict(line.split(": ", 1) for line in block.split("\n") if ": " in line)
        if "event" in lines:
            events.append((lines["event"], json.loads(lines["data"])))
    return events
