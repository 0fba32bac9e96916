"""The pinned quality gate: floors for the main figures on ``data/gold``, checked in ``make test``.

The floors file (``tests/quality/floors.json``)::

    {"gold_sha256": "...", "tolerance": 0.005,
     "floors": {"f1": 0.41, "recall_dash": 0.2, ...},
     "lowered": [{"metric": "f1", "from": 0.45, "to": 0.41, "reason": "...", "date": "2026-11-23"}]}

* :func:`check_floors` fails when a measured figure is below ``floor - tolerance`` or when the gold
  data (``data/gold/*.jsonl`` and the raw texts they point into) no longer has the pinned hash.
* ``python -m pipeline floors --raise`` sets every floor to ``max(floor, measured)``.
* ``python -m pipeline floors --lower --reason "..."`` is the only way a floor goes down; each
  lowered floor is recorded in ``lowered`` with its reason and date.
* ``python -m pipeline floors --repin --reason "..."`` pins a changed gold hash (the figures are
  pinned to what is measured on the new gold, and any drop is recorded like a lowering).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import math
import sys
import tempfile
from pathlib import Path
from typing import Iterable, Mapping

from pipeline.config import Settings
from pipeline.measure.scoring import MAIN_METRICS, Evaluation, main_figures, run_eval
from pipeline.runner import run_pipeline

# MAIN_METRICS and main_figures are defined in pipeline.measure.scoring (every evaluation carries its
# gated figures as figures["main"]); the gate's names are all importable from here
__all__ = [
    "MAIN_METRICS",
    "DEFAULT_TOLERANCE",
    "main_figures",
    "gold_sha256",
    "empty_floors",
    "load_floors",
    "save_floors",
    "check_floors",
    "raise_floors",
    "lower_floors",
    "repin_floors",
    "measure",
    "floors_command",
]

DEFAULT_TOLERANCE = 0.005


def gold_sha256(gold_dir: Path, raw_dir: Path | None = None) -> str:
    """SHA-256 over the gold annotation files (``*.jsonl``) and the raw texts (``*.txt``), by name.

    The guidelines (Markdown) are left out: rewording them does not change a figure.
    """
    h = hashlib.sha256()
    files = [(f"gold/{p.name}", p) for p in sorted(Path(gold_dir).glob("*.jsonl"))]
    if raw_dir is not None:
        files += [(f"raw/{p.name}", p) for p in sorted(Path(raw_dir).glob("*.txt"))]
    for name, path in files:
        data = path.read_bytes()
        h.update(f"{name}\0{len(data)}\0".encode())
        h.update(data)
    return h.hexdigest()


def empty_floors(gold_sha: str | None = None) -> dict:
    """A floors document with every floor at 0."""
    return {"gold_sha256": gold_sha, "tolerance": DEFAULT_TOLERANCE, "floors": {m: 0.0 for m in MAIN_METRICS}, "lowered": []}


def load_floors(path: Path) -> dict:
    """Read the floors file (every metric present; a metric the file lacks has floor 0)."""
    doc = json.loads(Path(path).read_text(encoding="utf-8"))
    doc.setdefault("tolerance", DEFAULT_TOLERANCE)
    doc.setdefault("lowered", [])
    floors = doc.setdefault("floors", {})
    for m in MAIN_METRICS:
        floors.setdefault(m, 0.0)
    return doc


def save_floors(path: Path, doc: Mapping) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def _round_down(x: float) -> float:
    """Pin a measured figure to 4 decimals, rounding down so that it passes its own floor."""
    return math.floor(x * 10_000 + 1e-9) / 10_000


def check_floors(measured: Mapping[str, float], doc: Mapping, gold_sha: str) -> list[str]:
    """Every failure of the gate, as a readable line (empty list: the gate passes).

    >>> doc = {"gold_sha256": "abc", "tolerance": 0.005, "floors": {"f1": 0.5, "recall": 0.3}}
    >>> check_floors({"f1": 0.496, "recall": 0.4}, doc, "abc")
    []
    >>> check_floors({"f1": 0.49, "recall": 0.4}, doc, "abc")
    ['f1 = 0.4900 is below its floor 0.5000 (tolerance 0.005)']
    >>> check_floors({"f1": 0.6, "recall": 0.4}, doc, "xyz")[0][:21]
    'the gold data changed'
    """
    failures = []
    if doc.get("gold_sha256") != gold_sha:
        failures.append(
            f"the gold data changed (sha256 {gold_sha[:12]}.. != pinned {str(doc.get('gold_sha256'))[:12]}..): "
            f"re-pin the floors with `python -m pipeline floors --repin --reason \"...\"`"
        )
    tol = float(doc.get("tolerance", DEFAULT_TOLERANCE))
    for metric, floor in sorted(doc.get("floors", {}).items()):
        value = measured.get(metric)
        if value is None:
            failures.append(f"{metric} was not measured (floor {floor:.4f})")
        elif value < float(floor) - tol:
            failures.append(f"{metric} = {value:.4f} is below its floor {float(floor):.4f} (tolerance {tol:g})")
    return failures


def raise_floors(doc: Mapping, measured: Mapping[str, float]) -> dict:
    """A copy of ``doc`` with every floor at ``max(floor, measured)`` (never lower).

    >>> raise_floors({"floors": {"f1": 0.5, "recall": 0.3}}, {"f1": 0.4, "recall": 0.61237})["floors"]
    {'recall': 0.6123, 'f1': 0.5}
    """
    new = json.loads(json.dumps(doc))
    floors = new.setdefault("floors", {})
    for metric in set(floors) | set(measured):
        old = float(floors.get(metric, 0.0))
        floors[metric] = max(old, _round_down(float(measured.get(metric, 0.0))))
    new["floors"] = dict(sorted(floors.items(), key=lambda kv: _order(kv[0])))
    return new


def _order(metric: str) -> tuple[int, str]:
    return (MAIN_METRICS.index(metric) if metric in MAIN_METRICS else len(MAIN_METRICS), metric)


def lower_floors(
    doc: Mapping, measured: Mapping[str, float], reason: str, date: str, metrics: Iterable[str] | None = None
) -> dict:
    """A copy of ``doc`` with floors above the measured figure lowered to it, each recorded with ``reason``.

    >>> d = lower_floors({"floors": {"f1": 0.5, "recall": 0.3}, "lowered": []}, {"f1": 0.45, "recall": 0.2},
    ...                  "the dash rule was split", "2026-01-01", metrics=["f1"])
    >>> d["floors"], d["lowered"][0]["from"], d["lowered"][0]["to"], d["lowered"][0]["reason"]
    ({'f1': 0.45, 'recall': 0.3}, 0.5, 0.45, 'the dash rule was split')
    """
    if not reason or not reason.strip():
        raise ValueError("lowering a floor needs a reason (--reason)")
    new = json.loads(json.dumps(doc))
    floors = new.setdefault("floors", {})
    lowered = new.setdefault("lowered", [])
    chosen = set(metrics) if metrics else set(floors)
    for metric in sorted(chosen, key=_order):
        if metric not in floors:
            raise ValueError(f"unknown metric {metric!r}; known: {', '.join(sorted(floors))}")
        value = _round_down(float(measured.get(metric, 0.0)))
        if value < float(floors[metric]):
            lowered.append({"metric": metric, "from": float(floors[metric]), "to": value, "reason": reason.strip(), "date": date})
            floors[metric] = value
    return new


def repin_floors(doc: Mapping, measured: Mapping[str, float], gold_sha: str, reason: str, date: str) -> dict:
    """Pin a new gold hash: floors become the measured figures; every drop is recorded with ``reason``."""
    if not reason or not reason.strip():
        raise ValueError("re-pinning the gold needs a reason (--reason)")
    new = lower_floors(doc, measured, f"gold data changed: {reason.strip()}", date)
    new = raise_floors(new, measured)
    new["gold_sha256"] = gold_sha
    return new


def measure(gold_dir: Path, raw_dir: Path, settings: Settings | None = None, dataset: Path | None = None,
            fmt: str = "jsonl") -> Evaluation:
    """Build the dataset from ``raw_dir`` into a temporary folder (unless ``dataset`` is given) and
    score it against ``gold_dir``; returns the :class:`pipeline.measure.scoring.Evaluation`."""
    if dataset is not None:
        return run_eval(Path(dataset), Path(gold_dir), Path(raw_dir), fmt)
    with tempfile.TemporaryDirectory(prefix="quotetrace-gate-") as tmp:
        out = Path(tmp) / "out"
        run_pipeline(Path(raw_dir), out, settings or Settings.from_env())
        return run_eval(out, Path(gold_dir), Path(raw_dir), fmt)


def _print_figures(measured: Mapping[str, float], doc: Mapping) -> None:
    floors = doc.get("floors", {})
    print(f"{'metric':<18} {'measured':>9} {'floor':>7}")
    for metric in sorted(set(measured) | set(floors), key=_order):
        m = measured.get(metric)
        print(f"{metric:<18} {('-' if m is None else f'{m:.4f}'):>9} {float(floors.get(metric, 0.0)):>7.4f}")


def _new_floors(args: argparse.Namespace, doc: Mapping, measured: Mapping[str, float], sha: str, path: Path) -> tuple[dict, str]:
    """The floors document that ``--raise``, ``--lower`` or ``--repin`` writes, and the line saying so
    (``ValueError`` for a ``--metric`` the floors file does not know)."""
    today = dt.date.today().isoformat()
    if getattr(args, "raise_", False):
        new = raise_floors(doc, measured)
        new["gold_sha256"] = sha
        return new, f"floors raised in {path}"
    if args.lower:
        new = lower_floors(doc, measured, args.reason, today, args.metric)
        return new, f"floors lowered where below the measured figures, reason recorded in {path}"
    return repin_floors(doc, measured, sha, args.reason, today), f"floors re-pinned to the new gold data in {path}"


def floors_command(args: argparse.Namespace) -> int:
    """``python -m pipeline floors [--check | --raise | --lower --reason R | --repin --reason R]``."""
    path = Path(args.floors_file)
    sha = gold_sha256(Path(args.gold), Path(args.raw))
    doc = load_floors(path) if path.exists() else empty_floors(sha)
    if (args.lower or args.repin) and not (args.reason and args.reason.strip()):
        print("floors: --lower and --repin need --reason \"why\"", file=sys.stderr)
        return 2
    if getattr(args, "raise_", False) and doc.get("gold_sha256") not in (None, sha):
        print("floors: the gold data changed since the floors were pinned; use --repin --reason \"...\"", file=sys.stderr)
        return 1
    settings = Settings.from_env(spacy_model=args.spacy_model)
    evaluation = measure(Path(args.gold), Path(args.raw), settings, Path(args.dataset) if args.dataset else None)
    measured = main_figures(evaluation.figures)
    if getattr(args, "raise_", False) or args.lower or args.repin:
        try:
            new, done = _new_floors(args, doc, measured, sha, path)
        except ValueError as exc:
            print(f"floors: {exc}", file=sys.stderr)
            return 2
        save_floors(path, new)
        _print_figures(measured, new)
        print(done)
        return 0
    failures = check_floors(measured, doc, sha)
    _print_figures(measured, doc)
    for line in failures:
        print(f"FAIL {line}", file=sys.stderr)
    return 1 if failures else 0
