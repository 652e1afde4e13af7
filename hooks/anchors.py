"""Hook: heading anchors people can read and share, in every language.

Python-Markdown's default slugify drops every letter outside ASCII, so Macedonian headings
got anchors such as #_1 and #_2: meaningless in a shared link, and shifting whenever a
heading is added above. Cyrillic letters are first written in Latin ones (the Macedonian
romanisation: ѓ gj, ж zh, ќ kj, ...), then slugified as before, so "Преглед" gives #pregled,
and English, Albanian and Bosnian anchors stay exactly as they were.
"""

from __future__ import annotations

from markdown.extensions.toc import slugify as ascii_slugify

# Data

ROMANISATION = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "ѓ": "gj", "е": "e", "ж": "zh", "з": "z",
    "ѕ": "dz", "и": "i", "ј": "j", "к": "k", "л": "l", "љ": "lj", "м": "m", "н": "n", "њ": "nj",
    "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "ќ": "kj", "у": "u", "ф": "f", "х": "h",
    "ц": "c", "ч": "ch", "џ": "dzh", "ш": "sh",
    # Serbian letters, for names and quotations
    "ђ": "dj", "ћ": "c",
}
_TABLE = str.maketrans({**ROMANISATION, **{letter.upper(): latin for letter, latin in ROMANISATION.items()}})

# Hooks


def on_config(config):
    config.mdx_configs.setdefault("toc", {})["slugify"] = slugify
    return config


# Helpers


def slugify(value: str, separator: str) -> str:
    """A heading's anchor: Cyrillic romanised, then Python-Markdown's own slugify."""
    return ascii_slugify(value.translate(_TABLE), separator)
