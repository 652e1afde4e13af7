"""Each language's glossary in its own alphabetical order (sources keep the English order)."""

from __future__ import annotations

import html as html_lib
import re

import pytest

from glossary import collation_key, sort_entries


@pytest.mark.parametrize(
    ("lang", "unsorted", "expected"),
    [
        (
            "en",
            ["Crisis intervention", "Case manager", "Crisis / transition phase"],
            ["Case manager", "Crisis / transition phase", "Crisis intervention"],
        ),
        # Albanian digraphs are letters of their own: s < sh < t, n < nj, l < ll; e < ë.
        (
            "sq",
            ["Shërbimi", "Strehëz", "Njësi", "Ndihmë", "Pëlqim", "Person"],
            ["Ndihmë", "Njësi", "Person", "Pëlqim", "Strehëz", "Shërbimi"],
        ),
        ("sq", ["Çështje", "Dhunë", "Dokument", "Cak"], ["Cak", "Çështje", "Dokument", "Dhunë"]),
        # Bosnian: c < č < ć < d < dž < đ; l < lj; z < ž.
        (
            "bs",
            ["Žrtva", "Zakon", "Ćutanje", "Čas", "Cilj", "Đak", "Džep", "Dom", "Ljudi", "Lice"],
            ["Cilj", "Čas", "Ćutanje", "Dom", "Džep", "Đak", "Lice", "Ljudi", "Zakon", "Žrtva"],
        ),
        # Macedonian: д < ѓ < е, з < ѕ < и, т < ќ < у, and ј, љ, њ, џ in their places.
        (
            "mk",
            ["Ќе", "Ѓоре", "Ѕид", "Џеб", "Тело", "Дом", "Упатување", "Зајак", "Ирис"],
            ["Дом", "Ѓоре", "Зајак", "Ѕид", "Ирис", "Тело", "Ќе", "Упатување", "Џеб"],
        ),
    ],
)
def test_collation_follows_each_alphabet(lang, unsorted, expected):
    assert sorted(unsorted, key=lambda term: collation_key(term, lang)) == expected


def test_sort_entries_moves_whole_entries_and_keeps_everything_else():
    page = (
        "# Glossary\n\nIntro.\n\n## Terms\n\n### Beta\n\nB text.\n\nMore B.\n\n### Alpha\n\nA text.\n## References\n"
        "\n- [S1] x\n"
    )
    assert sort_entries(page, "en") == (
        "# Glossary\n\nIntro.\n\n## Terms\n\n### Alpha\n\nA text.\n\n### Beta\n\nB text.\n\nMore B.\n\n"
        "## References\n\n- [S1] x\n"
    )


@pytest.mark.parametrize("lang", ["en", "sq", "mk", "bs"])
def test_built_glossaries_are_in_alphabetical_order(site, lang):
    html = site.html(("" if lang == "en" else f"{lang}/") + "glossary/")
    terms = [
        html_lib.unescape(re.sub(r"<[^>]+>", "", term))
        for term in re.findall(r'<h3 id="[^"]*">(.*?)<a class="headerlink"', html)
    ]
    assert terms == sorted(terms, key=lambda term: collation_key(term, lang))
    source = (site.root / ("docs" if lang == "en" else f"translations/{lang}/docs") / "glossary.md").read_text("utf-8")
    in_source_order = [line[4:] for line in source.splitlines() if line.startswith("### ")]
    assert sorted(terms) == sorted(in_source_order)  # every term of the source, once
    if lang != "en":  # the translated source keeps the English order, so sorting changed it
        assert terms != in_source_order
