"""A bilingual review document for native-speaking reviewers.

One HTML file for one or more pages: numbered segments with the English on the left, the
translation on the right and an empty notes column; the page's review state and the English
version it translates at the top. It reads on screen and prints on A4 (landscape, the header
row repeated on every page), so a reviewer can annotate by hand or in the browser.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from kb.alignment import align

# Data

_STYLE = """
@page { size: A4 landscape; margin: 12mm; }
body { font: 11pt/1.45 "DejaVu Sans", system-ui, sans-serif; color: #1a1a1a; margin: 1.5rem; overflow-wrap: anywhere; }
h1 { font-size: 1.4rem; margin: 0 0 .3rem; }
h2 { font-size: 1.15rem; margin: 2rem 0 .3rem; break-before: page; }
h2:first-of-type { break-before: auto; }
.state { margin: 0 0 .8rem; color: #333; }
.how { border-left: 4px solid #1f5e8a; padding: .3rem .8rem; background: #eef4f9; max-width: 60rem; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; }
thead { display: table-header-group; }
th, td {
  border: 1px solid #999; padding: .35rem .5rem; vertical-align: top; text-align: left; overflow-wrap: anywhere;
}
th { background: #e8e8e8; }
col.n { width: 3.2rem; } col.notes { width: 22%; }
tr { break-inside: avoid; }
.kind { color: #555; font-size: .8rem; display: block; border: 0; padding: 0; }
.missing { color: #8a1f1f; font-style: italic; }
@media print { body { margin: 0; } .how { break-inside: avoid; } }
/* On a phone each segment is a card: number, English, translation, room for notes. */
@media screen and (max-width: 40rem) {
  body { margin: .8rem; }
  table, tbody, tr, td { display: block; width: auto; }
  thead { display: none; }
  tr { border: 1px solid #999; margin: 0 0 .8rem; }
  td { border: 0; border-top: 1px solid #ddd; }
  td:first-child { border-top: 0; font-weight: bold; }
  td[data-label]::before { content: attr(data-label); display: block; font-size: .8rem; color: #555; }
  td.notes { min-height: 2.5rem; }
}
"""

_LABELS = {
    "title": "Translation review",
    "how": "Read each row: does the translation say what the English says, in natural {language}, with the "
    "terms of the glossary? Write what to change in the notes column (or mark the printout). When the "
    "page is right, the reviewer's name and date go into its front matter (README, Translations).",
    "state": "Review state",
    "version": "translates English version",
    "english": "English",
    "notes": "Notes",
    "none": "(no counterpart)",
}

# Helpers


@dataclass(frozen=True)
class ReviewPage:
    path: str  # the translation's path
    english_path: str
    english_text: str
    translated_text: str
    state: str  # draft, reviewed, outdated...
    version: str  # the stamp


def document(pages: list[ReviewPage], language: str, language_name: str) -> str:
    """The review document's HTML."""
    parts = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">',
        f"<title>{_LABELS['title']}: {html.escape(language_name)}</title><style>{_STYLE}</style></head><body>",
        f"<h1>{_LABELS['title']}: {html.escape(language_name)}</h1>",
        f'<p class="how">{html.escape(_LABELS["how"].format(language=language_name))}</p>',
    ]
    for page in pages:
        parts.append(f"<h2>{html.escape(page.path)}</h2>")
        parts.append(
            f'<p class="state">{_LABELS["state"]}: <strong>{html.escape(page.state)}</strong> · '
            f"{_LABELS['version']} {html.escape(page.version or '?')} ({html.escape(page.english_path)})</p>"
        )
        parts.append('<table><colgroup><col class="n"><col><col><col class="notes"></colgroup>')
        parts.append(
            f"<thead><tr><th>#</th><th>{_LABELS['english']}</th>"
            f'<th lang="{language}">{html.escape(language_name)}</th><th>{_LABELS["notes"]}</th></tr></thead><tbody>'
        )
        for number, pair in enumerate(align(page.english_text, page.translated_text), start=1):
            segment = pair.translation or pair.english
            english = (
                html.escape(pair.english.plain) if pair.english else f'<span class="missing">{_LABELS["none"]}</span>'
            )
            translated = (
                html.escape(pair.translation.plain)
                if pair.translation
                else f'<span class="missing">{_LABELS["none"]}</span>'
            )
            where = f"{segment.kind}, line {pair.translation.line}" if pair.translation else segment.kind
            parts.append(
                f'<tr id="s{number}"><td>{number}<span class="kind">{html.escape(where)}</span></td>'
                f'<td lang="en" data-label="{_LABELS["english"]}">{english}</td>'
                f'<td lang="{language}" data-label="{html.escape(language_name)}">{translated}</td>'
                f'<td class="notes" data-label="{_LABELS["notes"]}"></td></tr>'
            )
        parts.append("</tbody></table>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"
