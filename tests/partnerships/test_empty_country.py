"""A country the directory holds nothing of yet is a page that says so, not a 404; an unknown code is a 404."""
import pytest

from tests.factories import InstitutionFactory

pytestmark = pytest.mark.django_db


def test_a_country_without_institutions_shows_an_empty_state(client):
    response = client.get("/countries/FR/")

    assert response.status_code == 200
    text = response.content.decode()
    assert "<h1>France</h1>" in text
    assert "The directory holds no institution in France yet." in text
    assert "0 agreements with a party here" in text


def test_a_country_whose_institutions_have_no_agreement_says_so_and_links_them(client):
    InstitutionFactory(name="Hôpital de la Loire", slug="hopital-de-la-loire", country="FR")

    text = client.get("/countries/FR/").content.decode()

    assert "None of them is party to an agreement yet." in text
    assert "/institutions/?country=FR" in text


def test_a_code_that_names_no_country_is_still_a_404(client):
    assert client.get("/countries/ZZ/").status_code == 404
