"""The date pass of attribution: when each quote was said."""

from __future__ import annotations

import re

from pipeline.speakers import dates
from pipeline.speakers.cast import Cast, Person
from pipeline.speakers.words import para_bounds, sentence_bounds


def _masked(text: str, spans: list[tuple[int, int]]) -> str:
    """The text with quoted words blanked out, so dates inside quotes are not read as statement dates.

    >>> _masked("On May 2 “on May 3” he said", [(10, 18)])
    'On May 2 “xx xxx x” he said'
    """
    chars = list(text)
    for s, e in spans:
        for i in range(s, min(e, len(chars))):
            if not chars[i].isspace():
                chars[i] = "x"
    return "".join(chars)


def _dated_by_next(results: list[dict]) -> None:
    """A quote that the text does not date takes the date stated in the attribution of the same
    speaker's next quote in the same paragraph (``X said that A. “B,” she said on May 6.``): one
    statement, reported in two parts. Changes ``results`` in place."""
    for cur, nxt in zip(results, results[1:]):
        if cur["date_basis"] != "stated" and nxt["_own_date"] and cur["_speaker"] is not None \
                and nxt["_speaker"] is cur["_speaker"] and nxt["_para"] == cur["_para"] \
                and nxt["_span"][0] >= cur["_span"][1]:
            cur["quote_date"], cur["date_basis"] = nxt["quote_date"], "stated"


_CONTINUATION = re.compile(r"(?i)\b(?:also|further|furthermore|moreover|again|added|adds|adding|continued|continues|went\s+on)\b")


def _continuation(clause: str) -> bool:
    """Whether the words of a sentence up to its speech verb present it as going on with a statement
    already reported (``He also said``, ``She added that``, ``Moreover, he noted``).

    >>> _continuation("He also said"), _continuation("She added that"), _continuation("The minister said")
    (True, True, False)
    """
    return bool(_CONTINUATION.search(clause))


def _attribution_tail(masked: str, pos: int) -> bool:
    """Whether the verb at ``pos`` of a masked text (quotes blanked as ``x``) attributes the quote
    just before it (``“xxx,” she said``) rather than opening a new statement.

    >>> _attribution_tail("“xxx xx,” she said. ", 14), _attribution_tail("She urged them. ", 4)
    (True, False)
    """
    before = masked[max(0, pos - 60):pos]
    m = re.search(r"x[\"”’»']?[,.!?]?[\"”’»']?\s+((?:\S+\s+){0,5})$", before)
    return bool(m) and not re.search(r"[.!?]", m.group(1))


def _intro_date(text: str, cast: Cast, speaker: Person, start: int, published) -> tuple | None:
    """The date of the sentence that introduced the speaker in the paragraph before the quote
    (``X criticised the plan on Monday.`` / ``“...,” X said.``)."""
    ps, _ = para_bounds(text, start)
    if ps == 0:
        return None
    j = ps - 1
    while j > 0 and text[j - 1].isspace():
        j -= 1
    if j <= 0:
        return None
    pps, ppe = para_bounds(text, j - 1)
    for mpos, key in reversed(cast.mentions):
        if key == speaker.key and pps <= mpos <= ppe:
            ss, se = sentence_bounds(text, mpos, pps, ppe)
            found = [d for d in dates.date_mentions(text, published, ss, se) if d.date is not None]
            if found:
                return found[0].date, "stated"
            return None
    return None
