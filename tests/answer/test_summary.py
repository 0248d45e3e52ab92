"""The one-line summary an answer opens with, on the real index."""

from __future__ import annotations

from assistant.service import AssistantService


def test_agency_question_names_the_plans_and_the_cut_off_one(service: AssistantService) -> None:
    answer = service.ask("so tu phap phai lam gi")
    summary = answer.text.split("\n", 1)[0]
    assert summary.startswith("4 kế hoạch giao nhiệm vụ cho Sở Tư pháp: ")
    for place in ("Cao Bằng", "Cần Thơ", "Hà Nội", "Long Khánh"):
        assert place in summary
    assert summary.endswith("; Hải Phòng: văn bản bị cắt sau phần II.")
    # the summary names exactly the plans the answer cites
    assert {c.hit.document.locality for c in answer.citations} == {
        "Cao Bằng",
        "Cần Thơ",
        "Hà Nội",
        "Long Khánh",
    }


def test_one_plan_answer_and_refusal(service: AssistantService) -> None:
    one = service.ask("Tỷ lệ trẻ em dưới 1 tuổi được tiêm chủng đầy đủ là bao nhiêu?")
    assert one.text.startswith("1 kế hoạch có nội dung trả lời: Cao Bằng.\n\n")
    # asked of Cao Bằng, the answer's heading already says which plan answers
    named = service.ask("Tỷ lệ trẻ em dưới 1 tuổi được tiêm chủng đầy đủ ở Cao Bằng là bao nhiêu?")
    assert named.status == "answered" and "kế hoạch có nội dung" not in named.text
    refused = service.ask("Giá vé máy bay đi Đà Nẵng là bao nhiêu?")
    assert refused.status == "no_answer" and "kế hoạch có nội dung" not in refused.text
