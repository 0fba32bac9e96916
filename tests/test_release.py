"""The release: file modes, empty tables, and a published folder that validates and respects the text rights."""

from __future__ import annotations

import stat
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq

from schemas import FILE_MODE, TableWriter, write_table, write_text
from schemas.tables import Rejected


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_every_write_path_gives_mode_0644(tmp_path):
    rows = pd.DataFrame({"source_name": ["a.txt"], "reason": ["empty"]})
    write_table(rows, Rejected, tmp_path / "one.parquet")
    with TableWriter(Rejected, tmp_path / "parts.parquet") as w:
        w.write(rows)
    with TableWriter(Rejected, tmp_path / "none.parquet"):
        pass
    write_text("# card\n", tmp_path / "README.md")
    assert FILE_MODE == 0o644
    for name in ("one.parquet", "parts.parquet", "none.parquet", "README.md"):
        assert _mode(tmp_path / name) == 0o644, name
    assert pq.read_table(tmp_path / "parts.parquet").num_rows == 1
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporary file left
