"""Tests of the segment stage (pipeline.stages.segment) and the quote finders it runs (pipeline.quotes:
marks, regions, dashes, kinds, local evidence)."""

from __future__ import annotations

import doctest

import pandas as pd
import pytest
from hypothesis import given, settings as hsettings, strategies as st

import pipeline.stages.segment as segment
from pipeline.config import Settings
from pipeline.quotes import attribution, dash, finders, marks, paragraphs as paragraphs_mod, regions, reported, surface_cues
from pipeline.quotes.attribution import attribution_after, attribution_before
from pipeline.quotes.dash import dash_turns
from pipeline.quotes.marks import quote_kind
from pipeline.quotes.paragraphs import DOUBLE_MARKS, SINGLE_MARKS, paragraphs
from pipeline.quotes.regions import quoted_regions, single_quoted_regions
from pipeline.quotes.reported import parse_units
from pipeline.quotes.surface_cues import candidate_paragraph, trie_alternation

from casefiles import cases
from quote_cases import overlaps, run_case


def test_doctests():
    results = [doctest.testmod(m) for m in (segment, paragraphs_mod, regions, marks, dash, attribution, reported,
                                            surface_cues, finders)]
    assert sum(r.attempted for r in results) > 10
    assert sum(r.failed for r in results) == 0


# -- marks and regions --------------------------------------------------------------------------
@pytest.mark.parametrize("text, expected", [
    ('He said: “We will win.”', ["We will win."]),
    ('“We will win, ”he said.', ["We will win,"]),                      # space on the wrong side
    ('"We will win, "said the minister.', ["We will win,"]),            # straight marks, same break
    ('“It is over “, – he said.', ["It is over"]),                    # closing written as opening
    ('"One. "Two," she said.', ['One. "Two,']),                         # stray inner mark
    ('“Gangs”that fled', ["Gangs"]),                                    # no space after the close
])
def test_quoted_regions_pair_broken_marks(text, expected):
    got = [text[r.start:r.end] for r in quoted_regions(text) if not r.nested]
    assert got == expected


def test_multi_paragraph_quote_is_one_region():
    text = "“First part of it.\n\n“Second part,” he said.\n\nNext paragraph."
    regions = quoted_regions(text)
    assert [(text[r.start:r.end]) for r in regions] == ["First part of it.\n\n“Second part,"]


def test_unclosed_quote_at_paragraph_end_stops_there():
    text = "“Never closed here\n\nPlain writer's text follows without marks."
    regions = quoted_regions(text)
    assert [text[r.start:r.end] for r in regions] == ["Never closed here"]


def test_nested_quote_is_found_inside_outer():
    text = '"He told me: "Leave now." Then he left," she said.'
    regions = quoted_regions(text)
    outer = [r for r in regions if not r.nested]
    inner = [r for r in regions if r.nested]
    assert [text[r.start:r.end] for r in inner] == ["Leave now."]
    assert text[outer[0].start:outer[0].end].endswith("left,")


_marks = st.sampled_from(list(DOUBLE_MARKS))
_chunks = st.lists(st.one_of(st.text(alphabet="abc XY.,\n", max_size=8), _marks), max_size=30).map("".join)


@given(_chunks)
@hsettings(max_examples=300, deadline=None)
def test_regions_are_inside_text_and_exclude_marks(text):
    for r in quoted_regions(text):
        assert 0 <= r.start <= r.end <= len(text)
        assert r.start == 0 or text[r.start - 1] in DOUBLE_MARKS
        assert r.end == len(text) or text[r.end] in DOUBLE_MARKS or text[r.end] == "\n" or r.end == r.start or text[r.end - 1] != "\n"


@given(st.text(alphabet="ab \n\t.", max_size=60))
@hsettings(max_examples=300, deadline=None)
def test_paragraphs_cover_every_non_blank_character(text):
    paras = paragraphs(text)
    covered = set()
    for s, e in paras:
        assert text[s:e] == text[s:e].strip() and "\n" not in text[s:e]
        covered.update(range(s, e))
    assert {i for i, ch in enumerate(text) if not ch.isspace()} <= covered


