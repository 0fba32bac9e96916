"""Side by side with a peer: textacy's ``direct_quotations`` scored on the same raw texts and gold.

textacy (a dev dependency) runs on each raw text with the same spaCy model as the pipeline
(``pipeline.nlp.load(model)``). Its ``DQTriple(speaker, cue, content)`` output is converted to our
quote table shape (:func:`triple_row`): offsets into the raw text with the enclosing quotation
marks stripped, ``kind`` ``direct``, the speaker tokens' text as ``speaker_name``. A document on
which textacy raises (it refuses texts with an odd number of quotation marks) counts as zero
quotes, not skipped. Our side is timed by running :func:`pipeline.runner.run_pipeline` on the same
folder; both rows are printed in one table with the seconds each took (model loading included on
both sides: textacy's load is timed with it, ours happens inside the run).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Mapping, Sequence

import pandas as pd

from pipeline.config import Settings
from pipeline.measure.gold import read_gold, read_raw_dir, strip_enclosing_marks
from pipeline.measure.scoring import evaluate_dataset
from pipeline.measure.system import load_dataset

try:
    from pipeline.runner import run_pipeline
except ImportError as exc:  # the runner cannot be loaded: compare scores the built --dataset, untimed
    run_pipeline = None
    _RUNNER_ERROR: ImportError | None = exc
else:
    _RUNNER_ERROR = None

#: the columns of the quote table textacy's output is converted to (the spine's quote table shape)
QUOTE_COLUMNS = [
    "quote_id", "article_id", "kind", "start", "end", "raw_start", "raw_end", "text", "mention",
    "speaker_name", "speaker_type", "cue", "role", "quote_date", "date_basis", "confidence",
]

__all__ = ["QUOTE_COLUMNS", "triple_row", "textacy_tables", "compare_rows", "format_compare", "register_cli"]


def _tokens_text(tokens) -> str:
    return " ".join(t.text for t in tokens).strip()


def triple_row(doc_id: str, triple, text: str) -> dict | None:
    """One textacy ``DQTriple`` as a row of our quote table (``None`` if the content is empty).

    ``content`` is a span (or list) of tokens including the quotation marks; token ``idx`` are
    offsets into ``text`` (the raw text: textacy sees it unnormalized), so ``start`` = ``raw_start``.
    """
    content = list(triple.content)
    if not content:
        return None
    start = content[0].idx
    end = content[-1].idx + len(content[-1].text)
    start, end = strip_enclosing_marks(text, start, end)
    if start >= end:
        return None
    speaker = _tokens_text(triple.speaker) or None
    return {
        "quote_id": f"{doc_id}:{start}-{end}",
        "article_id": doc_id,
        "kind": "direct",
        "start": start,
        "end": end,
        "raw_start": start,
        "raw_end": end,
        "text": text[start:end],
        "mention": speaker,
        "speaker_name": speaker,
        "speaker_type": None,
        "cue": _tokens_text(triple.cue) or None,
        "role": None,
        "quote_date": None,
        "date_basis": None,
        "confidence": None,
    }


def textacy_tables(texts: Mapping[str, str], model: str) -> tuple[pd.DataFrame, pd.DataFrame, dict]:
    """Run textacy on every text; returns ``articles``, ``quotes`` and ``{"seconds", "errors"}``.

    ``errors`` lists ``{"doc_id", "error"}`` for each document where textacy raised (zero quotes).
    """
    # textacy (a dev dependency) and spaCy (through pipeline.nlp) are heavy: imported only when compare runs
    from textacy.extract.triples import direct_quotations

    from pipeline.nlp import load

    t0 = time.perf_counter()
    nlp = load(model)
    rows, errors, articles = [], [], []
    for doc_id, text in texts.items():
        articles.append({"article_id": doc_id, "source_name": f"{doc_id}.txt", "raw_text": text, "text": text, "edits": []})
        doc = nlp(text)
        try:
            triples = list(direct_quotations(doc))
        except Exception as exc:  # noqa: BLE001 - any failure on a document counts as zero quotes
            errors.append({"doc_id": doc_id, "error": f"{type(exc).__name__}: {exc}"})
            continue
        for triple in triples:
            row = triple_row(doc_id, triple, text)
            if row is not None:
                rows.append(row)
    seconds = time.perf_counter() - t0
    return pd.DataFrame(articles), pd.DataFrame(rows, columns=QUOTE_COLUMNS), {"seconds": seconds, "errors": errors}


def compare_rows(evaluations: Mapping[str, tuple[dict, float | None, int]]) -> list[dict]:
    """One row of figures per system: ``{name: (figures, seconds, n_errors)}`` -> list of rows."""
    rows = []
    for name, (f, seconds, n_errors) in evaluations.items():
        half, ggt, strict = f["spans"]["half"], f["spans"]["ggt30"], f["spans"]["strict80"]
        rows.append(
            {
                "system": name,
                "precision": half["precision"],
                "recall": half["recall"],
                "f1": half["f1"],
                "ggt30_recall": ggt["recall"],
                "strict80_f1": strict["f1"],
                "direct_recall": half["per_kind"]["direct"]["recall"],
                "speaker_accuracy": f["speaker"]["accuracy"],
                "e2e_f1": f["end_to_end"]["f1"],
                "n_system": half["n_system"],
                "docs_failed": n_errors,
                "seconds": seconds,
            }
        )
    return rows


def _cell(value, width: int) -> str:
    if value is None:
        return "-".rjust(width)
    if isinstance(value, float):
        return f"{value:.3f}".rjust(width)
    return str(value).rjust(width)


def format_compare(rows: Sequence[dict]) -> str:
    """The rows as one aligned text table."""
    head = ["system", "P", "R", "F1", "R>30%", "F1@80", "R dir", "spk acc", "e2e F1", "quotes", "failed", "seconds"]
    keys = ["system", "precision", "recall", "f1", "ggt30_recall", "strict80_f1", "direct_recall",
            "speaker_accuracy", "e2e_f1", "n_system", "docs_failed", "seconds"]
    widths = [12] + [max(7, len(h)) for h in head[1:]]
    lines = [" ".join(h.ljust(widths[0]) if i == 0 else h.rjust(widths[i]) for i, h in enumerate(head))]
    for row in rows:
        cells = []
        for i, k in enumerate(keys):
            v = row.get(k)
            if k == "seconds" and isinstance(v, float):
                cells.append(f"{v:.1f}".rjust(widths[i]))
            elif i == 0:
                cells.append(str(v).ljust(widths[0]))
            else:
                cells.append(_cell(v, widths[i]))
        lines.append(" ".join(cells))
    return "\n".join(lines)


def _ours(raw: Path, dataset: Path, settings: Settings) -> tuple[pd.DataFrame, pd.DataFrame, float | None, str]:
    """Our dataset, built and timed with run_pipeline; falls back to the built ``dataset`` folder."""
    if run_pipeline is None:  # the runner could not be imported: score what was built, untimed
        print(f"compare: cannot time our pipeline ({_RUNNER_ERROR}); scoring {dataset}", file=sys.stderr)
        return (*load_dataset(dataset), None, str(dataset))
    with tempfile.TemporaryDirectory(prefix="quotetrace-compare-") as tmp:
        out = Path(tmp) / "out"
        t0 = time.perf_counter()
        run_pipeline(raw, out, settings)
        seconds = time.perf_counter() - t0
        articles, quotes = load_dataset(out)
    return articles, quotes, seconds, "fresh run of data from --raw"


def _cmd_compare(args: argparse.Namespace) -> int:
    settings = Settings.from_env(spacy_model=args.spacy_model)
    raw = Path(args.raw)
    texts = read_raw_dir(raw)
    gold = read_gold("jsonl", Path(args.gold), texts)
    articles, quotes, our_seconds, _ = _ours(raw, Path(args.dataset), settings)
    ours = evaluate_dataset(articles, quotes, gold)
    t_articles, t_quotes, info = textacy_tables(texts, settings.spacy_model)
    theirs = evaluate_dataset(t_articles, t_quotes, gold)
    rows = compare_rows(
        {
            "quotetrace": (ours.figures, our_seconds, 0),
            "textacy": (theirs.figures, info["seconds"], len(info["errors"])),
        }
    )
    print(format_compare(rows), flush=True)
    for err in info["errors"]:
        print(f"textacy failed on {err['doc_id']}: {err['error']}", file=sys.stderr)
    report_dir = Path(args.report_dir)
    report_dir.mkdir(parents=True, exist_ok=True)
    payload = {"spacy_model": settings.spacy_model, "rows": rows, "textacy_errors": info["errors"],
               "quotetrace": ours.figures, "textacy": theirs.figures}
    (report_dir / "compare.json").write_text(json.dumps(payload, indent=2, ensure_ascii=False, default=str) + "\n", encoding="utf-8")
    print(f"\nfigures: {report_dir / 'compare.json'}")
    return 0


def register_cli(subparsers) -> None:
    """Add the ``compare`` subcommand."""
    p = subparsers.add_parser("compare", help="score textacy's direct_quotations beside our pipeline")
    p.add_argument("--dataset", default="data/out", help="our built dataset (scored if the pipeline cannot be rerun)")
    p.add_argument("--gold", default="data/gold")
    p.add_argument("--raw", default="data/raw", help="folder of raw <doc_id>.txt texts both systems read")
    p.add_argument("--spacy-model", default=None, help="spaCy model for textacy and our run (default: the settings')")
    p.add_argument("--report-dir", default="reports", help="where compare.json goes")
    p.set_defaults(func=_cmd_compare)
