"""The run's reading of the project (hooks/kb/run.py): languages from mkdocs.yml, the one
version date, sources read again only when they changed."""

from __future__ import annotations

import os

import pytest
import yaml

from conftest import PROJECT
from kb.run import NoVersionDate, SourceReader, configured_languages, version_time, zip_date


def test_languages_are_the_i18n_plugins_with_the_default_first(tmp_path):
    config = {
        "plugins": [
            {"search": {}},
            {
                "i18n": {
                    "languages": [
                        {"locale": "sq", "name": "Shqip"},
                        {"locale": "en", "name": "English", "default": True},
                        {"locale": "mk", "name": "M"},
                    ]
                }
            },
        ]
    }
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(config) + "site_url: !ENV [SITE_URL, null]\n", "utf-8")
    assert configured_languages(tmp_path) == ("en", "sq", "mk")
    assert configured_languages(PROJECT)[0] == "en"


@pytest.mark.parametrize(
    "value, expected",
    [("1764547200", 1764547200), (" 1764547200 ", 1764547200), ("315532800", 315532800)],
)
def test_source_date_epoch_decides(tmp_path, value, expected):
    assert version_time(tmp_path, {"SOURCE_DATE_EPOCH": value}) == expected


@pytest.mark.parametrize("value", ["yesterday", "-5", "0", "315532799"])
def test_source_date_epoch_that_no_zip_can_carry_stops(tmp_path, value):
    with pytest.raises(NoVersionDate, match="SOURCE_DATE_EPOCH"):
        version_time(tmp_path, {"SOURCE_DATE_EPOCH": value})


def test_without_date_or_history_the_newest_authored_file_decides_never_the_clock(tmp_path):
    for name, stamp in (("docs/index.md", 1700000000), ("strings/en.yml", 1750000000), ("README.md", 1790000000)):
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x", "utf-8")
        os.utime(path, (stamp, stamp))
    assert version_time(tmp_path, {}) == 1750000000  # README.md is no content


def test_without_any_date_the_run_stops_with_what_to_set(tmp_path):
    with pytest.raises(NoVersionDate, match="no SOURCE_DATE_EPOCH, no git commit"):
        version_time(tmp_path, {})


def test_zip_dates_count_seconds_in_twos():
    assert zip_date(1764547201) == (2025, 12, 1, 0, 0, 0)


def test_a_source_is_read_again_only_when_it_changed(tmp_path):
    path = tmp_path / "page.md"
    path.write_text("one", "utf-8")
    reader = SourceReader()
    assert reader.read(path) == b"one"
    path.write_bytes(b"two")
    os.utime(path, ns=(0, 5_000_000_000))  # same size: the changed time tells
    first = reader.read(path)
    assert first == b"two"
    assert reader.read(path) is first  # unchanged: the bytes kept, not read again
