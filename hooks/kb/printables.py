"""Printable materials: which PDFs exist, which page offers which, and how each PDF's document
is put together from the built pages. Plain functions: site paths and HTML text in, out.

Per language: one PDF per checklist and its case-file version, one per guide (the whole guide),
for each published story a workshop handout (warnings, story, questions) and a facilitator PDF
(notes), and two story booklets (participants, facilitators: hooks/kb/booklets.py).
"""

from __future__ import annotations

import html as htmllib
import posixpath
import re
from dataclasses import dataclass, field

from kb import guides, page_source

# Data

PDF_FOLDER = "pdf"
STORIES_INDEX = "stories/index.md"
WORKSHOP_GUIDE = "guides/workshops.md"
BOOKLETS = {"participants": "stories-participants", "facilitators": "stories-facilitators"}

# Patterns over built pages: a PDF is put together from the finished pages (theme, notices and
# every hook applied), which exist only as HTML by then.
_ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)
_CHECKLIST = re.compile(r'(<div class="kb-checklist".*?)(?=<h2[ >](?!class="checklist")|</article>|\Z)', re.S)
_REMOVE = [
    re.compile(r'<p class="kb-print-meta">.*?</p>', re.S),  # Ctrl+P's line; a PDF has its own head
    re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.S),
    re.compile(r'<div class="kb-downloads".*?</div>', re.S),
    re.compile(r'<details class="note kb-facilitator-notes">.*?</details>', re.S),
]
_QUESTIONS = re.compile(r'<h2 id="discussion-questions">.*?</ol>', re.S)
_FACILITATOR = re.compile(r'<details class="note kb-facilitator-notes"><summary>(.*?)</summary>(.*?)</details>', re.S)
_STORY_ABOUT = re.compile(r'<div class="admonition note kb-story-about">.*?</div>', re.S)
_H1 = re.compile(r"<h1[^>]*>(.*?)</h1>", re.S)
_BODY_DIRECTION = re.compile(r'<body[^>]*\sdir="([^"]+)"')
_STYLESHEET = re.compile(r'<link rel="stylesheet" href="([^"]+)"')
_NOTICE = re.compile(r'<(\w+) class="[^"]*\bkb-notice--([\w-]+)\b[^"]*"')

# Helpers


@dataclass(frozen=True)
class Pdf:
    name: str  # file name without .pdf, e.g. checklist-crisis
    kind: str  # checklist, casefile, guide, handout, facilitator, participants, facilitators or book
    pages: tuple[str, ...]  # the site pages it is made from, e.g. ("guides/stages/crisis.md",)

    @property
    def offered_on_first_page_only(self) -> bool:
        """A booklet is offered on the stories index, not on each story it holds; the book on
        the manual's index, not on each chapter."""
        return self.kind in BOOKLETS or self.kind == "book"

    def path(self, lang: str, default: str = "en") -> str:
        """Its site path, e.g. sq/pdf/checklist-crisis.pdf."""
        prefix = "" if lang == default else f"{lang}/"
        return f"{prefix}{PDF_FOLDER}/{self.name}.pdf"


def plan(stories: list[str], checklists: dict[str, str], guides: dict[str, list[str]]) -> list[Pdf]:
    """Every PDF of a language, given its published story pages in the order of the stories
    index (stories/amra.md, ...), its checklist pages ({page: PDF name}) and its guides
    ({PDF name: pages}), as hooks/kb/guides.py finds them in the sources."""
    pdfs = [pdf for page, name in checklists.items() for pdf in checklist_pdfs(page, name)]
    pdfs += [Pdf(name, "guide", tuple(pages)) for name, pages in guides.items()]
    for page in sorted(stories):
        slug = posixpath.splitext(posixpath.basename(page))[0]
        pdfs += [Pdf(f"story-{slug}", "handout", (page,)), Pdf(f"story-{slug}-facilitator", "facilitator", (page,))]
    if stories:
        pdfs.append(Pdf(BOOKLETS["participants"], "participants", (STORIES_INDEX, *stories)))
        pdfs.append(Pdf(BOOKLETS["facilitators"], "facilitators", (STORIES_INDEX, WORKSHOP_GUIDE, *stories)))
    return pdfs


def site_plan(english: dict[str, str], nav, stories: list[str]) -> list[Pdf]:
    """Every PDF of a language, as the sources decide: `english` is {site path: text} of the
    English pages that are built, `nav` mkdocs.yml's nav (the reading order), `stories` the
    published stories in the order of the stories index."""
    pages = guides.reading_order(nav, english)
    checklists = guides.checklist_pages(pages, lambda page: page_source.parse(english[page]).meta)
    return plan(stories, {page: guides.checklist_pdf(page) for page in checklists}, guides.guide_pdfs(pages))


def checklist_pdfs(page: str, name: str) -> tuple[Pdf, Pdf]:
    """A checklist page's two PDFs: the checklist as on the site, and its case-file form."""
    return Pdf(name, "checklist", (page,)), Pdf(name + "-casefile", "casefile", (page,))


def offered_on(page: str, pdfs: list[Pdf]) -> list[Pdf]:
    """The PDFs a page links to: its checklist (plain and for a case file), the guide it belongs
    to, its story handouts; the stories index, the booklets; the manual's index, the book."""
    order = {
        "checklist": 0,
        "casefile": 1,
        "guide": 2,
        "handout": 3,
        "facilitator": 4,
        "participants": 5,
        "facilitators": 6,
        "book": 7,
    }
    offered = (
        pdf for pdf in pdfs if page == pdf.pages[0] or (page in pdf.pages and not pdf.offered_on_first_page_only)
    )
    return sorted(offered, key=lambda pdf: order[pdf.kind])


