"""Translation quality: paragraphs that are not in the page's language, and Latin script on
Macedonian pages. Uses lingua (offline language identification), restricted to the site's
four languages so that it decides between the languages a translator could have mixed up.
"""

from __future__ import annotations

import functools
import re

from kb import page_source
from kb.page_source import Problem

# Data

MIN_LETTERS = 40  # shorter text (names, headings, numbers) is too short to identify reliably
CONFIDENCE = 0.9  # flag only when lingua is sure: lists of proper names score lower

_REFERENCE = re.compile(r"^\s*[-*]\s+\[S\d+\]")
# What is not prose: link targets, source IDs, HTML tags and attributes, Markdown markers.
_NOT_PROSE = [
    re.compile(r"\]\([^)]*\)"),
    re.compile(r"\[S\d+\]"),
    re.compile(r"<[^>]+>"),
    re.compile(r"\{[^}]*\}"),
    re.compile(r"^[ \t]*(?:!!!|\?\?\?\+?)[ \t]*[\w-]+", re.M),
    re.compile(r"^[ \t]*[-*+][ \t]+\[[ xX]\]", re.M),
    re.compile(r"https?://\S+"),
]
_LATIN_WORD = re.compile(r"[A-Za-zÀ-ɏ]{2,}")


@functools.lru_cache(maxsize=1)
def detector():
    from lingua import Language, LanguageDetectorBuilder

    return LanguageDetectorBuilder.from_languages(
        Language.ENGLISH, Language.ALBANIAN, Language.MACEDONIAN, Language.BOSNIAN
    ).build()


def _code(language) -> str:
    return {"ENGLISH": "en", "ALBANIAN": "sq", "MACEDONIAN": "mk", "BOSNIAN": "bs"}[language.name]


# Helpers


def prose(text: str) -> str:
    for pattern in _NOT_PROSE:
        text = pattern.sub(" ", text)
    return re.sub(r"[#*_`>|]+", " ", text)


def blocks(text: str):
    """(first file line, text) of each paragraph, list item or table row of the body."""
    source = page_source.parse(text)
    current: list[str] = []
    start = 0
    in_fence = False
    for number, line in source.lines():
        if page_source.is_fence(line):
            in_fence = not in_fence
            continue
        is_item = re.match(r"^\s*([-*+]|\d+[.)]|\|)\s", line) is not None
        if in_fence or not line.strip() or is_item or line.lstrip().startswith("#"):
            if current:
                yield start, " ".join(current)
            current = []
            if in_fence or not line.strip():
                continue
            if is_item or line.lstrip().startswith("#"):
                start, current = number, [line]
                continue
        if not current:
            start = number
        current.append(line)
    if current:
        yield start, " ".join(current)


# Front-matter values that readers see.
SHOWN_FIELDS = ("title", "description", "context", "discussion_questions", "facilitator_notes")


def front_matter_texts(text: str):
    """(file line, text) of the reader-facing front-matter values."""
    source = page_source.parse(text)
    for key in SHOWN_FIELDS:
        value = source.meta.get(key)
        values = value.values() if isinstance(value, dict) else value if isinstance(value, list) else [value]
        for item in values:
            if isinstance(item, str):
                yield source.meta_line(key), item


def find_problems(text: str, language: str) -> list[Problem]:
    """Paragraphs of a translated page in another language; Latin text on Macedonian pages."""
    problems = []
    for line, block in [*front_matter_texts(text), *blocks(text)]:
        if _REFERENCE.match(block):
            continue  # reference lists name publications in their own language
        clean = prose(block)
        if language == "mk":
            # A heading may end with the English term in brackets, as the glossary's do: it
            # tells readers and reviewers which English term the entry translates.
            checked = re.sub(r"\([^()]*\)\s*$", " ", clean) if block.startswith("#") else clean
            latin = _LATIN_WORD.findall(checked)
            if latin:
                problems.append(
                    Problem(line, f"Latin script on a Macedonian page ({' '.join(latin[:5])}); expected Cyrillic only")
                )
                continue
        # A gloss in brackets, e.g. a local institution's own name, is deliberate.
        clean = re.sub(r"\([^)]*\)", " ", clean)
        if sum(ch.isalpha() for ch in clean) < MIN_LETTERS:
            continue
        values = detector().compute_language_confidence_values(clean)
        best = values[0]
        if _code(best.language) != language and best.value >= CONFIDENCE:
            snippet = " ".join(clean.split())[:60]
            problems.append(
                Problem(
                    line,
                    f"paragraph looks like {_code(best.language)}, "
                    f"not {language} ({best.value:.0%} sure): '{snippet}...'; expected a translation",
                )
            )
    return problems
