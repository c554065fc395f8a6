"""General rules of the draft assistant found wanting on articles it had never seen."""
import datetime

import pytest

from curation.drafting import draft_from_article


def parties(draft, index=0):
    return [party["name"] for party in draft["agreements"][index]["parties"]]


@pytest.mark.django_db
def test_drafting_reads_a_place_after_of_as_the_institutions_location_and_keeps_one_party():
    draft = draft_from_article(text=(
        "Clinics sign MoU\n\n"
        "Apollo Hospitals Enterprise Ltd and Mayo Clinic of Rochester, Minnesota, today signed a memorandum "
        "of understanding. Mayo Clinic physicians will visit Chennai."
    ), published_on=datetime.date(2025, 3, 12))
    assert sorted(parties(draft)) == ["Apollo Hospitals Enterprise Ltd", "Mayo Clinic"]


@pytest.mark.django_db
def test_drafting_keeps_of_in_a_name_whose_own_words_name_no_institution():
    draft = draft_from_article(text=(
        "Universities sign MoU\n\n"
        "The University of Tokyo and Seoul National University Hospital signed a memorandum of understanding."
    ), published_on=datetime.date(2025, 3, 12))
    assert "University of Tokyo" in parties(draft)


def people(draft, index=0):
    return {(person["name"], person["role"]) for person in draft["agreements"][index]["people"]}


@pytest.mark.django_db
def test_drafting_reads_a_title_written_before_the_name_with_a_comma_in_lower_case_or_in_words():
    draft = draft_from_article(text=(
        "Hospitals sign MoU\n\n"
        "Acme University Hospital signed a memorandum of understanding with Seoul National University Hospital. "
        "Chief Executive Officer Rashid Khalani signed for Acme University Hospital, in the presence of "
        "India's Union Health Minister, Jagat Prakash Nadda, and state health minister Damodar Raja Narasimha."
    ), published_on=datetime.date(2025, 3, 12))
    assert people(draft) == {
        ("Rashid Khalani", "signed"), ("Jagat Prakash Nadda", "attended"), ("Damodar Raja Narasimha", "attended"),
    }
    titles = {person["name"]: person["title"] for person in draft["agreements"][0]["people"]}
    assert titles["Jagat Prakash Nadda"] == "Union Health Minister"
    assert titles["Damodar Raja Narasimha"] == "State health minister"


@pytest.mark.django_db
def test_drafting_does_not_take_a_signers_title_and_name_for_a_party():
    draft = draft_from_article(text=(
        "Hospitals sign MoU\n\n"
        "Seoul St. Mary's Hospital signed a memorandum of understanding with Cho Ray Hospital on April 21. "
        "Director Yoon Seung-kew of Seoul St. Mary's Hospital and Director Nguyen Tri Thuc of Cho Ray Hospital "
        "signed the agreement."
    ), published_on=datetime.date(2025, 4, 22))
    assert sorted(parties(draft)) == ["Cho Ray Hospital", "Seoul St. Mary's Hospital"]
    assert people(draft) == {("Yoon Seung-kew", "signed"), ("Nguyen Tri Thuc", "signed")}


@pytest.mark.django_db
def test_drafting_gives_each_counted_memorandum_the_parties_named_after_the_count():
    draft = draft_from_article(text=(
        "Two MoUs signed\n\n"
        "RIYADH, 10 March 2025 — Two memoranda of understanding were signed on Sunday in Riyadh. "
        "King Faisal Specialist Hospital signed an MoU with Samsung Medical Center. "
        "In a separate agreement, King Fahad Medical City signed an MoU with Seoul National University Hospital."
    ))
    assert len(draft["agreements"]) == 2
    assert [sorted(party["institution"] or party["name"] for party in a["parties"]) for a in draft["agreements"]] == [
        ["King Faisal Specialist Hospital", "samsung-medical-center"],
        ["King Fahad Medical City", "seoul-national-university-hospital"],
    ]
    assert [a["signed_on"] for a in draft["agreements"]] == ["2025-03-09", "2025-03-09"]


