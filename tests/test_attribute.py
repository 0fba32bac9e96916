"""Tests of pipeline.stages.attribute and its libraries in pipeline.speakers (mentions, names in mentions,
the cast, referents, the passes, role choice): mention rules, the stage, and the labelled quote cases
(check "quotes")."""

from __future__ import annotations

import datetime as dt
import doctest

import pandas as pd

from schemas.kinds import kind_names
import pytest
from hypothesis import given, settings as hsettings, strategies as st

import pipeline.stages.attribute as attribute
from pipeline.speakers import (cast, date_pass, mention_names, mention_pass, mentions, quote_row, referents, role_choice,
                               speaker_pass, words)
from pipeline.config import Settings
from pipeline.stages.segment import quote_spans

from casefiles import cases
from quote_cases import overlaps, run_case


ATTRIBUTION_MODULES = (attribute, cast, date_pass, mention_names, mention_pass, mentions, quote_row, referents, role_choice,
                       speaker_pass, words)


def test_doctests():
    results = [doctest.testmod(module) for module in ATTRIBUTION_MODULES]
    assert sum(r.attempted for r in results) > 10
    assert sum(r.failed for r in results) == 0


@pytest.mark.parametrize("mention, kind", [
    ("she", "pronoun"),
    ("the analyst", "description"),
    ("the Ukrainian president", "description"),
    ("Deputy Mayor Jana Novak", "name"),
    ("the State Department", "organization"),
    (None, "none"),
])
def test_mention_kind(mention, kind):
    assert mentions.mention_kind(mention) == kind


@pytest.mark.parametrize("phrase, name", [
    ("Chief Executive of the Harbour Group Lena Brandt", "Lena Brandt"),
    ("Mr Osei", "Osei"),
    ("the Kenyan president", None),
    ("Director General of the Water Agency", None),
])
def test_trailing_name(phrase, name):
    assert mention_names.trailing_name(phrase) == name


def _run(text: str, published: str | None = "2024-02-15") -> pd.DataFrame:
    articles = pd.DataFrame([{"article_id": "a", "text": text,
                              "published": dt.date.fromisoformat(published) if published else None}])
    return attribute.attributed_quotes(quote_spans(articles, Settings()), articles, Settings())


def test_output_columns_and_types():
    df = _run("“We will rebuild,” said Mayor Tomas Berg.")
    for col in ("mention", "speaker_name", "speaker_type", "cue", "role", "quote_date", "date_basis", "confidence"):
        assert col in df.columns
    row = df.iloc[0]
    assert row["speaker_name"] == "Tomas Berg" and row["speaker_type"] == "person"
    assert row["role"] == "Mayor"
    assert row["quote_date"] == dt.date(2024, 2, 15) and row["date_basis"] == "publication"
    assert 0.0 <= row["confidence"] <= 1.0


def test_pronoun_follows_gender_over_a_nearer_man():
    text = ("Economist Laura Stein met the finance minister, Peter Grove, on Tuesday. She said last month "
            "that rates would stay high.\n\n“Inflation is not beaten yet,” she said.")
    df = _run(text)
    direct = df[df["kind"] == "direct"].iloc[0]
    assert direct["speaker_name"] == "Laura Stein"


def test_unattributed_quote_has_no_speaker_and_low_confidence():
    df = _run("The market opened late.\n\n“Nobody knows what happens next.”")
    row = df.iloc[0]
    assert row["speaker_name"] is None
    assert row["confidence"] <= 0.2


def test_running_quote_continues_last_speaker():
    text = "“The plan is ready,” said Colonel Amir Haddad.\n\n“The troops will move at dawn.”"
    df = _run(text)
    assert list(df["speaker_name"]) == ["Amir Haddad", "Amir Haddad"]
    assert df.iloc[1]["confidence"] < df.iloc[0]["confidence"]


def test_no_publication_date_gives_no_date():
    df = _run("“It is done,” said Nora Quist.", published=None)
    assert df.iloc[0]["quote_date"] is None and df.iloc[0]["date_basis"] is None


def test_empty_spans():
    articles = pd.DataFrame([{"article_id": "a", "text": "Nothing here.", "published": None}])
    spans = quote_spans(articles, Settings())
    out = attribute.attributed_quotes(spans, articles, Settings())
    assert out.empty and "speaker_name" in out.columns


