"""The held-out test set data/heldout is well formed: every gold quote is found in its raw text, every record
has the fields of data/gold with allowed values, dates are ISO, and every doc_id has a raw text and an article
record. This test reads only data/heldout; it never runs the pipeline (the set is for measurement only)."""

import datetime as dt
import json
from pathlib import Path

import pytest

HELDOUT = Path(__file__).resolve().parents[1] / "data" / "heldout"
QUOTE_FIELDS = ["doc_id", "quote", "kind", "speaker", "speaker_aliases", "speaker_type", "mention", "cue", "role",
                "date", "date_basis", "optional"]
ARTICLE_FIELDS = ["doc_id", "title", "published", "author", "publisher", "fixes", "keep", "boilerplate"]
KINDS = {"direct", "partial", "dash", "indirect"}


def _jsonl(name):
    return [json.loads(line) for line in (HELDOUT / name).read_text(encoding="utf-8").splitlines() if line.strip()]


QUOTES = _jsonl("quotes.jsonl")
ARTICLES = _jsonl("articles.jsonl")
RAW = {p.stem: p.read_text(encoding="utf-8") for p in HELDOUT.glob("*.txt")}
PUBLISHED = {a["doc_id"]: a["published"] for a in ARTICLES}


def _iso(value):
    assert isinstance(value, str) and len(value) == 10, value
    return dt.date.fromisoformat(value)


def test_every_doc_has_text_and_article_record():
    ids = [a["doc_id"] for a in ARTICLES]
    assert len(ids) == len(set(ids))
    assert sorted(ids) == sorted(RAW)
    assert len(RAW) == 10
    assert {q["doc_id"] for q in QUOTES} <= set(RAW)
    for doc_id, raw in RAW.items():
        assert 300 <= len(raw.split()) <= 800, doc_id
    readme = (HELDOUT / "README.md").read_text(encoding="utf-8")
    assert "not real" in readme and "held out" in readme
    for doc_id in RAW:
        assert f"`{doc_id}`" in readme, doc_id


@pytest.mark.parametrize("a", ARTICLES, ids=[a["doc_id"] for a in ARTICLES])
def test_article_record_well_formed(a):
    assert list(a) == ARTICLE_FIELDS
    raw = RAW[a["doc_id"]]
    assert isinstance(a["title"], str) and a["title"] and a["title"] in raw
    if a["published"] is not None:
        _iso(a["published"])
    for field in ("author", "publisher"):
        assert a[field] is None or (isinstance(a[field], str) and a[field].strip())
    assert isinstance(a["fixes"], list) and isinstance(a["keep"], list) and isinstance(a["boilerplate"], list)
    for pair in a["fixes"]:
        assert isinstance(pair, list) and len(pair) == 2 and pair[0] != pair[1]
        assert pair[0] in raw, pair
    for word in a["keep"]:
        assert word in raw, word
    lines = {line.strip() for line in raw.splitlines()}
    for line in a["boilerplate"]:
        assert line in lines, line


@pytest.mark.parametrize("q", QUOTES, ids=[f"{q['doc_id']}:{q['quote'][:30]}" for q in QUOTES])
def test_quote_is_found_and_well_formed(q):
    assert list(q) == QUOTE_FIELDS
    raw = RAW[q["doc_id"]]
    assert isinstance(q["quote"], str) and q["quote"] == q["quote"].strip() and q["quote"]
    assert raw.find(q["quote"]) >= 0
    assert raw.count(q["quote"]) == 1, "first occurrence must be the meant one: keep quotes unique"
    assert q["kind"] in KINDS
    assert q["speaker"] is None or (isinstance(q["speaker"], str) and q["speaker"].strip())
    assert isinstance(q["speaker_aliases"], list) and all(isinstance(s, str) and s for s in q["speaker_aliases"])
    assert q["speaker"] not in q["speaker_aliases"]
    if q["speaker"] is None:
        assert q["speaker_aliases"] == []
    assert q["speaker_type"] in {"person", "organization", "unknown"}
    for field in ("mention", "cue", "role"):
        assert q[field] is None or (isinstance(q[field], str) and q[field].strip()), field
    assert q["date_basis"] in {"stated", "publication"}
    date = _iso(q["date"])
    published = PUBLISHED[q["doc_id"]]
    if q["date_basis"] == "publication":
        assert q["date"] == published
    elif published is not None:
        assert date <= _iso(published)
    assert isinstance(q["optional"], bool)


def test_speakers_consistent_and_all_kinds_present():
    by_speaker = {}
    for q in QUOTES:
        if q["speaker"]:
            by_speaker.setdefault(q["speaker"], set()).add((tuple(q["speaker_aliases"]), q["speaker_type"]))
    assert all(len(v) == 1 for v in by_speaker.values()), {k: v for k, v in by_speaker.items() if len(v) > 1}
    assert {q["kind"] for q in QUOTES if not q["optional"]} == KINDS
    per_doc = {}
    for q in QUOTES:
        per_doc[q["doc_id"]] = per_doc.get(q["doc_id"], 0) + 1
    assert all(10 <= n <= 25 for n in per_doc.values()), per_doc
