"""Name folding and variant matching: the small named rules that speaker resolution
(:mod:`pipeline.speakers.clusters`, :mod:`pipeline.speakers.resolution`) and the attribute stage use.

Every rule is a pure function on strings. The data they rely on lives in lexicon files:
``names_translit.json`` (romanisation equivalences), ``names_case_endings.txt`` (Slavic/Turkic
case endings), ``names_honorifics.txt``, ``names_particles.txt``, and for organisations
``names_org_articles.txt``, ``names_org_possessors.txt`` and ``org_heads.txt``.

>>> name_key("Dr. Dmitriy Volkhov")
'dmitri volhov'
>>> name_key("Dmitry Volkhov") == name_key("Dmitriy Volkhov")
True
>>> org_key("the Northfield Gazette") == org_key("Northfield gazette")
True
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from functools import lru_cache
from typing import Iterable, Sequence

from pipeline.lexicons import lexicon_json, lexicon_lines

__all__ = [
    "fold",
    "tokens",
    "strip_honorifics",
    "translit_key",
    "name_key",
    "org_key",
    "head_last",
    "surname",
    "surname_key",
    "strip_case_ending",
    "surname_candidates",
    "compact",
    "similar",
    "same_person",
    "is_acronym_of",
    "capital_score",
    "determiner_the",
    "honorifics",
    "particles",
    "org_heads",
    "org_possessors",
    "translit_rules",
]

_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212-"
_APOSTROPHES = "'\u2018\u2019\u02bc\u02bb`\u00b4"


# -- lexicons ---------------------------------------------------------------------------------
@lru_cache(maxsize=None)
def translit_rules() -> tuple[tuple[str, re.Pattern[str], str], ...]:
    """The romanisation rules of ``names_translit.json``: ``(name, compiled regex, replacement)``, in order."""
    return tuple((name, re.compile(rx), rep) for name, rx, rep in lexicon_json("names_translit.json")["rules"])


@lru_cache(maxsize=None)
def _case_endings() -> tuple[str, ...]:
    return tuple(sorted(lexicon_lines("names_case_endings.txt"), key=len, reverse=True))


@lru_cache(maxsize=None)
def honorifics() -> frozenset[str]:
    """Folded honorifics written before a name (``names_honorifics.txt``: mr, mrs, dr ...)."""
    return frozenset(lexicon_lines("names_honorifics.txt"))


@lru_cache(maxsize=None)
def particles() -> frozenset[str]:
    """Folded surname particles (``names_particles.txt``: van, von, de ...)."""
    return frozenset(lexicon_lines("names_particles.txt"))


@lru_cache(maxsize=None)
def _org_articles() -> frozenset[str]:
    return frozenset(lexicon_lines("names_org_articles.txt"))


# -- folding ----------------------------------------------------------------------------------
@lru_cache(maxsize=1 << 16)  # names recur throughout an article and a corpus
def fold(text: str) -> str:
    """Fold a name for comparison: compatibility forms, no accents, case-folded, one space.

    Dashes become hyphens, apostrophes are dropped, other punctuation becomes a space
    (hyphens inside a word are kept). Idempotent: ``fold(fold(s)) == fold(s)``.

    >>> fold("  José   O’Neill-Ríos ")
    'jose oneill-rios'
    >>> fold("Jean–Luc  DUPRÉ, Jr.")
    'jean-luc dupre jr'
    """
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.casefold()
    text = unicodedata.normalize("NFKD", text)  # casefold can produce decomposable letters again
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    out = []
    for ch in text:
        if ch in _DASHES:
            out.append("-")
        elif ch in _APOSTROPHES:
            continue
        elif ch.isalnum():
            out.append(ch)
        else:
            out.append(" ")
    words = ["-".join(p for p in w.split("-") if p) for w in "".join(out).split()]
    return " ".join(w for w in words if w)


def tokens(name: str) -> list[str]:
    """The folded words of a name (a hyphenated word stays one token).

    >>> tokens("Anna-Maria  van der Berg")
    ['anna-maria', 'van', 'der', 'berg']
    """
    return fold(name).split()


def strip_honorifics(words: Sequence[str]) -> list[str]:
    """Drop leading honorifics (``Dr``, ``Mrs``, ``Sir`` ...) from folded words, keeping at least one.

    >>> strip_honorifics(["dr", "helen", "okafor"])
    ['helen', 'okafor']
    >>> strip_honorifics(["sir"])
    ['sir']
    """
    words = list(words)
    leading = honorifics()
    while len(words) > 1 and words[0] in leading:
        words = words[1:]
    return words


def translit_key(word: str) -> str:
    """A romanisation-blind key for one folded word: the rules of ``names_translit.json``, then
    doubled letters collapsed; hyphens are dropped.

    >>> translit_key("yevgeniy"), translit_key("evgeny")
    ('evgeni', 'evgeni')
    >>> translit_key("zhanibek") == translit_key("janybek") == translit_key("dzhanibek")
    True
    >>> translit_key("aleksandr") == translit_key("alexandr")
    True
    """
    w = fold(word).replace("-", "").replace(" ", "")
    for _name, rx, rep in translit_rules():
        w = rx.sub(rep, w)
    return re.sub(r"(.)\1+", r"\1", w)


def name_key(name: str) -> str:
    """The comparison key of a person's name: honorifics dropped, each word through :func:`translit_key`.

    >>> name_key("Mr. Ruslan Bekmukhambetov") == name_key("ruslan bekmuhambetov")
    True
    >>> name_key("Jürgen Mößner")
    'iurgen mosner'
    """
    return " ".join(translit_key(w) for w in strip_honorifics(tokens(name)))


@lru_cache(maxsize=None)
def org_heads() -> frozenset[str]:
    """Head nouns written ``<head> of <X>`` in organisation names (``org_heads.txt``: ministry, department ...)."""
    return frozenset(lexicon_lines("org_heads.txt"))


@lru_cache(maxsize=None)
def org_possessors() -> frozenset[str]:
    """Generic possessors before an organisation's name (``names_org_possessors.txt``: country, city ...)."""
    return frozenset(lexicon_lines("names_org_possessors.txt"))


