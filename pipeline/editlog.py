"""Normalization as an edit log over the raw text.

Every change a fix makes to an article is kept as an :class:`Edit` in *raw* coordinates:
``raw[raw_start:raw_end]`` (``before``) became ``after``, and ``fix`` names the rule(s) that
did it. Edits in a log are sorted, never overlap and never touch, and each covers at least one
raw character (an insertion is recorded as a replacement of its left neighbour), so

* the clean text is the raw text with every edit applied (:func:`replay`), and
* any span of the clean text maps back to an exact span of the raw text
  (:meth:`EditLog.raw_span`), whose own edits rebuild the clean span (:func:`replay_span`).

>>> log = EditLog("Washing-ton said ”hi")
>>> log.apply("dehyphenate", [(7, 8, "")])
1
>>> log.text
'Washington said ”hi'
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
        ignored. Returns the number of changes applied.

        >>> log = EditLog("a  b")
        >>> log.apply("squeeze", [(1, 3, " ")])
        1
        >>> log.text, log.edits[0].before, log.edits[0].after
        ('a b', '  ', ' ')
        """
        ordered = sorted(changes, key=lambda c: (c[0], c[1]), reverse=True)
        prev_start = None
        n = 0
        for start, end, after in ordered:
            if not (0 <= start <= end <= len(self._text)):
                raise ValueError(f"{fix}: change ({start}, {end}) outside text of length {len(self._text)}")
            if prev_start is not None and end > prev_start:
                raise ValueError(f"{fix}: overlapping changes at {start}..{end}")
            prev_start = start
            if self._text[start:end] == after:
                continue
            self._apply_one(fix, start, end, after)
            n += 1
        return n

    def _apply_one(self, fix: str, start: int, end: int, after: str) -> None:
        text = self._text
        touching = bisect.bisect_left(self._cends, start)
        touches_edit = touching < len(self.edits) and self._cstarts[touching] <= end
        if start == end and not touches_edit:  # an insertion: widen it over a neighbouring character
            if start > 0:
                start, after = start - 1, text[start - 1] + after
            elif text:
                end, after = 1, after + text[0]
            else:
                raise ValueError(f"{fix}: cannot insert into an empty raw text")
        # edits overlapping or touching [start, end] in clean coordinates are merged
        lo = bisect.bisect_left(self._cends, start)
        hi = bisect.bisect_right(self._cstarts, end)
        merged = range(lo, hi)
        big_start = min([start] + [self._cstarts[k] for k in merged])
        big_end = max([end] + [self._cends[k] for k in merged])
        shift_lo = self._shift_before(lo)
        raw_start = self.edits[lo].raw_start if lo < hi and self._cstarts[lo] == big_start else big_start - shift_lo
        if lo < hi and self._cends[hi - 1] == big_end:
            raw_end = self.edits[hi - 1].raw_end
        else:
            raw_end = big_end - self._shift_before(hi)
        new_after = text[big_start:start] + after + text[end:big_end]
        before = self.raw[raw_start:raw_end]
        names = [self.edits[k].fix for k in merged] + [fix]
        replacement = [] if new_after == before else [Edit(_join_fixes(*names), raw_start, raw_end, before, new_after)]
        self.edits[lo:hi] = replacement
        self._text = text[:start] + after + text[end:]
        self._reindex()

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