# -- labelled cases (check "quotes": tests/cases/quotes_*.json, attribution_*.json) ----------------
@pytest.mark.parametrize("case", cases("quotes"))
def test_quote_case(case):
    """Every expected quote is found (a record of its kind overlapping it by half), with its speaker, and its
    cue, role and statement date when given; no record overlaps a stretch of ``not_quotes``."""
    text, df = run_case(case["input"])
    rows = df.to_dict("records")
    for exp in case["expect"]["quotes"]:
        i = text.index(exp["quote"])
        gold = (i, i + len(exp["quote"]))
        match = [r for r in rows if overlaps(gold, (int(r["start"]), int(r["end"]))) and r["kind"] == exp["kind"]]
        assert match, f"missing {exp['kind']} {exp['quote']!r}: found {[(text[int(r['start']):int(r['end'])], r['kind']) for r in rows]}"
        r = match[0]
        assert r["speaker_name"] == exp["speaker"]
        if "cue" in exp:
            assert (r["cue"] or "").lower() == exp["cue"].lower()
        if "role" in exp:
            assert r["role"] == exp["role"]
        if "date" in exp:
            assert r["quote_date"] == dt.date.fromisoformat(exp["date"])
    for neg in case["expect"].get("not_quotes", []):
        i = text.index(neg)
        assert not any(overlaps((i, i + len(neg)), (int(r["start"]), int(r["end"]))) for r in rows), f"{neg!r} taken as a quote"


def test_statement_date_carries_over_until_a_new_speech_act():
    # (a lede of its own first: a lede dating the minister's speech would date all her words)
    text = ("Fire crews across the region are preparing for what officials describe as the most dangerous "
            "season in a decade, with dry grass and strong winds forecast for weeks.\n\n"
            "Speaking in the port city on Thursday, Minister Lena Ortiz said fuel loads were high.\n\n"
            "“We have never seen this much dry grass,” she said. “It worries me.”\n\n"
            "She urged residents to act now. “Clean your gutters,” she said.")
    df = _run(text, published="2025-11-14")  # a Friday
    direct = df[df["kind"] == "direct"].sort_values("start")
    assert list(direct["quote_date"]) == [dt.date(2025, 11, 13), dt.date(2025, 11, 13), dt.date(2025, 11, 14)]
    assert list(direct["date_basis"]) == ["stated", "stated", "publication"]


def test_indefinite_description_is_anonymous_but_keeps_its_role():
    df = _run("A senior police officer said that the roads would stay closed until Friday.")
    row = df.iloc[0]
    assert row["speaker_name"] is None
    assert row["role"] == "senior police officer"


_pieces = st.sampled_from(["He said", " that ", "“", "”", '"', "'", "‘", "’", "«", "»", " – ", "\n\n", "\n– ",
                           "Ana Ruiz", " the minister ", ", ", ". ", "on Monday", "according to her", "Q: – ",
                           "Yes", " no ", "it's", "x"])


@given(st.lists(_pieces, max_size=40).map("".join))
@hsettings(max_examples=40, deadline=None)
def test_stages_never_fail_and_spans_stay_in_bounds(text):
    df = _run(text)
    for r in df.to_dict("records"):
        assert 0 <= r["start"] < r["end"] <= len(text)
        assert r["kind"] in kind_names()
        assert r["speaker_type"] in ("person", "organization", None)
        assert 0.0 <= r["confidence"] <= 1.0


@pytest.mark.parametrize("phrase, name", [
    ("Commuter Jane Doe", "Jane Doe"),
    ("Auntie Mary Roe", "Mary Roe"),
    ("Striker Ken Loe", "Ken Loe"),
    ("Opposition councillor Dr Ann Poe", "Ann Poe"),
    ("Seán Ó Maoláin", "Seán Ó Maoláin"),
    ("Ó Maoláin", "Ó Maoláin"),
    ("Ruud van der Berg", "Ruud van der Berg"),
    ("Ahmed al-Sabah", "Ahmed al-Sabah"),
    ("Bill Hoe", "Bill Hoe"),
    ("Association (NUTA)", None),
])
def test_trailing_name_boundaries(phrase, name):
    assert mention_names.trailing_name(phrase) == name


def test_particles_share_the_surname_key():
    from pipeline.speakers import names
    assert names.surname("Seán Ó Maoláin") == "o maolain"
    assert names.surname_key("Ó Maoláin") == names.surname_key("Seán Ó Maoláin")


