"""The project's layout and how it maps onto the single docs directory MkDocs builds from.

Authors edit three English trees and their translations:

    docs/...                       -> en/...          (site root)
    guides/...                     -> en/guides/...
    stories/...                    -> en/stories/...
    translations/<lang>/docs/...   -> <lang>/...
    translations/<lang>/guides/... -> <lang>/guides/...
    translations/<lang>/stories/...-> <lang>/stories/...

The right-hand side is the "folder" structure of mkdocs-static-i18n. These functions are
pure (paths in, paths out) apart from `sync_staging`, which writes the staged copy.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from kb.run import configured_languages

# Data

# From the i18n plugin's configuration in the project's mkdocs.yml, the default language first.
LANGUAGES = configured_languages(Path(__file__).resolve().parents[2])
DEFAULT_LANGUAGE = LANGUAGES[0]
TRANSLATED_LANGUAGES = LANGUAGES[1:]

# Each tree and the folder it takes on the site ("" is the site root).
TREES = {"docs": "", "guides": "guides", "stories": "stories"}

STAGING_DIR = ".cache/docs"

# Helpers


@dataclass(frozen=True)
class SourceFile:
    """One author-edited file: where it lives and where it is staged."""

    source: str  # path relative to the project, e.g. translations/sq/guides/stages/crisis.md
    staged: str  # path relative to the staging dir, e.g. sq/guides/stages/crisis.md
    language: str
    tree: str  # docs, guides or stories
    page: str  # language-independent site path, e.g. guides/stages/crisis.md

    @property
    def is_markdown(self) -> bool:
        return self.source.endswith(".md")


def classify(source: str) -> SourceFile | None:
    """Return what an author-edited path is, or None if it is not part of the site."""
    parts = PurePosixPath(source).parts
    language = DEFAULT_LANGUAGE
    if parts and parts[0] == "translations":
        if len(parts) < 4 or parts[1] not in TRANSLATED_LANGUAGES:
            return None
        language, parts = parts[1], parts[2:]
    if len(parts) < 2 or parts[0] not in TREES:
        return None
    if any(part.startswith(".") for part in parts):
        return None
    tree = parts[0]
    page = PurePosixPath(TREES[tree], *parts[1:]).as_posix()
    return SourceFile(source, f"{language}/{page}", language, tree, page)


def source_for_page(page: str, language: str) -> str:
    """The author-edited path of a language-independent site path such as manual/safety.md."""
    parts = PurePosixPath(page).parts
    if parts[0] in ("guides", "stories"):
        relative = page
    else:
        relative = f"docs/{page}"
    if language == DEFAULT_LANGUAGE:
        return relative
    return f"translations/{language}/{relative}"


def source_for_staged(staged: str) -> str:
    """The author-edited path of a staged path such as sq/guides/stages/crisis.md."""
    language, _, page = staged.partition("/")
    return source_for_page(page, language)


def find_sources(project: Path) -> list[SourceFile]:
    """Every site file in the project, English trees first, in a stable order."""
    roots = [project / tree for tree in TREES]
    roots += [project / "translations" / lang / tree for lang in TRANSLATED_LANGUAGES for tree in TREES]
    found = []
    for root in roots:
        if not root.is_dir():
            continue
        for path in sorted(root.rglob("*")):
            if path.is_file():
                item = classify(path.relative_to(project).as_posix())
                if item:
                    found.append(item)
    return found


def find_collisions(sources: list[SourceFile]) -> list[str]:
    """Messages for two sources that would land on the same staged path (docs/guides/x vs guides/x)."""
    seen: dict[str, str] = {}
    problems = []
    for item in sources:
        if item.staged in seen:
            problems.append(
                f"{item.source}: same site path as {seen[item.staged]}; "
                "keep guides in guides/ and stories in stories/, not under docs/"
            )
        else:
            seen[item.staged] = item.source
    return problems


def sync_staging(project: Path, staging: Path, sources: list[SourceFile]) -> int:
    """Make `staging` an exact copy of the sources' staged layout; return how many files changed.

    Copies only what changed (size or modification time; copies keep the source's time), so
    an unchanged tree costs one stat per source and one per staged file, and removes what no
    longer has a source, so a deleted page disappears from the next build.
    """
    staged = _staged_files(staging)
    changed = 0
    for item in sources:
        origin = project / item.source
        stat = os.stat(origin)
        if staged.pop(item.staged, None) == (stat.st_size, stat.st_mtime_ns):
            continue
        target = staging / item.staged
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(origin, target)
        changed += 1
    for left in staged:  # staged files that no longer have a source
        (staging / left).unlink()
        changed += 1
    for folder, _, _ in os.walk(staging, topdown=False):
        if folder != str(staging) and not os.listdir(folder):
            os.rmdir(folder)
    return changed


def _staged_files(staging: Path) -> dict[str, tuple[int, int]]:
    """{path relative to the staging dir: (size, modification time)} of every staged file."""
    found = {}
    for folder, _, names in os.walk(staging):
        relative = os.path.relpath(folder, staging).replace(os.sep, "/")
        for name in names:
            stat = os.stat(os.path.join(folder, name))
            found[name if relative == "." else f"{relative}/{name}"] = (stat.st_size, stat.st_mtime_ns)
    return found


def project_dir(config_file_path: str | os.PathLike) -> Path:
    """The project root: the folder that holds mkdocs.yml."""
    return Path(config_file_path).resolve().parent
