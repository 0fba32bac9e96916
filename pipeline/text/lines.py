"""What one line of a page is: the line-level rules that site furniture and article metadata share.

Both :mod:`pipeline.text.furniture` (which lines to remove) and :mod:`pipeline.text.metadata`
(which lines give the headline, date, byline and outlet) ask the same questions of a line; they
are answered here, once, and this module imports neither of them.

* words — :func:`words`, :func:`n_words`, :func:`clean_line`;
* dates written in a line — :func:`months`, :func:`date_patterns`, :func:`find_date_span`,
  :func:`find_date`, and :func:`is_date_line` (a short line giving a date);
* furniture patterns — :func:`patterns` and :func:`line_rule` (``lines_furniture_patterns.txt``);
* who and what — :func:`is_masthead` (an outlet's name), :func:`byline_author` and
  :func:`is_byline` (``By X``), :func:`is_person_line` (a lone person name);
* the headline — :func:`headline_index` over a page's lines.

>>> [is_byline("By Jane Roe"), is_masthead("The Example Herald"), find_date("Feb 3, 2021")]
[True, True, datetime.date(2021, 2, 3)]
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from pipeline.lexicons import lexicon_lines, named_regexes

__all__ = [
    "BODY_WORDS",
    "SHORT_LINE_WORDS",
    "DATE_LINE_WORDS",
    "ZONES",
    "words",
    "n_words",
    "clean_line",
    "months",
    "date_patterns",
    "find_date_span",
    "find_date",
    "is_date_line",
    "patterns",
    "line_rule",
    "is_masthead",
    "byline_author",
    "is_byline",
    "is_person_line",
    "headline_index",
]

#: a line with at least this many words is article body
BODY_WORDS = 20
#: a line longer than this many words is no byline
SHORT_LINE_WORDS = 10
#: a header or tail line with a date and at most this many words is a date line
DATE_LINE_WORDS = 20
#: which furniture pattern scopes count in each zone of a page; ``late`` is a body line in the
#: last part of the page
ZONES = {
    "header": ("", "@edge"),
    "body": ("",),
    "late": ("", "@tail"),
    "tail": ("", "@edge", "@tail"),
    "any": ("", "@edge", "@tail"),
}

_WORDS = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_SPACES = re.compile(r"\s+")
_SENTENCE_END = re.compile(r"(?<![ap]\.m)[.!?]$|[:;]$")
_PERSON_LINE = re.compile(r"[A-Z][a-z'’\-]+(?: [A-Z][a-z'’\-]+){1,3}\.?")


# -- words -----------------------------------------------------------------------------------


def words(line: str) -> list[str]:
    """The words of ``line``: runs of letters and digits, with inner apostrophes.

    >>> words("It’s 5 o'clock_now!")
    ['It’s', '5', "o'clock", 'now']
    """
    return _WORDS.findall(line)


def n_words(line: str) -> int:
    """How many :func:`words` ``line`` has.

    >>> n_words("Body text of the page.")
    5
    """
    return len(_WORDS.findall(line))


def clean_line(line: str) -> str:
    """``line`` with every run of whitespace one space, stripped.

    >>> clean_line("  USA:  Tokyo\\tmust decide ")
    'USA: Tokyo must decide'
    """
    return _SPACES.sub(" ", line).strip()


# -- dates written in a line -----------------------------------------------------------------


@lru_cache(maxsize=1)
def months() -> dict[str, int]:
    """Month names and abbreviations (lower case, from ``lexicons/lines_months.txt``) -> number.

    >>> months()["sept"], months()["may"]
    (9, 5)
    """
    table: dict[str, int] = {}
    for number, line in enumerate(lexicon_lines("lines_months.txt"), start=1):
        for name in line.split():
            table[name.rstrip(".")] = number
    return table


@lru_cache(maxsize=1)
def date_patterns() -> tuple[tuple[str, re.Pattern], ...]:
    """The ways a full date (with a year) is written, as ``(name, regex)``: ``month_day_year``,
    ``day_month_year``, ``iso``, ``dotted`` and ``slashed`` (day and month in groups ``a``, ``b``:
    which is which depends on the page).

    >>> [name for name, rx in date_patterns() if rx.search("on 21.06.2021 at noon")]
    ['dotted']
    """
    month = "(?P<month>" + "|".join(sorted(months(), key=len, reverse=True)) + r")\.?"
    return (
        ("month_day_year", re.compile(rf"\b{month}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})(?!\d)", re.I)),
        ("day_month_year", re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{month},?\s+(?P<year>\d{{4}})(?!\d)", re.I)),
        ("iso", re.compile(r"(?<!\d)(?P<year>\d{4})([-/.])(?P<month>\d{1,2})\2(?P<day>\d{1,2})(?!\d)")),
        ("dotted", re.compile(r"(?<![\d.])(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>\d{4})(?!\d)")),
        ("slashed", re.compile(r"(?<![\d/-])(?P<a>\d{1,2})([/-])(?P<b>\d{1,2})\2(?P<year>\d{4})(?!\d)")),
    )


def _day_month(name: str, m: re.Match, month_first: bool) -> tuple[int, int]:
    """The day and month of a date match of pattern ``name``; a slashed date is read day first
    unless ``month_first``, an impossible reading giving way to the other."""
    if name == "slashed":
        a, b = int(m["a"]), int(m["b"])
        if a > 12 >= b:
            return a, b
        if b > 12 >= a:
            return b, a
        return (b, a) if month_first else (a, b)
    month = months()[m["month"].lower().rstrip(".")] if not m["month"].isdigit() else int(m["month"])
    return int(m["day"]), month


def find_date_span(line: str, month_first: bool = False) -> tuple[int, int, dt.date] | None:
    """The first full date (with a year) written in ``line`` as ``(start, end, date)``, or None.

    A numeric date with slashes or hyphens is read day first (``05/03/2026`` = 5 March), or
    month first when ``month_first`` (a US page, :func:`pipeline.text.metadata.month_first_page`);
    a reading that is impossible (``25/12/2021``, ``12/25/2021``) gives way to the other.

    >>> find_date_span("UPDATED: June 8, 2021 at 4:30 p.m.")
    (9, 21, datetime.date(2021, 6, 8))
    >>> find_date_span("05/03/2026 - 14:22")[2], find_date_span("05/03/2026 - 14:22", month_first=True)[2]
    (datetime.date(2026, 3, 5), datetime.date(2026, 5, 3))
    """
    found: list[tuple[int, int, dt.date]] = []
    for name, rx in date_patterns():
        for m in rx.finditer(line):
            day, month = _day_month(name, m, month_first)
            try:
                found.append((m.start(), m.end(), dt.date(int(m["year"]), month, day)))
            except ValueError:
                continue
            break
    return min(found) if found else None


def find_date(line: str, month_first: bool = False) -> dt.date | None:
    """The first full date (with a year) written in ``line``, or None.

    >>> find_date("Feb 3, 2021"), find_date("Tuesday, March 2, 2021"), find_date("21.06.2021 14:05")
    (datetime.date(2021, 2, 3), datetime.date(2021, 3, 2), datetime.date(2021, 6, 21))
    >>> find_date("12 March 09:40"), find_date("5/6/2022"), find_date("25/12/2021")
    (None, datetime.date(2022, 6, 5), datetime.date(2021, 12, 25))
    """
    span = find_date_span(line, month_first)
    return span[2] if span else None


def is_date_line(line: str) -> bool:
    """A short line giving a date near its start, not a sentence (``Posted 3 Feb 2021``).

    >>> is_date_line("Posted Wed 3 Feb 2021 at 9:15am"), is_date_line("UPDATED: June 8, 2021 at 4:30 p.m.")
    (True, True)
    >>> is_date_line("The vote was held on May 6, 2025."), is_date_line("10 January 08:28")
    (False, False)
    """
    s = line.strip()
    if n_words(s) > DATE_LINE_WORDS or _SENTENCE_END.search(s) and not s.endswith((".-", "m.")):
        return False
    span = find_date_span(s)
    return span is not None and span[0] <= 40


# -- furniture patterns ----------------------------------------------------------------------


@lru_cache(maxsize=1)
def patterns() -> tuple[tuple[str, re.Pattern, str], ...]:
    """The named whole-line regexes of ``lexicons/lines_furniture_patterns.txt``, in file order, as
    ``(name, regex, scope)``; scope is ``""`` (anywhere), ``"@edge"`` or ``"@tail"``.

    >>> ("views", "") in {(name, scope) for name, _, scope in patterns()}
    True
    """
    rules = []
    for name, rx in named_regexes("lines_furniture_patterns.txt", re.I):
        base, _, scope = name.partition("@")
        rules.append((base, rx, "@" + scope if scope else ""))
    return tuple(rules)


def line_rule(line: str, zone: str = "any") -> str | None:
    """The name of the first furniture pattern matching the whole (stripped) line, or None.
    ``zone`` (``header``, ``body``, ``late``, ``tail`` or ``any``) says which scoped patterns
    count (:data:`ZONES`).

    >>> line_rule("Views: 1203"), line_rule("  Leave a Reply "), line_rule("The mayor said it.")
    ('views', 'comment_section', None)
    >>> line_rule("• Thank you!"), line_rule("• Thank you!", zone="body"), line_rule("METRO", zone="header")
    ('bullet_widget', None, 'caps_label')
    """
    s = line.strip()
    if not s:
        return None
    scopes = ZONES[zone]
    for name, rx, scope in patterns():
        if scope in scopes and rx.fullmatch(s):
            return name
    return None


# -- mastheads, bylines, person names --------------------------------------------------------


@lru_cache(maxsize=1)
def _outlet_words() -> frozenset[str]:
    return frozenset(s.lower() for s in lexicon_lines("outlet_words.txt"))


def is_masthead(line: str) -> bool:
    """A short title-case line naming an outlet (an outlet word, no lower-case word).

    >>> is_masthead("The Example Herald"), is_masthead("Riverside Gazette"), is_masthead("The Example Herald: it has chosen")
    (True, True, False)
    """
    tokens = line.strip().split()
    if not 1 <= len(tokens) <= 5 or _SENTENCE_END.search(line.strip()):
        return False
    if any(not w[0].isupper() for w in tokens if w[0].isalpha()):
        return False
    return any(w.lower().strip(".,:'’") in _outlet_words() for w in tokens)


def byline_author(line: str) -> str | None:
    """The author a byline line names (``lines_byline_patterns.txt``, rules in file order),
    or None when the line is no byline.

    >>> byline_author("By Jane Roe."), byline_author("By then, all was over.")
    ('Jane Roe', None)
    """
    s = clean_line(line)
    if not s or n_words(s) > SHORT_LINE_WORDS:
        return None
    for _name, rx in named_regexes("lines_byline_patterns.txt"):
        m = rx.fullmatch(s)
        if m:
            return m["author"].strip().rstrip(".")
    return None


def is_byline(line: str) -> bool:
    """Whether the line is a byline (``By X``, ``Own. corr. X``, ``X, Political Editor``).

    >>> is_byline("By Jane Roe"), is_byline("By then, all was over."), is_byline("Jane Roe, Health correspondent")
    (True, False, True)
    """
    return byline_author(line) is not None


def is_person_line(line: str) -> bool:
    """A lone person name on a line (two to four capitalised words, an optional full stop),
    which is no furniture (``Staff Writer``) and no masthead.

    >>> is_person_line("John Doe."), is_person_line("Staff Writer"), is_person_line("London’s reaction")
    (True, False, False)
    """
    s = clean_line(line)
    return bool(_PERSON_LINE.fullmatch(s)) and line_rule(s) is None and not is_masthead(s)


# -- the headline ----------------------------------------------------------------------------


def _headline_like(line: str) -> bool:
    """A headline has two or more words and, unless it is long, a lower-case word."""
    found = _WORDS.findall(line)
    if len(found) < 2:
        return False
    return len(found) >= 6 or any(w[0].islower() for w in found)


def headline_index(lines: list[str]) -> int | None:
    """Index of the headline: the first headline-like line (two or more words with a
    lower-case one, or six or more), shorter than a body paragraph, that is no furniture, no
    date line, no byline and no masthead, standing before the first body paragraph. None when
    the page starts straight with its body.

    >>> headline_index(["Feb 3, 2021", "0 0", "", "North Africa. Only trade will help", "x"])
    3
    >>> headline_index(["By Jane Roe", "Riverside Gazette", "Ceasefire agreed", "Body " * 30])
    2
    >>> headline_index(["Body " * 30, "Short line here"]) is None
    True
    """
    for i, line in enumerate(lines):
        s = line.strip()
        if n_words(s) >= BODY_WORDS:
            return None
        if (
            _headline_like(s)
            and line_rule(s, "header") is None
            and find_date(s) is None
            and not is_byline(s)
            and not is_masthead(s)
        ):
            return i
    return None
