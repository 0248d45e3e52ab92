"""The one-line summary an answer opens with: which plans answer, and which cannot.

It states only what the citations and the parsed plans show ("4 kế hoạch giao nhiệm vụ cho
Sở Tư pháp: Cao Bằng, Cần Thơ, Hà Nội, Long Khánh; Hải Phòng: văn bản bị cắt sau phần II"),
so the extractive answer stays truthful."""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Sequence

from assistant.types import Answer, DocumentMeta
from assistant.understand.question import Question


def _place(doc: DocumentMeta, same_locality: int) -> str:
    """How the summary names a plan: its locality, with the number when a locality has
    several plans."""
    name = doc.locality or doc.title
    if same_locality > 1 and doc.number:
        return f"{name} ({doc.number})"
    return name


def summary_line(
    answer: Answer,
    question: Question,
    documents: Sequence[DocumentMeta],
    assigning: Collection[str] = (),
) -> str | None:
    """The summary of an answered question, or None when there is nothing to summarise
    (nothing but "the plan you named answers", which the answer's headings already show).
    ``assigning``: the plans (in the question's scope) with a section assigning the asked
    agency; when the answer cites fewer of them, the summary says how many and which not."""
    if answer.status != "answered" or not answer.citations:
        return None
    by_locality: dict[str | None, int] = {}
    for doc in documents:
        by_locality[doc.locality] = by_locality.get(doc.locality, 0) + 1
    cited: list[DocumentMeta] = []
    for citation in answer.citations:
        if citation.hit.document.id not in {d.id for d in cited}:
            cited.append(citation.hit.document)
    places = ", ".join(_place(d, by_locality.get(d.locality, 1)) for d in cited)
    agencies = [c.hit.chunk.agency for c in answer.citations]
    count = f"{len(cited)} kế hoạch"
    if question.agency is not None and all(agencies):
        # the heading most plans use ("Sở Tư pháp" over Long Khánh's "Phòng Tư pháp")
        name = Counter(agencies).most_common(1)[0][0]
        line = f"{count} giao nhiệm vụ cho {name}: {places}"
        others = [d for d in documents if d.id in assigning and d.id not in {c.id for c in cited}]
        if others:
            rest = ", ".join(_place(d, by_locality.get(d.locality, 1)) for d in others[:5])
            more = f" và {len(others) - 5} kế hoạch khác" if len(others) > 5 else ""
            line = (
                f"{len(cited) + len(others)} kế hoạch giao nhiệm vụ cho {name}; "
                f"trích {len(cited)}: {places}; chưa trích: {rest}{more}"
            )
    else:
        line = f"{count} có nội dung trả lời: {places}"
    cited_ids = {d.id for d in cited}
    said = line
    if question.agency is not None:
        # a cut-off plan lacks its assignment part: say so rather than leave it out silently
        for doc in documents:
            part = question.truncated_after.get(doc.id)
            in_scope = not question.plans or doc.id in question.plans
            if part and doc.id not in cited_ids and in_scope:
                place = _place(doc, by_locality.get(doc.locality, 1))
                line += f"; {place}: văn bản bị cắt sau phần {part}"
    if line == said and question.plans and cited_ids == set(question.plans):
        return None  # the plans asked about are those answering: the headings say so
    return line + "."
