"""The speaker pass of attribution: who said each quote.

The quotes of an article are read in order, and each resolved speaker becomes a mention of the cast at
the quote (later pronouns see earlier speakers):

* a name or organisation -> the cast member the mention pass added;
* a pronoun -> the most recent person (or organisation) outside quotes whose known gender agrees
  (:meth:`pipeline.speakers.cast.Cast.recent`); ``I``/``we`` inside a quote -> that quote's speaker;
* a description -> :func:`pipeline.speakers.referents.describe`; before anyone is named, the one person
  with that title (:func:`pipeline.speakers.referents.lede_description`);
* no mention -> a dash quote continues the last dash speaker (first: the interviewee); a running quote
  continues the last speaker, or switches to someone introduced in between
  (:func:`pipeline.speakers.cast.introduced_between`);
* an unnamed spokesperson for an organisation no one found is no one (the role pass keeps the role).
"""

from __future__ import annotations

from pipeline.speakers.cast import Cast, Person, introduced_between
from pipeline.speakers.mentions import relation_of_name
from pipeline.speakers.quote_row import QuoteRow, Turn
from pipeline.speakers.referents import describe, lede_description
from pipeline.speakers.words import pronouns

__all__ = ["resolve_speakers"]


def resolve_speakers(cast: Cast, rows: list[QuoteRow]) -> None:
    """The speaker pass: fills ``speaker``, ``speaker_rule``, ``confidence``, ``description_reading`` and
    ``speaker_mentions`` of every row, in order.

    It also changes the cast, on purpose: each speaker found is added as a mention at its quote (so a
    later pronoun can stand for them), and a person a gendered pronoun stands for takes its gender."""
    dash_starts = [row.start for row in rows if row.kind == "dash"]
    first_dash = min(dash_starts) if dash_starts else None
    last: Turn | None = None
    last_dash: Turn | None = None
    for i, row in enumerate(rows):
        speaker, rule, conf = _speaker(cast, row, rows[:i], last, last_dash, first_dash)
        if row.spoken_for is not None and (speaker is None or speaker.type != "organization"):
            # no organisation found for "a spokesman for the trust": an unnamed spokesperson
            speaker, rule = None, "unnamed spokesperson"
        if row.kind == "indirect":
            conf -= 0.05
        if speaker is None:
            conf = min(conf, 0.2)
        row.speaker, row.speaker_rule = speaker, rule
        row.confidence = round(max(0.0, min(1.0, conf)), 2)
        if speaker is None:
            continue
        # the date pass reads where this speaker was mentioned so far (a name or organisation mention of this
        # quote is among them: the mention pass added it to the cast)
        row.speaker_mentions = tuple(mpos for mpos, key in cast.mentions if key == speaker.key)
        last = Turn(speaker, row.para, row.end)
        if row.kind == "dash":
            last_dash = last
        cast.mentions.append((row.pos if row.mention_kind != "none" else row.start, speaker.key))
        cast.mentions.sort()


def _speaker(cast: Cast, row: QuoteRow, before: list[QuoteRow], last: Turn | None, last_dash: Turn | None,
             first_dash: int | None) -> tuple[Person | None, str | None, float]:
    """The speaker of one quote by its mention's kind, the rule that found it, and the confidence; for
    a description, also records how it was read (``row.description_reading``, for the role pass)."""
    kind = row.mention_kind
    if kind in ("name", "organization"):
        return row.target, kind, 0.9
    if kind == "pronoun":
        return _pronoun_speaker(cast, row, before, last), "pronoun", 0.75
    if kind == "description":
        speaker, row.description_reading = describe(cast, row.mention, row.pos, row.para, last)
        if speaker is None and last is None and not relation_of_name(row.mention):
            # before anyone is named (a headline, standfirst or lede): the one person with that title
            speaker = lede_description(cast, row.mention, row.pos)
            return speaker, "lede" if speaker is not None else None, 0.5 if speaker is not None else 0.65
        return speaker, "description", 0.65
    return _unmentioned_speaker(cast, row, last, last_dash, first_dash)


def _pronoun_speaker(cast: Cast, row: QuoteRow, before: list[QuoteRow], last: Turn | None) -> Person | None:
    """A pronoun's speaker: ``I``/``we`` inside a quote -> that quote's speaker; a personal pronoun -> the
    most recent person of its gender (who then takes that gender); ``it``/``they`` of an organisation ->
    the organisation that spoke last, else the latest one named outside quotes."""
    pronoun = row.mention.lower()
    gender, ptype = pronouns()[pronoun]
    if pronoun in ("i", "we"):
        # first person inside a quote: the quoted speaker speaks of themself
        enclosing = [prev for prev in before if prev.start <= row.pos < prev.end]
        return enclosing[-1].speaker if enclosing else None
    if ptype == "person":
        speaker = cast.recent(row.pos, "person", gender)
        if speaker is not None and speaker.gender is None and gender in ("male", "female"):
            speaker.gender = gender
        return speaker
    if ptype == "organization" and last and last.person.type == "organization":
        return last.person
    if ptype == "organization" and pronoun == "it":
        # "The Nursing Council has warned of strikes. In a statement, it said ...": the latest
        # organisation named outside quotes
        return cast.recent(row.pos, "organization")
    return None


def _unmentioned_speaker(cast: Cast, row: QuoteRow, last: Turn | None, last_dash: Turn | None,
                         first_dash: int | None) -> tuple[Person | None, str | None, float]:
    """A quote with no mention: a dash quote continues the last dash speaker (the first: the interviewee,
    the first person named before the dashes); a running quote within two paragraphs continues the last
    speaker, or switches to someone introduced in between."""
    if row.kind == "dash" and last_dash is not None:
        return last_dash.person, "dash", 0.6
    if row.kind == "dash" and first_dash is not None:
        return cast.first_person(first_dash), "interviewee", 0.5
    if last is not None and row.para - last.para <= 2:
        newcomer = introduced_between(cast, last.end, row.start, last.person)
        if newcomer is not None:
            return newcomer, "newcomer", 0.45
        return last.person, "running", 0.5
    return None, None, 0.1
