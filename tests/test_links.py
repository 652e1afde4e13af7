"""Broken links are reported once, at the author's file and line, in every language."""

from __future__ import annotations

import pytest

from conftest import as_translation
from kb import link_rules

PAGE = "---\ntitle: T\ndescription: D.\n---\n\n# T\n\n{body}\n"
BUILT = {"manual/safety.md", "guides/stages/crisis.md", "stories/ilir.md", "img/map.png"}


@pytest.mark.parametrize(
    "page, body, expected",
    [
        ("manual/safety.md", "See [crisis](../guides/stages/crisis.md).", []),
        ("manual/safety.md", "See [crisis](../guides/stages/crisis.md#checklist).", []),
        ("manual/safety.md", "See [the web](https://example.org/) and [top](#top).", []),
        ("manual/safety.md", "![Map](../img/map.png)", []),
        ("manual/safety.md", "`[not a link](nowhere.md)` in code", []),
        (
            "manual/safety.md",
            "See [missing](missing.md).",
            [
                (
                    8,
                    "link 'missing.md' points to manual/missing.md, which is not built; "
                    "expected an existing (and, for stories, published) page",
                )
            ],
        ),
        (
            "guides/stages/crisis.md",
            "A [draft story](../../stories/draft.md).",
            [
                (
                    8,
                    "link '../../stories/draft.md' points to stories/draft.md, which is not built; "
                    "expected an existing (and, for stories, published) page",
                )
            ],
        ),
        (
            "manual/safety.md",
            "See [up](../../README.md).",
            [(8, "link '../../README.md' leaves the site; expected a page under docs/, guides/ or stories/")],
        ),
        (
            "manual/safety.md",
            "See [crisis](../guides/stages/crisis/).",
            [
                (
                    8,
                    "link '../guides/stages/crisis/' points to a URL, not a file; "
                    "expected a link to the page's .md file",
                )
            ],
        ),
        (
            "manual/safety.md",
            "```\n[in a fence](nowhere.md)\n```\n\n[real](nowhere.md)",
            [
                (
                    12,
                    "link 'nowhere.md' points to manual/nowhere.md, which is not built; "
                    "expected an existing (and, for stories, published) page",
                )
            ],
        ),
    ],
)
def test_links_are_resolved_against_built_pages(page, body, expected):
    problems = link_rules.find_problems(PAGE.format(body=body), page, BUILT.__contains__)
    assert [(p.line, p.message) for p in problems] == expected


def test_broken_link_in_a_translation_is_one_warning_at_its_line(build_small_site):
    files = {
        "docs/index.md": PAGE.format(body="Home."),
        "docs/manual/safety.md": PAGE.format(body="Safety."),
        "translations/sq/docs/manual/safety.md": as_translation(
            PAGE.format(body="Shih [krizën](../guides/stages/crisis.md).")
        ),
    }
    built = build_small_site(files)
    assert built.returncode == 1
    assert built.warnings == [
        "WARNING -  translations/sq/docs/manual/safety.md:10: link '../guides/stages/crisis.md' points to "
        "guides/stages/crisis.md, which is not built; expected an existing (and, for stories, published) page"
    ]
