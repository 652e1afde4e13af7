"""Survivor stories: who may see them, and what a published story must carry.

Plain functions over front matter and text. The ethics rules behind the required fields are in
the content brief (consent or composite, anonymisation, risk check, content warnings, audience,
facilitator notes, context, review) and in AUTHORING.md.
"""

from __future__ import annotations

import re
from datetime import date

from kb import page_source
from kb.page_source import Problem

# Data

PUBLISHED = "published"
STATUSES = ("draft", "review", "published", "withdrawn")
CONTENT_WARNINGS = (
    "sexual-exploitation",
    "sexual-violence",
    "physical-violence",
    "child-abuse",
    "self-harm",
    "substance-use",
    "threats-and-coercion",
    "labour-exploitation",
    "family-separation",
)
AUDIENCES = ("practitioners", "adults", "youth-16", "youth-14")
THEMES = (
    "labour-exploitation",
    "sexual-exploitation",
    "child-exploitation",
    "begging",
    "men",
    "family",
    "debt",
    "return",
    "recovery",
    "mental-health",
    "re-trafficking",
    "mentoring",
    "employment",
    "social-enterprise",
    "education",
    "children-of-victims",
    "stigma",
)
STAGES = ("crisis", "transition", "reintegration")

# Required fields: dotted path -> what is expected there.
REQUIRED = {
    "basis": "composite or consent",
    "anonymisation.pseudonym": "true: names are changed",
    "anonymisation.changed": "the list of what was changed (names, places, dates, nationality)",
    "anonymisation.identifying_details_removed": "true",
    "anonymisation.images": "none, or non-identifying",
    "minor_at_time_of_events": "true or false",
    "minor_at_consent": "true or false",
    "risk_check.by": "who did the do-no-harm review",
    "risk_check.date": "the date of the review",
    "risk_check.outcome": "what the review found",
    "content_warnings": "a list of content warnings",
    "detail_level": "how much detail is given, e.g. no graphic detail",
    "audience": "a list of audiences",
    "themes": "a list of themes",
    "stage": "the stage the story illustrates",
    "context": "an accurate context statement",
    "discussion_questions": "a list of questions for workshops",
    "facilitator_notes.introduction": "how to introduce the story",
    "facilitator_notes.triggers": "what may be hard for participants",
    "facilitator_notes.referral": "which services to have ready",
    "review.editor": "who reviewed the text",
    "review.editor_date": "when",
    "review.next_review": "the date of the next review",
    "withdrawn": "false, or true to remove the story",
}
CONSENT_REQUIRED = {
    "consent.date": "the date consent was given",
    "consent.obtained_by": "who obtained it",
    "consent.language": "the language it was given in",
    "consent.scope.languages": "the languages the story may appear in",
    "consent.scope.channels": "where it may appear (site, workshops, print)",
    "consent.duration": "how long the consent lasts",
    "consent.right_to_withdraw": "true: the person was told they can withdraw",
    "consent.reconfirmed": "the date the person approved the final text and translations",
}
LISTS = {"content_warnings": CONTENT_WARNINGS, "audience": AUDIENCES, "themes": THEMES}

