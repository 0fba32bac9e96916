"""Text geometry shared by the quote finders: the quotation marks and dashes, the paragraphs of a
text, overlaps of spans and the words of a stretch, and :class:`ArticleText` (one article as the
finders read it). No rules about speech here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

__all__ = [
    "ArticleText", "DOUBLE_MARKS", "SINGLE_MARKS", "DASHES", "DOUBLE_MARK", "paragraphs", "overlap",
    "word_list"
]


#: double quotation marks of every style (single quotes are left to nesting)
DOUBLE_MARKS = "\"“”„‟«»″"

#: single quotation marks of every style (they double as apostrophes)
SINGLE_MARKS = "'‘’‚‛"

#: dashes that open speech or set off an attribution (and the hyphen, written for them)
DASHES = "–—―-"

#: one double quotation mark
DOUBLE_MARK = re.compile("[" + re.escape(DOUBLE_MARKS) + "]")


def paragraphs(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every non-blank line of ``text``, surrounding whitespace excluded.

    >>> paragraphs("  One.\\n\\nTwo two. \\n")
    [(2, 6), (8, 16)]
    """
    out = []
    for m in re.finditer(r"[^\n]+", text):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    """How many characters the spans ``a`` and ``b`` share.

    >>> overlap((0, 10), (5, 20)), overlap((0, 3), (5, 9))
    (5, 0)
    """
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def word_list(s: str) -> list[str]:
    """The words of ``s`` (letters, digits, apostrophes and hyphens).

    >>> word_list("“It’s a well-run town,” he said.")
    ['It’s', 'a', 'well-run', 'town', 'he', 'said']
    """
    return re.findall(r"[\w’'-]+", s)


@dataclass(frozen=True)
class ArticleText:
    """One article as the quote finders read it: its clean ``text``, its ``paras``
    (:func:`paragraphs`) and the parsed units of the segment stage's one parse
    (``docs``: unit start offset -> ``(paragraph index, spaCy Doc)``)."""

    text: str
    paras: list[tuple[int, int]]
    docs: dict[int, tuple[int, object]] = field(default_factory=dict)
