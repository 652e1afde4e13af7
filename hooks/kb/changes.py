"""What changed in an English page since the version a translation translates.

A translation's stamp is the hash of the English text it was made from
(`translation: source:`). The old English text is found in the git history: the newest commit
whose copy of the English file has that hash. The change view then lists the segments
(headings, paragraphs, list items, table cells, front-matter values) removed, added and
changed, the old wording beside the new.
"""

from __future__ import annotations

import difflib
import subprocess
from dataclasses import dataclass
from pathlib import Path

from kb.segments import Segment, segments

# Helpers


@dataclass(frozen=True)
class Change:
    what: str  # "changed", "added" or "removed"
    kind: str
    line: int  # line in the current English file (for "removed": where it was)
    old: str
    new: str


@dataclass(frozen=True)
class OldVersion:
    text: str | None  # None when no commit has that version
    commit: str = ""
    date: str = ""


def find_version(project: Path, english_path: str, version: str, hash_text) -> OldVersion:
    """The English file's text at `version` (a stamp), searched in the git history, newest
    first, following renames."""
    try:
        log = subprocess.run(
            ["git", "log", "--follow", "--format=%H %cs", "--name-only", "--", english_path],
            cwd=project,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return OldVersion(None)
    commit = date = ""
    for line in log.splitlines():
        if not line.strip():
            continue
        head = line.split(" ")
        if len(head) == 2 and len(head[0]) == 40:
            commit, date = head
            continue
        shown = subprocess.run(["git", "show", f"{commit}:{line}"], cwd=project, capture_output=True)
        if shown.returncode != 0:
            continue
        text = shown.stdout.decode("utf-8", errors="replace")
        if hash_text(text) == version:
            return OldVersion(text, commit, date)
    return OldVersion(None)


def compare(old_text: str, new_text: str) -> list[Change]:
    """The segments removed, added and changed from old to new, in the new file's order."""
    old, new = segments(old_text), segments(new_text)
    matcher = difflib.SequenceMatcher(None, [s.plain for s in old], [s.plain for s in new], autojunk=False)
    changes: list[Change] = []
    for tag, o1, o2, n1, n2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        olds, news = old[o1:o2], new[n1:n2]
        if tag == "replace":
            pairs = _pair(olds, news)
            for o, n in pairs:
                if o and n:
                    changes.append(Change("changed", n.kind, n.line, o.plain, n.plain))
                elif n:
                    changes.append(Change("added", n.kind, n.line, "", n.plain))
                else:
                    changes.append(Change("removed", o.kind, _where(new, n1), o.plain, ""))
            continue
        changes += [Change("removed", o.kind, _where(new, n1), o.plain, "") for o in olds]
        changes += [Change("added", n.kind, n.line, "", n.plain) for n in news]
    return changes


def _pair(olds: list[Segment], news: list[Segment]) -> list[tuple[Segment | None, Segment | None]]:
    """Pair replaced segments by likeness: a reworded paragraph is 'changed', not removed and
    added; what has no like counterpart is removed or added."""
    if len(olds) == len(news) and all(o.kind == n.kind for o, n in zip(olds, news)):
        return list(zip(olds, news))  # the same blocks, reworded
    pairs: list[tuple[Segment | None, Segment | None]] = []
    used: set[int] = set()
    for o in olds:
        best, score = None, 0.5
        for index, n in enumerate(news):
            if index in used or n.kind != o.kind:
                continue
            ratio = difflib.SequenceMatcher(None, o.plain, n.plain).ratio()
            if ratio > score:
                best, score = index, ratio
        if best is None:
            pairs.append((o, None))
        else:
            used.add(best)
            pairs.append((o, news[best]))
    pairs += [(None, n) for index, n in enumerate(news) if index not in used]
    return pairs


def _where(new: list[Segment], index: int) -> int:
    return new[index].line if index < len(new) else (new[-1].line if new else 1)


def describe(changes: list[Change], english_path: str, indent: str = "    ") -> list[str]:
    """Readable lines for a terminal: each change with its English line and both wordings."""
    lines = []
    for change in changes:
        lines.append(f"{indent}{change.what} {change.kind}, {english_path}:{change.line}")
        if change.old:
            lines.append(f"{indent}  - {change.old}")
        if change.new:
            lines.append(f"{indent}  + {change.new}")
    return lines
