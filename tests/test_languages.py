"""The directory in Korean, Arabic, German and Simplified Chinese beside English.

Pages: English at the plain addresses, the other languages under a prefix (/ko/...), chosen by
Accept-Language or the switcher; the API at one address, its display names chosen by
Accept-Language. The answer cache never hands one language's answer to a reader of another.
"""
import datetime
import re
from html import unescape
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from babel.messages.pofile import read_po
from django.conf import settings
from django.contrib.auth.models import User

from curation.models import Suggestion
from curation.services import keep_draft
from partnerships.models import AgreementEvent
from tests.curation.articles import ARTICLE, DRAFT
from tests.factories import AgreementFactory, AgreementPartyFactory

pytestmark = pytest.mark.django_db

LOCALE = Path(settings.BASE_DIR) / "locale"
LANGUAGES = {"en": "", "ko": "/ko", "ar": "/ar", "de": "/de", "zh-hans": "/zh-hans"}
SNUH_AMC = "snuh-amc-snubh-medical-data-2017"
EHS_AMC = "ehs-amc-mou-2024"


def html_of(response):
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def html_tag(page):
    return re.search(r"<html lang=\"([^\"]+)\" dir=\"([^\"]+)\">", page).groups()


def alternates(page):
    return dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', page))


def switcher_links(page):
    nav = re.search(r'<nav class="language-switch".*?</nav>', page, re.S).group(0)
    return {lang: unescape(href) for href, lang in re.findall(r'<a href="([^"]+)" lang="([^"]+)"', nav)}


def h1(page):
    return re.sub(r"<[^>]+>", "", re.search(r"<h1[^>]*>(.*?)</h1>", page, re.S).group(1)).strip()


# Choosing the language


@pytest.mark.parametrize(
    ("accept", "prefix"),
    [("ko-KR,ko;q=0.9,en;q=0.5", "/ko"), ("ar-AE", "/ar"), ("de-DE,de;q=0.9", "/de"), ("zh-CN,zh;q=0.9", "/zh-hans"),
     ("zh-Hans", "/zh-hans"), ("zh", "/zh-hans")],
)
def test_accept_language_sends_a_reader_to_the_page_in_their_language_with_its_filters(client, accept, prefix):
    response = client.get("/partnerships/?country=KR&area=oncology", headers={"Accept-Language": accept})

    assert response.status_code == 302
    assert response["Location"] == f"{prefix}/partnerships/?country=KR&area=oncology"
    assert {"Accept-Language", "Cookie"} <= {part.strip() for part in response["Vary"].split(",")}


@pytest.mark.parametrize("accept", [None, "en-US,en;q=0.9", "fr-FR,fr;q=0.9", "en;q=0.9, ko;q=0.5", "*"])
def test_readers_of_english_or_of_no_language_of_ours_get_the_english_page(client, accept):
    headers = {"Accept-Language": accept} if accept else {}
    response = client.get("/partnerships/?country=KR", headers=headers)

    assert html_tag(html_of(response)) == ("en", "ltr")
    assert "Accept-Language" in response["Vary"]


def test_the_switchers_cookie_wins_over_accept_language(client):
    client.cookies["django_language"] = "en"
    english = client.get("/partnerships/", headers={"Accept-Language": "ko"})
    client.cookies["django_language"] = "de"
    german = client.get("/partnerships/", headers={"Accept-Language": "ko"})

    assert html_tag(html_of(english)) == ("en", "ltr")
    assert (german.status_code, german["Location"]) == (302, "/de/partnerships/")


def test_a_prefixed_address_is_its_language_whatever_the_reader_prefers(client):
    client.cookies["django_language"] = "ko"
    page = html_of(client.get("/de/partnerships/", headers={"Accept-Language": "ar"}))

    assert html_tag(page) == ("de", "ltr")
    assert h1(page) == "Vereinbarungen"


