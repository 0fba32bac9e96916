"""Reported speech and speech cues on parsed spaCy docs.

Two detectors, both working on a parsed ``Doc`` (or a ``Span`` of one) and returning character offsets
into the underlying ``Doc.text``:

- ``speech_cues(doc)``: every speech verb or cue phrase with its speaker (``Cue`` records). The
  segmenter/attributor uses these to attribute direct quotes that stand next to a cue.
- ``reported_speech(doc)``: every reported-speech construction whose content is not in quotation
  marks (``Report`` records, ``kind="indirect"``): ``X said (that) CLAUSE``, ``CLAUSE, X said``,
  ``CLAUSE, said X``, ``According to X, CLAUSE``, ``In X's opinion, CLAUSE``, ``X warned of NP``,
  ``X called on NP to VP``.

The rules read the dependency parse (``ccomp``, ``nsubj``, ``conj``, ``relcl``, ``advcl``, ``prep``/``pobj``)
and fall back on surface order where machine-translated text garbles it: each construction is a chain of
small named rules (``_verb_constructions``: speech use, speaker, object cue, complement, fallbacks).

Lexicons (data files in ``lexicons/``): ``speech_verbs.txt`` (lemmas, some tagged ``object`` or ``that``;
``speech_verbs()``, ``object_speech_verbs()``, ``that_speech_verbs()``) and ``cue_phrases.txt`` (phrases
with a role; ``cue_phrases()``, ``cue_phrase_roles()``). Speaker nouns are read from the shared lexicons
of titles, organisation heads and descriptions (``speaker_nouns()``).

Quotation handling: a report whose content is mostly in quotation marks (``quoted_share``), introduced
by a mark or a speech dash (``in_quotation``), or whose cue stands inside a quotation
(``inside_quotation``) is left to the segmenter, which handles direct and partial quotes. A quoted
fragment inside the content that is the speaker's own words (``speakers_words``: not a single word
or a short scare-quoted term) and covers most of it takes its clause out of the indirect record
(``split_quoted_content``) and comes back as a ``partial`` record with ``reported_speech(doc,
fragments=True)``; clauses that stand on their own stay indirect. Fragments that are a small part of
the content stay inside one indirect record, marks included, as the gold guidelines annotate them. Headlines, standfirsts and subheads (``heading_line``) report nothing.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.attrs import LEMMA, LOWER
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

from pipeline.lexicons import LEXICON_DIR, lexicon_lines

LEXICONS = LEXICON_DIR

#: possessive forms that a cue phrase written with "his" also stands for
_POSSESSIVES = ("his", "her", "their", "its")

#: double quotation marks of any style (single marks are left out: they double as apostrophes)
QUOTE_MARKS = frozenset('"“”„«»‟〝〞＂')

#: single quotation marks: only trusted at the edge of a quotation (they double as apostrophes)
_SINGLE_OPENING = frozenset("‘‹")
_SINGLE_MARKS = frozenset("'’‘›")

#: phrase roles allowed in cue_phrases.txt (see its header)
PHRASE_ROLES = ("source", "possessive", "clause", "object")

#: irregular past tenses of verbs that open a cue phrase (English grammar, not a lexicon of names)
_IRREGULAR_PAST = {"drew": "draw", "did": "do", "made": "make", "spoke": "speak", "took": "take",
                   "went": "go", "gave": "give", "said": "say", "told": "tell", "wrote": "write"}

#: suffixes of English noun lemmas that name an agent: a person or a body that can speak
#: (minister, senator, analyst, politician, spokesman, president, consultant, secretary, ministry, agency)
_AGENT_SUFFIXES = ("er", "or", "ist", "ian", "man", "woman", "person", "ent", "ant", "ary", "ee",
                   "ry", "cy")
#: suffixes that end agent-looking nouns which name things ("statement", "document")
_THING_SUFFIXES = ("ment",)


# --------------------------------------------------------------------------------------- lexicons


def _read_lexicon(name: str) -> list[str]:
    """Entries of a lexicon file, lower-cased."""
    return [line.lower() for line in lexicon_lines(name)]


@lru_cache(maxsize=1)
def _verb_table() -> dict[str, str]:
    """Each speech-verb lemma with its tag ('', ``object`` or ``that``)."""
    table = {}
    for line in _read_lexicon("speech_verbs.txt"):
        lemma, _, tag = (part.strip() for part in line.partition("|"))
        if tag not in ("", "object", "that"):
            raise ValueError(f"speech_verbs.txt: unknown tag {tag!r} for {lemma!r}")
        table[lemma] = tag
    return table


@lru_cache(maxsize=1)
def speech_verbs() -> frozenset[str]:
    """Lemmas of verbs that report speech or a stated stance.

    >>> {"say", "warn", "believe"} <= speech_verbs()
    True
    >>> "see" in speech_verbs()
    False
    """
    return frozenset(_verb_table())


@lru_cache(maxsize=1)
def that_speech_verbs() -> frozenset[str]:
    """Speech-verb lemmas that report only with an explicit ``that`` clause (tag ``that``).

    >>> "consider" in that_speech_verbs(), "say" in that_speech_verbs()
    (True, False)
    """
    return frozenset(lemma for lemma, tag in _verb_table().items() if tag == "that")


@lru_cache(maxsize=1)
def object_speech_verbs() -> frozenset[str]:
    """Speech-verb lemmas whose direct object can be the reported content (tag ``object``).

    >>> "stress" in object_speech_verbs(), "say" in object_speech_verbs()
    (True, False)
    """
    return frozenset(lemma for lemma, tag in _verb_table().items() if tag == "object")


@lru_cache(maxsize=1)
def cue_phrase_roles() -> dict[str, str]:
    """Each multi-word cue phrase with its role (``source``, ``possessive``, ``clause``, ``object``).

    Phrases written with "his" are expanded to "her", "their" and "its".

    >>> roles = cue_phrase_roles()
    >>> roles["according to"], roles["in her opinion"], roles["warned of"]
    ('source', 'possessive', 'object')
    """
    roles: dict[str, str] = {}
    for line in _read_lexicon("cue_phrases.txt"):
        phrase, _, role = (part.strip() for part in line.partition("|"))
        if role not in PHRASE_ROLES:
            raise ValueError(f"cue_phrases.txt: unknown role {role!r} for {phrase!r}")
        words = phrase.split()
        roles[" ".join(words)] = role
        if "his" in words:
            for poss in _POSSESSIVES:
                roles[" ".join(poss if w == "his" else w for w in words)] = role
    return roles


@lru_cache(maxsize=1)
def cue_phrases() -> list[str]:
    """Lower-case multi-word speech cues, longest first (ties alphabetical), possessive variants expanded.

    >>> phrases = cue_phrases()
    >>> "according to" in phrases and "in her opinion" in phrases
    True
    >>> phrases.index("did not hide the fact that") < phrases.index("according to")
    True
    """
    return sorted(cue_phrase_roles(), key=lambda p: (-len(p), p))


def verb_forms(word: str) -> frozenset[str]:
    """Candidate lemmas of the past-tense verb that opens a cue phrase.

    Regular pasts lose ``-ed`` or ``-d`` (both are tried, the parser's lemma picks the right one).

    >>> sorted(verb_forms("warned"))
    ['warn', 'warne', 'warned']
    >>> sorted(verb_forms("drew"))
    ['draw', 'drew']
    """
    forms = {word}
    if word in _IRREGULAR_PAST:
        forms.add(_IRREGULAR_PAST[word])
    elif word.endswith("ed"):
        forms.update({word[:-2], word[:-1]})
    return frozenset(forms)


# ------------------------------------------------------------------------------------------ records


@dataclass
class Cue:
    """A speech verb or cue phrase with its speaker. Offsets are into ``Doc.text``.

    ``speaker_*`` is the speaker's full noun phrase (titles included), a pronoun, or None when the
    text names no speaker. ``inverted`` is True when the speaker stands after the cue (``, said X``).
    ``head`` is the index in the Doc of the cue's main token (the verb, or the phrase's first word).
    """

    cue_start: int
    cue_end: int
    cue: str
    speaker_start: int | None
    speaker_end: int | None
    speaker_text: str | None
    inverted: bool = False
    head: int = -1


@dataclass
class Report:
    """One reported-speech construction: content, cue and speaker as offsets into ``Doc.text``."""

    content_start: int
    content_end: int
    cue_start: int
    cue_end: int
    cue: str
    speaker_start: int | None
    speaker_end: int | None
    speaker_text: str | None
    kind: str = "indirect"
    confidence: float = 0.8


# ------------------------------------------------------------------------------------ small rules

def _example(text: str) -> Doc:
    """Parse ``text`` with the configured spaCy model: the examples in this module's docstrings use it."""
    from pipeline.config import Settings
    from pipeline.nlp import load

    return load(Settings().spacy_model)(text)


