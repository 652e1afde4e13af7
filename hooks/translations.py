"""Translators' command: record versions, show status, check the language of translations.

    .venv/bin/python hooks/translations.py stamp translations/sq/guides/stages/crisis.md [...]
    .venv/bin/python hooks/translations.py stamp --all      # every translation (after a full review)
    .venv/bin/python hooks/translations.py status           # outdated pages, with what changed
    .venv/bin/python hooks/translations.py quality [FILE...] # paragraphs not in the page's language
    .venv/bin/python hooks/translations.py review sq guides/stages/crisis.md [...] -o review.html
    .venv/bin/python hooks/translations.py export-xliff sq guides/stages/crisis.md [...] -o crisis.xlf
    .venv/bin/python hooks/translations.py import-xliff crisis.xlf

Pages are named by their English path (guides/stages/crisis.md, manual/safety.md) or by the
translation's path (translations/sq/guides/stages/crisis.md).

`stamp` records in a translation's front matter the version of its English source that it now
translates; run it after updating a translation so that nobody edits hashes by hand.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kb import changes, page_source, review, translation_rules, ui_strings, xliff
from kb.site_layout import DEFAULT_LANGUAGE, TRANSLATED_LANGUAGES, classify, find_sources, source_for_page
from kb.source_checks import read_project, translation_rows

PROJECT = Path(__file__).resolve().parents[1]


def stamp(paths: list[str]) -> int:
    for path in paths:
        item = classify(Path(path).resolve().relative_to(PROJECT).as_posix())
        if item is None or item.language == DEFAULT_LANGUAGE or not item.is_markdown:
            print(f"{path}: not a translated page under translations/<lang>/", file=sys.stderr)
            return 2
        english = PROJECT / source_for_page(item.page, DEFAULT_LANGUAGE)
        if not english.exists():
            print(f"{path}: its English source {english.relative_to(PROJECT)} does not exist", file=sys.stderr)
            return 1
        target = PROJECT / item.source
        target.write_text(translation_rules.stamp(target.read_text("utf-8"), english.read_text("utf-8")), "utf-8")
        print(f"{item.source}: now translates version {translation_rules.source_hash(english.read_text('utf-8'))}")
    return 0


def status() -> int:
    rows = translation_rows(read_project(PROJECT))
    for row in rows:
        if row.state in (translation_rules.OUTDATED, translation_rules.MISSING, translation_rules.ORPHAN):
            print(f"{source_for_page(row.page, row.language)}: {row.state}")
        if row.state == translation_rules.OUTDATED:
            for line in what_changed(row.page, row.language):
                print(line)
    for lang in TRANSLATED_LANGUAGES:
        current, reviewed, total = translation_rules.coverage(rows, lang)
        print(f"{lang}: {current}/{total} current ({100 * current // max(total, 1)}%), {reviewed} reviewed")
    return 0


def what_changed(page: str, language: str) -> list[str]:
    """The English changes an outdated translation has to follow, old wording beside new."""
    english_path = source_for_page(page, DEFAULT_LANGUAGE)
    english = (PROJECT / english_path).read_text("utf-8")
    version = translation_rules.translation_meta((PROJECT / source_for_page(page, language)).read_text("utf-8")).get(
        "source"
    )
    if not version:
        return ["    the translation has no stamp (translation: source:); compare it with the English page by hand"]
    old = changes.find_version(PROJECT, english_path, str(version), translation_rules.source_hash)
    if old.text is None:
        return [
            f"    the English version it translates ({version}) is in no commit of this repository's history "
            "(never committed, or a shallow clone): what changed cannot be shown; compare with the English page by hand"
        ]
    found = changes.compare(old.text, english)
    head = f"    since English version {version} (commit {old.commit[:10]}, {old.date}):"
    if not found:
        return [head, "    only markup or spacing changed: restamp after checking (hooks/translations.py stamp)"]
    return [head, *changes.describe(found, english_path, indent="    ")]


def _pages(language: str, names: list[str]) -> list[tuple[str, str]]:
    """(English path, translation path) for pages named by either path; exits on a bad name."""
    found = []
    for name in names:
        relative = Path(name).resolve().relative_to(PROJECT).as_posix() if Path(name).exists() else name
        item = classify(relative) or classify(f"docs/{relative}") or classify(relative.removeprefix("docs/"))
        if item is None or not item.is_markdown:
            raise SystemExit(f"{name}: not a page; expected an English path such as guides/stages/crisis.md")
        english, translated = source_for_page(item.page, DEFAULT_LANGUAGE), source_for_page(item.page, language)
        for path in (english, translated):
            if not (PROJECT / path).exists():
                raise SystemExit(f"{name}: {path} does not exist")
        found.append((english, translated))
    return found


def review_document(language: str, names: list[str], output: str) -> int:
    pages = []
    for english_path, translated_path in _pages(language, names):
        english, translated = (
            (PROJECT / english_path).read_text("utf-8"),
            (PROJECT / translated_path).read_text("utf-8"),
        )
        meta = translation_rules.translation_meta(translated)
        state = translation_rules.state(english, translated)
        pages.append(
            review.ReviewPage(translated_path, english_path, english, translated, state, str(meta.get("source", "")))
        )
    name = ui_strings.load(PROJECT, [language])[language]["language_name"]  # strings/<lang>.yml
    Path(output).write_text(review.document(pages, language, name), "utf-8")
    print(f"{output}: {len(pages)} page(s) to review; open it in a browser, or print it (A4 landscape)")
    return 0


def export_xliff(language: str, names: list[str], output: str) -> int:
    pages = []
    for english_path, translated_path in _pages(language, names):
        english = (PROJECT / english_path).read_text("utf-8")
        translated = (PROJECT / translated_path).read_bytes().decode("utf-8")
        pages.append((translated_path, english, translated))
    Path(output).write_bytes(xliff.export(pages, language))
    print(f"{output}: {len(pages)} page(s) for translation tools (XLIFF 2.0)")
    return 0


def import_xliff(path: str) -> int:
    def read(relative: str) -> str | None:
        item = classify(relative)
        file = PROJECT / relative
        if item is None or item.language == DEFAULT_LANGUAGE or not file.is_file():
            return None
        return file.read_bytes().decode("utf-8")

    result = xliff.import_targets(Path(path).read_bytes(), read)
    for line in result.refused:
        print(line, file=sys.stderr)
    if result.refused:
        print(f"{path}: nothing written; {len(result.refused)} problem(s)", file=sys.stderr)
        return 1
    for relative, text in result.texts.items():
        if page_source.parse(text).problems:
            print(f"{relative}: the import would break the front matter; nothing written", file=sys.stderr)
            return 1
    for relative, text in result.texts.items():
        (PROJECT / relative).write_bytes(text.encode("utf-8"))
    for where in result.changed:
        print(f"{where}: updated")
    print(f"{path}: {len(result.changed)} segment(s) updated in {len(result.texts)} page(s)")
    return 0


def quality(paths: list[str]) -> int:
    from kb import translation_quality

    translations = [item for item in find_sources(PROJECT) if item.language != DEFAULT_LANGUAGE and item.is_markdown]
    if paths:  # files, or folders such as translations/sq
        wanted = [Path(path).resolve() for path in paths]
        translations = [
            item
            for item in translations
            if any(folder == (PROJECT / item.source) or folder in (PROJECT / item.source).parents for folder in wanted)
        ]
        if not translations:
            print(
                f"{' '.join(paths)}: no translated page there; expected files or folders under translations/<lang>/",
                file=sys.stderr,
            )
            return 2
    paths = [item.source for item in translations]
    problems = 0
    for path in paths:
        item = classify(path)
        text = (PROJECT / item.source).read_text("utf-8")
        for problem in translation_quality.find_problems(text, item.language):
            print(problem.at(item.source))
            problems += 1
    print(f"{problems} problem(s) in {len(paths)} page(s)", file=sys.stderr)
    return 1 if problems else 0


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="hooks/translations.py", description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    stamp_cmd = commands.add_parser("stamp", help="record the English version a translation translates")
    stamp_cmd.add_argument("paths", nargs="*")
    stamp_cmd.add_argument("--all", action="store_true", help="every translation")
    commands.add_parser("status", help="list outdated, missing and orphaned translations")
    quality_cmd = commands.add_parser("quality", help="flag paragraphs not in the page's language")
    quality_cmd.add_argument("paths", nargs="*")
    for name, help_text in (
        ("review", "write a side-by-side review document (HTML, prints on A4)"),
        ("export-xliff", "write an XLIFF 2.0 file for translation tools"),
    ):
        command = commands.add_parser(name, help=help_text)
        command.add_argument("language", choices=TRANSLATED_LANGUAGES)
        command.add_argument("pages", nargs="+", help="English paths such as guides/stages/crisis.md")
        command.add_argument("-o", "--output", required=True)
    import_cmd = commands.add_parser("import-xliff", help="write an XLIFF file's targets back into the pages")
    import_cmd.add_argument("file")
    args = parser.parse_args(argv)
    if args.command == "stamp":
        paths = args.paths
        if args.all:
            paths = [
                str(PROJECT / s.source)
                for s in find_sources(PROJECT)
                if s.language != DEFAULT_LANGUAGE and s.is_markdown
            ]
        return stamp(paths)
    if args.command == "status":
        return status()
    if args.command == "review":
        return review_document(args.language, args.pages, args.output)
    if args.command == "export-xliff":
        return export_xliff(args.language, args.pages, args.output)
    if args.command == "import-xliff":
        return import_xliff(args.file)
    return quality(args.paths)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
