"""Score a built dataset against gold annotations (the scoring section of ``data/gold/GUIDELINES.md``).

Spans are compared as raw-text character offsets. Three span rules are reported side by side:

* ``half`` (the project's rule): overlap >= half of the gold span **and** >= half of the system span;
* ``ggt30`` (the Gender Gap Tracker's looser rule): overlap > 30% of the gold span, system length free;
* ``strict80`` (the GGT's strict rule): overlap > 80% of the gold span, system length free.

The two GGT rules follow its published evaluation (``evaluate_quotes.py`` in
sfu-discourse-lab/GenderGapTracker, thresholds 0.3 and 0.8 on ``|gold & system| / |gold|``), except
for the assignment: the GGT lets each gold quote in turn take its best remaining system quote,
we use the same greedy-by-overlap assignment for all three rules.

Matching is one to one and **greedy by overlap**: every (gold, system) pair the rule accepts is a
candidate; candidates are taken in order of decreasing overlap (ties: earlier gold, then earlier
system quote) when neither side is taken yet. Non-optional gold quotes are matched first; system
quotes left over are then matched against ``optional`` gold quotes, and such pairs count neither
way (left out of precision and recall). Under ``half`` a system span can only meet the rule for two
gold spans that overlap each other, so greedy and maximum-weight assignment agree on real gold.

Precision per kind attributes a system quote to its own ``kind``; recall per kind uses the gold
``kind``. Speaker, role and date accuracy and end-to-end F1 are computed on the ``half`` matches.
Gold quotes whose document is missing from the output, or that could not be located in their raw
text, count as missed. Ratios with a zero denominator are ``None`` (shown as ``-``); F1 is
``2 tp / (n_gold + n_system)``, which equals the harmonic mean of P and R whenever both exist.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import Iterable, Mapping, Sequence

import pandas as pd

from pipeline.measure.gold import GoldQuote, GoldSet, read_gold, read_raw_dir
from schemas.kinds import kind_names
from schemas.values import is_missing

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
    "run_eval",
    "register_cli",
]

#: the quote kinds, in registry order (:mod:`schemas.kinds`): each gets its per-kind figures
KINDS = kind_names()


# -- span rules ------------------------------------------------------------------------------
@dataclass(frozen=True)
class MatchRule:
    """When a system span matches a gold span: shares of each span the overlap must cover.

    >>> RULES["half"].accepts(overlap=5, gold_len=10, system_len=10)
    True
    >>> RULES["half"].accepts(overlap=5, gold_len=10, system_len=11)
    False
    >>> RULES["ggt30"].accepts(overlap=31, gold_len=100, system_len=1000)
    True
    >>> RULES["ggt30"].accepts(overlap=30, gold_len=100, system_len=30)
    False
    """

    name: str
    gold_share: float
    system_share: float
    #: ``True``: the overlap must exceed ``gold_share`` (the GGT "more than 30%"), else reach it
    strictly_more: bool = False
    label: str = ""

    def accepts(self, overlap: int, gold_len: int, system_len: int) -> bool:
        if overlap <= 0:
            return False
        if self.strictly_more:
            gold_ok = overlap > self.gold_share * gold_len
        else:
            gold_ok = overlap >= self.gold_share * gold_len
        return gold_ok and overlap >= self.system_share * system_len


RULES: dict[str, MatchRule] = {
    "half": MatchRule("half", 0.5, 0.5, label=">=50% of each"),
    "ggt30": MatchRule("ggt30", 0.3, 0.0, strictly_more=True, label=">30% of gold (GGT)"),
    "strict80": MatchRule("strict80", 0.8, 0.0, strictly_more=True, label=">80% of gold (GGT)"),
}


def _overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    return max(0, min(a_end, b_end) - max(a_start, b_start))


def greedy_match(
    gold: Sequence[tuple[int, int]], system: Sequence[tuple[int, int]], rule: MatchRule
) -> list[tuple[int, int]]:
    """One-to-one matching of spans, greedy by overlap; returns ``(gold index, system index)`` pairs.

    >>> greedy_match([(0, 10), (20, 30)], [(0, 9), (2, 12), (21, 30)], RULES["half"])
    [(0, 0), (1, 2)]
    >>> greedy_match([(0, 10)], [(0, 40)], RULES["half"]), greedy_match([(0, 10)], [(0, 40)], RULES["ggt30"])
    ([], [(0, 0)])
    """
    candidates = []
    for gi, (gs, ge) in enumerate(gold):
        for si, (ss, se) in enumerate(system):
            ov = _overlap(gs, ge, ss, se)
            if rule.accepts(ov, ge - gs, se - ss):
                candidates.append((-ov, gi, si))
    candidates.sort()
    used_g: set[int] = set()
    used_s: set[int] = set()
    pairs = []
    for _, gi, si in candidates:
        if gi in used_g or si in used_s:
            continue
        used_g.add(gi)
        used_s.add(si)
        pairs.append((gi, si))
    return sorted(pairs)


# -- field comparisons -----------------------------------------------------------------------
def fold(text: str | None) -> str:
    """Fold a name for comparison: accents off (NFKD), case folded, punctuation to single spaces.

    >>> fold("  Jean-Luc  Dubréuil ")
    'jean luc dubreuil'
    >>> fold("O'Brien, Jr.")
    'o brien jr'
    """
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    return " ".join(re.sub(r"[\W_]+", " ", bare).split())


def surname(name: str | None) -> str:
    """The last token of a folded name (``""`` for none).

    >>> surname("Dr. Ana María Núñez")
    'nunez'
    """
    tokens = fold(name).split()
    return tokens[-1] if tokens else ""


_blank = is_missing


def speaker_matches(system: str | None, gold: str | None, aliases: Iterable[str] = (), gold_type: str | None = None) -> bool:
    """Whether the system's speaker is the gold speaker.

    Equal to the gold name or an alias after :func:`fold`, or (unless the gold speaker is an
    organization) the same surname as the gold name or an alias. A gold speaker of ``None`` is
    matched only by a system speaker of ``None``.

    >>> speaker_matches("Mr. Smith", "Jane Smith")
    True
    >>> speaker_matches("Smith", "Jane Smith", gold_type="organization")
    False
    >>> speaker_matches("DUBRÉUIL", "J. Dubreuil"), speaker_matches(None, None), speaker_matches("he", None)
    (True, True, False)
    """
    if _blank(gold):
        return _blank(system)
    if _blank(system):
        return False
    names = [gold, *[a for a in aliases if not _blank(a)]]
    folded = fold(system)
    if folded and folded in {fold(n) for n in names}:
        return True
    if gold_type == "organization":
        return False
    last = surname(system)
    return bool(last) and last in {surname(n) for n in names}


def role_words(role: str | None) -> set[str]:
    """The words of a role: lower-cased alphanumeric tokens, accents folded.

    >>> sorted(role_words("Vice-President of the Republic"))
    ['of', 'president', 'republic', 'the', 'vice']
    """
    return set(fold(role).split()) if not _blank(role) else set()


def role_matches(system: str | None, gold: str | None) -> bool | None:
    """Word overlap of at least half of the gold role's words; ``None`` when gold has no role.

    >>> role_matches("President", "President of Chile"), role_matches("the Foreign Minister", "Foreign Minister")
    (False, True)
    >>> role_matches("President of Peru", "President of Chile"), role_matches("x", None)
    (True, None)
    """
    gold_words = role_words(gold)
    if not gold_words:
        return None
    return 2 * len(gold_words & role_words(system)) >= len(gold_words)


def iso_date(value) -> str | None:
    """A date-like value as an ISO ``YYYY-MM-DD`` string (``None`` for missing values).

    >>> iso_date(dt.date(2022, 1, 6)), iso_date("2022-01-06"), iso_date(pd.Timestamp("2022-01-06 10:00")), iso_date(None)
    ('2022-01-06', '2022-01-06', '2022-01-06', None)
    """
    if _blank(value):
        return None
    if isinstance(value, (dt.datetime, pd.Timestamp)):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    return text[:10] if re.match(r"^\d{4}-\d{2}-\d{2}", text) else text


# -- system quotes ---------------------------------------------------------------------------
@dataclass(frozen=True)
class SystemQuote:
    """One system quote in raw coordinates of its gold document."""

    doc_id: str
    start: int
    end: int
    kind: str | None = None
    speaker: str | None = None
    role: str | None = None
    date: str | None = None
    quote_id: str | None = None
    mention: str | None = None


def doc_key(source_name, article_id, known: Iterable[str]) -> str | None:
    """The gold ``doc_id`` of an article: its ``source_name`` without folder and ``.txt``, else its id.

    >>> doc_key("in/007_ab.txt", "a1", ["007_ab"]), doc_key("x.html", "007_ab", ["007_ab"]), doc_key("x", "y", [])
    ('007_ab', '007_ab', None)
    """
    known = set(known)
    if not _blank(source_name):
        name = PurePath(str(source_name)).name
        stem = name[:-4] if name.lower().endswith(".txt") else name
        for cand in (stem, name, str(source_name)):
            if cand in known:
                return cand
    if not _blank(article_id) and str(article_id) in known:
        return str(article_id)
    return None


def _opt(value):
    return None if _blank(value) else value


def system_quotes(articles: pd.DataFrame, quotes: pd.DataFrame, doc_ids: Iterable[str]) -> tuple[dict[str, list[SystemQuote]], dict]:
    """Group the dataset's quotes by gold document, in raw coordinates.

    Uses ``raw_start``/``raw_end`` when the quote table has them, else maps ``start``/``end``
    through the article's edit log. Returns the quotes by ``doc_id`` and bookkeeping:
    ``raw_texts`` (the dataset's raw text per doc), ``unscored`` (quotes of articles not in the
    gold) and ``article_of`` (article_id -> doc_id).
    """
    from pipeline.text.editlog import EditLog

    known = list(doc_ids)
    article_of: dict[str, str] = {}
    raw_texts: dict[str, str] = {}
    logs: dict[str, EditLog] = {}
    for row in articles.itertuples(index=False):
        rec = row._asdict()
        key = doc_key(rec.get("source_name"), rec.get("article_id"), known)
        if key is None or key in raw_texts:
            continue
        article_of[str(rec.get("article_id"))] = key
        if not _blank(rec.get("raw_text")):
            raw_texts[key] = rec["raw_text"]
            edits = rec.get("edits")
            logs[key] = (rec["raw_text"], [] if edits is None else edits)
    by_doc: dict[str, list[SystemQuote]] = {k: [] for k in raw_texts}
    for k in article_of.values():
        by_doc.setdefault(k, [])
    unscored = 0
    has_raw = {"raw_start", "raw_end"} <= set(quotes.columns)
    for row in quotes.itertuples(index=False):
        rec = row._asdict()
        key = article_of.get(str(rec.get("article_id")))
        if key is None:
            unscored += 1
            continue
        if has_raw and not _blank(rec.get("raw_start")) and not _blank(rec.get("raw_end")):
            start, end = int(rec["raw_start"]), int(rec["raw_end"])
        else:
            raw, edits = logs[key]
            log = edits if isinstance(edits, EditLog) else EditLog(raw, list(edits))
            logs[key] = (raw, log)
            _, _, start, end = log.raw_span(int(rec["start"]), int(rec["end"]))
        by_doc[key].append(
            SystemQuote(
                doc_id=key,
                start=start,
                end=end,
                kind=_opt(rec.get("kind")),
                speaker=_opt(rec.get("speaker_name")),
                role=_opt(rec.get("role")),
                date=iso_date(rec.get("quote_date")),
                quote_id=_opt(rec.get("quote_id")),
                mention=_opt(rec.get("mention")),
            )
        )
    for key in by_doc:
        by_doc[key].sort(key=lambda q: (q.start, q.end))
    return by_doc, {"raw_texts": raw_texts, "unscored": unscored, "article_of": article_of}


# -- scoring ---------------------------------------------------------------------------------
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


def _ratio(num: int, den: int) -> float | None:
    return num / den if den else None


def _f1(tp: int, n_gold: int, n_system: int) -> float | None:
    return 2 * tp / (n_gold + n_system) if (n_gold + n_system) else None


def _hmean(p: float | None, r: float | None) -> float | None:
    if p is None or r is None:
        return None
    return 2 * p * r / (p + r) if (p + r) else 0.0


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


def _span_figures(matched, ignored, missed, spurious) -> dict:
    tp = len(matched)
    n_gold = tp + len(missed)
    n_system = tp + len(spurious)
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
    return {
        "tp": tp,
        "fp": len(spurious),
        "fn": len(missed),
        "n_gold": n_gold,
        "n_system": n_system,
        "n_ignored": len(ignored),
        "precision": _ratio(tp, n_system),
        "recall": _ratio(tp, n_gold),
        "f1": _f1(tp, n_gold, n_system),
        "per_kind": per_kind,
    }


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
    missing_docs = [d for d in doc_ids if d not in system]
    unlocated_required = [u for u in gold.unlocated if not u.get("optional", False)]

    figures: dict = {
        "n_docs": len(doc_ids),
        "n_docs_in_output": len([d for d in doc_ids if d in system]),
        "missing_docs": missing_docs,
        "n_gold_required": sum(1 for g in gold.quotes if not g.optional) + len(unlocated_required),
        "n_gold_optional": sum(1 for g in gold.quotes if g.optional),
        "n_system_scored": sum(len(system.get(d, ())) for d in doc_ids),
        "n_system_unscored": unscored,
        "unlocated_gold": list(gold.unlocated),
        "spans": {},
    }
    evaluation = Evaluation(figures=figures, texts=dict(texts or gold.texts), gold_quotes=list(gold.quotes))
    for name, rule in RULES.items():
        matched, ignored, missed, spurious = [], [], [], []
        for d in doc_ids:
            m, i, mi, sp = _match_doc(gold_by_doc.get(d, []), list(system.get(d, ())), rule)
            matched += m
            ignored += i
            missed += mi
            spurious += sp
        spans = _span_figures(matched, ignored, missed, spurious)
        # unlocated required gold quotes cannot be found by anyone: they are missed
        spans["fn"] += len(unlocated_required)
        spans["n_gold"] += len(unlocated_required)
        spans["recall"] = _ratio(spans["tp"], spans["n_gold"])
        spans["f1"] = _f1(spans["tp"], spans["n_gold"], spans["n_system"])
        figures["spans"][name] = spans
        if name == "half":
            evaluation.missed = sorted(missed, key=lambda q: (q.doc_id, q.start, q.end))
            evaluation.spurious = sorted(spurious, key=lambda q: (q.doc_id, q.start, q.end))
            evaluation.ignored = ignored
            evaluation.matches = [
                Match(
                    g,
                    s,
                    speaker_matches(s.speaker, g.speaker, g.speaker_aliases, g.speaker_type),
                    role_matches(s.role, g.role),
                    None if g.date is None else iso_date(g.date) == s.date,
                )
                for g, s in matched
            ]
    half = figures["spans"]["half"]
    m = evaluation.matches
    spk_ok = sum(x.speaker_ok for x in m)
    roles = [x.role_ok for x in m if x.role_ok is not None]
    dates = [x.date_ok for x in m if x.date_ok is not None]
    figures["speaker"] = {"correct": spk_ok, "total": len(m), "accuracy": _ratio(spk_ok, len(m))}
    figures["end_to_end"] = {
        "tp": spk_ok,
        "precision": _ratio(spk_ok, half["n_system"]),
        "recall": _ratio(spk_ok, half["n_gold"]),
        "f1": _f1(spk_ok, half["n_gold"], half["n_system"]),
    }
    figures["role"] = {"correct": sum(roles), "total": len(roles), "accuracy": _ratio(sum(roles), len(roles))}
    figures["date"] = {"correct": sum(dates), "total": len(dates), "accuracy": _ratio(sum(dates), len(dates))}
    confusion: dict[str, Counter] = defaultdict(Counter)
    for x in m:
        confusion[x.gold.kind][str(x.system.kind)] += 1
    figures["kind_confusion"] = {k: dict(v) for k, v in sorted(confusion.items())}
    per_doc = {}
    for d in doc_ids:
        per_doc[d] = {
            "n_gold": sum(1 for g in gold_by_doc.get(d, []) if not g.optional),
            "n_system": len(system.get(d, ())),
            "tp": sum(1 for x in m if x.gold.doc_id == d),
            "missed": sum(1 for g in evaluation.missed if g.doc_id == d),
            "spurious": sum(1 for s in evaluation.spurious if s.doc_id == d),
            "in_output": d in system,
        }
    figures["per_doc"] = per_doc
    from pipeline.measure.quality import main_figures  # the flat figures the quality gate pins

    figures["main"] = main_figures(figures)
    return evaluation


def evaluate_dataset(articles: pd.DataFrame, quotes: pd.DataFrame, gold: GoldSet) -> Evaluation:
    """Score the dataset tables against ``gold`` (documents matched by ``source_name``/``article_id``)."""
    by_doc, info = system_quotes(articles, quotes, gold.doc_ids)
    texts = dict(gold.texts)
    mismatched = [d for d, raw in info["raw_texts"].items() if d in gold.texts and gold.texts[d] != raw]
    texts.update(info["raw_texts"])
    evaluation = score(gold, by_doc, texts=texts, unscored=info["unscored"])
    evaluation.figures["text_mismatch_docs"] = mismatched
    return evaluation


def load_dataset(dataset_dir: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The ``articles`` and ``quotes`` tables of a built dataset folder."""
    dataset_dir = Path(dataset_dir)
    articles = pd.read_parquet(dataset_dir / "articles.parquet")
    quotes = pd.read_parquet(dataset_dir / "quotes.parquet")
    return articles, quotes


