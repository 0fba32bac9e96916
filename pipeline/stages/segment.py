"""Segment stage: find the quote spans of every article (direct, partial, dash and indirect).

One row per quote span in one article. Offsets are ``str`` offsets into the article's CLEAN
``text``; enclosing quotation marks and trailing attribution are excluded.

The rules live in :mod:`pipeline.quotes`: the finders of :mod:`pipeline.quotes.finders` (one per
``finder`` of :data:`schemas.kinds.QUOTE_KINDS`) find the quotes, and the local evidence for
attribution (cue, mention) next to each is read by rules (:mod:`pipeline.quotes.attribution`).

spaCy runs once, here, and only where rules cannot do the work: on the sentences of candidate
paragraphs (quote marks, a leading dash, a speech cue) whose words *outside* quotation marks hold a
speech cue and room for reported content (:func:`pipeline.quotes.reported.parse_units`);
``“…,” he said.`` is never parsed. Units are batched with ``nlp.pipe``; each character is parsed at
most once, and the ``ner`` component is disabled (it cost over 40% of the parse; names are read by
rules in :mod:`pipeline.speakers`). The parse feeds the ``reported`` finder for indirect
quotes; attribution never parses.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from pipeline import nlp as nlp_mod
from pipeline.config import Settings
from pipeline.quotes.finders import article_spans
from pipeline.quotes.paragraphs import ArticleText, paragraphs
from pipeline.quotes.regions import quoted_regions, single_quoted_regions
from pipeline.quotes.reported import parse_units
from pipeline.storage import read_part, write_part
from schemas.interim import QuoteSpan

__all__ = ["quote_spans", "segment_part", "SPAN_COLUMNS"]

#: the columns of the stage's table, declared in :class:`schemas.interim.QuoteSpan`
SPAN_COLUMNS = list(QuoteSpan.model_fields)


def _parsed_units(texts: list[str], paras_of: list[list[tuple[int, int]]],
                  settings: Settings) -> list[dict[int, tuple[int, object]]]:
    """Per article, its parse units (:func:`parse_units`) parsed in one batched ``nlp.pipe``:
    unit start offset -> ``(paragraph index, Doc)``. The model loads only when a unit needs it."""
    jobs: list[tuple[int, int, int, int]] = []
    for a, (text, paras) in enumerate(zip(texts, paras_of)):
        quoted = [(r.start, r.end) for r in quoted_regions(text, paras) + single_quoted_regions(text, paras)]
        for s, e, k in parse_units(text, paras, quoted):
            jobs.append((a, s, e, k))
    docs_of: list[dict[int, tuple[int, object]]] = [dict() for _ in texts]
    if jobs:
        nlp = nlp_mod.load(settings.spacy_model, disable=("ner",))
        segs = (texts[a][s:e] for a, s, e, _ in jobs)
        for (a, s, e, k), doc in zip(jobs, nlp.pipe(segs, batch_size=64)):
            docs_of[a][s] = (k, doc)
    return docs_of


def quote_spans(articles: pd.DataFrame, settings: Settings) -> pd.DataFrame:
    """One row per quote span found in the clean ``text`` of each article.

    Columns: ``article_id, kind, start, end`` (clean offsets, marks and trailing attribution
    excluded) and the local evidence for :func:`pipeline.stages.attribute.attributed_quotes`:
    ``paragraph, cue, cue_start, cue_end, mention, mention_start, mention_end`` (the cue and
    mention are empty when no attribution stands at the quote).
    """
    texts = [str(t or "") for t in articles["text"]]
    paras_of = [paragraphs(t) for t in texts]
    docs_of = _parsed_units(texts, paras_of, settings)
    rows: list[dict] = []
    for a, (aid, text) in enumerate(zip(articles["article_id"], texts)):
        for r in article_spans(ArticleText(text, paras_of[a], docs_of[a])):
            r["article_id"] = aid
            rows.append(r)
    df = pd.DataFrame(rows, columns=SPAN_COLUMNS)
    for col in ("cue_start", "cue_end", "mention_start", "mention_end"):
        df[col] = df[col].astype("Int64")
    return df


# -- load, process, save ----------------------------------------------------------------------
def segment_part(src: Path, dst: Path, settings: Settings) -> int:
    """Find the quote spans of one stored part of normalized articles; returns the number of articles."""
    articles = read_part(src)
    write_part(quote_spans(articles, settings), QuoteSpan, dst)
    return len(articles)
