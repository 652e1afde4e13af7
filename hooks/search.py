"""Hook: one search index per language, searched the way people type.

mkdocs-static-i18n merges every language's pages into one index at /search/. Instead each
language gets its own, /search/ for English and /sq/search/, /mk/search/, /bs/search/, with
locations relative to the language's root, and pages point Material's search at their own
language (overrides/main.html sets `base` per language). Words are folded in the browser by
overrides/assets/javascripts/workers/kb-search.js (diacritics, Macedonian Latin typing), which
also sets aside the language's little words when a query has others: this hook builds that
worker next to Material's and puts the language and its little words (strings/<lang>.yml,
search.little_words) into the index's config. Pages load only a stub
index; the worker and the whole index come when someone searches. Each index also exists as
search_index.js, which Material loads instead when the site is opened from disk (file://).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

from kb import ui_strings
from kb.site_layout import DEFAULT_LANGUAGE, TRANSLATED_LANGUAGES, project_dir
from run import finished_language, previewed_language, run_of

# Data

WORKERS = "assets/javascripts/workers"

# Hooks


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    config.extra["kb_search_worker"] = f"{WORKERS}/kb-search.js?v={material_worker(config).split('.')[1]}"
    return config


def on_pre_build(*, config: MkDocsConfig) -> None:
    if previewed_language():
        # A one-language preview rebuilds quicker without a search index (Material's plugin then
        # shows no search box). Switched off here, not in mkdocs.yml: mkdocs-static-i18n needs
        # the index object the plugin makes in its on_config.
        config.plugins["material/search"].config.enabled = False


def at_language_end(lang: str, *, config: MkDocsConfig) -> None:
    """A language build inside the run: /search/ holds this language's pages only (hooks/run.py
    calls this after Material's search plugin has written it)."""
    if previewed_language():
        return
    site = Path(config.site_dir)
    write_index(site / lang / "search", language_index(read_index(site), lang, _little_words(config, lang)), site)


@event_priority(-90)  # before mkdocs-static-i18n's post_build (-100) builds the other languages
def on_post_build(*, config: MkDocsConfig) -> None:
    """The English build's end: Material's /search/ holds the English pages only until the
    other languages are built, so English's index is split off now, from the smallest file."""
    if previewed_language() or finished_language(config) != DEFAULT_LANGUAGE:
        return
    site = Path(config.site_dir)
    index = language_index(read_index(site), DEFAULT_LANGUAGE, _little_words(config, DEFAULT_LANGUAGE))
    run_of(config).cache["english search stub"] = write_index(site / "search", index, site)


def at_run_end(*, config: MkDocsConfig) -> None:
    """The end of the whole run: mkdocs-static-i18n has written every language's pages into
    /search/search_index.json, so English's stub goes back in its place; the theme files are
    copied for the last time, so the worker is built now."""
    if previewed_language():
        return
    site = Path(config.site_dir)
    (site / "search" / "search_index.json").write_text(run_of(config).cache["english search stub"], "utf-8")
    write_worker(site, config)


# Helpers


def read_index(site: Path) -> dict:
    return json.loads((site / "search" / "search_index.json").read_text("utf-8"))


def _little_words(config: MkDocsConfig, lang: str) -> list[str]:
    return little_words(ui_strings.load(project_dir(config.config_file_path), [lang])[lang])


def material_worker(config) -> str:
    """File name of Material's search worker (it carries a content hash)."""
    for folder in config.theme.dirs:
        found = sorted((Path(folder) / WORKERS).glob("search.*.min.js"))
        if found:
            return found[0].name
    raise FileNotFoundError("Material's search worker was not found in the theme")


def write_worker(site: Path, config) -> None:
    folder = site / WORKERS
    source = Path(config.theme.custom_dir) / WORKERS
    code = (source / "kb-fold.js").read_text("utf-8") + "\n" + (source / "kb-search.js").read_text("utf-8")
    (folder / "kb-search.js").write_text(
        without_comments(code).replace("__MATERIAL_WORKER__", material_worker(config)), "utf-8"
    )


def without_comments(code: str) -> str:
    """The worker as browsers get it: every page loads it, so without the sources' comments
    and indentation (half its compressed size). Our two files have no "/*" outside comments."""
    code = re.sub(r"/\*.*?\*/", "", code, flags=re.S)
    return "\n".join(line.strip() for line in code.splitlines() if line.strip()) + "\n"


def little_words(strings: dict) -> list[str]:
    """The language's little words (strings/<lang>.yml, search.little_words: words separated
    by spaces, as written; the worker folds them)."""
    return strings.get("search", {}).get("little_words", "").split()  # a missing key is reported by hooks/languages.py


def language_index(index: dict, lang: str, little: list[str]) -> dict:
    """The entries of one language, with locations relative to that language's root, and the
    language and its little words for the search worker."""
    prefixes = tuple(f"{other}/" for other in TRANSLATED_LANGUAGES)
    if lang == DEFAULT_LANGUAGE:
        docs = [doc for doc in index["docs"] if not doc["location"].startswith(prefixes)]
    else:
        docs = [
            {**doc, "location": doc["location"][len(lang) + 1 :]}
            for doc in index["docs"]
            if doc["location"].startswith(f"{lang}/")
        ]
    return {"config": {**index["config"], "kb_language": lang, "kb_little_words": little}, "docs": docs}


def write_index(folder: Path, index: dict, site: Path) -> str:
    """The whole index (search_index.full.json, and search_index.js for file:// pages), and a
    stub at search_index.json, which every page loads: it names the whole index, which
    kb-search.js fetches only when someone searches. Returns the stub."""
    folder.mkdir(parents=True, exist_ok=True)
    data = json.dumps(index, ensure_ascii=False, separators=(",", ":"))
    (folder / "search_index.full.json").write_text(data, "utf-8")
    (folder / "search_index.js").write_text(f"var __index = {data}", "utf-8")
    full = (folder / "search_index.full.json").relative_to(site).as_posix()
    # Every page loads the stub; the little words reach the worker with the whole index.
    config = {key: value for key, value in index["config"].items() if key != "kb_little_words"}
    stub = {"config": {**config, "kb_index": full}, "docs": []}
    text = json.dumps(stub, ensure_ascii=False, separators=(",", ":"))
    (folder / "search_index.json").write_text(text, "utf-8")
    return text
