"""Schemas: Arrow schema and checks derived from the row models; the one write path."""

import datetime as dt
import re

import pandas as pd
import pyarrow.parquet as pq
import pytest

from schemas import Article, Quote, Rejected, SchemaError, Speaker, arrow_schema, data_dictionary, enforce, write_table


def _quote(**over):
    row = dict(
        quote_id="q1", article_id="a1", text="Hello", kind="direct", start=0, end=5, raw_start=0, raw_end=5,
        speaker_id=None, speaker_name=None, speaker_type=None, mention=None, cue=None, role=None,
        quote_date=dt.date(2022, 1, 6), date_basis="stated", confidence=0.5,
    )
    row.update(over)
    return row


def test_every_column_has_a_description_in_the_parquet_metadata(tmp_path):
    for model in (Article, Quote, Speaker, Rejected):
        for field in arrow_schema(model):
            assert field.metadata and field.metadata[b"description"], f"{model.table}.{field.name}"
    write_table(pd.DataFrame([_quote()]), Quote, tmp_path / "q.parquet")
    schema = pq.read_schema(tmp_path / "q.parquet")
    assert schema.field("raw_start").metadata[b"description"].startswith(b"Start of the quote")
    assert schema.field("quote_date").type == "date32[day]"
    assert schema.metadata[b"table"] == b"quotes"


@pytest.mark.parametrize(
    "change, message",
    [
        ({"kind": "rumour"}, "quotes.kind: values ['rumour'] not in"),
        ({"confidence": 1.5}, "quotes.confidence: values above 1.0"),
        ({"raw_start": -1}, "quotes.raw_start: values below 0"),
        ({"text": None}, "quotes.text: 1 null value(s) in a required column"),
        ({"date_basis": "guess"}, "quotes.date_basis: values ['guess'] not in"),
    ],
)
def test_column_checks_name_the_table_column_and_problem(change, message):
    with pytest.raises(SchemaError, match=re.escape(message)):
        enforce(pd.DataFrame([_quote(**change)]), Quote)


def test_primary_key_must_be_unique():
    df = pd.DataFrame([_quote(), _quote(start=1)])
    with pytest.raises(SchemaError, match="primary key"):
        enforce(df, Quote)


def test_missing_column_is_reported():
    with pytest.raises(SchemaError, match=r"missing columns \['n_articles'\]"):
        enforce(pd.DataFrame([{"speaker_id": "s", "name": "N", "aliases": [], "type": "person", "roles": [], "n_quotes": 1}]), Speaker)


def test_rows_are_sorted_by_the_model_key():
    df = pd.DataFrame([_quote(quote_id="b", article_id="z"), _quote(quote_id="a", article_id="y")])
    assert enforce(df, Quote).column("article_id").to_pylist() == ["y", "z"]


def test_failed_write_leaves_the_previous_file(tmp_path):
    target = tmp_path / "q.parquet"
    write_table(pd.DataFrame([_quote()]), Quote, target)
    before = target.read_bytes()
    with pytest.raises(SchemaError):
        write_table(pd.DataFrame([_quote(kind="bad")]), Quote, target)
    assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["q.parquet"]


def test_same_rows_give_the_same_bytes(tmp_path):
    df = pd.DataFrame([_quote(), _quote(quote_id="q2", start=7, end=9)])
    write_table(df, Quote, tmp_path / "a.parquet")
    write_table(df.iloc[::-1], Quote, tmp_path / "b.parquet")
    assert (tmp_path / "a.parquet").read_bytes() == (tmp_path / "b.parquet").read_bytes()


def test_data_dictionary_lists_every_column():
    md = data_dictionary([Speaker])
    for name in Speaker.model_fields:
        assert f"| `{name}` |" in md
    assert "One of: person, organization." in md


# -- interim tables: declared like the published ones ------------------------------------------
from schemas.interim import INTERIM_TABLES  # noqa: E402
from schemas.tables import TABLES  # noqa: E402


def _string_constants(module: str) -> set[str]:
    """Every string constant in the source of a stage module and the project modules it imports."""
    import ast

    from pipeline.runner import code_files

    found: set[str] = set()
    for path in code_files(module):
        if path.suffix == ".py":
            found |= {n.value for n in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
                      if isinstance(n, ast.Constant) and isinstance(n.value, str)}
    return found


@pytest.mark.parametrize("model", sorted({m for m in INTERIM_TABLES.values() if m.table not in TABLES}, key=lambda m: m.table),
                         ids=lambda m: m.table)
def test_every_interim_column_has_a_reader(model):
    """No column without a reader: each column of an interim table is named by the code of a stage
    that reads the table, or published under the same name."""
    published = {c for m in TABLES.values() for c in m.model_fields}
    assert model.read_by, f"{model.table} declares no reader"
    named = set().union(*(_string_constants(f"pipeline.stages.{stage}") for stage in model.read_by))
    unread = [c for c in model.model_fields if c not in named and c not in published]
    assert not unread, f"{model.table}: columns no stage reads: {unread}"


def test_every_stage_output_is_declared():
    from pipeline.runner import STAGES

    writers = {stage for stage, _ in INTERIM_TABLES}
    assert writers == set(STAGES) - {"export"}, "every stage but export stores a declared interim table"
    for model in INTERIM_TABLES.values():
        for stage in getattr(model, "read_by", ()):
            assert stage in STAGES, f"{model.table} is read by an unknown stage {stage!r}"


def test_an_interim_part_is_typed_by_its_model(tmp_path):
    from pipeline.storage import read_part, write_part
    from schemas.interim import QuoteSpan

    spans = pd.DataFrame([
        {"article_id": "a", "kind": "direct", "start": 0, "end": 5, "paragraph": 0, "cue": None, "cue_start": None,
         "cue_end": None, "mention": None, "mention_start": None, "mention_end": None},
        {"article_id": "a", "kind": "indirect", "start": 9, "end": 20, "paragraph": 1, "cue": "said", "cue_start": 6,
         "cue_end": 8, "mention": "she", "mention_start": 2, "mention_end": 5},
    ])
    write_part(spans, QuoteSpan, tmp_path / "part-00000.parquet")
    schema = pq.read_schema(tmp_path / "part-00000.parquet")
    assert schema.field("cue_start").type == "int64" and schema.metadata[b"table"] == b"quote_spans"
    back = read_part(tmp_path / "part-00000.parquet")
    assert list(back.columns) == list(QuoteSpan.model_fields)
    assert back.loc[0, "cue"] is None and back.loc[1, "mention"] == "she"
    with pytest.raises(SchemaError, match="quote_spans.kind"):
        write_part(spans.assign(kind="rumour"), QuoteSpan, tmp_path / "bad.parquet")
    assert not (tmp_path / "bad.parquet").exists()
