"""Interface strings: strings/<lang>.yml, one file per language with the same keys."""

from __future__ import annotations

import functools
from pathlib import Path

import yaml

from kb.page_source import load_yaml

# Helpers


def load(project: Path, languages) -> dict[str, dict]:
    """The strings of every language, keyed by language code."""
    result = {}
    for lang in languages:
        path = project / "strings" / f"{lang}.yml"
        result[lang] = _read(str(path), path.stat().st_mtime_ns)
    return result


@functools.lru_cache(maxsize=32)
def _read(path: str, version: int) -> dict:
    """One language's strings; cached per file version (every language build reads them all)."""
    return load_yaml(Path(path).read_text("utf-8"))


def read_all(project: Path, languages, reference: str) -> tuple[dict[str, dict], list[str]]:
    """The strings of every language that can be read, and `strings/<lang>.yml: ...` for each
    whose file is missing, not YAML or not a mapping of keys."""
    readable, problems = {}, []
    for lang in languages:
        path = f"strings/{lang}.yml"
        if not (project / path).is_file():
            keys = "" if lang == reference else f", with the keys of strings/{reference}.yml"
            problems.append(f"{path}: missing; expected the interface strings of '{lang}'{keys}")
            continue
        try:
            table = load(project, [lang])[lang]
        except (yaml.YAMLError, UnicodeDecodeError) as error:
            mark = getattr(error, "problem_mark", None)
            where = f"{path}:{mark.line + 1}" if mark else path
            problems.append(
                f"{where}: not readable as YAML ({getattr(error, 'problem', None) or error}); expected key: value lines"
            )
            continue
        if not isinstance(table, dict):
            problems.append(f"{path}: not a mapping of keys; expected the keys of strings/{reference}.yml")
            continue
        readable[lang] = table
    return readable, problems


def check(project: Path, languages, reference: str) -> list[str]:
    """Every problem of the strings files: unreadable files, then keys missing or unknown
    compared with the reference language."""
    readable, problems = read_all(project, languages, reference)
    return problems + (find_problems(readable, reference) if reference in readable else [])


def notice(kind: str, title: str, text_html: str) -> str:
    """A notice about the state of a page (untranslated, draft, outdated), kept out of search.

    One line that opens: the title says what matters (e.g. "Draft translation, not reviewed
    yet"), the text explains it, so that on a phone the page's own title and text stay on the
    first screen. Printouts show the text (the print stylesheet opens every <details>)."""
    return (
        f'<details class="kb-notice kb-notice--{kind}" data-search-exclude>'
        f"<summary>{title}</summary><p>{text_html}</p></details>"
    )


def flatten(strings: dict, prefix: str = "") -> dict[str, str]:
    """{"nav": {"Home": "Kreu"}} -> {"nav.Home": "Kreu"}."""
    flat = {}
    for key, value in strings.items():
        if isinstance(value, dict):
            flat.update(flatten(value, f"{prefix}{key}."))
        else:
            flat[f"{prefix}{key}"] = value
    return flat


def find_problems(strings: dict[str, dict], reference: str) -> list[str]:
    """Keys missing from, or unknown to, each language compared with the reference language."""
    expected = set(flatten(strings[reference]))
    problems = []
    for lang, table in strings.items():
        keys = set(flatten(table))
        problems += [f"strings/{lang}.yml: missing key '{key}'" for key in sorted(expected - keys)]
        problems += [
            f"strings/{lang}.yml: unknown key '{key}' (not in strings/{reference}.yml)"
            for key in sorted(keys - expected)
        ]
    return problems
