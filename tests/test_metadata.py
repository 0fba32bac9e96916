"""Article metadata read from page text: labelled pages (tests/cases/normalize_metadata.json, check "metadata")
and the date parser."""

import datetime as dt

import pytest
from hypothesis import given, settings, strategies as st

from pipeline.text.lines import find_date, is_byline
from pipeline.text.metadata import extract_metadata

from casefiles import cases


@pytest.mark.parametrize("case", cases("metadata"))
def test_metadata_case(case):
    """The page's title, publication date, author and publisher are the expected ones (null: none found)."""
    meta = extract_metadata(case["input"]["text"])
    published = meta["published"].isoformat() if meta["published"] else None
    expect = case["expect"]
    assert (meta["title"], published, meta["author"], meta["publisher"]) == (
        expect["title"], expect["published"], expect["author"], expect["publisher"])


@pytest.mark.parametrize("line, expect", [
    ("Jan 10, 2022", dt.date(2022, 1, 10)),
    ("Monday, January 10, 2022", dt.date(2022, 1, 10)),
    ("17.05.2022 01:36", dt.date(2022, 5, 17)),
    ("2023-03-04T10:00", dt.date(2023, 3, 4)),
    ("2023/03/04 10:00", dt.date(2023, 3, 4)),
    ("2023.3.4", dt.date(2023, 3, 4)),
    ("2023-03/04", None),
    ("Published 4 March 2023, 10:15", dt.date(2023, 3, 4)),
    ("Sept. 3rd, 2021", dt.date(2021, 9, 3)),
    ("25/12/2021", dt.date(2021, 12, 25)),
    ("12/25/2021", dt.date(2021, 12, 25)),
    ("10 January 08:28", None),
    ("5/6/2022", dt.date(2022, 6, 5)),
    ("05-03-2026 14:22", dt.date(2026, 3, 5)),
    ("31.02.2022", None),
    ("May 2024", None),
    ("in 2022 prices rose", None),
])
def test_find_date(line, expect):
    assert find_date(line) == expect


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 12, 31)))
@settings(max_examples=200, deadline=None)
def test_find_date_reads_common_formats(day):
    for fmt in ("%b %d, %Y", "%A, %B %d, %Y", "%d.%m.%Y %H:%M", "%Y-%m-%d", "%d %B %Y"):
        assert find_date(day.strftime(fmt)) == day


@pytest.mark.parametrize("line, expect", [
    ("By Jane Roe", True), ("BY JOHN SMITH", True), ("Own. corr. ABC", True), ("Author: Jane Roe", True),
    ("By then, all was over.", False), ("By January 9, troops arrived.", False),
    ("By Tuesday, Mr Smith had left.", False), ("By Monday", False), ("By Anna Lee and Tom Hill", True),
    ("By Jordan Roe | jroe@example.com", True), ("Jane Roe, Health correspondent", True),
])
def test_is_byline(line, expect):
    assert is_byline(line) == expect


@given(st.text(max_size=200))
@settings(max_examples=200, deadline=None)
def test_metadata_never_crashes_and_has_the_right_types(text):
    meta = extract_metadata(text)
    assert set(meta) == {"title", "published", "author", "publisher"}
    assert meta["published"] is None or isinstance(meta["published"], dt.date)
    for key in ("title", "author", "publisher"):
        assert meta[key] is None or (isinstance(meta[key], str) and meta[key].strip() == meta[key] and meta[key])
