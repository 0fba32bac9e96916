"""Tests of pipeline.quotes.speech and the modules of its rules (cues, doc_spans, subjects, clauses,
constructions, fragments): lexicon loaders, small rules, and the reported-speech and cue detectors
(labelled case files in tests/cases/speech_*.json, checks "reported_speech" and "speech_cues"; property
tests on generated sentences)."""

from __future__ import annotations

import doctest
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import pipeline.quotes.speech as speech
from pipeline.quotes import clauses, constructions, cues, doc_spans, fragments, subjects
from pipeline import nlp as nlp_mod
from pipeline.config import Settings

from casefiles import NO_QUOTE, cases, load


@pytest.fixture(scope="module")
def nlp():
    return nlp_mod.load(Settings().spacy_model)


# ------------------------------------------------------------------------------------- lexicons


def test_doctests():
    for module in (speech, cues, doc_spans, subjects, clauses, constructions, fragments):
        result = doctest.testmod(module)
        assert result.attempted > 0, module.__name__
        assert result.failed == 0, module.__name__


def test_speech_verbs_are_lemmas():
    verbs = cues.speech_verbs()
    assert len(verbs) > 40
    assert all(v == v.lower() and " " not in v and "|" not in v for v in verbs)
    assert {"say", "tell", "add", "note", "stress", "explain", "warn", "claim", "announce",
            "insist", "complain", "believe"} <= verbs
    assert not {"see", "know", "want", "call"} & verbs


def test_object_speech_verbs_are_speech_verbs():
    assert cues.object_speech_verbs() <= cues.speech_verbs()
    assert "stress" in cues.object_speech_verbs() and "say" not in cues.object_speech_verbs()


def test_cue_phrases_longest_first():
    phrases = cues.cue_phrases()
    assert all(" " in p and p == p.lower() for p in phrases)
    lengths = [len(p) for p in phrases]
    assert lengths == sorted(lengths, reverse=True)
    assert len(set(phrases)) == len(phrases)
    assert {"according to", "called on", "warned of", "pointed to", "in her view"} <= set(phrases)


def test_cue_phrase_roles_are_known():
    roles = cues.cue_phrase_roles()
    assert set(roles.values()) <= set(cues.PHRASE_ROLES)
    assert roles["in their opinion"] == "possessive"
    assert roles["called on"] == "object"


def test_verb_forms():
    assert "call" in cues.phrase_verb_lemmas("called")
    assert "take" in cues.phrase_verb_lemmas("took")
    assert cues.phrase_verb_lemmas("according") == frozenset({"according"})


def test_speaker_nouns_include_titles_and_bodies():
    nouns = cues.speaker_nouns()
    assert {"minister", "ministry", "spokesman"} <= nouns
    assert "data" not in nouns and "evidence" not in nouns


# ------------------------------------------------------------------------------------ small rules


def test_trim_keeps_inner_punctuation():
    text = '  "the plan", he said, failed.  '
    start, end = doc_spans.trim(text, 0, len(text))
    assert text[start:end] == '"the plan", he said, failed'


@given(st.text(alphabet=' ,.;:–-"abc', max_size=30), st.integers(0, 30), st.integers(0, 30))
def test_trim_only_shrinks(text, a, b):
    a, b = min(a, b, len(text)), min(max(a, b), len(text))
    start, end = doc_spans.trim(text, a, b)
    assert a <= start <= end <= b
    inner = text[start:end]
    assert inner == "" or (not inner[0].isspace() and inner[-1] not in ". ,;:")
    assert doc_spans.trim(text, start, end) == (start, end)  # idempotent


def test_in_quotation_on_marks_and_gaps():
    text = 'He said: "We won." The coach said the team "played well" today.'
    won = text.index("We won")
    assert fragments.in_quotation(text, won, won + 7, 3, 7)  # a mark between cue and content
    played = text.index("the team")
    cue = text.index("said the team")
    assert not fragments.in_quotation(text, played, text.index(" today") + 6, cue, cue + 4)


