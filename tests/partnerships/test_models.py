import datetime

import pytest
from django.db import IntegrityError, transaction

from partnerships.models import Agreement, Evidence
from tests.factories import (
    AgreementAreaFactory,
    AgreementFactory,
    AgreementPartyFactory,
    AreaFactory,
    InstitutionFactory,
    ParticipationFactory,
    PersonFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db


def assert_rejected(create):
    with pytest.raises(IntegrityError), transaction.atomic():
        create()


def test_agreement_slug_is_unique():
    AgreementFactory(slug="same")
    assert_rejected(lambda: AgreementFactory(slug="same"))


def test_institution_is_party_to_an_agreement_at_most_once():
    party = AgreementPartyFactory()
    assert_rejected(lambda: AgreementPartyFactory(agreement=party.agreement, institution=party.institution))


def test_area_is_on_an_agreement_at_most_once():
    link = AgreementAreaFactory()
    assert_rejected(lambda: AgreementAreaFactory(agreement=link.agreement, area=link.area))


def test_person_has_each_role_at_most_once_per_agreement():
    part = ParticipationFactory(role="signed")
    ParticipationFactory(agreement=part.agreement, person=part.person, role="spoke")
    assert_rejected(lambda: ParticipationFactory(agreement=part.agreement, person=part.person, role="signed"))


@pytest.mark.parametrize(
    ("signed_on", "precision"),
    [
        (None, "day"),
        (None, "month"),
        (datetime.date(2024, 1, 29), "unknown"),
        (datetime.date(2023, 7, 15), "month"),
        (datetime.date(2023, 7, 1), "year"),
    ],
)
def test_date_precision_must_match_the_date(signed_on, precision):
    assert_rejected(lambda: AgreementFactory(signed_on=signed_on, signed_on_precision=precision))


@pytest.mark.parametrize(
    ("signed_on", "precision", "shown"),
    [
        (datetime.date(2024, 1, 29), "day", "29 January 2024"),
        (datetime.date(2019, 9, 1), "month", "September 2019"),
        (datetime.date(2017, 1, 1), "year", "2017"),
        (None, "unknown", "date not reported"),
    ],
)
def test_date_is_written_with_its_precision(signed_on, precision, shown):
    agreement = AgreementFactory(signed_on=signed_on, signed_on_precision=precision)
    agreement.refresh_from_db()
    assert str(agreement.signed_on_display) == shown


def test_institution_cannot_be_its_own_parent():
    institution = InstitutionFactory()
    institution.parent = institution
    assert_rejected(institution.save)


def test_evidence_needs_a_quote_or_a_note():
    agreement = AgreementFactory()
    assert_rejected(lambda: Evidence.objects.create(agreement=agreement, source=SourceFactory(), fact="date"))


def test_evidence_for_a_party_must_name_the_party():
    agreement = AgreementFactory()
    assert_rejected(
        lambda: Evidence.objects.create(agreement=agreement, source=SourceFactory(), fact="party", note="x")
    )


def test_evidence_for_a_date_must_not_name_a_party():
    party = AgreementPartyFactory()
    assert_rejected(
        lambda: Evidence.objects.create(
            agreement=party.agreement, source=SourceFactory(), fact="date", party=party, note="x"
        )
    )


def test_same_evidence_is_recorded_once():
    agreement = AgreementFactory()
    source = SourceFactory()
    Evidence.objects.create(agreement=agreement, source=source, fact="date", note="Signed in May.")
    assert_rejected(
        lambda: Evidence.objects.create(agreement=agreement, source=source, fact="date", note="Signed in May.")
    )


def test_area_under_a_narrower_area_is_refused_by_validation():
    from django.core.exceptions import ValidationError

    top = AreaFactory()
    middle = AreaFactory(parent=top)
    with pytest.raises(ValidationError):
        AreaFactory.build(parent=middle).full_clean()


def test_evidence_quote_must_occur_in_the_archived_article():
    from django.core.exceptions import ValidationError

    from partnerships.models import Source

    article = Source.objects.get(slug="zawya-ehs-amc-mou-2024")
    agreement = Agreement.objects.get(slug="ehs-amc-mou-2024")
    made_up = Evidence(agreement=agreement, source=article, fact="kind", quote="signed a treaty on the Moon")
    with pytest.raises(ValidationError) as error:
        made_up.full_clean()
    assert "quote" in error.value.message_dict
    found = Evidence(agreement=agreement, source=article, fact="kind", quote="has signed an MoU with Asan Medical Center")
    found.full_clean()


def test_person_slug_is_unique():
    PersonFactory(slug="same")
    assert_rejected(lambda: PersonFactory(slug="same"))
