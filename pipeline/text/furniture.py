"""Site furniture: whole lines of a web page that are not part of the article.

Finding is separate from removing: :func:`furniture_lines` names every furniture line and the
rule that caught it; :func:`furniture` turns them into changes that delete each line with its
newline (the stage records them under the fix name ``furniture``).

A page has three zones: the *header* (lines before the first body paragraph, a line of at
least :data:`pipeline.text.lines.BODY_WORDS` words), the *body*, and the *tail* (lines after the
last body paragraph, or in the last part of the page). What a single line is (a pattern's
match, a date line, a byline, a masthead, the headline) is decided in :mod:`pipeline.text.lines`;
this module decides, from the line and its place on the page, which lines go. Rules, in order:

* ``lines_furniture_patterns.txt`` — named regexes, each matching a whole line (share counters,
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

from pipeline.lexicons import lexicon_lines
from pipeline.text.lines import (
    BODY_WORDS,
    headline_index,
    is_byline,
    is_date_line,
    is_masthead,
    is_person_line,
    line_rule,
    n_words,
    words,
)

__all__ = ["furniture", "furniture_lines", "page_zones", "TAIL_FRACTION"]

#: a closing-section marker, and tail-only rules, count only in this last fraction of the text
TAIL_FRACTION = 0.6

_TEASER_TAIL = re.compile(
    r"(?:…|\.\.\.)\s*(?:\d{1,2}\s+[A-Za-z]+|[A-Za-z]+\s+\d{1,2})?,?\s*(?:\d{4},?\s*)?\d{1,2}:\d{2}\.?$"
)
_ELLIPSIS_END = re.compile(r"(?:…|\.\.\.)$")
_NAME_LINE = re.compile(r"[A-Z][a-z'’\-]+(?: [A-Z][a-z'’\-]+){0,2}")
_TEASER_HEADLINE_END = re.compile(r"[.!?:”\"]$")


@lru_cache(maxsize=1)
def _closing_markers() -> frozenset[str]:
    return frozenset(lexicon_lines("furniture_comment_markers.txt"))


def page_zones(lines: list[str]) -> list[str]:
    """The zone of every line: ``header`` (before the first body paragraph), ``body`` or
    ``tail`` (after the last one).

    >>> page_zones(["Head", "word " * 25, "mid", "word " * 25, "end"])
    ['header', 'body', 'body', 'body', 'tail']
    """
    body = [i for i, line in enumerate(lines) if n_words(line) >= BODY_WORDS]
    first, last = (body[0], body[-1]) if body else (len(lines), -1)
    return ["header" if i < first else "tail" if i > last else "body" for i in range(len(lines))]


def _blank(lines: list[str], i: int) -> bool:
    return i < 0 or i >= len(lines) or not lines[i].strip()


def _echoes_other_paragraph(i: int, lines: list[str]) -> bool:
    """Whether nearly all words of line ``i`` (at least 8) occur in one other line."""
    own = {w.lower() for w in words(lines[i])}
    if len(own) < 8:
        return False
    for j, other in enumerate(lines):
        if j == i or n_words(other) < len(own) // 2:
            continue
        shared = own & {w.lower() for w in words(other)}
        if len(shared) >= 0.75 * len(own):
            return True
    return False


def _line_starts(lines: list[str]) -> list[int]:
    """The offset of every line in the text the lines were split from (at ``\\n``)."""
    starts, pos = [], 0
    for line in lines:
        starts.append(pos)
        pos += len(line) + 1
    return starts


def _pattern_rules(lines: list[str], zones: list[str], late: list[bool]) -> dict[int, str]:
    """Lines matching a furniture pattern of their zone (a body line in the last part of the
    page counts as ``late``), as ``{index: pattern name}``."""
    rules: dict[int, str] = {}
    for i, line in enumerate(lines):
        rule = line_rule(line, "late" if late[i] and zones[i] == "body" else zones[i])
        if rule:
            rules[i] = rule
    return rules


def _closing_section(lines: list[str], rules: dict[int, str], late: list[bool]) -> list[int]:
    """The non-blank lines after the first closing-section marker line (comments, "About ..."
    boilerplate, media contacts) in the last part of the page."""
    markers = _closing_markers()
    for i in sorted(rules):
        if rules[i] in markers and late[i]:
            return [j for j in range(i + 1, len(lines)) if lines[j].strip()]
    return []


def _headline_copies(lines: list[str], head: int | None) -> list[int]:
    """Every line that is the headline, when the page has it more than once; else none."""
    if head is None:
        return []
    title = lines[head].strip()
    copies = [i for i, line in enumerate(lines) if line.strip() == title]
    return copies if len(copies) > 1 else []


def _context_rule(i: int, lines: list[str], zones: list[str], head: int | None) -> str | None:
    """The rule, by the line's own content and its place on the page, that makes line ``i``
    furniture (``date_line``, ``byline``, ``masthead``, ``teaser``, ``teaser_echo``,
    ``lone_name``), or None."""
    s = lines[i].strip()
    zone = zones[i]
    if zone != "body" and is_date_line(s):
        return "date_line"
    if is_byline(s) or (zone == "header" and head is not None and i > head and is_person_line(s)):
        return "byline"
    if zone == "header" and (head is None or i < head) and is_masthead(s):
        return "masthead"
    if _TEASER_TAIL.search(s):
        return "teaser"
    if _ELLIPSIS_END.search(s) and s[0] not in "“\"–-" and _echoes_other_paragraph(i, lines):
        return "teaser_echo"
    if zone != "header" and _NAME_LINE.fullmatch(s) and _blank(lines, i - 1) and _blank(lines, i + 1):
        return "lone_name"
    return None


def _teaser_headline(k: int, lines: list[str], rules: dict[int, str]) -> bool:
    """Whether line ``k``, right above a teaser line, is the teaser's headline: a non-blank line
    with no rule yet that does not end a sentence or quote."""
    return k >= 0 and bool(lines[k].strip()) and k not in rules and not _TEASER_HEADLINE_END.search(lines[k].strip())


def furniture_lines(text: str) -> list[tuple[int, int, str, str]]:
    """Every furniture line as ``(start, end, line, rule)``; ``[start, end)`` is the line without
    its newline. See the module docstring for the rules.

    >>> t = "Title of the page\\nBody " + "word " * 25 + "\\n\\nRamirez\\n\\nMore body text.\\nTitle of the page"
    >>> [(line, rule) for _, _, line, rule in furniture_lines(t)]
    [('Title of the page', 'duplicate_headline'), ('Ramirez', 'lone_name'), ('Title of the page', 'duplicate_headline')]
    """
    lines = text.split("\n")
    starts = _line_starts(lines)
    zones = page_zones(lines)
    late = [starts[i] >= TAIL_FRACTION * len(text) or zones[i] == "tail" for i in range(len(lines))]
    rules = _pattern_rules(lines, zones, late)
    for j in _closing_section(lines, rules, late):
        rules.setdefault(j, "closing_section")
    head = headline_index(lines)
    for i in _headline_copies(lines, head):
        rules.setdefault(i, "duplicate_headline")
    for i, line in enumerate(lines):
        if not line.strip() or i in rules:
            continue
        rule = _context_rule(i, lines, zones, head)
        if rule:
            rules[i] = rule
        if rule == "teaser" and _teaser_headline(i - 1, lines, rules):
            rules[i - 1] = "teaser"
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
