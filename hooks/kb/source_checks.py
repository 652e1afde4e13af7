"""Every check of the authors' sources, in one pass over the project (no MkDocs needed).

Used by the build (hooks/validation.py) and by the standalone command (hooks/check.py), so
both print the same `path:line: message` lines.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from kb import (
    checklist_rules,
    guides,
    language_checks,
    link_rules,
    page_source,
    story_rules,
    translation_rules,
    ui_strings,
)
from kb.parallel import InChildProcess
from kb.run import Run, read_run
from kb.site_layout import (
    DEFAULT_LANGUAGE,
    LANGUAGES,
    TRANSLATED_LANGUAGES,
    SourceFile,
    find_collisions,
    find_sources,
    source_for_page,
)

# Helpers


def read_project(project: Path) -> Run:
    """The project read as a build reads it (hooks/run.py), for the tools that run without MkDocs."""
    return read_run(project, LANGUAGES, find_sources(project), page_source.decode)


def read_pages(run: Run) -> dict[SourceFile, str]:
    return {item: run.texts[item.source] for item in run.sources if item.is_markdown}


def unreadable(run: Run) -> list[str]:
    """`path:line: message` for every page whose bytes are not UTF-8 text: the build cannot
    read them, so it stops before it tries (hooks/validation.py)."""
    return [problem.at(item.source) for item in run.sources for problem in run.unreadable.get(item.source, [])]


def unpublished(pages: dict[SourceFile, str]) -> set[str]:
    """Sources of stories (and their translations) that are not built."""
    return story_rules.left_out(
        [
            (item.source, item.page, item.language, text)
            for item, text in pages.items()
            if story_rules.is_story(item.page)
        ]
    )


def left_out(run: Run) -> set[str]:
    """Sources of the stories (and translations) that are not built, once per run."""
    return run.once("left_out", lambda: unpublished(read_pages(run)))


def english_pages(run: Run) -> dict[str, str]:
    """{site path: text} of the English pages that are built, once per run."""

    def read() -> dict[str, str]:
        hidden = left_out(run)
        return {
            item.page: run.texts[item.source]
            for item in run.sources
            if item.language == DEFAULT_LANGUAGE and item.is_markdown and item.source not in hidden
        }

    return run.once("english_pages", read)


def published_stories(run: Run) -> list[str]:
    """Site paths of the published stories, ordered by their English titles, once per run."""
    return run.once("published_stories", lambda: story_rules.published_pages(english_pages(run)))


def shown_source(run: Run, page: str, lang: str) -> str | None:
    """The source of a site path as a language shows it: its translation, else the English page."""
    for source in (source_for_page(page, lang), source_for_page(page, DEFAULT_LANGUAGE)):
        if source in run.texts:
            return source
    return None


def built_files(run: Run, hidden: set[str]) -> set[tuple[str, str]]:
    """(language, site path) of every file that is built, pages and other files alike."""
    return {(item.language, item.page) for item in run.sources if item.source not in hidden}


def check_project(run: Run) -> list[str]:
    """All problems, as `path:line: message`: the project's (two sources for one site path, the
    interface strings), then the pages', sorted by path and line."""
    project = run.project
    pages = read_pages(run)
    english = {item.page: (item, text) for item, text in pages.items() if item.language == DEFAULT_LANGUAGE}
    hidden = left_out(run)
    built = built_files(run, hidden)
    found: list[tuple[str, page_source.Problem]] = []
    broken = unreadable(run)
    layout = find_collisions([item for item in run.sources if item.source not in hidden])
    layout += ui_strings.check(project, run.languages, run.default_language)
    for item, text in pages.items():
        found += [(item.source, problem) for problem in page_source.invisible_characters(text)]
        if any(message.startswith(f"{item.source}:") for message in broken):
            continue  # reported below; its text is not what the author wrote
        front = page_source.parse(text).problems + page_source.page_problems(text)
        if front:
            found += [(item.source, problem) for problem in front]
            continue  # nothing else can be trusted in a page whose front matter is unreadable
        if item.source in hidden:
            continue  # never built, so nothing of it is shown or checked
        problems = checklist_rules.find_problems(text)
        if story_rules.is_story(item.page):
            problems += story_rules.find_problems(text)
        language = item.language
        problems += link_rules.find_problems(
            text,
            item.page,
            lambda page, language=language: (language, page) in built or (DEFAULT_LANGUAGE, page) in built,
        )
        if item.language != DEFAULT_LANGUAGE and item.page not in english:
            problems.append(
                page_source.Problem(
                    1,
                    f"translation of {source_for_page(item.page, DEFAULT_LANGUAGE)}, which does not exist; "
                    "expected an English source at that path, or delete the translation",
                )
            )
        elif item.language != DEFAULT_LANGUAGE:
            source, english_text = english[item.page]
            problems += translation_rules.review_problems(text)
            problems += translation_rules.number_problems(text)
            if not page_source.parse(english_text).problems:
                problems += checklist_rules.compare(english_text, text, source.source)
        found += [(item.source, problem) for problem in problems]
    checklists = [page for page, (_, text) in english.items() if checklist_rules.parse(text).declared]
    for page, checklist, message in guides.pdf_name_clashes(english, checklists):
        item, text = english[page]
        found.append(
            (item.source, page_source.Problem(checklist_rules.parse(text).declared_line if checklist else 1, message))
        )
    settings_problems, language_found = language_problems(
        project, {item: text for item, text in pages.items() if item.source not in hidden}
    )
    found += language_found
    found.sort(key=lambda pair: (pair[0], pair[1].line))
    return layout + broken + settings_problems + [problem.at(path) for path, problem in found]


