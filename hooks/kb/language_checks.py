"""Spelling, script and terminology of the translations' reader-facing text.

- Spelling: Debian's hunspell dictionaries (`language.yml` names the dictionary), with the
  language's list of accepted words (names, acronyms, terms of this field).
- Script: a word that mixes Latin and Cyrillic letters is a lookalike error (the Latin "è" in
  Macedonian "сè", which is written "сѐ" with U+0450).
- Terminology: the termbase's avoided variants, each reported with the chosen term.

Each language's settings live in translations/<lang>/: language.yml (script, dictionary),
accepted-words.txt and termbase.yml. The functions here take text and return problems; the
hunspell process is the only outside call, and its answers are cached per word.
"""

from __future__ import annotations

import bisect
import functools
import re
import shutil
import subprocess
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from kb.page_source import Problem, load_yaml  # Problem: the one `path:line: message` of every check
from kb.segments import REFERENCE, Segment, segments

# Data

# Markup inside a segment that is not words: replaced by spaces so that offsets (and so line
# numbers) stay right.
_NOT_WORDS = re.compile(
    r"\]\([^)]*\)"  # a link's target
    r"|`[^`]*`"  # inline code
    r"|<[^>]+>"  # HTML
    r"|\{[:.#][^}]*\}"  # attribute lists
    r"|https?://\S+|www\.\S+|\S+@\S+\.\w+"  # addresses
    r"|\[S\d+\]"  # citations
)
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_NEWLINE = re.compile("\n")
# Two letters of different scripts side by side: the cheap test for a mixed-script word.
_MIXED = re.compile(r"[A-Za-z\u00C0-\u024F][\u0400-\u04FF]|[\u0400-\u04FF][A-Za-z\u00C0-\u024F]")
_CYRILLIC_FOR_LATIN = str.maketrans("aceopxyiјkmhtbèìAEOPCXYIKMHTB", "асеорхуіјкмнтвѐѝАЕОРСХУІКМНТВ")
_LATIN_FOR_CYRILLIC = str.maketrans("асеорхујкАЕОРСХУК", "aceopxyjkAEOPCXYK")

# Helpers


@dataclass(frozen=True)
class Word:
    text: str
    line: int


@dataclass(frozen=True)
class Term:
    concept: str
    term: str  # the chosen term
    avoid: tuple[str, ...]  # variants, as written in termbase.yml
    patterns: tuple[re.Pattern, ...]
    allowed_in: tuple[str, ...] = ()  # site paths where a variant is right (e.g. a country guide)
    note: str = ""

    @property
    def needles(self) -> tuple[str, ...]:
        """Each variant's first literal letters, lower-case: a page without them has no match."""
        return tuple(variant.split()[0].split("*")[0].lower() for variant in self.avoid)


@dataclass
class LanguageSettings:
    code: str
    name: str = ""
    script: str = "latin"
    dictionary: str = ""
    debian_package: str = ""
    accepted: frozenset[str] = frozenset()
    terms: list[Term] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # problems in the settings files themselves


@functools.lru_cache(maxsize=1024)
def reader_words(text: str) -> tuple[Word, ...]:
    """The words a reader reads on a page (front matter included, sources' titles and code not)."""
    found: list[Word] = []
    for segment in segments(text):
        if segment.kind == REFERENCE:
            continue
        found += _segment_words(segment)
    return tuple(found)


def _segment_words(segment: Segment) -> list[Word]:
    cleaned = _NOT_WORDS.sub(_blank, segment.text)
    breaks = [m.start() for m in _NEWLINE.finditer(cleaned)] if "\n" in cleaned else []
    return [Word(m.group(), segment.line + bisect.bisect(breaks, m.start())) for m in _WORD.finditer(cleaned)]


def _blank(match: re.Match) -> str:
    return " " * len(match.group())


