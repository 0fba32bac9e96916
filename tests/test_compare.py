"""textacy side by side: conversion of its triples to our quote table, failures counted as zero quotes."""

from collections import namedtuple
from pathlib import Path

import pytest

from pipeline.measure.compare import QUOTE_COLUMNS, compare_rows, format_compare, textacy_tables, triple_row
from pipeline.config import Settings
from pipeline.measure.evaluate import evaluate_dataset
from pipeline.measure.gold import GoldQuote, GoldSet

Tok = namedtuple("Tok", "text idx")
Triple = namedtuple("Triple", "speaker cue content")


def _tokens(text, start, end):
    """Whitespace tokens of text[start:end] with their offsets (quotation marks split off)."""
    out, i = [], start
    for piece in text[start:end].replace("“", " “ ").replace("”", " ” ").split():
        i = text.index(piece, i)
        out.append(Tok(piece, i))
        i += len(piece)
    return out


def test_triple_row_strips_marks_and_keeps_raw_offsets():
    text = "The coach said: “We will win this match,” and left."
    a, b = text.index("“"), text.index("”") + 1
    triple = Triple(_tokens(text, 4, 9), _tokens(text, 10, 14), _tokens(text, a, b))
    row = triple_row("d", triple, text)
    assert text[row["raw_start"]:row["raw_end"]] == "We will win this match,"
    assert (row["start"], row["end"]) == (row["raw_start"], row["raw_end"])
    assert (row["kind"], row["speaker_name"], row["mention"], row["cue"]) == ("direct", "coach", "coach", "said")
    assert set(row) == set(QUOTE_COLUMNS)


def test_triple_row_with_empty_content_is_dropped():
    assert triple_row("d", Triple([], [], []), "text") is None
    assert triple_row("d", Triple([], [], [Tok("“", 0), Tok("”", 1)]), "“”") is None


@pytest.fixture(scope="module")
def textacy_run():
    texts = {
        "clean": "“We will win this match on Sunday,” the coach said after training.\n",
        "broken": "The mayor said “the road is open. It was closed for weeks,” and “more is coming.\n",
    }
    return texts, textacy_tables(texts, Settings().spacy_model)


def test_textacy_finds_a_plain_direct_quote_in_raw_offsets(textacy_run):
    texts, (articles, quotes, info) = textacy_run
    clean = quotes[quotes.article_id == "clean"]
    assert len(clean) == 1
    row = clean.iloc[0]
    assert texts["clean"][row.raw_start:row.raw_end] == "We will win this match on Sunday,"
    assert "coach" in row.speaker_name
    assert list(articles.article_id) == ["clean", "broken"]
    assert info["seconds"] > 0


def test_a_document_where_textacy_raises_counts_as_zero_quotes_not_skipped(textacy_run):
    texts, (articles, quotes, info) = textacy_run
    assert [e["doc_id"] for e in info["errors"]] == ["broken"]  # three marks: textacy refuses the text
    assert "broken" in set(articles.article_id)
    gold = GoldSet(
        [GoldQuote("broken", 16, 58, texts["broken"][16:58], "direct", speaker="mayor")],
        {k: v for k, v in texts.items()},
    )
    f = evaluate_dataset(articles, quotes, gold).figures
    assert f["missing_docs"] == []  # the document is in the output, with no quote
    assert f["per_doc"]["broken"]["missed"] == 1 and f["per_doc"]["broken"]["in_output"] is True
    assert f["spans"]["half"]["recall"] == 0.0


def test_rows_and_table():
    figures = {
        "spans": {
            r: {"precision": 0.5, "recall": 0.25, "f1": 1 / 3, "n_system": 4, "per_kind": {"direct": {"recall": 0.5}}}
            for r in ("half", "ggt30", "strict80")
        },
        "speaker": {"accuracy": None},
        "end_to_end": {"f1": 0.1},
    }
    rows = compare_rows({"quotetrace": (figures, 12.5, 0), "textacy": (figures, 3.25, 2)})
    assert [r["system"] for r in rows] == ["quotetrace", "textacy"]
    assert rows[1]["docs_failed"] == 2 and rows[0]["speaker_accuracy"] is None
    table = format_compare(rows).splitlines()
    assert len(table) == 3 and table[0].split()[0] == "system"
    assert table[1].split()[1:4] == ["0.500", "0.250", "0.333"] and table[2].split()[-2:] == ["2", "3.2"]


def test_compare_command_prints_both_rows_with_times(tmp_path, capsys):
    import argparse
    import json

    from pipeline.measure.compare import register_cli

    fix = Path(__file__).parent / "fixtures" / "eval" / "jsonl"
    parser = argparse.ArgumentParser()
    register_cli(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["compare", "--gold", str(fix), "--raw", str(fix / "raw"),
                              "--dataset", str(tmp_path / "unused"), "--report-dir", str(tmp_path / "r")])
    assert args.func(args) == 0
    out = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in out[:3]] == ["system", "quotetrace", "textacy"]
    payload = json.loads((tmp_path / "r" / "compare.json").read_text())
    rows = {r["system"]: r for r in payload["rows"]}
    assert rows["quotetrace"]["seconds"] > 0 and rows["textacy"]["seconds"] > 0
    assert rows["textacy"]["docs_failed"] == len(payload["textacy_errors"])
    # both systems are scored against the same gold: 5 required quotes, one of them not locatable
    assert payload["textacy"]["n_gold_required"] == payload["quotetrace"]["n_gold_required"] == 5
    assert payload["textacy"]["spans"]["half"]["n_gold"] == 5