# Patterns that could identify a person or let someone contact them, each with the words one
# of which the lower-cased text must hold for the pattern to match (None: always searched).
# The cheap test skips the slow patterns in most stories.
IDENTIFYING = [
    ("an e-mail address", ("@",), re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")),
    (
        "a web or social-media link",
        ("http", "www.", "@", ".com", ".me", ".org"),
        re.compile(
            r"https?://|www\.|\b(?:facebook|instagram|tiktok|twitter|telegram|viber|whatsapp)\.(?:com|me|org)\b|(?<![\w@])@[A-Za-z0-9_]{3,}",
            re.I,
        ),
    ),
    ("a phone number", None, re.compile(r"(?<![\w/.-])\+?\d[\d ()/.-]{6,}\d(?![\w/-])(?!\.\d)")),
    ("an exact date", None, re.compile(r"\b(?:\d{1,2}[./-]\d{1,2}[./-](?:19|20)\d{2}|(?:19|20)\d{2}-\d{2}-\d{2})\b")),
    (
        "a date of birth",
        ("born", "birth", "d.o.b", "datëlindj", "роден", "раѓање", "rođen"),
        re.compile(
            r"\b(?:born on|date of birth|d\.o\.b\.?|datëlindj\w*|роден[аио]? на|датум на раѓање|"
            r"rođen[aio]? \d|datum rođenja)\b",
            re.I,
        ),
    ),
    ("an ID-like number", None, re.compile(r"\b[A-Z]{0,3}\d{9,13}\b")),
]

_ADMIN_DATE = re.compile(r"\s*(date|editor_date|next_review|reconfirmed|duration)\s*:")

# Helpers


def is_story(page: str) -> bool:
    """Story pages are the files in stories/ except the index."""
    return page.startswith("stories/") and page.endswith(".md") and page != "stories/index.md"


def is_published(meta: dict) -> bool:
    return meta.get("status") == PUBLISHED and meta.get("withdrawn") is not True


def _get(meta: dict, dotted: str):
    value = meta
    for key in dotted.split("."):
        if not isinstance(value, dict) or key not in value:
            return None
        value = value[key]
    return value


def _empty(value) -> bool:
    return value is None or (isinstance(value, (str, list, dict)) and not value)


def metadata_problems(source: page_source.PageSource) -> list[Problem]:
    """What a published story's front matter lacks or gets wrong."""
    meta = source.meta
    problems = []
    status = meta.get("status")
    if status not in STATUSES:
        problems.append(
            Problem(
                source.meta_line("status"),
                f"story status {status!r} is not known; expected one of {', '.join(STATUSES)}",
            )
        )
    required = dict(REQUIRED)
    basis = meta.get("basis")
    if basis == "consent":
        required.update(CONSENT_REQUIRED)
    elif basis != "composite" and basis is not None:
        problems.append(
            Problem(source.meta_line("basis"), f"story basis {basis!r} is not known; expected composite or consent")
        )
    for field, expected in required.items():
        if _empty(_get(meta, field)):
            line = source.meta_line(field.split(".")[0])
            problems.append(Problem(line, f"published story lacks '{field}'; expected {expected}"))
    if _get(meta, "anonymisation.pseudonym") is False:
        problems.append(
            Problem(
                source.meta_line("anonymisation"),
                "published story does not use a pseudonym; expected anonymisation.pseudonym: true",
            )
        )
    if meta.get("minor_at_time_of_events") is True and _get(meta, "anonymisation.pseudonym") is not True:
        problems.append(
            Problem(
                source.meta_line("anonymisation"),
                "story of a minor without a pseudonym; expected the name always changed for anyone under 18",
            )
        )
    for field, allowed in LISTS.items():
        values = meta.get(field)
        if values is not None and not isinstance(values, list):
            problems.append(
                Problem(source.meta_line(field), f"'{field}' is not a list; expected e.g. {field}: [{allowed[0]}]")
            )
            continue
        for value in values or []:
            if value not in allowed:
                problems.append(
                    Problem(
                        source.meta_line(field),
                        f"unknown {field} value {value!r}; expected one of {', '.join(allowed)}",
                    )
                )
    stage = meta.get("stage")
    if stage is not None and stage not in STAGES:
        problems.append(
            Problem(source.meta_line("stage"), f"unknown stage {stage!r}; expected one of {', '.join(STAGES)}")
        )
    if basis == "consent":
        problems += _consent_expired(source)
    return problems


def _consent_expired(source: page_source.PageSource) -> list[Problem]:
    duration = str(_get(source.meta, "consent.duration") or "")
    match = re.search(r"\d{4}-\d{2}-\d{2}", duration)
    if match and date.fromisoformat(match.group()) < date.today():
        return [
            Problem(
                source.meta_line("consent"),
                f"consent ran out on {match.group()}; expected consent renewed, or the story withdrawn",
            )
        ]
    return []


def identifying_problems(source: page_source.PageSource, text: str) -> list[Problem]:
    """Contact details and identifying patterns anywhere in the story's text (body and front matter values).

    Each pattern searches the whole text once (none of them crosses a line end); a line is
    reported once per pattern, with its first match."""
    text = text.replace("\r\n", "\n")
    lines = text.split("\n")
    lowered = text.lower()
    problems, seen = [], set()
    for name, words, pattern in IDENTIFYING:
        if words and not any(word in lowered for word in words):
            continue
        for match in pattern.finditer(text):
            number = text.count("\n", 0, match.start()) + 1
            if (number, name) in seen or (number < source.body_line and _ADMIN_DATE.match(lines[number - 1])):
                continue  # reported already, or the story's own administrative dates (consent, review)
            seen.add((number, name))
            problems.append(
                Problem(
                    number,
                    f"{name} ({match.group().strip()}) in a published story; "
                    "expected no contact details or identifying details",
                )
            )
    return sorted(problems, key=lambda problem: problem.line)  # stable: patterns stay in order


def left_out(stories: list[tuple[str, str, str, str]]) -> set[str]:
    """Sources of stories that must not be built: (source, page, language, text) in, sources out.

    The English story decides: unless it is published, neither it nor any translation is built.
    A translation marked withdrawn (or otherwise unpublished) is left out on its own.
    """
    english = {page: page_source.parse(text).meta for source, page, lang, text in stories if lang == "en"}
    out = set()
    for source, page, lang, text in stories:
        own = page_source.parse(text).meta
        if not is_published(english.get(page, {})):
            out.add(source)
        elif lang != "en" and "status" in own and not is_published(own):
            out.add(source)
    return out


def find_problems(text: str) -> list[Problem]:
    """Every problem of a story page; only published stories are checked."""
    source = page_source.parse(text)
    if source.problems or not is_published(source.meta):
        return []
    return sorted(metadata_problems(source) + identifying_problems(source, text), key=lambda p: p.line)


def published_pages(english: dict[str, str]) -> list[str]:
    """Site paths of the published English stories ({site path: text} of those that are built,
    directly in stories/), ordered by title."""
    found = []
    for page, text in english.items():
        if is_story(page) and page.count("/") == 1:
            title = str(page_source.parse(text).meta.get("title", page.removeprefix("stories/").removesuffix(".md")))
            found.append((title.casefold(), page))
    return [page for _, page in sorted(found)]
