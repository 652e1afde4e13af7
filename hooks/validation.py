"""Hook: run every source check once per build and report each problem as a warning.

mkdocs-static-i18n builds the site once per language; the checks read all languages'
sources themselves, so they run only in the first (English) build: each problem is reported
once, and `mkdocs build --strict` fails on any of them.
"""

from __future__ import annotations

import logging

from site_layout import DEFAULT_LANGUAGE, current_language, project_dir
from source_checks import check_project

log = logging.getLogger("mkdocs.hooks.validation")

# Hooks


def on_pre_build(config):
    if current_language(config) != DEFAULT_LANGUAGE:
        return
    for message in check_project(project_dir(config.config_file_path)):
        log.warning(message)
