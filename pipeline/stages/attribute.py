"""Attribute stage: who said each quote, with which cue, in what role, and when.

One row per quote span in one article (the rows of :func:`pipeline.stages.segment.quote_spans`), with
``mention, speaker_name, speaker_type, cue, role, quote_date, date_basis, confidence, stated_day`` added.

No parse here: segment parsed what needed a parse and passed the local evidence (``cue``, ``mention``
and offsets). The quotes of each article become typed rows (:class:`pipeline.speakers.quote_row.QuoteRow`)
and go through four passes in order, each reading what the previous one recorded:

1. mentions (:func:`pipeline.speakers.mention_pass.read_mentions`): what each mention is (a name, an
   organisation, a pronoun, a description), and the cast of the article (:mod:`pipeline.speakers.cast`);
   then the roles the article gives everyone (:func:`pipeline.speakers.role_choice.collect_roles`);
2. speakers (:func:`pipeline.speakers.speaker_pass.resolve_speakers`): who said each quote;
3. dates (:func:`pipeline.speakers.date_pass.date_quotes`): when;
4. roles (:func:`pipeline.speakers.role_choice.choose_roles`): in what role (every role decision lives
   in :mod:`pipeline.speakers.role_choice`).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

from pipeline.config import Settings
from pipeline.speakers.date_pass import date_quotes
from pipeline.speakers.mention_pass import read_mentions
from pipeline.speakers.quote_row import QuoteRow
from pipeline.speakers.role_choice import choose_roles, collect_roles
from pipeline.speakers.speaker_pass import resolve_speakers
from pipeline.storage import read_part, write_part
from schemas.interim import AttributedQuote
from schemas.values import as_date


__all__ = ["attributed_quotes", "attribute_part"]

#: the columns of the stage's table (:class:`schemas.interim.AttributedQuote`)
COLUMNS = list(AttributedQuote.model_fields)
#: the columns attribution fills in (the rest identify the quote span)
_OUT_COLUMNS = [c for c in COLUMNS if c not in ("article_id", "kind", "start", "end")]


def attributed_quotes(spans: pd.DataFrame, articles: pd.DataFrame, settings: Settings) -> pd.DataFrame:
    """One row per quote span, with the speaker, cue, role and statement date: the columns of
    :class:`schemas.interim.AttributedQuote`.

    Keeps ``article_id, kind, start, end`` of the rows of :func:`pipeline.stages.segment.quote_spans`
    (same rows, same order) and sets ``speaker_name, speaker_type, mention, cue, role, quote_date,
    date_basis, confidence`` and ``stated_day`` (``--MM-DD`` when the text states a month and day that
    no year is known for, else None). ``speaker_name`` is the fullest form of the name in the article;
    None with low confidence when the text does not say who spoke. The segment stage's evidence
    columns (paragraph, cue and mention offsets) are read here and not passed on. ``settings`` is
    taken for the per-article stages' common signature: attribution uses none of them (no parse).
    """
    out = spans.copy()
    for col in _OUT_COLUMNS:
        if col not in out.columns:
            out[col] = None
    out = out.astype({c: object for c in _OUT_COLUMNS})
    if spans.empty:
        return out[COLUMNS]
    by_id = {aid: row for aid, row in zip(articles["article_id"], articles.to_dict("records"))}
    records = out.to_dict("records")
    by_article: dict = {}
    for pos, rec in enumerate(records):
        by_article.setdefault(rec["article_id"], []).append(pos)
    columns = {col: list(out[col]) for col in _OUT_COLUMNS}  # filled by position, assigned once
    for aid, positions in by_article.items():
        art = by_id.get(aid)
        if art is None:
            continue
        positions = sorted(positions, key=lambda k: (records[k]["start"], records[k]["end"], k))
        results = _attribute_article(str(art.get("text") or ""), as_date(art.get("published")),
                                     [records[k] for k in positions])
        for k, res in zip(positions, results):
            for col, val in res.items():
                columns[col][k] = val
    for col, values in columns.items():
        out[col] = pd.Series(values, index=out.index, dtype=object)
    out["confidence"] = out["confidence"].astype(float)
    return out[COLUMNS]


def _attribute_article(text: str, published: dt.date | None, records: list[dict]) -> list[dict]:
    """The attribution of the quotes of one article (records in text order): the passes in order."""
    rows = [QuoteRow.from_record(rec) for rec in records]
    cast = read_mentions(text, rows)  # mentions, and the people and organisations of the article
    collect_roles(cast, rows)  # the roles the article gives them
    resolve_speakers(cast, rows)
    date_quotes(text, published, rows)
    choose_roles(rows)
    return [row.output() for row in rows]


# -- load, process, save ----------------------------------------------------------------------
def attribute_part(articles_src: Path, spans_src: Path, dst: Path, settings: Settings) -> int:
    """Attribute the stored quote spans of one part of articles; returns the number of articles."""
    articles = read_part(articles_src)
    write_part(attributed_quotes(read_part(spans_src), articles, settings), AttributedQuote, dst)
    return len(articles)