def script_problems(text: str) -> list[Problem]:
    """Words that mix Latin and Cyrillic letters."""
    if not _MIXED.search(text):
        return []
    problems = []
    for word in reader_words(text):
        if not _MIXED.search(word.text):
            continue
        scripts = {_script(char) for char in word.text} - {None}
        if len(scripts) > 1:
            cyrillic = sum(_script(c) == "cyrillic" for c in word.text) >= sum(_script(c) == "latin" for c in word.text)
            fixed = word.text.translate(_CYRILLIC_FOR_LATIN if cyrillic else _LATIN_FOR_CYRILLIC)
            script = "Cyrillic" if cyrillic else "Latin"
            hint = (
                f"; expected {script} letters only: {fixed!r}"
                if {_script(c) for c in fixed} - {None} == {script.lower()}
                else f"; expected {script} letters only"
            )
            problems.append(Problem(word.line, f"{word.text!r} mixes Latin and Cyrillic letters{hint}"))
    return problems


def _script(char: str) -> str | None:
    if not char.isalpha():
        return None
    name = unicodedata.name(char, "")
    if name.startswith("CYRILLIC"):
        return "cyrillic"
    if name.startswith("LATIN"):
        return "latin"
    return None


def term_problems(text: str, page: str, terms: list[Term]) -> list[Problem]:
    """Every avoided variant in the page's reader-facing text, with the chosen term."""
    # The whole page first (one search per variant): most pages have none of them.
    lowered = text.lower()
    present = [
        (term, variant, pattern)
        for term in terms
        if page not in term.allowed_in
        for variant, pattern, needle in zip(term.avoid, term.patterns, term.needles)
        if needle in lowered and pattern.search(text)
    ]
    if not present:
        return []
    problems = []
    for segment in segments(text):
        if segment.kind == REFERENCE:
            continue
        cleaned = _NOT_WORDS.sub(_blank, segment.text)
        for term, variant, pattern in present:
            for match in pattern.finditer(cleaned):
                line = segment.line + segment.text.count("\n", 0, match.start())
                found = " ".join(match.group().split())
                problems.append(
                    Problem(
                        line,
                        f"{found!r} is an avoided variant of {term.concept!r} ({variant}); "
                        f"expected {term.term!r} (termbase.yml)",
                    )
                )
    problems.sort(key=lambda p: p.line)
    return problems


def variant_pattern(variant: str) -> re.Pattern:
    """A variant as written in termbase.yml: words separated by spaces, '*' for any ending
    ("qendr* sociale" matches "qendra sociale" and "qendrës sociale"), case ignored."""
    words = []
    for word in variant.split():
        words.append(r"[^\W_]*".join(re.escape(part) for part in word.split("*")))
    return re.compile(r"(?<![^\W_])" + r"\s+".join(words) + r"(?![^\W_])", re.IGNORECASE)


def load_settings(folder: Path, code: str) -> LanguageSettings:
    """translations/<lang>/language.yml, accepted-words.txt and termbase.yml (each optional)."""
    settings = LanguageSettings(code)
    language_file, words_file, terms_file = (
        folder / "language.yml",
        folder / "accepted-words.txt",
        folder / "termbase.yml",
    )
    data = _load_yaml(language_file, settings)
    if isinstance(data, dict):
        settings.name = str(data.get("name", code))
        settings.script = str(data.get("script", "latin"))
        settings.dictionary = str(data.get("dictionary") or "")
        settings.debian_package = str(data.get("debian_package") or "")
    if words_file.exists():
        words = set()
        for line in words_file.read_text("utf-8").splitlines():
            word = line.split("#", 1)[0].strip()
            if word:
                words.add(word.lower())
        settings.accepted = frozenset(words)
    entries = _load_yaml(terms_file, settings)
    if entries is None:
        return settings
    if not isinstance(entries, list):
        settings.problems.append(
            f"{terms_file.as_posix()}:1: the termbase is not a list; expected entries with concept, term and avoid"
        )
        return settings
    for number, entry in enumerate(entries, start=1):
        if not (
            isinstance(entry, dict)
            and entry.get("concept")
            and entry.get("term")
            and isinstance(entry.get("avoid"), list)
        ):
            settings.problems.append(
                f"{terms_file.as_posix()}:1: entry {number} lacks concept, term or an avoid list; "
                "expected concept: ..., term: ..., avoid: [...]"
            )
            continue
        avoid = tuple(str(variant) for variant in entry["avoid"])
        allowed = entry.get("allowed_in") or []
        settings.terms.append(
            Term(
                str(entry["concept"]),
                str(entry["term"]),
                avoid,
                tuple(variant_pattern(v) for v in avoid),
                tuple(str(p) for p in allowed),
                str(entry.get("note", "")),
            )
        )
    return settings


