"""Whether a cited sentence still states the fact it is cited for, in the languages of the directory's articles."""
import datetime

import pytest

from curation.evidence_check import states

MAY_12 = datetime.date(2025, 5, 12)


@pytest.mark.parametrize("quote, language", [
    ("The memorandum was signed on 12 May 2025 in Seoul.", "en"),
    ("The two hospitals signed it on May 12.", "en"),
    ("SEOUL, May 12, 2025 (Yonhap) -- Asan Medical Center signed", "en"),
    ("서울아산병원은 2025년 5월 12일 협약을 체결했다.", "ko"),
    ("双方于5月12日签署了合作协议。", "zh"),
    ("2025年5月12日、覚書を締結した。", "ja"),
    ("Signed in Riyadh on 12/05/2025.", "en"),
    ("El acuerdo se firmó el 12 de mayo de 2025.", "es"),
    ("Die Absichtserklärung wurde am 12. Mai 2025 unterzeichnet.", "de"),
    ("وقعت الاتفاقية في ١٢ مايو ٢٠٢٥ في أبوظبي.", "ar"),
    ("Hai bệnh viện đã ký kết ngày 12 tháng 5 năm 2025.", "vi"),
    ("Signed 2025-05-12.", "en"),
])
def test_states_a_day_in_any_common_format(quote, language):
    assert states("date", (MAY_12, "day"), quote, language=language) == True  # noqa: E712


@pytest.mark.parametrize("quote, language", [
    ("The memorandum was signed on 13 May 2025 in Seoul.", "en"),
    ("The two hospitals signed it on June 12.", "en"),
    ("서울아산병원은 2025년 6월 12일 협약을 체결했다.", "ko"),
    ("双方于5月21日签署了合作协议。", "zh"),
    ("وقعت الاتفاقية في ١٣ مايو ٢٠٢٥ في أبوظبي.", "ar"),
    ("It was signed on May 12, 2024.", "en"),
    ("The two hospitals will exchange physicians.", "en"),
    ("Bach Mai Hospital of Vietnam and Mayo Clinic signed a memorandum.", "en"),
])
def test_states_refuses_another_day_or_no_date(quote, language):
    assert states("date", (MAY_12, "day"), quote, language=language) == False  # noqa: E712


@pytest.mark.parametrize("quote, expected", [
    ("The agreement was signed in May 2025.", True),
    ("협약은 2025년 5월 체결됐다.", True),
    ("It was signed on 28 May 2025.", True),
    ("It was signed in June 2025.", False),
    ("It was signed in May 2024.", False),
])
def test_states_only_the_month_and_year_of_a_month_precision(quote, expected):
    assert states("date", (datetime.date(2025, 5, 1), "month"), quote, language="en") == expected


@pytest.mark.parametrize("quote, language", [
    ("Both hospitals signed a memorandum of understanding on Tuesday.", "en"),
    ("양측은 오늘 업무협약을 체결했다.", "ko"),
    ("双方今天签署了合作协议。", "zh"),
    ("Abu Dhabi, 8 May 2025 – They signed a memorandum on Wednesday.", "en"),
])
def test_states_accepts_a_weekday_or_today_that_cannot_be_checked(quote, language):
    assert states("date", (datetime.date(2025, 5, 7), "day"), quote, language=language) == True  # noqa: E712


@pytest.mark.parametrize("names, quote, expected", [
    ("Asan Medical Center", "Bach Mai Hospital and Asan Medical Center signed", True),
    ("Asan Medical Center", "signed with Seoul Asan Medical Centre of South Korea", True),
    (["Seoul Asan Medical Center", "서울아산병원"], "서울아산병원은 협약을 체결했다", True),
    (["Bach Mai Hospital (Hanoi)", "Bệnh viện Bạch Mai"], "Bệnh viện Bạch Mai và", True),
    ("Universitätsklinikum Heidelberg", "Direktor des Universitätsklinikums Heidelberg", True),
    ("AMC", "the AMC's transplant team", True),
    ("AMC", "a camcorder was used", False),
    ("Seoul National University Hospital", "Bach Mai Hospital and Asan Medical Center signed", False),
    (["مستشفى كليفلاند كلينك", "Cleveland Clinic"], "وقعت مستشفى كليفلاند كلينك أبوظبي", True),
])
def test_states_a_party_by_any_of_its_names(names, quote, expected):
    assert states("party", names, quote, language="en") == expected


@pytest.mark.parametrize("name, quote, expected", [
    ("Park Seung-il", "signed by Dao Xuan Co and Park Seung-il, President", True),
    ("Park Seung-il", "\"Closer,\" said Park Seung Il.", True),
    ("Han Seung-beom", "\"Vietnam is one of our most important partners,\" Han said.", True),
    ("Gianrico Farrugia", "\"Korea has skilled surgeons,\" Dr. Farrugia said.", True),
    ("김철수", "김 철수 원장이 서명했다", True),
    ("Park Seung-il", "The agreement was signed by Dao Xuan Co, Director of Bach Mai Hospital.", False),
])
def test_states_a_person_by_name_or_surname(name, quote, expected):
    assert states("person", name, quote, language="en") == expected


@pytest.mark.parametrize("kind, quote, expected", [
    ("mou", "signed a memorandum of understanding on Tuesday", True),
    ("mou", "양측은 업무협약(MOU)을 체결했다", True),
    ("letter_of_intent", "signed a letter of intent", True),
    ("letter_of_intent", "signed a memorandum of understanding", False),
    ("renewal", "has renewed its memorandum for three years", True),
    ("collaboration", "we have been working with Hamad Medical Corporation", True),
    ("agreement", "وقع الطرفان اتفاقية تعاون", True),
    ("agreement", "The two hospitals will exchange physicians.", False),
])
def test_states_a_kind_by_its_words(kind, quote, expected):
    assert states("kind", kind, quote, language="en") == expected


def test_states_nothing_from_an_empty_quote():
    assert states("party", "Asan Medical Center", "  ", language="en") == False  # noqa: E712
