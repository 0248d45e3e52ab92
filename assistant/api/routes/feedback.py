"""Ratings of answers: POST /v1/feedback, and the admin's GET /v1/feedback/export."""

from __future__ import annotations

import json

from fastapi import APIRouter
from fastapi.responses import Response

from assistant.api.deps import AdminKey, ReadKey, ServiceDep
from assistant.api.schemas import FeedbackRequest, FeedbackResponse

router = APIRouter(tags=["Đánh giá"])


@router.post(
    "/v1/feedback",
    response_model=FeedbackResponse,
    dependencies=[ReadKey],
    summary="Đánh giá một câu trả lời",
)
def rate(body: FeedbackRequest, service: ServiceDep) -> FeedbackResponse:
    """👍/👎 (`up`/`down`) cho câu trả lời có mã `answer_id`, kèm góp ý nếu có. Gửi lại với
    cùng `answer_id` để đổi đánh giá hoặc thêm góp ý."""
    feedback_id = service.rate(
        body.answer_id,
        body.rating,
        body.question,
        body.answer,
        [c.model_dump(exclude_none=True) for c in body.citations],
        body.comment,
    )
    return FeedbackResponse(id=feedback_id, answer_id=body.answer_id)


@router.get(
    "/v1/feedback/export",
    dependencies=[AdminKey],
    summary="Xuất các đánh giá (quản trị)",
    responses={200: {"content": {"application/x-ndjson": {}}, "description": "JSON lines."}},
)
def export(service: ServiceDep) -> Response:
    """Mọi đánh giá, mỗi dòng một JSON (câu hỏi, câu trả lời, đánh giá, góp ý, trích dẫn),
    dùng để thêm câu hỏi vào bộ đánh giá. Cần khóa quản trị."""
    lines = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in service.feedback_rows())
    return Response(lines, media_type="application/x-ndjson")
