"""Speaker roles: the title or description an article gives a person next to their name.

Small rules, each reading the words around one occurrence of a name; :func:`roles_at` applies them in
this order:

* :func:`title_before` — a title run written straight before the name
  (``Finnish President Aino Virtanen``, ``the President of Ghana Kofi Mensah``,
  ``City Hall press secretary Dana Wirth``), also across an inverted speech verb
  (``the Foreign Secretary said Ana Ruiz``);
* :func:`appositive_after` — an appositive after the name
  (``Tomas Kim, president of the X research center,``; ``X, who is now the chairman of Y,``);
* :func:`lower_title_of` — a lower-case translated ``title of the X`` right before the name, when no
  title run stands there; a title is extended by an ``of/at/from`` phrase after the name;
* :func:`title_comma_before` — ``the head of the Y department, Name``;
* :func:`predicate_role` — a sentence about the person (``Name is the director of Y``), when no
  appositive follows the name.

A role must contain a word or phrase of ``lexicons/titles.txt``, a profession by its ending
(``economist``), or an everyday person noun of ``lexicons/roles_nouns.txt`` (``farmer``, ``sister``,
``witness``): those may also be surnames, so unlike titles they never keep a word out of a name.

These rules read where roles are written, and so settle which words at one place are the title (of a
bench of judges, the named judge's own; of ``X and Y``, the part before the name). Which role a quote's
speaker gets, from all the places the article names them, is decided in :mod:`pipeline.speakers.role_choice`.
"""

from __future__ import annotations

import re
from functools import lru_cache

from wordfreq import zipf_frequency

from pipeline.lexicons import lexicon_lines
from pipeline.quotes.verbs import speech_verb_forms

__all__ = ["titles", "title_words", "person_noun", "clean_role", "has_title", "title_before", "appositive_after",
           "title_comma_before", "lower_title_of", "roles_at", "predicate_role", "role_nouns", "courtesy_words",
           "drop_courtesy", "drop_age", "job_clause", "job_part"]

_CONNECTORS = {"of", "the", "for", "on", "under", "and", "to", "at", "in", "a", "an", "&"}
_MODIFIERS = {"former", "ex", "acting", "deputy", "first", "vice", "senior", "chief", "interim", "then", "current",
              "associate", "assistant", "executive", "general", "foreign", "defense", "defence", "state"}
_STOP = {"according", "by", "with", "from", "as", "that", "which", "who", "whom", "said", "says",
         "his", "her", "their", "its", "my", "our", "your"}
_WORD = re.compile(r"[\w’'.-]+|[^\w\s]")


@lru_cache(maxsize=1)
def titles() -> frozenset[str]:
    """Lower-case title words and phrases (``lexicons/titles.txt``).

    >>> {"president", "secretary of state", "adviser"} <= titles()
    True
    """
    return frozenset(line.lower() for line in lexicon_lines("titles.txt"))


@lru_cache(maxsize=1)
def title_words() -> frozenset[str]:
    """Every word of every title (``secretary``, ``state`` of ``secretary of state``): a word that keeps a
    capitalised token out of a name.

    >>> {"secretary", "state"} <= title_words()
    True
    """
    return frozenset(w for t in titles() for w in t.split())


def has_title(phrase: str) -> bool:
    """Whether a phrase contains a title word.

    >>> has_title("former adviser to the president"), has_title("in dialogue with Mensah")
    (True, False)
    """
    words = [w.lower().strip(".,’'") for w in phrase.split()]
    words = [w[3:] if w.startswith("ex-") else w for w in words] + words
    if any(person_noun(w) for w in words):
        return True
    low = " " + " ".join(words) + " "
    return any(" " + t + " " in low for t in titles() if " " in t)


