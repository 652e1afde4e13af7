"""Every page type, in every language, on real phone, tablet and desktop screens: the quick exit
stays inside the visible screen (the visual viewport) at the top and at the bottom of the page,
no page scrolls sideways as a whole, table words never break inside, and every cell of the
monitoring sheet (the manual's widest table) can be seen.

Phones are emulated as phones (`is_mobile`, `has_touch`): a phone browser widens its layout to
content that does not fit, and fixed elements (the exit) follow that wider layout off the
screen. A narrow desktop window never does, which is why this needs real phone emulation.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from conftest import LANGUAGES, PROJECT
from kb import page_source, story_rules

pytestmark = pytest.mark.browser

# name: (width, height, device scale factor, phone or tablet)
VIEWPORTS = {
    "320x568": (320, 568, 2, True),
    "360x740": (360, 740, 3, True),
    "390x844": (390, 844, 3, True),
    "844x390": (844, 390, 3, True),
    "768x1024": (768, 1024, 2, True),
    "1280x800": (1280, 800, 1, False),
}
SEARCH = "search results open"
SEARCH_INDEX = "**/search/search_index.json"
_TABLE_HEADER = re.compile(r"^\s*\|(.+)\|\s*\n\s*\|[\s:|-]+\|\s*$", re.M)


def _meta(path: Path) -> dict:
    return page_source.parse(path.read_text("utf-8")).meta


def _url(tree_path: Path) -> str:
    """The site path of an English source: docs/manual/safety.md -> manual/safety/."""
    relative = (
        tree_path.relative_to(PROJECT / "docs")
        if tree_path.is_relative_to(PROJECT / "docs")
        else tree_path.relative_to(PROJECT)
    )
    parts = relative.with_suffix("").parts
    if parts[-1] == "index":
        parts = parts[:-1]
    return "".join(part + "/" for part in parts)


def _widest_table(path: Path) -> int:
    return max((match.group(1).count("|") + 1 for match in _TABLE_HEADER.finditer(path.read_text("utf-8"))), default=0)


def page_types() -> dict[str, str]:
    """Page type -> site path of one English page of that type, found from the sources; the
    same paths exist in every language (untranslated pages are shown in English)."""
    docs, manual = PROJECT / "docs", sorted((PROJECT / "docs" / "manual").glob("*.md"))
    chapters = [path for path in manual if "chapter" in _meta(path)]
    guides = sorted((PROJECT / "guides").rglob("*.md"))
    stories = sorted((PROJECT / "stories").glob("*.md"))
    # every top-level page: home, glossary, checklists, downloads, staying safe, translation status...
    types = {("home" if path.stem == "index" else path.stem): _url(path) for path in sorted(docs.glob("*.md"))}
    types |= {
        "manual chapter": _url(min(chapters, key=lambda path: _meta(path)["chapter"])),
        "manual templates": _url(max(manual, key=_widest_table)),
        "guide with checklist": _url(next(path for path in guides if "checklist" in _meta(path))),
        "stories index": _url(PROJECT / "stories" / "index.md"),
        "story": _url(
            next(
                path
                for path in stories
                if story_rules.is_story(f"stories/{path.name}") and story_rules.is_published(_meta(path))
            )
        ),
        "404": "404.html",
        SEARCH: "",
    }
    return types


PAGE_TYPES = page_types()
MONITORING_SHEET = PAGE_TYPES["manual templates"]


def search_word(lang: str) -> str:
    """The longest word of the site's name in that language: it is found in every index."""
    name = yaml.safe_load((PROJECT / "strings" / f"{lang}.yml").read_text("utf-8"))["site_name"]
    return max(name.split(), key=len)


# What one page looks like on one screen, measured in the page.
MEASURE = """(screenWidth) => {
  const problems = [];
  const view = window.visualViewport;
  const button = document.querySelector('.kb-exit__button').getBoundingClientRect();
  if (button.left < view.offsetLeft - 0.5 || button.top < view.offsetTop - 0.5
      || button.right > view.offsetLeft + view.width + 0.5 || button.bottom > view.offsetTop + view.height + 0.5
      || button.width < 40 || button.height < 40) {
    problems.push(`exit button at x ${Math.round(button.left)}-${Math.round(button.right)}, `
      + `y ${Math.round(button.top)}-${Math.round(button.bottom)}, not fully inside the visible screen `
      + `(x ${Math.round(view.offsetLeft)}-${Math.round(view.offsetLeft + view.width)}, `
      + `y ${Math.round(view.offsetTop)}-${Math.round(view.offsetTop + view.height)})`);
  } else {
    const top = document.elementFromPoint(button.left + button.width / 2, button.top + button.height / 2);
    if (!top || !top.closest('.kb-exit__button'))
      problems.push(`exit button covered by ${top && top.outerHTML.slice(0, 80)}`);
  }
  // kb.css clips the body sideways as a last resort, so that the exit stays on screen even
  // then; the content itself must fit without it.
  document.body.style.overflowX = 'visible';
  const root = document.documentElement, contentWidth = root.scrollWidth;
  document.body.style.overflowX = '';
  if (window.innerWidth > screenWidth || contentWidth > root.clientWidth)
    problems.push(
      `the page is ${Math.max(window.innerWidth, contentWidth)} px wide on a screen ${screenWidth} px wide`);
  return problems;
}"""

