"""The pinned quality gate: the dataset built from data/raw must score at least its floors on data/gold.

Raise floors with `python -m pipeline floors --raise`; lowering one needs
`python -m pipeline floors --lower --reason "..."` (the reason is kept in tests/quality/floors.json).
"""

import json
from pathlib import Path

import pandas as pd
import pytest

from pipeline.config import Settings
from pipeline.measure.evaluate import main as cli_main
from pipeline.measure.evaluate import run_eval
from pipeline.measure.gold import read_gold, read_raw_dir
from pipeline.measure.quality import (
    MAIN_METRICS,
    check_floors,
    empty_floors,
    gold_sha256,
    load_floors,
    lower_floors,
    main_figures,
    raise_floors,
    repin_floors,
)
from pipeline.runner import run_pipeline
from schemas.kinds import kind_names

ROOT = Path(__file__).parent.parent
GOLD = ROOT / "data" / "gold"
RAW = ROOT / "data" / "raw"
FLOORS = Path(__file__).parent / "quality" / "floors.json"
FIX = Path(__file__).parent / "fixtures" / "eval" / "jsonl"


# -- the gate itself -------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def seed_figures(tmp_path_factory):
    out = tmp_path_factory.mktemp("gate") / "out"
    run_pipeline(RAW, out, Settings.from_env())
    return main_figures(run_eval(out, GOLD, RAW).figures)


def test_floors_file_is_well_formed():
    doc = load_floors(FLOORS)
    assert set(doc["floors"]) == set(MAIN_METRICS)
    assert all(0.0 <= v <= 1.0 for v in doc["floors"].values())
    assert 0 < doc["tolerance"] <= 0.02
    for entry in doc["lowered"]:
        assert entry["reason"].strip() and entry["to"] < entry["from"] and entry["metric"] in MAIN_METRICS


def test_floor_names_follow_the_kind_registry():
    # one recall_<kind> floor per kind of schemas.kinds, in registry order, as the floors file lists them
    assert [m for m in MAIN_METRICS if m.startswith("recall_")] == [f"recall_{k}" for k in kind_names()]
    assert list(json.loads(FLOORS.read_text(encoding="utf-8"))["floors"]) == list(MAIN_METRICS)


def test_gold_data_matches_the_pinned_hash():
    doc = load_floors(FLOORS)
    assert doc["gold_sha256"] == gold_sha256(GOLD, RAW), (
        "data/gold or data/raw changed since the floors were pinned: "
        "re-pin with `python -m pipeline floors --repin --reason \"...\"`"
    )


def test_quality_floors_hold(seed_figures):
    failures = check_floors(seed_figures, load_floors(FLOORS), gold_sha256(GOLD, RAW))
    assert not failures, (
        "quality gate:\n" + "\n".join(failures)
        + "\n(`make eval` writes reports/errors.md: every missed and spurious quote in context)"
    )


# -- the floors logic ------------------------------------------------------------------------------
def test_check_allows_noise_within_tolerance_only():
    doc = {"gold_sha256": "h", "tolerance": 0.005, "floors": {"f1": 0.6}}
    assert check_floors({"f1": 0.5951}, doc, "h") == []
    assert len(check_floors({"f1": 0.5949}, doc, "h")) == 1
    assert len(check_floors({}, doc, "h")) == 1  # a floor nobody measured fails


def test_raise_never_lowers_and_lower_needs_a_reason():
    doc = empty_floors("h")
    up = raise_floors(doc, {"f1": 0.7, "recall": 0.4})
    assert up["floors"]["f1"] == 0.7 and up["floors"]["precision"] == 0.0
    again = raise_floors(up, {"f1": 0.5, "recall": 0.45})
    assert again["floors"]["f1"] == 0.7 and again["floors"]["recall"] == 0.45
    with pytest.raises(ValueError):
        lower_floors(again, {"f1": 0.5}, "  ", "2026-01-01")
    down = lower_floors(again, {**{m: 1.0 for m in MAIN_METRICS}, "f1": 0.5}, "rule split in two", "2026-01-01")
    assert down["floors"]["f1"] == 0.5 and down["floors"]["recall"] == 0.45  # only what dropped goes down
    assert down["lowered"] == [{"metric": "f1", "from": 0.7, "to": 0.5, "reason": "rule split in two", "date": "2026-01-01"}]


