"""Drafts from releases in Korean, Chinese, Japanese, Arabic, Spanish, French and Portuguese, and the structure traps.

The articles under tests/curation/articles/languages/ were written for these tests in the style
of each press; each test reads one as a curator would and checks what the draft proposes.
"""
import datetime
from pathlib import Path

import pytest
from django.contrib.auth.models import User

from curation.drafting import draft_from_article
from curation.services import keep_draft, publish_draft
from partnerships.models import Agreement, AgreementEvent

pytestmark = pytest.mark.django_db

ARTICLES = Path(__file__).parent / "articles" / "languages"


def drafted(name, published_on=None):
    return draft_from_article(text=(ARTICLES / name).read_text(encoding="utf-8"), published_on=published_on)


def parties(agreement):
    return [party["institution"] or party["name"] for party in agreement["parties"]]


def people(agreement, role):
    return {person["name"] for person in agreement["people"] if person["role"] == role}


def test_drafting_a_korean_release_matches_a_party_by_its_native_name_with_its_particle():
    draft = drafted("ko_samsung_charite.txt")

    assert draft["source"]["language"] == "ko"
    [agreement] = draft["agreements"]
    assert agreement["kind"] == "mou"
    assert parties(agreement) == ["samsung-medical-center", "charite"]
    assert people(agreement, "signed") == {"박승우", "하이오 크뢰머"}
    assert any("background" in warning for warning in draft["warnings"])


def test_drafting_a_korean_release_proposes_a_new_party_written_in_hangul():
    [agreement] = drafted("ko_mayo_precision.txt")["agreements"]

    assert parties(agreement) == ["seoul-national-university-hospital", "메이요클리닉"]
    assert agreement["parties"][1]["kind"] == "hospital"
    assert people(agreement, "signed") == {"김영태", "지안리코 파루지아"}
    # The ambassador "참석한 가운데" watched the signing.
    assert people(agreement, "attended") == {"김철수"}
    assert "김영태" in people(agreement, "spoke")


@pytest.mark.parametrize("written", ["서울대학교병원은", "서울대병원과", "서울대병원"])
def test_drafting_finds_a_known_hangul_name_in_its_long_and_short_forms(written):
    text = f"{written} 지난 5일 삼성서울병원과 의료 인공지능 공동연구를 위한 업무협약을 체결했다."

    [agreement] = draft_from_article(text=text)["agreements"]

    assert parties(agreement)[0] == "seoul-national-university-hospital"


def test_drafting_does_not_read_one_hangul_name_inside_another():
    # 분당서울대병원 is another hospital than 서울대병원.
    text = "분당서울대병원은 지난 5일 삼성서울병원과 의료 인공지능 공동연구를 위한 업무협약을 체결했다."

    [agreement] = draft_from_article(text=text)["agreements"]

    assert "seoul-national-university-hospital" not in parties(agreement)
    assert parties(agreement) == ["분당서울대병원", "samsung-medical-center"]


def test_drafting_a_chinese_release_keeps_the_full_name_and_reads_signers_after_their_titles():
    draft = drafted("zh_ruijin_heidelberg.txt")

    [agreement] = draft["agreements"]
    assert agreement["kind"] == "mou"
    assert [party["name"] for party in agreement["parties"]] == ["上海交通大学医学院附属瑞金医院", "德国海德堡大学医院"]
    assert people(agreement, "signed") == {"宁光", "英戈·奥滕里斯"}
    assert people(agreement, "attended") == {"吴恳"}
    assert "宁光" in people(agreement, "spoke")


def test_drafting_a_japanese_release_tells_a_director_from_his_hospital():
    [agreement] = drafted("ja_todai_siriraj.txt")["agreements"]

    assert agreement["kind"] == "mou"
    assert [party["name"] for party in agreement["parties"]] == ["東京大学医学部附属病院", "マヒドン大学シリラート病院"]
    assert people(agreement, "signed") == {"田中栄", "アピチャート・ウィチットワニット"}
    assert people(agreement, "attended") == {"大鷹正人"}


def test_drafting_an_arabic_release_reads_parties_signers_and_the_minister_who_watched():
    [agreement] = drafted("ar_seha_hopkins.txt")["agreements"]

    assert agreement["kind"] == "mou"
    # "الأمريكي" says where the hospital is: its country, not a word of its name.
    assert [(party["name"], party["country"]) for party in agreement["parties"]][1] == ("مستشفى جونز هوبكنز", "US")
    assert agreement["parties"][0]["name"] == "شركة أبوظبي للخدمات الصحية"
    assert agreement["parties"][0]["other_names"][0]["name"] == "صحة"
    assert people(agreement, "signed") == {"أحمد الهاشمي", "كيفن سواريس"}
    assert people(agreement, "attended") == {"عبدالله بن محمد آل حامد"}


