"""Article sources: read articles from a folder of ``.txt`` files or a ``.jsonl`` / ``.csv`` /
``.parquet`` table, for the ingest stage (:mod:`pipeline.stages.ingest`).

One article dict per article read (:func:`article_record`, the columns :data:`ARTICLE_COLUMNS`);
anything that cannot be read as an article (undecodable bytes, binary content, empty text, a
malformed JSONL line, a table without a ``text`` column, a document over the size limit, a
duplicate) becomes a :class:`Rejection` with a readable reason, and reading goes on. The raw text
is kept exactly as decoded: it is what ``raw_start``/``raw_end`` index.

>>> rec = article_record("a.txt", "Hello.")
>>> rec["article_id"], rec["source_name"], rec["raw_text"]
('6da9c4f626965dc2', 'a.txt', 'Hello.')
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.config import Settings
from schemas.values import as_date
from schemas.interim import IngestedArticle

__all__ = [
    "ARTICLE_COLUMNS",
    "INPUT_METADATA_FIELDS",
    "TEXT_SUFFIXES",
    "TABLE_SUFFIXES",
    "Rejection",
    "article_id",
    "article_record",
    "text_problem",
    "decode",
    "read_text_file",
    "read_table_file",
    "input_files",
    "read_inputs",
]

TEXT_SUFFIXES = {".txt"}
TABLE_SUFFIXES = {".jsonl", ".csv", ".parquet"}
#: the columns of an article row (:class:`schemas.interim.IngestedArticle`)
ARTICLE_COLUMNS = list(IngestedArticle.model_fields)
#: the metadata fields an input table record may give (the other fields are ignored)
INPUT_METADATA_FIELDS = tuple(c for c in ARTICLE_COLUMNS if c not in ("article_id", "source_name", "raw_text"))

#: share of control characters (other than tab/newline/CR/form feed) above which text is "binary"
MAX_CONTROL_SHARE = 0.01


@dataclass(frozen=True)
class Rejection:
    """An input that is no article: where it came from and a readable reason."""

    source_name: str
    reason: str


def article_id(source_name: str, raw_text: str) -> str:
    """Stable article id: a hash of where the article came from and its exact text.

    >>> article_id("a.txt", "x") == article_id("a.txt", "x") != article_id("b.txt", "x")
    True
    """
    h = hashlib.sha256(source_name.encode("utf-8") + b"\0" + raw_text.encode("utf-8"))
    return h.hexdigest()[:16]


def _parse_date(value) -> dt.date | None:
    """A publication date from an input field, or None when it is missing or unreadable.

    >>> _parse_date("2022-01-10T08:00:00Z"), _parse_date("not a date")
    (datetime.date(2022, 1, 10), None)
    """
    return as_date(value)


def _text_or_none(value) -> str | None:
    if value is None or (isinstance(value, float) and value != value):
        return None
    text = str(value).strip()
    return text or None


def article_record(source_name: str, raw_text: str, meta: dict | None = None) -> dict:
    """One row of the ingested articles table."""
    meta = meta or {}
    return {
        "article_id": article_id(source_name, raw_text),
        "source_name": source_name,
        "title": _text_or_none(meta.get("title")),
        "published": _parse_date(meta.get("published")),
        "author": _text_or_none(meta.get("author")),
        "publisher": _text_or_none(meta.get("publisher")),
        "url": _text_or_none(meta.get("url")),
        "raw_text": raw_text,
    }


def text_problem(text: str, settings: Settings) -> str | None:
    """Why ``text`` cannot be an article, or None when it can.

    >>> text_problem("   ", Settings())
    'empty text'
    >>> text_problem("a\\x00b", Settings())
    'binary content: contains NUL characters'
    """
    if not text.strip():
        return "empty text"
    if "\x00" in text:
        return "binary content: contains NUL characters"
    if len(text) > settings.max_chars:
        return f"document too long: {len(text):,} characters, over the limit of {settings.max_chars:,} (see --max-chars)"
    controls = sum(1 for ch in text if ch < " " and ch not in "\t\n\r\f")
    if controls > MAX_CONTROL_SHARE * len(text):
        return f"binary content: {controls} control characters in {len(text)}"
    return None


def decode(data: bytes) -> str:
    """Decode bytes as UTF-8 (a byte-order mark is dropped); raise ``ValueError`` with a readable reason.

    >>> decode(b"caf\\xc3\\xa9")
    'café'
    >>> decode(b"caf\\xe9")
    Traceback (most recent call last):
    ...
    ValueError: undecodable bytes: not valid UTF-8 at byte 3 (0xe9); convert the file to UTF-8
    """
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ValueError("binary content: contains NUL bytes")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValueError(
            f"undecodable bytes: not valid UTF-8 at byte {exc.start} (0x{data[exc.start]:02x}); convert the file to UTF-8"
        ) from None


def read_text_file(path: Path, name: str, settings: Settings) -> Iterator[dict | Rejection]:
    """The article of one ``.txt`` file, or why it cannot be one (a rejection)."""
    try:
        size = path.stat().st_size
        if size > 4 * settings.max_chars:  # cannot fit the limit even at 4 bytes a character: don't read it
            yield Rejection(name, f"document too long: {size:,} bytes, over the limit of {settings.max_chars:,} characters (see --max-chars)")
            return
        text = decode(path.read_bytes())
    except ValueError as exc:
        yield Rejection(name, str(exc))
        return
    except OSError as exc:
        yield Rejection(name, f"cannot read file: {exc.strerror or exc}")
        return
    problem = text_problem(text, settings)
    yield Rejection(name, problem) if problem else article_record(name, text)


def _record_rows(name: str, records: Iterator[tuple[str, object]], settings: Settings) -> Iterator[dict | Rejection]:
    """Rows from table records ``(position, record)``; each record must be a mapping with ``text``."""
    for position, rec in records:
        where = f"{name}:{position}"
        if not isinstance(rec, dict):
            yield Rejection(where, f"malformed record: expected an object with a `text` field, got {type(rec).__name__}")
            continue
        text = rec.get("text")
        if text is None or (isinstance(text, float) and text != text):
            yield Rejection(where, "missing `text` field")
            continue
        if not isinstance(text, str):
            yield Rejection(where, f"`text` is not a string but {type(text).__name__}")
            continue
        rid = _text_or_none(rec.get("id"))
        source = f"{name}:{rid}" if rid else where
        problem = text_problem(text, settings)
        yield Rejection(source, problem) if problem else article_record(source, text, rec)


def _jsonl_records(path: Path, name: str) -> Iterator[tuple[str, object] | Rejection]:
    with path.open("rb") as fh:
        for lineno, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                yield str(lineno), json.loads(decode(line))
            except ValueError as exc:  # JSONDecodeError is a ValueError, and so is decode()'s
                reason = str(exc) if str(exc).startswith(("undecodable", "binary")) else f"malformed JSON: {exc}"
                yield Rejection(f"{name}:{lineno}", reason)


def _jsonl_rows(path: Path, name: str, settings: Settings) -> Iterator[dict | Rejection]:
    for item in _jsonl_records(path, name):
        if isinstance(item, Rejection):
            yield item
        else:
            yield from _record_rows(name, iter([item]), settings)


def _csv_rows(path: Path, name: str, settings: Settings) -> Iterator[dict | Rejection]:
    text = decode(path.read_bytes())
    reader = csv.DictReader(io.StringIO(text, newline=""))
    if "text" not in (reader.fieldnames or []):
        yield Rejection(name, f"no `text` column (columns: {', '.join(reader.fieldnames or []) or 'none'})")
        return
    yield from _record_rows(name, ((str(i), row) for i, row in enumerate(reader, start=2)), settings)


def _parquet_rows(path: Path, name: str, settings: Settings) -> Iterator[dict | Rejection]:
    pf = pq.ParquetFile(path)
    if "text" not in pf.schema_arrow.names:
        yield Rejection(name, f"no `text` column (columns: {', '.join(pf.schema_arrow.names)})")
        return
    row = 0
    for batch in pf.iter_batches(batch_size=settings.batch_size):
        for rec in batch.to_pylist():
            row += 1
            yield from _record_rows(name, iter([(str(row), rec)]), settings)


#: the reader of each table format, by file suffix
_TABLE_READERS = {".jsonl": _jsonl_rows, ".csv": _csv_rows, ".parquet": _parquet_rows}


def read_table_file(path: Path, name: str, settings: Settings) -> Iterator[dict | Rejection]:
    """The articles and rejections of one ``.jsonl`` / ``.csv`` / ``.parquet`` table (one article a
    record, its text in a ``text`` field); a file that cannot be read at all is one rejection."""
    suffix = path.suffix.lower()
    try:
        yield from _TABLE_READERS[suffix](path, name, settings)
    except pa.ArrowException as exc:  # a corrupt Parquet file
        yield Rejection(name, f"cannot read {suffix[1:]} file: {exc}")
    except ValueError as exc:  # decode() and csv field-size problems
        yield Rejection(name, str(exc))
    except (OSError, csv.Error) as exc:
        yield Rejection(name, f"cannot read {suffix[1:]} file: {exc}")


def input_files(input_path: Path) -> list[tuple[Path, str]]:
    """The files to read and their source names: a single file, or every non-hidden ``.txt`` file
    below a folder (one article each; other files there, such as annotations, are not articles),
    sorted by relative path so that runs are deterministic."""
    input_path = Path(input_path)
    if input_path.is_file():
        return [(input_path, input_path.name)]
    if not input_path.is_dir():
        raise FileNotFoundError(f"input not found: {input_path}")
    files = [
        p
        for p in input_path.rglob("*")
        if p.is_file()
        and p.suffix.lower() in TEXT_SUFFIXES
        and not any(part.startswith(".") for part in p.relative_to(input_path).parts)
    ]
    return sorted(((p, p.relative_to(input_path).as_posix()) for p in files), key=lambda t: t[1])


def read_inputs(input_path: Path, settings: Settings) -> Iterator[dict | Rejection]:
    """Every article (a dict row) or rejection found at ``input_path``, in a deterministic order.

    Duplicate articles (the same source and text twice) are rejected after the first.
    """
    seen: set[str] = set()
    for path, name in input_files(input_path):
        suffix = path.suffix.lower()
        if suffix in TEXT_SUFFIXES:
            items = read_text_file(path, name, settings)
        elif suffix in TABLE_SUFFIXES:
            items = read_table_file(path, name, settings)
        else:
            items = iter([Rejection(name, f"unsupported file type {suffix or '(none)'}: expected .txt, .jsonl, .csv or .parquet")])
        for item in items:
            if isinstance(item, dict):
                if item["article_id"] in seen:
                    item = Rejection(item["source_name"], "duplicate: the same source and text were already read")
                else:
                    seen.add(item["article_id"])
            yield item


