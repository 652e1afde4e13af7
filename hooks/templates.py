"""Hook: every build of a run (one per language, and each `mkdocs serve` rebuild) uses the theme
templates the first one found and compiled (hooks/kb/theme_templates.py).

MkDocs asks the theme for a new Jinja environment at the start of every build and lists the
theme's files before any event could change that environment, so the theme's `get_env` is
wrapped here, once per run: the environment it makes gets the listing and the compiled
templates kept in the process.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig

from kb.site_layout import project_dir
from kb.theme_templates import COMPILED, LISTINGS, ListedOnce

# Hooks


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    theme = config.theme
    if getattr(theme.get_env, "kb_listed_once", False):
        return config  # a later language build of the same run
    make_env = theme.get_env
    project = project_dir(config.config_file_path)

    def get_env():
        env = make_env()
        env.loader = ListedOnce(env.loader, project, LISTINGS)
        env.bytecode_cache = COMPILED
        return env

    get_env.kb_listed_once = True
    theme.get_env = get_env
    return config
