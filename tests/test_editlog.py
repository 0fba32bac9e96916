"""The edit log: clean text, raw spans and replays must always agree."""

from hypothesis import given, settings, strategies as st

from pipeline.text.editlog import Edit, EditLog, replay, replay_span

ALPHABET = "ab -”\n"


@st.composite
def logs(draw):
    raw = draw(st.text(alphabet=ALPHABET, min_size=1, max_size=40))
    log = EditLog(raw)
    for step in range(draw(st.integers(0, 5))):
        n = len(log.text)
        cuts = sorted(draw(st.lists(st.integers(0, n), max_size=6)))
        changes = []
        for a, b in zip(cuts[::2], cuts[1::2]):
            if changes and a < changes[-1][1]:
                continue
            if not log.text and a == b:
                continue
            changes.append((a, b, draw(st.text(alphabet=ALPHABET, max_size=3))))
        log.apply(f"fix{step}", changes)
    return log


@given(logs())
@settings(max_examples=400)
def test_replay_rebuilds_clean_text(log):
    assert replay(log.raw, log.edits) == log.text
    assert EditLog(log.raw, log.edits).text == log.text


@given(logs())
@settings(max_examples=400)
def test_edits_are_sorted_disjoint_and_true_to_raw(log):
    last_end = -1
    for e in log.edits:
        assert e.raw_end > e.raw_start, "every edit covers at least one raw character"
        assert e.raw_start > last_end, "edits never overlap or touch"
        assert log.raw[e.raw_start:e.raw_end] == e.before
        assert e.before != e.after
        last_end = e.raw_end


@given(logs(), st.data())
@settings(max_examples=600)
def test_any_clean_span_maps_to_a_raw_span_that_replays_to_it(log, data):
    n = len(log.text)
    a = data.draw(st.integers(0, n))
    b = data.draw(st.integers(a, n))
    cs, ce, rs, re_ = log.raw_span(a, b)
    assert cs <= a and ce >= b
    assert 0 <= rs <= re_ <= len(log.raw)
    assert replay_span(log.raw, log.edits, rs, re_) == log.text[cs:ce]


@given(logs(), st.data())
@settings(max_examples=400)
def test_clean_offset_agrees_with_replay_outside_edits(log, data):
    pos = data.draw(st.integers(0, len(log.raw)))
    inside = any(e.raw_start < pos < e.raw_end for e in log.edits)
    c = log.clean_offset(pos)
    if inside:
        assert any(log.clean_offset(e.raw_start) == c for e in log.edits if e.raw_start < pos < e.raw_end)
    else:
        assert log.text[:c] == replay_span(log.raw, log.edits, 0, pos)


def test_insertion_is_recorded_as_replacement_of_left_neighbour():
    log = EditLog("gangs”that")
    log.apply("quote_spacing", [(6, 6, " ")])
    assert log.text == "gangs” that"
    assert log.edits == [Edit("quote_spacing", 5, 6, "”", "” ")]


def test_touching_changes_merge_and_name_both_fixes():
    log = EditLog("ab-cd")
    log.apply("dehyphenate", [(2, 3, "")])
    log.apply("upper", [(1, 3, "BC")])
    assert log.text == "aBCd"
    assert [(e.fix, e.before, e.after) for e in log.edits] == [("dehyphenate+upper", "b-c", "BC")]


def test_reverting_change_removes_the_edit():
    log = EditLog("abc")
    log.apply("x", [(1, 2, "X")])
    log.apply("y", [(1, 2, "b")])
    assert log.text == "abc" and log.edits == []


def test_deleted_text_at_span_edges_stays_outside_raw_span():
    log = EditLog("a\nJUNK\nb")
    log.apply("furniture", [(1, 6, "")])
    assert log.text == "a\nb"
    assert log.raw_span(0, 1) == (0, 1, 0, 1)
    assert log.raw_span(2, 3) == (2, 3, 7, 8)
