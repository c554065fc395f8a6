"""A record with markup and script in every text field, in a real Chromium: nothing runs.

The Content-Security-Policy would block inline script even if a template forgot to escape, so
the test also checks that the markup stays text: no injected element exists in the page.
"""
import pytest

from tests.browser.conftest import serve_directory
from tests.hostile import AGREEMENT_SLUG, INSTITUTION_SLUG, PERSON_SLUG, SCRIPT

pytestmark = pytest.mark.browser

PAGES = [
    "/", "/partnerships/", f"/partnerships/{AGREEMENT_SLUG}/", "/partnerships/?q=Title",
    f"/institutions/{INSTITUTION_SLUG}/", "/institutions/", "/countries/KR/", f"/people/{PERSON_SLUG}/",
]


@pytest.fixture(scope="module")
def hostile_server_url(tmp_path_factory):
    create = "from tests.hostile import create_hostile_agreement; create_hostile_agreement()"
    with serve_directory(tmp_path_factory.mktemp("hostile"), ["shell", "--no-imports", "-c", create]) as url:
        yield url


@pytest.mark.parametrize("path", PAGES)
def test_hostile_record_runs_no_script_and_shows_its_markup_as_text(page, hostile_server_url, path):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))

    response = page.goto(f"{hostile_server_url}{path}")
    page.wait_for_load_state("load")

    assert response.status == 200
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert dialogs == []
    assert page.locator("img[src='x'], script:not([src])").count() == 0
    assert SCRIPT in page.locator("main").inner_text()
