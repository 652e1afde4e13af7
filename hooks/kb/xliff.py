"""XLIFF 2.0 for translation tools (Weblate, agencies' CAT tools), through translate-toolkit.

One file per export; one `<file>` per page, its `original` the translation's path; one unit per
reader-facing segment (hooks/kb/segments.py) with the English as source and the current
translation as target. Each unit's notes say where the segment is and hold a fingerprint of
the translation it was exported from, so an import refuses to overwrite a page that changed
since the export.

Import writes each changed target back in place and nothing else: an untouched export
re-imports byte for byte, and a target that would change the page's structure (links,
citations, inline code, HTML, attribute lists, a new block) is refused with a message.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

import yaml
from lxml import etree
from translate.storage import xliff2

from kb.alignment import align
from kb.segments import FRONT_MATTER, TABLE_CELL, Segment, segments

# Data

XLIFF_NAMESPACE = "urn:oasis:names:tc:xliff:document:2.0"
_BASE_NOTE = "kb-base"  # note category: fingerprint of the exported target
_WHERE_NOTE = "location"

# What a translator must carry over unchanged: it is structure, not words.
_PROTECTED = re.compile(
    r"\]\([^)\s]*(?:\s+\"[^\"]*\")?\)"  # a link's target: ](../manual/safety.md "title")
    r"|\[S\d+\]"  # a citation
    r"|`[^`]*`"  # inline code
    r"|<[^>]+>"  # inline HTML
    r"|\{[:.#][^}]*\}"  # an attribute list
    r"|https?://[^\s)>\]]+"  # a bare address
)
_BLOCK_START = re.compile(r"^(#{1,6}\s|[-*+]\s|\d{1,9}[.)]\s|>|\||!!!|\?\?\?|:\s|<|```|~~~|\[[ xX]\]\s)")

# Helpers


def fingerprint(text: str) -> str:
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()[:16]


def reader_text(text: str, segment: Segment) -> str:
    """A segment as the translator sees it: one line, YAML quoting undone."""
    style = scalar_style(text, segment)
    if style == '"':
        return " ".join(str(yaml.safe_load(f'"{segment.text}"')).split())
    if style == "'":
        return segment.plain.replace("''", "'")
    return segment.plain


def scalar_style(text: str, segment: Segment) -> str:
    """How a front-matter value is written: '"' or "'" (quoted), '>' (block) or '' (plain)."""
    if segment.kind != FRONT_MATTER:
        return ""
    before = text[segment.start - 1] if segment.start else ""
    if before in "\"'":
        return before
    line_start = text.rfind("\n", 0, segment.start) + 1
    if line_start and text[line_start : segment.start].strip() == "":
        previous = text[text.rfind("\n", 0, line_start - 1) + 1 : line_start].rstrip()
        if previous.endswith((">", ">-", ">+", "|", "|-", "|+")):
            return ">"
    return ""


def export(pages: list[tuple[str, str, str]], language: str) -> bytes:
    """pages: (translation path, English text, translated text). Returns the XLIFF file."""
    store = xliff2.Xliff2File(sourcelanguage="en", targetlanguage=language)
    body = bytes(store)
    root = etree.fromstring(body)
    for old in root.findall(f"{{{XLIFF_NAMESPACE}}}file"):
        root.remove(old)
    for number, (path, english_text, translated_text) in enumerate(pages, start=1):
        file_node = etree.SubElement(root, f"{{{XLIFF_NAMESPACE}}}file", id=f"f{number}", original=path)
        for pair in align(english_text, translated_text):
            if pair.translation is None:
                continue  # an English segment the translation does not have: nothing to write back
            target = reader_text(translated_text, pair.translation)
            source = reader_text(english_text, pair.english) if pair.english else ""
            unit = etree.SubElement(file_node, f"{{{XLIFF_NAMESPACE}}}unit", id=pair.translation.key)
            notes = etree.SubElement(unit, f"{{{XLIFF_NAMESPACE}}}notes")
            where = etree.SubElement(notes, f"{{{XLIFF_NAMESPACE}}}note", category=_WHERE_NOTE)
            where.text = f"{path}:{pair.translation.line} ({pair.translation.kind})"
            base = etree.SubElement(notes, f"{{{XLIFF_NAMESPACE}}}note", category=_BASE_NOTE)
            base.text = fingerprint(target)
            segment = etree.SubElement(unit, f"{{{XLIFF_NAMESPACE}}}segment", state="translated")
            etree.SubElement(segment, f"{{{XLIFF_NAMESPACE}}}source").text = source
            etree.SubElement(segment, f"{{{XLIFF_NAMESPACE}}}target").text = target
    etree.indent(root, space="  ")
    xml = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    xliff2.Xliff2File.parsestring(xml)  # the toolkit reads what we write
    return xml + b"\n"


@dataclass
class ImportResult:
    texts: dict[str, str] = field(default_factory=dict)  # path -> new text (changed pages only)
    changed: list[str] = field(default_factory=list)  # "path:line" of each changed segment
    refused: list[str] = field(default_factory=list)  # "path:line: why" lines


def import_targets(xml: bytes, read) -> ImportResult:
    """Apply an XLIFF file's targets; `read(path)` returns the page's current text or None."""
    result = ImportResult()
    try:
        root = etree.fromstring(xml)
    except etree.XMLSyntaxError as error:
        result.refused.append(f"the file is not XML ({error}); expected an XLIFF 2.0 file from export-xliff")
        return result
    if root.tag != f"{{{XLIFF_NAMESPACE}}}xliff":
        result.refused.append(f"the file is {root.tag}, not XLIFF 2.0; expected an XLIFF 2.0 file from export-xliff")
        return result
    for file_node in root.findall(f"{{{XLIFF_NAMESPACE}}}file"):
        path = file_node.get("original", "")
        text = read(path)
        if text is None:
            result.refused.append(
                f"{path}: no such translation in this project; expected a path that export-xliff wrote"
            )
            continue
        new_text, changed, refused = _apply(path, text, file_node)
        result.refused += refused
        if not refused and new_text != text:
            result.texts[path] = new_text
            result.changed += changed
    return result


def _apply(path: str, text: str, file_node) -> tuple[str, list[str], list[str]]:
    by_key = {s.key: s for s in segments(text)}
    edits: list[tuple[Segment, str]] = []
    refused: list[str] = []
    for unit in file_node.findall(f"{{{XLIFF_NAMESPACE}}}unit"):
        key = unit.get("id", "")
        target_node = unit.find(f"{{{XLIFF_NAMESPACE}}}segment/{{{XLIFF_NAMESPACE}}}target")
        if target_node is None:
            continue
        target = " ".join("".join(target_node.itertext()).split())
        segment = by_key.get(key)
        if segment is None:
            refused.append(f"{path}: unit {key} is not a segment of the page any more; expected a fresh export")
            continue
        current = reader_text(text, segment)
        base = unit.find(f"{{{XLIFF_NAMESPACE}}}notes/{{{XLIFF_NAMESPACE}}}note[@category='{_BASE_NOTE}']")
        if base is not None and base.text != fingerprint(current):
            refused.append(f"{path}:{segment.line}: the page changed here since the export; expected a fresh export")
            continue
        if target == current:
            continue
        problem = structure_problem(current, target, segment)
        if problem:
            refused.append(f"{path}:{segment.line}: {problem}")
            continue
        edits.append((segment, target))
    changed = []
    for segment, target in sorted(edits, key=lambda edit: edit[0].start, reverse=True):
        text = text[: segment.start] + _written(text, segment, target) + text[segment.end :]
        changed.append(f"{path}:{segment.line}")
    return text, sorted(changed), refused


def structure_problem(current: str, target: str, segment: Segment) -> str | None:
    """Why a new target cannot replace the current text, or None."""
    if not target:
        return "empty target; expected the translated text (delete segments in the Markdown, not in XLIFF)"
    old, new = sorted(_PROTECTED.findall(current)), sorted(_PROTECTED.findall(target))
    if old != new:
        missing = [token for token in old if token not in new]
        extra = [token for token in new if token not in old]
        detail = "; ".join(
            part
            for part in (f"missing {' '.join(missing)}" if missing else "", f"added {' '.join(extra)}" if extra else "")
            if part
        )
        return (
            f"the target changes the page's structure ({detail}); expected the same links, citations, "
            "code and markup as the current text"
        )
    if segment.kind != FRONT_MATTER and _BLOCK_START.match(target):
        return (
            f"the target starts a new block ({target[:12]!r}); expected text only, "
            "the Markdown markers stay in the page"
        )
    if segment.kind == TABLE_CELL and re.search(r"(?<!\\)\|", target):
        return "a '|' in a table cell would split the cell; expected \\| or other wording"
    return None


def _written(text: str, segment: Segment, target: str) -> str:
    """The target as it must be written at the segment's place (YAML quoting kept valid)."""
    style = scalar_style(text, segment)
    if style == '"':
        return target.replace("\\", "\\\\").replace('"', '\\"')
    if style == "'":
        return target.replace("'", "''")
    if segment.kind == FRONT_MATTER and style == "" and _needs_quotes(target):
        return '"' + target.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return target


def _needs_quotes(value: str) -> bool:
    try:
        return yaml.safe_load(f"k: {value}") != {"k": value}
    except yaml.YAMLError:
        return True
