"""The English knowledge base keeps its size and shape: a regression here fails CI."""

from __future__ import annotations

import re

import pytest

from conftest import PROJECT
from kb import checklist_rules, page_source, story_rules

MANUAL_CHAPTERS = (
    "introduction",
    "models",
    "identification",
    "safety",
    "social-support",
    "psychological-support",
    "medical-care",
    "legal-support",
    "reintegration-plan",
    "education-and-employment",
    "children",
    "monitoring",
    "assessing-success",
    "templates",
)
CHAPTER_SECTIONS = ["What it is", "Why it matters", "How to do it", "Pitfalls", "Practice example", "References"]
STAGES = {"crisis": "1", "transition": "2", "reintegration": "3"}
STAGE_SECTIONS = [
    "Overview",
    "Feelings and behaviours",
    "Assistance typically needed and provided",
    "Checklist for practitioners",
    "References",
]


def read(path: str) -> page_source.PageSource:
    return page_source.parse((PROJECT / path).read_text("utf-8"))


def words(text: str) -> int:
    """Words a reader reads: Markdown marks, link targets and table rules left out."""
    text = re.sub(r"\]\([^)]*\)", "]", text)
    return len(re.findall(r"[^\W\d_][\w'’-]*", text))


def sections(body: str) -> list[str]:
    return [re.sub(r"\s*\{[^}]*\}\s*$", "", title) for title in re.findall(r"^## (.+)$", body, re.M)]


def test_manual_chapters_have_a_title_a_description_and_15000_words_in_all():
    total = 0
    for chapter in MANUAL_CHAPTERS:
        source = read(f"docs/manual/{chapter}.md")
        assert source.meta["title"] and source.meta["description"], chapter
        total += words(source.body)
    assert total >= 15_000, total


@pytest.mark.parametrize("chapter", MANUAL_CHAPTERS[:-1])
def test_each_chapter_has_what_why_how_pitfalls_example_references(chapter):
    found = sections(read(f"docs/manual/{chapter}.md").body)
    assert [s for s in found if s in CHAPTER_SECTIONS] == CHAPTER_SECTIONS, found
    assert words(read(f"docs/manual/{chapter}.md").body) >= 1_000


def test_templates_annex_has_plan_consent_and_monitoring_templates():
    body = read("docs/manual/templates.md").body.lower()
    for template in ("plan", "consent", "monitoring"):
        assert re.search(rf"^## .*{template}", body, re.M), template


def test_stage_guide_has_at_least_6000_words():
    total = sum(words(read(f"guides/stages/{name}.md").body) for name in ("index", *STAGES))
    assert total >= 6_000, total


@pytest.mark.parametrize("stage, prefix", STAGES.items())
def test_each_stage_page_has_sections_in_order_and_a_checklist_of_12_items_in_5_groups(stage, prefix):
    text = (PROJECT / f"guides/stages/{stage}.md").read_text("utf-8")
    assert sections(page_source.parse(text).body) == STAGE_SECTIONS
    checklist = checklist_rules.parse(text).checklist
    assert checklist.prefix == prefix
    assert len(checklist.groups) >= 5
    assert checklist.item_count >= 12


@pytest.mark.parametrize("guide", ["children-of-victims", "mentoring"])
def test_children_and_mentoring_guides_have_2500_words_and_end_with_a_checklist(guide):
    text = (PROJECT / f"guides/{guide}.md").read_text("utf-8")
    source = page_source.parse(text)
    assert words(source.body) >= 2_500
    assert sections(source.body)[-2:] == ["Checklist for practitioners", "References"]
    checklist = checklist_rules.parse(text).checklist
    assert len(checklist.groups) >= 3 and checklist.item_count >= 8


def test_every_checklist_item_starts_with_a_capitalised_verb_and_fits_two_lines():
    for path in [
        "guides/stages/crisis.md",
        "guides/stages/transition.md",
        "guides/stages/reintegration.md",
        "guides/children-of-victims.md",
        "guides/mentoring.md",
    ]:
        for number, item in checklist_rules.parse((PROJECT / path).read_text("utf-8")).checklist.numbered_items():
            text = checklist_rules.plain_text(item.text)
            assert re.match(r"[A-Z][a-z]+\b", text), (path, number, text)
            assert not re.match(r"(The|A|An|This|It|Their|Your)\b", text), (path, number, text)
            assert len(text) <= checklist_rules.MAX_ITEM_LENGTH


STORIES = sorted(p.stem for p in (PROJECT / "stories").glob("*.md") if p.stem != "index")


def test_at_least_8_stories_covering_the_required_paths():
    assert len(STORIES) >= 8
    themes = set()
    for name in STORIES:
        themes.update(read(f"stories/{name}.md").meta["themes"])
    for theme in (
        "labour-exploitation",
        "sexual-exploitation",
        "begging",
        "return",
        "re-trafficking",
        "mentoring",
        "social-enterprise",
        "children-of-victims",
    ):
        assert theme in themes, theme


@pytest.mark.parametrize("name", STORIES)
def test_story_length_and_ethics_metadata(name):
    source = read(f"stories/{name}.md")
    assert 500 <= words(source.body) <= 1_000, words(source.body)
    assert source.meta["status"] == "published"
    assert source.meta["basis"] == "composite"
    for field in story_rules.REQUIRED:
        value = source.meta
        for key in field.split("."):
            value = value[key]
        assert value is not None and value != [], field
    assert len(source.meta["discussion_questions"]) >= 3
    assert story_rules.find_problems((PROJECT / f"stories/{name}.md").read_text("utf-8")) == []


def test_stories_never_publish_youth_14_with_sexual_content():
    for name in STORIES:
        meta = read(f"stories/{name}.md").meta
        if {"sexual-exploitation", "sexual-violence"} & set(meta["content_warnings"]):
            assert "youth-14" not in meta["audience"], name


def test_site_pages_exist_for_workshops_glossary_and_about():
    for path, minimum in (("guides/workshops.md", 1_500), ("docs/glossary.md", 800), ("docs/about.md", 400)):
        assert words(read(path).body) >= minimum, path
    glossary = read("docs/glossary.md").body
    for term in ("National Referral Mechanism", "Reintegration", "Informed consent", "Re-trafficking"):
        assert f"### {term}" in glossary, term


def test_every_page_has_a_title_and_a_description():
    for path in (
        sorted(PROJECT.glob("docs/**/*.md"))
        + sorted(PROJECT.glob("guides/**/*.md"))
        + sorted(PROJECT.glob("stories/*.md"))
    ):
        meta = page_source.parse(path.read_text("utf-8")).meta
        assert meta.get("title") and meta.get("description"), path


def test_figures_cite_sources_listed_in_references():
    for path in sorted(PROJECT.glob("docs/manual/*.md")) + sorted(PROJECT.glob("guides/**/*.md")):
        body = page_source.parse(path.read_text("utf-8")).body
        cited = set(re.findall(r"\[(S\d+)\]", body.split("## References")[0]))
        if cited:
            references = body.split("## References")[-1]
            for source in cited:
                assert f"[{source}]" in references, (path.name, source)
