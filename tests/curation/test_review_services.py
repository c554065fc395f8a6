"""Publishing a draft: every record in one transaction, as the curator's change, or nothing at all."""
import pytest
from django.contrib.auth.models import User

from curation.models import Draft
from curation.services import PublishError, UnstatedFactsError, earlier_publication, keep_draft, publish_draft
from institutions.models import Institution
from partnerships.models import Agreement, Evidence, Participation, Person, Source
from tests.curation.articles import ARTICLE, DRAFT, draft

pytestmark = pytest.mark.django_db

TITLE = DRAFT["agreements"][0]["title"]


@pytest.fixture
def curator():
    return User.objects.create_user("carla", password="not-used-here", is_staff=True)


def kept(proposal=DRAFT, **fields):
    return keep_draft(text=ARTICLE, url=DRAFT["source"]["url"], proposal=proposal, **fields)


def test_publishing_creates_every_record_with_its_evidence(curator):
    published = publish_draft(draft=kept(), curator=curator)

    agreement = Agreement.objects.get(title=TITLE)
    assert published.status == Draft.Status.PUBLISHED
    assert list(published.agreements.all()) == [agreement]
    assert (agreement.kind, str(agreement.signed_on), agreement.signed_on_precision, agreement.place) == (
        "mou", "2025-03-04", "day", "Hanoi",
    )
    source = agreement.sources.get()
    assert (source.kind, source.publisher, source.archived_text) == ("article", "Hanoi Health News", ARTICLE)
    bach_mai = Institution.objects.get(name="Bach Mai Hospital")
    assert (bach_mai.country.code, bach_mai.kind) == ("VN", "hospital")
    assert [(name.name, name.kind, name.language) for name in bach_mai.other_names.all()] == [
        ("Bệnh viện Bạch Mai", "native", "vi"),
    ]
    assert sorted(agreement.parties.values_list("institution__slug", flat=True)) == [
        "asan-medical-center", bach_mai.slug,
    ]
    assert sorted(agreement.participations.values_list("person__name", "role", "institution__slug")) == [
        ("Dao Xuan Co", "signed", bach_mai.slug),
        ("Park Seung-il", "signed", "asan-medical-center"),
        ("Park Seung-il", "spoke", "asan-medical-center"),
    ]
    # One person, two parts.
    assert Person.objects.filter(name="Park Seung-il").count() == 1
    assert sorted(agreement.areas.values_list("slug", flat=True)) == ["clinical-staff-training", "joint-research"]
    facts = sorted(agreement.evidence.values_list("fact", flat=True))
    assert facts == ["area", "area", "date", "kind", "party", "party", "person", "person", "person"]
    for evidence in agreement.evidence.all():
        evidence.full_clean()  # each quote is found in the archived text


def test_every_row_is_recorded_as_the_curators_change(curator):
    published = publish_draft(draft=kept(), curator=curator)

    agreement = Agreement.objects.get(title=TITLE)
    reason = f"Published from draft #{published.pk}"
    for model, rows in [
        (Agreement, [agreement]),
        (Institution, Institution.objects.filter(name="Bach Mai Hospital")),
        (Participation, agreement.participations.all()),
        (Evidence, agreement.evidence.all()),
    ]:
        for row in rows:
            record = row.history.get()
            assert (record.history_type, record.history_user, record.history_change_reason) == ("+", curator, reason)


def test_an_invalid_row_refuses_the_whole_draft_and_writes_nothing(curator):
    proposal = draft()
    proposal["agreements"][0]["parties"][0]["country"] = None
    counts = [model.objects.count() for model in (Agreement, Institution, Person, Source, Evidence)]

    with pytest.raises(PublishError, match=r"Agreement 1, party 1 \(Bach Mai Hospital\): country"):
        publish_draft(draft=kept(proposal), curator=curator)

    assert [model.objects.count() for model in (Agreement, Institution, Person, Source, Evidence)] == counts
    assert Draft.objects.get().status == Draft.Status.OPEN


@pytest.mark.parametrize("change, message", [
    ({"kind": "treaty"}, "kind"),
    ({"signed_on": "2025-03-04", "signed_on_precision": "month"}, "date"),
    ({"signed_on": "4 March"}, "is not a date"),
    ({"areas": [{"area": "no-such-area", "evidence": ""}]}, "no focus area"),
    ({"parties": []}, "at least one party"),
    ({"people": [{"name": "X", "title": "", "institution": "", "role": "sang", "evidence": ""}]}, "role"),
    ({"evidence": [{"fact": "date", "quote": "A sentence the article never wrote."}]}, "does not contain this quote"),
])
def test_invalid_facts_are_refused_with_a_message(curator, change, message):
    with pytest.raises(PublishError, match=message):
        publish_draft(draft=kept(draft(**change)), curator=curator)
    assert not Agreement.objects.filter(title=TITLE).exists()


