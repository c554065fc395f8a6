"""The curators' review page at 1280 × 800 in a real Chromium: a click on a sentence cites it for the
field being edited, and the form stays in its column, beside the article, never under it."""
import pytest

from tests.browser.conftest import serve_directory
from tests.browser.test_curation import CURATOR, PASSWORD, screenshot, serious_violations, sign_in

pytestmark = pytest.mark.browser

SIGNING = (
    "The agreement was signed by Dao Xuan Co, Director of Bach Mai Hospital, "
    "and Park Seung-il, President of Asan Medical Center."
)
QUOTED = '"This partnership will bring our transplant teams closer," said Park Seung-il.'


@pytest.fixture(scope="module")
def review_url(tmp_path_factory):
    """A server with a curator and one open draft of the test article; return the draft's address."""
    create = (
        "from django.contrib.auth.models import User; "
        "from curation.services import keep_draft; "
        "from tests.curation.articles import ARTICLE, DRAFT; "
        f"User.objects.create_superuser({CURATOR!r}, 'carla@example.org', {PASSWORD!r}); "
        "print(keep_draft(text=ARTICLE, url=DRAFT['source']['url'], proposal=DRAFT).get_absolute_url())"
    )
    with serve_directory(tmp_path_factory.mktemp("review"), ["shell", "--no-imports", "-c", create]) as url:
        yield url


@pytest.fixture
def review(browser, review_url):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.set_default_timeout(10_000)
    sign_in(page, review_url, "/curation/drafts/")
    page.locator(".drafts a").first.click()
    page.wait_for_url("**/curation/drafts/*/")
    yield page
    context.close()


def sentence(page, text):
    return page.locator(".article-text .sentence", has_text=text)


def test_a_click_on_a_sentence_cites_it_for_the_field_last_focused(review):
    review.locator("[name='a0-signed_on']").click()
    sentence(review, "The agreement was signed by Dao Xuan Co").click()

    assert review.locator("[name='a0-date_quote']").input_value() == SIGNING
    assert sentence(review, "The agreement was signed by Dao Xuan Co").get_attribute("class") == "sentence sentence--cited"

    review.locator("[name='a0-m1-name']").click()
    sentence(review, "This partnership will bring").click()

    assert review.locator("[name='a0-m1-quote']").input_value() == QUOTED
    assert review.locator("[name='a0-date_quote']").input_value() == SIGNING
    assert review.locator(".cite-status").inner_text() == "Sentence cited for: Park Seung-il"


def overlapping_controls(page):
    """Return the name of every form control whose box reaches into the article panel's."""
    return page.evaluate("""() => {
        const panel = document.querySelector('.review__article').getBoundingClientRect();
        return Array.from(document.querySelectorAll('#draft-form input, #draft-form select, #draft-form textarea'))
            .filter(control => control.type !== 'hidden')
            .filter(control => control.getBoundingClientRect().right > panel.left)
            .map(control => control.name);
    }""")


def test_no_field_of_the_form_reaches_under_the_article_panel(review):
    assert review.locator("#draft-form select").count() > 5
    assert overlapping_controls(review) == []


def test_an_error_marked_country_field_is_in_view_and_not_covered(review):
    bach_mai = review.locator("fieldset.draft-row", has=review.locator("legend", has_text="Bach Mai Hospital")).first
    bach_mai.get_by_label("Country").select_option("")
    review.get_by_role("button", name="Publish").click()
    review.wait_for_load_state()

    country = review.locator(".field--error select[name$='-country']")
    assert country.count() == 1
    assert overlapping_controls(review) == []
    country.scroll_into_view_if_needed()
    assert review.evaluate("""() => {
        const select = document.querySelector('.field--error select[name$="-country"]');
        const box = select.getBoundingClientRect();
        const inView = box.top >= 0 && box.bottom <= innerHeight && box.left >= 0 && box.right <= innerWidth;
        const [x, y] = [box.left + box.width / 2, box.top + box.height / 2];
        return [inView, document.elementFromPoint(x, y) === select];
    }""") == [True, True]
    assert "A new institution needs its country." in bach_mai.inner_text()
    assert serious_violations(review) == []
    screenshot(review, "draft-review-country-error")
