"""Lexicon files: the data of the rules, one entry a line, in ``pipeline/lexicons/``.

A ``#`` starts a comment (no lexicon entry contains one); blank lines are ignored. Every module
reads its lexicons through this module: :func:`lexicon_lines` (entries a line), :func:`lexicon_json`
(the JSON ones) and :func:`named_regexes` (``name regex`` lines, where a ``#`` may belong to the regex),
so each format is defined once and no other module opens a lexicon file.

>>> "say" in {line.split()[0] for line in lexicon_lines("cues_speech_verbs.txt")}
True
>>> all(not line.startswith("#") and line == line.strip() for line in lexicon_lines("titles.txt"))
True
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Iterable

LEXICON_DIR = Path(__file__).resolve().parent


@lru_cache(maxsize=None)
def lexicon_lines(name: str) -> tuple[str, ...]:
    """The entries of lexicon file ``name``: each line without its comment, stripped, blanks dropped."""
    entries = []
    for line in (LEXICON_DIR / name).read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            entries.append(line)
    return tuple(entries)


def phrase_alternation(phrases: Iterable[str]) -> str:
    r"""A regex alternation of literal phrases, longest first, any run of spaces inside a phrase
    matching any whitespace.

    >>> phrase_alternation(["said", "said on", "told"])
    'said\\s+on|said|told'
    """
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in sorted(set(phrases), key=lambda p: (-len(p), p)))


def lexicon_json(name: str):
    """The parsed content of JSON lexicon file ``name`` (a fresh object on every call).

    >>> "rules" in lexicon_json("names_translit.json")
    True
    """
    return json.loads((LEXICON_DIR / name).read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def named_regexes(name: str, flags: int = 0) -> tuple[tuple[str, re.Pattern], ...]:
    """The ``(name, compiled regex)`` entries of a named-regex lexicon file, in file order: every
    line that is not blank and does not start with ``#``, split at its first run of whitespace,
    the regex stripped and compiled with ``flags``. No comment is cut from a line (a regex may
    hold a ``#``).

    >>> rules = named_regexes("metadata_publisher_patterns.txt", re.I)
    >>> all(rx.flags & re.I for _, rx in rules), len({name for name, _ in rules}) == len(rules)
    (True, True)
    """
    entries = []
    for line in (LEXICON_DIR / name).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        entry_name, regex = line.split(None, 1)
        entries.append((entry_name, re.compile(regex.strip(), flags)))
    return tuple(entries)
