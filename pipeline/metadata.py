"""Article metadata read from the text of the page: headline, publication date, byline, outlet.

Used by the normalize stage only where the input row does not give a value. Each extractor
is a small function ``str -> value | None`` over the raw text (metadata lines are often the
furniture that normalization removes, so they are read before it).

* :func:`find_date` — one date in a line (``Jan 10, 2022``, ``Monday, January 10, 2022``,
  ``17.05.2022 01:36``, ``2022-01-10``, ``10 January 2022``);
* :func:`extract_published` — the first date line in the page header;
* :func:`extract_title` — the headline: first substantial non-date, non-furniture line;
* :func:`extract_author` — a byline (``By X``, ``Own. corr. X``) anywhere, else a lone
  person-name line (``Anna Gromova``, ``Ainur Kurmanov.``) in the header after the headline;
* :func:`extract_publisher` — the outlet when the page names itself
  (``The post … appeared first on X.``, ``© X``, ``Subscribe to X news``).

>>> page = "Monday, January 10, 2022\\n\\nWhat lessons should be learned\\n\\nBy Jane Roe\\n\\n© 2022 Daily Example"
>>> extract_metadata(page)
{'title': 'What lessons should be learned', 'published': datetime.date(2022, 1, 10), 'author': 'Jane Roe', 'publisher': 'Daily Example'}
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from pathlib import Path

from pipeline.furniture import headline_index, line_rule

__all__ = [
    "find_date",
    "extract_published",
    "extract_title",
    "extract_author",
    "extract_publisher",
    "extract_metadata",
    "is_byline",
    "months",
]

LEXICONS = Path(__file__).parent / "lexicons"
#: the page header (where dates and bylines are looked for) is at most this many non-blank lines
HEADER_LINES = 12
#: a header line longer than this many words is body text, not a date or byline line
SHORT_LINE_WORDS = 10

_WORDS = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=1)
def months() -> dict[str, int]:
    """Month names and abbreviations (lower case, from ``lexicons/metadata_months.txt``) -> number.

    >>> months()["sept"], months()["may"]
    (9, 5)
    """
    table: dict[str, int] = {}
    lines = (LEXICONS / "metadata_months.txt").read_text(encoding="utf-8").splitlines()
    for number, line in enumerate((s for s in lines if s.strip() and not s.startswith("#")), start=1):
        for name in line.split():
            table[name.rstrip(".")] = number
    return table


@lru_cache(maxsize=1)
def _date_patterns() -> tuple[tuple[str, re.Pattern], ...]:
    month = "(?P<month>" + "|".join(sorted(months(), key=len, reverse=True)) + r")\.?"
    return (
        ("month_day_year", re.compile(rf"\b{month}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})(?!\d)", re.I)),
        ("day_month_year", re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{month},?\s+(?P<year>\d{{4}})(?!\d)", re.I)),
        ("iso", re.compile(r"(?<!\d)(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})(?!\d)")),
        ("dotted", re.compile(r"(?<![\d.])(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>\d{4})(?!\d)")),
        ("slashed", re.compile(r"(?<![\d/])(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<year>\d{4})(?!\d)")),
    )


def find_date(line: str) -> dt.date | None:
    """The first full date (with a year) written in ``line``, or None.

    Slashed dates are read day-first or month-first only when one reading is impossible.

    >>> find_date("Jan 10, 2022"), find_date("Monday, January 10, 2022"), find_date("17.05.2022 01:36")
    (datetime.date(2022, 1, 10), datetime.date(2022, 1, 10), datetime.date(2022, 5, 17))
    >>> find_date("10 January 08:28"), find_date("5/6/2022"), find_date("25/12/2021")
    (None, None, datetime.date(2021, 12, 25))
    """
    found: list[tuple[int, dt.date]] = []
    for name, rx in _date_patterns():
        for m in rx.finditer(line):
            year = int(m["year"])
            if name == "slashed":
                a, b = int(m["a"]), int(m["b"])
                if a > 12 >= b:
                    day, month = a, b
                elif b > 12 >= a:
                    day, month = b, a
                else:
                    continue
            else:
                day = int(m["day"])
                month = months()[m["month"].lower().rstrip(".")] if not m["month"].isdigit() else int(m["month"])
            try:
                found.append((m.start(), dt.date(year, month, day)))
            except ValueError:
                continue
            break
    return min(found)[1] if found else None


def _header(lines: list[str]) -> list[int]:
    """Indices of the header lines: the first non-blank lines, up to the first long paragraph."""
    out = []
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        if len(_WORDS.findall(line)) >= 20 or len(out) >= HEADER_LINES:
            break
        out.append(i)
    return out


def _clean(line: str) -> str:
    return _SPACES.sub(" ", line).strip()


def extract_published(text: str) -> dt.date | None:
    """The publication date: the first short header line holding a full date.

    >>> extract_published("Jan 9, 2022\\n0 0\\n\\nHeadline")
    datetime.date(2022, 1, 9)
    >>> extract_published("Headline\\n\\nBody of text on May 16, 2022 with " + "many words " * 12) is None
    True
    """
    lines = text.splitlines()
    for i in _header(lines):
        if len(_WORDS.findall(lines[i])) <= SHORT_LINE_WORDS:
            date = find_date(lines[i])
            if date is not None:
                return date
    return None


def extract_title(text: str) -> str | None:
    """The headline: the first line of three or more words that is no date and no furniture.

    >>> extract_title("Jan 10, 2022\\n0 0\\n\\nUSA:  Tokyo must decide \\n\\nBody")
    'USA: Tokyo must decide'
    """
    lines = text.splitlines()
    i = headline_index(lines)
    return _clean(lines[i]) if i is not None else None


@lru_cache(maxsize=None)
def _named_patterns(file: str, flags: int) -> tuple[tuple[str, re.Pattern], ...]:
    rules = []
    for line in (LEXICONS / file).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, regex = line.split(None, 1)
            rules.append((name, re.compile(regex.strip(), flags)))
    return tuple(rules)


def is_byline(line: str) -> bool:
    """Whether the line is a byline (``By X``, ``Own. corr. X``, ``Author: X``).

    >>> is_byline("By Jane Roe"), is_byline("By then, all was over.")
    (True, False)
    """
    s = _clean(line)
    return any(rx.fullmatch(s) for _name, rx in _named_patterns("metadata_byline_patterns.txt", 0))


_PERSON_LINE = re.compile(r"[A-Z][a-z'’\-]+(?: [A-Z][a-z'’\-]+){1,3}\.?")


def extract_author(text: str) -> str | None:
    """The byline: a ``By X`` / ``Own. corr. X`` / ``Author: X`` line anywhere on the page, else
    a lone person-name line in the header, after the headline.

    >>> extract_author("Headline of a story\\n\\nAnna Gromova\\n\\nBody")
    'Anna Gromova'
    >>> extract_author("Headline here\\n\\nBody text.\\n\\nOwn. corr. FSK\\n")
    'FSK'
    >>> extract_author("Headline of a story\\n\\nBy then, all was over.") is None
    True
    """
    lines = text.splitlines()
    rules = _named_patterns("metadata_byline_patterns.txt", 0)
    for line in lines:
        s = _clean(line)
        if not s or len(_WORDS.findall(s)) > SHORT_LINE_WORDS:
            continue
        for _name, rx in rules:
            m = rx.fullmatch(s)
            if m:
                return m["author"].strip().rstrip(".")
    head = headline_index(lines)
    for i in _header(lines):
        if head is None or i <= head:
            continue
        s = _clean(lines[i])
        if _PERSON_LINE.fullmatch(s) and line_rule(s) is None and s != _clean(lines[head]):
            return s.rstrip(".")
    return None


def extract_publisher(text: str) -> str | None:
    """The outlet, when the page names itself (first matching line, rules in lexicon order).

    >>> extract_publisher("Body.\\nThe post A story appeared first on The Frontier Post.")
    'The Frontier Post'
    >>> extract_publisher("Subscribe to ExampleNews news at Telegram and Zen.")
    'ExampleNews'
    >>> extract_publisher("The ministry said the outlet was closed.") is None
    True
    """
    lines = [_clean(line) for line in text.splitlines()]
    for _name, rx in _named_patterns("metadata_publisher_patterns.txt", re.I):
        for s in lines:
            m = rx.fullmatch(s) if s else None
            if m and m["publisher"].strip():
                return m["publisher"].strip().rstrip(".")
    return None


def extract_metadata(text: str) -> dict:
    """All four fields at once: ``{title, published, author, publisher}`` (None when absent)."""
    return {
        "title": extract_title(text),
        "published": extract_published(text),
        "author": extract_author(text),
        "publisher": extract_publisher(text),
    }
