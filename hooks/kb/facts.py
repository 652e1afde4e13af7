"""The date a page's facts were checked (`facts_checked:` in its front matter), shown to
readers under the page's title in their language: a country guide is only as current as
that date, and readers must see it before they rely on a detail."""

from __future__ import annotations

import datetime
import html

from babel.dates import format_date

# Data

# Babel's locale for each site language; English as written in the United Kingdom (1 December 2026).
BABEL_LOCALES = {"en": "en_GB", "sq": "sq", "mk": "mk", "bs": "bs"}

# Helpers


def checked_date(value) -> datetime.date | None:
    """facts_checked as a date (YAML gives a date for YYYY-MM-DD, a string when quoted)."""
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        return None


def with_facts_date(markdown: str, value, language: str, template: str) -> str:
    """The page's Markdown with a "Facts as of ..." line after its first level-1 heading."""
    date = checked_date(value)
    if date is None:
        return markdown
    text = template.format(date=format_date(date, format="long", locale=BABEL_LOCALES.get(language, language)))
    line = f'<p class="kb-facts-date"><time datetime="{date.isoformat()}">{html.escape(text)}</time></p>'
    lines = markdown.split("\n")
    for index, current in enumerate(lines):
        if current.startswith("# "):
            lines[index + 1 : index + 1] = ["", line]
            return "\n".join(lines)
    return f"{line}\n\n{markdown}"