def person_noun(word: str) -> bool:
    """A title word, or a word naming a profession by its ending (economist, epidemiologist).

    >>> person_noun("agronomist"), person_noun("adviser"), person_noun("against")
    (True, True, False)
    >>> person_noun("mother-of-two"), person_noun("ex-minister"), person_noun("farmer")
    (True, False, True)
    """
    if "-" in word and not word.startswith("ex-") and word.split("-", 1)[0] in titles() and word not in titles():
        return word.split("-", 1)[1][:1].isalpha()  # "mother-of-two", "chairman-elect"
    return word in titles() or word in role_nouns() or (len(word) >= 7 and word.endswith("ist") and word.isalpha())


@lru_cache(maxsize=1)
def role_nouns() -> frozenset[str]:
    """Everyday person nouns that are roles when written next to a name but may also be names
    (``lexicons/roles_nouns.txt``: farmer, baker, sister): they make a phrase a role
    (:func:`has_title`) but, unlike titles, never keep a capitalised word out of a name.

    >>> {"farmer", "sister", "witness"} <= role_nouns(), "farmer" in titles()
    (True, False)
    """
    return frozenset(lexicon_lines("roles_nouns.txt"))


@lru_cache(maxsize=1)
def courtesy_words() -> frozenset[str]:
    """Honorifics that are not roles (``Dr``, ``Mr``, ``Ms``): ``lexicons/honorifics.txt`` minus the
    abbreviated titles of ``titles.txt`` (``Cllr``, ``Sen.`` are roles).

    >>> "dr" in courtesy_words(), "cllr" in courtesy_words()
    (True, False)
    """
    return frozenset(w for w in (line.lower() for line in lexicon_lines("honorifics.txt"))
                     if w not in titles() and w not in role_nouns())


def drop_courtesy(role: str) -> str:
    """A role without the honorifics at its ends: they belong to the name, not the role.

    >>> drop_courtesy("Lead author Dr"), drop_courtesy("Mr"), drop_courtesy("Cllr")
    ('Lead author', '', 'Cllr')
    """
    words = role.split()
    while words and words[-1].lower().rstrip(".") in courtesy_words():
        words.pop()
    while words and words[0].lower().rstrip(".") in courtesy_words():
        words.pop(0)
    return " ".join(words)


_AGE = re.compile(r"^(?:(?:a|an|the)\s+)?\d{1,3}[-‑ ]years?[-‑ ]old\s+", re.IGNORECASE)


def drop_age(role: str) -> str:
    """A role without a leading age: ``a 61-year-old teacher`` -> ``teacher``.

    >>> drop_age("a 61-year-old retired teacher"), drop_age("chair of the board")
    ('retired teacher', 'chair of the board')
    """
    return _AGE.sub("", role)


def clean_role(role: str) -> str:
    """A role as written, without edge punctuation, a leading determiner or age, honorifics at its
    ends and trailing connectors.

    >>> clean_role("the 61-year-old head of the"), clean_role(", a retired teacher;"), clean_role("Dr")
    ('head', 'retired teacher', '')
    """
    role = role.strip(" ,;:–—-")
    role = re.sub(r"^(?:the|a|an|one|another|his|her|their|its)\s+", "", drop_age(role), flags=re.IGNORECASE)
    role = drop_courtesy(role)
    while role.split() and role.split()[-1].lower() in _CONNECTORS:
        role = role.rsplit(None, 1)[0] if " " in role else ""
    return role.strip()


def _tokens_before(text: str, pos: int, floor: int) -> list[re.Match]:
    return list(_WORD.finditer(text, floor, pos))