# -- output ----------------------------------------------------------------------------------
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


def _context(text: str, start: int, end: int, width: int = 120) -> str:
    """The span in its surroundings, marked with ⟦ ⟧, on one line."""
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


def error_report(evaluation: Evaluation) -> str:
    """Markdown: per document, each missed gold quote and each spurious system quote in context,
    then the matched quotes whose speaker, role or date is wrong."""
    f = evaluation.figures
    texts = evaluation.texts
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
    gold_by_doc = defaultdict(list)
    for g in evaluation.gold_quotes:
        gold_by_doc[g.doc_id].append(g)
    docs = list(dict.fromkeys([g.doc_id for g in evaluation.missed] + [s.doc_id for s in evaluation.spurious]))
    for d in sorted(docs):
        text = texts.get(d, "")
        out += [f"## `{d}`", ""]
        missed = [g for g in evaluation.missed if g.doc_id == d]
        if missed:
            out += [f"### Missed gold quotes ({len(missed)})", ""]
        for g in sorted(missed, key=lambda q: q.start):
            best = max(
                (s for s in evaluation.spurious if s.doc_id == d),
                key=lambda s: _overlap(g.start, g.end, s.start, s.end),
                default=None,
            )
            out.append(f"- **{g.kind}** [{g.start}:{g.end}] gold speaker: {_md(g.speaker)}" + (f" (cue: {_md(g.cue)})" if g.cue else ""))
            out.append(f"  > {_md(_context(text, g.start, g.end))}")
            if best is not None and _overlap(g.start, g.end, best.start, best.end) > 0:
                ov = _overlap(g.start, g.end, best.start, best.end)
                out.append(
                    f"  - nearest system quote [{best.start}:{best.end}] ({best.kind}, speaker {_md(best.speaker)}) "
                    f"covers {ov / max(1, g.end - g.start):.0%} of gold, {ov / max(1, best.end - best.start):.0%} of itself"
                )
        spurious = [s for s in evaluation.spurious if s.doc_id == d]
        if spurious:
            out += ["", f"### Spurious system quotes ({len(spurious)})", ""]
        for s in sorted(spurious, key=lambda q: q.start):
            near = max(gold_by_doc.get(d, []), key=lambda g: _overlap(g.start, g.end, s.start, s.end), default=None)
            gold_note = "no overlapping gold quote"
            if near is not None and _overlap(near.start, near.end, s.start, s.end) > 0:
                gold_note = f"overlaps gold [{near.start}:{near.end}] speaker {_md(near.speaker)}" + (" (optional)" if near.optional else "")
            out.append(f"- **{s.kind}** [{s.start}:{s.end}] system speaker: {_md(s.speaker)}; {gold_note}")
            out.append(f"  > {_md(_context(text, s.start, s.end))}")
        out.append("")
    wrong = [m for m in evaluation.matches if not m.speaker_ok or m.role_ok is False or m.date_ok is False]
    if wrong:
        out += ["## Matched quotes with a wrong field", "", "| doc | span | gold speaker | system speaker | gold role | system role | gold date | system date |", "|---|---|---|---|---|---|---|---|"]
        for m in sorted(wrong, key=lambda x: (x.gold.doc_id, x.gold.start)):
            def mark(ok, value):
                return f"**{_md(value)}**" if ok is False else _md(value)
            out.append(
                f"| `{m.gold.doc_id}` | {m.gold.start}:{m.gold.end} {_md(m.gold.text[:60])}… "
                f"| {_md(m.gold.speaker)} | {mark(m.speaker_ok, m.system.speaker)} "
                f"| {_md(m.gold.role)} | {mark(m.role_ok, m.system.role)} "
                f"| {_md(m.gold.date)} | {mark(m.date_ok, m.system.date)} |"
            )
        out.append("")
    return "\n".join(out)