def test_noun_phrase_keeps_titles_and_cuts_relative_clause(nlp):
    doc = nlp("Russian President Vladimir Putin, who spoke by video link, said the talks failed.")
    subj = next(t for t in doc if t.dep_ == "nsubj" and t.head.lower_ == "said")
    start, end = subjects.noun_phrase(subj)
    assert doc[start:end].text == "Russian President Vladimir Putin"


def test_looks_like_agent(nlp):
    doc = nlp("The spokesman and the ministry praised the data and the evidence.")
    by_text = {t.text: t for t in doc}
    assert subjects.looks_like_agent(by_text["spokesman"])
    assert subjects.looks_like_agent(by_text["ministry"])
    assert not subjects.looks_like_agent(by_text["data"])
    assert not subjects.looks_like_agent(by_text["evidence"])


# ----------------------------------------------------------------------------------- case files


def _reports(nlp, text):
    doc = nlp(text)
    return sorted((doc.text[r.content_start:r.content_end], r.cue, r.speaker_text, r.kind)
                  for r in speech.reported_speech(doc, fragments=True))


@pytest.mark.parametrize("case", cases("reported_speech"))
def test_reported_speech_case(nlp, case):
    """Exactly the expected reports are found (\"no quote\": none), kind indirect unless the case says partial."""
    expect = [] if case["expect"] == NO_QUOTE else case["expect"]
    expected = sorted((e["content"], e["cue"], e["speaker"], e.get("kind", "indirect")) for e in expect)
    assert _reports(nlp, case["input"]["text"]) == expected, case.get("why")


@pytest.mark.parametrize("case", cases("speech_cues"))
def test_speech_cue_case(nlp, case):
    """Every expected (cue, speaker) is among the cues found next to direct quotes."""
    doc = nlp(case["input"]["text"])
    found = [(c.cue, c.speaker_text) for c in constructions.speech_cues(doc)]
    for e in case["expect"]:
        assert (e["cue"], e["speaker"]) in found


def test_cue_offsets_point_at_their_text(nlp):
    doc = nlp('"It was a mistake," the former minister told the BBC on Monday.')
    cues = constructions.speech_cues(doc)
    assert cues
    for c in cues:
        assert doc.text[c.cue_start:c.cue_end] == c.cue
        assert doc.text[c.speaker_start:c.speaker_end] == c.speaker_text
        assert c.speaker_start < c.cue_start and not c.inverted
        assert doc[c.head].idx == c.cue_start


def test_span_input_gives_doc_offsets(nlp):
    text = "The weather was mild. The minister said that the budget would be cut by ten percent."
    doc = nlp(text)
    second = list(doc.sents)[1]
    reports = speech.reported_speech(second)
    assert len(reports) == 1
    r = reports[0]
    assert text[r.content_start:r.content_end] == "the budget would be cut by ten percent"
    assert speech.reported_speech(list(doc.sents)[0]) == []


def test_content_stays_on_the_cue_line(nlp):
    text = "Background of the story\nThe mayor said that the bridge would reopen in June."
    doc = nlp(text)
    for r in speech.reported_speech(doc):
        assert "\n" not in text[r.content_start:r.content_end]
    assert [text[r.content_start:r.content_end] for r in speech.reported_speech(doc)] == [
        "the bridge would reopen in June"]


# ------------------------------------------------------------------------------ property tests

SPEAKERS = ["The minister", "Prime Minister Anna Kowalska", "A spokesman for the agency", "She",
            "The central bank", "Senator John Reed", "The head of the regional administration"]
VERBS = ["said", "noted", "stressed", "explained", "warned", "announced", "added", "claimed"]
SUBJECTS = ["the economy", "the new law", "the army", "the price of bread", "the main road", "the border crossing",
            "the company"]
PREDICATES = ["would grow next year", "had been approved by parliament", "will remain closed until May",
              "was going to rise sharply", "had failed to reach an agreement", "is under control"]
#: generated sentences the detector gets wrong today: kept as known-failure cases of the check, so that a
#: fix is noticed there, and left out of the property test
KNOWN_FAILURES = {case["input"]["text"] for _, case in load("reported_speech") if case.get("status") == "known_failure"}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(SPEAKERS), st.sampled_from(VERBS), st.booleans(), st.sampled_from(SUBJECTS),
       st.sampled_from(PREDICATES), st.sampled_from(["front", "back"]))
