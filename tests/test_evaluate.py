"""The scorer, on hand-made gold and system tables whose scores are worked out by hand."""

import json
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st

from pipeline.measure.evaluate import (
    RULES,
    SystemQuote,
    error_report,
    evaluate_dataset,
    fold,
    format_table,
    greedy_match,
    main,
    role_matches,
    run_eval,
    score,
    speaker_matches,
)
from pipeline.measure.gold import GoldQuote, GoldSet, read_raw_dir
from schemas.kinds import kind_names

FIX = Path(__file__).parent / "fixtures" / "eval"
TEXT = "x" * 200


def G(start, end, kind="direct", speaker="Jane Smith", optional=False, **kw):
    return GoldQuote("d1", start, end, TEXT[start:end], kind, speaker=speaker, optional=optional, **kw)


def S(start, end, kind="direct", speaker="Jane Smith", doc="d1", **kw):
    return SystemQuote(doc, start, end, kind, speaker=speaker, **kw)


# -- a worked example ------------------------------------------------------------------------------
#   gold  g1 [0,100) direct  Jane Smith, role "Foreign Minister of France", date 2022-01-06
#         g2 [120,160) indirect  Acme Corp (organization)
#         g3 [170,190) partial   optional
#   sys   s1 [10,100)  overlap 90 with g1: >= half of both           -> match (speaker by surname)
#         s2 [145,170) overlap 15 with g2: 15/40 < half, but > 30%    -> spurious (half), match (GGT)
#         s3 [172,190) overlap 18 with optional g3                   -> left out of both counts
#         s4 [100,118) no overlap                                    -> spurious
@pytest.fixture
def worked():
    gold = GoldSet(
        quotes=[
            G(0, 100, role="Foreign Minister of France", date="2022-01-06", speaker_aliases=("Smith",)),
            G(120, 160, "indirect", "Acme Corp", speaker_type="organization"),
            G(170, 190, "partial", None, optional=True),
        ],
        texts={"d1": TEXT},
    )
    system = {
        "d1": [
            S(10, 100, speaker="J. Smith", role="the foreign minister", date="2022-01-06"),
            S(145, 170, "indirect", speaker="Acme"),
            S(172, 190),
            S(100, 118, "dash"),
        ]
    }
    return score(gold, system)


def test_worked_half_rule(worked):
    half = worked.figures["spans"]["half"]
    assert (half["tp"], half["fp"], half["fn"], half["n_ignored"]) == (1, 2, 1, 1)
    assert half["precision"] == pytest.approx(1 / 3)
    assert half["recall"] == pytest.approx(1 / 2)
    assert half["f1"] == pytest.approx(2 * 1 / (2 + 3))


def test_worked_ggt_and_strict_rules(worked):
    ggt = worked.figures["spans"]["ggt30"]
    assert (ggt["tp"], ggt["n_system"], ggt["n_gold"]) == (2, 3, 2)
    assert ggt["precision"] == pytest.approx(2 / 3) and ggt["recall"] == 1.0 and ggt["f1"] == pytest.approx(0.8)
    strict = worked.figures["spans"]["strict80"]
    assert (strict["tp"], strict["n_system"], strict["n_gold"]) == (1, 3, 2)


def test_worked_per_kind(worked):
    kinds = worked.figures["spans"]["half"]["per_kind"]
    # precision by the system's kind, recall by the gold kind
    assert (kinds["direct"]["precision"], kinds["direct"]["recall"]) == (1.0, 1.0)
    assert (kinds["indirect"]["precision"], kinds["indirect"]["recall"]) == (0.0, 0.0)
    assert (kinds["dash"]["precision"], kinds["dash"]["recall"]) == (0.0, None)
    assert (kinds["partial"]["precision"], kinds["partial"]["recall"], kinds["partial"]["n_gold"]) == (None, None, 0)
    # every kind of the registry has its figures, in registry order, even with no quote of that kind
    assert list(kinds) == list(kind_names())


def test_worked_attribution_figures(worked):
    f = worked.figures
    assert f["speaker"] == {"correct": 1, "total": 1, "accuracy": 1.0}
    assert f["end_to_end"]["tp"] == 1 and f["end_to_end"]["f1"] == pytest.approx(0.4)
    assert f["role"] == {"correct": 1, "total": 1, "accuracy": 1.0}
    assert f["date"] == {"correct": 1, "total": 1, "accuracy": 1.0}
    assert f["kind_confusion"] == {"direct": {"direct": 1}}


