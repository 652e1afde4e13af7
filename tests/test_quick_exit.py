"""Quick exit in a real browser: the button, Shift three times, the skip link, in every language."""

from __future__ import annotations

import pytest
import yaml

from conftest import PROJECT

pytestmark = pytest.mark.browser

# Each language's neutral destination, as strings/<lang>.yml sets it.
NEUTRAL = {
    lang: yaml.safe_load((PROJECT / "strings" / f"{lang}.yml").read_text("utf-8"))["exit"]["url"]
    for lang in ("en", "sq", "mk", "bs")
}
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
    """A page whose visits to any other host (the neutral sites) are answered locally: nothing
    leaves the machine."""
    context = browser.new_context()

    def neutral_or_local(route):
        if route.request.url.startswith("http://127.0.0.1"):
            route.continue_()
        else:
            route.fulfill(body="<title>Neutral</title>Weather", content_type="text/html")

    context.route("**/*", neutral_or_local)
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
    assert tab.url.startswith(NEUTRAL[lang])
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
    assert tab.url.startswith(NEUTRAL[lang])


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
    assert not tab.locator(".kb-exit__count").is_visible()  # the on-screen count is gone too
    assert lit_lights(tab) is None
    tab.keyboard.press("Shift")
    tab.wait_for_timeout(300)
    assert tab.url.endswith("/guides/stages/crisis/")


def lit_lights(page) -> int | None:
    """How many of the exit button's three lights are lit; None while they are not shown."""
    return page.evaluate(
        """() => {
            const lights = [...document.querySelectorAll('.kb-exit__button .kb-exit__lights > span')];
            if (lights.length !== 3 || !lights.every(light => light.checkVisibility())) return null;
            return lights.filter(light => getComputedStyle(light).backgroundColor !== 'rgba(0, 0, 0, 0)').length;
        }"""
    )


def on_screen(page, selector: str) -> bool:
    return page.evaluate(
        """selector => {
            const box = document.querySelector(selector).getBoundingClientRect(), view = window.visualViewport;
            return box.width > 0 && box.left >= view.offsetLeft && box.top >= view.offsetTop
                && box.right <= view.offsetLeft + view.width && box.bottom <= view.offsetTop + view.height;
        }""",
        selector,
    )


@pytest.fixture
def phone(browser):
    """The narrowest phone the site supports, with a keyboard (a Shift key) attached."""
    context = browser.new_context(
        viewport={"width": 320, "height": 568}, is_mobile=True, has_touch=True, device_scale_factor=2
    )
    page = context.new_page()
    yield page
    context.close()


@pytest.mark.parametrize("lang", PAGES)
def test_each_shift_press_is_shown_on_screen_and_the_count_resets(phone, served_site, lang):
    strings = yaml.safe_load((PROJECT / "strings" / f"{lang}.yml").read_text("utf-8"))["exit"]
    count = phone.locator(".kb-exit__count")
    phone.goto(served_site + PAGES[lang] + "guides/stages/crisis/")
    assert lit_lights(phone) is None and not count.is_visible()
    phone.keyboard.press("Shift")
    assert lit_lights(phone) == 1
    assert count.is_visible() and count.inner_text() == strings["two_more"]
    phone.keyboard.press("Shift")
    assert lit_lights(phone) == 2
    assert count.inner_text() == strings["one_more"]
    assert on_screen(phone, ".kb-exit__count") and on_screen(phone, ".kb-exit__button")
    phone.keyboard.press("ArrowDown")  # any other key starts the count again
    assert lit_lights(phone) is None and not count.is_visible()
    phone.keyboard.press("Shift")
    assert lit_lights(phone) == 1


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
    assert tab.url.startswith(NEUTRAL[lang])


def test_exit_works_without_the_sites_other_scripts(tab, served_site):
    tab.route("**/assets/javascripts/bundle.*.js", lambda route: route.abort())
    visit_two_pages(tab, served_site, "mk")
    tab.keyboard.press("Shift")
    tab.keyboard.press("Shift")
    with tab.expect_navigation():
        tab.keyboard.press("Shift")
    assert tab.url.startswith(NEUTRAL["mk"])


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
    assert tab.url.startswith(NEUTRAL["en"])


@pytest.mark.parametrize("lang", PAGES)
def test_staying_safe_page_explains_the_exit_and_history(site, lang):
    html = site.html(PAGES[lang] + "staying-safe-online/")
    assert "kb-notice--untranslated" not in html
    assert BUTTON[lang] in html
