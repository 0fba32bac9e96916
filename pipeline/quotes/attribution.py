"""The local evidence for attribution next to a quote, read by rules on the text (no parse): the
speech cue and the mention of the speaker in the attribution clause after a quote
(:func:`attribution_after`: ``, he said``, ``said X``, ``– notes Y``) or before it
(:func:`attribution_before`: ``X said:``, ``According to X,``), as an :class:`Evidence`; and the
row every finder writes for a quote span (:func:`span_row`).
"""

from __future__ import annotations

from dataclasses import dataclass
import re

from pipeline.quotes.paragraphs import DASHES, DOUBLE_MARKS
from pipeline.quotes.surface_cues import any_cue_re, cue_phrase_re, starts_with_cue, verb_re
from pipeline.quotes.verbs import speech_verb_forms

__all__ = [
    "Evidence", "trim_mention", "attribution_after", "attribution_before", "stance_attribution",
    "span_row"
]


_MENTION_STOP = re.compile(
    r"(?i)^(?:and|but|while|whereas|which|who|that|as|when|because|so|then|also|once|again|"
    r"in turn|for his part|for her part|however|meanwhile|later|earlier|to which|thus)\b[\s,]*"
)

_ADVERBS = r"(?:also|then|later|again|further|once again|in response|immediately|repeatedly|earlier|now|had|has|have|was|is)"


@dataclass
class Evidence:
    """The attribution next to a quote: the speech cue and the mention of the speaker, as text and
    offsets into the article text (None when not found)."""

    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    mention: str | None = None
    mention_start: int | None = None
    mention_end: int | None = None


def _sentence_end(text: str, i: int, limit: int) -> int:
    """Where the sentence that runs from ``i`` ends: at a sentence mark before a space, or at a
    quotation mark; ``limit`` when neither comes first."""
    m = re.compile(r"[.!?…](?=\s|$)|[\"“”«»]").search(text, i, limit)
    return m.start() if m else limit


def trim_mention(text: str, s: int, e: int) -> tuple[int, int]:
    """The mention ``text[s:e]`` without outer spaces, punctuation and marks, and without leading
    joining words (``and``, ``while``, ``for his part``).

    >>> t = ", and for her part Ana Ruiz."
    >>> s, e = trim_mention(t, 0, len(t)); t[s:e]
    'Ana Ruiz'
    """
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
    chosen, last = _subject_part(text[floor:verb_start])
    s = floor + chosen[0]
    if not last:
        verb_start = floor + chosen[1]
    e = verb_start
    e_m = re.search(rf"(\s+{_ADVERBS})+\s*$", text[s:e], re.IGNORECASE)
    if e_m:
        e = s + e_m.start()
    s, e = trim_mention(text, s, e)
    words = text[s:e].split()
    if not words or len(words) > 8:
        if words:  # keep the last words that still read as a noun phrase
            s = e - len(" ".join(words[-4:]))
            return s, e
        return None
    return s, e


def _subject_part(chunk: str) -> tuple[tuple[int, int], bool]:
    """The part of ``chunk`` (the words before a verb) that holds its subject, and whether it is the
    last part: after the last clause boundary, the comma-separated parts are read right to left,
    skipping adverbs, relative clauses, appositions after a name and bare numbers.

    >>> chunk = "Tom Hale, who runs the shelter, "
    >>> (s, e), last = _subject_part(chunk); chunk[s:e], last
    ('Tom Hale', False)
    """
    cut = -1
    for sm in re.finditer(r"[.!?…]\s", chunk):
        cut = max(cut, sm.end() - 1)
    for ch in ";:(–—":
        cut = max(cut, chunk.rfind(ch))
    parts = []
    pos = cut + 1
    for m in re.finditer(r",", chunk[cut + 1:]):
        parts.append((pos, cut + 1 + m.start()))
        pos = cut + 1 + m.end()
    parts.append((pos, len(chunk)))
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
        return parts[i], i == len(parts) - 1
    return parts[-1], True


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
    start = _attribution_start(text, pos, limit, next_para)
    if start is None:
        return Evidence()
    s, limit = start
    end = _sentence_end(text, s, limit)
    tail = text[s:end]
    if not tail.strip():
        return Evidence()
    return _verb_first(text, s, end) or _subject_first(text, s, tail)


def _attribution_start(text: str, pos: int, limit: int, next_para: tuple[int, int] | None) -> tuple[int, int] | None:
    """Where the attribution after a quote starts, past spaces, commas, dashes and marks, and the end
    of the stretch it is read in: the rest of the paragraph or, when the quote ends its paragraph,
    the next paragraph if a dash and a cue open it (else None).

    >>> t = "“Calm,”\\n\\n– notes the agency"
    >>> _attribution_start(t, 7, 7, (9, len(t)))
    (11, 27)
    """
    s = pos
    while s < limit and (text[s].isspace() or text[s] in ",–—-" or text[s] in DOUBLE_MARKS):
        s += 1
    if s < limit or next_para is None:
        return s, limit
    ns, ne = next_para
    line = text[ns:ne]
    if not (line and line[0] in DASHES and starts_with_cue(line.lstrip(DASHES + " "))):
        return None
    s = ns
    while s < ne and (text[s].isspace() or text[s] in DASHES):
        s += 1
    return s, ne


