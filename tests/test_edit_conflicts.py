import threading

import pytest
from django.contrib.auth.models import Permission, User
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.urls import reverse
from rest_framework.authtoken.models import Token

from institutions.models import Institution
from partnerships.models import Agreement
from tests.test_history import form_data

EHS_AMC = "ehs-amc-mou-2024"
RECORDS = [f"/api/v1/agreements/{EHS_AMC}/", "/api/v1/institutions/charite/"]


def curator(username):
    user = User.objects.create_user(username, password="not-used-here")
    user.user_permissions.set(Permission.objects.filter(codename__in=["change_agreement", "change_institution", "delete_institution"]))
    return {"HTTP_AUTHORIZATION": f"Token {Token.objects.create(user=user).key}"}


def patch(client, url, body, **headers):
    return client.patch(url, body, content_type="application/json", **headers)


@pytest.mark.django_db
@pytest.mark.parametrize("url", RECORDS)
def test_single_record_has_a_strong_etag_and_answers_304_while_unchanged(client, url):
    response = client.get(url)
    etag = response["ETag"]
    assert etag.startswith('"') and not etag.startswith("W/")

    not_modified = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert (not_modified.status_code, not_modified["ETag"], not_modified.content) == (304, etag, b"")
    assert client.get(url, HTTP_IF_NONE_MATCH='"something-else"').status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("url", RECORDS)
def test_second_of_two_api_editors_gets_412_and_the_first_change_is_kept(client, url):
    alice, bob = curator("alice"), curator("bob")
    etag = client.get(url)["ETag"]

    first = patch(client, url, {"summary" if "agreements" in url else "city": "Alice's"}, HTTP_IF_MATCH=etag, **alice)
    second = patch(client, url, {"summary" if "agreements" in url else "city": "Bob's"}, HTTP_IF_MATCH=etag, **bob)

    assert first.status_code == 200
    assert first["ETag"] != etag
    assert second.status_code == 412
    assert "changed after you read it" in second.json()["detail"]
    current = client.get(url)
    assert current.json()["summary" if "agreements" in url else "city"] == "Alice's"
    assert current["ETag"] == first["ETag"]
    # Bob fetches again and his change, made on the new copy, goes through.
    assert patch(client, url, {"place" if "agreements" in url else "city": "Bob's"},
                 HTTP_IF_MATCH=current["ETag"], **bob).status_code == 200


@pytest.mark.django_db
def test_a_partner_renamed_elsewhere_changes_the_agreements_etag(client):
    url = f"/api/v1/agreements/{EHS_AMC}/"
    etag = client.get(url)["ETag"]
    party = Agreement.objects.get(slug=EHS_AMC).parties.first().institution
    party.name = "A renamed hospital"
    party.save()

    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 200
    assert patch(client, url, {"place": "x"}, HTTP_IF_MATCH=etag, **curator("carol")).status_code == 412


@pytest.mark.django_db
def test_writes_without_if_match_proceed_and_delete_honours_it(client):
    headers = curator("dave")
    url = "/api/v1/institutions/charite/"
    stale = client.get(url)["ETag"]
    assert patch(client, url, {"city": "Berlin"}, **headers).status_code == 200

    assert client.delete(url, HTTP_IF_MATCH=stale, **headers).status_code == 412
    assert Institution.objects.filter(slug="charite").exists()


@pytest.mark.django_db
@pytest.mark.parametrize("model", [Agreement, Institution])
def test_admin_refuses_to_save_over_a_concurrent_edit(admin_client, model):
    record = model.objects.order_by("pk").first()
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[record.pk])
    text_field = "summary" if model is Agreement else "description"
    first_load, second_load = admin_client.get(url), admin_client.get(url)
    first = form_data(first_load.context["adminform"].form, first_load.context["inline_admin_formsets"])
    second = form_data(second_load.context["adminform"].form, second_load.context["inline_admin_formsets"])

    assert admin_client.post(url, {**first, text_field: "The first editor's text."}).status_code == 302
    refused = admin_client.post(url, {**second, text_field: "The second editor's text."})

    assert refused.status_code == 200
    assert "changed this record while you edited it" in refused.content.decode()
    record.refresh_from_db()
    assert getattr(record, text_field) == "The first editor's text."


@pytest.fixture
def curated_data_reloaded_afterwards(django_db_blocker):
    """Load the curated directory again after a transactional test's flush has emptied the database."""
    yield
    with django_db_blocker.unblock():
        call_command("load_curated", verbosity=0)


# Asked for in this order, the reload runs after transactional_db's flush, for the tests that follow.
def test_two_api_editors_racing_on_postgresql_cannot_both_win(curated_data_reloaded_afterwards, transactional_db):
    if connection.vendor != "postgresql":
        pytest.skip("needs row locks: SQLite has none (it lets one writer into the whole database at a time)")
    headers = [curator("erin"), curator("frank")]
    url = f"/api/v1/agreements/{EHS_AMC}/"
    etag = Client().get(url)["ETag"]
    barrier = threading.Barrier(2)
    statuses = {}

    def edit(index):
        try:
            barrier.wait()
            response = patch(Client(), url, {"summary": f"Editor {index}"}, HTTP_IF_MATCH=etag, **headers[index])
            statuses[index] = response.status_code
        finally:
            connection.close()

    threads = [threading.Thread(target=edit, args=(index,)) for index in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(statuses.values()) == [200, 412]
    winner = next(index for index, status in statuses.items() if status == 200)
    assert Agreement.objects.get(slug=EHS_AMC).summary == f"Editor {winner}"
