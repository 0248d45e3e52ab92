"""On the real index: a date or number asked about a document a plan cites is answered
from the line citing it, not with the plan's own metadata; a hotline asked by "gọi đâu"
is cited; an agency typed with joined syllables gets its own item."""

from __future__ import annotations

import re

from assistant.service import AssistantService


def test_the_date_of_a_cited_directive_is_quoted_where_it_is_cited(
    service: AssistantService,
) -> None:
    answer = service.ask(
        "Hải Phòng thực hiện Chỉ thị 23, vậy chỉ thị đó có ngày ban hành là ngày nào?"
    )
    assert answer.status == "answered"
    assert "26/5/2020" in answer.text
    assert "31/08/2020" not in answer.text  # Hải Phòng's own date is not the directive's


def test_the_number_of_a_decision_named_by_its_subject_is_quoted(
    service: AssistantService,
) -> None:
    answer = service.ask(
        "Ở Long Khánh, quyết định về cộng tác viên dân số mà kế hoạch dẫn ra là số mấy?"
    )
    assert answer.status == "answered"
    assert "20/2022/QĐ-UBND" in answer.text
    assert not re.search(r"Số:\s*1515", answer.text)  # not the plan's own number


def test_where_to_call_cites_the_hotline(service: AssistantService) -> None:
    answer = service.ask("bé bị bạo lực ở nhà thì gọi đâu")
    assert answer.status == "answered"
    assert "111" in answer.text


def test_an_agency_typed_with_joined_syllables_gets_its_own_item(
    service: AssistantService,
) -> None:
    answer = service.ask("so tuphap cao bang phai lam gi")
    assert answer.status == "answered"
    assert "Sở Tư pháp" in answer.text


def test_a_phone_number_quoted_in_the_question_is_answered_by_the_line_stating_it(
    service: AssistantService,
) -> None:
    # asked without marks and as "who owns it": the line quoting the number names the owner
    answer = service.ask("0243.22.33.111 la duong day cua co quan nao vay")
    assert answer.status == "answered"
    assert "Quỹ Bảo trợ trẻ em Hà Nội" in answer.text
    assert [c.hit.document.locality for c in answer.citations] == ["Hà Nội"]


def test_a_phone_number_no_plan_states_is_not_answered(service: AssistantService) -> None:
    answer = service.ask("Số 0243.22.33.999 là đường dây của ai?")
    assert answer.status == "no_answer"
