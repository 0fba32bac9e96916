"""Tests of pipeline.speech: lexicon loaders and the reported-speech detector."""

from __future__ import annotations

import doctest

import pipeline.speech as speech


def test_doctests():
    result = doctest.testmod(speech)
    assert result.attempted > 0
    assert result.failed == 0


def test_speech_verbs_are_lemmas():
    verbs = speech.speech_verbs()
    assert len(verbs) > 40
    assert all(v == v.lower() and " " not in v for v in verbs)
    assert {"say", "tell", "add", "note", "stress", "explain", "warn", "claim", "announce",
            "insist", "complain", "believe"} <= verbs


def test_cue_phrases_longest_first():
    phrases = speech.cue_phrases()
    assert all(" " in p and p == p.lower() for p in phrases)
    lengths = [len(p) for p in phrases]
    assert lengths == sorted(lengths, reverse=True)
    assert len(set(phrases)) == len(phrases)
    assert {"according to", "called on", "warned of", "pointed to", "in her view"} <= set(phrases)
