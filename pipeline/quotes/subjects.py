"""Speakers on the parse: the subject that speaks for a speech verb (parsed, inherited from a
coordinated or governing verb, or recovered from garbled word order), the noun phrase that names
it, and whether a speech-verb token reports speech at all.
"""

from __future__ import annotations

from spacy.tokens import Token

from pipeline.quotes.cues import speaker_nouns

__all__ = [
    "looks_like_agent", "noun_phrase", "own_subject", "speaking_subject", "valid_speaker",
    "speaker_span", "as_clause_speaker", "preceding_noun_phrase", "not_a_speech_use", "verb_speaker"
]


#: suffixes of English noun lemmas that name an agent: a person or a body that can speak
#: (minister, senator, analyst, politician, spokesman, president, consultant, secretary, ministry, agency)
_AGENT_SUFFIXES = ("er", "or", "ist", "ian", "man", "woman", "person", "ent", "ant", "ary", "ee",
                   "ry", "cy")

#: suffixes that end agent-looking nouns which name things ("statement", "document")
_THING_SUFFIXES = ("ment",)


def looks_like_agent(token: Token) -> bool:
    """True when a noun phrase head can name a speaker: a person, organization or people, a personal
    pronoun, a proper noun, a noun from ``speaker_nouns()``, or a common noun with an agent suffix
    (``senator``, ``analyst``, ``spokesman``, ``agency``).

    >>> import spacy
    >>> doc = spacy.blank("en")("the minister said the data")
    >>> looks_like_agent(doc[1]), looks_like_agent(doc[4])
    (True, False)
    """
    if token.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
        return True
    if token.pos_ == "PRON" or token.tag_ in ("PRP", "PRP$"):
        return token.lower_ in ("he", "she", "they", "we", "i", "you", "him", "her", "them", "us",
                                "me", "his", "their", "its", "it", "my", "our", "your")
    if token.pos_ == "PROPN":
        return True
    lemma = token.lemma_.lower() or token.lower_
    if lemma in speaker_nouns() or token.lower_ in speaker_nouns():
        return True
    return lemma.endswith(_AGENT_SUFFIXES) and not lemma.endswith(_THING_SUFFIXES)


def noun_phrase(token: Token) -> tuple[int, int]:
    """Token range ``[start, end)`` of the noun phrase headed by ``token``: its subtree with titles and
    appositions, cut before a relative clause, a comma-separated trailing prepositional phrase
    (``X, a lawyer, in a statement``) or a trailing comma/bracket.

    >>> from pipeline.quotes.doc_spans import example_token, parse_example
    >>> doc = parse_example("Finnish President Mikko Laine, who spoke by video link, said the talks failed.")
    >>> start, end = noun_phrase(example_token(doc, "Laine"))
    >>> doc[start:end].text
    'Finnish President Mikko Laine'
    """
    doc = token.doc
    start, end = token.left_edge.i, token.right_edge.i + 1

    def cut_after(head: Token) -> None:
        nonlocal end
        for child in head.rights:
            if child.dep_ in ("relcl", "acl") and child.i > head.i:
                end = min(end, child.left_edge.i)
            if child.dep_ == "prep" and doc[child.i - 1].text == "," and child.i > head.i:
                end = min(end, child.i - 1)  # "X, a lawyer, in a statement": the phrase is the verb's

    cut_after(token)
    for child in token.children:  # an apposition keeps its own titles, not its relative clause
        if child.dep_ == "appos":
            cut_after(child)
    while end > start + 1 and (doc[end - 1].is_punct or doc[end - 1].is_space
                               or doc[end - 1].lower_ in ("who", "which", "that")):
        end -= 1
    while start < token.i and (doc[start].is_punct or doc[start].is_space):
        start += 1
    return start, end


def own_subject(verb: Token) -> Token | None:
    """The verb's subject; when the parser gave it two (``"Q": – The analyst X believes``), the
    one nearest to the verb.

    >>> from pipeline.quotes.doc_spans import example_token, parse_example
    >>> doc = parse_example("The minister said the talks failed.")
    >>> own_subject(example_token(doc, "said")).text
    'minister'
    """
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "csubj")]
    return min(subjects, key=lambda c: abs(c.i - verb.i)) if subjects else None


