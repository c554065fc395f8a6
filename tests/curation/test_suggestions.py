"""Readers' corrections and reports: anonymous, limited per address, kept for curators and shown to them escaped."""
import pytest
from django.contrib.auth.models import User

from curation.models import Draft, Suggestion
from partnerships.models import Agreement
from tests.curation.articles import ARTICLE

pytestmark = pytest.mark.django_db

AGREEMENT = "ehs-amc-mou-2024"
HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def send(client, address, **fields):
    """Post the form; upper-case keywords are the request's headers and address."""
    headers = {key: value for key, value in fields.items() if key.isupper()}
    data = {key: value for key, value in fields.items() if not key.isupper()}
    return client.post(address, {"message": "The date is wrong.", "source_url": "https://example.org/news", **data}, **headers)


@pytest.fixture
def curator(client):
    return User.objects.create_superuser("carla", password="not-used-here")


def test_every_agreement_and_institution_page_links_to_its_form_and_the_list_to_report_one(client):
    assert f'href="/suggest/partnerships/{AGREEMENT}/"' in client.get(f"/partnerships/{AGREEMENT}/").content.decode()
    assert 'href="/suggest/institutions/charite/"' in client.get("/institutions/charite/").content.decode()
    assert 'href="/suggest/missing/"' in client.get("/partnerships/").content.decode()


def test_a_correction_is_kept_with_its_record_and_the_reader_thanked(client):
    page = client.get(f"/suggest/partnerships/{AGREEMENT}/")
    assert page.status_code == 200 and "What is wrong?" in page.content.decode()

    response = send(client, f"/suggest/partnerships/{AGREEMENT}/", email="reader@example.org", REMOTE_ADDR="192.0.2.7")

    assert response.status_code == 302 and response["Location"] == f"/suggest/thanks/?about=agreement&slug={AGREEMENT}"
    suggestion = Suggestion.objects.get()
    assert (suggestion.kind, suggestion.agreement.slug, suggestion.email, suggestion.client_address, suggestion.status) == (
        "correction", AGREEMENT, "reader@example.org", "192.0.2.7", "open",
    )
    assert "Thank you" in client.get("/suggest/thanks/").content.decode()


def test_a_missing_partnership_needs_a_source(client):
    page = client.post("/suggest/missing/", {"message": "Charité and Tsinghua signed an MoU."})
    assert page.status_code == 200
    assert "Give the address of a source, or paste its text" in page.content.decode()
    assert not Suggestion.objects.exists()

    send(client, "/suggest/missing/", source_url="", source_text=ARTICLE)
    assert Suggestion.objects.get().kind == "missing"


def test_an_unknown_record_is_a_404(client):
    assert client.get("/suggest/partnerships/no-such-agreement/").status_code == 404
    assert send(client, "/suggest/institutions/no-such-hospital/").status_code == 404


def test_a_filled_honeypot_is_thanked_and_kept_by_no_one(client):
    response = send(client, "/suggest/missing/", website="http://spam.example")
    assert response.status_code == 302 and response["Location"] == "/suggest/thanks/"
    assert not Suggestion.objects.exists()


@pytest.mark.parametrize("fields, named", [
    ({"message": "x" * 5001}, "message"),
    ({"source_text": "x" * 50001}, "source_text"),
    ({"email": "not an address"}, "email"),
    ({"source_url": "javascript:alert(1)"}, "source_url"),
    ({"message": "a\x00b"}, "message"),
])
def test_bad_or_oversized_fields_are_messages_on_the_form(client, fields, named):
    page = send(client, "/suggest/missing/", **fields)
    assert page.status_code == 200
    assert named in page.context["form"].errors
    assert not Suggestion.objects.exists()


def test_the_form_needs_its_csrf_token(client):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    assert send(strict, "/suggest/missing/").status_code == 403
    assert not Suggestion.objects.exists()


