"""Export: give every quote its provenance, validate the tables as a whole, write them atomically, with the dataset card.

``published_quotes`` maps each quote's span in the normalized text back to the raw text through the
article's edit log (``raw_start``/``raw_end``) and gives it a stable ``quote_id``. ``validate_dataset``
checks what no single column can: foreign keys, offsets in range, and that the raw span, with the
edits inside it, replays to exactly the quote's text. ``write_dataset`` writes all four tables into a
staging folder first and moves them into place only when every check passed, so a failed run never
leaves a partial file behind.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from pathlib import Path
from typing import Iterable

import pandas as pd

from pipeline.publish.card import dataset_card
from pipeline.text.editlog import EditLog, replay_span
from schemas import Article, Quote, Rejected, SchemaError, Speaker, TableWriter, check_columns, write_table, write_text
from pipeline.storage import read_part

QUOTE_COLUMNS = list(Quote.model_fields)


def quote_id(article_id: str, kind: str, raw_start: int, raw_end: int) -> str:
    """Stable quote id from the article, the kind and the raw span.

    >>> quote_id("abc", "direct", 3, 9) == quote_id("abc", "direct", 3, 9)
    True
    """
    key = f"{article_id}\0{kind}\0{raw_start}\0{raw_end}".encode()
    return hashlib.sha256(key).hexdigest()[:16]


def _article_rows(articles: pd.DataFrame) -> dict[str, dict]:
    """The articles as plain dicts by ``article_id`` (one look-up per quote, no pandas indexing)."""
    cols = [c for c in ("article_id", "raw_text", "text", "edits", "source_name") if c in articles.columns]
    return {rec["article_id"]: rec for rec in articles[cols].to_dict("records")}


def published_quotes(quotes: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """One row per quote of ``articles``, with ``text``, raw offsets and ``quote_id`` filled in.

    A span that cuts through an edit is widened to the whole edit, so that the raw span always
    replays to the text. Spans that are empty once mapped are dropped. Rows come grouped by
    article, in the order each article first appears in ``quotes``.
    """
    if quotes.empty:
        return pd.DataFrame(columns=QUOTE_COLUMNS)
    by_id = _article_rows(articles)
    groups: dict[str, list[dict]] = {}
    for rec in quotes.to_dict("records"):
        aid = rec["article_id"]
        if aid is None or aid is pd.NA or (isinstance(aid, float) and aid != aid):
            continue  # no article: nothing to map it through
        groups.setdefault(aid, []).append(rec)
    rows = []
    for aid, group in groups.items():
        if aid not in by_id:
            raise SchemaError(f"quotes: article_id {aid!r} is not in the articles table")
        art = by_id[aid]
        log = EditLog(art["raw_text"], list(art["edits"]))
        if log.text != art["text"]:
            raise SchemaError(f"articles: edits of {art['source_name']} do not rebuild its text")
        for rec in group:
            cs, ce, rs, re_ = log.raw_span(int(rec["start"]), int(rec["end"]))
            if rs >= re_:
                continue
            rec.update(start=cs, end=ce, raw_start=rs, raw_end=re_, text=log.text[cs:ce])
            rec["quote_id"] = quote_id(aid, rec["kind"], rs, re_)
            rows.append(rec)
    out = pd.DataFrame(rows)
    for col in QUOTE_COLUMNS:
        if col not in out.columns:
            out[col] = None
    return out[QUOTE_COLUMNS]


def check_quotes_against_articles(quotes: pd.DataFrame, articles: pd.DataFrame) -> None:
    """Offsets in range and replayable for the quotes of ``articles`` (raise :class:`SchemaError`)."""
    if quotes.empty:
        return
    by_id = _article_rows(articles)
    edits_of: dict[str, list] = {}
    for rec in quotes[["quote_id", "article_id", "start", "end", "raw_start", "raw_end", "text"]].to_dict("records"):
        art = by_id[rec["article_id"]]
        raw, text = art["raw_text"], art["text"]
        start, end, raw_start, raw_end = rec["start"], rec["end"], rec["raw_start"], rec["raw_end"]
        where = f"quotes[{rec['quote_id']}] in {art['source_name']}"
        if not (0 <= raw_start < raw_end <= len(raw)):
            raise SchemaError(f"{where}: raw span {raw_start}..{raw_end} out of range 0..{len(raw)}")
        if not (0 <= start < end <= len(text)):
            raise SchemaError(f"{where}: span {start}..{end} out of range 0..{len(text)}")
        if text[start:end] != rec["text"]:
            raise SchemaError(f"{where}: text differs from the article's text at {start}..{end}")
        edits = edits_of.get(rec["article_id"])
        if edits is None:
            edits = edits_of[rec["article_id"]] = list(art["edits"])
        try:
            replayed = replay_span(raw, edits, raw_start, raw_end)
        except ValueError as exc:
            raise SchemaError(f"{where}: {exc}") from None
        if replayed != rec["text"]:
            raise SchemaError(f"{where}: normalizing raw_text[{raw_start}:{raw_end}] does not give text")


def check_keys(quotes: pd.DataFrame, article_ids: set[str], speakers: pd.DataFrame) -> None:
    """Foreign keys: every quote's article and speaker exist (raise :class:`SchemaError`)."""
    if quotes.empty:
        return
    missing = set(quotes["article_id"]) - article_ids
    if missing:
        raise SchemaError(f"quotes.article_id: {len(missing)} id(s) not in articles, e.g. {sorted(missing)[0]}")
    speaker_ids = set(speakers["speaker_id"])
    used = set(quotes["speaker_id"].dropna())
    if used - speaker_ids:
        raise SchemaError(f"quotes.speaker_id: {len(used - speaker_ids)} id(s) not in speakers, e.g. {sorted(used - speaker_ids)[0]}")