def test_worked_lists_for_the_error_report(worked):
    assert [(g.start, g.end) for g in worked.missed] == [(120, 160)]
    assert [(s.start, s.end) for s in worked.spurious] == [(100, 118), (145, 170)]
    assert [(g.start, s.start) for g, s in worked.ignored] == [(170, 172)]
    md = error_report(worked)
    assert "Missed gold quotes (1)" in md and "Spurious system quotes (2)" in md
    assert "gold speaker: Acme Corp" in md and "overlaps gold [120:160] speaker Acme Corp" in md


# -- matching ------------------------------------------------------------------------------------
def test_one_system_quote_cannot_match_two_gold_quotes():
    # s [0,20) covers half of itself in each of g1 [0,10) and g2 [10,20): both are candidates,
    # greedy takes the earlier gold on a tie, g2 is missed
    gold = GoldSet([G(0, 10), G(10, 20)], {"d1": TEXT})
    f = score(gold, {"d1": [S(0, 20)]}).figures["spans"]["half"]
    assert (f["tp"], f["precision"], f["recall"]) == (1, 1.0, 0.5)


def test_greedy_leaves_room_for_a_second_candidate():
    # candidates by overlap: (g1,s1)=10, (g2,s1)=10, (g2,s2)=10 -> g1-s1 then g2-s2
    assert greedy_match([(0, 10), (10, 20)], [(0, 20), (8, 20)], RULES["half"]) == [(0, 0), (1, 1)]


def test_greedy_prefers_the_larger_overlap():
    # g [0,10): s1 [0,8) overlaps 8, s2 [0,10) overlaps 10 -> s2 wins, s1 is spurious
    assert greedy_match([(0, 10)], [(0, 8), (0, 10)], RULES["half"]) == [(0, 1)]


def test_duplicate_system_quotes_count_once():
    gold = GoldSet([G(0, 10)], {"d1": TEXT})
    f = score(gold, {"d1": [S(0, 10), S(0, 10)]}).figures["spans"]["half"]
    assert (f["tp"], f["fp"], f["precision"], f["recall"]) == (1, 1, 0.5, 1.0)


def test_exactly_half_matches_and_just_under_does_not():
    gold = GoldSet([G(0, 10)], {"d1": TEXT})
    assert score(gold, {"d1": [S(5, 15)]}).figures["spans"]["half"]["tp"] == 1  # 5 of 10 each
    assert score(gold, {"d1": [S(5, 16)]}).figures["spans"]["half"]["tp"] == 0  # 5 of 11 on the system side
    assert score(gold, {"d1": [S(5, 16)]}).figures["spans"]["ggt30"]["tp"] == 1  # 50% of gold > 30%


def test_ggt_rules_look_at_the_gold_side_only_and_need_strictly_more():
    gold = GoldSet([G(0, 10)], {"d1": TEXT})
    spans = score(gold, {"d1": [S(0, 40)]}).figures["spans"]  # covers all the gold, a quarter of itself
    assert (spans["half"]["tp"], spans["ggt30"]["tp"], spans["strict80"]["tp"]) == (0, 1, 1)
    spans = score(gold, {"d1": [S(2, 10)]}).figures["spans"]  # exactly 80% of the gold
    assert (spans["half"]["tp"], spans["ggt30"]["tp"], spans["strict80"]["tp"]) == (1, 1, 0)


def test_non_optional_gold_is_matched_before_optional():
    # s [0,10) overlaps optional o [0,10) fully and required g [5,15) by half: it must count as a hit
    gold = GoldSet([G(0, 10, optional=True), G(5, 15)], {"d1": TEXT})
    ev = score(gold, {"d1": [S(0, 10)]})
    assert ev.figures["spans"]["half"]["tp"] == 1 and ev.ignored == []


def test_system_quote_on_optional_gold_counts_neither_way():
    gold = GoldSet([G(0, 10, optional=True)], {"d1": TEXT})
    f = score(gold, {"d1": [S(0, 10)]}).figures["spans"]["half"]
    assert (f["n_gold"], f["n_system"], f["precision"], f["recall"], f["f1"]) == (0, 0, None, None, None)