def test_generated_reports_are_found(nlp, speaker, verb, that, subject, predicate, order):
    clause = f"{subject} {predicate}"
    if order == "front":
        text = f"{speaker} {verb} {'that ' if that else ''}{clause}."
    else:
        text = f"{clause[0].upper()}{clause[1:]}, {speaker[0].lower() if speaker.startswith('The') else speaker[0]}{speaker[1:]} {verb}."
        clause = f"{clause[0].upper()}{clause[1:]}"
    assume(text not in KNOWN_FAILURES)
    doc = nlp(text)
    reports = speech.reported_speech(doc)
    assert [text[r.content_start:r.content_end] for r in reports] == [clause]
    assert reports[0].cue == verb
    assert reports[0].speaker_text.lower() == speaker.lower()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(SPEAKERS + VERBS + SUBJECTS + PREDICATES + [
    ",", ".", "that", "according to", '"', "\n", "–", "and", "?", "in his opinion", "warned of"]),
    min_size=1, max_size=25))
def test_records_are_well_formed_on_any_word_salad(nlp, words):
    text = " ".join(words)
    doc = nlp(text)
    reports = speech.reported_speech(doc)
    assert reports == speech.reported_speech(doc)  # deterministic
    for r in reports:
        assert 0 <= r.content_start < r.content_end <= len(text)
        assert text[r.cue_start:r.cue_end] == r.cue
        assert r.kind == "indirect" and 0 < r.confidence <= 1
        content = text[r.content_start:r.content_end]
        assert "\n" not in content
        assert content == content.strip() and not content.endswith(".")
        assert not (r.content_start < r.cue_end and r.cue_start < r.content_end)  # cue outside content
        assert not doc_spans.is_quote_mark(content[0]) and not doc_spans.is_quote_mark(content[-1])
    for c in constructions.speech_cues(doc):
        assert text[c.cue_start:c.cue_end] == c.cue
        if c.speaker_text is not None:
            assert text[c.speaker_start:c.speaker_end] == c.speaker_text


# ------------------------------------------------------------------------- measured on the seeds

ROOT = Path(__file__).parent.parent
#: floors for the detector alone on the seed articles (parsed line by line, boilerplate lines left
#: out). Measured 60/62 found with 0 spurious; the two misses are a report inside a direct quote
#: and a noun-complement report ("the words of X that ...").
SEED_RECALL_FLOOR = 0.93
SEED_SPURIOUS_CEILING = 1


def _overlap_match(a: tuple[int, int], b: tuple[int, int]) -> bool:
    ov = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    return ov >= (a[1] - a[0]) / 2 and ov >= (b[1] - b[0]) / 2


def test_seed_indirect_recall_and_spurious(nlp):
    import re

    gold = [json.loads(line) for line in (ROOT / "data/gold/quotes.jsonl").read_text().splitlines() if line]
    articles = {a["doc_id"]: a for a in map(json.loads, (ROOT / "data/gold/articles.jsonl").read_text().splitlines())}
    found = wanted = spurious = 0
    for path in sorted((ROOT / "data/raw").glob("*.txt")):
        raw = path.read_text(encoding="utf-8")
        boiler = {b.strip() for b in articles[path.stem].get("boilerplate") or []}
        lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", raw)
                 if m.group().strip() and m.group().strip() not in boiler]
        system = []
        for (start, end), doc in zip(lines, nlp.pipe([raw[a:b] for a, b in lines])):
            system += [(start + r.content_start, start + r.content_end) for r in speech.reported_speech(doc)]
        spans = []
        for g in gold:
            if g["doc_id"] == path.stem:
                s = raw.find(g["quote"])
                spans.append(((s, s + len(g["quote"])), g))
        used = set()
        for span, g in spans:
            if g["kind"] != "indirect" or g["optional"]:
                continue
            wanted += 1
            hit = next((k for k, sys in enumerate(system) if k not in used and _overlap_match(sys, span)), None)
            if hit is not None:
                found += 1
                used.add(hit)
        for k, sys in enumerate(system):
            if k in used:
                continue
            other = [g for span, g in spans if _overlap_match(sys, span)]
            if not other or not other[0]["optional"]:
                spurious += 1
    assert wanted == 62
    assert found / wanted >= SEED_RECALL_FLOOR
    assert spurious <= SEED_SPURIOUS_CEILING


