"""Hook: `_headers` and `_redirects` for static hosts (hooks/kb/hosting.py), written at the end
of the run, when the whole four-language site is in place (hooks/run.py, RUN_END)."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from kb import hosting
from kb.site_layout import TRANSLATED_LANGUAGES

HEADERS_CONF = Path(__file__).resolve().parents[1] / "hosting" / "headers.conf"  # shared with nginx

# Hooks


def at_run_end(*, config: MkDocsConfig) -> None:
    site = Path(config.site_dir)
    headers = hosting.header_lines(HEADERS_CONF.read_text("utf-8"))
    files = [p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()]
    (site / "_headers").write_text(hosting.headers_file(files, headers), "utf-8")
    (site / "_redirects").write_text(hosting.redirects_file(list(TRANSLATED_LANGUAGES)), "utf-8")
