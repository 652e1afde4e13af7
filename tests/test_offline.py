"""Offline copies: one archive per language that works from disk, search included."""

from __future__ import annotations

import html.parser
import json
import os
import re
import zipfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

import offline
from conftest import LANGUAGES, PROJECT
from kb.run import version_time, zip_date

QUERY = {
    "en": ("reintegr", "Reintegration"),
    "sq": ("femije", "fëmij"),
    "mk": ("zrtva", "жртва"),
    "bs": ("zrtva", "žrtv"),
}


def archive(site, lang: str) -> zipfile.ZipFile:
    return zipfile.ZipFile(site.site / "downloads" / f"reintegration-kb-{lang}.zip")


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGUAGES)
def test_archive_holds_its_language_only_and_stays_small(site, lang):
    path = site.site / "downloads" / f"reintegration-kb-{lang}.zip"
    assert (
        path.stat().st_size < 4_000_000
    )  # a language's whole site with its 33 PDFs, the book among them (3.2-3.4 MB in December 2026)
    names = archive(site, lang).namelist()
    root = f"reintegration-kb-{lang}/"
    prefix = root + ("" if lang == "en" else f"{lang}/")
    for page in (
        "index.html",
        "manual/safety/index.html",
        "guides/stages/crisis/index.html",
        "stories/ilir/index.html",
        "search/search_index.js",
        "pdf/checklist-crisis.pdf",
        "pdf/story-ilir.pdf",
    ):
        assert prefix + page in names, page
    others = [f"{root}{other}/" for other in LANGUAGES if other not in ("en", lang)]
    assert not [name for name in names if name.startswith(tuple(others))]
    assert not [name for name in names if name.endswith((".map", ".zip", "search_index.json"))]
    assert root + "index.html" in names


def test_archive_holds_every_file_of_its_language_once_with_one_date(site):
    # The copy is written while the site builds (pages as they are rendered, the rest at the
    # end); whatever the order, it must hold each file of the language's site exactly once.
    copy = archive(site, "sq")
    # Every entry carries the version's date (SOURCE_DATE_EPOCH, else the last commit): not 1980.
    assert {info.date_time for info in copy.infolist()} == {zip_date(version_time(PROJECT))}
    names = copy.namelist()
    assert names[0] == "reintegration-kb-sq/index.html" and len(names) == len(set(names))
    expected = {
        path.relative_to(site.site).as_posix()
        for folder in ("sq", "assets")
        for path in (site.site / folder).rglob("*")
        if path.is_file()
        and not path.name.endswith((".map", "404.html", "search_index.json", "search_index.full.json"))
        and "/lunr/" not in path.as_posix()
    }
    assert {name.removeprefix("reintegration-kb-sq/") for name in names[1:]} == expected
    built = (site.site / "sq" / "manual" / "safety" / "index.html").read_text("utf-8")
    copied = copy.read("reintegration-kb-sq/sq/manual/safety/index.html").decode("utf-8")
    # Links differ, and without SITE_URL the links to other languages (the language menu, the
    # draft notice's English original) are not in the copy at all.
    other_languages = re.compile(r'<li class="md-select__item">.*?</li>\s*|<a [^>]*hreflang="[^>]*>.*?</a>', re.S)
    without_links = lambda html: re.sub(r' ?(href|src)="[^"]*"', "", other_languages.sub("", html))  # noqa: E731
    assert without_links(copied).replace("<script></script></head>", "</head>") == without_links(built)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_downloads_page_links_the_archive_with_its_size(site, lang):
    html = site.html(("" if lang == "en" else f"{lang}/") + "downloads/")
    assert f'reintegration-kb-{lang}.zip" download>' in html
    assert re.search(
        r"\(\D*, \d+\.\d (MB|МБ)\)</span>", html.split(f'data-kb-archive="reintegration-kb-{lang}.zip"')[1][:90]
    )


