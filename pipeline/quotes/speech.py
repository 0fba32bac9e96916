"""Reported speech on parsed spaCy docs: the entry point of the ``reported`` finder's parse rules.

:func:`reported_speech` returns every reported-speech construction whose content is not in quotation
marks (:class:`Report` records, ``kind="indirect"``): ``X said (that) CLAUSE``, ``CLAUSE, X said``,
``CLAUSE, said X``, ``According to X, CLAUSE``, ``In X's opinion, CLAUSE``, ``X warned of NP``,
``X called on NP to VP``; offsets are characters of the underlying ``Doc.text``.

The rules live in the modules it calls: the cue lexicons and their matching
(:mod:`pipeline.quotes.cues`), speakers on the parse (:mod:`pipeline.quotes.subjects`), clause content
(:mod:`pipeline.quotes.clauses`), the constructions that tie them together
(:mod:`pipeline.quotes.constructions`, which also gives ``speech_cues``) and the quotation marks in and
around the content (:mod:`pipeline.quotes.fragments`). A quoted fragment that is the speaker's own
words and covers most of the content comes back as a ``partial`` record with
``reported_speech(doc, fragments=True)``; clauses that stand on their own stay indirect.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
import re

from spacy.tokens import Doc, Span

from pipeline.quotes.constructions import Construction, Cue, cue_record, find_constructions
from pipeline.quotes.doc_spans import doc_and_bounds, trim
from pipeline.quotes.fragments import (
    heading_line, in_quotation, inside_quotation, quoted_share, split_quoted_content,
)

__all__ = ["Report", "reported_speech"]


@dataclass
class Report:
    """One reported-speech construction: content, cue and speaker as offsets into ``Doc.text``."""

    content_start: int
    content_end: int
    cue_start: int
    cue_end: int
    cue: str
    speaker_start: int | None
    speaker_end: int | None
    speaker_text: str | None
    kind: str = "indirect"
    confidence: float = 0.8


#: pronouns of the first and second person: a report with such a speaker sits inside someone's quote
_FIRST_SECOND_PERSON = frozenset({"i", "me", "my", "we", "us", "our", "you", "your"})

#: dashes that open dash-style speech ("they say – the plan failed")
_SPEECH_DASHES = frozenset("–—")


def _paragraph(text: str, start: int, end: int) -> tuple[int, int]:
    """The line of ``text`` around ``[start, end)``."""
    ps = text.rfind("\n", 0, start) + 1
    pe = text.find("\n", end)
    return ps, len(text) if pe < 0 else pe


#: a time adjunct of the speech verb parsed into the start of its content ("said on Thursday it would",
#: "told reporters yesterday that"), with the "that" after it
_SUBJECT_START = r"(?=that\s|(?:it|he|she|they|we|i|the|a|an|his|her|its|their|this|these|those|there|no|all|some)\b|(?-i:[A-Z]))"

_LEADING_TIME = re.compile(
    r"(?:(?:(?:on|last|this|late|early)\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
    r"|yesterday|today|tonight|on\s+\w+\s+\d{1,2}|on\s+\d{1,2}\s+\w+)"
    rf"(?:\s+(?:morning|afternoon|evening|night))?,?\s+{_SUBJECT_START}(?:that\s+)?",
    re.IGNORECASE)

#: what may stand between two contents of one cue that are one report: "said A and that B"
_CONTENT_JOIN = re.compile(r"^[\s,;\"”’'»]*(?:and|but)\s+(?:that\s+)?$")


def _joined_contents(text: str, constructions: list[Construction]) -> list[Construction]:
    """The constructions with the coordinated contents of one cue joined into one
    (``said the plan was "a mess" and that talks would go on``): one report, whose quoted
    fragments are then weighed against the whole content (:func:`split_quoted_content`)."""
    out: list[Construction] = []
    for c in constructions:
        prev = out[-1] if out else None
        if prev is not None and c.content is not None and prev.content is not None \
                and prev.cue_tokens == c.cue_tokens and prev.content[1] <= c.content[0] \
                and _CONTENT_JOIN.match(text[prev.content[1]:c.content[0]]):
            out[-1] = dataclasses.replace(prev, content=(prev.content[0], c.content[1]))
            continue
        out.append(c)
    return out


def reported_speech(doc: Doc | Span, fragments: bool = False) -> list[Report]:
    """Every reported-speech construction in ``doc`` whose content is not inside quotation marks.

    One record per construction, in text order; offsets are into the underlying ``Doc.text``. The
    content excludes the cue, the speaker, a leading ``that`` and the final period, and stays within
    the cue's line. No record for questions, negated or modal cues ("did not say that", "would
    ask"), content introduced by a quotation mark or a speech dash, content mostly in quotation marks
    (a partial quote), a cue inside a quotation, a missing or first/second-person speaker, or a
    headline (``heading_line``: the content runs to the end of a short unpunctuated line).

    A quoted fragment in the content that is the speaker's own words (``split_quoted_content``)
    takes its clause with it: only the clauses that stand on their own stay indirect. With
    ``fragments=True`` the fragments come back too, as ``kind="partial"`` records with the same cue
    and speaker.

    >>> from pipeline.quotes.doc_spans import parse_example, span_text
    >>> doc = parse_example("According to the mayor, the bridge will reopen in June. She warned of long delays.")
    >>> [(span_text(doc, (r.content_start, r.content_end)), r.cue, r.speaker_text) for r in reported_speech(doc)]
    [('the bridge will reopen in June', 'According to', 'the mayor'), ('long delays', 'warned of', 'She')]
    >>> doc = parse_example('The mayor said the bridge was "a disgrace to everyone who has to cross it every single day" and that repairs would start.')
    >>> [(r.kind, span_text(doc, (r.content_start, r.content_end))) for r in reported_speech(doc, fragments=True)]
    [('partial', 'a disgrace to everyone who has to cross it every single day'), ('indirect', 'repairs would start')]
    >>> doc = parse_example("Shell said on Thursday it would sell its stake in the field.")
    >>> [span_text(doc, (r.content_start, r.content_end)) for r in reported_speech(doc)]
    ['it would sell its stake in the field']
    >>> doc = parse_example('The mayor said the bridge was "a disgrace" and that repairs would start soon.')
    >>> [(r.kind, span_text(doc, (r.content_start, r.content_end))) for r in reported_speech(doc, fragments=True)]
    [('indirect', 'the bridge was "a disgrace" and that repairs would start soon')]
    """
    base, _, _ = doc_and_bounds(doc)
    text = base.text
    out: list[Report] = []
    seen_partials: set[tuple[int, int]] = set()
    for c in _joined_contents(text, find_constructions(doc)):
        if c.content is None:
            continue
        cue = cue_record(base, c, text)
        if cue.speaker_text is None or cue.speaker_text.lower() in _FIRST_SECOND_PERSON:
            continue  # no speaker ("a way of thinking that"), or speech inside someone's quote
        line = _paragraph(text, cue.cue_start, cue.cue_end)
        content = _content_span(text, c.content, cue, line)
        if content is None or _not_a_report(base, c, cue, content, line):
            continue
        for report in _reports(base, c, cue, content, line):
            if report.kind == "indirect":
                out.append(report)
            elif fragments and (report.content_start, report.content_end) not in seen_partials:
                seen_partials.add((report.content_start, report.content_end))
                out.append(report)
    return out


def _content_span(text: str, content: tuple[int, int], cue: Cue, line: tuple[int, int]) -> tuple[int, int] | None:
    """The content of a construction as reported: within the cue's line, before a speaker the
    parse put inside it, trimmed, without a leading time adjunct of the cue (``said on Thursday it
    would``); None when no content of two words and eight characters is left.

    >>> t = "Shell said on Thursday it would sell its stake."
    >>> cue = Cue(6, 10, "said", 0, 5, "Shell")
    >>> s, e = _content_span(t, (11, len(t)), cue, (0, len(t))); t[s:e]
    'it would sell its stake'
    """
    ps, pe = line
    start, end = max(content[0], ps), min(content[1], pe)
    if cue.speaker_start is not None and cue.speaker_start < end and start < cue.speaker_end:
        if cue.speaker_start <= start:
            return None
        end = cue.speaker_start  # the parse put the speaker inside the content
    start, end = trim(text, start, end)
    lead = _LEADING_TIME.match(text, start, end)
    if lead and lead.end() < end:
        start = lead.end()  # "said on Thursday it would ...": the time is the report's, not its content
    if end - start < 8 or len(text[start:end].split()) < 2:
        return None
    return start, end


def _not_a_report(doc: Doc, c: Construction, cue: Cue, content: tuple[int, int], line: tuple[int, int]) -> bool:
    """Whether a construction with its content reports nothing: a headline or subhead (``Union warns
    of pay freeze``), a report inside someone's quote, dash speech or a clause across a dash, or a
    question."""
    text = doc.text
    (start, end), (ps, pe) = content, line
    if cue.cue_start < start and heading_line(text[ps:pe]) and not text[end:pe].strip(" .\"”’»'"):
        return True  # a headline or subhead: "Union warns of pay freeze"
    sent_start = max(doc[c.head].sent.start_char, ps)
    if inside_quotation(text, sent_start, min(start, cue.cue_start)):
        return True  # a report inside someone's quote
    gap = text[end:cue.cue_start] if end <= cue.cue_start else text[cue.cue_end:start]
    if sum(ch in _SPEECH_DASHES for ch in gap) == 1:  # dash speech, or a clause across a dash
        return True
    return doc[c.head].sent.text.rstrip().rstrip('"”“»').endswith("?")


def _reports(doc: Doc, c: Construction, cue: Cue, content: tuple[int, int], line: tuple[int, int]) -> list[Report]:
    """The records of one report: a ``partial`` one per quoted fragment that is the speaker's own
    words (:func:`split_quoted_content`), then an ``indirect`` one per part of the content that stays
    reported speech (two words and eight characters or more, not a quotation, not mostly quoted)."""
    text = doc.text
    attr_start, attr_end = cue.cue_start, cue.cue_end  # the attribution: cue and speaker
    if cue.speaker_start is not None:
        attr_start, attr_end = min(attr_start, cue.speaker_start), max(attr_end, cue.speaker_end)
    partials, parts = split_quoted_content(doc, *content, line)
    out = [Report(s, e, cue.cue_start, cue.cue_end, cue.cue, cue.speaker_start, cue.speaker_end,
                  cue.speaker_text, "partial", c.confidence) for s, e in partials]
    for s, e in parts:
        if e - s < 8 or len(text[s:e].split()) < 2 or in_quotation(text, s, e, attr_start, attr_end):
            continue
        if quoted_share(text, s, e) > 0.5:
            continue  # mostly a partial quote
        out.append(Report(s, e, cue.cue_start, cue.cue_end, cue.cue, cue.speaker_start,
                          cue.speaker_end, cue.speaker_text, "indirect", c.confidence))
    return out
