import pytest
from django.urls import reverse

from institutions.models import Institution
from partnerships.models import Agreement, Area, Person, Source

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", [Agreement, Institution, Area, Person, Source])
def test_admin_list_and_change_pages_answer(admin_client, model):
    opts = model._meta
    listing = admin_client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
    assert listing.status_code == 200
    row = model.objects.order_by("pk").first()
    change = admin_client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[row.pk]))
    assert change.status_code == 200
    add = admin_client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_add"))
    assert add.status_code == 200


def changelist_titles(admin_client, **params):
    response = admin_client.get(reverse("admin:partnerships_agreement_changelist"), params)
    assert response.status_code == 200
    return {agreement.slug for agreement in response.context["cl"].result_list}


@pytest.mark.parametrize(
    ("term", "expected"),
    [
        ("SNUH", {"cedars-sinai-snuh-inthesmart-mou-2019", "snuh-amc-snubh-medical-data-2017"}),
        ("서울아산병원", {"snuh-amc-snubh-medical-data-2017", "ehs-amc-mou-2024"}),
        ("Tsinghua", {"cedars-sinai-tsinghua-healthcare-leaders"}),
        ("Keilholz", {"charite-sccc-mou-2023"}),
    ],
)
def test_admin_finds_agreements_by_any_name(admin_client, term, expected):
    assert changelist_titles(admin_client, q=term) == expected


def test_admin_filters_agreements_by_country_and_area(admin_client):
    assert changelist_titles(admin_client, country="AE") == {"ehs-amc-mou-2024"}
    assert changelist_titles(admin_client, area="oncology") == {
        "cedars-sinai-snuh-inthesmart-mou-2019", "charite-sccc-mou-2023",
    }
    assert changelist_titles(admin_client, kind="collaboration") == {
        "cedars-sinai-taikang-shenzhen-hospital", "cedars-sinai-tsinghua-healthcare-leaders",
    }


def test_admin_finds_institutions_by_acronym_and_native_name(admin_client):
    url = reverse("admin:institutions_institution_changelist")
    for term, slug in [("AMC", "asan-medical-center"), ("서울대병원", "seoul-national-university-hospital")]:
        response = admin_client.get(url, {"q": term})
        assert slug in {row.slug for row in response.context["cl"].result_list}


def test_curator_adds_an_agreement_with_its_party_through_the_admin(admin_client):
    url = reverse("admin:partnerships_agreement_add")
    charite = Institution.objects.get(slug="charite")
    tsinghua = Institution.objects.get(slug="tsinghua-university")
    inline_management = {}
    for prefix in ["parties", "agreement_areas", "participations", "events", "evidence", "disagreements"]:
        inline_management |= {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}
    data = {
        "title": "Charité – Tsinghua exchange",
        "slug": "charite-tsinghua-exchange",
        "kind": "mou",
        "signed_on": "2025-03-01",
        "signed_on_precision": "month",
        "sources": [Source.objects.get(slug="ror").pk],
        **inline_management,
        "parties-TOTAL_FORMS": "2",
        "parties-0-institution": charite.pk,
        "parties-0-role": "party",
        "parties-1-institution": tsinghua.pk,
        "parties-1-role": "party",
    }
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].errors if response.context else response
    agreement = Agreement.objects.get(slug="charite-tsinghua-exchange")
    assert set(agreement.institutions.values_list("slug", flat=True)) == {"charite", "tsinghua-university"}


def test_admin_refuses_a_day_in_a_month_precision_date(admin_client):
    url = reverse("admin:partnerships_agreement_add")
    data = {
        "title": "Bad date", "slug": "bad-date", "kind": "mou",
        "signed_on": "2025-03-15", "signed_on_precision": "month",
        "sources": [Source.objects.get(slug="ror").pk],
    }
    for prefix in ["parties", "agreement_areas", "participations", "events", "evidence", "disagreements"]:
        data |= {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert response.context["adminform"].form.non_field_errors()
    assert not Agreement.objects.filter(slug="bad-date").exists()


PASSWORD = "a-curators-long-passphrase"


@pytest.fixture
def curator(django_user_model):
    return django_user_model.objects.create_user("curator", password=PASSWORD, is_staff=True, is_superuser=True)


def sign_in(client, password, username="curator", next_url="/admin/", **request):
    return client.post(f"/admin/login/?next={next_url}", {"username": username, "password": password}, **request)


def test_admin_sign_in_with_a_refused_next_lands_in_the_admin(client, curator):
    response = sign_in(client, PASSWORD, next_url="https://evil.example/")

    assert (response.status_code, response["Location"]) == (302, "/admin/")


def test_admin_sign_in_signs_a_curator_in(client, curator):
    response = sign_in(client, PASSWORD)

    assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert client.get("/admin/").status_code == 200


def fail_five_times(client, **request):
    """Return the statuses of five sign-ins with a wrong password; the fifth failure locks."""
    return [sign_in(client, "wrong", **request).status_code for _ in range(5)]


def test_admin_sign_in_is_locked_after_five_failures(client, curator):
    assert fail_five_times(client) == [200, 200, 200, 200, 429]

    response = sign_in(client, PASSWORD)

    assert (response.status_code, response["Content-Type"]) == (429, "text/html; charset=utf-8")
    assert "<h1>Too many failed sign-ins</h1>" in response.text
    assert "Try again in 15 minutes, or ask an administrator to unlock the account." in response.text
    assert client.get("/admin/").status_code == 302


def test_admin_lockout_is_per_user_and_address(client, curator, django_user_model):
    django_user_model.objects.create_user("colleague", password=PASSWORD, is_staff=True)
    fail_five_times(client)

    assert sign_in(client, PASSWORD, username="colleague").status_code == 302
    assert sign_in(client, PASSWORD, REMOTE_ADDR="192.0.2.7").status_code == 302


def test_admin_lockout_counts_the_client_behind_the_proxies_the_settings_name(client, curator, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}
    fail_five_times(client, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.1")

    # The same client through another proxy address is still locked; another client is not.
    assert sign_in(client, PASSWORD, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.1").status_code == 429
    assert sign_in(client, PASSWORD, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.2").status_code == 302


def test_admin_success_forgets_earlier_failures(client, curator):
    for _ in range(4):
        sign_in(client, "wrong")
    assert sign_in(client, PASSWORD).status_code == 302
    client.logout()

    for _ in range(4):
        sign_in(client, "wrong")
    assert sign_in(client, PASSWORD).status_code == 302


@pytest.mark.parametrize("command", [["axes_reset"], ["axes_reset_username", "curator"]])
def test_locked_out_curator_signs_in_after_a_reset(client, curator, command):
    from django.core.management import call_command

    fail_five_times(client)
    call_command(*command, verbosity=0)

    assert sign_in(client, PASSWORD).status_code == 302
