"""The plans: list, read (metadata, outline, full text) and manage (upload, replace, remove).

Changes need the admin key and make a new index generation exactly as `assistant ingest`
does; the answer comes back once the new generation serves.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Path, UploadFile, status

from assistant.api.deps import AdminKey, ContainerDep, ReadKey, ServiceDep
from assistant.api.schemas import (
    DocumentDetail,
    DocumentInfo,
    DocumentRemoved,
    DocumentsChanged,
    DocumentsResponse,
    DocumentText,
    ErrorResponse,
    IngestSummary,
    OutlineEntry,
    SectionText,
)
from assistant.container import Container
from assistant.errors import RejectedDocument
from assistant.ingest.library import PlanLibrary, Upload
from assistant.ingest.pipeline import IngestReport
from assistant.service import AssistantService

router = APIRouter(
    tags=["Kế hoạch"],
    responses={
        403: {"model": ErrorResponse, "description": "Khóa không có quyền quản trị."},
        404: {"model": ErrorResponse, "description": "Không có kế hoạch với mã này."},
        409: {"model": ErrorResponse, "description": "Mã kế hoạch đã có (dùng PUT)."},
        415: {"model": ErrorResponse, "description": "Loại tệp không được hỗ trợ."},
    },
)

DocumentId = Annotated[
    str, Path(description="Mã kế hoạch (xem GET /v1/documents).", max_length=100)
]
Files = Annotated[
    list[UploadFile],
    File(
        description="Một hoặc nhiều tệp: .docx, .pdf, .html, .txt, .md "
        "(giới hạn mỗi tệp: ASSISTANT_INGEST__MAX_FILE_BYTES)."
    ),
]
OneFile = Annotated[UploadFile, File(description="Tệp mới của kế hoạch.")]


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


@router.get(
    "/v1/documents/{document_id}",
    response_model=DocumentDetail,
    dependencies=[ReadKey],
    summary="Thông tin và mục lục một kế hoạch",
)
def get_document(document_id: DocumentId, service: ServiceDep) -> DocumentDetail:
    """Siêu dữ liệu của kế hoạch và mục lục (mỗi mục có mã neo `anchor`)."""
    meta, chunks, outline = service.document(document_id)
    info = DocumentInfo.of(meta, chunks)
    return DocumentDetail(
        **info.model_dump(),
        label=meta.label,
        kind=meta.kind,
        outline=[
            OutlineEntry(
                anchor=s.anchor, path=s.path, title=s.title, level=s.level, chunks=len(s.texts)
            )
            for s in outline
        ],
    )


@router.get(
    "/v1/documents/{document_id}/text",
    response_model=DocumentText,
    dependencies=[ReadKey],
    summary="Toàn văn một kế hoạch",
)
def get_document_text(document_id: DocumentId, service: ServiceDep) -> DocumentText:
    """Toàn văn kế hoạch theo từng mục, mỗi mục có mã neo (`anchor`) và đường dẫn (`path`)
    giống trường `section` của trích dẫn."""
    meta, _, outline = service.document(document_id)
    return DocumentText(
        id=meta.id,
        label=meta.label,
        title=meta.title,
        sections=[
            SectionText(
                anchor=s.anchor,
                path=s.path,
                title=s.title,
                level=s.level,
                chunks=len(s.texts),
                text=s.text,
            )
            for s in outline
        ],
    )


@router.post(
    "/v1/documents",
    response_model=DocumentsChanged,
    status_code=status.HTTP_201_CREATED,
    dependencies=[AdminKey],
    summary="Thêm kế hoạch (quản trị)",
)
def upload_documents(files: Files, container: ContainerDep) -> DocumentsChanged:
    """Tải lên một hoặc nhiều kế hoạch (multipart, trường `files`). Mỗi tệp được đọc và
    kiểm tra trước; một tệp hỏng, rỗng, quá lớn, PDF ảnh quét không có OCR, không giống kế
    hoạch hoặc trùng mã thì cả yêu cầu bị từ chối và không có gì thay đổi. Khi thành công,
    chỉ mục mới đã được dùng cho mọi câu hỏi sau đó. Cần khóa quản trị."""
    uploads = [_received(f) for f in files]
    plans, report = _library(container).add(uploads)
    return _changed(container.service, [p.meta.id for p in plans], report)


@router.put(
    "/v1/documents/{document_id}",
    response_model=DocumentsChanged,
    dependencies=[AdminKey],
    summary="Thay thế một kế hoạch (quản trị)",
)
def replace_document(
    document_id: DocumentId, file: OneFile, container: ContainerDep
) -> DocumentsChanged:
    """Thay tệp của kế hoạch `document_id` (giữ nguyên mã). Kiểm tra như khi thêm. Cần
    khóa quản trị."""
    plan, report = _library(container).replace(document_id, _received(file))
    return _changed(container.service, [plan.meta.id], report)


@router.delete(
    "/v1/documents/{document_id}",
    response_model=DocumentRemoved,
    dependencies=[AdminKey],
    summary="Gỡ một kế hoạch (quản trị)",
)
def delete_document(document_id: DocumentId, container: ContainerDep) -> DocumentRemoved:
    """Gỡ kế hoạch khỏi chỉ mục (tệp đã tải lên bị xóa); từ đó không câu trả lời nào trích
    dẫn nó nữa. Cần khóa quản trị."""
    report = _library(container).remove(document_id)
    return DocumentRemoved(id=document_id, ingest=_summary(report))


def _library(container: Container) -> PlanLibrary:
    return PlanLibrary(container.settings, container.embedder)


def _received(file: UploadFile) -> Upload:
    name = file.filename or ""
    data = file.file.read()
    if not data:
        raise RejectedDocument.because(name[:100] or "?", "empty file")
    return Upload(name, data)


def _summary(report: IngestReport) -> IngestSummary:
    return IngestSummary(**{k: v for k, v in report.to_dict().items() if k != "skipped"})


def _changed(service: AssistantService, ids: list[str], report: IngestReport) -> DocumentsChanged:
    summaries = {s.meta.id: s for s in service.documents()}
    return DocumentsChanged(
        documents=[DocumentInfo.of(summaries[i].meta, summaries[i].chunks) for i in ids],
        ingest=_summary(report),
    )
