"""Speech cues read on the surface of the text, without a parse: the compiled patterns of speech
verbs, naming verbs and cue phrases (written as character tries, :func:`trie_alternation`), and
whether a paragraph can hold a quote at all (:func:`candidate_paragraph`).
"""

from __future__ import annotations

from functools import lru_cache
import re

from pipeline.quotes.cues import cue_phrases
from pipeline.quotes.paragraphs import DASHES, DOUBLE_MARK
from pipeline.quotes.verbs import naming_verb_forms, speech_verb_forms

__all__ = [
    "trie_alternation", "cue_phrase_re", "verb_re", "any_cue_re", "unit_cue_re", "starts_with_cue",
    "candidate_paragraph"
]


def trie_alternation(strings) -> str:
    """A regex alternation matching exactly ``strings``, written as a character trie, so the
    engine follows one branch per character instead of trying every string at every position
    (a search with hundreds of cue words was ~14 times slower as a flat ``a|b|c``).

    >>> trie_alternation(["said", "says", "say", "told"])
    '(?:sa(?:id|y(?:s)?)|told)'
    >>> p = re.compile(rf"\\b(?:{trie_alternation(['say', 'said', 'called on'])})\\b", re.I)
    >>> [bool(p.search(t)) for t in ("He SAID so", "they sayings", "called on them", "called only")]
    [True, False, True, False]
    """
    trie: dict = {}
    for word in strings:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch != ""]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(trie)


@lru_cache(maxsize=1)
def cue_phrase_re() -> re.Pattern[str]:
    """The multi-word cue phrases (``according to``, ``in her opinion``), longest first, ignoring case."""
    alts = "|".join(re.escape(p) for p in cue_phrases())
    return re.compile(rf"\b(?:{alts})\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def verb_re() -> re.Pattern[str]:
    """Every inflected speech-verb form as a whole word, ignoring case."""
    # a trie finds what the longest-first alternation found: the forms matching at one place are
    # prefixes of each other, one path of the trie, tried longest first
    return re.compile(rf"\b(?:{trie_alternation(speech_verb_forms())})\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def any_cue_re() -> re.Pattern[str]:
    """Speech-verb and naming-verb forms (``called``, ``dubbed``) as whole words, ignoring case."""
    forms = speech_verb_forms() | naming_verb_forms()
    return re.compile(rf"\b(?:{trie_alternation(forms)})\b", re.IGNORECASE)  # as in verb_re


@lru_cache(maxsize=1)
def unit_cue_re() -> re.Pattern[str]:
    """Speech verb forms, naming verbs and cue phrases in one pattern (a trie: only ever
    searched for whether it matches)."""
    alts = speech_verb_forms() | naming_verb_forms() | set(cue_phrases())
    return re.compile(rf"\b(?:{trie_alternation(alts)})\b", re.IGNORECASE)


def starts_with_cue(s: str) -> bool:
    """Whether ``s`` opens with a speech cue: a speech or naming verb form, or a cue phrase.

    >>> starts_with_cue("notes the agency"), starts_with_cue("According to X"), starts_with_cue("The end")
    (True, True, False)
    """
    words = s.split()
    if not words:
        return False
    head = " ".join(words[:4]).lower()
    if words[0].lower() in speech_verb_forms() or words[0].lower() in naming_verb_forms():
        return True
    return bool(cue_phrase_re().match(head))


def candidate_paragraph(text: str) -> bool:
    """Whether a paragraph can hold a quote: quotation marks, a leading dash, or a speech cue
    (a speech or naming verb form, or a cue phrase: :func:`unit_cue_re`)."""
    if DOUBLE_MARK.search(text) or text[:1] in DASHES:
        return True
    return bool(unit_cue_re().search(text))
