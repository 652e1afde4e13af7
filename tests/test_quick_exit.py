"""Quick exit in a real browser: the button, Shift three times, the skip link, in every language."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

NEUTRAL = "https://www.bbc.com/weather"
PAGES = {"en": "", "sq": "sq/", "mk": "mk/", "bs": "bs/"}
BUTTON = {"en": "Exit this page", "sq": "Dil nga kjo faqe", "mk": "Излези од страницата", "bs": "Napusti stranicu"}
TWO_MORE = {
    "en": "Shift, press 2 more times to exit.",
    "sq": "Shift, shtypni edhe 2 herë për të dalë.",
    "mk": "Shift, притиснете уште 2 пати за да излезете.",
    "bs": "Shift, pritisnite još 2 puta za izlazak.",
}


@pytest.fixture
def tab(browser):
    """A page whose visits to the neutral site are answered locally (nothing leaves the machine)."""
    context = browser.new_context()
    context.route("https://www.bbc.com/**", lambda route: route.fulfill(body="<title>Weather</title>Weather", content_type="text/html"))
    page = context.new_page()
    yield page
    context.close()


def visit_two_pages(page, base: str, lang: str) -> None:
    page.goto(base + PAGES[lang])
    page.goto(base + PAGES[lang] + "guides/stages/crisis/")


@pytest.mark.parametrize("lang", PAGES)
def test_button_replaces_the_page_so_back_does_not_return(tab, served_site, lang):
    visit_two_pages(tab, served_site, lang)
    button = tab.locator(".kb-exit__button")
    assert button.is_visible()
    assert BUTTON[lang] in button.inner_text()
    with tab.expect_navigation():
        button.click()
    assert tab.url.startswith(NEUTRAL)
    tab.go_back()
    assert tab.url == served_site + PAGES[lang]  # the crisis page is no longer in Back


@pytest.mark.parametrize("lang", PAGES)
def test_shift_three_times_exits_and_is_announced(tab, served_site, lang):
    visit_two_pages(tab, served_site, lang)
    tab.keyboard.press("Shift")
    assert tab.locator("#kb-exit-status").inner_text() == TWO_MORE[lang]
    tab.keyboard.press("Shift")
    with tab.expect_navigation():
        tab.keyboard.press("Shift")
    assert tab.url.startswith(NEUTRAL)


def test_other_keys_and_shift_as_modifier_reset_the_count(tab, served_site):
    visit_two_pages(tab, served_site, "en")
    tab.keyboard.press("Shift")
    tab.keyboard.press("Shift")
    tab.keyboard.press("Shift+A")  # Shift down counts, the A resets
    tab.keyboard.press("Shift")
    tab.wait_for_timeout(300)
    assert tab.url.endswith("/guides/stages/crisis/")
    assert tab.locator("#kb-exit-status").inner_text() == TWO_MORE["en"]


def test_count_expires_after_five_seconds(tab, served_site):
    visit_two_pages(tab, served_site, "en")
    tab.clock.install()
    tab.keyboard.press("Shift")
    tab.keyboard.press("Shift")
    tab.clock.run_for(5_100)
    assert tab.locator("#kb-exit-status").inner_text() == "Exit this page expired."
    tab.keyboard.press("Shift")
    tab.wait_for_timeout(300)
    assert tab.url.endswith("/guides/stages/crisis/")


@pytest.mark.parametrize("lang", PAGES)
def test_exit_skip_link_is_reached_right_after_skip_to_content(tab, served_site, lang):
    visit_two_pages(tab, served_site, lang)
    tab.keyboard.press("Tab")
    assert tab.evaluate("document.activeElement.classList.contains('md-skip')")
    tab.keyboard.press("Tab")
    assert tab.evaluate("document.activeElement.classList.contains('kb-exit__skip')")
    assert tab.evaluate("document.activeElement.closest('aside').getAttribute('aria-label')")
    with tab.expect_navigation():
        tab.keyboard.press("Enter")
    assert tab.url.startswith(NEUTRAL)


def test_exit_works_without_the_sites_other_scripts(tab, served_site):
    tab.route("**/assets/javascripts/bundle.*.js", lambda route: route.abort())
    visit_two_pages(tab, served_site, "mk")
    tab.keyboard.press("Shift")
    tab.keyboard.press("Shift")
    with tab.expect_navigation():
        tab.keyboard.press("Shift")
    assert tab.url.startswith(NEUTRAL)


def test_page_is_hidden_at_once_when_leaving(tab, served_site):
    visit_two_pages(tab, served_site, "en")
    # Read the page's state in the same task as the click, before the neutral site arrives.
    with tab.expect_navigation():
        hidden, overlay, article_visible = tab.evaluate(
            """() => {
                document.querySelector('.kb-exit__button').click();
                const article = document.querySelector('article');
                return [document.documentElement.classList.contains('kb-exiting'),
                        document.querySelector('.kb-exit-overlay').textContent,
                        getComputedStyle(article).visibility === 'visible'];
            }"""
        )
    assert hidden and overlay == "Loading." and not article_visible
    assert tab.url.startswith(NEUTRAL)


@pytest.mark.parametrize("lang", PAGES)
def test_staying_safe_page_explains_the_exit_and_history(site, lang):
    html = site.html(PAGES[lang] + "staying-safe-online/")
    assert "kb-notice--untranslated" not in html
    assert BUTTON[lang] in html
