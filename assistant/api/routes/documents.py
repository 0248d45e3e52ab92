"""The plans: GET /v1/documents."""

from __future__ import annotations

from fastapi import APIRouter

from assistant.api.deps import ReadKey, ServiceDep
from assistant.api.schemas import DocumentInfo, DocumentsResponse

router = APIRouter(tags=["Kế hoạch"])


@router.get(
    "/v1/documents",
    response_model=DocumentsResponse,
    dependencies=[ReadKey],
    summary="Danh sách kế hoạch",
)
def list_documents(service: ServiceDep) -> DocumentsResponse:
    """Các kế hoạch đã nạp: mã, tiêu đề, số hiệu, địa phương, ngày, người ký, tệp nguồn,
    văn bản có bị cắt (`truncated`) hay không, và số đoạn."""
    return DocumentsResponse(
        documents=[DocumentInfo.of(summary.meta, summary.chunks) for summary in service.documents()]
    )
