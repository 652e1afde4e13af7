"""Hook: one run per build, and the only code that knows how mkdocs-static-i18n builds.

mkdocs-static-i18n builds English, then each other language from within the English build's
post_build, so every MkDocs event runs once per language with the same config. This adapter
hides that:

- at the start of the run (the English build's on_config) it reads the project once into a
  `kb.run.Run` (languages, version date, sources; under `mkdocs serve` only the files that
  changed are read again) that every hook takes from `run_of(config)`;
- `current_language`, `finished_language`, `is_fallback` and `english_version` are the only
  readers of the plugin's state (`current_language`, `building`, `file.locale`, alternates);
- the work at the end of each page, of each language and of the whole run is done here, in
  the order written in PAGE_END, LANGUAGE_END and RUN_END, by calling each feature's function;
- KB_PREVIEW_LANGUAGE=<lang> (`scripts/build.sh serve sq`) builds that language only, for a
  quicker preview: of English only the home page is rendered (the site's root), while the
  previewed language still falls back to the English sources. Not mkdocs-static-i18n's
  build_only_locale: that would make the language the default, built at the site's root from
  its own folder alone, with no English fallbacks and other paths than the real site's.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from kb.run import NoVersionDate, Run
from kb.site_layout import DEFAULT_LANGUAGE, LANGUAGES, project_dir
from kb.source_checks import read_project

# MkDocs loads this file as "hooks/run.py"; the other hooks import it as `run`: one module.
sys.modules.setdefault("run", sys.modules[__name__])

log = logging.getLogger("mkdocs.hooks.run")

# Data

PREVIEW_VARIABLE = "KB_PREVIEW_LANGUAGE"
# The hooks (by file name) whose at_page_end / at_language_end / at_run_end run, in this order.
PAGE_END = ("csp", "offline")  # the policy is part of the page the offline copy takes
LANGUAGE_END = ("search", "offline")  # the language's search index is in its offline copy
# The source checks' problems (they ran beside the build), search indexes, minified assets (the
# PDFs print with them, the copies hold them), PDFs, hosting files (they list every file, PDFs
# included), offline copies (they hold all of it).
RUN_END = ("validation", "search", "assets", "pdfs", "hosting", "offline")
# Not in a preview (`mkdocs serve`, or one language): it is neither published nor downloaded
# (pdfs.py skips itself).
NOT_IN_PREVIEW = ("hosting", "offline")

_command = {"name": "build"}

# Hooks


def on_startup(*, command: str, dirty: bool) -> None:
    _command["name"] = command


@event_priority(110)  # before every other hook (hooks/bridge.py stages from the run's sources)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if current_language(config) != DEFAULT_LANGUAGE:
        return config  # a later language build of the same run
    project = project_dir(config.config_file_path)
    configured = tuple(
        lang.locale for lang in sorted(_i18n(config).config.languages, key=lambda lang: not lang.default)
    )
    if configured != LANGUAGES:
        raise Abort(
            f"{project / 'mkdocs.yml'}: languages {configured}, "
            f"but the hooks read {LANGUAGES} from {Path(__file__).resolve().parents[1] / 'mkdocs.yml'}"
        )
    config.kb_run = read_project(project)
    try:
        config.kb_run.version_time  # noqa: B018  (asked now: a build without a date stops at once)
    except NoVersionDate as error:
        raise Abort(str(error)) from None
    preview = previewed_language()
    if preview:
        if preview not in LANGUAGES:
            raise Abort(f"{PREVIEW_VARIABLE}={preview}: expected one of {', '.join(LANGUAGES)}")
        for lang in _i18n(config).config.languages:
            lang.build = lang.default or lang.locale == preview
        config.validation.nav.not_found = logging.DEBUG  # the English pages that on_files leaves out
        log.info(f"previewing {preview} only (of English, the home page), without search, PDFs or offline copies")
    return config


@event_priority(-110)  # after mkdocs-static-i18n has chosen the English build's files
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    if not previewed_language() or current_language(config) != DEFAULT_LANGUAGE:
        return files
    # Previewing one language: English pages are not rendered (the previewed language's build
    # still falls back to their sources); the home page stays, the site's root.
    for file in [file for file in files if file.is_documentation_page() and file.dest_uri != "index.html"]:
        files.remove(file)  # in place: the plugin's own Files finds pages by their English paths
    return files


@event_priority(-100)  # the page as written, after every other hook and plugin
def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    for feature in _features(config, PAGE_END):
        output = feature.at_page_end(output, page=page, config=config)
    return output


@event_priority(-150)  # after mkdocs-static-i18n's post_build (-100), which builds the other languages
def on_post_build(*, config: MkDocsConfig) -> None:
    lang = finished_language(config)
    if lang != DEFAULT_LANGUAGE:
        for feature in _features(config, LANGUAGE_END):
            feature.at_language_end(lang, config=config)
        return
    for feature in _features(config, RUN_END):
        feature.at_run_end(config=config)


# Helpers


def run_of(config: MkDocsConfig) -> Run:
    """This build's run (made in the English build's on_config)."""
    return config.kb_run


def previewed_language() -> str | None:
    """The one language `scripts/build.sh serve <language>` previews (KB_PREVIEW_LANGUAGE), if any."""
    return os.environ.get(PREVIEW_VARIABLE) or None


def previewing() -> bool:
    """True under `mkdocs serve` and for a one-language preview: nothing is published."""
    return serving() or previewed_language() is not None


def serving() -> bool:
    """True under `mkdocs serve`."""
    return _command["name"] == "serve"


def built_languages(config: MkDocsConfig) -> list[str]:
    """The languages this run builds (all of them, unless one is previewed)."""
    return (
        [lang.locale for lang in _i18n(config).config.languages if lang.build] if _i18n(config) else [DEFAULT_LANGUAGE]
    )


def current_language(config: MkDocsConfig) -> str:
    """The language being built: mkdocs-static-i18n builds one language after the other."""
    i18n = _i18n(config)
    return (i18n and i18n.current_language) or DEFAULT_LANGUAGE


def finished_language(config: MkDocsConfig) -> str:
    """In post_build: the language whose build just finished.

    mkdocs-static-i18n builds the other languages from within the English build's post_build
    and is `building` while it does. When it is done, the English build (the whole run) ends,
    though the plugin's current language is still the last one it built.
    """
    i18n = _i18n(config)
    if i18n is not None and i18n.building:
        return current_language(config)
    return DEFAULT_LANGUAGE


def page_language(file: File, lang: str) -> str:
    """The language a page shown in `lang` is written in (an English fallback's is English)."""
    return getattr(file, "locale", lang)


def is_fallback(file: File, lang: str) -> bool:
    """True when the page shown in `lang` is really another language's file."""
    return page_language(file, lang) != lang


def english_version(file: File) -> File | None:
    """The English page of a translated one, if there is one."""
    return file.alternates.get(DEFAULT_LANGUAGE)


def _i18n(config: MkDocsConfig):
    return config.plugins.get("i18n")


def _features(config: MkDocsConfig, names: tuple[str, ...]) -> list:
    """The hook modules MkDocs loaded for these file names, in the order given (looked up once
    per run: on_post_page asks for every page)."""

    def find() -> list:
        loaded = {Path(module.__file__).stem: module for module in config["hooks"].values()}
        skipped = NOT_IN_PREVIEW if previewing() else ()
        return [loaded[name] for name in names if name in loaded and name not in skipped]

    return run_of(config).once(f"features {' '.join(names)}", find)
