"""Story publication policy, metadata and identifying patterns; story pages as facilitators see them."""

from __future__ import annotations

import gzip
import re
import zipfile

import pytest

from conftest import PROJECT, as_translation
from kb import story_rules

PUBLISHED = (PROJECT / "stories" / "marko.md").read_text("utf-8")


def with_front(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def lines_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.split("\n"), start=1) if needle in line)


@pytest.mark.parametrize(
    "name, change, field",
    [
        ("no basis", ("basis: composite\n", ""), "basis"),
        ("no content warnings", ("content_warnings: [child-abuse, family-separation]\n", ""), "content_warnings"),
        ("no audience", ("audience: [practitioners, adults, youth-16, youth-14]\n", ""), "audience"),
        ("no context", ("context: >-", "old_context: >-"), "context"),
        (
            "no risk check outcome",
            ("  outcome: Composite story; no real person can be identified.\n", ""),
            "risk_check.outcome",
        ),
        ("no facilitator referral", ("  referral: >-", "  other: >-"), "facilitator_notes.referral"),
        ("no next review", ("  next_review: 2027-11-22\n", ""), "review.next_review"),
    ],
)
def test_published_story_without_required_metadata_is_reported(name, change, field):
    text = with_front(PUBLISHED, *change)
    problems = story_rules.find_problems(text)
    assert [p.message for p in problems if f"'{field}'" in p.message] == [
        f"published story lacks '{field}'; expected {story_rules.REQUIRED[field]}"
    ]
    assert all(p.line >= 1 for p in problems)


def test_consented_story_needs_consent_with_scope():
    text = with_front(PUBLISHED, "basis: composite", "basis: consent")
    messages = [p.message for p in story_rules.find_problems(text)]
    for field in story_rules.CONSENT_REQUIRED:
        assert f"published story lacks '{field}'; expected {story_rules.CONSENT_REQUIRED[field]}" in messages


def test_unknown_values_are_reported_with_their_line():
    text = with_front(PUBLISHED, "audience: [practitioners, adults, youth-16, youth-14]", "audience: [children]")
    problems = story_rules.find_problems(text)
    assert [(p.line, p.message) for p in problems] == [
        (
            lines_of(text, "audience:"),
            "unknown audience value 'children'; expected one of practitioners, adults, youth-16, youth-14",
        )
    ]


@pytest.mark.parametrize(
    "line, kind",
    [
        ("You can write to her at drita.k@example.com any time.", "an e-mail address"),
        ("Call him on +389 70 123 456 after school.", "a phone number"),
        ("Her number was 069 555 1234.", "a phone number"),
        ("He posted it on https://social.example/arben.", "a web or social-media link"),
        ("Follow her on instagram.com/someone.", "a web or social-media link"),
        ("His handle was @marko_real.", "a web or social-media link"),
        ("It happened on 14.03.2019 in the evening.", "an exact date"),
        ("She was born on a Tuesday in spring.", "a date of birth"),
        ("His ID card said 1234567890123.", "an ID-like number"),
    ],
)
def test_identifying_patterns_in_a_published_story_are_reported(line, kind):
    text = PUBLISHED + "\n" + line + "\n"
    problems = story_rules.find_problems(text)
    assert len(problems) >= 1
    assert problems[-1].line == len(PUBLISHED.split("\n")) + 1
    assert problems[-1].message.startswith(f"{kind} (")


@pytest.mark.parametrize(
    "line",
    ["After eight months she found work.", "She was fourteen when it began.", "Three of the 12 people came back."],
)
def test_ordinary_story_text_is_not_flagged(line):
    assert story_rules.find_problems(PUBLISHED + "\n" + line + "\n") == []


def test_draft_story_is_not_checked():
    text = with_front(PUBLISHED, "status: published", "status: draft") + "\nmail me: a@b.cd\n"
    assert story_rules.find_problems(text) == []


def test_left_out_follows_the_english_story_and_withdrawn_translations():
    def story(status):
        return f"---\ntitle: T\nstatus: {status}\n---\n\n# T\n"

    stories = [
        ("stories/a.md", "stories/a.md", "en", story("published")),
        ("translations/sq/stories/a.md", "stories/a.md", "sq", story("published")),
        ("translations/mk/stories/a.md", "stories/a.md", "mk", story("withdrawn")),
        ("stories/b.md", "stories/b.md", "en", story("draft")),
        ("translations/sq/stories/b.md", "stories/b.md", "sq", story("published")),
        ("stories/c.md", "stories/c.md", "en", story("withdrawn")),
    ]
    assert story_rules.left_out(stories) == {
        "translations/mk/stories/a.md",
        "stories/b.md",
        "translations/sq/stories/b.md",
        "stories/c.md",
    }


