"""The built dataset loads everywhere a user would load it, with the same column types everywhere.

Every table of a dataset built from ``data/raw`` is read through pandas, polars, DuckDB, Hugging Face
``datasets`` and :func:`pipeline.load` (each backend), and each column's type in each library is mapped
to one logical type (string, int64, float64, date, bool, list<...>, struct<...>) and compared with the
Arrow schema derived from the row models (:func:`schemas.enforce.arrow_schema`): a column whose type
changes in one library fails here. Empty tables load typed through :func:`pipeline.load`; what
``datasets`` does on a zero-row file today is asserted below (the run's ``rejected.parquet`` fails
with "BatchSize must be greater than 0"; a file without a row group streams but does not load).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pandas as pd
import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from pipeline import load
from pipeline.dataset import JOINED_ARTICLE, JOINED_SPEAKER, TABLE_NAMES
from pipeline.runner import run_pipeline
from release_like import write_textless_copy
from schemas import TABLES, arrow_schema, write_table

ROOT = Path(__file__).resolve().parents[1]
NONEMPTY = ("articles", "quotes", "speakers")


# -- one logical type per column, from each library's own type ---------------------------------------


def logical_arrow(t: pa.DataType) -> str:
    if pa.types.is_string(t) or pa.types.is_large_string(t):
        return "string"
    if pa.types.is_list(t) or pa.types.is_large_list(t):
        return f"list<{logical_arrow(t.value_type)}>"
    if pa.types.is_struct(t):
        return "struct<" + ",".join(f"{f.name}:{logical_arrow(f.type)}" for f in t) + ">"
    simple = {pa.int64(): "int64", pa.float64(): "float64", pa.date32(): "date", pa.bool_(): "bool"}
    return simple.get(t, f"arrow:{t}")


def logical_pandas(dtype) -> str:
    if isinstance(dtype, pd.ArrowDtype):
        return logical_arrow(dtype.pyarrow_dtype)
    return f"pandas:{dtype}"  # not Arrow-backed (object, numpy, the default str): never what we want


def logical_polars(dtype) -> str:
    if isinstance(dtype, pl.List):
        return f"list<{logical_polars(dtype.inner)}>"
    if isinstance(dtype, pl.Struct):
        return "struct<" + ",".join(f"{f.name}:{logical_polars(f.dtype)}" for f in dtype.fields) + ">"
    simple = {pl.String: "string", pl.Int64: "int64", pl.Float64: "float64", pl.Date: "date", pl.Boolean: "bool"}
    return next((v for k, v in simple.items() if dtype == k), f"polars:{dtype}")


def logical_duckdb(t) -> str:
    if t.id == "list":
        return f"list<{logical_duckdb(t.child)}>"
    if t.id == "struct":
        return "struct<" + ",".join(f"{name}:{logical_duckdb(child)}" for name, child in t.children) + ">"
    simple = {"varchar": "string", "bigint": "int64", "double": "float64", "date": "date", "boolean": "bool"}
    return simple.get(t.id, f"duckdb:{t}")


def logical_datasets(feature) -> str:
    import datasets

    if isinstance(feature, (datasets.List, datasets.LargeList, datasets.Sequence)):
        return f"list<{logical_datasets(feature.feature)}>"
    if isinstance(feature, dict):
        return "struct<" + ",".join(f"{k}:{logical_datasets(v)}" for k, v in feature.items()) + ">"
    if isinstance(feature, datasets.Value):
        simple = {"string": "string", "large_string": "string", "int64": "int64", "float64": "float64",
                  "date32": "date", "bool": "bool"}
        return simple.get(feature.dtype, f"datasets:{feature.dtype}")
    return f"datasets:{feature!r}"


def expected_types(name: str) -> dict[str, str]:
    return {f.name: logical_arrow(f.type) for f in arrow_schema(TABLES[name])}


def test_the_logical_types_tell_apart_what_they_must():
    assert logical_arrow(pa.list_(pa.struct([("a", pa.int64())]))) == "list<struct<a:int64>>"
    assert logical_pandas(pd.Series(["x"], dtype=object).dtype) == "pandas:object"
    assert logical_polars(pl.Datetime()) != "date"
    assert logical_duckdb(duckdb.sql("SELECT TIMESTAMP '2024-01-01' AS t").types[0]) != "date"


# -- the dataset --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The dataset of data/raw, built once for this module."""
    root = tmp_path_factory.mktemp("loading")
    run_pipeline(ROOT / "data" / "raw", root / "out", interim_dir=root / "interim")
    return root / "out"