def title_before(text: str, name_start: int, floor: int = 0) -> str | None:
    """The title run written straight before a name, or None.

    >>> t = "In turn, the President of Ghana Kofi Mensah said"
    >>> title_before(t, t.index("Kofi"))
    'President of Ghana'
    >>> t = "said BalticNet Director General Jonas Petraitis"
    >>> title_before(t, t.index("Jonas"))
    'BalticNet Director General'
    >>> t = "the visitors, the Foreign Secretary said Ana Ruiz"
    >>> title_before(t, t.index("Ana"))
    'Foreign Secretary'
    >>> title_before("Clearly Mensah said", 8) is None, title_before("said the father of Ana Ruiz", 19) is None
    (True, True)
    """
    toks = _tokens_before(text, name_start, max(floor, name_start - 300))
    words: list[re.Match] = []
    skipped_verb = False
    for m in reversed(toks):
        w = m.group(0)
        lw = w.lower()
        if not re.match(r"[\w]", w):
            break
        if lw in speech_verb_forms() and not words and not skipped_verb:
            skipped_verb = True
            continue
        if lw in _STOP:
            break
        if w[:1].isupper() or lw in title_words() or person_noun(lw) or lw in _CONNECTORS or lw in _MODIFIERS or lw.startswith("ex-") or w[:1].isdigit():
            words.append(m)
            continue
        if words and person_noun(words[-1].group(0).lower()) and lw.isalpha() and not lw.endswith("ly") and lw not in speech_verb_forms():
            words.append(m)  # one modifier noun before a title: "police spokesman"
            continue
        break
    while words and words[-1].group(0).lower() in _CONNECTORS | {"a", "an", "the"}:
        words.pop()
    if not words or words[0].group(0).lower() in ("of", "for", "to"):
        return None  # "the father of Ana Ruiz": a relation of the named person, not her title
    # the run read left to right; drop a leading capitalised adverbial word ("Clearly")
    run = list(reversed(words))
    start, end = run[0].start(), run[-1].end()
    role = clean_role(text[start:end])
    if skipped_verb and not text[run[0].start():run[0].end()].lower() in {"the"} and not re.search(r"\bthe\s+$", text[max(0, start - 5):start]):
        # inverted order only counts as "the TITLE said Name"
        if not text[max(0, start - 4):start].lower().endswith("the "):
            return None
    role = _judge_title(role) if role else role
    return role if role and has_title(role) else None


def _judge_title(role: str) -> str:
    """A title read out of a bench or panel of several people: ``Division Bench of Justice Asha Rane and
    Justice`` (before the second judge) and ``Division Bench of Justice`` (before the first) are
    ``Justice``; other roles unchanged.

    >>> _judge_title("Division Bench of Justice Asha Rane and Justice"), _judge_title("Division Bench of Justice")
    ('Justice', 'Justice')
    >>> _judge_title("spokesperson for Gov."), _judge_title("spokesman for the Ministry of Foreign Affairs")
    ('Gov.', 'spokesman for the Ministry of Foreign Affairs')
    >>> _judge_title("Secretary of State and Minister"), _judge_title("Minister of Trade and Industry")
    ('Secretary of State and Minister', 'Minister of Trade and Industry')
    """
    if " and " in role:
        head, tail = role.rsplit(" and ", 1)
        last = head.split()[-1] if head.split() else ""
        if has_title(tail) and last[:1].isupper() and last.lower() not in title_words() \
                and zipf_frequency(last.lower(), "en") < 4.0:
            return tail  # the second of two named people: "... Justice Asha Rane and Justice"
    m = re.fullmatch(r"(?:\w+\s+)?(?:spokes(?:man|woman|person)|aide|adviser|advisor)\s+(?:for|of|to)\s+(?P<t>[A-Z][^,]*)", role)
    if m and m.group("t").split()[0].lower().rstrip(".") in titles():
        return m.group("t")  # "a spokesperson for Gov. Ann Hill": the named person's own title
    m = re.search(r"(?i)\b(?:bench|panel)\s+of\s+(?P<t>[^,]+)$", role)
    if m and has_title(m.group("t")):
        return m.group("t")
    return role