@pytest.mark.parametrize(
    ("language", "tag", "direction", "heading"),
    [("en", "en", "ltr", "Agreements"), ("ko", "ko", "ltr", "협약"), ("ar", "ar", "rtl", "الاتفاقيات"),
     ("de", "de", "ltr", "Vereinbarungen"), ("zh-hans", "zh-Hans", "ltr", "协议")],
)
def test_each_language_has_its_lang_and_direction(client, language, tag, direction, heading):
    page = html_of(client.get(f"{LANGUAGES[language]}/partnerships/"))

    assert html_tag(page) == (tag, direction)
    assert h1(page) == heading


def test_every_page_lists_its_alternates_in_every_language_with_the_query_string(client):
    page = html_of(client.get("/ko/partnerships/?country=KR&area=oncology"))

    assert alternates(page) == {
        "en": "http://testserver/partnerships/?country=KR&amp;area=oncology",
        "ko": "http://testserver/ko/partnerships/?country=KR&amp;area=oncology",
        "ar": "http://testserver/ar/partnerships/?country=KR&amp;area=oncology",
        "de": "http://testserver/de/partnerships/?country=KR&amp;area=oncology",
        "zh-Hans": "http://testserver/zh-hans/partnerships/?country=KR&amp;area=oncology",
        "x-default": "http://testserver/partnerships/?country=KR&amp;area=oncology",
    }


def test_the_switcher_keeps_the_page_and_its_filters_and_remembers_the_choice(client):
    page = html_of(client.get("/de/partnerships/?country=KR&area=oncology"))
    links = switcher_links(page)
    assert set(links) == {"en", "ko", "ar", "de", "zh-Hans"}
    assert parse_qs(urlsplit(links["ko"]).query) == {"next": ["/de/partnerships/?country=KR&area=oncology"]}

    chosen = client.get(links["ko"])

    assert (chosen.status_code, chosen["Location"]) == (302, "/ko/partnerships/?country=KR&area=oncology")
    assert chosen.cookies["django_language"].value == "ko"
    english = client.get(client.get(links["en"])["Location"], headers={"Accept-Language": "de"})
    assert html_tag(html_of(english)) == ("en", "ltr")
    assert "Korea" in html_of(client.get("/partnerships/?country=KR"))


def test_the_switcher_marks_the_current_language(client):
    page = html_of(client.get("/ar/"))

    assert re.search(r'lang="ar" hreflang="ar" aria-current="true">العربية</a>', page)
    assert page.count('aria-current="true"') == 1


@pytest.mark.parametrize(
    ("address", "status", "location"),
    [("/language/fr/?next=/partnerships/", 404, None),
     ("/language/ko/?next=https://elsewhere.example/", 302, "/ko/"),
     ("/language/ko/?next=//elsewhere.example/", 302, "/ko/"),
     ("/language/ko/", 302, "/ko/"),
     ("/language/en/?next=/ko/areas/oncology/", 302, "/areas/oncology/"),
     ("/language/de/?next=/api/v1/agreements/", 302, "/api/v1/agreements/")],
)
def test_choosing_a_language_goes_only_to_this_sites_pages(client, address, status, location):
    response = client.get(address)

    assert response.status_code == status
    assert response.get("Location") == location


def test_the_api_is_never_prefixed(client):
    assert client.get("/ko/api/v1/agreements/").status_code == 404
    assert client.get("/api/v1/agreements/", headers={"Accept-Language": "ko"}).status_code == 200


# Localised text, dates and data


@pytest.mark.parametrize(
    ("language", "date"),
    [("en", "29 January 2024"), ("ko", "2024년 1월 29일"), ("ar", "29 يناير، 2024"), ("de", "29. Januar 2024"),
     ("zh-hans", "2024年1月29日")],
)
def test_dates_are_written_as_each_language_writes_them(client, language, date):
    page = html_of(client.get(f"{LANGUAGES[language]}/partnerships/{EHS_AMC}/"))

    assert f'<time datetime="2024-01-29">{date}</time>' in page


