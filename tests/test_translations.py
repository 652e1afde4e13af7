"""Translation status (current, draft, outdated, missing, orphan), reader notices, the status
page, the stamp command and the language quality check."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from conftest import PROJECT, run_mkdocs
from kb import translation_quality, translation_rules
from kb.site_layout import find_sources, source_for_page
from kb.source_checks import read_project, translation_rows

PAGE = "---\ntitle: {title}\ndescription: {title}.\n{extra}---\n\n# {title}\n\n{body}\n"
ENGLISH = PAGE.format(title="Safety", extra="", body="Plan for safety with the person.")


def translated(title: str, body: str, english: str = ENGLISH, status: str = "draft") -> str:
    text = PAGE.format(title=title, extra=f"translation:\n  status: {status}\n", body=body)
    return translation_rules.stamp(text, english)


def test_stamp_records_the_english_version_and_keeps_the_layout():
    text = PAGE.format(title="Siguria", extra='checklist: "2"\ntranslation:\n  status: draft\n', body="Plani.")
    stamped = translation_rules.stamp(text, ENGLISH)
    assert stamped.split("\n")[:7] == [
        "---",
        "title: Siguria",
        "description: Siguria.",
        'checklist: "2"',
        "translation:",
        f"  source: {translation_rules.source_hash(ENGLISH)}",
        "  status: draft",
    ]
    again = translation_rules.stamp(stamped, ENGLISH + "\nMore.")
    assert again.count("source:") == 1
    assert f"source: {translation_rules.source_hash(ENGLISH + chr(10) + 'More.')}" in again


def test_stamp_adds_a_translation_block_when_there_is_none():
    stamped = translation_rules.stamp(PAGE.format(title="Siguria", extra="", body="Plani."), ENGLISH)
    assert "translation:\n  source: " in stamped and "  status: draft\n---" in stamped


@pytest.mark.parametrize(
    "english, text, expected",
    [
        (ENGLISH, None, translation_rules.MISSING),
        (None, "x", translation_rules.ORPHAN),
        (ENGLISH, translated("Siguria", "Plani."), translation_rules.DRAFT),
        (ENGLISH, translated("Siguria", "Plani.", status="reviewed"), translation_rules.CURRENT),
        (ENGLISH + "\nA new paragraph.", translated("Siguria", "Plani."), translation_rules.OUTDATED),
        (
            ENGLISH,
            PAGE.format(title="Siguria", extra="translation:\n  status: draft\n", body="Plani."),
            translation_rules.OUTDATED,
        ),
        (ENGLISH.replace("\n", "\r\n"), translated("Siguria", "Plani."), translation_rules.DRAFT),
    ],
    ids=["missing", "orphan", "draft", "reviewed", "english changed", "never stamped", "line endings only"],
)
def test_state_of_a_translation(english, text, expected):
    assert translation_rules.state(english, text) == expected


@pytest.mark.parametrize(
    "block, message",
    [
        ("", "translation without a 'translation:' block; expected translation: {source: ..., status: draft}"),
        ("translation:\n  status: final\n", "translation status 'final' is not known; expected draft or reviewed"),
        (
            "translation:\n  status: reviewed\n",
            "translation marked reviewed without reviewer and date; "
            "expected reviewer: <name> and reviewed: <YYYY-MM-DD>",
        ),
    ],
)
def test_review_state_must_be_truthful(block, message):
    text = PAGE.format(title="Siguria", extra=block, body="Plani.")
    assert [p.message for p in translation_rules.review_problems(text)] == [message]


@pytest.mark.parametrize(
    "body, expected",
    [
        ("TVRP pomogao je 1,711 žrtava.", [("1,711", "1.711")]),
        ("Budžet: 12,000,000 eura i €1.5M.", [("12,000,000", "12.000.000"), ("1.5", "1,5")]),
        ("Porastao je s 10% na 21.6% i 21.6 %.", [("21.6", "21,6"), ("21.6", "21,6")]),
        ("Rritje në 21,6% nga 1.711 viktima.", []),  # the local format
        ("Stavka 2.3.4 i 1.4.2, godina 2014.", []),  # checklist numbers and years
        ("Od 1,5 do 2,25 sati.", []),  # decimal commas
        ("`1,711` u kodu", [("1,711", "1.711")]),  # in prose or not, a reader sees it
    ],
)
def test_numbers_in_the_english_format_are_found(body, expected):
    text = translated("Siguria", body)
    problems = translation_rules.number_problems(text)
    assert [p.message.split("'")[1::2] for p in problems] == [list(pair) for pair in expected]
    assert {p.line for p in problems} <= {text.count("\n", 0, text.index(body)) + 1}


def four_languages(english: str = ENGLISH) -> dict[str, str]:
    return {
        "docs/index.md": PAGE.format(title="Home", extra="", body="Welcome."),
        "docs/manual/safety.md": english,
        "translations/sq/docs/manual/safety.md": translated("Siguria", "Planifikoni sigurinë me personin.", english),
        "translations/mk/docs/manual/safety.md": translated(
            "Безбедност", "Планирајте ја безбедноста со лицето.", english
        ),
        "translations/bs/docs/manual/safety.md": translated("Sigurnost", "Planirajte sigurnost s osobom.", english),
    }


NOTICES = {
    "sq": ("Përkthim në draft", "Origjinali në anglisht ka ndryshuar"),
    "mk": ("Нацрт-превод", "Англискиот оригинал е изменет"),
    "bs": ("Nacrt prijevoda", "Engleski original je izmijenjen"),
}


def page_states(status_page: str, source: str) -> list[str]:
    """The states of one English page's translations in the status page's table."""
    row = re.search(rf"<code>{re.escape(source)}</code></td>(.*?)</tr>", status_page, re.DOTALL).group(1)
    return re.findall(r"<td[^>]*>([a-z]*)</td>", row)


def test_editing_english_makes_three_translations_outdated_and_stamp_makes_them_current(build_small_site):
    status_page = (PROJECT / "docs/translation-status.md").read_text("utf-8")
    built = build_small_site({**four_languages(), "docs/translation-status.md": status_page})
    assert built.returncode == 0, built.log
    for lang, (draft, outdated) in NOTICES.items():
        html = built.html(f"{lang}/manual/safety/")
        assert draft in html and outdated not in html
        assert 'href="../../../manual/safety/" hreflang="en" lang="en"' in html

    english = built.root / "docs/manual/safety.md"
    english.write_text(ENGLISH + "\nA new paragraph about phones.\n", "utf-8")
    rebuilt = run_mkdocs(built.root)
    assert rebuilt.returncode == 0, rebuilt.log  # outdated pages do not fail --strict
    assert page_states(rebuilt.html("translation-status/"), "docs/manual/safety.md") == ["outdated"] * 3
    for lang, (_draft, outdated) in NOTICES.items():
        assert outdated in rebuilt.html(f"{lang}/manual/safety/")
        line = (
            f"INFO    -  translations/{lang}/docs/manual/safety.md: outdated: docs/manual/safety.md changed since it "
            "was translated (update it, then run hooks/translations.py stamp)"
        )
        assert rebuilt.log.count(line) == 1

    for lang in NOTICES:
        path = built.root / f"translations/{lang}/docs/manual/safety.md"
        path.write_text(translation_rules.stamp(path.read_text("utf-8"), english.read_text("utf-8")), "utf-8")
    stamped = run_mkdocs(built.root)
    assert "outdated" not in stamped.log
    assert page_states(stamped.html("translation-status/"), "docs/manual/safety.md") == ["draft"] * 3
    for lang, (draft, outdated) in NOTICES.items():
        html = stamped.html(f"{lang}/manual/safety/")
        assert draft in html and outdated not in html


def test_missing_translation_is_reported_once_without_failing(build_small_site):
    files = four_languages()
    del files["translations/bs/docs/manual/safety.md"]
    built = build_small_site(files)
    assert built.returncode == 0, built.log
    assert (
        built.log.count("translations/bs/docs/manual/safety.md: missing: docs/manual/safety.md is not translated yet")
        == 1
    )


def test_translation_without_english_source_fails_the_build(build_small_site):
    files = four_languages()
    files["translations/sq/docs/manual/old.md"] = translated("Vjetër", "Faqe e vjetër.")
    built = build_small_site(files)
    assert built.returncode == 1
    assert built.warnings == [
        "WARNING -  translations/sq/docs/manual/old.md:1: translation of docs/manual/old.md, which does not exist; "
        "expected an English source at that path, or delete the translation"
    ]


def english_pages() -> list[str]:
    """English pages to translate: every page but those for editors only (translate: false)."""
    return [
        item.source
        for item in find_sources(PROJECT)
        if item.language == "en"
        and item.is_markdown
        and "translate: false" not in (PROJECT / item.source).read_text("utf-8")
    ]


# The real translations may be in any state (an outdated one is a normal state of a living
# site, not a failure): the status page and command tell the state the sources are in.


def test_status_page_shows_every_page_and_each_languages_coverage(site):
    html = site.html("translation-status/")
    rows = translation_rows(read_project(PROJECT))
    for lang in ("sq", "mk", "bs"):
        current, reviewed, total = translation_rules.coverage(rows, lang)
        assert total == len(english_pages())
        cells = (
            rf"<td[^>]*>{lang}</td>\n<td[^>]*>{current} \(\d+%\)</td>\n<td[^>]*>{reviewed} \(\d+%\)</td>\n"
            rf"<td[^>]*>{total}</td>"
        )
        assert re.search(cells, html), lang  # cells carry data-label and align
    for source in english_pages():
        assert f"<code>{source}</code>" in html, source
    assert "<code>docs/translation-status.md</code>" not in html  # for editors only


def test_status_command_lists_what_is_not_current_and_each_languages_coverage():
    out = subprocess.run(
        [sys.executable, str(PROJECT / "hooks" / "translations.py"), "status"], capture_output=True, text=True
    )
    assert out.returncode == 0  # whatever state the translations are in
    lines = out.stdout.splitlines()
    rows = translation_rows(read_project(PROJECT))
    for row in rows:
        if row.state in (translation_rules.OUTDATED, translation_rules.MISSING, translation_rules.ORPHAN):
            assert f"{source_for_page(row.page, row.language)}: {row.state}" in lines
    expected = []
    for lang in ("sq", "mk", "bs"):
        current, reviewed, total = translation_rules.coverage(rows, lang)
        expected.append(f"{lang}: {current}/{total} current ({100 * current // total}%), {reviewed} reviewed")
    assert lines[-3:] == expected


# Language quality

PLANTED = "This paragraph was left in English by mistake, and nobody noticed it before the page went online."


@pytest.mark.parametrize("lang", ["sq", "bs"])
def test_quality_check_flags_a_planted_english_paragraph(lang):
    text = (
        translated(
            "Titull",
            "Planifikoni sigurinë me personin dhe me familjen e tij."
            if lang == "sq"
            else "Planirajte sigurnost s osobom i njenom porodicom.",
        )
        + f"\n{PLANTED}\n"
    )
    problems = translation_quality.find_problems(text, lang)
    assert [p.line for p in problems] == [len(text.split("\n")) - 1]
    assert problems[0].message.startswith(f"paragraph looks like en, not {lang} (")


def test_quality_check_flags_latin_script_on_macedonian_pages():
    text = (
        translated("Безбедност", "Планирајте ја безбедноста со лицето и неговото семејство.")
        + "\nОвој збор е на латиница: shelter.\n"
    )
    problems = translation_quality.find_problems(text, "mk")
    assert [(p.line, p.message) for p in problems] == [
        (len(text.split("\n")) - 1, "Latin script on a Macedonian page (shelter); expected Cyrillic only")
    ]


def test_an_english_term_in_brackets_may_end_a_macedonian_heading_but_not_a_paragraph():
    page = translated("Поимник", "Објаснувања на клучните термини за практичарите и за нивната работа.")
    heading = page + "\n### Засолниште (Shelter)\n\nБезбедно место за сместување на лицето.\n"
    assert translation_quality.find_problems(heading, "mk") == []
    body = page + "\nБезбедно место (Shelter) за сместување.\n"
    assert [p.message for p in translation_quality.find_problems(body, "mk")] == [
        "Latin script on a Macedonian page (Shelter); expected Cyrillic only"
    ]


def test_quality_check_passes_every_translated_page():
    failures = []
    for item in find_sources(PROJECT):
        if item.language != "en" and item.is_markdown:
            text = (PROJECT / item.source).read_text("utf-8")
            failures += [p.at(item.source) for p in translation_quality.find_problems(text, item.language)]
    assert failures == []


def test_quality_command_exit_code():
    out = subprocess.run(
        [sys.executable, str(PROJECT / "hooks" / "translations.py"), "quality"], capture_output=True, text=True
    )
    assert out.returncode == 0, out.stdout
    assert f"0 problem(s) in {3 * len(english_pages())} page(s)" in out.stderr