def _token(doc: Doc, word: str) -> Token:
    """The first token of ``doc`` whose text is ``word`` (for the examples)."""
    return next(t for t in doc if t.text == word)


def _text(doc: Doc, span: tuple[int, int] | None) -> str | None:
    """The text of a char span of ``doc`` (for the examples)."""
    return None if span is None else doc.text[span[0]:span[1]]



def is_quote_mark(char: str) -> bool:
    """True for a double quotation mark of any style.

    >>> is_quote_mark("“"), is_quote_mark('"'), is_quote_mark("’")
    (True, True, False)
    """
    return char in QUOTE_MARKS


#: teammates' lexicons of speaker nouns (titles, organisation heads, descriptions) read for their head words
_SPEAKER_NOUN_LEXICONS = ("titles.txt", "org_heads.txt", "descriptions.txt")


@lru_cache(maxsize=1)
def speaker_nouns() -> frozenset[str]:
    """Head nouns that name a speaker, read from the shared lexicons of titles (``minister``),
    organisation heads (``union``, ``ministry``) and descriptions (``analyst``, ``publication``):
    the last word of each entry's first field. A missing file contributes nothing.

    >>> {"minister", "spokesman"} <= speaker_nouns()
    True
    """
    heads: set[str] = set()
    for name in _SPEAKER_NOUN_LEXICONS:
        if not (LEXICONS / name).exists():
            continue
        for line in _read_lexicon(name):
            words = line.split("\t", 1)[0].split()
            if words:
                heads.add(words[-1])
    return frozenset(heads)


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

    >>> doc = _example("Finnish President Mikko Laine, who spoke by video link, said the talks failed.")
    >>> start, end = noun_phrase(_token(doc, "Laine"))
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


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Char span ``[start, end)`` of ``text`` without outer spaces, commas, colons, dashes and a final
    period (inner punctuation and quotation marks are kept).

    >>> trim(" the talks failed. ", 0, 19)
    (1, 17)
    >>> trim('"we won", he said', 0, 8)
    (0, 8)
    """
    while start < end and (text[start].isspace() or text[start] in ",;:–—-"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:–—-."):
        end -= 1
    return start, end


def in_quotation(text: str, start: int, end: int, cue_start: int, cue_end: int) -> bool:
    """True when the content ``text[start:end]`` is a quotation rather than reported speech: it begins
    or ends with a quotation mark, or a mark stands next to the cue or the content in the text
    between them (``ready – we will win, "said X``; ``said: "We``).

    >>> in_quotation('"We won," he said.', 1, 7, 10, 14)
    True
    >>> in_quotation('He said the "help" failed.', 8, 25, 3, 7)
    False
    >>> in_quotation('He said the plan had "failed us all"', 8, 36, 3, 7)
    False
    """
    if start >= end:
        return True
    if is_quote_mark(text[start]):
        return True
    if is_quote_mark(text[end - 1]) and sum(is_quote_mark(ch) for ch in text[start:end]) % 2 == 1:
        return True  # a mark closing a quotation opened before the content ("We won," he said)
    if text[start] in _SINGLE_OPENING or (text[start] == "'" and (start == 0 or not text[start - 1].isalnum())):
        return True  # a single-quoted quotation ('We got this wrong,' he said)
    gap = (text[end:cue_start] if end <= cue_start else text[cue_end:start]).strip(" ,;:–—-\n\t")
    edge = _SINGLE_MARKS if end <= cue_start else frozenset()
    return bool(gap) and (is_quote_mark(gap[0]) or is_quote_mark(gap[-1]) or gap[-1] in edge)


def quoted_share(text: str, start: int, end: int) -> float:
    """Share of ``text[start:end]`` that lies between quotation marks (marks paired in order; a mark
    left open runs to the end of the span).

    >>> t = 'the plan was "a complete failure" and a waste'
    >>> round(quoted_share(t, 0, len(t)), 2)
    0.44
    >>> quoted_share('no marks here', 0, 13)
    0.0
    """
    if end <= start:
        return 0.0
    marks = [i for i in range(start, end) if is_quote_mark(text[i])]
    quoted = 0
    for k in range(0, len(marks), 2):
        close = marks[k + 1] if k + 1 < len(marks) else end
        quoted += close - marks[k] + 1
    return min(1.0, quoted / (end - start))


def inside_quotation(text: str, sent_start: int, pos: int) -> bool:
    """True when ``pos`` lies inside a quotation opened earlier in its sentence. Each double mark is
    read by its shape: one followed by a space or punctuation closes, one after a space and before
    a word opens, any other toggles; guillemets open and close by glyph.

    >>> inside_quotation('"They keep telling us it is fine," she said.', 0, 11)
    True
    >>> inside_quotation('She said the "plan" was fine.', 0, 25)
    False
    >>> inside_quotation('what we need," he said, adding that', 0, 24)
    False
    """
    inside = False
    for i in range(sent_start, pos):
        ch = text[i]
        if ch == "«":
            inside = True
        elif ch == "»":
            inside = False
        elif is_quote_mark(ch):
            nxt = text[i + 1] if i + 1 < len(text) else " "
            prev = text[i - 1] if i > 0 else " "
            if not nxt.isalnum():
                inside = False
            elif not prev.isalnum():
                inside = True
            else:
                inside = not inside
    return inside


# ---------------------------------------------------------------------------------- the detector

#: pronouns of the first and second person: a report with such a speaker sits inside someone's quote
_FIRST_SECOND_PERSON = frozenset({"i", "me", "my", "we", "us", "our", "you", "your"})
#: subordinators that open the writer's context after a report (``..., as prices rise``)
_CONTEXT_SUBORDINATORS = frozenset({"as", "while", "whereas", "although", "though", "because", "since"})
#: generic subjects of sayings ("as they say", "as people say")
_GENERIC_SUBJECTS = frozenset({"they", "you", "one", "people", "we"})
#: words that open an embedded question (``asked why ...``): a question reports no statement
_WH_WORDS = frozenset({"why", "what", "how", "where", "when", "who", "whom", "whose", "which",
                       "whether", "if"})
#: dashes that open dash-style speech ("they say – the plan failed")
_SPEECH_DASHES = frozenset("–—")


def _doc_and_bounds(doc: Doc | Span) -> tuple[Doc, int, int]:
    if isinstance(doc, Span):
        return doc.doc, doc.start, doc.end
    return doc, 0, len(doc)


def _own_subject(verb: Token) -> Token | None:
    """The verb's subject; when the parser gave it two (``"Q": – The analyst X believes``), the
    one nearest to the verb.

    >>> doc = _example("The minister said the talks failed.")
    >>> _own_subject(_token(doc, "said")).text
    'minister'
    """
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "csubj")]
    return min(subjects, key=lambda c: abs(c.i - verb.i)) if subjects else None


def _subject(verb: Token, inherited: dict[int, Token]) -> Token | None:
    """The speaking subject of a verb: its ``nsubj``; else, for a verb coordinated inside another
    verb's complement (``said that A, and called on B``), the outer verb's subject; else the subject
    of the verb it depends on (``quoted as saying``, ``went on to say``, ``..., saying that``,
    ``said A and warned B``).

    >>> doc = _example("The general was quoted as saying that the troops would leave.")
    >>> _subject(_token(doc, "saying"), {}).text
    'general'
    """
    for _ in range(6):
        subj = _own_subject(verb)
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

    >>> doc = _example("Hundreds of workers rallied to demand higher pay.")
    >>> _unreal(_token(doc, "demand"))
    True
    """
    for c in verb.children:
        if c.dep_ == "aux" and c.tag_ == "MD":
            return True
    if verb.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return True
    return False


def _is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)


def _valid_speaker(token: Token) -> bool:
    """Reject demonstrative, relative and interrogative pronouns ("that said", "which says").

    >>> doc = _example("That said, the minister left.")
    >>> _valid_speaker(doc[0]), _valid_speaker(_token(doc, "minister"))
    (False, True)
    """
    if token.tag_ in ("WDT", "WP", "DT") or token.lower_ in ("this", "that", "these", "those", "what"):
        return False
    return True


@dataclass
class _Construction:
    cue_tokens: tuple[int, int]
    speaker: tuple[int, int] | None
    inverted: bool
    head: int
    content: tuple[int, int] | None  # char offsets, before trimming
    confidence: float


def _speaker_span(subj: Token | None) -> tuple[int, int] | None:
    if subj is None or not _valid_speaker(subj):
        return None
    return noun_phrase(subj)


