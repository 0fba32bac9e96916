"""Statement dates: the date on which quoted words were said.

:func:`date_mentions` finds date expressions in a stretch of text and resolves them against
the publication date (``on January 6`` -> that year's January 6, taking the year before when the
day would fall after publication; ``on Monday`` -> the last Monday on or before publication;
``yesterday``/``today``); vague ones (``in early May``, ``a few years ago``, ``last week``) are kept
as stated but with no date. :func:`statement_date` picks the date for one quote (see there).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

__all__ = ["DateMention", "date_mentions", "resolve_month_day", "resolve_weekday", "statement_date", "event_date", "mentions_event"]

MONTHS = {m: i + 1 for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"])}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

_MONTH = r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
_MONTH2 = _MONTH.replace("?P<month>", "?P<month2>")
_PATTERNS = [
    ("iso", re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b")),
    ("dmy_num", re.compile(r"\b(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})\b")),
    ("md", re.compile(rf"\b(?:on\s+)?{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:\s*[-–]\s*\d{{1,2}})?(?:,?\s+(?P<year>\d{{4}}))?\b")),
    ("dm", re.compile(rf"\b(?:on\s+)?(?:the\s+)?(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:\s*[-–]\s*\d{{1,2}})?\s+(?:of\s+)?{_MONTH2}(?:,?\s+(?P<year>\d{{4}}))?\b")),
    ("weekday", re.compile(r"\b(?:on|last|this)\s+(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")),
    ("relative", re.compile(r"\b(?P<rel>yesterday|today|on Monday night)\b", re.IGNORECASE)),
    ("vague", re.compile(
        rf"\b(?:in\s+(?:early|mid|late)[\s-]+{_MONTH.replace('?P<month>', '?:')}|(?:a\s+few|several|\w+)\s+(?:years|months|weeks)\s+ago|"
        r"last\s+(?:year|month|week)|earlier\s+this\s+(?:year|month)|at\s+the\s+time)\b", re.IGNORECASE)),
]


@dataclass(frozen=True)
class DateMention:
    """A date expression at ``text[start:end]``; ``date`` None when it is vague."""

    start: int
    end: int
    date: dt.date | None


def resolve_month_day(month: int, day: int, published: dt.date | None, year: int | None = None) -> dt.date | None:
    """A month and day, with the year taken from the publication date.

    A day that would fall more than a month after publication belongs to the year before.

    >>> resolve_month_day(1, 6, dt.date(2022, 1, 10))
    datetime.date(2022, 1, 6)
    >>> resolve_month_day(12, 30, dt.date(2022, 1, 10))
    datetime.date(2021, 12, 30)
    >>> resolve_month_day(1, 6, None) is None
    True
    """
    if year is None:
        if published is None:
            return None
        year = published.year
        try:
            cand = dt.date(year, month, day)
        except ValueError:
            return None
        if (cand - published).days > 31:
            year -= 1
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def resolve_weekday(weekday: str, published: dt.date | None) -> dt.date | None:
    """The last such weekday on or before the publication date.

    >>> resolve_weekday("Monday", dt.date(2022, 1, 10))
    datetime.date(2022, 1, 10)
    >>> resolve_weekday("friday", dt.date(2022, 1, 10))
    datetime.date(2022, 1, 7)
    """
    if published is None:
        return None
    target = WEEKDAYS.index(weekday.lower())
    return published - dt.timedelta(days=(published.weekday() - target) % 7)


def date_mentions(text: str, published: dt.date | None, start: int = 0, end: int | None = None) -> list[DateMention]:
    """Date expressions in ``text[start:end]``, resolved against ``published``.

    >>> [m.date for m in date_mentions("Afterwards, on March 3, she said", dt.date(2022, 3, 10))]
    [datetime.date(2022, 3, 3)]
    >>> [m.date for m in date_mentions("took place on Monday in the capital", dt.date(2022, 1, 10))]
    [datetime.date(2022, 1, 10)]
    >>> [m.date for m in date_mentions("in late June, the mayor", dt.date(2022, 7, 2))]
    [None]
    >>> date_mentions("the 30-year history", dt.date(2022, 5, 17))
    []
    """
    end = len(text) if end is None else end
    found: list[DateMention] = []
    for kind, rx in _PATTERNS:
        for m in rx.finditer(text, start, end):
            if any(f.start < m.end() and m.start() < f.end for f in found):
                continue
            date = None
            if kind == "iso":
                date = _safe(int(m["y"]), int(m["m"]), int(m["d"]))
            elif kind == "dmy_num":
                date = _safe(int(m["y"]), int(m["m"]), int(m["d"]))
            elif kind in ("md", "dm"):
                month = MONTHS[(m.group("month") if kind == "md" else m.group("month2")).lower().rstrip(".")]
                year = int(m["year"]) if m["year"] else None
                date = resolve_month_day(month, int(m["day"]), published, year)
            elif kind == "weekday":
                date = resolve_weekday(m["wd"], published)
            elif kind == "relative":
                rel = m["rel"].lower()
                if published is not None:
                    date = published - dt.timedelta(days=1) if rel == "yesterday" else published
            found.append(DateMention(m.start(), m.end(), date))
    return sorted(found, key=lambda f: f.start)


def _safe(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


_EVENT = re.compile(r"\b(summit|meeting|session|conference|forum|talks|congress|hearing|briefing|press conference|"
                    r"interview|debate|speech|address|rally|ceremony|visit)\b", re.IGNORECASE)


def mentions_event(text: str) -> bool:
    """Whether a stretch of text speaks of an event (summit, session, press conference ...).

    >>> mentions_event("During the hearing, he said"), mentions_event("He said")
    (True, False)
    """
    return bool(_EVENT.search(text))


def event_date(text: str, published: dt.date | None) -> dt.date | None:
    """The date of the one event an article reports (``the summit, held on May 16``), if exactly
    one dated event sentence gives a single date; quotes said at that event take its date.

    >>> event_date("The summit was held on Monday. It rained.", dt.date(2022, 1, 10))
    datetime.date(2022, 1, 10)
    >>> event_date("The summit was on May 3. The meeting on May 5.", dt.date(2022, 5, 10)) is None
    True
    """
    dates = set()
    for sm in re.finditer(r"[^.!?\n]+[.!?]?", text):
        sent = sm.group(0)
        if not _EVENT.search(sent):
            continue
        for dm in date_mentions(sent, published):
            if dm.date is not None:
                dates.add(dm.date)
    return dates.pop() if len(dates) == 1 else None


def statement_date(
    text: str,
    published: dt.date | None,
    clause: tuple[int, int],
    paragraph: tuple[int, int],
    previous: tuple[dt.date | None, str | None] | None = None,
    event: dt.date | None = None,
) -> tuple[dt.date | None, str | None]:
    """``(quote_date, date_basis)`` for one quote.

    In order: a date in the attribution clause (``clause``: the sentence that holds the cue);
    a definite date earlier in the same paragraph; the date of the same speaker's previous quote when it
    is adjacent (``previous``); the article's single event date (``event``); else the publication
    date (basis ``publication``); ``(None, None)`` when there is none. A vague date gives
    ``(None, "stated")``.

    >>> t = "On January 5, he asked for help. “It is war,” he said."
    >>> statement_date(t, dt.date(2022, 1, 10), (33, 53), (0, 53))
    (datetime.date(2022, 1, 5), 'stated')
    >>> statement_date("“No,” he said.", dt.date(2022, 1, 10), (0, 14), (0, 14))
    (datetime.date(2022, 1, 10), 'publication')
    >>> statement_date("“No,” he said.", None, (0, 14), (0, 14))
    (None, None)
    """
    cs, ce = clause
    ms = date_mentions(text, published, cs, ce)
    if ms:
        return ms[0].date, "stated"
    ps, pe = paragraph
    ms = [m for m in date_mentions(text, published, ps, cs) if m.date is not None]
    if ms:
        return ms[-1].date, "stated"
    if previous is not None and previous[1] == "stated":
        return previous
    if event is not None:
        return event, "stated"
    if published is not None:
        return published, "publication"
    return None, None
