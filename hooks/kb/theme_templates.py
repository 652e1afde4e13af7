"""The theme's templates, found and compiled once per process instead of once per build.

MkDocs makes a new Jinja environment for every build, and mkdocs-static-i18n runs one build
per language (`mkdocs serve` one per rebuild). Each time, MkDocs lists every file of the
theme's folders (Material's holds 14,500, 14,348 of them icons) and Jinja parses and compiles
each template again: together about a third of a one-language preview rebuild.

- `CompiledTemplates`, a Jinja bytecode cache in memory, keeps each compiled template keyed by
  its name and a checksum of its source: an edited override is compiled afresh.
- `ListedOnce` lists an installed theme's folder once; the project's own folders (overrides/)
  are listed in every build, so a template added there is found. Its list leaves out hidden
  files and folders (Material's .icons/): MkDocs lists templates only to copy the theme's
  static files, and never copies those (its patterns ".*" and "*/.*").
"""

from __future__ import annotations

import os
from pathlib import Path

from jinja2 import BaseLoader, BytecodeCache, FileSystemLoader
from jinja2.bccache import Bucket


class CompiledTemplates(BytecodeCache):
    """Compiled templates in memory, for as long as the process lives."""

    def __init__(self) -> None:
        self._compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        compiled = self._compiled.get(bucket.key)
        if compiled is not None:
            bucket.bytecode_from_string(compiled)  # Jinja drops it if the source's checksum differs

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._compiled[bucket.key] = bucket.bytecode_to_string()


class ListedOnce(BaseLoader):
    """A FileSystemLoader whose folders outside `project` are listed once per process, without
    hidden files and folders."""

    def __init__(self, loader: FileSystemLoader, project: Path, listings: dict[str, list[str]]):
        self._loader = loader
        self._project = project
        self._listings = listings

    def get_source(self, environment, template):
        return self._loader.get_source(environment, template)

    def list_templates(self) -> list[str]:
        found: set[str] = set()
        for folder in self._loader.searchpath:
            if Path(folder).resolve().is_relative_to(self._project):
                found.update(_visible(folder))
            else:
                if folder not in self._listings:
                    self._listings[folder] = _visible(folder)
                found.update(self._listings[folder])
        return sorted(found)


def _visible(folder: str) -> list[str]:
    """The templates of a folder, as Jinja names them, but for hidden files and folders."""
    found = []
    for parent, folders, names in os.walk(folder):
        folders[:] = [name for name in folders if not name.startswith(".")]  # not walked at all
        relative = os.path.relpath(parent, folder).replace(os.sep, "/")
        found += [name if relative == "." else f"{relative}/{name}" for name in names if not name.startswith(".")]
    return found


COMPILED = CompiledTemplates()  # kept across the builds of a run and the rebuilds of `mkdocs serve`
LISTINGS: dict[str, list[str]] = {}  # installed theme folder -> its templates, for the same span