@pytest.fixture(scope="module")
def hf(tmp_path_factory):
    """``datasets.load_dataset`` offline, with its cache in a temporary folder; nothing is downloaded."""
    cache = tmp_path_factory.mktemp("hf")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("HF_DATASETS_OFFLINE", "1")
        mp.setenv("HF_HUB_OFFLINE", "1")
        mp.setenv("HF_HOME", str(cache / "home"))
        import datasets

        mp.setattr(datasets.config, "HF_HUB_OFFLINE", True)  # also when datasets was imported before this fixture

        def read(path: Path, streaming: bool = False):
            return datasets.load_dataset("parquet", data_files={"train": str(path)}, split="train",
                                         cache_dir=str(cache / "datasets"), streaming=streaming)

        yield read


def rows_in_file(path: Path) -> int:
    return pq.ParquetFile(path).metadata.num_rows


def test_the_built_dataset_has_rows_in_three_tables_and_none_rejected(built):
    assert {n: rows_in_file(built / f"{n}.parquet") > 0 for n in TABLE_NAMES} == {
        "articles": True, "quotes": True, "speakers": True, "rejected": False}


# -- every table in every library ---------------------------------------------------------------------


def read_in(library: str, path: Path, hf=None) -> tuple[int, dict[str, str]]:
    """Rows and logical column types of the Parquet file ``path`` as ``library`` reads it."""
    if library == "pandas":
        df = pd.read_parquet(path, dtype_backend="pyarrow")
        return len(df), {c: logical_pandas(t) for c, t in df.dtypes.items()}
    if library == "polars":
        df = pl.read_parquet(path)
        return df.height, {c: logical_polars(t) for c, t in df.schema.items()}
    if library == "duckdb":
        rel = duckdb.connect().sql(f"SELECT * FROM read_parquet('{path}')")
        return len(rel.fetchall()), {c: logical_duckdb(t) for c, t in zip(rel.columns, rel.types)}
    if library == "datasets":
        ds = hf(path)
        return ds.num_rows, {c: logical_datasets(f) for c, f in ds.features.items()}
    raise ValueError(library)


@pytest.mark.parametrize("library", ["pandas", "polars", "duckdb"])
@pytest.mark.parametrize("name", TABLE_NAMES)
def test_every_table_loads_with_its_types(built, name, library):
    path = built / f"{name}.parquet"
    rows, types = read_in(library, path)
    assert rows == rows_in_file(path)
    assert types == expected_types(name)


@pytest.mark.parametrize("name", NONEMPTY)
def test_every_nonempty_table_loads_in_datasets_with_its_types(built, hf, name):
    path = built / f"{name}.parquet"
    rows, types = read_in("datasets", path, hf)
    assert rows == rows_in_file(path) > 0
    assert types == expected_types(name)


@pytest.mark.parametrize("backend", ["pandas", "polars", "duckdb"])
@pytest.mark.parametrize("name", TABLE_NAMES)
def test_every_table_loads_typed_through_pipeline_load(built, name, backend):
    table = load(built, backend=backend).table(name)
    if backend == "pandas":
        rows, types = len(table), {c: logical_pandas(t) for c, t in table.dtypes.items()}
    elif backend == "polars":
        rows, types = table.height, {c: logical_polars(t) for c, t in table.schema.items()}
    else:
        rows, types = len(table.fetchall()), {c: logical_duckdb(t) for c, t in zip(table.columns, table.types)}
    assert rows == rows_in_file(built / f"{name}.parquet")
    assert types == expected_types(name)