def test_drafting_an_arabic_release_counts_two_memoranda_and_leaves_out_the_one_only_planned():
    draft = drafted("ar_two_memoranda_planned.txt")

    assert len(draft["agreements"]) == 2
    assert all(not name.startswith("جامعة تورنتو") for agreement in draft["agreements"] for name in parties(agreement))
    assert any("planned" in warning for warning in draft["warnings"])


@pytest.mark.parametrize("name, kind, signed, attended", [
    ("es_inen_navarra.txt", "framework", {"Tatiana Vidaurre", "José Andrés Gómez Cantero"}, {"Aníbal Velásquez"}),
    ("fr_hcl_montreal.txt", "framework", {"Raymond Le Moign", "Daniel Jutras"}, set()),
    ("pt_einstein_porto.txt", "mou", {"Sidney Klajner", "António Sousa Pereira"}, set()),
])
def test_drafting_romance_releases_reads_their_document_words_signers_and_witnesses(name, kind, signed, attended):
    draft = drafted(name)

    [agreement] = draft["agreements"]
    assert draft["source"]["language"] == name[:2]
    assert agreement["kind"] == kind
    assert len(agreement["parties"]) == 2
    assert people(agreement, "signed") == signed
    assert people(agreement, "attended") == attended


def test_drafting_cuts_possessives_and_keeps_a_titled_person_out_of_the_parties():
    draft = drafted("en_taipei_mayapada.txt")

    [agreement] = draft["agreements"]
    assert parties(agreement) == ["Taipei Veterans General Hospital", "Mayapada Healthcare Group"]
    assert agreement["signed_on"] == "2025-05-12"
    assert people(agreement, "signed") == {"Deh-Ming Chang", "Grace Tahir"}
    # The letter of intent of 2021 is background; the agreement awaiting approval is not signed.
    assert any("background" in warning for warning in draft["warnings"])
    assert any("planned" in warning for warning in draft["warnings"])


def test_drafting_makes_a_faculty_named_with_its_university_part_of_that_party():
    [agreement] = drafted("en_faculty_of_parent.txt")["agreements"]

    assert parties(agreement) == ["Mahidol University", "Karolinska Institutet"]


def test_drafting_records_a_lapsed_mou_as_that_mou_ended_and_publishing_writes_the_event():
    text = (ARTICLES / "en_lapsed_mou.txt").read_text(encoding="utf-8")
    draft = draft_from_article(text=text)

    [agreement] = draft["agreements"]
    assert agreement["kind"] == "mou"
    assert agreement["status"] == "ended"
    assert (agreement["signed_on"], agreement["signed_on_precision"]) == ("2019-04-01", "month")
    assert [(event["kind"], event["dated_on"], event["dated_on_precision"]) for event in agreement["events"]] == [
        ("ended", "2025-01-01", "month"),
    ]

    curator = User.objects.create_user("carla", password="not-used-here", is_staff=True)
    publish_draft(draft=keep_draft(text=text, proposal=draft), curator=curator)

    record = Agreement.objects.get(title=agreement["title"])
    assert list(record.events.values_list("kind", "dated_on")) == [(AgreementEvent.Kind.ENDED, datetime.date(2025, 1, 1))]
    assert record.status == "ended"


def test_drafting_a_signing_dated_before_its_signers_gives_that_date_and_those_signers():
    text = (
        "The MoU was signed on 12 May 2025 at the Seoul campus by John Smith, President of Asan Medical Center, "
        "and Anna Berg, Director of Charité."
    )

    [agreement] = draft_from_article(text=text, published_on=datetime.date(2025, 5, 14))["agreements"]

    assert agreement["signed_on"] == "2025-05-12"
    assert parties(agreement) == ["asan-medical-center", "charite"]
    assert people(agreement, "signed") == {"John Smith", "Anna Berg"}
    assert people(agreement, "spoke") == set()


