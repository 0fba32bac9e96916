"""Export: provenance of quotes through the edit log, whole-table checks, all-or-nothing writes."""

import pandas as pd
import pyarrow.parquet as pq
import pytest

from pipeline.text.editlog import EditLog
from pipeline.stages.export import published_quotes, write_dataset
from schemas import SchemaError

RAW = "Intro.\n0 0\n“We ask for clarifi-cation on this matter, ”he said.\n"


def _article():
    log = EditLog(RAW)
    log.apply("furniture", [(7, 11, "")])
    i = log.text.index("-")
    log.apply("dehyphenate", [(i, i + 1, "")])
    j = log.text.index(", ”he")
    log.apply("quote_spacing", [(j + 1, j + 3, "” ")])
    return {
        "article_id": "a1", "source_name": "a.txt", "title": None, "published": None, "author": None,
        "publisher": None, "url": None, "text": log.text, "raw_text": RAW, "edits": log.to_records(),
    }


def _quotes(article, **over):
    text = article["text"]
    start = text.index("We ask")
    end = text.index("matter,") + len("matter,")
    row = dict(article_id="a1", kind="direct", start=start, end=end, speaker_id=None, speaker_name=None,
               speaker_type=None, mention="he", cue="said", role=None, quote_date=None, date_basis=None,
               confidence=0.4)
    row.update(over)
    return pd.DataFrame([row])


def _speakers():
    return pd.DataFrame(columns=["speaker_id", "name", "aliases", "type", "roles", "n_quotes", "n_articles"])


def _rejected():
    return pd.DataFrame([{"source_name": "bad.txt", "reason": "empty text"}])


def test_quote_offsets_point_into_the_raw_text():
    art = _article()
    assert art["text"] == "Intro.\n“We ask for clarification on this matter,” he said.\n"
    q = published_quotes(_quotes(art), pd.DataFrame([art])).iloc[0]
    assert q["text"] == "We ask for clarification on this matter,"
    assert RAW[q["raw_start"]:q["raw_end"]] == "We ask for clarifi-cation on this matter,"
    assert len(q["quote_id"]) == 16


def test_write_dataset_writes_four_validated_tables(tmp_path):
    art = _article()
    counts = write_dataset(tmp_path, [pd.DataFrame([art])], _quotes(art), _speakers(), _rejected())
    assert counts == {"articles": 1, "quotes": 1, "speakers": 0, "rejected": 1}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["README.md", "articles.parquet", "quotes.parquet", "rejected.parquet", "speakers.parquet"]
    quotes = pq.read_table(tmp_path / "quotes.parquet").to_pylist()
    assert quotes[0]["raw_start"] == RAW.index("We ask")
    edits = pq.read_table(tmp_path / "articles.parquet").column("edits").to_pylist()[0]
    assert [e["fix"] for e in edits] == ["furniture", "dehyphenate", "quote_spacing"]


@pytest.mark.parametrize(
    "over, message",
    [
        ({"article_id": "zz"}, "quotes.article_id: 1 id(s) not in articles"),
        ({"speaker_id": "s404"}, "quotes.speaker_id: 1 id(s) not in speakers"),
        ({"kind": "hearsay"}, "quotes.kind"),
    ],
)
def test_a_violation_is_an_error_and_leaves_the_last_good_output(tmp_path, over, message):
    art = _article()
    write_dataset(tmp_path, [pd.DataFrame([art])], _quotes(art), _speakers(), _rejected())
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    with pytest.raises(SchemaError, match=message.replace("(", r"\(").replace(")", r"\)")):
        write_dataset(tmp_path, [pd.DataFrame([art])], _quotes(art, **over), _speakers(), _rejected())
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_edits_that_do_not_rebuild_the_text_are_refused(tmp_path):
    art = _article()
    art["text"] = art["text"].replace("ask", "asked")
    with pytest.raises(SchemaError, match="do not rebuild its text"):
        write_dataset(tmp_path, [pd.DataFrame([art])], _quotes(art), _speakers(), _rejected())
    assert list(tmp_path.iterdir()) == []