def appositive_after(text: str, name_end: int, limit: int | None = None) -> str | None:
    """An appositive role after a name: ``Name, (who is now) (the|a) ROLE,``.

    >>> t = "said Tomas Kim, president of the Lakeside Policy Center research unit. Next"
    >>> appositive_after(t, t.index(",") )
    'president of the Lakeside Policy Center research unit'
    >>> t = "Ana Ruiz, who is now the chairman of the Council, explained"
    >>> appositive_after(t, t.index(","))
    'chairman of the Council'
    >>> appositive_after("Mensah, in dialogue with Okafor, he", 6) is None
    True
    >>> appositive_after("said Jane Rowe, whose son was hurt.", 14) is None, appositive_after("Ian Poe, her uncle, said", 7)
    (True, 'uncle')
    >>> appositive_after("said Tom Byrne, 45, a taxi driver from Cork.", 14)
    'taxi driver from Cork'
    >>> appositive_after("Ana Ruiz (pictured), chief executive of Northwind, said", 8)
    'chief executive of Northwind'
    >>> appositive_after("Tom Keel, now a radio pundit, said", 8)
    'radio pundit'
    >>> appositive_after("Rosa Vidal, 58 years, retired nurse, said", 10)
    'retired nurse'
    >>> appositive_after("Ines Varo, 44, is an architect in Porto.", 9)
    'architect in Porto'
    >>> t = "said Dr. Ana Lim, Professor of Botany, Zoology and Marine Science at Eastbay University."
    >>> appositive_after(t, t.index(","))
    'Professor of Botany, Zoology and Marine Science at Eastbay University'
    
    """
    limit = len(text) if limit is None else limit
    job = job_clause(text[name_end:limit])
    if job:
        return job
    m = re.match(r"(?:\s*\([^()\n]{1,40}\))?,\s+(?:\d{1,3}(?:\s+years(?:\s+old)?)?,\s+)?(?:who\s+is\s+(?:now\s+|also\s+|currently\s+)?|who\s+was\s+|now\s+|(?<=\d,\s)(?:is|was)\s+(?:now\s+)?)?(?P<role>[^,.;:()\"“”\n]{3,160})", text[name_end:limit])
    if not m:
        return None
    if re.match(r"(?i)whose\b", m.group("role")):
        return None  # "X, whose son was hurt,": a clause about the person, not a role
    role = m.group("role")
    more = re.match(r"(?:,\s+[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*)*\s+and\s+[^,.;:()\"“”\n]{3,120}",
                    text[name_end + m.end():limit])
    if more and re.search(r"\b(?:of|in)\s+(?:[A-Z][\w’'-]*\s+)*[A-Z][\w’'-]*$", role):
        role += more.group(0)  # a list of fields: "Professor of Physiology, Anatomy and Sports Science at X"
    role = job_part(role)
    words = role.split()
    if len(words) > 16:
        return None
    head = " ".join(words[:5])
    if not has_title(head) and not _indefinite_agent(words):
        return None
    # a verb right after the appositive start means a clause, not a role ("X, who said ...")
    if any(w.lower() in speech_verb_forms() for w in words[:2]):
        return None
    role = clean_role(role)
    return role or None


_JOB_VERBS = ("chairs", "chaired", "heads", "headed", "leads", "led", "runs", "ran", "directs", "directed", "manages",
              "managed", "represents", "represented", "coordinates", "coordinated", "oversees", "oversaw", "owns",
              "owned", "founded", "co-founded", "teaches", "taught", "coaches", "coached", "edits", "edited",
              "advises", "advised", "captains", "captained", "convenes", "convened", "presides", "presided")


_AGENT_ENDINGS = ("er", "or", "ist", "ian", "ant", "ent", "man", "woman", "ee")


def _indefinite_agent(words: list[str]) -> bool:
    """An indefinite appositive whose head is a person noun by its ending: ``a taxi driver from X``,
    ``an electrician``, ``a 40-year-old bus conductor`` (not ``a decision``, not ``a lot``).

    >>> _indefinite_agent("a taxi driver from Cork".split()), _indefinite_agent("a decision that".split())
    (True, False)
    """
    if not words or words[0].lower() not in ("a", "an"):
        return False
    for w in words[1:5]:
        lw = w.lower().strip(".,;:")
        if lw in ("of", "from", "at", "in", "who", "that", "which", "with", "for"):
            break
        if len(lw) >= 5 and lw.isalpha() and lw.endswith(_AGENT_ENDINGS):
            return True
    return False


