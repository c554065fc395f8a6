"""The list page's filters as the API has them: institution and status, the data links and count at
the top, and two ticked countries said to mean "either", with the way to "between"."""
import re

import pytest

from partnerships.models import Agreement

pytestmark = pytest.mark.django_db


def listed(response):
    return {agreement.slug for agreement in response.context["object_list"]}


@pytest.mark.parametrize("name", ["SNUH", "서울대병원", "Seoul National University Hospital"])
def test_an_institution_added_by_any_of_its_names_filters_the_list(client, name):
    response = client.get("/partnerships/", {"institution_name": name, "kind": "mou"})
    assert response.status_code == 302
    assert response["Location"] == "/partnerships/?kind=mou&institution=seoul-national-university-hospital"
    page = client.get(response["Location"])
    expected = set(Agreement.objects.filter(
        parties__institution__slug="seoul-national-university-hospital", kind="mou").values_list("slug", flat=True))
    assert expected and listed(page) == expected
    # The institution stays in the sidebar as a ticked box, to untick.
    assert re.search(r'name="institution" value="seoul-national-university-hospital" checked>\s*'
                     r'<label for="institution-seoul-national-university-hospital"><span dir="auto">Seoul National University Hospital</span>',
                     page.text)


def test_an_institution_the_directory_cannot_tell_is_a_message_not_a_guess(client):
    response = client.get("/partnerships/", {"institution_name": "Hospital of Nowhere In Particular"})
    assert response.status_code == 200
    assert "No institution of the directory is clearly “Hospital of Nowhere In Particular”" in response.text
    # An empty name adds nothing and leaves the other filters as they were.
    assert client.get("/partnerships/", {"institution_name": " ", "kind": "mou"})["Location"] == "/partnerships/?kind=mou"


def test_the_status_filter_is_in_the_sidebar_and_ticks_what_is_chosen(client):
    page = client.get("/partnerships/", {"status": "in_force"})
    for value in ("reported", "signed", "in_force", "expired", "ended"):
        assert f'name="status" value="{value}"' in page.text
    assert 'name="status" value="in_force" checked' in page.text and 'name="status" value="expired" checked' not in page.text
    # Not also sent as a hidden field: the box is the one way the value goes back.
    assert page.text.count('name="status" value="in_force"') == 1
    assert listed(page) == set(Agreement.objects.with_status(["in_force"]).values_list("slug", flat=True))


def test_the_count_and_the_data_links_come_before_the_first_agreement(client):
    text = client.get("/partnerships/", {"kind": "mou"}).text
    first_card = text.index('class="card')
    for link in ('href="/api/v1/agreements/?kind=mou"', 'href="/api/v1/agreements/?kind=mou&amp;format=csv"',
                 'href="/partnerships/feed/?kind=mou"'):
        assert link in text and text.index(link) < first_card, link
    assert text.index('class="results__count"') < first_card


def test_two_countries_ticked_say_either_and_link_to_between(client):
    page = client.get("/partnerships/", {"country": ["KR", "AE"]})
    assert "Agreements with a party in any of these countries: South Korea, United Arab Emirates." in page.text
    link = re.search(r'<a href="\?([^"]+)">Only agreements between them</a>', page.text).group(1).replace("&amp;", "&")
    assert link == "between=KR%2CAE"
    between = client.get(f"/partnerships/?{link}")
    assert listed(between) and listed(between) < listed(page)
    for agreement in Agreement.objects.filter(slug__in=listed(between)):
        assert {"KR", "AE"} <= {party.institution.country for party in agreement.parties.all()}
    assert "any of these countries" not in client.get("/partnerships/", {"country": "KR"}).text
