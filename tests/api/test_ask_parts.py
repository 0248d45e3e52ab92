"""POST /v1/ask with a question asking several things, on the real index of the five plans:
each part is answered from its own passage, one answer holds both."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

CAO_BANG = "cao-bang-1222-kh-ubnd-2024"


@pytest.mark.parametrize(
    "question",
    [
        "Tại Cao Bằng, Sở Tư pháp thực hiện những chỉ tiêu số mấy, còn tỷ lệ trẻ dưới 5 tuổi "
        "được đăng ký khai sinh năm 2025 là bao nhiêu?",
        "tai cao bang so tu phap thuc hien nhung chi tieu so may, con ty le tre duoi 5 tuoi "
        "duoc dang ky khai sinh nam 2025 la bao nhieu",
    ],
)
def test_both_parts_are_answered(client: TestClient, question: str) -> None:
    body = client.post("/v1/ask", json={"question": question}).json()
    assert body["status"] == "answered"
    text = body["answer"]
    assert "chỉ tiêu 14 của Kế hoạch" in text  # the agency's item: which target
    assert "98,5%" in text  # the target itself: the figure asked
    sections = [c["section"] for c in body["citations"]]
    assert any(s.endswith("7. Sở Tư pháp") for s in sections)
    assert any(s.startswith("II. MỤC TIÊU") for s in sections)
    assert {c["document"]["id"] for c in body["citations"]} == {CAO_BANG}
    # markers and citations agree, numbered from 1
    markers = {int(n) for n in re.findall(r"\[(\d+)\]", text)}
    assert (
        markers == {c["n"] for c in body["citations"]} == set(range(1, len(body["citations"]) + 1))
    )
    assert len(text) < 900  # two brief parts, not two full answers


def test_a_part_pointing_back_is_read_against_the_first_answer(client: TestClient) -> None:
    # "cơ quan đó" is the agency the first part's answer names (Sở Tư pháp), not searched
    # for as typed
    question = (
        "Ở Cao Bằng, cơ quan nào được giao chỉ tiêu 14, và cơ quan đó còn phải làm gì về "
        "trợ giúp pháp lý?"
    )
    body = client.post("/v1/ask", json={"question": question}).json()
    assert body["status"] == "answered"
    assert "chỉ tiêu 14 của Kế hoạch" in body["answer"]
    assert "trợ giúp pháp lý đối với trẻ em" in body["answer"]
    justice = [c for c in body["citations"] if c["section"].endswith("7. Sở Tư pháp")]
    assert len(justice) == 1  # one passage for both parts, cited once


def test_a_part_the_plans_do_not_answer_is_said(client: TestClient) -> None:
    question = (
        "Sở Tư pháp Hà Nội có nhiệm vụ gì, và mức lương tối thiểu vùng năm 2024 là bao nhiêu?"
    )
    body = client.post("/v1/ask", json={"question": question}).json()
    assert body["status"] == "answered"
    assert "trợ giúp pháp lý" in body["answer"]  # Hà Nội's item for Sở Tư pháp
    assert all(c["section"].endswith("Sở Tư pháp") for c in body["citations"])
    last = body["answer"].strip().split("\n")[-1]
    assert last.startswith('Về câu hỏi "Mức lương tối thiểu vùng năm 2024 là bao nhiêu":')
    # the refusal of that part says plainly that the plans give no such amount
    assert "Các kế hoạch không" in last and ("đề cập" in last or "số tiền" in last)


def test_a_question_about_the_plan_itself_is_answered_whole(client: TestClient) -> None:
    # number and signer: the lines of the plan that state them, not two searches
    body = client.post(
        "/v1/ask", json={"question": "Kế hoạch 1515 của Long Khánh số hiệu gì, do ai ký?"}
    ).json()
    assert body["status"] == "answered"
    assert "1515/KH-UBND" in body["answer"] and "Tăng Quốc Lập" in body["answer"]
