"""The composition root: the API app with the front ends mounted on it.

``uvicorn assistant.server:create_app --factory`` serves it; ``assistant serve`` does the
same. Nothing under ``assistant/`` imports the UI: front ends register themselves as
``assistant.frontends`` entry points (``pyproject.toml``: ``ui = "ui.mount:mount_ui"``),
each a function ``mount(app, get_service, settings)``, so an API-only deployment simply
does not install them.
"""

from __future__ import annotations

import logging
from importlib.metadata import entry_points

from fastapi import FastAPI

from assistant.api.app import Runtime, create_api
from assistant.container import Container
from assistant.settings import Settings, configure_offline_environment, load_settings

log = logging.getLogger("assistant.server")
FRONTENDS = "assistant.frontends"


def create_app(settings: Settings | None = None, container: Container | None = None) -> FastAPI:
    """The whole application; pass ``container`` to reuse already-built parts (tests)."""
    configure_offline_environment()
    settings = container.settings if container else settings or load_settings()
    runtime = Runtime(settings, container)
    app = create_api(runtime)
    if settings.api.mount_ui:
        for frontend in entry_points(group=FRONTENDS):
            try:
                mount = frontend.load()
            except ImportError as exc:  # a front end whose dependencies are missing
                log.warning("front end %s not mounted: %s", frontend.name, exc)
                continue
            mount(app, runtime.service, settings)
    return app
