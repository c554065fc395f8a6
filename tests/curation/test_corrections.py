"""Corrections that edit the record: from a reader's suggestion or a public page to the record's own edit form;
rejecting with a reason and a confirmation; reopening rejected and published drafts, shown read only while closed."""
import re

import pytest
from django.contrib.auth.models import Permission, User

from curation.models import Draft, Suggestion
from partnerships.models import Agreement, Evidence, Source
from tests.curation.test_review_pages import TITLE, curator, form_of, kept  # noqa: F401 (curator is a fixture)

pytestmark = pytest.mark.django_db

AGREEMENT = "ehs-amc-mou-2024"


def suggestion_about(agreement, **fields):
    return Suggestion.objects.create(
        kind="correction", agreement=agreement, message=fields.pop("message", "The signing was in Abu Dhabi <b>not</b> Dubai."),
        source_url="https://example.org/news/ehs-amc", **fields,
    )


# The public record: the way to correct it is near its top.

def test_suggest_a_correction_is_in_the_records_header_before_its_timeline(client):
    page = client.get(f"/partnerships/{AGREEMENT}/").content.decode()
    start = page.index('class="agreement__header"')
    header = page[start:page.index("</header>", start)]
    assert f'href="/suggest/partnerships/{AGREEMENT}/"' in header
    institution = client.get("/institutions/charite/").content.decode()
    assert institution.index('href="/suggest/institutions/charite/"') < institution.index("</dl>") + 400


def test_only_a_curator_who_may_change_the_record_sees_its_edit_link(client, curator):
    agreement = Agreement.objects.get(slug=AGREEMENT)
    edit = f'href="/admin/partnerships/agreement/{agreement.pk}/change/"'
    assert edit in client.get(f"/partnerships/{AGREEMENT}/").content.decode()
    assert "/admin/institutions/institution/" in client.get("/institutions/charite/").content.decode()

    client.logout()
    assert edit not in client.get(f"/partnerships/{AGREEMENT}/").content.decode()
    client.force_login(User.objects.create_user("intern", password="x", is_staff=True))
    assert edit not in client.get(f"/partnerships/{AGREEMENT}/").content.decode()


def test_the_thank_you_page_links_back_to_the_record(client):
    response = client.post(f"/suggest/partnerships/{AGREEMENT}/", {"message": "The date is wrong.", "source_url": "https://example.org/a"})

    assert response.status_code == 302
    thanks = client.get(response["Location"]).content.decode()
    assert f'href="/partnerships/{AGREEMENT}/"' in thanks and "Back to" in thanks
    # An unknown record named in the address is no link and no error.
    assert client.get("/suggest/thanks/?about=agreement&slug=nothing").status_code == 200
    assert client.get("/suggest/thanks/?about=user&slug=carla").status_code == 200


# From the suggestion to the record's edit form, with the suggestion beside it.

def test_a_suggestion_opens_the_records_edit_form_with_what_the_reader_wrote(client, curator):
    agreement = Agreement.objects.get(slug=AGREEMENT)
    suggestion = suggestion_about(agreement)

    page = client.get(f"/curation/suggestions/{suggestion.pk}/").content.decode()

    edit = f"/admin/partnerships/agreement/{agreement.pk}/change/?suggestion={suggestion.pk}"
    assert f'href="{edit}"' in page and "Edit the agreement" in page
    assert '<a class="suggestion__url" href="https://example.org/news/ehs-amc"' in page
    form = client.get(edit)
    html = form.content.decode()
    assert form.status_code == 200 and 'class="suggestion-beside"' in html
    assert "The signing was in Abu Dhabi &lt;b&gt;not&lt;/b&gt; Dubai." in html
    assert f'href="/curation/suggestions/{suggestion.pk}/"' in html
    assert 'name="title"' in html   # the record's own fields, below


def test_the_edit_form_shows_no_suggestion_about_another_record(client, curator):
    agreement, other = Agreement.objects.order_by("pk")[:2]
    suggestion = suggestion_about(other)

    html = client.get(f"/admin/partnerships/agreement/{agreement.pk}/change/?suggestion={suggestion.pk}").content.decode()

    assert 'class="suggestion-beside"' not in html and "Abu Dhabi &lt;b&gt;" not in html
    assert client.get(f"/admin/partnerships/agreement/{agreement.pk}/change/?suggestion=x").status_code == 200


def test_a_curator_who_may_not_change_the_record_gets_no_edit_button(client):
    intern = User.objects.create_user("intern", password="x", is_staff=True)
    intern.user_permissions.add(Permission.objects.get(codename="view_agreement"))
    client.force_login(intern)
    suggestion = suggestion_about(Agreement.objects.get(slug=AGREEMENT))

    page = client.get(f"/curation/suggestions/{suggestion.pk}/").content.decode()

    assert "Edit the agreement" not in page and "?suggestion=" not in page


# Rejecting asks for a reason and a confirmation.

