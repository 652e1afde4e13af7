"""Search: one index per language, folding of diacritics and Macedonian Latin typing, and real
queries typed into Material's search box in every language."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest
import yaml

from conftest import PROJECT

FOLD_JS = PROJECT / "overrides/assets/javascripts/workers/kb-fold.js"


def fold_all(texts: list[str], lang: str) -> list[str]:
    """kb-fold.js's keys for the texts, computed by node (the same code the worker runs)."""
    if not shutil.which("node"):
        pytest.fail("node is missing: scripts/test.sh installs it")
    script = (
        f"const fold = require({json.dumps(str(FOLD_JS))}); "
        "const [texts, lang] = JSON.parse(require('fs').readFileSync(0, 'utf8')); "
        "console.log(JSON.stringify(texts.map(t => fold(t, lang))))"
    )
    done = subprocess.run(
        ["node", "-e", script], input=json.dumps([texts, lang]), capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout)


def fold(text: str, lang: str) -> str:
    return fold_all([text], lang)[0]


# Folding: every way of typing a word and the word itself give the same key

TYPED_AND_WRITTEN = [
    ("en", "naive cafe", "naïve café"),
    ("en", "reintegr", "Reintegr"),
    ("sq", "femije", "fëmijë"),
    ("sq", "ceshtje", "çështje"),
    ("sq", "cheshtje", "çështje"),
    ("sq", "cfare", "çfarë"),
    ("bs", "zrtva", "žrtva"),
    ("bs", "zhrtva", "žrtva"),
    ("bs", "medjunarodni", "međunarodni"),
    ("bs", "medunarodni", "međunarodni"),
    ("bs", "kuca", "kuća"),
    ("bs", "cetiri", "četiri"),
    ("bs", "chetiri", "četiri"),
    ("bs", "shta", "šta"),
    ("bs", "dzamija", "džamija"),
    ("bs", "sigurnost", "SIGURNOST"),
    ("mk", "luge", "луѓе"),
    ("mk", "lugje", "луѓе"),
    ("mk", "ludje", "луѓе"),
    ("mk", "luđe", "луѓе"),
    ("mk", "vrakanje", "враќање"),
    ("mk", "vrakjanje", "враќање"),
    ("mk", "vracanje", "враќање"),
    ("mk", "vraćanje", "враќање"),
    ("mk", "vrakane", "враќање"),
    ("mk", "zrtva", "жртва"),
    ("mk", "zhrtva", "жртва"),
    ("mk", "žrtva", "жртва"),
    ("mk", "sto", "што"),
    ("mk", "shto", "што"),
    ("mk", "covek", "човек"),
    ("mk", "chovek", "човек"),
    ("mk", "čovek", "човек"),
    ("mk", "centar", "центар"),
    ("mk", "dzeb", "џеб"),
    ("mk", "dzheb", "џеб"),
    ("mk", "džeb", "џеб"),
    ("mk", "dzvono", "ѕвоно"),
    ("mk", "ljubov", "љубов"),
    ("mk", "lubov", "љубов"),
    ("mk", "njiva", "њива"),
    ("mk", "niva", "њива"),
    ("mk", "trgovija so lugje", "ТРГОВИЈА СО ЛУЃЕ"),
    ("mk", "reintegr", "реинтегр"),
]


@pytest.mark.parametrize(
    "lang, typed, written", TYPED_AND_WRITTEN, ids=[f"{lang}:{typed}" for lang, typed, _ in TYPED_AND_WRITTEN]
)
def test_typed_form_and_text_fold_to_the_same_key(lang, typed, written):
    assert fold_all([typed, written], lang) == [fold(written, lang)] * 2


# Letters a language tells apart stay apart: Albanian sh, zh are letters of their own, l and n
# meet lj and nj only in Macedonian typing, English keeps its digraphs.
DISTINCT = [
    ("sq", "shtet", "stet"),
    ("sq", "zhvillim", "zvillim"),
    ("bs", "ljudi", "ludi"),
    ("bs", "konj", "kon"),
    ("en", "shelter", "selter"),
    ("mk", "луѓе", "луде"),
]


@pytest.mark.parametrize("lang, one, other", DISTINCT, ids=[f"{lang}:{one}" for lang, one, _ in DISTINCT])
def test_letters_the_language_tells_apart_stay_apart(lang, one, other):
    first, second = fold_all([one, other], lang)
    assert first != second


def test_folding_keeps_query_operators():
    assert fold('+Žrtva -ДЕЦА "luѓe"', "mk") == '+zrtva -deka "luge"'


