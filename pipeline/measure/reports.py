"""What an evaluation prints and writes: the figures table, ``eval.json`` and the error report ``errors.md``."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter, defaultdict
from pathlib import Path
from typing import Mapping, Sequence

from pipeline.measure.gold import GoldQuote
from pipeline.measure.matching import RULES, overlap
from pipeline.measure.scoring import Evaluation, Match
from pipeline.measure.system import SystemQuote

__all__ = ["format_table", "error_report", "write_reports"]


# -- the table -------------------------------------------------------------------------------
def _fmt(value, width: int = 6) -> str:
    return f"{value:.3f}".rjust(width) if isinstance(value, (int, float)) and value is not None else "-".rjust(width)


def format_table(figures: Mapping, label: str = "quotetrace") -> str:
    """A compact aligned text table of the main figures."""
    lines = [f"{'system':<12} {'rule':<20} {'P':>6} {'R':>6} {'F1':>6} {'gold':>5} {'sys':>5} {'tp':>5}"]
    for name, rule in RULES.items():
        s = figures["spans"][name]
        lines.append(
            f"{label:<12} {rule.label:<20} {_fmt(s['precision'])} {_fmt(s['recall'])} {_fmt(s['f1'])}"
            f" {s['n_gold']:>5} {s['n_system']:>5} {s['tp']:>5}"
        )
    lines.append("")
    lines.append(f"{'kind':<12} {'P':>6} {'R':>6} {'F1':>6} {'gold':>5} {'sys':>5}")
    for kind, k in figures["spans"]["half"]["per_kind"].items():
        lines.append(f"{kind:<12} {_fmt(k['precision'])} {_fmt(k['recall'])} {_fmt(k['f1'])} {k['n_gold']:>5} {k['n_system']:>5}")
    lines.append("")
    sp, e2e, ro, da = figures["speaker"], figures["end_to_end"], figures["role"], figures["date"]
    lines.append(f"speaker accuracy {_fmt(sp['accuracy'])}  ({sp['correct']}/{sp['total']} matched quotes)")
    lines.append(f"end-to-end       P {_fmt(e2e['precision'])}  R {_fmt(e2e['recall'])}  F1 {_fmt(e2e['f1'])}")
    lines.append(f"role accuracy    {_fmt(ro['accuracy'])}  ({ro['correct']}/{ro['total']} with a gold role)")
    lines.append(f"date accuracy    {_fmt(da['accuracy'])}  ({da['correct']}/{da['total']} with a gold date)")
    if figures.get("missing_docs"):
        lines.append(f"documents missing from the output: {len(figures['missing_docs'])}")
    if figures.get("unlocated_gold"):
        lines.append(f"gold quotes not located in their raw text: {len(figures['unlocated_gold'])}")
    return "\n".join(lines)


# -- the error report ------------------------------------------------------------------------
def _context(text: str, start: int, end: int, width: int = 120) -> str:
    """The span in its surroundings, marked with ⟦ ⟧, on one line.

    >>> _context("He said: we will win. Then he left.", 9, 20, width=5)
    '…aid: ⟦we will win⟧. The…'
    """
    if not text:
        return ""
    a, b = max(0, start - width), min(len(text), end + width)
    body = text[start:end]
    if len(body) > 400:
        body = body[:190] + " […] " + body[-190:]
    out = ("…" if a > 0 else "") + text[a:start] + "⟦" + body + "⟧" + text[end:b] + ("…" if b < len(text) else "")
    return " ".join(out.split())


def _md(text) -> str:
    return str(text).replace("|", "\\|") if text is not None else "—"


def _summary(evaluation: Evaluation) -> list[str]:
    """The report's opening: the counts, the misses and spurious quotes by kind, and the documents
    or gold quotes that could not be scored."""
    f = evaluation.figures
    half = f["spans"]["half"]
    out = ["# Evaluation errors", ""]
    out.append(
        f"Rule: overlap >= half of each span. {half['tp']} matched, {half['fn']} missed, "
        f"{half['fp']} spurious, {half['n_ignored']} matched optional gold (not counted). "
        f"Speaker wrong on {f['speaker']['total'] - f['speaker']['correct']} of {f['speaker']['total']} matches."
    )
    missed_kinds = Counter(g.kind for g in evaluation.missed)
    spurious_kinds = Counter(str(s.kind) for s in evaluation.spurious)
    out.append("")
    out.append("Missed by gold kind: " + (", ".join(f"{k} {n}" for k, n in missed_kinds.most_common()) or "none") + ".  ")
    out.append("Spurious by system kind: " + (", ".join(f"{k} {n}" for k, n in spurious_kinds.most_common()) or "none") + ".")
    out.append("")
    if f.get("missing_docs"):
        out += ["## Documents missing from the output", ""] + [f"- `{d}`" for d in f["missing_docs"]] + [""]
    if f.get("unlocated_gold"):
        out += ["## Gold quotes not located in the raw text", ""]
        out += [f"- `{u['doc_id']}` ({u['reason']}): {_md(u.get('quote'))}" for u in f["unlocated_gold"]] + [""]
    return out


def _missed_lines(g: GoldQuote, text: str, spurious: Sequence[SystemQuote]) -> list[str]:
    """One missed gold quote in context, with the spurious system quote that overlaps it most."""
    best = max(spurious, key=lambda s: overlap(g.start, g.end, s.start, s.end), default=None)
    out = [f"- **{g.kind}** [{g.start}:{g.end}] gold speaker: {_md(g.speaker)}" + (f" (cue: {_md(g.cue)})" if g.cue else "")]
    out.append(f"  > {_md(_context(text, g.start, g.end))}")
    if best is not None and overlap(g.start, g.end, best.start, best.end) > 0:
        ov = overlap(g.start, g.end, best.start, best.end)
        out.append(
            f"  - nearest system quote [{best.start}:{best.end}] ({best.kind}, speaker {_md(best.speaker)}) "
            f"covers {ov / max(1, g.end - g.start):.0%} of gold, {ov / max(1, best.end - best.start):.0%} of itself"
        )
    return out


def _spurious_lines(s: SystemQuote, text: str, gold: Sequence[GoldQuote]) -> list[str]:
    """One spurious system quote in context, with the gold quote of its document that overlaps it most."""
    near = max(gold, key=lambda g: overlap(g.start, g.end, s.start, s.end), default=None)
    gold_note = "no overlapping gold quote"
    if near is not None and overlap(near.start, near.end, s.start, s.end) > 0:
        gold_note = f"overlaps gold [{near.start}:{near.end}] speaker {_md(near.speaker)}" + (" (optional)" if near.optional else "")
    return [f"- **{s.kind}** [{s.start}:{s.end}] system speaker: {_md(s.speaker)}; {gold_note}",
            f"  > {_md(_context(text, s.start, s.end))}"]


def _document_section(d: str, evaluation: Evaluation, gold: Sequence[GoldQuote]) -> list[str]:
    """The missed and spurious quotes of document ``d``."""
    text = evaluation.texts.get(d, "")
    out = [f"## `{d}`", ""]
    missed = [g for g in evaluation.missed if g.doc_id == d]
    spurious = [s for s in evaluation.spurious if s.doc_id == d]
    if missed:
        out += [f"### Missed gold quotes ({len(missed)})", ""]
    for g in sorted(missed, key=lambda q: q.start):
        out += _missed_lines(g, text, spurious)
    if spurious:
        out += ["", f"### Spurious system quotes ({len(spurious)})", ""]
    for s in sorted(spurious, key=lambda q: q.start):
        out += _spurious_lines(s, text, gold)
    out.append("")
    return out


def _mark(ok: bool | None, value) -> str:
    """A system value in the table, bold when it is wrong."""
    return f"**{_md(value)}**" if ok is False else _md(value)


def _wrong_fields(matches: Sequence[Match]) -> list[str]:
    """A table of the matched quotes whose speaker, role or date is wrong (nothing when none is)."""
    wrong = [m for m in matches if not m.speaker_ok or m.role_ok is False or m.date_ok is False]
    if not wrong:
        return []
    out = ["## Matched quotes with a wrong field", "", "| doc | span | gold speaker | system speaker | gold role | system role | gold date | system date |", "|---|---|---|---|---|---|---|---|"]
    for m in sorted(wrong, key=lambda x: (x.gold.doc_id, x.gold.start)):
        out.append(
            f"| `{m.gold.doc_id}` | {m.gold.start}:{m.gold.end} {_md(m.gold.text[:60])}… "
            f"| {_md(m.gold.speaker)} | {_mark(m.speaker_ok, m.system.speaker)} "
            f"| {_md(m.gold.role)} | {_mark(m.role_ok, m.system.role)} "
            f"| {_md(m.gold.date)} | {_mark(m.date_ok, m.system.date)} |"
        )
    out.append("")
    return out


def error_report(evaluation: Evaluation) -> str:
    """Markdown: per document, each missed gold quote and each spurious system quote in context,
    then the matched quotes whose speaker, role or date is wrong."""
    out = _summary(evaluation)
    gold_by_doc = defaultdict(list)
    for g in evaluation.gold_quotes:
        gold_by_doc[g.doc_id].append(g)
    docs = list(dict.fromkeys([g.doc_id for g in evaluation.missed] + [s.doc_id for s in evaluation.spurious]))
    for d in sorted(docs):
        out += _document_section(d, evaluation, gold_by_doc.get(d, []))
    out += _wrong_fields(evaluation.matches)
    return "\n".join(out)


# -- files -----------------------------------------------------------------------------------
def _json_default(value):
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if hasattr(value, "item"):
        return value.item()
    raise TypeError(f"not JSON serializable: {type(value)}")


def write_reports(evaluation: Evaluation, report_dir: Path, stem: str = "eval") -> tuple[Path, Path]:
    """Write ``<stem>.json`` (every figure) and ``errors.md`` into ``report_dir``."""
    report_dir = Path(report_dir)
    report_dir.mkdir(parents=True, exist_ok=True)
    json_path = report_dir / f"{stem}.json"
    md_path = report_dir / "errors.md"
    json_path.write_text(json.dumps(evaluation.figures, indent=2, ensure_ascii=False, default=_json_default) + "\n", encoding="utf-8")
    md_path.write_text(error_report(evaluation), encoding="utf-8")
    return json_path, md_path