def _inverted_speaker(verb: Token) -> tuple[int, int] | None:
    """Fallback for garbled order (``CLAUSE, said the Y X``, ``"...," said in response the Y``): the
    noun phrase after the verb, past at most one short prepositional phrase, when nothing but that
    phrase follows in the sentence.

    >>> doc = _example("The talks will resume next week, said a spokeswoman for the agency.")
    >>> start, end = _inverted_speaker(_token(doc, "said"))
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


def _as_clause_speaker(verb: Token) -> tuple[int, int] | None:
    """Garbled ``As reported the press service of X, CLAUSE``: in an ``as`` clause without a subject,
    the noun phrase after the verb is the speaker.

    >>> doc = _example("As reported the press service of the ministry, the flights will resume on Monday.")
    >>> start, end = _as_clause_speaker(_token(doc, "reported"))
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

    >>> doc = _example("The economy had been approved by parliament, the head of the regional administration noted.")
    >>> start, end = _comma_speaker(_token(doc, "noted"))
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


def _char_span(doc: Doc, start_i: int, end_i: int) -> tuple[int, int] | None:
    if start_i >= end_i:
        return None
    last = doc[end_i - 1]
    return doc[start_i].idx, last.idx + len(last)


def _clause_breaks(comp: Token, coordinated: list[Token]) -> list[int]:
    """Token indices where a complement clause stops being the speaker's words:

    - a coordinated speech verb without its own subject (a second report by the same speaker);
    - a coordinated clause with its own subject after ``, but`` / ``, however`` (the writer's voice);
    - a trailing participle clause after a comma (``..., effectively admitting that ...``);
    - a trailing adverbial clause after a comma opened by a subordinator such as ``as`` or ``while``
      (``..., as prices rise``: the writer's context);
    - a second ``that`` clause after a quoted first one (``said that A "B" and that C``): the first
      is then a partial quote, the second a report of its own.
        >>> doc = _example("The mayor warned that floods could return, as rivers rise across the region.")
    >>> comp = next(c for c in _token(doc, "warned").children if c.dep_ == "ccomp")
    >>> [doc[i].text for i in _clause_breaks(comp, [])]
    ['as']
    """
    doc = comp.doc
    cuts = []
    for verb in coordinated:
        cuts.append(verb.left_edge.i if verb.left_edge.i > comp.i else verb.i)
    for t in comp.subtree:
        if t.i <= comp.i:
            continue
        if t.dep_ == "conj" and t.head.i == comp.i and t.pos_ in ("VERB", "AUX") \
                and _own_subject(t) is not None:
            cc = next((c for c in t.lefts if c.dep_ == "cc"), None)
            if cc is not None and cc.lower_ == "but" and doc[cc.i - 1].is_punct:
                cuts.append(cc.i)
        if t.lower_ == "however" and t.head.i == comp.i and doc[t.i - 1].is_punct:
            if any(d.dep_ == "nsubj" and d.i > t.i for d in comp.subtree):
                cuts.append(t.i)
        if t.dep_ == "advcl" and t.head.i == comp.i and t.tag_ == "VBG" \
                and doc[t.left_edge.i - 1].is_punct and t.right_edge.i >= comp.right_edge.i:
            cuts.append(t.left_edge.i)
        if t.dep_ == "advcl" and t.head.i == comp.i and doc[t.left_edge.i - 1].is_punct \
                and doc[t.left_edge.i].lower_ in _CONTEXT_SUBORDINATORS and t.left_edge.i > comp.i:
            cuts.append(t.left_edge.i)
    for t in _that_conjuncts(comp):
        cuts.append(t.left_edge.i)
    return cuts


def _that_conjuncts(comp: Token) -> list[Token]:
    """Clauses coordinated with a complement that repeat ``that`` right after a closing quotation
    mark (``said that it "respects the rules" and that the flow will not change``).

    >>> doc = _example('The agency said that it "respects the rules" and that the flow will not change.')
    >>> comp = next(c for c in _token(doc, "said").children if c.dep_ == "ccomp")
    >>> [t.text for t in _that_conjuncts(comp)]
    ['change']
    >>> doc = _example('The governor said inflation was "gradually moderating" and that rates would stay on hold.')
    >>> comp = next(c for c in _token(doc, "said").children if c.dep_ == "ccomp")
    >>> [t.text for t in _that_conjuncts(comp)]
    ['stay']
    """
    doc = comp.doc
    out = []
    # the parser attaches "and that C" to the complement or, as often, to the speech verb itself
    rights = list(comp.rights) + ([t for t in comp.head.rights if t.i > comp.i] if comp.head.i < comp.i else [])
    for t in rights:
        if t.dep_ != "conj" or not any(c.dep_ == "mark" and c.lower_ == "that" for c in t.children):
            continue
        k = t.left_edge.i - 1
        while k > comp.i and (doc[k].dep_ == "cc" or doc[k].text == ","):
            k -= 1
        if k > comp.i and (any(is_quote_mark(ch) for ch in doc[k].text) or doc[k].text in ("'", "’")):
            out.append(t)  # a closing mark, double or single
    return out


def _clause_content(comp: Token, verb: Token, cuts: list[int]) -> tuple[int, int] | None:
    """Char span of a complement clause: its subtree without the leading ``that``, on the far side of
    the speech verb when the parse wraps around it, and cut at the first break.

    >>> doc = _example("The mayor warned that floods could return, as rivers rise across the region.")
    >>> verb = _token(doc, "warned")
    >>> comp = next(c for c in verb.children if c.dep_ == "ccomp")
    >>> _text(doc, _clause_content(comp, verb, _clause_breaks(comp, [])))
    'floods could return'
    """
    doc = comp.doc
    start_i, end_i = comp.left_edge.i, comp.right_edge.i + 1
    if not any(c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for c in comp.children):
        # "warned the economy will shrink": the clause's subject parsed as the verb's object
        dobj = next((c for c in verb.rights if c.dep_ == "dobj" and c.right_edge.i + 1 == start_i), None)
        if dobj is not None:
            start_i = dobj.left_edge.i
    if start_i <= verb.i < end_i:  # discontiguous: keep the side of the complement's head
        if comp.i < verb.i:
            end_i = verb.i
        else:
            start_i = verb.i + 1
    for i in sorted(cuts):
        if start_i < i < end_i:
            end_i = i
            break
    while end_i > start_i and (doc[end_i - 1].dep_ == "cc" or doc[end_i - 1].is_punct
                               or doc[end_i - 1].is_space):
        end_i -= 1
    while start_i < end_i and ((doc[start_i].dep_ == "mark" and doc[start_i].lower_ == "that")
                               or doc[start_i].is_punct or doc[start_i].is_space):
        start_i += 1
    if start_i < end_i and doc[start_i].lower_ in _WH_WORDS:
        return None  # an embedded question: "asked why the plant closed"
    if start_i < end_i and doc[start_i].pos_ in ("AUX", "VERB") and doc[start_i].tag_ != "VBG" \
            and not any(c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") and start_i <= c.i < end_i
                        for c in comp.children):
        return None  # no subject: "which he estimated would cost $5m" is not a full report
    return _char_span(doc, start_i, end_i)


def _coordinated_cues(comp: Token, object_pairs: dict[str, set[str]]) -> list[Token]:
    """Speech verbs coordinated inside a complement without a subject of their own, or added as a
    participle (``, adding that``): each starts a second report by the same speaker (``said that A,
    and called on B to C``).

    >>> doc = _example("The president said that the crisis had been overcome, and called on the government to act.")
    >>> comp = next(c for c in _token(doc, "said").children if c.dep_ == "ccomp")
    >>> [t.text for t in _coordinated_cues(comp, _phrase_tables()[0])]
    ['called']
    """
    verbs = speech_verbs()
    out = []
    for t in comp.subtree:
        coordinated = t.dep_ == "conj" or (t.dep_ == "advcl" and t.tag_ == "VBG"
                                           and comp.doc[t.left_edge.i - 1].is_punct)
        if coordinated and t.pos_ == "VERB" and t.i > comp.i:
            if not any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children):
                if t.lemma_.lower() in verbs or _object_prep(t, object_pairs) is not None:
                    out.append(t)
    return out


def _object_prep(verb: Token, object_pairs: dict[str, set[str]]) -> Token | None:
    """The preposition that makes an ``object`` cue of ``verb`` (``warned of``, ``pointed to``), also
    when a phrase stands between them (``pointed in her address to``).

    >>> doc = _example("She pointed in her address to the rapid growth of exports.")
    >>> _object_prep(_token(doc, "pointed"), _phrase_tables()[0]).i
    5
    """
    preps = object_pairs.get(verb.lemma_.lower())
    if not preps:
        return None
    for child in verb.rights:
        if child.dep_ in ("prep", "dative") and child.lower_ in preps:
            if any(c.dep_ in ("pobj", "pcomp") for c in child.children):
                return child
        if child.dep_ == "prep" and child.lower_ not in preps:  # one phrase in between
            for pobj in child.children:
                for grand in pobj.rights:
                    if grand.dep_ == "prep" and grand.lower_ in preps and grand.i == pobj.right_edge.i - \
                            (grand.right_edge.i - grand.i) and any(c.dep_ == "pobj" for c in grand.children):
                        if pobj.i - child.i <= 3:
                            return grand
    return None


