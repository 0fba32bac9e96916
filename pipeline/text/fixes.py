"""Named text fixes for the normalize stage, in the order they run (ftfy style).

Every fix is a small function ``fix(text, vocabulary=None) -> list[Change]``: it *finds* what to
change and returns non-overlapping changes ``(start, end, after)`` over the text it is given; it
never rewrites the text itself. The stage applies each fix's changes through
:meth:`pipeline.text.editlog.EditLog.apply` under the fix's name, so every change is recorded and
maps back to the raw text. A fix that finds nothing returns ``[]`` and leaves no trace.

``vocabulary`` is a :class:`collections.Counter` of lower-cased words of the whole corpus
(:func:`corpus_vocabulary`); fixes that need no corpus evidence ignore it.

Choice about straight quotation marks: they are **kept straight**. Only their spacing is
repaired (``budget, "said`` -> ``budget," said``). Curly marks are re-directed from their
context (``the port “,`` -> ``the port”,``), so a curly mark always tells whether it opens or
closes; a straight mark is paired by the segmenter from its position. The original mark stays
recoverable from the edit log (``before`` of the edit).

>>> [name for name, _ in FIXES]  # doctest: +NORMALIZE_WHITESPACE
['line_breaks', 'odd_spaces', 'mojibake', 'control_chars', 'ligatures', 'unicode_nfc',
 'line_edge_spaces', 'space_runs', 'furniture',
 'blank_lines', 'quote_spacing', 'quote_direction', 'attribution_dash', 'space_before_punctuation',
 'currency_space', 'dehyphenate', 'glued_words']
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections import Counter
from functools import lru_cache
from typing import Callable, Iterable

import ftfy
from ftfy.badness import is_bad
from wordfreq import zipf_frequency

from pipeline.text.furniture import furniture
from pipeline.lexicons import lexicon_lines

__all__ = [
    "Change",
    "FIXES",
    "corpus_vocabulary",
    "apply_changes",
    "mojibake",
    "line_breaks",
    "odd_spaces",
    "control_chars",
    "ligatures",
    "unicode_nfc",
    "line_edge_spaces",
    "space_runs",
    "blank_lines",
    "quote_spacing",
    "quote_direction",
    "attribution_dash",
    "space_before_punctuation",
    "currency_space",
    "dehyphenate",
    "hyphen_prefixes",
    "should_join",
    "glued_words",
    "split_glued",
]


_WORD = re.compile(r"[^\W\d_]+")


def corpus_vocabulary(texts: Iterable[str]) -> Counter:
    """Lower-cased word counts of a corpus (words are runs of letters; hyphens split them).

    >>> corpus_vocabulary(["Lon-don and London", "london"])["london"]
    2
    """
    counts: Counter = Counter()
    for text in texts:
        if isinstance(text, str):
            counts.update(w.lower() for w in _WORD.findall(text))
    return counts

Change = tuple[int, int, str]

#: double quotation marks the quote fixes look at (straight and curly)
QUOTE_MARKS = '"“”'
#: sentence punctuation after which a floating mark closes the quote
CLOSING_PUNCT = ",.!?…"


def apply_changes(text: str, changes: list[Change]) -> str:
    """Apply non-overlapping changes to ``text`` (what the edit log does, minus the log).

    >>> apply_changes("ab-cd", [(2, 3, "")])
    'abcd'
    """
    out, pos = [], 0
    for start, end, after in sorted(changes):
        out.append(text[pos:start])
        out.append(after)
        pos = end
    out.append(text[pos:])
    return "".join(out)


def _diff_changes(old: str, new: str, offset: int) -> list[Change]:
    """Smallest changes turning ``old`` into ``new`` (character diff), shifted by ``offset``."""
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    return [
        (offset + i1, offset + i2, new[j1:j2])
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
        if tag != "equal"
    ]


# -- Unicode and whitespace ------------------------------------------------------------------

_FTFY_CONFIG = ftfy.TextFixerConfig(
    unescape_html=False,
    fix_latin_ligatures=False,
    fix_character_width=False,
    uncurl_quotes=False,
    fix_line_breaks=False,
    remove_control_chars=False,
    normalization=None,
    explain=False,
)
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def mojibake(text: str, vocabulary: Counter | None = None) -> list[Change]:
    """Repair mojibake with ftfy, one line at a time, only on lines ftfy finds bad.

    Quotes, ligatures and widths are left alone (other fixes own them); the repaired line is
    diffed against the old one so that only the garbled characters are recorded as changed.

    >>> mojibake("He said â€œyesâ€\\x9d.\\nClean line.")
    [(8, 11, '“'), (14, 17, '”')]
    >>> mojibake("The city’s “fine” text")
    []
    """
    changes: list[Change] = []
    pos = 0
    for line in text.split("\n"):
        if _NON_ASCII.search(line) and is_bad(line):
            fixed = ftfy.fix_text(line, _FTFY_CONFIG)
            if fixed != line:
                changes.extend(_diff_changes(line, fixed, pos))
        pos += len(line) + 1
    return changes


_LINE_BREAK = re.compile(r"\r\n?|[\u2028\u2029\x0b\x0c\x85]")


def line_breaks(text: str, vocabulary: Counter | None = None) -> list[Change]:
    r"""Turn ``\r\n``, ``\r`` and Unicode line/paragraph separators into ``\n``.

    >>> line_breaks("a\r\nb\rc")
    [(1, 3, '\n'), (4, 5, '\n')]
    """
    return [(m.start(), m.end(), "\n") for m in _LINE_BREAK.finditer(text)]


# non-breaking and typographic spaces become a plain space; invisible marks are dropped
_ODD_SPACE = re.compile(r"[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_INVISIBLE = re.compile(r"[\u00ad\u200b\u200c\u200d\u2060\ufeff]")


def odd_spaces(text: str, vocabulary: Counter | None = None) -> list[Change]:
    """Non-breaking, typographic spaces and tabs -> space; soft hyphens and zero-width marks -> ''.

    >>> odd_spaces("$\\u00a0376 bil\\u00adlion")
    [(1, 2, ' '), (9, 10, '')]
    >>> odd_spaces("plain text")
    []
    """
    changes = [(m.start(), m.end(), " ") for m in _ODD_SPACE.finditer(text)]
    changes += [(m.start(), m.end(), "") for m in _INVISIBLE.finditer(text)]
    return sorted(changes)


_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def control_chars(text: str, vocabulary: Counter | None = None) -> list[Change]:
    """Remove C0 control characters and DEL (tabs and line breaks are handled elsewhere).

    >>> control_chars("a\\x00b\\x07c\\nd")
    [(1, 2, ''), (3, 4, '')]
    """
    return [(m.start(), m.end(), "") for m in _CONTROL.finditer(text)]


_LIGATURES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl", "\ufb05": "st", "\ufb06": "st"}
_LIGATURE = re.compile("[" + "".join(_LIGATURES) + "]")


def ligatures(text: str, vocabulary: Counter | None = None) -> list[Change]:
    """Spell out Latin ligatures left by PDF extraction: ``\ufb01nal`` -> ``final``.

    >>> ligatures("the \\ufb01nal o\\ufb03ce")
    [(4, 5, 'fi'), (10, 11, 'ffi')]
    """
    return [(m.start(), m.end(), _LIGATURES[m.group()]) for m in _LIGATURE.finditer(text)]


def unicode_nfc(text: str, vocabulary: Counter | None = None) -> list[Change]:
    """Compose decomposed accents (Unicode NFC), line by line and only where a line is not
    already composed, so ``Jose\u0301`` and ``José`` become the same string.

    >>> unicode_nfc("Ana Jose\\u0301 said")
    [(7, 9, 'é')]
    >>> unicode_nfc("Ana José said")
    []
    """
    changes: list[Change] = []
    pos = 0
    for line in text.split("\n"):
        if not unicodedata.is_normalized("NFC", line):
            changes.extend(_diff_changes(line, unicodedata.normalize("NFC", line), pos))
        pos += len(line) + 1
    return changes


_LINE_EDGE_SPACES = re.compile(r"^ +| +$", re.M)


def line_edge_spaces(text: str, vocabulary: Counter | None = None) -> list[Change]:
    """Remove spaces at the start and end of every line (paragraph indents, trailing blanks).

    >>> line_edge_spaces(" The council has.  \\n  \\nNext")
    [(0, 1, ''), (17, 19, ''), (20, 22, '')]
    """
    return [(m.start(), m.end(), "") for m in _LINE_EDGE_SPACES.finditer(text) if m.end() > m.start()]


_SPACE_RUN = re.compile(r"(?<=\S)  +(?=\S)")


def space_runs(text: str, vocabulary: Counter | None = None) -> list[Change]:
    """Squeeze runs of spaces between two non-space characters to one space.

    >>> space_runs("a   b c")
    [(1, 4, ' ')]
    """
    return [(m.start(), m.end(), " ") for m in _SPACE_RUN.finditer(text)]


_BLANK_RUN = re.compile(r"\n{3,}")


def blank_lines(text: str, vocabulary: Counter | None = None) -> list[Change]:
    """Keep at most one blank line between paragraphs; drop line breaks at the very start and
    end of the text.

    >>> blank_lines("\\n\\na\\n\\n\\n\\nb\\n\\n")
    [(0, 2, ''), (3, 7, '\\n\\n'), (8, 10, '')]
    """
    changes: list[Change] = []
    lead = len(text) - len(text.lstrip("\n"))
    if lead == len(text):
        return [(0, lead, "")] if lead else []
    trail = len(text) - len(text.rstrip("\n"))
    if lead:
        changes.append((0, lead, ""))
    body_end = len(text) - trail
    changes += [(m.start(), m.end(), "\n\n") for m in _BLANK_RUN.finditer(text, lead, body_end)]
    if trail:
        changes.append((body_end, len(text), ""))
    return changes


# -- Quotation marks -------------------------------------------------------------------------

# a mark after sentence punctuation and a space, glued to the next word: `budget, ”he said`
_MARK_BEFORE_WORD = re.compile(r"(?<=[" + CLOSING_PUNCT + r"]) ([" + QUOTE_MARKS + r"’])(?=[^\W\d_])")
# a mark after a space and before punctuation or a dash: `the port “,`  `robbed, “- said`
_MARK_BEFORE_PUNCT = re.compile(r"(?<=[^\s" + QUOTE_MARKS + r"]) ([" + QUOTE_MARKS + r"])(?=[,.;:!?](?:\s|$))|(?<=[^\s]) ([“”\"])([-–—])(?= )")
# a mark floating after closing punctuation + space, at the end of a line (any mark) or before
# a space (only a closing curly mark: a straight or opening one may open the next sentence)
_FLOATING_MARK = re.compile(r"(?<=[" + CLOSING_PUNCT + r"]) (?:([" + QUOTE_MARKS + r"’])(?=\n|$)|([”’])(?= ))")
# a closing curly mark glued to the next word: `crowds”that`
_GLUED_CLOSE = re.compile(r"(?<=[^\s“])(”)(?=[^\W\d_])")
# an opening curly mark glued to the previous word: `said“We`
_GLUED_OPEN = re.compile(r"(?<=[^\W\d_])(“)(?=[^\W\d_])")
# an opening curly mark with a space after it, at a line start or after a space or colon: `said: “ We`
_OPEN_SPACE = re.compile(r"(?:^|(?<=[\s:]))(“) +(?=[^\W_])", re.M)
_SENTENCE_REST = re.compile(r"[^.!?\n]*[.!?]*.?")


def _rest_has_mark(text: str, pos: int, marks: str = QUOTE_MARKS) -> bool:
    """Whether another quotation mark follows ``pos`` in the rest of the sentence (or line),
    the character after its final punctuation included (``West."``)."""
    rest = _SENTENCE_REST.match(text, pos).group()
    return any(ch in rest for ch in marks)


def quote_spacing(text: str, vocabulary: Counter | None = None) -> list[Change]:
    """Put the space on the right side of quotation marks that close a quote.

    * ``budget, ”he said`` -> ``budget,” he said`` (a closing mark written before the space;
      a closing single mark too: ``stay, ’she said`` -> ``stay,’ she said``);
      a straight mark is moved only when a lower-case word follows and no other mark follows
      in the sentence (``budget, "said the mayor`` -> ``budget," said the mayor``), so an
      opening mark (``he said, "We ...``, ``called it, "a disaster"``) is left alone;
    * ``the port “,`` -> ``the port“,`` and ``there. "`` at a line end -> ``there."``;
    * ``robbed, “- said`` -> ``robbed,“ - said``;
    * ``crowds”that`` -> ``crowds” that`` and ``said“We`` -> ``said “We``;
    * ``said: “ We`` -> ``said: “We`` (an opening mark with the space after it).

    Mark directions are fixed afterwards by :func:`quote_direction`.

    >>> t = 'on the budget, ”he said. Done, "said Ann. the port “, – he. robbed, “- said. crowds”that'
    >>> apply_changes(t, quote_spacing(t))
    'on the budget,” he said. Done," said Ann. the port“, – he. robbed,“ - said. crowds” that'
    >>> quote_spacing('He said, "We will." And: "fine" it is, "a term" used, "went West." Or, “he said.')
    []
    """
    changes: list[Change] = []
    for m in _MARK_BEFORE_WORD.finditer(text):
        mark = m.group(1)
        if _rest_has_mark(text, m.end(), QUOTE_MARKS + "‘’"):
            continue
        if mark in '"’' and not text[m.end()].islower():
            continue
        if mark == "“":  # an opening glyph before a word opens (`opinion, “infuriated`)
            continue
        changes.append((m.start(), m.end(), mark + " "))
    for m in _MARK_BEFORE_PUNCT.finditer(text):
        if m.group(1):
            changes.append((m.start(), m.end(), m.group(1)))
        else:
            changes.append((m.start(), m.end(), m.group(2) + " " + m.group(3)))
    for m in _FLOATING_MARK.finditer(text):
        changes.append((m.start(), m.end(), m.group(1) or m.group(2)))
    for m in _GLUED_CLOSE.finditer(text):
        changes.append((m.start(), m.end(), "” "))
    for m in _GLUED_OPEN.finditer(text):
        changes.append((m.start(), m.end(), " “"))
    for m in _OPEN_SPACE.finditer(text):
        changes.append((m.start(), m.end(), "“"))
    return _drop_overlaps(changes)


def _drop_overlaps(changes: list[Change]) -> list[Change]:
    """Keep the first of any overlapping changes (in text order)."""
    kept: list[Change] = []
    for change in sorted(changes):
        if kept and change[0] < kept[-1][1]:
            continue
        kept.append(change)
    return kept


_CURLY = re.compile(r"[“”]")
_OPEN_LEFT = set(" \n([{‘'—–-/")
_CLOSE_RIGHT = set(" \n,.;:!?)]}…—–-'’")


def quote_direction(text: str, vocabulary: Counter | None = None) -> list[Change]:
    """Turn a curly mark to face the way its context says: after text and before a space or
    punctuation it closes (``”``); after a space or line start and before text it opens (``“``).

    Marks whose context says nothing (glued on both sides, or spaces on both sides) keep their
    glyph. Straight marks are never touched.

    >>> t = 'the port“, he said. ”We go“ now. “Q”: – yes. a ” b'
    >>> apply_changes(t, quote_direction(t))
    'the port”, he said. “We go” now. “Q”: – yes. a ” b'
    """
    changes: list[Change] = []
    n = len(text)
    for m in _CURLY.finditer(text):
        i = m.start()
        left = text[i - 1] if i > 0 else "\n"
        right = text[i + 1] if i + 1 < n else "\n"
        opens = left in _OPEN_LEFT and right not in _CLOSE_RIGHT and right not in QUOTE_MARKS
        closes = left not in " \n" and (right in _CLOSE_RIGHT or right in "\n")
        if opens and not closes and m.group() != "“":
            changes.append((i, i + 1, "“"))
        elif closes and not opens and m.group() != "”":
            changes.append((i, i + 1, "”"))
    return changes


_ATTRIBUTION_DASH = re.compile(r"(?<=[”\",]) (-{1,2}) (?=\S)")


def attribution_dash(text: str, vocabulary: Counter | None = None) -> list[Change]:
    """A hyphen between spaces right after a closing mark or a comma is a dash: ``” - said`` ->
    ``” – said``. Hyphens elsewhere are left alone.

    >>> apply_changes('robbed,” - said she. Done, - he said. well-known - maybe', attribution_dash('robbed,” - said she. Done, - he said. well-known - maybe'))
    'robbed,” – said she. Done, – he said. well-known - maybe'
    """
    return [(m.start(1), m.end(1), "–") for m in _ATTRIBUTION_DASH.finditer(text)]


# -- Stray spaces around punctuation ---------------------------------------------------------

_SPACE_BEFORE_PUNCT = re.compile(r"(?<=[^\W_]) +(?=[.,;:!?](?:\s|$|[”\"’)]))")


def space_before_punctuation(text: str, vocabulary: Counter | None = None) -> list[Change]:
    """Remove spaces between a word and the punctuation that ends it: ``the IMF .`` -> ``the IMF.``.

    Ellipses (``sector … Therefore``) are left alone.

    >>> space_before_punctuation("the World Bank and the IMF .\\nWhy ? sector … Then")
    [(26, 27, ''), (32, 33, '')]
    """
    return [(m.start(), m.end(), "") for m in _SPACE_BEFORE_PUNCT.finditer(text)]


_CURRENCY_SPACE = re.compile(r"(?<![^\s(])([$€£¥₽₸]) +(?=\d)")


def currency_space(text: str, vocabulary: Counter | None = None) -> list[Change]:
    """Remove the space between a currency symbol and its amount: ``$ 250`` -> ``$250``.

    >>> currency_space("invested $ 250 billion, € 5")
    [(10, 11, ''), (25, 26, '')]
    """
    return [(m.end(1), m.end(), "") for m in _CURRENCY_SPACE.finditer(text)]


# -- Words broken by a stray hyphen ----------------------------------------------------------


@lru_cache(maxsize=1)
def hyphen_prefixes() -> frozenset[str]:
    """Word-forming prefixes (``ex``, ``post``, ``anti`` ...) from ``lexicons/fixes_hyphen_prefixes.txt``."""
    return frozenset(s.lower() for s in lexicon_lines("fixes_hyphen_prefixes.txt"))


@lru_cache(maxsize=65536)
def _zipf(word: str) -> float:
    return zipf_frequency(word, "en")


def should_join(left: str, right: str, vocabulary: Counter | None = None) -> bool:
    """Decide whether ``left-right`` is one word broken by a stray hyphen.

    Kept: compounds with a known prefix (``ex-minister``), names and compounds whose second
    part is capitalised (``Abu-Dhabi``, ``pre-Columbian``), and compounds whose joined form is
    no more common than its parts (``well-known``, ``break-up``). Joined: an all-capitals word
    split in two whose joined form occurs in the corpus (``OS-CE``); a word whose joined form
    occurs in the corpus and is at least as common as its rarer part (``Lon-don``) or has a
    part that is no common word (a split name, ``Kowal-czyk``); or a common word much more
    common than its rarer part (``govern-ment``, ``wh-ether``).

    >>> vocab = Counter({"london": 3, "osce": 9, "kowalczyk": 2})
    >>> [should_join(a, b, vocab) for a, b in [("Lon", "don"), ("govern", "ment"), ("OS", "CE"), ("Kowal", "czyk")]]
    [True, True, True, True]
    >>> [should_join(a, b, vocab) for a, b in [("well", "known"), ("ex", "minister"), ("Abu", "Dhabi"), ("break", "up"), ("US", "EU")]]
    [False, False, False, False, False]
    """
    vocabulary = vocabulary or Counter()
    joined = (left + right).lower()
    if left.isupper() and right.isupper():
        return vocabulary[joined] > 0
    if right[0].isupper() or left.lower() in hyphen_prefixes():
        return False
    z_joined = _zipf(joined)
    z_part = min(_zipf(left.lower()), _zipf(right.lower()))
    if vocabulary[joined] > 0 and (z_joined >= z_part or z_part < 3.0):
        return True
    return z_joined >= 3.0 and z_joined >= z_part + 1.0


_HYPHENATED = re.compile(r"(?<![\w\-‐])([^\W\d_]+)(?:[-‐]|[-‐] ?\n(?=[a-z]))([^\W\d_]+)(?![\w\-‐])")


def dehyphenate(text: str, vocabulary: Counter | None = None) -> list[Change]:
    """Join words broken by a stray hyphen (machine translation or PDF artefacts), also when
    the hyphen ends a line and the word goes on in lower case on the next one.

    >>> t = "Lon-don and the govern-ment of Abu-Dhabi, well-known self-made, OS-CE, 5-6"
    >>> apply_changes(t, dehyphenate(t, Counter({"london": 1, "osce": 4})))
    'London and the government of Abu-Dhabi, well-known self-made, OSCE, 5-6'
    >>> apply_changes("the govern-\\nment said, a so-\\ncalled deal", dehyphenate("the govern-\\nment said, a so-\\ncalled deal"))
    'the government said, a so-\\ncalled deal'
    """
    return [
        (m.end(1), m.start(2), "")
        for m in _HYPHENATED.finditer(text)
        if should_join(m.group(1), m.group(2), vocabulary)
    ]


# -- Two words glued together ----------------------------------------------------------------

_LOWER_WORD = re.compile(r"(?<![\w@/#.\-'’])[a-z]{6,}(?![\w@/\-'’])(?!\.\w)")
_WORD = re.compile(r"[^\W\d_]+")


def _common_part(part: str) -> bool:
    """A part of a glued pair must be a common word (longer parts) or a very common one (2 letters)."""
    if len(part) >= 3:
        return _zipf(part) >= 3.0
    return len(part) == 2 and _zipf(part) >= 5.5


def split_glued(word: str, article_words: frozenset[str] | set[str]) -> int | None:
    """Where to split a glued word, or None: the word is unknown to wordfreq, both parts are
    common words, and one part occurs as a word of its own in the article. The split with the
    most common rarer part wins.

    >>> split_glued("reportciting", {"report", "daily"})
    6
    >>> split_glued("frenchization", {"french"}) is None, split_glued("peacekeeping", {"peace"}) is None
    (True, True)
    """
    if _zipf(word) > 0:
        return None
    best, best_score = None, 0.0
    for i in range(2, len(word) - 1):
        left, right = word[:i], word[i:]
        if not (_common_part(left) and _common_part(right)):
            continue
        if left not in article_words and right not in article_words:
            continue
        score = min(_zipf(left), _zipf(right))
        if score > best_score:
            best, best_score = i, score
    return best


def glued_words(text: str, vocabulary: Counter | None = None) -> list[Change]:
    """Insert the missing space in two words glued together, only on strong evidence
    (:func:`split_glued`). Capitalised words, words in URLs, e-mails and handles are skipped.

    >>> t = "says the reportciting a French expert; the report."
    >>> apply_changes(t, glued_words(t))
    'says the report citing a French expert; the report.'
    """
    candidates = list(_LOWER_WORD.finditer(text))
    if not candidates:
        return []
    words = {w.lower() for w in _WORD.findall(text)}
    cuts: dict[int, int] = {}
    grew = True
    while grew:  # a split's parts are words of the article too: repeat until nothing new splits
        grew = False
        for m in candidates:
            if m.start() in cuts:
                continue
            word = m.group()
            cut = split_glued(word, words)  # a part is shorter than the word: never the word itself
            if cut is not None:
                cuts[m.start()] = cut
                words |= {word[:cut], word[cut:]}
                grew = True
    return [(start + cut, start + cut, " ") for start, cut in sorted(cuts.items())]


#: the ordered registry: (fix name, function). The stage runs them in this order.
FIXES: list[tuple[str, Callable[..., list[Change]]]] = [
    ("line_breaks", line_breaks),
    ("odd_spaces", odd_spaces),
    ("mojibake", mojibake),
    ("control_chars", control_chars),
    ("ligatures", ligatures),
    ("unicode_nfc", unicode_nfc),
    ("line_edge_spaces", line_edge_spaces),
    ("space_runs", space_runs),
    ("furniture", furniture),
    ("blank_lines", blank_lines),
    ("quote_spacing", quote_spacing),
    ("quote_direction", quote_direction),
    ("attribution_dash", attribution_dash),
    ("space_before_punctuation", space_before_punctuation),
    ("currency_space", currency_space),
    ("dehyphenate", dehyphenate),
    ("glued_words", glued_words),
]