@pytest.mark.parametrize(
    ("language", "entries", "term"),
    [
        ("en", ["Signed April 2016", "Announced 2 May 2016", "Renewed for 5 years March 2021"],
         "Its term runs to 1 April 2026."),
        ("ko", ["체결됨 2016년 4월", "발표 2016년 5월 2일", "갱신(5년) 2021년 3월"], "협약 기간은 2026년 4월 1일까지입니다."),
        ("ar", ["موقّعة إبريل 2016", "أُعلن عنها 2 مايو، 2016", "جُدِّدت لمدة 5 سنوات مارس 2021"],
         "تمتد مدتها حتى 1 إبريل، 2026."),
        ("de", ["Unterzeichnet April 2016", "Angekündigt 2. Mai 2016", "Erneuert für 5 Jahre März 2021"],
         "Die Laufzeit reicht bis 1. April 2026."),
        ("zh-hans", ["已签署 2016年4月", "宣布 2016年5月2日", "续签，为期 5 年 2021年3月"], "期限至 2026年4月1日。"),
    ],
)
def test_the_timeline_is_in_the_readers_language_with_their_dates(client, language, entries, term):
    agreement = AgreementFactory(
        slug="life-languages", signed_on=datetime.date(2016, 4, 1), signed_on_precision="month", term_years=5,
    )
    AgreementPartyFactory(agreement=agreement)
    AgreementEvent.objects.create(agreement=agreement, kind="announced", dated_on=datetime.date(2016, 5, 2))
    AgreementEvent.objects.create(
        agreement=agreement, kind="renewed", dated_on=datetime.date(2021, 3, 1), dated_on_precision="month", years=5,
    )

    page = html_of(client.get(f"{LANGUAGES[language]}/partnerships/life-languages/"))
    timeline = re.search(r'<ol class="timeline".*?</ol>', page, re.S).group(0)
    shown = [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", item.split(">", 1)[1])).strip()
             for item in timeline.split("<li")[1:]]

    assert shown == entries
    assert term in page


@pytest.mark.parametrize(
    ("language", "korea", "emirates"),
    [("en", "South Korea", "United Arab Emirates"), ("ko", "대한민국", "아랍에미리트"),
     ("ar", "كوريا الجنوبية", "الإمارات العربية المتحدة"), ("de", "Südkorea", "Vereinigte Arabische Emirate"),
     ("zh-hans", "韩国", "阿拉伯联合酋长国")],
)
def test_country_names_are_in_the_readers_language(client, language, korea, emirates):
    page = html_of(client.get(f"{LANGUAGES[language]}/countries/"))
    agreements = html_of(client.get(f"{LANGUAGES[language]}/partnerships/?country=KR"))

    assert korea in page and emirates in page
    assert korea in agreements


@pytest.mark.parametrize(
    ("language", "oncology", "visiting"),
    [("en", "Oncology", "Visiting consultants"), ("ko", "종양학", "초빙 전문의"), ("ar", "الأورام", "الاستشاريون الزائرون"),
     ("de", "Onkologie", "Gastärzte"), ("zh-hans", "肿瘤学", "客座专家")],
)
def test_focus_areas_are_named_in_the_readers_language(client, language, oncology, visiting):
    prefix = LANGUAGES[language]

    assert h1(html_of(client.get(f"{prefix}/areas/oncology/"))) == oncology
    assert f">{visiting}</a>" in html_of(client.get(f"{prefix}/areas/"))
    listed = html_of(client.get(f"{prefix}/partnerships/?area=visiting-consultants"))
    assert f"<li>{visiting}</li>" in listed  # the card's tag
    assert re.search(rf'<label for="area-visiting-consultants">\s*{re.escape(visiting)}', listed)  # the sidebar


def test_a_korean_reader_sees_hangul_names_with_the_english_beside_them(client):
    page = html_of(client.get(f"/ko/partnerships/{SNUH_AMC}/"))

    assert ('>서울대병원</a> <span class="muted" lang="en" dir="ltr">(Seoul National University Hospital)</span>') in page
    assert '>서울아산병원</a> <span class="muted" lang="en" dir="ltr">(Asan Medical Center)</span>' in page
    assert re.search(r'dir="auto">서창석</a> <span dir="auto">Suh Chang-suk</span>', page)
    institution = html_of(client.get("/ko/institutions/seoul-national-university-hospital/"))
    assert h1(institution) == "서울대병원 (Seoul National University Hospital)"