_SPELLER = language_checks.Speller()  # answers cached across runs (mkdocs serve rebuilds)
LANGUAGE_CACHE = ".cache/language-checks.json"


def language_problems(
    project: Path, pages: dict[SourceFile, str]
) -> tuple[list[str], list[tuple[str, page_source.Problem]]]:
    """Script on every page; terminology and spelling on the translations, per the settings
    in translations/<lang>/ (language.yml, accepted-words.txt, termbase.yml).

    The results of a page are kept in .cache/ under a hash of its text and of its language's
    settings, so that a build only checks what changed (the checks cost about a second)."""
    cache_file = project / LANGUAGE_CACHE
    cached = _load_cache(cache_file)
    kept: dict[str, list] = {}
    readable = {item: text for item, text in pages.items() if not page_source.parse(text).problems}
    found: list[tuple[str, page_source.Problem]] = []
    messages: list[str] = []
    for lang in (DEFAULT_LANGUAGE, *TRANSLATED_LANGUAGES):
        folder = project / "translations" / lang
        settings = (
            language_checks.load_settings(folder, lang)
            if lang != DEFAULT_LANGUAGE
            else language_checks.LanguageSettings(lang)
        )
        messages += [_relative(project, message) for message in settings.problems]
        spell = bool(settings.dictionary)
        if spell and not _SPELLER.available(settings.dictionary):
            messages.append(
                f"translations/{lang}/language.yml:1: spelling not checked: hunspell or its {settings.dictionary} "
                "dictionary is missing; "
                f"expected them installed (apt-get install hunspell {settings.debian_package}; "
                "scripts/build.sh does it)"
            )
            spell = False
        fingerprint = _settings_fingerprint(folder, settings, spell)
        mine = {item: text for item, text in readable.items() if item.language == lang}
        keys = {
            item: hashlib.sha256(f"{fingerprint}\0{item.source}\0{text}".encode()).hexdigest()[:24]
            for item, text in mine.items()
        }
        todo = {item: text for item, text in mine.items() if keys[item] not in cached}
        fresh: dict[str, list[page_source.Problem]] = {item.source: [] for item in todo}
        for item, text in todo.items():
            fresh[item.source] += language_checks.script_problems(text) + language_checks.term_problems(
                text, item.page, settings.terms
            )
        if spell and todo:
            spelled = language_checks.spelling_problems(
                {item.source: text for item, text in todo.items()}, settings, _SPELLER
            )
            for path, problems in spelled.items():
                fresh[path] += problems
        for item in mine:
            if item in todo:
                kept[keys[item]] = [[problem.line, problem.message] for problem in fresh[item.source]]
            else:
                kept[keys[item]] = cached[keys[item]]
            found += [(item.source, page_source.Problem(line, message)) for line, message in kept[keys[item]]]
    _save_cache(cache_file, kept)
    return messages, found


def _settings_fingerprint(folder: Path, settings, spell: bool) -> str:
    """Everything a page's language results depend on besides its own text."""
    digest = hashlib.sha256(b"language-checks 2")
    for name in ("language.yml", "accepted-words.txt", "termbase.yml"):
        path = folder / name
        digest.update(path.read_bytes() if path.is_file() else b"-")
    if spell:
        dictionary = Path("/usr/share/hunspell") / f"{settings.dictionary}.dic"
        stat = dictionary.stat() if dictionary.exists() else None
        digest.update(f"{settings.dictionary}:{stat and stat.st_size}:{stat and stat.st_mtime_ns}".encode())
    return digest.hexdigest()


def _load_cache(path: Path) -> dict:
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _save_cache(path: Path, data: dict) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(".tmp")
        temporary.write_text(json.dumps(data, ensure_ascii=False, sort_keys=True), "utf-8")
        temporary.replace(path)
    except OSError:
        pass  # a read-only project still gets its results, only not kept


def _relative(project: Path, message: str) -> str:
    return message.replace(project.as_posix() + "/", "")


def start_translation_rows(run: Run, report) -> None:
    """Compute the translation rows beside the build (kb/parallel.py); `report(rows)` is called
    once, when `run_translation_rows` first gives them."""
    run.cache["translation rows beside"] = (InChildProcess(lambda: translation_rows(run)), report)


def run_translation_rows(run: Run) -> list[translation_rules.Row]:
    """The run's translation rows, once per run: from the process start_translation_rows
    started, if any (reported then), else computed here."""

    def arrived() -> list[translation_rules.Row]:
        beside, report = run.cache.pop("translation rows beside", (None, None))
        if beside is None:
            return translation_rows(run)
        rows = beside.result()
        report(rows)
        return rows

    return run.once("translation_rows", arrived)


def translation_rows(run: Run) -> list[translation_rules.Row]:
    """The state of every page in every translated language (unpublished stories left out)."""
    pages = read_pages(run)
    hidden = left_out(run)
    texts = {(item.language, item.page): text for item, text in pages.items() if item.source not in hidden}
    english = {page: text for (lang, page), text in texts.items() if lang == DEFAULT_LANGUAGE}
    rows = []
    for page in sorted(english):
        if page_source.parse(english[page]).meta.get("translate") is False:
            continue  # pages for editors only, such as the translation status page
        for lang in TRANSLATED_LANGUAGES:
            rows.append(
                translation_rules.Row(page, lang, translation_rules.state(english[page], texts.get((lang, page))))
            )
    for lang, page in sorted(texts):
        if lang != DEFAULT_LANGUAGE and page not in english:
            rows.append(translation_rules.Row(page, lang, translation_rules.ORPHAN))
    return rows
