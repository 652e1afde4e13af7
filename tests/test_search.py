"""Search: one index per language, folding of diacritics and Macedonian Latin typing, and real
queries typed into Material's search box in every language."""

from __future__ import annotations

import json
import re

import pytest

from conftest import PROJECT

FOLD_JS = (PROJECT / "overrides/assets/javascripts/workers/kb-fold.js").read_text("utf-8")


@pytest.fixture(scope="module")
def fold(browser):
    page = browser.new_page()
    page.set_content("<html><body></body></html>")
    page.add_script_tag(content=FOLD_JS)
    yield lambda text: page.evaluate("text => kbFold(text)", text)
    page.close()


@pytest.mark.parametrize(
    "typed, text",
    [
        ("femije", "fëmijë"),
        ("ceshtje", "çështje"),
        ("zrtva", "žrtva"),
        ("zrtva", "жртва"),
        ("zhrtva", "жртва"),
        ("trgovija so lugje", "трговија со луѓе"),
        ("trgovina ljudima", "trgovina ljudima"),
        ("medjunarodni", "međunarodni"),
        ("kukja", "куќа"),
        ("socijalna", "СОЦИЈАЛНА"),
        ("dzamija", "џамија"),
        ("sigurnost", "Sigurnost"),
        ("reintegr", "reintegr"),
    ],
)
def test_typed_form_and_text_fold_to_the_same_key(fold, typed, text):
    assert fold(typed) == fold(text)


@pytest.mark.parametrize("word", ["fëmijë", "трговија", "žrtva", "Ćevapi", "ИНФОРМИРАНА"])
def test_folding_is_idempotent_and_plain_ascii(fold, word):
    once = fold(word)
    assert fold(once) == once
    assert re.fullmatch(r"[a-z]+", once)


def test_folding_keeps_query_operators(fold):
    assert fold('+Žrtva -ДЕЦА "luѓe"') == '+zrtva -deca "lugje"'


# The indexes


def index(site, lang: str) -> dict:
    prefix = "" if lang == "en" else f"{lang}/"
    return json.loads((site.site / prefix / "search" / "search_index.full.json").read_text("utf-8"))


@pytest.mark.parametrize("lang", ["en", "sq", "mk", "bs"])
def test_each_language_has_its_own_index_of_its_own_pages(site, lang):
    docs = index(site, lang)["docs"]
    assert len(docs) > 100
    for doc in docs:
        assert not re.match(r"(sq|mk|bs)/", doc["location"]), doc["location"]
        target = site.site / ("" if lang == "en" else lang) / doc["location"].split("#")[0] / "index.html"
        assert target.is_file(), doc["location"]
    text = " ".join(doc["text"] for doc in docs)
    cyrillic = len(re.findall(r"[\u0400-\u04FF]", text))
    if lang == "mk":
        assert cyrillic > 100_000
    else:
        assert cyrillic < 50  # e.g. institution names quoted in the service directory


@pytest.mark.parametrize("lang", ["en", "sq", "mk", "bs"])
def test_pages_load_a_stub_index_that_names_the_whole_one(site, lang):
    folder = site.site / ("" if lang == "en" else lang) / "search"
    stub = json.loads((folder / "search_index.json").read_text("utf-8"))
    assert stub["docs"] == [] and (folder / "search_index.json").stat().st_size < 1_000
    assert stub["config"]["kb_index"] == (("" if lang == "en" else f"{lang}/") + "search/search_index.full.json")
    assert (folder / "search_index.js").read_text("utf-8").startswith("var __index = {")


@pytest.mark.browser
def test_worker_and_whole_index_load_only_when_someone_searches(browser, served_site):
    page = browser.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(served_site + "bs/", wait_until="networkidle")
    page.wait_for_timeout(500)
    assert not [url for url in requested if "search_index.full" in url or re.search(r"/search\.[0-9a-f]+\.min\.js", url)]
    links, _ = search(page, served_site, "bs", "zrtva")
    assert links
    assert any("bs/search/search_index.full.json" in url for url in requested)
    assert any(re.search(r"/search\.[0-9a-f]+\.min\.js", url) for url in requested)
    page.close()


