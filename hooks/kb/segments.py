"""A page's reader-facing segments: what a translator translates and a reviewer reads.

A segment is one heading, paragraph, list or checklist item, table cell, admonition title,
definition, or reader-facing front-matter value. Each keeps where it is in the file (line and
character offsets into the text exactly as read, CRLF included), so that a new wording can be
written back in place (hooks/kb/xliff.py) without touching anything around it.

The same segments serve the change view (what changed in the English since a translation's
version), the spelling, script and terminology checks, the review document and XLIFF.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

# Data

# Front-matter keys whose values readers see (page title, description, and the story texts the
# build shows). Nested keys are written with a dot. Everything else (status, ids, audiences,
# dates, the translation block) is structure, never translated text.
READER_FACING_KEYS = (
    "title",
    "description",
    "context",
    "detail_level",
    "risk_check.outcome",
    "discussion_questions",
    "facilitator_notes",
)

HEADING = "heading"
PARAGRAPH = "paragraph"
LIST_ITEM = "list item"
CHECKLIST_ITEM = "checklist item"
TABLE_CELL = "table cell"
ADMONITION_TITLE = "admonition title"
DEFINITION = "definition"
REFERENCE = "reference"
FRONT_MATTER = "front matter"

_FRONT_MATTER = re.compile(r"\A(---[ \t]*\r?\n)(.*?\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)
_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
_HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?(?:[ \t]*\{[^}]*\})?[ \t]*$")
_ITEM = re.compile(r"^([ \t]*)([-*+]|\d{1,9}[.)])[ \t]+(\[[ xX]\][ \t]+)?")
_ADMONITION = re.compile(r'^([ \t]*)(?:!!!|\?\?\?\+?)[ \t]+[\w-]+(?:[ \t]+[\w-]+)*(?:[ \t]+"(.*)")?[ \t]*$')
_DEFINITION = re.compile(r"^([ \t]*):[ \t]+")
_QUOTE = re.compile(r"^([ \t]*>[ \t]?)")
_TABLE_SEPARATOR = re.compile(r"^[ \t]*\|?[ \t]*:?-+:?[ \t]*(\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
_ABBREVIATION = re.compile(r"^\*\[[^\]]+\]:[ \t]*")
_REFERENCE_ITEM = re.compile(r"^\[S\d+\]")
_ATTR_LIST = re.compile(r"[ \t]*\{:?[ \t]*[.#][^}]*\}[ \t]*$")

# Helpers


@dataclass(frozen=True)
class Segment:
    kind: str
    key: str  # stable within a page: "body.12" or "meta.title", "meta.discussion_questions.2"
    line: int  # 1-based file line where the segment starts
    start: int  # character offsets of the text in the file (exclusive end)
    end: int
    text: str  # the text as written, line breaks and indentation included

    @property
    def plain(self) -> str:
        """The text on one line, as a reader reads it (wrapping and indentation removed)."""
        return " ".join(self.text.split())


@functools.lru_cache(maxsize=1024)
def segments(text: str) -> tuple[Segment, ...]:
    """Every reader-facing segment of a page, in file order: front matter, then the body.

    Cached: the checks, the change view and XLIFF ask for the same pages' segments."""
    match = _FRONT_MATTER.match(text)
    found: list[Segment] = []
    body_start = 0
    if match:
        found += _front_matter_segments(
            text, match.start(2) if match.group(2) else match.end(1), match.end(2) if match.group(2) else match.end(1)
        )
        body_start = match.end()
    found += _body_segments(text, body_start)
    return tuple(found)


def body_segments(text: str) -> list[Segment]:
    return [segment for segment in segments(text) if segment.key.startswith("body.")]


class _Lines:
    """The file as lines with their offsets, so spans are exact whatever the line endings."""

    def __init__(self, text: str, start: int):
        self.text = text
        self.items: list[tuple[int, int, str]] = []  # (line number, offset, line without ending)
        number = text.count("\n", 0, start) + 1
        offset = start
        for raw in text[start:].splitlines(keepends=True):
            content = raw.rstrip("\r\n")
            self.items.append((number, offset, content))
            number += 1
            offset += len(raw)


