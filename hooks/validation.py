"""Hook: run every source check once per build and report each problem as a warning.

mkdocs-static-i18n builds the site once per language; the checks read all languages'
sources themselves, so they run only once per run: each problem is reported once, and
`mkdocs build --strict` fails on any of them.

The checks take only what the run has read, so they run in a second process beside the
build (hooks/kb/parallel.py). Their problems are reported as soon as they are known when a
language build starts, and at the latest at the end of the run, before the PDFs are printed
(hooks/run.py, RUN_END): the build never waits for them while there is other work to do.
"""

from __future__ import annotations

import logging

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort

from kb.parallel import InChildProcess
from kb.site_layout import DEFAULT_LANGUAGE
from kb.source_checks import check_project, unreadable
from run import current_language, run_of

log = logging.getLogger("mkdocs.hooks.validation")

# Hooks


def on_pre_build(*, config: MkDocsConfig) -> None:
    run = run_of(config)
    if current_language(config) != DEFAULT_LANGUAGE:
        checks = run.cache.get("checks")
        if checks is not None and checks.ready():
            report(config)
        return
    broken = unreadable(run)
    if broken:
        # MkDocs would stop on these pages with a Python traceback; stop first, cleanly.
        for message in check_project(run):
            log.warning(message)
        raise Abort(f"{len(broken)} page(s) are not UTF-8 text (see the warnings above); nothing was built")
    run.cache["checks"] = InChildProcess(lambda: check_project(run))


def at_run_end(*, config: MkDocsConfig) -> None:
    """The checks' problems, if they were not reported yet (hooks/run.py, RUN_END: first)."""
    report(config)


# Helpers


def report(config: MkDocsConfig) -> None:
    """Log the checks' problems (waiting for them if need be), once per run."""
    checks = run_of(config).cache.pop("checks", None)
    if checks is None:
        return
    for message in checks.result():
        log.warning(message)
    log.info("source checks: %.2f s of work beside the build", checks.seconds)
