"""The bench plumbing on 3 articles: corpus building, subprocess measurement and the report's fields.

Nothing here checks timings; a small real pipeline function stands in for the runner so that the
plumbing is tested on its own.
"""

import json
import re
from pathlib import Path

from pipeline.measure import bench
from pipeline.config import Settings

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "data" / "raw"

QUOTED = re.compile(r"[“\"]([^“”\"\n]{3,})[”\"]")


def regex_quote_pipeline(input_path, out_dir, settings):
    """A small real pipeline: quoted stretches of every article, written as JSON lines."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    articles = quotes = 0
    with open(out_dir / "quotes.jsonl", "w", encoding="utf-8") as fh:
        for path in sorted(Path(input_path).glob("*.txt")):
            articles += 1
            for m in QUOTED.finditer(path.read_text(encoding="utf-8")):
                quotes += 1
                fh.write(json.dumps({"article": path.name, "start": m.start(1), "end": m.end(1)}) + "\n")
    return {"articles": articles, "quotes": quotes}


def failing_pipeline(input_path, out_dir, settings):
    raise RuntimeError("stage exploded")


def test_build_corpus_distinct_names_and_texts(tmp_path):
    paths = bench.build_corpus(7, tmp_path / "c", [SEEDS])
    assert len(paths) == 7 == len({p.name for p in paths})
    texts = [p.read_text(encoding="utf-8") for p in paths]
    assert len(set(texts)) == 7
    seeds = sorted(SEEDS.glob("*.txt"))
    # copy 5 is the first seed again, with only its last line added
    assert paths[5].name.endswith(seeds[0].name)
    assert texts[5].startswith(seeds[0].read_text(encoding="utf-8").rstrip("\n"))
    assert bench.build_corpus(7, tmp_path / "d", [SEEDS])[3].read_text(encoding="utf-8") == texts[3]


def test_measure_reports_result_and_memory(tmp_path):
    corpus = tmp_path / "c"
    bench.build_corpus(3, corpus, [SEEDS])
    report = bench.measure(regex_quote_pipeline, corpus, tmp_path / "out", Settings())
    assert report["ok"] and report["result"]["articles"] == 3
    assert report["result"]["quotes"] == sum(1 for _ in open(tmp_path / "out" / "quotes.jsonl"))
    assert report["result"]["quotes"] > 0
    assert report["peak_rss_mib"] > 1
    assert report["wall_seconds"] >= report["seconds"] > 0


def test_measure_reports_a_failure(tmp_path):
    report = bench.measure(failing_pipeline, tmp_path, tmp_path / "out", Settings())
    assert not report["ok"] and "stage exploded" in report["error"]


def test_bench_report_fields_on_three_articles(tmp_path):
    report = bench.bench_report(3, sizes=[1, 3], sources=[SEEDS], pipeline_fn=regex_quote_pipeline,
                                baseline_fn=bench.textacy_quotes, workdir=tmp_path)
    assert report["sizes"] == [1, 3]
    assert report["pipeline"].endswith("regex_quote_pipeline")
    assert report["baseline"] == "pipeline.measure.bench.textacy_quotes"
    assert [r["n_articles"] for r in report["runs"]] == [1, 3]
    for run in report["runs"]:
        for side in ("ours", "ours_1core", "textacy"):
            r = run[side]
            assert r["ok"], r
            assert r["articles"] == run["n_articles"]
            assert r["articles_per_second"] > 0 and r["peak_rss_mib"] > 0
            assert r["peak_tree_rss_mib"] >= r["peak_rss_mib"]  # the whole process tree holds at least the process
        assert 0 <= run["textacy"]["articles_refused"] <= run["n_articles"]
        assert run["throughput_ratio"] == round(run["ours"]["articles_per_second"] / run["textacy"]["articles_per_second"], 3)
        assert run["throughput_ratio_1core"] == round(run["ours_1core"]["articles_per_second"] / run["textacy"]["articles_per_second"], 3)
    assert report["runs"][1]["textacy"]["quotes"] > 0  # the second seed has balanced marks
    assert set(report["peak_memory_growth"]) == {"ours", "ours_1core", "textacy"}
    assert report["peak_memory_growth"]["textacy"] > 0
    json.dumps(report)  # the report is plain JSON
    table = bench.format_table(report)
    assert table.count("textacy") >= 3 and "ours" in table


def test_bench_cli_writes_json(tmp_path, monkeypatch, capsys):
    import argparse

    captured = {}

    def fake_report(n, sizes=None, settings=None, baseline_fn=None, on_run=None, **kw):
        captured.update(n=n, sizes=sizes, baseline=baseline_fn)
        return real_report(n, sizes=sizes, sources=[SEEDS], settings=settings,
                                  pipeline_fn=regex_quote_pipeline, baseline_fn=baseline_fn, on_run=on_run)

    real_report = bench.bench_report
    monkeypatch.setattr(bench, "bench_report", fake_report)
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command")
    bench.register_cli(sub)
    out = tmp_path / "r" / "bench.json"
    args = parser.parse_args(["bench", "--n", "2", "--sizes", "2", "--no-textacy", "--out", str(out)])
    assert args.func(args) == 0
    data = json.loads(out.read_text())
    assert captured == {"n": 2, "sizes": [2], "baseline": None}
    assert data["runs"][0]["ours"]["articles"] == 2 and "textacy" not in data["runs"][0]
    assert "art/s" in capsys.readouterr().out


def test_on_run_sees_each_size_as_it_is_measured(tmp_path):
    seen = []
    report = bench.bench_report(2, sizes=[1, 2], sources=[SEEDS], pipeline_fn=regex_quote_pipeline,
                                baseline_fn=None, workdir=tmp_path, on_run=seen.append)
    assert [r["n_articles"] for r in seen] == [1, 2]
    assert seen == report["runs"]
    assert report["peak_memory_growth"]["textacy"] is None
