"""Offline copies: one archive per language that works from disk, search included."""

from __future__ import annotations

import re
import zipfile

import pytest

from conftest import LANGUAGES

QUERY = {"en": ("reintegr", "Reintegration"), "sq": ("femije", "fëmij"), "mk": ("zrtva", "жртва"), "bs": ("zrtva", "žrtv")}


def archive(site, lang: str) -> zipfile.ZipFile:
    return zipfile.ZipFile(site.site / "downloads" / f"reintegration-kb-{lang}.zip")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_archive_holds_its_language_only_and_stays_small(site, lang):
    path = site.site / "downloads" / f"reintegration-kb-{lang}.zip"
    assert path.stat().st_size < 3_000_000  # the whole site of a language with its 25 PDFs
    names = archive(site, lang).namelist()
    root = f"reintegration-kb-{lang}/"
    prefix = root + ("" if lang == "en" else f"{lang}/")
    for page in ("index.html", "manual/safety/index.html", "guides/stages/crisis/index.html", "stories/ilir/index.html", "search/search_index.js", "pdf/checklist-crisis.pdf", "pdf/story-ilir.pdf"):
        assert prefix + page in names, page
    others = [f"{root}{other}/" for other in LANGUAGES if other not in ("en", lang)]
    assert not [name for name in names if name.startswith(tuple(others))]
    assert not [name for name in names if name.endswith((".map", ".zip", "search_index.json"))]
    assert root + "index.html" in names


def test_archive_holds_every_file_of_its_language_once_with_one_date(site):
    # The copy is written while the site builds (pages as they are rendered, the rest at the
    # end); whatever the order, it must hold each file of the language's site exactly once.
    copy = archive(site, "sq")
    assert {info.date_time for info in copy.infolist()} == {(1980, 1, 1, 0, 0, 0)}
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
    without_links = lambda html: re.sub(r' ?(href|src)="[^"]*"', "", html)  # noqa: E731
    assert without_links(copied).replace("<script></script></head>", "</head>") == without_links(built)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_downloads_page_links_the_archive_with_its_size(site, lang):
    html = site.html(("" if lang == "en" else f"{lang}/") + "downloads/")
    assert f'reintegration-kb-{lang}.zip" download>' in html
    assert re.search(r"\(\D*, \d+\.\d (MB|МБ)\)</span>", html.split(f'data-kb-archive="reintegration-kb-{lang}.zip"')[1][:90])


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
    assert all(url.startswith(("file://", "data:", "blob:")) for url in requests), [u for u in requests if not u.startswith("file://")]
    assert home.startswith("file://")
    page.close()
