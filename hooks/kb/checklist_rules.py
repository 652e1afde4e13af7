"""Checklists: parse the checklist section of a page and check its structure.

The format is described in AUTHORING.md. Everything here is plain text in, results out:
`find_problems(text)` for one page, `compare(english_text, translated_text)` for a
translation against its English source.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from kb import page_source
from kb.page_source import Problem

# Data

MAX_ITEM_LENGTH = 160  # characters: one or two printed lines on A4
PREFIX_PATTERN = re.compile(r"^[A-Z0-9]{1,3}$")

_SECTION = re.compile(r"^##[ \t]+(?P<title>.*?)[ \t]*\{:?[ \t]*\.checklist[ \t]*\}[ \t]*$")
_HEADING = re.compile(r"^(?P<hashes>#{1,6})(?:[ \t]+(?P<title>.*?))?[ \t]*#*[ \t]*$")
_TASK = re.compile(r"^[-*+][ \t]+\[(?P<mark>[ xX])\](?:[ \t]+(?P<text>.*))?$")
_BULLET = re.compile(r"^[-*+]([ \t]+|$)")
_NUMBERED = re.compile(r"^\d+[.)]([ \t]+|$)")
_NESTED = re.compile(r"^[ \t]+([-*+]|\d+[.)])[ \t]+")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_EMPHASIS = re.compile(r"(\*\*|__|\*|_|`)")
_OTHER_BLOCK = re.compile(r"^[ \t]*(\||>|!!!|\?\?\?|<)")

# Helpers


@dataclass
class Item:
    line: int
    text: str


@dataclass
class Group:
    line: int
    title: str
    items: list[Item] = field(default_factory=list)


@dataclass
class Checklist:
    line: int  # the line of the checklist heading
    title: str
    prefix: str | None
    groups: list[Group] = field(default_factory=list)

    @property
    def item_count(self) -> int:
        return sum(len(group.items) for group in self.groups)

    def numbered_items(self):
        """(number, item) pairs such as ("2.3.4", Item) in reading order."""
        for g, group in enumerate(self.groups, start=1):
            for i, item in enumerate(group.items, start=1):
                yield f"{self.prefix}.{g}.{i}", item


@dataclass
class Parsed:
    checklists: list[Checklist]
    problems: list[Problem]
    declared_line: int  # line of the front-matter `checklist:` key, 1 if absent
    declared: bool

    @property
    def checklist(self) -> Checklist | None:
        return self.checklists[0] if self.checklists else None


def plain_text(markdown: str) -> str:
    """Item text as a reader sees it: links, emphasis and code marks removed."""
    text = _LINK.sub(r"\1", markdown) if "](" in markdown else markdown
    text = _EMPHASIS.sub("", text)
    return " ".join(text.split())


def _key(text: str) -> str:
    return plain_text(text).casefold()


@functools.lru_cache(maxsize=1024)
def parse(text: str) -> Parsed:
    """Find the checklist sections of a page and every structural problem in them.

    Cached: a page is parsed by the checks, by each translation's comparison and by the
    checklist listing. Treat the result as read-only."""
    source = page_source.parse(text)
    problems: list[Problem] = []  # front-matter errors are reported by the caller, once
    declared = "checklist" in source.meta
    prefix = source.meta.get("checklist")
    prefix = None if prefix is None else str(prefix)
    declared_line = source.meta_line("checklist")
    if declared and (prefix is None or not PREFIX_PATTERN.match(prefix)):
        problems.append(
            Problem(
                declared_line,
                f"checklist number prefix {prefix!r} is not valid; expected 1 to 3 capital letters or digits, "
                'e.g. checklist: "2"',
            )
        )

    checklists: list[Checklist] = []
    current: Checklist | None = None
    group: Group | None = None
    previous_was_item = False
    in_fence = False
    for number, line in source.lines():
        if page_source.is_fence(line):
            in_fence = not in_fence
            if current:
                problems.append(
                    Problem(
                        number,
                        "code block inside the checklist; "
                        "expected only group headings (###) and task items (- [ ] ...)",
                    )
                )
            continue
        if in_fence:
            continue
        # The cheap tests first: most lines of most pages are outside any checklist.
        section = line.startswith("##") and ".checklist" in line and _SECTION.match(line)
        if current is None and not section:
            continue
        heading = line.startswith("#") and _HEADING.match(line)
        if section:
            current = Checklist(number, section.group("title"), prefix)
            if checklists:
                problems.append(
                    Problem(
                        number,
                        f"second checklist section (the first is at line {checklists[0].line}); "
                        "expected exactly one per page",
                    )
                )
            checklists.append(current)
            group, previous_was_item = None, False
            continue
        if heading and len(heading.group("hashes")) <= 2:
            current = None  # the section ends at the next level-1 or level-2 heading
            continue
        if not line.strip():
            previous_was_item = False
            continue
        if heading and len(heading.group("hashes")) == 3:
            group = Group(number, (heading.group("title") or "").strip())
            current.groups.append(group)
            if not group.title:
                problems.append(Problem(number, "empty group heading; expected a title after ###"))
            previous_was_item = False
            continue
        if heading:
            problems.append(
                Problem(
                    number,
                    f"level-{len(heading.group('hashes'))} heading inside the checklist; "
                    "expected group headings of level 3 (###) only",
                )
            )
            continue
        task = _TASK.match(line)
        if task:
            problems += _check_task(number, task, group, current)
            previous_was_item = True
            continue
        if _NESTED.match(line):
            problems.append(
                Problem(number, "nested list inside the checklist; expected one level of task items (- [ ] ...)")
            )
            continue
        if _NUMBERED.match(line):
            problems.append(
                Problem(
                    number,
                    "numbered item inside the checklist; expected a task item (- [ ] ...), numbers are generated",
                )
            )
        elif _BULLET.match(line):
            problems.append(Problem(number, "plain bullet inside the checklist; expected a task item (- [ ] ...)"))
        elif _OTHER_BLOCK.match(line):
            problems.append(
                Problem(
                    number,
                    "unexpected block (table, quote, admonition or HTML) inside the checklist; "
                    "expected only an introduction, group headings and task items",
                )
            )
        elif previous_was_item and group and group.items:
            group.items[-1].text += " " + line.strip()  # a long item wrapped onto the next line
        elif current.groups:
            problems.append(
                Problem(
                    number,
                    "text after the first group; "
                    "expected only group headings (###) and task items (- [ ] ...) after the introduction",
                )
            )

    for checklist in checklists:
        problems += _check_groups(checklist)
    if checklists and not declared:
        problems.append(
            Problem(
                checklists[0].line,
                'checklist section but no number prefix in the front matter; expected e.g. checklist: "2"',
            )
        )
    problems.sort(key=lambda p: p.line)
    return Parsed(checklists, problems, declared_line, declared)


def _check_task(number: int, task: re.Match, group: Group | None, checklist: Checklist) -> list[Problem]:
    problems = []
    text = (task.group("text") or "").strip()
    if task.group("mark") in "xX":
        problems.append(
            Problem(number, "ticked item [x]; expected an empty box (- [ ] ...): checklists are printed to be ticked")
        )
    if not plain_text(text):
        problems.append(Problem(number, "empty item; expected an action after - [ ]"))
    if group is None:
        problems.append(Problem(number, "task item before the first group; expected a group heading (###) above it"))
        group = Group(number, "")
        checklist.groups.append(group)  # keep counting so later problems still make sense
    group.items.append(Item(number, text))
    return problems


def _check_groups(checklist: Checklist) -> list[Problem]:
    problems = []
    if not checklist.groups:
        problems.append(
            Problem(
                checklist.line, "checklist has no groups; expected group headings (###) each followed by task items"
            )
        )
    seen_groups: dict[str, int] = {}
    for group in checklist.groups:
        if group.title:
            key = _key(group.title)
            if key in seen_groups:
                problems.append(
                    Problem(
                        group.line,
                        f"duplicate group heading '{group.title}' (also at line {seen_groups[key]}); "
                        "expected each group once",
                    )
                )
            seen_groups.setdefault(key, group.line)
        if not group.items:
            problems.append(
                Problem(group.line, f"empty group '{group.title}'; expected at least one task item (- [ ] ...)")
            )
        seen_items: dict[str, int] = {}
        for item in group.items:
            key = _key(item.text)
            if key and key in seen_items:
                problems.append(
                    Problem(
                        item.line,
                        f"duplicate item in group '{group.title}' (also at line {seen_items[key]}); "
                        "expected each action once",
                    )
                )
            seen_items.setdefault(key, item.line)
            length = len(plain_text(item.text))
            if length > MAX_ITEM_LENGTH:
                problems.append(
                    Problem(
                        item.line,
                        f"item is {length} characters long; expected at most {MAX_ITEM_LENGTH} (two printed lines), "
                        "split it into two actions",
                    )
                )
    return problems


def find_problems(text: str) -> list[Problem]:
    """Every problem of one page's checklist (a page that declares one must have it)."""
    parsed = parse(text)
    problems = list(parsed.problems)
    if not parsed.checklists and parsed.declared:
        problems.append(
            Problem(
                parsed.declared_line,
                "no checklist section; "
                "expected a level-2 heading marked { .checklist } followed by groups of task items",
            )
        )
    return sorted(problems, key=lambda p: p.line)


