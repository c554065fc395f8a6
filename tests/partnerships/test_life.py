"""An agreement's life: its dated events, its term, the status they give and the as_of and expiring_before filters."""
import datetime
import re

import pytest
from django.db import IntegrityError, transaction

from partnerships.models import Agreement, AgreementEvent, Evidence
from tests.factories import AgreementFactory, AgreementPartyFactory, InstitutionFactory, SourceFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today()


def agreement_with(slug, *, signed_on=None, precision="day", term_years=None, renewal_years=None, events=(),
                   countries=("KR", "JP")):
    """Return a saved agreement between institutions of the countries, with its events saved as a curator would."""
    agreement = AgreementFactory(
        slug=slug, signed_on=signed_on, signed_on_precision=precision if signed_on else "unknown",
        term_years=term_years, renewal_years=renewal_years,
    )
    for code in countries:
        AgreementPartyFactory(agreement=agreement, institution=InstitutionFactory(country=code))
    for kind, dated_on, *rest in events:
        AgreementEvent.objects.create(
            agreement=agreement, kind=kind, dated_on=dated_on, dated_on_precision=rest[0] if rest else "day",
            years=rest[1] if len(rest) > 1 else None,
        )
    agreement.refresh_from_db()
    return agreement


def listed(client, query):
    response = client.get(f"/api/v1/agreements/?{query}&page_size=200")
    assert response.status_code == 200, response.json()
    return sorted(row["slug"] for row in response.json()["results"] if row["slug"].startswith("life-"))


def test_term_gives_the_expiry_and_a_renewal_adds_its_years():
    agreement = agreement_with(
        "life-renewed", signed_on=datetime.date(2015, 3, 10), term_years=5, renewal_years=3,
        events=[("renewed", datetime.date(2020, 2, 1))],
    )

    # Five years from the signing, then three more from the old expiry.
    assert (agreement.in_force_from, agreement.expires_on, agreement.ended_on) == (
        datetime.date(2015, 3, 10), datetime.date(2023, 3, 10), None,
    )
    assert agreement.status == "expired"
    assert agreement.status_on(datetime.date(2022, 1, 1)) == "in_force"
    assert agreement.status_on(datetime.date(2015, 3, 9)) == "signed"


def test_an_event_in_force_from_wins_over_the_signing_and_an_end_ends_it():
    agreement = agreement_with(
        "life-ended", signed_on=datetime.date(2018, 5, 1), precision="month",
        events=[("in_force", datetime.date(2018, 9, 1)), ("ended", datetime.date(2021, 6, 30))],
    )

    assert (agreement.in_force_from, agreement.ended_on) == (datetime.date(2018, 9, 1), datetime.date(2021, 6, 30))
    assert [agreement.status_on(datetime.date(*day)) for day in [(2018, 8, 31), (2019, 1, 1), (2021, 6, 30)]] == [
        "signed", "in_force", "ended",
    ]


def test_a_renewal_of_unstated_length_leaves_the_end_open():
    agreement = agreement_with(
        "life-open", signed_on=datetime.date(2010, 1, 1), term_years=2, events=[("renewed", datetime.date(2012, 1, 1))]
    )

    assert (agreement.expires_on, agreement.status) == (None, "in_force")


def test_dates_follow_an_event_deleted_or_changed():
    agreement = agreement_with(
        "life-edited", signed_on=datetime.date(2019, 1, 1), events=[("expires", datetime.date(2020, 1, 1))]
    )
    event = agreement.events.get()
    event.dated_on = datetime.date(2030, 1, 1)
    event.save()
    agreement.refresh_from_db()
    assert agreement.expires_on == datetime.date(2030, 1, 1)

    event.delete()
    agreement.refresh_from_db()
    assert agreement.expires_on is None


def test_a_month_precise_signing_counts_from_the_last_day_of_that_month():
    agreement = agreement_with("life-month", signed_on=datetime.date(2020, 2, 1), precision="month")

    assert agreement.in_force_from == datetime.date(2020, 2, 29)


def test_event_rules_live_in_the_database():
    agreement = agreement_with("life-rules", signed_on=datetime.date(2020, 1, 1))

    with pytest.raises(IntegrityError), transaction.atomic():
        AgreementEvent.objects.create(agreement=agreement, kind="ended", dated_on="2021-01-05", dated_on_precision="month")
    with pytest.raises(IntegrityError), transaction.atomic():
        AgreementEvent.objects.create(agreement=agreement, kind="ended", dated_on="2021-01-01", years=3)
    with pytest.raises(IntegrityError), transaction.atomic():
        # Evidence for an event names the event.
        Evidence.objects.create(agreement=agreement, source=SourceFactory(), fact="event", note="Reports its end.")


