"""Article metadata read from the text of the page: headline, publication date, byline, outlet.

Used by the normalize stage only where the input row does not give a value. Each extractor
is a small function ``str -> value | None`` over the raw text (metadata lines are often the
furniture that normalization removes, so they are read before it).

The line-level rules it shares with furniture removal live in :mod:`pipeline.text.lines`: one
date in a line (:func:`pipeline.text.lines.find_date`: ``Feb 3, 2021``, ``Tuesday, March 2,
2021``, ``21.06.2021 14:05``, ``2021-06-21``, ``21 June 2021``), bylines, person-name lines,
mastheads and the headline's index.

* :func:`extract_published` — the first date line in the page header;
* :func:`extract_title` — the headline: first substantial non-date, non-furniture line;
* :func:`extract_author` — a byline (``By X``, ``Own. corr. X``) anywhere, else a lone
  person-name line (``Jane Roe``, ``John Doe.``) in the header after the headline;
* :func:`extract_publisher` — the outlet when the page names itself
  (``The post … appeared first on X.``, ``© X``, ``Subscribe to X news``).

>>> page = "Tuesday, March 2, 2021\\n\\nWhat the council should learn\\n\\nBy Jane Roe\\n\\n© 2021 Daily Example"
>>> extract_metadata(page)
{'title': 'What the council should learn', 'published': datetime.date(2021, 3, 2), 'author': 'Jane Roe', 'publisher': 'Daily Example'}
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from pipeline.lexicons import lexicon_lines, named_regexes, phrase_alternation
from pipeline.text.lines import (
    BODY_WORDS,
    byline_author,
    clean_line,
    date_patterns,
    find_date_span,
    headline_index,
    is_masthead,
    is_person_line,
    line_rule,
    months,
    n_words,
)

__all__ = [
    "METADATA_FIELDS",
    "extract_published",
    "extract_title",
    "extract_author",
    "extract_publisher",
    "extract_metadata",
    "month_first_page",
    "labelled_date",
    "dateline_date",
]

#: the fields read from the page, the keys of :func:`extract_metadata`
METADATA_FIELDS = ("title", "published", "author", "publisher")
#: the page header (where dates and bylines are looked for) is at most this many non-blank lines
HEADER_LINES = 12
#: a header date counts when it starts within this many characters of its line
DATE_START = 40
#: a labelled date line ("Published ... | Updated ...") has at most this many words; longer is a sentence
LABEL_LINE_WORDS = 16


@lru_cache(maxsize=1)
def _us_zone_re() -> re.Pattern:
    zones = lexicon_lines("metadata_us_time_zones.txt")
    return re.compile(r"\d\s*(?:[ap]\.?m\.?\s*)?\(?(?:" + "|".join(zones) + r")\b")


def month_first_page(text: str) -> bool:
    """Whether the page writes its dates month first (the US convention), so that an ambiguous
    ``03/05/2026`` is March 5: it prints a US time zone after a time (``9:14 am EST``), or more of
    its written dates put the month first (``March 5, 2026``) than the day (``5 March 2026``,
    ``05.03.2026``, ``25/12/2026``). Day first is the default: most of the world writes it.

    >>> month_first_page("March 5, 2026 at 9:14 am EST"), month_first_page("5 March 2026 14:22")
    (True, False)
    >>> month_first_page("Posted 03/05/2026. Talks began on March 1, 2026.")
    True
    >>> month_first_page("03/05/2026")
    False
    """
    if _us_zone_re().search(text):
        return True
    md = dm = 0
    for name, rx in date_patterns():
        for m in rx.finditer(text):
            if name == "month_day_year":
                md += 1
            elif name in ("day_month_year", "dotted"):
                dm += 1
            elif name == "slashed":
                a, b = int(m["a"]), int(m["b"])
                md += b > 12 >= a
                dm += a > 12 >= b
    return md > dm


def _header(lines: list[str]) -> list[int]:
    """Indices of the header lines: the first non-blank lines, up to the first long paragraph."""
    out = []
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        if n_words(line) >= BODY_WORDS or len(out) >= HEADER_LINES:
            break
        out.append(i)
    return out


def _first_body(lines: list[str]) -> str:
    """The first body paragraph (a line of at least ``BODY_WORDS`` words), or ''."""
    return next((line for line in lines if n_words(line) >= BODY_WORDS), "")


_DATELINE_PLACE = re.compile(r"[A-Z][\w .'’-]{0,40}(?:,\s*[A-Z][\w .'’-]{0,30}){0,2},\s*$")


@lru_cache(maxsize=1)
def _label_re() -> re.Pattern:
    alt = phrase_alternation(lexicon_lines("metadata_date_labels.txt"))
    return re.compile(rf"^\W{{0,3}}(?:{alt})\b\s*(?:on|at)?\s*:?\s*", re.I)


def labelled_date(text: str, month_first: bool = False) -> dt.date | None:
    """The date of the first line, anywhere on the page, that a publication label
    (``metadata_date_labels.txt``: ``Published``, ``Posted on``, ``Last updated:``) opens,
    with the date within :data:`DATE_START` characters after the label.

    >>> labelled_date("Body text on May 2, 2021.\\nLast updated: 05.03.2026")
    datetime.date(2026, 3, 5)
    >>> labelled_date("Published Mar. 3, 2025 | Updated Mar. 3, 2025 6:10 p.m.")
    datetime.date(2025, 3, 3)
    >>> labelled_date("Dated letters arrived on 5 March 2026.") is None
    True
    >>> labelled_date("Updated figures published on 3 March 2026 show that prices rose faster than wages in every region.") is None
    True
    >>> labelled_date("Court Reporter | Pune | First published: Mar 4, 2025, 08:05 IST")
    datetime.date(2025, 3, 4)
    """
    for line in text.splitlines():
        line = clean_line(line)
        if n_words(line) > LABEL_LINE_WORDS:
            continue
        for s in _FIELD_SEP.split(line):  # a byline's fields: "Reporter | City | Published: ..."
            m = _label_re().match(s)
            if not m:
                continue
            span = find_date_span(s[m.end():], month_first)
            if span is not None and span[0] <= DATE_START:
                return span[2]
    return None


#: what separates the fields of a byline or date line: "By Ana Ruiz | Lisbon | Published ..."
_FIELD_SEP = re.compile(r"\s+[|·•]\s+")


@lru_cache(maxsize=1)
def _dateline_re() -> re.Pattern:
    month = "(?i:" + "|".join(sorted(months(), key=len, reverse=True)) + r")\.?"
    place = r"[A-Z][\w.'’-]*(?:[ -][A-Z][\w.'’-]*){0,3}(?:,\s*[A-Z][\w.'’-]*(?:[ -][A-Z][\w.'’-]*){0,3}){0,2}"
    date = rf"(?P<md>(?P<month>{month})\s+(?P<day>\d{{1,2}}))|(?P<dm>(?P<day2>\d{{1,2}})\s+(?P<month2>{month}))"
    return re.compile(rf"(?P<place>{place}),?\s+(?:{date})(?:st|nd|rd|th)?(?!,?\s*\d)\s*(?:\([^()\n]{{1,40}}\))?\s*(?:[-–—:]|\.-)")


def _page_year(text: str, month_first: bool) -> int | None:
    """The one year of all full dates written on the page (None when none or several)."""
    years = set()
    for line in text.splitlines():
        pos = 0
        while (span := find_date_span(line[pos:], month_first)) is not None:
            years.add(span[2].year)
            pos += span[1]
    return years.pop() if len(years) == 1 else None


def dateline_date(text: str, month_first: bool = False) -> dt.date | None:
    """The date of a wire-style dateline without a year opening the first body paragraph or a
    header line (``CITY, March 5 (Agency) -``, ``City, 5 March -``), the year taken from the full
    dates elsewhere on the page when they all give one year; None otherwise (a year is never guessed).

    >>> page = "Headline\\n\\nOSLO, March 5 (Example Wire) - Talks began. " + "word " * 20 + "\\n\\nFiled 5 March 2026."
    >>> dateline_date(page)
    datetime.date(2026, 3, 5)
    >>> dateline_date(page.replace("Filed 5 March 2026.", "")) is None
    True
    """
    lines = text.splitlines()
    for s in [lines[i].strip() for i in _header(lines)] + [_first_body(lines).strip()]:
        m = _dateline_re().match(s)
        if not m:
            continue
        year = _page_year(text, month_first)
        if year is None:
            return None
        month = months()[(m["month"] or m["month2"]).lower().rstrip(".")]
        try:
            return dt.date(year, month, int(m["day"] or m["day2"]))
        except ValueError:
            return None
    return None


def extract_published(text: str) -> dt.date | None:
    """The publication date, the first that labels the article: a header line giving a date near
    its start (within :data:`DATE_START` characters: ``Posted Wed 3 Feb 2021``); else a line
    anywhere opened by a publication label (:func:`labelled_date`); else a dateline opening the
    first body paragraph (``LYON, France, October 5, 2021 -- ...``), or one without a year
    (:func:`dateline_date`). Numeric dates are read day first unless the page is US
    (:func:`month_first_page`).

    >>> extract_published("Feb 3, 2021\\n0 0\\n\\nHeadline")
    datetime.date(2021, 2, 3)
    >>> extract_published("Headline\\n\\nPARIS, March 3, 2024 - The " + "many words " * 12)
    datetime.date(2024, 3, 3)
    >>> extract_published("Headline\\n\\nBody of text on May 16, 2022 with " + "many words " * 12) is None
    True
    """
    lines = text.splitlines()
    month_first = month_first_page(text)
    for i in _header(lines):
        span = find_date_span(lines[i].strip(), month_first)
        if span is not None and span[0] <= DATE_START:
            return span[2]
    found = labelled_date(text, month_first)
    if found is not None:
        return found
    body = _first_body(lines).strip()
    span = find_date_span(body[:120], month_first)
    if span is not None and _DATELINE_PLACE.fullmatch(body[: span[0]]):
        return span[2]
    return dateline_date(text, month_first)


def extract_title(text: str) -> str | None:
    """The headline (:func:`pipeline.text.lines.headline_index`), spaces cleaned.

    >>> extract_title("Feb 3, 2021\\n0 0\\n\\nUSA:  Tokyo must decide \\n\\nBody")
    'USA: Tokyo must decide'
    """
    lines = text.splitlines()
    i = headline_index(lines)
    return clean_line(lines[i]) if i is not None else None


def extract_author(text: str) -> str | None:
    """The byline: a ``By X`` / ``Own. corr. X`` / ``X, Health correspondent`` line anywhere on
    the page, else a lone person-name line in the header after the headline, else a phrase
    naming the author in the body (``Our correspondent X spoke with ...``).

    >>> extract_author("Headline of a story\\n\\nJane Roe\\n\\nBody")
    'Jane Roe'
    >>> extract_author("Headline here\\n\\nBody text.\\n\\nOwn. corr. ABC\\n")
    'ABC'
    >>> extract_author("Headline of a story\\n\\nBy then, all was over.") is None
    True
    """
    lines = text.splitlines()
    for line in lines:
        author = byline_author(line)
        if author:
            return author
    head = headline_index(lines)
    for i in _header(lines):
        if head is None or i <= head:
            continue
        s = clean_line(lines[i])
        if is_person_line(s) and s != clean_line(lines[head]):
            return s.rstrip(".")
    for _name, rx in named_regexes("metadata_author_phrases.txt"):
        m = rx.search(text)
        if m:
            return m["author"]
    return None


def extract_publisher(text: str) -> str | None:
    """The outlet, when the page names itself: a line of
    ``metadata_publisher_patterns.txt`` (rules in file order; ``dateline_*`` rules only on the
    header and the first body paragraph), else a masthead line in the header.

    >>> extract_publisher("Body.\\nThe post A story appeared first on The Example Post.")
    'The Example Post'
    >>> extract_publisher("Subscribe to ExampleNews news at Telegram and Zen.")
    'ExampleNews'
    >>> extract_publisher("Subscribe to our channel in Telegram") is None
    True
    >>> extract_publisher("Riverside Gazette\\n\\nCouncil votes on the budget\\n\\nBody.")
    'Riverside Gazette'
    """
    lines = [clean_line(line) for line in text.splitlines()]
    top = [lines[i] for i in _header(lines)] + [clean_line(_first_body(lines))]
    for name, rx in named_regexes("metadata_publisher_patterns.txt", re.I):
        for s in top if name.startswith("dateline") else lines:
            m = rx.fullmatch(s) if s else None
            if m and m["publisher"].strip():
                return m["publisher"].strip().rstrip(".")
    head = headline_index(lines)
    for i in _header(lines):
        if (head is None or i < head) and is_masthead(lines[i]) and line_rule(lines[i], "header") is None:
            return lines[i].rstrip(".")
    return None


def extract_metadata(text: str) -> dict:
    """All four fields at once: ``{title, published, author, publisher}`` (None when absent)."""
    return {
        "title": extract_title(text),
        "published": extract_published(text),
        "author": extract_author(text),
        "publisher": extract_publisher(text),
    }
