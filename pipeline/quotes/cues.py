"""Speech-cue lexicons and their matching on a parse.

Lexicons (data files in ``lexicons/``, read through :mod:`pipeline.lexicons`): ``cues_speech_verbs.txt``
(lemmas, some tagged ``object`` or ``that``; :func:`speech_verbs`, :func:`object_speech_verbs`,
:func:`that_speech_verbs`) and ``cues_phrases.txt`` (phrases with a role; :func:`cue_phrases`,
:func:`cue_phrase_roles`). Speaker nouns are read from the shared lexicons of titles, organisation
heads and descriptions (:func:`speaker_nouns`). On a parsed ``Doc``, :func:`cue_candidates` finds the
tokens that can open a construction and :func:`match_phrases` the multi-word cue phrases.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.attrs import LEMMA, LOWER
from spacy.strings import get_string_id
from spacy.tokens import Doc

from pipeline.lexicons import lexicon_lines

__all__ = [
    "POSSESSIVES", "PHRASE_ROLES", "speech_verbs", "that_speech_verbs", "object_speech_verbs",
    "cue_phrase_roles", "cue_phrases", "phrase_verb_lemmas", "speaker_nouns",
    "phrase_tables", "cue_candidates", "match_phrases"
]


#: possessive forms that a cue phrase written with "his" also stands for
POSSESSIVES = ("his", "her", "their", "its")

#: phrase roles allowed in cues_phrases.txt (see its header)
PHRASE_ROLES = ("source", "possessive", "clause", "object")

#: irregular past tenses of verbs that open a cue phrase (English grammar, not a lexicon of names)
_IRREGULAR_PAST = {"drew": "draw", "did": "do", "made": "make", "spoke": "speak", "took": "take",
                   "went": "go", "gave": "give", "said": "say", "told": "tell", "wrote": "write"}


def _read_lexicon(name: str) -> list[str]:
    """Entries of a lexicon file, lower-cased."""
    return [line.lower() for line in lexicon_lines(name)]


@lru_cache(maxsize=1)
def _verb_table() -> dict[str, str]:
    """Each speech-verb lemma with its tag ('', ``object`` or ``that``)."""
    table = {}
    for line in _read_lexicon("cues_speech_verbs.txt"):
        lemma, _, tag = (part.strip() for part in line.partition("|"))
        if tag not in ("", "object", "that"):
            raise ValueError(f"cues_speech_verbs.txt: unknown tag {tag!r} for {lemma!r}")
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
    for line in _read_lexicon("cues_phrases.txt"):
        phrase, _, role = (part.strip() for part in line.partition("|"))
        if role not in PHRASE_ROLES:
            raise ValueError(f"cues_phrases.txt: unknown role {role!r} for {phrase!r}")
        words = phrase.split()
        roles[" ".join(words)] = role
        if "his" in words:
            for poss in POSSESSIVES:
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


def phrase_verb_lemmas(word: str) -> frozenset[str]:
    """Candidate lemmas of the past-tense verb that opens a cue phrase.

    Regular pasts lose ``-ed`` or ``-d`` (both are tried, the parser's lemma picks the right one).

    >>> sorted(phrase_verb_lemmas("warned"))
    ['warn', 'warne', 'warned']
    >>> sorted(phrase_verb_lemmas("drew"))
    ['draw', 'drew']
    """
    forms = {word}
    if word in _IRREGULAR_PAST:
        forms.add(_IRREGULAR_PAST[word])
    elif word.endswith("ed"):
        forms.update({word[:-2], word[:-1]})
    return frozenset(forms)


#: the lexicons of speaker nouns (titles, organisation heads, descriptions; their rules live in
#: :mod:`pipeline.speakers`, a layer above this one), read here for their head words only
_SPEAKER_NOUN_LEXICONS = ("titles.txt", "org_heads.txt", "descriptions.txt")


@lru_cache(maxsize=1)
def speaker_nouns() -> frozenset[str]:
    """Head nouns that name a speaker, read from the shared lexicons of titles (``minister``),
    organisation heads (``union``, ``ministry``) and descriptions (``analyst``, ``publication``):
    the last word of each entry's first field, lower-cased.

    >>> {"minister", "spokesman"} <= speaker_nouns()
    True
    """
    heads: set[str] = set()
    for name in _SPEAKER_NOUN_LEXICONS:
        for line in _read_lexicon(name):
            words = line.split("\t", 1)[0].split()
            if words:
                heads.add(words[-1])
    return frozenset(heads)


@lru_cache(maxsize=1)
def phrase_tables() -> tuple[dict[str, set[str]], dict[str, list[tuple[tuple[frozenset[str], ...], str]]]]:
    """Two-word object cues as ``{verb lemma: {prepositions}}`` (matched on the parse, so a phrase may
    stand between verb and preposition), and every other phrase indexed by its first word's forms."""
    object_pairs: dict[str, set[str]] = {}
    surface = []
    for phrase, role in cue_phrase_roles().items():
        words = phrase.split()
        if role == "object" and len(words) == 2:
            for lemma in phrase_verb_lemmas(words[0]):
                object_pairs.setdefault(lemma, set()).add(words[1])
            continue
        forms = []
        for k, w in enumerate(words):
            if k == 0 and role in ("clause", "object"):
                forms.append(phrase_verb_lemmas(w))
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
    object_pairs, firsts = phrase_tables()
    verb_ids = frozenset(get_string_id(w) for w in speech_verbs() | set(object_pairs))
    first_ids = frozenset(get_string_id(w) for w in firsts)
    return verb_ids, first_ids


def cue_candidates(doc: Doc, lo: int, hi: int) -> tuple[list[int], list[int]]:
    """Token indices in ``[lo, hi)`` whose lemma is a speech-verb/object-cue lemma, and those whose
    lower-case form or lemma opens a cue phrase (read from one attribute array, no Token objects)."""
    if hi <= lo:
        return [], []
    verb_ids, first_ids = _candidate_ids()
    rows = doc.to_array([LOWER, LEMMA])[lo:hi].tolist()
    verbs = [lo + k for k, (_, lemma) in enumerate(rows) if lemma in verb_ids]
    firsts = [lo + k for k, (lower, lemma) in enumerate(rows) if lower in first_ids or lemma in first_ids]
    return verbs, firsts


def match_phrases(doc: Doc, starts: list[int], lo: int, hi: int) -> list[tuple[int, int, str]]:
    """Surface matches ``(start, end, role)`` of multi-word cue phrases, longest first, no overlaps.

    >>> from pipeline.quotes.doc_spans import parse_example
    >>> doc = parse_example("In her view, the plan is sound and according to the mayor it will work.")
    >>> match_phrases(doc, cue_candidates(doc, 0, len(doc))[1], 0, len(doc))
    [(0, 3, 'possessive'), (9, 11, 'source')]
    """
    _, firsts = phrase_tables()
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
