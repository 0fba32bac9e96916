"""The mention pass of attribution: what each quote's mention is, and the cast of the article.

For every quote, in order: a direct quote the parser left without a cue takes the attribution after it
when its subject holds an appositive (:func:`pipeline.speakers.mentions.appositive_attribution`); the
mention is cleaned and corrected (an abbreviated title, a place phrase, a name before a place
appositive, an office, a relation the parser cut, a spokesperson speaking for an organisation, an
inverted ``said NAME``, a name in apposition); its kind is decided; a name or an organisation joins the
cast. Then the cast discovers the other people and organisations of the text.
"""

from __future__ import annotations

import re

from wordfreq import zipf_frequency

from pipeline.speakers import roles
from pipeline.speakers.cast import Cast
from pipeline.speakers.mention_names import leading_name, mention_name, trailing_name
from pipeline.speakers.mentions import (abbreviated_title_mention, appositive_attribution, clean_mention, mention_kind,
                                        mention_source, named_before_appositive, org_name, person_before_appositive,
                                        relation_of_name, speaks_for, title_comma_name)
from pipeline.speakers.quote_row import QuoteRow, SpokenFor
from pipeline.speakers.words import para_bounds, rare_surname, sentence_bounds, sentence_start, strip_article

__all__ = ["read_mentions"]

_PLACE_PHRASE = re.compile(r"(?:In|At|On|From|During|After|Before|Across|Outside|Inside|Near)\s+(?:the\s+)?"
                           r"[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,3}")
_OFFICE = re.compile(r"(?i:the\s+)?(?P<who>[^,]+?)[’'](?:s)?\s+(?:press\s+)?office")


def read_mentions(text: str, rows: list[QuoteRow]) -> Cast:
    """The mention pass: fills ``mention``, ``mention_kind``, ``target``, ``spoken_for`` and ``org_name``
    of every row, and returns the cast of the article (every name found, mentions sorted)."""
    cast = Cast(text, [(row.start, row.end) for row in rows])
    for row in rows:
        _take_appositive_attribution(text, row)
        _read_mention(text, row)
        _add_to_cast(cast, row)
    cast.discover()
    cast.mentions.sort()
    return cast


def _take_appositive_attribution(text: str, row: QuoteRow) -> None:
    """A direct quote with neither mention nor cue takes the attribution after it whose subject holds
    an appositive (``“...,” the victim's uncle, Ian Poe, said``)."""
    if row.kind != "direct" or row.written_mention is not None or row.cue is not None:
        return
    found = appositive_attribution(text, row.end)
    if found:
        (ms, me), (cs, ce) = found
        row.written_mention, row.mention_start, row.mention_end = text[ms:me], ms, me
        row.cue, row.cue_start, row.cue_end = text[cs:ce], cs, ce


def _read_mention(text: str, row: QuoteRow) -> None:
    """The mention of one quote, corrected, and its kind (``name``, ``organization``, ``description``,
    ``pronoun`` or ``none``)."""
    mention = None if row.written_mention is None else clean_mention(mention_source(row.written_mention.strip()))
    me = row.mention_end
    if mention and me is not None:
        ext = abbreviated_title_mention(text, mention, me) or title_comma_name(text, mention, me)
        if ext:
            mention, me = ext
    if mention and _PLACE_PHRASE.fullmatch(mention):
        mention = None  # "In Riverton, the mayor said": the parser took a place phrase for the subject
    mention = _subject_pronoun(mention)
    mention = _name_before_place_appositive(text, row, mention)
    office = _OFFICE.fullmatch(mention or "")
    if office:
        mention = _speaker_of_office(mention, office.group("who"))
    mention = _relation_cut_off(text, row, mention)
    spoken_for = speaks_for(mention)
    said_by = mention
    if spoken_for:
        # "a spokesman for the trust", "analysts at Kestrel Capital": the organisation speaks
        mention, described_as = spoken_for
        row.spoken_for = SpokenFor(said_by, described_as)
    kind = mention_kind(mention)
    if spoken_for and kind == "name" or office and not kind == "name" and mention.endswith("office"):
        kind = "organization"
    kind, mention, me = _inverted_name(text, row, kind, mention, me)
    kind, mention = _apposed_name(text, row, kind, mention)
    if kind == "organization" and len(mention.split()) == 1 and not mention.isupper() \
            and zipf_frequency(mention.lower(), "en") >= 3.0:
        kind = "description"  # a common word alone is no organisation's name
    row.mention, row.mention_kind, row.mention_end = mention, kind, me


def _subject_pronoun(mention: str | None) -> str | None:
    """``He repeated the point, saying ...``: the subject pronoun the parser read with its verb phrase.

    >>> _subject_pronoun("He repeated the point"), _subject_pronoun("Helen Ruiz")
    ('He', 'Helen Ruiz')
    """
    if mention and len(mention.split()) > 1 and mention.split()[0].lower() in ("he", "she", "they", "it") \
            and mention.split()[1][:1].islower():
        return mention.split()[0]
    return mention