def test_reject_asks_for_a_reason_and_a_confirmation_before_anything_changes(client, curator):
    draft_id = kept().pk

    asked = client.post(f"/curation/drafts/{draft_id}/", {"action": "reject"})
    assert asked.status_code == 302 and asked["Location"] == f"/curation/drafts/{draft_id}/reject/"
    assert Draft.objects.get().status == "open"
    confirm = client.get(asked["Location"]).content.decode()
    assert 'name="reason"' in confirm and "Keep it open" in confirm

    empty = client.post(f"/curation/drafts/{draft_id}/reject/", {"reason": "  "})
    assert empty.status_code == 200 and "Say why the draft is rejected." in empty.content.decode()
    assert Draft.objects.get().status == "open"

    done = client.post(f"/curation/drafts/{draft_id}/reject/", {"reason": "A press review, not a signing."})
    assert done.status_code == 302
    rejected = Draft.objects.get()
    assert (rejected.status, rejected.reason, rejected.closed_by) == ("rejected", "A press review, not a signing.", curator)
    page = client.get(f"/curation/drafts/{draft_id}/").content.decode()
    assert "A press review, not a signing." in page and "Reopen the draft" in page
    # A closed draft cannot be rejected again.
    assert client.get(f"/curation/drafts/{draft_id}/reject/").status_code == 302


def test_a_rejected_draft_is_read_only_until_reopened_and_then_publishes(client, curator):
    draft_id = kept().pk
    client.post(f"/curation/drafts/{draft_id}/reject/", {"reason": "Wrong article."})
    closed = client.get(f"/curation/drafts/{draft_id}/").content.decode()
    assert re.search(r'<fieldset class="review__fields" disabled>', closed)
    assert 'value="publish"' not in closed

    reopened = client.post(f"/curation/drafts/{draft_id}/reopen/")

    assert reopened.status_code == 302
    draft = Draft.objects.get()
    assert (draft.status, draft.closed_by, draft.closed_at) == ("open", None, None)
    page = client.get(f"/curation/drafts/{draft_id}/")
    assert 'class="review__fields" disabled' not in page.content.decode()
    published = client.post(f"/curation/drafts/{draft_id}/", {**form_of(page), "action": "publish"})
    assert published.status_code == 302 and Agreement.objects.filter(title=TITLE).exists()
    assert client.post(f"/curation/drafts/{draft_id}/reopen/").status_code == 302


def test_an_open_draft_is_not_reopened(client, curator):
    draft_id = kept().pk
    response = client.post(f"/curation/drafts/{draft_id}/reopen/", follow=True)
    assert "This draft is open already." in response.content.decode()
    assert client.post("/curation/drafts/999999/reopen/").status_code == 404


def test_a_reopened_published_draft_adds_what_was_left_out_and_never_a_second_source(client, curator):
    draft_id = kept().pk
    first = form_of(client.get(f"/curation/drafts/{draft_id}/"))
    first["a0-r1-drop"] = "on"   # leave out a focus area the first time
    client.post(f"/curation/drafts/{draft_id}/", {**first, "action": "publish"})
    agreement = Agreement.objects.get(title=TITLE)
    areas, sources, evidence = agreement.areas.count(), Source.objects.count(), Evidence.objects.count()
    published = client.get(f"/curation/drafts/{draft_id}/").content.decode()
    assert 'class="review__fields" disabled' in published
    assert f'href="/admin/partnerships/agreement/{agreement.pk}/change/"' in published
    refused = client.post(f"/curation/drafts/{draft_id}/", {**first, "action": "save"}, follow=True)
    assert "This draft is already published." in refused.content.decode()

    client.post(f"/curation/drafts/{draft_id}/reopen/")
    draft = Draft.objects.get()
    assert draft.status == "open"
    assert draft.proposal["agreements"][0]["existing_agreement"]["slug"] == agreement.slug
    again = form_of(client.get(f"/curation/drafts/{draft_id}/"))
    # The area left out the first time, added again as a new row, with its sentence.
    again.update({
        "a0-r1-area": "joint-research", "a0-r1-quote": "run joint research on liver transplantation",
        "a0-place": "Somewhere else entirely", "action": "publish",
    })
    response = client.post(f"/curation/drafts/{draft_id}/", {key: value for key, value in again.items() if value != ""}, follow=True)

    agreement.refresh_from_db()
    assert Draft.objects.get().status == "published"
    assert Source.objects.count() == sources and Agreement.objects.filter(title=TITLE).count() == 1
    assert agreement.areas.count() == areas + 1
    assert Evidence.objects.count() > evidence
    # A changed fact goes through the record's edit form, not over the record, and never as a disagreement with itself.
    assert agreement.place != "Somewhere else entirely" and not agreement.disagreements.exists()
    assert "edit form" in response.content.decode()


def test_the_curators_date_fields_do_not_ask_for_a_format_the_browsers_date_picker_does_not_show(client, curator):
    # A date input shows the browser's own format (mm/dd/yyyy in a US English browser): help naming another misleads.
    for address in ["/curation/drafts/new/", f"/curation/drafts/{kept().pk}/"]:
        page = client.get(address).content.decode()
        assert 'type="date"' in page
        assert "YYYY-MM-DD" not in page and "yyyy-mm-dd" not in page.lower()
