"""Clause content on the parse: the char span of what a speech cue reports, from its complement
clause (``said (that) CLAUSE``, cut where the speaker's words stop), its object (``warned of NP``,
``called on NP to VP``, ``urged NP to VP``) or, where the parse is garbled, from surface order
(``As X said, CLAUSE``, ``CLAUSE, X said``, ``According to X, CLAUSE``).
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from pipeline.quotes.cues import speech_verbs
from pipeline.quotes.doc_spans import char_span, is_quote_mark
from pipeline.quotes.subjects import as_clause_speaker, own_subject

__all__ = [
    "clause_breaks", "that_conjuncts", "clause_content", "coordinated_cues", "object_prep",
    "object_content", "object_infinitive", "modifier_misparse_content", "dobj_content",
    "as_clause_content", "that_clause_fallback", "parenthetical_contents", "fronted_content",
    "rest_of_sentence"
]


#: subordinators that open the writer's context after a report (``..., as prices rise``)
_CONTEXT_SUBORDINATORS = frozenset({"as", "while", "whereas", "although", "though", "because", "since"})

#: generic subjects of sayings ("as they say", "as people say")
_GENERIC_SUBJECTS = frozenset({"they", "you", "one", "people", "we"})

#: words that open an embedded question (``asked why ...``): a question reports no statement
_WH_WORDS = frozenset({"why", "what", "how", "where", "when", "who", "whom", "whose", "which",
                       "whether", "if"})


def clause_breaks(comp: Token, coordinated: list[Token]) -> list[int]:
    """Token indices where a complement clause stops being the speaker's words:

    - a coordinated speech verb without its own subject (a second report by the same speaker);
    - a coordinated clause with its own subject after ``, but`` / ``, however`` (the writer's voice);
    - a trailing participle clause after a comma (``..., effectively admitting that ...``);
    - a trailing adverbial clause after a comma opened by a subordinator such as ``as`` or ``while``
      (``..., as prices rise``: the writer's context);
    - a second ``that`` clause after a quoted first one (``said that A "B" and that C``): the first
      is then a partial quote, the second a report of its own.

    >>> from pipeline.quotes.doc_spans import example_token, parse_example
    >>> doc = parse_example("The mayor warned that floods could return, as rivers rise across the region.")
    >>> comp = next(c for c in example_token(doc, "warned").children if c.dep_ == "ccomp")
    >>> [doc[i].text for i in clause_breaks(comp, [])]
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
                and own_subject(t) is not None:
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
    for t in that_conjuncts(comp):
        cuts.append(t.left_edge.i)
    return cuts


def that_conjuncts(comp: Token) -> list[Token]:
    """Clauses coordinated with a complement that repeat ``that`` right after a closing quotation
    mark (``said that it "respects the rules" and that the flow will not change``).

    >>> from pipeline.quotes.doc_spans import example_token, parse_example
    >>> doc = parse_example('The agency said that it "respects the rules" and that the flow will not change.')
    >>> comp = next(c for c in example_token(doc, "said").children if c.dep_ == "ccomp")
    >>> [t.text for t in that_conjuncts(comp)]
    ['change']
    >>> doc = parse_example('The governor said inflation was "gradually moderating" and that rates would stay on hold.')
    >>> comp = next(c for c in example_token(doc, "said").children if c.dep_ == "ccomp")
    >>> [t.text for t in that_conjuncts(comp)]
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


def clause_content(comp: Token, verb: Token, cuts: list[int]) -> tuple[int, int] | None:
    """Char span of a complement clause: its subtree without the leading ``that``, on the far side of
    the speech verb when the parse wraps around it, and cut at the first break.

    >>> from pipeline.quotes.doc_spans import example_token, parse_example, span_text
    >>> doc = parse_example("The mayor warned that floods could return, as rivers rise across the region.")
    >>> verb = example_token(doc, "warned")
    >>> comp = next(c for c in verb.children if c.dep_ == "ccomp")
    >>> span_text(doc, clause_content(comp, verb, clause_breaks(comp, [])))
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
    return char_span(doc, start_i, end_i)


def coordinated_cues(comp: Token, object_pairs: dict[str, set[str]]) -> list[Token]:
    """Speech verbs coordinated inside a complement without a subject of their own, or added as a
    participle (``, adding that``): each starts a second report by the same speaker (``said that A,
    and called on B to C``).

    >>> from pipeline.quotes.cues import phrase_tables
    >>> from pipeline.quotes.doc_spans import example_token, parse_example
    >>> doc = parse_example("The president said that the crisis had been overcome, and called on the government to act.")
    >>> comp = next(c for c in example_token(doc, "said").children if c.dep_ == "ccomp")
    >>> [t.text for t in coordinated_cues(comp, phrase_tables()[0])]
    ['called']
    """
    verbs = speech_verbs()
    out = []
    for t in comp.subtree:
        coordinated = t.dep_ == "conj" or (t.dep_ == "advcl" and t.tag_ == "VBG"
                                           and comp.doc[t.left_edge.i - 1].is_punct)
        if coordinated and t.pos_ == "VERB" and t.i > comp.i:
            if not any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children):
                if t.lemma_.lower() in verbs or object_prep(t, object_pairs) is not None:
                    out.append(t)
    return out


def object_prep(verb: Token, object_pairs: dict[str, set[str]]) -> Token | None:
    """The preposition that makes an ``object`` cue of ``verb`` (``warned of``, ``pointed to``), also
    when a phrase stands between them (``pointed in her address to``).

    >>> from pipeline.quotes.cues import phrase_tables
    >>> from pipeline.quotes.doc_spans import example_token, parse_example
    >>> doc = parse_example("She pointed in her address to the rapid growth of exports.")
    >>> object_prep(example_token(doc, "pointed"), phrase_tables()[0]).i
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


def object_content(verb: Token, prep: Token, pobj: Token) -> tuple[int, int] | None:
    """Char span of an ``object`` cue's content: the noun phrase after the preposition, with the
    verb's following modifiers and infinitive (``called on donors to act quickly``),
    up to a coordinated verb or a comma.

    >>> from pipeline.quotes.cues import phrase_tables
    >>> from pipeline.quotes.doc_spans import example_token, parse_example, span_text
    >>> doc = parse_example("The secretary-general called on all parties to respect the ceasefire in the region.")
    >>> verb = example_token(doc, "called")
    >>> prep = object_prep(verb, phrase_tables()[0])
    >>> span_text(doc, object_content(verb, prep, next(prep.children)))
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
    return char_span(doc, start_i, end_i)


def object_infinitive(verb: Token) -> tuple[int, int] | None:
    """``urged both sides to return``: a direct object followed by a ``to`` infinitive is the content
    of a request or an order (object and infinitive together).

    >>> from pipeline.quotes.doc_spans import example_token, parse_example, span_text
    >>> doc = parse_example("The United Nations urged both sides to return to the negotiating table.")
    >>> span_text(doc, object_infinitive(example_token(doc, "urged")))
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
    return char_span(verb.doc, dobj.left_edge.i, xcomp.right_edge.i + 1)


def modifier_misparse_content(verb: Token) -> tuple[int, int] | None:
    """``The minister added prices would rise``, parsed with the speech verb as a modifier of the
    clause's subject: the content is that subject's clause.

    >>> from pipeline.quotes.doc_spans import example_token, parse_example, span_text
    >>> doc = parse_example("The central bank added prices would grow next year.")
    >>> span_text(doc, modifier_misparse_content(example_token(doc, "added")))
    'prices would grow next year.'
    """
    if verb.dep_ not in ("amod", "compound") or not verb.head.dep_.startswith("nsubj"):
        return None
    clause = verb.head.head
    if clause.i <= verb.i or clause.pos_ not in ("VERB", "AUX"):
        return None
    return char_span(verb.doc, verb.i + 1, clause.right_edge.i + 1)


def dobj_content(verb: Token) -> tuple[int, int] | None:
    """Char span of the direct object of an ``object``-tagged speech verb (``stressed the need for
    talks``), when it is a phrase of at least three words.

    >>> from pipeline.quotes.doc_spans import example_token, parse_example, span_text
    >>> doc = parse_example("The governor stressed the need to modernize the power grid.")
    >>> span_text(doc, dobj_content(example_token(doc, "stressed")))
    'the need to modernize the power grid'
    """
    dobj = next((c for c in verb.rights if c.dep_ == "dobj"), None)
    if dobj is None or dobj.right_edge.i - dobj.left_edge.i < 2:
        return None
    if dobj.pos_ in ("PRON", "PROPN") or dobj.ent_type_:
        return None
    return char_span(verb.doc, dobj.left_edge.i, dobj.right_edge.i + 1)


def as_clause_content(verb: Token) -> tuple[int, int] | None:
    """``As X said, CLAUSE`` / ``CLAUSE, as X said``: the main clause outside the ``as`` clause.

    >>> from pipeline.quotes.doc_spans import example_token, parse_example, span_text
    >>> doc = parse_example("As the defence minister said at the briefing, the exercises will continue until Friday.")
    >>> span_text(doc, as_clause_content(example_token(doc, "said")))
    'the exercises will continue until Friday'
    """
    if verb.dep_ != "advcl" or not any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children):
        return None
    subj = own_subject(verb)
    if subj is None and as_clause_speaker(verb) is None:
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
    return char_span(doc, start_i, end_i)


def that_clause_fallback(verb: Token) -> tuple[int, int] | None:
    """Garbled parse of ``X VERB that CLAUSE``: a finite speech verb directly followed by ``that``
    whose clause the parser did not attach; the content runs from ``that`` to the end of the
    sentence, cut before ``, but`` / ``, however``.

    >>> from pipeline.quotes.doc_spans import example_token, parse_example, span_text
    >>> doc = parse_example("The website claims that Spanish workers went on strike only to defend their wages, but the "
    ...                "government called them saboteurs.")
    >>> span_text(doc, that_clause_fallback(example_token(doc, "claims")))
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
    return char_span(doc, k + 1, end_i)


def parenthetical_contents(verb: Token) -> list[tuple[int, int]]:
    """``CLAUSE, X complains, CLAUSE``: a speech verb with its subject set off by commas between two
    clauses reports both of them (two records).

    >>> from pipeline.quotes.doc_spans import example_token, parse_example, span_text
    >>> doc = parse_example("It was a golden age, the magazine complains, the city had jobs for everyone.")
    >>> [span_text(doc, span) for span in parenthetical_contents(example_token(doc, "complains"))]
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
    return [span for a, b in parts if (span := char_span(doc, a, b)) is not None]


def fronted_content(verb: Token) -> tuple[int, int] | None:
    """``CLAUSE, X said`` parsed with the speech verb under the clause (as its ``ccomp``, ``parataxis``
    or comma-joined ``conj``): the content is the sentence before the speech verb's own phrase, when a
    comma separates them and the phrase ends the sentence.

    >>> from pipeline.quotes.doc_spans import span_text
    >>> from spacy.tokens import Doc
    >>> import spacy
    >>> doc = Doc(spacy.blank("en").vocab, words=["Prices", "rose", ",", "the", "bank", "noted", "."],
    ...           heads=[1, 1, 5, 4, 5, 1, 1], deps=["nsubj", "ROOT", "punct", "det", "nsubj", "ccomp", "punct"],
    ...           pos=["NOUN", "VERB", "PUNCT", "DET", "NOUN", "VERB", "PUNCT"], sent_starts=[1, 0, 0, 0, 0, 0, 0])
    >>> span_text(doc, fronted_content(doc[5]))
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
    return char_span(doc, sent.start, left - 1)


def rest_of_sentence(sent: Span, part_start: int, part_end: int) -> tuple[int, int] | None:
    """Char span of the sentence outside the token range ``[part_start, part_end)`` of a source phrase
    (``According to X,``): the part after it when it opens the sentence, else the part before it.
    None when the other part holds a quotation mark (the sentence is then a partial quote).

    >>> from pipeline.quotes.doc_spans import parse_example, span_text
    >>> doc = parse_example("According to the interior minister, more than 300 people were detained.")
    >>> span_text(doc, rest_of_sentence(next(doc.sents), 0, 5))
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
    return char_span(doc, *span)
