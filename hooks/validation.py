"""Hook: run every source check once per build and report each problem as a warning.

mkdocs-static-i18n builds the site once per language; the checks read all languages'
sources themselves, so they run only in the first (English) build: each problem is reported
once, and `mkdocs build --strict` fails on any of them.
"""

from __future__ import annotations

import logging

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort

from kb.site_layout import DEFAULT_LANGUAGE
from kb.source_checks import check_project, unreadable
from run import current_language, run_of

log = logging.getLogger("mkdocs.hooks.validation")

# Hooks


def on_pre_build(*, config: MkDocsConfig) -> None:
    if current_language(config) != DEFAULT_LANGUAGE:
        return
    run = run_of(config)
    for message in check_project(run):
        log.warning(message)
    broken = unreadable(run)
    if broken:
        # MkDocs would stop on these pages with a Python traceback; stop first, cleanly.
        raise Abort(f"{len(broken)} page(s) are not UTF-8 text (see the warnings above); nothing was built")
