"""Ingest: good inputs become articles; each kind of bad input becomes a readable rejection."""

import json

import pandas as pd
import pytest

from pipeline.config import Settings
from pipeline.stages.ingest import ingested_articles, ingested_batches
from pipeline.text.sources import article_id

SETTINGS = Settings(max_chars=1000, batch_size=2)


def _reasons(rejected):
    return dict(zip(rejected["source_name"], rejected["reason"]))


def test_folder_of_txt_files_keeps_raw_text_exactly(tmp_path):
    raw = "Title\r\n\r\n“Quote,” he said.\u00a0\n"
    (tmp_path / "b.txt").write_bytes(raw.encode("utf-8"))
    (tmp_path / "a.txt").write_bytes("\ufeffFirst.".encode("utf-8"))
    articles, rejected = ingested_articles(tmp_path, SETTINGS)
    assert list(articles["source_name"]) == ["a.txt", "b.txt"]
    assert articles.loc[1, "raw_text"] == raw
    assert articles.loc[0, "raw_text"] == "First."  # the byte-order mark is encoding, not text
    assert rejected.empty


def test_article_id_is_stable_and_depends_on_source_and_text(tmp_path):
    (tmp_path / "a.txt").write_text("Same text.", encoding="utf-8")
    first, _ = ingested_articles(tmp_path, SETTINGS)
    second, _ = ingested_articles(tmp_path, SETTINGS)
    assert first["article_id"].tolist() == second["article_id"].tolist()
    assert first.loc[0, "article_id"] == article_id("a.txt", "Same text.")
    assert article_id("a.txt", "Same text.") != article_id("a.txt", "Same text!")


def test_bad_files_are_rejected_with_reasons_and_the_run_goes_on(tmp_path):
    (tmp_path / "good.txt").write_text("A real article.", encoding="utf-8")
    (tmp_path / "latin1.txt").write_bytes("caf\xe9 society".encode("latin-1"))
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_text("  \n\t\n", encoding="utf-8")
    (tmp_path / "huge.txt").write_text("word " * 400, encoding="utf-8")
    (tmp_path / "notes.md").write_text("not an article", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("editor backup", encoding="utf-8")
    articles, rejected = ingested_articles(tmp_path, SETTINGS)
    assert articles["source_name"].tolist() == ["good.txt"]
    reasons = _reasons(rejected)
    assert reasons["latin1.txt"].startswith("undecodable bytes: not valid UTF-8 at byte 3")
    assert reasons["binary.txt"].startswith("binary content")
    assert reasons["empty.txt"] == "empty text"
    assert reasons["blank.txt"] == "empty text"
    assert reasons["huge.txt"].startswith("document too long: 2,000 characters, over the limit of 1,000")
    assert "notes.md" not in reasons and ".hidden.txt" not in reasons  # a folder holds .txt articles


def test_control_characters_mean_binary(tmp_path):
    (tmp_path / "ctl.txt").write_text("abc\x01\x02\x03\x04def", encoding="utf-8")
    _, rejected = ingested_articles(tmp_path, SETTINGS)
    assert _reasons(rejected)["ctl.txt"].startswith("binary content: 4 control characters")


def test_jsonl_with_malformed_lines_and_records(tmp_path):
    lines = [
        json.dumps({"id": "x1", "text": "First article.", "title": "T", "published": "2024-03-05", "author": "A"}),
        "{not json",
        json.dumps(["a", "list"]),
        json.dumps({"id": "x2", "title": "no text"}),
        json.dumps({"text": 42}),
        "",
        json.dumps({"text": "Second, no id."}),
    ]
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    articles, rejected = ingested_articles(path, SETTINGS)
    assert articles["source_name"].tolist() == ["in.jsonl:x1", "in.jsonl:7"]
    first = articles.iloc[0]
    assert (first["title"], str(first["published"]), first["author"]) == ("T", "2024-03-05", "A")
    reasons = _reasons(rejected)
    assert reasons["in.jsonl:2"].startswith("malformed JSON")
    assert reasons["in.jsonl:3"].startswith("malformed record: expected an object")
    assert reasons["in.jsonl:4"] == "missing `text` field"
    assert reasons["in.jsonl:5"] == "`text` is not a string but int"


def test_duplicate_records_are_rejected_after_the_first(tmp_path):
    rec = json.dumps({"id": "same", "text": "Twice."})
    (tmp_path / "d.jsonl").write_text(rec + "\n" + rec + "\n", encoding="utf-8")
    articles, rejected = ingested_articles(tmp_path / "d.jsonl", SETTINGS)
    assert len(articles) == 1
    assert _reasons(rejected)["d.jsonl:same"].startswith("duplicate")


def test_csv_and_parquet_tables(tmp_path):
    pd.DataFrame({"id": ["c1"], "text": ["From CSV."], "url": ["https://example.org/1"]}).to_csv(tmp_path / "t.csv", index=False)
    pd.DataFrame({"text": ["From Parquet.", ""], "published": ["2023-01-02", None]}).to_parquet(tmp_path / "t.parquet")
    csv_articles, csv_rejected = ingested_articles(tmp_path / "t.csv", SETTINGS)
    assert csv_articles["source_name"].tolist() == ["t.csv:c1"] and csv_rejected.empty
    assert csv_articles.loc[0, "url"] == "https://example.org/1"
    articles, rejected = ingested_articles(tmp_path / "t.parquet", SETTINGS)
    assert articles["source_name"].tolist() == ["t.parquet:1"]
    assert str(articles.loc[0, "published"]) == "2023-01-02"
    assert _reasons(rejected) == {"t.parquet:2": "empty text"}


def test_table_without_text_column_is_rejected_whole(tmp_path):
    pd.DataFrame({"body": ["x"]}).to_csv(tmp_path / "nobody.csv", index=False)
    pd.DataFrame({"body": ["x"]}).to_parquet(tmp_path / "nobody.parquet")
    (tmp_path / "broken.parquet").write_bytes(b"PAR1 not really parquet")
    reasons = {}
    for name in ("nobody.csv", "nobody.parquet", "broken.parquet"):
        articles, rejected = ingested_articles(tmp_path / name, SETTINGS)
        assert articles.empty
        reasons.update(_reasons(rejected))
    assert reasons["nobody.csv"] == "no `text` column (columns: body)"
    assert reasons["nobody.parquet"] == "no `text` column (columns: body)"
    assert reasons["broken.parquet"].startswith("cannot read parquet file")


def test_batches_hold_at_most_batch_size_articles(tmp_path):
    for i in range(5):
        (tmp_path / f"{i}.txt").write_text(f"Article {i}.", encoding="utf-8")
    sizes = [len(a) for a, _ in ingested_batches(tmp_path, SETTINGS)]
    assert sizes == [2, 2, 1]


def test_a_single_file_of_an_unknown_type_is_rejected(tmp_path):
    (tmp_path / "page.html").write_text("<p>hi</p>", encoding="utf-8")
    _, rejected = ingested_articles(tmp_path / "page.html", SETTINGS)
    assert _reasons(rejected)["page.html"].startswith("unsupported file type .html")


def test_missing_input_is_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="input not found"):
        ingested_articles(tmp_path / "nope", SETTINGS)
