"""Site furniture: whole lines of a web page that are not part of the article.

Finding is separate from removing: :func:`furniture_lines` names every furniture line and the
rule that caught it; :func:`furniture` turns them into changes that delete each line with its
newline (the stage records them under the fix name ``furniture``).

A page has three zones: the *header* (lines before the first body paragraph, a line of at
least :data:`BODY_WORDS` words), the *body*, and the *tail* (lines after the last body
paragraph, or in the last part of the page). Rules, in order:

* ``furniture_patterns.txt`` — named regexes, each matching a whole line (share counters,
  ``Leave a Reply``, comment policies, error-report notes, calendars, view counters, tags,
  subscribe lines, ``The post … appeared first on …``, photo captions and credits, breadcrumbs,
  wire credits, contacts); a rule can be limited to the header and tail (``@edge``) or the
  tail (``@tail``);
* ``closing_section`` — everything after a comment-section or press-release marker
  (``furniture_comment_markers.txt``) in the last part of the page;
* ``date_line`` — a short header or tail line that gives a date (``Posted 3 Feb 2021``);
* ``byline`` — a byline line (``By X``, ``Own. corr. X``) anywhere, or a lone person-name line
  in the header after the headline;
* ``masthead`` — a short title-case header line naming an outlet (``The Example Herald``);
* ``duplicate_headline`` — the headline (first substantial line) when the page repeats it:
  every copy goes (the headline lives on in the ``title`` column);
* ``teaser`` — a related-article teaser: a line ending in ``…`` plus a date or time, and the
  headline line right above it;
* ``teaser_echo`` — a line ending in ``...`` whose words nearly all occur in another paragraph
  (a lead teaser repeated inside the body);
* ``lone_name`` — a line of one to three capitalised words standing alone between blank lines
  inside the body (a photo caption naming the person shown).

>>> page = "Headline of the story here\\n0 0\\n\\nBody text with enough words to count as a paragraph of the article body here.\\n\\nLeave a Reply"
>>> [(line, rule) for _, _, line, rule in furniture_lines(page)]
[('0 0', 'share_counter'), ('Leave a Reply', 'comment_section')]
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

__all__ = ["furniture", "furniture_lines", "line_rule", "patterns", "headline_index", "is_masthead",
           "is_date_line", "page_zones"]

from pipeline.lexicons import LEXICON_DIR, lexicon_lines

LEXICONS = LEXICON_DIR
#: a closing-section marker, and tail-only rules, count only in this last fraction of the text
TAIL_FRACTION = 0.6
#: a line with at least this many words is article body
BODY_WORDS = 20
#: a header or tail line with a date and at most this many words is a date line
DATE_LINE_WORDS = 20

_WORDS = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_TEASER_TAIL = re.compile(
    r"(?:…|\.\.\.)\s*(?:\d{1,2}\s+[A-Za-z]+|[A-Za-z]+\s+\d{1,2})?,?\s*(?:\d{4},?\s*)?\d{1,2}:\d{2}\.?$"
)
_ELLIPSIS_END = re.compile(r"(?:…|\.\.\.)$")
_NAME_LINE = re.compile(r"[A-Z][a-z'’\-]+(?: [A-Z][a-z'’\-]+){0,2}")
_SENTENCE_END = re.compile(r"(?<![ap]\.m)[.!?]$|[:;]$")
#: which pattern scopes count in each zone; ``late`` is a body line in the last part of the page
ZONES = {
    "header": ("", "@edge"),
    "body": ("",),
    "late": ("", "@tail"),
    "tail": ("", "@edge", "@tail"),
    "any": ("", "@edge", "@tail"),
}


@lru_cache(maxsize=1)
def patterns() -> tuple[tuple[str, re.Pattern, str], ...]:
    """The named whole-line regexes of ``lexicons/furniture_patterns.txt``, in file order, as
    ``(name, regex, scope)``; scope is ``""`` (anywhere), ``"@edge"`` or ``"@tail"``."""
    rules = []
    for line in (LEXICONS / "furniture_patterns.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, regex = line.split(None, 1)
        base, _, scope = name.partition("@")
        rules.append((base, re.compile(regex.strip(), re.I), "@" + scope if scope else ""))
    return tuple(rules)


@lru_cache(maxsize=1)
def _closing_markers() -> frozenset[str]:
    return frozenset(lexicon_lines("furniture_comment_markers.txt"))


@lru_cache(maxsize=1)
def _outlet_words() -> frozenset[str]:
    return frozenset(s.lower() for s in lexicon_lines("metadata_outlet_words.txt"))


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


def _n_words(line: str) -> int:
    return len(_WORDS.findall(line))


def is_masthead(line: str) -> bool:
    """A short title-case line naming an outlet (an outlet word, no lower-case word).

    >>> is_masthead("The Example Herald"), is_masthead("Riverside Gazette"), is_masthead("The Example Herald: it has chosen")
    (True, True, False)
    """
    words = line.strip().split()
    if not 1 <= len(words) <= 5 or _SENTENCE_END.search(line.strip()):
        return False
    if any(not w[0].isupper() for w in words if w[0].isalpha()):
        return False
    return any(w.lower().strip(".,:'’") in _outlet_words() for w in words)


def _headline_like(line: str) -> bool:
    """A headline has two or more words and, unless it is long, a lower-case word."""
    words = _WORDS.findall(line)
    if len(words) < 2:
        return False
    return len(words) >= 6 or any(w[0].islower() for w in words)


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
    from pipeline.text.metadata import find_date, is_byline  # late import: metadata uses these rules

    for i, line in enumerate(lines):
        s = line.strip()
        if _n_words(s) >= BODY_WORDS:
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


def page_zones(lines: list[str]) -> list[str]:
    """The zone of every line: ``header`` (before the first body paragraph), ``body`` or
    ``tail`` (after the last one).

    >>> page_zones(["Head", "word " * 25, "mid", "word " * 25, "end"])
    ['header', 'body', 'body', 'body', 'tail']
    """
    body = [i for i, line in enumerate(lines) if _n_words(line) >= BODY_WORDS]
    first, last = (body[0], body[-1]) if body else (len(lines), -1)
    return ["header" if i < first else "tail" if i > last else "body" for i in range(len(lines))]


def _blank(lines: list[str], i: int) -> bool:
    return i < 0 or i >= len(lines) or not lines[i].strip()


def _echoes_other_paragraph(i: int, lines: list[str]) -> bool:
    """Whether nearly all words of line ``i`` (at least 8) occur in one other line."""
    words = {w.lower() for w in _WORDS.findall(lines[i])}
    if len(words) < 8:
        return False
    for j, other in enumerate(lines):
        if j == i or _n_words(other) < len(words) // 2:
            continue
        shared = words & {w.lower() for w in _WORDS.findall(other)}
        if len(shared) >= 0.75 * len(words):
            return True
    return False


def is_date_line(line: str) -> bool:
    """A short line giving a date near its start, not a sentence (``Posted 3 Feb 2021``).

    >>> is_date_line("Posted Wed 3 Feb 2021 at 9:15am"), is_date_line("UPDATED: June 8, 2021 at 4:30 p.m.")
    (True, True)
    >>> is_date_line("The vote was held on May 6, 2025."), is_date_line("10 January 08:28")
    (False, False)
    """
    from pipeline.text.metadata import find_date_span

    s = line.strip()
    if _n_words(s) > DATE_LINE_WORDS or _SENTENCE_END.search(s) and not s.endswith((".-", "m.")):
        return False
    span = find_date_span(s)
    return span is not None and span[0] <= 40


def furniture_lines(text: str) -> list[tuple[int, int, str, str]]:
    """Every furniture line as ``(start, end, line, rule)``; ``[start, end)`` is the line without
    its newline. See the module docstring for the rules.

    >>> t = "Title of the page\\nBody " + "word " * 25 + "\\n\\nRamirez\\n\\nMore body text.\\nTitle of the page"
    >>> [(line, rule) for _, _, line, rule in furniture_lines(t)]
    [('Title of the page', 'duplicate_headline'), ('Ramirez', 'lone_name'), ('Title of the page', 'duplicate_headline')]
    """
    from pipeline.text.metadata import is_byline, is_person_line

    lines = text.split("\n")
    starts, pos = [], 0
    for line in lines:
        starts.append(pos)
        pos += len(line) + 1
    zones = page_zones(lines)
    late = [starts[i] >= TAIL_FRACTION * len(text) or zones[i] == "tail" for i in range(len(lines))]
    rules: dict[int, str] = {}
    for i, line in enumerate(lines):
        rule = line_rule(line, "late" if late[i] and zones[i] == "body" else zones[i])
        if rule:
            rules[i] = rule
    # a closing section: comments, "About ..." boilerplate, media contacts
    markers = _closing_markers()
    for i in sorted(rules):
        if rules[i] in markers and late[i]:
            for j in range(i + 1, len(lines)):
                if lines[j].strip():
                    rules.setdefault(j, "closing_section")
            break
    head = headline_index(lines)
    # a repeated headline
    if head is not None:
        title = lines[head].strip()
        copies = [i for i, line in enumerate(lines) if line.strip() == title]
        if len(copies) > 1:
            for i in copies:
                rules.setdefault(i, "duplicate_headline")
    for i, line in enumerate(lines):
        s = line.strip()
        if not s or i in rules:
            continue
        edge = zones[i] != "body"
        if edge and is_date_line(s):
            rules[i] = "date_line"
        elif is_byline(s) or (zones[i] == "header" and head is not None and i > head and is_person_line(s)):
            rules[i] = "byline"
        elif zones[i] == "header" and (head is None or i < head) and is_masthead(s):
            rules[i] = "masthead"
        elif _TEASER_TAIL.search(s):
            rules[i] = "teaser"
            k = i - 1
            if k >= 0 and lines[k].strip() and k not in rules and not re.search(r"[.!?:”\"]$", lines[k].strip()):
                rules[k] = "teaser"
        elif _ELLIPSIS_END.search(s) and s[0] not in "“\"–-" and _echoes_other_paragraph(i, lines):
            rules[i] = "teaser_echo"
        elif zones[i] != "header" and _NAME_LINE.fullmatch(s) and _blank(lines, i - 1) and _blank(lines, i + 1):
            rules[i] = "lone_name"
    return [(starts[i], starts[i] + len(lines[i]), lines[i].strip(), rules[i]) for i in sorted(rules)]


def furniture(text: str, vocabulary: Counter | None = None) -> list[tuple[int, int, str]]:
    """Changes deleting every furniture line together with its newline (the last line of the
    text takes the newline before it instead).

    >>> furniture("Body line one.\\n0 0\\nMore body.\\nLeave a Reply")
    [(15, 19, ''), (29, 43, '')]
    """
    changes = []
    for start, end, _line, _rule in furniture_lines(text):
        if end < len(text):
            changes.append((start, end + 1, ""))
        elif start > 0:
            changes.append((start - 1, end, ""))
        else:
            changes.append((start, end, ""))
    # a last-line deletion may now touch the one before it: merge touching/overlapping spans
    merged: list[tuple[int, int, str]] = []
    for change in changes:
        if merged and change[0] <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], change[1]), "")
        else:
            merged.append(change)
    return merged