def _verb_first(text: str, s: int, end: int) -> Evidence | None:
    """An attribution that opens with its cue, ``text[s:end]``: a cue phrase (``according to Z``) or a
    speech verb (``said X``, ``notes Y``), with the mention after it up to a comma; None otherwise.

    >>> t = "said Tomas Kim, a professor."
    >>> e = _verb_first(t, 0, len(t)); (e.cue, e.mention)
    ('said', 'Tomas Kim')
    """
    tail = text[s:end]
    cue_m = cue_phrase_re().match(tail)
    if cue_m:
        ms, me = trim_mention(text, s + cue_m.end(), end)
        me = _cut_at_comma(text, ms, me, clauses=False)
        return Evidence(tail[: cue_m.end()].lower(), s, s + cue_m.end(), text[ms:me] or None, ms if me > ms else None, me if me > ms else None)
    m = re.match(rf"(?i)((?:{_ADVERBS}\s+)?)(\S+)((?:\s+in response|\s+then|\s+later|\s+again)?)\s+", tail)
    if m and m.group(2).lower().strip(",") in speech_verb_forms():
        cs, ce = s + m.start(2), s + m.end(2)
        ms, me = trim_mention(text, s + m.end(), end)
        me = _cut_at_comma(text, ms, me)
        if me > ms:
            return Evidence(text[cs:ce], cs, ce, text[ms:me], ms, me)
        return Evidence(text[cs:ce], cs, ce)
    return None


def _subject_first(text: str, s: int, tail: str) -> Evidence:
    """An attribution that opens with its subject (``he said``, ``the regional leader stressed``): the
    first speech verb of ``tail`` (``text`` from ``s``), at most nine words in and no clause
    punctuation before it, with the words before it as the mention.

    >>> t = "the regional leader stressed."
    >>> e = _subject_first(t, 0, t); (e.cue, e.mention)
    ('stressed', 'the regional leader')
    """
    vm = verb_re().search(tail)
    if vm is None:
        return Evidence()
    before = tail[: vm.start()]
    if len(before.split()) > 9 or re.search(r"[,;:]", before.strip()):
        return Evidence()
    ms, me = trim_mention(text, s, s + vm.start())
    me_m = re.search(rf"(\s+{_ADVERBS})+\s*$", text[ms:me], re.IGNORECASE)
    if me_m:
        me = ms + me_m.start()
    if me > ms:
        return Evidence(vm.group(0), s + vm.start(), s + vm.end(), text[ms:me], ms, me)
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
    last = _last_cue(head)
    if last is None:
        return Evidence()
    kind, m = last
    cs, ce = ss + m.start(), ss + m.end()
    phrase = m.group(0).lower()
    if kind == "phrase" and phrase.startswith(("according to", "in the opinion of", "in the view of", "in the words of", "as quoted by", "as reported by")):
        ms, me = trim_mention(text, ce, pos)
        me = _cut_at_comma(text, ms, me, clauses=False)
        return Evidence(phrase, cs, ce, text[ms:me] or None, ms if me > ms else None, me if me > ms else None)
    if kind == "phrase" and re.match(r"in (his|her|their|its) (opinion|view|words)", phrase):
        poss = phrase.split()[1]
        return Evidence(phrase, cs, ce, text[cs + 3: cs + 3 + len(poss)], cs + 3, cs + 3 + len(poss))
    span = _mention_before(text, cs, ss)
    if span:
        return Evidence(text[cs:ce], cs, ce, text[span[0]:span[1]], span[0], span[1])
    return Evidence(text[cs:ce], cs, ce)


def _last_cue(head: str) -> tuple[str, re.Match[str]] | None:
    """The last cue in ``head`` (a sentence up to a quotation mark): ``("phrase", match)`` for a cue
    phrase, ``("verb", match)`` for a speech or naming verb outside the phrases and not used as a
    noun (``the call``, ``press statement``), or None.

    >>> kind, m = _last_cue("According to the mayor, the plan"); kind, m.group(0)
    ('phrase', 'According to')
    >>> _last_cue("The weather is") is None
    True
    """
    cue_hits = list(cue_phrase_re().finditer(head))
    verb_hits = [m for m in any_cue_re().finditer(head)
                 if not re.search(r"(?i)\b(a|an|the|this|that|his|her|its|their|our|press)\s+$", head[:m.start()])]
    cand = []
    for m in cue_hits:
        cand.append(("phrase", m))
    for m in verb_hits:
        if not any(c.start() <= m.start() < c.end() for c in cue_hits):
            cand.append(("verb", m))
    if not cand:
        return None
    return max(cand, key=lambda c: c[1].start())


def stance_attribution(text: str, s: int, e: int) -> Evidence:
    """``I am sure Head of X Name``: a first-person stance phrase before the speaker's name."""
    m = re.match(r"(?i)((?:i|we)\s+(?:am|are)\s+\w+|(?:i|we)\s+(?:think|believe|consider|suppose))\s+", text[s:e])
    if not m:
        return Evidence()
    ms, me = trim_mention(text, s + m.end(), e)
    return Evidence(m.group(1), s, s + len(m.group(1)), text[ms:me], ms, me)


def span_row(kind: str, start: int, end: int, para: int, ev: Evidence) -> dict:
    """The row a finder writes for one quote span: its kind, offsets and paragraph index, and the
    evidence next to it (the segment stage adds ``article_id``).

    >>> span_row("direct", 1, 9, 0, Evidence("said", 14, 18))["cue"]
    'said'
    """
    return {
        "kind": kind, "start": start, "end": end, "paragraph": para,
        "cue": ev.cue, "cue_start": ev.cue_start, "cue_end": ev.cue_end,
        "mention": ev.mention, "mention_start": ev.mention_start, "mention_end": ev.mention_end,
    }
