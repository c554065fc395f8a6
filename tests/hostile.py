"""A directory entry with markup and script in every text field, for the hostile-input tests.

Plain ORM, no factories: the browser test runs `create_hostile_agreement()` in its own server's
database through `manage.py shell`.
"""
import datetime

SCRIPT = "<script>window.__pwned=1</script>"
IMAGE = "<img src=x onerror=\"window.__pwned=1;alert('x')\">"
PAYLOAD = f"{SCRIPT}{IMAGE}&amp; \"quoted\" 'single'"

AGREEMENT_SLUG = "hostile-agreement"
INSTITUTION_SLUG = "hostile-hospital"
PARTNER_SLUG = "hostile-partner"
PERSON_SLUG = "hostile-person"
AREA_SLUG = "hostile-area"


def hostile(label):
    return f"{label} {PAYLOAD}"


def create_hostile_agreement():
    """Create an agreement whose every shown text (and its parties', person's, source's) carries the payload."""
    from institutions.models import Institution, InstitutionName
    from partnerships.models import (
        Agreement, AgreementArea, AgreementParty, Area, Evidence, Participation, Person, Source,
    )

    hospital = Institution.objects.create(
        slug=INSTITUTION_SLUG, name=hostile("Hospital"), short_name=f"H {SCRIPT}", kind="hospital", country="KR",
        city=hostile("City"), description=hostile("Description"),
    )
    InstitutionName.objects.create(institution=hospital, name=hostile("Other name"), kind="alternative")
    partner = Institution.objects.create(
        slug=PARTNER_SLUG, name=hostile("Partner"), kind="university", country="DE", parent=None,
    )
    area = Area.objects.create(slug=AREA_SLUG, name=f"Area {SCRIPT}"[:128], description=hostile("Area description"))
    person = Person.objects.create(slug=PERSON_SLUG, name=hostile("Person"), native_name=hostile("Native"))
    source = Source.objects.create(
        slug="hostile-source", kind="report", headline=hostile("Headline"), publisher=hostile("Publisher"),
        author=hostile("Author"), url="https://example.org/report",
    )
    agreement = Agreement.objects.create(
        slug=AGREEMENT_SLUG, title=hostile("Title"), kind="mou",
        signed_on=datetime.date(2099, 1, 1), signed_on_precision="day",
        place=hostile("Place"), summary=hostile("Summary"),
    )
    party = AgreementParty.objects.create(agreement=agreement, institution=hospital)
    AgreementParty.objects.create(agreement=agreement, institution=partner)
    AgreementArea.objects.create(agreement=agreement, area=area)
    participation = Participation.objects.create(
        agreement=agreement, person=person, institution=hospital, title=hostile("Job title"), role="signed",
    )
    agreement.sources.add(source)
    Evidence.objects.create(agreement=agreement, source=source, fact="party", party=party, quote=hostile("Quote"))
    Evidence.objects.create(
        agreement=agreement, source=source, fact="person", participation=participation, note=hostile("Note"),
    )
    Evidence.objects.create(agreement=agreement, source=source, fact="place", note=hostile("Place note"))
    return agreement
