"""The curators' review page: a draft beside its article, corrected field by field, then published or rejected."""
import re

import pytest
from django.contrib.auth.models import User

from curation.models import Draft
from curation.services import keep_draft
from partnerships.models import Agreement
from tests.curation.articles import ARTICLE, DRAFT, draft

pytestmark = pytest.mark.django_db

TITLE = DRAFT["agreements"][0]["title"]


@pytest.fixture
def curator(client):
    user = User.objects.create_superuser("carla", password="not-used-here")
    client.force_login(user)
    return user


def kept(proposal=DRAFT):
    return keep_draft(text=ARTICLE, url=DRAFT["source"]["url"], proposal=proposal)


def form_of(page):
    """The values the review form shows, as a browser would send them back."""
    form = page.context["form"]
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if isinstance(value, bool):
            if value:
                data[name] = "on"
        elif value is not None:
            data[name] = value
    return data


@pytest.mark.parametrize("address", ["/curation/drafts/", "/curation/drafts/new/", "/curation/suggestions/"])
def test_anonymous_readers_are_sent_to_the_admin_sign_in(client, address):
    response = client.get(address)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/?next=")


def test_a_signed_in_reader_who_is_not_staff_is_sent_to_sign_in_too(client):
    client.force_login(User.objects.create_user("reader", password="x"))
    draft_id = kept().pk
    assert client.get(f"/curation/drafts/{draft_id}/").status_code == 302
    assert client.post(f"/curation/drafts/{draft_id}/", {"action": "reject"}).status_code == 302
    assert Draft.objects.get().status == "open"


def test_the_review_page_marks_each_sentence_and_links_each_fact_to_it(client, curator):
    page = client.get(f"/curation/drafts/{kept().pk}/")

    assert page.status_code == 200
    html = page.content.decode()
    marks = re.findall(r'<span id="(quote-\d+)" class="quote-anchor"></span><mark>', html)
    assert len(marks) >= 5
    for anchor in marks:
        assert f'href="#{anchor}"' in html
    assert "<mark>The agreement was signed by Dao Xuan Co, Director of Bach Mai Hospital" in html
    assert 'value="Bach Mai Hospital"' in html
    assert 'value="asan-medical-center"' in html


def test_a_quote_not_in_the_article_is_shown_as_not_found(client, curator):
    proposal = draft(evidence=[{"fact": "place", "quote": "In Hanoi, under a red sky."}])
    page = client.get(f"/curation/drafts/{kept(proposal).pk}/")
    assert "Sentences not found in the article" in page.content.decode()


def test_corrections_are_published_and_the_agreement_is_on_its_public_page(client, curator):
    draft_id = kept().pk
    data = form_of(client.get(f"/curation/drafts/{draft_id}/"))
    data.update({
        "a0-title": "Bach Mai – Asan transplant training memorandum",
        "a0-m1-role": "attended",           # change a role
        "a0-r1-drop": "on",                 # drop an area
        "a0-p0-name": "Bach Mai Hospital (Hanoi)",
        "a0-signed_on": "2025-03-01", "a0-signed_on_precision": "month",   # change a date
        "action": "publish",
    })

    response = client.post(f"/curation/drafts/{draft_id}/", data)

    agreement = Agreement.objects.get(title="Bach Mai – Asan transplant training memorandum")
    assert response.status_code == 302 and response["Location"] == f"/partnerships/{agreement.slug}/"
    assert list(agreement.areas.values_list("slug", flat=True)) == ["clinical-staff-training"]
    assert agreement.participations.get(person__name="Park Seung-il", role="attended")
    assert (str(agreement.signed_on), agreement.signed_on_precision) == ("2025-03-01", "month")
    public = client.get(response["Location"])
    text = public.content.decode()
    assert "Published 1 agreement(s) from the article" in text
    assert "Bach Mai Hospital (Hanoi)" in text and "March 2025" in text
    assert Draft.objects.get().status == "published"


def test_another_existing_institution_can_be_chosen_for_a_party(client, curator):
    draft_id = kept().pk
    data = form_of(client.get(f"/curation/drafts/{draft_id}/"))
    data.update({"a0-p0-institution": "seoul-national-university-hospital", "action": "publish"})

    client.post(f"/curation/drafts/{draft_id}/", data)

    agreement = Agreement.objects.get(title=TITLE)
    assert sorted(agreement.parties.values_list("institution__slug", flat=True)) == [
        "asan-medical-center", "seoul-national-university-hospital",
    ]


def test_an_unknown_slug_is_a_message_on_the_page_and_nothing_is_written(client, curator):
    draft_id = kept().pk
    data = form_of(client.get(f"/curation/drafts/{draft_id}/"))
    data.update({"a0-p1-institution": "no-such-hospital", "action": "publish"})

    page = client.post(f"/curation/drafts/{draft_id}/", data)

    assert page.status_code == 200
    assert "No institution has this slug" in page.content.decode()
    assert not Agreement.objects.filter(title=TITLE).exists()


def test_a_refused_publication_says_why_on_the_page(client, curator):
    draft_id = kept(draft(evidence=[{"fact": "date", "quote": "A sentence nowhere."}])).pk
    data = {**form_of(client.get(f"/curation/drafts/{draft_id}/")), "action": "publish"}

    page = client.post(f"/curation/drafts/{draft_id}/", data)

    assert page.status_code == 200
    assert "Not published" in page.content.decode() and "does not contain this quote" in page.content.decode()
    assert Draft.objects.get().status == "open"


def test_corrections_can_be_saved_without_publishing(client, curator):
    draft_id = kept().pk
    data = {**form_of(client.get(f"/curation/drafts/{draft_id}/")), "a0-place": "Seoul", "action": "save"}

    client.post(f"/curation/drafts/{draft_id}/", data)

    assert Draft.objects.get().proposal["agreements"][0]["place"] == "Seoul"
    assert not Agreement.objects.filter(title=TITLE).exists()


def test_reject_keeps_the_draft_with_who_and_when(client, curator):
    draft_id = kept().pk
    response = client.post(f"/curation/drafts/{draft_id}/", {"action": "reject"})

    assert response.status_code == 302
    rejected = Draft.objects.get()
    assert (rejected.status, rejected.closed_by) == ("rejected", curator)
    listing = client.get("/curation/drafts/?status=rejected").content.decode()
    assert f"#{draft_id} {TITLE}" in listing and "carla" in listing


def test_publishing_needs_the_permissions_to_add_records(client):
    client.force_login(User.objects.create_user("intern", password="x", is_staff=True))
    draft_id = kept().pk
    data = {**form_of(client.get(f"/curation/drafts/{draft_id}/")), "action": "publish"}

    assert client.post(f"/curation/drafts/{draft_id}/", data).status_code == 403
    assert Draft.objects.get().status == "open"


def test_drafts_never_appear_on_public_pages_or_the_api(client):
    kept()
    client.logout()
    for address in ["/partnerships/", "/", "/api/v1/agreements/", "/partnerships/?q=Bach", "/institutions/?q=Bach"]:
        assert "Bach Mai" not in client.get(address).content.decode(), address


def test_the_draft_list_is_bounded_in_queries(client, curator, django_assert_max_num_queries):
    for _ in range(5):
        keep_draft(text=ARTICLE + str(_), proposal=DRAFT, created_by=curator)
    # Session and user, count, drafts with their users, their agreements.
    with django_assert_max_num_queries(6):
        page = client.get("/curation/drafts/?status=all")
    assert page.content.decode().count("Bach Mai Hospital – Asan") == 5
