"""Hook: each language's glossary in that language's alphabetical order.

Translators keep the terms in the English order, so that a translated glossary can be checked
against the English one entry by entry. Readers look terms up in their own alphabet: the
build sorts the entries (### headings and their text) of every section by the language's
alphabet, with its digraphs as single letters (Albanian dh, gj, ll, nj, rr, sh, th, xh, zh;
Bosnian dž, lj, nj) and its own letters in their places (ç after c, ë after e; č and ć after
c, đ after dž; Macedonian ѓ after д, ѕ after з, ќ after т).
"""

from __future__ import annotations

import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from run import current_language

# Data

GLOSSARY = "glossary.md"
ALPHABETS = {
    "en": "a b c d e f g h i j k l m n o p q r s t u v w x y z",
    "sq": "a b c ç d dh e ë f g gj h i j k l ll m n nj o p q r rr s sh t th u v x xh y z zh",
    "mk": "а б в г д ѓ е ж з ѕ и ј к л љ м н њ о п р с т ќ у ф х ц ч џ ш",
    "bs": "a b c č ć d dž đ e f g h i j k l lj m n nj o p r s š t u v z ž",
}
_LETTER = {
    lang: re.compile("|".join(sorted(map(re.escape, alphabet.split()), key=len, reverse=True)))
    for lang, alphabet in ALPHABETS.items()
}
_RANK = {lang: {letter: rank for rank, letter in enumerate(alphabet.split())} for lang, alphabet in ALPHABETS.items()}

# Hooks


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    if page.file.norm_src_uri != GLOSSARY:
        return markdown
    return sort_entries(markdown, current_language(config))


# Helpers


def collation_key(term: str, lang: str) -> tuple:
    """A sort key that orders terms as the language's alphabet does. Characters outside the
    alphabet (spaces, digits, punctuation, other scripts) sort before its letters, so "Crisis
    intervention" comes before "Crisis phase"."""
    letters, ranks, key, position = _LETTER[lang], _RANK[lang], [], 0
    text = term.casefold()
    while position < len(text):
        match = letters.match(text, position)
        if match:
            key.append((1, ranks[match.group()]))
            position = match.end()
        else:
            key.append((0, ord(text[position])))
            position += 1
    return tuple(key)


def sort_entries(markdown: str, lang: str) -> str:
    """The page with each run of ### entries sorted by its heading; everything else in place."""
    lines = markdown.split("\n")
    result: list[str] = []
    index = 0
    while index < len(lines):
        if not lines[index].startswith("### "):
            result.append(lines[index])
            index += 1
            continue
        entries = []
        while index < len(lines) and lines[index].startswith("### "):
            end = index + 1
            while end < len(lines) and not lines[end].startswith(("# ", "## ", "### ")):
                end += 1
            entry = lines[index:end]
            while entry and not entry[-1].strip():
                entry.pop()
            entries.append(entry)
            index = end
        for entry in sorted(entries, key=lambda entry: collation_key(entry[0][4:], lang)):
            result += entry + [""]
    return "\n".join(result)
