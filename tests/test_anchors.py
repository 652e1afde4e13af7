"""Heading anchors people can read and share: Macedonian headings are romanised, the other
languages' anchors stay as Python-Markdown makes them."""

from __future__ import annotations

import re

import pytest

from anchors import slugify


@pytest.mark.parametrize(
    ("heading", "anchor"),
    [
        ("Преглед", "pregled"),
        ("Што може да чувствува лицето", "shto-mozhe-da-chuvstvuva-liceto"),
        ("Ѓорѓи, Ќе, Ѕвезда, Џеб, Љубов, Њива", "gjorgji-kje-dzvezda-dzheb-ljubov-njiva"),
        ("Checklist for practitioners", "checklist-for-practitioners"),
        ("Çfarë mund të ndiejë personi", "cfare-mund-te-ndieje-personi"),
        ("Šta osoba može osjećati", "sta-osoba-moze-osjecati"),
        ("Фаза 1: криза (0–3 месеци)", "faza-1-kriza-03-meseci"),
    ],
)
def test_slugify_romanises_cyrillic_and_keeps_latin_anchors(heading, anchor):
    assert slugify(heading, "-") == anchor


def test_macedonian_pages_have_readable_anchors(site):
    html = site.html("mk/guides/stages/crisis/")
    assert '<h2 id="pregled"' in html
    assert 'href="#pregled"' in html  # the table of contents follows
    numbered = [
        path for path in (site.site / "mk").rglob("*.html") if re.search(r'<h[1-6] id="_\d+"', path.read_text("utf-8"))
    ]
    assert numbered == []


def test_other_languages_keep_their_anchors(site):
    assert '<h2 id="permbledhje"' in site.html("sq/guides/stages/crisis/")
    assert '<h2 id="pregled"' in site.html("bs/guides/stages/crisis/")
