"""The system side of an evaluation: a built dataset's quotes, grouped by gold document, in raw offsets.

A dataset article is matched to its gold document by :func:`doc_key` (its ``source_name`` without
folder and ``.txt``, else its ``article_id``); its quotes are placed in the article's raw text with
``raw_start``/``raw_end`` when the quote table has them, else by mapping ``start``/``end`` through
the article's edit log (:class:`pipeline.text.editlog.EditLog`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import Iterable, Mapping

import pandas as pd

from pipeline.measure.matching import iso_date
from pipeline.text.editlog import EditLog
from schemas.values import is_missing

__all__ = ["SystemQuote", "doc_key", "system_quotes", "load_dataset", "dataset_raw_texts"]


@dataclass(frozen=True)
class SystemQuote:
    """One system quote in raw coordinates of its gold document."""

    doc_id: str
    start: int
    end: int
    kind: str | None = None
    speaker: str | None = None
    role: str | None = None
    date: str | None = None
    quote_id: str | None = None
    mention: str | None = None


def _stem(name: str) -> str:
    """A file name without its ``.txt`` ending (any case)."""
    return name[:-4] if name.lower().endswith(".txt") else name


def doc_key(source_name, article_id, known: Iterable[str]) -> str | None:
    """The gold ``doc_id`` of an article: its ``source_name`` without folder and ``.txt``, else its id.

    >>> doc_key("in/007_ab.txt", "a1", ["007_ab"]), doc_key("x.html", "007_ab", ["007_ab"]), doc_key("x", "y", [])
    ('007_ab', '007_ab', None)
    """
    known = set(known)
    if not is_missing(source_name):
        name = PurePath(str(source_name)).name
        for cand in (_stem(name), name, str(source_name)):
            if cand in known:
                return cand
    if not is_missing(article_id) and str(article_id) in known:
        return str(article_id)
    return None


def _opt(value):
    return None if is_missing(value) else value


def _gold_articles(articles: pd.DataFrame, known: list[str]) -> tuple[dict[str, str], dict[str, str], dict[str, tuple]]:
    """The dataset's articles that are gold documents: ``article_of`` (article_id -> doc_id), their
    ``raw_texts`` by doc_id and their edit logs by doc_id (``(raw text, edits)``, made lazily)."""
    article_of: dict[str, str] = {}
    raw_texts: dict[str, str] = {}
    logs: dict[str, tuple] = {}
    for row in articles.itertuples(index=False):
        rec = row._asdict()
        key = doc_key(rec.get("source_name"), rec.get("article_id"), known)
        if key is None or key in raw_texts:
            continue
        article_of[str(rec.get("article_id"))] = key
        if not is_missing(rec.get("raw_text")):
            raw_texts[key] = rec["raw_text"]
            edits = rec.get("edits")
            logs[key] = (rec["raw_text"], [] if edits is None else edits)
    return article_of, raw_texts, logs


def _raw_offsets(rec: Mapping, key: str, logs: dict[str, tuple], has_raw: bool) -> tuple[int, int]:
    """A quote's raw offsets: ``raw_start``/``raw_end`` when present, else ``start``/``end`` mapped
    through the article's edit log (built on first use and kept in ``logs``)."""
    if has_raw and not is_missing(rec.get("raw_start")) and not is_missing(rec.get("raw_end")):
        return int(rec["raw_start"]), int(rec["raw_end"])
    raw, edits = logs[key]
    log = edits if isinstance(edits, EditLog) else EditLog(raw, list(edits))
    logs[key] = (raw, log)
    _, _, start, end = log.raw_span(int(rec["start"]), int(rec["end"]))
    return start, end


def _system_quote(key: str, rec: Mapping, start: int, end: int) -> SystemQuote:
    """One row of the quote table as a :class:`SystemQuote` of document ``key``."""
    return SystemQuote(
        doc_id=key,
        start=start,
        end=end,
        kind=_opt(rec.get("kind")),
        speaker=_opt(rec.get("speaker_name")),
        role=_opt(rec.get("role")),
        date=iso_date(rec.get("quote_date")),
        quote_id=_opt(rec.get("quote_id")),
        mention=_opt(rec.get("mention")),
    )


def system_quotes(articles: pd.DataFrame, quotes: pd.DataFrame, doc_ids: Iterable[str]) -> tuple[dict[str, list[SystemQuote]], dict]:
    """Group the dataset's quotes by gold document, in raw coordinates.

    Uses ``raw_start``/``raw_end`` when the quote table has them, else maps ``start``/``end``
    through the article's edit log. Returns the quotes by ``doc_id`` and bookkeeping:
    ``raw_texts`` (the dataset's raw text per doc), ``unscored`` (quotes of articles not in the
    gold) and ``article_of`` (article_id -> doc_id).
    """
    article_of, raw_texts, logs = _gold_articles(articles, list(doc_ids))
    by_doc: dict[str, list[SystemQuote]] = {k: [] for k in raw_texts}
    for k in article_of.values():
        by_doc.setdefault(k, [])
    unscored = 0
    has_raw = {"raw_start", "raw_end"} <= set(quotes.columns)
    for row in quotes.itertuples(index=False):
        rec = row._asdict()
        key = article_of.get(str(rec.get("article_id")))
        if key is None:
            unscored += 1
            continue
        start, end = _raw_offsets(rec, key, logs, has_raw)
        by_doc[key].append(_system_quote(key, rec, start, end))
    for key in by_doc:
        by_doc[key].sort(key=lambda q: (q.start, q.end))
    return by_doc, {"raw_texts": raw_texts, "unscored": unscored, "article_of": article_of}


def load_dataset(dataset_dir: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The ``articles`` and ``quotes`` tables of a built dataset folder."""
    dataset_dir = Path(dataset_dir)
    articles = pd.read_parquet(dataset_dir / "articles.parquet")
    quotes = pd.read_parquet(dataset_dir / "quotes.parquet")
    return articles, quotes


def dataset_raw_texts(articles: pd.DataFrame) -> dict[str, str]:
    """The dataset's raw texts, each filed under its source name (without folder and ``.txt``) and
    under its article id, as :func:`doc_key` matches either."""
    texts: dict[str, str] = {}
    for row in articles.itertuples(index=False):
        rec = row._asdict()
        if is_missing(rec.get("raw_text")):
            continue
        name = PurePath(str(rec.get("source_name") or "")).name
        for key in (_stem(name), str(rec.get("article_id"))):
            if key:
                texts[key] = rec["raw_text"]
    return texts