@pytest.mark.parametrize("lang", ["en", "sq", "mk", "bs"])
def test_every_indexed_word_folds_once_for_all_to_latin_letters(site, lang):
    """Query words are folded twice (by the worker, then by lunr): the key must not move."""
    whole = index(site, lang)
    config, docs = whole["config"], whole["docs"]
    words = sorted(
        {
            w
            for doc in docs
            for w in re.split(config["separator"], re.sub(r"<[^>]+>", " ", doc["title"] + " " + doc["text"]))
            if w
        }
    )
    once = fold_all(words, lang)
    assert fold_all(once, lang) == once
    assert not [key for key in once if re.search(r"[\u0300-\u036f\u0400-\u04ff]", key)]


# Little words: in the sources, passed to the worker with the whole index


@pytest.mark.parametrize("lang", ["en", "sq", "mk", "bs"])
def test_little_words_come_from_the_strings_with_the_whole_index_only(site, lang):
    written = yaml.safe_load((PROJECT / "strings" / f"{lang}.yml").read_text("utf-8"))["search"]["little_words"].split()
    config = index(site, lang)["config"]
    assert config["kb_language"] == lang and config["kb_little_words"] == written and len(written) > 20
    folder = site.site / ("" if lang == "en" else lang) / "search"
    assert "kb_little_words" not in json.loads((folder / "search_index.json").read_text("utf-8"))["config"]


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
    letters = sum(char.isalpha() for char in text)
    if lang == "mk":
        assert cyrillic > 0.9 * letters
    else:
        assert cyrillic < 0.01 * letters  # e.g. Macedonian names quoted in a country guide


@pytest.mark.parametrize("lang", ["en", "sq", "mk", "bs"])
def test_pages_load_a_stub_index_that_names_the_whole_one(site, lang):
    folder = site.site / ("" if lang == "en" else lang) / "search"
    stub = json.loads((folder / "search_index.json").read_text("utf-8"))
    assert stub["docs"] == [] and (folder / "search_index.json").stat().st_size < 1_000
    assert stub["config"]["kb_index"] == (("" if lang == "en" else f"{lang}/") + "search/search_index.full.json")
    assert (folder / "search_index.js").read_text("utf-8").startswith("var __index = {")


def test_the_worker_every_page_loads_carries_no_comments(site):
    worker = (site.site / "assets/javascripts/workers/kb-search.js").read_text("utf-8")
    assert "/*" not in worker and "kbFold" in worker
    assert re.search(r'importScripts\(here\("search\.[0-9a-f]+\.min\.js"\)\)', worker)


@pytest.mark.browser
def test_worker_and_whole_index_load_only_when_someone_searches(browser, served_site):
    page = browser.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(served_site + "bs/", wait_until="networkidle")
    page.wait_for_timeout(500)
    assert not [
        url for url in requested if "search_index.full" in url or re.search(r"/search\.[0-9a-f]+\.min\.js", url)
    ]
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
def test_query_finds_the_right_pages_only_in_the_readers_language(
    browser, served_site, lang, query, expected_page, original_text
):
    page = browser.new_page()
    links, text = search(page, served_site, lang, query)
    prefix = served_site + ("" if lang == "en" else f"{lang}/")
    assert links and all(link.startswith(prefix) for link in links)
    if lang == "en":
        assert not any(re.match(rf"{re.escape(served_site)}(sq|mk|bs)/", link) for link in links)
    assert any(link.split("?")[0].startswith(prefix + expected_page) for link in links), links[:5]
    assert original_text.casefold() in text.casefold()  # snippets show the page's own text
    page.close()


# What a reader sees: little words set aside, Macedonian typed in Latin letters, pages with every
# word first, the words missing as the reader typed them, whatever way the query got in

_PAGE_KEYS: dict = {}


def page_keys(site, lang: str) -> dict[str, set[str]]:
    """Each page's indexed words (all its sections), folded as the search folds them."""
    if (site.site, lang) not in _PAGE_KEYS:
        whole = index(site, lang)
        words: dict[str, set[str]] = {}
        for doc in whole["docs"]:
            text = re.sub(r"<[^>]+>", " ", doc["title"] + " " + doc["text"])
            words.setdefault(doc["location"].split("#")[0], set()).update(
                w for w in re.split(whole["config"]["separator"], text) if w
            )
        vocabulary = sorted(set().union(*words.values()))
        keys = dict(zip(vocabulary, fold_all(vocabulary, lang)))
        _PAGE_KEYS[(site.site, lang)] = {page: {keys[w] for w in found} for page, found in words.items()}
    return _PAGE_KEYS[(site.site, lang)]


