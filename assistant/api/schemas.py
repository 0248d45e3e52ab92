"""Request and response models of the HTTP API (the public contract)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt

from assistant.types import Answer, Citation, DocumentMeta, SearchHit, Turn

EXAMPLE_QUESTION = "Sở Tư pháp phải làm gì?"


class Message(BaseModel):
    """One earlier turn of the conversation."""

    model_config = ConfigDict(extra="forbid")
    role: Literal["user", "assistant"] = Field(description="Ai nói: người dùng hay trợ lý.")
    content: str = Field(description="Nội dung lượt nói.")

    def to_turn(self) -> Turn:
        return Turn(self.role, self.content)


class Filters(BaseModel):
    """Restrict a question to some plans."""

    model_config = ConfigDict(extra="forbid")
    documents: list[str] | None = Field(
        None,
        description="Mã kế hoạch (xem GET /v1/documents).",
        examples=[["cao-bang-1222-kh-ubnd-2024"]],
    )


class SearchRequest(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"query": EXAMPLE_QUESTION, "top_k": 5}]},
    )
    query: str = Field(min_length=1, description="Câu hỏi hoặc từ khóa (có dấu hoặc không dấu).")
    top_k: StrictInt | None = Field(
        None,
        description="Số đoạn trả về; mặc định theo cấu hình (ASSISTANT_RETRIEVAL__TOP_K), "
        "tối đa ASSISTANT_LIMITS__TOP_K_MAX.",
    )
    filters: Filters | None = Field(None, description="Giới hạn trong một số kế hoạch.")
    history: list[Message] = Field(
        default_factory=list, description="Các lượt trước (cho câu hỏi nối tiếp)."
    )

    def turns(self) -> list[Turn]:
        """The history as the service's turns."""
        return [m.to_turn() for m in self.history]


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
        min_length=1,
        description="Câu hỏi bằng tiếng Việt (độ dài tối đa: ASSISTANT_LIMITS__QUESTION_CHARS).",
    )
    history: list[Message] = Field(
        default_factory=list,
        description="Các lượt trước (tối đa ASSISTANT_LIMITS__HISTORY_TURNS lượt).",
    )
    filters: Filters | None = Field(None, description="Giới hạn trong một số kế hoạch.")
    stream: StrictBool = Field(
        False, description="true: trả về Server-Sent Events (citations, delta, done)."
    )

    def turns(self) -> list[Turn]:
        """The history as the service's turns."""
        return [m.to_turn() for m in self.history]


class DocumentRef(BaseModel):
    id: str
    title: str
    # not required: the OpenAI-compatible route leaves out null fields
    number: str | None = None
    locality: str | None = None
    date: str | None = None
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

    @classmethod
    def of(cls, meta: DocumentMeta, chunks: int) -> DocumentInfo:  # type: ignore[override]
        fields = {k: v for k, v in meta.to_dict().items() if k in cls.model_fields}
        return cls(**fields, chunks=chunks)


class DocumentsResponse(BaseModel):
    documents: list[DocumentInfo]


class OutlineEntry(BaseModel):
    """One section of a plan's outline."""

    anchor: str = Field(description="Mã neo của mục, ổn định: dùng trong /viewer và /text.")
    path: str = Field(description="Đường dẫn mục, ví dụ 'IV. TỔ CHỨC THỰC HIỆN › 7. Sở Tư pháp'.")
    title: str = Field(description="Tiêu đề của chính mục này.")
    level: int = Field(description="Độ sâu: 1 = phần, 2 = mục, 3 = điểm.")
    chunks: int = Field(description="Số đoạn của mục (không tính mục con).")


class DocumentDetail(DocumentInfo):
    label: str = Field(description="Tên ngắn của kế hoạch, như trong câu trả lời.")
    kind: str = Field(description="Loại văn bản: Kế hoạch, Quyết định, ...")
    outline: list[OutlineEntry]


class SectionText(OutlineEntry):
    text: str = Field(description="Nguyên văn của mục (các đoạn cách nhau bởi xuống dòng).")


class DocumentText(BaseModel):
    id: str
    label: str
    title: str
    sections: list[SectionText] = Field(description="Các mục theo thứ tự trong kế hoạch.")


class IngestSummary(BaseModel):
    """What the change did to the index, as `assistant ingest --json` prints it."""

    documents: int
    chunks: int
    added: int
    updated: int
    deleted: int
    embedded: int
    generation: str | None
    seconds: float