def speaking_subject(verb: Token, inherited: dict[int, Token]) -> Token | None:
    """The speaking subject of a verb: its ``nsubj``; else, for a verb coordinated inside another
    verb's complement (``said that A, and called on B``), the outer verb's subject; else the subject
    of the verb it depends on (``quoted as saying``, ``went on to say``, ``..., saying that``,
    ``said A and warned B``).

    >>> from pipeline.quotes.doc_spans import example_token, parse_example
    >>> doc = parse_example("The general was quoted as saying that the troops would leave.")
    >>> speaking_subject(example_token(doc, "saying"), {}).text
    'general'
    """
    for _ in range(6):
        subj = own_subject(verb)
        if subj is not None and subj.tag_ in ("WP", "WDT") and verb.dep_ == "relcl":
            return verb.head  # "Police, who said ...": the relative pronoun stands for its antecedent
        if subj is not None:
            return subj
        if verb.i in inherited:
            return inherited[verb.i]
        if verb.dep_ == "acl" and verb.head.i < verb.i and verb.tag_ in ("VBD", "VBZ", "VBN") \
                and any(c.dep_ == "ccomp" for c in verb.children):
            return verb.head  # "the Minister of X, Name, assured ... that": subject parsed as the head
        if verb.dep_ not in ("conj", "xcomp", "advcl", "pcomp") or verb.head.i == verb.i:
            return None
        if verb.dep_ == "advcl" and any(c.dep_ == "mark" for c in verb.children):
            return None  # "as (X) said, ...": a subordinate clause does not share the main subject
        nxt = verb.head
        if nxt.dep_ == "prep" and nxt.head.i != nxt.i:
            nxt = nxt.head
        if verb.dep_ in ("pcomp", "xcomp"):
            passive = next((c for c in nxt.children if c.dep_ == "nsubjpass"), None)
            if passive is not None:
                return passive
            quoted = next((c for c in nxt.children if c.dep_ == "dobj"), None)
            if verb.dep_ == "pcomp" and quoted is not None:
                return quoted  # "the agency quoted the minister as saying": the object speaks
        verb = nxt
    return None


def _unreal(verb: Token) -> bool:
    """A cue for speech that has not happened: a modal (``would ask``, ``will announce``) or a
    purpose infinitive (``rallied to demand``).

    >>> from pipeline.quotes.doc_spans import example_token, parse_example
    >>> doc = parse_example("Hundreds of workers rallied to demand higher pay.")
    >>> _unreal(example_token(doc, "demand"))
    True
    """
    for c in verb.children:
        if c.dep_ == "aux" and c.tag_ == "MD":
            return True
    if verb.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return True
    return False


def _is_passive(verb: Token) -> bool:
    """A passive verb (``it is said``): it has a passive auxiliary or subject."""
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)


def valid_speaker(token: Token) -> bool:
    """Reject demonstrative, relative and interrogative pronouns ("that said", "which says").

    >>> from pipeline.quotes.doc_spans import example_token, parse_example
    >>> doc = parse_example("That said, the minister left.")
    >>> valid_speaker(doc[0]), valid_speaker(example_token(doc, "minister"))
    (False, True)
    """
    if token.tag_ in ("WDT", "WP", "DT") or token.lower_ in ("this", "that", "these", "those", "what"):
        return False
    return True


def speaker_span(subj: Token | None) -> tuple[int, int] | None:
    """The token range of the noun phrase a subject heads, when it can speak (:func:`valid_speaker`)."""
    if subj is None or not valid_speaker(subj):
        return None
    return noun_phrase(subj)


def _inverted_speaker(verb: Token) -> tuple[int, int] | None:
    """Fallback for garbled order (``CLAUSE, said the Y X``, ``"...," said in response the Y``): the
    noun phrase after the verb, past at most one short prepositional phrase, when nothing but that
    phrase follows in the sentence.

    >>> from pipeline.quotes.doc_spans import example_token, parse_example
    >>> doc = parse_example("The talks will resume next week, said a spokeswoman for the agency.")
    >>> start, end = _inverted_speaker(example_token(doc, "said"))
    >>> doc[start:end].text
    'a spokeswoman for the agency'
    """
    sent = verb.sent
    expected = verb.i + 1
    for child in verb.rights:
        if child.dep_ == "prep" and child.i == expected and child.right_edge.i - child.i <= 3 \
                and expected == verb.i + 1:
            expected = child.right_edge.i + 1
            continue
        if child.dep_ in ("dobj", "attr", "npadvmod", "oprd", "nsubj", "appos") and (
            child.pos_ in ("PROPN", "NOUN", "PRON")
        ):
            start, end = noun_phrase(child)
            rest = [t for t in sent if t.i >= end and not (t.is_punct or t.is_space)]
            if not rest and start == expected:
                return start, end
    return None


def as_clause_speaker(verb: Token) -> tuple[int, int] | None:
    """Garbled ``As reported the press service of X, CLAUSE``: in an ``as`` clause without a subject,
    the noun phrase after the verb is the speaker.

    >>> from pipeline.quotes.doc_spans import example_token, parse_example
    >>> doc = parse_example("As reported the press service of the ministry, the flights will resume on Monday.")
    >>> start, end = as_clause_speaker(example_token(doc, "reported"))
    >>> doc[start:end].text
    'the press service of the ministry'
    """
    if verb.dep_ != "advcl" or not any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children):
        return None
    child = next((c for c in verb.rights if c.dep_ in ("dobj", "nsubj", "attr", "npadvmod", "nsubjpass")
                  and c.pos_ in ("NOUN", "PROPN")), None)
    if child is None or child.i != verb.i + 1 and _words_between(verb, child):
        return None
    return noun_phrase(child)


