"""Benchmark: throughput and peak memory of the whole pipeline, against textacy's quote extractor.

``python -m pipeline bench --out reports/bench.json --n 2000`` (``make bench``):

1. builds a corpus of at least N articles in a temporary folder by replicating the seed articles
   (``data/raw``) and the held-out test articles (``data/testnews``): every copy has its own file
   name and a last line naming the copy, so article ids and texts differ;
2. runs :func:`pipeline.runner.run_pipeline` on it in a fresh subprocess, and textacy's
   ``direct_quotations`` (the same spaCy model, full ``nlp.pipe`` parse + extraction) in another;
3. reports, for each corpus size (N/4 and N by default, to show whether peak memory stays flat),
   articles per second, peak resident memory (MiB) and the throughput ratio ours/textacy, as a table
   on stdout and as JSON.

Each side runs in a process started with ``spawn``, so its peak memory (``ru_maxrss`` of that
process and of any process it starts) is its own and not inherited from the caller. Nothing here
is a timed test: the tests only check the plumbing.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import platform
import resource
import shutil
import sys
import tempfile
import time
import traceback
from dataclasses import replace
from pathlib import Path
from typing import Callable, Sequence

from pipeline.config import Settings
from pipeline.runner import run_pipeline

__all__ = ["build_corpus", "measure", "textacy_quotes", "run_ours", "bench_report", "format_table", "register_cli"]

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_SOURCES = (ROOT / "data" / "raw", ROOT / "data" / "testnews")


def copy_text(text: str, copy: int) -> str:
    """The text of copy number ``copy`` of an article: the article plus one last line naming the copy.

    >>> copy_text("Body.\\n", 7)
    'Body.\\n\\nBench copy 7.\\n'
    >>> copy_text("Body.", 7) != copy_text("Body.", 8)
    True
    """
    return text.rstrip("\n") + f"\n\nBench copy {copy}.\n"


def source_files(sources: Sequence[Path]) -> list[Path]:
    """The ``.txt`` articles of the source folders, sorted (a missing folder is skipped)."""
    files: list[Path] = []
    for folder in sources:
        folder = Path(folder)
        if folder.is_dir():
            files.extend(sorted(folder.glob("*.txt")))
    return files


def build_corpus(n: int, dest: Path, sources: Sequence[Path] = DEFAULT_SOURCES) -> list[Path]:
    """Write ``n`` articles into ``dest`` by cycling through the source articles; returns their paths.

    Copy ``i`` of source ``s`` is ``dest/{i:06d}_{s.stem}.txt`` with :func:`copy_text` applied, so
    every file name and every text is distinct and the corpus is the same on every run.
    """
    files = source_files(sources)
    if not files:
        raise FileNotFoundError(f"no .txt articles in {', '.join(str(s) for s in sources)}")
    texts = [f.read_text(encoding="utf-8") for f in files]
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    written = []
    for i in range(n):
        k = i % len(files)
        path = dest / f"{i:06d}_{files[k].stem}.txt"
        path.write_text(copy_text(texts[k], i), encoding="utf-8")
        written.append(path)
    return written


# -- the two sides, each run in a child process ---------------------------------------------------
def run_ours(input_path: Path, out_dir: Path, settings: Settings) -> dict:
    """The whole pipeline on ``input_path`` (the real runner); returns counts from its summary."""
    summary = run_pipeline(Path(input_path), Path(out_dir), settings)
    return {"articles": summary.articles, "quotes": summary.quotes, "speakers": summary.speakers}


def textacy_quotes(input_path: Path, out_dir: Path, settings: Settings) -> dict:
    """textacy's ``direct_quotations`` over every ``.txt`` in ``input_path``, parsed with the same
    spaCy model and batch size as our pipeline, as spaCy ships it (no :class:`pipeline.nlp.FastRuleMatch`);
    returns article and quote counts, and how many articles textacy refused (it raises on an odd
    number of quotation marks: the parse still counts)."""
    # textacy (a dev dependency) and spaCy (through pipeline.nlp) are heavy: imported only in the child
    # process that runs this side
    from textacy.extract.triples import direct_quotations

    from pipeline.nlp import load

    nlp = load(settings.spacy_model, fast_rules=False)
    paths = sorted(Path(input_path).glob("*.txt"))
    texts = (p.read_text(encoding="utf-8") for p in paths)
    n_articles = n_quotes = n_refused = 0
    for doc in nlp.pipe(texts, batch_size=min(settings.batch_size, 64)):
        n_articles += 1
        try:
            n_quotes += sum(1 for _ in direct_quotations(doc))
        except ValueError:  # textacy refuses a text with an odd number of quotation marks
            n_refused += 1
    return {"articles": n_articles, "quotes": n_quotes, "articles_refused": n_refused}


def _peak_rss_mib() -> float:
    """Peak resident memory of this process and of any child it waited for, in MiB (Linux: KiB units)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    scale = 1 if sys.platform == "darwin" else 1024  # macOS reports bytes, Linux KiB
    return max(own, kids) * scale / 2**20


