"""What one build knows about the project, read once: its languages, the date of this version
of the content, and the authors' sources with their text (hooks/run.py makes one per build and
per `mkdocs serve` rebuild; the features take what they need from it).

Nothing here imports MkDocs, so the standalone check (hooks/check.py), the translation tool,
the tests and the benchmark read the project the same way the build does.
"""

from __future__ import annotations

import os
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml

# Data

ZIP_EPOCH = 315532800  # 1980-01-01, the first date a zip entry can carry
AUTHORED = ("docs", "guides", "stories", "translations", "strings")  # what the content is made of


class NoVersionDate(Exception):
    """SOURCE_DATE_EPOCH is not a usable date, or nothing says when this version was made."""


# Helpers


class _ConfigLoader(yaml.SafeLoader):
    """mkdocs.yml as plain data: MkDocs' tags (!ENV, !relative) read as null."""


_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)


def configured_languages(project: Path) -> tuple[str, ...]:
    """The site's languages as the i18n plugin's configuration in mkdocs.yml lists them, the
    default language first: the one place they are written down."""
    config = yaml.load((project / "mkdocs.yml").read_text("utf-8"), Loader=_ConfigLoader)
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and "i18n" in plugin:
            languages = plugin["i18n"]["languages"]
            default = [lang["locale"] for lang in languages if lang.get("default")]
            return tuple(default + [lang["locale"] for lang in languages if not lang.get("default")])
    raise ValueError(f"{project / 'mkdocs.yml'}: no i18n plugin with languages; expected one under plugins")


def version_time(project: Path, environ=os.environ) -> int:
    """When this version of the content was made, in seconds since 1970: SOURCE_DATE_EPOCH when
    set, else the time of the last commit, else (a copy without its history) the newest
    modification time of the authors' files. Never the clock, so the same sources give the
    same printouts, PDFs and offline copies; never before 1980, which a zip entry cannot carry."""
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        if not epoch.isdigit() or int(epoch) < ZIP_EPOCH:
            raise NoVersionDate(
                f"SOURCE_DATE_EPOCH is {epoch!r}; expected whole seconds since 1970, "
                f"at or after 1980-01-01 ({ZIP_EPOCH})"
            )
        return int(epoch)
    try:
        done = subprocess.run(
            ["git", "-C", str(project), "log", "-1", "--format=%ct"], capture_output=True, text=True, timeout=10
        )
        if done.returncode == 0 and done.stdout.strip():
            return max(int(done.stdout.strip()), ZIP_EPOCH)
    except OSError:
        pass
    newest = max(
        (path.stat().st_mtime for tree in AUTHORED for path in (project / tree).rglob("*") if path.is_file()),
        default=None,
    )
    if newest is None:
        raise NoVersionDate(
            f"{project}: no date for this version: no SOURCE_DATE_EPOCH, no git commit, "
            f"no files in {', '.join(AUTHORED)}"
        )
    return max(int(newest), ZIP_EPOCH)


def version_date(epoch: int) -> str:
    """The version date as printouts and PDFs show it, e.g. 2026-12-01 (UTC)."""
    return time.strftime("%Y-%m-%d", time.gmtime(epoch))


def zip_date(epoch: int) -> tuple:
    """The version time as a zip entry's date_time (which counts seconds in twos)."""
    date = time.gmtime(epoch)[:6]
    return (*date[:5], date[5] - date[5] % 2)


class SourceReader:
    """Bytes of the authors' files, read again only when a file's size or modification time
    changed: a `mkdocs serve` rebuild after one edit reads one file."""

    def __init__(self) -> None:
        self._seen: dict[Path, tuple[int, int, bytes]] = {}

    def read(self, path: Path) -> bytes:
        stat = path.stat()
        known = self._seen.get(path)
        if known and known[0] == stat.st_size and known[1] == stat.st_mtime_ns:
            return known[2]
        data = path.read_bytes()
        self._seen[path] = (stat.st_size, stat.st_mtime_ns, data)
        return data

    def forget_others(self, paths: set[Path]) -> None:
        """Drop what is kept of files that are no longer sources."""
        for path in [path for path in self._seen if path not in paths]:
            del self._seen[path]


READER = SourceReader()  # kept across the rebuilds of one `mkdocs serve`


@dataclass
class Run:
    """One build of the whole site: the project and what was read from it."""

    project: Path
    languages: tuple[str, ...]  # the default language first
    sources: list = field(default_factory=list)  # site_layout.SourceFile, every language
    texts: dict = field(default_factory=dict)  # source path -> its text, Markdown pages only
    unreadable: dict = field(default_factory=dict)  # source path -> what is wrong with its bytes
    environ: dict = field(default_factory=dict, repr=False)
    cache: dict = field(default_factory=dict, repr=False)  # what features derive from the sources

    @property
    def default_language(self) -> str:
        return self.languages[0]

    @property
    def translated_languages(self) -> tuple[str, ...]:
        return self.languages[1:]

    @property
    def version_time(self) -> int:
        """See `version_time`; asked for only by what prints a date (not the standalone check)."""
        return self.once("version_time", lambda: version_time(self.project, self.environ))

    @property
    def version_date(self) -> str:
        return version_date(self.version_time)

    def once(self, name, compute):
        """`compute()`'s result, computed the first time a feature asks for it in this run
        (`name`: any hashable key)."""
        if name not in self.cache:
            self.cache[name] = compute()
        return self.cache[name]


def read_run(
    project: Path, languages: tuple[str, ...], sources: list, decode, environ=os.environ, reader: SourceReader = READER
) -> Run:
    """The run's view of the project: every Markdown source read (or taken unchanged from the
    previous rebuild) and decoded once; `decode(bytes)` gives (text, problems)."""
    paths = {project / item.source: item for item in sources if item.is_markdown}
    texts, unreadable = {}, {}
    for path, item in paths.items():
        texts[item.source], problems = decode(reader.read(path))
        if problems:
            unreadable[item.source] = problems
    reader.forget_others(set(paths))
    return Run(project, tuple(languages), list(sources), texts, unreadable, dict(environ))
