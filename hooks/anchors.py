"""Hook: heading anchors people can read and share, in every language, and a change of language
that keeps the reader's section.

Readable anchors: Python-Markdown's default slugify drops every letter outside ASCII, so
Macedonian headings got anchors such as #_1 and #_2: meaningless in a shared link, and shifting
whenever a heading is added above. Cyrillic letters are first written in Latin ones (the
Macedonian romanisation: ѓ gj, ж zh, ќ kj, ...), then slugified as before, so "Преглед" gives
#pregled, and English, Albanian and Bosnian anchors stay exactly as they were.

The same section in another language: a translation keeps the English page's headings, in the
English order, so headings correspond by their position in the source file (not on screen: the
glossary is sorted per language). Each heading is marked with that position before any hook
can move it; once Python-Markdown has given the headings their ids, a translated page gets the
map of its heading ids to the English page's (page.meta["kb_sections"], written into the page
by overrides/main.html; the headings themselves stay as they were). kb-sections.js uses it to
carry the reader's section across the language menu. Nothing is fetched, so it works from
disk; without JavaScript the menu opens the other page at its top.
A translation whose headings do not correspond to the English page's is named in the build
output (INFO, as outdated translations are: it is what an outdated translation looks like).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

from markdown.extensions import Extension
from markdown.extensions.toc import slugify as ascii_slugify
from markdown.treeprocessors import Treeprocessor
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from kb import page_source
from kb.site_layout import DEFAULT_LANGUAGE, source_for_page
from run import current_language, is_fallback, run_of

log = logging.getLogger("mkdocs.hooks.anchors")

# Data

# Differs on purpose from the table in overrides/assets/javascripts/workers/kb-fold.js: an
# anchor is a name people read and share, so one fixed spelling per letter and only the
# letters of headings (Macedonian, Serbian names); search must meet every way of typing a
# word, so kb-fold.js then merges letters (ѓ g, ќ ц ч k, ...) and knows more alphabets. Changing
# this table changes published anchors; changing that one only changes how search matches.
ROMANISATION = {
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "g",
    "д": "d",
    "ѓ": "gj",
    "е": "e",
    "ж": "zh",
    "з": "z",
    "ѕ": "dz",
    "и": "i",
    "ј": "j",
    "к": "k",
    "л": "l",
    "љ": "lj",
    "м": "m",
    "н": "n",
    "њ": "nj",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "ќ": "kj",
    "у": "u",
    "ф": "f",
    "х": "h",
    "ц": "c",
    "ч": "ch",
    "џ": "dzh",
    "ш": "sh",
    # Serbian letters, for names and quotations
    "ђ": "dj",
    "ћ": "c",
}
_TABLE = str.maketrans({**ROMANISATION, **{letter.upper(): latin for letter, latin in ROMANISATION.items()}})

POSITION = "data-kb-position"  # while rendering only: a heading's position in the source file
_HEADING_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_ATTR_LIST = re.compile(r"[ ]+\{:?[ ]*[^}\n ][^\n]*\}[ ]*$")  # attr_list's pattern for headings
_CLOSING_HASHES = re.compile(r"(?<!\\)#+[ ]*$")
# Marks the heading of a section that only a translation has (the glossary's table of chosen
# terms): it is not counted, so the headings after it still correspond.
TRANSLATION_ONLY = ".translation-only"


@dataclass(frozen=True)
class Heading:
    slot: str  # "3": the third heading of the source file; "+1": the first one a hook added
    level: int
    id: str


@dataclass(frozen=True)
class Difference:
    """The first heading, in source order, where a translation stops matching the English page."""

    number: int  # 1-based position in the source files
    english: Heading | None  # None: the translation has more headings
    translated: Heading | None  # None: the translation has fewer


@dataclass
class PageHeadings:
    """The page being rendered, as the tree processor needs it."""

    page: str  # its language-independent site path
    lang: str
    fallback: bool  # an English page shown in another language
    english: dict[str, list[Heading]]  # the run's English pages' headings (the English build is first)
    sections: dict[str, str] = field(default_factory=dict)  # the page's heading ids -> the English page's
    difference: Difference | None = None


# Hooks


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    config.mdx_configs.setdefault("toc", {})["slugify"] = slugify
    if not any(isinstance(ext, SectionsExtension) for ext in config.markdown_extensions):
        config.markdown_extensions.append(SectionsExtension())
    return config


@event_priority(100)  # before any hook adds or reorders headings (hooks/glossary.py sorts them)
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    lang = current_language(config)
    english = run_of(config).once("english headings", dict)
    _extension(config).page = PageHeadings(page.file.norm_src_uri, lang, is_fallback(page.file, lang), english)
    marked, _ = number_headings(markdown)
    return marked


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    extension = _extension(config)
    current, extension.page = extension.page, None
    if current is None:
        return html
    if current.sections:
        page.meta["kb_sections"] = current.sections
    difference = current.difference
    if difference is not None:
        path = source_for_page(page.file.norm_src_uri, current_language(config))
        source = page_source.parse(Path(page.file.abs_src_path).read_text("utf-8"))
        _, lines = number_headings(source.body)
        log.info(
            describe(
                difference, path, source_for_page(page.file.norm_src_uri, DEFAULT_LANGUAGE), source.body_line, lines
            )
        )
    return html


# Helpers


def slugify(value: str, separator: str) -> str:
    """A heading's anchor: Cyrillic romanised, then Python-Markdown's own slugify."""
    return ascii_slugify(value.translate(_TABLE), separator)


def number_headings(markdown: str) -> tuple[str, list[int]]:
    """The page with each heading marked with its position in the file (attr_list syntax), and
    the index of each heading's line. Headings are ATX lines outside fenced code, as
    Python-Markdown reads them; a heading marked { .translation-only } is not counted."""
    lines = markdown.split("\n")
    heading_lines: list[int] = []
    in_fence = False
    for index, line in enumerate(lines):
        if page_source.is_fence(line):
            in_fence = not in_fence
            continue
        if in_fence or not line.startswith("#") or not line.strip("# \t") or TRANSLATION_ONLY in line:
            continue
        heading_lines.append(index)
        marker = f'{POSITION}="{len(heading_lines)}"'
        text = line.rstrip()
        if _ATTR_LIST.search(text):
            lines[index] = f"{text[:-1].rstrip()} {marker} }}"
        else:
            lines[index] = f"{_CLOSING_HASHES.sub('', text).rstrip()} {{ {marker} }}"
    return "\n".join(lines), heading_lines


def correspond(english: list[Heading], translated: list[Heading]) -> tuple[dict[str, str], Difference | None]:
    """{translated slot: English id} for every translated heading with an English counterpart,
    and the first heading of the source where the two stop matching (None if they match).

    Source headings pair by position until the levels differ or one page runs out; headings
    added by hooks pair in their order (the same hook adds them in every language)."""
    keys: dict[str, str] = {}
    english_source, translated_source = _from_source(english), _from_source(translated)
    difference = None
    for number, (ours, theirs) in enumerate(zip(translated_source, english_source), start=1):
        if ours.level != theirs.level:
            difference = Difference(number, theirs, ours)
            break
        keys[ours.slot] = theirs.id
    else:
        common = min(len(english_source), len(translated_source))
        if len(english_source) != len(translated_source):
            extra_english = english_source[common] if common < len(english_source) else None
            extra_translated = translated_source[common] if common < len(translated_source) else None
            difference = Difference(common + 1, extra_english, extra_translated)
    for ours, theirs in zip(_added(translated), _added(english)):
        if ours.level != theirs.level:
            break
        keys[ours.slot] = theirs.id
    return keys, difference


def describe(difference: Difference, path: str, english_path: str, body_line: int, heading_lines: list[int]) -> str:
    """The build's line about a translation whose headings stop matching the English page."""
    consequence = "switching language keeps a reader's section only above this point"
    number, english, translated = difference.number, difference.english, difference.translated
    if translated is None:
        line = body_line + heading_lines[-1] if heading_lines else 1
        return (
            f"{path}:{line}: headings: this translation has {number - 1}, {english_path} has more "
            f"(its heading {number} has no counterpart here); {consequence}"
        )
    line = body_line + heading_lines[number - 1]
    if english is None:
        return f"{path}:{line}: headings: heading {number} has no counterpart in {english_path}; {consequence}"
    return (
        f"{path}:{line}: headings: heading {number} is level {translated.level} here but level "
        f"{english.level} in {english_path} (a heading added, dropped or moved?); {consequence}"
    )


