"""Every labelled case file follows the one shape (tests/cases/README.md) and is run by a check."""

from __future__ import annotations

import json

import pytest

from casefiles import CHECKS, case_files, cases, load, shape_errors


@pytest.mark.parametrize("path", case_files(), ids=lambda p: p.name)
def test_case_file_follows_the_shape(path):
    assert shape_errors(json.loads(path.read_text(encoding="utf-8"))) == []


def test_every_check_has_cases_and_every_file_a_known_check():
    named = {json.loads(path.read_text(encoding="utf-8"))["check"] for path in case_files()}
    assert named == set(CHECKS)


@pytest.mark.parametrize("check", sorted(CHECKS))
def test_case_ids_are_unique(check):
    ids = [case_id for case_id, _ in load(check)]
    assert len(ids) == len(set(ids))


GOOD = {"name": "n", "input": {"text": "x"}, "expect": "unchanged"}


@pytest.mark.parametrize("broken, problem", [
    ({"about": "a", "check": "fixes", "cases": [{**GOOD, "note": "?"}]}, "unknown keys ['note']"),
    ({"about": "a", "check": "fixes", "cases": [{"input": {}, "expect": 1}]}, "missing keys ['name']"),
    ({"about": "a", "check": "fixes", "cases": [{"name": "n", "input": {}}]}, "missing keys ['expect']"),
    ({"about": "a", "check": "fixes", "cases": [{**GOOD, "status": "xfail"}]}, "status 'xfail'"),
    ({"about": "a", "check": "fixes", "cases": [{**GOOD, "status": "known_failure"}]}, "must say why"),
    ({"about": "a", "check": "fixes", "cases": [GOOD, GOOD]}, "a second case of that name"),
    ({"about": "a", "check": "fixes", "cases": [{**GOOD, "input": "x"}]}, "'input' must be an object"),
    ({"about": "a", "check": "nothing", "cases": [GOOD]}, "unknown check"),
    ({"check": "fixes", "cases": [GOOD]}, "file keys"),
    ({"about": "a", "check": "fixes", "style": "uk", "cases": [GOOD]}, "file keys"),
    ({"about": "a", "check": "fixes", "cases": []}, "non-empty list"),
])
def test_a_file_off_the_shape_is_refused(broken, problem):
    assert any(problem in error for error in shape_errors(broken)), shape_errors(broken)


def test_known_failures_become_strict_xfails_that_must_fail_by_an_assertion():
    known = [p for p in cases("fixes") if p.values[0].get("status") == "known_failure"]
    assert known
    for param in known:
        [mark] = param.marks
        assert mark.name == "xfail" and mark.kwargs["strict"] is True and mark.kwargs["raises"] is AssertionError
