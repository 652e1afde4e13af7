"""Translators' command: record versions, show status, check the language of translations.

    .venv/bin/python hooks/translations.py stamp translations/sq/guides/stages/crisis.md [...]
    .venv/bin/python hooks/translations.py stamp --all      # every translation (after a full review)
    .venv/bin/python hooks/translations.py status           # outdated and missing pages
    .venv/bin/python hooks/translations.py quality [FILE...] # paragraphs not in the page's language

`stamp` records in a translation's front matter the version of its English source that it now
translates; run it after updating a translation so that nobody edits hashes by hand.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import translation_rules
from site_layout import DEFAULT_LANGUAGE, TRANSLATED_LANGUAGES, classify, find_sources, source_for_page
from source_checks import translation_rows

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
    rows = translation_rows(PROJECT)
    for row in rows:
        if row.state in (translation_rules.OUTDATED, translation_rules.MISSING, translation_rules.ORPHAN):
            print(f"{source_for_page(row.page, row.language)}: {row.state}")
    for lang in TRANSLATED_LANGUAGES:
        current, reviewed, total = translation_rules.coverage(rows, lang)
        print(f"{lang}: {current}/{total} current ({100 * current // max(total, 1)}%), {reviewed} reviewed")
    return 0


def quality(paths: list[str]) -> int:
    import translation_quality

    if not paths:
        paths = [item.source for item in find_sources(PROJECT) if item.language != DEFAULT_LANGUAGE and item.is_markdown]
    problems = 0
    for path in paths:
        item = classify(Path(path).resolve().relative_to(PROJECT).as_posix())
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
    args = parser.parse_args(argv)
    if args.command == "stamp":
        paths = args.paths
        if args.all:
            paths = [str(PROJECT / s.source) for s in find_sources(PROJECT) if s.language != DEFAULT_LANGUAGE and s.is_markdown]
        return stamp(paths)
    if args.command == "status":
        return status()
    return quality(args.paths)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
