"""Tests of pipeline.speakers.dates: date expressions and the choice of a statement date."""

from __future__ import annotations

import datetime as dt
import doctest

import pytest
from hypothesis import given, strategies as st

import pipeline.speakers.dates as dates

from casefiles import cases

PUB = dt.date(2022, 1, 10)  # a Monday


def test_doctests():
    result = doctest.testmod(dates)
    assert result.attempted > 5
    assert result.failed == 0


@pytest.mark.parametrize("text, expected", [
    ("on January 6", dt.date(2022, 1, 6)),
    ("on 6 January", dt.date(2022, 1, 6)),
    ("on Jan. 6", dt.date(2022, 1, 6)),
    ("on December 28", dt.date(2021, 12, 28)),
    ("on Friday", dt.date(2022, 1, 7)),
    ("yesterday", dt.date(2022, 1, 9)),
    ("on 3 March 2019", dt.date(2019, 3, 3)),
    ("in late December", None),
    ("two years ago", None),
])
def test_date_mentions(text, expected):
    [m] = dates.date_mentions(f"He spoke {text} at the forum.", PUB)
    assert m.date == expected


def test_no_date_in_plain_numbers():
    assert dates.date_mentions("The 30-year history of 376 billion dollars", PUB) == []


@given(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2040, 12, 31)),
       st.sampled_from(dates.WEEKDAYS))
def test_weekday_is_within_the_week_before_publication(published, weekday):
    d = dates.resolve_weekday(weekday, published)
    assert 0 <= (published - d).days < 7
    assert d.weekday() == dates.WEEKDAYS.index(weekday)


@given(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2040, 12, 31)),
       st.integers(1, 12), st.integers(1, 28))
def test_month_day_never_far_after_publication(published, month, day):
    d = dates.resolve_month_day(month, day, published)
    assert (d - published).days <= 31
    assert (d.month, d.day) == (month, day)


def test_statement_date_prefers_the_clause():
    text = "On May 2, the minister met donors. “We need more,” she said on May 4."
    clause = (text.index("she"), len(text))
    assert dates.statement_date(text, dt.date(2022, 5, 9), clause, (0, len(text))) == (dt.date(2022, 5, 4), "stated")


def test_statement_date_vague_is_stated_without_date():
    text = "In early May, the minister announced cuts."
    assert dates.statement_date(text, dt.date(2022, 5, 20), (0, len(text)), (0, len(text))) == (None, "stated")


def test_previous_quote_date_carries_over():
    text = "“More,” she added."
    got = dates.statement_date(text, dt.date(2022, 5, 20), (7, len(text)), (0, len(text)), previous=(dt.date(2022, 5, 4), "stated"))
    assert got == (dt.date(2022, 5, 4), "stated")


def test_event_date():
    assert dates.event_date("The summit, held on May 16, ended. Nothing else.", dt.date(2022, 5, 17)) == dt.date(2022, 5, 16)


def _iso(d):
    return d.isoformat() if d is not None else None


@pytest.mark.parametrize("case", cases("date_mentions"))
def test_date_mention_case(case):
    """The statement dates found in the text, in order (null: a vague one; []: none)."""
    given = case["input"]
    found = dates.date_mentions(given["text"], dt.date.fromisoformat(given["published"]))
    assert [_iso(m.date) for m in found] == case["expect"]


@pytest.mark.parametrize("case", cases("statement_dates"))
def test_statement_date_case(case):
    """The date and basis of the statement made in ``input.clause``."""
    text, clause = case["input"]["text"], case["input"]["clause"]
    cs = text.index(clause)
    published = dt.date.fromisoformat(case["input"]["published"]) if case["input"]["published"] else None
    got = dates.statement_date(text, published, (cs, cs + len(clause)), (0, len(text)))
    assert (_iso(got[0]), got[1]) == (case["expect"]["date"], case["expect"]["basis"])


def test_background_dates_are_kept_on_request():
    text = "The union has opposed the plan since June 4, 2025."
    assert dates.date_mentions(text, dt.date(2026, 3, 9)) == []
    [m] = dates.date_mentions(text, dt.date(2026, 3, 9), background=True)
    assert m.date == dt.date(2025, 6, 4)


