"""The pages every language shares: 404 pages, titles, theme strings, the readers' path through
the navigation, the home page's links, the quick exit's destination and the keyboard order the
Staying safe page describes."""

from __future__ import annotations

import html as htmllib
import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest

from conftest import LANGUAGES, PROJECT
from kb.page_source import load_yaml

PREFIX = {lang: "" if lang == "en" else f"{lang}/" for lang in LANGUAGES}


def strings(lang: str) -> dict:
    return load_yaml((PROJECT / "strings" / f"{lang}.yml").read_text("utf-8"))


class Elements(HTMLParser):
    """The elements of a page as (tag, attributes, text inside), in document order."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, dict, list[str]]] = []
        self._open: list[list[str]] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        parts: list[str] = []
        self.found.append((tag, dict(attrs), parts))
        if tag not in ("meta", "link", "img", "input", "br", "hr", "source", "path"):
            self._open.append(parts)

    def handle_endtag(self, tag):
        if self._open and tag not in ("meta", "link", "img", "input", "br", "hr", "source", "path"):
            self._open.pop()

    def handle_data(self, data):
        for parts in self._open:
            parts.append(data)

    def all(self, tag: str, css_class: str | None = None) -> list[tuple[dict, str]]:
        """(attributes, normalised text) of every `tag` element, optionally with a class."""
        return [
            (attrs, " ".join("".join(parts).split()))
            for name, attrs, parts in self.found
            if name == tag and (css_class is None or css_class in (attrs.get("class") or "").split())
        ]


def menu_links(page_html: str) -> dict[str, str]:
    return {attrs["hreflang"]: attrs["href"] for attrs, _ in Elements(page_html).all("a", "md-select__link")}


# 404 pages


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("missing", ["404.html", "guides/no/such/page/"])
def test_404_language_menu_leads_to_each_languages_home(site, lang, missing):
    # The page is served in place of any missing address, so its links must hold from any depth.
    page = site.site / PREFIX[lang] / "404.html"
    served_at = "http://kb.test/" + PREFIX[lang] + missing
    links = {other: urljoin(served_at, href) for other, href in menu_links(page.read_text("utf-8")).items()}
    assert links == {other: "http://kb.test/" + PREFIX[other] for other in LANGUAGES}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_404_title_and_heading_say_the_page_was_not_found(site, lang):
    page = Elements((site.site / PREFIX[lang] / "404.html").read_text("utf-8"))
    not_found, site_name = strings(lang)["not_found"]["title"], strings(lang)["site_name"]
    assert [text for _, text in page.all("title")] == [f"{not_found} - {site_name}"]
    assert [text for _, text in page.all("h1")] == [not_found]


# Titles and theme strings


@pytest.mark.parametrize("lang", LANGUAGES)
def test_home_page_title_names_the_site_once(site, lang):
    titles = [text for _, text in Elements(site.html(PREFIX[lang])).all("title")]
    assert titles == [strings(lang)["site_name"]]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_permalinks_and_footer_speak_the_pages_language(site, lang):
    theme = strings(lang)["theme"]
    page = Elements(site.html(PREFIX[lang] + "guides/stages/crisis/"))
    permalinks = page.all("a", "headerlink")
    assert permalinks
    assert {attrs.get("title") for attrs, _ in permalinks} == {theme["permalink"]}
    [(_, footer)] = page.all("div", "md-copyright")
    assert footer == f"{theme['made_with']} Material for MkDocs"
    if lang != "en":
        assert "Permanent link" not in footer and "Made with" not in footer


def test_theme_strings_are_translated():
    english = strings("en")["theme"]
    for lang in LANGUAGES[1:]:
        for key, text in strings(lang)["theme"].items():
            assert text != english[key], f"strings/{lang}.yml: theme.{key} is still English"


# The readers' path


def footer_targets(site, page_path) -> list[str]:
    served_at = "http://kb.test/" + page_path.relative_to(site.site).as_posix()
    links = Elements(page_path.read_text("utf-8")).all("a", "md-footer__link")
    return [urlsplit(urljoin(served_at, attrs["href"])).path for attrs, _ in links]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_translation_status_is_off_the_readers_path_but_linked_from_about(site, lang):
    status = f"/{PREFIX[lang]}translation-status/"
    language_root = site.site / PREFIX[lang]
    for page_path in language_root.rglob("index.html"):
        relative = page_path.relative_to(site.site).as_posix()
        if lang == "en" and relative.split("/")[0] in LANGUAGES:
            continue  # another language's page
        assert status not in footer_targets(site, page_path), relative
        navigation = Elements(page_path.read_text("utf-8")).all("a", "md-nav__link")
        served_at = "http://kb.test/" + relative
        assert status not in {urlsplit(urljoin(served_at, attrs["href"])).path for attrs, _ in navigation}, relative
    about = f"{PREFIX[lang]}about/"
    links = Elements(site.html(about)).all("a")
    assert status in {urlsplit(urljoin("http://kb.test/" + about, attrs.get("href", ""))).path for attrs, _ in links}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_home_page_links_staying_safe_online(site, lang):
    home = "http://kb.test/" + PREFIX[lang]
    article = site.html(PREFIX[lang]).split("<article", 1)[1].split("</article>", 1)[0]
    links = {urlsplit(urljoin(home, attrs.get("href", ""))).path for attrs, _ in Elements(article).all("a")}
    assert f"/{PREFIX[lang]}staying-safe-online/" in links


# The quick exit's destination


def test_each_language_has_its_own_neutral_exit_destination(site):
    destinations = {}
    for lang in LANGUAGES:
        url = strings(lang)["exit"]["url"]
        assert url.startswith("https://"), f"strings/{lang}.yml: exit.url"
        exits = Elements(site.html(PREFIX[lang] + "manual/")).all("a", "kb-exit__button")
        assert [attrs["href"] for attrs, _ in exits] == [url]
        destinations[lang] = url
    assert len(set(destinations.values())) == len(LANGUAGES), destinations


# The keyboard order that the Staying safe page describes


def described_tab_stops(page_html: str) -> list[str]:
    """The names of the first Tab stops as the page lists them: the bold words of the list in
    <div class="kb-tab-order" markdown>."""
    marked = re.search(r'<div class="kb-tab-order">(.*?)</div>', page_html, re.S)
    if not marked:
        return []
    return [
        " ".join(htmllib.unescape(re.sub(r"<[^>]+>", "", name)).split())
        for name in re.findall(r"<strong>(.*?)</strong>", marked.group(1), re.S)
    ]


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGUAGES)
def test_staying_safe_page_describes_the_real_tab_order(browser, served_site, site, lang):
    path = PREFIX[lang] + "staying-safe-online/"
    described = described_tab_stops(site.html(path))
    assert len(described) >= 3, "the page lists the first Tab stops in a list marked { .kb-tab-order }"
    context = browser.new_context()
    context.route(lambda url: not url.startswith(served_site), lambda route: route.abort())
    page = context.new_page()
    page.goto(served_site + path)
    reached = []
    for _ in described:
        page.keyboard.press("Tab")
        reached.append(page.evaluate("document.activeElement.innerText.replace(/\\s+/g, ' ').trim()"))
    context.close()
    for name, focused in zip(described, reached):
        assert name in focused, (described, reached)
