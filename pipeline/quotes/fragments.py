"""Quotation marks in and around reported speech.

A report whose content is mostly in quotation marks (:func:`quoted_share`), introduced by a mark or
a speech dash (:func:`in_quotation`), or whose cue stands inside a quotation (:func:`inside_quotation`)
is left to the marks finder. A quoted fragment inside the content that is the speaker's own words
(:func:`speakers_words`) and covers most of it takes its clause out of the indirect record
(:func:`split_quoted_content`). Headlines, standfirsts and subheads (:func:`heading_line`) report nothing.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from pipeline.quotes.cues import speech_verbs
from pipeline.quotes.doc_spans import char_span, is_quote_mark, trim

__all__ = [
    "in_quotation", "quoted_share", "inside_quotation", "heading_line", "quoted_stretches",
    "speakers_words", "FRAGMENT_SHARE", "split_quoted_content"
]


#: single quotation marks: only trusted at the edge of a quotation (they double as apostrophes)
_SINGLE_OPENING = frozenset("‘‹")

_SINGLE_MARKS = frozenset("'’‘›")


def in_quotation(text: str, start: int, end: int, cue_start: int, cue_end: int) -> bool:
    """True when the content ``text[start:end]`` is a quotation rather than reported speech: it begins
    or ends with a quotation mark, or a mark stands next to the cue or the content in the text
    between them (``ready – we will win, "said X``; ``said: "We``).

    >>> in_quotation('"We won," he said.', 1, 7, 10, 14)
    True
    >>> in_quotation('He said the "help" failed.', 8, 25, 3, 7)
    False
    >>> in_quotation('He said the plan had "failed us all"', 8, 36, 3, 7)
    False
    """
    if start >= end:
        return True
    if is_quote_mark(text[start]):
        return True
    if is_quote_mark(text[end - 1]) and sum(is_quote_mark(ch) for ch in text[start:end]) % 2 == 1:
        return True  # a mark closing a quotation opened before the content ("We won," he said)
    if text[start] in _SINGLE_OPENING or (text[start] == "'" and (start == 0 or not text[start - 1].isalnum())):
        return True  # a single-quoted quotation ('We got this wrong,' he said)
    gap = (text[end:cue_start] if end <= cue_start else text[cue_end:start]).strip(" ,;:–—-\n\t")
    edge = _SINGLE_MARKS if end <= cue_start else frozenset()
    return bool(gap) and (is_quote_mark(gap[0]) or is_quote_mark(gap[-1]) or gap[-1] in edge)


def quoted_share(text: str, start: int, end: int) -> float:
    """Share of ``text[start:end]`` that lies between quotation marks (marks paired in order; a mark
    left open runs to the end of the span).

    >>> t = 'the plan was "a complete failure" and a waste'
    >>> round(quoted_share(t, 0, len(t)), 2)
    0.44
    >>> quoted_share('no marks here', 0, 13)
    0.0
    """
    if end <= start:
        return 0.0
    marks = [i for i in range(start, end) if is_quote_mark(text[i])]
    quoted = 0
    for k in range(0, len(marks), 2):
        close = marks[k + 1] if k + 1 < len(marks) else end
        quoted += close - marks[k] + 1
    return min(1.0, quoted / (end - start))


def inside_quotation(text: str, sent_start: int, pos: int) -> bool:
    """True when ``pos`` lies inside a quotation opened earlier in its sentence. Each double mark is
    read by its shape: one followed by a space or punctuation closes, one after a space and before
    a word opens, any other toggles; guillemets open and close by glyph.

    >>> inside_quotation('"They keep telling us it is fine," she said.', 0, 11)
    True
    >>> inside_quotation('She said the "plan" was fine.', 0, 25)
    False
    >>> inside_quotation('what we need," he said, adding that', 0, 24)
    False
    """
    inside = False
    for i in range(sent_start, pos):
        ch = text[i]
        if ch == "«":
            inside = True
        elif ch == "»":
            inside = False
        elif is_quote_mark(ch):
            nxt = text[i + 1] if i + 1 < len(text) else " "
            prev = text[i - 1] if i > 0 else " "
            if not nxt.isalnum():
                inside = False
            elif not prev.isalnum():
                inside = True
            else:
                inside = not inside
    return inside


#: conjunctions and subordinators after which a quoted fragment has closed its clause
_CLAUSE_CLOSERS = frozenset({"and", "but", "or", "as", "while", "whereas", "although", "though",
                             "because", "since", "adding", "saying"})

#: subject dependencies that make a verb the head of a finite clause
_SUBJECT_DEPS = ("nsubj", "nsubjpass", "expl", "csubj")


def heading_line(line: str) -> bool:
    """A headline, standfirst or subhead: a short line (at most 25 words) with no final punctuation
    (``Union warns of pay freeze``). Reported speech read from it is not a quote.

    >>> heading_line("Union warns of pay freeze at steel plant")
    True
    >>> heading_line("The union warned of pay freeze at the plant.")
    False
    >>> heading_line('Minister says the plan "will work"')
    True
    """
    body = line.strip().rstrip("\"“”«»'’)]")
    return bool(body) and body[-1] not in ".!?…:;," and len(body.split()) <= 25


def quoted_stretches(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Char spans of the stretches of ``text[start:end]`` (one line) between quotation marks, marks
    and inner edge spaces excluded. Double marks pair in order and a mark left open runs to ``end``;
    in a line without double marks, single marks pair when one opens before a word and a later one
    closes after it (apostrophes inside words, ``don't``, are passed over).

    >>> t = 'He said the tram was "the only thing that runs" and that "it" stays.'
    >>> [t[s:e] for s, e in quoted_stretches(t, 0, len(t))]
    ['the only thing that runs', 'it']
    >>> t = "She said it wasn't 'broken beyond repair' yet."
    >>> [t[s:e] for s, e in quoted_stretches(t, 0, len(t))]
    ['broken beyond repair']
    """
    marks = [i for i in range(start, end) if is_quote_mark(text[i])]
    pairs = [(marks[k], marks[k + 1] if k + 1 < len(marks) else end) for k in range(0, len(marks), 2)]
    if not marks:
        pairs = _single_pairs(text, start, end)
    out = []
    for m, close in pairs:
        s, e = m + 1, close
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


