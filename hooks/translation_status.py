"""Hook: translation status that never lies.

- once per build, the build output lists outdated and missing translations (INFO: they are
  normal states of a living site and do not fail --strict; orphans do, in hooks/validation.py);
- a translated page that is a draft, or older than its English source, tells the reader so in
  their language, with a link to the English original;
- docs/translation-status.md (English, for editors) gets the table of every page by language,
  and each language's coverage.
"""

from __future__ import annotations

import logging

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from kb import translation_rules, ui_strings
from kb.site_layout import DEFAULT_LANGUAGE, TRANSLATED_LANGUAGES, source_for_page
from kb.source_checks import run_translation_rows, start_translation_rows
from run import current_language, english_version, is_fallback, run_of

log = logging.getLogger("mkdocs.hooks.translation_status")

# Data

STATUS_MARKER = "<!-- translation-status -->"

# Hooks


def on_pre_build(*, config: MkDocsConfig) -> None:
    if current_language(config) == DEFAULT_LANGUAGE:
        # Hashing and reading every translation's front matter is done beside the build; the
        # rows are first needed by a page (the status table, a notice).
        start_translation_rows(run_of(config), report)


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    if STATUS_MARKER in markdown:
        return markdown.replace(STATUS_MARKER, status_table(rows(config)))
    return markdown


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    lang = current_language(config)
    if lang == DEFAULT_LANGUAGE or is_fallback(page.file, lang):
        return html  # English, or an English fallback (hooks/languages.py labels those)
    state = states(config).get((page.file.norm_src_uri, lang))
    original = english_version(page.file)
    link = get_relative_url(original.url, page.url) if original else None
    return notice(state, config.extra["kb"]["translation"], link) + html


# Helpers


def rows(config: MkDocsConfig) -> list[translation_rules.Row]:
    """The state of every page in every translated language, once per run; the build output
    lists the outdated and missing translations when they are first known (report)."""
    return run_translation_rows(run_of(config))


def report(found: list[translation_rules.Row]) -> None:
    for row in found:
        if row.state == translation_rules.OUTDATED:
            log.info(
                f"{source_for_page(row.page, row.language)}: outdated: {source_for_page(row.page, DEFAULT_LANGUAGE)} "
                "changed since it was translated (update it, then run hooks/translations.py stamp)"
            )
        elif row.state == translation_rules.MISSING:
            log.info(
                f"{source_for_page(row.page, row.language)}: missing: {source_for_page(row.page, DEFAULT_LANGUAGE)} "
                "is not translated yet"
            )


def states(config: MkDocsConfig) -> dict[tuple[str, str], str]:
    """{(page, language): state}, from the same rows."""
    return run_of(config).once(
        "translation_states", lambda: {(row.page, row.language): row.state for row in rows(config)}
    )


def notice(state: str | None, strings: dict, original_link: str | None) -> str:
    """The reader's notice for a translated page in `state`, or nothing for a current one."""
    if state not in (translation_rules.DRAFT, translation_rules.OUTDATED):
        return ""
    text = strings[state]
    link = f' <a href="{original_link}" hreflang="en" lang="en">{strings["original"]}</a>' if original_link else ""
    return ui_strings.notice(state, text["title"], text["text"] + link)


def status_table(rows: list[translation_rules.Row]) -> str:
    """Markdown: coverage per language, then every page's state per language."""
    lines = ["| Language | Current (draft or reviewed) | Reviewed | Pages |", "|---|---:|---:|---:|"]
    for lang in TRANSLATED_LANGUAGES:
        current, reviewed, total = translation_rules.coverage(rows, lang)
        lines.append(
            f"| {lang} | {current} ({_percent(current, total)}) | {reviewed} ({_percent(reviewed, total)}) | {total} |"
        )
    lines += [
        "",
        "| English source | " + " | ".join(TRANSLATED_LANGUAGES) + " |",
        "|---|" + "---|" * len(TRANSLATED_LANGUAGES),
    ]
    by_page: dict[str, dict[str, str]] = {}
    for row in rows:
        by_page.setdefault(row.page, {})[row.language] = row.state
    for page, states in sorted(by_page.items()):
        cells = " | ".join(states.get(lang, "") for lang in TRANSLATED_LANGUAGES)
        lines.append(f"| `{source_for_page(page, DEFAULT_LANGUAGE)}` | {cells} |")
    return "\n".join(lines)


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f}%" if whole else "-"
