"""Normalization as an edit log over the raw text.

Every change a fix makes to an article is kept as an :class:`Edit` in *raw* coordinates:
``raw[raw_start:raw_end]`` (``before``) became ``after``, and ``fix`` names the rule(s) that
did it. Edits in a log are sorted, never overlap and never touch, and each covers at least one
raw character (an insertion is recorded as a replacement of its left neighbour), so

* the clean text is the raw text with every edit applied (:func:`replay`), and
* any span of the clean text maps back to an exact span of the raw text
  (:meth:`EditLog.raw_span`), whose own edits rebuild the clean span (:func:`replay_span`).

>>> log = EditLog("Manches-ter said ”hi")
>>> log.apply("dehyphenate", [(7, 8, "")])
1
>>> log.text
'Manchester said ”hi'
>>> log.raw_span(0, 10)
(0, 10, 0, 11)
>>> [(e.fix, e.raw_start, e.raw_end, e.before, e.after) for e in log.edits]
[('dehyphenate', 7, 8, '-', '')]
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Iterable, Mapping, Sequence

__all__ = ["Edit", "EditLog", "replay", "replay_span"]


@dataclass(frozen=True, slots=True)
class Edit:
    """One recorded change: ``raw[raw_start:raw_end]`` (== ``before``) was replaced by ``after``."""

    fix: str
    raw_start: int
    raw_end: int
    before: str
    after: str

    def as_dict(self) -> dict:
        return {
            "fix": self.fix,
            "raw_start": self.raw_start,
            "raw_end": self.raw_end,
            "before": self.before,
            "after": self.after,
        }


def _join_fixes(*names: str) -> str:
    seen: list[str] = []
    for name in names:
        for part in name.split("+"):
            if part and part not in seen:
                seen.append(part)
    return "+".join(seen)


class EditLog:
    """The raw text of one article plus the edits made to it so far.

    Fixes call :meth:`apply` with changes in the coordinates of the *current* clean text;
    the log maps them back to the raw text and merges them with earlier edits they overlap
    or touch.
    """

    def __init__(self, raw: str, edits: Iterable[Edit | Mapping] = ()):
        self.raw = raw
        self.edits: list[Edit] = [e if isinstance(e, Edit) else Edit(**e) for e in edits]
        self._text = replay(raw, self.edits)
        self._reindex()

    # -- state -----------------------------------------------------------------------------
    @property
    def text(self) -> str:
        """The clean text: the raw text with every edit applied."""
        return self._text

    def _reindex(self) -> None:
        """Recompute the clean coordinates of every edit."""
        starts: list[int] = []
        ends: list[int] = []
        shift = 0
        for e in self.edits:
            cs = e.raw_start + shift
            starts.append(cs)
            ends.append(cs + len(e.after))
            shift += len(e.after) - (e.raw_end - e.raw_start)
        self._cstarts = starts
        self._cends = ends

    def _shift_before(self, k: int) -> int:
        """Clean minus raw offset just after the first ``k`` edits."""
        if k == 0:
            return 0
        e = self.edits[k - 1]
        return self._cends[k - 1] - e.raw_end

    # -- applying changes ------------------------------------------------------------------
    def apply(self, fix: str, changes: Iterable[tuple[int, int, str]]) -> int:
        """Apply ``changes`` (``(start, end, after)`` in current clean coordinates) as ``fix``.

        Changes must not overlap each other. A change that leaves the text as it was is
        ignored. All changes of one call are merged into the log in a single pass. Returns the
        number of changes applied.

        >>> log = EditLog("a  b")
        >>> log.apply("squeeze", [(1, 3, " ")])
        1
        >>> log.text, log.edits[0].before, log.edits[0].after
        ('a b', '  ', ' ')
        """
        items = self._checked_changes(fix, changes)
        if not items:
            return 0
        text = self._text
        new_text = self._splice(text, items)
        if not text and self.raw == "":
            raise ValueError(f"{fix}: cannot insert into an empty raw text")
        self.edits = self._merged_edits(fix, items, self._clusters(items), new_text)
        self._text = new_text
        self._reindex()
        return len(items)

    def _checked_changes(self, fix: str, changes: Iterable[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        """The changes that change something, in text order, two insertions at one place joined
        (in the order given); raises ``ValueError`` for a change outside the text or two that overlap."""
        text = self._text
        items: list[tuple[int, int, str]] = []
        for start, end, after in changes:
            if not (0 <= start <= end <= len(text)):
                raise ValueError(f"{fix}: change ({start}, {end}) outside text of length {len(text)}")
            if text[start:end] != after:
                items.append((start, end, after))
        items.sort(key=lambda c: (c[0], c[1]))
        merged: list[tuple[int, int, str]] = []
        for s2, e2, a2 in items:
            if merged:
                s1, e1, a1 = merged[-1]
                if s1 == e1 == s2 == e2:  # two insertions at one place: in the order given
                    merged[-1] = (s1, e1, a1 + a2)
                    continue
                if e1 > s2:
                    raise ValueError(f"{fix}: overlapping changes at {s2}..{e2}")
            merged.append((s2, e2, a2))
        return merged

    def _clusters(self, items: list[tuple[int, int, str]]) -> list[list]:
        """Existing edits and the new changes as intervals of the current clean text, grouped into
        clusters ``[lo, hi, tags]`` of intervals that overlap or touch (each becomes one edit);
        a tag is the index of a change in ``items``, or None for an existing edit. An insertion
        touching nothing is widened over a neighbouring character (an edit covers raw text)."""
        intervals: list[tuple[int, int, int | None]] = [(cs, ce, None) for cs, ce in zip(self._cstarts, self._cends)]
        for i, (s, e, _) in enumerate(items):
            lo, hi = s, e
            if s == e and not self._touches(s, items, i):
                lo, hi = (s - 1, s) if s > 0 else (0, 1)
            intervals.append((lo, hi, i))
        intervals.sort(key=lambda t: (t[0], t[1]))
        clusters: list[list] = []
        for lo, hi, tag in intervals:
            if clusters and lo <= clusters[-1][1]:
                c = clusters[-1]
                c[1] = max(c[1], hi)
                c[2].append(tag)
            else:
                clusters.append([lo, hi, [tag]])
        return clusters

    def _raw_bounds(self, lo: int, hi: int, first: int, k: int) -> tuple[int, int]:
        """The raw span of the clean span ``[lo, hi)`` that holds the existing edits ``first..k-1``."""
        if first < k and self._cstarts[first] == lo:
            raw_start = self.edits[first].raw_start
        else:
            raw_start = lo - self._shift_before(first)
        if first < k and self._cends[k - 1] == hi:
            raw_end = self.edits[k - 1].raw_end
        else:
            raw_end = hi - self._shift_before(k)
        return raw_start, raw_end

    def _merged_edits(self, fix: str, items: list[tuple[int, int, str]], clusters: list[list], new_text: str) -> list[Edit]:
        """The log's new edits: the old edits no change touched, and one edit per cluster with a
        change, from its raw span to its text in ``new_text``, named by every fix involved."""
        cstarts, cends = self._cstarts, self._cends
        new_edits: list[Edit] = []
        k = 0  # index into self.edits
        delta = 0  # length change of the changes before the current cluster
        j = 0  # index into items
        for lo, hi, tags in clusters:
            members = [t for t in tags if t is not None]
            while k < len(self.edits) and cends[k] < lo:
                new_edits.append(self.edits[k])
                k += 1
            first_edit = k
            while k < len(self.edits) and cstarts[k] <= hi:
                k += 1
            in_cluster = range(first_edit, k)
            if not members:  # an old edit that nothing touched
                new_edits.extend(self.edits[i] for i in in_cluster)
                continue
            while j < len(items) and items[j][1] <= lo and j < min(members):
                s, e, a = items[j]
                delta += len(a) - (e - s)
                j += 1
            raw_start, raw_end = self._raw_bounds(lo, hi, first_edit, k)
            new_lo = lo + delta
            for m in members:
                s, e, a = items[m]
                delta += len(a) - (e - s)
            j = max(members) + 1
            new_hi = hi + delta
            after = new_text[new_lo:new_hi]
            before = self.raw[raw_start:raw_end]
            if after != before:
                names = [self.edits[i].fix for i in in_cluster] + [fix]
                new_edits.append(Edit(_join_fixes(*names), raw_start, raw_end, before, after))
        new_edits.extend(self.edits[k:])
        return new_edits

    def _touches(self, pos: int, items: list[tuple[int, int, str]], i: int) -> bool:
        """Does position ``pos`` touch an existing edit or another change?"""
        k = bisect.bisect_left(self._cends, pos)
        if k < len(self.edits) and self._cstarts[k] <= pos:
            return True
        return any(s <= pos <= e for n, (s, e, _) in enumerate(items) if n != i and abs(n - i) <= 1)

    @staticmethod
    def _splice(text: str, items: list[tuple[int, int, str]]) -> str:
        pieces: list[str] = []
        pos = 0
        for s, e, a in items:
            pieces.append(text[pos:s])
            pieces.append(a)
            pos = e
        pieces.append(text[pos:])
        return "".join(pieces)

    # -- mapping ---------------------------------------------------------------------------
    def raw_span(self, start: int, end: int) -> tuple[int, int, int, int]:
        """Map the clean span ``[start, end)`` to the raw text.

        Returns ``(clean_start, clean_end, raw_start, raw_end)``: the clean span widened to
        cover whole edits where it cut through one, and the raw span it came from. Deleted
        raw text at either edge is left outside the raw span.

        >>> log = EditLog("x Kaz-akh y")
        >>> log.apply("dehyphenate", [(5, 6, "")])
        1
        >>> log.raw_span(2, 8)
        (2, 8, 2, 9)
        """
        if not (0 <= start <= end <= len(self._text)):
            raise ValueError(f"span ({start}, {end}) outside text of length {len(self._text)}")
        cstarts, cends = self._cstarts, self._cends
        # start: an edit with cs < start < ce (or cs == start with non-empty after) is inside
        k = bisect.bisect_right(cends, start)  # first edit whose clean end is beyond start
        if k < len(self.edits) and cstarts[k] < start:
            cstart, rstart = cstarts[k], self.edits[k].raw_start
        else:
            cstart = start
            # edits with clean end <= start lie before (deletions at start included)
            rstart = start - self._shift_before(k)
        # end: an edit with cs < end < ce is inside; deletions at end stay outside
        j = bisect.bisect_left(cstarts, end)  # edits [0, j) start before end
        if j > 0 and cends[j - 1] > end:
            cend, rend = cends[j - 1], self.edits[j - 1].raw_end
        else:
            cend = end
            # edits [0, j) start before `end` and end at or before it; a deletion at exactly
            # `end` has its clean start there, so it is not among them and stays outside
            rend = end - self._shift_before(j)
        if rend < rstart:  # an empty span inside a deletion
            rend = rstart
        return cstart, cend, rstart, rend

    def clean_offset(self, raw_pos: int) -> int:
        """Map a raw offset to the clean text (a position inside an edit goes to its start).

        >>> log = EditLog("ab-cd")
        >>> log.apply("dehyphenate", [(2, 3, "")])
        1
        >>> log.clean_offset(4)
        3
        """
        if not (0 <= raw_pos <= len(self.raw)):
            raise ValueError(f"raw offset {raw_pos} outside text of length {len(self.raw)}")
        raw_starts = [e.raw_start for e in self.edits]
        k = bisect.bisect_right(raw_starts, raw_pos)
        if k and raw_pos < self.edits[k - 1].raw_end:
            return self._cstarts[k - 1]
        return raw_pos + self._shift_before(k)

    def to_records(self) -> list[dict]:
        return [e.as_dict() for e in self.edits]


def _edit_fields(e: Edit | Mapping) -> tuple[int, int, str]:
    if isinstance(e, Edit):
        return e.raw_start, e.raw_end, e.after
    return int(e["raw_start"]), int(e["raw_end"]), e["after"]


def replay(raw: str, edits: Sequence[Edit | Mapping]) -> str:
    """Apply sorted, non-overlapping raw-coordinate edits to ``raw``.

    >>> replay("ab-cd", [Edit("dehyphenate", 2, 3, "-", "")])
    'abcd'
    """
    return replay_span(raw, edits, 0, len(raw))


def replay_span(raw: str, edits: Sequence[Edit | Mapping], raw_start: int, raw_end: int) -> str:
    """The clean text of ``raw[raw_start:raw_end]``: the slice with the edits lying inside it applied.

    This is how anyone can check a quote against its source: ``replay_span(raw_text, edits,
    raw_start, raw_end) == text``. Edits that stick out of the slice are a caller's error.
    """
    out: list[str] = []
    pos = raw_start
    for e in edits:
        rs, re_, after = _edit_fields(e)
        if re_ <= raw_start:
            continue
        if rs >= raw_end:
            break
        if rs < raw_start or re_ > raw_end:
            raise ValueError(f"edit {rs}..{re_} crosses the span {raw_start}..{raw_end}")
        out.append(raw[pos:rs])
        out.append(after)
        pos = re_
    out.append(raw[pos:raw_end])
    return "".join(out)