def _words_between(a: Token, b: Token) -> bool:
    """True when words other than determiners and adjectives stand between tokens ``a`` and ``b``."""
    return any(t.pos_ not in ("DET", "ADJ", "PROPN", "NOUN", "NUM") for t in a.doc[a.i + 1:b.left_edge.i])


def _comma_speaker(verb: Token) -> tuple[int, int] | None:
    """Fallback for ``CLAUSE, the head of X noted.`` parsed with the speaker inside the clause: the
    noun phrase between the clause's last comma and a sentence-final speech verb.

    >>> from pipeline.quotes.doc_spans import example_token, parse_example
    >>> doc = parse_example("The economy had been approved by parliament, the head of the regional administration noted.")
    >>> start, end = _comma_speaker(example_token(doc, "noted"))
    >>> doc[start:end].text
    'the head of the regional administration'
    """
    doc = verb.doc
    sent = verb.sent
    if any(not (t.is_punct or t.is_space) for t in doc[verb.i + 1:sent.end]):
        return None
    i = verb.i
    while i > sent.start and doc[i - 1].pos_ in ("DET", "ADJ", "NOUN", "PROPN", "ADP", "PRON", "NUM") \
            and not doc[i - 1].is_punct:
        i -= 1
    if i == verb.i or i <= sent.start or doc[i - 1].text != "," or doc[i].pos_ == "ADP":
        return None
    if not any(t.pos_ in ("NOUN", "PROPN", "PRON") for t in doc[i:verb.i]):
        return None
    return i, verb.i


def preceding_noun_phrase(verb: Token) -> tuple[int, int] | None:
    """The noun phrase right before a verb whose subject the parser lost (``The website claims``).

    >>> from pipeline.quotes.doc_spans import example_token, parse_example
    >>> doc = parse_example("The central bank added prices would grow next year.")
    >>> start, end = preceding_noun_phrase(example_token(doc, "added"))
    >>> doc[start:end].text
    'The central bank'
    """
    doc = verb.doc
    i = verb.i
    while i > verb.sent.start and doc[i - 1].pos_ in ("DET", "ADJ", "PROPN", "NOUN") \
            and not doc[i - 1].is_punct:
        i -= 1
    if i == verb.i or not any(t.pos_ in ("NOUN", "PROPN") for t in doc[i:verb.i]):
        return None
    return i, verb.i


def not_a_speech_use(verb: Token) -> bool:
    """A speech-verb token that reports nothing: an adjective use (``the so-called``, ``the said
    agreement``), a negated or passive verb (``did not say``, ``it is said``), or planned speech
    (``would ask``, ``rallied to demand``). A modifier with a subject, or right after the noun
    that is its misparsed subject (``The bank added prices would rise``), is kept.

    >>> from pipeline.quotes.doc_spans import example_token, parse_example
    >>> doc = parse_example("The so-called reforms failed, and he would ask the council to vote.")
    >>> not_a_speech_use(example_token(doc, "called")), not_a_speech_use(example_token(doc, "ask"))
    (True, True)
    >>> not_a_speech_use(example_token(parse_example("She said the reforms failed."), "said"))
    False
    """
    doc = verb.doc
    if (verb.dep_ in ("amod", "compound") or verb.tag_ == "JJ") and own_subject(verb) is None \
            and not (verb.tag_ in ("VBD", "VBN", "VBZ") and verb.i > verb.sent.start
                     and doc[verb.i - 1].pos_ in ("NOUN", "PROPN") and verb.head.dep_.startswith("nsubj")):
        return True
    if any(c.dep_ == "neg" for c in verb.children) or _is_passive(verb):
        return True
    return _unreal(verb)


def verb_speaker(verb: Token, inherited: dict[int, Token]) -> tuple[Token | None, tuple[int, int] | None, bool, float]:
    """``(subject token, speaker token range, inverted, confidence)`` of a speech verb: its parsed or
    inherited subject (the antecedent of a relative ``who``/``which``), else the fallbacks for garbled order (``, said the head of X``) and misparsed
    fronted reports (``CLAUSE, the head of X noted``).

    >>> from pipeline.quotes.doc_spans import example_token, parse_example
    >>> doc = parse_example("The talks ended without a deal, Foreign Minister Jan Novak said.")
    >>> subj, (start, end), inverted, confidence = verb_speaker(example_token(doc, "said"), {})
    >>> doc[start:end].text, inverted
    ('Foreign Minister Jan Novak', False)
    """
    own = own_subject(verb)
    if own is None and verb.i > verb.sent.start and verb.doc[verb.i - 1].is_punct:
        speaker = _inverted_speaker(verb)  # '"...," said in response the Y': before any inherited subject
        if speaker is not None:
            return None, speaker, True, 0.8
    subj = speaking_subject(verb, inherited)
    if subj is not None:
        return subj, speaker_span(subj), subj.i > verb.i, 0.9
    speaker = as_clause_speaker(verb)
    if speaker is not None:
        return None, speaker, True, 0.75
    speaker = _inverted_speaker(verb)
    if speaker is not None:
        return None, speaker, True, 0.7
    return None, _comma_speaker(verb), False, 0.7