def _object_content(verb: Token, prep: Token, pobj: Token) -> tuple[int, int] | None:
    """Char span of an ``object`` cue's content: the noun phrase after the preposition, with the
    verb's following modifiers and infinitive (``called on donors to act quickly``),
    up to a coordinated verb or a comma.

    >>> doc = _example("The secretary-general called on all parties to respect the ceasefire in the region.")
    >>> verb = _token(doc, "called")
    >>> prep = _object_prep(verb, _phrase_tables()[0])
    >>> _text(doc, _object_content(verb, prep, next(prep.children)))
    'all parties to respect the ceasefire in the region'
    """
    doc = verb.doc
    start_i, end_i = pobj.left_edge.i, pobj.right_edge.i + 1
    for child in verb.rights:
        if child.i < end_i:
            continue
        if child.dep_ in ("prep", "npadvmod", "xcomp", "advcl") and child.left_edge.i == end_i:
            if child.dep_ in ("xcomp", "advcl") and not any(
                c.dep_ == "aux" and c.lower_ == "to" for c in child.children
            ):
                break
            end_i = child.right_edge.i + 1
        else:
            break
    return _char_span(doc, start_i, end_i)


def _object_infinitive(verb: Token) -> tuple[int, int] | None:
    """``urged both sides to return``: a direct object followed by a ``to`` infinitive is the content
    of a request or an order (object and infinitive together).

    >>> doc = _example("The United Nations urged both sides to return to the negotiating table.")
    >>> _text(doc, _object_infinitive(_token(doc, "urged")))
    'both sides to return to the negotiating table'
    """
    dobj = next((c for c in verb.rights if c.dep_ == "dobj"), None)
    if dobj is None:
        return None
    xcomp = next((c for c in verb.rights if c.dep_ in ("xcomp", "ccomp") and c.i > dobj.i), None)
    if xcomp is None or xcomp.left_edge.i != dobj.right_edge.i + 1 or not any(
        c.dep_ == "aux" and c.lower_ == "to" for c in xcomp.children
    ):
        return None
    return _char_span(verb.doc, dobj.left_edge.i, xcomp.right_edge.i + 1)


def _modifier_misparse_content(verb: Token) -> tuple[int, int] | None:
    """``The minister added prices would rise``, parsed with the speech verb as a modifier of the
    clause's subject: the content is that subject's clause.

    >>> doc = _example("The central bank added prices would grow next year.")
    >>> _text(doc, _modifier_misparse_content(_token(doc, "added")))
    'prices would grow next year.'
    """
    if verb.dep_ not in ("amod", "compound") or not verb.head.dep_.startswith("nsubj"):
        return None
    clause = verb.head.head
    if clause.i <= verb.i or clause.pos_ not in ("VERB", "AUX"):
        return None
    return _char_span(verb.doc, verb.i + 1, clause.right_edge.i + 1)


def _dobj_content(verb: Token) -> tuple[int, int] | None:
    """Char span of the direct object of an ``object``-tagged speech verb (``stressed the need for
    talks``), when it is a phrase of at least three words.

    >>> doc = _example("The governor stressed the need to modernize the power grid.")
    >>> _text(doc, _dobj_content(_token(doc, "stressed")))
    'the need to modernize the power grid'
    """
    dobj = next((c for c in verb.rights if c.dep_ == "dobj"), None)
    if dobj is None or dobj.right_edge.i - dobj.left_edge.i < 2:
        return None
    if dobj.pos_ in ("PRON", "PROPN") or dobj.ent_type_:
        return None
    return _char_span(verb.doc, dobj.left_edge.i, dobj.right_edge.i + 1)


def _as_clause_content(verb: Token) -> tuple[int, int] | None:
    """``As X said, CLAUSE`` / ``CLAUSE, as X said``: the main clause outside the ``as`` clause.

    >>> doc = _example("As the defence minister said at the briefing, the exercises will continue until Friday.")
    >>> _text(doc, _as_clause_content(_token(doc, "said")))
    'the exercises will continue until Friday'
    """
    if verb.dep_ != "advcl" or not any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children):
        return None
    subj = _own_subject(verb)
    if subj is None and _as_clause_speaker(verb) is None:
        return None
    if subj is not None and subj.lower_ in _GENERIC_SUBJECTS and verb.tag_ in ("VBP", "VB"):
        return None  # "as they say": a saying, not a report
    head = verb.head
    doc = verb.doc
    left, right = verb.left_edge.i, verb.right_edge.i + 1
    if head.i > verb.i:
        start_i, end_i = right, head.right_edge.i + 1
    else:
        start_i, end_i = head.left_edge.i, left
    while start_i < end_i and (doc[start_i].is_punct or doc[start_i].is_space):
        start_i += 1
    while end_i > start_i and (doc[end_i - 1].is_punct or doc[end_i - 1].is_space):
        end_i -= 1
    return _char_span(doc, start_i, end_i)


def _that_clause_fallback(verb: Token) -> tuple[int, int] | None:
    """Garbled parse of ``X VERB that CLAUSE``: a finite speech verb directly followed by ``that``
    whose clause the parser did not attach; the content runs from ``that`` to the end of the
    sentence, cut before ``, but`` / ``, however``.

    >>> doc = _example("The website claims that Spanish workers went on strike only to defend their wages, but the "
    ...                "government called them saboteurs.")
    >>> _text(doc, _that_clause_fallback(_token(doc, "claims")))
    'Spanish workers went on strike only to defend their wages'
    """
    doc = verb.doc
    sent = verb.sent
    k = verb.i + 1
    if k >= sent.end - 1 or doc[k].lower_ != "that" or verb.tag_ not in ("VBD", "VBZ", "VBP"):
        return None
    end_i = sent.end
    for i in range(k + 1, sent.end - 1):
        if doc[i].is_punct and doc[i + 1].lower_ in ("but", "however"):
            end_i = i
            break
    return _char_span(doc, k + 1, end_i)


def _preceding_noun_phrase(verb: Token) -> tuple[int, int] | None:
    """The noun phrase right before a verb whose subject the parser lost (``The website claims``).

    >>> doc = _example("The central bank added prices would grow next year.")
    >>> start, end = _preceding_noun_phrase(_token(doc, "added"))
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


def _parenthetical_contents(verb: Token) -> list[tuple[int, int]]:
    """``CLAUSE, X complains, CLAUSE``: a speech verb with its subject set off by commas between two
    clauses reports both of them (two records).

    >>> doc = _example("It was a golden age, the magazine complains, the city had jobs for everyone.")
    >>> [_text(doc, span) for span in _parenthetical_contents(_token(doc, "complains"))]
    ['It was a golden age', 'the city had jobs for everyone.']
    """
    doc = verb.doc
    sent = verb.sent
    own = [c for c in verb.children if c.dep_ not in ("advcl", "ccomp", "parataxis", "punct", "cc", "conj")]
    left = min([verb.i] + [c.left_edge.i for c in own])
    right = max([verb.i] + [c.right_edge.i for c in own])
    if left - 1 <= sent.start or right + 1 >= sent.end - 1:
        return []
    if not (doc[left - 1].text == "," and doc[right + 1].text == ","):
        return []
    if any(c.dep_ in ("ccomp", "dobj", "xcomp") for c in verb.children):
        return []

    def clause(a: int, b: int) -> bool:
        return any(t.pos_ in ("VERB", "AUX") and any(c.dep_.startswith("nsubj") for c in t.children)
                   for t in doc[a:b])

    parts = [(sent.start, left - 1), (right + 2, sent.end)]
    if doc[right + 2].lower_ in _CONTEXT_SUBORDINATORS and clause(*parts[0]):
        parts = parts[:1]  # "CLAUSE, the ministry said, as the country tries ...": context, not report
    if not all(clause(a, b) for a, b in parts):
        return []
    return [span for a, b in parts if (span := _char_span(doc, a, b)) is not None]


def _fronted_content(verb: Token) -> tuple[int, int] | None:
    """``CLAUSE, X said`` parsed with the speech verb under the clause (as its ``ccomp``, ``parataxis``
    or comma-joined ``conj``): the content is the sentence before the speech verb's own phrase, when a
    comma separates them and the phrase ends the sentence.

    >>> import spacy
    >>> doc = Doc(spacy.blank("en").vocab, words=["Prices", "rose", ",", "the", "bank", "noted", "."],
    ...           heads=[1, 1, 5, 4, 5, 1, 1], deps=["nsubj", "ROOT", "punct", "det", "nsubj", "ccomp", "punct"],
    ...           pos=["NOUN", "VERB", "PUNCT", "DET", "NOUN", "VERB", "PUNCT"], sent_starts=[1, 0, 0, 0, 0, 0, 0])
    >>> _text(doc, _fronted_content(doc[5]))
    'Prices rose'
    """
    if verb.dep_ not in ("ccomp", "parataxis", "conj") or verb.head.i >= verb.i or \
            verb.head.pos_ not in ("VERB", "AUX"):
        return None
    doc = verb.doc
    if verb.dep_ == "conj" and any(t.dep_ == "cc" and t.head.i in (verb.i, verb.head.i)
                                   for t in doc[verb.head.i:verb.i]):
        return None  # "A and X said B" is a coordination, not a fronted report
    left = verb.left_edge.i
    while left < verb.i and doc[left].is_punct:  # the comma is often the verb's own dependent
        left += 1
    sent = verb.sent
    if left <= sent.start or not doc[left - 1].is_punct:
        return None
    if any(not (t.is_punct or t.is_space) for t in doc[verb.right_edge.i + 1:sent.end]):
        return None
    return _char_span(doc, sent.start, left - 1)


@lru_cache(maxsize=1)
def _phrase_tables() -> tuple[dict[str, set[str]], dict[str, list[tuple[tuple[frozenset[str], ...], str]]]]:
    """Two-word object cues as ``{verb lemma: {prepositions}}`` (matched on the parse, so a phrase may
    stand between verb and preposition), and every other phrase indexed by its first word's forms."""
    object_pairs: dict[str, set[str]] = {}
    surface = []
    for phrase, role in cue_phrase_roles().items():
        words = phrase.split()
        if role == "object" and len(words) == 2:
            for lemma in verb_forms(words[0]):
                object_pairs.setdefault(lemma, set()).add(words[1])
            continue
        forms = []
        for k, w in enumerate(words):
            if k == 0 and role in ("clause", "object"):
                forms.append(verb_forms(w))
            elif w == "not":
                forms.append(frozenset({"not", "n't"}))
            else:
                forms.append(frozenset({w}))
        surface.append((tuple(forms), role))
    surface.sort(key=lambda item: -len(item[0]))
    firsts: dict[str, list[tuple[tuple[frozenset[str], ...], str]]] = {}
    for forms, role in surface:
        for f in forms[0]:
            firsts.setdefault(f, []).append((forms, role))
    return object_pairs, firsts


