"""The named fixes: labelled cases (tests/cases/normalize_fixes.json, check "fixes"), doctests, and properties
every fix must have on arbitrary text."""

import doctest
from collections import Counter

import pytest
from hypothesis import given, settings, strategies as st

from pipeline.text import fixes
from pipeline.text.editlog import EditLog

from casefiles import UNCHANGED, cases, load

FIX = dict(fixes.FIXES)


@pytest.mark.parametrize("case", cases("fixes"))
def test_fix_case(case):
    """The one fix ``input.fix`` turns ``input.text`` into ``expect`` (\"unchanged\": into itself)."""
    given = case["input"]
    fix = FIX[given["fix"]]
    out = fixes.apply_changes(given["text"], fix(given["text"], Counter(given.get("vocabulary", {}))))
    assert out == (given["text"] if case["expect"] == UNCHANGED else case["expect"])


def test_cases_cover_every_fix_with_a_negative():
    fix_cases = [case for _, case in load("fixes")]
    covered = {c["input"]["fix"] for c in fix_cases}
    must_not_change = {c["input"]["fix"] for c in fix_cases if c["expect"] == UNCHANGED}
    content_fixes = {"dehyphenate", "quote_spacing", "quote_direction", "attribution_dash",
                     "space_before_punctuation", "currency_space", "glued_words", "mojibake"}
    assert set(FIX) - {"furniture"} <= covered  # furniture has its own case file
    assert content_fixes <= must_not_change


def test_doctests_of_the_normalize_modules_pass():
    import pipeline.text.furniture
    import pipeline.text.lines
    import pipeline.text.metadata
    import pipeline.stages.normalize

    modules = (fixes, pipeline.text.furniture, pipeline.text.lines, pipeline.text.metadata, pipeline.stages.normalize)
    for module in modules:
        result = doctest.testmod(module)
        assert result.attempted > 0, module.__name__
        assert result.failed == 0, module.__name__


def test_every_registered_fix_is_a_function_of_its_name_with_a_docstring_example():
    for name, fix in fixes.FIXES:
        assert fix.__name__ == name
        assert ">>>" in (fix.__doc__ or ""), name


def test_registry_names_are_unique_and_furniture_runs_before_quotes():
    names = [name for name, _ in fixes.FIXES]
    assert len(names) == len(set(names))
    assert names.index("furniture") < names.index("quote_spacing") < names.index("quote_direction")
    assert names.index("quote_direction") < names.index("attribution_dash")


# text made of the characters the fixes care about
PIECES = list('ab Zq-"“”,.!?…$5\n\u00a0\r\t’\'') + ["Washing", "ton", "CS", "TO", "ex", "said", "Ã©", "â€œ", "e\u0301", "\ufb01", "\x00"]
NOISY = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


@pytest.mark.parametrize("name", [n for n, _ in fixes.FIXES])
@given(text=NOISY)
@settings(max_examples=150, deadline=None)
def test_every_fix_returns_valid_changes(name, text):
    changes = FIX[name](text, Counter({"washington": 1, "csto": 1}))
    last_end = -1
    for start, end, after in sorted(changes):
        assert 0 <= start <= end <= len(text)
        assert start >= last_end, "changes must not overlap"
        assert isinstance(after, str)
        last_end = end
    log = EditLog(text)  # the edit log accepts them and rebuilds the same text
    log.apply(name, changes)
    assert log.text == fixes.apply_changes(text, changes)


IDEMPOTENT = ["line_breaks", "odd_spaces", "control_chars", "ligatures", "unicode_nfc", "line_edge_spaces", "space_runs", "blank_lines",
              "quote_spacing", "quote_direction", "attribution_dash", "currency_space", "dehyphenate"]


@pytest.mark.parametrize("name", IDEMPOTENT)
@given(text=NOISY)
@settings(max_examples=150, deadline=None)
def test_fix_is_idempotent(name, text):
    """Running a fix on its own output changes nothing more."""
    vocab = Counter({"washington": 1, "csto": 1})
    once = fixes.apply_changes(text, FIX[name](text, vocab))
    assert fixes.apply_changes(once, FIX[name](once, vocab)) == once


@given(text=NOISY)
@settings(max_examples=200, deadline=None)
def test_quote_fixes_never_change_the_number_of_marks(text):
    """Spacing and direction move and turn marks; they never add or drop one."""
    def marks(s):
        return sum(s.count(m) for m in '"“”')

    spaced = fixes.apply_changes(text, fixes.quote_spacing(text))
    directed = fixes.apply_changes(spaced, fixes.quote_direction(spaced))
    assert marks(spaced) == marks(text) == marks(directed)
    assert directed.count('"') == text.count('"'), "straight marks stay straight"


@given(st.from_regex(r"[a-z]{2,8}-[A-Z][a-z]{1,8}", fullmatch=True))
@settings(max_examples=100, deadline=None)
def test_capitalised_second_part_is_never_joined(word):
    """``post-Soviet``, ``Nur-Sultan``: a capital after the hyphen marks a compound or name."""
    left, right = word.split("-")
    assert not fixes.should_join(left, right, Counter({(left + right).lower(): 5}))


def test_dehyphenation_needs_corpus_evidence_for_rare_joins():
    """A joined form unknown to wordfreq (a split name) is joined only when the corpus has it;
    a compound of two common words stays even when the corpus also has the joined form."""
    assert not fixes.should_join("Zhapa", "rov", Counter())
    assert fixes.should_join("Zhapa", "rov", Counter({"zhaparov": 2}))
    assert fixes.should_join("Kaz", "akhstan", Counter())  # a common word: wordfreq is evidence enough
    assert not fixes.should_join("break", "up", Counter({"breakup": 2}))
