"""The directory in Korean, Arabic, German and Simplified Chinese in a real Chromium.

For each language: the home page, a filtered list, an agreement and the 404 page, with no
serious accessibility violation, nothing wider than a phone's screen, and screenshots at phone
and desktop widths (test-artifacts/screenshots/languages/). The server runs as production does
(DEBUG off, so the 404 page is the site's own), with Debian's Noto fonts for Hangul, Han and
Arabic letters (make system-deps).
"""
import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import REPOSITORY, serve_directory

pytestmark = pytest.mark.browser

SCREENSHOTS = REPOSITORY / "test-artifacts" / "screenshots" / "languages"
LANGUAGES = {
    "ko": {"tag": "ko", "dir": "ltr", "list_heading": "협약", "not_found": "페이지를 찾을 수 없습니다", "party": "서울대병원"},
    "ar": {"tag": "ar", "dir": "rtl", "list_heading": "الاتفاقيات", "not_found": "الصفحة غير موجودة",
           "party": "Seoul National University Hospital"},
    "de": {"tag": "de", "dir": "ltr", "list_heading": "Vereinbarungen", "not_found": "Seite nicht gefunden",
           "party": "Seoul National University Hospital"},
    "zh-hans": {"tag": "zh-Hans", "dir": "ltr", "list_heading": "协议", "not_found": "找不到页面",
                "party": "Seoul National University Hospital"},
}
# English, the default, has no prefix; every page is seen in all five languages.
EVERY_LANGUAGE = {"en": {"tag": "en", "dir": "ltr"}, **LANGUAGES}
PAGES = {
    "home": "/",
    "list": "/partnerships/?country=KR",
    "agreement": "/partnerships/snuh-amc-snubh-medical-data-2017/",
    "not-found": "/no-such-page/",
    # A country's page: its map, network colours and matrix; and one with no agreement yet.
    "country": "/countries/KR/",
    "country-empty": "/countries/FR/",
    # An institution with its name in the reader's script where one is recorded (Chinese).
    "institution": "/institutions/tsinghua-university/",
    "people": "/people/",
    # Where a reader lands after suggesting a correction: a link back to the record.
    "suggestion-thanks": "/suggest/thanks/?about=agreement&slug=snuh-amc-snubh-medical-data-2017",
    # The readers' form for a partnership the directory is missing, with its labels and help.
    "suggest-missing": "/suggest/missing/",
}
WIDTHS = {"phone": 390, "desktop": 1280}


@pytest.fixture(scope="module")
def site_url(tmp_path_factory):
    """The site with DEBUG off, as readers get it, on its own database and collected static files."""
    folder = tmp_path_factory.mktemp("languages")
    settings = {
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "browser-test-key-4k9q2zv7l2mx9w4tj6rbn1yc5hd0pse-aq7x",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_STATIC_ROOT": str(folder / "static"),
    }
    with serve_directory(folder, ["collectstatic", "--noinput"], settings=settings) as url:
        yield url


def address(language, name):
    return PAGES[name] if language == "en" else f"/{language}{PAGES[name]}"


@pytest.mark.parametrize("language", EVERY_LANGUAGE)
@pytest.mark.parametrize("name", PAGES)
def test_each_page_in_each_language_is_accessible_and_fits_a_phone(browser, site_url, language, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    expected = EVERY_LANGUAGE[language]
    for width_name, width in WIDTHS.items():
        context = browser.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        requested = []
        page.on("request", lambda request: requested.append(request.url))
        try:
            response = page.goto(site_url + address(language, name))
            assert response.status == (404 if name == "not-found" else 200)
            assert page.locator("html").get_attribute("lang") == expected["tag"]
            assert page.locator("html").get_attribute("dir") == expected["dir"]
            page.screenshot(path=SCREENSHOTS / f"{language}-{name}-{width_name}.png", full_page=True)
            # Nothing but the network picture's own scroll box is wider than the screen.
            assert page.evaluate("document.documentElement.scrollWidth") == width
            if width_name == "phone":
                results = Axe().run(page)
                serious = [
                    (violation["id"], [node["target"] for node in violation["nodes"]])
                    for violation in results.response["violations"]
                    if violation["impact"] in {"serious", "critical"}
                ]
                assert serious == []
            assert {request.split("/")[2] for request in requested} == {site_url.split("/")[2]}
        finally:
            context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_reader_reads_the_list_and_an_agreement_in_their_language(page, site_url, language):
    expected = LANGUAGES[language]

    page.goto(site_url + address(language, "list"))
    assert page.locator("h1").inner_text() == expected["list_heading"]
    page.goto(site_url + address(language, "agreement"))
    assert page.locator(".party__name").first.inner_text() == expected["party"]
    page.goto(site_url + address(language, "not-found"))
    assert page.locator("h1").inner_text() == expected["not_found"]


def test_arabic_lays_the_list_out_right_to_left(page, site_url):
    page.goto(site_url + "/ar/partnerships/?country=KR&area=oncology")

    sidebar = page.locator(".filters").bounding_box()
    results = page.locator(".results").bounding_box()
    chips = page.locator(".chips").bounding_box()
    first_chip = page.locator(".chip").first.bounding_box()
    brand = page.locator(".brand").bounding_box()

    # The sidebar is on the right, the chips start from the right, the name of the site too.
    assert sidebar["x"] > results["x"]
    assert first_chip["x"] + first_chip["width"] == pytest.approx(chips["x"] + chips["width"], abs=2)
    assert brand["x"] + brand["width"] > 1280 / 2
    assert page.evaluate("getComputedStyle(document.querySelector('.results')).direction") == "rtl"


def test_the_switcher_keeps_the_filters(page, site_url):
    page.goto(site_url + "/partnerships/?country=KR&area=oncology")

    page.locator(".language-switch").get_by_role("link", name="한국어").click()

    assert page.url == site_url + "/ko/partnerships/?country=KR&area=oncology"
    assert page.locator("h1").inner_text() == "협약"
    page.locator(".language-switch").get_by_role("link", name="Deutsch").click()
    assert page.url == site_url + "/de/partnerships/?country=KR&area=oncology"
