"""The held-out test set data/testnews is well formed: every gold quote is found in its raw text,
every record has the fields of data/gold, and the articles' metadata points at real lines."""

import datetime as dt
import json
from pathlib import Path

import pytest

from schemas.kinds import kind_names

TESTNEWS = Path(__file__).resolve().parents[1] / "data" / "testnews"
QUOTE_FIELDS = ["doc_id", "quote", "kind", "speaker", "speaker_aliases", "speaker_type", "mention", "cue", "role",
                "date", "date_basis", "optional"]
ARTICLE_FIELDS = ["doc_id", "title", "published", "author", "publisher", "fixes", "keep", "boilerplate"]


def _jsonl(name):
    return [json.loads(line) for line in (TESTNEWS / name).read_text(encoding="utf-8").splitlines() if line.strip()]


QUOTES = _jsonl("quotes.jsonl")
ARTICLES = _jsonl("articles.jsonl")
RAW = {p.stem: p.read_text(encoding="utf-8") for p in TESTNEWS.glob("*.txt")}


def test_set_size_and_article_lengths():
    assert 8 <= len(RAW) <= 12
    assert sorted(a["doc_id"] for a in ARTICLES) == sorted(RAW)
    for doc_id, raw in RAW.items():
        assert 300 <= len(raw.split()) <= 900, doc_id
    assert (TESTNEWS / "README.md").read_text(encoding="utf-8").count("not real") >= 1


@pytest.mark.parametrize("q", QUOTES, ids=[f"{q['doc_id']}:{q['quote'][:30]}" for q in QUOTES])
def test_quote_is_found_and_well_formed(q):
    assert list(q) == QUOTE_FIELDS
    raw = RAW[q["doc_id"]]
    assert raw.find(q["quote"]) >= 0
    assert q["quote"] == q["quote"].strip() and q["quote"]
    assert q["kind"] in set(kind_names())
    assert q["speaker_type"] in {"person", "organization", "unknown"}
    assert isinstance(q["speaker_aliases"], list) and isinstance(q["optional"], bool)
    assert q["date_basis"] in {"stated", "publication"}
    dt.date.fromisoformat(q["date"])
    published = next(a["published"] for a in ARTICLES if a["doc_id"] == q["doc_id"])
    if q["date_basis"] == "publication":
        assert q["date"] == published
    else:
        assert q["date"] <= published


def test_quotes_are_unambiguous_and_speakers_consistent():
    by_speaker = {}
    for q in QUOTES:
        assert RAW[q["doc_id"]].count(q["quote"]) == 1, q["quote"]
        if q["speaker"]:
            by_speaker.setdefault(q["speaker"], set()).add((tuple(q["speaker_aliases"]), q["speaker_type"]))
    assert all(len(v) == 1 for v in by_speaker.values()), {k: v for k, v in by_speaker.items() if len(v) > 1}
    kinds = {q["kind"] for q in QUOTES if not q["optional"]}
    assert kinds == set(kind_names())  # the set has quotes of every kind


@pytest.mark.parametrize("a", ARTICLES, ids=[a["doc_id"] for a in ARTICLES])
def test_article_metadata_points_at_the_raw_text(a):
    assert list(a) == ARTICLE_FIELDS
    raw = RAW[a["doc_id"]]
    lines = raw.splitlines()
    assert a["title"] in raw
    dt.date.fromisoformat(a["published"])
    for line in a["boilerplate"]:
        assert line in lines
    for before, after in a["fixes"]:
        assert before in raw and before != after
    for word in a["keep"]:
        assert word in raw
