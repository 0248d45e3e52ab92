"""The managed set of plan files, changed through the API and indexed as ``assistant ingest``.

    corpus_dir/*                     the project's plans (never written here)
    data_dir/uploads/<id><suffix>    plans added or replaced through the API; one shadows a
                                     corpus file with the same document id
    data_dir/uploads/removed.json    ids of corpus plans removed through the API

A change (add, replace, remove) validates every file first (read and parsed exactly as
ingest will), then, holding the library lock, changes the files and runs the same
``ingest`` as the command line over the resulting set: a new index generation is written
and switched to atomically while the old one keeps serving, and two concurrent changes
never lose one another (each ingests the set that includes the other's change). A change
that fails restores the files it touched. File names come from a sanitised document id,
never from a request path.
"""

from __future__ import annotations

import fcntl
import json
import re
import shutil
import threading
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from assistant.errors import (
    DocumentConflict,
    DocumentNotFound,
    PayloadTooLarge,
    RejectedDocument,
    UnsupportedDocument,
)
from assistant.index.embeddings import Embedder
from assistant.ingest.pipeline import IngestReport, discover, ingest, read_plan
from assistant.ingest.readers import SUPPORTED_SUFFIXES
from assistant.settings import Settings
from assistant.text import fold_diacritics
from assistant.types import ParsedPlan

UPLOADS = "uploads"
REMOVED_FILE = "removed.json"
LOCK_FILE = ".library.lock"
RE_DOCUMENT_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,99}$")
_THREAD_LOCKS: dict[Path, threading.Lock] = {}
_THREAD_LOCKS_GUARD = threading.Lock()


@dataclass(frozen=True)
class Upload:
    """One file as received: the name its sender gave it and its bytes."""

    filename: str
    data: bytes


def document_id_for(filename: str) -> str:
    """A safe document id from an uploaded file's name: "Kế hoạch 99 (bản cuối).pdf" →
    "ke-hoach-99-ban-cuoi". Only [a-z0-9-]; no path part of the name survives."""
    name = re.split(r"[\\/]", filename)[-1]
    stem = name.rsplit(".", 1)[0] if "." in name else name
    slug = re.sub(r"[^a-z0-9]+", "-", fold_diacritics(stem)).strip("-")[:80].strip("-")
    return slug or "ke-hoach"


def suffix_of(filename: str) -> str:
    """The lower-cased extension of an uploaded file's name ("" when it has none)."""
    name = re.split(r"[\\/]", filename)[-1]
    return f".{name.rsplit('.', 1)[1].lower()}" if "." in name else ""