# -- dashes -------------------------------------------------------------------------------------
def test_dash_answer_excludes_attribution_and_keeps_comma():
    text = "– Prices will fall by spring, – explains analyst Ivan Sorokin"
    [turn] = dash_turns(text)
    assert turn.kind == "answer"
    assert text[turn.start:turn.end] == "Prices will fall by spring,"
    assert text[turn.attr_start:turn.attr_end].startswith("explains")


def test_hyphenated_word_at_line_start_is_not_dash_speech():
    assert dash_turns("-based systems are common.") == []


def test_question_line_is_not_an_answer():
    turns = dash_turns("“KP”: – Will prices fall?\n\n– They will.")
    assert [t.kind for t in turns] == ["question", "answer"]


QA_INTERVIEW = ("Architect on the new library\n\nInterview by Mark Ellison\n\n"
                "Ines Varga designed the library that opens next month.\n\n"
                "Q: Where did the design start?\n\nA: With the old reading room. I wanted its light back.\n\n"
                "Question: Was the budget a problem?\n\nAnswer: Always. But limits make better buildings.\n\n"
                "We cut the atrium twice.\n\nQ: What next?\n\nA: A school in the hills.")


def test_labelled_interview_answers_are_dash_speech_running_to_the_next_question():
    df = segment.quote_spans(pd.DataFrame([{"article_id": "a", "text": QA_INTERVIEW}]), Settings())
    got = [(k, QA_INTERVIEW[s:e]) for k, s, e in zip(df["kind"], df["start"], df["end"])]
    assert got == [
        ("dash", "With the old reading room. I wanted its light back."),
        ("dash", "Always. But limits make better buildings.\n\nWe cut the atrium twice."),
        ("dash", "A school in the hills."),
    ]


@pytest.mark.parametrize("text", [
    '"Call it a budget if you like," Mirza said, "but it is a budget that runs out in spring."',
    "“Call it a budget if you like,” Mirza said, “but it is a budget that runs out in spring.”",
    "'Call it a budget if you like,' Mirza said, 'but it is a budget that runs out in spring.'",
])
def test_interrupted_quote_gives_two_direct_records(text):
    df = segment.quote_spans(pd.DataFrame([{"article_id": "a", "text": text}]), Settings())
    assert [(k, text[s:e]) for k, s, e in zip(df["kind"], df["start"], df["end"])] == [
        ("direct", "Call it a budget if you like,"),
        ("direct", "but it is a budget that runs out in spring."),
    ]


@pytest.mark.parametrize("text", [
    "A: one stray label.\n\nA: and another one.",                       # answers with no question
    "Q: a lone question?\n\nA: a lone answer.",                         # one of each is not a layout
    "Plan A: build the bridge.\n\nPlan B: wait.",                       # labels inside words
])
def test_labels_without_an_interview_layout_are_not_speech(text):
    assert all(t.kind != "answer" for t in dash_turns(text))


# -- kinds --------------------------------------------------------------------------------------
@pytest.mark.parametrize("text, start, end, has_cue, cue_near, expected", [
    ("the “help” of the West", 5, 9, False, False, None),
    ("reported by “The Evening Ledger” today", 13, 31, False, False, None),
    ("He called them “thugs” again", 16, 21, True, True, None),              # a single word
    ("He called them “hired thugs” again", 16, 27, True, True, "partial"),
    ("“We will win this war,” he said.", 1, 22, True, False, "direct"),
])
def test_quote_kind(text, start, end, has_cue, cue_near, expected):
    assert quote_kind(text, start, end, 0, has_cue, cue_near) == expected


# -- evidence -----------------------------------------------------------------------------------
def test_attribution_after_reads_dash_line_in_next_paragraph():
    text = "“Markets are calm,”\n\n– notes the agency Reuters"
    paras = paragraphs(text)
    ev = attribution_after(text, 19, paras[0][1], paras[1])
    assert ev.cue == "notes"
    assert ev.mention == "the agency Reuters"


def test_attribution_before_skips_relative_clause():
    text = "Tom Hale, who runs the shelter, said: “We are full.”"
    ev = attribution_before(text, 0, text.index("“"))
    assert (ev.cue, ev.mention) == ("said", "Tom Hale")


