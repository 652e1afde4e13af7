"""Hook: show checklists as trainers use them.

- every group and item gets its generated number (stage 2, group 3, item 4 is "2.3.4"), the
  same in every language, on screen and in print;
- each box can be ticked on screen and is named by its number and text for screen readers;
- the page checklists.md lists every checklist of its language with its guide and item count.

Structure is checked elsewhere (hooks/validation.py); here the section is only numbered.
"""

from __future__ import annotations

import html as htmllib
import posixpath
import re
from pathlib import Path

import checklist_rules
import page_source
from source_checks import CHECKLIST_PAGES

# Data

LISTING_MARKER = "<!-- checklists -->"

_SECTION = re.compile(r'(<h2 class="checklist"[^>]*>.*?</h2>)(.*?)(?=<h2[ >]|\Z)', re.S)
_PART = re.compile(
    r"<h3(?P<attrs>[^>]*)>"
    r'|<li class="task-list-item"><label class="task-list-control"><input type="checkbox"[^>]*/?>'
    r'<span class="task-list-indicator"></span></label>(?P<text>.*?)</li>',
    re.S,
)

# Hooks


def on_page_markdown(markdown, page, config, files):
    if LISTING_MARKER in markdown:
        return markdown.replace(LISTING_MARKER, listing(page, files, config.extra["kb"]))
    return markdown


def on_page_content(html, page, config, files):
    prefix = page.meta.get("checklist")
    if prefix is None:
        return html
    return number_checklist(html, str(prefix))


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
                f'<input type="checkbox"><span class="task-list-indicator"></span>'
                f'<span class="kb-check-number">{number}</span>{m.group("text")}</label></li>'
            )

        body = _PART.sub(part, body)
        return f'<div class="kb-checklist" data-prefix="{htmllib.escape(prefix)}">{heading}{body}</div>'

    return _SECTION.sub(section, html, count=1)


def listing(page, files, strings: dict) -> str:
    """A Markdown table of the checklists of the page's language, linked relative to it."""
    labels, stages_guide = strings["checklists"], strings["nav"]["Stages of recovery"]
    rows = [
        f"| {labels['checklist']} | {labels['guide']} | {labels['numbering']} | {labels['items']} |",
        "|---|---|---|---:|",
    ]
    for path in CHECKLIST_PAGES:
        file = files.get_file_from_path(path)
        if file is None:
            continue
        parsed = checklist_rules.parse(Path(file.abs_src_path).read_text("utf-8"))
        if parsed.checklist is None:
            continue
        title = _title(files, path)
        link = posixpath.relpath(path, posixpath.dirname(page.file.norm_src_uri) or ".")
        guide = stages_guide if path.startswith("guides/stages/") else title
        rows.append(
            f"| [{title}]({link}) | {guide} | {parsed.checklist.prefix}.1.1 – {_last_number(parsed.checklist)} | {parsed.checklist.item_count} |"
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