# -- statement dates carried between statements -----------------------------------------------------

def _dates_of(df: pd.DataFrame) -> list[tuple]:
    df = df.sort_values("start")
    return [(q, b, s) for q, b, s in zip(df["quote_date"], df["date_basis"], df["stated_day"])]


def test_quote_takes_date_of_same_speakers_next_dated_quote_in_paragraph():
    text = ("Council leader Priya Nandakumar said that the budget gap had doubled. “We cannot fill it with "
            "reserves again,” she told councillors on Tuesday.")
    rows = _dates_of(_run(text, "2024-02-15"))
    assert len(rows) == 2
    assert rows[0][:2] == (dt.date(2024, 2, 13), "stated")
    assert rows[1][:2] == (dt.date(2024, 2, 13), "stated")


def test_next_quote_of_another_speaker_does_not_date_the_quote():
    text = ("Council leader Priya Nandakumar said that the budget gap had doubled. “It has not,” "
            "opposition member Colm Brady told councillors on Tuesday.")
    rows = _dates_of(_run(text, "2024-02-15"))
    assert rows[0][:2] == (dt.date(2024, 2, 15), "publication")
    assert rows[1][:2] == (dt.date(2024, 2, 13), "stated")


def test_at_the_same_time_takes_the_date_of_the_statement_before():
    text = ("Trade minister Lars Holm said on March 3 that tariffs would stay. “Nothing has changed,” he added.\n"
            "At the same time, Holm said that talks with “all partners” would go on.")
    df = _run(text, "2024-03-10").sort_values("start")
    assert set(df["quote_date"]) == {dt.date(2024, 3, 3)}
    assert set(df["date_basis"]) == {"stated"}


def test_same_time_phrase_after_an_undated_statement_keeps_publication_date():
    text = ("Trade minister Lars Holm said that tariffs would stay.\n\n"
            "At the same time, union leader Mira Dahl said that “all partners” were angry.")
    df = _run(text, "2024-03-10")
    assert set(df["quote_date"]) == {dt.date(2024, 3, 10)}
    assert set(df["date_basis"]) == {"publication"}


def test_undated_article_keeps_stated_day_without_year():
    text = "“We expect answers,” Senator Ruth Alvarez said on January 9. “Soon,” she added."
    df = _run(text, None).sort_values("start")
    assert df["quote_date"].isna().all()
    assert df["stated_day"].tolist() == ["--01-09", "--01-09"]
    assert set(df["date_basis"]) == {"stated"}


def test_dated_article_has_no_stated_day():
    df = _run("“We expect answers,” Senator Ruth Alvarez said on January 9.", "2024-01-12")
    assert df["stated_day"].isna().all()
    assert df["quote_date"].tolist() == [dt.date(2024, 1, 9)]


# -- the passes over typed rows ----------------------------------------------------------------------

def test_passes_record_their_evidence_on_typed_rows():
    from pipeline.speakers.date_pass import date_quotes
    from pipeline.speakers.mention_pass import read_mentions
    from pipeline.speakers.quote_row import QuoteRow
    from pipeline.speakers.role_choice import choose_roles, collect_roles
    from pipeline.speakers.speaker_pass import resolve_speakers

    text = "“We will rebuild,” said Mayor Tomas Berg on Monday.\n\n“It will take years,” he said."
    published = dt.date(2024, 2, 15)  # a Thursday
    articles = pd.DataFrame([{"article_id": "a", "text": text, "published": published}])
    records = quote_spans(articles, Settings()).sort_values("start").to_dict("records")
    rows = [QuoteRow.from_record(rec) for rec in records]
    found = read_mentions(text, rows)
    assert [r.mention_kind for r in rows] == ["name", "pronoun"]
    collect_roles(found, rows)
    resolve_speakers(found, rows)
    assert rows[0].speaker.name == "Tomas Berg" and rows[1].speaker is rows[0].speaker
    assert [r.speaker_rule for r in rows] == ["name", "pronoun"]
    date_quotes(text, published, rows)
    assert rows[0].quote_date == dt.date(2024, 2, 12) and rows[0].date_basis == "stated"
    choose_roles(rows)
    assert [r.role for r in rows] == ["Mayor", "Mayor"]
    assert rows[1].output()["speaker_name"] == "Tomas Berg"