def test_a_column_type_is_the_same_in_every_library(built, hf):
    """The check that fails when one library reads a column as another type than the others."""
    differ = {}
    for name in TABLE_NAMES:
        libraries = ["pandas", "polars", "duckdb"] + (["datasets"] if name in NONEMPTY else [])
        seen = {lib: read_in(lib, built / f"{name}.parquet", hf)[1] for lib in libraries}
        if name not in NONEMPTY:  # datasets cannot read the zero-row file (below); the features it declares
            import datasets

            seen["datasets"] = {c: logical_datasets(f) for c, f in
                                datasets.Features.from_arrow_schema(pq.read_schema(built / f"{name}.parquet")).items()}
        for col, want in expected_types(name).items():
            got = {lib: types.get(col) for lib, types in seen.items()}
            if set(got.values()) != {want}:
                differ[f"{name}.{col}"] = {"schema": want, **got}
    assert differ == {}


# -- the joined view ----------------------------------------------------------------------------------


def joined_expected_types() -> dict[str, str]:
    quote = expected_types("quotes")
    speaker, article = expected_types("speakers"), expected_types("articles")
    return {**quote, **{v: speaker[c] for c, v in JOINED_SPEAKER.items()},
            **{v: article[c] for c, v in JOINED_ARTICLE.items()}}


def as_arrow(frame) -> pa.Table:
    if isinstance(frame, pd.DataFrame):
        return pa.Table.from_pandas(frame, preserve_index=False)
    if isinstance(frame, pl.DataFrame):
        return frame.to_arrow()
    return frame.to_arrow_table()


def test_the_joined_view_is_the_same_in_every_backend(built):
    full = {b: load(built, backend=b).quotes_full() for b in ("pandas", "polars", "duckdb")}
    pandas, polars, duck = full["pandas"], full["polars"], full["duckdb"]
    types = {
        "pandas": {c: logical_pandas(t) for c, t in pandas.dtypes.items()},
        "polars": {c: logical_polars(t) for c, t in polars.schema.items()},
        "duckdb": {c: logical_duckdb(t) for c, t in zip(duck.columns, duck.types)},
    }
    want = joined_expected_types()
    for backend, got in types.items():
        assert list(got) == list(want), backend
        assert got == want, backend
    rows = {b: as_arrow(f).to_pylist() for b, f in full.items()}
    assert rows["pandas"] == rows["polars"] == rows["duckdb"]
    assert len(rows["pandas"]) == rows_in_file(built / "quotes.parquet")


def test_the_joined_view_holds_each_quotes_speaker_and_article(built):
    quotes = pq.read_table(built / "quotes.parquet").to_pylist()
    speakers = {s["speaker_id"]: s for s in pq.read_table(built / "speakers.parquet").to_pylist()}
    articles = {a["article_id"]: a for a in pq.read_table(built / "articles.parquet").to_pylist()}
    full = as_arrow(load(built).quotes_full()).to_pylist()
    assert [r["quote_id"] for r in full] == [q["quote_id"] for q in quotes]  # the quotes' order
    assert any(q["speaker_id"] is None for q in quotes) and any(q["speaker_id"] for q in quotes)
    for row, quote in zip(full, quotes):
        assert {k: row[k] for k in quote} == quote
        speaker = speakers.get(quote["speaker_id"], {})
        assert row["speaker_aliases"] == speaker.get("aliases")
        article = articles[quote["article_id"]]
        assert [row[v] for v in JOINED_ARTICLE.values()] == [article[c] for c in JOINED_ARTICLE]


# -- provenance ---------------------------------------------------------------------------------------


def test_source_text_is_the_raw_span_of_every_quote_whatever_form_the_quote_takes(built):
    raw = {a["article_id"]: a["raw_text"] for a in pq.read_table(built / "articles.parquet").to_pylist()}
    ds, dpl = load(built), load(built, backend="polars")
    rows = list(ds.quotes.itertuples(index=False))
    for i, quote in enumerate(rows):
        want = raw[quote.article_id][quote.raw_start:quote.raw_end]
        assert want
        assert ds.source_text(quote) == want
        assert ds.source_text(ds.quotes.iloc[i]) == want
        assert dpl.source_text(dpl.quotes.row(i, named=True)) == want
    assert ds.source_text(rows[0].quote_id) == raw[rows[0].article_id][rows[0].raw_start:rows[0].raw_end]
    with pytest.raises(KeyError):
        ds.source_text("no-such-quote")


# -- a release without the article texts ----------------------------------------------------------------