@pytest.mark.django_db
def test_drafting_gives_each_agreement_counted_with_its_subject_the_partner_its_ordinal_names():
    draft = draft_from_article(text=(
        "Hospital signs with two partners\n\n"
        "Hospital News\nPublished: 2025-09-12\n\n"
        "Makati Medical Center signed two agreements with foreign partners on the 11th, at its annual research forum.\n\n"
        "The first, a memorandum of understanding with Samsung Medical Center, was signed by President Jose Reyes "
        "and Samsung Medical Center President Park Seung-woo. It covers nurse training.\n\n"
        "The second, a letter of intent with Lumina Robotics, a Busan-based maker of surgical robots, was signed by "
        "President Reyes and Lumina Robotics CEO Han Ji-won.\n\n"
        "Health Secretary Teodoro Herbosa attended the signing ceremony."
    ))
    agreements = draft["agreements"]
    assert [a["kind"] for a in agreements] == ["mou", "letter_of_intent"]
    assert [sorted(party["institution"] or party["name"] for party in a["parties"]) for a in agreements] == [
        ["Makati Medical Center", "samsung-medical-center"],
        ["Lumina Robotics", "Makati Medical Center"],
    ]
    # "on the 11th" in the counting sentence dates both, under the month of the publication line.
    assert [a["signed_on"] for a in agreements] == ["2025-09-11", "2025-09-11"]
    assert [sorted(p["name"] for p in a["people"] if p["role"] == "signed") for a in agreements] == [
        ["Jose Reyes", "Park Seung-woo"], ["Han Ji-won", "Jose Reyes"],
    ]
    # The ceremony was one: who attended it attended both signings.
    assert all("Teodoro Herbosa" in {p["name"] for p in a["people"] if p["role"] == "attended"} for a in agreements)


@pytest.mark.django_db
def test_drafting_reads_a_name_after_a_lower_case_article_and_a_people_word_before_generic_words():
    draft = draft_from_article(text=(
        "Kooperation\n\n"
        "Berlin, 15. Mai 2025 – Die Charité – Universitätsmedizin Berlin und die Universität Kyoto haben am "
        "Mittwoch eine Kooperationsvereinbarung unterzeichnet."
    ))
    assert sorted(parties(draft)) == ["Charité – Universitätsmedizin Berlin", "Universität Kyoto"]
    draft = draft_from_article(text=(
        "Hospitals sign\n\n"
        "The Philippine General Hospital (PGH) and the University of Tokyo Hospital signed a letter of intent."
    ))
    assert sorted(parties(draft)) == ["Philippine General Hospital", "University of Tokyo Hospital"]


@pytest.mark.django_db
def test_drafting_a_document_never_signed_makes_a_collaboration_of_those_who_worked_together():
    draft = draft_from_article(text=(
        "Column\n\n"
        "For several years Oslo University Hospital has worked with Singapore General Hospital on patient safety. "
        "The two hospitals have not signed any formal agreement."
    ))
    [agreement] = draft["agreements"]
    assert agreement["kind"] == "collaboration"
    assert sorted(parties(draft)) == ["Oslo University Hospital", "Singapore General Hospital"]


@pytest.mark.django_db
def test_drafting_reads_a_unit_and_its_university_after_a_name_as_where_it_belongs_not_as_parties():
    draft = draft_from_article(text=(
        "Olympus concludes agreement\n\n"
        "TOKYO, June 3, 2025 – Olympus Corporation today announced that it has concluded a business agreement "
        "with Siriraj Hospital, Faculty of Medicine Siriraj Hospital, Mahidol University, to train surgeons. "
        "The agreement was signed by Yasuo Takeuchi, President of Olympus, and Prof. Apichat Asavamongkolkul, "
        "Dean of the Faculty of Medicine Siriraj Hospital."
    ))
    [agreement] = draft["agreements"]
    assert sorted(parties(draft)) == ["Olympus Corporation", "Siriraj Hospital"]
    assert {p["name"]: p["parent"] for p in agreement["parties"]}["Siriraj Hospital"] == "Mahidol University"


@pytest.mark.django_db
def test_drafting_gives_the_datelines_country_to_the_one_party_without_one_and_says_so():
    draft = draft_from_article(text=(
        "NUH and Cedars-Sinai renew\n\n"
        "SINGAPORE, 2 September 2025 – National University Hospital and Cedars-Sinai renewed their memorandum "
        "of understanding on 1 September."
    ))
    countries = {p["name"]: p["country"] for p in draft["agreements"][0]["parties"]}
    assert countries["National University Hospital"] == "SG"
    assert "National University Hospital: the country SG is read from the dateline; check it." in draft["warnings"]


