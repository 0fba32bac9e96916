"""Statement dates: the date on which quoted words were said.

:func:`date_mentions` finds date expressions in a stretch of text and resolves them against
the publication date (``on January 6`` -> that year's January 6, taking the year before when the
day would fall after publication; ``on Monday`` -> the last Monday on or before publication;
``yesterday``/``today``); vague ones (``in early May``, ``a few years ago``, ``last week``) are kept
as stated but with no date. Dates that are not about a speech act are left out
(:func:`is_background`: ``since June 4``, ``until Friday``, ``next Wednesday``, ``will vote on
Monday``, a date after publication), and a date earlier in the paragraph counts only in a sentence
that sets a scene of speech (:func:`is_scene`: a speech verb, ``at the summit``, ``Saturday's match``).
:func:`statement_date` picks the date for one quote (see there).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from pipeline.lexicons import lexicon_lines, phrase_alternation
from pipeline.quotes.verbs import speech_verb_forms, verb_forms
from pipeline.text.metadata import labelled_date, months

__all__ = ["DateMention", "YEARLESS", "is_yearless", "date_mentions", "resolve_month_day", "resolve_weekday", "statement_date", "event_date",
           "mentions_event", "is_background", "is_scene", "lede_date", "same_time", "dateline_day", "event_nouns",
           "other_event"]


MONTHS = {m: i + 1 for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"])}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

_MONTH = r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
_MONTH2 = _MONTH.replace("?P<month>", "?P<month2>")
_PATTERNS = [
    ("iso", re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b")),
    ("dmy_num", re.compile(r"\b(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})\b")),
    ("md", re.compile(rf"\b(?:on\s+)?{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:\s*[-–]\s*\d{{1,2}})?(?:,?\s+(?P<year>\d{{4}}))?\b")),
    ("dm", re.compile(rf"\b(?:on\s+)?(?:the\s+)?(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:\s*[-–]\s*\d{{1,2}})?\s+(?:of\s+)?{_MONTH2}(?:,?\s+(?P<year>\d{{4}}))?\b")),
    ("weekday", re.compile(r"\b(?:(?P<on>[Oo]n|[Ll]ast|[Tt]his|[Pp]ast)\s+)?(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b(?:['’]s)?")),
    ("relative", re.compile(r"\b(?P<rel>yesterday|today|earlier today|this morning|tonight)\b", re.IGNORECASE)),
    ("vague", re.compile(
        rf"\b(?:in\s+(?:early|mid|late)[\s-]+{_MONTH.replace('?P<month>', '?:')}|(?:a\s+few|several|\w+)\s+(?:years|months|weeks)\s+ago|"
        r"last\s+(?:year|month|week)|earlier\s+this\s+(?:year|month)|at\s+the\s+time|"
        r"(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d+|a\s+few|several)\s+(?:days?|weeks?|months?)\s+later|"
        r"the\s+(?:next|following)\s+(?:day|week|month|morning))\b", re.IGNORECASE)),
]


YEARLESS = 4
"""Placeholder year of a stated month and day that neither the text nor a publication date puts in a
year (``on January 6`` in an undated article). A leap year, so that 29 February exists; no news
article speaks of year 4, so a date in it always means "this day, year unknown". The attribute stage
turns it into ``stated_day`` (``--01-06``) and the resolve stage may date it from the corpus
(:mod:`pipeline.speakers.corpus_dates`)."""


def is_yearless(date: dt.date | None) -> bool:
    """Whether ``date`` is a stated month and day with no known year (:data:`YEARLESS`).

    >>> is_yearless(resolve_month_day(1, 6, None)), is_yearless(dt.date(2022, 1, 6)), is_yearless(None)
    (True, False, False)
    """
    return date is not None and date.year == YEARLESS


@dataclass(frozen=True)
class DateMention:
    """A date expression at ``text[start:end]``; ``date`` None when it is vague."""

    start: int
    end: int
    date: dt.date | None


def resolve_month_day(month: int, day: int, published: dt.date | None, year: int | None = None) -> dt.date | None:
    """A month and day, with the year taken from the publication date.

    A day that would fall more than a month after publication belongs to the year before. With no
    year and no publication date the day keeps the placeholder year :data:`YEARLESS`.

    >>> resolve_month_day(1, 6, dt.date(2022, 1, 10))
    datetime.date(2022, 1, 6)
    >>> resolve_month_day(12, 30, dt.date(2022, 1, 10))
    datetime.date(2021, 12, 30)
    >>> resolve_month_day(1, 6, None)
    datetime.date(4, 1, 6)
    """
    if year is None:
        if published is None:
            return _safe(YEARLESS, month, day)
        year = published.year
        try:
            cand = dt.date(year, month, day)
        except ValueError:
            return None
        if (cand - published).days > 31:
            year -= 1
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def resolve_weekday(weekday: str, published: dt.date | None, strictly_before: bool = False) -> dt.date | None:
    """The last such weekday on or before the publication date (before it when
    ``strictly_before``: ``last Monday`` in a Monday paper is a week ago).

    >>> resolve_weekday("Monday", dt.date(2022, 1, 10))
    datetime.date(2022, 1, 10)
    >>> resolve_weekday("friday", dt.date(2022, 1, 10))
    datetime.date(2022, 1, 7)
    >>> resolve_weekday("Monday", dt.date(2022, 1, 10), strictly_before=True)
    datetime.date(2022, 1, 3)
    """
    if published is None:
        return None
    target = WEEKDAYS.index(weekday.lower())
    back = (published.weekday() - target) % 7
    return published - dt.timedelta(days=back or (7 if strictly_before else 0))


_BLOCKERS = re.compile(
    r"\b(?:since|until|till|by|from|through|next|every|each|coming|following|starting|beginning|effective|as\s+of)"
    r"\s+(?:the\s+)?$", re.IGNORECASE)
_FUTURE = re.compile(r"\b(?:will|shall|won['’]t|scheduled|(?:is|are|was|were)\s+due|set\s+to|expected\s+to|plans?\s+to|planned|upcoming)\b|['’]ll\b",
                     re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"[,;:.!?\n(“”\"«»]")


def is_background(text: str, start: int, date: dt.date | None, published: dt.date | None) -> bool:
    """Whether the date expression at ``text[start:]`` is not the date of a speech act: it
    follows ``since``/``until``/``by``/``from``/``next``/``every`` ..., its clause speaks of the future
    (``will``, ``scheduled``, ``is due``), or it falls after publication.

    >>> p = dt.date(2026, 3, 9)
    >>> is_background("in force since June 4", 15, dt.date(2025, 6, 4), p)
    True
    >>> is_background("The council will vote on Wednesday", 21, dt.date(2026, 3, 4), p)
    True
    >>> is_background("the ruling, issued on 12 March", 19, dt.date(2026, 3, 12), p)
    True
    >>> is_background("she told reporters on Friday", 19, dt.date(2026, 3, 6), p)
    False
    """
    if date is not None and published is not None and date > published:
        return True
    before = text[max(0, start - 80):start]
    if _BLOCKERS.search(before):
        return True
    breaks = list(_CLAUSE_BREAK.finditer(before))
    clause = before[breaks[-1].end():] if breaks else before
    return bool(_FUTURE.search(clause))


@lru_cache(maxsize=1)
def _scene_re() -> re.Pattern:
    alt = phrase_alternation(lexicon_lines("dates_scene_words.txt"))
    return re.compile(rf"\b(?:{alt})(?:e?s)?\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def _speech_re() -> re.Pattern:
    alt = phrase_alternation(set(speech_verb_forms()) | _lexicon_verb_forms("dates_stance_verbs.txt"))
    return re.compile(rf"\b(?:{alt})\b", re.IGNORECASE)


def _lexicon_verb_forms(name: str) -> set[str]:
    """Every form of the verbs of a lexicon written one a line as the lemma and its irregular forms
    (regular ones derived); a phrasal verb ``hit out`` gives ``hit out``, ``hits out`` ...

    >>> sorted(_lexicon_verb_forms("dates_event_verbs.txt") & {"beat", "beaten", "beats", "passed"})
    ['beat', 'beaten', 'beats', 'passed']
    """
    forms: set[str] = set()
    for line in lexicon_lines(name):
        words = line.split()
        if len(words) == 2 and words[1] == "out":  # a phrasal verb: "hit out"
            forms |= {f + " out" for f in verb_forms(words[0]) | {words[0]}}
        else:
            forms |= verb_forms(words[0]) | set(words)
    return forms


def is_scene(sentence: str) -> bool:
    """Whether a sentence sets a scene where words are said: it holds a speech verb, a verb of a
    public act done in words (``dates_stance_verbs.txt``: defend, criticise, meet ...) or a scene
    word (``dates_scene_words.txt``: summit, interview, match, statement ...), so that a date in
    it can date the quotes that follow.

    >>> is_scene("On Tuesday, the minister announced cuts."), is_scene("At Saturday's match, fans sang.")
    (True, True)
    >>> is_scene("She defended the plan on 16 November."), is_scene("He hit out at critics on Monday.")
    (True, True)
    >>> is_scene("The law took effect on June 4, 2025.")
    False
    """
    return bool(_speech_re().search(sentence) or _scene_re().search(sentence))


@lru_cache(maxsize=1)
def _same_time_re() -> re.Pattern:
    return re.compile(rf"^\W*(?:{phrase_alternation(lexicon_lines('dates_same_time.txt'))})\b", re.IGNORECASE)


def same_time(sentence_head: str) -> bool:
    """Whether a sentence opens by placing its statement at the time of the one reported just
    before it (``dates_same_time.txt``: ``At the same time,``, ``Later that day,``), so that the
    quote takes that statement's date.

    >>> same_time("At the same time, Ms Osei said that"), same_time("Later that day he")
    (True, True)
    >>> same_time("The same day, the ministry"), same_time("Time and again, she said")
    (True, False)
    """
    return bool(_same_time_re().search(sentence_head))


def date_mentions(text: str, published: dt.date | None, start: int = 0, end: int | None = None,
                  background: bool = False) -> list[DateMention]:
    """Date expressions in ``text[start:end]``, resolved against ``published``; those that are not
    about a speech act (:func:`is_background`) only when ``background``.

    >>> [m.date for m in date_mentions("Afterwards, on March 3, she said", dt.date(2022, 3, 10))]
    [datetime.date(2022, 3, 3)]
    >>> [m.date for m in date_mentions("took place on Monday in the capital", dt.date(2022, 1, 10))]
    [datetime.date(2022, 1, 10)]
    >>> [m.date for m in date_mentions("the mayor said Friday", dt.date(2022, 1, 10))]
    [datetime.date(2022, 1, 7)]
    >>> [m.date for m in date_mentions("in late June, the mayor", dt.date(2022, 7, 2))]
    [None]
    >>> [m.date for m in date_mentions("Ten days later, she said", dt.date(2022, 7, 2))]
    [None]
    >>> date_mentions("the 30-year history", dt.date(2022, 5, 17))
    []
    >>> date_mentions("the vote is due next Friday", dt.date(2022, 1, 10))
    []
    """
    end = len(text) if end is None else end
    found: list[DateMention] = []
    dropped: list[tuple[int, int]] = []
    for kind, rx in _PATTERNS:
        for m in rx.finditer(text, start, end):
            if any(f.start < m.end() and m.start() < f.end for f in found) \
                    or any(ds < m.end() and m.start() < de for ds, de in dropped):
                continue
            if kind == "weekday" and not m["on"] and _named_day(text, m.start()):
                dropped.append((m.start(), m.end()))
                continue
            date = _match_date(kind, m, published)
            if not background and is_background(text, m.start(), date, published):
                dropped.append((m.start(), m.end()))
                continue
            found.append(DateMention(m.start(), m.end(), date))
    return sorted(found, key=lambda f: f.start)


def _match_date(kind: str, m: re.Match, published: dt.date | None) -> dt.date | None:
    """The date a date expression of one of the :data:`_PATTERNS` kinds stands for, resolved against
    ``published`` (None when it cannot be: a weekday or month-day with no publication date).

    >>> m = re.match(r"(?P<rel>yesterday)", "yesterday")
    >>> _match_date("relative", m, dt.date(2022, 3, 10))
    datetime.date(2022, 3, 9)
    """
    if kind in ("iso", "dmy_num"):
        return _safe(int(m["y"]), int(m["m"]), int(m["d"]))
    if kind in ("md", "dm"):
        month = MONTHS[(m.group("month") if kind == "md" else m.group("month2")).lower().rstrip(".")]
        year = int(m["year"]) if m["year"] else None
        return resolve_month_day(month, int(m["day"]), published, year)
    if kind == "weekday":
        return resolve_weekday(m["wd"], published, strictly_before=(m["on"] or "").lower() in ("last", "past"))
    if kind == "relative" and published is not None:
        return published - dt.timedelta(days=1) if m["rel"].lower() == "yesterday" else published
    return None


def _named_day(text: str, pos: int) -> bool:
    """Whether a bare weekday at ``pos`` is part of a name (``Good Friday``, ``Super Tuesday``):
    a capitalised word stands right before it, not at the start of a sentence.

    >>> _named_day("after Good Friday", 11), _named_day("the mayor said Friday", 15), _named_day("Friday came", 0)
    (True, False, False)
    >>> _named_day("It rained. Friday came", 11)
    False
    """
    m = re.search(r"(?:(?P<lead>\S)\s*|^)(?<![\w'’-])(?P<word>[^\W\d_][\w'’-]*)\s+$", text[max(0, pos - 40):pos])
    if not m or not m["word"][0].isupper():
        return False
    return m["lead"] is not None and m["lead"] not in ".!?“\"«(\n"


def _sentence(text: str, start: int, end: int, lo: int, hi: int) -> str:
    """The sentence of ``text[lo:hi]`` around ``text[start:end]`` (split at ``.!?`` and line breaks)."""
    s = max((m.end() for m in re.finditer(r"[.!?\n]\s", text[lo:start])), default=0) + lo
    m = re.search(r"[.!?\n]\s", text[end:hi])
    return text[s: end + m.start() + 1 if m else hi]


def _safe(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


_EVENT = re.compile(r"\b(summit|meeting|session|conference|forum|talks|congress|hearing|briefing|press conference|"
                    r"interview|debate|speech|address|rally|ceremony|visit|signing)\b", re.IGNORECASE)
#: a lede is the first paragraph of at least this many words
LEDE_WORDS = 15


def mentions_event(text: str) -> bool:
    """Whether a stretch of text speaks of an event (summit, session, press conference ...).

    >>> mentions_event("During the hearing, he said"), mentions_event("He said")
    (True, False)
    """
    return bool(_EVENT.search(text))


def event_nouns(text: str, published: dt.date | None) -> frozenset[str]:
    """The event words (lower case) of the sentences that date an event (``The summit was held on
    Monday`` -> ``summit``).

    >>> sorted(event_nouns("The summit was held on Monday. In an interview, she spoke.", dt.date(2022, 1, 10)))
    ['summit']
    """
    found = set()
    for sm in re.finditer(r"[^.!?\n]+[.!?]?", text):
        sent = sm.group(0)
        if _EVENT.search(sent) and any(dm.date is not None for dm in date_mentions(sent, published)):
            found |= {m.group(0).lower() for m in _EVENT.finditer(sent)}
    return frozenset(found)


_OWN_OCCASION = re.compile(r"\b(interviews?|podcast|broadcast|documentary|op-ed|column|tweet|posts?\s+on)\b", re.IGNORECASE)


def other_event(sentence: str, nouns: frozenset[str]) -> bool:
    """Whether a sentence places its words at an occasion of their own (an interview, a podcast, an
    op-ed, a post) that is not the dated event (``In an interview, she said`` when the event is a
    summit), so that it does not take the event's date. A speech or session held at the event is
    part of it.

    >>> other_event("In an interview with the paper, she said", frozenset({"summit"}))
    True
    >>> other_event("During his speech, he said", frozenset({"summit"})), other_event("She said", frozenset({"summit"}))
    (False, False)
    >>> other_event("In the interview, she said", frozenset({"interview"}))
    False
    """
    words = {m.group(1).lower().split()[0].rstrip("s") for m in _OWN_OCCASION.finditer(sentence)}
    return bool(words) and not any(w.rstrip("s") in words for w in nouns)


def event_date(text: str, published: dt.date | None) -> dt.date | None:
    """The date of the one event an article reports: the date of the lede's first sentence when it
    reports a public act on one stated day (:func:`lede_date`); else the date of the dated event
    sentences (``the summit, held on May 16``) when they all give the same one. Quotes said at that
    event take its date.

    >>> event_date("The summit was held on Monday. It rained.", dt.date(2022, 1, 10))
    datetime.date(2022, 1, 10)
    >>> event_date("The summit was on May 3. The meeting on May 5.", dt.date(2022, 5, 10)) is None
    True
    """
    lede = lede_date(text, published)
    if lede is not None and is_public_act(lede_sentence(text) or ""):
        return lede  # the act the story is built on
    dates = set()
    for sm in re.finditer(r"[^.!?\n]+[.!?]?", text):
        sent = sm.group(0)
        if not _EVENT.search(sent):
            continue
        for dm in date_mentions(sent, published):
            if dm.date is not None:
                dates.add(dm.date)
    if len(dates) == 1:
        return dates.pop()
    return lede if not dates else None


@lru_cache(maxsize=1)
def _public_act_re() -> re.Pattern:
    return re.compile(rf"\b(?:{phrase_alternation(_lexicon_verb_forms('dates_event_verbs.txt'))})\b", re.IGNORECASE)


def is_public_act(sentence: str) -> bool:
    """Whether a sentence reports one of the public acts a news story is built on
    (``dates_event_verbs.txt``: passed a bill, jailed a man, beat a team, stayed an eviction), done
    at an occasion where people speak, so that its date is the story's event date.

    >>> is_public_act("The state assembly on Monday approved a $2 billion rail bill by three votes.")
    True
    >>> is_public_act("A judge yesterday jailed a conman who targeted pensioners.")
    True
    >>> is_public_act("Heavy rain on Monday flooded dozens of homes in the valley.")
    False
    >>> is_public_act("The city could lose a third of its bus routes, a report released Wednesday says.")
    False
    """
    return any(not _MODAL_BEFORE.search(sentence, max(0, m.start() - 30), m.start())
               for m in _public_act_re().finditer(sentence))


#: a modal or future before a verb: the act is not done ("could lose", "may veto", "is set to approve")
_MODAL_BEFORE = re.compile(r"\b(?:could|would|may|might|will|shall|can|must|should|(?:set|expected|due|plans?|going|likely)\s+to)"
                           r"\s+(?:\w+\s+)?$", re.IGNORECASE)


def lede_date(text: str, published: dt.date | None) -> dt.date | None:
    """The date of the news event as the lede gives it: the first sentence of the first paragraph
    of :data:`LEDE_WORDS` words or more, when it sets a scene of speech (:func:`is_scene`) or reports
    a public act (:func:`is_public_act`) and states exactly one definite date (``The two governments
    on Monday agreed to ...``, ``The Senate on Monday passed ...``).

    >>> p = dt.date(2022, 1, 12)
    >>> lede_date("Headline here\\n\\nThe two governments on Monday agreed to study three river sites, officials in both capitals said.", p)
    datetime.date(2022, 1, 10)
    >>> lede_date("Headline\\n\\nHeavy rain on Monday flooded dozens of homes in the valley and closed the main road for hours.", p) is None
    True
    """
    first = lede_sentence(text)
    if first is None:
        return None
    found = {m.date for m in date_mentions(first, published) if m.date is not None}
    return found.pop() if len(found) == 1 and (is_scene(first) or is_public_act(first)) else None


#: a wire dateline opening the lede: "HARRISBURG, Pa. (Keystone Wire) — ", "LAGOS, Nigeria (Reuters) - "
_DATELINE = re.compile(r"^[A-Z][A-Z .'’-]{2,}(?:,\s*[A-Z][\w.]*(?:\s[A-Z][\w.]*)?)?\s*(?:\([^)]{1,40}\))?\s*[—–-]{1,2}\s+")
#: a full stop that ends no sentence: after an initial or a short capitalised abbreviation (Pa., Gov., St.)
_ABBREV_END = re.compile(r"(?:^|[\s(])(?:[A-Z][a-z]{0,2}|[A-Z](?:\.[A-Z])+|[a-z])$")


def lede_sentence(text: str) -> str | None:
    """The first sentence of the article body: the first line of :data:`LEDE_WORDS` words or more
    that ends as a sentence does (a headline or standfirst does not), without its wire dateline;
    a full stop after an abbreviation (``Pa.``, ``Gov.``) does not end it.

    >>> lede_sentence("Senate passes rail bill over veto threat\\nHARRISBURG, Pa. (AP) — The state Senate on Monday passed "
    ...               "a rail bill, but Gov. Ann Lee may veto it. Debate lasted hours.")
    'The state Senate on Monday passed a rail bill, but Gov. Ann Lee may veto it.'
    >>> lede_sentence("PUBLISHED: April 17, 2025 at 6:12 p.m. | UPDATED: April 17, 2025 at 9:40 p.m.") is None
    True
    """
    for line in text.splitlines():
        line = line.strip()
        if len(line.split()) < LEDE_WORDS or line.rstrip("\"”’»'")[-1:] not in ".!?…" \
                or re.search(r"\s[|·•]\s", line) or labelled_date(line) is not None:
            continue
        line = _DATELINE.sub("", line, count=1)
        for m in re.finditer(r"[.!?](?=\s|$)", line):
            if m.group(0) == "." and _ABBREV_END.search(line[:m.start()]):
                continue
            return line[:m.end()]
        return line
    return None


def statement_date(
    text: str,
    published: dt.date | None,
    clause: tuple[int, int],
    paragraph: tuple[int, int],
    previous: tuple[dt.date | None, str | None] | None = None,
    event: dt.date | None = None,
) -> tuple[dt.date | None, str | None]:
    """``(quote_date, date_basis)`` for one quote.

    In order: a date in the attribution clause (``clause``: the sentence that holds the cue);
    a definite date earlier in the same paragraph in a sentence that sets a scene of speech
    (:func:`is_scene`); the date of the same speaker's previous quote when it
    is adjacent (``previous``); the article's single event date (``event``); else the publication
    date (basis ``publication``); ``(None, None)`` when there is none. A vague date gives
    ``(None, "stated")``.

    >>> t = "On January 5, he asked for help. “It is war,” he said."
    >>> statement_date(t, dt.date(2022, 1, 10), (33, 53), (0, 53))
    (datetime.date(2022, 1, 5), 'stated')
    >>> statement_date("“No,” he said.", dt.date(2022, 1, 10), (0, 14), (0, 14))
    (datetime.date(2022, 1, 10), 'publication')
    >>> statement_date("“No,” he said.", None, (0, 14), (0, 14))
    (None, None)
    >>> t = "The law took effect on January 5. “It is war,” he said."
    >>> statement_date(t, dt.date(2022, 1, 10), (46, 55), (0, 55))
    (datetime.date(2022, 1, 10), 'publication')
    """
    cs, ce = clause
    ms = date_mentions(text, published, cs, ce)
    if ms:
        return ms[0].date, "stated"
    ps, pe = paragraph
    ms = [m for m in date_mentions(text, published, ps, cs) if m.date is not None and is_scene(_sentence(text, m.start, m.end, ps, cs))]
    if ms:
        return ms[-1].date, "stated"
    if previous is not None and previous[1] == "stated":
        return previous
    if event is not None:
        return event, "stated"
    if published is not None:
        return published, "publication"
    return None, None


_DATELINE_LINES = 12


@lru_cache(maxsize=1)
def foreign_months() -> dict[str, int]:
    """Month names and abbreviations of other languages kept in translated datelines
    (``lexicons/dates_foreign_months.txt``) -> number.

    >>> foreign_months()["ago"], foreign_months()["janv"], foreign_months()["dez"]
    (8, 1, 12)
    """
    table: dict[str, int] = {}
    for number, line in enumerate(lexicon_lines("dates_foreign_months.txt"), start=1):
        for name in line.split():
            table[name.lower().rstrip(".")] = number
    return table


def dateline_day(text: str) -> dt.date | None:
    """The month and day of a wire dateline without a year (``OSLO, March 5 (Example Wire) -``,
    ``Lyon, 5 March -``) on one of the first lines of an article, in the placeholder year
    :data:`YEARLESS`: the day the copy was filed, for an article with no publication date.

    >>> dateline_day("Headline\\n\\nOSLO, March 5 (Example Wire) - Talks began on the new dam.")
    datetime.date(4, 3, 5)
    >>> dateline_day("Headline\\n\\nThe talks began on March 5 in Oslo.") is None
    True
    >>> dateline_day("Lima, 14 ago (Agencia Andes).- Talks began."), dateline_day("Lyon, 3 janv. - Talks began.")
    (datetime.date(4, 8, 14), datetime.date(4, 1, 3))
    """
    table = {**foreign_months(), **months()}
    names = "|".join(sorted((re.escape(m) for m in table), key=len, reverse=True))
    place = r"[A-Z][\w.'’-]*(?:[ -][A-Z][\w.'’-]*){0,3}(?:,\s*[A-Z][\w.'’-]*(?:[ -][A-Z][\w.'’-]*){0,3}){0,2}"
    rx = re.compile(rf"{place},?\s+(?:(?P<m1>{names})\.?\s+(?P<d1>\d{{1,2}})|(?P<d2>\d{{1,2}})\s+(?P<m2>{names})\.?)"
                    rf"(?:st|nd|rd|th)?(?!,?\s*\d)\s*(?:\([^()\n]{{1,40}}\))?\s*(?:[-–—:]|\.-)", re.IGNORECASE)
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()][:_DATELINE_LINES]
    for line in lines:
        m = rx.match(line)
        if m and line[:1].isupper():
            month = table[(m["m1"] or m["m2"]).lower().rstrip(".")]
            return _safe(YEARLESS, month, int(m["d1"] or m["d2"]))
    return None
