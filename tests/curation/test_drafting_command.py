"""python manage.py draft_from_article: a text or saved page in, the draft out, nothing saved."""
import io
import json

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from partnerships.models import Agreement
from tests.curation.drafting_expectations import ARTICLES

SOURCE = settings.SOURCE_ARCHIVE_DIR / "003_bd12680f262d4d33.txt"


def run(*args):
    out = io.StringIO()
    call_command("draft_from_article", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_drafting_command_prints_the_json_contract():
    before = Agreement.objects.count()

    draft = json.loads(run(str(SOURCE), "--url", "http://www.koreabiomed.com/news/articleView.html?idxno=1458"))

    assert set(draft) == {"source", "agreements", "warnings"}
    assert draft["source"]["url"] == "http://www.koreabiomed.com/news/articleView.html?idxno=1458"
    assert draft["agreements"][0]["signed_on"] == "2017-09-20"
    assert Agreement.objects.count() == before


@pytest.mark.django_db
def test_drafting_command_takes_the_publication_date_given(tmp_path):
    path = tmp_path / "no_date.txt"
    path.write_text(
        "Acme University Hospital and Seoul National University Hospital signed an MoU on Monday in Seoul.",
        encoding="utf-8",
    )

    draft = json.loads(run(str(path), "--published", "2025-01-08"))

    assert draft["source"]["published_on"] == "2025-01-08"
    # Monday on or before Wednesday 8 January 2025.
    assert draft["agreements"][0]["signed_on"] == "2025-01-06"


@pytest.mark.django_db
def test_drafting_command_reads_a_saved_page_as_text():
    printed = run(str(ARTICLES / "page_keio_vinmec.html"), "--format", "text")

    assert printed.startswith("Keio University Hospital and Vinmec sign MoU on regenerative medicine\n")
    assert "publisher: Asia Health Wire   published: 2025-03-14" in printed
    assert "- Keio University Hospital [new] academic_medical_center JP (also 慶應義塾大学病院)" in printed
    assert "- Tran Van Phuc, CEO of Vinmec International Hospital: signed" in printed


@pytest.mark.django_db
def test_drafting_command_refuses_a_missing_file_or_a_bad_date(tmp_path):
    with pytest.raises(CommandError, match="No such file"):
        run(str(tmp_path / "missing.txt"))
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        run(str(SOURCE), "--published", "21.09.2017")
    binary = tmp_path / "page.html"
    binary.write_bytes(b"\xff\xfe\x00not text")
    with pytest.raises(CommandError, match="not UTF-8"):
        run(str(binary))