def compare(english_text: str, translated_text: str, english_path: str) -> list[Problem]:
    """Problems of a translation's checklist against its English source (lines in the translation)."""
    english, translated = parse(english_text).checklist, parse(translated_text)
    problems: list[Problem] = []
    if english is None:
        return problems
    ours = translated.checklist
    if ours is None:
        return [
            Problem(
                translated.declared_line,
                f"no checklist section; expected the checklist of {english_path} (line {english.line}) with "
                f"{len(english.groups)} groups",
            )
        ]
    if english.prefix != ours.prefix:
        problems.append(
            Problem(
                translated.declared_line,
                f"checklist prefix {ours.prefix!r} differs from {english.prefix!r} in {english_path}; "
                "expected the same numbering in every language",
            )
        )
    for index, (en_group, group) in enumerate(zip(english.groups, ours.groups), start=1):
        if len(group.items) != len(en_group.items):
            problems.append(
                Problem(
                    group.line,
                    f"group {index} '{group.title}' has {len(group.items)} items; "
                    f"expected {len(en_group.items)} as in group '{en_group.title}' "
                    f"of {english_path} (line {en_group.line})",
                )
            )
        for number, (en_item, item) in enumerate(zip(en_group.items, group.items), start=1):
            if _key(en_item.text) and _key(en_item.text) == _key(item.text):
                problems.append(
                    Problem(
                        item.line,
                        f"item {ours.prefix}.{index}.{number} is identical to the English item; expected a translation",
                    )
                )
    for index, en_group in enumerate(english.groups[len(ours.groups) :], start=len(ours.groups) + 1):
        problems.append(
            Problem(
                ours.line,
                f"group {index} '{en_group.title}' of {english_path} (line {en_group.line}) is missing; "
                f"expected {len(english.groups)} groups",
            )
        )
    for index, group in enumerate(ours.groups[len(english.groups) :], start=len(english.groups) + 1):
        problems.append(
            Problem(
                group.line,
                f"extra group {index} '{group.title}'; expected {len(english.groups)} groups as in {english_path}",
            )
        )
    return sorted(problems, key=lambda p: p.line)
