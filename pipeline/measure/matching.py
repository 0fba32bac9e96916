"""When a system quote matches a gold quote: the span rules and the field comparisons.

Spans are compared as raw-text character offsets. Three span rules are reported side by side:

* ``half`` (the project's rule): overlap >= half of the gold span **and** >= half of the system span;
* ``ggt30`` (the Gender Gap Tracker's looser rule): overlap > 30% of the gold span, system length free;
* ``strict80`` (the GGT's strict rule): overlap > 80% of the gold span, system length free.

The two GGT rules follow its published evaluation (``evaluate_quotes.py`` in
sfu-discourse-lab/GenderGapTracker, thresholds 0.3 and 0.8 on ``|gold & system| / |gold|``), except
for the assignment: the GGT lets each gold quote in turn take its best remaining system quote,
we use the same greedy-by-overlap assignment for all three rules (:func:`greedy_match`).

Matching is one to one and **greedy by overlap**: every (gold, system) pair the rule accepts is a
candidate; candidates are taken in order of decreasing overlap (ties: earlier gold, then earlier
system quote) when neither side is taken yet. Under ``half`` a system span can only meet the rule
for two gold spans that overlap each other, so greedy and maximum-weight assignment agree on real gold.

A matched quote's speaker, role and date are then compared with :func:`speaker_matches`,
:func:`role_matches` and :func:`iso_date`.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from typing import Iterable, Sequence

import pandas as pd

from schemas.values import is_missing

__all__ = [
    "MatchRule",
    "RULES",
    "overlap",
    "greedy_match",
    "fold",
    "surname",
    "speaker_matches",
    "role_words",
    "role_matches",
    "iso_date",
]


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


def overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    """The number of characters two spans ``[a_start, a_end)`` and ``[b_start, b_end)`` share.

    >>> overlap(0, 10, 5, 20), overlap(0, 5, 5, 10)
    (5, 0)
    """
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
            ov = overlap(gs, ge, ss, se)
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
    if is_missing(gold):
        return is_missing(system)
    if is_missing(system):
        return False
    names = [gold, *[a for a in aliases if not is_missing(a)]]
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
    return set(fold(role).split()) if not is_missing(role) else set()


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
    if is_missing(value):
        return None
    if isinstance(value, (dt.datetime, pd.Timestamp)):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    return text[:10] if re.match(r"^\d{4}-\d{2}-\d{2}", text) else text