def head_last(words: Sequence[str]) -> list[str]:
    """Write ``<head> of <X>`` as ``<X> <head>`` for the head nouns of ``org_heads.txt``.

    >>> head_last(["ministry", "of", "energy"])
    ['energy', 'ministry']
    >>> head_last(["bank", "of", "england"])
    ['bank', 'of', 'england']
    """
    words = list(words)
    if len(words) >= 3 and words[0] in org_heads() and words[1] == "of":
        return words[2:] + [words[0]]
    return words


def org_key(name: str) -> str:
    """The comparison key of an organisation: folded, leading articles (``The``) and generic
    possessors (``the country's``) dropped, ``<head> of <X>`` as ``<X> <head>``.

    >>> org_key("The  Harbour Times")
    'harbour times'
    >>> org_key("the country's energy ministry") == org_key("Ministry of Energy")
    True
    >>> org_key("The")
    'the'
    """
    words = tokens(name)
    articles = _org_articles()
    while len(words) > 1 and words[0] in articles:
        words = words[1:]
    if len(words) > 1 and words[0] in org_possessors():
        words = words[1:]
    return " ".join(head_last(words))


def surname(name: str) -> str:
    """The surname of a person's name: the last word plus the particles directly before it.

    >>> surname("Ludwig van Beethoven")
    'van beethoven'
    >>> surname("Dr Amina Yusuf")
    'yusuf'
    """
    words = strip_honorifics(tokens(name))
    if not words:
        return ""
    i = len(words) - 1
    before = particles()
    while i > 0 and words[i - 1] in before:
        i -= 1
    return " ".join(words[i:])


def surname_key(name: str) -> str:
    """:func:`translit_key` of each word of the surname.

    >>> surname_key("Olga Kuzmina") == surname_key("Kouzmina")
    True
    """
    return " ".join(translit_key(w) for w in surname(name).split())


def strip_case_ending(word_key: str, known: Iterable[str] | frozenset[str]) -> str:
    """Fold a case-inflected word key onto a shorter known key: ``word_key`` minus one ending of
    ``names_case_endings.txt`` when the result is in ``known`` (keys seen in the corpus), else unchanged.

    >>> strip_case_ending("petrenkova", {"petrenkov"})
    'petrenkov'
    >>> strip_case_ending("petrenkova", {"ivanov"})
    'petrenkova'
    >>> strip_case_ending("anna", {"ann"})
    'anna'
    """
    known = known if isinstance(known, (set, frozenset)) else frozenset(known)
    for ending in _case_endings():
        stem = word_key[: -len(ending)]
        if word_key.endswith(ending) and len(stem) >= 5 and stem in known:
            return stem
    return word_key


def surname_candidates(key: str) -> list[str]:
    """The words of a full name's key that the name's bearer can be called by alone: the last word
    first; for names of three words or more also each later word (Spanish and Portuguese double
    surnames, "Rojas" for "Lucia Rojas Mendez") and the later words run together (a double-barrelled
    surname written with a space).

    >>> surname_candidates("ana lopez")
    ['lopez']
    >>> surname_candidates("lucia roias mendez")
    ['mendez', 'roias', 'roiasmendez']
    """
    words = key.split()
    if not words:
        return []
    out = [words[-1]]
    if len(words) >= 3:
        out += [w for w in words[1:-1] if w not in out]
        joined = "".join(words[1:])
        if joined not in out:
            out.append(joined)
    return out


