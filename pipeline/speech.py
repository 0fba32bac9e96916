"""Reported speech and speech cues: lexicons of speech verbs and cue phrases, and detectors on spaCy docs.

``speech_verbs()`` and ``cue_phrases()`` load the lexicons in ``pipeline/lexicons/``.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

LEXICONS = Path(__file__).parent / "lexicons"

#: possessive forms that a cue phrase written with "his" also stands for
_POSSESSIVES = ("his", "her", "their", "its")


def _read_lexicon(name: str) -> list[str]:
    """Lines of a lexicon file, lower-cased, with comments and blank lines dropped."""
    lines = []
    for line in (LEXICONS / name).read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip().lower()
        if line:
            lines.append(line)
    return lines


@lru_cache(maxsize=1)
def speech_verbs() -> frozenset[str]:
    """Lemmas of verbs that report speech or a stated stance.

    >>> {"say", "warn", "believe"} <= speech_verbs()
    True
    >>> "see" in speech_verbs()
    False
    """
    return frozenset(_read_lexicon("speech_verbs.txt"))


@lru_cache(maxsize=1)
def cue_phrases() -> list[str]:
    """Lower-case multi-word speech cues, longest first (ties alphabetical), possessive variants expanded.

    >>> phrases = cue_phrases()
    >>> "according to" in phrases and "in her opinion" in phrases
    True
    >>> phrases.index("did not hide the fact that") < phrases.index("according to")
    True
    """
    phrases = set()
    for phrase in _read_lexicon("cue_phrases.txt"):
        words = phrase.split()
        phrases.add(phrase)
        if "his" in words:
            for poss in _POSSESSIVES:
                phrases.add(" ".join(poss if w == "his" else w for w in words))
    return sorted(phrases, key=lambda p: (-len(p), p))
