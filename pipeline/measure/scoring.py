"""Score system quotes against gold (the scoring section of ``data/gold/GUIDELINES.md``).

Spans are matched one to one under each rule of :data:`pipeline.measure.matching.RULES` (greedy by
overlap, see :mod:`pipeline.measure.matching`). Non-optional gold quotes are matched first; system
quotes left over are then matched against ``optional`` gold quotes, and such pairs count neither
way (left out of precision and recall).

Precision per kind attributes a system quote to its own ``kind``; recall per kind uses the gold
``kind`` (the kinds of :mod:`schemas.kinds`, then any other kind met). Speaker, role and date
accuracy and end-to-end F1 are computed on the ``half`` matches. Gold quotes whose document is
missing from the output, or that could not be located in their raw text, count as missed. Ratios
with a zero denominator are ``None`` (shown as ``-``); F1 is ``2 tp / (n_gold + n_system)``, which
equals the harmonic mean of P and R whenever both exist.

:func:`main_figures` flattens the figures into the ones the quality gate pins
(:data:`MAIN_METRICS`, one ``recall_<kind>`` per kind).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Mapping, Sequence

import pandas as pd

from pipeline.measure.gold import GoldQuote, GoldSet, read_gold, read_raw_dir
from pipeline.measure.matching import RULES, MatchRule, greedy_match, iso_date, role_matches, speaker_matches
from pipeline.measure.system import SystemQuote, dataset_raw_texts, load_dataset, system_quotes
from schemas.kinds import kind_names

__all__ = [
    "KINDS",
    "MAIN_METRICS",
    "Match",
    "Evaluation",
    "score",
    "main_figures",
    "evaluate_dataset",
    "run_eval",
]

#: the quote kinds, in registry order (:mod:`schemas.kinds`): each gets its per-kind figures
KINDS = kind_names()

#: the gated figures, in the order the floors file lists them; one ``recall_<kind>`` per kind of
#: :mod:`schemas.kinds`, so a new kind gets its floor
MAIN_METRICS = (
    "precision",
    "recall",
    "f1",
    *(f"recall_{kind}" for kind in KINDS),
    "speaker_accuracy",
    "e2e_f1",
    "role_accuracy",
    "date_accuracy",
)


@dataclass(frozen=True)
class Match:
    """A gold quote and the system quote matched to it (``half`` rule), with field verdicts."""

    gold: GoldQuote
    system: SystemQuote
    speaker_ok: bool
    role_ok: bool | None
    date_ok: bool | None


@dataclass
class Evaluation:
    """Every figure (``figures``, JSON-ready) and the lists the error report is made of."""

    figures: dict
    matches: list[Match] = field(default_factory=list)
    missed: list[GoldQuote] = field(default_factory=list)
    spurious: list[SystemQuote] = field(default_factory=list)
    ignored: list[tuple[GoldQuote, SystemQuote]] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)
    gold_quotes: list[GoldQuote] = field(default_factory=list)


# -- ratios ----------------------------------------------------------------------------------
def _ratio(num: int, den: int) -> float | None:
    return num / den if den else None


def _f1(tp: int, n_gold: int, n_system: int) -> float | None:
    return 2 * tp / (n_gold + n_system) if (n_gold + n_system) else None


def _hmean(p: float | None, r: float | None) -> float | None:
    if p is None or r is None:
        return None
    return 2 * p * r / (p + r) if (p + r) else 0.0


# -- span matching ---------------------------------------------------------------------------
def _match_doc(gold: list[GoldQuote], system: list[SystemQuote], rule: MatchRule):
    """Non-optional gold first, then optional gold against the system quotes left over."""
    required = [g for g in gold if not g.optional]
    optional = [g for g in gold if g.optional]
    pairs = greedy_match([(g.start, g.end) for g in required], [(s.start, s.end) for s in system], rule)
    taken = {si for _, si in pairs}
    rest = [i for i in range(len(system)) if i not in taken]
    opt_pairs = greedy_match([(g.start, g.end) for g in optional], [(system[i].start, system[i].end) for i in rest], rule)
    matched = [(required[gi], system[si]) for gi, si in pairs]
    ignored = [(optional[gi], system[rest[si]]) for gi, si in opt_pairs]
    ignored_ids = {id(s) for _, s in ignored}
    matched_ids = {id(s) for _, s in matched}
    matched_gold = {id(g) for g, _ in matched}
    missed = [g for g in required if id(g) not in matched_gold]
    spurious = [s for s in system if id(s) not in matched_ids and id(s) not in ignored_ids]
    return matched, ignored, missed, spurious


def _match_all(doc_ids: Iterable[str], gold_by_doc: Mapping[str, list[GoldQuote]],
               system: Mapping[str, Sequence[SystemQuote]], rule: MatchRule):
    """:func:`_match_doc` over every gold document, the four lists concatenated in document order."""
    matched, ignored, missed, spurious = [], [], [], []
    for d in doc_ids:
        m, i, mi, sp = _match_doc(gold_by_doc.get(d, []), list(system.get(d, ())), rule)
        matched += m
        ignored += i
        missed += mi
        spurious += sp
    return matched, ignored, missed, spurious


def _per_kind(matched, missed, spurious) -> dict:
    """Precision (by system kind), recall (by gold kind) and counts for each kind."""
    per_kind = {}
    gold_kinds = Counter(g.kind for g, _ in matched) + Counter(g.kind for g in missed)
    gold_hits = Counter(g.kind for g, _ in matched)
    sys_kinds = Counter(s.kind for _, s in matched) + Counter(s.kind for s in spurious)
    sys_hits = Counter(s.kind for _, s in matched)
    for kind in list(KINDS) + sorted({k for k in gold_kinds | sys_kinds if k not in KINDS}, key=str):
        p = _ratio(sys_hits[kind], sys_kinds[kind])
        r = _ratio(gold_hits[kind], gold_kinds[kind])
        per_kind[str(kind)] = {
            "precision": p,
            "recall": r,
            "f1": _hmean(p, r),
            "n_gold": gold_kinds[kind],
            "n_system": sys_kinds[kind],
            "tp_gold": gold_hits[kind],
            "tp_system": sys_hits[kind],
        }
    return per_kind


def _span_figures(matched, ignored, missed, spurious, n_unlocated: int = 0) -> dict:
    """The figures of one span rule; ``n_unlocated`` required gold quotes that could not be located
    are missed by anyone (counted in ``fn`` and ``n_gold``, not in the per-kind figures)."""
    tp = len(matched)
    fn = len(missed) + n_unlocated
    n_gold = tp + fn
    n_system = tp + len(spurious)
    return {
        "tp": tp,
        "fp": len(spurious),
        "fn": fn,
        "n_gold": n_gold,
        "n_system": n_system,
        "n_ignored": len(ignored),
        "precision": _ratio(tp, n_system),
        "recall": _ratio(tp, n_gold),
        "f1": _f1(tp, n_gold, n_system),
        "per_kind": _per_kind(matched, missed, spurious),
    }


# -- the figures -----------------------------------------------------------------------------
def _coverage_figures(gold: GoldSet, doc_ids: list[str], system: Mapping[str, Sequence[SystemQuote]],
                      unscored: int, n_unlocated_required: int) -> dict:
    """Which documents and quotes take part: the figures before any span is matched."""
    return {
        "n_docs": len(doc_ids),
        "n_docs_in_output": len([d for d in doc_ids if d in system]),
        "missing_docs": [d for d in doc_ids if d not in system],
        "n_gold_required": sum(1 for g in gold.quotes if not g.optional) + n_unlocated_required,
        "n_gold_optional": sum(1 for g in gold.quotes if g.optional),
        "n_system_scored": sum(len(system.get(d, ())) for d in doc_ids),
        "n_system_unscored": unscored,
        "unlocated_gold": list(gold.unlocated),
        "spans": {},
    }


def _field_matches(matched: Iterable[tuple[GoldQuote, SystemQuote]]) -> list[Match]:
    """Each matched pair with its speaker, role and date verdicts."""
    return [
        Match(
            g,
            s,
            speaker_matches(s.speaker, g.speaker, g.speaker_aliases, g.speaker_type),
            role_matches(s.role, g.role),
            None if g.date is None else iso_date(g.date) == s.date,
        )
        for g, s in matched
    ]


def _field_figures(matches: Sequence[Match], half: Mapping) -> dict:
    """Speaker accuracy, end-to-end figures (span and speaker right), role and date accuracy."""
    spk_ok = sum(x.speaker_ok for x in matches)
    roles = [x.role_ok for x in matches if x.role_ok is not None]
    dates = [x.date_ok for x in matches if x.date_ok is not None]
    return {
        "speaker": {"correct": spk_ok, "total": len(matches), "accuracy": _ratio(spk_ok, len(matches))},
        "end_to_end": {
            "tp": spk_ok,
            "precision": _ratio(spk_ok, half["n_system"]),
            "recall": _ratio(spk_ok, half["n_gold"]),
            "f1": _f1(spk_ok, half["n_gold"], half["n_system"]),
        },
        "role": {"correct": sum(roles), "total": len(roles), "accuracy": _ratio(sum(roles), len(roles))},
        "date": {"correct": sum(dates), "total": len(dates), "accuracy": _ratio(sum(dates), len(dates))},
    }


def _kind_confusion(matches: Iterable[Match]) -> dict[str, dict[str, int]]:
    """For each gold kind, how many of its matches the system gave each kind."""
    confusion: dict[str, Counter] = defaultdict(Counter)
    for x in matches:
        confusion[x.gold.kind][str(x.system.kind)] += 1
    return {k: dict(v) for k, v in sorted(confusion.items())}


def _per_doc(doc_ids: Iterable[str], gold_by_doc: Mapping[str, list[GoldQuote]],
             system: Mapping[str, Sequence[SystemQuote]], evaluation: Evaluation) -> dict:
    """The ``half``-rule counts of each gold document."""
    per_doc = {}
    for d in doc_ids:
        per_doc[d] = {
            "n_gold": sum(1 for g in gold_by_doc.get(d, []) if not g.optional),
            "n_system": len(system.get(d, ())),
            "tp": sum(1 for x in evaluation.matches if x.gold.doc_id == d),
            "missed": sum(1 for g in evaluation.missed if g.doc_id == d),
            "spurious": sum(1 for s in evaluation.spurious if s.doc_id == d),
            "in_output": d in system,
        }
    return per_doc


def score(
    gold: GoldSet,
    system: Mapping[str, Sequence[SystemQuote]],
    *,
    texts: Mapping[str, str] | None = None,
    unscored: int = 0,
) -> Evaluation:
    """Score system quotes (by ``doc_id``, raw offsets) against ``gold``; see the module docstring.

    A gold document absent from ``system`` is "missing from the output": its quotes are missed.
    Gold records in ``gold.unlocated`` (non-optional ones) are counted as missed too.
    """
    gold_by_doc: dict[str, list[GoldQuote]] = defaultdict(list)
    for g in gold.quotes:
        gold_by_doc[g.doc_id].append(g)
    doc_ids = gold.doc_ids
    n_unlocated = len([u for u in gold.unlocated if not u.get("optional", False)])
    figures = _coverage_figures(gold, doc_ids, system, unscored, n_unlocated)
    evaluation = Evaluation(figures=figures, texts=dict(texts or gold.texts), gold_quotes=list(gold.quotes))
    for name, rule in RULES.items():
        matched, ignored, missed, spurious = _match_all(doc_ids, gold_by_doc, system, rule)
        figures["spans"][name] = _span_figures(matched, ignored, missed, spurious, n_unlocated)
        if name == "half":
            evaluation.missed = sorted(missed, key=lambda q: (q.doc_id, q.start, q.end))
            evaluation.spurious = sorted(spurious, key=lambda q: (q.doc_id, q.start, q.end))
            evaluation.ignored = ignored
            evaluation.matches = _field_matches(matched)
    figures.update(_field_figures(evaluation.matches, figures["spans"]["half"]))
    figures["kind_confusion"] = _kind_confusion(evaluation.matches)
    figures["per_doc"] = _per_doc(doc_ids, gold_by_doc, system, evaluation)
    figures["main"] = main_figures(figures)  # the flat figures the quality gate pins
    return evaluation


def _num(value) -> float:
    return 0.0 if value is None or (isinstance(value, float) and math.isnan(value)) else float(value)


def main_figures(figures: Mapping) -> dict[str, float]:
    """The gated figures out of an evaluation's ``figures`` (a figure with no denominator is 0).

    >>> f = {"spans": {"half": {"precision": 0.5, "recall": None, "f1": 0.25,
    ...      "per_kind": {"direct": {"recall": 1.0}}}}, "speaker": {"accuracy": 0.75},
    ...      "end_to_end": {"f1": 0.2}, "role": {"accuracy": None}, "date": {"accuracy": 1.0}}
    >>> m = main_figures(f); m["precision"], m["recall"], m["recall_direct"], m["recall_dash"], m["e2e_f1"]
    (0.5, 0.0, 1.0, 0.0, 0.2)
    >>> list(m) == list(MAIN_METRICS)
    True
    """
    half = figures["spans"]["half"]
    kinds = half.get("per_kind", {})
    out = {
        "precision": _num(half.get("precision")),
        "recall": _num(half.get("recall")),
        "f1": _num(half.get("f1")),
    }
    for kind in KINDS:
        out[f"recall_{kind}"] = _num(kinds.get(kind, {}).get("recall"))
    out["speaker_accuracy"] = _num(figures["speaker"].get("accuracy"))
    out["e2e_f1"] = _num(figures["end_to_end"].get("f1"))
    out["role_accuracy"] = _num(figures["role"].get("accuracy"))
    out["date_accuracy"] = _num(figures["date"].get("accuracy"))
    return out


# -- a dataset against gold ------------------------------------------------------------------
def evaluate_dataset(articles: pd.DataFrame, quotes: pd.DataFrame, gold: GoldSet) -> Evaluation:
    """Score the dataset tables against ``gold`` (documents matched by ``source_name``/``article_id``)."""
    by_doc, info = system_quotes(articles, quotes, gold.doc_ids)
    texts = dict(gold.texts)
    mismatched = [d for d, raw in info["raw_texts"].items() if d in gold.texts and gold.texts[d] != raw]
    texts.update(info["raw_texts"])
    evaluation = score(gold, by_doc, texts=texts, unscored=info["unscored"])
    evaluation.figures["text_mismatch_docs"] = mismatched
    return evaluation


def run_eval(dataset: Path, gold_path: Path, raw: Path | None = None, fmt: str = "jsonl") -> Evaluation:
    """Load a dataset folder and gold (``fmt``), and score. Raw texts for the JSONL gold come from
    the dataset's ``raw_text`` column, completed by ``raw`` for documents the dataset lacks."""
    articles, quotes = load_dataset(dataset)
    texts: dict[str, str] = {}
    if raw is not None:
        texts.update(read_raw_dir(raw))
    if fmt == "jsonl":
        # the dataset's own raw text wins: its offsets are the ones being scored
        texts.update(dataset_raw_texts(articles))
    gold = read_gold(fmt, gold_path, texts)
    return evaluate_dataset(articles, quotes, gold)