def meaningful_keys(site, lang: str, query: str) -> list[str]:
    config = index(site, lang)["config"]
    keys = fold_all([w for w in re.split(config["separator"], query) if w], lang)
    little = set(fold_all(config["kb_little_words"], lang))
    return [key for key in keys if key not in little]


def has(site, lang: str, page: str, key: str) -> bool:
    return any(word.startswith(key) for word in page_keys(site, lang)[page])


def run_query(page, base: str, lang: str, query: str, how: str = "keys") -> list[dict]:
    """The query entered into the search box of the language's home page, by typing (a key
    release ends it), by Playwright's fill (no key) or as a paste (an input event, no key).
    Returns the result pages in order, each with its location and its "Missing" lines."""
    prefix = base + ("" if lang == "en" else f"{lang}/")
    page.goto(prefix, wait_until="networkidle")
    box = page.locator("input.md-search__input")
    box.click()
    if how == "paste":
        box.evaluate(
            "(box, text) => { box.value = text; box.dispatchEvent(new InputEvent('input', "
            "{inputType: 'insertFromPaste', data: text, bubbles: true})) }",
            query,
        )
    else:
        box.fill(query)
    if how == "keys":
        page.keyboard.press("End")
    page.wait_for_function("() => document.querySelectorAll('.md-search-result__item').length > 0", timeout=10_000)
    return page.eval_on_selector_all(
        ".md-search-result__item",
        """(items, prefix) => items.map(item => {
            const url = new URL(item.querySelector("a").href);
            url.search = ""; url.hash = "";
            return {page: url.href.slice(prefix.length),
                    missing: [...item.querySelectorAll(".md-search-result__terms")].map(p => p.textContent.trim())};
        })""",
        prefix,
    )


def translation(page, key: str) -> str:
    return page.evaluate("key => JSON.parse(document.getElementById('__config').textContent).translations[key]", key)


# The examples: results 2-6 of "trafikimi i qenieve" had only "i".
WITH_LITTLE_WORDS = [
    ("en", "trafficking in human beings"),
    ("sq", "trafikimi i qenieve"),
    ("mk", "trgovija so luge"),
    ("mk", "трговија со луѓе"),
    ("bs", "trgovina ljudima u zajednici"),
]


@pytest.mark.browser
@pytest.mark.parametrize("lang, query", WITH_LITTLE_WORDS, ids=[f"{lang}:{query}" for lang, query in WITH_LITTLE_WORDS])
def test_no_page_or_section_is_found_for_little_words_alone(browser, site, served_site, lang, query):
    keys = meaningful_keys(site, lang, query)
    typed = [word for word, key in zip(query.split(), fold_all(query.split(), lang)) if key in keys]
    assert 0 < len(keys) < len(query.split())
    page = browser.new_page()
    shown = run_query(page, served_site, lang, query)
    page.close()
    assert not [result["page"] for result in shown if not any(has(site, lang, result["page"], key) for key in keys)]
    # A section shown with every meaningful word missing was found for a little word.
    for line in (line for result in shown for line in result["missing"]):
        named = set(line.split(": ", 1)[1].split())
        assert named < set(typed), line


LITTLE_WORDS_ONLY = [
    ("en", "what it is"),
    ("sq", "cfare eshte"),
    ("mk", "sto e toa"),
    ("mk", "што е тоа"),
    ("bs", "sta je to"),
]


@pytest.mark.browser
@pytest.mark.parametrize("lang, query", LITTLE_WORDS_ONLY, ids=[f"{lang}:{query}" for lang, query in LITTLE_WORDS_ONLY])
def test_a_query_of_little_words_alone_still_searches(browser, site, served_site, lang, query):
    assert not meaningful_keys(site, lang, query)
    page = browser.new_page()
    assert len(run_query(page, served_site, lang, query)) > 3
    page.close()


# Every common way of typing Macedonian in Latin letters, and Bosnian without its letters
TYPED_IN_LATIN = [
    ("mk", "luge", "луѓе"),
    ("mk", "lugje", "луѓе"),
    ("mk", "ludje", "луѓе"),
    ("mk", "vrakanje", "враќање"),
    ("mk", "vrakjanje", "враќање"),
    ("mk", "vracanje", "враќање"),
    ("mk", "zhrtva", "жртва"),
    ("mk", "sprecuvanje", "спречување"),
    ("mk", "sprechuvanje", "спречување"),
    ("mk", "budzet", "буџет"),
    ("mk", "budzhet", "буџет"),
    ("mk", "zasolniste", "засолниште"),
    ("mk", "zasolnishte", "засолниште"),
    ("mk", "centar", "центар"),
    ("mk", "vrabotuvane", "вработување"),
    ("bs", "medjunarodn", "međunarodn"),
    ("bs", "medunarodn", "međunarodn"),
    ("bs", "sprjecavanje", "sprječavanje"),
    ("bs", "pracenje", "praćenje"),
]


