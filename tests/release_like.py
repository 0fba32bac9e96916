"""A copy of a built dataset shaped like a release without article texts (``--text none``), for the
loading tests and the notebook test: the articles keep their metadata, lose ``text``, ``raw_text`` and
``edits``, and gain ``raw_text_sha256`` and ``raw_length``; the other tables are copied as they are."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

TABLE_NAMES = ("articles", "quotes", "speakers", "rejected")


def write_textless_copy(dataset: Path, folder: Path) -> Path:
    """Write the copy of ``dataset`` into ``folder`` and return ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in TABLE_NAMES:
        table = pq.read_table(dataset / f"{name}.parquet")
        if name == "articles":
            raw = table.column("raw_text").to_pylist()
            table = (table.drop_columns(["text", "raw_text", "edits"])
                     .append_column("raw_text_sha256", pa.array([hashlib.sha256(t.encode("utf-8")).hexdigest() for t in raw]))
                     .append_column("raw_length", pa.array([len(t) for t in raw], pa.int64())))
        pq.write_table(table, folder / f"{name}.parquet")
    return folder