def test_as_of_lists_the_agreements_in_force_on_that_day(client):
    agreement_with("life-old", signed_on=datetime.date(2010, 1, 1), term_years=5)
    agreement_with("life-current", signed_on=datetime.date(2019, 6, 1), events=[("ended", datetime.date(2022, 1, 1))])
    agreement_with("life-future", signed_on=datetime.date(2019, 6, 1), events=[("in_force", datetime.date(2021, 1, 1))])
    agreement_with("life-elsewhere", signed_on=datetime.date(2019, 1, 1), countries=("FR", "DE"))

    assert listed(client, "as_of=2020-01-01") == ["life-current", "life-elsewhere"]
    assert listed(client, "as_of=2020-01-01&country=KR") == ["life-current"]
    assert listed(client, "as_of=2012-06-01") == ["life-old"]
    assert listed(client, "as_of=2021-06-01") == ["life-current", "life-elsewhere", "life-future"]
    assert listed(client, "as_of=2022-01-01") == ["life-elsewhere", "life-future"]


def test_between_a_country_and_any_other_in_force_on_a_day(client):
    agreement_with("life-abroad", signed_on=datetime.date(2019, 1, 1), countries=("KR", "JP"))
    agreement_with("life-at-home", signed_on=datetime.date(2019, 1, 1), countries=("KR", "KR"))
    agreement_with("life-abroad-later", signed_on=datetime.date(2021, 1, 1), countries=("KR", "US"))

    assert listed(client, "between=KR,*&as_of=2020-01-01") == ["life-abroad"]
    assert listed(client, "between=KR,*") == ["life-abroad", "life-abroad-later"]
    # The curated Korean agreements in force that day: one with Cedars-Sinai, one among Koreans.
    response = client.get("/api/v1/agreements/?between=KR,*&as_of=2020-01-01")
    assert [row["slug"] for row in response.json()["results"]] == ["cedars-sinai-snuh-inthesmart-mou-2019", "life-abroad"]
    page = client.get("/partnerships/?between=KR,*&as_of=2020-01-01")
    assert page.context["paginator"].count == 2
    assert "South Korea – any other country" in page.text
    refused = client.get("/api/v1/agreements/?between=*")
    assert refused.status_code == 400 and list(refused.json()) == ["between"]


def test_expiring_before_lists_terms_that_run_out_leaving_out_those_ended_first(client):
    agreement_with("life-runs-out", signed_on=datetime.date(2021, 1, 1), term_years=5)
    agreement_with("life-later", signed_on=datetime.date(2021, 1, 1), term_years=10)
    agreement_with(
        "life-ended-first", signed_on=datetime.date(2021, 1, 1), term_years=5,
        events=[("ended", datetime.date(2022, 1, 1))],
    )
    agreement_with("life-no-term", signed_on=datetime.date(2021, 1, 1))

    assert listed(client, "expiring_before=2027-01-01") == ["life-runs-out"]
    assert listed(client, "expiring_before=2027-01-01&as_of=2025-01-01") == ["life-runs-out"]
    assert listed(client, "expiring_before=2027-01-01&as_of=2026-06-01") == []
    assert listed(client, "expiring_before=2040-01-01") == ["life-later", "life-runs-out"]


def test_status_filter_uses_the_worked_out_status(client):
    agreement_with("life-s-expired", signed_on=datetime.date(2000, 1, 1), term_years=1)
    agreement_with("life-s-ended", signed_on=datetime.date(2000, 1, 1), events=[("ended", datetime.date(2001, 1, 1))])
    agreement_with("life-s-signed", signed_on=TODAY + datetime.timedelta(days=40))
    agreement_with("life-s-undated")

    assert listed(client, "status=expired") == ["life-s-expired"]
    assert listed(client, "status=ended") == ["life-s-ended"]
    assert listed(client, "status=signed") == ["life-s-signed", "life-s-undated"]
    assert listed(client, "status=expired&status=ended") == ["life-s-ended", "life-s-expired"]
    rows = {row["slug"]: row for row in client.get("/api/v1/agreements/?page_size=200").json()["results"]}
    assert (rows["life-s-expired"]["status"], rows["life-s-expired"]["expires_on"]) == ("expired", "2001-01-01")


@pytest.mark.parametrize("query, parameter, message", [
    ("as_of=2020-13-01", "as_of", "as_of must be a date written YYYY-MM-DD, e.g. 2020-01-01."),
    ("as_of=yesterday", "as_of", "as_of must be a date written YYYY-MM-DD, e.g. 2020-01-01."),
    ("expiring_before=2030-02-30", "expiring_before",
     "expiring_before must be a date written YYYY-MM-DD, e.g. 2030-01-01."),
    ("status=active", "status", "Select a valid choice. active is not one of the available choices."),
])
def test_bad_dates_are_refused_by_name(client, query, parameter, message):
    for address in ["/api/v1/agreements/", "/api/v1/agreements/facets/", "/api/v1/agreements/network/"]:
        response = client.get(f"{address}?{query}")
        assert (response.status_code, response.json()) == (400, {parameter: [message]})

    page = client.get(f"/partnerships/?{query}")
    assert page.status_code == 200
    assert f"<li>{message}</li>" in page.text.replace("&#x27;", "'")
    assert page.context["paginator"].count == 0 or not page.context["object_list"]


def count_maps(facets):
    def flat(options):
        found = {}
        for option in options:
            found[str(option["value"])] = option["count"]
            found.update(flat(option.get("children", [])))
        return found

    # counted_over_newest is not a facet: it says whether some were counted over the newest only.
    return {name: flat(options) for name, options in facets.items() if name != "counted_over_newest"}