@pytest.fixture(scope="module")
def extracted(site, tmp_path_factory):
    folder = tmp_path_factory.mktemp("offline")
    for lang in LANGUAGES:
        archive(site, lang).extractall(folder)
    return folder


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGUAGES)
def test_offline_copy_navigates_and_searches_from_disk(browser, extracted, lang):
    root = extracted / f"reintegration-kb-{lang}"
    page = browser.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto((root / "index.html").as_uri())
    page.wait_for_load_state("load")
    home = page.url
    # Navigation: the manual entry point opens its page from disk.
    page.locator("article a[href*='manual/']").first.click()
    page.wait_for_load_state("load")
    assert page.url.endswith("/manual/index.html"), page.url
    assert page.locator("h1").count() == 1
    # Search, with a folded query, finds pages of this language in the copy.
    box = page.locator("input.md-search__input")
    box.click()
    query, expected = QUERY[lang]
    box.fill(query)
    page.keyboard.press("End")
    page.wait_for_function("() => document.querySelectorAll('.md-search-result__item').length > 0", timeout=15_000)
    links = page.locator(".md-search-result__item > a").evaluate_all("els => els.map(e => e.href)")
    assert links and all(link.startswith(root.as_uri()) and ".html" in link for link in links)
    assert expected.casefold() in page.locator(".md-search-result__list").inner_text().casefold()
    page.locator(".md-search-result__item > a").first.click()
    page.wait_for_load_state("load")
    assert page.locator("article h1").count() == 1
    assert all(url.startswith(("file://", "data:", "blob:")) for url in requests), [
        u for u in requests if not u.startswith("file://")
    ]
    assert home.startswith("file://")
    page.close()


ONLINE = "https://kb.test.invalid/kb/"


@pytest.mark.parametrize(
    "url, folder, lang, site_url, expected",
    [
        ("../safety/", "manual/models", "en", "", "../safety/index.html"),
        ("../..", "manual/safety", "en", "", "../../index.html"),  # Material's home links
        ("../../pdf/guide-stages.pdf#top", "guides/stages", "en", "", "../../pdf/guide-stages.pdf#top"),
        ("#top", "manual", "en", "", "#top"),
        ("https://www.bbc.com/weather", "manual", "en", "", "https://www.bbc.com/weather"),
        # the home pages' language menu, written from the site's root
        ("/sq/", "sq", "sq", "", "./index.html"),
        ("/", "", "en", "", "./index.html"),
        ("/kb/sq/", "sq", "sq", ONLINE, "./index.html"),
        ("/kb/mk/", "sq", "sq", ONLINE, f"{ONLINE}mk/"),
        ("/kb/", "sq", "sq", ONLINE, ONLINE),
        # what the copy does not hold: online with SITE_URL, else nothing
        ("../../../mk/manual/safety/#plan", "sq/manual/safety", "sq", ONLINE, f"{ONLINE}mk/manual/safety/#plan"),
        ("../../../mk/manual/safety/", "sq/manual/safety", "sq", "", None),
        ("/mk/", "sq", "sq", "", None),
        ("reintegration-kb-en.zip", "downloads", "en", ONLINE, f"{ONLINE}downloads/reintegration-kb-en.zip"),
        ("reintegration-kb-en.zip", "downloads", "en", "", None),
    ],
)
def test_links_inside_an_offline_copy(url, folder, lang, site_url, expected):
    assert offline.offline_url(url, folder, lang, site_url) == expected


def test_links_with_no_target_are_not_offered():
    menu = "".join(
        f'<li class="md-select__item">\n<a href="{href}" hreflang="{lang}" class="md-select__link">{lang}</a>\n</li>'
        for lang, href in (("en", "../../../manual/safety/"), ("sq", "./"))
    )
    html = (
        f'<head></head><ul>{menu}</ul><p>Unclear? <a href="../../../manual/safety/" hreflang="en">English</a></p>'
        '<p><a class="md-button" href="../../../downloads/reintegration-kb-sq.zip" download>Download</a></p>'
        '<p>See <a href="../../../mk/manual/safety/">the Macedonian page</a>.</p>'
    )
    copied = offline.offline_html(html, "sq/manual/safety/index.html", "sq", "")
    assert copied.split("</head>")[1] == (
        '<ul><li class="md-select__item">\n<a href="./index.html" hreflang="sq" class="md-select__link">sq</a>\n'
        "</li></ul>"
        "<p>Unclear? </p><p></p><p>See the Macedonian page.</p>"
    )


# A file:// crawl: what a browser loads or follows from each page of an unzipped copy.

_CSS_URL = re.compile(r"""url\(\s*["']?([^"')]+)""")
_ADDRESS = re.compile(r"^(?:https?:)?//", re.I)
_NOT_A_FILE = re.compile(r"^(?:data|blob|mailto|tel|javascript):", re.I)