def test_an_unknown_institution_slug_is_refused(curator):
    proposal = draft()
    proposal["agreements"][0]["parties"][1]["institution"] = "no-such-hospital"
    with pytest.raises(PublishError, match="no institution with slug “no-such-hospital”"):
        publish_draft(draft=kept(proposal), curator=curator)


def test_the_same_article_twice_is_recognised_and_says_where_it_was_published(curator):
    publish_draft(draft=kept(), curator=curator)

    # Same text, pasted with other spacing and quotes, without an address.
    again = keep_draft(text=ARTICLE.replace("\n\n", "\n").replace('"', "“"), proposal=DRAFT)
    with pytest.raises(PublishError, match=f"published already.*{TITLE}"):
        publish_draft(draft=again, curator=curator)
    # Same address, other text.
    other = keep_draft(text="Another copy.", url=DRAFT["source"]["url"] + "/", proposal=DRAFT)
    assert earlier_publication(url=other.url, text=other.text)["agreements"][0].title == TITLE


def test_a_curated_article_is_recognised_by_its_text():
    from django.conf import settings

    text = (settings.SOURCE_ARCHIVE_DIR / "003_bd12680f262d4d33.txt").read_text(encoding="utf-8")
    earlier = earlier_publication(text=text)
    assert [agreement.slug for agreement in earlier["agreements"]] == ["snuh-amc-snubh-medical-data-2017"]


def test_a_draft_is_published_once(curator):
    published = publish_draft(draft=kept(), curator=curator)
    with pytest.raises(PublishError, match="already published"):
        publish_draft(draft=published, curator=curator)


def test_two_agreements_of_one_article_share_their_new_party(curator):
    proposal = draft()
    second = {**proposal["agreements"][0], "title": "Bach Mai Hospital – Asan Medical Center research agreement",
              "kind": "agreement", "people": [], "areas": [], "evidence": []}
    proposal["agreements"].append(second)

    published = publish_draft(draft=kept(proposal), curator=curator)

    assert published.agreements.count() == 2
    assert Institution.objects.filter(name="Bach Mai Hospital").count() == 1


def test_a_draft_from_a_suggestion_names_it_in_the_history_and_closes_it_as_applied(curator):
    from curation.models import Suggestion

    suggestion = Suggestion.objects.create(kind="missing", message="Bach Mai and Asan signed an MoU.", source_text=ARTICLE)

    published = publish_draft(draft=kept(suggestion=suggestion), curator=curator)

    agreement = published.agreements.get()
    assert agreement.history.get().history_change_reason == (
        f"Published from draft #{published.pk} (Suggestion #{suggestion.pk} from a reader)"
    )
    suggestion.refresh_from_db()
    assert (suggestion.status, suggestion.closed_by) == ("applied", curator)
    assert suggestion.reason == f"Published from draft #{published.pk}: {TITLE}"


def test_a_sentence_given_twice_for_one_fact_is_one_piece_of_evidence(curator):
    quote = "signed a memorandum of understanding on Tuesday"
    published = publish_draft(
        draft=kept(draft(evidence=[{"fact": "kind", "quote": quote}, {"fact": "kind", "quote": quote}])), curator=curator,
    )
    assert published.agreements.get().evidence.filter(fact="kind").count() == 1


def corrected(**changes):
    """The test draft with the curator's changes to its first agreement (what the review form would give)."""
    return draft(**changes)


@pytest.mark.parametrize("change, path, message", [
    ({"signed_on": "2025-05-12"}, (0, "date"), "The cited sentence does not state 12 May 2025"),
    ({"signed_on": "2024-03-01", "signed_on_precision": "month"}, (0, "date"), "does not state March 2024"),
    ({"kind": "renewal"}, (0, "kind"), "does not state Renewal"),
    ({"people": [{**DRAFT["agreements"][0]["people"][0], "name": "Nguyen Thi Lan"}]}, (0, "people", 0),
     "does not state Nguyen Thi Lan"),
    ({"parties": [DRAFT["agreements"][0]["parties"][0], {**DRAFT["agreements"][0]["parties"][1], "institution": "seoul-national-university-hospital"}]},
     (0, "parties", 1), "does not state Seoul National University Hospital"),
])
def test_a_changed_fact_its_sentence_does_not_state_is_refused_and_nothing_is_written(curator, change, path, message):
    counts = (Agreement.objects.count(), Source.objects.count(), Institution.objects.count(), Evidence.objects.count())

    with pytest.raises(UnstatedFactsError, match=message) as refusal:
        publish_draft(draft=kept(), curator=curator, proposal=corrected(**change))

    assert [(problem.path, problem.message.endswith(": cite the sentence that does, or write a note.")) for problem in refusal.value.problems] == [(path, True)]
    assert (Agreement.objects.count(), Source.objects.count(), Institution.objects.count(), Evidence.objects.count()) == counts
    assert Draft.objects.get().status == Draft.Status.OPEN


