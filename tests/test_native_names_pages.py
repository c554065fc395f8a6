"""Content in the reader's language where it exists: an institution's Chinese or Arabic name on the
Chinese or Arabic pages (as ROR's labels or a published draft record them), the recorded name beside it."""
import pytest
from django.test import Client

from institutions.models import Institution, InstitutionName

pytestmark = pytest.mark.django_db

NAMES = [
    ("zh-hans", "tsinghua-university", "清华大学", "zh"),
    ("ar", "emirates-health-services", "مؤسسة الإمارات للخدمات الصحية", "ar"),
]


@pytest.mark.parametrize(("prefix", "slug", "native", "language"), NAMES)
def test_a_native_name_in_the_readers_script_is_shown_on_every_page_naming_the_institution(client, prefix, slug, native, language):
    institution = Institution.objects.get(slug=slug)
    InstitutionName.objects.create(institution=institution, name=native, kind="native", language=language)
    agreement = institution.parties.select_related("agreement").first().agreement
    pages = {
        "institution": f"/{prefix}/institutions/{slug}/",
        "institutions": f"/{prefix}/institutions/?country={institution.country}",
        "agreement": f"/{prefix}/partnerships/{agreement.slug}/",
        "agreements": f"/{prefix}/partnerships/?institution={slug}",
    }
    for name, address in pages.items():
        response = client.get(address)
        assert response.status_code == 200, address
        assert native in response.content.decode(), (name, address)
    # An English reader (no language chosen) reads the recorded name.
    english = Client().get(f"/partnerships/{agreement.slug}/", HTTP_ACCEPT_LANGUAGE="en")
    assert institution.name in english.content.decode() and native not in english.content.decode()
