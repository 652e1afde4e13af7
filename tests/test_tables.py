"""Tables labelled for phones (hooks/tables.py): each body cell carries its column's header,
and tables of three or more columns are marked to be shown as stacked rows on narrow screens."""

from __future__ import annotations

import re

import markdown
import pytest

from tables import TableLabels

CASES = [
    (
        "three columns: every cell labelled, the table reflows",
        "| Area | Indicator | Status now |\n|---|---|---|\n| Housing | | |\n",
        True,
        [("Area", "Housing"), ("Indicator", ""), ("Status now", "")],
    ),
    (
        "two columns (item and details): labelled, but the table stays a table",
        "| Item | Details |\n|---|---|\n| Case code | |\n",
        False,
        [("Item", "Case code"), ("Details", "")],
    ),
    (
        "a header with inline markup is labelled with its plain text",
        "| **Story** | Suitable *for* | Warnings |\n|---|---|---|\n| [Amra](amra.md) | Adults | Work |\n",
        True,
        [("Story", '<a href="amra.md">Amra</a>'), ("Suitable for", "Adults"), ("Warnings", "Work")],
    ),
    (
        "an empty header gives its cells no label",
        "| | Name | Date |\n|---|---|---|\n| The person | | |\n",
        True,
        [(None, "The person"), ("Name", ""), ("Date", "")],
    ),
]


@pytest.mark.parametrize("name, text, reflows, cells", CASES, ids=[case[0] for case in CASES])
def test_cells_carry_their_column_header(name, text, reflows, cells):
    html = markdown.markdown(text, extensions=["tables", TableLabels()])
    assert ("data-kb-reflow" in html) is reflows
    found = re.findall(r'<td(?: data-label="([^"]*)")?>(.*?)</td>', html)
    assert found == [(label or "", content) for label, content in cells]