def write_dataset(
    out_dir: Path,
    article_parts: Iterable[pd.DataFrame],
    quotes: pd.DataFrame,
    speakers: pd.DataFrame,
    rejected: pd.DataFrame,
) -> dict[str, int]:
    """Validate and write ``articles``, ``quotes``, ``speakers`` and ``rejected`` to ``out_dir``.

    ``article_parts`` streams the articles (normalized, with ``edits``); ``quotes`` are resolved quotes
    with clean ``start``/``end``. Everything is written to a staging folder and moved into place only
    when all checks passed. Returns the row counts.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=out_dir))
    try:
        article_ids: set[str] = set()
        published: list[pd.DataFrame] = []
        n_articles = 0
        # row positions of each article's quotes, found once (not a scan of all quotes per part)
        rows_of = quotes.groupby("article_id", sort=False).indices if not quotes.empty else {}
        with TableWriter(Article, staging / "articles.parquet") as articles_out:
            for part in article_parts:
                if part.empty:
                    continue
                ids = set(part["article_id"])
                if ids & article_ids or len(ids) != len(part):
                    raise SchemaError("articles: primary key ('article_id',) not unique")
                articles_out.write(part)
                article_ids |= ids
                n_articles += len(part)
                positions = sorted(i for aid in ids for i in rows_of.get(aid, ()))
                part_quotes = published_quotes(quotes.iloc[positions], part)
                check_quotes_against_articles(part_quotes, part)
                published.append(part_quotes)
        all_quotes = pd.concat(published, ignore_index=True) if published else pd.DataFrame(columns=QUOTE_COLUMNS)
        del published
        check_keys(quotes, article_ids, speakers)
        check_columns(speakers, Speaker)
        write_table(all_quotes, Quote, staging / "quotes.parquet")
        write_table(speakers, Speaker, staging / "speakers.parquet")
        write_table(rejected, Rejected, staging / "rejected.parquet")
        counts = {"articles": n_articles, "quotes": len(all_quotes), "speakers": len(speakers), "rejected": len(rejected)}
        write_text(dataset_card(counts), staging / "README.md")
        for name in ("articles.parquet", "quotes.parquet", "speakers.parquet", "rejected.parquet", "README.md"):
            os.replace(staging / name, out_dir / name)
        return counts
    finally:
        shutil.rmtree(staging, ignore_errors=True)


# -- load, process, save ----------------------------------------------------------------------
def export(resolved_dir: Path, article_parts: list[Path], rejected_path: Path, out_dir: Path) -> dict[str, int]:
    """Publish the stored resolved quotes and speakers, the normalized articles (streamed part by
    part) and the rejected inputs into ``out_dir``; returns the row counts."""
    quotes = read_part(resolved_dir / "quotes.parquet")
    speakers = read_part(resolved_dir / "speakers.parquet")
    rejected = read_part(rejected_path)
    return write_dataset(out_dir, (read_part(p) for p in article_parts), quotes, speakers, rejected)
