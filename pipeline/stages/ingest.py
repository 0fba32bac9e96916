"""The ingest stage: the input (a folder of ``.txt`` files or a ``.jsonl`` / ``.csv`` / ``.parquet``
table) -> tables of articles and of rejected inputs.

One row per article read; anything that cannot be read as an article becomes a row of the
``rejected`` table (``source_name``, ``reason``) and the run goes on. How each kind of file is
read, and why an input is rejected, is :mod:`pipeline.text.sources`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pandas as pd

from pipeline.config import Settings
from pipeline.storage import concat, write_part
from pipeline.text.sources import ARTICLE_COLUMNS, Rejection, input_files, read_inputs
from schemas.interim import IngestedArticle
from schemas.tables import Rejected

__all__ = ["ARTICLE_COLUMNS", "REJECTED_COLUMNS", "ingested_batches", "ingested_articles", "input_files", "ingest"]

#: the columns of the rejected-inputs table (:class:`schemas.tables.Rejected`)
REJECTED_COLUMNS = list(Rejected.model_fields)


def ingested_batches(input_path: Path, settings: Settings) -> Iterator[tuple[pd.DataFrame, pd.DataFrame]]:
    """Stream ``(articles, rejected)`` DataFrames of at most ``settings.batch_size`` articles each."""
    articles: list[dict] = []
    rejected: list[dict] = []
    for item in read_inputs(input_path, settings):
        if isinstance(item, Rejection):
            rejected.append({"source_name": item.source_name, "reason": item.reason})
        else:
            articles.append(item)
        if len(articles) >= settings.batch_size:
            yield pd.DataFrame(articles, columns=ARTICLE_COLUMNS), pd.DataFrame(rejected, columns=REJECTED_COLUMNS)
            articles, rejected = [], []
    if articles or rejected:
        yield pd.DataFrame(articles, columns=ARTICLE_COLUMNS), pd.DataFrame(rejected, columns=REJECTED_COLUMNS)


def ingested_articles(input_path: Path, settings: Settings) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The whole input as ``(articles, rejected)``: one row per article read / per input rejected."""
    parts = list(ingested_batches(input_path, settings))
    if not parts:
        return pd.DataFrame(columns=ARTICLE_COLUMNS), pd.DataFrame(columns=REJECTED_COLUMNS)
    articles = pd.concat([a for a, _ in parts], ignore_index=True)
    rejected = pd.concat([r for _, r in parts], ignore_index=True)
    return articles, rejected


# -- load, process, save ----------------------------------------------------------------------
def ingest(input_path: Path, settings: Settings, out: Path) -> None:
    """Read ``input_path`` into ``out``: the articles as numbered parts of ``settings.batch_size``
    articles (:class:`schemas.interim.IngestedArticle`), everything rejected in ``rejected.parquet``."""
    rejected = []
    for i, (articles, rej) in enumerate(ingested_batches(input_path, settings)):
        if not articles.empty:
            write_part(articles, IngestedArticle, out / f"part-{i:05d}.parquet")
        rejected.append(rej)
    rej = concat(rejected)
    write_part(rej if not rej.empty else pd.DataFrame({c: pd.Series(dtype=str) for c in REJECTED_COLUMNS}), Rejected,
               out / "rejected.parquet")
