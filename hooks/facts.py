"""Hook: "Facts as of <date>" under the title of every page with `facts_checked:` in its
front matter (hooks/kb/facts.py), in the reader's language."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from kb.facts import with_facts_date
from run import current_language

# Hooks


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    if "facts_checked" not in page.meta:
        return markdown
    return with_facts_date(
        markdown, page.meta["facts_checked"], current_language(config), config.extra["kb"]["facts_as_of"]
    )
