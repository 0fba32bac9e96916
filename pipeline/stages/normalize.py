"""The normalize stage: raw article text -> clean text plus the edit log that made it.

Every fix of :data:`pipeline.text.fixes.FIXES` runs in order over the current clean text and its
changes go through :meth:`pipeline.text.editlog.EditLog.apply` under the fix's name, so the clean
text can always be rebuilt from the raw text (``replay(raw_text, edits) == text``) and every
clean offset maps back to the raw text. Metadata missing from the input is read from the
page as it is just before furniture removal (characters and spaces repaired, metadata lines
still there; :mod:`pipeline.text.metadata`).
"""

from __future__ import annotations

from pathlib import Path
from collections import Counter
from typing import Iterable

import pandas as pd

from pipeline.text.editlog import EditLog
from pipeline.text.fixes import FIXES, corpus_vocabulary
from pipeline.text.metadata import METADATA_FIELDS, extract_metadata
from schemas.values import as_date, is_missing
from pipeline.storage import read_part, write_part
from schemas.interim import NormalizedArticle

__all__ = ["corpus_vocabulary", "normalize_text", "normalized_articles"]

def normalize_text(raw: str, vocabulary: Counter | None = None) -> EditLog:
    """Run every registered fix over one article; returns the edit log (``.text`` is clean).

    >>> log = normalize_text("Lon-don said ”hi”\\n0 0\\n", Counter({"london": 2}))
    >>> log.text
    'London said “hi”'
    >>> [e.fix for e in log.edits]
    ['dehyphenate', 'quote_direction', 'furniture+blank_lines']
    """
    return _normalize(raw, vocabulary)[0]


def _normalize(raw: str, vocabulary: Counter | None) -> tuple[EditLog, str]:
    """The edit log, and the text as it was just before furniture removal (characters and
    spaces repaired, every line still there): what metadata is read from."""
    vocabulary = vocabulary if vocabulary is not None else Counter()
    log = EditLog(raw)
    before_furniture = raw
    for name, fix in FIXES:
        if name == "furniture":
            before_furniture = log.text
        if not log.text:
            break
        changes = fix(log.text, vocabulary)
        if changes:
            log.apply(name, changes)
    return log, before_furniture


def normalized_articles(articles: pd.DataFrame, vocabulary: Counter | None = None) -> pd.DataFrame:
    """One row per article, in input order: the input articles with clean ``text``, its
    ``edits`` (``EditLog.to_records()``) and the :data:`pipeline.text.metadata.METADATA_FIELDS`
    (``title``/``published``/``author``/``publisher``) read from the text where the input left
    them empty (``published`` as ``datetime.date``).

    ``vocabulary`` (see :func:`corpus_vocabulary`) is the evidence for de-hyphenation; when
    None it is computed from this table's raw texts.

    >>> df = pd.DataFrame({"article_id": ["a"], "source_name": ["a.txt"],
    ...     "raw_text": ["Feb 3, 2021\\n\\nA headline for it\\n\\nBody, ”he said."],
    ...     "title": [None], "published": [None], "author": [None], "publisher": [None], "url": [None]})
    >>> row = normalized_articles(df).iloc[0]
    >>> row.text.splitlines()[-1], row.published, row.title
    ('Body,” he said.', datetime.date(2021, 2, 3), 'A headline for it')
    """
    if vocabulary is None:
        vocabulary = corpus_vocabulary(articles["raw_text"])
    out = articles.copy()
    texts, edits = [], []
    filled: dict[str, list] = {field: [] for field in METADATA_FIELDS}
    for row in articles.itertuples(index=False):
        raw = row.raw_text if isinstance(row.raw_text, str) else ""
        log, page = _normalize(raw, vocabulary)
        texts.append(log.text)
        edits.append(log.to_records())
        given = {field: getattr(row, field, None) for field in METADATA_FIELDS}
        found = extract_metadata(page) if any(is_missing(v) for v in given.values()) else {}
        for field in METADATA_FIELDS:
            value = given[field] if not is_missing(given[field]) else found.get(field)
            filled[field].append(value if not is_missing(value) else None)
    out["text"] = pd.Series(texts, index=out.index, dtype=object)
    out["edits"] = pd.Series(edits, index=out.index, dtype=object)
    for field in METADATA_FIELDS:
        values = [as_date(v) for v in filled[field]] if field == "published" else filled[field]
        out[field] = pd.Series(values, index=out.index, dtype=object)
    return out


# -- load, process, save ----------------------------------------------------------------------
def corpus_vocabulary_of(ingested_parts: Iterable[Path]) -> Counter:
    """The corpus vocabulary (:func:`corpus_vocabulary`) of the stored ingested articles: a first,
    cheap pass over the corpus, the evidence for de-hyphenation."""
    vocabulary: Counter = Counter()
    for p in ingested_parts:
        vocabulary.update(corpus_vocabulary(read_part(p, ["raw_text"])["raw_text"]))
    return vocabulary


def normalize_part(src: Path, dst: Path, vocabulary: Counter) -> int:
    """Normalize one stored part of ingested articles into ``dst``; returns the number of articles."""
    articles = read_part(src)
    write_part(normalized_articles(articles, vocabulary), NormalizedArticle, dst)
    return len(articles)
