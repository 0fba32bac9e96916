"""Run the labelled quote case files (``tests/cases/quotes_*.json``) through segment + attribute."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pandas as pd

from pipeline.stages.attribute import attributed_quotes
from pipeline.config import Settings
from pipeline.stages.segment import quote_spans

CASES = Path(__file__).parent / "cases"


def load_cases() -> list[tuple[str, dict]]:
    out = []
    for path in sorted(CASES.glob("quotes_*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        for case in data["cases"]:
            out.append((f"{path.stem}: {case['name']}", case))
    return out


def run_case(case: dict) -> tuple[str, pd.DataFrame]:
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
