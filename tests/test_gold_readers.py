"""Gold readers: the project's JSONL, brat standoff and BBC Citron JSON become the same records.

The fixtures under tests/fixtures/eval/ are small files written by hand for these tests.
"""

import json
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from pipeline.measure.gold import (
    QUOTE_MARKS,
    infer_kind,
    read_brat_gold,
    read_citron_gold,
    read_gold,
    read_jsonl_gold,
    read_raw_dir,
    strip_enclosing_marks,
)

FIX = Path(__file__).parent / "fixtures" / "eval"


# -- JSONL -------------------------------------------------------------------------------------
def test_jsonl_quotes_are_located_with_find_and_keep_every_field():
    texts = read_raw_dir(FIX / "jsonl" / "raw")
    gold = read_jsonl_gold(FIX / "jsonl" / "quotes.jsonl", texts)
    assert [q.text for q in gold.quotes] == [
        "fares will stay the same",
        "We will not raise prices this year,",
        "Is it true?",
        "It is true,",
        "strikes would continue",
    ]
    for q in gold.quotes:
        assert texts[q.doc_id][q.start:q.end] == q.text
    first = gold.quotes[0]
    assert (first.doc_id, first.kind, first.speaker, first.speaker_aliases) == ("alpha", "indirect", "Jo Brant", ("Brant",))
    assert (first.role, first.date, first.date_basis, first.cue, first.optional) == (
        "Transport minister", "2024-03-04", "stated", "said", False)
    optional = gold.quotes[2]
    assert optional.optional is True and optional.speaker is None


def test_jsonl_quote_missing_from_its_text_is_reported_not_raised():
    texts = read_raw_dir(FIX / "jsonl" / "raw")
    gold = read_jsonl_gold(FIX / "jsonl" / "quotes.jsonl", texts)
    assert gold.unlocated == [
        {"doc_id": "beta", "quote": "strikes will go on", "reason": "not found in raw text", "line": 6, "optional": False}
    ]


def test_jsonl_document_without_text_is_reported():
    texts = read_raw_dir(FIX / "jsonl" / "raw")
    del texts["beta"]
    gold = read_jsonl_gold(FIX / "jsonl" / "quotes.jsonl", texts)
    assert {u["reason"] for u in gold.unlocated} == {"no raw text"}
    assert len(gold.unlocated) == 2
    assert "beta" in gold.doc_ids  # still a gold document: its quotes will count as missed


def test_jsonl_gold_covers_quoted_and_listed_documents_only():
    texts = read_raw_dir(FIX / "jsonl" / "raw") | {"unannotated": "Some other text."}
    gold = read_jsonl_gold(FIX / "jsonl" / "quotes.jsonl", texts)
    assert sorted(gold.texts) == ["alpha", "beta", "gamma"]  # gamma: listed in articles.jsonl, no quote
    assert sorted(gold.doc_ids) == ["alpha", "beta", "gamma"]


def test_jsonl_first_occurrence_is_taken(tmp_path):
    (tmp_path / "quotes.jsonl").write_text(json.dumps({"doc_id": "d", "quote": "yes", "kind": "direct"}) + "\n")
    gold = read_gold("jsonl", tmp_path, {"d": 'He said "no", then "yes", then "yes".'})
    assert (gold.quotes[0].start, gold.quotes[0].end) == (20, 23)


def test_seed_gold_is_all_located():
    root = Path(__file__).parent.parent
    gold = read_gold("jsonl", root / "data" / "gold", read_raw_dir(root / "data" / "raw"))
    assert gold.unlocated == []
    assert len(gold.quotes) == sum(1 for line in open(root / "data" / "gold" / "quotes.jsonl") if line.strip())


