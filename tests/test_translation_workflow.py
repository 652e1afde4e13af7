"""The translators' and reviewers' workflow: segments, the change view since a translation's
version, spelling, script and terminology checks, the review document and XLIFF."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import PROJECT
from kb import changes, language_checks, review, segments, translation_rules, xliff
from kb.site_layout import DEFAULT_LANGUAGE, find_sources, source_for_page

# Segments: what a translator translates, with exact spans.

PAGE = """---
title: "Safety: first steps"
description: >-
  How to plan
  for safety.
status: published
content_warnings: [violence]
discussion_questions:
  - "What would you do?"
  - Who can help?
---

# Safety { #safety }

A paragraph that wraps
onto a second line [S1].

- A plain item
  that wraps.
- [ ] Check the [plan](../plan.md).

| Column | Other |
|---|---|
| A cell | Another \\| cell |

!!! tip "Practice example"
    Text inside the tip.

```text
code is not text
```

<div class="x">HTML is structure</div>

Term
: The definition.

## References

- [S1] A source title (2020).
"""


def test_segments_find_every_reader_facing_text_with_its_line_and_kind():
    found = [(s.kind, s.line, s.plain) for s in segments.segments(PAGE)]
    assert found == [
        ("front matter", 2, "Safety: first steps"),
        ("front matter", 4, "How to plan for safety."),
        ("front matter", 9, "What would you do?"),
        ("front matter", 10, "Who can help?"),
        ("heading", 13, "Safety"),
        ("paragraph", 15, "A paragraph that wraps onto a second line [S1]."),
        ("list item", 18, "A plain item that wraps."),
        ("checklist item", 20, "Check the [plan](../plan.md)."),
        ("table cell", 22, "Column"),
        ("table cell", 22, "Other"),
        ("table cell", 24, "A cell"),
        ("table cell", 24, "Another \\| cell"),
        ("admonition title", 26, "Practice example"),
        ("paragraph", 27, "Text inside the tip."),
        ("paragraph", 35, "Term"),
        ("definition", 36, "The definition."),
        ("heading", 38, "References"),
        ("reference", 40, "[S1] A source title (2020)."),
    ]


@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["LF", "CRLF"])
def test_segment_spans_are_exact_in_the_file(newline):
    text = PAGE.replace("\n", newline)
    for segment in segments.segments(text):
        assert text[segment.start : segment.end] == segment.text
        assert text.count("\n", 0, segment.start) + 1 == segment.line


# The change view.


@pytest.mark.parametrize(
    "old, new, expected",
    [
        (
            "# T\n\nOne.\n\nTwo.\n",
            "# T\n\nOne.\n\nTwo, reworded.\n",
            [("changed", "paragraph", 5, "Two.", "Two, reworded.")],
        ),
        ("# T\n\n- a\n- b\n", "# T\n\n- a\n- b\n- c\n", [("added", "list item", 5, "", "c")]),
        ("# T\n\n## Gone\n\nText.\n", "# T\n\nText.\n", [("removed", "heading", 3, "Gone", "")]),
        (
            "| a | b |\n|---|---|\n| x | y |\n",
            "| a | b |\n|---|---|\n| x | z |\n",
            [("changed", "table cell", 3, "y", "z")],
        ),
        (
            "---\ntitle: Old\n---\n\nBody.\n",
            "---\ntitle: New title\n---\n\nBody.\n",
            [("changed", "front matter", 2, "Old", "New title")],
        ),
        ("# T\n\nSame words\nwrapped.\n", "# T\n\nSame words wrapped.\n", []),
    ],
    ids=["changed paragraph", "added item", "removed heading", "changed cell", "changed title", "rewrapped only"],
)
def test_compare_lists_removed_added_and_changed_segments(old, new, expected):
    assert [(c.what, c.kind, c.line, c.old, c.new) for c in changes.compare(old, new)] == expected


def _git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@t", *args], cwd=repo, check=True, capture_output=True
    )


def test_the_old_english_text_is_found_in_the_git_history(tmp_path):
    english = tmp_path / "docs" / "safety.md"
    english.parent.mkdir(parents=True)
    _git(tmp_path, "init", "-q")
    old = "# Safety\n\nPlan with the person.\n"
    english.write_text(old, "utf-8")
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-qm", "first")
    english.write_text("# Safety\n\nPlan with the person, in writing.\n", "utf-8")
    _git(tmp_path, "commit", "-qam", "second")
    found = changes.find_version(
        tmp_path, "docs/safety.md", translation_rules.source_hash(old), translation_rules.source_hash
    )
    assert found.text == old and len(found.commit) == 40
    never = changes.find_version(tmp_path, "docs/safety.md", "000000000000", translation_rules.source_hash)
    assert never.text is None


def test_status_shows_what_changed_and_says_when_the_old_text_is_lost(tmp_path):
    project = _copy_project(tmp_path)
    _git(project, "init", "-q")
    _git(project, "add", ".")
    _git(project, "commit", "-qm", "all")
    english = project / "guides/stages/crisis.md"
    text = english.read_text("utf-8")
    first_paragraph = next(s for s in segments.segments(text) if s.kind == "paragraph")
    english.write_text(text[: first_paragraph.end] + " A sentence added." + text[first_paragraph.end :], "utf-8")
    # An English page changed but never committed: the Albanian translation of it is stamped
    # with that uncommitted version, then the English changes again.
    manual = project / "docs/manual/safety.md"
    manual.write_text(manual.read_text("utf-8") + "\nUncommitted.\n", "utf-8")
    run(project, "stamp", "translations/sq/docs/manual/safety.md")
    manual.write_text(manual.read_text("utf-8") + "\nAgain.\n", "utf-8")
    done = run(project, "status")
    out = done.stdout
    assert "translations/sq/guides/stages/crisis.md: outdated" in out
    assert f"changed paragraph, guides/stages/crisis.md:{first_paragraph.line}" in out
    assert f"  - {first_paragraph.plain}" in out and f"  + {first_paragraph.plain} A sentence added." in out
    assert "translations/sq/docs/manual/safety.md: outdated" in out
    assert "is in no commit of this repository's history" in out


# Spelling, script and terminology.


def _settings(lang: str) -> language_checks.LanguageSettings:
    return language_checks.load_settings(PROJECT / "translations" / lang, lang)


@pytest.mark.parametrize(
    "lang, text, line, word, suggestion",
    [
        ("sq", "---\ntitle: Siguria\n---\n\n# Siguria\n\nOrganizata riinvestion fitimin.\n", 7, "riinvestion", ""),
        ("bs", "---\ntitle: Sigurnost\n---\n\n# Sigurnost\n\nTo je, naprimjer, plan.\n", 7, "naprimjer", "na primjer"),
        ("bs", "---\ntitle: Sigurnost\ndescription: Dodajite plan.\n---\n\n# Sigurnost\n", 3, "Dodajite", "Dodajte"),
    ],
    ids=["sq body", "bs body", "bs front matter"],
)
def test_a_planted_misspelling_is_reported_at_its_line(lang, text, line, word, suggestion):
    settings = _settings(lang)
    found = language_checks.spelling_problems({"p.md": text}, settings, language_checks.Speller())["p.md"]
    assert [(p.line, p.message.split('"')[1]) for p in found] == [(line, word)]
    assert f"is not in the {settings.name} dictionary; suggestions: " in found[0].message
    assert suggestion in found[0].message


def test_accepted_words_and_acronyms_are_not_spelling_errors():
    settings = _settings("bs")
    settings.accepted = frozenset({"ariadne"})
    text = "# Naslov\n\nProjekat Ariadne i OSCE rade [zajedno](https://example.invalid/xyzq) `qqqq`.\n"
    assert language_checks.spelling_problems({"p.md": text}, settings, language_checks.Speller()) == {}


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "# Наслов\n\nТоа е сè што треба.\n",
            [(3, "'сè' mixes Latin and Cyrillic letters; expected Cyrillic letters only: 'сѐ'")],
        ),
        (
            "# Наслов\n\nПроцеca на ризик.\n",
            [(3, "'Процеca' mixes Latin and Cyrillic letters; expected Cyrillic letters only: 'Процеса'")],
        ),
        (
            "# Naslov\n\nSigurnоst (a Cyrillic о).\n",
            [(3, "'Sigurnоst' mixes Latin and Cyrillic letters; expected Latin letters only: 'Sigurnost'")],
        ),
        ("# Наслов\n\nТоа е сѐ, и OSCE, и IOM.\n", []),
    ],
    ids=["latin è in mk", "latin c in mk", "cyrillic o in bs", "clean"],
)
def test_mixed_script_words_are_reported(text, expected):
    assert [(p.line, p.message) for p in language_checks.script_problems(text)] == expected


def test_termbase_reports_avoided_variants_with_the_chosen_term():
    term = language_checks.Term(
        "NGO",
        "OJF",
        ("OJQ", "organizat* joqeveritar*"),
        (language_checks.variant_pattern("OJQ"), language_checks.variant_pattern("organizat* joqeveritar*")),
        allowed_in=("countries/kosovo.md",),
    )
    text = "# Titulli\n\nNjë OJQ dhe një\norganizatë joqeveritare, jo OJQ-ja, jo xOJQ.\n"
    found = language_checks.term_problems(text, "manual/safety.md", [term])
    assert [(p.line, p.message) for p in found] == [
        (3, "'OJQ' is an avoided variant of 'NGO' (OJQ); expected 'OJF' (termbase.yml)"),
        (4, "'OJQ' is an avoided variant of 'NGO' (OJQ); expected 'OJF' (termbase.yml)"),  # OJQ-ja
        (
            4,
            "'organizatë joqeveritare' is an avoided variant of 'NGO' (organizat* joqeveritar*); "
            "expected 'OJF' (termbase.yml)",
        ),
    ]
    assert language_checks.term_problems(text, "countries/kosovo.md", [term]) == []


def test_broken_settings_files_are_reported_not_raised(tmp_path):
    (tmp_path / "termbase.yml").write_text("- concept: x\n  term: [unclosed\n", "utf-8")
    settings = language_checks.load_settings(tmp_path, "sq")
    assert (
        len(settings.problems) == 1
        and "termbase.yml:" in settings.problems[0]
        and "not valid YAML" in settings.problems[0]
    )
    (tmp_path / "termbase.yml").write_text("- concept: x\n  term: y\n", "utf-8")
    settings = language_checks.load_settings(tmp_path, "sq")
    assert settings.problems == [
        f"{(tmp_path / 'termbase.yml').as_posix()}:1: entry 1 lacks concept, term or an avoid list; "
        "expected concept: ..., term: ..., avoid: [...]"
    ]


@pytest.mark.parametrize("lang", ["sq", "mk", "bs"])
def test_every_termbase_entry_names_its_chosen_term_and_variants(lang):
    settings = _settings(lang)
    assert settings.problems == []
    assert settings.terms, f"translations/{lang}/termbase.yml has no entries"
    for term in settings.terms:
        assert not any(pattern.search(term.term) for pattern in term.patterns), (
            f"{term.concept}: the chosen term matches its own avoided variant"
        )


def test_the_build_reports_spelling_script_and_terms_with_the_source_line(build_small_site):
    english = "---\ntitle: Safety\ndescription: Safety.\n---\n\n# Safety\n\nPlan for safety.\n"
    bosnian = (
        "---\ntitle: Sigurnost\ndescription: Sigurnost.\ntranslation:\n"
        f"  source: {translation_rules.source_hash(english)}\n  status: draft\n---\n\n"
        "# Sigurnost\n\nPlan, naprimjer, takođe.\n"
    )
    built = build_small_site(
        {
            "docs/index.md": english,
            "translations/bs/docs/index.md": bosnian,
            "translations/bs/language.yml": (PROJECT / "translations/bs/language.yml").read_text("utf-8"),
            "translations/bs/termbase.yml": "- concept: also\n  term: također\n  avoid: [takođe]\n",
        }
    )
    assert built.returncode == 1
    lines = [line for line in built.log.splitlines() if "translations/bs/docs/index.md:11" in line]
    assert any('"naprimjer" is not in the Bosnian dictionary' in line for line in lines), built.log
    assert any("'takođe' is an avoided variant of 'also' (takođe); expected 'također'" in line for line in lines), (
        built.log
    )


# The review document.


def test_review_document_sets_english_and_translation_side_by_side():
    english = (PROJECT / "guides/stages/crisis.md").read_text("utf-8")
    translated = (PROJECT / "translations/mk/guides/stages/crisis.md").read_text("utf-8")
    page = review.ReviewPage(
        "translations/mk/guides/stages/crisis.md", "guides/stages/crisis.md", english, translated, "draft", "abc"
    )
    document = review.document([page], "mk", "Македонски")
    english_title = segments.segments(english)[0].plain
    mk_title = segments.segments(translated)[0].plain
    row = document[document.index('<tr id="s1">') : document.index("</tr>", document.index('<tr id="s1">'))]
    assert english_title in row and mk_title in row and row.endswith('data-label="Notes"></td>')
    assert "Review state: <strong>draft</strong>" in document
    assert document.count("<tr id=") == len(segments.segments(translated))
    assert "size: A4 landscape" in document


@pytest.mark.browser
def test_review_document_prints_on_a4_and_reads_on_a_phone(browser, tmp_path):
    output = tmp_path / "review.html"
    done = run(PROJECT, "review", "bs", "guides/stages/crisis.md", "stories/amra.md", "-o", str(output))
    assert done.returncode == 0, done.stderr
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(output.as_uri())
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    pdf = page.pdf(prefer_css_page_size=True)
    context.close()
    from io import BytesIO

    from pypdf import PdfReader

    reader = PdfReader(BytesIO(pdf))
    width, height = (float(v) for v in reader.pages[0].mediabox.upper_right)
    assert (round(width), round(height)) == (842, 595)  # A4 landscape, in points
    text = "".join(p.extract_text() for p in reader.pages)
    assert "Amrina rana smjena" in text and "Amra's early shift" in text


# XLIFF.


def _translations():
    return [item for item in find_sources(PROJECT) if item.language != DEFAULT_LANGUAGE and item.is_markdown]


def test_an_untouched_export_reimports_every_real_translation_byte_for_byte():
    for item in _translations():
        english = (PROJECT / source_for_page(item.page, DEFAULT_LANGUAGE)).read_text("utf-8")
        translated = (PROJECT / item.source).read_bytes().decode("utf-8")
        exported = xliff.export([(item.source, english, translated)], item.language)
        result = xliff.import_targets(exported, lambda path, translated=translated: translated)
        assert (result.texts, result.refused) == ({}, []), item.source


TRANSLATED = """---
title: "Siguria: hapat"
description: Si të planifikoni.
---

