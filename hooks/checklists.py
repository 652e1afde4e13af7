"""Hook: show checklists as trainers use them.

- every group and item gets its generated number (stage 2, group 3, item 4 is "2.3.4"), the
  same in every language, on screen and in print;
- each box can be ticked on screen and is named by its number and text for screen readers;
  ticks are never kept: the boxes opt out of the browser's form restoration (autocomplete=off)
  and kb-checklist.js clears them when Back or a reload brings the page back;
- a "Go to the checklist" link under the title, and the group numbers in the table of contents;
- the page checklists.md lists every checklist of its language: a link to the checklist section
  of its guide, the guide, the numbers, the item count, the checklist's PDF and its case-file PDF.

The numbering is a Python-Markdown extension on the parsed page (hooks/kb/checklist_tree.py);
a page is a checklist page when its front matter says `checklist:` (hooks/kb/guides.py).
Structure is checked elsewhere (hooks/validation.py); here the section is only numbered.
"""

from __future__ import annotations

import posixpath

from markdown.extensions.toc import slugify as toc_slugify
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from kb import checklist_rules, guides, page_source, printables
from kb.checklist_tree import ChecklistNumbering, ChecklistPage
from kb.site_layout import DEFAULT_LANGUAGE, source_for_page
from kb.source_checks import shown_source
from run import current_language, run_of

# Data

LISTING_MARKER = "<!-- checklists -->"

# Hooks


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if not any(isinstance(extension, ChecklistNumbering) for extension in config.markdown_extensions):
        config.markdown_extensions.append(ChecklistNumbering())
    return config


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    prefix = page.meta.get("checklist")
    numbering = next(extension for extension in config.markdown_extensions if isinstance(extension, ChecklistNumbering))
    numbering.page = None if prefix is None else ChecklistPage(str(prefix), config.extra["kb"]["checklists"]["go_to"])
    if LISTING_MARKER in markdown:
        return markdown.replace(LISTING_MARKER, listing(page, files, config))
    return markdown


# Helpers


def listing(page, files, config) -> str:
    """A Markdown table of the checklists of the page's language, linked relative to it: each
    links to the checklist section of its guide, to its PDF and to its case-file PDF."""
    strings = config.extra["kb"]
    toc = config.mdx_configs.get("toc", {})
    slugify, separator = toc.get("slugify", toc_slugify), toc.get("separator", "-")
    labels = strings["checklists"]
    rows = [
        f"| {labels['checklist']} | {labels['guide']} | {labels['numbering']} | {labels['items']} | {labels['pdf']} "
        f"| {labels['casefile']} |",
        "|---|---|---|---:|---|---|",
    ]
    pages = guides.reading_order(config.nav, (file.norm_src_uri for file in files.documentation_pages()))
    run, lang = run_of(config), current_language(config)
    for path in pages:
        english = source_for_page(path, DEFAULT_LANGUAGE)  # its front matter decides, the same in every language
        if english not in run.texts or "checklist" not in page_source.parse(run.texts[english]).meta:
            continue
        text = run.texts[shown_source(run, path, lang)]
        parsed = checklist_rules.parse(text)
        if parsed.checklist is None:
            continue
        title = str(page_source.parse(text).meta.get("title", path))
        anchor = slugify(checklist_rules.plain_text(parsed.checklist.title), separator)  # as toc makes it
        link = posixpath.relpath(path, posixpath.dirname(page.file.norm_src_uri) or ".")
        guide = guides.guide_title(config.nav, path, title, strings["nav"])
        pdf_links = [
            f'<a href="{get_relative_url(pdf.path(lang), page.url)}" download>{pdf.name}.pdf</a>'
            for pdf in printables.checklist_pdfs(path, guides.checklist_pdf(path))
        ]
        rows.append(
            f"| [{title}]({link}#{anchor}) | {guide} | {parsed.checklist.prefix}.1.1 – "
            f"{_last_number(parsed.checklist)} | {parsed.checklist.item_count} | {' | '.join(pdf_links)} |"
        )
    return "\n".join(rows)


def _last_number(checklist) -> str:
    numbers = [number for number, _ in checklist.numbered_items()]
    return numbers[-1] if numbers else "-"