# The built site


def text_of_pdf(path) -> str:
    import pypdfium2

    document = pypdfium2.PdfDocument(str(path))
    return "".join(document[i].get_textpage().get_text_range() for i in range(len(document)))


MARKER_DRAFT = "ZQX-DRAFT-MARKER-7731"
MARKER_WITHDRAWN = "ZQX-WITHDRAWN-MARKER-4410"


def unpublished(status: str, marker: str) -> str:
    return (
        PUBLISHED.replace("status: published", f"status: {status}").replace(
            'title: "Marko and the adults who noticed"', f'title: "{marker} title"'
        )
        + f"\n{marker} in the body.\n"
    )


@pytest.mark.browser
def test_draft_and_withdrawn_stories_leave_no_trace_in_any_output(build_small_site):
    files = {
        "docs/index.md": "---\ntitle: Home\ndescription: Home.\n---\n\n# Home\n",
        "stories/index.md": (PROJECT / "stories" / "index.md").read_text("utf-8"),
        "guides/workshops.md": "---\ntitle: Workshops\ndescription: Workshops.\n---\n\n# Workshops\n",
        "stories/marko.md": PUBLISHED,
        "stories/draft-story.md": unpublished("draft", MARKER_DRAFT),
        "stories/gone.md": unpublished("withdrawn", MARKER_WITHDRAWN),
        "translations/sq/stories/draft-story.md": as_translation(unpublished("published", MARKER_DRAFT)),
        "translations/bs/stories/gone.md": as_translation(unpublished("withdrawn", MARKER_WITHDRAWN)),
    }
    built = build_small_site(files, nav=[{"Home": "index.md"}, {"Stories": ["stories/index.md"]}], pdfs=True)
    assert built.returncode == 0, built.log
    assert "Marko and the adults who noticed" in built.html("stories/")
    assert (built.site / "sq" / "stories" / "marko" / "index.html").is_file()
    archives = pdfs = 0
    for path in built.site.rglob("*"):
        if not path.is_file():
            continue
        contents = [path.read_bytes()]
        if path.suffix == ".gz":
            contents = [gzip.decompress(contents[0])]
        elif path.suffix == ".pdf":
            pdfs += 1
            contents = [text_of_pdf(path).encode("utf-8")]
        elif path.suffix == ".zip":
            archives += 1
            with zipfile.ZipFile(path) as archive:
                contents = [archive.read(name) for name in archive.namelist()]
        for data in contents:
            assert MARKER_DRAFT.encode() not in data, path
            assert MARKER_WITHDRAWN.encode() not in data, path
    assert archives == 4
    assert pdfs == 20  # in four languages: Marko's handout and notes, the workshops guide, the two story booklets
    assert (built.site / "sq" / "pdf" / "story-marko.pdf").is_file()
    assert not list(built.site.rglob("draft-story*")) and not list(built.site.rglob("gone*"))


def test_story_page_shows_warnings_before_and_questions_after_in_each_language(site):
    for prefix, warning, question in (
        ("", "Content warnings", "Discussion questions"),
        ("sq/", "Paralajmërime për përmbajtjen", "Pyetje për diskutim"),
        ("mk/", "Предупредувања за содржината", "Прашања за дискусија"),
        ("bs/", "Upozorenja o sadržaju", "Pitanja za diskusiju"),
    ):
        html = site.html(prefix + "stories/marko/")
        story_start = html.index("</h1>")
        assert story_start < html.index(warning) < html.index("kb-story-warnings") + 2000
        body = re.search(r'kb-story-warnings.*?</div>(.*?)<h2 id="discussion-questions">', html, re.S).group(1)
        assert len(body) > 2000  # the story itself sits between the warnings and the questions
        assert html.index(question) > html.index("kb-story-warnings")
        assert "md-status" not in html


def test_stories_index_lists_every_published_story_with_audience(site):
    html = site.html("stories/")
    for name in ("ilir", "drita", "marko", "vesna", "elira", "sanja", "amra", "luka"):
        assert f'href="{name}/"' in html, name
    assert "Young people 16+" in html and "Stories by theme" in html
    assert "Млади 16+" in site.html("mk/stories/")