class _References(html.parser.HTMLParser):
    """Every address a page links or loads: href, src, srcset, CSS url() in style attributes
    and elements, and the search index and worker that Material's config names."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._element = None

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        for name, value in attrs:
            if value is None:
                continue
            if name in ("href", "src"):
                self.found.append(value)
            elif name == "srcset":
                self.found += [candidate.split()[0] for candidate in value.split(",") if candidate.strip()]
            elif name == "style":
                self.found += _CSS_URL.findall(value)
        self._element = "config" if tag == "script" and values.get("id") == "__config" else tag

    def handle_data(self, data):
        if self._element == "config":
            config = json.loads(data)
            self.found += [config["base"].rstrip("/") + "/search/search_index.js", config["search"]]
        elif self._element == "style":
            self.found += _CSS_URL.findall(data)

    def handle_endtag(self, tag):
        self._element = None


def references(path: Path) -> list[str]:
    """The addresses a page or stylesheet of a copy refers to; for a search index, the pages
    it locates (relative to the folder holding search/, its language's root)."""
    text = path.read_text("utf-8")
    if path.suffix == ".css":
        return _CSS_URL.findall(text)
    if path.name == "search_index.js":
        return ["../" + location for location in re.findall(r'"location":"([^"]*)"', text)]
    parser = _References()
    parser.feed(text)
    return parser.found


def crawl(root: Path) -> tuple[list[str], set[str]]:
    """(local references that do not resolve to a file inside `root`, absolute addresses) of
    every page, stylesheet and search index of an unzipped copy, as a browser opening it from
    disk would resolve them: a folder is not a page, a path from / leaves the copy."""
    broken, addresses = [], set()
    for path in sorted(root.rglob("*")):
        if path.suffix not in (".html", ".css") and path.name != "search_index.js":
            continue
        for url in references(path):
            if _ADDRESS.match(url):
                addresses.add(url)
            elif not _NOT_A_FILE.match(url) and urlsplit(url).path:
                target = Path(os.path.normpath(path.parent / unquote(urlsplit(url).path)))
                if not (target.is_relative_to(root) and target.is_file()):
                    broken.append(f"{path.relative_to(root)}: {url}")
    return broken, addresses


def hosts_named_in_sources() -> set[str]:
    """Hosts the authors or the theme name (external links, the exit's neutral site); a host
    the build made up, such as a placeholder site address, is not among them."""
    import material

    folders = [PROJECT / name for name in ("docs", "guides", "stories", "translations", "strings", "overrides")]
    folders.append(Path(material.__file__).parent / "templates")
    hosts = set()
    for folder in folders:
        for path in folder.rglob("*"):
            if path.suffix in (".md", ".yml", ".html", ".js"):
                hosts |= set(re.findall(r"https?://([A-Za-z0-9.-]+)", path.read_text("utf-8", errors="replace")))
    return hosts


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_link_and_resource_of_an_offline_copy_resolves_from_disk(extracted, lang):
    # The site is built without SITE_URL: nothing may lead to a site address, and whatever is
    # not in the copy (other languages) is not offered.
    root = extracted / f"reintegration-kb-{lang}"
    broken, addresses = crawl(root)
    assert broken == [], f"{len(broken)} references that do not resolve from disk, e.g. {broken[:8]}"
    known = hosts_named_in_sources()
    assert {url for url in addresses if urlsplit(url).hostname not in known} == set()
    home = root / ("" if lang == "en" else lang) / "index.html"
    menu = re.findall(r'<a href="([^"]*)" hreflang="([a-z]+)" class="md-select__link"', home.read_text("utf-8"))
    assert [language for _, language in menu] == [lang]  # only the copy's own language...
    assert (home.parent / menu[0][0]).resolve() == home  # ...which leads to the page itself


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGUAGES)
def test_offline_copy_on_a_phone_loads_everything_and_its_language_menu_and_pdfs_work(browser, extracted, lang):
    root = extracted / f"reintegration-kb-{lang}"
    prefix = "" if lang == "en" else f"{lang}/"
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, device_scale_factor=3, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    failed: list[str] = []
    page.on("requestfailed", lambda request: failed.append(f"{request.url} ({request.failure})"))
    for path in ("index.html", "guides/stages/crisis/index.html", "manual/safety/index.html"):
        start = (root / prefix / path).as_uri()
        page.goto(start, wait_until="networkidle")  # the favicon too: no load cut short below
        # The language menu: tap it, then the copy's own language, which opens this page again.
        page.locator(".md-header .md-select button").tap()
        own = page.locator(f'.md-select__link[hreflang="{lang}"]')
        own.wait_for(state="visible")
        with page.expect_navigation(url=start, wait_until="networkidle"):
            own.tap()
    # A PDF button of the stage page opens the PDF that is in the copy (from disk a browser
    # opens it: `download` only applies to a page's own origin, which file:// pages lack).
    page.goto((root / prefix / "guides/stages/crisis/index.html").as_uri(), wait_until="networkidle")
    button = page.locator(".kb-downloads a").first
    pdf = Path(os.path.normpath(root / prefix / "guides/stages/crisis" / button.get_attribute("href")))
    assert pdf.suffix == ".pdf" and pdf.is_file()
    button.tap()
    page.wait_for_url(pdf.as_uri())
    assert failed == []
    context.close()