def test_too_many_from_one_address_is_a_429_page(client, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {
        **settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "suggestions": "2/hour"}}
    for _ in range(2):
        assert send(client, "/suggest/missing/", REMOTE_ADDR="198.51.100.1").status_code == 302

    refused = send(client, "/suggest/missing/", REMOTE_ADDR="198.51.100.1")

    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    assert "Too many messages from this address" in refused.content.decode()
    assert Suggestion.objects.count() == 2
    # Another address is not held back.
    assert send(client, "/suggest/missing/", REMOTE_ADDR="198.51.100.2").status_code == 302


def test_behind_a_proxy_the_forwarded_address_is_counted(client, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1, "DEFAULT_THROTTLE_RATES": {
        **settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "suggestions": "1/hour"}}
    from rest_framework.settings import api_settings

    api_settings.reload()
    try:
        assert send(client, "/suggest/missing/", HTTP_X_FORWARDED_FOR="203.0.113.9").status_code == 302
        assert send(client, "/suggest/missing/", HTTP_X_FORWARDED_FOR="203.0.113.9").status_code == 429
        assert send(client, "/suggest/missing/", HTTP_X_FORWARDED_FOR="203.0.113.10").status_code == 302
        assert Suggestion.objects.get(client_address="203.0.113.9")
    finally:
        api_settings.reload()


def test_curators_see_the_suggestion_escaped_and_readers_never_do(client, curator):
    send(client, f"/suggest/partnerships/{AGREEMENT}/", message=HOSTILE, source_text=HOSTILE)
    suggestion = Suggestion.objects.get()

    for address in [f"/partnerships/{AGREEMENT}/", "/partnerships/", "/api/v1/agreements/"]:
        assert "alert" not in client.get(address).content.decode()
    assert client.get(f"/curation/suggestions/{suggestion.pk}/").status_code == 302

    client.force_login(curator)
    for address in ["/curation/suggestions/", f"/curation/suggestions/{suggestion.pk}/"]:
        html = client.get(address).content.decode()
        assert "<script>alert" not in html and "<img src=x" not in html
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html


def test_a_curator_closes_a_suggestion_with_a_reason(client, curator):
    send(client, "/suggest/missing/")
    suggestion = Suggestion.objects.get()
    client.force_login(curator)

    page = client.post(f"/curation/suggestions/{suggestion.pk}/", {"status": "declined"})
    assert page.status_code == 200 and "This field is required" in page.content.decode()

    response = client.post(f"/curation/suggestions/{suggestion.pk}/", {"status": "declined", "reason": "No source states it."})

    assert response.status_code == 302
    suggestion.refresh_from_db()
    assert (suggestion.status, suggestion.reason, suggestion.closed_by) == ("declined", "No source states it.", curator)
    assert f"#{suggestion.pk} Missing" not in client.get("/curation/suggestions/").content.decode()
    assert f"#{suggestion.pk} Missing" in client.get("/curation/suggestions/?status=declined").content.decode()


def test_a_suggestion_with_only_an_address_asks_the_curator_for_the_article(client, curator):
    send(client, "/suggest/missing/")
    suggestion = Suggestion.objects.get()
    client.force_login(curator)

    response = client.post(f"/curation/suggestions/{suggestion.pk}/draft/")

    assert response.status_code == 302 and response["Location"] == f"/curation/drafts/new/?suggestion={suggestion.pk}"
    page = client.get(response["Location"]).content.decode()
    assert "gives only an address" in page and 'value="https://example.org/news"' in page
    assert not Draft.objects.exists()


def test_the_inbox_is_bounded_in_queries(client, curator, django_assert_max_num_queries):
    for number in range(5):
        send(client, f"/suggest/partnerships/{AGREEMENT}/", message=f"Message {number}")
        send(client, "/suggest/institutions/charite/", message=f"Message {number}")
    client.force_login(curator)
    # Session, user, count, suggestions with their records.
    with django_assert_max_num_queries(5):
        page = client.get("/curation/suggestions/")
    assert page.content.decode().count("Message ") == 10
