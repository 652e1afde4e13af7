"""The country guides (docs/countries/<country>.md): length, sources, dates and no stray phone numbers.

Every guide found in the folder is checked, so a new country is covered as soon as its file exists."""

from __future__ import annotations

import datetime
import re

import pytest

from conftest import PROJECT
from kb import page_source
from test_content import words

COUNTRY_PAGES = sorted(p for p in (PROJECT / "docs/countries").glob("*.md") if p.name != "index.md")
MIN_WORDS = 1_500

_CITATION = re.compile(r"\[S(\d+)\]")
_REFERENCE = re.compile(r"^\s*[-*]\s+\**\[S(\d+)\]")
_REFERENCES_HEADING = re.compile(r"^## References\s*$", re.M)
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
# The kinds of source issue #18 accepts for a fact on a country page. Each reference names its
# kind at the end of its line, "(type: GRETA)", so a reviewer sees it and a test can check it.
SOURCE_TYPES = ("GRETA", "Council of Europe", "government", "OSCE", "IOM")
_SOURCE_TYPE = re.compile(r"\(type: ([^)]*)\)\s*$")
# A run of digits and the separators phone numbers are written with.
_DIGIT_RUN = re.compile(r"(?<![\w])\+?\d[\d ()/.-]{5,}\d")
# Runs that are not phone numbers: dates (2026-12-01, 29.08.2018) and year ranges (2014-2017).
_NOT_A_PHONE = re.compile(r"\d{4}-\d{2}-\d{2}|\d{1,2}\.\d{1,2}\.\d{4}|(?:19|20)\d{2} ?- ?(?:19|20)\d{2}")


def looks_like_phone_number(line: str) -> bool:
    """Whether a line holds a run of at least eight digits written like a phone number."""
    for run in _DIGIT_RUN.findall(line):
        if any(len(re.sub(r"\D", "", part)) >= 8 for part in _NOT_A_PHONE.split(run)):
            return True
    return False


def source_type_problem(number: int, line: str) -> str | None:
    """What is wrong with the kind of source a reference line names, or None."""
    expected = " or ".join(f"(type: {kind})" for kind in SOURCE_TYPES)
    match = _SOURCE_TYPE.search(line)
    if not match:
        return f"[S{number}] names no source type; expected the line to end with {expected}"
    if match.group(1) not in SOURCE_TYPES:
        return f"[S{number}] is of type {match.group(1)!r}, not a source the country guides accept; expected {expected}"
    return None


def guide_problems(text: str) -> list[str]:
    """What is wrong with a country guide's source, as messages (empty when it is fine)."""
    source = page_source.parse(text)
    problems = [problem.message for problem in source.problems]
    checked = source.meta.get("facts_checked")
    if isinstance(checked, str):
        try:
            checked = datetime.date.fromisoformat(checked)
        except ValueError:
            pass
    if not isinstance(checked, datetime.date) or isinstance(checked, datetime.datetime):
        problems.append(f"facts_checked is {checked!r}; expected a date written YYYY-MM-DD")
    elif checked > datetime.date.today():
        problems.append(f"facts_checked {checked} is in the future")

    parts = _REFERENCES_HEADING.split(source.body, maxsplit=1)
    if len(parts) != 2:
        return problems + ["no '## References' section"]
    prose, references = parts
    references = re.split(r"^## ", references, maxsplit=1, flags=re.M)[0]

    count = words(prose)
    if count < MIN_WORDS:
        problems.append(f"{count} words of prose before the references; expected at least {MIN_WORDS}")

    cited = {int(number) for number in _CITATION.findall(prose)}
    listed: dict[int, str] = {}
    for line in references.splitlines():
        match = _REFERENCE.match(line)
        if match:
            if int(match.group(1)) in listed:
                problems.append(f"[S{match.group(1)}] is listed twice in the references")
            listed[int(match.group(1))] = line
    problems += [f"[S{n}] is cited but not in the references" for n in sorted(cited - listed.keys())]
    problems += [f"[S{n}] is in the references but never cited" for n in sorted(listed.keys() - cited)]
    problems += [
        f"[S{n}] has no date (no year) in the references"
        for n, line in sorted(listed.items())
        if not _YEAR.search(line)
    ]
    problems += [problem for n, line in sorted(listed.items()) if (problem := source_type_problem(n, line))]

    for number, line in source.lines():
        if looks_like_phone_number(line) and not _CITATION.search(line):
            problems.append(f"line {number}: a phone number without a citation on the same line")
    return problems


GOOD_PROSE = "The national coordinator leads the work on trafficking [S1]. " * 200
GOOD = (
    f"---\ntitle: T\ndescription: D\nfacts_checked: 2026-01-15\n---\n\n# T\n\n{GOOD_PROSE}\n\n## References\n\n"
    "- [S1] Ministry: Report, 2024. (type: government)\n"
)


