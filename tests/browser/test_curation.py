"""The curation pages in a real Chromium: a reader's suggestion reaching a curator, and an article
pasted, corrected and published to the public page. Screenshots go to test-artifacts/screenshots/."""
import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import serve_directory
from tests.browser.test_browser import SCREENSHOTS, assert_stayed_on_the_machine
from tests.curation.articles import ARTICLE

pytestmark = pytest.mark.browser

CURATOR, PASSWORD = "carla", "a long password for the browser tests"
HOSTILE = '<script>window.__pwned = 1</script><img src="x" onerror="window.__pwned = 1">'


@pytest.fixture(scope="module")
def curation_server_url(tmp_path_factory):
    create = (
        "from django.contrib.auth.models import User; "
        f"User.objects.create_superuser({CURATOR!r}, 'carla@example.org', {PASSWORD!r})"
    )
    with serve_directory(tmp_path_factory.mktemp("curation"), ["shell", "--no-imports", "-c", create]) as url:
        yield url


def sign_in(page, url, then):
    page.goto(f"{url}/admin/login/?next={then}")
    page.get_by_label("Username").fill(CURATOR)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"**{then}")


def serious_violations(page):
    return [
        (violation["id"], [node["target"] for node in violation["nodes"]])
        for violation in Axe().run(page).response["violations"]
        if violation["impact"] in {"serious", "critical"}
    ]