def _from_source(headings: list[Heading]) -> list[Heading]:
    return sorted((h for h in headings if not h.slot.startswith("+")), key=lambda h: int(h.slot))


def _added(headings: list[Heading]) -> list[Heading]:
    return [h for h in headings if h.slot.startswith("+")]


class _SectionKeys(Treeprocessor):
    """After the toc extension has given headings their ids: record the English page's
    headings; on a translated page, map each heading's id to its English counterpart's."""

    def __init__(self, md, extension: SectionsExtension):
        super().__init__(md)
        self.extension = extension

    def run(self, root: ElementTree.Element) -> None:
        current = self.extension.page
        if current is None:
            return  # Markdown rendered outside a page (nothing to do)
        headings, added = [], 0
        for element in root.iter():
            if element.tag not in _HEADING_TAGS or TRANSLATION_ONLY[1:] in element.get("class", "").split():
                continue
            slot = element.attrib.pop(POSITION, None)
            if slot is None:
                added += 1
                slot = f"+{added}"
            if element.get("id"):
                headings.append(Heading(slot, int(element.tag[1]), element.get("id")))
        if current.lang == DEFAULT_LANGUAGE:
            current.english[current.page] = headings
        elif not current.fallback and current.page in current.english:  # else: English ids, or an orphan
            keys, current.difference = correspond(current.english[current.page], headings)
            current.sections = {heading.id: keys[heading.slot] for heading in headings if heading.slot in keys}


class SectionsExtension(Extension):
    """Maps a translated page's heading ids to its English page's; `page` is the page being
    rendered, set by on_page_markdown."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.page: PageHeadings | None = None

    def extendMarkdown(self, md):
        md.treeprocessors.register(_SectionKeys(md, self), "kb_sections", 4)  # after toc (5)


def _extension(config: MkDocsConfig) -> SectionsExtension:
    return next(extension for extension in config.markdown_extensions if isinstance(extension, SectionsExtension))
