"""Quoted regions: the stretches of text between quotation marks.

:func:`mark_shape` decides whether a double mark opens or closes by what stands on either side of
it, so that the broken marks the normalizer leaves (``matter, ”he said``, ``the deal “, – he said``)
still pair up; :func:`quoted_regions` pairs the marks over paragraphs (a quote left open at a
paragraph end runs on into the next one) and tells nested quotes from stray marks;
:func:`single_quoted_regions` reads quotes in single marks, told from apostrophes.
"""

from __future__ import annotations

from dataclasses import dataclass
import re

from pipeline.quotes.paragraphs import DOUBLE_MARK, DOUBLE_MARKS, SINGLE_MARKS, paragraphs

__all__ = ["mark_shape", "Region", "quoted_regions", "single_quoted_regions"]


_OPENING_CHARS = "“„‟«"


def mark_shape(text: str, i: int) -> str:
    """Whether the double quotation mark at ``text[i]`` looks like it opens or closes a quote.

    Context decides first, the glyph only breaks ties: a mark followed by a space, punctuation or
    the end closes; a mark after a space and before a word opens, except after ``, `` / ``. ``
    before a lower-case word (``matter, ”he said``: a closing mark with the space on the wrong side).

    >>> s = 'He said: “Yes, ”he said. “No” and "x"y'
    >>> [mark_shape(s, i) for i, ch in enumerate(s) if ch in DOUBLE_MARKS]
    ['open', 'close', 'open', 'close', 'open', 'ambig']
    >>> mark_shape('the deal “, – he said', 9)
    'close'
    """
    before = text[i - 1] if i > 0 else "\n"
    after = text[i + 1] if i + 1 < len(text) else "\n"
    if after.isspace() or after in ",.;:!?)]–—-…" or after in DOUBLE_MARKS:
        return "close"
    if before.isspace() or before in "([{–—-:/" or before in DOUBLE_MARKS:
        if before == " " and i >= 2 and text[i - 2] in ",.!?…" and after.islower():
            return "close"
        return "open"
    if text[i] in _OPENING_CHARS and not before.isalnum():
        return "open"
    return "ambig"


@dataclass
class Region:
    """A stretch of text inside quotation marks: ``start``/``end`` exclude the marks and the
    spaces just inside them; ``close`` is the offset after the closing mark (or the paragraph end)."""

    start: int
    end: int
    para: int
    end_para: int
    nested: bool = False
    close: int = 0


def _region(text: str, s: int, e: int, para: int, end_para: int, nested: bool = False) -> Region:
    """The region of the words between the marks at ``s - 1`` and ``e``, inner spaces excluded."""
    close = e + 1 if e < len(text) and (text[e] in DOUBLE_MARKS or text[e] in "'‘’‚‛") else e
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return Region(s, e, para, end_para, nested, close)


def _marks_in(text: str, s: int, e: int) -> list[int]:
    """Offsets of the double quotation marks in ``text[s:e]``."""
    return [m.start() for m in DOUBLE_MARK.finditer(text, s, e)]


def quoted_regions(text: str, paras: list[tuple[int, int]] | None = None) -> list[Region]:
    """Pair the double quotation marks of a text into quoted regions, over paragraphs.

    A quote left open at a paragraph end runs on into the next paragraph when that paragraph
    opens with a mark (the usual convention) or holds an odd number of marks (it closes the quote).
    Inside a quote, an opening mark starts a nested quote only when two more marks follow in the
    paragraph and the second of them does not open (it closes the outer quote); otherwise it is a
    stray mark and the quote goes on.

    >>> t = '“A b c. “D e,” he said. And “x y”.'
    >>> [(r.start, r.end, r.nested) for r in quoted_regions(t)]
    [(1, 13, False), (29, 32, False)]
    >>> t = '"A said: "B c." D e," he said.'
    >>> [(t[r.start:r.end], r.nested) for r in quoted_regions(t)]
    [('A said: "B c." D e,', False), ('B c.', True)]
    >>> t = '"We lost," he said, "but we will be back."'
    >>> [t[r.start:r.end] for r in quoted_regions(t)]
    ['We lost,', 'but we will be back.']
    >>> t = '“One two\\n\\nThree four,” he said.'
    >>> [t[r.start:r.end] for r in quoted_regions(t)]
    ['One two\\n\\nThree four,']
    """
    if paras is None:
        paras = paragraphs(text)
    regions: list[Region] = []
    state = _Pairing()
    for k, (ps, pe) in enumerate(paras):
        marks = _marks_in(text, ps, pe)
        if state.open_at is not None and marks and marks[0] == ps and mark_shape(text, ps) == "open":
            marks = marks[1:]  # continuation mark at the start of a running quote's next paragraph
        _pair_marks(text, marks, k, pe, state, regions)
        state.nested_at = None
        if state.open_at is not None and not _runs_on(text, paras, k, state.open_para):
            if pe > state.open_at:
                regions.append(_region(text, state.open_at, pe, state.open_para, k))
            state.open_at = None
    regions.sort(key=lambda r: (r.start, r.end))
    return regions