@pytest.mark.parametrize("language", ["en", "de", "ar", "zh-hans"])
def test_readers_of_other_scripts_see_the_recorded_name_first(client, language):
    page = html_of(client.get(f"{LANGUAGES[language]}/partnerships/{SNUH_AMC}/"))

    assert 'dir="auto">Seoul National University Hospital</a>' in page
    assert re.search(r'dir="auto">Suh Chang-suk</a> <span dir="auto">서창석</span>', page)


def test_the_feed_is_in_the_readers_language(client):
    german = client.get("/de/partnerships/feed/").content.decode()
    korean = client.get("/ko/partnerships/feed/").content.decode()

    assert "Verzeichnis der Krankenhauspartnerschaften: neueste Vereinbarungen" in german
    assert "병원 파트너십 디렉터리: 최신 협약" in korean


@pytest.mark.parametrize(
    ("language", "heading"),
    [("en", "Page not found"), ("ko", "페이지를 찾을 수 없습니다"), ("ar", "الصفحة غير موجودة"), ("de", "Seite nicht gefunden"),
     ("zh-hans", "找不到页面")],
)
def test_the_not_found_page_is_in_the_readers_language(client, settings, language, heading):
    settings.DEBUG = False
    response = client.get(f"{LANGUAGES[language]}/no-such-page/")

    assert response.status_code == 404
    assert h1(response.content.decode()) == heading


# The API


@pytest.mark.parametrize(
    ("accept", "snuh", "oncology", "korea"),
    [(None, "Seoul National University Hospital", "Oncology", "South Korea"),
     ("ko-KR,ko;q=0.9", "서울대병원", "종양학", "대한민국"),
     ("de", "Seoul National University Hospital", "Onkologie", "Südkorea"),
     ("zh-CN", "Seoul National University Hospital", "肿瘤学", "韩国")],
)
def test_accept_language_chooses_the_apis_display_names(client, accept, snuh, oncology, korea):
    headers = {"Accept-Language": accept} if accept else {}

    institution = client.get("/api/v1/institutions/seoul-national-university-hospital/", headers=headers)
    areas = {row["slug"]: row for row in client.get("/api/v1/areas/", headers=headers).json()}

    assert institution["Content-Language"] == (accept or "en")[:2].lower().replace("zh", "zh-hans")
    assert "Accept-Language" in institution["Vary"]
    body = institution.json()
    assert (body["name"], body["display_name"], body["country_name"]) == ("Seoul National University Hospital", snuh, korea)
    assert body["names"] == {"en": "Seoul National University Hospital", "ko": "서울대병원"}
    assert areas["oncology"]["display_name"] == oncology
    assert areas["oncology"]["names"]["de"] == "Onkologie"


def test_the_apis_agreement_rows_name_parties_areas_and_people_for_the_reader(client):
    rows = client.get("/api/v1/agreements/?institution=asan-medical-center", headers={"Accept-Language": "ko"}).json()
    row = next(row for row in rows["results"] if row["slug"] == SNUH_AMC)
    record = client.get(f"/api/v1/agreements/{SNUH_AMC}/", headers={"Accept-Language": "ko"}).json()

    for answer in (row, record):
        parties = {party["institution"]["slug"]: party["institution"]["display_name"] for party in answer["parties"]}
        assert parties["seoul-national-university-hospital"] == "서울대병원"
        people = {person["slug"]: person["display_name"] for person in answer["people"]}
        assert people["suh-chang-suk"] == "서창석"
        assert {area["display_name"] for area in answer["areas"]} >= {"의료 빅데이터와 인공지능"}


# The answer cache keeps languages apart


def test_a_korean_api_answer_is_never_served_to_a_german_reader(client, django_assert_max_num_queries):
    address = "/api/v1/agreements/?country=KR"
    korean = client.get(address, headers={"Accept-Language": "ko"})
    with django_assert_max_num_queries(1):
        korean_again = client.get(address, headers={"Accept-Language": "ko"})

    german = client.get(address, headers={"Accept-Language": "de"})
    english = client.get(address)

    assert korean_again.content == korean.content
    assert "대한민국" in korean.content.decode()
    assert "Südkorea" in german.content.decode() and "대한민국" not in german.content.decode()
    assert "South Korea" in english.content.decode()


