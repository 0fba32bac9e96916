"""End to end: the seeds in, four validated tables out; reruns, rejections, determinism, the CLI."""

import shutil
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from pipeline.cli import main
from pipeline.config import Settings
from pipeline.text.editlog import replay_span
from pipeline.runner import STAGES, run_pipeline, run_stages

RAW = Path(__file__).resolve().parent.parent / "data" / "raw"
TABLES = ("articles", "quotes", "speakers", "rejected")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("built")
    summary = run_pipeline(RAW, root / "out", Settings(), interim_dir=root / "interim")
    return root, summary


def test_run_writes_four_tables_with_real_rows(built):
    root, summary = built
    assert summary.articles == 5 and summary.rejected == 0
    assert summary.quotes > 50 and summary.speakers > 10
    for name in TABLES:
        assert (root / "out" / f"{name}.parquet").is_file()
    assert pq.read_metadata(root / "out" / "quotes.parquet").num_rows == summary.quotes


def test_every_quote_replays_from_its_raw_span(built):
    root, _ = built
    articles = {a["article_id"]: a for a in pq.read_table(root / "out" / "articles.parquet").to_pylist()}
    quotes = pq.read_table(root / "out" / "quotes.parquet").to_pylist()
    for q in quotes:
        art = articles[q["article_id"]]
        assert 0 <= q["raw_start"] < q["raw_end"] <= len(art["raw_text"])
        assert replay_span(art["raw_text"], art["edits"], q["raw_start"], q["raw_end"]) == q["text"]
        assert art["text"][q["start"]:q["end"]] == q["text"]


def test_two_runs_give_byte_identical_tables(built, tmp_path):
    root, _ = built
    run_pipeline(RAW, tmp_path / "out", Settings())
    for name in TABLES:
        assert (tmp_path / "out" / f"{name}.parquet").read_bytes() == (root / "out" / f"{name}.parquet").read_bytes(), name


def test_rerun_skips_stages_whose_inputs_and_code_did_not_change(built):
    root, _ = built
    summary = run_pipeline(RAW, root / "out", Settings(), interim_dir=root / "interim")
    assert summary.skipped == list(STAGES) and summary.ran == []
    one = run_stages(["attribute"], None, root / "out", Settings(), root / "interim")
    assert one.skipped == ["attribute"]


def test_changed_input_reruns_from_ingest(built, tmp_path):
    root, _ = built
    shutil.copytree(root / "interim", tmp_path / "interim")
    shutil.copytree(RAW, tmp_path / "raw")
    (tmp_path / "raw" / "extra.txt").write_text('"We will build it," the mayor said on Tuesday.\n', encoding="utf-8")
    summary = run_pipeline(tmp_path / "raw", tmp_path / "out", Settings(), interim_dir=tmp_path / "interim")
    assert summary.ran == list(STAGES) and summary.articles == 6


def test_a_stage_without_its_input_says_what_to_run(tmp_path):
    with pytest.raises(FileNotFoundError, match="run `python -m pipeline normalize` first"):
        run_stages(["segment"], None, tmp_path / "out", Settings(), tmp_path / "interim")


def test_cli_counts_rejections_and_strict_fails_on_them(tmp_path, capsys):
    inp = tmp_path / "in"
    inp.mkdir()
    shutil.copy(RAW / sorted(p.name for p in RAW.iterdir())[0], inp / "good.txt")
    (inp / "bad.txt").write_bytes(b"\xff\xfe\x00\x00garbage\x00")
    (inp / "empty.txt").write_bytes(b"")
    args = ["run", "--input", str(inp), "--out", str(tmp_path / "out"), "--interim", str(tmp_path / "interim"), "--quiet"]
    assert main(args) == 0
    summary_line, dataset_line = capsys.readouterr().out.strip().splitlines()[-2:]
    assert summary_line.startswith("articles read 1, rejected 2, quotes ")
    assert dataset_line == f"dataset: {tmp_path / 'out'}"
    rejected = pq.read_table(tmp_path / "out" / "rejected.parquet").to_pylist()
    assert {r["source_name"] for r in rejected} == {"bad.txt", "empty.txt"}
    assert main(args + ["--strict"]) == 1


def test_a_stage_fingerprint_covers_only_the_lexicons_its_code_names():
    """Editing a title list reruns the stages whose code reads titles, not normalize or ingest."""
    from pipeline.runner import STAGES, code_files

    def lexicons(stage):
        return {p.name for p in code_files(STAGES[stage].module) if p.parent.name == "lexicons" and p.suffix != ".py"}

    assert lexicons("ingest") == set()
    assert "titles.txt" not in lexicons("normalize") and "fixes_hyphen_prefixes.txt" in lexicons("normalize")
    assert {"titles.txt", "words_demonyms.tsv", "words_pronouns.tsv"} <= lexicons("attribute")
    assert "lines_furniture_patterns.txt" not in lexicons("resolve")


def test_cli_version_and_program_name(capsys, monkeypatch):
    from importlib.metadata import version

    monkeypatch.setattr("sys.argv", ["/venv/bin/quotetrace", "--version"])
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out.strip() == f"quotetrace {version('quotetrace')}"
    monkeypatch.setattr("sys.argv", ["/repo/pipeline/__main__.py"])
    with pytest.raises(SystemExit):
        main(["run", "--help"])
    assert capsys.readouterr().out.startswith("usage: python -m pipeline run ")
