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
