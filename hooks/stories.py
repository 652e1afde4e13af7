"""Hook: survivor stories as facilitators use them.

- published stories are listed in the Stories section of the navigation (unpublished ones
  are never staged: see hooks/bridge.py);
- a story page shows, from its front matter, whether it is a composite, its context, content
  warnings, audience, themes and stage before the story, and the discussion questions and
  facilitator notes after it, in the reader's language;
- stories/index.md lists the stories of its language by audience, themes and warnings.
"""

from __future__ import annotations

import html as htmllib

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from kb import page_source, story_rules
from kb.site_layout import DEFAULT_LANGUAGE, source_for_page
from kb.source_checks import left_out, published_stories
from run import current_language, run_of

# Data

LISTING_MARKER = "<!-- stories -->"
NAV_SECTION = "Stories"

# Hooks


@event_priority(80)  # after hooks/bridge.py has staged the published stories
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    stories = published_stories(run_of(config))
    for entry in config.nav or []:
        if isinstance(entry, dict) and NAV_SECTION in entry:
            fixed = [page for page in entry[NAV_SECTION] if not (isinstance(page, str) and story_rules.is_story(page))]
            entry[NAV_SECTION] = fixed + stories
    return config


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    # Material shows `status` as a page-status icon; for stories it is the publication state.
    if "status" in page.meta and story_rules.is_story(getattr(page.file, "norm_src_uri", "")):
        page.meta["publication_status"] = page.meta.pop("status")
    if LISTING_MARKER not in markdown:
        return markdown
    run, lang = run_of(config), current_language(config)
    stories = []
    for path in published_stories(run):
        source = source_for_page(path, lang)  # the translation when it is built, else the English
        if source not in run.texts or source in left_out(run):
            source = source_for_page(path, DEFAULT_LANGUAGE)
        stories.append((path.removeprefix("stories/"), page_source.parse(run.texts[source]).meta))
    return markdown.replace(LISTING_MARKER, listing(stories, config.extra["kb"]["stories"]))


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    if not story_rules.is_story(getattr(page.file, "norm_src_uri", "")):
        return html
    # HTML, not the Markdown tree: the boxes come from the front matter, not from the text, and
    # are only put in whole, after the rendered title and at the end; nothing rendered is rewritten.
    labels = config.extra["kb"]["stories"]
    before, after = story_before(page.meta, labels), story_after(page.meta, labels)
    head, found, rest = html.partition("</h1>")
    if not found:
        return before + html + after
    return head + found + before + rest + after


# Helpers


def _e(value) -> str:
    return htmllib.escape(str(value), quote=True)


def _names(values, table: dict) -> str:
    return ", ".join(_e(table.get(value, value)) for value in values or [])


def story_before(meta: dict, labels: dict) -> str:
    consented = meta.get("basis") == "consent"
    title = labels["consent_title"] if consented else labels["composite_title"]
    text = labels["consent_text"] if consented else labels["composite_text"]
    rows = [
        (labels["content_warnings"], _names(meta.get("content_warnings"), labels["warnings"])),
        (labels["audience"], _names(meta.get("audience"), labels["audiences"])),
        (labels["themes"], _names(meta.get("themes"), labels["theme_names"])),
        (labels["stage"], _e(labels["stages"].get(meta.get("stage"), meta.get("stage", "")))),
    ]
    details = "".join(f"<dt>{_e(name)}</dt><dd>{value}</dd>" for name, value in rows)
    return (
        f'<div class="admonition note kb-story-about"><p class="admonition-title">{_e(title)}</p>'
        f"<p>{_e(text)}</p><p><strong>{_e(labels['context'])}:</strong> {_e(meta.get('context', ''))}</p></div>"
        '<div class="admonition warning kb-story-warnings">'
        f'<p class="admonition-title">{_e(labels["before_you_read"])}</p>'
        f'<dl class="kb-story-facts">{details}</dl></div>'
    )


def story_after(meta: dict, labels: dict) -> str:
    questions = "".join(f"<li>{_e(q)}</li>" for q in meta.get("discussion_questions") or [])
    notes = meta.get("facilitator_notes") or {}
    parts = "".join(
        f"<h3>{_e(labels[key])}</h3><p>{_e(notes[key])}</p>"
        for key in ("introduction", "triggers", "referral")
        if notes.get(key)
    )
    return (
        f'<h2 id="discussion-questions">{_e(labels["discussion"])}</h2><ol class="kb-discussion">{questions}</ol>'
        '<details class="note kb-facilitator-notes">'
        f"<summary>{_e(labels['facilitator_notes'])}</summary>{parts}</details>"
    )


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def listing(stories: list[tuple[str, dict]], labels: dict) -> str:
    """Markdown: a table of stories (link, audience, themes, warnings), then stories by theme."""
    rows = [
        f"| {labels['story']} | {labels['audience']} | {labels['themes']} | {labels['content_warnings']} |",
        "|---|---|---|---|",
    ]
    by_theme: dict[str, list[str]] = {}
    for name, meta in stories:
        link = f"[{_cell(str(meta.get('title', name)))}]({name})"
        audience = ", ".join(labels["audiences"].get(a, a) for a in meta.get("audience") or [])
        themes = ", ".join(labels["theme_names"].get(t, t) for t in meta.get("themes") or [])
        warnings = ", ".join(labels["warnings"].get(w, w) for w in meta.get("content_warnings") or [])
        rows.append(f"| {link} | {_cell(audience)} | {_cell(themes)} | {_cell(warnings)} |")
        for theme in meta.get("themes") or []:
            by_theme.setdefault(theme, []).append(link)
    lines = rows + ["", f"## {labels['by_theme']}", ""]
    for theme in story_rules.THEMES:
        if theme in by_theme:
            lines.append(f"- **{labels['theme_names'][theme]}**: {', '.join(by_theme[theme])}")
    return "\n".join(lines)
