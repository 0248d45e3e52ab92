"""Answer gates from the tenth round of fresh questions: a numbered target asked for a year
it gives no figure for; a target plainly about the subject that gives no value is not
answered by its neighbour's figures; a percentage asked of an agency whose items give
none (unless its item carries out numbered targets); who does something in the part a
cut-off plan kept, and the note when the asked part is one it lost. New wordings, on the
real index."""

from __future__ import annotations

from assistant.service import AssistantService


def test_a_named_target_asked_for_a_year_it_does_not_cover(service: AssistantService) -> None:
    answer = service.ask("Chỉ tiêu 17 của Cao Bằng năm 2027 đạt bao nhiêu phần trăm?")
    assert answer.status == "no_answer" and "2027" in answer.text
    given = service.ask("Chỉ tiêu 17 của Cao Bằng năm 2030 đạt bao nhiêu phần trăm?")
    assert given.status == "answered" and "99" in given.text


def test_the_target_about_the_subject_gives_no_value(service: AssistantService) -> None:
    # chỉ tiêu 10 (child labour) says only "giảm dần"; its neighbours give percentages
    answer = service.ask("Cao Bằng muốn tỷ lệ lao động trẻ em năm 2030 còn bao nhiêu %?")
    assert answer.status == "no_answer"
    assert "phần trăm" in answer.text


def test_a_percentage_asked_of_an_agency(service: AssistantService) -> None:
    none = service.ask(
        "Phòng Văn hóa – Thông tin Long Khánh phải đạt bao nhiêu phần trăm trẻ em biết bơi?"
    )
    assert none.status == "no_answer" and "phần trăm" in none.text
    # an item carrying out numbered targets leads to them: the line citing them is quoted
    led = service.ask("Sở Y tế Cao Bằng phải đưa tỷ lệ tiêm chủng đầy đủ lên bao nhiêu %?")
    assert led.status == "answered"
    assert "chỉ tiêu 3, 4, 5, 6" in led.text


def test_who_in_the_part_a_cut_off_plan_kept(service: AssistantService) -> None:
    kept = service.ask(
        "Ở Hải Phòng ai phải chịu trách nhiệm nếu trẻ em tử vong vì tai nạn thương tích?"
    )
    assert kept.status == "answered" and "Người đứng đầu" in kept.text
    lost = service.ask("Hải Phòng giao ai tổ chức tổng kết kế hoạch?")
    assert lost.status == "no_answer" and "bị cắt" in lost.text
