"""The ``eval`` and ``floors`` commands, and the scorer's public names in one place.

``python -m pipeline eval --dataset DIR --gold GOLD`` scores a built dataset against gold
annotations (the scoring section of ``data/gold/GUIDELINES.md``), prints the figures table and
writes ``eval.json`` and ``errors.md``; ``python -m pipeline floors`` runs the quality gate
(:mod:`pipeline.measure.quality`). The work is done, lowest module first, by:

* :mod:`pipeline.measure.gold` - gold annotations (JSONL, brat, Citron) read into :class:`GoldQuote`;
* :mod:`pipeline.measure.matching` - the span rules (``half``, ``ggt30``, ``strict80``), greedy
  one-to-one matching and the speaker, role and date comparisons;
* :mod:`pipeline.measure.system` - a built dataset's quotes as :class:`SystemQuote` in raw offsets;
* :mod:`pipeline.measure.scoring` - every figure (:func:`score`, :func:`run_eval`) and the flat
  figures the quality gate pins (:func:`main_figures`);
* :mod:`pipeline.measure.reports` - the figures table and the error report;
* :mod:`pipeline.measure.quality` - the floors of the quality gate.

>>> parser = argparse.ArgumentParser(prog="quotetrace")
>>> register_cli(parser.add_subparsers(dest="command"))
>>> args = parser.parse_args(["eval", "--gold", "data/testnews"])
>>> args.dataset, args.gold, args.format, args.report_dir
('data/out', 'data/testnews', 'jsonl', 'reports')
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Sequence

from pipeline.measure import quality
from pipeline.measure.matching import (
    RULES,
    MatchRule,
    fold,
    greedy_match,
    iso_date,
    role_matches,
    role_words,
    speaker_matches,
    surname,
)
from pipeline.measure.reports import error_report, format_table, write_reports
from pipeline.measure.scoring import KINDS, Evaluation, Match, evaluate_dataset, run_eval, score
from pipeline.measure.system import SystemQuote, doc_key, load_dataset, system_quotes

__all__ = [
    "KINDS",
    "RULES",
    "MatchRule",
    "SystemQuote",
    "Match",
    "Evaluation",
    "fold",
    "surname",
    "speaker_matches",
    "role_words",
    "role_matches",
    "iso_date",
    "greedy_match",
    "doc_key",
    "system_quotes",
    "score",
    "evaluate_dataset",
    "load_dataset",
    "format_table",
    "error_report",
    "write_reports",
    "run_eval",
    "register_cli",
    "main",
]


# -- CLI -------------------------------------------------------------------------------------
def _cmd_eval(args: argparse.Namespace) -> int:
    dataset = Path(args.dataset)
    if not (dataset / "quotes.parquet").exists() or not (dataset / "articles.parquet").exists():
        print(f"eval: no dataset in {dataset} (articles.parquet and quotes.parquet); build it first", file=sys.stderr)
        return 2
    evaluation = run_eval(dataset, Path(args.gold), Path(args.raw) if args.raw else None, args.format)
    json_path, md_path = write_reports(evaluation, Path(args.report_dir))
    print(format_table(evaluation.figures))
    print(f"\nfigures: {json_path}\nerrors:  {md_path}")
    return 0


def _cmd_floors(args: argparse.Namespace) -> int:
    return quality.floors_command(args)


def register_cli(subparsers) -> None:
    """Add the ``eval`` and ``floors`` subcommands (each sets ``func`` returning an exit code)."""
    p = subparsers.add_parser("eval", help="score a built dataset against gold annotations")
    p.add_argument("--dataset", default="data/out", help="dataset folder (articles.parquet, quotes.parquet)")
    p.add_argument("--gold", default="data/gold", help="gold folder (or file for citron)")
    p.add_argument("--raw", default=None, help="folder of raw <doc_id>.txt texts (completes the dataset's raw_text)")
    p.add_argument("--report-dir", default="reports", help="where eval.json and errors.md go")
    p.add_argument("--format", default="jsonl", choices=["jsonl", "brat", "citron"], help="gold format")
    p.set_defaults(func=_cmd_eval)

    f = subparsers.add_parser("floors", help="check, raise or lower the pinned quality floors")
    mode = f.add_mutually_exclusive_group()
    mode.add_argument("--check", action="store_true", help="fail (exit 1) when a figure is below its floor (default)")
    mode.add_argument("--raise", dest="raise_", action="store_true", help="set each floor to max(floor, measured)")
    mode.add_argument("--lower", action="store_true", help="lower floors to the measured values (needs --reason)")
    mode.add_argument("--repin", action="store_true", help="gold data changed: pin its new hash and the measured figures (needs --reason)")
    f.add_argument("--reason", default=None, help="why a floor goes down (written beside it)")
    f.add_argument("--metric", action="append", default=None, help="restrict --lower to these metrics (repeatable)")
    f.add_argument("--floors-file", default="tests/quality/floors.json")
    f.add_argument("--gold", default="data/gold")
    f.add_argument("--raw", default="data/raw")
    f.add_argument("--dataset", default=None, help="score this built dataset instead of building one from --raw")
    f.add_argument("--spacy-model", default=None)
    f.set_defaults(func=_cmd_floors)


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m pipeline.measure.evaluate eval ...`` works without the spine's CLI."""
    parser = argparse.ArgumentParser(prog="python -m pipeline.measure.evaluate")
    sub = parser.add_subparsers(dest="command", required=True)
    register_cli(sub)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
