import json

import pytest

from partnerships.models import Agreement
from releases.snapshot import make_release


@pytest.fixture
def two_releases(releases_dir):
    make_release()
    agreement = Agreement.objects.get(slug="ehs-amc-mou-2024")
    agreement.place = "Seoul"
    agreement.save()
    return make_release()


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.mark.django_db
def test_release_list_page_shows_each_release_with_its_changes(client, two_releases):
    response = client.get("/releases/")

    page = response.content.decode()
    assert response.status_code == 200
    assert page.index("Release 2") < page.index("Release 1")
    assert "The first release." in page
    assert '<a href="/releases/2/datapackage.json">datapackage.json</a>' in page


@pytest.mark.django_db
def test_release_page_lists_files_and_old_and_new_values(client, two_releases):
    page = client.get("/releases/2/").content.decode()

    assert "Changes since release 1" in page
    assert "<del>Dubai World Trade Centre, Dubai (Arab Health 2024)</del> → <ins>Seoul</ins>" in page
    assert 'href="/releases/2/agreements.csv" download' in page
    assert "Hospital Partnerships Directory (release 2, " in page


@pytest.mark.django_db
@pytest.mark.parametrize("name, media_type", [
    ("agreements.csv", "text/csv; charset=utf-8"),
    ("agreements.jsonl", "application/jsonl"),
    ("datapackage.json", "application/json"),
    ("README.md", "text/markdown; charset=utf-8"),
])
def test_release_files_are_served_with_their_media_types(client, releases_dir, two_releases, name, media_type):
    response = client.get(f"/releases/1/{name}")

    assert response.status_code == 200
    assert response["Content-Type"] == media_type
    assert body(response) == (releases_dir / "1" / name).read_bytes()
    assert response["Content-Disposition"] == f'attachment; filename="release-1-{name}"'


@pytest.mark.django_db
@pytest.mark.parametrize("address", [
    "/releases/1/..%2F2%2Fagreements.csv",
    "/releases/1/%2Fetc%2Fpasswd",
    "/releases/1/..%2F..%2Fconfig%2Fsettings.py",
    "/releases/1/..",
    "/releases/1/unlisted.txt",
    "/releases/9/agreements.csv",
    "/releases/9/",
])
def test_release_files_cannot_be_reached_outside_their_list(client, releases_dir, two_releases, address):
    (releases_dir / "1" / "unlisted.txt").parent.chmod(0o755)
    (releases_dir / "1" / "unlisted.txt").write_text("not part of the release")

    response = client.get(address)

    assert response.status_code == 404
    assert b"not part of the release" not in body(response)


@pytest.mark.django_db
def test_latest_leads_to_the_latest_release(client, two_releases):
    assert client.get("/releases/latest/")["Location"] == "/releases/2/"
    assert client.get("/releases/latest/agreements.csv")["Location"] == "/releases/2/agreements.csv"


@pytest.mark.django_db
def test_latest_without_releases_is_404(client, releases_dir):
    assert client.get("/releases/latest/").status_code == 404
    assert client.get("/api/v1/releases/").json() == []


@pytest.mark.django_db
def test_api_lists_releases_with_their_files_and_changes(client, two_releases):
    releases = client.get("/api/v1/releases/").json()

    assert [release["number"] for release in releases] == [2, 1]
    latest = releases[0]
    assert latest["previous"] == 1
    assert latest["change_counts"] == {"agreements": {"added": 0, "changed": 1, "removed": 0}}
    files = {item["name"]: item for item in latest["files"]}
    assert files["agreements.csv"]["url"] == "http://testserver/releases/2/agreements.csv"
    detail = client.get("/api/v1/releases/2/").json()
    assert detail["changes"] == [
        {"table": "agreements", "key": "ehs-amc-mou-2024", "change": "changed", "fields": {"place": ["Dubai World Trade Centre, Dubai (Arab Health 2024)", "Seoul"]}}
    ]
    assert client.get("/api/v1/releases/3/").status_code == 404


