"""Resolve stage: one speaker per person or organisation across the whole corpus, then a year for the
stated days of undated articles.

The rules live in the speaker libraries: :mod:`pipeline.speakers.clusters` (which written names are one
speaker), :mod:`pipeline.speakers.resolution` (canonical names, stable ids, the speakers table) and
:mod:`pipeline.speakers.corpus_dates` (years for undated days from the corpus).
"""

from __future__ import annotations

import pandas as pd

from pipeline.speakers.corpus_dates import years_from_corpus
from pipeline.speakers.resolution import resolved_speakers

__all__ = ["resolved"]


def resolved(quotes: pd.DataFrame, articles: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The resolve stage: speakers resolved across the corpus
    (:func:`pipeline.speakers.resolution.resolved_speakers`), then the year-less stated days of undated
    articles dated from the articles that quote the same speakers
    (:func:`pipeline.speakers.corpus_dates.years_from_corpus`). Returns the quotes (same rows, same
    order) and the speakers table."""
    quotes, speakers = resolved_speakers(quotes, articles)
    return years_from_corpus(quotes, articles), speakers