@lru_cache(maxsize=1)
def _candidate_ids() -> tuple[frozenset[int], frozenset[int]]:
    """String ids of the words that can open a construction: speech-verb and object-cue lemmas, and
    the first words of cue phrases (matched on the lower-case form or the lemma)."""
    object_pairs, firsts = _phrase_tables()
    verb_ids = frozenset(get_string_id(w) for w in speech_verbs() | set(object_pairs))
    first_ids = frozenset(get_string_id(w) for w in firsts)
    return verb_ids, first_ids


def _candidates(doc: Doc, lo: int, hi: int) -> tuple[list[int], list[int]]:
    """Token indices in ``[lo, hi)`` whose lemma is a speech-verb/object-cue lemma, and those whose
    lower-case form or lemma opens a cue phrase (read from one attribute array, no Token objects)."""
    if hi <= lo:
        return [], []
    verb_ids, first_ids = _candidate_ids()
    rows = doc.to_array([LOWER, LEMMA])[lo:hi].tolist()
    verbs = [lo + k for k, (_, lemma) in enumerate(rows) if lemma in verb_ids]
    firsts = [lo + k for k, (lower, lemma) in enumerate(rows) if lower in first_ids or lemma in first_ids]
    return verbs, firsts


def _match_phrases(doc: Doc, starts: list[int], lo: int, hi: int) -> list[tuple[int, int, str]]:
    """Surface matches ``(start, end, role)`` of multi-word cue phrases, longest first, no overlaps.

    >>> doc = _example("In her view, the plan is sound and according to the mayor it will work.")
    >>> _match_phrases(doc, _candidates(doc, 0, len(doc))[1], 0, len(doc))
    [(0, 3, 'possessive'), (9, 11, 'source')]
    """
    _, firsts = _phrase_tables()
    out = []
    next_free = lo
    for i in starts:
        t = doc[i]
        if t.i < next_free:
            continue
        cands = firsts.get(t.lower_) or firsts.get(t.lemma_.lower())
        if not cands:
            continue
        for forms, role in cands:
            n = len(forms)
            if t.i + n > hi or (t.lower_ not in forms[0] and t.lemma_.lower() not in forms[0]):
                continue
            if all(doc[t.i + k].lower_ in forms[k] for k in range(1, n)):
                out.append((t.i, t.i + n, role))
                next_free = t.i + n
                break
    return out


def _rest_of_sentence(sent: Span, part_start: int, part_end: int) -> tuple[int, int] | None:
    """Char span of the sentence outside the token range ``[part_start, part_end)`` of a source phrase
    (``According to X,``): the part after it when it opens the sentence, else the part before it.
    None when the other part holds a quotation mark (the sentence is then a partial quote).

    >>> doc = _example("According to the interior minister, more than 300 people were detained.")
    >>> _text(doc, _rest_of_sentence(next(doc.sents), 0, 5))
    ', more than 300 people were detained.'
    """
    doc = sent.doc
    before = [t for t in doc[sent.start:part_start] if not (t.is_punct or t.is_space)]
    after = [t for t in doc[part_end:sent.end] if not (t.is_punct or t.is_space)]
    if len(before) <= 2 and after:  # "In turn, according to X, ..." / "But according to X, ..."
        span, other = (part_end, sent.end), (sent.start, part_start)
    elif before and (len(before) >= len(after)):
        span, other = (sent.start, part_start), (part_end, sent.end)
    elif after:
        span, other = (part_end, sent.end), (sent.start, part_start)
    else:
        return None
    if len(before) > 2 and after and any(is_quote_mark(ch) for ch in doc[other[0]:other[1]].text):
        return None
    return _char_span(doc, *span)


def _phrase_constructions(doc: Doc, starts: list[int], lo: int, hi: int,
                          inherited: dict[int, Token]) -> list[_Construction]:
    """Constructions opened by multi-word cue phrases matched on the surface."""
    found = []
    for start, end, role in _match_phrases(doc, starts, lo, hi):
        first, last = doc[start], doc[end - 1]
        sent = first.sent
        if role == "source":
            pobj = next((c for c in last.children if c.dep_ == "pobj"), None)
            if pobj is None and end < hi and doc[end].pos_ in ("PROPN", "NOUN", "PRON"):
                pobj = doc[end]
            if pobj is None or not looks_like_agent(pobj) or not _valid_speaker(pobj):
                continue
            speaker = noun_phrase(pobj)
            part_end = max(pobj.right_edge.i + 1, speaker[1])
            content = _rest_of_sentence(sent, start, part_end)
            found.append(_Construction((start, end), speaker, True, start, content, 0.85))
        elif role == "possessive":
            poss = next((t for t in doc[start:end] if t.lower_ in _POSSESSIVES), None)
            speaker = (poss.i, poss.i + 1) if poss is not None else None
            content = _rest_of_sentence(sent, start, end)
            found.append(_Construction((start, end), speaker, False, start, content, 0.8))
        else:  # clause / object: the phrase opens with a verb whose subject speaks
            verb = first if first.pos_ in ("VERB", "AUX") else first.head
            speaker = _speaker_span(_subject(verb, inherited))
            if role == "clause":
                content = _char_span(doc, end, sent.end)
            else:
                pobj = next((c for c in last.children if c.dep_ in ("pobj", "pcomp")), None)
                content = _object_content(verb, last, pobj) if pobj is not None else None
            found.append(_Construction((start, end), speaker, False, verb.i, content, 0.75))
    return found


def _constructions(doc: Doc | Span) -> list[_Construction]:
    """Every cue in ``doc`` with its speaker and (when found) its content, in text order: the
    multi-word phrases first, then the speech verbs not already inside a phrase."""
    doc, lo, hi = _doc_and_bounds(doc)
    inherited: dict[int, Token] = {}
    verb_starts, phrase_starts = _candidates(doc, lo, hi)
    found = _phrase_constructions(doc, phrase_starts, lo, hi, inherited)
    phrase_tokens = {i for c in found for i in range(*c.cue_tokens)}
    for i in verb_starts:
        if i not in phrase_tokens:
            found.extend(_verb_constructions(doc[i], inherited))
    found.sort(key=lambda c: c.cue_tokens)
    return found


