"""The manual as a book: one PDF per language with a cover, a table of contents whose page
numbers are right, each part on its own pages under its title as running header, page numbers,
bookmarks (the printer's outline of the headings) and links between the parts that stay inside
the book. Plain functions: the parts' built HTML in, the book's HTML out; and the outline of a
printed PDF in, the page where each part starts out.

Chromium prints the book (hooks/pdfs.py): CSS named pages give each part its running header
(@page margin boxes), and the contents' page numbers come from a second printing, once the
first has shown where each part starts.
"""

from __future__ import annotations

import html as htmllib
import posixpath
import re
from dataclasses import dataclass

from kb.printables import element_end

# Data

PAGE_MARGIN = "16mm 16mm 18mm"  # as the other PDFs (kb.css): the header prints in the top margin
FRONT_HEADINGS = 2  # the h1 headings before the parts: the cover's and the contents'
PLACEHOLDER = "000"  # the contents' page numbers before the first printing (as wide as real ones)
MARGIN_FONT = 'font-family: "DejaVu Sans", sans-serif; font-size: 8pt; color: #333;'

_ID = re.compile(r'(\sid=")([^"]+)(")')
_HREF = re.compile(r'(\shref=")([^"]*)(")')
_NOTICE = re.compile(r'<(\w+) class="kb-notice kb-notice--[\w-]+"')
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)

# Helpers


@dataclass(frozen=True)
class Part:
    """One part of the book: the opening page, a chapter or an appendix."""

    page: str  # its source page, e.g. manual/safety.md
    html_path: str  # its built page in this language, e.g. sq/manual/safety/index.html
    title: str
    content: str  # its article's HTML (from printables.article)
    number: str = ""  # "4" for chapter 4; empty for the opening page and the appendices
    appendix: bool = False
    lang: str = ""  # set when the part is printed in another language than the book (a fallback)

    @property
    def anchor(self) -> str:
        """The part's id in the book, also the prefix of every id inside it: manual-safety."""
        stem = posixpath.splitext(self.page)[0].removesuffix("/index")
        return "kb-" + re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")

    @property
    def running_title(self) -> str:
        return f"{self.number} · {self.title}" if self.number else self.title


@dataclass(frozen=True)
class Cover:
    site_name: str
    title: str
    lines: list[str]  # language, online address, version: plain text, one a line
    status: list[tuple[str, str]]  # (label, what it concerns): the translation's state, honestly
    status_note: str = ""


def parts_in_order(pages: list[str], appendices: list[str]) -> list[tuple[str, str, bool]]:
    """(page, number, is appendix) for the book's pages: the first opens the book, the others
    are numbered chapters in their order, and the appendices follow them, in their own order."""
    chapters = [page for page in pages[1:] if page not in appendices]
    ordered = [(pages[0], "", False)] if pages else []
    ordered += [(page, str(number), False) for number, page in enumerate(chapters, 1)]
    return ordered + [(page, "", True) for page in appendices]


def without_notices(content: str) -> str:
    """A part's content without its translation notices: the cover states the whole book's
    translation status once, instead of a notice on every chapter."""
    while found := _NOTICE.search(content):
        content = content[: found.start()] + content[element_end(content, found.start(), found.group(1)) :]
    return content


def linked_within(part: Part, anchors: dict[str, str], site_url: str) -> str:
    """The part's content with ids prefixed by the part's anchor (two chapters may both have a
    "pitfalls" heading) and links rewritten: to a part of the book (or a heading in it) as a
    link inside the PDF; to another page of the site as its online address when the site has
    one, else as plain text; links to other sites unchanged.

    `anchors` maps each part's built page folder (sq/manual/safety/) to its anchor."""
    prefix = part.anchor
    content = _ID.sub(lambda m: f"{m.group(1)}{prefix}--{m.group(2)}{m.group(3)}", part.content)
    folder = posixpath.dirname(part.html_path)
    base = site_url.rstrip("/") + "/"

    def rewrite(match: re.Match) -> str:
        target = match.group(2)
        if _SCHEME.match(target):
            return match.group(0)
        path, _, fragment = target.partition("#")
        resolved = posixpath.normpath(posixpath.join(folder, path)) if path else folder
        resolved = "" if resolved == "." else resolved.removesuffix("index.html").rstrip("/")
        key = resolved + "/" if resolved else ""
        if key in anchors:
            inside = anchors[key]
            return f"{match.group(1)}#{inside}{'--' + fragment if fragment else ''}{match.group(3)}"
        if not site_url:
            return ""  # no address to lead to: the link's text stays, as plain text
        return f"{match.group(1)}{base}{key}{'#' + fragment if fragment else ''}{match.group(3)}"

    return _HREF.sub(rewrite, content)


def contents_html(parts: list[Part], heading: str, appendices_label: str, page_numbers: dict[str, int] | None) -> str:
    """The table of contents: every part with the page it starts on (placeholders before the
    first printing), the appendices under their own label."""

    def entry(part: Part) -> str:
        number = str(page_numbers[part.anchor]) if page_numbers else PLACEHOLDER
        label = f'<span class="kb-book__number">{htmllib.escape(part.number)}</span>' if part.number else ""
        return (
            f'<li><a href="#{part.anchor}">{label}<span class="kb-book__entry">{htmllib.escape(part.title)}</span>'
            f'<span class="kb-book__leader"></span><span class="kb-book__page">{number}</span></a></li>'
        )

    main = "".join(entry(part) for part in parts if not part.appendix)
    extra = "".join(entry(part) for part in parts if part.appendix)
    appendices = (
        f'<h2 class="kb-book__group">{htmllib.escape(appendices_label)}</h2><ol class="kb-book__contents">{extra}</ol>'
        if extra
        else ""
    )
    return (
        f'<nav class="kb-book__toc"><h1 id="kb-contents">{htmllib.escape(heading)}</h1>'
        f'<ol class="kb-book__contents">{main}</ol>{appendices}</nav>'
    )


