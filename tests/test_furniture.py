"""Site furniture detection: labelled pages (tests/cases/normalize_furniture.json, check "furniture") and the
removal changes."""

import pytest
from hypothesis import given, settings, strategies as st

from pipeline.text.fixes import apply_changes
from pipeline.text.furniture import furniture, furniture_lines
from pipeline.text.lines import line_rule, patterns

from casefiles import cases, load


@pytest.mark.parametrize("case", cases("furniture"))
def test_furniture_case(case):
    """Exactly the expected lines are found as furniture and are gone from the cleaned page; kept lines stay."""
    text, expect = case["input"]["text"], case["expect"]
    found = {line for _, _, line, _ in furniture_lines(text)}
    assert found == set(expect["furniture"])
    cleaned = apply_changes(text, furniture(text))
    clean_lines = {line.strip() for line in cleaned.splitlines()}
    for line in expect["furniture"]:
        assert line not in clean_lines
    for line in expect["kept"]:
        assert line in clean_lines


def test_cases_include_pages_that_must_not_change():
    assert any(not case["expect"]["furniture"] for _, case in load("furniture"))


def test_every_pattern_compiles_and_has_a_unique_name():
    names = [name for name, _, _ in patterns()]
    assert len(names) == len(set(names)) and len(names) >= 10
    assert {scope for _, _, scope in patterns()} == {"", "@edge", "@tail"}


@pytest.mark.parametrize("line", ["METRO", "• Thank you!", "12345"])
def test_scoped_patterns_do_not_apply_inside_the_body(line):
    assert line_rule(line, "tail") is not None
    assert line_rule(line, "body") is None


@pytest.mark.parametrize("line, rule", [
    ("0 0", "share_counter"),
    ("12 3 45", "share_counter"),
    ("Leave a Reply", "comment_section"),
    ("3 Comments", "comment_section"),
    ("Views: 4970", "views"),
    ("Tags: economy, trade", "tags"),
    ("© 2024 Example Media", "copyright"),
    ("Photo: Example Agency", "photo_caption"),
    ("Advertisement", "advertisement"),
    ("Read more: Why prices rise", "related_lists"),
    ("Home / Economy", "breadcrumb"),
    ("3 min read", "read_time"),
    ("(Reporting by Ann Lee; Editing by Tom Hill)", "wire_credit"),
    ("Staff Reporter", "staff_label"),
    ("Follow us on Telegram", "subscribe"),
])
def test_line_rules(line, rule):
    assert line_rule(line) == rule


@pytest.mark.parametrize("line", [
    "The minister said 40 people were hurt.",
    "He declined to comment.",
    "Copyright law was discussed in parliament.",
    "Related to this, the court ruled on Monday.",
    "Join us in condemning the attack, she said.",
    "Photography is his passion.",
    "“SP”: – Is it possible?",
    "– Definitely strengthened.",
    "More on that later.",
    "The company said in its newsletter that prices would rise.",
    "About 300 people attended the rally on Sunday, police said.",
])
def test_article_lines_are_not_furniture(line):
    assert line_rule(line, "body") is None


LINES = st.lists(st.sampled_from(["0 0", "Leave a Reply", "", "Body text of the story.", "Tokayev",
                                  "A headline here", "Views: 12", "word " * 25, "• Thank you!"]), max_size=12)


@given(LINES)
@settings(max_examples=200, deadline=None)
def test_removal_deletes_whole_lines_only(lines):
    """After removal every remaining line is one of the page's lines, in the same order, and
    no furniture line is left."""
    text = "\n".join(lines)
    changes = furniture(text)
    cleaned = apply_changes(text, changes)
    found = [(s, e) for s, e, _, _ in furniture_lines(text)]
    kept = [text[a:b] for a, b in _complement(found, text)]
    assert [l for l in cleaned.split("\n") if l.strip()] == [l for l in kept if l.strip()]
    for start, end, after in changes:
        assert after == ""


def _complement(spans, text):
    """The line spans of ``text`` not in ``spans``."""
    pos, out = 0, []
    taken = set(spans)
    for line in text.split("\n"):
        span = (pos, pos + len(line))
        if span not in taken:
            out.append(span)
        pos += len(line) + 1
    return out