# -- brat ---------------------------------------------------------------------------------------
def test_brat_events_link_source_cue_and_content_fragments():
    gold = read_brat_gold(FIX / "brat")
    bridge = [q for q in gold.quotes if q.doc_id == "bridge"]
    assert [(q.text, q.kind, q.speaker, q.cue) for q in bridge] == [
        ("the bridge would reopen in May", "indirect", "Mayor Ana Ruiz", "said"),
        ("We are ready,", "direct", "Ruiz", "told"),
        ("and the city is safe.", "direct", "Ruiz", "told"),
    ]
    text = gold.texts["bridge"]
    for q in bridge:
        assert text[q.start:q.end] == q.text
        assert q.role is None and q.date is None and q.optional is False


def test_brat_relations_link_and_unlinked_content_has_no_speaker():
    gold = read_brat_gold(FIX / "brat")
    prices = [(q.text, q.speaker, q.cue) for q in gold.quotes if q.doc_id == "prices"]
    assert prices == [("prices will rise", "Officials", None), ("Prices rose", None, None)]


def test_brat_ann_without_txt_is_reported(tmp_path):
    (tmp_path / "lonely.ann").write_text("T1\tContent 0 4\tword\n")
    gold = read_brat_gold(tmp_path)
    assert gold.quotes == [] and gold.unlocated[0]["doc_id"] == "lonely"


# -- Citron -------------------------------------------------------------------------------------
def test_citron_contents_become_records_and_coreference_names_the_speaker():
    gold = read_citron_gold(FIX / "citron")
    got = [(q.doc_id, q.text, q.kind, q.speaker, q.speaker_aliases, q.cue) for q in gold.quotes]
    assert got == [
        ("lab", "Funding is short,", "direct", "Dr Lena Park", ("she",), "said"),
        ("lab", "We need help.", "direct", "Dr Lena Park", ("she",), "said"),
        ("lab", "it would review the request", "indirect", "The ministry", (), "said"),
    ]
    for q in gold.quotes:
        assert gold.texts["lab"][q.start:q.end] == q.text


def test_citron_single_file_and_read_gold_dispatch():
    one = read_gold("citron", FIX / "citron" / "lab.json")
    assert len(one.quotes) == 3
    with pytest.raises(ValueError):
        read_gold("xml", FIX)


# -- helpers ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, expected",
    [
        ('"Hello there."', "Hello there."),
        ("  «Bonjour»  ", "Bonjour"),
        ("plain words", "plain words"),
        ("said “no”", "said “no”"),  # an inner quote closing at the end is not an enclosing pair
        ("“open only", "open only"),
        ('""', ""),
    ],
)
def test_strip_enclosing_marks_cases(text, expected):
    s, e = strip_enclosing_marks(text, 0, len(text))
    assert text[s:e] == expected


@given(st.text(alphabet="ab “”\" \n", max_size=30), st.data())
def test_strip_enclosing_marks_stays_inside_and_is_idempotent_on_plain_edges(text, data):
    a = data.draw(st.integers(0, len(text)))
    b = data.draw(st.integers(a, len(text)))
    s, e = strip_enclosing_marks(text, a, b)
    assert a <= s <= e <= b
    assert (b - a) - (e - s) >= 0
    if s < e:
        assert not text[s].isspace() and not text[e - 1].isspace()
    # shrinking again never widens
    s2, e2 = strip_enclosing_marks(text, s, e)
    assert s <= s2 <= e2 <= e


def test_infer_kind_negative_and_positive():
    t = 'A said: "x y z." B said x y z.'
    assert infer_kind(t, 9, 15) == "direct"
    assert infer_kind(t, 25, 30) == "indirect"
    assert infer_kind("– Yes, we will. – he said.", 2, 15) == "dash"
    assert infer_kind("The year-on – yes, we will.", 13, 27) == "indirect"  # a dash mid-line is not a dash quote
    assert set('"“”«»') <= set(QUOTE_MARKS)


def test_doctests_of_the_readers():
    import doctest

    import pipeline.measure.gold

    result = doctest.testmod(pipeline.measure.gold)
    assert result.attempted > 0 and result.failed == 0
