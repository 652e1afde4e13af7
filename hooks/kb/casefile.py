"""Case-file checklists: a checklist as a form to keep in a person's case file.

A header block for the case code (never a name), the worker and the dates; then every item,
numbered as on the site, with boxes for done and not applicable, a line for the date, one for
the worker's initials and one for a short note. Plain functions: a parsed checklist and the
language's labels in, HTML out (hooks/pdfs.py prints it; the layout is `.kb-casefile` in kb.css).
"""

from __future__ import annotations

import html as htmllib

from kb import checklist_rules


def _e(text: str) -> str:
    return htmllib.escape(text, quote=True)


def _field(label: str, css: str = "") -> str:
    return f'<span class="kb-casefile__field {css}">{_e(label)}<span class="kb-casefile__line"></span></span>'


def _box(label: str) -> str:
    return f'<span class="kb-casefile__choice"><span class="kb-casefile__box"></span>{_e(label)}</span>'


def header(labels: dict) -> str:
    """The block at the top: case code (with the reminder that it is never a name), worker, dates."""
    return (
        '<div class="kb-casefile__header">'
        f'<p class="kb-casefile__row">{_field(labels["case_code"], "kb-casefile__field--wide")}'
        f"{_field(labels['worker'], 'kb-casefile__field--wide')}</p>"
        f'<p class="kb-casefile__row">{_field(labels["opened"])}{_field(labels["reviewed"])}'
        f"{_field(labels['closed'])}</p>"
        f'<p class="kb-casefile__never-a-name">{_e(labels["no_name"])}</p>'
        "</div>"
    )


def item(number: str, text: str, labels: dict) -> str:
    """One item: its number and text, then done / not applicable, date, initials and a note.
    The whole item is one block that the print never splits (kb.css: break-inside: avoid)."""
    return (
        f'<div class="kb-casefile__item" id="casefile-{number.replace(".", "-")}">'
        f'<p class="kb-casefile__text"><span class="kb-check-number">{_e(number)}</span> {_e(text)}</p>'
        f'<p class="kb-casefile__marks">{_box(labels["done"])}{_box(labels["not_applicable"])}'
        f"{_field(labels['date'])}{_field(labels['initials'])}</p>"
        f'<p class="kb-casefile__note">{_field(labels["note"], "kb-casefile__field--wide")}</p>'
        "</div>"
    )


def body(checklist: checklist_rules.Checklist, labels: dict) -> str:
    """The form for a whole checklist: header, then each group's heading and its items."""
    parts = [header(labels), f'<h2 class="kb-casefile__title">{_e(checklist_rules.plain_text(checklist.title))}</h2>']
    current = None
    for number, entry in checklist.numbered_items():  # the numbering rule is checklist_rules'
        group = number.rsplit(".", 1)[0]
        if group != current:
            current = group
            title = checklist.groups[int(group.rsplit(".", 1)[1]) - 1].title
            parts.append(
                f'<h3><span class="kb-check-number">{_e(group)}</span> {_e(checklist_rules.plain_text(title))}</h3>'
            )
        parts.append(item(number, checklist_rules.plain_text(entry.text), labels))
    return f'<div class="kb-casefile">{"".join(parts)}</div>'
