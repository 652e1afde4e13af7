"""A Markdown page's source: its YAML front matter and its body, with line numbers as the
author sees them in the file (front matter included)."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

import yaml

# Helpers

_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when PyYAML has it
_FENCE = re.compile(r"^[ \t]*(```|~~~)")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)


@dataclass(frozen=True)
class Problem:
    """Something wrong at a line of a source file (1-based, counted in the whole file)."""

    line: int
    message: str

    def at(self, path: str) -> str:
        return f"{path}:{self.line}: {self.message}"


@dataclass
class PageSource:
    meta: dict
    body: str
    body_line: int  # the file line on which the body starts
    problems: list[Problem] = field(default_factory=list)

    def lines(self):
        """(file line number, text) for every body line."""
        for offset, text in enumerate(self.body.split("\n")):
            yield self.body_line + offset, text

    def meta_line(self, key: str) -> int:
        """The file line of a top-level front-matter key, or 1 if it is not there."""
        for number, text in enumerate(self._front_lines, start=2):
            if re.match(rf"{re.escape(key)}\s*:", text):
                return number
        return 1

    _front_lines: list[str] = field(default_factory=list, repr=False)


def is_fence(line: str) -> bool:
    """Whether a line opens or closes a fenced code block (the substring test first: cheap)."""
    return ("```" in line or "~~~" in line) and _FENCE.match(line) is not None


def load_yaml(text: str):
    """YAML with libyaml's speed and, on an error, the pure-Python loader's wording and line."""
    try:
        return yaml.load(text, Loader=_FAST_LOADER)
    except yaml.YAMLError:
        return yaml.safe_load(text)  # raises the better-worded error


@functools.lru_cache(maxsize=2048)
def parse(text: str) -> PageSource:
    """Split a page into front matter and body; YAML errors become problems, not exceptions.

    Cached: the checks read the same pages many times. Treat the result as read-only."""
    text = text.replace("\r\n", "\n")
    match = _FRONT_MATTER.match(text)
    if not match:
        return PageSource({}, text, 1)
    yaml_text = match.group(1) or ""
    body_line = text[: match.end()].count("\n") + 1
    source = PageSource({}, text[match.end() :], body_line, _front_lines=yaml_text.split("\n"))
    try:
        meta = load_yaml(yaml_text)
    except yaml.YAMLError as error:
        return _yaml_problem(source, error)
    return _checked(source, meta)


def _yaml_problem(source: PageSource, error: yaml.YAMLError) -> PageSource:
    mark = getattr(error, "problem_mark", None)
    line = mark.line + 2 if mark else 2  # +1 for 1-based, +1 for the opening ---
    reason = getattr(error, "problem", None) or str(error).split("\n")[0]
    source.problems.append(
        Problem(line, f"front matter is not valid YAML ({reason}); expected 'key: value' lines between the --- lines")
    )
    return source


def _checked(source: PageSource, meta) -> PageSource:
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        source.problems.append(Problem(2, "front matter is not a mapping; expected 'key: value' lines between the --- lines"))
        meta = {}
    source.meta = meta
    return source
