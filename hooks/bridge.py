"""Hook: build from the project's layout (docs/, guides/, stories/, translations/<lang>/).

MkDocs reads one docs directory and mkdocs-static-i18n wants it in its folder structure
(en/, sq/, ...). This hook stages the authors' trees into that shape before every build and
makes `mkdocs serve` watch the real trees instead of the staged copy. Stories that are not
published are not staged at all, so nothing of them can reach any output.
"""

from __future__ import annotations

import logging

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import event_priority

from kb.site_layout import STAGING_DIR, project_dir, sync_staging
from kb.source_checks import left_out
from run import run_of

log = logging.getLogger("mkdocs.hooks.bridge")

# Hooks


@event_priority(100)  # before mkdocs-static-i18n reads config.docs_dir
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    project = project_dir(config.config_file_path)
    staging = project / STAGING_DIR
    if config.docs_dir == str(staging):
        return config  # a later language build of the same run: already staged
    run = run_of(config)
    hidden = left_out(run)  # unpublished stories never reach the docs dir
    sources = [s for s in run.sources if s.source not in hidden]  # two for one path: hooks/validation.py
    changed = sync_staging(project, staging, sources)
    log.debug("staged %d files (%d changed) into %s", len(sources), changed, staging)
    config.docs_dir = str(staging)
    return config


def on_serve(server: LiveReloadServer, *, config: MkDocsConfig, builder) -> LiveReloadServer:
    project = project_dir(config.config_file_path)
    # The staged copy is rewritten by each build; watching it would trigger a second build.
    server.unwatch(config.docs_dir)
    for folder in ("docs", "guides", "stories", "translations", "strings"):
        if (project / folder).is_dir():
            server.watch(str(project / folder))
    return server
