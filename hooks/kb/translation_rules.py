"""Translation status: which version of its English source a translation translates, and
whether it is current, draft, outdated, missing or orphaned.

A translated page records in its front matter

    translation:
      source: 1a2b3c4d5e6f   # the English file's version (hooks/translations.py stamp)
      status: draft          # or reviewed, with reviewer and reviewed (a date)
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from kb import page_source
from kb.page_source import Problem

# Data

CURRENT = "current"  # reviewed, and translates the current English version
DRAFT = "draft"  # translates the current English version, not reviewed yet
OUTDATED = "outdated"  # the English source changed since
MISSING = "missing"  # no translation yet
ORPHAN = "orphan"  # the English source no longer exists
REVIEW_STATES = ("draft", "reviewed")
# A thousands comma (1,711; 12,000,000), or a decimal point in a percentage or an amount
# (21.6%, €1.5M). Other points are left alone: 2.3.4 is a checklist item. Every branch starts
# with the same digit, so the regex engine skips to digits instead of trying each position.
_ENGLISH_NUMBER = re.compile(
    r"\d(?:(?<![\d.,]\d)\d{0,2}(?:,\d{3})+(?![\d,])"  # 1,711
    r"|(?<![\d.]\d)\d*\.\d+(?= ?%)"  # 21.6%
    r"|(?<=€\d)\d*\.\d+)"  # €1.5
)

# Helpers


def source_hash(english_text: str) -> str:
    """The version of an English source: its content, whatever the line endings."""
    return hashlib.sha256(english_text.replace("\r\n", "\n").encode("utf-8")).hexdigest()[:12]


def translation_meta(text: str) -> dict:
    meta = page_source.parse(text).meta.get("translation")
    return meta if isinstance(meta, dict) else {}


def state(english_text: str | None, translated_text: str | None) -> str:
    if english_text is None:
        return ORPHAN
    if translated_text is None:
        return MISSING
    meta = translation_meta(translated_text)
    if meta.get("source") != source_hash(english_text):
        return OUTDATED
    return CURRENT if meta.get("status") == "reviewed" else DRAFT


def stamp(translated_text: str, english_text: str) -> str:
    """Record the English version a translation now translates, keeping the file's layout."""
    version = source_hash(english_text)
    source = page_source.parse(translated_text)
    if source.problems:
        raise ValueError(source.problems[0].message)
    lines = translated_text.split("\n")
    front_end = source.body_line - 2  # index of the closing --- line
    start = next((i for i in range(1, front_end) if re.match(r"translation\s*:\s*$", lines[i])), None)
    if start is None:
        lines[front_end:front_end] = ["translation:", f"  source: {version}", "  status: draft"]
        return "\n".join(lines)
    end = start + 1
    while end < front_end and (lines[end].startswith((" ", "\t")) or not lines[end].strip()):
        end += 1
    for i in range(start + 1, end):
        if re.match(r"\s+source\s*:", lines[i]):
            lines[i] = f"  source: {version}"
            return "\n".join(lines)
    lines.insert(start + 1, f"  source: {version}")
    return "\n".join(lines)


def review_problems(translated_text: str) -> list[Problem]:
    """A translation's `translation:` block must say what state it is in, truthfully."""
    source = page_source.parse(translated_text)
    meta = source.meta.get("translation")
    line = source.meta_line("translation")
    if not isinstance(meta, dict):
        return [
            Problem(
                line, "translation without a 'translation:' block; expected translation: {source: ..., status: draft}"
            )
        ]
    status = meta.get("status")
    if status not in REVIEW_STATES:
        return [Problem(line, f"translation status {status!r} is not known; expected draft or reviewed")]
    if status == "reviewed" and not (meta.get("reviewer") and meta.get("reviewed")):
        return [
            Problem(
                line,
                "translation marked reviewed without reviewer and date; "
                "expected reviewer: <name> and reviewed: <YYYY-MM-DD>",
            )
        ]
    return []


def number_problems(translated_text: str) -> list[Problem]:
    """Numbers written the English way in a translation: Albanian, Macedonian and Bosnian
    write 1.711 and 21,6%, and a reader takes 1,711 for one point seven."""
    source = page_source.parse(translated_text)
    problems = []
    for match in _ENGLISH_NUMBER.finditer(source.body):
        local = match.group().replace(",", "\0").replace(".", ",").replace("\0", ".")
        line = source.body_line + source.body.count("\n", 0, match.start())
        problems.append(
            Problem(
                line,
                f"number '{match.group()}' in the English format; expected '{local}' (thousands with a point, "
                "decimals with a comma)",
            )
        )
    return problems


@dataclass(frozen=True)
class Row:
    page: str  # site path, e.g. guides/stages/crisis.md
    language: str
    state: str


def coverage(rows: list[Row], language: str) -> tuple[int, int, int]:
    """(translated and current, reviewed, total English pages) for one language."""
    mine = [row for row in rows if row.language == language and row.state != ORPHAN]
    current = sum(row.state in (CURRENT, DRAFT) for row in mine)
    reviewed = sum(row.state == CURRENT for row in mine)
    return current, reviewed, len(mine)
