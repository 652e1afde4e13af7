"""Hook: show checklists as trainers use them.

- every group and item gets its generated number (stage 2, group 3, item 4 is "2.3.4"), the
  same in every language, on screen and in print;
- each box can be ticked on screen and is named by its number and text for screen readers;
  ticks are never kept: the boxes opt out of the browser's form restoration (autocomplete=off)
  and kb-checklist.js clears them when Back or a reload brings the page back;
- a "Go to the checklist" link under the title, and the group numbers in the table of contents;
- the page checklists.md lists every checklist of its language: a link to the checklist section
  of its guide, the guide, the numbers, the item count and the checklist's PDF.

Structure is checked elsewhere (hooks/validation.py); here the section is only numbered.
"""

from __future__ import annotations

import html as htmllib
import posixpath
import re
from pathlib import Path

from markdown.extensions.toc import slugify as toc_slugify
from mkdocs.utils import get_relative_url

import checklist_rules
import page_source
import printables
from run import current_language
from source_checks import CHECKLIST_PAGES

# Data

LISTING_MARKER = "<!-- checklists -->"

_SECTION = re.compile(r'(<h2 class="checklist"[^>]*>.*?</h2>)(.*?)(?=<h2[ >]|\Z)', re.S)
_SECTION_ID = re.compile(r'<h2 class="checklist"[^>]*\bid="([^"]+)"')
_PART = re.compile(
    r"<h3(?P<attrs>[^>]*)>"
    r'|<li class="task-list-item"><label class="task-list-control"><input type="checkbox"[^>]*/?>'
    r'<span class="task-list-indicator"></span></label>(?P<text>.*?)</li>',
    re.S,
)

# Hooks


def on_page_markdown(markdown, page, config, files):
    if LISTING_MARKER in markdown:
        return markdown.replace(LISTING_MARKER, listing(page, files, config))
    return markdown


def on_page_content(html, page, config, files):
    prefix = page.meta.get("checklist")
    if prefix is None:
        return html
    html = number_checklist(html, str(prefix))
    section = _SECTION_ID.search(html)
    if section is None:
        return html  # no checklist section: hooks/validation.py reports it
    number_toc_groups(page.toc, section.group(1), str(prefix))
    return with_link_to_checklist(html, section.group(1), config.extra["kb"]["checklists"]["go_to"])


# Helpers


def number_checklist(html: str, prefix: str) -> str:
    """Number the groups and items of the checklist section and give each box a name."""

    def section(match: re.Match) -> str:
        heading, body = match.group(1), match.group(2)
        counters = {"group": 0, "item": 0}

        def part(m: re.Match) -> str:
            if m.group("text") is None:  # a group heading
                counters["group"] += 1
                counters["item"] = 0
                return f'<h3{m.group("attrs")}><span class="kb-check-number">{prefix}.{counters["group"]}</span> '
            counters["item"] += 1
            number = f'{prefix}.{counters["group"]}.{counters["item"]}'
            anchor = "check-" + number.replace(".", "-")
            return (
                f'<li class="task-list-item kb-check-item" id="{anchor}"><label class="task-list-control">'
                f'<input type="checkbox" autocomplete="off"><span class="task-list-indicator"></span>'
                f'<span class="kb-check-number">{number}</span>{m.group("text")}</label></li>'
            )

        body = _PART.sub(part, body)
        return f'<div class="kb-checklist" data-prefix="{htmllib.escape(prefix)}">{heading}{body}</div>'

    return _SECTION.sub(section, html, count=1)


def with_link_to_checklist(html: str, anchor: str, text: str) -> str:
    """A link to the checklist section right under the page's title, so that it is on the first
    screen of a phone. (HTML, not Markdown: the section's anchor exists only once rendered.)"""
    link = f'<p class="kb-go-to-checklist" data-search-exclude><a href="#{anchor}">{htmllib.escape(text)}</a></p>'
    head, found, rest = html.partition("</h1>")
    return head + found + link + rest if found else link + html


def number_toc_groups(toc, anchor: str, prefix: str) -> None:
    """Give the checklist's groups their numbers in the table of contents, as in the text."""
    for entry in _walk_toc(toc):
        if entry.id == anchor:
            for number, group in enumerate(entry.children, start=1):
                group.title = f"{prefix}.{number} {group.title}"
            return


def _walk_toc(entries):
    for entry in entries:
        yield entry
        yield from _walk_toc(entry.children)


def listing(page, files, config) -> str:
    """A Markdown table of the checklists of the page's language, linked relative to it: each
    links to the checklist section of its guide and to its PDF."""
    strings = config.extra["kb"]
    toc = config.mdx_configs.get("toc", {})
    slugify, separator = toc.get("slugify", toc_slugify), toc.get("separator", "-")
    labels, stages_guide = strings["checklists"], strings["nav"]["Stages of recovery"]
    rows = [
        f"| {labels['checklist']} | {labels['guide']} | {labels['numbering']} | {labels['items']} | {labels['pdf']} |",
        "|---|---|---|---:|---|",
    ]
    for path in CHECKLIST_PAGES:
        file = files.get_file_from_path(path)
        if file is None:
            continue
        parsed = checklist_rules.parse(Path(file.abs_src_path).read_text("utf-8"))
        if parsed.checklist is None:
            continue
        title = _title(files, path)
        anchor = slugify(checklist_rules.plain_text(parsed.checklist.title), separator)  # as toc makes it
        link = posixpath.relpath(path, posixpath.dirname(page.file.norm_src_uri) or ".")
        guide = stages_guide if path.startswith("guides/stages/") else title
        pdf = printables.Pdf(printables.CHECKLISTS[path], "checklist", (path,))
        pdf_link = f'<a href="{get_relative_url(pdf.path(current_language(config)), page.url)}" download>{pdf.name}.pdf</a>'
        rows.append(
            f"| [{title}]({link}#{anchor}) | {guide} | {parsed.checklist.prefix}.1.1 – {_last_number(parsed.checklist)} | {parsed.checklist.item_count} | {pdf_link} |"
        )
    return "\n".join(rows)


def _last_number(checklist) -> str:
    numbers = [number for number, _ in checklist.numbered_items()]
    return numbers[-1] if numbers else "-"


def _title(files, path: str) -> str:
    file = files.get_file_from_path(path)
    if file is None:
        return path
    return str(page_source.parse(Path(file.abs_src_path).read_text("utf-8")).meta.get("title", path))
