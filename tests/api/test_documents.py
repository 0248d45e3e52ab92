"""GET /v1/documents: every plan's metadata, exactly."""

from __future__ import annotations

from fastapi.testclient import TestClient

DOCS = {
    "ha-noi-203-kh-ubnd-2024": ("203/KH-UBND", "Hà Nội", "2024-07-01", "Vũ Thu Hà", False),
    "cao-bang-1222-kh-ubnd-2024": (
        "1222/KH-UBND",
        "Cao Bằng",
        "2024-05-23",
        "Trịnh Trường Huy",
        False,
    ),
    "can-tho-bao-ve-tre-em-2017": (None, "Cần Thơ", None, None, False),
    "long-khanh-1515-kh-ubnd-2024": (
        "1515/KH-UBND",
        "Long Khánh",
        "2024-08-22",
        "Tăng Quốc Lập",
        False,
    ),
    "hai-phong-216-kh-ubnd-2020": ("216/KH-UBND", "Hải Phòng", "2020-08-31", "Lê Khắc Nam", True),
}


def test_documents_metadata(client: TestClient) -> None:
    docs = {d["id"]: d for d in client.get("/v1/documents").json()["documents"]}
    assert set(docs) == set(DOCS)
    for doc_id, (number, locality, date, signer, truncated) in DOCS.items():
        d = docs[doc_id]
        assert (d["number"], d["locality"], d["date"], d["signer"], d["truncated"]) == (
            number,
            locality,
            date,
            signer,
            truncated,
        )
        assert d["chunks"] > 0 and d["source"].endswith(".txt") and d["title"]
