"""The held-out test sets data/heldout and data/heldout2 are well formed: every gold quote is found in its raw
text, every record has the fields of data/gold with allowed values, dates are ISO, and every doc_id has a raw
text and an article record. This test reads only the sets; it never runs the pipeline (they are for
measurement only)."""

import datetime as dt
import json
from pathlib import Path

import pytest

from schemas.kinds import kind_names

DATA = Path(__file__).resolve().parents[1] / "data"
SETS = ("heldout", "heldout2")
QUOTE_FIELDS = ["doc_id", "quote", "kind", "speaker", "speaker_aliases", "speaker_type", "mention", "cue", "role",
                "date", "date_basis", "optional"]
ARTICLE_FIELDS = ["doc_id", "title", "published", "author", "publisher", "fixes", "keep", "boilerplate"]
KINDS = set(kind_names())


def _jsonl(name, path):
    return [json.loads(line) for line in (DATA / name / path).read_text(encoding="utf-8").splitlines() if line.strip()]


QUOTES = {name: _jsonl(name, "quotes.jsonl") for name in SETS}
ARTICLES = {name: _jsonl(name, "articles.jsonl") for name in SETS}
RAW = {name: {p.stem: p.read_text(encoding="utf-8") for p in (DATA / name).glob("*.txt")} for name in SETS}
PUBLISHED = {name: {a["doc_id"]: a["published"] for a in ARTICLES[name]} for name in SETS}
QUOTE_PARAMS = [(name, q) for name in SETS for q in QUOTES[name]]
ARTICLE_PARAMS = [(name, a) for name in SETS for a in ARTICLES[name]]


def _iso(value):
    assert isinstance(value, str) and len(value) == 10, value
    return dt.date.fromisoformat(value)


@pytest.mark.parametrize("name", SETS)
def test_every_doc_has_text_and_article_record(name):
    ids = [a["doc_id"] for a in ARTICLES[name]]
    assert len(ids) == len(set(ids))
    assert sorted(ids) == sorted(RAW[name])
    assert len(RAW[name]) == 10
    assert {q["doc_id"] for q in QUOTES[name]} <= set(RAW[name])
    for doc_id, raw in RAW[name].items():
        assert 300 <= len(raw.split()) <= 900, doc_id
    readme = (DATA / name / "README.md").read_text(encoding="utf-8")
    assert "not real" in readme.lower() and "held out" in readme.lower()
    for doc_id in RAW[name]:
        assert doc_id in readme, doc_id


@pytest.mark.parametrize("name, a", ARTICLE_PARAMS, ids=[f"{n}:{a['doc_id']}" for n, a in ARTICLE_PARAMS])
def test_article_record_well_formed(name, a):
    assert list(a) == ARTICLE_FIELDS
    raw = RAW[name][a["doc_id"]]
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


@pytest.mark.parametrize("name, q", QUOTE_PARAMS, ids=[f"{n}:{q['doc_id']}:{q['quote'][:30]}" for n, q in QUOTE_PARAMS])
def test_quote_is_found_and_well_formed(name, q):
    assert list(q) == QUOTE_FIELDS
    raw = RAW[name][q["doc_id"]]
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
    published = PUBLISHED[name][q["doc_id"]]
    if q["date"] is None:  # an undated article: no publication date to fall back on
        assert published is None and q["date_basis"] == "publication"
        return
    date = _iso(q["date"])
    if q["date_basis"] == "publication":
        assert q["date"] == published
    elif published is not None:
        assert date <= _iso(published)
    assert isinstance(q["optional"], bool)


@pytest.mark.parametrize("name", SETS)
def test_speakers_consistent_and_all_kinds_present(name):
    by_speaker = {}
    for q in QUOTES[name]:
        if q["speaker"]:
            by_speaker.setdefault(q["speaker"], set()).add((tuple(q["speaker_aliases"]), q["speaker_type"]))
    assert all(len(v) == 1 for v in by_speaker.values()), {k: v for k, v in by_speaker.items() if len(v) > 1}
    assert {q["kind"] for q in QUOTES[name] if not q["optional"]} == KINDS
    per_doc = {}
    for q in QUOTES[name]:
        per_doc[q["doc_id"]] = per_doc.get(q["doc_id"], 0) + 1
    assert all(10 <= n <= 25 for n in per_doc.values()), per_doc
