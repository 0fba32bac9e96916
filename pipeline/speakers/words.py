"""Words of speaker mentions: the lexicons of the attribution rules (demonyms, pronouns, descriptions,
honorifics, place and organisation words) and small text rules the mention, cast and pass modules share
(sentence and paragraph bounds, an article stripped, a name-like run of words)."""

from __future__ import annotations

import re
from functools import lru_cache

from wordfreq import zipf_frequency

from pipeline.lexicons import lexicon_lines
from pipeline.quotes.verbs import speech_verb_forms


__all__ = ["FUNCTION_WORDS", "demonyms", "countries", "pronouns", "descriptions", "honorific_words", "place_words",
           "org_name_words", "countries_in", "strip_article",
           "rare_surname", "name_like", "description_type", "sentence_start", "sentence_bounds", "para_bounds",
           "speech_verb_re"]

# words that link the words of a name or a title ("Ministry of Health"): no name starts after one
FUNCTION_WORDS = {"of", "the", "for", "on", "under", "and", "to", "at", "in", "a", "an", "by", "with", "from"}


# -- lexicons ---------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def demonyms() -> dict[str, str]:
    """Demonym (or abbreviation) -> country, from ``words_demonyms.tsv``.

    >>> demonyms()["Chilean"], demonyms()["Malian"]
    ('Chile', 'Mali')
    """
    return dict(line.split("\t", 1) for line in lexicon_lines("words_demonyms.tsv"))


@lru_cache(maxsize=1)
def countries() -> frozenset[str]:
    """The countries of ``words_demonyms.tsv``.

    >>> "Chile" in countries(), "Chilean" in countries()
    (True, False)
    """
    return frozenset(demonyms().values())


@lru_cache(maxsize=1)
def pronouns() -> dict[str, tuple[str, str]]:
    """Pronoun -> (gender, type), from ``words_pronouns.tsv``.

    >>> pronouns()["she"]
    ('female', 'person')
    """
    out = {}
    for line in lexicon_lines("words_pronouns.tsv"):
        p, g, t = line.split("\t")
        out[p] = (g, t)
    return out


@lru_cache(maxsize=1)
def descriptions() -> dict[str, str]:
    """Description head phrase -> type, from ``descriptions.txt``.

    >>> descriptions()["political scientist"], descriptions()["publication"]
    ('person', 'organization')
    """
    return dict(line.split("\t", 1) for line in lexicon_lines("descriptions.txt"))


@lru_cache(maxsize=1)
def honorific_words() -> frozenset[str]:
    """Honorifics and abbreviated titles written before a name (``honorifics.txt``): never a name word."""
    return frozenset(lexicon_lines("honorifics.txt"))


@lru_cache(maxsize=1)
def place_words() -> frozenset[str]:
    """Words that end a place's name (``words_places.txt``: ``Gorge``, ``Street``): no surname."""
    return frozenset(lexicon_lines("words_places.txt"))


@lru_cache(maxsize=1)
def org_name_words() -> frozenset[str]:
    """Words of organisations' names (``org_name_words.txt``: ``ministry``, ``council``, ``times``)."""
    return frozenset(lexicon_lines("org_name_words.txt"))


# -- small rules ------------------------------------------------------------------------------
@lru_cache(maxsize=1)
def _country_re() -> re.Pattern[str]:
    words = sorted(set(demonyms()) | countries(), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(w) for w in words) + r")(?!\w)")


@lru_cache(maxsize=4096)
def countries_in(phrase: str) -> frozenset[str]:
    """Countries a phrase names, directly or through a demonym.

    >>> sorted(countries_in("the President of the Slovak Republic"))
    ['Slovakia']
    >>> sorted(countries_in("Peruvian leader")), sorted(countries_in("the expert"))
    (['Peru'], [])
    """
    out = set()
    dem = demonyms()
    for m in _country_re().finditer(phrase):
        w = m.group(0)
        out.add(dem.get(w, w))
    return frozenset(out)


def strip_article(s: str) -> str:
    """A phrase without its leading article and edge punctuation.

    >>> strip_article("the Grid Council,"), strip_article("An expert")
    ('Grid Council', 'expert')
    """
    return re.sub(r"^(?:the|a|an|this|our)\s+", "", s.strip(" ,.;:"), flags=re.IGNORECASE)


def rare_surname(name: str) -> bool:
    """Whether a name's last word is rare in English (a foreign surname rather than a common word).

    >>> rare_surname("Oluwaseun Adeyemi"), rare_surname("Grand Hotel")
    (True, False)
    """
    last = name.split()[-1].lower()
    return zipf_frequency(last, "en") < 3.0


def name_like(name: str) -> bool:
    """Every word of a capitalised run is uncommon as an English word and one is rare: a person's
    name more likely than a phrase of capitalised words.

    >>> name_like("Laura Stein"), name_like("Tom Gallagher"), name_like("South America"), name_like("Dunmore Gorge")
    (True, True, False, False)
    """
    words = name.split()
    if words[-1].lower() in place_words():
        return False
    freqs = [zipf_frequency(w.lower(), "en") for w in words]
    return all(f < 5.2 for f in freqs) and freqs[-1] < 4.0


def description_type(desc: str) -> str:
    """``person`` or ``organization``: the type of a description's head (``descriptions.txt``).

    >>> description_type("the group that organised the march"), description_type("the mayor")
    ('organization', 'person')
    """
    words = strip_article(desc).lower().split()
    head_words = []
    for w in words:
        if w in ("of", "to", "for", "at", "in", "from", "with", "that", "which", "who", "representing"):
            break
        head_words.append(w)
    head_phrase = " ".join(head_words)
    for phrase, t in sorted(descriptions().items(), key=lambda kv: -len(kv[0])):
        if re.search(rf"(?<![\w-]){re.escape(phrase)}$", head_phrase):
            return t
    return "person"


def sentence_start(text: str, pos: int) -> int:
    """Start of the sentence holding ``pos`` (a full stop, ! or ? followed by space, or a line break).

    >>> sentence_start("One two. Three four", 12)
    9
    """
    s = pos
    while s > 0 and text[s - 1] != "\n" and not (text[s - 1].isspace() and s >= 2 and text[s - 2] in ".!?"):
        s -= 1
    return s


def sentence_bounds(text: str, pos: int, floor: int, limit: int) -> tuple[int, int]:
    """The (start, end) of the sentence holding ``pos``, read no further than ``floor`` and ``limit``.

    >>> sentence_bounds("One two. Three four. Five", 12, 0, 25)
    (8, 20)
    """
    s = pos
    while s > floor and not (text[s - 1] in ".!?" and s < len(text) and text[s].isspace()):
        s -= 1
    m = re.compile(r"[.!?](?=\s|$)").search(text, pos, limit)
    return s, (m.end() if m else limit)


def para_bounds(text: str, pos: int) -> tuple[int, int]:
    """The (start, end) of the line (paragraph) holding ``pos``.

    >>> para_bounds("One.\\nTwo three.\\nFour.", 7)
    (5, 15)
    """
    s = text.rfind("\n", 0, pos) + 1
    e = text.find("\n", pos)
    return s, len(text) if e < 0 else e


@lru_cache(maxsize=1)
def speech_verb_re() -> re.Pattern[str]:
    """Any form of a speech verb (``said``, ``told``, ``warns``), as a whole word, any case."""
    forms = sorted(speech_verb_forms(), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(f) for f in forms) + r")\b", re.IGNORECASE)
