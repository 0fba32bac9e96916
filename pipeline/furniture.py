"""Site furniture: whole lines of a web page that are not part of the article.

Finding is separate from removing: :func:`furniture_lines` names every furniture line and the
rule that caught it; :func:`furniture` turns them into changes that delete each line with its
newline (the stage records them under the fix name ``furniture``).

Rules, in order:

* ``furniture_patterns.txt`` — named regexes, each matching a whole line (share counters,
  ``Leave a Reply``, comment policies, error-report notes, calendars, view counters, tags,
  subscribe lines, ``The post … appeared first on …``, photo captions and credits);
* ``comment_tail`` — everything after a comment-section marker (``furniture_comment_markers.txt``)
  in the last part of the page (teaser lists under the comment form);
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

__all__ = ["furniture", "furniture_lines", "line_rule", "patterns", "headline_index"]

LEXICONS = Path(__file__).parent / "lexicons"
#: a comment-section marker opens the page tail only in this last fraction of the text
TAIL_FRACTION = 0.6
#: a line with at least this many words is article body
BODY_WORDS = 20

_WORDS = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_TEASER_TAIL = re.compile(
    r"(?:…|\.\.\.)\s*(?:\d{1,2}\s+[A-Za-z]+|[A-Za-z]+\s+\d{1,2})?,?\s*(?:\d{4},?\s*)?\d{1,2}:\d{2}\.?$"
)
_ELLIPSIS_END = re.compile(r"(?:…|\.\.\.)$")
_NAME_LINE = re.compile(r"[A-Z][a-z'’\-]+(?: [A-Z][a-z'’\-]+){0,2}")


@lru_cache(maxsize=1)
def patterns() -> tuple[tuple[str, re.Pattern, bool], ...]:
    """The named whole-line regexes of ``lexicons/furniture_patterns.txt``, in file order, as
    ``(name, regex, tail_only)`` (a name written with ``@tail`` applies only after the body)."""
    rules = []
    for line in (LEXICONS / "furniture_patterns.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, regex = line.split(None, 1)
        tail_only = name.endswith("@tail")
        rules.append((name.removesuffix("@tail"), re.compile(regex.strip(), re.I), tail_only))
    return tuple(rules)


@lru_cache(maxsize=1)
def _comment_markers() -> frozenset[str]:
    lines = (LEXICONS / "furniture_comment_markers.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(s.strip() for s in lines if s.strip() and not s.startswith("#"))


def line_rule(line: str, in_tail: bool = True) -> str | None:
    """The name of the first furniture pattern matching the whole (stripped) line, or None.
    Tail-only patterns count only when ``in_tail``.

    >>> line_rule("Views: 4970"), line_rule("  Leave a Reply "), line_rule("Tokayev said it.")
    ('views', 'comment_section', None)
    >>> line_rule("• Thank you!"), line_rule("• Thank you!", in_tail=False)
    ('bullet_widget', None)
    """
    s = line.strip()
    if not s:
        return None
    for name, rx, tail_only in patterns():
        if (in_tail or not tail_only) and rx.fullmatch(s):
            return name
    return None


def _n_words(line: str) -> int:
    return len(_WORDS.findall(line))


def headline_index(lines: list[str]) -> int | None:
    """Index of the headline: the first line of two or more words, shorter than a body
    paragraph, that is no furniture, no date line and no byline, standing before the first
    body paragraph. None when the page starts straight with its body.

    >>> headline_index(["Jan 10, 2022", "0 0", "", "Central Asia. Only the CSTO will save", "x"])
    3
    >>> headline_index(["By Jane Roe", "Ceasefire agreed", "Body " * 30])
    1
    >>> headline_index(["Body " * 30, "Short line here"]) is None
    True
    """
    from pipeline.metadata import find_date, is_byline  # late import: metadata uses these rules

    for i, line in enumerate(lines):
        s = line.strip()
        n = _n_words(s)
        if n >= BODY_WORDS:
            return None
        if n >= 2 and line_rule(s) is None and find_date(s) is None and not is_byline(s):
            return i
    return None


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


def furniture_lines(text: str) -> list[tuple[int, int, str, str]]:
    """Every furniture line as ``(start, end, line, rule)``; ``[start, end)`` is the line without
    its newline. See the module docstring for the rules.

    >>> t = "Title of the page\\nBody " + "word " * 25 + "\\n\\nTokayev\\n\\nMore body text.\\nTitle of the page"
    >>> [(line, rule) for _, _, line, rule in furniture_lines(t)]
    [('Title of the page', 'duplicate_headline'), ('Tokayev', 'lone_name'), ('Title of the page', 'duplicate_headline')]
    """
    lines = text.split("\n")
    starts, pos = [], 0
    for line in lines:
        starts.append(pos)
        pos += len(line) + 1
    rules: dict[int, str] = {}
    body_start = next((i for i, line in enumerate(lines) if _n_words(line) >= BODY_WORDS), len(lines))
    body_end = max((i for i, line in enumerate(lines) if _n_words(line) >= BODY_WORDS), default=-1)
    markers = _comment_markers()
    for i, line in enumerate(lines):
        rule = line_rule(line, in_tail=i > body_end or starts[i] >= TAIL_FRACTION * len(text))
        if rule:
            rules[i] = rule
    # the comment-section tail
    for i in sorted(rules):
        if rules[i] in markers and starts[i] >= TAIL_FRACTION * len(text):
            for j in range(i + 1, len(lines)):
                if lines[j].strip():
                    rules.setdefault(j, "comment_tail")
            break
    # a repeated headline
    head = headline_index(lines)
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
        if _TEASER_TAIL.search(s):
            rules[i] = "teaser"
            k = i - 1
            if k >= 0 and lines[k].strip() and k not in rules and not re.search(r"[.!?:”\"]$", lines[k].strip()):
                rules[k] = "teaser"
        elif _ELLIPSIS_END.search(s) and s[0] not in "“\"–-" and _echoes_other_paragraph(i, lines):
            rules[i] = "teaser_echo"
        elif (
            i > body_start
            and _NAME_LINE.fullmatch(s)
            and _blank(lines, i - 1)
            and _blank(lines, i + 1)
        ):
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
