"""Hook: the site's copies of the project's stylesheet and scripts, minified
(hooks/kb/minify.py), at the end of the run: before the PDFs are printed and the offline
copies take the assets."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

from kb.minify import minified
from site_layout import DEFAULT_LANGUAGE, finished_language

PROJECT_ASSETS = ("assets/stylesheets/kb.css", "assets/javascripts/kb-*.js")

# Hooks


@event_priority(-170)  # before the PDFs (-180) and the offline copies (-200)
def on_post_build(*, config: MkDocsConfig) -> None:
    if finished_language(config) != DEFAULT_LANGUAGE:
        return
    site = Path(config.site_dir)
    for pattern in PROJECT_ASSETS:
        for path in site.glob(pattern):
            path.write_text(minified(path.read_text("utf-8")), "utf-8")