# -- the stage ----------------------------------------------------------------------------------
def test_quote_spans_columns_and_offsets():
    text = "Ana Ruiz, the mayor, said on Monday that the bridge would reopen.\n\n“We are ready,” she said."
    articles = pd.DataFrame([{"article_id": "a1", "text": text}])
    spans = segment.quote_spans(articles, Settings())
    assert list(spans.columns) == segment.SPAN_COLUMNS
    kinds = dict(zip(spans["kind"], zip(spans["start"], spans["end"])))
    assert text[slice(*kinds["direct"])] == "We are ready,"
    assert "bridge would reopen" in text[slice(*kinds["indirect"])]


def test_quote_spans_empty_input():
    articles = pd.DataFrame({"article_id": pd.Series([], dtype=object), "text": pd.Series([], dtype=object)})
    spans = segment.quote_spans(articles, Settings())
    assert spans.empty and list(spans.columns) == segment.SPAN_COLUMNS


def test_only_candidate_paragraphs_are_parsed(monkeypatch):
    seen = []
    real_load = segment.nlp_mod.load

    def spy_load(*args, **kwargs):
        nlp = real_load(*args, **kwargs)

        class Spy:
            def pipe(self, texts, **kw):
                texts = list(texts)
                seen.extend(texts)
                return nlp.pipe(texts, **kw)
        return Spy()

    monkeypatch.setattr(segment.nlp_mod, "load", spy_load)
    text = "The sky was grey over the harbour.\n\nThe minister said that taxes would rise."
    segment.quote_spans(pd.DataFrame([{"article_id": "a", "text": text}]), Settings())
    assert seen == ["The minister said that taxes would rise."]


def test_quote_with_short_attribution_is_not_parsed(monkeypatch):
    seen = []
    real_load = segment.nlp_mod.load

    def spy_load(*args, **kwargs):
        nlp = real_load(*args, **kwargs)

        class Spy:
            def pipe(self, texts, **kw):
                texts = list(texts)
                seen.extend(texts)
                return nlp.pipe(texts, **kw)
        return Spy()

    monkeypatch.setattr(segment.nlp_mod, "load", spy_load)
    text = "“We will appeal the ruling and we expect to win,” she said. Her lawyer said that the case was weak."
    spans = segment.quote_spans(pd.DataFrame([{"article_id": "a", "text": text}]), Settings())
    assert seen == ["Her lawyer said that the case was weak."]
    assert set(spans["kind"]) == {"direct", "indirect"}


@given(st.text(alphabet="ab said“”\". \n", max_size=80))
@hsettings(max_examples=200, deadline=None)
def test_parse_units_lie_inside_paragraphs_and_never_overlap(text):
    paras = paragraphs(text)
    quoted = [(r.start, r.end) for r in quoted_regions(text, paras)]
    units = parse_units(text, paras, quoted)
    for (s, e, k), nxt in zip(units, units[1:] + [None]):
        ps, pe = paras[k]
        assert ps <= s < e <= pe
        if nxt is not None:
            assert e <= nxt[0]


@given(st.text(alphabet="ab s'’‘“\". ,\n", max_size=80))
@hsettings(max_examples=300, deadline=None)
def test_single_quoted_regions_open_and_close_on_single_marks(text):
    """A single-quoted region follows an opening single mark at a word start, ends at a closing
    single mark of its own paragraph (or the paragraph end), and never lies in a paragraph that
    holds a double mark; regions come in text order without overlapping."""
    paras = paragraphs(text)
    regions = single_quoted_regions(text, paras)
    last_close = -1
    for r in regions:
        ps, pe = paras[r.para]
        assert not any(ch in DOUBLE_MARKS for ch in text[ps:pe])
        opening = text[:r.start].rstrip()[-1:]
        assert opening in SINGLE_MARKS
        assert ps <= r.start <= r.end <= r.close <= pe
        assert r.close == pe or text[r.close - 1] in SINGLE_MARKS
        assert r.start > last_close
        last_close = r.close


def test_single_quoted_regions_example_and_apostrophes():
    t = "‘We were told nothing,’ said Ama Osei. Parents' cars and Poland’s roads.\n\n“Fine,” he said, 'odd'."
    found = [t[r.start:r.end] for r in single_quoted_regions(t)]
    assert found == ["We were told nothing,"]