def _body_segments(text: str, start: int) -> list[Segment]:
    lines = _Lines(text, start).items
    found: list[Segment] = []
    in_references = False
    fence = None
    in_comment = False
    i = 0

    def add(kind: str, first: int, last: int, column: int, end_column: int | None = None) -> None:
        """A segment from line `first` (from `column`) to line `last` (to its end)."""
        number, offset, content = lines[first]
        begin = offset + column
        _, last_offset, last_content = lines[last]
        finish = last_offset + (len(last_content) if end_column is None else end_column)
        value = text[begin:finish]
        stripped = value.rstrip()
        finish -= len(value) - len(stripped)
        lead = len(stripped) - len(stripped.lstrip())
        if not stripped.strip():
            return
        found.append(Segment(kind, f"body.{len(found)}", number, begin + lead, finish, text[begin + lead : finish]))

    def continuation(j: int) -> int:
        """The last line of a block that starts at line j (lines until a blank or a new block)."""
        while j + 1 < len(lines):
            nxt = lines[j + 1][2]
            if not nxt.strip() or _starts_block(nxt):
                break
            j += 1
        return j

    while i < len(lines):
        number, offset, content = lines[i]
        if fence:
            if content.strip().startswith(fence):
                fence = None
            i += 1
            continue
        if in_comment:
            if "-->" in content:
                in_comment = False
            i += 1
            continue
        stripped = content.strip()
        fence_match = _FENCE.match(content)
        if fence_match:
            fence = fence_match.group(1)
            i += 1
            continue
        if stripped.startswith("<!--"):
            in_comment = "-->" not in stripped
            i += 1
            continue
        if not stripped or stripped.startswith("<") or _ABBREVIATION.match(content):
            i += 1  # blank, raw HTML (structure) or an abbreviation definition
            continue
        heading = _HEADING.match(content)
        if heading:
            in_references = len(heading.group(1)) == 2 and _is_references_heading(heading.group(2))
            title = heading.group(2)
            begin = content.index(title, len(heading.group(1)))
            add(HEADING, i, i, begin, begin + len(title))
            i += 1
            continue
        admonition = _ADMONITION.match(content)
        if admonition:
            if admonition.group(2):
                begin = content.index('"') + 1
                add(ADMONITION_TITLE, i, i, begin, begin + len(admonition.group(2)))
            i += 1
            continue
        if "|" in stripped and stripped.startswith("|"):
            if not _TABLE_SEPARATOR.match(content):
                for cell_start, cell_end in _cells(content):
                    add(TABLE_CELL, i, i, cell_start, cell_end)
            i += 1
            continue
        item = _ITEM.match(content)
        if item:
            kind = CHECKLIST_ITEM if item.group(3) else LIST_ITEM
            if in_references and _REFERENCE_ITEM.match(content[item.end() :]):
                kind = REFERENCE
            last = continuation(i)
            add(kind, i, last, item.end())
            i = last + 1
            continue
        definition = _DEFINITION.match(content)
        if definition:
            last = continuation(i)
            add(DEFINITION, i, last, definition.end())
            i = last + 1
            continue
        quote = _QUOTE.match(content)
        if quote:
            add(PARAGRAPH, i, i, quote.end())
            i += 1
            continue
        last = continuation(i)
        column = len(content) - len(content.lstrip())
        # A trailing attribute list ({ .class }) on a paragraph is structure, not text.
        _, _, last_content = lines[last]
        attr = _ATTR_LIST.search(last_content)
        add(PARAGRAPH, i, last, column, attr.start() if attr else None)
        i = last + 1
    return found


def _starts_block(line: str) -> bool:
    return bool(
        _HEADING.match(line)
        or _ITEM.match(line)
        or _FENCE.match(line)
        or _ADMONITION.match(line)
        or _DEFINITION.match(line)
        or line.lstrip().startswith(("|", "<", ">"))
    )


def _is_references_heading(title: str) -> bool:
    # Reference lists are titles of sources in their own language: not checked for spelling.
    return title.strip().lower() in {
        "references",
        "referencat",
        "referenca",
        "референци",
        "izvori",
        "reference",
        "literatura",
    }


def _cells(line: str) -> list[tuple[int, int]]:
    """Column spans of a table row's cells (escaped pipes \\| stay inside a cell)."""
    bounds = [m.start() for m in re.finditer(r"(?<!\\)\|", line)]
    spans = []
    first = line.index("|")
    if bounds and bounds[0] != first:
        bounds.insert(0, -1)
    for left, right in zip(bounds, bounds[1:]):
        cell = line[left + 1 : right]
        lead = len(cell) - len(cell.lstrip())
        if cell.strip():
            spans.append((left + 1 + lead, left + 1 + len(cell.rstrip())))
    trailing = line[bounds[-1] + 1 :] if bounds else ""
    if trailing.strip():
        lead = len(trailing) - len(trailing.lstrip())
        spans.append((bounds[-1] + 1 + lead, bounds[-1] + 1 + len(trailing.rstrip())))
    return spans


# Front matter: scalars of the reader-facing keys, found in the YAML text itself so that each
# keeps its exact span. Handles plain, quoted and folded (>-, |) scalars and lists of them.

