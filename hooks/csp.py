"""Hook: every page, the 404 pages included, carries its Content-Security-Policy
(hooks/kb/csp.py). Runs after the other hooks have changed the page and before the offline
copies take it (hooks/run.py, PAGE_END)."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

from kb.csp import with_policy

# Hooks


def at_page_end(output: str, *, page: Page, config: MkDocsConfig) -> str:
    return with_policy(output)


@event_priority(50)  # before hooks/languages.py moves each language's 404 page into its folder
def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
    return with_policy(output_content) if template_name.endswith(".html") else output_content
