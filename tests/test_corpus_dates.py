"""Tests of pipeline.speakers.corpus_dates: a year for a stated day in an undated article, from the corpus."""

from __future__ import annotations

import datetime as dt
import doctest

import pandas as pd
import pyarrow.parquet as pq
from hypothesis import given, strategies as st

from pipeline.speakers import corpus_dates
from pipeline.config import Settings
from pipeline.speakers.corpus_dates import MAX_DAYS, nearest_year, years_from_corpus
from pipeline.runner import run_pipeline


def test_doctests():
    result = doctest.testmod(corpus_dates)
    assert result.attempted >= 5 and result.failed == 0


@given(st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2090, 12, 31)),
       st.lists(st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2090, 12, 31)), min_size=1, max_size=4))
def test_nearest_year_keeps_the_day_and_stays_near_an_anchor(day, anchors):
    got = nearest_year(day.strftime("--%m-%d"), anchors)
    if got is None:
        # no year puts the day within reach of any anchor
        for a in anchors:
            for y in (a.year - 1, a.year, a.year + 1):
                try:
                    assert abs((a - dt.date(y, day.month, day.day)).days) > MAX_DAYS
                except ValueError:
                    pass
    else:
        assert (got.month, got.day) == (day.month, day.day)
        assert min(abs((a - got).days) for a in anchors) <= MAX_DAYS


def test_nearest_year_prefers_a_day_before_publication_on_a_tie():
    # 1 July 2023 and 1 July 2024 both lie 183 days from 31 December 2023
    assert nearest_year("--07-01", [dt.date(2023, 12, 31)], max_days=200) == dt.date(2023, 7, 1)


def _quotes(rows):
    return pd.DataFrame(rows, columns=["article_id", "speaker_id", "stated_day", "quote_date", "date_basis"])


def test_no_shared_speaker_leaves_the_day_undated():
    q = _quotes([["a", "s1", "--03-04", None, "stated"], ["b", "s2", None, dt.date(2024, 3, 6), "publication"]])
    arts = pd.DataFrame({"article_id": ["a", "b"], "published": [None, "2024-03-06"]})
    out = years_from_corpus(q, arts)
    assert out["quote_date"].tolist() == [None, dt.date(2024, 3, 6)]
    assert out["date_basis"].tolist() == ["stated", "publication"]


def test_far_anchor_leaves_the_day_undated_and_dated_articles_are_untouched():
    q = _quotes([["a", "s1", "--09-04", None, "stated"], ["b", "s1", "--09-04", None, "stated"]])
    arts = pd.DataFrame({"article_id": ["a", "b"], "published": [None, "2024-03-06"]})
    out = years_from_corpus(q, arts)
    assert out["quote_date"].isna().all()


def test_undated_article_is_dated_through_a_speaker_quoted_in_a_dated_one(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a_dated.txt").write_text(
        "Port strike talks stall\n\nPublished: 14 March 2025\n\n"
        "“We are not moving on pay,” union leader Halvard Moen said on Thursday.\n", encoding="utf-8")
    (raw / "b_undated.txt").write_text(
        "Strike goes on\n\n"
        "“The talks are over for now,” union leader Halvard Moen said on March 12. "
        "“We will meet again,” he added.\n", encoding="utf-8")
    run_pipeline(raw, tmp_path / "out", Settings())
    arts = pq.read_table(tmp_path / "out" / "articles.parquet").to_pandas()
    quotes = pq.read_table(tmp_path / "out" / "quotes.parquet").to_pandas().merge(arts[["article_id", "source_name"]])
    undated = quotes[quotes["source_name"] == "b_undated.txt"]
    assert arts.set_index("source_name").loc["b_undated.txt", "published"] is None
    assert len(undated) == 2
    assert set(undated["quote_date"]) == {dt.date(2025, 3, 12)}
    assert set(undated["date_basis"]) == {"stated_corpus_year"}