def job_clause(after: str) -> str | None:
    """A relative clause after a name that describes the person's job (``, who chairs the water
    committee,``), as the role ``chairs the water committee``; other clauses give None.

    >>> job_clause(", who chairs the housing scrutiny committee, said")
    'chairs the housing scrutiny committee'
    >>> job_clause(", who helped set up the vigil, said") is None
    True
    """
    m = re.match(r",\s+who\s+(?:now\s+|also\s+|currently\s+)?(?:has\s+|had\s+)?(?P<verb>[\w-]+)\s+(?P<rest>[^,.;:()\"“”\n]{3,120})", after)
    if not m or m.group("verb").lower() not in _JOB_VERBS:
        return None
    role = clean_role(m.group("verb") + " " + m.group("rest"))
    return role if len(role.split()) <= 14 else None


def job_part(role: str) -> str:
    """The job description of an appositive, without a relative clause that says what the person
    did (``teacher who helped set up the vigil`` -> ``teacher``); a clause describing the job is kept.

    >>> job_part("teacher who helped set up the vigil"), job_part("lawyer who heads the bar council")
    ('teacher', 'lawyer who heads the bar council')
    """
    m = re.search(r"\s+(?:who|which|that)\s+(?:now\s+|also\s+|currently\s+)?([\w-]+)", role)
    if m and m.group(1).lower() not in _JOB_VERBS and m.group(1).lower() not in ("is", "was"):
        return role[:m.start()]
    return role


def title_comma_before(text: str, name_start: int, floor: int = 0) -> str | None:
    """``the ROLE, Name``: a role ending in a comma right before the name.

    >>> t = "in late June, the head of the water department of Ruritania, Ivo Bek, announced"
    >>> title_comma_before(t, t.index("Ivo"))
    'head of the water department of Ruritania'
    >>> title_comma_before("In turn, Ana Ruiz said", 9) is None
    True
    """
    pre = text[max(floor, name_start - 200):name_start]
    m = re.search(r"\b(?P<det>[Tt]he|[Aa]n?|[Aa]nother|[Ii]ts|[Hh]is|[Hh]er|[Tt]heir|[Oo]ur)\s+(?P<role>[^,.;:()\"“”«»\n]{2,150}),\s*(?:[A-Z][\w-]*\.?\s+)?$", pre)
    if m:
        role = m.group("role")
        words = role.split()
        plain = [w for w in words if w[:1].islower() and w.lower() not in _CONNECTORS and not person_noun(w.lower())]
        head = [re.sub(r"[’']s$", "", w.lower()) for w in words[:4]]
        if len(plain) <= 3 and any(person_noun(w) for w in head) and not _has_verb(words):
            return clean_role(role) or None
    # no determiner: "... and Secretary in the Ministry of Power, Name"
    m = re.search(r",\s*(?:[A-Z][\w-]*\.?\s+)?$", pre)
    if m:
        comma = max(floor, name_start - 200) + m.start()
        role = title_before(text, comma, floor)
        if role and " and " in role:
            tail = role.rsplit(" and ", 1)[1]
            role = tail if has_title(tail) else None
        if role and role[:1].isupper():
            return role
    return None


def _has_verb(words: list[str]) -> bool:
    return any(w.lower() in speech_verb_forms() for w in words)