@dataclass
class _Pairing:
    """Where :func:`quoted_regions` stands while it reads the marks: the start of the open quote's
    words (None when no quote is open) and its paragraph, and the start of an open nested quote."""

    open_at: int | None = None
    open_para: int = 0
    nested_at: int | None = None


def _pair_marks(text: str, marks: list[int], k: int, pe: int, state: _Pairing, regions: list[Region]) -> None:
    """Read the double marks of paragraph ``k`` (ending at ``pe``) in order, opening and closing
    quotes and nested quotes (appended to ``regions``) from the ``state`` left by the paragraphs
    before."""
    for n, i in enumerate(marks):
        shape = mark_shape(text, i)
        remaining = len(marks) - n - 1
        if state.open_at is None:
            # with no quote open, a mark right before a word opens one, whatever its shape:
            # '“A,” he said, “but B.”' and its straight-quoted form '"A," he said, "but B."'
            if shape != "close" or (text[i] in _OPENING_CHARS or text[i] == '"') and (i + 1 < pe and text[i + 1].isalnum()):
                state.open_at, state.open_para = i + 1, k
        elif state.nested_at is not None:
            if shape != "open":
                regions.append(_region(text, state.nested_at, i, k, k, nested=True))
                state.nested_at = None
        elif shape == "open":
            if remaining >= 2 and mark_shape(text, marks[n + 2]) != "open":
                state.nested_at = i + 1
            # else: a stray mark inside the quote
        else:
            regions.append(_region(text, state.open_at, i, state.open_para, k))
            state.open_at = None


def _runs_on(text: str, paras: list[tuple[int, int]], k: int, open_para: int) -> bool:
    """Whether a quote still open at the end of paragraph ``k`` (opened in ``open_para``) runs on into
    the next paragraph: at most four paragraphs in all, and the next one opens with a mark or holds
    an odd number of marks (one of them closes the quote).

    >>> t = "“One two\\n\\n“Three,” he said."
    >>> _runs_on(t, paragraphs(t), 0, 0)
    True
    """
    if k + 1 >= len(paras) or k + 1 - open_para >= 4:
        return False
    ns, ne = paras[k + 1]
    nmarks = _marks_in(text, ns, ne)
    return bool(nmarks) and (nmarks[0] == ns and mark_shape(text, ns) == "open" or len(nmarks) % 2 == 1)


_SINGLE_MARK = re.compile("[" + re.escape(SINGLE_MARKS) + "]")


def single_quoted_regions(text: str, paras: list[tuple[int, int]] | None = None) -> list[Region]:
    """Quotes in single marks (``'We got this wrong,' he said.``), read only in paragraphs that
    hold no double marks; apostrophes (``don't``, ``Poland’s``, ``the parents' car``) are told
    from closing marks by what stands on either side.

    >>> t = "'We got it wrong,' she said. 'We are sorry.' It's the parents' view."
    >>> [t[r.start:r.end] for r in single_quoted_regions(t)]
    ['We got it wrong,', 'We are sorry.']
    """
    if paras is None:
        paras = paragraphs(text)
    regions: list[Region] = []
    for k, (ps, pe) in enumerate(paras):
        if DOUBLE_MARK.search(text, ps, pe):
            continue
        i = ps
        while i < pe:
            m = _SINGLE_MARK.search(text, i, pe)  # only a single mark can open a quote
            if m is None:
                break
            i = m.start()
            ch = text[i]
            before = text[i - 1] if i > ps else " "
            after = text[i + 1] if i + 1 < pe else " "
            if ch in SINGLE_MARKS and (before.isspace() or before in "([–—-") and (after.isalnum() or after in "…"):
                close = _single_close(text, i + 1, pe)
                if close is not None:
                    regions.append(_region(text, i + 1, close, k, k))
                    i = close + 1
                    continue
            i += 1
    return regions


def _single_close(text: str, start: int, pe: int) -> int | None:
    """The closing single mark of a quote opened just before ``start``, or None."""
    cands = []
    for m in _SINGLE_MARK.finditer(text, start, pe):
        j = m.start()
        prev = text[j - 1]
        nxt = text[j + 1] if j + 1 < pe else " "
        if prev.isalnum() and nxt.isalnum():
            continue  # an apostrophe inside a word
        if prev.isspace() and nxt.isalnum():
            if cands:
                break
            return None  # another opening mark: this one was not a quote
        if nxt.isspace() or nxt in ",.;:!?)–—-" or j + 1 >= pe:
            cands.append((j, prev))
    for j, prev in cands:
        if prev in ",.!?…" or (prev.isalnum() and prev.lower() != "s"):
            return j
    return cands[-1][0] if cands else None
