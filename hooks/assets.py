"""Hook: the site's copies of the project's stylesheet and scripts, minified
(hooks/kb/minify.py), at the end of the run: before the PDFs are printed and the offline
copies take the assets (hooks/run.py, RUN_END)."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from kb.minify import minified

PROJECT_ASSETS = ("assets/stylesheets/kb.css", "assets/javascripts/kb-*.js")

# Hooks


def at_run_end(*, config: MkDocsConfig) -> None:
    site = Path(config.site_dir)
    for pattern in PROJECT_ASSETS:
        for path in site.glob(pattern):
            path.write_text(minified(path.read_text("utf-8")), "utf-8")
