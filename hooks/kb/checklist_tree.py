"""Checklists numbered on the parsed Markdown tree: a Python-Markdown extension.

On a page that declares a checklist prefix (front matter `checklist: "2"`), the checklist section
(the level-2 heading marked `{ .checklist }`, up to the next level-2 heading) becomes
`<div class="kb-checklist" data-prefix="2">`; its group headings (###) get their numbers (2.3),
in the text and in the table of contents; each task item gets its number (2.3.4), the anchor
`check-2-3-4` and a box that can be ticked, inside the item's label so that the number and the
text name the box for screen readers; a "Go to the checklist" link goes under the page's title.

Items are found as pymdownx.tasklist leaves them (a `task-list-item` whose text, or whose first
paragraph's text in a loose list, starts with the stashed box), so tight and loose lists, any
bullet, wrapped lines and inline markup are numbered alike. The structure itself is checked on
the sources (checklist_rules.py); here the section is only numbered.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from dataclasses import dataclass

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markdown.util import HTML_PLACEHOLDER_RE

# Data

# A stashed input, as pymdownx.tasklist makes its own, keeps the markup as it was
# (ElementTree would write <input autocomplete="off" type="checkbox" />). No `disabled`: the
# box can be ticked; autocomplete=off: the browser does not bring ticks back (kb-checklist.js).
BOX = '<input type="checkbox" autocomplete="off">'

# Helpers


@dataclass(frozen=True)
class ChecklistPage:
    """What the tree needs to know of the page being converted."""

    prefix: str  # the front matter's `checklist:` value, e.g. "2"
    go_to: str  # the link text under the title, in the page's language


def item_anchor(number: str) -> str:
    return "check-" + number.replace(".", "-")


def number_checklist(root: etree.Element, md: Markdown, page: ChecklistPage) -> None:
    """Number the checklist section of a converted document, if it has one (if not, the checks
    of the sources report it)."""
    found = next(((parent, list(parent)) for parent in root.iter() for el in parent if _is_section_heading(el)), None)
    if found is None:
        return
    parent, children = found  # the document, or the HTML block (md_in_html) that holds the section
    start = next(i for i, el in enumerate(children) if _is_section_heading(el))
    end = next((i for i in range(start + 1, len(children)) if children[i].tag == "h2"), len(children))
    section = etree.Element("div", {"class": "kb-checklist", "data-prefix": page.prefix})
    for element in children[start:end]:
        parent.remove(element)
        section.append(element)
    parent.insert(start, section)
    groups = _number_parts(section, md, page.prefix)
    heading = section[0]
    _number_toc_groups(getattr(md, "toc_tokens", []), heading.get("id"), groups)
    _link_under_title(root, heading.get("id"), page.go_to)


def _is_section_heading(element: etree.Element) -> bool:
    return element.tag == "h2" and "checklist" in element.get("class", "").split()


def _number_parts(section: etree.Element, md: Markdown, prefix: str) -> list[str]:
    """Number the groups and items in reading order; the groups' numbers."""
    groups: list[str] = []
    item = 0
    for element in section:
        if element.tag == "h3":
            groups.append(f"{prefix}.{len(groups) + 1}")
            item = 0
            number = etree.Element("span", {"class": "kb-check-number"})
            number.text, number.tail, element.text = groups[-1], " " + (element.text or ""), None
            element.insert(0, number)
        elif element.tag == "ul":
            for li in element.findall("li"):
                holder = _box_holder(li, md)
                if holder is not None:
                    item += 1
                    _make_item(li, holder, f"{prefix}.{len(groups)}.{item}", md)
    return groups


def _box_holder(li: etree.Element, md: Markdown) -> etree.Element | None:
    """The element whose text starts with the item's box: the item itself (tight list) or its
    first paragraph (loose list); None if the item is not a task item."""
    if "task-list-item" not in li.get("class", "").split():
        return None
    holder = li if (li.text or "").strip() or not len(li) or li[0].tag != "p" else li[0]
    found = HTML_PLACEHOLDER_RE.match(holder.text or "")
    if found is None or 'type="checkbox"' not in str(md.htmlStash.rawHtmlBlocks[int(found.group(1))]):
        return None
    return holder


def _make_item(li: etree.Element, holder: etree.Element, number: str, md: Markdown) -> None:
    """<li class="task-list-item kb-check-item" id="check-2-3-4"><label class="task-list-control">
    box, indicator, number, the item's text and inline markup</label></li>."""
    found = HTML_PLACEHOLDER_RE.match(holder.text)
    text, content = holder.text[found.end() :], list(holder)
    if holder is li:
        for element in content:
            li.remove(element)
    else:  # a loose list's paragraph: the item is shown as in a tight list
        li.remove(holder)
    li.text = None
    li.set("class", li.get("class") + " kb-check-item")
    li.set("id", item_anchor(number))
    label = etree.Element("label", {"class": "task-list-control"})
    label.text = md.htmlStash.store(BOX)
    etree.SubElement(label, "span", {"class": "task-list-indicator"})
    shown = etree.SubElement(label, "span", {"class": "kb-check-number"})
    shown.text, shown.tail = number, " " + text.lstrip(" ")
    label.extend(content)
    li.insert(0, label)


def _number_toc_groups(tokens: list[dict], anchor: str | None, groups: list[str]) -> None:
    """The groups' numbers in the table of contents too (toc has run: ids stay without them)."""
    for token in tokens:
        if token["id"] == anchor:
            for number, group in zip(groups, token["children"]):
                group["name"], group["html"] = f"{number} {group['name']}", f"{number} {group['html']}"
            return
        _number_toc_groups(token["children"], anchor, groups)


def _link_under_title(root: etree.Element, anchor: str | None, text: str) -> None:
    """A link to the checklist right under the page's title: on the first screen of a phone."""
    link = etree.Element("p", {"class": "kb-go-to-checklist", "data-search-exclude": None})
    etree.SubElement(link, "a", {"href": f"#{anchor}"}).text = text
    title = next((i for i, el in enumerate(root) if el.tag == "h1"), None)
    if title is None:
        root.insert(0, link)
        return
    link.tail, root[title].tail = root[title].tail, None
    root.insert(title + 1, link)


class _NumberChecklist(Treeprocessor):
    def __init__(self, md: Markdown, extension: ChecklistNumbering):
        super().__init__(md)
        self.extension = extension

    def run(self, root: etree.Element) -> None:
        if self.extension.page is not None:
            number_checklist(root, self.md, self.extension.page)


class ChecklistNumbering(Extension):
    """Python-Markdown extension: number the checklist of the page set in `page` (set it before
    each conversion; None for a page without a checklist)."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.page: ChecklistPage | None = None

    def extendMarkdown(self, md: Markdown) -> None:
        # After toc (priority 5): headings keep the ids and permalinks made from their own text,
        # and the boxes pymdownx.tasklist (25) made are there to be replaced.
        md.treeprocessors.register(_NumberChecklist(md, self), "kb_checklist", 4)
