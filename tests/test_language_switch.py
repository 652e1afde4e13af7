"""Switching language on a section opens the same section in the other language.

Headings correspond by their position in the sources (a translation keeps the English page's
headings, in the English order; the glossary is shown sorted per language, so its order on
screen differs). The tests find the corresponding heading from the sources themselves."""

from __future__ import annotations

import re

import pytest

from anchors import Difference, Heading, correspond, number_headings
from conftest import LANGUAGES, PROJECT, as_translation
from kb.page_source import is_fence, parse
from kb.site_layout import source_for_page

PREFIX = {lang: "" if lang == "en" else f"{lang}/" for lang in LANGUAGES}
_ATTR_LIST = re.compile(r"\s*\{:?[^}\n]*\}\s*$")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")


def source_headings(page: str, lang: str) -> list[str]:
    """The text of every heading of a page's source in `lang`, in the order of the file
    (without the sections only a translation has, marked { .translation-only })."""
    body = parse((PROJECT / source_for_page(page, lang)).read_text("utf-8")).body
    headings, in_fence = [], False
    for line in body.split("\n"):
        if is_fence(line):
            in_fence = not in_fence
        elif not in_fence and line.startswith("#") and ".translation-only" not in line:
            text = _ATTR_LIST.sub("", line.lstrip("#"))
            headings.append(_LINK.sub(r"\1", text).replace("*", "").replace("`", "").strip())
    return headings


HEADING_AT = """(id) => {
    const el = document.getElementById(id);
    if (!el || !/^H[1-6]$/.test(el.tagName)) return null;
    const copy = el.cloneNode(true);
    copy.querySelectorAll('.headerlink').forEach((a) => a.remove());
    const box = el.getBoundingClientRect();
    return {text: copy.textContent.replace(/\\s+/g, ' ').trim(), top: box.top, height: innerHeight};
}"""

HEADING_WITH_TEXT = """(text) => {
    for (const el of document.querySelectorAll('article h1, article h2, article h3, article h4')) {
        const copy = el.cloneNode(true);
        copy.querySelectorAll('.headerlink').forEach((a) => a.remove());
        if (copy.textContent.replace(/\\s+/g, ' ').trim().endsWith(text)) return el.id;
    }
    return null;
}"""


def heading_id(tab, text: str) -> str:
    found = tab.evaluate(HEADING_WITH_TEXT, text)
    assert found, f"no heading reading {text!r}"
    return found


def current_heading(tab) -> dict | None:
    fragment = tab.evaluate("decodeURIComponent(location.hash.slice(1))")
    return tab.evaluate(HEADING_AT, fragment)


@pytest.fixture
def tab(browser, served_site):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.route(lambda url: not url.startswith(("http://127.0.0.1", "file:")), lambda route: route.abort())
    page = context.new_page()
    yield page
    context.close()


def choose_language(tab, lang: str) -> None:
    """Open the language menu and choose a language, as a reader does."""
    tab.locator(".md-header__option .md-select > button").click()
    with tab.expect_navigation():
        tab.locator(f'.md-select__link[hreflang="{lang}"]').click()
    tab.wait_for_load_state("load")


@pytest.mark.browser
@pytest.mark.parametrize(
    "page, source, target",
    [
        ("guides/stages/crisis.md", "en", "sq"),
        ("guides/stages/crisis.md", "en", "mk"),
        ("guides/stages/crisis.md", "en", "bs"),
        ("guides/stages/crisis.md", "mk", "sq"),
        ("guides/stages/crisis.md", "bs", "en"),
        ("glossary.md", "en", "mk"),  # sorted per language: the order on screen differs
        ("glossary.md", "sq", "bs"),
    ],
)
def test_switching_language_on_a_section_opens_the_same_section(tab, served_site, page, source, target):
    url = served_site + PREFIX[source] + page.removesuffix(".md") + "/"
    before, after = source_headings(page, source), source_headings(page, target)
    assert len(before) == len(after) > 2
    position = len(before) * 2 // 3  # well below the top of the page
    tab.goto(url)
    tab.goto(url + "#" + heading_id(tab, before[position]))
    choose_language(tab, target)
    assert tab.url.startswith(served_site + PREFIX[target])
    landed = current_heading(tab)
    assert landed, f"{tab.url}: the fragment names no heading of the page"
    assert landed["text"].endswith(after[position]), (landed, after[position])
    assert 0 <= landed["top"] < landed["height"] / 2  # scrolled to it, not left at the top


@pytest.mark.browser
def test_section_switch_works_from_disk_without_fetching(tab, site):
    page = "glossary.md"
    before, after = source_headings(page, "en"), source_headings(page, "sq")
    position = len(before) // 2
    english = (site.site / "glossary" / "index.html").as_uri()
    tab.goto(english)
    tab.goto(english + "#" + heading_id(tab, before[position]))
    href = tab.locator('.md-select__link[hreflang="sq"]').get_attribute("href")
    fragment = href.partition("#")[2]
    assert fragment, "the language menu carries the reader's section"
    tab.goto((site.site / "sq" / "glossary" / "index.html").as_uri() + "#" + fragment)
    tab.wait_for_function("() => location.hash !== '#" + fragment + "'")
    landed = current_heading(tab)
    assert landed and landed["text"].endswith(after[position]), (landed, after[position])


