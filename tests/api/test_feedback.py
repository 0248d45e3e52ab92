"""POST /v1/feedback and the admin's GET /v1/feedback/export."""

from __future__ import annotations

import json

from assistant.container import Container
from tests.api.conftest import app_with

ADMIN = "admin-0123456789abcdef"
READ = "read-0123456789abcdef"


def test_feedback_is_stored_updated_and_exported(container: Container) -> None:
    with app_with(container, api={"keys": [READ], "admin_keys": [ADMIN]}) as client:
        read = {"X-API-Key": READ}
        answer = client.post("/v1/ask", json={"question": "Sở Y tế phải làm gì?"}, headers=read)
        body = answer.json()
        rating = {
            "answer_id": body["id"],
            "rating": "up",
            "question": "Sở Y tế phải làm gì?",
            "answer": body["answer"],
            "citations": [
                {"id": c["id"], "document": c["document"]["id"], "section": c["section"]}
                for c in body["citations"]
            ],
        }
        first = client.post("/v1/feedback", json=rating, headers=read)
        assert first.status_code == 200 and first.json()["answer_id"] == body["id"]
        again = client.post(
            "/v1/feedback",
            json={**rating, "rating": "down", "comment": "Thiếu chỉ tiêu tiêm chủng"},
            headers=read,
        )
        assert again.json()["id"] == first.json()["id"]  # the same answer: one row, updated

        assert client.get("/v1/feedback/export", headers=read).status_code == 403
        assert client.get("/v1/feedback/export").status_code == 401
        export = client.get("/v1/feedback/export", headers={"X-API-Key": ADMIN})
        assert export.headers["content-type"].startswith("application/x-ndjson")
        rows = [json.loads(line) for line in export.text.splitlines()]
        mine = [r for r in rows if r["answer_id"] == body["id"]]
        assert len(mine) == 1
        assert (mine[0]["rating"], mine[0]["comment"]) == ("down", "Thiếu chỉ tiêu tiêm chủng")
        assert mine[0]["citations"][0]["document"] == body["citations"][0]["document"]["id"]


def test_feedback_validation(container: Container) -> None:
    with app_with(container, limits={"comment_chars": 10}) as client:
        bad_rating = client.post("/v1/feedback", json={"answer_id": "ans_1", "rating": "meh"})
        assert bad_rating.status_code == 422
        too_long = client.post(
            "/v1/feedback", json={"answer_id": "ans_1", "rating": "up", "comment": "x" * 11}
        )
        assert too_long.status_code == 422 and "tối đa 10" in too_long.json()["error"]["message"]


def test_admin_routes_need_an_admin_key_when_keys_are_on(container: Container) -> None:
    with app_with(container, api={"keys": [READ], "admin_keys": []}) as client:
        response = client.get("/v1/feedback/export", headers={"X-API-Key": READ})
        assert response.status_code == 403
        assert response.json()["error"]["code"] == "admin_disabled"
