"""The ``marks`` finder: quotes in quotation marks, told apart as ``direct`` (full sentences) or
``partial`` (a speaker's fragment in the writer's sentence), or left out (scare quotes, names,
titles, single words).

:func:`quote_kind` classifies one quoted region; :func:`find_mark_quotes` reads every region of an
article (:mod:`pipeline.quotes.regions`) with the attribution next to it.
"""

from __future__ import annotations

import re

from pipeline.quotes.attribution import Evidence, attribution_after, attribution_before, span_row
from pipeline.quotes.fragments import heading_line
from pipeline.quotes.paragraphs import DASHES, DOUBLE_MARKS, SINGLE_MARKS, ArticleText, overlap, word_list
from pipeline.quotes.regions import Region, quoted_regions, single_quoted_regions

__all__ = ["quote_kind", "find_mark_quotes"]


#: marks that end a sentence
_SENT_END = ".!?…"


def _sentence_initial(text: str, mark: int, floor: int) -> bool:
    """Whether the mark at ``mark`` opens a sentence: only spaces, or a sentence end, colon, mark,
    dash or bracket, stand between it and the words before (``floor`` is the paragraph start)."""
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
    words = word_list(content)
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


def _after_close(text: str, end: int) -> int:
    """The offset just after the closing mark of a quote whose words end at ``end``."""
    i = end
    while i < len(text) and (text[i].isspace() or text[i] in ",.!?…") and text[i] != "\n":
        i += 1
    return i + 1 if i < len(text) and (text[i] in DOUBLE_MARKS or text[i] in SINGLE_MARKS) else end


def _resumes_quote(text: str, prev_close: int, open_mark: int, before: Evidence) -> bool:
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
    punctuation; ``heading_line``): its quoted fragments are not partial quotes.

    >>> _in_heading("Minister says cuts 'will hurt' families", 0, 39)
    True
    """
    return heading_line(text[ps:pe])


def _evidence_around(text: str, paras: list[tuple[int, int]], r: Region) -> tuple[Evidence, Evidence, int]:
    """``(before, after, opening mark)`` of a quoted region: the attribution written before the
    opening mark (or at the end of the previous paragraph when it ends in a colon and the quote
    opens its paragraph) and the attribution after the closing mark."""
    ps, _ = paras[r.para]
    _, epe = paras[r.end_para]
    nxt = paras[r.end_para + 1] if r.end_para + 1 < len(paras) else None
    after = attribution_after(text, r.close, epe, nxt)
    open_mark = r.start - 1
    while open_mark > ps and text[open_mark] not in DOUBLE_MARKS + SINGLE_MARKS:
        open_mark -= 1
    before = attribution_before(text, ps, open_mark)
    if before.cue is None and open_mark <= ps and r.para > 0:
        pps, ppe = paras[r.para - 1]
        if text[ppe - 1] == ":":
            before = attribution_before(text, pps, ppe)
    return before, after, open_mark


def _region_kind(text: str, r: Region, ps: int, before: Evidence, after: Evidence, open_mark: int,
                 last_direct: int | None) -> str | None:
    """The kind of a (not nested) quoted region: :func:`quote_kind` with the cues next to it, a short
    sentence with an attribution after it (``“We lost,” he said.``) made direct, and the second half of
    an interrupted quote (``“A,” he said, “but B.”``, ``last_direct`` where the first half's closing
    mark ends) made direct too."""
    cue_near = before.cue is not None and (len(text[before.cue_end:open_mark].split()) <= 2
                                           or _as_complement(text[before.cue_end:open_mark]))
    has_cue = before.cue is not None or after.cue is not None
    kind = quote_kind(text, r.start, r.end, ps, has_cue, cue_near)
    if kind is None and after.cue is not None and _short_sentence_quote(text, r.start, r.end, ps):
        kind = "direct"  # “We lost,” he said.
    if kind == "partial" and last_direct is not None and _resumes_quote(text, last_direct, open_mark, before):
        kind = "direct"  # “A,” he said, “but B.”: the second half of an interrupted quote
    return kind


def _region_row(text: str, paras: list[tuple[int, int]], r: Region, dash_spans: list[tuple[int, int]],
                last_direct: int | None) -> dict | None:
    """The row of one quoted region, or None when it is no quote: a nested quote counts only as a
    direct quote with a cue of its own before it; a partial inside dash speech or a headline, and a
    direct quote inside dash speech without an attribution after it, are left out."""
    ps, pe = paras[r.para]
    before, after, open_mark = _evidence_around(text, paras, r)
    if r.nested:
        if before.cue is not None and before.cue_start is not None and before.cue_start >= ps \
                and quote_kind(text, r.start, r.end, ps, True, True) == "direct":
            return span_row("direct", r.start, r.end, r.para, before)
        return None
    in_dash = any(overlap((r.start, r.end), d) >= (r.end - r.start) * 0.5 for d in dash_spans)
    kind = _region_kind(text, r, ps, before, after, open_mark, last_direct)
    if kind is None or (in_dash and kind == "partial"):
        return None
    if kind == "partial" and _in_heading(text, ps, pe):
        return None  # a headline's quoted words ("Regulator says firm 'ignored' warnings")
    if in_dash and kind == "direct" and after.cue is None:
        return None
    ev = after if after.cue is not None else before
    return span_row(kind, r.start, r.end, r.para, ev)


def find_mark_quotes(article: ArticleText, rows: list[dict]) -> list[dict]:
    """The ``marks`` finder: ``rows`` and one ``direct`` or ``partial`` row per quoted region (double
    and single marks, :mod:`pipeline.quotes.regions`) that is a quote, with the attribution after it
    (or, when none, before it). Regions lying in the ``dash`` rows already found are read as part of
    the dash speech.

    >>> from pipeline.quotes.paragraphs import paragraphs
    >>> t = '“We lost,” he said, “but we will be back.” The coach called it “a very bad day”.'
    >>> [(r["kind"], t[r["start"]:r["end"]]) for r in find_mark_quotes(ArticleText(t, paragraphs(t)), [])]
    [('direct', 'We lost,'), ('direct', 'but we will be back.'), ('partial', 'a very bad day')]
    """
    text, paras = article.text, article.paras
    dash_spans = [(r["start"], r["end"]) for r in rows if r["kind"] == "dash"]
    regions = sorted(quoted_regions(text, paras) + single_quoted_regions(text, paras), key=lambda r: (r.start, r.end))
    out = list(rows)
    last_direct: int | None = None  # where the last direct quote's closing mark ends
    for r in regions:
        if out and out[-1]["kind"] == "direct" and out[-1]["start"] < r.start:
            last_direct = _after_close(text, out[-1]["end"])
        row = _region_row(text, paras, r, dash_spans, last_direct)
        if row is not None:
            out.append(row)
    return out
