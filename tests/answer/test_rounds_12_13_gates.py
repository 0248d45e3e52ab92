"""Answer gates from the twelfth and thirteenth rounds of fresh questions: a count asked
must be a count of the thing asked, whoever is asked about; a time asked of an agency must be
stated for it; a clause addressing a whole level of bodies addresses each of them. New
wordings, on the real index."""

from __future__ import annotations

from assistant.service import AssistantService
from assistant.understand.intents import counted_noun, intents_of
from assistant.understand.question import unabbreviated


def test_mấy_before_a_noun_with_another_question_word_is_no_count() -> None:
    # "mấy" as the plural of speech ("those") where "ai" asks; a count after "trong vòng"
    assert counted_noun("ai lo dẹp mấy trò chơi bạo lực trên mạng") is None
    assert counted_noun("báo cho ai trong vòng mấy giờ") == "giờ"
    assert counted_noun("ban đó gồm mấy người, ai đứng đầu") == "người"


def test_a_count_asked_of_an_agency_needs_that_count(service: AssistantService) -> None:
    answer = service.ask("Sở Tư pháp Hà Nội có bao nhiêu luật sư trợ giúp pháp lý cho trẻ em?")
    assert answer.status == "no_answer"
    assert '"luật sư"' in answer.text and "Sở Tư pháp" in answer.text


def test_a_count_asked_with_who_needs_that_count(service: AssistantService) -> None:
    answer = service.ask("Thấy trẻ bị bỏ rơi ở Cần Thơ thì báo cho ai trong vòng mấy giờ?")
    assert answer.status == "no_answer" and '"giờ"' in answer.text
    # the same question without the count is answered with the bodies
    assert service.ask("Ở Cao Bằng ai lo dẹp mấy trang mạng độc hại cho trẻ?").status == (
        "answered"
    )


def test_a_time_asked_of_an_agency_must_be_stated_for_it(service: AssistantService) -> None:
    answer = service.ask("Sở Tư pháp Cao Bằng phải xong việc rà soát văn bản vào năm nào?")
    assert answer.status == "no_answer"
    assert "thời điểm hay thời hạn" in answer.text


def test_a_clause_to_every_department_answers_for_each(service: AssistantService) -> None:
    # Hà Nội asks "Các Sở, ban, ngành" to report before 15/12: Sở Y tế among them
    answer = service.ask("Sở Y tế Hà Nội nộp báo cáo hằng năm trước ngày nào?")
    assert answer.status == "answered" and "15/12" in answer.text


def test_chat_shorthand_is_read_out() -> None:
    assert unabbreviated("nop le phi bn") == "nop le phi bao nhieu"
    assert unabbreviated("Sở Tư pháp có dc ko") == "Sở Tư pháp có được không"
    assert unabbreviated("KH 203 lam ntn") == "KH 203 lam nhu the nao"  # capitals are codes


def test_a_figure_asked_in_shorthand_is_asked(service: AssistantService) -> None:
    # "bn" asks an amount: the plans give no fee for adopting a child
    answer = service.ask("nhan con nuoi o can tho mat phi bn")
    assert answer.status == "no_answer"
    question = service.understand("chi tieu khai sinh cao bang nam 2025 la bn %", [])
    assert "figure" in question.intents


def test_a_teacher_is_not_an_assignment() -> None:
    # "giáo viên" folds onto the verb "giao": it asks no duties
    assert "duties" not in intents_of("giao vien thay tre bi danh thi phai bao ai, bao gi")
    assert "duties" in intents_of("ubnd tinh giao cong an nhung gi")


def test_a_clause_to_every_department_answers_only_what_it_says(
    service: AssistantService,
) -> None:
    # the yearly report's date is not when a review ("sơ kết") is held
    assert service.ask("Sở Tư pháp Hà Nội gửi báo cáo kết quả trước ngày mấy?").status == (
        "answered"
    )
    answer = service.ask("Sở Văn hóa và Thể thao Hà Nội tổ chức sơ kết vào năm nào?")
    assert answer.status == "no_answer"