# ------------------------------------------------------- quoted fragments inside reported speech


@pytest.mark.parametrize("line, expected", [
    ("Union warns of pay freeze at steel plant", True),
    ("Workers fear hundreds of posts will go as owners consider selling the site", True),
    ("Minister says cuts 'will hurt' families", True),
    ("The union warned of pay freeze at the plant.", False),
    ('"We will not back down," the union said.', False),
    ("The minister said the talks had failed, adding that a new round would start soon and that "
     "both sides had agreed to a ceasefire for the duration of the talks in the capital next week", False),
])
def test_heading_line(line, expected):
    assert fragments.heading_line(line) is expected


@given(st.text(alphabet='ab ."“”\'‘’', max_size=40))
def test_quoted_stretches_are_inside_and_trimmed(text):
    spans = fragments.quoted_stretches(text, 0, len(text))
    for (s, e), nxt in zip(spans, spans[1:] + [None]):
        assert 0 < s < e <= len(text)
        assert not text[s].isspace() and not text[e - 1].isspace()
        assert doc_spans.is_quote_mark(text[s - 1]) or text[s - 1] in "'‘" or text[s - 1].isspace()
        if nxt is not None:
            assert e <= nxt[0]


@pytest.mark.parametrize("text, expected", [
    # fragments that are a small part of the content stay inside one indirect quote (gold guidelines)
    ('He said the plan was "dead in the water" and that talks would go on.', []),
    ('The firm said it had "found savings" worth $4 million.', []),
    ('She said the region needed a "security belt" around its border.', []),
    ('The analyst said the deal had "angered" its neighbours.', []),
    ("The judge said the company had 'ignored warnings' for years.", []),
    # fragments that make up most of it are partial quotes of their own
    ('He said the plan was "dead in the water and everybody in this building knows it" now.',
     ["dead in the water and everybody in this building knows it"]),
    ("The judge said the company had 'ignored every warning that anyone ever gave it' for years.",
     ["ignored every warning that anyone ever gave it"]),
    ('The firm said it had "found savings worth far more than anyone had expected".',
     ["found savings worth far more than anyone had expected"]),
])
def test_split_quoted_content_partials(nlp, text, expected):
    doc = nlp(text)
    verb = next(t for t in doc if t.lower_ == "said")
    start = verb.idx + len(verb) + 1
    partials, parts = fragments.split_quoted_content(doc, start, len(text) - 1, (0, len(text)))
    assert [text[s:e] for s, e in partials] == expected
    if not expected:
        assert parts == [(start, len(text) - 1)]  # a term or a small fragment keeps the content whole
    for s, e in parts:
        assert not any(s < ps and pe < e for ps, pe in partials)  # the fragment's clause left the content


FRAGMENTS = ["a disgrace", "the worst decision in a generation", "deeply worrying", "not good enough",
             "the worst decision this council has made in a generation, and everyone in this chamber knows it",
             "deeply worrying for every family that depends on the service to get to work and school"]
CLAUSES = ["the council would appeal", "talks would resume on Monday", "the plant would stay open"]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(SPEAKERS), st.sampled_from(SUBJECTS), st.sampled_from(FRAGMENTS),
       st.sampled_from(CLAUSES), st.sampled_from(['"{}"', "“{}”", "'{}'"]))
def test_generated_fragment_reports_split(nlp, speaker, subject, fragment, clause, marks):
    """The fragment is either a partial record of its own (when it covers most of its content) or
    lies inside an indirect record, marks and all; the coordinated clause is always reported."""
    text = f"{speaker} said {subject} was {marks.format(fragment)} and that {clause}."
    reports = speech.reported_speech(nlp(text), fragments=True)
    got = {(r.kind, text[r.content_start:r.content_end]) for r in reports}
    assert ("partial", fragment) in got or any(k == "indirect" and fragment in c for k, c in got)
    assert any(k == "indirect" and clause in c for k, c in got)
    assert all(r.speaker_text.lower() == speaker.lower() and r.cue == "said" for r in reports)
