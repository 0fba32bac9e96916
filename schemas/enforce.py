"""Everything derived from the row models: Arrow schemas, whole-column checks, the one write path.

>>> from schemas.tables import Speaker
>>> arrow_schema(Speaker).field("aliases").type
ListType(list<item: string>)
>>> arrow_schema(Speaker).field("name").metadata[b"description"][:9]
b'Canonical'
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
import types
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, get_args, get_origin

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from schemas.tables import TableModel
from schemas.values import as_date

#: rows per Parquet row group: fixed so that the same rows give the same bytes
ROW_GROUP_SIZE = 10_000

#: mode of every file the pipeline writes: readable by everyone (other users, web servers), writable by
#: its owner; set explicitly because a temporary file from :func:`tempfile.mkstemp` is 0600
FILE_MODE = 0o644


class SchemaError(ValueError):
    """A table broke its contract; the message says which table, which column and how."""


def _unwrap_optional(annotation) -> tuple[object, bool]:
    if get_origin(annotation) in (typing.Union, types.UnionType):
        args = [a for a in get_args(annotation) if a is not type(None)]
        if len(args) == 1 and len(get_args(annotation)) == 2:
            return args[0], True
    return annotation, False


def arrow_type(annotation) -> pa.DataType:
    """The Arrow type for a Python annotation of a row model field.

    >>> arrow_type(list[str])
    ListType(list<item: string>)
    """
    annotation, _ = _unwrap_optional(annotation)
    origin = get_origin(annotation)
    if origin is Literal:
        return pa.string()
    if origin is list:
        (item,) = get_args(annotation)
        return pa.list_(arrow_type(item))
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return pa.struct([_arrow_field(n, f) for n, f in annotation.model_fields.items()])
    simple = {str: pa.string(), int: pa.int64(), float: pa.float64(), bool: pa.bool_(), dt.date: pa.date32()}
    if annotation in simple:
        return simple[annotation]
    raise TypeError(f"no Arrow type for {annotation!r}")


def _arrow_field(name: str, info: FieldInfo) -> pa.Field:
    _, optional = _unwrap_optional(info.annotation)
    meta = {"description": info.description} if info.description else None
    return pa.field(name, arrow_type(info.annotation), nullable=optional, metadata=meta)


def arrow_schema(model: type[TableModel]) -> pa.Schema:
    """The Arrow schema of a table, with each column's description in its field metadata."""
    fields = [_arrow_field(n, f) for n, f in model.model_fields.items()]
    return pa.schema(fields, metadata={"table": model.table, "grain": model.grain})


def _literal_values(info: FieldInfo) -> tuple | None:
    annotation, _ = _unwrap_optional(info.annotation)
    return get_args(annotation) if get_origin(annotation) is Literal else None


def _bounds(info: FieldInfo) -> tuple[float | None, float | None]:
    lo = hi = None
    for m in info.metadata:
        lo = getattr(m, "ge", lo)
        hi = getattr(m, "le", hi)
    return lo, hi


def check_columns(df: pd.DataFrame, model: type[TableModel]) -> None:
    """Whole-column checks derived from the model: columns present, no nulls in required columns,
    values in their allowed set and range, primary key unique. Raises :class:`SchemaError`."""
    name = model.table
    missing = [c for c in model.model_fields if c not in df.columns]
    if missing:
        raise SchemaError(f"{name}: missing columns {missing}")
    for col, info in model.model_fields.items():
        series = df[col]
        _, optional = _unwrap_optional(info.annotation)
        nulls = series.isna() if series.dtype != object else series.map(lambda v: v is None or v is pd.NA or (isinstance(v, float) and v != v))
        if not optional and nulls.any():
            raise SchemaError(f"{name}.{col}: {int(nulls.sum())} null value(s) in a required column")
        values = series[~nulls]
        allowed = _literal_values(info)
        if allowed is not None:
            bad = values[~values.isin(allowed)]
            if len(bad):
                raise SchemaError(f"{name}.{col}: values {sorted(set(map(str, bad)))[:5]} not in {list(allowed)}")
        lo, hi = _bounds(info)
        if lo is not None and len(values) and (values < lo).any():
            raise SchemaError(f"{name}.{col}: values below {lo}")
        if hi is not None and len(values) and (values > hi).any():
            raise SchemaError(f"{name}.{col}: values above {hi}")
    if model.primary_key:
        dup = df.duplicated(list(model.primary_key))
        if dup.any():
            first = df.loc[dup, list(model.primary_key)].iloc[0].tolist()
            raise SchemaError(f"{name}: primary key {model.primary_key} not unique (e.g. {first})")


def _date_or_none(v):
    return as_date(v, strict=True)


def enforce(df: pd.DataFrame, model: type[TableModel]) -> pa.Table:
    """Check ``df`` against ``model`` and return it as an Arrow table with the model's schema,
    columns in model order, rows sorted by the model's sort key."""
    check_columns(df, model)
    schema = arrow_schema(model)
    frame = df[list(model.model_fields)].copy()
    for f in schema:
        if f.type == pa.date32():
            frame[f.name] = frame[f.name].map(_date_or_none).astype(object)
    if len(frame) and model.sort_by:
        key = list(dict.fromkeys(model.sort_by + model.primary_key))  # the key makes the order total
        frame = frame.sort_values(key, kind="stable").reset_index(drop=True)
    try:
        table = pa.Table.from_pandas(frame, schema=schema, preserve_index=False)
    except (pa.ArrowInvalid, pa.ArrowTypeError) as exc:
        raise SchemaError(f"{model.table}: cannot convert to the Arrow schema: {exc}") from exc
    return table.replace_schema_metadata(schema.metadata)


