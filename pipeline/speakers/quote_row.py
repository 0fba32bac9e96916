"""The typed row of attribution: one quote of an article and the evidence each pass records about it.

The passes run in order over the rows of one article and each reads what the previous ones recorded:

1. the mention pass (:mod:`pipeline.speakers.mention_pass`) reads the mention the segment stage found
   (``mention``, ``mention_kind``, ``target``, ``spoken_for``, ``org_name``); where a rule finds the
   attribution itself (an appositive after a direct quote, a name the mention runs on to) it also
   corrects the segment evidence (``written_mention``, ``mention_start``/``mention_end``, ``cue``,
   ``cue_start``/``cue_end``);
   then the roles the article writes at everyone's names are collected into the cast
   (:func:`pipeline.speakers.role_choice.collect_roles`: ``Person.roles`` and ``Cast.role_spans``),
   because the speaker pass reads them: a description finds its person by role, and a pronoun's
   antecedent is never a name inside a role phrase;
2. the speaker pass (:mod:`pipeline.speakers.speaker_pass`) resolves who spoke (``speaker``,
   ``speaker_rule``, ``confidence``, ``description_reading``, ``speaker_mentions``);
3. the date pass (:mod:`pipeline.speakers.date_pass`) dates the quote (``quote_date``, ``date_basis``,
   ``own_date``, ``stated_day``);
4. the role pass (:func:`pipeline.speakers.role_choice.choose_roles`) decides the role (``role``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from pipeline.speakers.cast import Person

__all__ = ["blank", "SpokenFor", "Turn", "QuoteRow"]


def blank(value) -> bool:
    """Whether a cell of the segment table is empty (None, NaN or pandas' NA).

    >>> blank(None), blank(float("nan")), blank(0), blank("")
    (True, True, False, False)
    """
    return value is None or (isinstance(value, float) and value != value) or value is pd.NA


def _int_or_none(value) -> int | None:
    return None if blank(value) else int(value)


@dataclass(frozen=True)
class SpokenFor:
    """An unnamed spokesperson (or a plural of people at an organisation) speaking for an organisation:
    the mention as written (``a spokesman for the trust``) and the description the mention gives the
    organisation (``business group`` of ``..., a business group``), if any."""

    said_by: str
    org_described_as: str | None


@dataclass(frozen=True)
class Turn:
    """The latest attributed quote before the one being read: its speaker, paragraph and end."""

    person: Person
    para: int
    end: int


@dataclass
class QuoteRow:
    """One quote span of an article (a row of :class:`schemas.interim.QuoteSpan`) and the evidence
    the attribution passes record about it (see the module docstring for which pass writes what)."""

    kind: str
    start: int
    end: int
    para: int
    written_mention: str | None  # the mention as the segment stage found it (corrected by the mention pass)
    mention_start: int | None
    mention_end: int | None
    cue: str | None
    cue_start: int | None
    cue_end: int | None
    # the mention pass
    mention: str | None = None
    mention_kind: str = "none"
    target: Person | None = None
    spoken_for: SpokenFor | None = None
    org_name: str | None = None  # the name of the organisation the mention names, as added to the cast
    # the speaker pass
    speaker: Person | None = None
    # the rule that found the speaker: name, organization, pronoun, description, lede, dash, interviewee,
    # running, newcomer, "unnamed spokesperson" (no speaker), None (none found)
    speaker_rule: str | None = None
    confidence: float = 0.1
    description_reading: str | None = None  # how a description was read (referents.READINGS)
    speaker_mentions: tuple[int, ...] = ()  # where the speaker was mentioned, as known when it was resolved
    # the date pass
    quote_date: dt.date | None = None
    date_basis: str | None = None
    own_date: bool = False
    stated_day: str | None = None
    # the role pass
    role: str | None = None

    @classmethod
    def from_record(cls, rec: dict) -> QuoteRow:
        """A row from one record of the segment table."""
        return cls(kind=rec["kind"], start=int(rec["start"]), end=int(rec["end"]), para=int(rec["paragraph"]),
                   written_mention=None if blank(rec.get("mention")) else str(rec["mention"]),
                   mention_start=_int_or_none(rec.get("mention_start")),
                   mention_end=_int_or_none(rec.get("mention_end")),
                   cue=None if blank(rec.get("cue")) else str(rec["cue"]),
                   cue_start=_int_or_none(rec.get("cue_start")), cue_end=_int_or_none(rec.get("cue_end")))

    @property
    def pos(self) -> int:
        """Where the quote's speaker is mentioned: the mention's start, else the quote's."""
        return self.mention_start if self.mention_start is not None else self.start

    def output(self) -> dict:
        """The columns the attribute stage adds for this quote."""
        speaker = self.speaker
        return {"mention": self.mention, "speaker_name": speaker.name if speaker is not None else None,
                "speaker_type": speaker.type if speaker is not None else None, "cue": self.cue, "role": self.role,
                "quote_date": self.quote_date, "date_basis": self.date_basis, "confidence": self.confidence,
                "stated_day": self.stated_day}
