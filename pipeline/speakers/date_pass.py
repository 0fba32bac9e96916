"""The date pass of attribution: when each quote was said.

The quotes of an article are dated in order (:func:`pipeline.speakers.dates.statement_date` reads the
date stated at the quote, in its clause or paragraph, the text's dates blanked inside quotes); a quote
takes over a date from before it when it goes on with the same speaker's dated statement (no new speech
act in between), when the sentence that introduced its speaker is dated, or when it is said ``at the same
time``; a quote in a paragraph about the article's dated event is dated to the event. Then a quote the text
does not date takes the date of the same speaker's next quote in the paragraph; a day with no year is kept
as a month-day (``stated_day``).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from pipeline.speakers import dates
from pipeline.speakers.cast import Person
from pipeline.speakers.quote_row import QuoteRow
from pipeline.speakers.words import para_bounds, sentence_bounds, sentence_start, speech_verb_re

__all__ = ["date_quotes"]


@dataclass(frozen=True)
class _ArticleDates:
    """What an article says about dates, read once: its text with quotes blanked, its publication date,
    its dated event (with the event nouns and whether its lede is that dated act), the day of an undated
    article's dateline."""

    text: str
    masked: str
    published: dt.date | None
    event: dt.date | None
    lede_event: bool
    event_words: frozenset[str]
    filed: dt.date | None


@dataclass(frozen=True)
class _DatedTurn:
    """The latest dated quote with a speaker: who, in which paragraph, its (date, basis), its end."""

    person: Person
    para: int
    date: tuple
    end: int


def date_quotes(text: str, published: dt.date | None, rows: list[QuoteRow]) -> None:
    """The date pass: fills ``quote_date``, ``date_basis``, ``own_date`` and ``stated_day`` of every row,
    reading the speakers and the mentions the speaker pass recorded."""
    art = _article_dates(text, published, rows)
    last: _DatedTurn | None = None
    at_event: set[str] = set()
    for row in rows:
        _date_quote(art, row, last, at_event)
        if row.speaker is not None:
            last = _DatedTurn(row.speaker, row.para, (row.quote_date, row.date_basis), row.end)
    _dated_by_next(rows)
    for row in rows:
        # a stated day with no year to put it in (an undated article): kept as an ISO 8601 month-day
        # ("--01-06") for the resolve stage, which may date it from the corpus
        row.stated_day = row.quote_date.strftime("--%m-%d") if dates.is_yearless(row.quote_date) else None
        if row.stated_day:
            row.quote_date = None


def _article_dates(text: str, published: dt.date | None, rows: list[QuoteRow]) -> _ArticleDates:
    """The dates of an article that every quote's date reads."""
    event = dates.event_date(text, published)
    # a story built on a dated act in its lede: its quotes were said at that occasion
    lede_event = event is not None and dates.lede_date(text, published) == event \
        and dates.is_public_act(dates.lede_sentence(text) or "")
    event_words = dates.event_nouns(text, published) if event is not None else frozenset()
    # an undated article filed under a dateline: its quotes were said by that day (year unknown)
    filed = dates.dateline_day(text) if published is None else None
    masked = _masked(text, [(row.start, row.end) for row in rows])
    return _ArticleDates(text, masked, published, event, lede_event, event_words, filed)


def _date_quote(art: _ArticleDates, row: QuoteRow, last: _DatedTurn | None, at_event: set[str]) -> None:
    """The date of one quote: stated in its clause or paragraph, else carried over (see the module)."""
    text, masked = art.text, art.masked
    ps, pe, clause = _clause(text, row)
    anchor_at = row.cue_start if row.kind == "indirect" and row.cue_start is not None else row.start
    previous = _previous_date(art, row, last)
    if last is not None and last.date[1] == "stated" \
            and dates.same_time(masked[sentence_start(masked, anchor_at):anchor_at]):
        # "At the same time, X said that ...": the time of the statement reported just before
        previous = last.date
    ev_here = _event_here(art, row, (ps, pe), clause, anchor_at, at_event)
    qdate, basis = dates.statement_date(masked, art.published, clause, (ps, pe), previous, ev_here)
    if qdate is None and basis is None and art.filed is not None:
        qdate, basis = art.filed, "publication"
    row.quote_date, row.date_basis = qdate, basis
    row.own_date = basis == "stated" and bool(dates.date_mentions(masked, art.published, *clause))
    if ev_here is not None and qdate == art.event and row.speaker is not None:
        at_event.add(row.speaker.key)