@pytest.fixture(scope="module")
def textless(built, tmp_path_factory) -> Path:
    """A copy of the dataset shaped like a release without article texts (:mod:`release_like`)."""
    return write_textless_copy(built, tmp_path_factory.mktemp("textless"))


@pytest.mark.parametrize("backend", ["pandas", "polars", "duckdb"])
def test_a_release_without_article_texts_loads_and_joins(textless, backend):
    ds = load(textless, backend=backend)
    assert list(ds.articles.columns)[-2:] == ["raw_text_sha256", "raw_length"]
    assert not {"text", "raw_text", "edits"} & set(ds.articles.columns)
    full = as_arrow(ds.quotes_full())
    assert full.column_names == list(joined_expected_types())
    assert full.num_rows == rows_in_file(textless / "quotes.parquet")
    assert as_arrow(ds.quotes_full()).column("title").null_count < full.num_rows


def test_source_text_is_none_without_article_texts(textless):
    ds = load(textless)
    assert ds.source_text(ds.quotes.iloc[0]) is None
    assert ds.raw_text(ds.articles["article_id"].iloc[0]) is None


def test_a_folder_without_the_tables_is_refused(tmp_path):
    with pytest.raises(FileNotFoundError, match="not a quotetrace dataset"):
        load(tmp_path)
    with pytest.raises(ValueError, match="backend"):
        load(tmp_path, backend="spark")


# -- empty tables -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def empty(tmp_path_factory) -> Path:
    """A dataset with no row in any table, written through the pipeline's one write path."""
    folder = tmp_path_factory.mktemp("empty")
    for name, model in TABLES.items():
        write_table(pd.DataFrame(columns=list(model.model_fields)), model, folder / f"{name}.parquet")
    return folder


@pytest.mark.parametrize("backend", ["pandas", "polars", "duckdb"])
def test_empty_tables_load_typed_through_pipeline_load(empty, backend):
    ds = load(empty, backend=backend)
    for name in TABLE_NAMES:
        table = ds.table(name)
        if backend == "pandas":
            rows, types = len(table), {c: logical_pandas(t) for c, t in table.dtypes.items()}
        elif backend == "polars":
            rows, types = table.height, {c: logical_polars(t) for c, t in table.schema.items()}
        else:
            rows, types = len(table.fetchall()), {c: logical_duckdb(t) for c, t in zip(table.columns, table.types)}
        assert (rows, types) == (0, expected_types(name)), name
    full = as_arrow(ds.quotes_full())
    assert (full.num_rows, full.column_names) == (0, list(joined_expected_types()))


def test_datasets_streams_the_runs_zero_row_file_but_cannot_load_it(built, hf):
    """What ``datasets`` 5.2 does with the run's zero-row ``rejected.parquet``. The write path writes an
    empty table with no row group (one row group of 0 rows made ``datasets`` fail with "BatchSize must
    be greater than 0"), so it streams as no rows with its typed features; loading it (not streaming)
    still fails in ``datasets`` 5.2 whatever the file, because a split with no example "corresponds to
    no data". So with ``datasets`` a zero-row table is read with ``streaming=True`` (or through
    ``pipeline.load``); pandas, polars and DuckDB read it as an empty typed table (tests above)."""
    path = built / "rejected.parquet"
    meta = pq.ParquetFile(path).metadata
    assert (meta.num_rows, meta.num_row_groups) == (0, 0)
    streamed = hf(path, streaming=True)
    assert list(streamed) == []
    assert {c: logical_datasets(f) for c, f in streamed.features.items()} == expected_types("rejected")
    with pytest.raises(ValueError, match="corresponds to no data"):
        hf(path)


# -- the package stays light ----------------------------------------------------------------------------


def test_from_pipeline_import_load_imports_no_stage_and_no_spacy():
    code = ("import sys; import pipeline; print(sorted(m for m in sys.modules if m.startswith(('pandas', 'pipeline.')))); "
            "from pipeline import load; "
            "print(sorted(m for m in sys.modules if m == 'spacy' or m.startswith(('pipeline.stages', 'pipeline.runner'))))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True,
                         env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert out.stdout.splitlines() == ["[]", "[]"]  # the package alone imports nothing; load imports no stage