def test_a_changed_date_cited_by_a_sentence_that_states_it_is_published(curator):
    evidence = [{"fact": "kind", "quote": "signed a memorandum of understanding on Tuesday"}, {"fact": "date", "quote": "March 4, 2025"}]

    publish_draft(draft=kept(), curator=curator, proposal=corrected(signed_on="2025-03-01", signed_on_precision="month", evidence=evidence))

    agreement = Agreement.objects.get(title=TITLE)
    assert (str(agreement.signed_on), agreement.evidence.get(fact="date").quote) == ("2025-03-01", "March 4, 2025")


def test_a_note_lets_a_changed_fact_be_published_and_is_kept_with_its_evidence(curator):
    note = "The hospital's own announcement of 13 May gives the 12th."
    evidence = [DRAFT["agreements"][0]["evidence"][0], {"fact": "date", "quote": "HANOI, March 4, 2025", "note": note}]

    publish_draft(draft=kept(), curator=curator, proposal=corrected(signed_on="2025-05-12", evidence=evidence))

    agreement = Agreement.objects.get(title=TITLE)
    assert list(agreement.evidence.filter(fact="date").values_list("quote", "note")) == [("HANOI, March 4, 2025", note)]


def test_a_fact_left_as_drafted_is_not_checked_again_after_corrections_are_saved(curator):
    kept_draft = kept(draft(evidence=[{"fact": "date", "quote": "The two hospitals will exchange physicians"}]))
    kept_draft.proposal = corrected(signed_on="2025-05-12")
    kept_draft.save()

    # The saved correction is still a change from what was drafted.
    with pytest.raises(UnstatedFactsError):
        publish_draft(draft=kept_draft, curator=curator)
    # The assistant's own date and sentence are what it drafted, however weak the sentence.
    assert publish_draft(draft=kept_draft, curator=curator, proposal=kept_draft.drafted).status == Draft.Status.PUBLISHED


def test_a_new_party_gets_its_city_and_other_names_and_the_agreement_its_summary(curator):
    party = {
        "name": "Hanoi Medical University", "institution": None, "country": "VN", "kind": "university", "parent": None,
        "city": "Hanoi", "evidence": "", "note": "Named in the hospital's newsletter of March 2025.",
        "other_names": [{"name": "HMU", "kind": "acronym", "language": ""},
                        {"name": "Trường Đại học Y Hà Nội", "kind": "native", "language": "vi"}],
    }
    proposal = corrected(parties=[*DRAFT["agreements"][0]["parties"], party], summary="Training in organ transplantation.")

    publish_draft(draft=kept(), curator=curator, proposal=proposal)

    agreement = Agreement.objects.get(title=TITLE)
    institution = Institution.objects.get(name="Hanoi Medical University")
    assert (institution.city, institution.short_name, agreement.summary) == ("Hanoi", "HMU", "Training in organ transplantation.")
    assert sorted(institution.other_names.values_list("name", "kind", "language")) == [
        ("HMU", "acronym", ""), ("Trường Đại học Y Hà Nội", "native", "vi"),
    ]
    assert agreement.evidence.get(party__institution=institution).note == "Named in the hospital's newsletter of March 2025."


def test_a_new_party_is_stated_by_a_sentence_that_gives_one_of_its_other_names(curator):
    joined = "Trường Đại học Y Hà Nội will send its transplant residents."
    party = {
        "name": "Hanoi Medical University", "institution": None, "country": "VN", "kind": "university", "parent": None,
        "evidence": joined, "other_names": [{"name": "Trường Đại học Y Hà Nội", "kind": "native", "language": "vi"}],
    }
    kept_draft = keep_draft(text=f"{ARTICLE}\n{joined}\n", url=DRAFT["source"]["url"], proposal=DRAFT)

    publish_draft(draft=kept_draft, curator=curator, proposal=corrected(parties=[*DRAFT["agreements"][0]["parties"], party]))

    assert Agreement.objects.get(title=TITLE).parties.filter(institution__name="Hanoi Medical University").exists()


def test_a_renamed_party_is_not_stated_by_the_other_name_it_was_drafted_with(curator):
    renamed = {**DRAFT["agreements"][0]["parties"][0], "name": "Hanoi Heart Hospital"}

    with pytest.raises(UnstatedFactsError, match="does not state Hanoi Heart Hospital"):
        publish_draft(draft=kept(), curator=curator, proposal=corrected(parties=[renamed, DRAFT["agreements"][0]["parties"][1]]))
