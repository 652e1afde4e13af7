"""Hook: the site's online address is SITE_URL (mkdocs.yml's site_url), or there is none.

Without it no output names an online address, so that nobody prints or shares one that does
not exist: MkDocs leaves sitemap.xml out (overrides/sitemap.xml renders nothing), pages carry
no canonical link, printouts and PDFs no address line and PDFs no links to the site's pages,
and the offline copies offer only their own language. The build says so once, at INFO level,
so that a strict build passes.
"""

from __future__ import annotations

import logging

from mkdocs.config.defaults import MkDocsConfig

from kb.site_layout import DEFAULT_LANGUAGE
from run import current_language

log = logging.getLogger("mkdocs.hooks.site_address")

# Hooks


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if not config.site_url and current_language(config) == DEFAULT_LANGUAGE:
        log.info(
            "SITE_URL is not set: no sitemap.xml, canonical links or online addresses on printouts, "
            "in PDFs and in the offline copies (set it to the address the site is published at)"
        )
    return config
