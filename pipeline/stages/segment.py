"""Segment stage: find the quote spans of every article (direct, partial, dash and indirect).

One row per quote span in one article. Offsets are ``str`` offsets into the article's CLEAN
``text``; enclosing quotation marks and trailing attribution are excluded.

Design (where spaCy runs):

* Quotation marks and dashes are found by rules on the text, no parse: :func:`mark_shape`
  decides whether a mark opens or closes by what stands on either side of it, so that the
  broken marks the normalizer leaves (``matter, ”he said``, ``the deal “, – he said``) still pair up;
  :func:`quoted_regions` pairs the marks over paragraphs (a quote left open at a paragraph end
  runs on into the next one), tells nested quotes from stray marks, and :func:`dash_turns` reads
  dash-opened speech and Q&A layouts.
* The local evidence for attribution (cue, mention) next to a quote is read by rules
  (:func:`attribution_after`, :func:`attribution_before`) from the attribution clause.
* spaCy runs once, here, and only where rules cannot do the work: on the sentences of candidate
  paragraphs (quote marks, a leading dash, a speech cue) whose words *outside* quotation marks
  hold a speech cue and room for reported content (:func:`parse_units`); ``“…,” he said.`` is never
  parsed. Units are batched with ``nlp.pipe``; each character is parsed at most once, and the
  ``ner`` component is disabled (it cost over 40% of the parse; names are read by rules in
  :mod:`pipeline.stages.attribute`). The parse feeds ``speech.reported_speech`` for indirect quotes;
  attribution never parses.
"""

from __future__ import annotations

from pathlib import Path
import re
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from pipeline import nlp as nlp_mod
from pipeline.quotes import speech
from pipeline.config import Settings
from pipeline.lexicons import lexicon_lines
from pipeline.quotes.verbs import naming_verb_forms, speech_verb_forms, verb_forms
from pipeline.storage import read_part, write_part
from schemas.interim import QuoteSpan


__all__ = [
    "quote_spans",
    "paragraphs",
    "mark_shape",
    "quoted_regions",
    "single_quoted_regions",
    "parse_units",
    "dash_turns",
    "speech_verb_forms",
    "attribution_after",
    "attribution_before",
    "quote_kind",
    "SPAN_COLUMNS",
]

#: double quotation marks of every style (single quotes are left to nesting)
DOUBLE_MARKS = "\"“”„‟«»″"
_OPENING_CHARS = "“„‟«"
_CLOSING_CHARS = "”»″"
DASHES = "–—―-"
_SENT_END = ".!?…"

SPAN_COLUMNS = [
    "article_id", "kind", "start", "end", "paragraph", "cue", "cue_start", "cue_end",
    "mention", "mention_start", "mention_end", "continues",
]


# -- lexicons ---------------------------------------------------------------------------------
_lines = lexicon_lines


