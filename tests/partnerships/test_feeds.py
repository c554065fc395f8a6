"""Atom feeds of any filtered list, read as a feed reader reads them: as XML."""
import datetime
import xml.etree.ElementTree as ET

import pytest
from django.contrib.auth.models import Permission, User
from rest_framework.authtoken.models import Token

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
EHS_AMC = "ehs-amc-mou-2024"
CHARITE_SCCC = "charite-sccc-mou-2023"


def feed(client, query=""):
    response = client.get(f"/partnerships/feed/?{query}")
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("application/atom+xml")
    return ET.fromstring(response.content)


def entries(root):
    return {
        entry.find(f"{ATOM}link").get("href").rstrip("/").rsplit("/", 1)[1]: entry
        for entry in root.findall(f"{ATOM}entry")
    }


def test_feed_takes_the_lists_filters(client):
    root = feed(client, "country=KR&area=oncology")

    # Oncology counts its narrower areas: gastrointestinal cancer is one.
    assert sorted(entries(root)) == ["cedars-sinai-snuh-inthesmart-mou-2019", CHARITE_SCCC]
    assert root.find(f"{ATOM}title").text == (
        "Hospital Partnerships Directory: agreements (Country of a party: South Korea; Focus area: Oncology)"
    )
    links = {link.get("rel"): link.get("href") for link in root.findall(f"{ATOM}link")}
    assert links == {
        "alternate": "http://testserver/partnerships/?country=KR&area=oncology",
        "self": "http://testserver/partnerships/feed/?country=KR&area=oncology",
    }


def test_feed_without_filters_lists_every_agreement_up_to_twenty(client):
    assert len(entries(feed(client))) == 6


def test_feed_with_dates_in_force_and_a_search(client):
    assert sorted(entries(feed(client, "as_of=2020-01-01&country=KR"))) == [
        "cedars-sinai-snuh-inthesmart-mou-2019", "snuh-amc-snubh-medical-data-2017",
    ]
    assert sorted(entries(feed(client, "q=asan"))) == [EHS_AMC, "snuh-amc-snubh-medical-data-2017"]


def test_feed_ignores_how_a_list_is_shown(client):
    assert sorted(entries(feed(client, "country=AE&page=3&ordering=title"))) == [EHS_AMC]


@pytest.mark.parametrize("query, parameter", [
    ("country=XX", "country"), ("area=no-such-area", "area"), ("as_of=2020-02-31", "as_of"),
    ("signed_after=2024-01-01&signed_before=2020-01-01", "signed_after"),
])
def test_feed_refuses_a_bad_filter_by_name(client, query, parameter):
    response = client.get(f"/partnerships/feed/?{query}")

    assert response.status_code == 400
    assert list(response.json()) == [parameter]


def test_feed_entry_updated_changes_when_the_record_changes(client):
    before = entries(feed(client, "country=AE"))[EHS_AMC].find(f"{ATOM}updated").text
    curator = User.objects.create_user("feed-curator")
    curator.user_permissions.add(Permission.objects.get(codename="change_agreement"))
    token = Token.objects.create(user=curator)

    response = client.patch(
        f"/api/v1/agreements/{EHS_AMC}/", {"place": "Dubai"}, content_type="application/json",
        HTTP_AUTHORIZATION=f"Token {token.key}",
    )
    assert response.status_code == 200
    root = feed(client, "country=AE")
    entry = entries(root)[EHS_AMC]
    after = entry.find(f"{ATOM}updated").text

    assert datetime.datetime.fromisoformat(after) > datetime.datetime.fromisoformat(before)
    assert root.find(f"{ATOM}updated").text == after
    # The most recently changed agreement comes first.
    assert entries(feed(client)).popitem()[0] != EHS_AMC
    assert next(iter(entries(feed(client)))) == EHS_AMC


def test_feed_entry_shows_its_status_and_focus_areas(client):
    entry = entries(feed(client, "country=AE"))[EHS_AMC]

    assert entry.find(f"{ATOM}summary").text.startswith("29 January 2024. In force or under way. Emirates Health Services")
    areas = [area["name"] for area in client.get(f"/api/v1/agreements/{EHS_AMC}/").json()["areas"]]
    assert [category.get("term") for category in entry.findall(f"{ATOM}category")] == areas != []


def test_list_page_advertises_the_feed_of_its_filters(client):
    text = client.get("/partnerships/?country=KR&area=oncology&page=1").text

    assert (
        '<link rel="alternate" type="application/atom+xml" title="These agreements" '
        'href="/partnerships/feed/?country=KR&amp;area=oncology">'
    ) in text
    assert '<a href="/partnerships/feed/?country=KR&amp;area=oncology" type="application/atom+xml">' in text
    assert text.count('rel="alternate" type="application/atom+xml"') == 1


def test_other_pages_advertise_the_feed_of_the_newest_agreements(client):
    text = client.get("/partnerships/ehs-amc-mou-2024/").text

    assert 'type="application/atom+xml" title="Newest agreements" href="/partnerships/feed/"' in text