def page_html_path(page: str, lang: str, default: str = "en") -> str:
    """The built HTML file of a page, e.g. sq/guides/stages/crisis/index.html."""
    stem = posixpath.splitext(page)[0]
    folder = "" if stem == "index" else (stem[: -len("/index")] if stem.endswith("/index") else stem)
    prefix = "" if lang == default else f"{lang}/"
    return posixpath.join(prefix + folder, "index.html") if folder else f"{prefix}index.html"


def article(html: str) -> str:
    """The page's content, without permalinks, download buttons or facilitator notes."""
    found = _ARTICLE.search(html)
    content = found.group(1) if found else ""
    for pattern in _REMOVE:
        content = pattern.sub("", content)
    return content.strip()


def stylesheets_of(html: str, page_file: str) -> list[str]:
    """The site paths of a built page's stylesheets, in the page's order (Material's first, so
    the site's own rules win as they do on screen)."""
    folder = posixpath.dirname(page_file)
    return [posixpath.normpath(posixpath.join(folder, href)) for href in _STYLESHEET.findall(html)]


def direction_of(html: str) -> str:
    """The writing direction of a built page (Material sets it on <body>; its CSS needs it)."""
    found = _BODY_DIRECTION.search(html)
    return found.group(1) if found else "ltr"


def first_notices_only(content: str) -> str:
    """Content made of several pages with each kind of notice (draft, outdated, untranslated)
    once, where it first appears: the notices of later pages would only repeat it."""
    seen: set[str] = set()
    parts, position = [], 0
    for found in _NOTICE.finditer(content):
        if found.start() < position:
            continue  # inside a notice already dropped
        tag, kind = found.groups()
        if kind not in seen:
            seen.add(kind)
            continue
        end = element_end(content, found.start(), tag)
        parts.append(content[position : found.start()])
        position = end
    return "".join(parts) + content[position:]


def element_end(content: str, start: int, tag: str) -> int:
    """Where the element opened at `start` closes (elements of the same name may nest)."""
    depth = 0
    for found in re.compile(rf"<(/?){tag}\b[^>]*>").finditer(content, start):
        depth += -1 if found.group(1) else 1
        if depth == 0:
            return found.end()
    return len(content)


def title_of(content: str) -> str:
    found = _H1.search(content)
    return re.sub(r"<[^>]+>", "", found.group(1)).strip() if found else ""


def checklist_part(html: str) -> str:
    found = _CHECKLIST.search(_ARTICLE.search(html).group(1) if _ARTICLE.search(html) else html)
    if not found:
        return ""
    part = found.group(1)
    for pattern in _REMOVE:
        part = pattern.sub("", part)
    return part


def facilitator_part(html: str) -> str:
    """Context, facilitator notes and discussion questions of a story page, as a document body."""
    found = _FACILITATOR.search(html)
    about = _STORY_ABOUT.search(html)
    questions = _QUESTIONS.search(html)
    notes = found.group(2) if found else ""
    return (about.group(0) if about else "") + notes + (questions.group(0) if questions else "")


@dataclass
class Document:
    """A print document: what goes into one PDF."""

    lang: str
    title: str
    heading: str  # the first heading, e.g. the checklist's guide and stage
    body: str
    meta_lines: list[str] = field(default_factory=list)
    direction: str = "ltr"  # Material's styles (icon places, list indents) depend on it
    variant: str = ""  # the PDF's kind when its layout differs (kb.css: .kb-pdf--booklet)

    def html(self, stylesheets: list[str], site_name: str) -> str:
        links = "".join(f'<link rel="stylesheet" href="{href}">' for href in stylesheets)
        meta = "".join(f"<p>{htmllib.escape(line)}</p>" for line in self.meta_lines)
        return (
            f'<!doctype html><html lang="{self.lang}"><head><meta charset="utf-8">'
            f"<title>{htmllib.escape(self.title)} - {htmllib.escape(site_name)}</title>{links}</head>"
            f'<body class="kb-pdf{" kb-pdf--" + self.variant if self.variant else ""}" dir="{self.direction}">'
            '<main class="md-typeset kb-pdf__content">'
            f'<header class="kb-pdf__head"><p class="kb-pdf__site">{htmllib.escape(site_name)}</p>'
            f"<h1>{self.heading}</h1>{meta}</header>{self.body}</main></body></html>"
        )


_HREF = re.compile(r'href="([^"#][^"]*|#[^"]*)"')


def online_links(content: str, page_file: str, site_url: str) -> str:
    """Links of a built page's content as absolute addresses of the online site, so that links
    in a PDF lead somewhere wherever the PDF is opened (anchors become the page's address).
    Without a site address they lead nowhere: they lose their target and stay as text."""
    base = site_url.rstrip("/") + "/"
    folder = posixpath.dirname(page_file)

    def absolute(match: re.Match) -> str:
        target = match.group(1)
        if re.match(r"^[a-z][a-z0-9+.-]*:", target, re.I):
            return match.group(0)
        if not site_url:
            return ""
        path, _, anchor = target.partition("#")
        resolved = posixpath.normpath(posixpath.join(folder, path)) if path else folder
        resolved = "" if resolved == "." else resolved
        if resolved.endswith("index.html"):
            resolved = resolved[: -len("index.html")]
        elif resolved and not posixpath.splitext(resolved)[1]:
            resolved += "/"
        return f'href="{base}{resolved}{"#" + anchor if anchor else ""}"'

    return _HREF.sub(absolute, content)


def without_h1(content: str) -> str:
    return _H1.sub("", content, count=1)
