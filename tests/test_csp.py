"""The Content-Security-Policy: on every page, right for its inline scripts, and never in the
way of what readers do, online and from an offline copy opened from disk."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from conftest import LANGUAGES
from kb import csp

_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')
# Words each language's search finds (a heading word of the stage guide in that language).
QUERIES = {"en": "safety", "sq": "siguri", "mk": "bezbednost", "bs": "sigurnost"}
RECORD = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", e => window.__violations.push(
  `${e.violatedDirective} blocked ${e.blockedURI || "inline"} at ${e.sourceFile || location.href}:${e.lineNumber}`));
"""


@pytest.mark.parametrize(
    "html, expected",
    [
        ("<script>a()</script>", ["'sha256-qVpDBgj7bpq5hMAcGp3AOc79J3Y1Z4HvySTwKrWDoy4='"]),
        ('<script src="x.js"></script><script type="application/json">{"a":1}</script>', []),
        ("<script>a()</script><script>a()</script>", ["'sha256-qVpDBgj7bpq5hMAcGp3AOc79J3Y1Z4HvySTwKrWDoy4='"]),
        ('<script type="module">a()</script>', ["'sha256-qVpDBgj7bpq5hMAcGp3AOc79J3Y1Z4HvySTwKrWDoy4='"]),
    ],
    ids=["inline", "external and data block", "twice", "module"],
)
def test_inline_scripts_are_allowed_by_their_hashes(html, expected):
    assert csp.inline_script_hashes(html) == expected


def test_the_policy_comes_before_any_script_and_only_once():
    page = '<html><head><meta charset="utf-8"><script>a()</script></head><body></body></html>'
    once = csp.with_policy(page)
    assert once.index("Content-Security-Policy") < once.index("<script>")
    assert csp.with_policy(once) == once
    policy = _META.search(once).group(1)
    for directive in ("default-src 'none'", "object-src 'none'", "base-uri 'none'", "form-action 'none'"):
        assert directive in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy


def _pages(root: Path):
    return sorted(path for path in root.rglob("*.html") if path.is_file())


def test_every_built_page_has_a_policy_that_allows_exactly_its_inline_scripts(site):
    pages = _pages(site.site)
    assert len(pages) > 100
    for path in pages:
        html = path.read_text("utf-8")
        policies = _META.findall(html)
        assert len(policies) == 1, path
        head_script = html.find("<script")
        assert head_script == -1 or html.index("Content-Security-Policy") < head_script, path
        for source in csp.inline_script_hashes(html):
            assert source in policies[0], f"{path}: inline script {source} not allowed"


def _page_types(site_root: Path, lang: str) -> dict[str, str]:
    """One page of each kind for a language, found in the built site (not a list of titles)."""
    prefix = "" if lang == "en" else f"{lang}/"
    story = sorted(p.parent.name for p in (site_root / prefix / "stories").glob("*/index.html"))[0]
    kinds = {
        "home": "",
        "manual chapter": "manual/safety/",
        "templates": "manual/templates/",
        "guide with a checklist": "guides/stages/crisis/",
        "checklists": "checklists/",
        "stories index": "stories/",
        "story": f"stories/{story}/",
        "glossary": "glossary/",
        "downloads": "downloads/",
        "staying safe": "staying-safe-online/",
        "translation status": "translation-status/",
        "not found": "404.html",
    }
    return {kind: prefix + path for kind, path in kinds.items() if (site_root / prefix / path).exists() or path == ""}


def _violations(page) -> list[str]:
    return page.evaluate("window.__violations || []")


def _exercise(page, lang: str, with_search: bool) -> None:
    """What a reader does on a page: open the language menu, tick a box; on the guide page
    also search and print."""
    language_menu = page.locator(".md-select .md-header__button").first
    if language_menu.count():
        language_menu.hover()
    box = page.locator(".kb-checklist input[type=checkbox]").first
    if box.count():
        box.check(force=True)
    if with_search:
        field = page.locator("input.md-search__input")
        field.click()
        field.fill(QUERIES[lang])
        page.keyboard.press("End")
        page.wait_for_function("() => document.querySelectorAll('.md-search-result__item').length > 0", timeout=15_000)
        page.emulate_media(media="print")  # printing, on the page people print most
        page.pdf()
        page.emulate_media(media="screen")


def _local_only(route):
    url = route.request.url
    if url.startswith(("http://127.0.0.1", "file:", "data:", "blob:", "about:")):
        route.continue_()
    else:
        route.abort()  # the quick exit's destination: never reached in a test


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_policy_violation_on_any_page_type_online(browser, site, served_site, lang):
    context = browser.new_context()
    context.add_init_script(RECORD)
    context.route("**/*", _local_only)
    found = {}
    for kind, path in _page_types(site.site, lang).items():
        page = context.new_page()
        page.goto(served_site + path, wait_until="networkidle")
        _exercise(page, lang, with_search=kind == "guide with a checklist")
        found[kind] = _violations(page)
        if kind == "home":
            # The quick exit runs its script (the overlay, location.replace) under the policy too.
            with page.expect_event("framenavigated"):
                page.locator(".kb-exit__button").click()
        page.close()
    context.close()
    assert found == {kind: [] for kind in found}


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_policy_violation_in_an_offline_copy_opened_from_disk(browser, site, tmp_path, lang):
    with zipfile.ZipFile(site.site / "downloads" / f"reintegration-kb-{lang}.zip") as archive:
        archive.extractall(tmp_path)
    roots = [p.parent for p in tmp_path.rglob("index.html") if (p.parent / "assets").is_dir()]
    root = min(roots, key=lambda p: len(p.parts))
    context = browser.new_context()
    context.add_init_script(RECORD)
    found = {}
    for kind, path in _page_types(site.site, lang).items():
        target = root / path / "index.html"
        if not target.exists():
            continue  # not in an offline copy (the 404 pages)
        page = context.new_page()
        page.goto(target.as_uri())
        _exercise(page, lang, with_search=kind == "guide with a checklist")
        found[kind] = _violations(page)
        page.close()
    context.close()
    assert len(found) >= 10, sorted(found)  # every page type a copy holds
    assert found == {kind: [] for kind in found}