@pytest.mark.django_db
def test_drafting_does_not_give_the_datelines_country_to_a_foreign_partner_of_a_party_of_that_country():
    draft = draft_from_article(text=(
        "Hospitals sign\n\n"
        "SEOUL, March 5, 2025 -- Samsung Medical Center signed a memorandum of understanding with Kenyatta National Hospital."
    ))
    countries = {p["name"]: p["country"] for p in draft["agreements"][0]["parties"]}
    assert countries["Kenyatta National Hospital"] is None


@pytest.mark.django_db
def test_drafting_one_signing_of_two_documents_gives_two_agreements_between_the_same_parties():
    draft = draft_from_article(text=(
        "Hospitals sign\n\n"
        "Samsung Medical Center signed an MoU and a research agreement with Bach Mai Hospital on 3 March 2025."
    ), published_on=datetime.date(2025, 3, 12))
    assert [a["kind"] for a in draft["agreements"]] == ["mou", "agreement"]
    assert [sorted(p["name"] for p in a["parties"]) for a in draft["agreements"]] == [
        ["Bach Mai Hospital", "Samsung Medical Center"]] * 2
    draft = draft_from_article(text=(
        "Hospitals sign\n\n"
        "Samsung Medical Center signed an MoU with Bach Mai Hospital, and the two will set up a research unit."
    ), published_on=datetime.date(2025, 3, 12))
    assert len(draft["agreements"]) == 1


@pytest.mark.django_db
def test_drafting_a_chinese_renewal_signed_by_its_heads_under_a_headline_without_spaces():
    draft = draft_from_article(text=(
        "湘雅医院与美国埃默里大学续签合作协议　合作再上新台阶\n\n"
        "2025年9月4日\n\n"
        "本报讯 昨日，中南大学湘雅医院与埃默里大学在长沙续签合作协议，双方将继续在护理和急诊医学领域合作。\n\n"
        "湘雅医院院长雷光华与埃默里大学副校长约翰·史密斯在协议上签字。\n\n"
        "根据续签的协议，埃默里大学每年将接收湘雅医院青年医生赴美进修。"
    ))
    # The headline is the title, so the lead is read as the news: one renewal, dated the day before.
    assert draft["source"]["title"].startswith("湘雅医院与美国埃默里大学续签合作协议")
    [agreement] = draft["agreements"]
    assert agreement["kind"] == "renewal"
    assert agreement["signed_on"] == "2025-09-03"
    assert {p["name"] for p in agreement["people"] if p["role"] == "signed"} == {"雷光华", "约翰·史密斯"}
    # 院 is written alike in both scripts: the simplified 医 and 学 make the hospital the mainland's.
    hospital = next(p for p in agreement["parties"] if p["name"].endswith("湘雅医院"))
    assert hospital["country"] == "CN"


@pytest.mark.django_db
def test_drafting_an_arabic_name_ends_at_its_adjective_of_origin_its_purpose_or_what_is_said_of_it():
    draft = draft_from_article(text=(
        "وزارة الصحة توقع مذكرة تفاهم مع مستشفى توماس الجامعي الألماني لتدريب الأطباء\n\n"
        "مسقط - 3 - 6 (العمانية) -- وقعت وزارة الصحة العمانية اليوم مذكرة تفاهم مع مستشفى توماس الجامعي "
        "الألماني لتدريب الأطباء العمانيين.\n\n"
        "ووقع المذكرة عن الوزارة وكيل وزارة الصحة الدكتور سالم الهنائي، وعن الجانب الألماني مدير مستشفى توماس "
        "الجامعي الدكتور يوهان بيكر.\n\n"
        "ويعد مستشفى توماس الجامعي أكبر مستشفى في ولاية بافاريا."
    ), published_on=datetime.date(2025, 6, 3))
    [agreement] = draft["agreements"]
    assert {(party["name"], party["country"]) for party in agreement["parties"]} == {
        ("وزارة الصحة العمانية", "OM"), ("مستشفى توماس الجامعي", "DE"),
    }
    assert {p["name"] for p in agreement["people"] if p["role"] == "signed"} == {"سالم الهنائي", "يوهان بيكر"}