@lru_cache(maxsize=1)
def _cue_phrase_re() -> re.Pattern[str]:
    from pipeline.quotes import speech

    alts = "|".join(re.escape(p) for p in speech.cue_phrases())
    return re.compile(rf"\b(?:{alts})\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def _verb_re() -> re.Pattern[str]:
    # a trie finds what the longest-first alternation found: the forms matching at one place are
    # prefixes of each other, one path of the trie, tried longest first
    return re.compile(rf"\b(?:{trie_alternation(speech_verb_forms())})\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def _any_cue_re() -> re.Pattern[str]:
    forms = speech_verb_forms() | naming_verb_forms()
    return re.compile(rf"\b(?:{trie_alternation(forms)})\b", re.IGNORECASE)  # as in _verb_re


# -- paragraphs -------------------------------------------------------------------------------
def paragraphs(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every non-blank line of ``text``, surrounding whitespace excluded.

    >>> paragraphs("  One.\\n\\nTwo two. \\n")
    [(2, 6), (8, 16)]
    """
    out = []
    for m in re.finditer(r"[^\n]+", text):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


# -- quotation marks --------------------------------------------------------------------------
def mark_shape(text: str, i: int) -> str:
    """Whether the double quotation mark at ``text[i]`` looks like it opens or closes a quote.

    Context decides first, the glyph only breaks ties: a mark followed by a space, punctuation or
    the end closes; a mark after a space and before a word opens, except after ``, `` / ``. ``
    before a lower-case word (``matter, ”he said``: a closing mark with the space on the wrong side).

    >>> s = 'He said: “Yes, ”he said. “No” and "x"y'
    >>> [mark_shape(s, i) for i, ch in enumerate(s) if ch in DOUBLE_MARKS]
    ['open', 'close', 'open', 'close', 'open', 'ambig']
    >>> mark_shape('the deal “, – he said', 9)
    'close'
    """
    before = text[i - 1] if i > 0 else "\n"
    after = text[i + 1] if i + 1 < len(text) else "\n"
    if after.isspace() or after in ",.;:!?)]–—-…" or after in DOUBLE_MARKS:
        return "close"
    if before.isspace() or before in "([{–—-:/" or before in DOUBLE_MARKS:
        if before == " " and i >= 2 and text[i - 2] in ",.!?…" and after.islower():
            return "close"
        return "open"
    if text[i] in _OPENING_CHARS and not before.isalnum():
        return "open"
    return "ambig"


@dataclass
class Region:
    """A stretch of text inside quotation marks: ``start``/``end`` exclude the marks and the
    spaces just inside them; ``close`` is the offset after the closing mark (or the paragraph end)."""

    start: int
    end: int
    para: int
    end_para: int
    nested: bool = False
    close: int = 0


def _region(text: str, s: int, e: int, para: int, end_para: int, nested: bool = False) -> Region:
    close = e + 1 if e < len(text) and (text[e] in DOUBLE_MARKS or text[e] in "'‘’‚‛") else e
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return Region(s, e, para, end_para, nested, close)


_DOUBLE_MARK = re.compile("[" + re.escape(DOUBLE_MARKS) + "]")


def _marks_in(text: str, s: int, e: int) -> list[int]:
    return [m.start() for m in _DOUBLE_MARK.finditer(text, s, e)]


def quoted_regions(text: str, paras: list[tuple[int, int]] | None = None) -> list[Region]:
    """Pair the double quotation marks of a text into quoted regions, over paragraphs.

    A quote left open at a paragraph end runs on into the next paragraph when that paragraph
    opens with a mark (the usual convention) or holds an odd number of marks (it closes the quote).
    Inside a quote, an opening mark starts a nested quote only when two more marks follow in the
    paragraph and the second of them does not open (it closes the outer quote); otherwise it is a
    stray mark and the quote goes on.

    >>> t = '“A b c. “D e,” he said. And “x y”.'
    >>> [(r.start, r.end, r.nested) for r in quoted_regions(t)]
    [(1, 13, False), (29, 32, False)]
    >>> t = '"A said: "B c." D e," he said.'
    >>> [(t[r.start:r.end], r.nested) for r in quoted_regions(t)]
    [('A said: "B c." D e,', False), ('B c.', True)]
    >>> t = '"We lost," he said, "but we will be back."'
    >>> [t[r.start:r.end] for r in quoted_regions(t)]
    ['We lost,', 'but we will be back.']
    >>> t = '“One two\\n\\nThree four,” he said.'
    >>> [t[r.start:r.end] for r in quoted_regions(t)]
    ['One two\\n\\nThree four,']
    """
    if paras is None:
        paras = paragraphs(text)
    regions: list[Region] = []
    open_at: int | None = None
    open_para = 0
    nested_at: int | None = None
    k = 0
    while k < len(paras):
        ps, pe = paras[k]
        marks = _marks_in(text, ps, pe)
        skip_first = False
        if open_at is not None and marks and marks[0] == ps and mark_shape(text, ps) == "open":
            skip_first = True  # continuation mark at the start of a running quote's next paragraph
        for n, i in enumerate(marks):
            if skip_first and n == 0:
                continue
            shape = mark_shape(text, i)
            remaining = len(marks) - n - 1
            if open_at is None:
                # with no quote open, a mark right before a word opens one, whatever its shape:
                # '“A,” he said, “but B.”' and its straight-quoted form '"A," he said, "but B."'
                if shape != "close" or (text[i] in _OPENING_CHARS or text[i] == '"') and (i + 1 < pe and text[i + 1].isalnum()):
                    open_at, open_para = i + 1, k
            elif nested_at is not None:
                if shape != "open":
                    regions.append(_region(text, nested_at, i, k, k, nested=True))
                    nested_at = None
            else:
                if shape == "open":
                    if remaining >= 2 and mark_shape(text, marks[n + 2]) != "open":
                        nested_at = i + 1
                    # else: a stray mark inside the quote
                else:
                    regions.append(_region(text, open_at, i, open_para, k))
                    open_at = None
        nested_at = None
        if open_at is not None:
            nxt = paras[k + 1] if k + 1 < len(paras) else None
            carry = False
            if nxt is not None and k + 1 - open_para < 4:
                nmarks = _marks_in(text, nxt[0], nxt[1])
                if nmarks and (nmarks[0] == nxt[0] and mark_shape(text, nxt[0]) == "open" or len(nmarks) % 2 == 1):
                    carry = True
            if not carry:
                if pe > open_at:
                    regions.append(_region(text, open_at, pe, open_para, k))
                open_at = None
        k += 1
    regions.sort(key=lambda r: (r.start, r.end))
    return regions


SINGLE_MARKS = "'‘’‚‛"
_SINGLE_MARK = re.compile("[" + re.escape(SINGLE_MARKS) + "]")


def single_quoted_regions(text: str, paras: list[tuple[int, int]] | None = None) -> list[Region]:
    """Quotes in single marks (``'We got this wrong,' he said.``), read only in paragraphs that
    hold no double marks; apostrophes (``don't``, ``Poland’s``, ``the parents' car``) are told
    from closing marks by what stands on either side.

    >>> t = "'We got it wrong,' she said. 'We are sorry.' It's the parents' view."
    >>> [t[r.start:r.end] for r in single_quoted_regions(t)]
    ['We got it wrong,', 'We are sorry.']
    """
    if paras is None:
        paras = paragraphs(text)
    regions: list[Region] = []
    for k, (ps, pe) in enumerate(paras):
        if _DOUBLE_MARK.search(text, ps, pe):
            continue
        i = ps
        while i < pe:
            m = _SINGLE_MARK.search(text, i, pe)  # only a single mark can open a quote
            if m is None:
                break
            i = m.start()
            ch = text[i]
            before = text[i - 1] if i > ps else " "
            after = text[i + 1] if i + 1 < pe else " "
            if ch in SINGLE_MARKS and (before.isspace() or before in "([–—-") and (after.isalnum() or after in "…"):
                close = _single_close(text, i + 1, pe)
                if close is not None:
                    regions.append(_region(text, i + 1, close, k, k))
                    i = close + 1
                    continue
            i += 1
    return regions


def _single_close(text: str, start: int, pe: int) -> int | None:
    """The closing single mark of a quote opened just before ``start``, or None."""
    cands = []
    for m in _SINGLE_MARK.finditer(text, start, pe):
        j = m.start()
        prev = text[j - 1]
        nxt = text[j + 1] if j + 1 < pe else " "
        if prev.isalnum() and nxt.isalnum():
            continue  # an apostrophe inside a word
        if prev.isspace() and nxt.isalnum():
            if cands:
                break
            return None  # another opening mark: this one was not a quote
        if nxt.isspace() or nxt in ",.;:!?)–—-" or j + 1 >= pe:
            cands.append((j, prev))
    for j, prev in cands:
        if prev in ",.!?…" or (prev.isalnum() and prev.lower() != "s"):
            return j
    return cands[-1][0] if cands else None


# -- dashes -----------------------------------------------------------------------------------
_DASH_START = re.compile(r"[–—―-]\s*")
_QUESTION_LINE = re.compile(r"^(?P<label>[\"“”«»]?[^\s:\"“”«»]{1,20}(?:\s[^\s:\"“”«»]{1,20}){0,2}[\"“”«»]?)\s*:\s*[–—―-]\s*")
_ATTR_SPLIT = re.compile(r"(?:[,.!?…]\s*[\"“”»]?\s*|\s)[–—―]\s+(?=\S)")
#: a labelled interview turn without a dash: "Q: ...", "A: ...", "Question: ...", "Answer - ..."
_QA_LABEL = re.compile(r"^(?P<label>Q|A|Question|Answer)\s*[:.)]?\s*[:–—―-]?\s+(?=\S)")


@dataclass
class Turn:
    """A dash-opened paragraph: an answer (speech), a question line, or an attribution line."""

    kind: str  # "answer" | "question" | "attribution"
    start: int
    end: int
    para: int
    attr_start: int | None = None
    attr_end: int | None = None


def _starts_with_cue(s: str) -> bool:
    words = s.split()
    if not words:
        return False
    head = " ".join(words[:4]).lower()
    if words[0].lower() in speech_verb_forms() or words[0].lower() in naming_verb_forms():
        return True
    return bool(_cue_phrase_re().match(head))


def _is_attribution(s: str) -> bool:
    """Whether ``s`` (the words after a dash) reads as an attribution: a cue within its first
    four words, short, and not a sentence of its own."""
    words = s.split()
    if not words or len(words) > 25:
        return False
    for w in words[:4]:
        lw = w.lower().strip(",.")
        if lw in speech_verb_forms() or lw in naming_verb_forms():
            return True
    if _cue_phrase_re().search(" ".join(words[:5])):
        return True
    # "We are certain Director of X Name" style: a first-person stance phrase and no full stop
    return bool(re.match(r"(?i)(i|we)\s+(am|are|think|believe|consider|suppose)\b", s)) and not s.rstrip().endswith(".")


#: the end of an attribution sentence followed by a new dash: the speaker goes on talking
_RESUME = re.compile(r"[.!?…]\s*[–—―]\s+(?=\S)")
#: the next dash in a stretch: a sentence end and a dash, or a dash between spaces
_NEXT_DASH = re.compile(r"[.!?…]\s*[–—―]\s+(?=\S)|\s[–—―]\s+(?=\S)")


def _dash_answers(text: str, s: int, pe: int) -> list[tuple[int, int, tuple[int, int] | None]]:
    """The answers in one dash-opened paragraph ``text[s:pe]`` (after its opening dash):
    ``(start, end, attribution span or None)``. A trailing attribution after a dash (``, – he said``,
    or ``promises – said Ana Ruiz``) is cut off; when the attribution sentence ends and a new dash
    opens (``– she added. – More words.``), the words after it are one more answer.

    >>> def answers(t):
    ...     return [(t[a:b], t[attr[0]:attr[1]] if attr else None) for a, b, attr in _dash_answers(t, 2, len(t))]
    >>> answers("– We will not pay, – she added. – The people carry buckets.")
    [('We will not pay,', 'she added.'), ('The people carry buckets.', None)]
    >>> answers("– We hope it lasts – said Ana Ruiz, a retired nurse.")
    [('We hope it lasts', 'said Ana Ruiz, a retired nurse.')]
    >>> answers("– The plan – which we backed – failed.")
    [('The plan – which we backed – failed.', None)]
    """
    out: list[tuple[int, int, tuple[int, int] | None]] = []
    while s < pe:
        body = text[s:pe]
        end, attr, nxt = pe, None, pe
        for sm in _ATTR_SPLIT.finditer(body):
            rest = body[sm.end():]
            stop = _NEXT_DASH.search(rest)  # the words up to the next dash are what must read as an attribution
            if not _is_attribution(rest[:stop.start() + 1] if stop else rest):
                continue
            end = s + sm.start() + (1 if body[sm.start()] in ",.!?…" else 0)
            resume = _RESUME.search(rest)
            attr = (s + sm.end(), s + sm.end() + resume.start() + 1 if resume else pe)
            nxt = s + sm.end() + resume.end() if resume else pe
            break
        if end > s:
            out.append((s, end, attr))
        s = nxt
    return out


def _qa_labels(text: str, paras: list[tuple[int, int]]) -> dict[int, tuple[str, int]]:
    """Paragraphs of an interview laid out with labels and no dashes (``Q: ...`` / ``A: ...``):
    paragraph index -> (``question`` or ``answer``, offset of the words after the label). Only
    when the text has at least two question labels and two answer labels, and every answer
    follows a question, so that a stray ``A:`` is never read as an answer.

    >>> t = "Q: Why now?\\n\\nA: Because it was time.\\n\\nQ: And next?\\n\\nA: Rest."
    >>> _qa_labels(t, paragraphs(t))
    {0: ('question', 3), 1: ('answer', 3), 2: ('question', 3), 3: ('answer', 3)}
    >>> _qa_labels("A: one thing.\\n\\nA: another.", paragraphs("A: one thing.\\n\\nA: another."))
    {}
    """
    found: dict[int, tuple[str, int]] = {}
    for k, (ps, pe) in enumerate(paras):
        m = _QA_LABEL.match(text[ps:pe])
        if m:
            found[k] = ("question" if m["label"][0] == "Q" else "answer", m.end())
    kinds = [v[0] for _, v in sorted(found.items())]
    if kinds.count("question") < 2 or kinds.count("answer") < 2 \
            or any(b == "answer" and a != "question" for a, b in zip(["-"] + kinds, kinds)):
        return {}
    return found


def dash_turns(text: str, paras: list[tuple[int, int]] | None = None) -> list[Turn]:
    """The dash-opened paragraphs of a text, read as answers, question lines or attribution lines.

    An answer's span excludes the dash and a trailing ``, – he said`` attribution (kept in
    ``attr_start``/``attr_end``); its trailing comma stays in the span.

    >>> t = "– It is done, – he said\\n\\nQ: – Why?\\n\\n– Because.\\n\\n– said the agency"
    >>> [(d.kind, t[d.start:d.end]) for d in dash_turns(t)]
    [('answer', 'It is done,'), ('question', 'Why?'), ('answer', 'Because.'), ('attribution', 'said the agency')]
    """
    if paras is None:
        paras = paragraphs(text)
    turns: list[Turn] = []
    labelled = _qa_labels(text, paras)
    for k, (ps, pe) in enumerate(paras):
        line = text[ps:pe]
        if k in labelled:
            kind, body = labelled[k]
            turns.append(Turn(kind, ps + body, pe, k))
            continue
        q = _QUESTION_LINE.match(line)
        if q and not line[0] in DASHES:
            turns.append(Turn("question", ps + q.end(), pe, k))
            continue
        m = _DASH_START.match(line)
        if not m or line[0] not in DASHES or (len(line) > 1 and line[1] == "-"):
            continue
        if not line[m.end() - 1].isspace() and line[0] == "-":
            continue  # a hyphen glued to a word is not a speech dash
        s = ps + m.end()
        body = text[s:pe]
        if _starts_with_cue(body) and len(body.split()) <= 30:
            turns.append(Turn("attribution", s, pe, k))
            continue
        for a, b, attr in _dash_answers(text, s, pe):
            turns.append(Turn("answer", a, b, k, *(attr or (None, None))))
    # an interview with dash questions: a short unattributed dash line ending in "?" that is
    # followed by an unattributed dash answer is the interviewer's question
    for n, t in enumerate(turns[:-1]):
        nxt = turns[n + 1]
        line = text[t.start:t.end].rstrip()
        if t.kind == "answer" and t.attr_start is None and line.endswith("?") and len(line.split()) <= 30 \
                and nxt.kind == "answer" and nxt.para == t.para + 1:
            t.kind = "question"
    return turns


# -- attribution evidence next to a quote ------------------------------------------------------
_MENTION_STOP = re.compile(
    r"(?i)^(?:and|but|while|whereas|which|who|that|as|when|because|so|then|also|once|again|"
    r"in turn|for his part|for her part|however|meanwhile|later|earlier|to which|thus)\b[\s,]*"
)
_ADVERBS = r"(?:also|then|later|again|further|once again|in response|immediately|repeatedly|earlier|now|had|has|have|was|is)"


@dataclass
class Evidence:
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    mention: str | None = None
    mention_start: int | None = None
    mention_end: int | None = None


def _sentence_end(text: str, i: int, limit: int) -> int:
    m = re.compile(r"[.!?…](?=\s|$)|[\"“”«»]").search(text, i, limit)
    return m.start() if m else limit


def _trim_mention(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and (text[s].isspace() or text[s] in ",;:–—-" or text[s] in DOUBLE_MARKS):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ",;:–—-." or text[e - 1] in DOUBLE_MARKS):
        e -= 1
    while True:
        m = _MENTION_STOP.match(text[s:e])
        if not m or m.end() == 0:
            break
        s += m.end()
    return s, e


def _mention_before(text: str, verb_start: int, floor: int) -> tuple[int, int] | None:
    """The subject written just before a verb: back to a clause boundary, at most eight words."""
    chunk = text[floor:verb_start]
    cut = -1
    for sm in re.finditer(r"[.!?…]\s", chunk):
        cut = max(cut, sm.end() - 1)
    for ch in ";:(–—":
        cut = max(cut, chunk.rfind(ch))
    # comma-separated parts, right to left: skip adverbs, relative clauses and appositions
    parts = []
    pos = cut + 1
    for m in re.finditer(r",", chunk[cut + 1:]):
        parts.append((pos, cut + 1 + m.start()))
        pos = cut + 1 + m.end()
    parts.append((pos, len(chunk)))
    chosen = parts[-1]
    for i in range(len(parts) - 1, -1, -1):
        ps_, pe_ = parts[i]
        seg = chunk[ps_:pe_].strip()
        seg = re.sub(rf"^(?:{_ADVERBS}\s+)*|(?:\s+{_ADVERBS})*$", "", seg, flags=re.IGNORECASE).strip()
        if not seg:
            continue
        left = chunk[parts[i - 1][0]:parts[i - 1][1]].strip() if i > 0 else ""
        named_left = bool(left) and left.split()[-1][:1].isupper()
        if re.match(r"(?i)(who|which|whose)\b", seg) or (re.match(r"(?i)(the|a|an)\b", seg) and named_left) \
                or re.fullmatch(r"\d+", seg):
            continue
        chosen = parts[i]
        break
    s = floor + chosen[0]
    if chosen != parts[-1]:
        verb_start = floor + chosen[1]
    e = verb_start
    e_m = re.search(rf"(\s+{_ADVERBS})+\s*$", text[s:e], re.IGNORECASE)
    if e_m:
        e = s + e_m.start()
    s, e = _trim_mention(text, s, e)
    words = text[s:e].split()
    if not words or len(words) > 8:
        if words:  # keep the last words that still read as a noun phrase
            s = e - len(" ".join(words[-4:]))
            return s, e
        return None
    return s, e


def attribution_after(text: str, pos: int, limit: int, next_para: tuple[int, int] | None = None) -> Evidence:
    """The attribution written right after a quote: ``, he said``, ``said X``, ``– notes Y``.

    ``pos`` is just after the closing mark, ``limit`` the paragraph end; when the quote ends its
    paragraph, a next paragraph opened by a dash and a cue is read instead.

    >>> t = '“We ask,” the official said. More.'
    >>> e = attribution_after(t, 9, len(t)); (e.cue, e.mention)
    ('said', 'the official')
    >>> t = '“Yes,” said Tomas Kim, a professor at X.'
    >>> e = attribution_after(t, 6, len(t)); (e.cue, e.mention)
    ('said', 'Tomas Kim')
    >>> t = '“Yes.” The weather was fine, he said.'
    >>> attribution_after(t, 6, len(t)).cue is None
    True
    """
    s = pos
    while s < limit and (text[s].isspace() or text[s] in ",–—-" or text[s] in DOUBLE_MARKS):
        s += 1
    if s >= limit and next_para is not None:
        ns, ne = next_para
        line = text[ns:ne]
        if line and line[0] in DASHES and _starts_with_cue(line.lstrip(DASHES + " ")):
            s = ns
            while s < ne and (text[s].isspace() or text[s] in DASHES):
                s += 1
            limit = ne
        else:
            return Evidence()
    end = _sentence_end(text, s, limit)
    tail = text[s:end]
    if not tail.strip():
        return Evidence()
    # verb first: "said X", "notes Y", "according to Z"
    m = re.match(rf"(?i)((?:{_ADVERBS}\s+)?)(\S+)((?:\s+in response|\s+then|\s+later|\s+again)?)\s+", tail)
    cue_m = _cue_phrase_re().match(tail)
    if cue_m:
        ms, me = _trim_mention(text, s + cue_m.end(), end)
        me = _cut_at_comma(text, ms, me, clauses=False)
        return Evidence(tail[: cue_m.end()].lower(), s, s + cue_m.end(), text[ms:me] or None, ms if me > ms else None, me if me > ms else None)
    if m and m.group(2).lower().strip(",") in speech_verb_forms():
        cs, ce = s + m.start(2), s + m.end(2)
        ms, me = _trim_mention(text, s + m.end(), end)
        me = _cut_at_comma(text, ms, me)
        if me > ms:
            return Evidence(text[cs:ce], cs, ce, text[ms:me], ms, me)
        return Evidence(text[cs:ce], cs, ce)
    # subject first: "he said", "the Peruvian leader stressed"
    for vm in _verb_re().finditer(tail):
        before = tail[: vm.start()]
        if len(before.split()) > 9 or re.search(r"[,;:]", before.strip()):
            break
        ms, me = _trim_mention(text, s, s + vm.start())
        me_m = re.search(rf"(\s+{_ADVERBS})+\s*$", text[ms:me], re.IGNORECASE)
        if me_m:
            me = ms + me_m.start()
        if me > ms:
            return Evidence(vm.group(0), s + vm.start(), s + vm.end(), text[ms:me], ms, me)
        break
    return Evidence()


def _cut_at_comma(text: str, s: int, e: int, clauses: bool = True) -> int:
    """End a mention at its first comma or at a following clause (``X, the head of Y`` -> ``X``)."""
    if re.search(r"\b(?:citing|quoting)\b", text[s:e]):
        clauses = False  # "the agency citing a professor at X University Name": the name ends it
    rx = r",|\s(?:who|which|during|at|in|on|after|before|to|from|with)\s" if clauses else r","
    m = re.search(rx, text[s:e])
    if m and m.start() > 0:
        e = s + m.start()
    while e > s and text[e - 1] in " .,;:":
        e -= 1
    return e


def attribution_before(text: str, floor: int, pos: int) -> Evidence:
    """The attribution written before a quote in the same sentence: ``X said:``, ``According to X,``,
    ``X said that``, ``called them``. ``pos`` is the opening mark, ``floor`` the paragraph start.

    >>> t = 'Later, Okafor then replied: “No.”'
    >>> e = attribution_before(t, 0, 27); (e.cue, e.mention)
    ('replied', 'Okafor')
    >>> t = 'According to the minister, the plan “will work”'
    >>> e = attribution_before(t, 0, 36); (e.cue, e.mention)
    ('according to', 'the minister')
    >>> attribution_before('The weather is “fine”', 0, 15).cue is None
    True
    """
    # the current sentence before the mark
    chunk = text[floor:pos]
    starts = [m.end() for m in re.finditer(r"[.!?…][\"”»]?\s+(?=[A-Z\"“«])", chunk)]
    ss = floor + (starts[-1] if starts else 0)
    head = text[ss:pos]
    best: Evidence | None = None
    cue_hits = list(_cue_phrase_re().finditer(head))
    verb_hits = [m for m in _any_cue_re().finditer(head)
                 if not re.search(r"(?i)\b(a|an|the|this|that|his|her|its|their|our|press)\s+$", head[:m.start()])]
    cand = []
    for m in cue_hits:
        cand.append(("phrase", m))
    for m in verb_hits:
        if not any(c.start() <= m.start() < c.end() for c in cue_hits):
            cand.append(("verb", m))
    if not cand:
        return Evidence()
    kind, m = max(cand, key=lambda c: c[1].start())
    cs, ce = ss + m.start(), ss + m.end()
    phrase = m.group(0).lower()
    if kind == "phrase" and phrase.startswith(("according to", "in the opinion of", "in the view of", "in the words of", "as quoted by", "as reported by")):
        ms, me = _trim_mention(text, ce, pos)
        me = _cut_at_comma(text, ms, me, clauses=False)
        best = Evidence(phrase, cs, ce, text[ms:me] or None, ms if me > ms else None, me if me > ms else None)
    elif kind == "phrase" and re.match(r"in (his|her|their|its) (opinion|view|words)", phrase):
        poss = phrase.split()[1]
        best = Evidence(phrase, cs, ce, text[cs + 3: cs + 3 + len(poss)], cs + 3, cs + 3 + len(poss))
    else:
        span = _mention_before(text, cs, ss)
        if span:
            best = Evidence(text[cs:ce], cs, ce, text[span[0]:span[1]], span[0], span[1])
        else:
            best = Evidence(text[cs:ce], cs, ce)
    return best


# -- kinds ------------------------------------------------------------------------------------
def _sentence_initial(text: str, mark: int, floor: int) -> bool:
    j = mark - 1
    while j >= floor and text[j].isspace():
        j -= 1
    if j < floor:
        return True
    return text[j] in _SENT_END + ":" + DOUBLE_MARKS + SINGLE_MARKS + DASHES + "("


def _short_sentence_quote(text: str, start: int, end: int, floor: int) -> bool:
    """A short quote standing as its own sentence and ending in punctuation (``“We lost,” he said``).

    >>> t = '“We lost,” he said.'
    >>> _short_sentence_quote(t, 1, 9, 0), _short_sentence_quote('the “help” of', 5, 9, 0)
    (True, False)
    """
    content = text[start:end].strip()
    mark = start - 1
    while mark > floor and text[mark].isspace():
        mark -= 1
    return bool(content) and content[0].isupper() and content[-1] in ",.!?…" and _sentence_initial(text, mark, floor)


def _words(s: str) -> list[str]:
    return re.findall(r"[\w’'-]+", s)


def _title_like(words: list[str]) -> bool:
    """Every longer word capitalised: a name or a title of a work, not speech."""
    return all(w[:1].isupper() or w.isdigit() or len(w) <= 3 for w in words)


#: words before a quotation mark that name a term rather than report words: so-called "X", known as "X"
_NAMING_BEFORE = re.compile(r"\b(?:so-called|so called|self-styled|self-proclaimed|(?:also\s+|widely\s+)?known\s+as)\s*$",
                            re.IGNORECASE)


def quote_kind(text: str, start: int, end: int, floor: int, has_cue: bool, cue_near: bool) -> str | None:
    """Classify a quoted region: ``direct`` (sentences), ``partial`` (a speaker's fragment inside
    the writer's sentence) or None (scare quotes, names, titles, single words).

    ``has_cue``: a speech cue stands in the same sentence or right after the quote; ``cue_near``:
    it stands within three words before the mark (``called them “...”``).

    >>> t = 'He said: “We will win this war.”'
    >>> quote_kind(t, 10, 31, 0, True, True)
    'direct'
    >>> t = 'the “help” of the West'
    >>> quote_kind(t, 5, 9, 0, False, False) is None
    True
    >>> t = 'She said that “the plan is dead and buried”.'
    >>> quote_kind(t, 15, 42, 0, True, False)
    'partial'
    >>> t = 'calls to curb so-called "payday lending schemes", the charity says'
    >>> quote_kind(t, 25, 47, 0, True, True) is None
    True
    """
    content = text[start:end]
    words = _words(content)
    if len(words) <= 1:
        return None
    mark = start - 1
    while mark > floor and text[mark].isspace():
        mark -= 1
    if _NAMING_BEFORE.search(text, max(floor, mark - 40), mark):
        return None  # a term named, not words said: so-called "X", known as "X"
    initial = _sentence_initial(text, mark, floor)
    first = content.lstrip()[:1]
    if initial and (first.isupper() or first.isdigit()) and len(words) >= 3 and not (_title_like(words) and len(words) <= 4):
        return "direct"
    if _title_like(words) and len(words) <= 5:
        return None
    if cue_near and len(words) >= 2:
        return "partial"
    if has_cue and len(words) >= 3:
        return "partial"
    if len(words) >= 7 and content.rstrip()[-1:] in _SENT_END + ",":
        return "partial"
    return None


# -- the stage --------------------------------------------------------------------------------
def _candidate(text: str) -> bool:
    """Whether a paragraph can hold a quote: quotation marks, a leading dash, or a speech cue
    (a speech or naming verb form, or a cue phrase: :func:`_unit_cue_re`)."""
    if _DOUBLE_MARK.search(text) or text[:1] in DASHES:
        return True
    return bool(_unit_cue_re().search(text))


def trie_alternation(strings) -> str:
    """A regex alternation matching exactly ``strings``, written as a character trie, so the
    engine follows one branch per character instead of trying every string at every position
    (a search with hundreds of cue words was ~14 times slower as a flat ``a|b|c``).

    >>> trie_alternation(["said", "says", "say", "told"])
    '(?:sa(?:id|y(?:s)?)|told)'
    >>> p = re.compile(rf"\\b(?:{trie_alternation(['say', 'said', 'called on'])})\\b", re.I)
    >>> [bool(p.search(t)) for t in ("He SAID so", "they sayings", "called on them", "called only")]
    [True, False, True, False]
    """
    trie: dict = {}
    for word in strings:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch != ""]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(trie)


@lru_cache(maxsize=1)
def _unit_cue_re() -> re.Pattern[str]:
    """Speech verb forms, naming verbs and cue phrases in one pattern (a trie: only ever
    searched for whether it matches)."""
    from pipeline.quotes import speech

    alts = speech_verb_forms() | naming_verb_forms() | set(speech.cue_phrases())
    return re.compile(rf"\b(?:{trie_alternation(alts)})\b", re.IGNORECASE)


_SENTENCE_BREAK = re.compile(r"[.!?…][\"”’»)]?\s+(?=[\"“‘«(–—-]?[A-Z0-9])")


def parse_units(text: str, paras: list[tuple[int, int]], quoted: list[tuple[int, int]]) -> list[tuple[int, int, int]]:
    """The stretches of text worth a parse: ``(start, end, paragraph)`` of each sentence of a
    candidate paragraph whose words outside quotation marks hold a speech cue and at least five
    words (room for reported content). ``“…,” he said.`` is not parsed: marks and rules read it.

    >>> t = "“We won,” he said. The minister said that taxes would rise.\\n\\nNo cue here at all."
    >>> [t[s:e] for s, e, _ in parse_units(t, paragraphs(t), [(1, 8)])]
    ['The minister said that taxes would rise.']
    """
    units = []
    for k, (ps, pe) in enumerate(paras):
        para = text[ps:pe]
        if not _candidate(para):
            continue
        inside = [(max(qs, ps) - ps, min(qe, pe) - ps) for qs, qe in quoted if qs < pe and qe > ps]
        masked_text = para
        for qs, qe in inside:
            a, b = max(qs - 1, 0), min(qe + 1, len(para))
            if b > a:
                masked_text = masked_text[:a] + " " * (b - a) + masked_text[b:]
        cuts = [0]
        for m in _SENTENCE_BREAK.finditer(para):
            if not any(qs <= m.start() < qe for qs, qe in inside):
                cuts.append(m.end())
        cuts.append(len(para))
        for a, b in zip(cuts, cuts[1:]):
            outside = masked_text[a:b]
            if len(outside.split()) < 5:
                continue
            if _unit_cue_re().search(outside):
                s, e = a, b
                while e > s and para[e - 1].isspace():
                    e -= 1
                units.append((ps + s, ps + e, k))
    return units


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _article_spans(text: str, docs: dict[int, tuple[int, object]], paras: list[tuple[int, int]]) -> list[dict]:
    rows: list[dict] = []
    turns = dash_turns(text, paras)
    # dash answers; in a Q&A layout, plain paragraphs between an answer and the next question
    # line belong to the answer
    by_para = {t.para: t for t in turns}
    qa = any(t.kind == "question" for t in turns)
    dash_spans: list[tuple[int, int]] = []
    for t in turns:
        if t.kind != "answer":
            continue
        end = t.end
        if qa and t.attr_start is None:
            k = t.para + 1
            ext = []
            while k < len(paras) and k not in by_para:
                ext.append(k)
                k += 1
            if ext and k < len(paras) and by_para.get(k) and by_para[k].kind == "question" and len(ext) <= 3:
                if not any(ch in DOUBLE_MARKS for p in ext for ch in text[paras[p][0]:paras[p][1]]):
                    end = paras[ext[-1]][1]
        ev = Evidence()
        if t.attr_start is not None:
            ev = attribution_after(text, t.attr_start, t.attr_end)
            if ev.cue is None:
                ev = _stance_attribution(text, t.attr_start, t.attr_end)
        rows.append(_row("dash", t.start, end, t.para, ev, continues=t.attr_start is None))
        dash_spans.append((t.start, end))
    # quotation marks
    regions = sorted(quoted_regions(text, paras) + single_quoted_regions(text, paras), key=lambda r: (r.start, r.end))
    last_direct: int | None = None  # where the last direct quote's closing mark ends
    for r in regions:
        if rows and rows[-1]["kind"] == "direct" and rows[-1]["start"] < r.start:
            last_direct = _after_close(text, rows[-1]["end"])
        ps, pe = paras[r.para]
        eps, epe = paras[r.end_para]
        close_end = r.close
        nxt = paras[r.end_para + 1] if r.end_para + 1 < len(paras) else None
        after = attribution_after(text, close_end, epe, nxt)
        open_mark = r.start - 1
        while open_mark > ps and text[open_mark] not in DOUBLE_MARKS + SINGLE_MARKS:
            open_mark -= 1
        before = attribution_before(text, ps, open_mark)
        if before.cue is None and open_mark <= ps and r.para > 0:
            pps, ppe = paras[r.para - 1]
            if text[ppe - 1] == ":":
                before = attribution_before(text, pps, ppe)
        in_dash = any(_overlap((r.start, r.end), d) >= (r.end - r.start) * 0.5 for d in dash_spans)
        if r.nested:
            if before.cue is not None and before.cue_start is not None and before.cue_start >= ps:
                kind = quote_kind(text, r.start, r.end, ps, True, True)
                if kind == "direct":
                    rows.append(_row("direct", r.start, r.end, r.para, before, continues=False))
            continue
        cue_near = before.cue is not None and (len(text[before.cue_end:open_mark].split()) <= 2
                                               or _as_complement(text[before.cue_end:open_mark]))
        has_cue = before.cue is not None or after.cue is not None
        kind = quote_kind(text, r.start, r.end, ps, has_cue, cue_near)
        if kind is None and after.cue is not None and _short_sentence_quote(text, r.start, r.end, ps):
            kind = "direct"  # “We lost,” he said.
        if kind == "partial" and last_direct is not None and _resumes_quote(text, last_direct, open_mark, before):
            kind = "direct"  # “A,” he said, “but B.”: the second half of an interrupted quote
        if kind is None or (in_dash and kind == "partial"):
            continue
        if kind == "partial" and _in_heading(text, ps, pe):
            continue  # a headline's quoted words ("Regulator says firm 'ignored' warnings")
        if in_dash and kind == "direct" and after.cue is None:
            continue
        content_end = r.end
        ev = after if after.cue is not None else before
        rows.append(_row(kind, r.start, content_end, r.para, ev, continues=ev.cue is None))
    # indirect quotes from the reported-speech detector
    rows.extend(_indirect_rows(text, docs, paras, rows))
    rows = _merge_partials_into_indirect(text, rows)
    rows.sort(key=lambda r: (r["start"], r["end"]))
    return rows


def _merge_partials_into_indirect(text: str, rows: list[dict]) -> list[dict]:
    """A quoted term inside reported speech belongs to it (the reported-speech detector has already
    taken the speaker's own fragments out, see ``speech.split_quoted_content``): a partial lying
    within an indirect quote's content is dropped, except a fragment of four words or more that
    closes the content and covers most of it (``speech.FRAGMENT_SHARE``: ``said the data would be
    published “so that every resident can see exactly what is at stake.”``): that stays a record of
    its own and the indirect content ends before it."""
    indirect = [r for r in rows if r["kind"] == "indirect"]
    keep = []
    for r in rows:
        if r["kind"] != "partial" or r.get("reported"):  # the detector already split the report
            keep.append(r)
            continue
        host = None
        for ind in indirect:
            plen = r["end"] - r["start"]
            inside = _overlap((r["start"], r["end"]), (ind["start"], ind["end"])) >= 0.9 * plen \
                and plen < 0.6 * (ind["end"] - ind["start"])
            if inside:
                tail = r["end"] >= ind["end"] - 2 and len(_words(text[r["start"]:r["end"]])) >= 4 \
                    and plen >= speech.FRAGMENT_SHARE * (max(r["end"], ind["end"]) - ind["start"])
                if tail:
                    # a long fragment closing the reported speech is a record of its own
                    cut = r["start"] - 1
                    while cut > ind["start"] and (text[cut - 1].isspace() or text[cut - 1] in DOUBLE_MARKS + SINGLE_MARKS):
                        cut -= 1
                    ind["end"] = cut
                    break
                host = ind
                break
        if host is None:
            keep.append(r)
    return keep


def _after_close(text: str, end: int) -> int:
    """The offset just after the closing mark of a quote whose words end at ``end``."""
    i = end
    while i < len(text) and (text[i].isspace() or text[i] in ",.!?…") and text[i] != "\n":
        i += 1
    return i + 1 if i < len(text) and (text[i] in DOUBLE_MARKS or text[i] in SINGLE_MARKS) else end


def _resumes_quote(text: str, prev_close: int, open_mark: int, before: "Evidence") -> bool:
    """Whether the quote opened at ``open_mark`` resumes the direct quote that closed at
    ``prev_close``: between them stands only its attribution, a speech cue ending in a comma
    (``“We lost,” he said, “but we will be back.”``).

    >>> t = '“We lost,” he said, “but we will be back.”'
    >>> _resumes_quote(t, 10, 20, Evidence("said", 14, 18))
    True
    >>> t = '“We lost,” he said. Later the coach called it “a bad day”.'
    >>> _resumes_quote(t, 10, 46, Evidence("called", 34, 40))
    False
    """
    gap = text[prev_close:open_mark]
    return before.cue is not None and prev_close <= (before.cue_start or -1) < open_mark \
        and "\n" not in gap and len(gap.split()) <= 12 and gap.rstrip().endswith(",") \
        and not re.search(r"[.!?…]", gap)


def _as_complement(between: str) -> bool:
    """The words between a cue and a quotation mark end in ``as`` (``described the plan as``,
    ``branded the deal as``): the quote is the speaker's description of its object.

    >>> _as_complement(" the proposal as "), _as_complement(" that the plan was ")
    (True, False)
    """
    words = between.split()
    return 2 <= len(words) <= 6 and words[-1].lower() == "as"


def _in_heading(text: str, ps: int, pe: int) -> bool:
    """Whether the paragraph ``text[ps:pe]`` is a headline, standfirst or subhead (short, no final
    punctuation; ``speech.heading_line``): its quoted fragments are not partial quotes.

    >>> _in_heading("Minister says cuts 'will hurt' families", 0, 39)
    True
    """
    from pipeline.quotes import speech

    return speech.heading_line(text[ps:pe])


def _stance_attribution(text: str, s: int, e: int) -> Evidence:
    """``I am sure Head of X Name``: a first-person stance phrase before the speaker's name."""
    m = re.match(r"(?i)((?:i|we)\s+(?:am|are)\s+\w+|(?:i|we)\s+(?:think|believe|consider|suppose))\s+", text[s:e])
    if not m:
        return Evidence()
    ms, me = _trim_mention(text, s + m.end(), e)
    return Evidence(m.group(1), s, s + len(m.group(1)), text[ms:me], ms, me)


def _row(kind: str, start: int, end: int, para: int, ev: Evidence, continues: bool) -> dict:
    return {
        "kind": kind, "start": start, "end": end, "paragraph": para,
        "cue": ev.cue, "cue_start": ev.cue_start, "cue_end": ev.cue_end,
        "mention": ev.mention, "mention_start": ev.mention_start, "mention_end": ev.mention_end,
        "continues": continues,
    }


def _indirect_rows(text: str, docs: dict[int, tuple[int, object]], paras, rows: list[dict]) -> list[dict]:
    """Indirect rows from the reported-speech detector, and the partial quotes it finds inside
    reported content (``said the ferry was "the only thing that works"``): a fragment the marks
    already gave as a partial keeps its span and takes the report's cue and speaker; one that
    :func:`quote_kind` left out (too short to tell by the marks alone) is added."""
    from pipeline.quotes import speech

    if not hasattr(speech, "reported_speech"):
        return []
    out: list[dict] = []
    taken = [(r["start"], r["end"]) for r in rows if r["kind"] != "dash"]
    for base, (k, doc) in sorted(docs.items()):
        for rep in speech.reported_speech(doc, fragments=True):
            s, e = base + rep.content_start, base + rep.content_end
            ev = Evidence(rep.cue, base + rep.cue_start, base + rep.cue_end)
            if rep.speaker_start is not None:
                ms, me = base + rep.speaker_start, base + rep.speaker_end
                ev.mention, ev.mention_start, ev.mention_end = text[ms:me], ms, me
            if rep.kind == "partial":
                _reported_partial(rows, out, taken, s, e, k, ev)
                continue
            while e > s and text[e - 1] in " .,;:":
                e -= 1
            while s < e and text[s] in " ,;:":
                s += 1
            if e - s < 8:
                continue
            if any(_overlap((s, e), t) >= 0.5 * (e - s) for t in taken):
                continue
            out.append(_row("indirect", s, e, k, ev, continues=False))
            taken.append((s, e))
    return out


def _reported_partial(rows: list[dict], out: list[dict], taken: list[tuple[int, int]],
                      s: int, e: int, para: int, ev: Evidence) -> None:
    """Record a quoted fragment of reported speech as a partial quote with the report's cue and
    speaker (the parse reads them better than the words next to the marks): an existing partial
    row at the same marks takes them (a direct row is left alone),
    otherwise a new partial row is added."""
    same = [r for r in rows + out if _overlap((r["start"], r["end"]), (s, e)) >= 0.5 * max(e - s, r["end"] - r["start"])]
    if any(r["kind"] != "partial" for r in same):
        return
    if same:
        for r in same:
            r.update(_row("partial", r["start"], r["end"], r["paragraph"], ev, continues=False))
            r["reported"] = True
        return
    row = _row("partial", s, e, para, ev, continues=False)
    row["reported"] = True
    out.append(row)
    taken.append((s, e))


def quote_spans(articles: pd.DataFrame, settings: Settings) -> pd.DataFrame:
    """One row per quote span found in the clean ``text`` of each article.

    Columns: ``article_id, kind, start, end`` (clean offsets, marks and trailing attribution
    excluded) and the local evidence for :func:`pipeline.stages.attribute.attributed_quotes`:
    ``paragraph, cue, cue_start, cue_end, mention, mention_start, mention_end, continues``
    (True when no attribution stands at the quote).
    """
    texts = [str(t or "") for t in articles["text"]]
    paras_of = [paragraphs(t) for t in texts]
    jobs: list[tuple[int, int, int, int]] = []
    for a, (text, paras) in enumerate(zip(texts, paras_of)):
        quoted = [(r.start, r.end) for r in quoted_regions(text, paras) + single_quoted_regions(text, paras)]
        for s, e, k in parse_units(text, paras, quoted):
            jobs.append((a, s, e, k))
    docs_of: list[dict[int, tuple[int, object]]] = [dict() for _ in texts]
    if jobs:
        nlp = nlp_mod.load(settings.spacy_model, disable=("ner",))
        segs = (texts[a][s:e] for a, s, e, _ in jobs)
        for (a, s, e, k), doc in zip(jobs, nlp.pipe(segs, batch_size=64)):
            docs_of[a][s] = (k, doc)
    rows: list[dict] = []
    for a, (aid, text) in enumerate(zip(articles["article_id"], texts)):
        for r in _article_spans(text, docs_of[a], paras_of[a]):
            r["article_id"] = aid
            rows.append(r)
    df = pd.DataFrame(rows, columns=SPAN_COLUMNS)
    for col in ("cue_start", "cue_end", "mention_start", "mention_end"):
        df[col] = df[col].astype("Int64")
    return df


# -- load, process, save ----------------------------------------------------------------------
def segment_part(src: Path, dst: Path, settings: Settings) -> int:
    """Find the quote spans of one stored part of normalized articles; returns the number of articles."""
    articles = read_part(src)
    write_part(quote_spans(articles, settings), QuoteSpan, dst)
    return len(articles)