def test_drafting_a_french_release_joins_an_acronym_and_a_short_form_to_the_names_they_stand_for():
    text = (
        "Communiqué de presse – Paris, le 14 mars 2025\n\n"
        "L'Assistance Publique – Hôpitaux de Paris (AP-HP) et le Centre hospitalier universitaire Ibn Rochd de "
        "Casablanca renforcent leur coopération.\n\n"
        "La convention de partenariat a été signée le 12 mars 2025 à Casablanca par Nicolas Revel, directeur "
        "général de l'AP-HP, et le Pr Hicham Afif, directeur du CHU Ibn Rochd."
    )

    [agreement] = draft_from_article(text=text)["agreements"]

    assert {(party["name"], party["country"]) for party in agreement["parties"]} == {
        ("Assistance Publique – Hôpitaux de Paris", "FR"),
        ("Centre hospitalier universitaire Ibn Rochd de Casablanca", "MA"),
    }
    assert people(agreement, "signed") == {"Nicolas Revel", "Hicham Afif"}


def test_two_signings_told_in_one_sentence_split_by_a_semicolon_are_two_agreements():
    text = (
        "两家医院分别与海外伙伴签约\n\n"
        "本报讯 3月12日，浙江大学医学院附属第一医院与新加坡国立大学医院签署合作协议；"
        "四川大学华西医院与香港大学深圳医院签署合作备忘录。\n\n"
        "双方将在临床培训和科研方面开展合作。"
    )
    proposal = draft_from_article(text=text, published_on=datetime.date(2025, 3, 13))

    parties = sorted(sorted(party["name"] for party in agreement["parties"]) for agreement in proposal["agreements"])
    assert parties == [
        ["四川大学华西医院", "香港大学深圳医院"], ["新加坡国立大学医院", "浙江大学医学院附属第一医院"],
    ], proposal["agreements"]
    assert {agreement["signed_on"] for agreement in proposal["agreements"]} == {"2025-03-12"}


def test_a_later_paragraph_of_signers_goes_to_the_agreement_of_its_parties_not_the_last_one_told():
    text = (
        "两家医院分别与海外伙伴签约\n\n"
        "本报讯 3月12日，浙江大学医学院附属第一医院与新加坡国立大学医院签署合作协议；"
        "四川大学华西医院与香港大学深圳医院签署合作备忘录。\n\n"
        "浙江大学医学院附属第一医院院长梁廷波与新加坡国立大学医院院长黄志明代表双方签署协议。\n\n"
        "四川大学华西医院院长李为民与香港大学深圳医院院长卢宠茂签署合作备忘录。"
    )
    proposal = draft_from_article(text=text, published_on=datetime.date(2025, 3, 13))

    signers = {
        " ".join(sorted(party["name"] for party in agreement["parties"])):
            sorted(person["name"] for person in agreement["people"] if person["role"] == "signed")
        for agreement in proposal["agreements"]
    }
    assert signers == {
        "新加坡国立大学医院 浙江大学医学院附属第一医院": ["梁廷波", "黄志明"],
        "四川大学华西医院 香港大学深圳医院": ["卢宠茂", "李为民"],
    }, proposal["agreements"]


def test_a_chinese_name_ends_before_the_signing_verb_and_a_verb_after_a_title_is_no_name():
    text = (
        "医院签约\n\n本报讯 3月12日，四川大学华西医院院长李为民与香港大学深圳医院院长卢宠茂签署合作备忘录，"
        "四川省卫生健康委员会主任出席签约仪式。"
    )
    proposal = draft_from_article(text=text, published_on=datetime.date(2025, 3, 13))

    people = {(person["name"], person["role"]) for agreement in proposal["agreements"] for person in agreement["people"]}
    assert {("李为民", "signed"), ("卢宠茂", "signed")} <= people
    assert not any(name.startswith(("出席", "签")) for name, _role in people), people


def test_a_chinese_name_with_and_without_its_country_or_city_is_one_party():
    text = (
        "华山医院与德国夏里特医学院签约\n\n本报讯 11月6日，复旦大学附属华山医院与德国柏林夏里特医学院签署合作协议。"
        "复旦大学附属华山医院院长毛颖与德国夏里特医学院院长海约·克罗默代表双方签署协议。"
    )
    proposal = draft_from_article(text=text, published_on=datetime.date(2024, 11, 8))

    [agreement] = proposal["agreements"]
    names = [party["name"] for party in agreement["parties"]]
    assert len(names) == 2 and names[0] == "复旦大学附属华山医院" and "夏里特医学院" in names[1], names
    assert agreement["parties"][1]["country"] == "DE"