def _json_default(value):
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if hasattr(value, "item"):
        return value.item()
    raise TypeError(f"not JSON serializable: {type(value)}")


def run_eval(dataset: Path, gold_path: Path, raw: Path | None = None, fmt: str = "jsonl") -> Evaluation:
    """Load a dataset folder and gold (``fmt``), and score. Raw texts for the JSONL gold come from
    the dataset's ``raw_text`` column, completed by ``raw`` for documents the dataset lacks."""
    articles, quotes = load_dataset(dataset)
    texts: dict[str, str] = {}
    if raw is not None:
        texts.update(read_raw_dir(raw))
    if fmt == "jsonl":
        # the dataset's own raw text wins: its offsets are the ones being scored; it is filed
        # under both the source name (without .txt) and the article id, as doc_key matches either
        for row in articles.itertuples(index=False):
            rec = row._asdict()
            if _blank(rec.get("raw_text")):
                continue
            name = PurePath(str(rec.get("source_name") or "")).name
            for key in (name[:-4] if name.lower().endswith(".txt") else name, str(rec.get("article_id"))):
                if key:
                    texts[key] = rec["raw_text"]
    gold = read_gold(fmt, gold_path, texts)
    return evaluate_dataset(articles, quotes, gold)


def write_reports(evaluation: Evaluation, report_dir: Path, stem: str = "eval") -> tuple[Path, Path]:
    """Write ``<stem>.json`` (every figure) and ``errors.md`` into ``report_dir``."""
    report_dir = Path(report_dir)
    report_dir.mkdir(parents=True, exist_ok=True)
    json_path = report_dir / f"{stem}.json"
    md_path = report_dir / "errors.md"
    json_path.write_text(json.dumps(evaluation.figures, indent=2, ensure_ascii=False, default=_json_default) + "\n", encoding="utf-8")
    md_path.write_text(error_report(evaluation), encoding="utf-8")
    return json_path, md_path


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
    from pipeline.measure import quality

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
