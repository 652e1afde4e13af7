"""Hook: tables that a phone can show, so no page ever scrolls sideways as a whole.

On a narrow screen a table of three or more columns is shown as stacked rows, each cell
under its column's header (the `@media screen` rules for tables in
overrides/assets/stylesheets/kb.css); a two-column table (item and details) fits as it is.
CSS cannot read a cell's header, so the build writes it on each cell,
`<td data-label="Indicator">`, and marks the tables to reflow: `<table data-kb-reflow>`. The
table stays a real table for screen readers, on wider screens and in print.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from mkdocs.config.defaults import MkDocsConfig

# Data

REFLOW_MIN_COLUMNS = 3

# Hooks


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if not any(isinstance(extension, TableLabels) for extension in config.markdown_extensions):
        config.markdown_extensions.append(TableLabels())
    return config


# Helpers


def label_table(table: etree.Element) -> None:
    """Write each column's header text on the table's body cells; mark wide tables to reflow."""
    header_row = table.find("thead/tr")
    if header_row is None:
        return
    headers = [" ".join("".join(cell.itertext()).split()) for cell in header_row]
    if len(headers) >= REFLOW_MIN_COLUMNS:
        table.set("data-kb-reflow", "")
    for row in table.iterfind("tbody/tr"):
        for header, cell in zip(headers, row):
            if header:
                cell.set("data-label", header)


class _LabelTables(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for table in root.iter("table"):
            label_table(table)


class TableLabels(Extension):
    """Python-Markdown extension: label every table's cells with their column headers."""

    def extendMarkdown(self, md: Markdown) -> None:
        # After the inline patterns (priority 20), so headers hold their final text.
        md.treeprocessors.register(_LabelTables(md), "kb_table_labels", 6)
