"""Another outlet's report of an agreement the directory holds: drafted as that agreement, published as one more source."""
import json
import re
from pathlib import Path

import pytest
from django.contrib.auth.models import User

from curation.models import Draft
from partnerships.models import Agreement, Source
from tests.curation.articles import ARTICLE as UNRELATED
from tests.curation.test_drafting_api import assert_documented, spec  # noqa: F401 (a fixture)
from tests.curation.test_review_pages import form_of

pytestmark = pytest.mark.django_db

REPORTS = Path(__file__).parent / "articles" / "second_reports"
# Emirates Health Services and Asan Medical Center at Arab Health 2024: curated as ehs-amc-mou-2024.
ARAB_HEALTH = (REPORTS / "gulf_ehs_asan_arab_health.txt").read_text(encoding="utf-8")
# The three hospitals' big-data agreement of 20 September 2017, reported as signed on the 21st.
BIG_DATA = (REPORTS / "seoul_three_hospitals_big_data.txt").read_text(encoding="utf-8")
# The same two parties, three years after the curated signing: another agreement.
LATER = (REPORTS / "gulf_ehs_asan_renewal_2027.txt").read_text(encoding="utf-8")


@pytest.fixture
def curator(client):
    user = User.objects.create_superuser("carla", password="not-used-here")
    client.force_login(user)
    return user


def drafted(client, text, url):
    """Paste the article on the curators' page; return the review page's address and the page."""
    response = client.post("/curation/drafts/new/", {"text": text, "url": url})
    assert response.status_code == 302
    return response["Location"], client.get(response["Location"])


def publish(client, address, page, **changes):
    return client.post(address, {**form_of(page), "source-publisher": "Gulf Health Weekly", "action": "publish", **changes})


def section(text, start, end):
    return text[text.index(start):text.index(end)]