class PlanLibrary:
    """The plan files behind the index, and the only writer of data_dir/uploads."""

    def __init__(self, settings: Settings, embedder: Embedder) -> None:
        self._settings = settings
        self._embedder = embedder
        self.uploads = settings.data_dir / UPLOADS

    # --- the set of files ----------------------------------------------------------
    @staticmethod
    def sources_of(settings: Settings) -> list[Path]:
        """The files ``assistant ingest`` indexes by default: corpus plus uploads."""
        uploads = settings.data_dir / UPLOADS
        removed = set(_read_removed(uploads))
        uploaded = {p.stem: p for p in _plan_files(uploads)}
        corpus = [
            p
            for p in discover([settings.corpus_dir])
            if p.stem not in uploaded and p.stem not in removed
        ]
        return [*corpus, *uploaded.values()]

    @staticmethod
    def has_changes(settings: Settings) -> bool:
        """Whether plans were uploaded or removed through the API."""
        uploads = settings.data_dir / UPLOADS
        return bool(_plan_files(uploads) or _read_removed(uploads))

    def sources(self) -> list[Path]:
        """The files the index is built from."""
        return self.sources_of(self._settings)

    # --- changes -------------------------------------------------------------------
    def add(self, uploads: Sequence[Upload]) -> tuple[list[ParsedPlan], IngestReport]:
        """Add new plans; refuses (changing nothing) when any file is bad or already there."""
        with self._staging() as staging:
            staged = [self._validate(u, document_id_for(u.filename), staging) for u in uploads]
            ids = [plan.meta.id for _, plan in staged]
            if len(set(ids)) != len(ids):
                raise DocumentConflict("Hai tệp trong cùng lần tải lên có cùng mã kế hoạch.")
            with self._lock():
                existing = {p.stem for p in self.sources()}
                for plan_id in ids:
                    if plan_id in existing:
                        raise DocumentConflict(
                            f"Đã có kế hoạch với mã '{plan_id}': dùng PUT /v1/documents/"
                            f"{plan_id} để thay thế, hoặc đổi tên tệp."
                        )
                report = self._apply(staged, remove_ids=[])
        return [plan for _, plan in staged], report

    def replace(self, document_id: str, upload: Upload) -> tuple[ParsedPlan, IngestReport]:
        """Replace one plan's file; the plan keeps its id."""
        self._known(document_id)
        with self._staging() as staging:
            staged = self._validate(upload, document_id, staging)
            with self._lock():
                self._known(document_id)
                report = self._apply([staged], remove_ids=[document_id])
        return staged[1], report

    def remove(self, document_id: str) -> IngestReport:
        """Remove one plan from the index (an uploaded file is deleted)."""
        self._known(document_id)
        with self._lock():
            sources = {p.stem for p in self.sources()}
            if document_id not in sources:
                raise DocumentNotFound(f"Không có kế hoạch với mã '{document_id}'.")
            if sources == {document_id}:
                raise DocumentConflict("Không thể gỡ kế hoạch cuối cùng của chỉ mục.")
            return self._apply([], remove_ids=[document_id])

    # --- internals -----------------------------------------------------------------
    def _known(self, document_id: str) -> None:
        if not RE_DOCUMENT_ID.match(document_id) or document_id not in {
            p.stem for p in self.sources()
        }:
            raise DocumentNotFound(f"Không có kế hoạch với mã '{document_id[:100]}'.")

    def _validate(self, upload: Upload, document_id: str, staging: Path) -> tuple[Path, ParsedPlan]:
        """Stage one file under its safe name and parse it exactly as ingest will."""
        suffix = suffix_of(upload.filename)
        if suffix not in SUPPORTED_SUFFIXES:
            raise UnsupportedDocument(
                f"Tệp '{upload.filename[:100]}': loại tệp không được hỗ trợ "
                f"({suffix or 'không có phần mở rộng'}); dùng .docx, .pdf, .html, .txt hoặc .md."
            )
        limit = self._settings.ingest.max_file_bytes
        if len(upload.data) > limit:
            raise PayloadTooLarge(
                f"Tệp '{upload.filename[:100]}' quá lớn: tối đa {limit // (1024 * 1024)} MB "
                "(ingest.max_file_bytes)."
            )
        folder = staging / uuid.uuid4().hex
        folder.mkdir()
        path = folder / f"{document_id}{suffix}"
        path.write_bytes(upload.data)
        try:
            return path, read_plan(path, self._settings.ingest)
        except ValueError as exc:
            raise RejectedDocument.because(upload.filename[:100], str(exc)) from exc

    def _apply(
        self, staged: Sequence[tuple[Path, ParsedPlan]], remove_ids: Sequence[str]
    ) -> IngestReport:
        """Change the files, ingest the new set; on failure put the files back."""
        backup = self.uploads / f".backup-{uuid.uuid4().hex}"
        backup.mkdir(parents=True)
        removed_before = _read_removed(self.uploads)
        moved_in: list[Path] = []
        try:
            removed = set(removed_before)
            corpus_ids = {p.stem for p in discover([self._settings.corpus_dir])}
            for document_id in remove_ids:
                for old in _plan_files(self.uploads, document_id):
                    shutil.move(old, backup / old.name)
                if document_id in corpus_ids:
                    removed.add(document_id)
            for path, plan in staged:
                target = self.uploads / path.name
                shutil.move(path, target)
                moved_in.append(target)
                removed.discard(plan.meta.id)  # uploading a removed corpus plan shadows it
            _write_removed(self.uploads, sorted(removed))
            return ingest(self.sources(), self._settings, self._embedder)
        except BaseException:
            for path in moved_in:
                path.unlink(missing_ok=True)
            for old in backup.iterdir():
                shutil.move(old, self.uploads / old.name)
            _write_removed(self.uploads, removed_before)
            raise
        finally:
            shutil.rmtree(backup, ignore_errors=True)

    @contextmanager
    def _staging(self) -> Iterator[Path]:
        staging = self.uploads / f".staging-{uuid.uuid4().hex}"
        staging.mkdir(parents=True)
        try:
            yield staging
        finally:
            shutil.rmtree(staging, ignore_errors=True)

    @contextmanager
    def _lock(self) -> Iterator[None]:
        """One change at a time: a thread lock in this process, a file lock across them."""
        self.uploads.mkdir(parents=True, exist_ok=True)
        key = self.uploads.resolve()
        with _THREAD_LOCKS_GUARD:
            thread_lock = _THREAD_LOCKS.setdefault(key, threading.Lock())
        with thread_lock, (self.uploads / LOCK_FILE).open("a") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)


def _plan_files(folder: Path, document_id: str | None = None) -> list[Path]:
    """Plan files directly in ``folder`` (not the staging or backup folders)."""
    if not folder.is_dir():
        return []
    return sorted(
        p
        for p in folder.iterdir()
        if p.is_file()
        and not p.name.startswith(".")
        and p.suffix.lower() in SUPPORTED_SUFFIXES
        and (document_id is None or p.stem == document_id)
    )


def _read_removed(uploads: Path) -> list[str]:
    try:
        data = json.loads((uploads / REMOVED_FILE).read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return []
    return [str(x) for x in data] if isinstance(data, list) else []


def _write_removed(uploads: Path, removed: Sequence[str]) -> None:
    uploads.mkdir(parents=True, exist_ok=True)
    tmp = uploads / f".{REMOVED_FILE}.tmp"
    tmp.write_text(json.dumps(list(removed), ensure_ascii=False), encoding="utf-8")
    tmp.replace(uploads / REMOVED_FILE)
