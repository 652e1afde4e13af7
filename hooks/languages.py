"""Hook: make each language's site speak its own language.

- site name and description, navigation section titles, the heading permalinks' title and the
  footer, from strings/<lang>.yml;
- a page that falls back to English carries a notice in the reader's language and marks its
  English content with lang="en";
- the sitemap lists only real translations as alternates (overrides/sitemap.xml);
- each language gets its own 404 page (/404.html, /sq/404.html, ...), whose language menu leads
  to each language's home page.
"""

from __future__ import annotations

import os
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from kb import ui_strings
from kb.site_layout import DEFAULT_LANGUAGE, LANGUAGES, project_dir
from run import current_language, is_fallback, page_language

# Hooks


@event_priority(90)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    lang = current_language(config)
    project = project_dir(config.config_file_path)
    strings, unusable = ui_strings.read_all(project, LANGUAGES, DEFAULT_LANGUAGE)  # keys: hooks/validation.py
    if unusable:  # every page needs its language's strings: stop before MkDocs fails with a traceback
        raise Abort("; ".join(unusable))
    config.site_name = strings[lang]["site_name"]
    config.site_description = strings[lang]["site_description"]
    config.extra["kb"] = strings[lang]
    config.extra["kb_language"] = lang
    config.extra["kb_home"] = home_url(config, lang)
    # One title for all languages in mkdocs.yml would leave "Permanent link" in English.
    config.mdx_configs.setdefault("toc", {})["permalink_title"] = strings[lang]["theme"]["permalink"]
    return config


def on_nav(nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
    titles = config.extra["kb"]["nav"]
    for item in _walk(nav.items):
        if item.title in titles and (item.is_section or item.is_page):
            item.title = titles[item.title]
    return nav


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    if is_fallback(page.file, current_language(config)):
        page.meta["search"] = {"exclude": True}  # English text stays out of this language's search
    return markdown


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    lang = current_language(config)
    if is_fallback(page.file, lang):
        text = config.extra["kb"]["untranslated"]
        return (
            ui_strings.notice("untranslated", text["title"], text["text"])
            + f'<div lang="{page_language(page.file, lang)}">{html}</div>'
        )
    return html


def on_pre_template(template, *, template_name: str, config: MkDocsConfig):
    if template_name == "404.html":
        # The 404 page is no page: its menu would keep the links of the last page rendered
        # (mkdocs-static-i18n sets them per page, as an attribute of config.extra, which is what
        # templates read). It leads to each language's home instead, with absolute links, as the
        # page is served in place of any missing address.
        languages = config.extra["alternate"]
        config.extra.alternate = [{**item, "link": home_url(config, item["lang"])} for item in languages]
    return template


def on_post_template(output: str, *, template_name: str, config: MkDocsConfig) -> str:
    lang = current_language(config)
    if template_name == "404.html" and lang != DEFAULT_LANGUAGE:
        # Every language build renders 404.html into the site root; keep each in its own folder.
        path = os.path.join(config.site_dir, lang, "404.html")
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as out:
            out.write(output)
        return ""  # MkDocs skips writing an empty template: the root 404.html stays English
    return output


# Helpers


def home_url(config, lang: str) -> str:
    base = urlsplit(config.site_url or "/").path.rstrip("/")
    return f"{base}/" if lang == DEFAULT_LANGUAGE else f"{base}/{lang}/"


def _walk(items):
    for item in items:
        yield item
        if item.children:
            yield from _walk(item.children)
