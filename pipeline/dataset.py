"""Load a built dataset or a release in a notebook: typed tables and one joined view of the quotes.

``load(folder)`` takes the ``--out`` folder of a run or a release folder and gives its four tables,
``articles``, ``quotes``, ``speakers`` and ``rejected``, as Arrow-backed pandas DataFrames (dates are
``date32[pyarrow]``, lists stay lists, missing values are ``<NA>``), as polars DataFrames
(``backend="polars"``) or as DuckDB relations on views of the same names (``backend="duckdb"``).
:meth:`Dataset.quotes_full` joins each quote with its speaker and its article, the same columns in
the same order for every backend, and :meth:`Dataset.source_text` reads a quote back out of its
article's raw text.

A release may leave out the article texts (no ``text``, ``raw_text`` or ``edits``; a ``raw_text_sha256``
instead): every table still loads with the columns it has, and :meth:`Dataset.source_text` gives ``None``.

This module reads files only; it imports nothing from the pipeline's stages, so ``from pipeline import
load`` is quick and needs no spaCy. polars and DuckDB are imported only when asked for.

>>> import tempfile
>>> from schemas import TABLES, write_table
>>> folder = Path(tempfile.mkdtemp())
>>> rows = {name: pd.DataFrame(columns=list(model.model_fields)) for name, model in TABLES.items()}
>>> rows["articles"] = pd.DataFrame([{"article_id": "a1", "source_name": "a.txt", "title": "A title",
...     "published": "2024-05-01", "author": None, "publisher": None, "url": None,
...     "text": 'The tester said "it works".', "raw_text": 'The tester said "it works".', "edits": []}])
>>> rows["quotes"] = pd.DataFrame([{"quote_id": "q1", "article_id": "a1", "text": "it works", "kind": "direct",
...     "start": 17, "end": 25, "raw_start": 17, "raw_end": 25, "speaker_id": None, "speaker_name": None,
...     "speaker_type": None, "mention": "The tester", "cue": "said", "role": None, "quote_date": "2024-05-01",
...     "date_basis": "publication", "confidence": 0.4}])
>>> for name, model in TABLES.items():
...     _ = write_table(rows[name], model, folder / f"{name}.parquet")
>>> ds = load(folder)
>>> ds.quotes["quote_date"].dtype
date32[day][pyarrow]
>>> len(ds.rejected), list(ds.rejected.columns)
(0, ['source_name', 'reason'])
>>> ds.quotes_full()[["quote_id", "title", "published"]].iloc[0].tolist()
['q1', 'A title', datetime.date(2024, 5, 1)]
>>> ds.source_text(ds.quotes.iloc[0])
'it works'
>>> load(folder, backend="duckdb").quotes_full().fetchall()[0][0]
'q1'
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cached_property
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow.parquet as pq

__all__ = ["TABLE_NAMES", "BACKENDS", "JOINED_SPEAKER", "JOINED_ARTICLE", "Dataset", "load"]

#: the tables of a dataset, each one ``<name>.parquet`` in the folder
TABLE_NAMES = ("articles", "quotes", "speakers", "rejected")
BACKENDS = ("pandas", "polars", "duckdb")

#: what :meth:`Dataset.quotes_full` adds to each quote: speakers' column -> its name in the view
JOINED_SPEAKER = {"aliases": "speaker_aliases"}
#: ... and articles' column -> its name in the view
JOINED_ARTICLE = {"title": "title", "published": "published", "publisher": "publisher", "url": "url"}


def load(path: str | Path, backend: str = "pandas") -> "Dataset":
    """The dataset in ``path`` (a run's ``--out`` folder or a release folder), read with ``backend``:
    ``"pandas"`` (Arrow-backed DataFrames, the default), ``"polars"`` or ``"duckdb"``.

    Tables are read when first used. A missing folder or table raises :class:`FileNotFoundError`.
    """
    return Dataset(path, backend)


class Dataset:
    """The four tables of a dataset folder, read with one backend (see :func:`load`)."""

    def __init__(self, path: str | Path, backend: str = "pandas"):
        if backend not in BACKENDS:
            raise ValueError(f"backend must be one of {', '.join(BACKENDS)}, not {backend!r}")
        self.path = Path(path)
        self.backend = backend
        self._frames: dict[str, Any] = {}
        missing = [n for n in TABLE_NAMES if not self.file(n).is_file()]
        if missing:
            raise FileNotFoundError(
                f"{self.path} is not a quotetrace dataset: no {', '.join(n + '.parquet' for n in missing)}"
            )

    def __repr__(self) -> str:
        rows = ", ".join(f"{n} {pq.ParquetFile(self.file(n)).metadata.num_rows}" for n in TABLE_NAMES)
        return f"<quotetrace dataset {str(self.path)!r} ({self.backend}): {rows}>"

    def file(self, name: str) -> Path:
        """The Parquet file of table ``name``."""
        return self.path / f"{name}.parquet"

    def columns(self, name: str) -> list[str]:
        """The columns table ``name`` has in this folder (a release may lack the article texts)."""
        return pq.read_schema(self.file(name)).names

    # -- the tables ------------------------------------------------------------------------------

    @cached_property
    def con(self):
        """The DuckDB connection (in memory) with a view per table and ``quotes_full``."""
        import duckdb

        con = duckdb.connect()
        for name in TABLE_NAMES:
            con.execute(f"CREATE VIEW {name} AS SELECT * FROM {self._scan(name)}")
        con.execute(f"CREATE VIEW quotes_full AS {self._joined_sql()}")
        return con

    def _scan(self, name: str, row_number: bool = False) -> str:
        literal = "'" + str(self.file(name).resolve()).replace("'", "''") + "'"
        return f"read_parquet({literal}{', file_row_number = true' if row_number else ''})"

    def table(self, name: str) -> Any:
        """Table ``name`` in this dataset's backend."""
        if name not in TABLE_NAMES:
            raise KeyError(f"no table {name!r}; the tables are {', '.join(TABLE_NAMES)}")
        if self.backend == "duckdb":
            return self.con.table(name)
        if name not in self._frames:
            self._frames[name] = self.read(name)
        return self._frames[name]

    def read(self, name: str) -> Any:
        """Read table ``name`` from its file into a pandas or polars DataFrame."""
        if self.backend == "polars":
            import polars as pl

            return pl.read_parquet(self.file(name))
        return pq.read_table(self.file(name)).to_pandas(types_mapper=pd.ArrowDtype)

    @property
    def articles(self) -> Any:
        """One row per article: metadata, and the texts unless the release left them out."""
        return self.table("articles")

    @property
    def quotes(self) -> Any:
        """One row per quote."""
        return self.table("quotes")

    @property
    def speakers(self) -> Any:
        """One row per speaker."""
        return self.table("speakers")

    @property
    def rejected(self) -> Any:
        """One row per input that could not be read (often none)."""
        return self.table("rejected")

    # -- the joined view -------------------------------------------------------------------------

    def _joined(self) -> tuple[dict[str, str], dict[str, str]]:
        """The speaker and article columns the joined view adds, limited to those this folder has."""
        speakers, articles = set(self.columns("speakers")), set(self.columns("articles"))
        return ({c: v for c, v in JOINED_SPEAKER.items() if c in speakers},
                {c: v for c, v in JOINED_ARTICLE.items() if c in articles})

    def _joined_sql(self) -> str:
        spk, art = self._joined()
        select = ["q.* EXCLUDE (file_row_number)"]
        select += [f's."{c}" AS "{v}"' for c, v in spk.items()] + [f'a."{c}" AS "{v}"' for c, v in art.items()]
        return (f"SELECT {', '.join(select)} FROM {self._scan('quotes', row_number=True)} AS q "
                f"LEFT JOIN {self._scan('speakers')} AS s ON q.speaker_id = s.speaker_id "
                f"LEFT JOIN {self._scan('articles')} AS a ON q.article_id = a.article_id "
                "ORDER BY q.file_row_number")

    def quotes_full(self) -> Any:
        """Each quote (all its columns, in the quotes' order) with its speaker's aliases
        (``speaker_aliases``; the quote already has ``speaker_name`` and ``speaker_type``) and its article's
        ``title``, ``published``, ``publisher`` and ``url``: the same columns for every backend. A quote
        without a speaker has nulls in the speaker columns."""
        if self.backend == "duckdb":
            return self.con.view("quotes_full")
        spk, art = self._joined()
        speakers = self.speakers[["speaker_id", *spk]]
        articles = self.articles[["article_id", *art]]
        if self.backend == "polars":
            return (self.quotes
                    .join(speakers.rename(spk), on="speaker_id", how="left", maintain_order="left")
                    .join(articles.rename(art), on="article_id", how="left", maintain_order="left"))
        # a left merge keeps the quotes' order; speaker_id is never null in speakers, so null keys match nothing
        return (self.quotes
                .merge(speakers.rename(columns=spk), on="speaker_id", how="left")
                .merge(articles.rename(columns=art), on="article_id", how="left"))

    # -- provenance ------------------------------------------------------------------------------

    def source_text(self, quote: Any) -> str | None:
        """``raw_text[raw_start:raw_end]`` of the quote's article: the quote exactly as the input has it.

        ``quote`` is a row of the quotes table (a pandas row, a dict such as polars'
        ``row(i, named=True)``, a named tuple) or a ``quote_id``. Gives ``None`` when the folder has no
        article texts (a release without them); raises :class:`KeyError` for an unknown quote or article.
        """
        if isinstance(quote, str):
            quote = self._quote_row(quote)
        get = quote.get if isinstance(quote, (Mapping, pd.Series)) else lambda k: getattr(quote, k)
        raw = self.raw_text(get("article_id"))
        return None if raw is None else raw[int(get("raw_start")):int(get("raw_end"))]

    def raw_text(self, article_id: str) -> str | None:
        """The raw text of an article, or ``None`` when the folder has no article texts."""
        if "raw_text" not in self.columns("articles"):
            return None
        found = pq.read_table(self.file("articles"), columns=["raw_text"],
                              filters=[("article_id", "=", article_id)]).column("raw_text").to_pylist()
        if not found:
            raise KeyError(f"no article {article_id!r}")
        return found[0]

    def _quote_row(self, quote_id: str) -> dict:
        rows = pq.read_table(self.file("quotes"), columns=["article_id", "raw_start", "raw_end"],
                             filters=[("quote_id", "=", quote_id)]).to_pylist()
        if not rows:
            raise KeyError(f"no quote {quote_id!r}")
        return rows[0]
