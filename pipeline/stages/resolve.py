"""Resolve stage: one speaker per person or organisation across the whole corpus, then a year for the
stated days of undated articles.

The rules live in the speaker libraries: :mod:`pipeline.speakers.clusters` (which written names are one
speaker), :mod:`pipeline.speakers.resolution` (canonical names, stable ids, the speakers table) and
:mod:`pipeline.speakers.corpus_dates` (years for undated days from the corpus).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from pipeline.speakers.corpus_dates import years_from_corpus
from pipeline.speakers.resolution import resolved_speakers
from pipeline.storage import concat, read_part, write_part
from schemas.interim import NormalizedArticle, ResolvedQuote
from schemas.tables import Speaker

__all__ = ["resolved", "resolve"]


def resolved(quotes: pd.DataFrame, articles: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The resolve stage: speakers resolved across the corpus
    (:func:`pipeline.speakers.resolution.resolved_speakers`), then the year-less stated days of undated
    articles dated from the articles that quote the same speakers
    (:func:`pipeline.speakers.corpus_dates.years_from_corpus`). Returns the quotes (same rows, same
    order) and the speakers table."""
    quotes, speakers = resolved_speakers(quotes, articles)
    return years_from_corpus(quotes, articles), speakers


# -- load, process, save ----------------------------------------------------------------------
#: the article columns resolve reads (the corpus' article order, publication dates): the metadata, not the texts
ARTICLE_META_COLUMNS = [c for c in NormalizedArticle.model_fields if c not in ("raw_text", "text", "edits")]


def resolve(attributed_parts: list[Path], article_parts: list[Path], out: Path) -> None:
    """Resolve the speakers of every stored attributed quote over the whole corpus; store the
    resolved quotes (``quotes.parquet``) and the speakers table (``speakers.parquet``) in ``out``."""
    quotes = concat([read_part(p) for p in attributed_parts])
    meta = concat([read_part(p, ARTICLE_META_COLUMNS) for p in article_parts])
    quotes, speakers = resolved(quotes, meta)
    write_part(quotes, ResolvedQuote, out / "quotes.parquet")
    write_part(speakers, Speaker, out / "speakers.parquet")
