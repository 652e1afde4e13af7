"""Search relevance benchmark: the real search, typed into the search box of the built site in
Chromium, for the queries of bench/search_queries.yml (each with the page it should find).

    .venv/bin/python bench/search_relevance.py [SITE]   # SITE: a built site; without it, one is built
    .venv/bin/python bench/search_relevance.py SITE --misses   # also list the queries not ranked first

Prints per language the share of queries whose page comes first, the share in the first
three, the mean reciprocal rank (of the first ten results: Material shows ten at once), and
the number of result lists in which a page matching only little words appears, or a page
lacking a meaningful word of the query ranks above one that has them all. Whether a page has
a word is read from the index, folded as the search folds it (kb-fold.js), a word matching
the start of an indexed word as search does; the little words are those of strings/<lang>.yml.
Goal: in every language at least 95% in the first three, 80% first, and no little-word-only
match.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml

import static_server

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT / "hooks"))
from kb.chromium import CHROMIUM, CHROMIUM_ARGS  # noqa: E402  (the project's one list of Chromium flags)
from kb.run import configured_languages  # noqa: E402

LANGUAGES = configured_languages(PROJECT)  # mkdocs.yml's i18n languages, English first
QUERIES = PROJECT / "bench" / "search_queries.yml"
FOLD_JS = PROJECT / "overrides" / "assets" / "javascripts" / "workers" / "kb-fold.js"
SHOWN = 10  # results Material renders at once
GOAL = {"first": 0.80, "top3": 0.95}

# In the page: which result pages have which query words (folded, as a prefix of an indexed
# word), from the language's whole index.
COVERAGE_JS = """
([docs, separator, lang]) => {
  const split = new RegExp(separator);
  const pages = new Map();
  for (const doc of docs) {
    const page = doc.location.split("#")[0];
    const words = pages.get(page) || new Set();
    const text = (doc.title + " " + doc.text).replace(/<[^>]*>/g, " ");
    for (const word of text.split(split)) if (word) words.add(kbFold(word, lang));
    pages.set(page, words);
  }
  window.kbBenchPages = new Map([...pages].map(([page, words]) => [page, [...words]]));
  window.kbBenchCoverage = (locations, words) => locations.map(page => {
    const indexed = window.kbBenchPages.get(page) || [];
    return words.map(word => indexed.some(token => token.startsWith(word)));
  });
}
"""


@dataclass
class Scores:
    ranks: list[int | None] = field(default_factory=list)
    little_only: int = 0
    partial_above_full: int = 0
    misses: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def share(self, top: int) -> float:
        return sum(1 for rank in self.ranks if rank and rank <= top) / len(self.ranks)

    @property
    def mrr(self) -> float:
        return sum(1 / rank for rank in self.ranks if rank) / len(self.ranks)

    def meets_goal(self) -> bool:
        return self.share(1) >= GOAL["first"] and self.share(3) >= GOAL["top3"] and not self.little_only


def little_words(lang: str) -> list[str]:
    strings = yaml.safe_load((PROJECT / "strings" / f"{lang}.yml").read_text("utf-8"))
    return strings["search"]["little_words"].split()


def build_site(folder: Path) -> Path:
    site = folder / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "KB_SKIP_PDF": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site)],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
    )
    if done.returncode:
        raise SystemExit(f"build failed:\n{done.stderr[-3000:]}")
    return site


def search(page, query: str, placeholder: str) -> list[str]:
    """Type the query (after clearing the box) and return the result pages, in order."""
    box = page.locator("input.md-search__input")
    meta = ".md-search-result__meta"
    box.fill("")
    page.keyboard.press("End")  # a key release: Material searches on it
    page.wait_for_function(
        "([meta, text]) => document.querySelector(meta).textContent.trim() === text", arg=[meta, placeholder]
    )
    box.fill(query)
    page.keyboard.press("End")
    page.wait_for_function(
        "([meta, text]) => document.querySelector(meta).textContent.trim() !== text", arg=[meta, placeholder]
    )
    return page.eval_on_selector_all(
        ".md-search-result__item > a:first-child",
        "(links, base) => links.map(a => { const url = new URL(a.href); url.search = ''; url.hash = ''; "
        "return url.href.slice(base.length); })",
        page.evaluate("new URL(JSON.parse(document.getElementById('__config').textContent).base, location.href).href"),
    )


def measure_language(browser, base: str, site: Path, lang: str, queries: list[list[str]]) -> Scores:
    prefix = "" if lang == "en" else f"{lang}/"
    index = json.loads((site / prefix / "search" / "search_index.full.json").read_text("utf-8"))
    separator = index["config"]["separator"]
    page = browser.new_page()
    page.goto(base + prefix, wait_until="networkidle")
    page.add_script_tag(content=FOLD_JS.read_text("utf-8"))
    page.evaluate(COVERAGE_JS, [index["docs"], separator, lang])
    fold = lambda words: page.evaluate("([words, lang]) => words.map(w => kbFold(w, lang))", [words, lang])  # noqa: E731
    little = set(fold(little_words(lang)))
    placeholder = page.evaluate(
        "JSON.parse(document.getElementById('__config').textContent).translations['search.result.placeholder']"
    )
    page.locator("input.md-search__input").click()
    scores = Scores()
    for query, expected in queries:
        words = list(dict.fromkeys(fold([w for w in re.split(separator, query) if w])))
        meaningful = [w for w in words if w not in little] or words
        results = search(page, query, placeholder)[:SHOWN]
        rank = results.index(expected) + 1 if expected in results else None
        scores.ranks.append(rank)
        if rank != 1:
            scores.misses.append(
                f"{query!r}: {expected} at {rank or '-'}; "
                f"first: {', '.join(page or '(home)' for page in results[:3]) or 'nothing'}"
            )
        have = page.evaluate("([pages, words]) => kbBenchCoverage(pages, words)", [results + [expected], meaningful])
        if not all(have[-1]):
            scores.notes.append(
                f"{query!r}: {expected} lacks {', '.join(w for w, h in zip(meaningful, have[-1]) if not h)}"
            )
        have = have[:-1]
        if len(meaningful) < len(words) and any(not any(row) for row in have):
            scores.little_only += 1
            scores.misses.append(
                f"{query!r}: little words only: "
                f"{', '.join(page or '(home)' for page, row in zip(results, have) if not any(row))}"
            )
        full = [all(row) for row in have]
        if any(not full[i] and any(full[i + 1 :]) for i in range(len(full))):
            scores.partial_above_full += 1
            scores.misses.append(
                f"{query!r}: partial above full: "
                f"{', '.join((page or '(home)') + ('' if ok else ' (partial)') for page, ok in zip(results, full))}"
            )
    page.close()
    return scores


def measure(site: Path, languages=LANGUAGES) -> dict[str, Scores]:
    from playwright.sync_api import sync_playwright

    queries = yaml.safe_load(QUERIES.read_text("utf-8"))
    server, base = static_server.start(site)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                return {lang: measure_language(browser, base, site, lang, queries[lang]) for lang in languages}
            finally:
                browser.close()
    finally:
        server.shutdown()


def report(results: dict[str, Scores], misses: bool = False) -> None:
    print("search relevance (bench/search_queries.yml, the real search in Chromium):")
    print("language  queries  first  first 3    MRR  little-word-only  partial above full")
    for lang, s in results.items():
        print(
            f"{lang:8s} {len(s.ranks):8d} {s.share(1):6.0%} {s.share(3):8.0%} {s.mrr:6.2f} {s.little_only:17d} "
            f"{s.partial_above_full:19d}"
        )
    met = [lang for lang, s in results.items() if s.meets_goal()]
    print(
        f"goal (first 3 >= {GOAL['top3']:.0%}, first >= {GOAL['first']:.0%}, "
        f"no little-word-only match): met in {', '.join(met) or 'none'}"
    )
    for lang, s in results.items():
        for note in s.notes:
            print(f"  note {lang}: the expected page does not have every word: {note}")
        if misses:
            for miss in s.misses:
                print(f"  {lang}: {miss}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", nargs="?", type=Path, help="a built site (default: build one)")
    parser.add_argument("--misses", action="store_true", help="list the queries whose page is not first")
    parser.add_argument("--language", choices=LANGUAGES, action="append", help="only these languages")
    args = parser.parse_args()
    site = args.site or build_site(Path(tempfile.mkdtemp(prefix="kb-search-bench-")))
    report(measure(site, tuple(args.language or LANGUAGES)), args.misses)


if __name__ == "__main__":
    main()