def test_sơ_is_no_agency_prefix(service: AssistantService) -> None:
    # "sơ kết" folds onto "sở": typed with marks, it is a topic word
    question = service.understand("Phòng Y tế Long Khánh sơ kết việc gì?", [])
    assert any(question.folded_term(t) == "so_ket" for t in question.terms)


def test_the_category_asked_is_no_topic_the_item_must_name(service: AssistantService) -> None:
    # "đối tượng nào": the answer names them ("trẻ em bị xâm hại"); the item need not say
    # "đối tượng"
    answer = service.ask("Sở Y tế Cần Thơ hướng dẫn chăm sóc cho đối tượng nào?")
    assert answer.status == "answered" and "trẻ em bị xâm hại" in answer.text


def test_a_figure_must_stand_in_the_unit_plainly_about_the_subject(
    service: AssistantService,
) -> None:
    # Cao Bằng's target on child labour says only "giảm dần": the next targets' figures
    # for 2025 do not answer
    for asked in (
        "Tới năm 2030, số lao động trẻ em của Cao Bằng phải giảm xuống bao nhiêu?",
        # "giảm ... xuống" is in every target: it names no subject
        "Cao Bằng đặt chỉ tiêu giảm lao động trẻ em xuống bao nhiêu vào năm 2030?",
    ):
        answer = service.ask(asked)
        assert answer.status == "no_answer" and "con số" in answer.text
    # a target that states its figure still answers
    answer = service.ask("Năm 2025 Cao Bằng đặt mục tiêu khai sinh cho trẻ dưới 5 tuổi bao nhiêu?")
    assert answer.status == "answered" and "98,5%" in answer.text


def test_a_named_target_must_state_the_kind_of_value_asked(service: AssistantService) -> None:
    # Cao Bằng's chỉ tiêu 12 sets no year; chỉ tiêu 14 does
    answer = service.ask("Cao Bằng phải hoàn thành chỉ tiêu 12 trước năm nào?")
    assert answer.status == "no_answer" and "chỉ tiêu 12 không nêu" in answer.text
    assert service.ask("Cao Bằng chỉ tiêu 14 đến năm nào phải xong?").status == "answered"
    # "là gì" asks what the target is, not a figure its noun names
    assert service.ask("chỉ tiêu 6 của Cao Bằng là gì").status == "answered"


def test_two_nouns_asked_side_by_side_are_each_named(service: AssistantService) -> None:
    answer = service.ask("ubnd quan huyen ha noi phai kien toan cac ban nhom nao")
    assert answer.status == "answered" and "Ban chỉ đạo" in answer.text


def test_what_came_of_a_plan_is_not_in_it(service: AssistantService) -> None:
    # the plans say what is to be done: no results, judgements or later plans
    for asked in (
        "Cần Thơ đã đạt được mục tiêu giảm trẻ em có hoàn cảnh đặc biệt chưa?",
        "Sau Kế hoạch 1515, Long Khánh có văn bản nào tiếp nối không?",
    ):
        answer = service.ask(asked)
        assert answer.status == "no_answer" and "kết quả thực hiện" in answer.text
    # reporting the results is a duty the plans set
    assert service.ask("Kết quả thực hiện báo cáo về đâu ở Hà Nội?").status == "answered"


def test_a_bare_phone_number_asked_needs_digits(service: AssistantService) -> None:
    # "sđt <someone>" typed alone asks the number: a hotline named without one does not answer
    assert "phone_number" in intents_of("so dien thoai giam doc so y te can tho")
    answer = service.ask("sdt giam doc so y te can tho")
    assert answer.status == "no_answer"
    assert service.ask("số điện thoại đường dây nóng bảo vệ trẻ em Hà Nội").status == "answered"