@pytest.mark.parametrize("query", [
    "as_of=2020-01-01", "as_of=2020-01-01&country=KR", "as_of=2012-06-01&kind=mou",
    "expiring_before=2030-01-01&country=KR", "as_of=2021-06-01&expiring_before=2040-01-01",
])
def test_sidebar_and_api_facets_agree_for_dates_in_force(client, query):
    agreement_with("life-f-old", signed_on=datetime.date(2010, 1, 1), term_years=5)
    agreement_with("life-f-current", signed_on=datetime.date(2019, 6, 1), term_years=20)
    agreement_with("life-f-elsewhere", signed_on=datetime.date(2019, 1, 1), countries=("FR", "DE"))

    page = client.get(f"/partnerships/?{query}")
    api = client.get(f"/api/v1/agreements/facets/?{query}")

    assert (page.status_code, api.status_code) == (200, 200)
    shown = count_maps(page.context["facets"])
    assert shown == {name: options for name, options in count_maps(api.json()).items() if name in shown}
    # The counts are those of the agreements in force, not of the whole directory.
    assert sum(api.json()["kind"][i]["count"] for i in range(len(api.json()["kind"]))) == page.context["paginator"].count


def test_facets_count_only_agreements_in_force(client):
    agreement_with("life-c-1", signed_on=datetime.date(2019, 6, 1), countries=("KR", "JP"))
    agreement_with("life-c-2", signed_on=datetime.date(2010, 1, 1), term_years=2, countries=("KR", "JP"))

    countries = {option["value"]: option["count"] for option in client.get(
        "/api/v1/agreements/facets/?as_of=2020-01-01&country=JP"
    ).json()["country"]}

    # Of the curated data, the 2017 and 2019 Korean agreements were in force; of these two, only the first.
    assert countries["JP"] == 1
    assert countries["KR"] == 3


@pytest.mark.parametrize("extra", [1, 20])
def test_list_in_force_on_a_day_queries_are_bounded(client, django_assert_max_num_queries, extra):
    for number in range(extra):
        agreement_with(f"life-q-{number}", signed_on=datetime.date(2019, 1, 1))

    with django_assert_max_num_queries(32):
        response = client.get("/partnerships/?as_of=2020-01-01&country=KR")
    assert response.status_code == 200
    with django_assert_max_num_queries(12):
        api = client.get("/api/v1/agreements/?as_of=2020-01-01&country=KR")
    assert api.json()["count"] == extra + 2


def test_agreement_page_shows_its_timeline_oldest_first(client):
    source = SourceFactory(publisher="Test Wire")
    agreement = agreement_with(
        "life-page", signed_on=datetime.date(2016, 4, 1), precision="month", term_years=5, renewal_years=5,
        events=[("renewed", datetime.date(2021, 3, 1), "month", 5), ("announced", datetime.date(2016, 5, 2))],
    )
    agreement.sources.add(source)
    renewal = agreement.events.get(kind="renewed")
    Evidence.objects.create(agreement=agreement, source=source, fact="event", event=renewal, note="Reports the renewal.")

    response = client.get("/partnerships/life-page/")
    text = response.text
    timeline = text[text.index('<ol class="timeline"'):text.index("</ol>", text.index('<ol class="timeline"'))]
    entries = [
        re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", item[item.index(">") + 1:])).strip()
        for item in timeline.split("<li")[1:]
    ]

    assert entries == [
        "Signed April 2016", "Announced 2 May 2016", "Renewed for 5 years March 2021 [1]",
    ]
    assert "Its term runs to 1 April 2026." in text
    assert "5 years, renewable by 5 years" in text
    detail = client.get("/api/v1/agreements/life-page/").json()
    assert [(event["kind"], event["dated_on"], event["years"]) for event in detail["events"]] == [
        ("announced", "2016-05-02", None), ("renewed", "2021-03-01", 5),
    ]
    assert detail["events"][1]["evidence"] == [
        {"fact": "event", "subject": "renewed/2021-03-01", "quote": "", "note": "Reports the renewal.",
         "source": source.slug},
    ]
    assert (detail["term_years"], detail["renewal_years"], detail["expires_on"]) == (5, 5, "2026-04-01")


def test_curated_agreements_have_only_the_events_their_sources_support():
    events = sorted(
        (event.agreement.slug, event.kind, event.dated_on.isoformat())
        for event in AgreementEvent.objects.select_related("agreement")
        if not event.agreement.slug.startswith("life-")
    )

    assert events == [
        ("charite-sccc-mou-2023", "announced", "2023-07-31"), ("ehs-amc-mou-2024", "announced", "2024-02-20"),
    ]
    for event in AgreementEvent.objects.all():
        assert event.evidence.exists()
        for evidence in event.evidence.filter(source__archive_file__gt=""):
            assert evidence.source.contains(evidence.quote)
    # The articles state no term and no end.
    assert not Agreement.objects.exclude(term_years=None).exists()
    assert not Agreement.objects.exclude(ended_on=None).exists()