def test_a_korean_page_is_never_served_to_a_german_reader(client, django_assert_max_num_queries):
    korean = html_of(client.get("/ko/partnerships/?country=KR"))
    with django_assert_max_num_queries(1):
        assert html_of(client.get("/ko/partnerships/?country=KR")) == korean
    english = html_of(client.get("/partnerships/?country=KR"))

    # The plain address, cached in English, sends a German reader to the German page instead.
    redirected = client.get("/partnerships/?country=KR", headers={"Accept-Language": "de"})
    german = html_of(client.get(redirected["Location"]))
    assert redirected["Location"] == "/de/partnerships/?country=KR"
    assert html_tag(german) == ("de", "ltr") and "Südkorea" in german and "대한민국" not in german
    assert html_tag(english) == ("en", "ltr") and "대한민국" not in english


def test_the_network_picture_is_cached_per_language(client):
    korean = html_of(client.get("/ko/"))
    german = html_of(client.get("/de/"))

    legend = lambda page: re.search(r'<ul class="legend".*?</ul>', page, re.S).group(0)  # noqa: E731
    assert "대한민국" in legend(korean)
    assert "Südkorea" in legend(german) and "대한민국" not in legend(german)


def test_csv_exports_keep_languages_apart(client):
    korean = client.get("/api/v1/areas/", headers={"Accept-Language": "ko"}).content.decode()
    german = client.get("/api/v1/areas/", headers={"Accept-Language": "de"}).content.decode()
    csv_de = client.get("/api/v1/agreements/?format=csv", headers={"Accept-Language": "de"})
    csv_ko = client.get("/api/v1/agreements/?format=csv", headers={"Accept-Language": "ko"})

    assert '"display_name":"종양학"' in korean.replace(" ", "") and '"display_name":"Onkologie"' in german.replace(" ", "")
    assert csv_de["Content-Language"] == "de" and csv_ko["Content-Language"] == "ko"
    assert "Accept-Language" in csv_de["Vary"]


# The translations themselves


def catalogs():
    return sorted(LOCALE.glob("*/LC_MESSAGES/django.po"))


def test_there_is_a_catalog_for_every_language_but_english():
    assert [path.parent.parent.name for path in catalogs()] == ["ar", "de", "ko", "zh_Hans"]


@pytest.mark.parametrize("path", catalogs(), ids=lambda path: path.parent.parent.name)
def test_every_message_is_translated_and_none_is_fuzzy(path):
    with path.open("rb") as po_file:
        catalog = read_po(po_file)
    placeholders = re.compile(r"%\(\w+\)[sd]")
    problems = []
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, (tuple, list)) else (message.id,)
        strings = message.string if isinstance(message.string, (tuple, list)) else (message.string,)
        if message.fuzzy or not all(strings):
            problems.append(("untranslated or fuzzy", ids[0]))
        expected = set(placeholders.findall(ids[-1])) - {"%(counter)s"}
        for string in strings:
            if string and not set(placeholders.findall(string)) >= expected:
                problems.append(("placeholders lost", ids[0], string))

    assert problems == []
    assert catalog.num_plurals == {"ar": 6, "de": 2, "ko": 1, "zh_Hans": 1}[path.parent.parent.name]


def test_the_facets_and_chips_name_institutions_for_the_reader(client):
    page = html_of(client.get("/ko/partnerships/?institution=asan-medical-center"))
    facets = client.get("/api/v1/agreements/facets/", headers={"Accept-Language": "ko"}).json()

    assert {option["value"]: option["label"] for option in facets["institution"]}["asan-medical-center"] == "서울아산병원"
    assert re.search(r'<span class="chip__name">기관:</span> <span dir="auto">서울아산병원</span>', page)


# The curators' pages and the readers' forms

CURATORS_DATETIME = {
    "ko": r"\d{4}-\d{1,2}-\d{1,2} \d\d:\d\d", "ar": r"\d\d\u200f/\d\d\u200f/\d{4} \d\d:\d\d",
    "de": r"\d\d\.\d\d\.\d{4} \d\d:\d\d", "zh-hans": r"\d{4}年\d{1,2}月\d{1,2}日 \d\d:\d\d",
}


