"""Bring-your-own evaluation: POST /v1/eval (admin)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from fastapi import APIRouter

from assistant.api.deps import AdminKey, ServiceDep, SettingsDep
from assistant.api.schemas import EvalRequest, EvalResponse
from assistant.errors import InvalidRequest
from assistant.evals.gold import parse_cases, to_rows
from assistant.evals.pipelines import Ours
from assistant.evals.suite import run

router = APIRouter(tags=["Đánh giá"], dependencies=[AdminKey])


@router.post("/v1/eval", response_model=EvalResponse, summary="Chấm điểm bộ câu hỏi riêng")
def evaluate(body: EvalRequest, service: ServiceDep, settings: SettingsDep) -> EvalResponse:
    """Chấm trợ lý trên bộ câu hỏi của bạn: `cases` (danh sách), hoặc nội dung tệp `csv`
    (cột question,plan,quote,facts, tùy chọn answerable, history) hay `jsonl`. Kế hoạch ghi
    bằng số (203/KH-UBND) hoặc địa phương. Trả về các chỉ số và điểm từng câu. Cần khóa
    quản trị."""
    cases: list[dict[str, Any]] = []
    if body.cases:
        cases.extend(c.model_dump() for c in body.cases)
    if body.csv:
        cases.extend(parse_cases(body.csv, "csv"))
    if body.jsonl:
        cases.extend(parse_cases(body.jsonl, "jsonl"))
    if not cases:
        raise InvalidRequest("Chưa có câu hỏi nào: gửi `cases`, `csv` hoặc `jsonl`.")
    if len(cases) > settings.limits.eval_cases:
        raise InvalidRequest(f"Quá nhiều câu hỏi (tối đa {settings.limits.eval_cases}).")
    rows = to_rows(cases, [s.meta for s in service.documents()])
    summary, outcomes = run(rows, Ours(service))
    return EvalResponse(summary=summary, rows=[asdict(o) for o in outcomes])
