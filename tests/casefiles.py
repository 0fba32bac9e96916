"""The one loader of the labelled test cases in ``tests/cases/*.json``.

Every case file has one shape (described in ``tests/cases/README.md``)::

    {"about": "what these cases check and how",
     "check": "<the check that runs them>",
     "cases": [{"name": ..., "input": {...}, "expect": ..., "status": "pass" | "known_failure",
                "why": ..., "style": ...}]}

A test module runs one check over its cases::

    @pytest.mark.parametrize("case", cases("fixes"))
    def test_fix_case(case):
        ...  # compare what the code gives for case["input"] with case["expect"]

``cases(check)`` reads every file whose ``check`` matches, refuses a file that does not follow the
shape, names each case ``<file stem>: <case name>`` and turns a ``known_failure`` into a strict xfail
(so a fix that makes it pass is noticed: promote the case by dropping its status).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

__all__ = ["CASES_DIR", "CHECKS", "NO_QUOTE", "UNCHANGED", "case_files", "cases", "load", "read", "shape_errors"]

CASES_DIR = Path(__file__).parent / "cases"

#: the checks case files may name, and the test that runs each
CHECKS = {
    "quotes": "tests/test_attribute.py::test_quote_case",
    "quote_spans": "tests/test_segment.py::test_quote_span_case",
    "reported_speech": "tests/test_speech.py::test_reported_speech_case",
    "speech_cues": "tests/test_speech.py::test_speech_cue_case",
    "fixes": "tests/test_fixes.py::test_fix_case",
    "furniture": "tests/test_furniture.py::test_furniture_case",
    "metadata": "tests/test_metadata.py::test_metadata_case",
    "name_pairs": "tests/test_names.py::test_name_pair_case",
    "date_mentions": "tests/test_dates.py::test_date_mention_case",
    "statement_dates": "tests/test_dates.py::test_statement_date_case",
}

#: negative expectations: the code must find no quote / must leave the text as it is
NO_QUOTE = "no quote"
UNCHANGED = "unchanged"

FILE_KEYS = {"about", "check", "cases"}
CASE_KEYS = {"name", "input", "expect", "status", "why", "style"}
REQUIRED_CASE_KEYS = {"name", "input", "expect"}
STATUSES = {"pass", "known_failure"}


def shape_errors(data: object) -> list[str]:
    """What keeps a parsed case file from following the shape ([] when it follows it).

    >>> shape_errors({"about": "a", "check": "fixes", "cases": [{"name": "n", "input": {}, "expect": "x"}]})
    []
    >>> shape_errors({"about": "a", "check": "fixes", "cases": [{"input": {}, "expect": "x", "note": ""}]})
    ["case 0: unknown keys ['note']", "case 0: missing keys ['name']"]
    >>> shape_errors({"about": "a", "check": "nothing", "cases": [{"name": "n", "input": {}, "expect": 1, "status": "fail"}]})
    ["unknown check 'nothing'", "case 'n': status 'fail' is not one of ['known_failure', 'pass']"]
    """
    if not isinstance(data, dict):
        return ["a case file is a JSON object"]
    errors = []
    if set(data) != FILE_KEYS:
        errors.append(f"file keys {sorted(data)} are not {sorted(FILE_KEYS)}")
    if not isinstance(data.get("about"), str) or not data.get("about"):
        errors.append("'about' must say what the cases check")
    if data.get("check") not in CHECKS:
        errors.append(f"unknown check {data.get('check')!r}")
    if not isinstance(data.get("cases"), list) or not data.get("cases"):
        return errors + ["'cases' must be a non-empty list"]
    seen = set()
    for i, case in enumerate(data["cases"]):
        errors += _case_errors(i, case, seen)
    return errors


def _case_errors(i: int, case: object, seen: set[str]) -> list[str]:
    """What is wrong with one case (the ``i``-th); ``seen`` collects the names met so far."""
    if not isinstance(case, dict):
        return [f"case {i}: not a JSON object"]
    where = f"case {case['name']!r}" if isinstance(case.get("name"), str) else f"case {i}"
    errors = []
    if set(case) - CASE_KEYS:
        errors.append(f"{where}: unknown keys {sorted(set(case) - CASE_KEYS)}")
    if REQUIRED_CASE_KEYS - set(case):
        errors.append(f"{where}: missing keys {sorted(REQUIRED_CASE_KEYS - set(case))}")
    name = case.get("name")
    if "name" in case and (not isinstance(name, str) or not name.strip()):
        errors.append(f"{where}: the name must be a non-empty string")
    elif isinstance(name, str):
        if name in seen:
            errors.append(f"{where}: a second case of that name")
        seen.add(name)
    if "input" in case and not isinstance(case["input"], dict):
        errors.append(f"{where}: 'input' must be an object")
    if case.get("status", "pass") not in STATUSES:
        errors.append(f"{where}: status {case['status']!r} is not one of {sorted(STATUSES)}")
    if case.get("status") == "known_failure" and not case.get("why"):
        errors.append(f"{where}: a known failure must say why it fails")
    for key in ("why", "style"):
        if key in case and not isinstance(case[key], str):
            errors.append(f"{where}: {key!r} must be a string")
    return errors


def case_files() -> list[Path]:
    """Every case file, in name order."""
    return sorted(CASES_DIR.glob("*.json"))


def read(path: Path) -> dict:
    """One case file, refused with every shape error when it does not follow the shape."""
    data = json.loads(path.read_text(encoding="utf-8"))
    errors = shape_errors(data)
    if errors:
        raise ValueError(f"{path.name} does not follow the case file shape: " + "; ".join(errors))
    return data


def load(check: str) -> list[tuple[str, dict]]:
    """``(id, case)`` for every case of every file run by ``check``; the id is ``<file stem>: <name>``."""
    if check not in CHECKS:
        raise KeyError(f"unknown check {check!r}")
    out = []
    for path in case_files():
        data = read(path)
        if data["check"] == check:
            out += [(f"{path.stem}: {case['name']}", case) for case in data["cases"]]
    if not out:
        raise LookupError(f"no case file names the check {check!r}")
    return out


def cases(check: str) -> list:
    """The cases of ``check`` as ``pytest.param`` s (one argument: the case), known failures as strict xfails.

    A known failure must fail by an assertion: any other exception is an error, not the expected failure.
    """
    params = []
    for case_id, case in load(check):
        marks = ()
        if case.get("status") == "known_failure":
            marks = pytest.mark.xfail(strict=True, raises=AssertionError, reason=case["why"])
        params.append(pytest.param(case, id=case_id, marks=marks))
    return params