def _load_yaml(path: Path, settings: LanguageSettings):
    if not path.exists():
        return None
    try:
        return load_yaml(path.read_text("utf-8"))  # libyaml: the termbases are the largest YAML read
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        settings.problems.append(
            f"{path.as_posix()}:{mark.line + 1 if mark else 1}: not valid YAML ({getattr(error, 'problem', error)}); "
            "expected the format described at the top of the file"
        )
        return None


class Speller:
    """hunspell, asked each distinct word once: first which words it does not know (fast), then
    suggestions for those only (hunspell takes about 0.1 s a word to suggest)."""

    MAX_SUGGESTED = 10  # per run: hunspell takes up to 0.5 s a word here; a page of new words must not stall the build

    def __init__(self):
        self._correct: dict[tuple[str, str], bool] = {}
        self._suggestions: dict[tuple[str, str], tuple[str, ...]] = {}

    @staticmethod
    def available(dictionary: str) -> bool:
        return shutil.which("hunspell") is not None and any(
            (Path(folder) / f"{dictionary}.dic").exists() for folder in ("/usr/share/hunspell", "/usr/share/myspell")
        )

    def unknown(self, dictionary: str, words: set[str]) -> set[str]:
        """The words the dictionary does not know."""
        new = sorted(w for w in words if (dictionary, w) not in self._correct)
        if new:
            listed = self._hunspell(dictionary, "-l", new)
            wrong = set(listed.splitlines())
            for word in new:
                self._correct[(dictionary, word)] = word not in wrong
        return {w for w in words if not self._correct[(dictionary, w)]}

    def suggestions(self, dictionary: str, words: list[str]) -> dict[str, tuple[str, ...] | None]:
        """word -> hunspell's suggestions; None for words past MAX_SUGGESTED."""
        wanted = [w for w in dict.fromkeys(words) if (dictionary, w) not in self._suggestions][: self.MAX_SUGGESTED]
        if wanted:
            answer = self._hunspell(dictionary, "-a", ["^" + w for w in wanted])
            index = 0
            for line in answer.splitlines()[1:]:  # the first line is hunspell's banner
                if index >= len(wanted):
                    break
                if not line:
                    index += 1  # a blank line ends the answer for one input line
                    continue
                offered = line.split(":", 1)[1].split(",") if line[0] == "&" else []
                self._suggestions[(dictionary, wanted[index])] = tuple(s.strip() for s in offered)
        return {w: self._suggestions.get((dictionary, w)) for w in words}

    @staticmethod
    def _hunspell(dictionary: str, mode: str, lines: list[str]) -> str:
        return subprocess.run(
            ["hunspell", mode, "-i", "UTF-8", "-d", dictionary],
            input="\n".join(lines) + "\n",
            capture_output=True,
            text=True,
            encoding="utf-8",
            check=False,
        ).stdout


def spelling_problems(pages: dict[str, str], settings: LanguageSettings, speller: Speller) -> dict[str, list[Problem]]:
    """For each page (path -> text) of one language, the words that neither the dictionary
    nor the accepted-words list knows. All pages at once: one hunspell run per language."""
    words = {
        path: [w for w in reader_words(text) if _checkable(w.text) and w.text.lower() not in settings.accepted]
        for path, text in pages.items()
    }
    unknown = speller.unknown(settings.dictionary, {w.text for found in words.values() for w in found})
    flagged = {path: [w for w in found if w.text in unknown] for path, found in words.items()}
    offered = speller.suggestions(settings.dictionary, [w.text for found in flagged.values() for w in found])
    problems: dict[str, list[Problem]] = {}
    for path, found in flagged.items():
        seen = set()
        for word in found:
            if (word.line, word.text) in seen:
                continue
            seen.add((word.line, word.text))
            suggestions = offered[word.text]
            listed = (
                "not looked up (too many unknown words)"
                if suggestions is None
                else ", ".join(suggestions[:5]) or "none"
            )
            problems.setdefault(path, []).append(
                Problem(word.line, f'"{word.text}" is not in the {settings.name} dictionary; suggestions: {listed}')
            )
    return problems


def _checkable(word: str) -> bool:
    """Acronyms (two or more capitals, no small letter) are not spelling; single letters neither."""
    return len(word) >= 2 and not word.isupper()
