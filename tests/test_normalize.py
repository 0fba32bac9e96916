"""The normalize stage: gold targets on the seed articles, replay and idempotence on arbitrary
text, and the stage function's table contract."""

import datetime as dt
import json
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st

from pipeline.text.editlog import EditLog, replay
from pipeline.stages.normalize import corpus_vocabulary, normalize_text, normalized_articles

ROOT = Path(__file__).resolve().parents[1]
GOLD = [json.loads(line) for line in (ROOT / "data" / "gold" / "articles.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def seeds() -> pd.DataFrame:
    rows = []
    for g in GOLD:
        raw = (ROOT / "data" / "raw" / f"{g['doc_id']}.txt").read_text(encoding="utf-8")
        rows.append({"article_id": g["doc_id"], "source_name": f"{g['doc_id']}.txt", "raw_text": raw,
                     "title": None, "published": None, "author": None, "publisher": None, "url": None})
    return normalized_articles(pd.DataFrame(rows))


def _by_id(seeds, doc_id):
    return seeds.set_index("article_id").loc[doc_id]


def _occurrences(text, sub):
    start = text.find(sub)
    while start != -1:
        yield start
        start = text.find(sub, start + 1)


@pytest.mark.parametrize("gold", GOLD, ids=[g["doc_id"] for g in GOLD])
def test_gold_fixes_are_applied_where_the_raw_form_was(seeds, gold):
    row = _by_id(seeds, gold["doc_id"])
    log = EditLog(row.raw_text, row.edits)
    for raw_form, fixed in gold["fixes"]:
        positions = list(_occurrences(row.raw_text, raw_form))
        assert positions, f"gold raw form {raw_form!r} not in the raw text"
        for pos in positions:
            start = log.clean_offset(pos)
            assert row.text[start:start + len(fixed)] == fixed, (raw_form, row.text[start:start + len(fixed) + 10])


@pytest.mark.parametrize("gold", GOLD, ids=[g["doc_id"] for g in GOLD])
def test_gold_keep_words_survive_unchanged(seeds, gold):
    """Every occurrence of a keep word outside removed furniture is unchanged in the clean text."""
    row = _by_id(seeds, gold["doc_id"])
    log = EditLog(row.raw_text, row.edits)
    removed = [(e.raw_start, e.raw_end) for e in log.edits if "furniture" in e.fix]
    for word in gold["keep"]:
        assert word in row.text
        for pos in _occurrences(row.raw_text, word):
            if any(a <= pos < b for a, b in removed):
                continue
            start = log.clean_offset(pos)
            assert row.text[start:start + len(word)] == word


@pytest.mark.parametrize("gold", GOLD, ids=[g["doc_id"] for g in GOLD])
def test_gold_boilerplate_lines_are_removed(seeds, gold):
    row = _by_id(seeds, gold["doc_id"])
    lines = {line.strip() for line in row.text.splitlines()}
    for line in gold["boilerplate"]:
        assert line.strip() not in lines


@pytest.mark.parametrize("gold", GOLD, ids=[g["doc_id"] for g in GOLD])
def test_gold_metadata(seeds, gold):
    row = _by_id(seeds, gold["doc_id"])
    got = {"title": row.title, "author": row.author, "publisher": row.publisher,
           "published": row.published.isoformat() if row.published else None}
    for field in ("title", "published", "author", "publisher"):
        if gold[field] is not None:
            assert got[field] == gold[field], field


def test_seed_text_replays_and_normalizing_again_changes_nothing(seeds):
    vocab = corpus_vocabulary(seeds.raw_text)
    for row in seeds.itertuples():
        assert replay(row.raw_text, row.edits) == row.text
        assert normalize_text(row.text, vocab).edits == []


def test_every_edit_is_named_after_registered_fixes(seeds):
    from pipeline.text.fixes import FIXES

    names = {name for name, _ in FIXES}
    for edits in seeds.edits:
        for e in edits:
            assert set(e["fix"].split("+")) <= names
            assert set(e) == {"fix", "raw_start", "raw_end", "before", "after"}


# -- arbitrary text -------------------------------------------------------------------------

PIECES = ['"', "“", "”", " ", "\n", "\n\n", ",", ".", "-", " - ", "$", "\u00a0", "\r\n", "…", "0 0",
          "Leave a Reply", "Washing", "ton", "said", "he", "Tokayev", "ex", "CS", "TO", "beast", "citing",
          "Views: 5", "Jan 9, 2022", "â€œ", "• ", "The", "quick brown fox jumps over the lazy dog"]
NEWSY = st.lists(st.sampled_from(PIECES), max_size=60).map("".join)


@given(st.one_of(NEWSY, st.text(max_size=300)))
@settings(max_examples=300, deadline=None)
def test_normalizer_never_crashes_and_replays(raw):
    log = normalize_text(raw, Counter({"washington": 2, "csto": 1}))
    assert replay(raw, log.edits) == log.text
    assert EditLog(raw, log.to_records()).text == log.text
    for e in log.edits:
        assert raw[e.raw_start:e.raw_end] == e.before != e.after


@given(NEWSY)
@settings(max_examples=300, deadline=None)
def test_normalizing_twice_changes_little(raw):
    """Idempotence where it makes sense: a second pass over clean text may only remove what
    the first pass's removals exposed (a furniture line that became a lone line, a blank line);
    it never changes characters inside lines it keeps."""
    vocab = Counter({"washington": 2, "csto": 1})
    once = normalize_text(raw, vocab).text
    twice = normalize_text(once, vocab)
    for e in twice.edits:
        assert set(e.fix.split("+")) <= {"furniture", "blank_lines", "line_edge_spaces", "space_runs"} or e.before.strip() == "", e


# -- the stage function -----------------------------------------------------------------------


def _table(raws, **meta):
    n = len(raws)
    data = {"article_id": [f"a{i}" for i in range(n)], "source_name": [f"a{i}.txt" for i in range(n)],
            "raw_text": raws, "title": [None] * n, "published": [None] * n, "author": [None] * n,
            "publisher": [None] * n, "url": [None] * n}
    data.update(meta)
    return pd.DataFrame(data)


def test_stage_keeps_rows_and_order_and_adds_columns():
    raws = ["Jan 9, 2022\n\nSecond headline here\n\nText, ”he said.", "", "Only one line"]
    out = normalized_articles(_table(raws))
    assert list(out.article_id) == ["a0", "a1", "a2"]
    assert {"text", "edits", "title", "published", "author", "publisher"} <= set(out.columns)
    assert out.text[1] == "" and out.edits[1] == []
    assert out.published[0] == dt.date(2022, 1, 9)
    assert out.text[0].endswith("Text,” he said.")


def test_stage_does_not_override_given_metadata_and_fills_missing_ones():
    raws = ["Jan 9, 2022\n\nHeadline from the page\n\nBody text.", "Mar 3, 2021\n\nOther headline here\n\nBody."]
    table = _table(raws, title=["Given title", float("nan")], published=["2020-02-02", None],
                   author=[None, ""], publisher=["Given Outlet", None])
    out = normalized_articles(table)
    assert out.title.tolist() == ["Given title", "Other headline here"]
    assert out.published.tolist() == [dt.date(2020, 2, 2), dt.date(2021, 3, 3)]
    assert out.publisher[0] == "Given Outlet" and out.publisher[1] is None
    assert out.author.tolist() == [None, None]


def test_vocabulary_none_uses_the_tables_own_texts():
    raws = ["Talks with Zhapa-rov resumed.", "Zhaparov said he would host them."]
    out = normalized_articles(_table(raws))
    assert "Zhaparov resumed" in out.text[0]
    alone = normalized_articles(_table(raws), vocabulary=Counter())
    assert "Zhapa-rov" in alone.text[0], "a join unknown to wordfreq needs corpus evidence"


def test_corpus_vocabulary_counts_lower_cased_words_and_skips_missing():
    vocab = corpus_vocabulary(["Washing-ton, Washington!", None, "WASHINGTON 5"])
    assert vocab["washington"] == 2 and vocab["washing"] == 1 and vocab["5"] == 0


# -- the held-out set (data/testnews): measured, with known misses written down ---------------

TESTNEWS = ROOT / "data" / "testnews"
#: metadata the normalizer cannot read from these pages, each with its reason
KNOWN_METADATA_MISSES = {
    ("t02_us_metro", "publisher"): "the outlet is named only inside the byline's e-mail domain",
    ("t03_wire_energy", "published"): "the dateline gives day and month but no year",
    ("t10_translated_guillemets", "published"): "the dateline gives day and a Spanish month abbreviation, no year",
}


def test_held_out_articles_meet_the_gold_except_known_misses():
    gold = [json.loads(line) for line in (TESTNEWS / "articles.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    rows = [{"article_id": g["doc_id"], "source_name": g["doc_id"], "title": None, "published": None, "author": None,
             "publisher": None, "url": None, "raw_text": (TESTNEWS / f"{g['doc_id']}.txt").read_text(encoding="utf-8")}
            for g in gold]
    out = normalized_articles(pd.DataFrame(rows)).set_index("article_id")
    misses = set()
    for g in gold:
        row = out.loc[g["doc_id"]]
        log = EditLog(row.raw_text, row.edits)
        lines = {line.strip() for line in row.text.splitlines()}
        for raw_form, fixed in g["fixes"]:
            start = log.clean_offset(row.raw_text.find(raw_form))
            assert row.text[start:start + len(fixed)] == fixed, (g["doc_id"], raw_form)
        for word in g["keep"]:
            assert word in row.text, (g["doc_id"], word)
        for line in g["boilerplate"]:
            assert line.strip() not in lines, (g["doc_id"], line)
        for field in ("title", "published", "author", "publisher"):
            got = row[field].isoformat() if field == "published" and row[field] is not None else row[field]
            if g[field] is None:
                assert got is None, (g["doc_id"], field, got)
            elif got != g[field]:
                misses.add((g["doc_id"], field))
    assert misses <= set(KNOWN_METADATA_MISSES), misses - set(KNOWN_METADATA_MISSES)
    fixed_now = set(KNOWN_METADATA_MISSES) - misses
    assert not fixed_now, f"known misses now pass, remove them: {fixed_now}"


def test_metadata_is_read_after_character_fixes():
    raws = ["Jan 9, 2022\n\nCafÃ© owners protest\u00a0new rules\n\nBody text of the story."]
    out = normalized_articles(_table(raws))
    assert out.title[0] == "Café owners protest new rules"
    assert "Jan 9, 2022" not in out.text[0].splitlines(), "the date line is header furniture"