def words(html):
    """The text a reader sees, without tags, white space single."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html)).strip()


def cells(html):
    return [words(cell) for cell in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", html, re.DOTALL)]


def test_a_second_report_drafts_with_the_agreement_the_directory_holds(client, spec):  # noqa: F811
    curator = User.objects.create_user("curator", password="pw", is_staff=True)
    client.force_login(curator)

    response = client.post("/api/v1/drafts/", json.dumps({"text": ARAB_HEALTH}), content_type="application/json")

    assert response.status_code == 200
    assert_documented(spec, response)
    [agreement] = response.json()["agreements"]
    assert agreement["existing_agreement"] == {
        "slug": "ehs-amc-mou-2024",
        "title": "Emirates Health Services – Asan Medical Center memorandum of understanding",
        "url": "/partnerships/ehs-amc-mou-2024/",
        # "Arab Health in Dubai" is the recorded place in fewer words; the date is the recorded one.
        "differences": [],
    }


@pytest.mark.parametrize("text", [UNRELATED, LATER], ids=["other parties", "same parties, three years on"])
def test_an_article_of_another_agreement_has_no_existing_agreement(client, curator, text):
    response = client.post("/api/v1/drafts/", json.dumps({"text": text}), content_type="application/json")

    assert [agreement["existing_agreement"] for agreement in response.json()["agreements"]] == [None]


def test_publishing_a_second_report_adds_it_as_a_source_of_the_agreement(client, curator):
    agreements, sources = Agreement.objects.count(), Agreement.objects.get(slug="ehs-amc-mou-2024").sources.count()
    address, page = drafted(client, ARAB_HEALTH, "https://gulfhealth.example/2024/01/ehs-asan")
    text = page.content.decode()
    assert "Already in the directory:" in text
    assert '<a href="/partnerships/ehs-amc-mou-2024/" dir="auto">Emirates Health Services – Asan Medical Center memorandum of understanding</a>' in text
    assert "publishing adds this article as a source" in text

    response = publish(client, address, page)

    assert response.status_code == 302 and response["Location"] == "/partnerships/ehs-amc-mou-2024/"
    assert Agreement.objects.count() == agreements
    agreement = Agreement.objects.get(slug="ehs-amc-mou-2024")
    assert agreement.sources.count() == sources + 1
    assert (str(agreement.signed_on), agreement.kind, agreement.place) == (
        "2024-01-29", "mou", "Dubai World Trade Centre, Dubai (Arab Health 2024)",
    )
    assert list(Draft.objects.get().agreements.all()) == [agreement]
    public = client.get(response["Location"]).content.decode()
    [new_source] = [item for item in public.split('<li class="source"') if "Gulf Health Weekly · " in words(item)]
    # The article is listed with what it states: the parties, the date and the focus areas it names.
    assert "Emirates Health Services and Asan Medical Center sign transplant cooperation pact at Arab Health" in public
    assert "signed a memorandum of understanding on January 29, 2024 at Arab Health in Dubai" in new_source
    assert "Under the agreement, the two institutions will train Emirati doctors and nurses" in new_source
    # No difference, so nothing new where the sources differ: the curated date disagreement stays as it was.
    assert cells(section(public, 'id="disagreements-heading"', 'id="sources-heading"')).count("Gulf Health Weekly") == 0


def test_a_different_date_is_shown_on_the_review_page_and_where_the_sources_differ(client, curator):
    address, page = drafted(client, BIG_DATA, "https://seoulhealth.example/2017/09/big-data")
    notice = section(page.content.decode(), 'class="notice existing-agreement"', "Publish it as a new agreement instead")
    assert cells(notice) == ["Fact", "Recorded", "This article", "Date signed", "2017-09-20", "2017-09-21"]

    response = publish(client, address, page, **{"source-publisher": "Seoul Health Daily"})

    assert response["Location"] == "/partnerships/snuh-amc-snubh-medical-data-2017/"
    public = client.get(response["Location"]).content.decode()
    differ = section(public, 'id="disagreements-heading"', 'id="sources-heading"')
    assert "Where the sources differ" in differ
    assert "Date signed — recorded as 20 September 2017" in words(differ)
    rows = [cells(row) for row in differ.split("<tr>")[2:]]
    # The two curated sources' value, with their evidence, then the new article's.
    assert [row[:2] for row in rows[:2]] == [["[1] Korea Biomedical Review", "20 September 2017"],
                                               ["[4] Viva100", "20 September 2017"]]
    assert rows[2][1] == "21 September 2017"
    assert rows[2][0].endswith("Seoul Health Daily")
    assert "signed an agreement on September 21, 2017" in rows[2][2]
    assert client.get("/api/v1/agreements/snuh-amc-snubh-medical-data-2017/").json()["signed_on"] == "2017-09-20"


def test_a_kind_the_models_cannot_hold_as_a_disagreement_is_named_on_publishing(client, curator):
    text = ARAB_HEALTH.replace("memorandum of understanding on January 29", "letter of intent on January 30")
    address, page = drafted(client, text, "https://gulfhealth.example/2024/01/ehs-asan-loi")
    notice = cells(section(page.content.decode(), 'class="notice existing-agreement"', "Publish it as a new agreement instead"))
    assert notice[3:] == ["Date signed", "2024-01-29", "2024-01-30",
                          "Kind", "Memorandum of understanding", "Letter of intent"]

    public = client.get(publish(client, address, page)["Location"]).content.decode()

    assert "Kind: recorded Memorandum of understanding, this article Letter of intent" in public
    # The date joins the curated disagreement on the date, as one more source's value.
    rows = [cells(row) for row in section(public, 'id="disagreements-heading"', 'id="sources-heading"').split("<tr>")[2:]]
    assert rows[-1][1] == "30 January 2024" and rows[-1][0].endswith("Gulf Health Weekly")
    assert Agreement.objects.get(slug="ehs-amc-mou-2024").kind == "mou"


def test_ticking_publish_as_new_creates_another_agreement(client, curator):
    agreements = Agreement.objects.count()
    address, page = drafted(client, ARAB_HEALTH, "https://gulfhealth.example/2024/01/ehs-asan")

    response = publish(client, address, page, **{"a0-as_new": "on", "a0-title": "EHS – Asan transplant MoU (second record)"})

    created = Agreement.objects.get(title="EHS – Asan transplant MoU (second record)")
    assert response["Location"] == f"/partnerships/{created.slug}/"
    assert Agreement.objects.count() == agreements + 1
    assert not Agreement.objects.get(slug="ehs-amc-mou-2024").sources.filter(publisher="Gulf Health Weekly").exists()
    assert Draft.objects.get().proposal["agreements"][0]["existing_agreement"] is None


def test_a_refused_publication_adds_nothing_to_the_agreement(client, curator):
    sources = Source.objects.count()
    address, page = drafted(client, BIG_DATA, "https://seoulhealth.example/2017/09/big-data")

    # A new party whose parent is not in the directory is refused after the source and the other parties were written.
    response = publish(client, address, page, **{
        "a0-p3-name": "Seoul Medical Data Institute", "a0-p3-country": "KR", "a0-p3-kind": "research_institute",
        "a0-p3-parent": "No Such Parent", "a0-p3-quote": "",
    })

    assert response.status_code == 200 and "Not published" in response.content.decode()
    agreement = Agreement.objects.get(slug="snuh-amc-snubh-medical-data-2017")
    assert (Source.objects.count(), agreement.disagreements.count()) == (sources, 0)
    assert Draft.objects.get().status == "open"


def test_drafting_a_second_report_costs_one_query_for_the_known_agreement(client, curator, django_assert_max_num_queries):
    client.post("/api/v1/drafts/", json.dumps({"text": UNRELATED}), content_type="application/json")

    # Session and user, the institutions and their other names, the areas, the agreements of the
    # drafted parties, keeping the draft: the same for a directory of any size.
    with django_assert_max_num_queries(7):
        response = client.post("/api/v1/drafts/", json.dumps({"text": BIG_DATA}), content_type="application/json")

    assert response.json()["agreements"][0]["existing_agreement"]["slug"] == "snuh-amc-snubh-medical-data-2017"


def test_saved_corrections_work_the_differences_out_again(client, curator):
    address, page = drafted(client, BIG_DATA, "https://seoulhealth.example/2017/09/big-data")

    client.post(address, {**form_of(page), "a0-signed_on": "2017-09-20", "action": "save"})

    text = client.get(address).content.decode()
    assert "Already in the directory:" in text
    assert "The article gives no date, kind, place or party otherwise than the record." in text