def _name_before_place_appositive(text: str, row: QuoteRow, mention: str | None) -> str | None:
    """``Detective Sergeant Ruth Ives, of Avonshire Police, described ...``: the parser took the place
    appositive for the subject; the person is the name before it."""
    if mention and re.match(r"(?:of|from|at|with)\s+(?:the\s+)?[A-Z]", mention) and row.mention_start is not None:
        ms0 = row.mention_start
        hm = re.fullmatch(r"\s*(?P<name>(?:[A-Z][\w’'.-]*\s+){0,4}[A-Z][\w’'-]+),\s*",
                          text[sentence_start(text, ms0):ms0])
        named = trailing_name(hm.group("name")) if hm else None
        if named and len(named.split()) >= 2:
            return hm.group("name").strip()
    return mention


def _speaker_of_office(mention: str, who: str) -> str:
    """Who speaks through an office: ``according to Ruiz's office`` -> ``Ruiz``; ``the mayor's office``
    -> ``mayor's office`` (an office as an organisation); else the mention unchanged.

    >>> _speaker_of_office("Ruiz's office", "Ruiz"), _speaker_of_office("the mayor's office", "mayor")
    ('Ruiz', "mayor's office")
    """
    if leading_name(who) == who and not roles.has_title(who):
        return who
    if roles.has_title(who) and who[:1].islower() or roles.has_title(who.lower()):
        return strip_article(mention)
    return mention


def _relation_cut_off(text: str, row: QuoteRow, mention: str | None) -> str | None:
    """``said the father of Ana Ruiz``: the parser took the object of the relation for the subject."""
    if mention and row.mention_start is not None:
        ms0 = row.mention_start
        rel = re.search(r"(?:the|a|an|his|her|their)\s+[a-z][\w-]*(?:\s+[a-z][\w-]*)?\s+(?:of|for|to)\s+$",
                        text[max(0, ms0 - 60):ms0])
        if rel and relation_of_name(rel.group(0) + mention):
            return rel.group(0) + mention
    return mention


def _inverted_name(text: str, row: QuoteRow, kind: str, mention: str | None,
                   me: int | None) -> tuple[str, str | None, int | None]:
    """Inverted, garbled order: ``the Foreign Secretary said Ana Ruiz``, ``– he said the head of the
    administration Ivan Petrov``: the name after the cue is the speaker (kind, mention, mention end)."""
    if kind not in ("description", "pronoun") or row.cue_end is None or row.cue_end < row.end \
            or relation_of_name(mention):
        return kind, mention, me
    ce = row.cue_end
    after = text[ce:sentence_bounds(text, ce, *para_bounds(text, ce))[1]].strip(" .")
    inv = leading_name(after) if kind == "description" else None
    if inv is None and len(after.split()) <= 14 and re.match(r"(?:the\s+)?[A-Z\w]", after) \
            and (kind == "description" or after.lower().startswith("the ")):
        tail = trailing_name(after)
        inv = tail if tail and (kind == "description" or roles.has_title(after)) else None
        if inv and re.search(r"\b(?:in|at|on|from|during|near|outside|inside|to)\s+(?:the\s+|a\s+)?$",
                             after[: len(after) - len(inv)]):
            inv = None  # "announced the mayor at a briefing in the Casa Consistorial": a place
    if inv and (rare_surname(inv) or len(inv.split()) >= 2):
        return "name", inv, ce + text[ce:].index(inv) + len(inv)
    return kind, mention, me


def _apposed_name(text: str, row: QuoteRow, kind: str, mention: str | None) -> tuple[str, str | None]:
    """A description in apposition to a name at its sentence's start (``Friends of Elm Park, the group
    that ...``; ``Ana Ruiz, Riverton's mayor, said``), or a name with an organisation's appositive
    description (``Save Elm Park, the group ...``): the name is the speaker (kind, mention)."""
    if kind == "description" and row.mention_start is not None:
        named = named_before_appositive(text, row.mention_start, mention)
        person = None if named else person_before_appositive(text, row.mention_start, mention)
        if named:
            return "organization", named
        if person:
            return "name", person + ", " + mention
    elif kind == "name" and mention.count(",") == 1:
        first, rest = (p_.strip() for p_ in mention.split(","))
        if re.match(r"(?i)(?:the|an?)\s", rest):
            named = named_before_appositive(first + ", " + rest, len(first) + 2, rest)
            if named:
                return "organization", named
    return kind, mention


def _add_to_cast(cast: Cast, row: QuoteRow) -> None:
    """A mention that names a person or an organisation adds it to the cast (``target``); an
    organisation's name as added is kept (``org_name``: its role reads the words written before it)."""
    mention = row.mention
    if row.mention_kind == "name":
        row.target = cast.add(mention_name(mention), "person", row.mention_end)
    elif row.mention_kind == "organization":
        oname = org_name(mention) or strip_article(mention)
        if (mention_name(mention) or "").startswith("The ") and not org_name(mention):
            oname = mention_name(mention)  # an outlet's name keeps its "The" ("The Guardian")
        row.target = cast.add(oname, "organization", row.mention_end)
        row.org_name = oname
