"""Evidence quoted once: a sentence that opens with its own quotation mark gets no second pair of marks."""
import pytest

from partnerships.models import Evidence
from tests.factories import AgreementFactory, SourceFactory

pytestmark = pytest.mark.django_db


def test_a_quote_in_its_own_marks_is_not_quoted_again_and_a_plain_one_is(client):
    agreement = AgreementFactory()
    source = SourceFactory()
    agreement.sources.add(source)
    Evidence.objects.create(agreement=agreement, source=source, fact="kind", quote="“We are proud to sign,” said the dean.")
    Evidence.objects.create(agreement=agreement, source=source, fact="date", quote="The memorandum was signed on Monday.")

    text = client.get(agreement.get_absolute_url()).content.decode()

    assert "““" not in text and "“&quot;" not in text
    assert "“We are proud to sign,” said the dean." in text
    assert "“The memorandum was signed on Monday.”" in text
