"""Tests of pipeline.nlp: the fast attribute-ruler matcher gives exactly the stock annotations."""

from __future__ import annotations

import pytest
import spacy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline import nlp as nlp_mod
from pipeline.config import Settings

MODEL = Settings().spacy_model

#: news-style sentences with invented names, and the exceptions the English ruler handles
#: (contractions, 'there is', auxiliaries as main verbs, 'but' as an adverb, odd spacing)
SENTENCES = [
    "Councillor Mara Velt said the bypass would open in March, but residents were not convinced.",
    "“We ain't gonna stop now,” said Tom Breck, 54, a bus driver from the estate.",
    "There were 40 people at the meeting, and there is more to come, the mayor's office said.",
    "Let's be clear: I did it and you have it, the minister told reporters on Tuesday.",
    "She has had enough, he does what he did, and it's what they've got to do, gotta say.",
    "He said it was  \n  a  disgrace.\n\nShe disagreed.",
    "But it is all but over, a spokesperson for Kelland Water said.",
    "“I don't know,” Ms Adeyemi said. “It'd be wrong to guess what 'd happen.”",
    "",
    "   ",
]


@pytest.fixture(scope="module")
def pipelines():
    stock = spacy.load(MODEL, disable=["ner"])
    fast = spacy.load(MODEL, disable=["ner"])
    assert nlp_mod.install_fast_rules(fast)
    assert nlp_mod.install_lemma_memo(fast)
    return stock, fast


def _annotations(doc) -> list[tuple]:
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i) for t in doc]


def test_load_installs_fast_rules_and_keeps_stock_on_request():
    fast = nlp_mod.load(MODEL, ("ner",))
    assert isinstance(fast.get_pipe("attribute_ruler").match, nlp_mod.FastRuleMatch)
    stock = nlp_mod.load(MODEL, ("ner",), fast_rules=False)
    assert stock is not fast
    assert not isinstance(stock.get_pipe("attribute_ruler").match, nlp_mod.FastRuleMatch)
    assert isinstance(fast.get_pipe("lemmatizer"), nlp_mod._MemoLemmatizer)
    assert not isinstance(stock.get_pipe("lemmatizer"), nlp_mod._MemoLemmatizer)


def test_same_annotations_as_stock_matcher(pipelines):
    stock, fast = pipelines
    for text, a, b in zip(SENTENCES, stock.pipe(SENTENCES), fast.pipe(SENTENCES)):
        assert _annotations(a) == _annotations(b), text


def test_same_matches_as_stock_matcher(pipelines):
    stock, fast = pipelines
    ruler_stock = stock.get_pipe("attribute_ruler")
    ruler_fast = fast.get_pipe("attribute_ruler")
    n_matches = 0
    # match on docs that have the tagger and parser output but not yet the ruler's
    without = stock.select_pipes(disable=["attribute_ruler", "lemmatizer"])
    try:
        docs = list(stock.pipe(SENTENCES))
    finally:
        without.restore()
    for doc in docs:
        expected = ruler_stock.match(doc)
        assert ruler_fast.match(doc) == sorted(set(expected))
        n_matches += len(expected)
    assert n_matches > 50
    # a two-token rule ('gon' 'na', 'let' "'s") is among them
    assert any(e - s == 2 for doc in docs for _n, _m, s, e in ruler_stock.match(doc))


_WORDS = ["the", "There", "is", "are", "was", "ai", "n't", "gon", "na", "let", "'s", "I", "you", "it",
          "did", "do", "have", "had", "but", "But", "that", "which", "said", "told", "council", "Okoro",
          "Mr", ",", ".", "“", "”", "'d", "to", "be", "\n", "  ", "will", "not", "she", "they", "got", "ta"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=25))
def test_property_random_word_runs(pipelines, words):
    stock, fast = pipelines
    text = " ".join(words)
    assert _annotations(stock(text)) == _annotations(fast(text))


def test_unsupported_rule_keeps_stock_matcher():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "very", "OP": "+"}, {"LOWER": "good"}]], {"LEMMA": "good"})
    assert not nlp_mod.install_fast_rules(nlp)
    with pytest.raises(ValueError):
        nlp_mod.FastRuleMatch(ruler)
    assert not isinstance(ruler.match, nlp_mod.FastRuleMatch)


def test_rules_of_a_blank_pipeline_match_like_the_matcher():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": {"IN": ["colour", "color"]}}]], {"NORM": "color"})
    ruler.add([[{"LOWER": {"REGEX": "^re"}}, {"IS_SPACE": False}]], {"LEMMA": "again"}, index=-1)
    ruler.add([[{"LOWER": {"NOT_IN": ["the", "a"]}, "IS_SPACE": False}]], {"LEMMA": "x"})
    doc = nlp.make_doc("The colour returned to the  redone wall")
    fast = nlp_mod.FastRuleMatch(ruler)
    assert fast(doc) == sorted(set(ruler.match(doc)))
    assert fast(nlp.make_doc("")) == []


def test_lemma_memo_gives_the_stock_lemmas_twice(pipelines):
    stock, fast = pipelines
    text = "The councillors said the ferries were late, and the ferry was later than they had said."
    expected = [t.lemma_ for t in stock(text)]
    assert [t.lemma_ for t in fast(text)] == expected  # first time: computed
    assert [t.lemma_ for t in fast(text)] == expected  # second time: remembered
    assert "ferry" in expected and "councillor" in expected and "say" in expected


def test_lemma_memo_keeps_ruler_lemmas_and_leaves_lookup_lemmatizers_alone(pipelines):
    _stock, fast = pipelines
    assert [t.lemma_ for t in fast("We're gonna win")][2:4] == ["go", "to"]  # set by the ruler
    assert nlp_mod.install_lemma_memo(fast)  # installing twice is harmless
    blank = spacy.blank("en")
    assert not nlp_mod.install_lemma_memo(blank)
    blank.add_pipe("lemmatizer", config={"mode": "lookup"})
    assert not nlp_mod.install_lemma_memo(blank)
