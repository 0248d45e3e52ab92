"""The HTTP API: middleware, error handlers and the routers of ``api/routes``.

Routes are thin: validate, call one service function, return a response model. The
container is built once in the lifespan and reaches routes through the lifespan state
(``deps.py``). The API knows nothing of the UI: ``assistant/server.py`` mounts it.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import TypedDict

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi_offline import FastAPIOffline
from starlette.concurrency import run_in_threadpool

from assistant.api import handlers
from assistant.api.middleware import BodyLimit, CatchAll, Guard, redact_keys_in_access_log
from assistant.api.routes import ask, documents, evals, feedback, health, openai
from assistant.api.schemas import ERROR_RESPONSES
from assistant.container import Container, build
from assistant.errors import NotIndexed
from assistant.service import AssistantService
from assistant.settings import Settings

ROUTERS = (health.router, documents.router, ask.router, openai.router, feedback.router)
ADMIN_ROUTERS = (evals.router,)
UPLOAD_PREFIX = "/v1/documents"


class State(TypedDict):
    """What the lifespan hands every request (``request.state``)."""

    container: Container


@dataclass
class Runtime:
    """The process's built objects: made in the lifespan, or handed in by a test."""

    settings: Settings
    container: Container | None = None

    def service(self) -> AssistantService:
        """The service, once the app has started."""
        if self.container is None:
            raise NotIndexed("Dịch vụ đang khởi động, vui lòng thử lại sau giây lát.")
        return self.container.service


def create_api(runtime: Runtime) -> FastAPI:
    """The API application over ``runtime`` (its container is built at start-up if absent)."""

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[State]:
        if runtime.container is None:
            runtime.container = await run_in_threadpool(build, runtime.settings)
            await run_in_threadpool(runtime.container.service.warm_up)
        yield {"container": runtime.container}

    app = FastAPIOffline(
        title="Trợ lý kế hoạch bảo vệ trẻ em",
        description=(
            "Hỏi đáp có trích dẫn về năm kế hoạch bảo vệ trẻ em (Hà Nội, Cao Bằng, Cần Thơ, "
            "Long Khánh, Hải Phòng). Mọi câu trả lời trích nguyên văn kế hoạch, kèm số kế hoạch "
            'và mục. Lỗi trả về dạng `{"error": {"code", "message"}}`.'
        ),
        version="0.2.0",
        lifespan=lifespan,
        responses=ERROR_RESPONSES,
    )
    settings = runtime.settings
    app.add_middleware(CatchAll)  # innermost of ours: sees what the routes raise
    if settings.api.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.api.cors_origins,
            allow_methods=["GET", "POST", "PUT", "DELETE"],
            allow_headers=["*"],
        )
    app.add_middleware(
        BodyLimit,
        limit=settings.limits.body_bytes,
        larger={UPLOAD_PREFIX: settings.limits.upload_bytes},
    )
    # outermost: the front ends' key check, Referrer-Policy and CORS on every response
    app.add_middleware(
        Guard,
        keys=[*settings.api.keys, *settings.api.admin_keys],
        cors_origins=settings.api.cors_origins,
    )
    redact_keys_in_access_log()
    handlers.install(app)
    for router in (*ROUTERS, *ADMIN_ROUTERS):
        app.include_router(router)
    return app
