"""The assistant's errors, each with an HTTP status, an English code and a Vietnamese
message a person can act on. One handler in ``api/`` turns them into JSON::

    AssistantError (500 internal_error)
    ├── BadRequest (400 bad_request)            malformed JSON or body
    │   ├── InvalidRequest (422 invalid_request) a field fails validation
    │   ├── BadQuestion (422 bad_question)       empty or over-long question, bad history
    │   ├── UnknownDocument (422 unknown_document)
    │   ├── RejectedDocument (422 rejected_document)   an upload that is not a readable plan
    │   └── UnsupportedDocument (415 unsupported_type)  an upload of a file type not read
    ├── Unauthorized (401 unauthorized)         API key missing or wrong
    ├── Forbidden (403 forbidden)               a read key on an admin route
    │   └── AdminDisabled (403 admin_disabled)  no admin key configured
    ├── NotFound (404 not_found)
    │   └── DocumentNotFound (404 document_not_found)
    ├── DocumentConflict (409 document_conflict)  upload of an existing id; removing the last
    ├── MethodNotAllowed (405 method_not_allowed)
    ├── PayloadTooLarge (413 payload_too_large)
    ├── NotIndexed (503 not_indexed)            nothing ingested yet: run `assistant ingest`
    └── StoreUnavailable (503 store_unavailable) the Chroma server refused or went away

Every handler in ``api/`` maps an exception class to its code; no code is made up elsewhere.
"""

from __future__ import annotations


class AssistantError(Exception):
    """Base of every error the assistant reports to a caller."""

    status_code = 500
    code = "internal_error"
    default_message = "Lỗi nội bộ của trợ lý. Vui lòng thử lại sau."

    def __init__(self, message: str | None = None) -> None:
        self.message = message or self.default_message
        super().__init__(self.message)

    def to_dict(self) -> dict[str, dict[str, str]]:
        return {"error": {"code": self.code, "message": self.message}}


class BadRequest(AssistantError):
    status_code = 400
    code = "bad_request"
    default_message = "Yêu cầu không hợp lệ."


class InvalidRequest(BadRequest):
    status_code = 422
    code = "invalid_request"
    default_message = "Dữ liệu gửi lên không hợp lệ."


class BadQuestion(BadRequest):
    status_code = 422
    code = "bad_question"
    default_message = "Câu hỏi không hợp lệ: hãy nhập nội dung cần hỏi."


class UnknownDocument(BadRequest):
    status_code = 422
    code = "unknown_document"
    default_message = "Không có kế hoạch với mã này. Xem danh sách tại GET /v1/documents."


class RejectedDocument(BadRequest):
    status_code = 422
    code = "rejected_document"
    default_message = "Tệp tải lên không đọc được thành một kế hoạch."

    @classmethod
    def because(cls, name: str, reason: str) -> RejectedDocument:
        """The error for one file, with the reader's reason in Vietnamese and as given."""
        return cls(f"Tệp '{name}' bị từ chối: {explain_reason(reason)} ({reason}).")


class UnsupportedDocument(BadRequest):
    status_code = 415
    code = "unsupported_type"
    default_message = "Loại tệp không được hỗ trợ: dùng .docx, .pdf, .html, .txt hoặc .md."


def explain_reason(reason: str) -> str:
    """A reader's skip reason ("scanned PDF: no text layer") said in Vietnamese."""
    for prefix, vietnamese in REASONS_VI.items():
        if reason.startswith(prefix):
            return vietnamese
    return "không đọc được tệp"


REASONS_VI = {
    "empty": "tệp rỗng",
    "scanned PDF": "PDF ảnh quét, không có lớp chữ và máy chủ chưa bật nhận dạng chữ (OCR)",
    "not a plan-like document": "không giống một kế hoạch (không thấy các phần I., II. "
    "hoặc Điều 1.)",
    "unsupported file type": "loại tệp không được hỗ trợ",
    "file too large": "tệp quá lớn",
    "binary file": "không phải tệp văn bản",
    "not UTF-8": "không phải văn bản UTF-8",
    "unreadable": "tệp hỏng hoặc không đúng định dạng",
}


class Unauthorized(AssistantError):
    status_code = 401
    code = "unauthorized"
    default_message = (
        "Thiếu hoặc sai khóa API. Gửi khóa qua 'Authorization: Bearer <khóa>' hoặc 'X-API-Key'."
    )


class Forbidden(AssistantError):
    status_code = 403
    code = "forbidden"
    default_message = "Khóa này không có quyền quản trị: dùng khóa quản trị (admin key)."


class AdminDisabled(Forbidden):
    code = "admin_disabled"
    default_message = (
        "Chức năng quản trị chưa bật: đặt ASSISTANT_API__ADMIN_KEYS rồi gửi khóa quản trị."
    )


class NotFound(AssistantError):
    status_code = 404
    code = "not_found"
    default_message = "Không tìm thấy đường dẫn này."


class DocumentNotFound(NotFound):
    code = "document_not_found"
    default_message = "Không có kế hoạch với mã này. Xem danh sách tại GET /v1/documents."


class DocumentConflict(AssistantError):
    status_code = 409
    code = "document_conflict"
    default_message = "Đã có kế hoạch với mã này: dùng PUT /v1/documents/{id} để thay thế."


class MethodNotAllowed(AssistantError):
    status_code = 405
    code = "method_not_allowed"
    default_message = "Phương thức HTTP này không dùng được cho đường dẫn này."


class PayloadTooLarge(AssistantError):
    status_code = 413
    code = "payload_too_large"
    default_message = "Nội dung yêu cầu quá lớn."

    @classmethod
    def over(cls, limit_bytes: int) -> PayloadTooLarge:
        """The error naming the limit, e.g. "tối đa 64 KB"."""
        return cls(f"Nội dung yêu cầu quá lớn (tối đa {limit_bytes // 1024} KB).")


class NotIndexed(AssistantError):
    status_code = 503
    code = "not_indexed"
    default_message = (
        "Chưa có dữ liệu: chưa nạp kế hoạch nào. Hãy chạy `assistant ingest` (hoặc `make ingest`)."
    )


class StoreUnavailable(AssistantError):
    status_code = 503
    code = "store_unavailable"
    default_message = (
        "Kho dữ liệu (Chroma) tạm thời không truy cập được. Vui lòng thử lại sau ít phút; "
        "nếu lỗi kéo dài, hãy kiểm tra máy chủ Chroma."
    )
