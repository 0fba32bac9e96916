"""Stage outputs on disk: every interim table is read and written here, through the one write path.

A stage stores its table under ``<interim>/<stage>/`` as numbered parts (``part-00000.parquet``, one per
batch of articles) or as one named file. :func:`write_part` checks the frame against the table's row
model (:mod:`schemas.interim`) and writes it with :func:`schemas.enforce.write_table`, the same path the
published tables take; :func:`read_part` gives the frame back in the form the stage functions take
(text as Python objects with ``None`` for missing values, edit logs as lists).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq

from schemas import write_table
from schemas.tables import TableModel

__all__ = ["write_part", "read_part", "parts", "concat", "part_rows"]


def write_part(df: pd.DataFrame, model: type[TableModel], path: Path) -> None:
    """Store one interim table (or part of one): checked against ``model``, written atomically."""
    write_table(df, model, path)


def read_part(path: Path, columns: list[str] | None = None) -> pd.DataFrame:
    """Read a stored part; text columns come back as Python objects with None for missing values."""
    df = pq.read_table(path, columns=columns).to_pandas()
    for col in df.columns:
        if isinstance(df[col].dtype, pd.StringDtype):
            df[col] = df[col].astype(object).where(df[col].notna(), None)
    if "edits" in df.columns:
        df["edits"] = df["edits"].map(lambda v: [] if v is None else list(v))
    return df


def parts(stage_dir: Path, prefix: str = "part") -> list[Path]:
    """The numbered parts of a stage's table, in order."""
    return sorted(Path(stage_dir).glob(f"{prefix}-*.parquet"))


def part_rows(path: Path) -> int:
    """Number of rows in a stored part, read from its footer."""
    return pq.ParquetFile(path).metadata.num_rows


def concat(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """The frames one after another (empty ones dropped; an empty frame when there are none)."""
    frames = [f for f in frames if not f.empty]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