# -- empty and missing output ----------------------------------------------------------------------
def test_empty_output():
    gold = GoldSet([G(0, 10), G(20, 30, "dash")], {"d1": TEXT})
    ev = score(gold, {"d1": []})
    half = ev.figures["spans"]["half"]
    assert (half["precision"], half["recall"], half["f1"]) == (None, 0.0, 0.0)
    assert ev.figures["speaker"]["accuracy"] is None and ev.figures["missing_docs"] == []
    row = [line for line in format_table(ev.figures).splitlines() if ">=50% of each" in line][0]
    assert row.split()[4:7] == ["-", "0.000", "0.000"]  # P undefined, R and F1 zero


def test_document_missing_from_output_counts_as_missed():
    gold = GoldSet([G(0, 10), GoldQuote("d2", 0, 5, "xxxxx", "direct", speaker="A B")], {"d1": TEXT, "d2": "xxxxx"})
    ev = score(gold, {"d1": [S(0, 10)]})
    half = ev.figures["spans"]["half"]
    assert ev.figures["missing_docs"] == ["d2"]
    assert (half["tp"], half["n_gold"], half["recall"]) == (1, 2, 0.5)
    assert ev.figures["per_doc"]["d2"] == {"n_gold": 1, "n_system": 0, "tp": 0, "missed": 1, "spurious": 0, "in_output": False}


def test_unlocated_required_gold_counts_as_missed_optional_does_not():
    gold = GoldSet([G(0, 10)], {"d1": TEXT}, unlocated=[
        {"doc_id": "d1", "quote": "zz", "reason": "not found in raw text", "optional": False},
        {"doc_id": "d1", "quote": "yy", "reason": "not found in raw text", "optional": True},
    ])
    half = score(gold, {"d1": [S(0, 10)]}).figures["spans"]["half"]
    assert (half["n_gold"], half["recall"], half["precision"]) == (2, 0.5, 1.0)


# -- field comparisons -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    "system, gold, aliases, gtype, expected",
    [
        ("Kasim-Jomart Tokaev", "Kassym-Jomart Tokayev", ("Kasim-Jomart Tokaev",), "person", True),  # alias
        ("ÉMILE ZOLA", "Emile Zola", (), "person", True),  # case and accents
        ("Mr. Zola", "Emile Zola", (), "person", True),  # surname
        ("Zolas", "Emile Zola", (), "person", False),
        ("Paris Ministry", "Defense Ministry", (), "organization", False),  # no surname rule for organizations
        ("the ministry", "Defense Ministry", ("the ministry",), "organization", True),
        (None, None, (), None, True),  # gold says nobody, system says nobody
        ("he", None, (), None, False),
        (None, "Emile Zola", (), "person", False),
        ("", "Emile Zola", (), "person", False),
    ],
)
def test_speaker_matches(system, gold, aliases, gtype, expected):
    assert speaker_matches(system, gold, aliases, gtype) is expected


def test_role_overlap_threshold():
    assert role_matches("adviser to the president", "former adviser to the president") is True  # 4 of 5
    assert role_matches("president", "former adviser to the president") is False  # 2 of 5 ('the' absent)
    assert role_matches("the president", "former adviser to the president") is False  # 2 of 5
    assert role_matches(None, "mayor") is False
    assert role_matches("mayor", None) is None


def test_date_accuracy_is_exact_and_gold_without_date_is_not_scored():
    gold = GoldSet([G(0, 10, date="2022-01-06"), G(20, 30, date="2022-01-07"), G(40, 50)], {"d1": TEXT})
    system = {"d1": [S(0, 10, date="2022-01-06"), S(20, 30, date="2022-01-06"), S(40, 50, date="2022-01-06")]}
    assert score(gold, system).figures["date"] == {"correct": 1, "total": 2, "accuracy": 0.5}


# -- properties ----------------------------------------------------------------------------------
spans = st.tuples(st.integers(0, 100), st.integers(1, 40)).map(lambda t: (t[0], t[0] + t[1]))


@given(st.lists(spans, max_size=8), st.lists(spans, max_size=8), st.sampled_from(sorted(RULES)))
@settings(max_examples=300)
def test_matching_is_one_to_one_and_every_pair_meets_the_rule(gold, system, rule_name):
    rule = RULES[rule_name]
    pairs = greedy_match(gold, system, rule)
    assert len({g for g, _ in pairs}) == len(pairs) == len({s for _, s in pairs})
    for g, s in pairs:
        (gs, ge), (ss, se) = gold[g], system[s]
        assert rule.accepts(max(0, min(ge, se) - max(gs, ss)), ge - gs, se - ss)