def lower_title_of(text: str, name_start: int, floor: int = 0) -> str | None:
    """A lower-case ``title of the X`` written straight before a name, as translations put it
    (``said the deputy of the ruling party Tomás Vidal``), or None.

    >>> t = "said the deputy of the ruling party Marta Sol"
    >>> lower_title_of(t, t.index("Marta"))
    'deputy of the ruling party'
    >>> lower_title_of("said the father of Marta Sol", 21) is None, lower_title_of("told the court Ana Ruiz", 15) is None
    (True, True)
    """
    m = re.search(r"\b(?:the|a|an)\s+(?P<role>[a-z][\w-]*(?:\s+[a-z][\w-]*){0,2}\s+of\s+(?:the\s+)?[a-z][\w-]*"
                  r"(?:\s+[a-z][\w-]*){0,2})\s+$", text[max(floor, name_start - 120):name_start])
    if not m:
        return None
    role = m.group("role")
    head = role.split(" of ", 1)[0].split()
    if not (has_title(head[-1]) or person_noun(head[-1])) or _has_verb(role.split()):
        return None
    return clean_role(role) or None


def roles_at(text: str, name_start: int, name_end: int, floor: int = 0, limit: int | None = None) -> list[str]:
    """Every role the three rules find around one occurrence of a name.

    >>> t = "The head of the X contingent, Brigadier General Ivan Petrov, only said"
    >>> roles_at(t, t.index("Ivan"), t.index("Petrov") + 6)
    ['Brigadier General', 'head of the X contingent']
    """
    out = []
    before = title_before(text, name_start, floor)
    if before:
        out.append(before)
        comma = title_comma_before(text, name_start - len(before) - 1 if text[:name_start].rstrip().endswith(before) else name_start, floor)
    else:
        comma = title_comma_before(text, name_start, floor)
        before = lower_title_of(text, name_start, floor)
        if before:
            out.append(before)
    if before:
        m = re.match(r"\s+((?:of|at|from)\s+(?:the\s+)?[A-Z][^,.;:()\"“”«»\n]{2,100}?)(?=\s+(?:[a-z]+ed|said|says|told|cautioned|warned|noted|added)\b|[,.;:]|$)", text[name_end:limit or len(text)])
        if m:
            out[0] = before + " " + m.group(1)
    after = appositive_after(text, name_end, limit) or predicate_role(text[name_end:limit or len(text)])
    for r in (comma, after):
        if r and r not in out:
            out.append(r)
    return out


_PREDICATE = re.compile(r"\s+(?:is|was|has\s+been|serves\s+as|works\s+as)\s+(?:now\s+|also\s+|currently\s+)?"
                        r"(?P<role>(?:(?:the|a|an)\s+)?[^,.;:()\"“”\n]{3,120})")


def predicate_role(after: str) -> str | None:
    """A role given in a sentence about the person: ``Name is the director of Y.``, ``Name, 52, works as
    a nurse in Z``; the predicate must open with a title (``Name is a keen gardener`` has none).

    >>> predicate_role(" is the director of the Baltic Energy Forum. Next")
    'director of the Baltic Energy Forum'
    >>> predicate_role(" was a nurse for thirty years."), predicate_role(" has been mayor of Riverton since 2018.")
    ('nurse for thirty years', 'mayor of Riverton since 2018')
    >>> predicate_role(" is a problem for the council.") is None, predicate_role(" is expected to resign.") is None
    (True, True)
    >>> predicate_role(" was at home.") is None, predicate_role(" is keen to help.") is None
    (True, True)
    """
    m = _PREDICATE.match(re.sub(r"^,\s+\d{1,3},", "", after))
    if not m:
        return None
    role = job_part(m.group("role"))
    words = role.split()
    if not words:
        return None
    if words[0].lower() in ("the", "a", "an"):
        head = words[1:4]
    else:  # a bare title: "X has been mayor of Y since 2018"
        head = words[:1] if words[0].lower() not in _MODIFIERS else words[:2]
    if len(words) > 14 or not any(person_noun(re.sub(r"[’']s$", "", w.lower())) for w in head):
        return None
    if _has_verb(words):
        return None
    return clean_role(role) or None