def test_repin_takes_the_new_hash_and_records_drops():
    doc = raise_floors(empty_floors("old"), {"f1": 0.7})
    new = repin_floors(doc, {m: 0.0 for m in MAIN_METRICS} | {"f1": 0.6}, "new", "more gold articles", "2026-01-01")
    assert new["gold_sha256"] == "new" and new["floors"]["f1"] == 0.6
    assert new["lowered"][0]["reason"] == "gold data changed: more gold articles"


def test_gold_hash_follows_gold_and_raw_content(tmp_path):
    gold, raw = tmp_path / "gold", tmp_path / "raw"
    gold.mkdir()
    raw.mkdir()
    (gold / "quotes.jsonl").write_text('{"doc_id": "a", "quote": "x"}\n')
    (raw / "a.txt").write_text("x")
    h1 = gold_sha256(gold, raw)
    (gold / "GUIDELINES.md").write_text("reworded")
    assert gold_sha256(gold, raw) == h1
    (raw / "a.txt").write_text("x ")
    assert gold_sha256(gold, raw) != h1


# -- the floors command, on a hand-made dataset ------------------------------------------------------
def _dataset(tmp_path, keep: int) -> Path:
    """A dataset whose quotes are the first ``keep`` located fixture gold quotes (right speaker)."""
    texts = read_raw_dir(FIX / "raw")
    gold = read_gold("jsonl", FIX, texts)
    articles = pd.DataFrame(
        [{"article_id": d, "source_name": f"{d}.txt", "raw_text": t, "text": t, "edits": []} for d, t in texts.items()]
    )
    required = [g for g in gold.quotes if not g.optional][:keep]
    quotes = pd.DataFrame(
        [{"article_id": g.doc_id, "kind": g.kind, "raw_start": g.start, "raw_end": g.end, "speaker_name": g.speaker,
          "role": g.role, "quote_date": g.date} for g in required],
        columns=["article_id", "kind", "raw_start", "raw_end", "speaker_name", "role", "quote_date"],
    )
    out = tmp_path / f"out{keep}"
    out.mkdir()
    articles.to_parquet(out / "articles.parquet")
    quotes.to_parquet(out / "quotes.parquet")
    return out


def test_floors_command_raise_check_lower(tmp_path, capsys):
    floors = tmp_path / "floors.json"
    common = ["--floors-file", str(floors), "--gold", str(FIX), "--raw", str(FIX / "raw")]
    good, worse = _dataset(tmp_path, 4), _dataset(tmp_path, 2)
    assert cli_main(["floors", "--raise", "--dataset", str(good), *common]) == 0
    pinned = json.loads(floors.read_text())
    assert pinned["gold_sha256"] == gold_sha256(FIX, FIX / "raw")
    assert pinned["floors"]["recall"] == 0.8  # 4 of 5 required gold quotes (one cannot be located)
    assert cli_main(["floors", "--check", "--dataset", str(good), *common]) == 0
    assert cli_main(["floors", "--check", "--dataset", str(worse), *common]) == 1
    assert "recall = 0.4000 is below its floor 0.8000" in capsys.readouterr().err
    assert cli_main(["floors", "--lower", "--dataset", str(worse), *common]) == 2  # no reason given
    assert cli_main(["floors", "--lower", "--reason", "test drop", "--metric", "recall", "--dataset", str(worse), *common]) == 0
    lowered = json.loads(floors.read_text())
    assert lowered["floors"]["recall"] == 0.4 and lowered["lowered"][-1]["reason"] == "test drop"
    assert lowered["floors"]["f1"] == pinned["floors"]["f1"]  # --metric limited the lowering


def test_floors_command_refuses_to_raise_on_changed_gold(tmp_path):
    floors = tmp_path / "floors.json"
    floors.write_text(json.dumps(empty_floors("not-the-hash")))
    args = ["floors", "--raise", "--dataset", str(_dataset(tmp_path, 4)), "--floors-file", str(floors),
            "--gold", str(FIX), "--raw", str(FIX / "raw")]
    assert cli_main(args) == 1
