"""Links between pages: every relative link must reach a page or file that is built.

Checked on the sources, so a broken link is reported once with the author's path and line,
not once per language build with the staged path (as MkDocs' own check would).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable

from kb import page_source
from kb.page_source import Problem

# Data

_LINK = re.compile(r"!?\[[^\]]*\]\(\s*<?(?P<target>[^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_INLINE_CODE = re.compile(r"`[^`]*`")
_EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//|#)", re.I)

# Helpers


def links(text: str):
    """(file line, target) of every Markdown link and image outside code."""
    source = page_source.parse(text)
    in_fence = False
    for number, line in source.lines():
        if page_source.is_fence(line):
            in_fence = not in_fence
            continue
        if in_fence or "](" not in line:
            continue
        for match in _LINK.finditer(_INLINE_CODE.sub("", line)):
            yield number, match.group("target")


def resolve(page: str, target: str) -> str | None:
    """The site path a relative link points to, or None for external links and anchors."""
    if _EXTERNAL.match(target):
        return None
    path = target.split("#", 1)[0].split("?", 1)[0]
    if not path:
        return None
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), path))


def find_problems(text: str, page: str, exists: Callable[[str], bool]) -> list[Problem]:
    problems = []
    for number, target in links(text):
        resolved = resolve(page, target)
        if resolved is None:
            continue
        if resolved.startswith("../") or resolved == "..":
            problems.append(
                Problem(number, f"link '{target}' leaves the site; expected a page under docs/, guides/ or stories/")
            )
        elif target.endswith("/") or not posixpath.splitext(resolved)[1]:
            problems.append(
                Problem(number, f"link '{target}' points to a URL, not a file; expected a link to the page's .md file")
            )
        elif not exists(resolved):
            problems.append(
                Problem(
                    number,
                    f"link '{target}' points to {resolved}, which is not built; "
                    "expected an existing (and, for stories, published) page",
                )
            )
    return problems