_CUE_WORDS = ["said", "says", "say", "told", "tell", "called", "called on", "called for", "warned of",
              "according to", "accord", "noted", "note", "not"]


@given(st.sets(st.sampled_from(_CUE_WORDS), min_size=1),
       st.lists(st.sampled_from(_CUE_WORDS + ["SAID", "Told", "x", "on", "to", "-", "'s", "1"]), max_size=8),
       st.lists(st.sampled_from([" ", "", "-", ".", "_", "\n", "’"]), min_size=8, max_size=8))
@hsettings(max_examples=300, deadline=None)
def test_trie_alternation_matches_what_the_longest_first_alternation_matches(words, pieces, seps):
    import re

    flat = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + r")\b", re.I)
    trie = re.compile(r"\b(?:" + trie_alternation(words) + r")\b", re.I)
    text = "".join(p + s for p, s in zip(pieces, seps))
    assert [m.span() for m in trie.finditer(text)] == [m.span() for m in flat.finditer(text)]
    for w in words:
        assert trie.fullmatch(w.upper())


def test_candidate_paragraphs():
    assert candidate_paragraph("The council said the road would close.")
    assert candidate_paragraph("“Fine.”") and candidate_paragraph("– We will see.")
    assert candidate_paragraph("Ms Doyle called on the board to resign.")
    assert not candidate_paragraph("The road closes on Monday for repairs.")
    assert not candidate_paragraph("The saidin festival opens today.")


# -- labelled cases (check "quote_spans": quoted fragments in reported speech, headlines) ---------
# (the whole-article quote cases, check "quotes", run in test_attribute.py: they need speakers too)
@pytest.mark.parametrize("case", cases("quote_spans"))
def test_quote_span_case(case):
    """Every expected record is found with its exact text, and its mention and cue when given; the kinds of all
    records found are ``kinds`` when given; no record overlaps a stretch of ``not_quotes``."""
    text, df = run_case(case["input"])
    found = list(zip(df["start"].astype(int), df["end"].astype(int), df["kind"], df["mention"], df["cue"]))
    for exp in case["expect"]["quotes"]:
        i = text.index(exp["quote"])
        span = (i, i + len(exp["quote"]))
        hits = [r for r in found if r[2] == exp["kind"] and overlaps(span, (r[0], r[1]))]
        assert hits, f"missing {exp['kind']} {exp['quote']!r}: found {[(text[s:e], k) for s, e, k, _, _ in found]}"
        s, e, _, mention, cue = hits[0]
        assert text[s:e] == exp["quote"]
        if "mention" in exp:
            assert mention == exp["mention"]
        if "cue" in exp:
            assert (cue or "").lower() == exp["cue"]
    if "kinds" in case["expect"]:
        assert sorted(k for _, _, k, _, _ in found) == case["expect"]["kinds"]
    for neg in case["expect"].get("not_quotes", []):
        i = text.index(neg)
        assert not any(overlaps((i, i + len(neg)), (s, e)) for s, e, *_ in found), f"{neg!r} taken as a quote"


# -- the finder registry ------------------------------------------------------------------------
def test_every_declared_kind_has_its_finder():
    from schemas.kinds import QUOTE_KINDS

    for name, spec in QUOTE_KINDS.items():
        assert spec.finders, f"kind {name!r} names no finder"
        for finder in spec.finders:
            assert finder in finders.FINDERS, f"kind {name!r}: no finder {finder!r}"
            assert name in finders.FINDERS[finder].kinds


def test_every_kind_a_finder_emits_is_declared():
    from schemas.kinds import QUOTE_KINDS

    for finder in finders.FINDERS.values():
        assert finder.kinds, f"finder {finder.name!r} produces no declared kind"
    text = ("“We lost,” he said. The minister said that taxes would rise next year.\n\n"
            "– It is done, – she added.\n\nHe called it “a very bad day”.")
    df = segment.quote_spans(pd.DataFrame([{"article_id": "a", "text": text}]), Settings())
    assert set(df["kind"]) == set(QUOTE_KINDS)