def _temp_beside(path: Path) -> str:
    """A new temporary file in ``path``'s folder (created with the folder if need be)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    return tmp


def _move_into_place(tmp: str, path: Path) -> None:
    """Give the finished temporary file the published mode (:data:`FILE_MODE`) and rename it to ``path``."""
    os.chmod(tmp, FILE_MODE)
    os.replace(tmp, path)


def write_parquet(table: pa.Table, path: Path) -> None:
    """Write a Parquet file atomically: to a temporary file in the same folder, then rename.

    A crash leaves the previous file (or none), never a partial one. Fixed row groups and no
    timestamps, so the same table gives the same bytes; the file gets mode :data:`FILE_MODE`.
    A table of no rows is written with no row group at all (the schema only): a reader that sizes its
    batches by the first row group (``datasets``: "BatchSize must be greater than 0") then reads it as
    empty instead of failing.
    """
    path = Path(path)
    tmp = _temp_beside(path)
    try:
        if table.num_rows == 0:
            pq.ParquetWriter(tmp, table.schema, compression="zstd").close()
        else:
            pq.write_table(table, tmp, row_group_size=ROW_GROUP_SIZE, compression="zstd", write_statistics=True)
        _move_into_place(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def write_text(text: str, path: Path) -> None:
    """Write a text file (UTF-8) atomically, like :func:`write_parquet`, with mode :data:`FILE_MODE`."""
    path = Path(path)
    tmp = _temp_beside(path)
    try:
        Path(tmp).write_text(text, encoding="utf-8")
        _move_into_place(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def write_table(df: pd.DataFrame, model: type[TableModel], path: Path) -> pa.Table:
    """The one write path for every table, published and interim: enforce the schema, then write
    atomically (:class:`TableWriter` for a table written part by part)."""
    table = enforce(df, model)
    write_parquet(table, path)
    return table


class TableWriter:
    """The one write path for a table written part by part (a corpus streamed in batches).

    Each part is checked and converted by :func:`enforce` and appended as its own row groups; the file
    appears under ``path`` only when :meth:`close` is called (a temporary file in the same folder,
    then renamed), so a crash leaves the previous file or none. With no part written, ``close``
    writes an empty table with the model's schema.

    >>> import tempfile
    >>> from schemas.tables import Rejected
    >>> folder = Path(tempfile.mkdtemp())
    >>> with TableWriter(Rejected, folder / "r.parquet") as w:
    ...     _ = w.write(pd.DataFrame({"source_name": ["a.txt"], "reason": ["empty"]}))
    >>> pq.read_table(folder / "r.parquet").num_rows
    1
    """

    def __init__(self, model: type[TableModel], path: Path):
        self.model, self.path = model, Path(path)
        self._writer: pq.ParquetWriter | None = None
        self._tmp: str | None = None

    def write(self, df: pd.DataFrame) -> pa.Table:
        """Check ``df`` against the model and append it; returns the Arrow table written."""
        table = enforce(df, self.model)
        if self._writer is None:
            self._tmp = _temp_beside(self.path)
            self._writer = pq.ParquetWriter(self._tmp, table.schema, compression="zstd")
        self._writer.write_table(table, row_group_size=ROW_GROUP_SIZE)
        return table

    def close(self) -> None:
        """Finish the file and move it into place."""
        if self._writer is None:
            write_table(pd.DataFrame(columns=list(self.model.model_fields)), self.model, self.path)
            return
        self._writer.close()
        _move_into_place(self._tmp, self.path)
        self._writer = None

    def abort(self) -> None:
        """Drop what was written; the file at ``path`` is left as it was."""
        if self._writer is not None:
            self._writer.close()
            self._writer = None
        if self._tmp and os.path.exists(self._tmp):
            os.unlink(self._tmp)

    def __enter__(self) -> "TableWriter":
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.close()
        else:
            self.abort()


@dataclass(frozen=True)
class Column:
    """One column of a table as the release metadata describes it, derived from the row model."""

    name: str
    type: pa.DataType
    nullable: bool
    description: str
    allowed: tuple | None = None
    minimum: float | None = None
    maximum: float | None = None


def columns(model: type[TableModel]) -> list[Column]:
    """The columns of a table, in order, with their Arrow type, description, allowed values and bounds.

    >>> from schemas.tables import Quote
    >>> [c for c in columns(Quote) if c.name == "confidence"][0].maximum
    1.0
    """
    out = []
    for f in arrow_schema(model):
        info = model.model_fields[f.name]
        lo, hi = _bounds(info)
        out.append(Column(f.name, f.type, f.nullable, (f.metadata or {}).get(b"description", b"").decode(),
                          _literal_values(info), lo, hi))
    return out


def data_dictionary(models: typing.Iterable[type[TableModel]]) -> str:
    """Markdown data dictionary of the tables, generated from the models (for the dataset card)."""
    lines: list[str] = []
    for model in models:
        lines.append(f"### `{model.table}`\n")
        lines.append(f"{model.grain}\n")
        if model.primary_key:
            lines.append(f"Primary key: `{', '.join(model.primary_key)}`.\n")
        lines.append("| column | type | nullable | description |")
        lines.append("|---|---|---|---|")
        for f in arrow_schema(model):
            desc = (f.metadata or {}).get(b"description", b"").decode()
            allowed = _literal_values(model.model_fields[f.name])
            if allowed:
                desc += f" One of: {', '.join(allowed)}."
            lines.append(f"| `{f.name}` | {f.type} | {'yes' if f.nullable else 'no'} | {desc} |")
        lines.append("")
    return "\n".join(lines)