@pytest.mark.browser
def test_without_javascript_the_switch_opens_the_top_of_the_page(browser, served_site):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 800})
    tab = context.new_page()
    tab.goto(served_site + "guides/stages/crisis/")
    first = tab.locator("article h2").nth(2).get_attribute("id")
    tab.goto(served_site + "guides/stages/crisis/#" + first)
    tab.locator(".md-header__option .md-select > button").hover()
    with tab.expect_navigation():
        tab.locator('.md-select__link[hreflang="sq"]').click()
    assert tab.url == served_site + "sq/guides/stages/crisis/"
    assert tab.evaluate("scrollY") == 0
    context.close()


# The build's report of headings that do not correspond

ENGLISH = """---
title: Safety
description: Safety.
---

# Safety

## Risks

### At home

## Plan

```text
# not a heading
```

## Review
"""
ALBANIAN_SAME = """---
title: Siguria
description: Siguria.
---

# Siguria

## Rreziqet

### Në shtëpi

## Plani

## Rishikimi
"""
ALBANIAN_DIFFERENT = """---
title: Siguria
description: Siguria.
---

# Siguria

## Rreziqet

## Plani

## Rishikimi
"""


def test_build_names_a_translation_whose_headings_differ(build_small_site):
    built = build_small_site(
        {
            "docs/index.md": "---\ntitle: Home\ndescription: Home.\n---\n\n# Home\n",
            "docs/manual/safety.md": ENGLISH,
            "translations/sq/docs/manual/safety.md": as_translation(ALBANIAN_DIFFERENT),
            "translations/bs/docs/manual/safety.md": as_translation(ALBANIAN_SAME.replace("Siguria", "Sigurnost")),
        }
    )
    assert built.returncode == 0, built.log
    assert built.warnings == []
    reports = [line for line in built.log.splitlines() if "headings" in line and "manual/safety.md" in line]
    # Line 12 of the translation (front matter and its translation block included) is "## Plani",
    # where the English page has "### At home".
    assert len(reports) == 1, reports
    assert reports[0].startswith("INFO")
    assert "translations/sq/docs/manual/safety.md:12:" in reports[0]
    assert "level 2" in reports[0] and "level 3" in reports[0]


# The pure functions behind it


@pytest.mark.parametrize(
    "markdown, marked, lines",
    [
        ("# A\n\ntext\n## B", '# A { data-kb-position="1" }\n\ntext\n## B { data-kb-position="2" }', [0, 3]),
        ("## B { .checklist }", '## B { .checklist data-kb-position="1" }', [0]),
        ("## B {: #own }", '## B {: #own data-kb-position="1" }', [0]),
        ("### C ###", '### C { data-kb-position="1" }', [0]),  # closing hashes are not text
        ("## C\\#", '## C\\# { data-kb-position="1" }', [0]),  # an escaped one is
        ("```\n# a comment\n```\n## D", '```\n# a comment\n```\n## D { data-kb-position="1" }', [3]),
        ("    # indented code\n#\n## E", '    # indented code\n#\n## E { data-kb-position="1" }', [2]),
        (
            "## Chosen terms { .translation-only }\n## F",
            '## Chosen terms { .translation-only }\n## F { data-kb-position="1" }',
            [1],
        ),
    ],
)
def test_number_headings_marks_each_heading_with_its_position(markdown, marked, lines):
    assert number_headings(markdown) == (marked, lines)


def heading(slot: str, level: int, name: str) -> Heading:
    return Heading(slot, level, name)


EN = [heading("1", 1, "stage"), heading("2", 2, "overview"), heading("3", 3, "feelings"), heading("4", 2, "checklist")]


@pytest.mark.parametrize(
    "translated, keys, difference",
    [
        (
            [
                heading("1", 1, "faza"),
                heading("2", 2, "pregled"),
                heading("3", 3, "ndjenjat"),
                heading("4", 2, "lista"),
            ],
            {"1": "stage", "2": "overview", "3": "feelings", "4": "checklist"},
            None,
        ),
        (  # shown in another order (a sorted glossary): the source position decides
            [
                heading("3", 3, "ndjenjat"),
                heading("1", 1, "faza"),
                heading("4", 2, "lista"),
                heading("2", 2, "pregled"),
            ],
            {"1": "stage", "2": "overview", "3": "feelings", "4": "checklist"},
            None,
        ),
        (  # a level-3 heading dropped: the rest no longer pairs
            [heading("1", 1, "faza"), heading("2", 2, "pregled"), heading("3", 2, "lista")],
            {"1": "stage", "2": "overview"},
            Difference(3, EN[2], heading("3", 2, "lista")),
        ),
        (  # the last heading missing
            [heading("1", 1, "faza"), heading("2", 2, "pregled"), heading("3", 3, "ndjenjat")],
            {"1": "stage", "2": "overview", "3": "feelings"},
            Difference(4, EN[3], None),
        ),
        (  # one heading more
            [*[heading(str(n), h.level, f"t{n}") for n, h in enumerate(EN, 1)], heading("5", 2, "extra")],
            {"1": "stage", "2": "overview", "3": "feelings", "4": "checklist"},
            Difference(5, None, heading("5", 2, "extra")),
        ),
    ],
)
def test_correspond_pairs_headings_by_source_position(translated, keys, difference):
    assert correspond(EN, translated) == (keys, difference)


def test_correspond_pairs_headings_added_by_hooks_in_their_order():
    english = [heading("1", 1, "stories"), heading("+1", 2, "stories-by-theme")]
    translated = [heading("1", 1, "histori"), heading("+1", 2, "historite-sipas-temes")]
    assert correspond(english, translated) == ({"1": "stories", "+1": "stories-by-theme"}, None)
