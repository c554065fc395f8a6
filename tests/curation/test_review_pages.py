"""The curators' review page: a draft beside its article, corrected field by field, then published or rejected."""
import re

import pytest
from django.contrib.auth.models import User

from curation.models import Draft
from curation.services import keep_draft
from institutions.models import Institution
from partnerships.models import Agreement, Evidence, Source
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
    assert "Published 1 agreement from the article" in text
    assert "Bach Mai Hospital (Hanoi)" in text and "March 2025" in text
    assert Draft.objects.get().status == "published"


def test_another_existing_institution_can_be_chosen_for_a_party(client, curator):
    draft_id = kept().pk
    data = form_of(client.get(f"/curation/drafts/{draft_id}/"))
    data.update({"a0-p0-institution": "seoul-national-university-hospital", "action": "publish"})
    # The sentence cited for the party names Bach Mai Hospital: a note says where the new party comes from.
    assert not client.post(f"/curation/drafts/{draft_id}/", data).context["form"].is_valid()
    data["a0-p0-note"] = "The hospital's press office names Seoul National University Hospital."

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
    proposal = draft(parties=[*DRAFT["agreements"][0]["parties"], DRAFT["agreements"][0]["parties"][1]])
    draft_id = kept(proposal).pk
    data = {**form_of(client.get(f"/curation/drafts/{draft_id}/")), "action": "publish"}

    page = client.post(f"/curation/drafts/{draft_id}/", data)

    assert page.status_code == 200
    assert "Not published" in page.content.decode() and "Asan Medical Center is already a party to this agreement" in page.content.decode()
    assert Draft.objects.get().status == "open"


@pytest.mark.parametrize("action", ["publish", "save"])
def test_a_cited_sentence_not_in_the_article_is_a_message_next_to_it(client, curator, action):
    draft_id = kept(draft(evidence=[{"fact": "date", "quote": "A sentence nowhere."}])).pk
    data = {**form_of(client.get(f"/curation/drafts/{draft_id}/")), "action": action}

    page = client.post(f"/curation/drafts/{draft_id}/", data)

    assert page.context["form"].errors == {
        "a0-date_quote": ["This sentence is not in the article: click it there, or copy it exactly."],
    }
    assert Draft.objects.get().proposal["agreements"][0]["evidence"] == [{"fact": "date", "quote": "A sentence nowhere."}]
    assert not Agreement.objects.filter(title=TITLE).exists()


def test_corrections_can_be_saved_without_publishing(client, curator):
    draft_id = kept().pk
    data = {**form_of(client.get(f"/curation/drafts/{draft_id}/")), "a0-place": "Seoul", "action": "save"}

    client.post(f"/curation/drafts/{draft_id}/", data)

    assert Draft.objects.get().proposal["agreements"][0]["place"] == "Seoul"
    assert not Agreement.objects.filter(title=TITLE).exists()


def test_reject_keeps_the_draft_with_who_and_when(client, curator):
    draft_id = kept().pk
    response = client.post(f"/curation/drafts/{draft_id}/reject/", {"reason": "Not a signing."})

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


def test_pasting_an_article_runs_the_assistant_and_keeps_the_draft(client, curator):
    response = client.post("/curation/drafts/new/", {"text": ARTICLE, "url": "https://news.example.org/bach-mai"})

    draft_row = Draft.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/curation/drafts/{draft_row.pk}/"
    assert (draft_row.created_by, draft_row.status, draft_row.text, draft_row.url) == (
        curator, "open", ARTICLE, "https://news.example.org/bach-mai",
    )
    assert "Asan Medical Center" in [party["name"] for party in draft_row.proposal["agreements"][0]["parties"]]

    # The same article again opens the same draft.
    again = client.post("/curation/drafts/new/", {"text": ARTICLE.replace("\n", "\n\n")}, follow=True)
    assert again.redirect_chain[-1][0] == f"/curation/drafts/{draft_row.pk}/"
    assert "A draft of this article is open already" in again.content.decode()
    assert Draft.objects.count() == 1


