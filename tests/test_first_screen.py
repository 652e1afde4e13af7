"""The first screen on a phone: what a practitioner sees on opening a page, before scrolling.

Phones are emulated as phones (is_mobile, has_touch, a device scale factor): a narrow desktop
window lays pages out differently. On a translated checklist page the first screen holds the
draft notice as one line, the title, the start of the text and the link to the checklist."""

from __future__ import annotations

import pytest

from conftest import LANGUAGES

pytestmark = pytest.mark.browser

PHONES = {"390x844": (390, 844), "320x568": (320, 568)}
CHECKLIST_PAGES = ("guides/stages/crisis/", "guides/mentoring/")

MEASURE = """() => {
  const box = element => {
    if (!element) return null;
    const rect = element.getBoundingClientRect();
    return {top: rect.top, bottom: rect.bottom, line: parseFloat(getComputedStyle(element).lineHeight)};
  };
  const lines = element => {  // the line boxes of an element's text
    const range = document.createRange();
    range.selectNodeContents(element);
    return new Set([...range.getClientRects()].map(rect => Math.round(rect.top))).size;
  };
  const article = document.querySelector("article.md-content__inner");
  const text = [...article.querySelectorAll(":scope > p")]
    .find(p => !p.matches(".kb-print-meta, .kb-go-to-checklist") && p.offsetHeight > 0);
  const summary = document.querySelector(".kb-notice > summary");
  return {
    screen: window.innerHeight,
    title: box(article.querySelector("h1")),
    text: box(text),
    goTo: box(article.querySelector(".kb-go-to-checklist a")),
    target: document.querySelector(".kb-go-to-checklist a")?.getAttribute("href"),
    notice: summary && {lines: lines(summary), open: summary.parentElement.open},
  };
}"""


def phone(browser, size):
    width, height = PHONES[size]
    return browser.new_context(
        viewport={"width": width, "height": height}, is_mobile=True, has_touch=True, device_scale_factor=2
    )


@pytest.mark.parametrize("size", PHONES)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_title_text_and_link_to_the_checklist_are_on_the_first_screen(browser, served_site, lang, size):
    context = phone(browser, size)
    page = context.new_page()
    prefix = "" if lang == "en" else f"{lang}/"
    for path in CHECKLIST_PAGES:
        page.goto(served_site + prefix + path, wait_until="networkidle")
        found = page.evaluate(MEASURE)
        where = (lang, size, path, found)
        screen = found["screen"]
        assert found["title"] and found["title"]["bottom"] <= screen, where
        assert found["goTo"] and found["goTo"]["bottom"] <= screen, where
        # At least the first line of the page's own text is on the first screen.
        assert found["text"] and found["text"]["top"] + found["text"]["line"] <= screen, where
        assert page.locator(found["target"]).get_attribute("class") == "checklist", where
        if lang != "en":  # translated pages are drafts: the notice is one line, closed
            assert found["notice"] == {"lines": 1, "open": False}, where
    context.close()


@pytest.mark.parametrize("lang", ("sq", "mk", "bs"))
def test_draft_notice_opens_to_say_that_the_translation_is_not_reviewed(browser, served_site, lang):
    context = phone(browser, "320x568")
    page = context.new_page()
    page.goto(served_site + f"{lang}/guides/stages/crisis/", wait_until="networkidle")
    notice = page.locator(".kb-notice--draft")
    explanation = notice.locator("p")
    assert not explanation.is_visible()
    notice.locator("summary").tap()
    assert explanation.is_visible()
    said = explanation.inner_text()
    assert {"sq": "nuk është rishikuar", "mk": "не го прегледал", "bs": "nije pregledao"}[lang] in said
    assert notice.locator("a[hreflang=en]").is_visible()  # the English original, one tap away
    context.close()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_table_of_contents_on_a_phone_shows_the_checklist_group_numbers(browser, served_site, lang):
    context = phone(browser, "390x844")
    page = context.new_page()
    prefix = "" if lang == "en" else f"{lang}/"
    page.goto(served_site + prefix + "guides/stages/transition/", wait_until="networkidle")
    groups = page.locator(".kb-checklist h3")
    titles = groups.evaluate_all(
        "hs => hs.map(h => { const c = h.cloneNode(true); c.querySelector('.headerlink')?.remove(); "
        "return c.textContent; })"
    )
    expected = [" ".join(text.split()) for text in titles]
    assert expected and all(text.startswith(f"2.{n} ") for n, text in enumerate(expected, start=1))
    page.locator("label.md-header__button[for=__drawer]").tap()
    page.locator(".md-nav--primary label.md-nav__link[for=__toc]").first.tap()
    page.wait_for_timeout(400)  # the drawer slides in
    toc = page.locator(".md-nav--primary .md-nav--secondary")
    for number, ident in enumerate(groups.evaluate_all("hs => hs.map(h => h.id)"), start=1):
        link = toc.locator(f'a[href="#{ident}"]')
        assert link.is_visible(), ident
        assert " ".join(link.inner_text().split()) == expected[number - 1]
    context.close()
