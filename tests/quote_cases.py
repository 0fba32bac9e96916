"""Run a labelled quote case (an ``input`` of the checks ``quotes`` and ``quote_spans``, tests/cases/README.md)
through segment + attribute, and the overlap rule the checks compare spans with."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from pipeline.stages.attribute import attributed_quotes
from pipeline.config import Settings
from pipeline.stages.segment import quote_spans


def run_case(case: dict) -> tuple[str, pd.DataFrame]:
    """The text of ``case`` (a dict with ``text`` and, optionally, ``published`` as an ISO date) and the quotes
    segment + attribute find in it, as one article."""
    pub = case.get("published")
    articles = pd.DataFrame([{
        "article_id": "case", "text": case["text"], "raw_text": case["text"], "edits": [],
        "published": dt.date.fromisoformat(pub) if pub else None,
    }])
    spans = quote_spans(articles, Settings())
    return case["text"], attributed_quotes(spans, articles, Settings())


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """The project's half-overlap rule."""
    ov = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    return ov * 2 >= (a[1] - a[0]) and ov * 2 >= (b[1] - b[0]) and ov > 0