def test_an_arabic_kind_word_that_points_back_to_a_named_institution_is_no_new_party():
    text = (
        "مستشفى الزهراء يوقع مذكرة تفاهم مع جامعة الشارقة\n\n"
        "الشارقة في 3 مارس / وام / وقّع مستشفى الزهراء الخاص وجامعة الشارقة اليوم مذكرة تفاهم.\n\n"
        "كما وقّعت الجامعة اتفاقية لتوفير فرص التدريب السريري لطلبتها في مستشفيات المؤسسة."
    )
    proposal = draft_from_article(text=text, published_on=datetime.date(2025, 3, 3))

    names = {party["name"] for agreement in proposal["agreements"] for party in agreement["parties"]}
    assert not any("المؤسسة" in name for name in names), names


def test_a_partner_the_body_names_only_as_the_venue_is_taken_from_the_headline():
    text = (
        "부산대병원, 베트남 쩌라이병원과 의료진 교육 협약\n\n"
        "부산대병원은 지난 9일 베트남 호찌민시 쩌라이병원에서 의료진 연수에 관한 업무협약을 체결했다고 11일 밝혔다.\n\n"
        "2025.06.11"
    )

    [agreement] = draft_from_article(text=text)["agreements"]

    assert {party["name"]: party["country"] for party in agreement["parties"]} == {"부산대병원": "KR", "쩌라이병원": "VN"}


def test_drafting_a_korean_release_reads_a_foreign_name_written_out_its_signer_by_acronym_and_a_posted_diplomat():
    text = (
        "삼성서울병원은 지난 2일 카타르 시드라 메디컬 코퍼레이션과 업무협약을 체결했다고 5일 밝혔다.\n\n"
        "협약식에는 박승우 삼성서울병원장과 파티마 알 쿠와리 SMC 최고경영자가 참석해 협약서에 서명했다. "
        "김민수 주카타르 대한민국 대사도 자리를 함께했다.\n\n"
        "2025.11.05"
    )

    [agreement] = draft_from_article(text=text)["agreements"]

    assert {party["name"]: party["country"] for party in agreement["parties"]}["시드라 메디컬 코퍼레이션"] == "QA"
    assert people(agreement, "signed") == {"박승우", "파티마 알 쿠와리"}
    assert people(agreement, "attended") == {"김민수"}


JAPANESE_MINISTER_WITNESSED = (
    "2025年9月19日\n国立成育医療研究センター\n\n"
    "国立成育医療研究センターは、9月17日、タイのシリラート病院と覚書を締結しました。"
    "署名式には、在日タイ王国大使館のソムチャイ・ウォン公使が立ち会いました。"
)


def test_drafting_a_japanese_release_reads_an_embassys_minister_who_witnessed():
    attended = [
        (person["name"], person["title"]) for agreement in draft_from_article(text=JAPANESE_MINISTER_WITNESSED)["agreements"]
        for person in agreement["people"] if person["role"] == "attended"
    ]

    assert attended == [("ソムチャイ・ウォン", "公使")]


def test_drafting_a_spanish_name_keeps_its_elided_article_and_an_apposition_gives_the_partners_country():
    text = (
        "Barcelona, 12 de mayo de 2025.– El Hospital Universitario Vall d'Hebron y el Instituto Oncológico Nacional, "
        "centro de referencia oncológica de Panamá, firmaron hoy un convenio de colaboración."
    )

    [agreement] = draft_from_article(text=text)["agreements"]

    assert {party["name"]: party["country"] for party in agreement["parties"]} == {
        "Hospital Universitario Vall d'Hebron": "ES", "Instituto Oncológico Nacional": "PA",
    }


def test_drafting_an_arabic_release_takes_the_subject_of_the_signing_and_leaves_out_its_foundation():
    text = (
        "الدوحة في 6 مايو /قنا/ وقعت سدرة للطب، عضو مؤسسة قطر، أمس الاثنين مذكرة تفاهم مع مستشفى كينغز كوليدج "
        "الجامعي في لندن.\n\nوتشمل المذكرة تدريب الأطباء في مستشفى كينغز كوليدج، الذي يتعاون مع سدرة للطب منذ عام 2022."
    )

    [agreement] = draft_from_article(text=text)["agreements"]

    assert {party["name"]: party["country"] for party in agreement["parties"]} == {
        "سدرة للطب": "QA", "مستشفى كينغز كوليدج الجامعي": "GB",
    }
