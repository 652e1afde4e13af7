"""A Markdown page's source: its YAML front matter and its body, with line numbers as the
author sees them in the file (front matter included)."""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field

import yaml

# Helpers

_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when PyYAML has it
_TOP_LEVEL_KEY = re.compile(r"^([\w-]+)[ \t]*:")
# Characters a reader cannot see that hide text or reorder it (the "Trojan Source" controls):
# zero-width spaces and joiners, the word joiner, a byte-order mark inside the text, and the
# bidirectional embeddings, overrides and isolates.
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u202a-\u202e\u2066-\u2069\u200e\u200f\x00]")
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


def decode(raw: bytes) -> tuple[str, list[Problem]]:
    """A source file's text, and what is wrong with its bytes: never an exception.

    A byte-order mark at the start is dropped (editors on Windows write one; it means
    nothing in UTF-8). Bytes that are not UTF-8 are replaced, and reported at their line."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        byte = raw[error.start : error.start + 1].hex()
        problem = Problem(
            line,
            f"byte 0x{byte} is not UTF-8 text; expected the file saved as UTF-8 (nothing of it is built until then)",
        )
        return raw.decode("utf-8", errors="replace"), [problem]


def read(path) -> str:
    """A source file's text for tools that only read it: undecodable bytes replaced."""
    with open(path, "rb") as file:
        return decode(file.read())[0]


def invisible_characters(text: str) -> list[Problem]:
    """Every character that hides or reorders text, at its line."""
    problems = []
    if not _INVISIBLE.search(text):
        return problems
    for match in _INVISIBLE.finditer(text):
        char = match.group()
        name = unicodedata.name(char, "NULL" if char == "\x00" else "control")
        line = text.count("\n", 0, match.start()) + 1
        problems.append(
            Problem(
                line,
                f"invisible character U+{ord(char):04X} ({name}); "
                "expected none: it hides text or changes its order on screen",
            )
        )
    return problems


def page_problems(text: str) -> list[Problem]:
    """What every page needs: closed front matter with a text `title` and `description`, a
    body, and no code block or HTML comment left open (either hides the rest of the page)."""
    text = text.replace("\r\n", "\n")
    if not text.strip():
        return [Problem(1, "the page is empty; expected front matter (title, description) and the page's text")]
    if text.startswith("---") and not _FRONT_MATTER.match(text):
        return [Problem(1, "front matter opened at line 1 is never closed; expected a --- line after its last key")]
    source = parse(text)
    if source.problems:
        return []  # reported by parse() already
    problems = []
    if not _FRONT_MATTER.match(text):
        problems.append(Problem(1, "no front matter; expected --- lines around title: and description: at the top"))
    for key in ("title", "description"):
        value = source.meta.get(key)
        if value is None and _FRONT_MATTER.match(text):
            problems.append(
                Problem(
                    source.meta_line(key) if key in source.meta else 2,
                    f"no '{key}' in the front matter; expected {key}: <text>",
                )
            )
        elif value is not None and not isinstance(value, str | int | float):
            problems.append(
                Problem(source.meta_line(key), f"'{key}' is a {type(value).__name__}, not text; expected {key}: <text>")
            )
    if not source.body.strip():
        problems.append(
            Problem(source.body_line, "nothing after the front matter; expected the page's heading and text")
        )
    problems += _unclosed(source)
    return problems


def _unclosed(source: PageSource) -> list[Problem]:
    fence_line, comment_line = 0, 0
    fence = ""
    for number, line in source.lines():
        if fence_line:
            if line.strip().startswith(fence):
                fence_line = 0
            continue
        if comment_line:
            if "-->" in line:
                comment_line = 0
            continue
        if is_fence(line):
            fence_line, fence = number, _FENCE.match(line).group(1)
        elif "<!--" in line and "-->" not in line[line.index("<!--") :]:
            comment_line = number
    if fence_line:
        return [
            Problem(
                fence_line,
                "code block opened here is never closed; "
                f"expected a closing {fence} line (the rest of the page shows as code)",
            )
        ]
    if comment_line:
        return [
            Problem(
                comment_line, "HTML comment opened here is never closed; expected --> (the rest of the page is hidden)"
            )
        ]
    return []


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
    except (ValueError, TypeError, OverflowError, RecursionError) as error:
        # A value YAML reads but cannot build, such as the date 2026-02-30.
        return _value_problem(source, error)
    _duplicate_keys(source)
    return _checked(source, meta)


def _value_problem(source: PageSource, error: Exception) -> PageSource:
    line = 2
    for number, text in enumerate(source._front_lines, start=2):
        try:
            yaml.safe_load(text) if _TOP_LEVEL_KEY.match(text) else None
        except yaml.YAMLError:
            continue
        except (ValueError, TypeError, OverflowError, RecursionError):
            line = number
            break
    source.problems.append(
        Problem(
            line, f"front-matter value cannot be read ({error}); expected a valid value, e.g. a real date YYYY-MM-DD"
        )
    )
    return source


def _duplicate_keys(source: PageSource) -> None:
    """YAML keeps the last of two equal keys silently; an author meant one of them."""
    seen: dict[str, int] = {}
    for number, text in enumerate(source._front_lines, start=2):
        key = _TOP_LEVEL_KEY.match(text)
        if not key:
            continue
        if key.group(1) in seen:
            source.problems.append(
                Problem(
                    number,
                    f"front-matter key '{key.group(1)}' again (first at line {seen[key.group(1)]}); "
                    "expected each key once",
                )
            )
        else:
            seen[key.group(1)] = number


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
        source.problems.append(
            Problem(2, "front matter is not a mapping; expected 'key: value' lines between the --- lines")
        )
        meta = {}
    source.meta = meta
    return source
