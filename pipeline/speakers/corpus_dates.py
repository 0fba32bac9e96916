"""Statement dates from the corpus: a year for a stated day in an undated article.

A page without a publication date may still date its quotes (``Osei said on January 9``), but
not the year. The attribute stage keeps such a day as ``stated_day`` (ISO 8601 month-day,
``--01-09``) with ``quote_date`` null. When the same people are quoted in dated articles of the
corpus, the story is most likely theirs: the day takes the year that puts it nearest to the
publication dates of those articles (:func:`nearest_year`), when that is within
:data:`MAX_DAYS` of one of them. ``date_basis`` is then ``stated_corpus_year``, so a user can
tell (and drop) dates whose year the text did not give. A day with no such article keeps a null date.

The evidence is resolved speakers (``speaker_id``), so this runs in the resolve stage, after
speakers are resolved across articles.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

import pandas as pd

from schemas.values import as_date

__all__ = ["MAX_DAYS", "nearest_year", "speaker_evidence", "years_from_corpus"]

MAX_DAYS = 92
"""How far (in days) an inferred date may lie from the nearest publication date that supports it:
one season, the life of a news story."""


def nearest_year(stated_day: str, anchors: list[dt.date], max_days: int = MAX_DAYS) -> dt.date | None:
    """The date of ``stated_day`` (``--MM-DD``) in the year that puts it nearest to any of the
    ``anchors`` (publication dates), on or before it where there is a tie; None when none is within
    ``max_days`` or the day does not exist in any candidate year.

    >>> nearest_year("--01-09", [dt.date(2022, 1, 11)])
    datetime.date(2022, 1, 9)
    >>> nearest_year("--12-30", [dt.date(2022, 1, 11)])
    datetime.date(2021, 12, 30)
    >>> nearest_year("--07-01", [dt.date(2022, 1, 11)]) is None
    True
    >>> nearest_year("--02-29", [dt.date(2024, 3, 2), dt.date(2023, 3, 1)])
    datetime.date(2024, 2, 29)
    """
    month, day = int(stated_day[2:4]), int(stated_day[5:7])
    best: tuple[int, int, dt.date] | None = None
    for anchor in sorted(set(anchors)):
        for year in (anchor.year - 1, anchor.year, anchor.year + 1):
            try:
                cand = dt.date(year, month, day)
            except ValueError:
                continue
            gap = (anchor - cand).days
            # rank: distance, then a day before publication over one after it, then the earlier day
            rank = (abs(gap), 0 if gap >= 0 else 1)
            if abs(gap) <= max_days and (best is None or (rank, cand) < (best[:2], best[2])):
                best = (*rank, cand)
    return best[2] if best else None


def speaker_evidence(quotes: pd.DataFrame, published: dict) -> tuple[dict[str, set], dict[str, set]]:
    """The evidence for dating by speakers: ``article_id -> speaker ids quoted in it`` and
    ``speaker_id -> publication dates of the dated articles that quote them`` (``published``:
    ``article_id -> date or None``).

    >>> q = pd.DataFrame({"article_id": ["a", "b", "b"], "speaker_id": ["s1", "s1", None]})
    >>> speakers_of, dated = speaker_evidence(q, {"a": None, "b": dt.date(2022, 1, 11)})
    >>> dict(speakers_of), dict(dated)
    ({'a': {'s1'}, 'b': {'s1'}}, {'s1': {datetime.date(2022, 1, 11)}})
    """
    speakers_of: dict[str, set] = defaultdict(set)
    dated_by_speaker: dict[str, set] = defaultdict(set)
    for aid, sid in zip(quotes["article_id"], quotes["speaker_id"]):
        if not isinstance(sid, str):
            continue
        speakers_of[aid].add(sid)
        if published.get(aid) is not None:
            dated_by_speaker[sid].add(published[aid])
    return speakers_of, dated_by_speaker


def years_from_corpus(quotes: pd.DataFrame, articles: pd.DataFrame, max_days: int = MAX_DAYS) -> pd.DataFrame:
    """The quotes (same rows, same order) with ``quote_date`` filled for a ``stated_day`` in an
    undated article, from the publication dates of the other articles that quote any of that
    article's speakers; ``date_basis`` becomes ``stated_corpus_year`` for those.

    >>> q = pd.DataFrame({"article_id": ["a", "a", "b"], "speaker_id": ["s1", None, "s1"],
    ...                   "stated_day": ["--01-09", "--01-08", None], "quote_date": [None, None, "2022-01-11"],
    ...                   "date_basis": ["stated", "stated", "publication"]})
    >>> arts = pd.DataFrame({"article_id": ["a", "b"], "published": [None, "2022-01-11"]})
    >>> years_from_corpus(q, arts)[["quote_date", "date_basis"]].values.tolist()
    [[datetime.date(2022, 1, 9), 'stated_corpus_year'], [datetime.date(2022, 1, 8), 'stated_corpus_year'], ['2022-01-11', 'publication']]
    """
    if quotes.empty or "stated_day" not in quotes.columns:
        return quotes
    published = {aid: as_date(p) for aid, p in zip(articles["article_id"], articles["published"])}
    speakers_of, dated_by_speaker = speaker_evidence(quotes, published)
    out = quotes.copy()
    out["quote_date"] = out["quote_date"].astype(object)
    out["date_basis"] = out["date_basis"].astype(object)
    for i, aid, day in zip(out.index, out["article_id"], out["stated_day"]):
        if not isinstance(day, str) or published.get(aid) is not None:
            continue
        anchors = sorted({d for sid in speakers_of.get(aid, ()) for d in dated_by_speaker[sid]})
        date = nearest_year(day, anchors, max_days) if anchors else None
        if date is not None:
            out.at[i, "quote_date"] = date
            out.at[i, "date_basis"] = "stated_corpus_year"
    return out
