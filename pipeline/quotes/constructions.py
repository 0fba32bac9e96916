"""Speech constructions on the parse: every cue (a speech verb or a cue phrase) with its speaker and,
when found, its content, as a chain of small named rules (:func:`verb_constructions`: speech use,
speaker, object cue, complement, fallbacks); :func:`speech_cues` gives the cues with their speakers.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from pipeline.quotes.clauses import (
    as_clause_content, clause_breaks, clause_content, coordinated_cues, dobj_content, fronted_content,
    modifier_misparse_content, object_content, object_infinitive, object_prep, parenthetical_contents,
    rest_of_sentence, that_clause_fallback, that_conjuncts,
)
from pipeline.quotes.cues import (
    POSSESSIVES, cue_candidates, match_phrases, object_speech_verbs, phrase_tables, speech_verbs,
    that_speech_verbs,
)
from pipeline.quotes.doc_spans import char_span, doc_and_bounds
from pipeline.quotes.subjects import (
    looks_like_agent, not_a_speech_use, noun_phrase, preceding_noun_phrase, speaker_span,
    speaking_subject, valid_speaker, verb_speaker,
)

__all__ = ["Cue", "Construction", "find_constructions", "verb_constructions", "cue_record", "speech_cues"]


@dataclass
class Cue:
    """A speech verb or cue phrase with its speaker. Offsets are into ``Doc.text``.

    ``speaker_*`` is the speaker's full noun phrase (titles included), a pronoun, or None when the
    text names no speaker. ``inverted`` is True when the speaker stands after the cue (``, said X``).
    ``head`` is the index in the Doc of the cue's main token (the verb, or the phrase's first word).
    """

    cue_start: int
    cue_end: int
    cue: str
    speaker_start: int | None
    speaker_end: int | None
    speaker_text: str | None
    inverted: bool = False
    head: int = -1


@dataclass
class Construction:
    """One cue as the rules read it: the token range of the cue and of its speaker (None when the
    text names none), whether the speaker stands after the cue, the index of the cue's main token,
    the char span of its content (before trimming; None when not found) and a confidence."""

    cue_tokens: tuple[int, int]
    speaker: tuple[int, int] | None
    inverted: bool
    head: int
    content: tuple[int, int] | None  # char offsets, before trimming
    confidence: float


def _phrase_constructions(doc: Doc, starts: list[int], lo: int, hi: int,
                          inherited: dict[int, Token]) -> list[Construction]:
    """Constructions opened by multi-word cue phrases matched on the surface."""
    found = []
    for start, end, role in match_phrases(doc, starts, lo, hi):
        first, last = doc[start], doc[end - 1]
        sent = first.sent
        if role == "source":
            pobj = next((c for c in last.children if c.dep_ == "pobj"), None)
            if pobj is None and end < hi and doc[end].pos_ in ("PROPN", "NOUN", "PRON"):
                pobj = doc[end]
            if pobj is None or not looks_like_agent(pobj) or not valid_speaker(pobj):
                continue
            speaker = noun_phrase(pobj)
            part_end = max(pobj.right_edge.i + 1, speaker[1])
            content = rest_of_sentence(sent, start, part_end)
            found.append(Construction((start, end), speaker, True, start, content, 0.85))
        elif role == "possessive":
            poss = next((t for t in doc[start:end] if t.lower_ in POSSESSIVES), None)
            speaker = (poss.i, poss.i + 1) if poss is not None else None
            content = rest_of_sentence(sent, start, end)
            found.append(Construction((start, end), speaker, False, start, content, 0.8))
        else:  # clause / object: the phrase opens with a verb whose subject speaks
            verb = first if first.pos_ in ("VERB", "AUX") else first.head
            speaker = speaker_span(speaking_subject(verb, inherited))
            if role == "clause":
                content = char_span(doc, end, sent.end)
            else:
                pobj = next((c for c in last.children if c.dep_ in ("pobj", "pcomp")), None)
                content = object_content(verb, last, pobj) if pobj is not None else None
            found.append(Construction((start, end), speaker, False, verb.i, content, 0.75))
    return found


def find_constructions(doc: Doc | Span) -> list[Construction]:
    """Every cue in ``doc`` with its speaker and (when found) its content, in text order: the
    multi-word phrases first, then the speech verbs not already inside a phrase."""
    doc, lo, hi = doc_and_bounds(doc)
    inherited: dict[int, Token] = {}
    verb_starts, phrase_starts = cue_candidates(doc, lo, hi)
    found = _phrase_constructions(doc, phrase_starts, lo, hi, inherited)
    phrase_tokens = {i for c in found for i in range(*c.cue_tokens)}
    for i in verb_starts:
        if i not in phrase_tokens:
            found.extend(verb_constructions(doc[i], inherited))
    found.sort(key=lambda c: c.cue_tokens)
    return found


def verb_constructions(t: Token, inherited: dict[int, Token]) -> list[Construction]:
    """The constructions a speech verb opens: one record, or more when its content is split (a
    second ``that`` clause after a partial quote, two sides of a parenthetical cue). Content rules
    are tried in order: an object cue (``warned of``), the ``ccomp`` clause, then the fallbacks of
    :func:`_fallback_contents`."""
    lemma = t.lemma_.lower()
    object_pairs, _ = phrase_tables()
    prep = object_prep(t, object_pairs)
    verbs = speech_verbs()
    if (lemma not in verbs and prep is None) or t.pos_ not in ("VERB", "AUX") or not_a_speech_use(t):
        return []
    subj, speaker, inverted, confidence = verb_speaker(t, inherited)
    if subj is not None and speaker is None:
        return []  # a demonstrative subject: "that said"
    cue = (t.i, t.i + 1)
    contents: list[tuple[int, int]] = []
    if prep is not None:  # 1. "warned of NP", "called on NP to VP"
        pobj = next(c for c in prep.children if c.dep_ in ("pobj", "pcomp"))
        agent = subj is not None and looks_like_agent(subj) and (
            bool(subj.ent_type_) or subj.pos_ in ("PRON", "PROPN") or t.tag_ in ("VBD", "VBN", "VBG"))
        if agent or (subj is None and speaker is not None):
            span = object_content(t, prep, pobj)
            contents = [span] if span else []
            cue = (t.i, prep.i + 1)
            confidence = min(confidence, 0.8)
        elif lemma not in verbs:
            return []
    if not contents and lemma in verbs:
        comp = next((c for c in t.children if c.dep_ == "ccomp"), None)
        if comp is not None and any(c.dep_ == "mark" and c.lower_ in ("whether", "if") for c in comp.children):
            pass  # 2a. an embedded question ("refused to say whether") reports no statement
        elif lemma in that_speech_verbs() and (comp is None or not any(
                c.dep_ == "mark" and c.lower_ == "that" for c in comp.children)):
            pass  # 2b. "considers the plan unfair": a stance verb without "that"
        elif comp is not None:  # 2c. "said (that) CLAUSE", "CLAUSE, X said"
            contents = _complement_contents(t, comp, subj, inherited)
        else:  # 3. fallbacks
            contents, speaker, confidence = _fallback_contents(t, speaker, confidence)
    if not contents:
        return [Construction(cue, speaker, inverted, t.i, None, confidence)]
    return [Construction(cue, speaker, inverted, t.i, span, confidence) for span in contents]


def _complement_contents(verb: Token, comp: Token, subj: Token | None,
                         inherited: dict[int, Token]) -> list[tuple[int, int]]:
    """Content spans of a verb's ``ccomp``: the clause up to its first break, and a second ``that``
    clause after a partial quote. Coordinated speech verbs inside it inherit the speaker.

    >>> from pipeline.quotes.doc_spans import example_token, parse_example, span_text
    >>> doc = parse_example('The agency said that it "respects the rules" and that the flow will not change.')
    >>> verb = example_token(doc, "said")
    >>> comp = next(c for c in verb.children if c.dep_ == "ccomp")
    >>> [span_text(doc, span) for span in _complement_contents(verb, comp, None, {})]
    ['it "respects the rules', 'the flow will not change']
    """
    object_pairs, _ = phrase_tables()
    coordinated = coordinated_cues(comp, object_pairs)
    if subj is not None:
        for other in coordinated:
            inherited[other.i] = subj
    cuts = clause_breaks(comp, coordinated)
    spans = [clause_content(comp, verb, cuts)]
    spans += [clause_content(extra, verb, cuts) for extra in that_conjuncts(comp)]
    return [span for span in spans if span is not None]


def _fallback_contents(verb: Token, speaker: tuple[int, int] | None,
                       confidence: float) -> tuple[list[tuple[int, int]], tuple[int, int] | None, float]:
    """Content when the verb has no ``ccomp``, tried in order: ``As X said, CLAUSE``; ``CLAUSE, X
    said`` parsed under the clause; ``urged NP to VP``; a verb misparsed as a modifier; the direct
    object of an ``object``-tagged verb; ``X VERB that CLAUSE`` unattached; a parenthetical cue between
    two clauses. Returns the spans, the (possibly recovered) speaker and the confidence."""
    content = (as_clause_content(verb) or fronted_content(verb) or object_infinitive(verb)
               or modifier_misparse_content(verb))
    if content is not None:
        if speaker is None and verb.dep_ in ("amod", "compound"):
            speaker = preceding_noun_phrase(verb)
        return [content], speaker, confidence
    if verb.lemma_.lower() in object_speech_verbs():
        content = dobj_content(verb)
        if content is not None:
            return [content], speaker, min(confidence, 0.75)
    content = that_clause_fallback(verb)
    if content is not None:
        return [content], speaker or preceding_noun_phrase(verb), min(confidence, 0.7)
    if speaker is not None:
        return parenthetical_contents(verb), speaker, min(confidence, 0.7)
    return [], speaker, confidence


def cue_record(doc: Doc, c: Construction, text: str) -> Cue:
    """The :class:`Cue` record of a construction: cue and speaker as char offsets and text."""
    start, end = char_span(doc, *c.cue_tokens)
    if c.speaker is None:
        s_start = s_end = s_text = None
    else:
        s_start, s_end = char_span(doc, *c.speaker)
        s_text = text[s_start:s_end]
    return Cue(start, end, text[start:end], s_start, s_end, s_text, c.inverted, c.head)


def speech_cues(doc: Doc | Span) -> list[Cue]:
    """Every speech verb or cue phrase in ``doc`` with its speaker, in text order.

    Offsets are into the underlying ``Doc.text``. Needs a parsed doc (tagger, parser, lemmatizer; NER
    helps to recognize speakers).

    >>> from pipeline.quotes.doc_spans import parse_example
    >>> cues = speech_cues(parse_example('"It was a mistake," the former minister told the BBC.'))
    >>> [(c.cue, c.speaker_text, c.inverted) for c in cues]
    [('told', 'the former minister', False)]
    """
    base, _, _ = doc_and_bounds(doc)
    text = base.text
    return [cue_record(base, c, text) for c in find_constructions(doc)]
