"""The one-line summary an answer opens with, on the real index."""

from __future__ import annotations

from dataclasses import replace

from assistant.answer.summary import summary_line
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


def test_plans_assigning_the_agency_but_not_cited_are_counted(service: AssistantService) -> None:
    # With more plans assigning an agency than an answer quotes (ten documents: eight give
    # Sở Tư pháp tasks), the summary says how many there are and which were not quoted.
    answer = service.ask("Sở Tư pháp phải làm gì?")
    understood = service.understand("Sở Tư pháp phải làm gì?")
    documents = [c.hit.document for c in answer.citations]
    cited = list(dict.fromkeys(documents))
    extra = [
        replace(cited[0], id=f"tinh-mau-{i}", locality=f"Tỉnh Mẫu {i}", number=None)
        for i in range(7)
    ]
    assigning = {d.id for d in cited} | {d.id for d in extra}
    line = summary_line(answer, understood, [*cited, *extra], assigning)
    assert line is not None
    assert line.startswith(f"{len(cited) + 7} kế hoạch giao nhiệm vụ cho Sở Tư pháp; ")
    assert f"trích {len(cited)}: " in line
    assert "chưa trích: Tỉnh Mẫu 0, Tỉnh Mẫu 1, Tỉnh Mẫu 2, Tỉnh Mẫu 3, Tỉnh Mẫu 4" in line
    assert line.endswith(" và 2 kế hoạch khác.")