@given(st.lists(spans, min_size=1, max_size=8, unique=True))
def test_gold_scored_against_itself_is_perfect(gold_spans):
    gold = GoldSet([G(a, b, role="mayor of town", date="2020-01-01") for a, b in gold_spans], {"d1": TEXT})
    system = {"d1": [S(a, b, role="mayor of town", date="2020-01-01") for a, b in gold_spans]}
    f = score(gold, system).figures
    for rule in RULES:
        assert f["spans"][rule]["precision"] == f["spans"][rule]["recall"] == 1.0
    assert f["speaker"]["accuracy"] == f["role"]["accuracy"] == f["date"]["accuracy"] == 1.0
    assert f["end_to_end"]["f1"] == 1.0


@given(st.lists(spans, min_size=1, max_size=6), st.lists(spans, max_size=6), spans)
def test_an_extra_system_quote_never_raises_precision_or_changes_recall_by_more_than_one(gold_spans, sys_spans, extra):
    gold = GoldSet([G(a, b) for a, b in gold_spans], {"d1": TEXT})
    before = score(gold, {"d1": [S(a, b) for a, b in sys_spans]}).figures["spans"]["half"]
    after = score(gold, {"d1": [S(a, b) for a, b in sys_spans + [extra]]}).figures["spans"]["half"]
    assert after["tp"] - before["tp"] in (0, 1)
    assert after["n_system"] == before["n_system"] + 1


@given(st.text(max_size=30))
def test_fold_is_idempotent(name):
    assert fold(fold(name)) == fold(name)


# -- dataset tables and the CLI --------------------------------------------------------------------
def _fixture_dataset(tmp_path, edits_only=False):
    raw = read_raw_dir(FIX / "jsonl" / "raw")
    articles = pd.DataFrame(
        [
            {"article_id": f"art-{n}", "source_name": f"{n}.txt", "raw_text": raw[n], "text": raw[n], "edits": []}
            for n in ("alpha", "beta", "gamma")
        ]
    )
    a, g = raw["alpha"], raw["gamma"]

    def q(aid, text, kind, speaker, role=None, date=None, doc=a):
        start = doc.index(text)
        return {"quote_id": f"{aid}:{start}", "article_id": aid, "kind": kind, "start": start, "end": start + len(text),
                "raw_start": start, "raw_end": start + len(text), "speaker_name": speaker, "role": role,
                "quote_date": pd.Timestamp(date).date() if date else None}

    quotes = pd.DataFrame(
        [
            q("art-alpha", "fares will stay the same", "indirect", "Brant", "minister of transport", "2024-03-04"),
            q("art-alpha", "We will not raise prices", "direct", "Critics"),
            q("art-alpha", "cheap promise", "partial", None),
            q("art-alpha", "Is it true?", "dash", None),
            q("art-gamma", "The weather was fine", "indirect", None, doc=g),
        ]
    )
    if edits_only:
        quotes = quotes.drop(columns=["raw_start", "raw_end"])
    out = tmp_path / "out"
    out.mkdir()
    articles.to_parquet(out / "articles.parquet")
    quotes.to_parquet(out / "quotes.parquet")
    return out


# gold required: alpha 3 (one optional left out), beta 1 located + 1 not locatable = 5
# system counted: fares (hit), "We will not raise prices" (24 of 36 gold chars: hit, wrong speaker),
#   cheap promise (spurious), gamma's sentence (spurious; gamma is a gold document with no quote)
#   and "Is it true?" on the optional gold quote (left out) = 4
def _check_fixture_figures(f):
    half = f["spans"]["half"]
    assert (half["tp"], half["n_system"], half["n_gold"], half["n_ignored"]) == (2, 4, 5, 1)
    assert half["precision"] == 0.5 and half["recall"] == 0.4 and half["f1"] == pytest.approx(4 / 9)
    assert half["per_kind"]["dash"]["recall"] == 0.0 and half["per_kind"]["indirect"]["precision"] == 0.5
    assert f["speaker"] == {"correct": 1, "total": 2, "accuracy": 0.5}
    assert f["end_to_end"]["f1"] == pytest.approx(2 / 9)
    assert f["role"] == {"correct": 1, "total": 2, "accuracy": 0.5}
    assert f["date"] == {"correct": 1, "total": 2, "accuracy": 0.5}
    assert [u["quote"] for u in f["unlocated_gold"]] == ["strikes will go on"]