# Siguria

Një paragraf me [lidhje](safety.md) [S1].

- [ ] Kontrolloni planin.

| Kolona | Tjetër |
|---|---|
| Qeliza | E dyta |
"""
ENGLISH = TRANSLATED.replace("Siguria: hapat", "Safety: steps")


def _export_and_change(key: str, new_target: str) -> xliff.ImportResult:
    exported = xliff.export([("translations/sq/x.md", ENGLISH, TRANSLATED)], "sq").decode("utf-8")
    start = exported.index(f'<unit id="{key}">')
    target_start = exported.index("<target>", start) + len("<target>")
    target_end = exported.index("</target>", target_start)
    from xml.sax.saxutils import escape

    changed = exported[:target_start] + escape(new_target) + exported[target_end:]
    return xliff.import_targets(changed.encode("utf-8"), lambda path: TRANSLATED)


@pytest.mark.parametrize(
    "key, target, old, new",
    [
        ("meta.title", 'Siguria: "hapat" e parë', 'title: "Siguria: hapat"', 'title: "Siguria: \\"hapat\\" e parë"'),
        (
            "meta.description",
            "Si: të planifikoni",
            "description: Si të planifikoni.",
            'description: "Si: të planifikoni"',
        ),
        ("body.1", "Një tjetër paragraf me [lidhje](safety.md) [S1].", "Një paragraf me", "Një tjetër paragraf me"),
        (
            "body.2",
            "Kontrolloni planin me personin.",
            "- [ ] Kontrolloni planin.",
            "- [ ] Kontrolloni planin me personin.",
        ),
        ("body.5", "Qeliza e re", "| Qeliza | E dyta |", "| Qeliza e re | E dyta |"),
    ],
    ids=["quoted title", "plain value that needs quotes", "paragraph", "checklist item", "table cell"],
)
def test_a_changed_target_changes_exactly_that_text(key, target, old, new):
    result = _export_and_change(key, target)
    assert result.refused == []
    assert result.texts["translations/sq/x.md"] == TRANSLATED.replace(old, new, 1)


@pytest.mark.parametrize(
    "key, target, reason",
    [
        ("body.1", "Një paragraf me lidhje [S1].", "missing ](safety.md)"),
        ("body.1", "Një paragraf me [lidhje](safety.md) [S2].", "missing [S1]; added [S2]"),
        ("body.2", "- Kontrolloni", "starts a new block"),
        ("body.6", "Qeliza | ndarë", "would split the cell"),
        ("body.0", "", "empty target"),
    ],
    ids=["link removed", "citation changed", "new list item", "pipe in a cell", "empty"],
)
def test_a_target_that_would_break_the_structure_is_refused(key, target, reason):
    result = _export_and_change(key, target)
    assert result.texts == {}
    assert (
        len(result.refused) == 1
        and result.refused[0].startswith("translations/sq/x.md:")
        and reason in result.refused[0]
    )


def test_an_import_into_a_page_changed_since_the_export_is_refused():
    exported = xliff.export([("translations/sq/x.md", ENGLISH, TRANSLATED)], "sq")
    changed_meanwhile = TRANSLATED.replace("Një paragraf", "Një paragraf i ri")
    edited = exported.replace("Një paragraf me".encode(), b"Paragraf me")
    result = xliff.import_targets(edited, lambda path: changed_meanwhile)
    assert result.texts == {} and "changed here since the export" in result.refused[0]


def test_export_and_import_commands_round_trip_on_a_copy(tmp_path):
    project = _copy_project(tmp_path)
    page = project / "translations/sq/guides/stages/crisis.md"
    before = page.read_bytes()
    xlf = tmp_path / "crisis.xlf"
    assert run(project, "export-xliff", "sq", "guides/stages/crisis.md", "-o", str(xlf)).returncode == 0
    assert b'version="2.0"' in xlf.read_bytes()
    done = run(project, "import-xliff", str(xlf))
    assert done.returncode == 0 and page.read_bytes() == before, done.stdout + done.stderr
    exported = xlf.read_text("utf-8")
    target = re.search(r"<target>[^<]*\]\(\.\./\.\./manual/[^<]*</target>", exported)  # a target with a link
    broken = target.group().replace("](../../manual/", "](../../elsewhere/", 1)
    xlf.write_text(exported[: target.start()] + broken + exported[target.end() :], "utf-8")
    done = run(project, "import-xliff", str(xlf))
    assert done.returncode == 1 and "nothing written" in done.stderr and page.read_bytes() == before


def _copy_project(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    for name in ("docs", "guides", "stories", "translations", "hooks", "strings"):
        shutil.copytree(PROJECT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy2(PROJECT / "mkdocs.yml", project / "mkdocs.yml")  # the languages
    return project


def run(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(project / "hooks" / "translations.py"), *args], cwd=project, capture_output=True, text=True
    )