def test_a_saved_page_is_read_for_its_main_text(client, curator):
    from django.core.files.uploadedfile import SimpleUploadedFile

    paragraphs = "".join(f"<p>{paragraph}</p>" for paragraph in ARTICLE.split("\n\n"))
    html = f"<html><head><title>Bach Mai and Asan</title></head><body><nav>Home News</nav><article>{paragraphs}</article></body></html>"
    upload = SimpleUploadedFile("article.html", html.encode(), content_type="text/html")

    response = client.post("/curation/drafts/new/", {"html_file": upload})

    draft_row = Draft.objects.get()
    assert response.status_code == 302
    assert "The agreement was signed by Dao Xuan Co" in draft_row.text and "<p>" not in draft_row.text
    assert draft_row.html == html
    assert "<mark>" in client.get(response["Location"]).content.decode()


@pytest.mark.parametrize("data, message", [
    ({}, "Paste the article"),
    ({"text": "x", "url": "not an address"}, "Enter a valid URL"),
    ({"text": "x", "published_on": "yesterday"}, "Enter a valid date"),
])
def test_a_bad_article_form_is_a_message_on_the_page(client, curator, data, message):
    page = client.post("/curation/drafts/new/", data)
    assert page.status_code == 200 and message in page.content.decode()
    assert not Draft.objects.exists()


