"""Facts the sources give differently: each source's value beside the one recorded, and why."""
import re

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from partnerships.models import Disagreement, ReportedValue, Source

pytestmark = pytest.mark.django_db


def test_api_shows_each_sources_date_beside_the_one_recorded(client):
    body = client.get("/api/v1/agreements/ehs-amc-mou-2024/").json()

    assert body["signed_on"] == "2024-01-29"
    [date] = body["disagreements"]
    assert (date["fact"], date["party"], date["recorded_value"]) == ("date", None, "29 January 2024")
    assert "is the day it was published, not the day of the signing" in date["reason"]
    assert [(value["source"], value["value"]) for value in date["reported_values"]] == [
        ("zawya-ehs-amc-mou-2024", "20 February 2024 (the press release's date line)"),
        ("etoday-2024-02-01", "29 January 2024"),
        ("kormedi-ehs-amc-mou", "29 January 2024"),
    ]
    assert date["reported_values"][0]["quote"].startswith("date 2024-02-20 Dubai, UAE")


def test_api_shows_the_names_the_sources_give_a_party(client):
    [name] = client.get("/api/v1/agreements/charite-sccc-mou-2023/").json()["disagreements"]

    assert (name["fact"], name["party"], name["recorded_value"]) == (
        "party_name", "samsung-comprehensive-cancer-center", "Samsung Comprehensive Cancer Center",
    )
    assert [(value["source"], value["value"]) for value in name["reported_values"]] == [
        ("news-medical-charite-sccc-2023", "Samsung Comprehensive Cancer Center"),
        ("hankyung-2024-11-04", "Samsung Medical Center (삼성서울병원)"),
    ]


def test_agreement_without_disagreement_has_an_empty_list_and_no_section(client):
    assert client.get("/api/v1/agreements/snuh-amc-snubh-medical-data-2017/").json()["disagreements"] == []
    assert "Where the sources differ" not in client.get("/partnerships/snuh-amc-snubh-medical-data-2017/").text


def test_agreement_page_shows_the_values_side_by_side_with_the_reason(client):
    text = client.get("/partnerships/ehs-amc-mou-2024/").text
    section = text[text.index('id="disagreements-heading"'):text.index('id="sources-heading"')]
    rows = [
        [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", cell)).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
        for row in section.split("<tr>")[2:]
    ]

    assert "Date signed — recorded as <strong dir=\"auto\"><bdi>29 January 2024</bdi></strong>" in section
    assert [row[:2] for row in rows] == [
        ["[1] Zawya (Emirates Health Services press release)", "20 February 2024 (the press release&#x27;s date line)"],
        ["[3] Etoday", "29 January 2024"],
        ["[4] Kormedi", "29 January 2024"],
    ]
    assert "Why this value:" in section
    # Each source's number leads to the same source in the list below.
    assert '<li class="source" id="source-3">' in text and "Etoday" in text[text.index('id="source-3"'):][:600]


def test_curated_values_are_supported_by_their_sources():
    values = ReportedValue.objects.select_related("source", "disagreement__agreement")

    assert values.count() == 5
    for value in values:
        # A quote is verbatim from the archived article; a report without text has a note.
        if value.source.archive_file:
            assert value.quote and value.source.contains(value.quote)
        else:
            assert value.note and not value.quote
        assert value.source in value.disagreement.agreement.sources.all()
        value.full_clean()


def test_a_quote_the_article_does_not_hold_is_refused():
    value = ReportedValue.objects.filter(source__archive_file__gt="").first()
    value.quote = "A sentence the article never printed."

    with pytest.raises(ValidationError) as error:
        value.full_clean()
    assert error.value.message_dict == {"quote": ["The archived text of this source does not contain this quote."]}


def test_disagreement_rules_live_in_the_database():
    disagreement = Disagreement.objects.get(fact="date")

    with pytest.raises(IntegrityError), transaction.atomic():
        ReportedValue.objects.create(disagreement=disagreement, source=Source.objects.get(slug="etoday-2024-02-01"),
                                     value="again", note="twice")
    with pytest.raises(IntegrityError), transaction.atomic():
        Disagreement.objects.create(agreement=disagreement.agreement, fact="party_name", recorded_value="x", reason="y")
    with pytest.raises(IntegrityError), transaction.atomic():
        ReportedValue.objects.create(disagreement=disagreement, source=Source.objects.get(slug="ror"), value="x")