def test_run_eval_on_a_dataset_folder(tmp_path):
    ev = run_eval(_fixture_dataset(tmp_path), FIX / "jsonl")
    _check_fixture_figures(ev.figures)
    assert ev.figures["missing_docs"] == [] and ev.figures["n_system_unscored"] == 0


def test_clean_offsets_are_mapped_through_the_edit_log_when_raw_offsets_are_absent(tmp_path):
    ev = run_eval(_fixture_dataset(tmp_path, edits_only=True), FIX / "jsonl")
    _check_fixture_figures(ev.figures)


def test_article_matched_by_id_when_source_name_does_not_match():
    raw = read_raw_dir(FIX / "jsonl" / "raw")
    gold = GoldSet([GoldQuote("alpha", 0, 5, raw["alpha"][:5], "direct", speaker=None)], {"alpha": raw["alpha"]})
    articles = pd.DataFrame([{"article_id": "alpha", "source_name": "feed.jsonl#3", "raw_text": raw["alpha"], "edits": []}])
    quotes = pd.DataFrame([{"article_id": "alpha", "kind": "direct", "raw_start": 0, "raw_end": 5, "speaker_name": None}])
    assert evaluate_dataset(articles, quotes, gold).figures["spans"]["half"]["tp"] == 1


def test_cli_writes_json_and_error_report(tmp_path, capsys):
    dataset = _fixture_dataset(tmp_path)
    reports = tmp_path / "reports"
    rc = main(["eval", "--dataset", str(dataset), "--gold", str(FIX / "jsonl"), "--report-dir", str(reports),
               "--raw", str(FIX / "jsonl" / "raw")])
    assert rc == 0
    figures = json.loads((reports / "eval.json").read_text())
    _check_fixture_figures(figures)
    md = (reports / "errors.md").read_text()
    assert "It is true," in md  # the missed dash quote, in context
    assert "cheap promise" in md and "The weather was fine" in md  # the spurious ones
    assert "**Critics**" in md  # the wrong speaker on a matched quote
    table = capsys.readouterr().out
    assert "0.500" in table and "0.400" in table


def test_cli_without_dataset_fails_cleanly(tmp_path, capsys):
    assert main(["eval", "--dataset", str(tmp_path / "nope"), "--report-dir", str(tmp_path / "r")]) == 2


@pytest.mark.parametrize("fmt, path", [("brat", FIX / "brat"), ("citron", FIX / "citron")])
def test_cli_scores_against_brat_and_citron_gold(tmp_path, fmt, path):
    from pipeline.measure.gold import read_gold

    gold = read_gold(fmt, path)
    articles = pd.DataFrame(
        [{"article_id": d, "source_name": f"{d}.txt", "raw_text": t, "text": t, "edits": []} for d, t in gold.texts.items()]
    )
    # the system finds every gold quote but the last one, and names each speaker by surname only
    found = gold.quotes[:-1]
    quotes = pd.DataFrame(
        [{"article_id": g.doc_id, "kind": g.kind, "raw_start": g.start, "raw_end": g.end,
          "speaker_name": g.speaker.split()[-1] if g.speaker else None} for g in found]
    )
    out = tmp_path / "out"
    out.mkdir()
    articles.to_parquet(out / "articles.parquet")
    quotes.to_parquet(out / "quotes.parquet")
    assert main(["eval", "--dataset", str(out), "--gold", str(path), "--format", fmt, "--report-dir", str(tmp_path / "r")]) == 0
    f = json.loads((tmp_path / "r" / "eval.json").read_text())
    n = len(gold.quotes)
    assert (f["spans"]["half"]["tp"], f["spans"]["half"]["n_gold"], f["spans"]["half"]["precision"]) == (n - 1, n, 1.0)
    assert f["speaker"]["accuracy"] == 1.0  # surnames, or no speaker where the gold has none


def test_doctests_of_the_scorer_and_the_gate():
    import doctest

    import pipeline.measure.evaluate
    import pipeline.measure.matching
    import pipeline.measure.quality
    import pipeline.measure.reports
    import pipeline.measure.scoring
    import pipeline.measure.system

    for module in (pipeline.measure.evaluate, pipeline.measure.quality, pipeline.measure.matching,
                   pipeline.measure.system, pipeline.measure.scoring, pipeline.measure.reports):
        result = doctest.testmod(module)
        assert result.attempted > 0 and result.failed == 0, module.__name__
