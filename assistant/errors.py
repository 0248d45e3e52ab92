"""The assistant's errors, each with an HTTP status, an English code and a Vietnamese
message a person can act on. One handler in ``api/`` turns them into JSON::

    AssistantError (500 internal_error)
    ├── BadRequest (400 bad_request)
    │   ├── BadQuestion (422 bad_question)       empty or over-long question, bad history
    │   └── UnknownDocument (422 unknown_document)
    ├── Unauthorized (401 unauthorized)         API key missing or wrong
    ├── PayloadTooLarge (413 payload_too_large)
    ├── NotFound (404 not_found)
    ├── NotIndexed (503 not_indexed)            nothing ingested yet: run `assistant ingest`
    └── StoreUnavailable (503 store_unavailable) the Chroma server refused or went away
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


class BadQuestion(BadRequest):
    status_code = 422
    code = "bad_question"
    default_message = "Câu hỏi không hợp lệ: hãy nhập câu hỏi (tối đa 2.000 ký tự)."


class UnknownDocument(BadRequest):
    status_code = 422
    code = "unknown_document"
    default_message = "Không có kế hoạch với mã này. Xem danh sách tại GET /v1/documents."


class Unauthorized(AssistantError):
    status_code = 401
    code = "unauthorized"
    default_message = (
        "Thiếu hoặc sai khóa API. Gửi khóa qua 'Authorization: Bearer <khóa>' hoặc 'X-API-Key'."
    )


class PayloadTooLarge(AssistantError):
    status_code = 413
    code = "payload_too_large"
    default_message = "Nội dung yêu cầu quá lớn (tối đa 64 KB)."


class NotFound(AssistantError):
    status_code = 404
    code = "not_found"
    default_message = "Không tìm thấy đường dẫn này."


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
