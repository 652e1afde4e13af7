"""axe-core finds no WCAG 2.2 A/AA or best-practice violation on any page type, in any
language, on a phone and on a desktop; checklists are usable with the keyboard alone."""

from __future__ import annotations

import pytest

from conftest import LANGUAGES, PROJECT

pytestmark = pytest.mark.browser

AXE = PROJECT / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
PAGE_TYPES = {
    "home": "",
    "manual chapter": "manual/safety/",
    "stage page with checklist": "guides/stages/crisis/",
    "story": "stories/marko/",
    "stories index": "stories/",
    "glossary": "glossary/",
    "checklists": "checklists/",
    "downloads": "downloads/",
    "staying safe": "staying-safe-online/",
    "translation status": "translation-status/",
    "404": "404.html",
}
WIDTHS = (390, 1280)


def violations(page) -> list[str]:
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", TAGS)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} -> {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
    ]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_no_axe_violations(browser, served_site, lang, kind):
    assert AXE.exists(), "node_modules/axe-core is missing: scripts/test.sh installs it"
    # axe-core is injected as an inline script, which the site's Content-Security-Policy
    # forbids (as it should); the policy itself is tested in test_csp.py.
    page = browser.new_page(bypass_csp=True)
    prefix = "" if lang == "en" else f"{lang}/"
    found = {}
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(served_site + prefix + PAGE_TYPES[kind], wait_until="networkidle")
        page.add_script_tag(path=str(AXE))
        found[width] = violations(page)
    page.close()
    assert found == {width: [] for width in WIDTHS}


def test_checklist_works_with_the_keyboard_and_shows_focus(browser, served_site):
    page = browser.new_page(viewport={"width": 390, "height": 900})
    page.goto(served_site + "bs/guides/stages/transition/")
    box = page.locator("#check-2-1-1 input[type=checkbox]")
    handle = box.element_handle()
    assert page.evaluate("el => el.labels[0].innerText", handle).startswith("2.1.1")
    box.focus()
    assert (
        page.evaluate("el => getComputedStyle(el.nextElementSibling, '::before').outlineStyle", handle) == "solid"
    )  # around the box
    page.keyboard.press("Space")
    assert box.is_checked()
    page.close()
