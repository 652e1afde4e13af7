"""Hook: `_headers` and `_redirects` for static hosts (hooks/kb/hosting.py), written at the end
of the run, when the whole four-language site is in place."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

from kb import hosting
from site_layout import DEFAULT_LANGUAGE, TRANSLATED_LANGUAGES, finished_language

HEADERS_CONF = Path(__file__).resolve().parents[1] / "hosting" / "headers.conf"  # shared with nginx

# Hooks


@event_priority(-190)  # after the PDFs (-180), before the offline copies (-200)
def on_post_build(*, config: MkDocsConfig) -> None:
    if finished_language(config) != DEFAULT_LANGUAGE:
        return  # a language's build inside the run; the site is complete only at the end
    site = Path(config.site_dir)
    headers = hosting.header_lines(HEADERS_CONF.read_text("utf-8"))
    files = [p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()]
    (site / "_headers").write_text(hosting.headers_file(files, headers), "utf-8")
    (site / "_redirects").write_text(hosting.redirects_file(list(TRANSLATED_LANGUAGES)), "utf-8")