@pytest.mark.parametrize(
    ("language", "missing", "needs_source", "drafts", "publish", "inbox", "rejected"),
    [
        ("ko", "빠진 파트너십 알리기", "큐레이터는 출처에 나온 내용만 기록합니다", "초안", "게시", "독자 제안", "반려됨(curator, "),
        ("ar", "أبلغنا عن شراكة غير مدرجة", "لا يسجّل المحرّرون إلا ما يذكره مصدر", "المسودات", "نشر", "اقتراحات القرّاء",
         "مرفوضة بواسطة curator، "),
        ("de", "Eine fehlende Partnerschaft melden", "Die Redaktion erfasst nur, was eine Quelle belegt",
         "Entwürfe", "Veröffentlichen", "Vorschläge von Lesern", "abgelehnt von curator, "),
        ("zh-hans", "报告缺失的合作", "编辑只记录来源中写明的内容", "草稿", "发布", "读者建议", "已驳回（curator，"),
    ],
)
def test_the_suggestion_forms_and_the_curators_pages_are_in_the_readers_language(
    client, language, missing, needs_source, drafts, publish, inbox, rejected,
):
    prefix = LANGUAGES[language]
    form = html_of(client.get(f"{prefix}/suggest/missing/"))
    assert h1(form) == missing
    # A report without a source is a message on the form, in the reader's language, and nothing is kept.
    refused = client.post(f"{prefix}/suggest/missing/", {"message": "Hospital A and Hospital B signed an MoU."})
    assert refused.status_code == 200
    assert needs_source in unescape(refused.content.decode())
    assert not Suggestion.objects.exists()

    client.force_login(User.objects.create_superuser("curator", password="not-used-here"))
    draft = keep_draft(text=ARTICLE, url=DRAFT["source"]["url"], proposal=DRAFT)
    listed = html_of(client.get(f"{prefix}/curation/drafts/"))
    assert h1(listed) == drafts
    # When it came in, to the minute, as the reader's language writes a date.
    shown = re.search(r'<time datetime="[^"]+">([^<]+)</time>', listed).group(1)
    assert re.fullmatch(CURATORS_DATETIME[language], shown), shown
    review = html_of(client.get(f"{prefix}/curation/drafts/{draft.pk}/"))
    assert f'value="publish">{publish}</button>' in review
    assert h1(html_of(client.get(f"{prefix}/curation/suggestions/"))) == inbox
    # Who closed a draft and when reads as one sentence in the reader's language.
    assert client.post(f"{prefix}/curation/drafts/{draft.pk}/reject/", {"reason": "-"}).status_code == 302
    assert rejected in html_of(client.get(f"{prefix}/curation/drafts/{draft.pk}/"))


@pytest.mark.parametrize(
    ("language", "candidates", "sources"),
    [
        ("ko", "후보 기사", "모니터링 출처"),
        ("ar", "المقالات المرشّحة", "المصادر المتابَعة"),
        ("de", "Artikel zur Sichtung", "Beobachtete Quellen"),
        ("zh-hans", "候选文章", "监测来源"),
    ],
)
def test_the_queue_of_candidate_articles_and_the_watched_sources_are_in_the_readers_language(
    client, language, candidates, sources,
):
    prefix = LANGUAGES[language]
    client.force_login(User.objects.create_superuser("curator", password="not-used-here"))
    assert h1(html_of(client.get(f"{prefix}/curation/candidates/"))) == candidates
    assert h1(html_of(client.get(f"{prefix}/curation/sources/"))) == sources


def test_the_list_offers_agreements_between_chosen_countries_and_an_institution_by_name_in_the_readers_language(client):
    korean = unescape(html_of(client.get("/ko/partnerships/?country=KR&country=AE")))
    german = unescape(html_of(client.get("/de/partnerships/")))

    assert "이들 국가 간 협약만 보기" in korean
    assert "Only agreements between them" not in korean
    assert '<label for="filter-institution-name">Eine Einrichtung hinzufügen: ihr Name oder Kürzel</label>' in german