def _clause(text: str, row: QuoteRow) -> tuple[int, int, tuple[int, int]]:
    """The paragraph (start, end) a quote's date is read in (from its cue's paragraph on) and the clause
    of its attribution (the cue's sentence outside the quote; the quote's start when it has no cue)."""
    ps, pe = para_bounds(text, row.start)
    if row.cue_start is None:
        return ps, pe, (row.start, row.start)
    cs = row.cue_start
    clause = sentence_bounds(text, cs, *para_bounds(text, cs))
    if row.kind != "indirect":
        clause = (max(clause[0], row.end), clause[1]) if cs >= row.end else (clause[0], min(clause[1], row.start))
    return min(ps, para_bounds(text, cs)[0]), pe, clause


def _fresh_act(art: _ArticleDates, row: QuoteRow, last: _DatedTurn | None) -> bool:
    """Whether a new speech act comes before the quote in its paragraph (``She urged ... now. “...”``), or
    reported speech stands in a sentence of its own that does not say it goes on (``The minister said
    the state would ...``, not ``He also said``)."""
    text = art.text
    head = art.masked[para_bounds(text, row.start)[0]:row.start]
    if row.kind == "indirect" and row.cue_start is not None:
        head = art.masked[para_bounds(text, row.start)[0]:row.cue_start]
    fresh = any(not _attribution_tail(head, m.start()) for m in speech_verb_re().finditer(head))
    if row.kind == "indirect" and row.cue_start is not None and last is not None:
        cs0 = row.cue_start
        fresh = fresh or (sentence_start(text, cs0) >= last.end
                          and not _continuation(text[sentence_start(text, cs0):max(cs0, row.cue_end)]))
    return fresh


def _previous_date(art: _ArticleDates, row: QuoteRow, last: _DatedTurn | None) -> tuple | None:
    """The date a quote takes over when its text states none: a quote that goes on from the same
    speaker's dated statement (within a paragraph, no new speech act) shares its date; otherwise the date
    of the sentence that introduced the speaker in the paragraph before."""
    speaker = row.speaker
    if speaker is None:
        return None
    fresh = _fresh_act(art, row, last)
    if last is not None and last.person is speaker and row.para - last.para <= 1 and not fresh:
        return last.date
    if not fresh:
        return _intro_date(art.text, row.speaker_mentions, row.start, art.published)
    return None


def _event_here(art: _ArticleDates, row: QuoteRow, para: tuple[int, int], clause: tuple[int, int], anchor_at: int,
                at_event: set[str]) -> dt.date | None:
    """The article's event date when the quote's paragraph (or the one before) speaks of the event, or its
    speaker was already quoted at it; not when the quote's own sentence names another occasion (``In an
    interview, she said``)."""
    if art.event is None:
        return None
    text, masked = art.text, art.masked
    ps, pe = para
    j = ps - 1
    while j > 0 and text[j - 1].isspace():
        j -= 1
    prev_para = text[para_bounds(text, j - 1)[0]:j] if j > 0 else ""
    own = masked[sentence_start(masked, anchor_at):max(anchor_at, clause[1], row.end)]
    if (art.lede_event or dates.mentions_event(text[ps:pe]) or dates.mentions_event(prev_para)
            or (row.speaker is not None and row.speaker.key in at_event)) \
            and not (art.event_words and dates.other_event(own, art.event_words)):
        return art.event
    return None


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


def _dated_by_next(rows: list[QuoteRow]) -> None:
    """A quote that the text does not date takes the date stated in the attribution of the same
    speaker's next quote in the same paragraph (``X said that A. “B,” she said on May 6.``): one
    statement, reported in two parts. Changes ``rows`` in place."""
    for cur, nxt in zip(rows, rows[1:]):
        if cur.date_basis != "stated" and nxt.own_date and cur.speaker is not None \
                and nxt.speaker is cur.speaker and nxt.para == cur.para and nxt.start >= cur.end:
            cur.quote_date, cur.date_basis = nxt.quote_date, "stated"


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


def _intro_date(text: str, speaker_mentions: tuple[int, ...], start: int, published) -> tuple | None:
    """The date of the sentence that introduced the speaker in the paragraph before the quote
    (``X criticised the plan on Monday.`` / ``“...,” X said.``): the latest of the speaker's mentions
    (``speaker_mentions``, in the cast's order) in that paragraph."""
    ps, _ = para_bounds(text, start)
    if ps == 0:
        return None
    j = ps - 1
    while j > 0 and text[j - 1].isspace():
        j -= 1
    if j <= 0:
        return None
    pps, ppe = para_bounds(text, j - 1)
    for mpos in reversed(speaker_mentions):
        if pps <= mpos <= ppe:
            ss, se = sentence_bounds(text, mpos, pps, ppe)
            found = [d for d in dates.date_mentions(text, published, ss, se) if d.date is not None]
            if found:
                return found[0].date, "stated"
            return None
    return None
