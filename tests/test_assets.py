"""The project's stylesheet and scripts reach readers without comments or indentation."""

from __future__ import annotations

import pytest

from conftest import PROJECT
from kb.minify import minified


@pytest.mark.parametrize(
    "source, expected",
    [
        ("/* why */\n.a {\n  color: red; /* really */\n}\n", ".a {\ncolor: red;\n}\n"),
        (
            "/*! licence */\nvar a = 1;\n\n\n  // a line comment stays\nb();\n",
            "/*! licence */\nvar a = 1;\n// a line comment stays\nb();\n",
        ),
        ("/* a comment\n   over lines */\nx();\n", "x();\n"),
    ],
    ids=["css", "js with licence", "multi-line"],
)
def test_minified_drops_comments_and_indentation_only(source, expected):
    assert minified(source) == expected


def test_the_built_site_serves_the_minified_project_assets(site):
    source = (PROJECT / "overrides/assets/stylesheets/kb.css").read_text("utf-8")
    built = (site.site / "assets/stylesheets/kb.css").read_text("utf-8")
    assert built == minified(source) and "/*" not in built
    for script in (PROJECT / "overrides/assets/javascripts").glob("kb-*.js"):
        assert (site.site / "assets/javascripts" / script.name).read_text("utf-8") == minified(
            script.read_text("utf-8")
        )
    assert len(built) < 0.7 * len(source)