def compact(key: str) -> str:
    """A key with its spaces removed, so that a double-barrelled name matches with or without its
    hyphen (hyphens are already gone from :func:`translit_key` words).

    >>> compact(name_key("Kari Lund Hagen")) == compact(name_key("Kari Lund-Hagen"))
    True
    """
    return key.replace(" ", "")


def similar(a: str, b: str, threshold: float = 0.85) -> bool:
    """Whether two keys are within the edit-distance threshold (difflib ratio, 0..1).

    Keys of fewer than 5 letters must be equal: short names differ by too little.

    >>> similar("abdurahmanov", "abduraxmanov")
    True
    >>> similar("lee", "li")
    False
    """
    if a == b:
        return True
    if min(len(a), len(b)) < 5:
        return False
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if matcher.real_quick_ratio() < threshold or matcher.quick_ratio() < threshold:
        return False
    return matcher.ratio() >= threshold


def _given_compatible(a: str, b: str, threshold: float) -> bool:
    """Two given-name keys agree: equal, similar, or one is the other's initial."""
    if len(a) == 1 or len(b) == 1:
        return a[0] == b[0]
    return similar(a, b, threshold)


def same_person(key_a: str, key_b: str, threshold: float = 0.85) -> bool:
    """Whether two full :func:`name_key` keys of two words or more name the same person: the same
    number of words, similar surnames and compatible given names (similar, or an initial).

    >>> same_person(name_key("Gulnara Sadykova"), name_key("Gulnara Sadikova"))
    True
    >>> same_person(name_key("Maria Lopez"), name_key("Marta Lopez"))
    False
    >>> same_person(name_key("J. Okonkwo"), name_key("James Okonkwo"))
    True
    """
    wa, wb = key_a.split(), key_b.split()
    if len(wa) != len(wb) or len(wa) < 2:
        return False
    if not similar(wa[-1], wb[-1], threshold):
        return False
    return all(_given_compatible(x, y, threshold) for x, y in zip(wa[:-1], wb[:-1]))


def is_acronym_of(short: str, long: str) -> bool:
    """Whether ``short`` (one all-capital word) is the initials of the capitalised words of ``long``.

    >>> is_acronym_of("WHO", "World Health Organization")
    True
    >>> is_acronym_of("NUT", "National Union of Teachers")
    True
    >>> is_acronym_of("Who", "World Health Organization")
    False
    """
    short = short.strip().replace(".", "")
    if len(short) < 2 or not short.isalpha() or not short.isupper() or " " in short:
        return False
    words = [w for w in re.split(r"[\s\-]+", long.strip()) if w]
    initials = "".join(w[0] for w in words if w[0].isupper())
    return initials == short


@lru_cache(maxsize=None)
def _institution_heads() -> frozenset[str]:
    """Head nouns of institutions (``org_heads.txt`` and the words of ``org_name_words.txt`` that do not
    name news outlets in ``outlet_words.txt``): ministry, agency, council, association ..."""
    outlets = frozenset(lexicon_lines("outlet_words.txt"))
    return org_heads() | frozenset(w for w in lexicon_lines("org_name_words.txt") if w not in outlets)


def determiner_the(name: str) -> bool:
    """Whether a leading ``The`` of an organisation's name is only a determiner: the name is headed by
    an institution noun (its last word, or the word before its first ``of``/``for``), as in ``The
    Environment Agency`` or ``The Ministry of Health``. An outlet's ``The`` (``The Harbour Times``,
    ``The Daily Beast``, ``The Associated Press``) is part of its name.

    >>> determiner_the("The Environment Agency"), determiner_the("The Ministry of Health")
    (True, True)
    >>> determiner_the("The Harbour Times"), determiner_the("The Daily Beast"), determiner_the("Environment Agency")
    (False, False, False)
    """
    words = tokens(name)
    if len(words) < 2 or words[0] != "the":
        return False
    rest = words[1:]
    cut = next((i for i, w in enumerate(rest) if w in ("of", "for")), None)
    head = rest[cut - 1] if cut else rest[-1]
    return head in _institution_heads()


def capital_score(name: str) -> int:
    """How many words of ``name`` start with a capital letter (a tie-breaker for display forms); a
    leading ``The`` that is only a determiner (:func:`determiner_the`) counts against the form, so
    that ``Environment Agency`` is shown rather than ``The Environment Agency``.

    >>> capital_score("The Harbour Times"), capital_score("harbour times")
    (3, 0)
    >>> capital_score("The Environment Agency"), capital_score("Environment Agency")
    (1, 2)
    """
    score = sum(1 for w in name.split() if w[:1].isupper())
    if name.split()[:1] == ["The"] and determiner_the(name):
        score -= 2
    return score