def test_an_oversized_page_is_refused_on_the_form(client, curator, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = None
    upload = SimpleUploadedFile("big.html", b"<p>" + b"x" * (2 * 1024 * 1024) + b"</p>", content_type="text/html")
    page = client.post("/curation/drafts/new/", {"html_file": upload})
    assert page.status_code == 200 and "larger than 2 MB" in page.content.decode()


def test_an_article_already_published_says_where(client, curator):
    from django.conf import settings

    text = (settings.SOURCE_ARCHIVE_DIR / "003_bd12680f262d4d33.txt").read_text(encoding="utf-8")
    page = client.post("/curation/drafts/new/", {"text": text})

    assert page.status_code == 200
    html = page.content.decode()
    assert "This article was published already" in html
    assert Agreement.objects.get(slug="snuh-amc-snubh-medical-data-2017").title in html
    assert not Draft.objects.exists()


def test_one_click_drafts_a_suggestions_pasted_text_and_publishing_names_it(client, curator):
    from curation.models import Suggestion

    suggestion = Suggestion.objects.create(kind="missing", message="Missing: Bach Mai and Asan.", source_text=ARTICLE)

    response = client.post(f"/curation/suggestions/{suggestion.pk}/draft/")

    draft_row = Draft.objects.get()
    assert response["Location"] == f"/curation/drafts/{draft_row.pk}/"
    assert draft_row.suggestion == suggestion
    data = form_of(client.get(response["Location"]))
    data.update({name.replace("-name", "-country"): "VN" for name, value in data.items()
                 if name.endswith("-name") and value == "Bach Mai Hospital"})
    published = client.post(response["Location"], {**data, "action": "publish"})
    assert published.status_code == 302, published.content.decode()
    agreement = Draft.objects.get().agreements.get()
    assert f"Suggestion #{suggestion.pk}" in agreement.history.get().history_change_reason
    suggestion.refresh_from_db()
    assert suggestion.status == "applied"


@pytest.mark.parametrize("address", ["/curation/drafts/999999/", "/curation/suggestions/999999/"])
def test_a_draft_or_suggestion_that_does_not_exist_is_a_404(client, curator, address):
    assert client.get(address).status_code == 404


SIGNING = (
    "The agreement was signed by Dao Xuan Co, Director of Bach Mai Hospital, "
    "and Park Seung-il, President of Asan Medical Center."
)
UNSTATED_DATE = "The cited sentence does not state 12 May 2025: cite the sentence that does, or write a note."


def written():
    return (Agreement.objects.count(), Source.objects.count(), Institution.objects.count(), Evidence.objects.count())


def test_a_changed_date_its_sentence_does_not_state_is_refused_next_to_the_date(client, curator):
    draft_id = kept().pk
    data = {**form_of(client.get(f"/curation/drafts/{draft_id}/")), "a0-signed_on": "2025-05-12", "action": "publish"}
    before = written()

    page = client.post(f"/curation/drafts/{draft_id}/", data)

    assert page.status_code == 200
    assert page.context["form"].errors["a0-signed_on"] == [UNSTATED_DATE]
    assert re.search(r'name="a0-signed_on"[^>]*>\s*(?:<small[^>]*>[^<]*</small>\s*)?<p class="field__error">' + re.escape(UNSTATED_DATE), page.content.decode())
    assert "Not published" in page.content.decode()
    assert written() == before
    assert Draft.objects.get().status == "open"


@pytest.mark.parametrize("change, field, message", [
    ({"a0-m0-name": "Nguyen Thi Lan"}, "a0-m0-name", "The cited sentence does not state Nguyen Thi Lan"),
    ({"a0-kind": "letter_of_intent"}, "a0-kind", "The cited sentence does not state Letter of intent"),
    ({"a0-p0-name": "Hanoi Heart Hospital"}, "a0-p0-name", "The cited sentence does not state Hanoi Heart Hospital"),
    ({"a0-date_quote": ""}, "a0-signed_on", "No sentence is cited for 4 March 2025"),
])
def test_a_changed_signer_kind_or_party_its_sentence_does_not_state_is_refused_next_to_it(client, curator, change, field, message):
    draft_id = kept().pk
    data = {**form_of(client.get(f"/curation/drafts/{draft_id}/")), **change, "action": "publish"}

    page = client.post(f"/curation/drafts/{draft_id}/", data)

    assert page.status_code == 200
    assert [error.split(":")[0] for error in page.context["form"].errors[field]] == [message]
    assert not Agreement.objects.filter(title=TITLE).exists()


def test_citing_the_sentence_that_states_the_new_value_or_writing_a_note_publishes(client, curator):
    draft_id = kept().pk
    data = {**form_of(client.get(f"/curation/drafts/{draft_id}/")), "action": "publish"}
    data.update({
        "a0-m0-name": "Đào Xuân Cơ",    # a signer's name corrected: the sentence names him, without the accents
        "a0-signed_on": "2025-05-12", "a0-date_note": "The hospital's site dates the signing 12 May 2025.",
    })

    response = client.post(f"/curation/drafts/{draft_id}/", data)

    agreement = Agreement.objects.get(title=TITLE)
    assert response.status_code == 302
    assert str(agreement.signed_on) == "2025-05-12"
    assert agreement.evidence.get(fact="date").note == "The hospital's site dates the signing 12 May 2025."
    assert agreement.evidence.get(participation__person__name="Đào Xuân Cơ", participation__role="signed").quote == SIGNING


def test_parties_people_areas_and_a_summary_are_added_and_removed_on_the_page(client, curator):
    draft_id = kept().pk
    data = {**form_of(client.get(f"/curation/drafts/{draft_id}/")), "action": "publish"}
    data.update({
        "a0-summary": "Asan trains Bach Mai's transplant surgeons.",
        "a0-p1-drop": "on",                                          # Asan Medical Center is not a party
        "a0-p2-name": "Hanoi Medical University", "a0-p2-country": "VN", "a0-p2-kind": "university",
        "a0-p2-city": "Hanoi", "a0-p2-acronyms": "HMU", "a0-p2-other_names": "Trường Đại học Y Hà Nội [vi]\nHanoi Medical College",
        "a0-p2-note": "Named as a party in the university's own announcement.",
        "a0-m0-drop": "on",
        "a0-m2-name": "Tran Binh Giang", "a0-m2-title": "Vice Minister of Health", "a0-m2-role": ["attended"],
        "a0-m2-note": "In the photograph's caption.",
        "a0-r0-drop": "on",
        "a0-r2-area": "medical-big-data-and-ai", "a0-r2-quote": "run joint research on liver transplantation",
    })

    response = client.post(f"/curation/drafts/{draft_id}/", data)

    assert response.status_code == 302
    agreement = Agreement.objects.get(title=TITLE)
    university = Institution.objects.get(name="Hanoi Medical University")
    assert sorted(agreement.parties.values_list("institution__name", flat=True)) == ["Bach Mai Hospital", "Hanoi Medical University"]
    assert (university.city, university.short_name, str(university.country)) == ("Hanoi", "HMU", "VN")
    assert sorted(university.other_names.values_list("name", "kind", "language")) == [
        ("HMU", "acronym", ""), ("Hanoi Medical College", "alternative", ""), ("Trường Đại học Y Hà Nội", "native", "vi"),
    ]
    assert sorted(agreement.participations.values_list("person__name", "role")) == [
        ("Park Seung-il", "signed"), ("Park Seung-il", "spoke"), ("Tran Binh Giang", "attended"),
    ]
    # Each part of a person keeps the sentence it was drafted with.
    assert agreement.evidence.get(participation__role="spoke").quote == DRAFT["agreements"][0]["people"][2]["evidence"]
    assert sorted(agreement.areas.values_list("slug", flat=True)) == ["joint-research", "medical-big-data-and-ai"]
    assert agreement.summary == "Asan trains Bach Mai's transplant surgeons."


def test_rows_added_and_saved_come_back_with_a_new_empty_row_to_add(client, curator):
    draft_id = kept().pk
    data = {**form_of(client.get(f"/curation/drafts/{draft_id}/")), "action": "save"}
    data.update({"a0-m2-name": "Tran Binh Giang", "a0-m2-role": ["attended", "spoke"], "a0-m2-quote": "", "a0-m2-note": "Caption."})

    client.post(f"/curation/drafts/{draft_id}/", data)
    page = client.get(f"/curation/drafts/{draft_id}/")

    people = Draft.objects.get().proposal["agreements"][0]["people"]
    assert [(person["name"], person["role"]) for person in people[3:]] == [("Tran Binh Giang", "attended"), ("Tran Binh Giang", "spoke")]
    assert page.context["form"]["a0-m3-name"].value() == ""
    assert page.context["form"]["a0-m2-role"].value() == ["attended", "spoke"]


@pytest.mark.parametrize("change, field, message", [
    ({"a0-p2-name": "Hanoi Medical University", "a0-p2-kind": "university"}, "a0-p2-country", "A new institution needs its country."),
    ({"a0-p0-other_names": "Bệnh viện Bạch Mai [not a code!]"}, "a0-p0-other_names", "is not a language code"),
    ({"a0-p0-acronyms": "A" * 65}, "a0-p0-other_names", "An acronym is at most 64 characters"),
    ({"a0-m0-role": []}, "a0-m0-role", "Tick at least one part."),
    ({"a0-m0-role": ["sang"]}, "a0-m0-role", "Select a valid choice."),
    ({"a0-m2-role": ["spoke"]}, "a0-m2-name", "A person needs a name; or leave them out."),
    ({"a0-r2-area": "no-such-area"}, "a0-r2-area", "Select a valid choice."),
    ({"a0-p0-country": "XX"}, "a0-p0-country", "Select a valid choice."),
    ({"a0-p0-city": "H" * 129}, "a0-p0-city", "Ensure this value has at most 128 characters"),
    ({"a0-date_quote": "x" * 5001}, "a0-date_quote", "Ensure this value has at most 5000 characters"),
])
def test_bad_input_in_a_row_is_a_message_next_to_its_field_and_nothing_is_written(client, curator, change, field, message):
    draft_id = kept().pk
    data = {**form_of(client.get(f"/curation/drafts/{draft_id}/")), **change, "action": "publish"}
    before = written()

    page = client.post(f"/curation/drafts/{draft_id}/", data)

    assert page.status_code == 200
    assert any(message in error for error in page.context["form"].errors[field])
    assert written() == before


def test_a_person_with_two_parts_is_one_row_with_both_ticked(client, curator):
    page = client.get(f"/curation/drafts/{kept().pk}/")

    form = page.context["form"]
    assert [form[f"a0-m{m}-name"].value() for m in range(3)] == ["Dao Xuan Co", "Park Seung-il", ""]
    assert [form[f"a0-m{m}-role"].value() for m in range(3)] == [["signed"], ["signed", "spoke"], []]
    assert 'name="a0-m1-role" value="spoke" data-cite="a0-m1-quote" id="id_a0-m1-role_2" checked' in page.content.decode()
