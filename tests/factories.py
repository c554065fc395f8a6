import factory

from institutions.models import Institution, InstitutionName
from partnerships.models import Agreement, AgreementArea, AgreementParty, Area, Participation, Person, Source


class InstitutionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Institution

    name = factory.Sequence(lambda n: f"Test Hospital {n}")
    slug = factory.Sequence(lambda n: f"test-hospital-{n}")
    kind = Institution.Kind.HOSPITAL
    country = "FR"


class InstitutionNameFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InstitutionName

    institution = factory.SubFactory(InstitutionFactory)
    name = factory.Sequence(lambda n: f"TH{n}")
    kind = InstitutionName.Kind.ACRONYM


class AreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Area

    name = factory.Sequence(lambda n: f"Test area {n}")
    slug = factory.Sequence(lambda n: f"test-area-{n}")


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    slug = factory.Sequence(lambda n: f"test-source-{n}")
    kind = Source.Kind.REPORT
    headline = factory.Sequence(lambda n: f"Test report {n}")
    publisher = "Test Publisher"


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"Test Person {n}")
    slug = factory.Sequence(lambda n: f"test-person-{n}")


class AgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agreement

    title = factory.Sequence(lambda n: f"Test agreement {n}")
    slug = factory.Sequence(lambda n: f"test-agreement-{n}")
    kind = Agreement.Kind.MOU
    signed_on = None
    signed_on_precision = Agreement.Precision.UNKNOWN


class AgreementPartyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgreementParty

    agreement = factory.SubFactory(AgreementFactory)
    institution = factory.SubFactory(InstitutionFactory)


class AgreementAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgreementArea

    agreement = factory.SubFactory(AgreementFactory)
    area = factory.SubFactory(AreaFactory)


class ParticipationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participation

    agreement = factory.SubFactory(AgreementFactory)
    person = factory.SubFactory(PersonFactory)
    role = Participation.Role.SIGNED