def screenshot(page, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{name}-1280.png", full_page=True)


def test_a_reader_suggests_a_correction_and_a_curator_sees_it_escaped_and_closes_it(page, curation_server_url, requested_urls):
    url = curation_server_url
    page.goto(f"{url}/partnerships/ehs-amc-mou-2024/")
    page.get_by_role("link", name="Suggest a correction").click()
    page.wait_for_url("**/suggest/partnerships/ehs-amc-mou-2024/")
    assert page.locator("h1").inner_text() == "Suggest a correction"
    assert serious_violations(page) == []

    page.get_by_label("What is wrong?").fill(f"The place is Dubai, not Abu Dhabi. {HOSTILE}")
    page.get_by_label("Address of a source that states it").fill("https://example.org/ehs-amc")
    page.get_by_label("Your e-mail (optional)").fill("reader@example.org")
    screenshot(page, "suggestion-form")
    page.get_by_role("button", name="Send to the curators").click()
    page.wait_for_url("**/suggest/thanks/?*")
    assert page.locator("h1").inner_text() == "Thank you"
    assert page.get_by_role("link", name="Back to ").first.get_attribute("href") == "/partnerships/ehs-amc-mou-2024/"

    sign_in(page, url, "/curation/suggestions/")
    row = page.locator(".suggestions tbody tr").first
    assert HOSTILE in row.inner_text()
    assert page.locator("main img[src='x'], main script:not([src])").count() == 0
    assert serious_violations(page) == []
    screenshot(page, "suggestion-inbox")

    row.get_by_role("link", name="Correction").click()
    assert "The place is Dubai" in page.locator(".suggestion__message").inner_text()
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert serious_violations(page) == []
    # The record's own edit form, with what the reader wrote kept in view above its fields.
    page.get_by_role("link", name="Edit the agreement").click()
    page.wait_for_url("**/admin/partnerships/agreement/*/change/?suggestion=*")
    beside = page.locator(".suggestion-beside")
    assert "The place is Dubai" in beside.inner_text() and beside.is_visible()
    assert page.locator("main img[src='x'], #content script:not([src])").count() == 0
    page.locator("#id_place").scroll_into_view_if_needed()
    box = beside.bounding_box()
    assert box is not None and 0 <= box["y"] < page.viewport_size["height"] / 2, box
    screenshot(page, "suggestion-beside-edit-form")
    beside.get_by_role("link", name="Back to suggestion").click()
    page.wait_for_url("**/curation/suggestions/*/")
    page.get_by_label("Declined").check()
    page.get_by_label("Reason").fill("The agreement's own article says Abu Dhabi.")
    page.get_by_role("button", name="Close the suggestion").click()
    page.wait_for_url("**/curation/suggestions/")
    assert "closed as declined" in page.locator(".messages").inner_text()
    assert page.locator(".suggestions tbody tr").count() == 0
    assert_stayed_on_the_machine(requested_urls)


def test_a_curator_pastes_an_article_corrects_a_field_and_publishes_it(page, curation_server_url, requested_urls):
    url = curation_server_url
    sign_in(page, url, "/curation/drafts/new/")
    assert serious_violations(page) == []
    page.get_by_label("Article text").fill(ARTICLE)
    page.get_by_label("Web address of the article").fill("https://news.example.org/2025/03/bach-mai-asan")
    page.get_by_role("button", name="Draft it").click()
    page.wait_for_url("**/curation/drafts/*/")

    marks = page.locator(".article-text mark")
    assert marks.count() > 0
    # A fact's link leads to its marked sentence.
    link = page.locator(".evidence-link a").first
    anchor = link.get_attribute("href")
    link.click()
    assert page.url.endswith(anchor)
    assert page.locator(f"{anchor} + mark").count() == 1
    assert serious_violations(page) == []
    screenshot(page, "draft-review")

    page.locator("[name='a0-title']").fill("Bach Mai Hospital – Asan Medical Center transplant training memorandum")
    page.locator("[name='a0-place']").fill("Hanoi")
    page.get_by_label("Headline").fill("Bach Mai Hospital and Asan Medical Center sign transplant memorandum")
    # The assistant proposes Bach Mai Hospital as new: publishing without its country is refused on the page.
    bach_mai = page.locator("fieldset.draft-row", has=page.locator("legend", has_text="Bach Mai Hospital")).first
    bach_mai.get_by_label("Country").select_option("")
    page.get_by_role("button", name="Publish").click()
    assert "A new institution needs its country." in bach_mai.inner_text()
    assert page.locator("[name='a0-place']").input_value() == "Hanoi"
    bach_mai.get_by_label("Country").select_option("VN")
    page.get_by_role("button", name="Publish").click()
    page.wait_for_url("**/partnerships/bach-mai-hospital-asan-medical-center-transplant-training-memorandum/")

    assert "Published 1 agreement" in page.locator(".messages").inner_text()
    assert page.locator("h1").inner_text() == "Bach Mai Hospital – Asan Medical Center transplant training memorandum"
    assert "Asan Medical Center" in page.locator(".party__name").all_inner_texts()
    assert page.locator(".source__title").first.inner_text() == "[1] Bach Mai Hospital and Asan Medical Center sign transplant memorandum"
    screenshot(page, "published-agreement")

    page.goto(f"{url}/curation/drafts/?status=published")
    assert "Bach Mai Hospital – Asan Medical Center transplant training memorandum" in page.locator(".drafts").inner_text()
    assert_stayed_on_the_machine(requested_urls)


def test_a_curator_rejects_a_draft_with_a_reason_sees_it_read_only_and_reopens_it(page, curation_server_url, requested_urls):
    url = curation_server_url
    sign_in(page, url, "/curation/drafts/new/")
    page.get_by_label("Article text").fill(ARTICLE.replace("Bach Mai", "Bạch Mai"))
    page.get_by_label("Web address of the article").fill("https://news.example.org/2025/03/to-reject")
    page.get_by_role("button", name="Draft it").click()
    page.wait_for_url("**/curation/drafts/*/")
    draft = page.url

    page.get_by_role("link", name="Reject…").click()
    page.wait_for_url("**/reject/")
    assert serious_violations(page) == []
    page.get_by_role("button", name="Reject the draft").click()
    # The browser asks for the reason before anything is sent.
    assert page.url.endswith("/reject/")
    page.get_by_label("Reason").fill("A duplicate of a report published already.")
    screenshot(page, "draft-reject-confirm")
    page.get_by_role("button", name="Reject the draft").click()
    page.wait_for_url("**/curation/drafts/")

    page.goto(draft)
    assert "A duplicate of a report published already." in page.locator("main").inner_text()
    title = page.locator("#draft-form input[name='a0-title']")
    assert title.is_disabled()
    assert page.get_by_role("button", name="Publish").count() == 0
    screenshot(page, "draft-rejected-read-only")
    page.get_by_role("button", name="Reopen the draft").click()
    page.wait_for_url(draft)
    assert "Draft reopened." in page.locator(".messages").inner_text()
    assert title.is_enabled() and page.get_by_role("button", name="Publish").count() == 1
    assert_stayed_on_the_machine(requested_urls)