@pytest.mark.django_db
def test_record_pages_say_where_they_first_appeared_and_last_changed(client, two_releases):
    changed = client.get("/partnerships/ehs-amc-mou-2024/").content.decode()
    unchanged = client.get("/partnerships/cedars-sinai-snuh-inthesmart-mou-2019/").content.decode()
    institution = client.get("/institutions/asan-medical-center/").content.decode()

    assert 'First in <a href="/releases/1/">release 1</a>' in changed
    assert 'last changed in <a href="/releases/2/">release 2</a>' in changed
    assert "last changed" not in unchanged and "not changed since" in unchanged
    assert 'First in <a href="/releases/1/">release 1</a>' in institution


@pytest.mark.django_db
def test_record_pages_before_any_release_say_so(client, releases_dir):
    assert "Not yet in a release" in client.get("/partnerships/ehs-amc-mou-2024/").content.decode()


@pytest.mark.django_db
def test_a_new_release_shows_at_once_on_cached_pages(client, releases_dir):
    assert "Not yet in a release" in client.get("/partnerships/ehs-amc-mou-2024/").content.decode()
    make_release()
    assert "First in" in client.get("/partnerships/ehs-amc-mou-2024/").content.decode()


@pytest.mark.django_db
def test_releases_pages_are_not_marked_as_the_agreements_section(client, two_releases):
    for address in ["/releases/", "/releases/1/"]:
        assert 'aria-current="page"' not in client.get(address).content.decode()
    assert 'aria-current="page">Agreements' in client.get("/partnerships/").content.decode()


@pytest.mark.django_db
def test_release_files_are_kept_for_good_and_answer_304_when_held(client, two_releases):
    response = client.get("/releases/1/agreements.csv")
    again = client.get("/releases/1/agreements.csv", HTTP_IF_NONE_MATCH=response["ETag"])

    assert response["Cache-Control"] == "public, max-age=31536000, immutable"
    assert response["ETag"] == f'"{two_releases.__class__.objects.get(number=1).file("agreements.csv")["sha256"]}"'
    assert (again.status_code, body(again)) == (304, b"")


@pytest.mark.django_db
def test_curators_see_releases_in_the_admin_but_cannot_change_them(admin_client, two_releases):
    assert admin_client.get("/admin/releases/release/").status_code == 200
    assert admin_client.get(f"/admin/releases/release/{two_releases.pk}/change/").status_code == 200
    assert admin_client.get("/admin/releases/release/add/").status_code == 403
    assert admin_client.post(f"/admin/releases/release/{two_releases.pk}/delete/", {"post": "yes"}).status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("prefix", "heading", "first", "changed"),
    [
        ("/ko", "배포판", '<a href="/ko/releases/1/">배포판 1</a>', '<a href="/ko/releases/2/">배포판 2</a>'),
        ("/ar", "الإصدارات", 'أول ظهور في <a href="/ar/releases/1/">الإصدار 1</a>',
         'وآخر تغيير في <a href="/ar/releases/2/">الإصدار 2</a>'),
        ("/de", "Releases", 'Erstmals in <a href="/de/releases/1/">Release 1</a>',
         'zuletzt geändert in <a href="/de/releases/2/">Release 2</a>'),
        ("/zh-hans", "版本", '首次收录于<a href="/zh-hans/releases/1/">版本 1</a>',
         '最后修改于<a href="/zh-hans/releases/2/">版本 2</a>'),
    ],
)
def test_releases_and_record_notes_are_in_the_readers_language(client, two_releases, prefix, heading, first, changed):
    listing = client.get(f"{prefix}/releases/")
    assert listing.status_code == 200
    assert f"<h1>{heading}</h1>" in listing.content.decode()
    assert client.get(f"{prefix}/releases/2/").status_code == 200

    record = client.get(f"{prefix}/partnerships/ehs-amc-mou-2024/").content.decode()
    assert first in record
    assert changed in record