_KEY = re.compile(r"^(?P<indent>[ \t]*)(?P<key>[\w-]+)[ \t]*:(?P<rest>.*)$")
_LIST_ENTRY = re.compile(r"^(?P<indent>[ \t]*)-[ \t]+(?P<rest>.*)$")


def _front_matter_segments(text: str, start: int, end: int) -> list[Segment]:
    lines = _Lines(text[:end], start).items
    found: list[Segment] = []
    path: list[tuple[int, str]] = []  # (indent, key) of the enclosing mappings
    list_counts: dict[str, int] = {}
    i = 0
    while i < len(lines):
        number, offset, content = lines[i]
        if not content.strip() or content.lstrip().startswith("#"):
            i += 1
            continue
        key_match = _KEY.match(content)
        entry = _LIST_ENTRY.match(content)
        if key_match and not entry:
            indent = len(key_match.group("indent"))
            while path and path[-1][0] >= indent:
                path.pop()
            dotted = ".".join([k for _, k in path] + [key_match.group("key")])
            rest = key_match.group("rest")
            path.append((indent, key_match.group("key")))
            column = key_match.start("rest") + (len(rest) - len(rest.lstrip()))
            i = _scalar(text, lines, i, column, indent, dotted, found) if rest.strip() else i + 1
            continue
        if entry:
            indent = len(entry.group("indent"))
            while path and path[-1][0] > indent:
                path.pop()
            dotted = ".".join(k for _, k in path)
            count = list_counts.get(dotted, 0)
            list_counts[dotted] = count + 1
            i = _scalar(text, lines, i, entry.start("rest"), indent + 1, f"{dotted}.{count}", found)
            continue
        i += 1
    return found


def _is_reader_facing(dotted: str) -> bool:
    return any(dotted == key or dotted.startswith(key + ".") for key in READER_FACING_KEYS)


def _scalar(text: str, lines, i: int, column: int, indent: int, dotted: str, found: list[Segment]) -> int:
    """Record the scalar that starts at line i, column; return the index of the next line."""
    number, offset, content = lines[i]
    value = content[column:]
    last = i
    if value.rstrip() in (">", ">-", ">+", "|", "|-", "|+"):
        # A block scalar: the indented lines that follow.
        j = i + 1
        while j < len(lines) and (not lines[j][2].strip() or _indent(lines[j][2]) > indent):
            j += 1
        while j - 1 > i and not lines[j - 1][2].strip():
            j -= 1
        if j > i + 1 and _is_reader_facing(dotted):
            first = lines[i + 1]
            begin = first[1] + _indent(first[2])
            finish = lines[j - 1][1] + len(lines[j - 1][2])
            _add_meta(text, found, dotted, first[0], begin, finish)
        return max(j, i + 1)
    if value.startswith("[") or value.startswith("{"):
        return i + 1  # flow collections hold ids (content_warnings: [...]), not prose
    if value[:1] in "\"'":
        quote = value[0]
        # The closing quote may be on a later line (a quoted scalar folded over lines).
        j, col = i, column + 1
        while True:
            line_text = lines[j][2]
            k = col
            while k < len(line_text):
                if quote == '"' and line_text[k] == "\\":
                    k += 2
                    continue
                if line_text[k] == quote:
                    if quote == "'" and k + 1 < len(line_text) and line_text[k + 1] == "'":
                        k += 2
                        continue
                    break
                k += 1
            if k < len(line_text) or j + 1 >= len(lines):
                last = j
                break
            j, col = j + 1, 0
        if _is_reader_facing(dotted):
            begin = offset + column + 1
            finish = lines[last][1] + min(k, len(lines[last][2]))
            _add_meta(text, found, dotted, number, begin, finish)
        return last + 1
    # A plain scalar, possibly continued on more-indented lines.
    j = i + 1
    while (
        j < len(lines)
        and lines[j][2].strip()
        and _indent(lines[j][2]) > indent
        and not _KEY.match(lines[j][2])
        and not _LIST_ENTRY.match(lines[j][2])
    ):
        j += 1
    if _is_reader_facing(dotted):
        finish = lines[j - 1][1] + len(lines[j - 1][2].rstrip())
        comment = re.search(r"[ \t]+#", content[column:]) if j == i + 1 else None
        if comment:
            finish = offset + column + comment.start()
        _add_meta(text, found, dotted, number, offset + column, finish)
    return j


def _add_meta(text: str, found: list[Segment], dotted: str, number: int, begin: int, finish: int) -> None:
    if finish > begin and text[begin:finish].strip():
        found.append(Segment(FRONT_MATTER, f"meta.{dotted}", number, begin, finish, text[begin:finish]))


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))