@given(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2040, 12, 31)),
       st.sampled_from(dates.WEEKDAYS))
def test_last_weekday_is_strictly_before_publication(published, weekday):
    d = dates.resolve_weekday(weekday, published, strictly_before=True)
    assert 1 <= (published - d).days <= 7
    assert d.weekday() == dates.WEEKDAYS.index(weekday)


@given(st.text(max_size=120), st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2040, 12, 31)))
def test_statement_dates_are_never_after_publication(text, published):
    for m in dates.date_mentions(text, published):
        assert 0 <= m.start < m.end <= len(text)
        assert m.date is None or m.date <= published


@pytest.mark.parametrize("text, expected", [
    # Indian business daily: the lede dates the signing that later quotes were said at
    ("Business\n\nThe two countries on Monday agreed to jointly study three hydropower sites in the mountains, officials said.\n\n"
     "Speaking after the signing, the minister said more sites would follow.", dt.date(2026, 3, 9)),
    # US wire: a bare weekday in the lede
    ("The city council voted Tuesday to raise bus fares by 25 cents, the mayor's office said in a statement.", dt.date(2026, 3, 10)),
    # no public act in the lede: the weather is no scene of speech
    ("Heavy rain on Monday flooded dozens of homes in the valley and closed the main road for several hours.", None),
    # the lede gives two days: no single event date
    ("Talks that opened on Monday ended on Wednesday without a deal, negotiators from both sides said.", None),
    # the lede speaks of the future
    ("The council will vote on Thursday on a plan to close three libraries, the leader said in a letter.", None),
])
def test_lede_date(text, expected):
    assert dates.lede_date(text, dt.date(2026, 3, 12)) == expected


def test_event_date_falls_back_on_the_lede_only_without_dated_events():
    lede = "The two countries on Monday agreed to jointly study three hydropower sites in the mountains, officials said."
    assert dates.event_date(lede, dt.date(2026, 3, 12)) == dt.date(2026, 3, 9)
    two = lede + "\n\nThe summit was held on May 3. The meeting on May 5 ended early."
    assert dates.event_date(two, dt.date(2026, 5, 12)) is None


@pytest.mark.parametrize("text, day", [
    ("Dam deal signed\n\nTBILISI, June 3 (Caspian Wire) - Georgia signed a deal on the new dam.", (6, 3)),
    ("Flood warning\n\nLYON, 14 Feb. - Rivers rose overnight across the region, officials said.", (2, 14)),
    ("Port strike ends\n\nMOMBASA, Kenya, Sept 9 (Coast Newswire) — Dock workers went back to work.", (9, 9)),
    ("Strike ends\n\nDock workers went back to work on Sept 9, the union said.", None),
    ("Strike ends\n\nLONDON, March 3, 2024 - Dock workers went back to work.", None),
])
def test_dateline_day(text, day):
    got = dates.dateline_day(text)
    if day is None:
        assert got is None
    else:
        assert dates.is_yearless(got) and (got.month, got.day) == day


def test_undated_article_under_a_dateline_dates_quotes_by_that_day():
    import sys
    from pathlib import Path as _P
    sys.path.insert(0, str(_P(__file__).parent))
    from quote_cases import run_case

    text = ("Dam deal signed\n\nTBILISI, June 3 (Caspian Wire) - “The dam will be finished in 2028,” "
            "said Energy Minister Levan Abashidze.\n\nHe said on May 30 that bids had closed.")
    _, df = run_case({"text": text, "published": None})
    days = df.sort_values("start")["stated_day"].tolist()
    assert days == ["--06-03", "--05-30"]


@pytest.mark.parametrize("phrase", ["Ten days later, she said", "A week later he said", "The next day, the mayor said",
                                    "Three months later, officials said"])
def test_a_time_shift_is_a_vague_date_not_the_earlier_one(phrase):
    pub = dt.date(2025, 3, 20)
    found = dates.date_mentions(phrase, pub)
    assert [m.date for m in found] == [None]
    text = "On March 3, the minister announced the plan. " + phrase
    clause = (text.index(phrase), len(text))
    assert dates.statement_date(text, pub, clause, (0, len(text))) == (None, "stated")