# Words of ordinary letters, in every table cell that is shown, each on one line.
BROKEN_WORDS = r"""() => {
  const broken = new Set();
  for (const cell of document.querySelectorAll('.md-content table :is(td, th)')) {
    if (!cell.getClientRects().length
        || cell.closest('thead') && cell.closest('thead').getBoundingClientRect().height <= 1) continue;
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const match of node.data.matchAll(/\p{L}{2,}/gu)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const tops = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
        if (tops.size > 1) broken.add(match[0]);
      }
    }
  }
  return [...broken];
}"""

# Every cell of the page's widest table can be seen: on the screen, or in a box of its own
# that scrolls sideways and is itself on the screen. A header hidden in stacked rows is
# written on each of its cells instead.
HIDDEN_CELLS = """(screenWidth) => {
  const tables = [...document.querySelectorAll('.md-content table')];
  const table = tables.reduce((a, b) => (b.rows[0].cells.length > a.rows[0].cells.length ? b : a));
  const headers = [...table.rows[0].cells].map(cell => cell.textContent.trim());
  const headerShown = table.tHead.getBoundingClientRect().height > 1;
  const hidden = [];
  for (const row of table.rows) {
    [...row.cells].forEach((cell, column) => {
      if (cell.tagName === 'TH' && !headerShown) return;
      let box = cell.getBoundingClientRect();
      const scroller = cell.closest('.md-typeset__scrollwrap, .md-typeset > table');
      if (scroller && ['auto', 'scroll'].includes(getComputedStyle(scroller).overflowX)
          && scroller.scrollWidth > scroller.clientWidth) box = scroller.getBoundingClientRect();
      const style = getComputedStyle(cell);
      if (box.width < 1 || box.left < -0.5 || box.right > screenWidth + 0.5 || style.visibility !== 'visible')
        hidden.push(`${headers[column]} / ${cell.parentElement.cells[0].textContent.trim()}`);
      if (!headerShown && cell.tagName === 'TD'
          && !getComputedStyle(cell, '::before').content.includes(headers[column]))
        hidden.push(`${headers[column]} / ${cell.parentElement.cells[0].textContent.trim()}: no label`);
    });
  }
  return hidden;
}"""


def check_page(page, base: str, lang: str, kind: str, screen_width: int) -> list[str]:
    prefix = "" if lang == "en" else f"{lang}/"
    response = page.goto(base + prefix + PAGE_TYPES[kind], wait_until="networkidle" if kind == SEARCH else "load")
    assert response.ok, f"{prefix}{PAGE_TYPES[kind]}: HTTP {response.status}"
    if kind == SEARCH:
        icon = page.locator("label.md-header__button[for=__search]")  # phones and tablets
        (icon if icon.is_visible() else page.locator("input.md-search__input")).click()
        page.locator("input.md-search__input").fill(search_word(lang))
        page.keyboard.press("End")  # Material searches on key release
        page.locator(".md-search-result__item").first.wait_for()
    problems = [f"at the top: {problem}" for problem in page.evaluate(MEASURE, screen_width)]
    page.evaluate(
        "() => new Promise(done => { window.scrollTo(0, document.documentElement.scrollHeight); "
        "requestAnimationFrame(() => requestAnimationFrame(done)); })"
    )
    problems += [f"at the bottom: {problem}" for problem in page.evaluate(MEASURE, screen_width)]
    if broken := page.evaluate(BROKEN_WORDS):
        problems.append(f"words broken inside a table cell: {', '.join(sorted(broken)[:8])}")
    if PAGE_TYPES[kind] == MONITORING_SHEET and (hidden := page.evaluate(HIDDEN_CELLS, screen_width)):
        problems.append(f"monitoring-sheet cells not visible: {', '.join(hidden[:6])}")
    return [f"{prefix}{PAGE_TYPES[kind]} ({kind}): {problem}" for problem in problems]


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_exit_on_screen_and_no_sideways_scroll(browser, served_site, viewport):
    width, height, scale, handheld = VIEWPORTS[viewport]
    context = browser.new_context(
        viewport={"width": width, "height": height}, device_scale_factor=scale, is_mobile=handheld, has_touch=handheld
    )
    # Material builds its search index in a worker on every page: only the search needs it.
    context.route(SEARCH_INDEX, lambda route: route.abort())
    page = context.new_page()
    problems = []
    for lang in LANGUAGES:
        for kind in PAGE_TYPES:
            if kind == SEARCH:
                search_page = context.new_page()
                search_page.route(SEARCH_INDEX, lambda route: route.continue_())
                problems += check_page(search_page, served_site, lang, kind, width)
                search_page.close()
            else:
                problems += check_page(page, served_site, lang, kind, width)
    context.close()
    assert not problems, f"{viewport}:\n" + "\n".join(problems)
