"""The news event's date, from a lede that dates a public act, applies to the story's quotes."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from pipeline.speakers import dates
from pipeline.stages.attribute import attributed_quotes
from pipeline.config import Settings
from pipeline.stages.segment import quote_spans


def _dated(text: str, published: dt.date) -> list[tuple[str, dt.date, str]]:
    articles = pd.DataFrame([{"article_id": "a", "text": text, "published": published}])
    df = attributed_quotes(quote_spans(articles, Settings()), articles, Settings()).sort_values("start")
    return [(text[s:e], d, b) for s, e, d, b in zip(df["start"], df["end"], df["quote_date"], df["date_basis"])]


WIRE = ("Senate passes rail rescue\n\n"
        "The state assembly on Monday approved by three votes a $2 billion plan to keep city trains running, "
        "setting up a clash with the governor over a cap on state aid.\n\n"
        "\"This keeps the trains running,\" said state Sen. Ruth Calder, a Republican.\n\n"
        "\"It buys us a year and no more,\" Sen. Omar Haddad said.\n\n"
        "Last week, Haddad told a radio station that the cap was \"a slow leak in the whole network\".")


def test_quotes_of_a_wire_story_take_the_date_of_the_act_in_its_lede():
    got = _dated(WIRE, dt.date(2026, 9, 22))
    assert got[0][1:] == (dt.date(2026, 9, 21), "stated")
    assert got[1][1:] == (dt.date(2026, 9, 21), "stated")


def test_a_quote_with_its_own_time_does_not_take_the_event_date():
    got = _dated(WIRE, dt.date(2026, 9, 22))
    last = got[-1]
    assert "slow leak" in last[0]
    assert last[1] != dt.date(2026, 9, 21)


@pytest.mark.parametrize("lede, expected", [
    ("A judge yesterday jailed a conman who targeted pensioners in their homes for nine years.", dt.date(2026, 11, 2)),
    ("Harbour United came from behind to beat Town 3-2 on Saturday in front of a sold-out crowd.", dt.date(2026, 10, 31)),
    ("Heavy rain on Monday flooded dozens of homes in the valley and closed the main road for hours.", None),
    ("The law, which took effect on June 4, 2025, has cut waiting times across the region.", None),
])
def test_lede_date_of_public_acts(lede, expected):
    assert dates.lede_date("Headline\n\n" + lede, dt.date(2026, 11, 3)) == expected