@pytest.mark.browser
@pytest.mark.parametrize(
    "lang, typed, written", TYPED_IN_LATIN, ids=[f"{lang}:{typed}" for lang, typed, _ in TYPED_IN_LATIN]
)
def test_words_typed_in_latin_letters_find_the_written_ones(browser, served_site, lang, typed, written):
    page = browser.new_page()
    run_query(page, served_site, lang, typed)
    assert written in page.locator(".md-search-result__list").inner_text().casefold()
    page.close()


# Two meaningful words that some pages have both of and others one of
FULL_AND_PARTIAL = [
    ("en", "stigma employers"),
    ("sq", "stigmë punëdhënës"),
    ("mk", "stigma rabotodavaci"),
    ("bs", "dugovi medijacija"),
]


@pytest.mark.browser
@pytest.mark.parametrize("lang, query", FULL_AND_PARTIAL, ids=[f"{lang}:{query}" for lang, query in FULL_AND_PARTIAL])
def test_pages_with_every_word_come_before_pages_with_some(browser, site, served_site, lang, query):
    keys = meaningful_keys(site, lang, query)
    page = browser.new_page()
    shown = run_query(page, served_site, lang, query)
    page.close()
    full = [all(has(site, lang, result["page"], key) for key in keys) for result in shown]
    assert True in full and False in full, full  # the query tells the two apart
    assert full == sorted(full, reverse=True), [result["page"] for result in shown]


@pytest.mark.browser
@pytest.mark.parametrize("how", ["fill", "paste"])
@pytest.mark.parametrize("lang, query", [("en", "safety"), ("sq", "femije"), ("mk", "lugje"), ("bs", "zrtva")])
def test_a_query_filled_in_or_pasted_without_keys_searches(browser, served_site, lang, query, how):
    page = browser.new_page()
    assert run_query(page, served_site, lang, query, how)
    page.close()


# The word missing from a result, shown as typed: the reader's letters, not the folded key
MISSING_AS_TYPED = [
    ("en", "safety naïveté", "naïveté"),
    ("sq", "siguria çokollatë", "çokollatë"),
    ("mk", "безбедност жирафа", "жирафа"),
    ("mk", "bezbednost zhirafa", "zhirafa"),
    ("bs", "sigurnost čađava", "čađava"),
]


@pytest.mark.browser
@pytest.mark.parametrize(
    "lang, query, missing", MISSING_AS_TYPED, ids=[f"{lang}:{query}" for lang, query, _ in MISSING_AS_TYPED]
)
def test_the_missing_line_shows_the_words_as_typed(browser, served_site, lang, query, missing):
    page = browser.new_page()
    shown = run_query(page, served_site, lang, query)
    lines = {line for result in shown for line in result["missing"]}
    assert lines == {f"{translation(page, 'search.result.term.missing')}: {missing}"}
    page.close()


@pytest.mark.browser
@pytest.mark.parametrize(
    "lang, query", [("en", "safety"), ("sq", "siguria"), ("mk", "безбедност"), ("bs", "sigurnost")]
)
def test_the_results_say_how_many_pages_matched_in_the_readers_language(browser, served_site, lang, query):
    page = browser.new_page()
    shown = run_query(page, served_site, lang, query)
    count = translation(page, "search.result.other")
    assert (count == "# matching documents") == (lang == "en")  # the language's own words
    meta = page.locator(".md-search-result__meta").inner_text().strip()
    number = re.fullmatch(re.escape(count).replace("\\#", r"(\d+)"), meta)
    assert number and int(number.group(1)) >= len(shown) > 1, meta
    page.close()


@pytest.mark.browser
def test_words_next_to_punctuation_are_found(build_small_site, browser):
    page_text = (
        "---\ntitle: Shëndeti\ndescription: D.\ntranslation:\n  status: draft\n---\n\n# Shëndeti\n\n"
        "Kujdes për shëndetin mendor (çrregullime, ankth) dhe gjumin.\n"
    )
    built = build_small_site(
        {
            "docs/index.md": "---\ntitle: Home\ndescription: Home.\n---\n\n# Home\n\nWelcome.\n",
            "docs/health.md": (
                "---\ntitle: Health\ndescription: D.\n---\n\n# Health\n\n"
                "Mental health (disorders, anxiety) and sleep.\n"
            ),
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
