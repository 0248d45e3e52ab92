"""GET /health: is the service ready, and how much is indexed."""

from __future__ import annotations

from fastapi import APIRouter

from assistant.api.deps import ServiceDep
from assistant.api.schemas import ErrorResponse, HealthResponse

router = APIRouter(tags=["Hệ thống"])


@router.get(
    "/health",
    response_model=HealthResponse,
    summary="Tình trạng dịch vụ",
    responses={503: {"model": ErrorResponse, "description": "Chưa nạp dữ liệu."}},
)
def health(service: ServiceDep) -> HealthResponse:
    """Số kế hoạch và số đoạn đã nạp. Trả 503 khi chưa nạp gì (chạy `assistant ingest`).
    Không cần khóa API."""
    return HealthResponse(**service.health())
