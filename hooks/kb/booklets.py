"""Story booklets for workshops, one pair per language, made from the built story pages.

- the participants' booklet: a cover, a short introduction for readers (composite stories,
  nobody has to share their own experience, where to find help), then every published story
  with its composite notice, content warnings, the story and its questions; never the
  facilitator notes;
- the facilitators' booklet: the workshop guide (how to use the stories), then for every story
  its warnings, audience, themes, context, discussion questions and facilitator notes.

Both hold the stories in the order of the stories index, each on a new page. Only built pages
go in, and only published, non-withdrawn stories are built (hooks/bridge.py), so a withdrawn
story leaves both booklets at the next build. Plain functions: built HTML in, HTML out.
"""

from __future__ import annotations

import html as htmllib
import re

from kb import printables

# Data

# The story page's own parts (hooks/stories.py writes them).
_WARNINGS = re.compile(r'<div class="admonition warning kb-story-warnings">.*?</dl></div>', re.S)
_ABOUT = re.compile(r'<div class="admonition note kb-story-about">.*?</div>', re.S)
_QUESTIONS = re.compile(r'<h2 id="discussion-questions">.*?</ol>', re.S)
_NOTES = re.compile(r'<details class="note kb-facilitator-notes"><summary>(.*?)</summary>(.*?)</details>', re.S)
_H1 = re.compile(r"<h1[^>]*>.*?</h1>", re.S)

# Helpers


def _part(content: str, css: str) -> str:
    return f'<section class="kb-pdf__part {css}">{content}</section>'


def introduction(labels: dict) -> str:
    """The participants' introduction: a heading and its paragraphs, from strings/<lang>.yml."""
    paragraphs = "".join(f"<p>{htmllib.escape(text)}</p>" for text in labels["paragraphs"])
    return _part(f"<h1>{htmllib.escape(labels['title'])}</h1>{paragraphs}", "kb-booklet__intro")


def participants(story_pages: list[str], intro: dict) -> str:
    """The participants' booklet body: the introduction, then each story as its page shows it
    to participants (printables.article drops the facilitator notes)."""
    stories = "".join(_part(printables.article(html), "kb-booklet__story") for html in story_pages)
    return printables.first_notices_only(introduction(intro) + stories)


def facilitator_sheet(html: str) -> str:
    """What a facilitator needs of one story: title, warnings with audience, themes and stage,
    the context, the discussion questions and the notes (shown open, as plain sections)."""
    content = printables.article(html)
    title = _H1.search(content)
    found = {pattern: pattern.search(html) for pattern in (_WARNINGS, _ABOUT, _QUESTIONS)}
    notes = _NOTES.search(html)
    notes_html = f"<h2>{notes.group(1)}</h2>{notes.group(2)}" if notes else ""
    parts = [found[p].group(0) if found[p] else "" for p in (_WARNINGS, _ABOUT, _QUESTIONS)]
    return (title.group(0) if title else "") + "".join(parts) + notes_html


def facilitators(guide_page: str, story_pages: list[str]) -> str:
    """The facilitators' booklet body: the workshop guide, then one sheet per story."""
    guide = _part(printables.article(guide_page), "kb-booklet__guide")
    sheets = "".join(_part(facilitator_sheet(html), "kb-booklet__story kb-booklet__sheet") for html in story_pages)
    return printables.first_notices_only(guide + sheets)