def test_status_notices_are_not_indexed(site):
    text = " ".join(doc["text"] for doc in index(site, "sq")["docs"])
    assert "Përkthim në draft" not in text


def test_index_config_splits_at_punctuation_and_keeps_diacritics(site):
    config = index(site, "sq")["config"]
    assert config["pipeline"] == []
    separator = re.compile(config["separator"])
    assert [t for t in separator.split("(çrregullime, ndër të tjera)") if t] == ["çrregullime", "ndër", "të", "tjera"]


# Typing queries in a real browser

QUERIES = [
    ("sq", "femije", "guides/children-of-victims/", "fëmij"),
    ("sq", "ceshtje", "guides/stages/", "çështje"),
    ("sq", "cfare", "", "çfarë"),
    ("bs", "zrtva", "", "žrtv"),
    ("bs", "reintegr", "guides/stages/reintegration/", "eintegr"),
    ("mk", "trgovija so lugje", "", "трговија со луѓе"),
    ("mk", "zrtva", "", "жртва"),
    ("mk", "reintegr", "", "еинтеграција"),
    ("en", "safety", "manual/safety/", "safety"),
    ("en", "reintegr", "", "reintegration"),
]


def search(page, base: str, lang: str, query: str):
    prefix = "" if lang == "en" else f"{lang}/"
    page.goto(base + prefix, wait_until="networkidle")
    box = page.locator("input.md-search__input")
    box.click()
    box.fill(query)
    page.keyboard.press("End")  # Material searches on key release
    page.wait_for_function("() => document.querySelectorAll('.md-search-result__item').length > 0", timeout=10_000)
    links = page.locator(".md-search-result__item > a").evaluate_all("els => els.map(e => e.href)")
    text = page.locator(".md-search-result__list").inner_text()
    return links, text


@pytest.mark.browser
@pytest.mark.parametrize("lang, query, expected_page, original_text", QUERIES, ids=[f"{q[0]}:{q[1]}" for q in QUERIES])
def test_query_finds_the_right_pages_only_in_the_readers_language(browser, served_site, lang, query, expected_page, original_text):
    page = browser.new_page()
    links, text = search(page, served_site, lang, query)
    prefix = served_site + ("" if lang == "en" else f"{lang}/")
    assert links and all(link.startswith(prefix) for link in links)
    if lang == "en":
        assert not any(re.match(rf"{re.escape(served_site)}(sq|mk|bs)/", link) for link in links)
    assert any(link.split("?")[0].startswith(prefix + expected_page) for link in links), links[:5]
    assert original_text.casefold() in text.casefold()  # snippets show the page's own text
    page.close()


@pytest.mark.browser
def test_words_next_to_punctuation_are_found(build_small_site, browser):
    page_text = "---\ntitle: Shëndeti\ndescription: D.\ntranslation:\n  status: draft\n---\n\n# Shëndeti\n\nKujdes për shëndetin mendor (çrregullime, ankth) dhe gjumin.\n"
    built = build_small_site(
        {
            "docs/index.md": "---\ntitle: Home\ndescription: Home.\n---\n\n# Home\n\nWelcome.\n",
            "docs/health.md": "---\ntitle: Health\ndescription: D.\n---\n\n# Health\n\nMental health (disorders, anxiety) and sleep.\n",
            "translations/sq/docs/health.md": page_text,
        }
    )
    assert built.returncode == 0, built.log
    import functools
    import http.server
    import threading

    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(built.site))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        page = browser.new_page()
        links, text = search(page, f"http://127.0.0.1:{server.server_address[1]}/", "sq", "crregullime")
        assert any("/sq/health/" in link for link in links)
        assert "çrregullime" in text
        page.close()
    finally:
        server.shutdown()
