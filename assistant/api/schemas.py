"""Request and response models of the HTTP API (the public contract)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from assistant.types import Answer, Citation, DocumentMeta, SearchHit, Turn

EXAMPLE_QUESTION = "Sở Tư pháp phải làm gì?"


class Message(BaseModel):
    """One earlier turn of the conversation."""

    model_config = ConfigDict(extra="forbid")
    role: Literal["user", "assistant"] = Field(description="Ai nói: người dùng hay trợ lý.")
    content: str = Field(max_length=20000, description="Nội dung lượt nói.")

    def to_turn(self) -> Turn:
        return Turn(self.role, self.content)


class Filters(BaseModel):
    """Restrict a question to some plans."""

    model_config = ConfigDict(extra="forbid")
    documents: list[str] | None = Field(
        None,
        max_length=50,
        description="Mã kế hoạch (xem GET /v1/documents).",
        examples=[["cao-bang-1222-kh-ubnd-2024"]],
    )


class SearchRequest(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"query": EXAMPLE_QUESTION, "top_k": 5}]},
    )
    query: str = Field(
        min_length=1, max_length=2000, description="Câu hỏi hoặc từ khóa (có dấu hoặc không dấu)."
    )
    top_k: int = Field(5, ge=1, le=50, description="Số đoạn trả về (1–50).")
    filters: Filters | None = Field(None, description="Giới hạn trong một số kế hoạch.")
    history: list[Message] = Field(
        default_factory=list, max_length=20, description="Các lượt trước (cho câu hỏi nối tiếp)."
    )


class AskRequest(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {"question": EXAMPLE_QUESTION},
                {
                    "question": "Còn Sở Y tế thì sao?",
                    "history": [
                        {"role": "user", "content": EXAMPLE_QUESTION},
                        {"role": "assistant", "content": "..."},
                    ],
                },
            ]
        },
    )
    question: str = Field(
        min_length=1, max_length=2000, description="Câu hỏi bằng tiếng Việt (tối đa 2.000 ký tự)."
    )
    history: list[Message] = Field(
        default_factory=list, max_length=20, description="Tối đa 20 lượt trước."
    )
    filters: Filters | None = Field(None, description="Giới hạn trong một số kế hoạch.")
    stream: bool = Field(
        False, description="true: trả về Server-Sent Events (citations, delta, done)."
    )


class DocumentRef(BaseModel):
    id: str
    title: str
    number: str | None
    locality: str | None
    date: str | None
    source: str

    @classmethod
    def of(cls, meta: DocumentMeta) -> DocumentRef:
        return cls(
            id=meta.id,
            title=meta.title,
            number=meta.number,
            locality=meta.locality,
            date=meta.date,
            source=meta.source,
        )


class DocumentInfo(DocumentRef):
    signer: str | None
    truncated: bool
    chunks: int
    year: int | None = None
    implements: list[str] = Field(default_factory=list)


class DocumentsResponse(BaseModel):
    documents: list[DocumentInfo]


class SearchResultItem(BaseModel):
    id: str = Field(description="Mã đoạn (ổn định giữa các lần nạp).")
    text: str = Field(description="Đoạn văn nguyên văn của kế hoạch.")
    score: float = Field(description="Điểm liên quan (cao hơn là liên quan hơn).")
    section: str = Field(
        description="Đường dẫn mục, ví dụ 'IV. TỔ CHỨC THỰC HIỆN › 7. Sở Tư pháp'."
    )
    document: DocumentRef

    @classmethod
    def of(cls, hit: SearchHit) -> SearchResultItem:
        return cls(
            id=hit.chunk.id,
            text=hit.chunk.text,
            score=hit.score,
            section=hit.chunk.section,
            document=DocumentRef.of(hit.document),
        )


class SearchResponse(BaseModel):
    results: list[SearchResultItem]


class CitationItem(SearchResultItem):
    n: int = Field(description="Số của dấu [n] trong câu trả lời.")

    @classmethod
    def of_citation(cls, citation: Citation) -> CitationItem:
        item = SearchResultItem.of(citation.hit)
        return cls(n=citation.n, **item.model_dump())


class AskResponse(BaseModel):
    status: Literal["answered", "no_answer"] = Field(
        description="no_answer: các kế hoạch không trả lời câu hỏi."
    )
    answer: str = Field(description="Câu trả lời trích dẫn nguyên văn, có dấu [n].")
    question_used: str = Field(description="Câu hỏi sau khi bổ sung ngữ cảnh từ lịch sử.")
    citations: list[CitationItem]

    @classmethod
    def of(cls, answer: Answer) -> AskResponse:
        return cls(
            status=answer.status,
            answer=answer.text,
            question_used=answer.question_used,
            citations=[CitationItem.of_citation(c) for c in answer.citations],
        )


class HealthResponse(BaseModel):
    status: Literal["ok"]
    documents: int
    chunks: int


class ErrorBody(BaseModel):
    code: str = Field(description="Mã lỗi tiếng Anh, ví dụ 'bad_question'.")
    message: str = Field(description="Thông báo tiếng Việt, nói cách khắc phục.")


class ErrorResponse(BaseModel):
    error: ErrorBody


class ChatMessage(BaseModel):
    role: Literal["system", "user", "assistant", "tool", "developer"]
    content: str | list[dict[str, Any]] | None = None

    def text(self) -> str:
        if isinstance(self.content, list):
            return " ".join(str(p.get("text", "")) for p in self.content if isinstance(p, dict))
        return self.content or ""


class ChatCompletionRequest(BaseModel):
    model_config = ConfigDict(
        extra="allow",
        json_schema_extra={
            "examples": [
                {
                    "model": "plans-assistant",
                    "messages": [{"role": "user", "content": EXAMPLE_QUESTION}],
                }
            ]
        },
    )
    model: str = Field(
        "plans-assistant", max_length=200, description="Tên mô hình (bỏ qua; chỉ có một)."
    )
    messages: list[ChatMessage] = Field(
        min_length=1, max_length=41, description="Tin nhắn; tin cuối của người dùng là câu hỏi."
    )
    stream: bool = Field(False, description="true: trả về các chunk theo chuẩn OpenAI (SSE).")


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorResponse, "description": "Yêu cầu sai định dạng (JSON hỏng)."},
    401: {"model": ErrorResponse, "description": "Thiếu hoặc sai khóa API."},
    413: {"model": ErrorResponse, "description": "Nội dung quá lớn (tối đa 64 KB)."},
    422: {
        "model": ErrorResponse,
        "description": "Dữ liệu không hợp lệ (câu hỏi trống, mã kế hoạch sai...).",
    },
    503: {"model": ErrorResponse, "description": "Chưa nạp dữ liệu: chạy `assistant ingest`."},
}