class DocumentsChanged(BaseModel):
    documents: list[DocumentInfo] = Field(description="Các kế hoạch vừa thêm hoặc thay thế.")
    ingest: IngestSummary


class DocumentRemoved(BaseModel):
    id: str
    ingest: IngestSummary


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
    id: str = Field(description="Mã câu trả lời (dùng khi gửi đánh giá: POST /v1/feedback).")
    status: Literal["answered", "no_answer"] = Field(
        description="no_answer: các kế hoạch không trả lời câu hỏi."
    )
    answer: str = Field(description="Câu trả lời trích dẫn nguyên văn, có dấu [n].")
    question_used: str = Field(description="Câu hỏi sau khi bổ sung ngữ cảnh từ lịch sử.")
    citations: list[CitationItem]

    @classmethod
    def of(cls, answer: Answer) -> AskResponse:
        return cls(
            id=answer.id,
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


class FeedbackCitation(BaseModel):
    """A passage the rated answer cited."""

    model_config = ConfigDict(extra="ignore")
    id: str | None = Field(None, description="Mã đoạn.")
    document: str | None = Field(None, description="Mã kế hoạch.")
    section: str | None = Field(None, description="Mục.")
    text: str | None = Field(None, description="Đoạn văn (không bắt buộc).")


class FeedbackRequest(BaseModel):
    """A rating of one answer; sending it again for the same answer updates it."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "answer_id": "ans_0123456789abcdef0123",
                    "rating": "down",
                    "comment": "Thiếu nhiệm vụ của Sở Y tế",
                    "question": EXAMPLE_QUESTION,
                    "answer": "...",
                    "citations": [],
                }
            ]
        },
    )
    answer_id: str = Field(
        min_length=1, max_length=100, description="`id` của câu trả lời được đánh giá."
    )
    rating: Literal["up", "down"] = Field(description="up: hữu ích; down: chưa đúng.")
    comment: str | None = Field(None, description="Góp ý (không bắt buộc).")
    question: str = Field("", description="Câu hỏi đã gửi.")
    answer: str = Field("", description="Câu trả lời đã nhận.")
    citations: list[FeedbackCitation] = Field(
        default_factory=list, description="Các đoạn trích dẫn của câu trả lời."
    )


class FeedbackResponse(BaseModel):
    id: int = Field(description="Mã bản ghi đánh giá.")
    answer_id: str


class EvalCase(BaseModel):
    """A question of a bring-your-own evaluation: the plan named by number or locality."""

    model_config = ConfigDict(extra="ignore")
    question: str = Field(min_length=1)
    plan: str | None = Field(
        None, description="Số kế hoạch (203/KH-UBND) hoặc địa phương; nhiều kế hoạch cách '|'."
    )
    quote: str | None = Field(None, description="Trích đoạn của kế hoạch; nhiều đoạn cách '|'.")
    facts: str | list[str] | list[list[str]] | None = Field(
        None, description="Ý phải có trong câu trả lời: các cách viết chấp nhận cách '|'."
    )
    answerable: StrictBool = Field(True, description="false: các kế hoạch không trả lời câu này.")
    history: list[Message] = Field(default_factory=list)


class EvalRequest(BaseModel):
    """Questions to score: a list of cases, or the text of a CSV / JSONL file."""

    model_config = ConfigDict(extra="forbid")
    cases: list[EvalCase] | None = Field(None, description="Các câu hỏi.")
    csv: str | None = Field(
        None, description="Nội dung CSV: question,plan,quote,facts[,answerable,history]."
    )
    jsonl: str | None = Field(None, description="Nội dung JSONL, mỗi dòng một câu hỏi.")


class EvalResponse(BaseModel):
    summary: dict[str, Any] = Field(description="Các chỉ số (tổng, theo loại, theo nhóm).")
    rows: list[dict[str, Any]] = Field(description="Điểm của từng câu hỏi.")


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorResponse, "description": "Yêu cầu sai định dạng (JSON hỏng)."},
    401: {"model": ErrorResponse, "description": "Thiếu hoặc sai khóa API."},
    413: {"model": ErrorResponse, "description": "Nội dung quá lớn."},
    422: {
        "model": ErrorResponse,
        "description": "Dữ liệu không hợp lệ (câu hỏi trống, mã kế hoạch sai...).",
    },
    503: {"model": ErrorResponse, "description": "Chưa nạp dữ liệu: chạy `assistant ingest`."},
}