def _single_pairs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``(opening, closing)`` offsets of single quotation marks in ``text[start:end]``."""
    pairs = []
    i = start
    while i < end:
        before = text[i - 1] if i > start else " "
        after = text[i + 1] if i + 1 < end else " "
        if text[i] in "'‘" and not before.isalnum() and after.isalnum():
            close = next((j for j in range(i + 2, end) if text[j] in "'’" and not text[j - 1].isspace()
                          and (j + 1 >= end or not text[j + 1].isalnum())), None)
            if close is not None:
                pairs.append((i, close))
                i = close
        i += 1
    return pairs


def _finite_head(token: Token) -> Token | None:
    """The head of the finite clause that holds ``token``: the nearest verb (itself included) with a
    subject of its own, coordinated with another verb, or a complement clause; infinitives
    (``to "shoot to kill"``) and participles are passed on to the clause above them."""
    t = token
    for _ in range(20):
        if any(c.dep_ in _SUBJECT_DEPS for c in t.children) or t.dep_ in ("ccomp", "ROOT") \
                or (t.pos_ in ("VERB", "AUX") and t.dep_ == "conj" and t.head.pos_ in ("VERB", "AUX")):
            return t  # a misparse may head the clause with a noun ('had "identified savings"')
        if t.head.i == t.i:
            return None
        t = t.head
    return None


def _fragment_tokens(doc: Doc, s: int, e: int) -> list[Token]:
    """The word tokens of ``doc`` inside the char span ``[s, e)``."""
    return [t for t in doc if t.idx >= s and t.idx + len(t) <= e and not (t.is_punct or t.is_space)]


def speakers_words(doc: Doc, s: int, e: int, content_end: int) -> bool:
    """Whether the quoted stretch ``[s, e)`` (char offsets, marks excluded) inside reported content
    is the speaker's own words (a partial quote) rather than a scare-quoted term: at least two
    words, and four words or more, or an adverb or adjective phrase (``acted "calmly and
    professionally"``), or it holds the head verb of its clause (``it had "identified savings"
    worth``), or it closes its clause (``the closure was "a disgrace" and that``). A single word or
    a short noun, verb or prepositional term inside the clause (``the "help" of the West``, ``a
    "security belt" around``) is a term.

    >>> from pipeline.quotes.doc_spans import parse_example
    >>> doc = parse_example('He said the plan was "dead in the water" and that talks had "moved on" since.')
    >>> t = doc.text
    >>> [speakers_words(doc, s, e, len(t)) for s, e in quoted_stretches(t, 0, len(t))]
    [True, True]
    >>> doc = parse_example('She said the region needed a "security belt" around its border.')
    >>> t = doc.text
    >>> [speakers_words(doc, s, e, len(t)) for s, e in quoted_stretches(t, 0, len(t))]
    [False]
    """
    tokens = _fragment_tokens(doc, s, e)
    words = [t for t in tokens if any(ch.isalnum() for ch in t.text)]
    if len(words) < 2:
        return False
    if len(words) >= 4:
        return True
    inside = {t.i for t in tokens}
    top = next((t for t in tokens if t.head.i not in inside or t.head.i == t.i), tokens[0])
    if top.pos_ in ("ADV", "ADJ"):
        return True  # an evaluation in the speaker's words: acted "appropriately and professionally"
    if any(t.head.i not in inside and _finite_head(t) is not None and _finite_head(t).i in inside
           for t in tokens):
        return True
    nxt = next((t for t in doc if t.idx >= e and not (t.is_punct or t.is_space)), None)
    return nxt is None or nxt.idx >= content_end or nxt.lower_ in _CLAUSE_CLOSERS


def _clause_span(doc: Doc, s: int, e: int) -> tuple[int, int] | None:
    """Char span of the finite clause that holds the quoted stretch ``[s, e)``, without the
    coordinated clauses of its own (``and that CLAUSE``, ``but CLAUSE``) that follow the stretch."""
    tokens = _fragment_tokens(doc, s, e)
    if not tokens:
        return None
    inside = {t.i for t in tokens}
    top = next((t for t in tokens if t.head.i not in inside or t.head.i == t.i), tokens[0])
    head = _finite_head(top)
    if head is None:
        return None
    start_i, end_i = head.left_edge.i, head.right_edge.i + 1
    for child in head.subtree:  # the parser may hang "and that C" on any word of the clause
        if child.dep_ == "conj" and child.pos_ in ("VERB", "AUX") and child.left_edge.i > tokens[-1].i \
                and (any(c.dep_ in _SUBJECT_DEPS for c in child.children)
                     or any(c.dep_ == "mark" for c in child.children)):
            k = child.left_edge.i
            while k > start_i and (doc[k - 1].dep_ == "cc" or doc[k - 1].is_punct):
                k -= 1
            end_i = min(end_i, max(k, tokens[-1].i + 1))
    return char_span(doc, start_i, end_i)


def _leftover_clauses(doc: Doc, start: int, end: int, clause: tuple[int, int]) -> list[tuple[int, int]]:
    """The parts of reported content ``[start, end)`` outside a quoted clause that still read as a
    clause of their own (a verb and three words or more, no speech verb: that would be another
    report's attribution), trimmed of joining words."""
    out = []
    for a, b in ((start, min(end, clause[0])), (max(start, clause[1]), end)):
        if b <= a:
            continue
        a, b = trim(doc.text, a, b)
        toks = [t for t in doc if t.idx >= a and t.idx + len(t) <= b]
        while toks and (toks[0].lower_ in ("and", "but", "or", "that", "while") or toks[0].is_punct):
            toks = toks[1:]
        while toks and (toks[-1].lower_ in ("and", "but", "or", "that") or toks[-1].is_punct):
            toks = toks[:-1]
        words = [t for t in toks if not (t.is_punct or t.is_space)]
        if any(t.pos_ == "VERB" and t.lemma_.lower() in speech_verbs() for t in words):
            continue  # another report's attribution ("She told the BBC"), not content
        if len(words) >= 3 and any(t.pos_ in ("VERB", "AUX") for t in words) \
                and not any(is_quote_mark(ch) for t in toks for ch in t.text):
            a, b = trim(doc.text, toks[0].idx, toks[-1].idx + len(toks[-1]))
            out.append((a, b))
    return out


#: the least share of reported content that its quoted fragments must cover to be partial quotes
#: of their own; below it the content is one indirect quote, marks included
FRAGMENT_SHARE = 0.5


def split_quoted_content(doc: Doc, start: int, end: int, line: tuple[int, int]) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Split reported content ``[start, end)`` around the quoted fragments that are the speaker's own
    words: ``(partials, indirect parts)``. A fragment needs an unquoted lead-in inside the content.
    When the fragments (marks included) cover no more than :data:`FRAGMENT_SHARE` of the content they are part of one
    indirect quote (``said the old depot had stood idle for years and was "an eyesore for the street"``),
    which comes back whole, marks included. Otherwise each fragment's clause is left to the partial,
    and the other clauses that stand on their own stay indirect.

    >>> from pipeline.quotes.doc_spans import parse_example
    >>> doc = parse_example('He said the tram was "the only thing in this whole town that still runs" and that cuts would hurt.')
    >>> t = doc.text
    >>> parts, rest = split_quoted_content(doc, 8, len(t) - 1, (0, len(t)))
    >>> [t[s:e] for s, e in parts], [t[s:e] for s, e in rest]
    (['the only thing in this whole town that still runs'], ['cuts would hurt'])
    >>> doc = parse_example('He said the tram was "the only thing that runs" and that closing it would hurt.')
    >>> [[doc.text[s:e] for s, e in side] for side in split_quoted_content(doc, 8, len(doc.text) - 1, (0, len(doc.text)))]
    [[], ['the tram was "the only thing that runs" and that closing it would hurt']]
    >>> doc = parse_example('The analyst said the deal had "enraged" the West.')
    >>> [[doc.text[s:e] for s, e in side] for side in split_quoted_content(doc, 17, 48, (0, 49))]
    [[], ['the deal had "enraged" the West']]
    """
    partials, clauses = _own_words(doc, start, end, line)
    if not partials or sum(e - s + 2 for s, e in partials) <= FRAGMENT_SHARE * (end - start):  # marks count, as in quoted_share
        return [], [(start, end)]
    rest = [(start, end)]
    for clause in clauses:
        rest = [part for a, b in rest for part in _leftover_clauses(doc, a, b, clause)]
    return partials, rest


def _own_words(doc: Doc, start: int, end: int, line: tuple[int, int]) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """The quoted stretches of the ``line`` that lie inside reported content ``[start, end)`` after an
    unquoted lead-in and are the speaker's own words (:func:`speakers_words`), and for each the span of
    its clause (from its opening mark at the latest): ``(fragments, clauses)``."""
    text = doc.text
    partials: list[tuple[int, int]] = []
    clauses: list[tuple[int, int]] = []
    for s, e in quoted_stretches(text, *line):
        mark = s - 1
        while mark > line[0] and not (is_quote_mark(text[mark]) or text[mark] in "'‘"):
            mark -= 1
        if not (start < mark < end) or not text[start:mark].strip(" ,;:"):
            continue  # no lead-in: a direct quote or a quotation that opens the content
        if not speakers_words(doc, s, e, end):
            continue
        partials.append((s, e))
        clause = _clause_span(doc, s, e) or (start, end)
        clauses.append((min(clause[0], mark), max(clause[1], e)))
    return partials, clauses