def _not_a_speech_use(verb: Token) -> bool:
    """A speech-verb token that reports nothing: an adjective use (``the so-called``, ``the said
    agreement``), a negated or passive verb (``did not say``, ``it is said``), or planned speech
    (``would ask``, ``rallied to demand``). A modifier with a subject, or right after the noun
    that is its misparsed subject (``The bank added prices would rise``), is kept.

    >>> doc = _example("The so-called reforms failed, and he would ask the council to vote.")
    >>> _not_a_speech_use(_token(doc, "called")), _not_a_speech_use(_token(doc, "ask"))
    (True, True)
    >>> _not_a_speech_use(_token(_example("She said the reforms failed."), "said"))
    False
    """
    doc = verb.doc
    if (verb.dep_ in ("amod", "compound") or verb.tag_ == "JJ") and _own_subject(verb) is None \
            and not (verb.tag_ in ("VBD", "VBN", "VBZ") and verb.i > verb.sent.start
                     and doc[verb.i - 1].pos_ in ("NOUN", "PROPN") and verb.head.dep_.startswith("nsubj")):
        return True
    if any(c.dep_ == "neg" for c in verb.children) or _is_passive(verb):
        return True
    return _unreal(verb)


def _verb_speaker(verb: Token, inherited: dict[int, Token]) -> tuple[Token | None, tuple[int, int] | None, bool, float]:
    """``(subject token, speaker token range, inverted, confidence)`` of a speech verb: its parsed or
    inherited subject (the antecedent of a relative ``who``/``which``), else the fallbacks for garbled order (``, said the head of X``) and misparsed
    fronted reports (``CLAUSE, the head of X noted``).

    >>> doc = _example("The talks ended without a deal, Foreign Minister Jan Novak said.")
    >>> subj, (start, end), inverted, confidence = _verb_speaker(_token(doc, "said"), {})
    >>> doc[start:end].text, inverted
    ('Foreign Minister Jan Novak', False)
    """
    own = _own_subject(verb)
    if own is None and verb.i > verb.sent.start and verb.doc[verb.i - 1].is_punct:
        speaker = _inverted_speaker(verb)  # '"...," said in response the Y': before any inherited subject
        if speaker is not None:
            return None, speaker, True, 0.8
    subj = _subject(verb, inherited)
    if subj is not None:
        return subj, _speaker_span(subj), subj.i > verb.i, 0.9
    speaker = _as_clause_speaker(verb)
    if speaker is not None:
        return None, speaker, True, 0.75
    speaker = _inverted_speaker(verb)
    if speaker is not None:
        return None, speaker, True, 0.7
    return None, _comma_speaker(verb), False, 0.7


def _verb_constructions(t: Token, inherited: dict[int, Token]) -> list[_Construction]:
    """The constructions a speech verb opens: one record, or more when its content is split (a
    second ``that`` clause after a partial quote, two sides of a parenthetical cue). Content rules
    are tried in order: an object cue (``warned of``), the ``ccomp`` clause, then the fallbacks of
    ``_fallback_content``."""
    lemma = t.lemma_.lower()
    object_pairs, _ = _phrase_tables()
    prep = _object_prep(t, object_pairs)
    verbs = speech_verbs()
    if (lemma not in verbs and prep is None) or t.pos_ not in ("VERB", "AUX") or _not_a_speech_use(t):
        return []
    subj, speaker, inverted, confidence = _verb_speaker(t, inherited)
    if subj is not None and speaker is None:
        return []  # a demonstrative subject: "that said"
    cue = (t.i, t.i + 1)
    contents: list[tuple[int, int]] = []
    if prep is not None:  # 1. "warned of NP", "called on NP to VP"
        pobj = next(c for c in prep.children if c.dep_ in ("pobj", "pcomp"))
        agent = subj is not None and looks_like_agent(subj) and (
            bool(subj.ent_type_) or subj.pos_ in ("PRON", "PROPN") or t.tag_ in ("VBD", "VBN", "VBG"))
        if agent or (subj is None and speaker is not None):
            span = _object_content(t, prep, pobj)
            contents = [span] if span else []
            cue = (t.i, prep.i + 1)
            confidence = min(confidence, 0.8)
        elif lemma not in verbs:
            return []
    if not contents and lemma in verbs:
        comp = next((c for c in t.children if c.dep_ == "ccomp"), None)
        if comp is not None and any(c.dep_ == "mark" and c.lower_ in ("whether", "if") for c in comp.children):
            pass  # 2a. an embedded question ("refused to say whether") reports no statement
        elif lemma in that_speech_verbs() and (comp is None or not any(
                c.dep_ == "mark" and c.lower_ == "that" for c in comp.children)):
            pass  # 2b. "considers the plan unfair": a stance verb without "that"
        elif comp is not None:  # 2c. "said (that) CLAUSE", "CLAUSE, X said"
            contents = _complement_contents(t, comp, subj, inherited)
        else:  # 3. fallbacks
            contents, speaker, confidence = _fallback_contents(t, speaker, confidence)
    if not contents:
        return [_Construction(cue, speaker, inverted, t.i, None, confidence)]
    return [_Construction(cue, speaker, inverted, t.i, span, confidence) for span in contents]


def _complement_contents(verb: Token, comp: Token, subj: Token | None,
                         inherited: dict[int, Token]) -> list[tuple[int, int]]:
    """Content spans of a verb's ``ccomp``: the clause up to its first break, and a second ``that``
    clause after a partial quote. Coordinated speech verbs inside it inherit the speaker.

    >>> doc = _example('The agency said that it "respects the rules" and that the flow will not change.')
    >>> verb = _token(doc, "said")
    >>> comp = next(c for c in verb.children if c.dep_ == "ccomp")
    >>> [_text(doc, span) for span in _complement_contents(verb, comp, None, {})]
    ['it "respects the rules', 'the flow will not change']
    """
    object_pairs, _ = _phrase_tables()
    coordinated = _coordinated_cues(comp, object_pairs)
    if subj is not None:
        for other in coordinated:
            inherited[other.i] = subj
    cuts = _clause_breaks(comp, coordinated)
    spans = [_clause_content(comp, verb, cuts)]
    spans += [_clause_content(extra, verb, cuts) for extra in _that_conjuncts(comp)]
    return [span for span in spans if span is not None]


def _fallback_contents(verb: Token, speaker: tuple[int, int] | None,
                       confidence: float) -> tuple[list[tuple[int, int]], tuple[int, int] | None, float]:
    """Content when the verb has no ``ccomp``, tried in order: ``As X said, CLAUSE``; ``CLAUSE, X
    said`` parsed under the clause; ``urged NP to VP``; a verb misparsed as a modifier; the direct
    object of an ``object``-tagged verb; ``X VERB that CLAUSE`` unattached; a parenthetical cue between
    two clauses. Returns the spans, the (possibly recovered) speaker and the confidence."""
    content = (_as_clause_content(verb) or _fronted_content(verb) or _object_infinitive(verb)
               or _modifier_misparse_content(verb))
    if content is not None:
        if speaker is None and verb.dep_ in ("amod", "compound"):
            speaker = _preceding_noun_phrase(verb)
        return [content], speaker, confidence
    if verb.lemma_.lower() in object_speech_verbs():
        content = _dobj_content(verb)
        if content is not None:
            return [content], speaker, min(confidence, 0.75)
    content = _that_clause_fallback(verb)
    if content is not None:
        return [content], speaker or _preceding_noun_phrase(verb), min(confidence, 0.7)
    if speaker is not None:
        return _parenthetical_contents(verb), speaker, min(confidence, 0.7)
    return [], speaker, confidence


def _cue_record(doc: Doc, c: _Construction, text: str) -> Cue:
    start, end = _char_span(doc, *c.cue_tokens)
    if c.speaker is None:
        s_start = s_end = s_text = None
    else:
        s_start, s_end = _char_span(doc, *c.speaker)
        s_text = text[s_start:s_end]
    return Cue(start, end, text[start:end], s_start, s_end, s_text, c.inverted, c.head)


def speech_cues(doc: Doc | Span) -> list[Cue]:
    """Every speech verb or cue phrase in ``doc`` with its speaker, in text order.

    Offsets are into the underlying ``Doc.text``. Needs a parsed doc (tagger, parser, lemmatizer; NER
    helps to recognize speakers).
        >>> cues = speech_cues(_example('"It was a mistake," the former minister told the BBC.'))
    >>> [(c.cue, c.speaker_text, c.inverted) for c in cues]
    [('told', 'the former minister', False)]
    """
    base, _, _ = _doc_and_bounds(doc)
    text = base.text
    return [_cue_record(base, c, text) for c in _constructions(doc)]



# ------------------------------------------------------------ quoted fragments inside reported speech

#: conjunctions and subordinators after which a quoted fragment has closed its clause
_CLAUSE_CLOSERS = frozenset({"and", "but", "or", "as", "while", "whereas", "although", "though",
                             "because", "since", "adding", "saying"})