def cover_html(cover: Cover) -> str:
    lines = "".join(f"<p>{htmllib.escape(line)}</p>" for line in cover.lines)
    status = "".join(
        f"<li><strong>{htmllib.escape(label)}</strong>: {htmllib.escape(which)}</li>" for label, which in cover.status
    )
    status_block = (
        '<div class="kb-book__status">'
        f"<ul>{status}</ul>{'<p>' + htmllib.escape(cover.status_note) + '</p>' if cover.status_note else ''}</div>"
        if status
        else ""
    )
    return (
        f'<section class="kb-book__cover"><p class="kb-book__site">{htmllib.escape(cover.site_name)}</p>'
        f'<h1 id="kb-cover">{htmllib.escape(cover.title)}</h1>'
        f'<div class="kb-book__meta">{lines}</div>{status_block}</section>'
    )


def css_string(text: str) -> str:
    """Text as a CSS string literal (for a margin box's content)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def page_styles(parts: list[Part], footer_text: str) -> str:
    """The book's page rules: A4, the footer line and page number on every page but the cover,
    and a named page per part whose top margin holds the part's title."""
    rules = [
        (
            f"@page {{ size: A4; margin: {PAGE_MARGIN};"
            f" @bottom-left {{ content: {css_string(footer_text)}; {MARGIN_FONT} }}"
            f" @bottom-right {{ content: counter(page); {MARGIN_FONT} }} }}"
        ),
        "@page kb-book-cover { @bottom-left { content: none; } @bottom-right { content: none; } }",
        ".kb-book__cover { page: kb-book-cover; }",
        ".kb-book__toc, .kb-book__part { break-before: page; }",
    ]
    for index, part in enumerate(parts):
        rules.append(
            f"@page kb-book-{index} {{ @top-center {{ content: {css_string(part.running_title)}; {MARGIN_FONT} }} }}"
        )
        rules.append(f"#{part.anchor} {{ page: kb-book-{index}; }}")
    return "\n".join(rules) + "\n" + BOOK_CSS


BOOK_CSS = """
.kb-book__cover { padding-top: 35mm; }
.kb-pdf .md-typeset .kb-book__cover h1 { font-size: 2.6em; margin: 0.3em 0 1.2em; }
.kb-book__site { font-weight: 700; letter-spacing: 0.02em; }
.kb-book__meta p { margin: 0.15em 0; }
.kb-book__status { margin-top: 3em; padding-top: 0.8em; border-top: 1pt solid #000; }
.kb-book__contents { list-style: none; margin: 0 !important; padding: 0; }
.md-typeset .kb-book__contents li { margin: 0 0 0.35em; list-style: none; }
.kb-pdf .md-typeset .kb-book__contents a { display: flex; color: #000; text-decoration: none; }
.kb-book__number { min-width: 2em; }
.kb-book__leader { flex: 1; margin: 0 0.4em 0.3em; border-bottom: 1pt dotted #666; }
.kb-book__page { min-width: 2.5em; text-align: right; }
.kb-pdf .md-typeset .kb-book__group { margin-top: 1.2em; font-size: 1.1em; }
.kb-pdf .md-typeset .kb-book__part > h1 { margin-top: 0; }
"""


def book_html(
    lang: str,
    title: str,
    site_name: str,
    direction: str,
    stylesheets: list[str],
    styles: str,
    cover: str,
    contents: str,
    parts: list[Part],
    bodies: list[str],
) -> str:
    """The book's document: cover, contents, then each part in its own section."""
    links = "".join(f'<link rel="stylesheet" href="{href}">' for href in stylesheets)
    sections = "".join(
        f'<section class="kb-book__part" id="{part.anchor}"{_lang_attribute(part.lang)}>{body}</section>'
        for part, body in zip(parts, bodies)
    )
    return (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
        f"<title>{htmllib.escape(title)} - {htmllib.escape(site_name)}</title>{links}<style>{styles}</style></head>"
        f'<body class="kb-pdf kb-book" dir="{direction}">'
        f'<main class="md-typeset kb-pdf__content">{cover}{contents}{sections}</main></body></html>'
    )


def _lang_attribute(lang: str) -> str:
    return f' lang="{lang}"' if lang else ""


def part_starts(outline: list[tuple[str, int]], parts: list[Part]) -> dict[str, int]:
    """Where each part starts (page numbers from 1), from the printed PDF's top-level outline
    entries (title, page index), which follow the order of the book's h1 headings: the cover's
    and the contents' first (the opening part has the cover's title), then the parts'."""
    starts, position = {}, FRONT_HEADINGS
    titles = [(_words(title), page) for title, page in outline]
    for part in parts:
        wanted = _words(part.title)
        while position < len(titles) and titles[position][0] != wanted:
            position += 1
        if position == len(titles):
            raise ValueError(f"the printed book has no bookmark for {part.page} ({part.title!r})")
        starts[part.anchor] = titles[position][1] + 1
        position += 1
    return starts


def _words(text: str) -> str:
    # Without any white space: Chromium's outline drops the space where a long heading wraps.
    return "".join(text.split())
