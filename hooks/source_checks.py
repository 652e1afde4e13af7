"""Every check of the authors' sources, in one pass over the project (no MkDocs needed).

Used by the build (hooks/validation.py) and by the standalone command (hooks/check.py), so
both print the same `path:line: message` lines.
"""

from __future__ import annotations

from pathlib import Path

import checklist_rules
import link_rules
import page_source
import story_rules
import translation_rules
from kb import language_checks
from site_layout import DEFAULT_LANGUAGE, TRANSLATED_LANGUAGES, SourceFile, find_sources, source_for_page

# Data

# Pages that must have a checklist in every language they exist in.
CHECKLIST_PAGES = (
    "guides/stages/crisis.md",
    "guides/stages/transition.md",
    "guides/stages/reintegration.md",
    "guides/children-of-victims.md",
    "guides/mentoring.md",
)

# Helpers


def read_pages(project: Path) -> dict[SourceFile, str]:
    return {item: (project / item.source).read_text("utf-8") for item in find_sources(project) if item.is_markdown}


def unpublished(pages: dict[SourceFile, str]) -> set[str]:
    """Sources of stories (and their translations) that are not built."""
    return story_rules.left_out([(item.source, item.page, item.language, text) for item, text in pages.items() if story_rules.is_story(item.page)])


def built_files(project: Path, left_out: set[str]) -> set[tuple[str, str]]:
    """(language, site path) of every file that is built, pages and other files alike."""
    return {(item.language, item.page) for item in find_sources(project) if item.source not in left_out}


def check_project(project: Path) -> list[str]:
    """All problems, as `path:line: message`, sorted by path and line."""
    pages = read_pages(project)
    english = {item.page: (item, text) for item, text in pages.items() if item.language == DEFAULT_LANGUAGE}
    left_out = unpublished(pages)
    built = built_files(project, left_out)
    found: list[tuple[str, page_source.Problem]] = []
    for item, text in pages.items():
        front = page_source.parse(text).problems
        if front:
            found += [(item.source, problem) for problem in front]
            continue  # nothing else can be trusted in a page whose front matter is unreadable
        if item.source in left_out:
            continue  # never built, so nothing of it is shown or checked
        problems = checklist_rules.find_problems(text, required=item.page in CHECKLIST_PAGES)
        if story_rules.is_story(item.page):
            problems += story_rules.find_problems(text)
        language = item.language
        problems += link_rules.find_problems(
            text, item.page, lambda page: (language, page) in built or (DEFAULT_LANGUAGE, page) in built
        )
        if item.language != DEFAULT_LANGUAGE and item.page not in english:
            problems.append(
                page_source.Problem(1, f"translation of {source_for_page(item.page, DEFAULT_LANGUAGE)}, which does not exist; expected an English source at that path, or delete the translation")
            )
        elif item.language != DEFAULT_LANGUAGE:
            source, english_text = english[item.page]
            problems += translation_rules.review_problems(text)
            problems += translation_rules.number_problems(text)
            if not page_source.parse(english_text).problems:
                problems += checklist_rules.compare(english_text, text, source.source)
        found += [(item.source, problem) for problem in problems]
    settings_problems, language_found = language_problems(project, {item: text for item, text in pages.items() if item.source not in left_out})
    found += language_found
    found.sort(key=lambda pair: (pair[0], pair[1].line))
    return settings_problems + [problem.at(path) for path, problem in found]


_SPELLER = language_checks.Speller()  # answers cached across runs (mkdocs serve rebuilds)


def language_problems(project: Path, pages: dict[SourceFile, str]) -> tuple[list[str], list[tuple[str, page_source.Problem]]]:
    """Script on every page; terminology and spelling on the translations, per the settings
    in translations/<lang>/ (language.yml, accepted-words.txt, termbase.yml)."""
    readable = {item: text for item, text in pages.items() if not page_source.parse(text).problems}
    found = [(item.source, problem) for item, text in readable.items() for problem in language_checks.script_problems(text)]
    messages: list[str] = []
    for lang in TRANSLATED_LANGUAGES:
        folder = project / "translations" / lang
        settings = language_checks.load_settings(folder, lang)
        messages += [_relative(project, message) for message in settings.problems]
        mine = {item: text for item, text in readable.items() if item.language == lang}
        for item, text in mine.items():
            found += [(item.source, problem) for problem in language_checks.term_problems(text, item.page, settings.terms)]
        if not settings.dictionary:
            continue
        if not _SPELLER.available(settings.dictionary):
            messages.append(
                f"translations/{lang}/language.yml:1: spelling not checked: hunspell or its {settings.dictionary} dictionary is missing; "
                f"expected them installed (apt-get install hunspell {settings.debian_package}; scripts/build.sh does it)"
            )
            continue
        spelled = language_checks.spelling_problems({item.source: text for item, text in mine.items()}, settings, _SPELLER)
        found += [(path, problem) for path, problems in spelled.items() for problem in problems]
    return messages, found


def _relative(project: Path, message: str) -> str:
    return message.replace(project.as_posix() + "/", "")


def translation_rows(project: Path) -> list[translation_rules.Row]:
    """The state of every page in every translated language (unpublished stories left out)."""
    pages = read_pages(project)
    left_out = unpublished(pages)
    texts = {(item.language, item.page): text for item, text in pages.items() if item.source not in left_out}
    english = {page: text for (lang, page), text in texts.items() if lang == DEFAULT_LANGUAGE}
    rows = []
    for page in sorted(english):
        if page_source.parse(english[page]).meta.get("translate") is False:
            continue  # pages for editors only, such as the translation status page
        for lang in TRANSLATED_LANGUAGES:
            rows.append(translation_rules.Row(page, lang, translation_rules.state(english[page], texts.get((lang, page)))))
    for (lang, page) in sorted(texts):
        if lang != DEFAULT_LANGUAGE and page not in english:
            rows.append(translation_rules.Row(page, lang, translation_rules.ORPHAN))
    return rows