@pytest.mark.parametrize(
    "label, text, expected",
    [
        ("a good guide", GOOD, []),
        ("too short", GOOD.replace(GOOD_PROSE, "Short [S1]."), ["words of prose"]),
        ("cited, not listed", GOOD.replace("[S1]. ", "[S1][S2]. ", 1), ["[S2] is cited but not in the references"]),
        (
            "listed, not cited",
            GOOD + "- [S3] Office: Note, 2020. (type: OSCE)\n",
            ["[S3] is in the references but never cited"],
        ),
        ("listed twice", GOOD + "- [S1] Office: Note, 2020. (type: IOM)\n", ["[S1] is listed twice"]),
        ("reference without a date", GOOD.replace("Report, 2024.", "Report."), ["[S1] has no date"]),
        ("reference without a source type", GOOD.replace(" (type: government)", ""), ["[S1] names no source type"]),
        (
            "a source of a kind not accepted",
            GOOD.replace("(type: government)", "(type: US State Department)"),
            ["[S1] is of type 'US State Department'"],
        ),
        (
            "source type not at the end",
            GOOD.replace("Report, 2024. (type: government)", "Report (type: GRETA), 2024."),
            ["[S1] names no source type"],
        ),
        ("no references section", GOOD.replace("## References", "## Sources"), ["no '## References' section"]),
        ("facts_checked missing", GOOD.replace("facts_checked: 2026-01-15\n", ""), ["facts_checked is None"]),
        ("facts_checked not a date", GOOD.replace("2026-01-15", "last week"), ["facts_checked is 'last week'"]),
        ("facts_checked impossible", GOOD.replace("2026-01-15", "'2026-02-30'"), ["facts_checked is '2026-02-30'"]),
        ("facts_checked in the future", GOOD.replace("2026-01-15", "2999-01-01"), ["in the future"]),
        (
            "phone without citation",
            GOOD.replace("# T\n", "# T\n\nCall +355 4 222 3333 any time.\n"),
            ["a phone number without a citation"],
        ),
        ("phone with citation", GOOD.replace("# T\n", "# T\n\nThe hotline is 0800 1010 [S1].\n"), []),
    ],
)
def test_guide_problems_finds_each_fault(label, text, expected):
    problems = guide_problems(text)
    if not expected:
        assert problems == [], label
    for wanted in expected:
        assert any(wanted in problem for problem in problems), (label, problems)


@pytest.mark.parametrize(
    "line, is_phone",
    [
        ("Call +355 4 222 3333.", True),
        ("Tel. 038 200 19 004", True),
        ("the hotline 0800 11 222", True),
        ("+38970123456", True),
        ("The action plan for 2021-2023 and 2024 - 2025.", False),
        ("approved on 29.08.2018 and checked on 2026-12-01", False),
        ("412.6 million lek, law no. 111/2017, €100,000 ($113,380)", False),
        ("Articles 110/a and 128/b of the Criminal Code", False),
    ],
)
def test_phone_number_detector(line, is_phone):
    assert looks_like_phone_number(line) is is_phone


def test_there_are_country_guides():
    assert COUNTRY_PAGES, "no docs/countries/<country>.md found"


@pytest.mark.parametrize("page", COUNTRY_PAGES, ids=lambda page: page.stem)
def test_country_guide(page):
    problems = guide_problems(page.read_text("utf-8"))
    assert not problems, "\n".join(f"docs/countries/{page.name}: {problem}" for problem in problems)


TRANSLATIONS = ("sq", "mk", "bs")


@pytest.mark.parametrize("lang", TRANSLATIONS)
def test_every_country_guide_is_translated_and_keeps_its_sources(lang):
    for english in COUNTRY_PAGES:
        translated = PROJECT / "translations" / lang / "docs" / "countries" / english.name
        assert translated.exists(), translated
        text = translated.read_text("utf-8")
        assert sorted(set(_CITATION.findall(text))) == sorted(set(_CITATION.findall(english.read_text("utf-8")))), (
            translated
        )
        assert (
            page_source.parse(text).meta.get("facts_checked")
            == page_source.parse(english.read_text("utf-8")).meta["facts_checked"]
        )


@pytest.mark.parametrize("lang", ["en", *TRANSLATIONS])
def test_country_guides_show_their_date_and_are_in_the_navigation(site, lang):
    import yaml
    from babel.dates import format_date

    from kb.facts import BABEL_LOCALES, checked_date

    strings = yaml.safe_load((PROJECT / "strings" / f"{lang}.yml").read_text("utf-8"))
    prefix = "" if lang == "en" else f"{lang}/"
    for english in COUNTRY_PAGES:
        html = site.html(f"{prefix}countries/{english.stem}/")
        date = checked_date(page_source.parse(english.read_text("utf-8")).meta["facts_checked"])
        shown = strings["facts_as_of"].format(date=format_date(date, format="long", locale=BABEL_LOCALES[lang]))
        assert f'<time datetime="{date.isoformat()}">{shown}</time>' in html
        assert html.index("kb-facts-date") > html.index("<h1")
    home = site.html(prefix)
    assert strings["nav"]["Countries"] in home and f'href="{"" if lang == "en" else ""}countries/' in home


@pytest.mark.parametrize(
    "markdown, expected",
    [
        (
            "# Title\n\nText.",
            '# Title\n\n<p class="kb-facts-date"><time datetime="2026-12-01">Facts as of 1 December 2026</time></p>\n'
            "\nText.",
        ),
        (
            "Text only.",
            '<p class="kb-facts-date"><time datetime="2026-12-01">Facts as of 1 December 2026</time></p>\n\nText only.',
        ),
    ],
)
def test_facts_date_goes_under_the_title(markdown, expected):
    import datetime as dt

    from kb.facts import with_facts_date

    assert with_facts_date(markdown, dt.date(2026, 12, 1), "en", "Facts as of {date}") == expected
    assert with_facts_date(markdown, "not a date", "en", "Facts as of {date}") == markdown