#: subject dependencies that make a verb the head of a finite clause
_SUBJECT_DEPS = ("nsubj", "nsubjpass", "expl", "csubj")


def heading_line(line: str) -> bool:
    """A headline, standfirst or subhead: a short line (at most 25 words) with no final punctuation
    (``Union warns of job losses``). Reported speech read from it is not a quote.

    >>> heading_line("Union warns of job losses at steel plant")
    True
    >>> heading_line("The union warned of job losses at the plant.")
    False
    >>> heading_line('Minister says the plan "will work"')
    True
    """
    body = line.strip().rstrip("\"“”«»'’)]")
    return bool(body) and body[-1] not in ".!?…:;," and len(body.split()) <= 25


def quoted_stretches(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Char spans of the stretches of ``text[start:end]`` (one line) between quotation marks, marks
    and inner edge spaces excluded. Double marks pair in order and a mark left open runs to ``end``;
    in a line without double marks, single marks pair when one opens before a word and a later one
    closes after it (apostrophes inside words, ``don't``, are passed over).

    >>> t = 'He said the ferry was "the only thing that works" and that "it" stays.'
    >>> [t[s:e] for s, e in quoted_stretches(t, 0, len(t))]
    ['the only thing that works', 'it']
    >>> t = "She said it wasn't 'broken beyond repair' yet."
    >>> [t[s:e] for s, e in quoted_stretches(t, 0, len(t))]
    ['broken beyond repair']
    """
    marks = [i for i in range(start, end) if is_quote_mark(text[i])]
    pairs = [(marks[k], marks[k + 1] if k + 1 < len(marks) else end) for k in range(0, len(marks), 2)]
    if not marks:
        pairs = _single_pairs(text, start, end)
    out = []
    for m, close in pairs:
        s, e = m + 1, close
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


def _single_pairs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``(opening, closing)`` offsets of single quotation marks in ``text[start:end]``."""
    pairs = []
    i = start
    while i < end:
        before = text[i - 1] if i > start else " "
        after = text[i + 1] if i + 1 < end else " "
        if text[i] in "'‘" and not before.isalnum() and after.isalnum():
            close = next((j for j in range(i + 2, end) if text[j] in "'’" and not text[j - 1].isspace()
                          and (j + 1 >= end or not text[j + 1].isalnum())), None)
            if close is not None:
                pairs.append((i, close))
                i = close
        i += 1
    return pairs


def _finite_head(token: Token) -> Token | None:
    """The head of the finite clause that holds ``token``: the nearest verb (itself included) with a
    subject of its own, coordinated with another verb, or a complement clause; infinitives
    (``to "shoot to kill"``) and participles are passed on to the clause above them."""
    t = token
    for _ in range(20):
        if any(c.dep_ in _SUBJECT_DEPS for c in t.children) or t.dep_ in ("ccomp", "ROOT") \
                or (t.pos_ in ("VERB", "AUX") and t.dep_ == "conj" and t.head.pos_ in ("VERB", "AUX")):
            return t  # a misparse may head the clause with a noun ('had "identified savings"')
        if t.head.i == t.i:
            return None
        t = t.head
    return None


def _fragment_tokens(doc: Doc, s: int, e: int) -> list[Token]:
    return [t for t in doc if t.idx >= s and t.idx + len(t) <= e and not (t.is_punct or t.is_space)]


def speakers_words(doc: Doc, s: int, e: int, content_end: int) -> bool:
    """Whether the quoted stretch ``[s, e)`` (char offsets, marks excluded) inside reported content
    is the speaker's own words (a partial quote) rather than a scare-quoted term: at least two
    words, and four words or more, or an adverb or adjective phrase (``acted "calmly and
    professionally"``), or it holds the head verb of its clause (``it had "identified savings"
    worth``), or it closes its clause (``the closure was "a disgrace" and that``). A single word or
    a short noun, verb or prepositional term inside the clause (``the "help" of the West``, ``a
    "security belt" around``) is a term.

    >>> doc = _example('He said the plan was "dead in the water" and that talks had "moved on" since.')
    >>> t = doc.text
    >>> [speakers_words(doc, s, e, len(t)) for s, e in quoted_stretches(t, 0, len(t))]
    [True, True]
    >>> doc = _example('She said the region needed a "security belt" around its border.')
    >>> t = doc.text
    >>> [speakers_words(doc, s, e, len(t)) for s, e in quoted_stretches(t, 0, len(t))]
    [False]
    """
    tokens = _fragment_tokens(doc, s, e)
    words = [t for t in tokens if any(ch.isalnum() for ch in t.text)]
    if len(words) < 2:
        return False
    if len(words) >= 4:
        return True
    inside = {t.i for t in tokens}
    top = next((t for t in tokens if t.head.i not in inside or t.head.i == t.i), tokens[0])
    if top.pos_ in ("ADV", "ADJ"):
        return True  # an evaluation in the speaker's words: acted "appropriately and professionally"
    if any(t.head.i not in inside and _finite_head(t) is not None and _finite_head(t).i in inside
           for t in tokens):
        return True
    nxt = next((t for t in doc if t.idx >= e and not (t.is_punct or t.is_space)), None)
    return nxt is None or nxt.idx >= content_end or nxt.lower_ in _CLAUSE_CLOSERS


def _clause_span(doc: Doc, s: int, e: int) -> tuple[int, int] | None:
    """Char span of the finite clause that holds the quoted stretch ``[s, e)``, without the
    coordinated clauses of its own (``and that CLAUSE``, ``but CLAUSE``) that follow the stretch."""
    tokens = _fragment_tokens(doc, s, e)
    if not tokens:
        return None
    inside = {t.i for t in tokens}
    top = next((t for t in tokens if t.head.i not in inside or t.head.i == t.i), tokens[0])
    head = _finite_head(top)
    if head is None:
        return None
    start_i, end_i = head.left_edge.i, head.right_edge.i + 1
    for child in head.subtree:  # the parser may hang "and that C" on any word of the clause
        if child.dep_ == "conj" and child.pos_ in ("VERB", "AUX") and child.left_edge.i > tokens[-1].i \
                and (any(c.dep_ in _SUBJECT_DEPS for c in child.children)
                     or any(c.dep_ == "mark" for c in child.children)):
            k = child.left_edge.i
            while k > start_i and (doc[k - 1].dep_ == "cc" or doc[k - 1].is_punct):
                k -= 1
            end_i = min(end_i, max(k, tokens[-1].i + 1))
    return _char_span(doc, start_i, end_i)


def _leftover_clauses(doc: Doc, start: int, end: int, clause: tuple[int, int]) -> list[tuple[int, int]]:
    """The parts of reported content ``[start, end)`` outside a quoted clause that still read as a
    clause of their own (a verb and three words or more, no speech verb: that would be another
    report's attribution), trimmed of joining words."""
    out = []
    for a, b in ((start, min(end, clause[0])), (max(start, clause[1]), end)):
        if b <= a:
            continue
        a, b = trim(doc.text, a, b)
        toks = [t for t in doc if t.idx >= a and t.idx + len(t) <= b]
        while toks and (toks[0].lower_ in ("and", "but", "or", "that", "while") or toks[0].is_punct):
            toks = toks[1:]
        while toks and (toks[-1].lower_ in ("and", "but", "or", "that") or toks[-1].is_punct):
            toks = toks[:-1]
        words = [t for t in toks if not (t.is_punct or t.is_space)]
        if any(t.pos_ == "VERB" and t.lemma_.lower() in speech_verbs() for t in words):
            continue  # another report's attribution ("She told the BBC"), not content
        if len(words) >= 3 and any(t.pos_ in ("VERB", "AUX") for t in words) \
                and not any(is_quote_mark(ch) for t in toks for ch in t.text):
            a, b = trim(doc.text, toks[0].idx, toks[-1].idx + len(toks[-1]))
            out.append((a, b))
    return out


#: the least share of reported content that its quoted fragments must cover to be partial quotes
#: of their own; below it the content is one indirect quote, marks included
FRAGMENT_SHARE = 0.5


def split_quoted_content(doc: Doc, start: int, end: int, line: tuple[int, int]) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Split reported content ``[start, end)`` around the quoted fragments that are the speaker's own
    words: ``(partials, indirect parts)``. A fragment needs an unquoted lead-in inside the content.
    When the fragments (marks included) cover no more than :data:`FRAGMENT_SHARE` of the content they are part of one
    indirect quote (``said the old depot had stood idle for years and was "an eyesore for the street"``),
    which comes back whole, marks included. Otherwise each fragment's clause is left to the partial,
    and the other clauses that stand on their own stay indirect.

    >>> doc = _example('He said the ferry was "the only thing in this whole town that still works" and that cuts would hurt.')
    >>> t = doc.text
    >>> parts, rest = split_quoted_content(doc, 8, len(t) - 1, (0, len(t)))
    >>> [t[s:e] for s, e in parts], [t[s:e] for s, e in rest]
    (['the only thing in this whole town that still works'], ['cuts would hurt'])
    >>> doc = _example('He said the ferry was "the only thing that works" and that cutting it would hurt.')
    >>> [[doc.text[s:e] for s, e in side] for side in split_quoted_content(doc, 8, len(doc.text) - 1, (0, len(doc.text)))]
    [[], ['the ferry was "the only thing that works" and that cutting it would hurt']]
    >>> doc = _example('The analyst said the deal had "enraged" the West.')
    >>> [[doc.text[s:e] for s, e in side] for side in split_quoted_content(doc, 17, 48, (0, 49))]
    [[], ['the deal had "enraged" the West']]
    """
    text = doc.text
    partials: list[tuple[int, int]] = []
    clauses: list[tuple[int, int]] = []
    for s, e in quoted_stretches(text, *line):
        mark = s - 1
        while mark > line[0] and not (is_quote_mark(text[mark]) or text[mark] in "'‘"):
            mark -= 1
        if not (start < mark < end) or not text[start:mark].strip(" ,;:"):
            continue  # no lead-in: a direct quote or a quotation that opens the content
        if not speakers_words(doc, s, e, end):
            continue
        partials.append((s, e))
        clause = _clause_span(doc, s, e) or (start, end)
        clauses.append((min(clause[0], mark), max(clause[1], e)))
    if not partials or sum(e - s + 2 for s, e in partials) <= FRAGMENT_SHARE * (end - start):  # marks count, as in quoted_share
        return [], [(start, end)]
    rest = [(start, end)]
    for clause in clauses:
        rest = [part for a, b in rest for part in _leftover_clauses(doc, a, b, clause)]
    return partials, rest


def _paragraph(text: str, start: int, end: int) -> tuple[int, int]:
    """The line of ``text`` around ``[start, end)``."""
    ps = text.rfind("\n", 0, start) + 1
    pe = text.find("\n", end)
    return ps, len(text) if pe < 0 else pe


#: a time adjunct of the speech verb parsed into the start of its content ("said on Thursday it would",
#: "told reporters yesterday that"), with the "that" after it
_SUBJECT_START = r"(?=that\s|(?:it|he|she|they|we|i|the|a|an|his|her|its|their|this|these|those|there|no|all|some)\b|(?-i:[A-Z]))"
_LEADING_TIME = re.compile(
    r"(?:(?:(?:on|last|this|late|early)\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
    r"|yesterday|today|tonight|on\s+\w+\s+\d{1,2}|on\s+\d{1,2}\s+\w+)"
    rf"(?:\s+(?:morning|afternoon|evening|night))?,?\s+{_SUBJECT_START}(?:that\s+)?",
    re.IGNORECASE)

#: what may stand between two contents of one cue that are one report: "said A and that B"
_CONTENT_JOIN = re.compile(r"^[\s,;\"”’'»]*(?:and|but)\s+(?:that\s+)?$")


def _joined_contents(text: str, constructions: list[_Construction]) -> list[_Construction]:
    """The constructions with the coordinated contents of one cue joined into one
    (``said the plan was "a mess" and that talks would go on``): one report, whose quoted
    fragments are then weighed against the whole content (:func:`split_quoted_content`)."""
    out: list[_Construction] = []
    for c in constructions:
        prev = out[-1] if out else None
        if prev is not None and c.content is not None and prev.content is not None \
                and prev.cue_tokens == c.cue_tokens and prev.content[1] <= c.content[0] \
                and _CONTENT_JOIN.match(text[prev.content[1]:c.content[0]]):
            out[-1] = dataclasses.replace(prev, content=(prev.content[0], c.content[1]))
            continue
        out.append(c)
    return out


def reported_speech(doc: Doc | Span, fragments: bool = False) -> list[Report]:
    """Every reported-speech construction in ``doc`` whose content is not inside quotation marks.

    One record per construction, in text order; offsets are into the underlying ``Doc.text``. The
    content excludes the cue, the speaker, a leading ``that`` and the final period, and stays within
    the cue's line. No record for questions, negated or modal cues ("did not say that", "would
    ask"), content introduced by a quotation mark or a speech dash, content mostly in quotation marks
    (a partial quote), a cue inside a quotation, a missing or first/second-person speaker, or a
    headline (``heading_line``: the content runs to the end of a short unpunctuated line).

    A quoted fragment in the content that is the speaker's own words (``split_quoted_content``)
    takes its clause with it: only the clauses that stand on their own stay indirect. With
    ``fragments=True`` the fragments come back too, as ``kind="partial"`` records with the same cue
    and speaker.
        >>> doc = _example("According to the mayor, the bridge will reopen in June. She warned of long delays.")
    >>> [(_text(doc, (r.content_start, r.content_end)), r.cue, r.speaker_text) for r in reported_speech(doc)]
    [('the bridge will reopen in June', 'According to', 'the mayor'), ('long delays', 'warned of', 'She')]
    >>> doc = _example('The mayor said the bridge was "a disgrace to everyone who has to cross it every single day" and that repairs would start.')
    >>> [(r.kind, _text(doc, (r.content_start, r.content_end))) for r in reported_speech(doc, fragments=True)]
    [('partial', 'a disgrace to everyone who has to cross it every single day'), ('indirect', 'repairs would start')]
    >>> doc = _example("Shell said on Thursday it would sell its stake in the field.")
    >>> [_text(doc, (r.content_start, r.content_end)) for r in reported_speech(doc)]
    ['it would sell its stake in the field']
    >>> doc = _example('The mayor said the bridge was "a disgrace" and that repairs would start soon.')
    >>> [(r.kind, _text(doc, (r.content_start, r.content_end))) for r in reported_speech(doc, fragments=True)]
    [('indirect', 'the bridge was "a disgrace" and that repairs would start soon')]
    """
    base, _, _ = _doc_and_bounds(doc)
    text = base.text
    out = []
    seen_partials: set[tuple[int, int]] = set()
    for c in _joined_contents(text, _constructions(doc)):
        if c.content is None:
            continue
        cue = _cue_record(base, c, text)
        if cue.speaker_text is None or cue.speaker_text.lower() in _FIRST_SECOND_PERSON:
            continue  # no speaker ("a way of thinking that"), or speech inside someone's quote
        ps, pe = _paragraph(text, cue.cue_start, cue.cue_end)
        start, end = max(c.content[0], ps), min(c.content[1], pe)
        if cue.speaker_start is not None and cue.speaker_start < end and start < cue.speaker_end:
            if cue.speaker_start <= start:
                continue
            end = cue.speaker_start  # the parse put the speaker inside the content
        start, end = trim(text, start, end)
        lead = _LEADING_TIME.match(text, start, end)
        if lead and lead.end() < end:
            start = lead.end()  # "said on Thursday it would ...": the time is the report's, not its content
        if end - start < 8 or len(text[start:end].split()) < 2:
            continue
        if cue.cue_start < start and heading_line(text[ps:pe]) and not text[end:pe].strip(" .\"”’»'"):
            continue  # a headline or subhead: "Union warns of job losses"
        attr_start, attr_end = cue.cue_start, cue.cue_end  # the attribution: cue and speaker
        if cue.speaker_start is not None:
            attr_start, attr_end = min(attr_start, cue.speaker_start), max(attr_end, cue.speaker_end)
        sent_start = max(base[c.head].sent.start_char, ps)
        if inside_quotation(text, sent_start, min(start, cue.cue_start)):
            continue  # a report inside someone's quote
        gap = text[end:cue.cue_start] if end <= cue.cue_start else text[cue.cue_end:start]
        if sum(ch in _SPEECH_DASHES for ch in gap) == 1:  # dash speech, or a clause across a dash
            continue
        if base[c.head].sent.text.rstrip().rstrip('"”“»').endswith("?"):
            continue
        partials, parts = split_quoted_content(base, start, end, (ps, pe))
        for s, e in partials:
            if fragments and (s, e) not in seen_partials:
                seen_partials.add((s, e))
                out.append(Report(s, e, cue.cue_start, cue.cue_end, cue.cue, cue.speaker_start,
                                  cue.speaker_end, cue.speaker_text, "partial", c.confidence))
        for s, e in parts:
            if e - s < 8 or len(text[s:e].split()) < 2 or in_quotation(text, s, e, attr_start, attr_end):
                continue
            if quoted_share(text, s, e) > 0.5:
                continue  # mostly a partial quote
            out.append(Report(s, e, cue.cue_start, cue.cue_end, cue.cue, cue.speaker_start,
                              cue.speaker_end, cue.speaker_text, "indirect", c.confidence))
    return out
