import pytest
from django.contrib.auth.models import Permission, User
from django.urls import reverse
from rest_framework.authtoken.models import Token

from institutions.models import Institution
from partnerships.models import Agreement, AgreementParty

pytestmark = pytest.mark.django_db

EHS_AMC = "ehs-amc-mou-2024"


def curator(username, *codenames):
    user = User.objects.create_user(username, password="not-used-here")
    user.user_permissions.set(Permission.objects.filter(codename__in=codenames))
    return user


def token_header(user):
    return {"HTTP_AUTHORIZATION": f"Token {Token.objects.create(user=user).key}"}


def changed_fields(record):
    return {change.field for change in record.diff_against(record.prev_record).changes}


def test_curated_rows_start_their_history_at_loading():
    agreement = Agreement.objects.get(slug=EHS_AMC)
    assert [(record.history_type, record.history_user, record.history_change_reason) for record in agreement.history.all()] == [
        ("+", None, "Loaded from the curated data")
    ]


def test_api_change_records_the_user_and_the_changed_fields(client):
    alice = curator("alice", "change_agreement")
    agreement = Agreement.objects.get(slug=EHS_AMC)
    parties = [{"institution": party.institution.slug, "role": party.role} for party in agreement.parties.all()]

    response = client.patch(
        f"/api/v1/agreements/{EHS_AMC}/",
        {"title": "A new title", "place": "Dubai", "parties": parties[:1] + [{"institution": "charite", "role": "party"}]},
        content_type="application/json", **token_header(alice),
    )

    assert response.status_code == 200
    latest = agreement.history.latest()
    assert (latest.history_type, latest.history_user) == ("~", alice)
    assert changed_fields(latest) == {"title", "place"}
    new_party = AgreementParty.history.get(agreement_id=agreement.pk, institution__slug="charite")
    assert (new_party.history_type, new_party.history_user) == ("+", alice)
    # A list given replaces the old one: both old party rows are deleted, by alice.
    removed = AgreementParty.history.filter(agreement_id=agreement.pk, history_type="-")
    assert [record.history_user for record in removed] == [alice, alice]


def test_api_change_of_an_institution_records_its_other_names(client):
    bob = curator("bob", "change_institution")

    response = client.patch(
        "/api/v1/institutions/charite/",
        {"city": "Berlin-Mitte", "other_names": [{"name": "Charité Berlin", "kind": "alternative"}]},
        content_type="application/json", **token_header(bob),
    )

    assert response.status_code == 200
    institution = Institution.objects.get(slug="charite")
    latest = institution.history.latest()
    assert latest.history_user == bob
    assert changed_fields(latest) == {"city"}
    added = institution.other_names.model.history.get(name="Charité Berlin")
    assert (added.history_type, added.history_user) == ("+", bob)


def test_admin_change_records_the_user_and_the_changed_fields(admin_client, admin_user):
    institution = Institution.objects.get(slug="charite")
    page = admin_client.get(reverse("admin:institutions_institution_change", args=[institution.pk]))
    data = form_data(page.context["adminform"].form, page.context["inline_admin_formsets"])
    data["description"] = "A university hospital in Berlin."

    response = admin_client.post(reverse("admin:institutions_institution_change", args=[institution.pk]), data)

    assert response.status_code == 302
    latest = institution.history.latest()
    assert (latest.history_type, latest.history_user) == ("~", admin_user)
    assert changed_fields(latest) == {"description"}


def test_admin_history_page_shows_who_changed_what(admin_client, admin_user):
    agreement = Agreement.objects.get(slug=EHS_AMC)
    agreement._history_user = admin_user
    agreement.place = "Abu Dhabi"
    agreement.save()

    response = admin_client.get(reverse("admin:partnerships_agreement_history", args=[agreement.pk]))

    assert response.status_code == 200
    page = response.content.decode()
    assert admin_user.username in page
    assert "Abu Dhabi" in page


@pytest.mark.parametrize(("url", "api"), [
    (f"/partnerships/{EHS_AMC}/", f"/api/v1/agreements/{EHS_AMC}/"),
    ("/institutions/charite/", "/api/v1/institutions/charite/"),
])
def test_last_updated_shows_on_the_page_and_in_the_api(client, url, api):
    assert client.get(api).json()["updated_at"] is None
    assert "Last updated" not in client.get(url).content.decode()

    record = Agreement.objects.get(slug=EHS_AMC) if "agreements" in api else Institution.objects.get(slug="charite")
    record.save()

    assert client.get(api).json()["updated_at"] == record.updated_at.isoformat().replace("+00:00", "Z")
    page = client.get(url).content.decode()
    assert "Last updated" in page
    assert f'datetime="{record.updated_at.isoformat()}"' in page


def test_last_updated_is_in_every_api_list_row(client):
    assert all("updated_at" in row for row in client.get("/api/v1/agreements/").json()["results"])
    assert all("updated_at" in row for row in client.get("/api/v1/institutions/").json()["results"])


def form_data(form, inline_formsets):
    """Return the POST data of a rendered admin change form, as a browser would send it unchanged."""
    data = {}
    for bound in form:
        value = bound.value()
        if value is not None:
            data[bound.html_name] = value
    for inline in inline_formsets:
        formset = inline.formset
        management = formset.management_form
        for bound in management:
            data[bound.html_name] = bound.value()
        for subform in formset.forms:
            for bound in subform:
                value = bound.value()
                if value is not None and value is not False:
                    data[bound.html_name] = value
    return data


def test_admin_history_page_lists_the_changes_of_rows_edited_with_the_record(admin_client, admin_user):
    agreement = Agreement.objects.get(slug=EHS_AMC)
    party = agreement.parties.first()
    party._history_user = admin_user
    party.role = AgreementParty.Role.TECHNOLOGY_PARTNER
    party.save()

    response = admin_client.get(reverse("admin:partnerships_agreement_history", args=[agreement.pk]))

    assert response.status_code == 200
    page = response.content.decode()
    assert "Party: " in page
    assert "<strong>role:</strong> party &rarr; technology_partner" in page


def test_admin_institution_history_lists_its_other_names(admin_client, admin_user):
    institution = Institution.objects.get(slug="charite")
    other = institution.other_names.model(institution=institution, name="Charité Berlin", kind="alternative")
    other._history_user = admin_user
    other.save()

    response = admin_client.get(reverse("admin:institutions_institution_history", args=[institution.pk]))

    assert response.status_code == 200
    assert "Other name: Charité Berlin" in response.content.decode()