def _child(fn: Callable, args: tuple, queue) -> None:
    start = time.perf_counter()
    try:
        result = fn(*args)
        queue.put({"ok": True, "result": result, "seconds": time.perf_counter() - start, "peak_rss_mib": _peak_rss_mib()})
    except BaseException as exc:  # report every failure to the parent, which decides
        queue.put({"ok": False, "error": f"{type(exc).__name__}: {exc}", "trace": traceback.format_exc(),
                   "seconds": time.perf_counter() - start, "peak_rss_mib": _peak_rss_mib()})


def _tree_rss_kib(root_pid: int) -> int | None:
    """Resident memory of a process and all its descendants, in KiB, read from /proc (None elsewhere)."""
    proc = Path("/proc")
    if not proc.is_dir():
        return None
    parent_of: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            fields = stat[stat.rindex(")") + 2 :].split()
            parent_of[int(entry.name)] = int(fields[1])
            rss[int(entry.name)] = int(fields[21]) * (resource.getpagesize() // 1024)
        except (OSError, ValueError, IndexError):
            continue
    tree, frontier = {root_pid}, [root_pid]
    while frontier:
        pid = frontier.pop()
        kids = [c for c, p in parent_of.items() if p == pid and c not in tree]
        tree.update(kids)
        frontier.extend(kids)
    return sum(rss.get(pid, 0) for pid in tree)


def measure(fn: Callable, *args) -> dict:
    """Run ``fn(*args)`` in a fresh ``spawn`` process: its result (or error), the seconds the call took,
    the wall seconds of the whole process (interpreter start included), its peak RSS in MiB, and the
    peak total RSS of the process with all its worker processes (``peak_tree_rss_mib``, sampled every
    0.2 s from /proc), which is what the machine must hold.

    ``fn`` must be importable by name (a module-level function).
    """
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    proc = ctx.Process(target=_child, args=(fn, args, queue))
    start = time.perf_counter()
    proc.start()
    report = None
    tree_peak = 0
    while report is None:
        tree = _tree_rss_kib(proc.pid)
        tree_peak = max(tree_peak, tree or 0)
        try:
            report = queue.get(timeout=0.2)
        except Exception:  # queue.Empty: still running, or died without reporting
            if not proc.is_alive():
                report = {"ok": False, "error": f"process died with exit code {proc.exitcode}",
                          "seconds": time.perf_counter() - start, "peak_rss_mib": None}
    proc.join()
    report["wall_seconds"] = time.perf_counter() - start
    # the samples can miss a short peak; the process's own exact peak is a lower bound
    own = report.get("peak_rss_mib")
    report["peak_tree_rss_mib"] = max(tree_peak / 1024, own or 0) if (tree_peak or own) else None
    return report


def _side(report: dict, n: int) -> dict:
    out = {
        "ok": report["ok"],
        "seconds": round(report["seconds"], 3),
        "wall_seconds": round(report["wall_seconds"], 3),
        "articles_per_second": round(n / report["seconds"], 3) if report["ok"] and report["seconds"] > 0 else None,
        "peak_rss_mib": round(report["peak_rss_mib"], 1) if report.get("peak_rss_mib") is not None else None,
        "peak_tree_rss_mib": round(report["peak_tree_rss_mib"], 1) if report.get("peak_tree_rss_mib") else None,
    }
    if report["ok"]:
        out.update({k: v for k, v in (report["result"] or {}).items() if isinstance(v, (int, float, str))})
    else:
        out["error"] = report["error"]
    return out


def _run_size(size: int, root: Path, sources: Sequence[Path], settings: Settings, pipeline_fn: Callable,
              baseline_fn: Callable | None) -> dict:
    """One corpus size: build the corpus under ``root``, measure our pipeline on one process (and on
    ``settings.worker_count()`` processes when that is more than one) and the baseline, with the
    throughput ratios ours/baseline."""
    corpus = root / f"corpus-{size}"
    build_corpus(size, corpus, sources)
    one_core = replace(settings, workers=1)
    ours_1 = _side(measure(pipeline_fn, corpus, root / f"out1-{size}", one_core), size)
    run = {"n_articles": size, "ours_1core": ours_1}
    if settings.worker_count() > 1:
        run["ours"] = _side(measure(pipeline_fn, corpus, root / f"out-{size}", settings), size)
        run["ours"]["workers"] = settings.worker_count()
    else:
        run["ours"] = ours_1
    if baseline_fn is not None:
        base = _side(measure(baseline_fn, corpus, root / f"textacy-{size}", settings), size)
        run["textacy"] = base
        b = base["articles_per_second"]
        for side, key in (("ours", "throughput_ratio"), ("ours_1core", "throughput_ratio_1core")):
            a = run[side]["articles_per_second"]
            run[key] = round(a / b, 3) if a and b else None
    return run


def _memory_growth(runs: Sequence[dict], side: str) -> float | None:
    """Peak memory of ``side`` at the largest corpus over the smallest (process tree when both runs have
    it, else the process alone); ``None`` with fewer than two runs or a missing figure.

    >>> _memory_growth([{"ours": {"peak_rss_mib": 200.0}}, {"ours": {"peak_rss_mib": 210.0}}], "ours")
    1.05
    >>> _memory_growth([{"ours": {"peak_rss_mib": 200.0}}], "ours") is None
    True
    """
    first, last = runs[0].get(side, {}), runs[-1].get(side, {})
    key = "peak_tree_rss_mib" if first.get("peak_tree_rss_mib") and last.get("peak_tree_rss_mib") else "peak_rss_mib"
    if len(runs) < 2 or not first.get(key) or not last.get(key):
        return None
    return round(last[key] / first[key], 3)


def bench_report(
    n: int,
    sizes: Sequence[int] | None = None,
    sources: Sequence[Path] = DEFAULT_SOURCES,
    settings: Settings | None = None,
    pipeline_fn: Callable = run_ours,
    baseline_fn: Callable | None = textacy_quotes,
    workdir: Path | None = None,
    on_run: Callable[[dict], None] | None = None,
) -> dict:
    """Build corpora of each size (default N/4 and N), run ``pipeline_fn`` and ``baseline_fn`` on each
    in subprocesses, and return the report: one entry per size with both sides and their ratio.

    ``pipeline_fn(input_path, out_dir, settings) -> dict`` is the real runner by default; a test may
    pass another module-level function. ``baseline_fn=None`` skips the textacy side. ``on_run`` is
    called with each size's entry as soon as it is measured (the CLI prints it and saves it).
    """
    settings = settings or Settings()
    sizes = sorted({int(s) for s in (sizes or (max(1, n // 4), n))})
    own_tmp = workdir is None
    root = Path(tempfile.mkdtemp(prefix="quotetrace-bench-")) if own_tmp else Path(workdir)
    runs = []
    try:
        for size in sizes:
            runs.append(_run_size(size, root, sources, settings, pipeline_fn, baseline_fn))
            if on_run is not None:
                on_run(runs[-1])
    finally:
        if own_tmp:
            shutil.rmtree(root, ignore_errors=True)
    return {
        "n": n,
        "sizes": sizes,
        "sources": [str(Path(s)) for s in sources],
        "spacy_model": settings.spacy_model,
        "batch_size": settings.batch_size,
        "pipeline": f"{pipeline_fn.__module__}.{pipeline_fn.__qualname__}",
        "baseline": None if baseline_fn is None else f"{baseline_fn.__module__}.{baseline_fn.__qualname__}",
        "python": platform.python_version(),
        "cpu_count": os.cpu_count(),
        "runs": runs,
        # peak memory at the largest size over the smallest: near 1.0 means memory stays flat
        "peak_memory_growth": {side: _memory_growth(runs, side) for side in ("ours", "ours_1core", "textacy")},
    }


def format_table(report: dict) -> str:
    """The report as a plain-text table, one line per corpus size and side."""
    lines = [f"{'articles':>9}  {'side':<11} {'art/s':>9} {'peak MiB':>9} {'seconds':>9}  {'vs textacy':>10}"]
    ratios = {"ours": "throughput_ratio", "ours_1core": "throughput_ratio_1core"}
    for run in report["runs"]:
        for side in ("ours", "ours_1core", "textacy"):
            if side not in run or (side == "ours" and run[side] is run.get("ours_1core")):
                continue
            r = run[side]
            aps = f"{r['articles_per_second']:.2f}" if r.get("articles_per_second") else "failed"
            peak = r.get("peak_tree_rss_mib") or r.get("peak_rss_mib")
            mem = f"{peak:.0f}" if peak is not None else "-"
            ratio = f"{run[ratios[side]]:.2f}x" if side in ratios and run.get(ratios[side]) else ""
            label = f"ours ({r.get('workers', 1)} proc)" if side == "ours" else ("ours (1 proc)" if side == "ours_1core" else side)
            lines.append(f"{run['n_articles']:>9}  {label:<11} {aps:>9} {mem:>9} {r['seconds']:>9.1f}  {ratio:>10}")
            if r.get("error"):
                lines.append(f"{'':>11}error: {r['error']}")
    growth = report["peak_memory_growth"]
    lines.append(
        "peak memory (process tree), largest/smallest corpus: "
        + ", ".join(f"{k} {v}" for k, v in growth.items() if v is not None)
    )
    return "\n".join(lines)


# -- CLI ---------------------------------------------------------------------------------------------
def _bench(args: argparse.Namespace) -> int:
    settings = Settings.from_env(spacy_model=args.spacy_model, batch_size=args.batch_size, workers=args.workers)
    sizes = [int(s) for s in args.sizes.split(",")] if args.sizes else None
    args.out.parent.mkdir(parents=True, exist_ok=True)
    done: list[dict] = []

    def save_partial(run: dict) -> None:
        done.append(run)
        args.out.write_text(json.dumps({"partial": True, "runs": done}, indent=2) + "\n", encoding="utf-8")
        print(f"measured {run['n_articles']} articles: " + json.dumps(run), file=sys.stderr, flush=True)

    report = bench_report(args.n, sizes=sizes, settings=settings, baseline_fn=None if args.no_textacy else textacy_quotes,
                          on_run=save_partial)
    args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(format_table(report))
    print(f"report written to {args.out}")
    failed = any(not run[side]["ok"] for run in report["runs"] for side in ("ours", "ours_1core", "textacy") if side in run)
    return 1 if failed else 0


def register_cli(subparsers) -> None:
    """Add the ``bench`` subcommand to the CLI."""
    p = subparsers.add_parser("bench", help="time the pipeline and textacy's direct_quotations on a replicated corpus")
    p.add_argument("--n", type=int, default=2000, help="articles in the largest corpus (default 2000)")
    p.add_argument("--sizes", help="comma-separated corpus sizes (default N/4,N)")
    p.add_argument("--out", type=Path, default=Path("reports/bench.json"), help="JSON report (default reports/bench.json)")
    p.add_argument("--spacy-model", help="spaCy pipeline package (default from settings)")
    p.add_argument("--batch-size", type=int, help="articles per batch (default from settings)")
    p.add_argument("--workers", type=int, help="worker processes for our multi-process run (default: one per core)")
    p.add_argument("--no-textacy", action="store_true", help="time only our pipeline")
    p.set_defaults(func=_bench)
