"""Verb forms of the cue lexicons: every inflection of the speech verbs and naming verbs.

Regular inflections are made by :func:`verb_forms`; irregular ones come from ``verbs_irregular.tsv``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from pipeline.lexicons import lexicon_lines
from pipeline.quotes.cues import speech_verbs

__all__ = ["verb_forms", "speech_verb_forms", "naming_verb_forms"]


def verb_forms(lemma: str) -> set[str]:
    """Regular inflected forms of a verb lemma (irregular ones come from ``verbs_irregular.tsv``).

    >>> sorted(verb_forms("stress"))
    ['stress', 'stressed', 'stresses', 'stressing']
    >>> sorted(verb_forms("clarify"))
    ['clarified', 'clarifies', 'clarify', 'clarifying']
    >>> "noted" in verb_forms("note") and "admitted" in verb_forms("admit") and "dubbed" in verb_forms("dub")
    True
    """
    forms = {lemma}
    if lemma.endswith("e"):
        forms |= {lemma + "s", lemma + "d", lemma[:-1] + "ing"}
    elif lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"}
    elif lemma.endswith(("s", "sh", "ch", "x", "z")):
        forms |= {lemma + "es", lemma + "ed", lemma + "ing"}
    else:
        forms |= {lemma + "s", lemma + "ed", lemma + "ing"}
        # doubled final consonant after one short vowel (admit -> admitted, regret -> regretted)
        if re.fullmatch(r"[^aeiou]*[aeiou][bdgmnprt]", lemma) or (
                re.search(r"[^aeiou][aeiou][bdgklmnprt]$", lemma) and lemma.endswith(("it", "et", "ap", "op", "ot", "ug"))):
            forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    return forms


@lru_cache(maxsize=1)
def _irregular() -> dict[str, set[str]]:
    table: dict[str, set[str]] = {}
    for line in lexicon_lines("verbs_irregular.tsv"):
        lemma, *forms = line.split("\t")
        table[lemma] = set(forms)
    return table


@lru_cache(maxsize=1)
def speech_verb_forms() -> frozenset[str]:
    """Every inflected form of the speech-verb lexicon (``speech_verbs()``).

    >>> {"said", "says", "told", "noted", "stressed", "explains"} <= speech_verb_forms()
    True
    >>> "sees" in speech_verb_forms()
    False
    """
    forms: set[str] = set()
    irregular = _irregular()
    for lemma in speech_verbs():
        forms |= irregular.get(lemma, set()) | verb_forms(lemma) if lemma in irregular else verb_forms(lemma)
        forms.add(lemma)
    return frozenset(forms)


@lru_cache(maxsize=1)
def naming_verb_forms() -> frozenset[str]:
    """Verbs that introduce someone's own words as a name for something (``called them “...”``).

    >>> "called" in naming_verb_forms() and "dubbed" in naming_verb_forms()
    True
    """
    forms: set[str] = set()
    for lemma in lexicon_lines("verbs_naming.txt"):
        forms |= verb_forms(lemma)
    return frozenset(forms)
