"""Clusters of speaker names: which written names across a corpus are one person or organisation.

The attribute stage writes each quote's ``speaker_name`` as the fullest form its article gives; the
same speaker is often written several ways across articles (romanisation variants, a surname alone,
a case-inflected surname, a different capitalisation or a leading "The" for an outlet). Each written
form becomes a node (:func:`name_forms`: one per multi-word or organisation form, one per article
for a surname alone), and the general rules of :mod:`pipeline.speakers.names` join nodes, in this
order (:func:`clustered`):

1. ``same_key`` (:func:`join_same_keys`): names with the same folded, transliteration-blind key
   (:func:`names.name_key` for people after :func:`names.strip_case_ending`, :func:`names.org_key` for
   organisations) are one speaker;
2. ``fuzzy_person`` (:func:`join_similar_people`): people's full names within the edit-distance
   threshold (:func:`names.same_person`);
3. ``surname_alone`` (:func:`join_lone_surnames`): a one-word person name joins the single full name
   with that surname in the same article, else the single one in the corpus; an ambiguous surname
   stays a speaker of its own (:func:`names.surname_candidates`: the last word, or a later word of a
   three-word name);
4. ``acronym`` (:func:`join_acronyms`): a one-word all-capital organisation joins the single
   organisation it abbreviates.

Full person names are compared on their key with spaces removed (:func:`names.compact`), so a
double-barrelled name matches with or without its hyphen. :mod:`pipeline.speakers.resolution` names
the clusters and counts their quotes.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable

from pipeline.speakers import names

__all__ = [
    "PERSON",
    "ORG",
    "NameForm",
    "UnionFind",
    "Clusters",
    "majority_kind",
    "filled_kinds",
    "written_kinds",
    "person_key",
    "name_forms",
    "full_person_names",
    "join_same_keys",
    "join_similar_people",
    "surname_roots",
    "join_lone_surnames",
    "join_acronyms",
    "clustered",
]

PERSON, ORG = "person", "organization"


class UnionFind:
    """Disjoint sets of hashable nodes; the root of a set is its smallest node by ``repr``, so the
    result does not depend on the order of the unions.

    >>> uf = UnionFind()
    >>> for node in ("b", "a", "c"):
    ...     uf.add(node)
    >>> uf.union("b", "a"); uf.find("b"), uf.find("c")
    ('a', 'c')
    """

    def __init__(self) -> None:
        self.parent: dict = {}

    def add(self, x) -> None:
        """Add ``x`` as a set of its own (no change when it is already there)."""
        self.parent.setdefault(x, x)

    def find(self, x):
        """The root of the set of ``x`` (compressing the path on the way)."""
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, a, b) -> None:
        """Join the sets of ``a`` and ``b``."""
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            # the smaller node (by sort order) becomes the root: deterministic
            if repr(rb) < repr(ra):
                ra, rb = rb, ra
            self.parent[rb] = ra


@dataclass
class NameForm:
    """One written form of a name (global for multi-word names, per article for a surname alone)."""

    text: str
    kind: str
    key: str
    n_words: int
    inflected: bool
    count: int = 0
    articles: set = field(default_factory=set)


@dataclass
class Clusters:
    """The result of clustering: the nodes (``forms``), the node of each quote row, the known person
    words (for :func:`person_key`) and the union-find that holds the clusters."""

    forms: dict[tuple, NameForm]
    node_of_row: dict
    person_words: frozenset[str]
    uf: UnionFind

    def members(self) -> dict:
        """``root -> [nodes]`` of every cluster, nodes in the order they were first seen."""
        out: dict = defaultdict(list)
        for node in self.forms:
            out[self.uf.find(node)].append(node)
        return out

    def root_of_node(self) -> dict:
        """``node -> root`` for every node."""
        return {node: self.uf.find(node) for node in self.forms}


def majority_kind(types: Counter) -> str | None:
    """The type of a name: the majority of its non-null types, None when none is given.

    >>> majority_kind(Counter({"person": 2, "organization": 1, None: 5}))
    'person'
    >>> majority_kind(Counter({None: 3})) is None
    True
    """
    known = [(n, t) for t, n in types.items() if t in (PERSON, ORG)]
    if not known:
        return None
    return sorted(known, key=lambda nt: (-nt[0], nt[1]))[0][1]


def filled_kinds(kinds: dict[str, str | None]) -> dict[str, str]:
    """A name with no type takes the type of a typed name with the same organisation key (then
    person key); ``person`` when there is none.

    >>> filled_kinds({"The Harbour Times": "organization", "Harbour times": None, "Ana Diaz": None})
    {'The Harbour Times': 'organization', 'Harbour times': 'organization', 'Ana Diaz': 'person'}
    """
    org_keys = {names.org_key(t) for t, k in kinds.items() if k == ORG}
    filled = {}
    for text, kind in kinds.items():
        if kind is None:
            kind = ORG if names.org_key(text) in org_keys else PERSON
        filled[text] = kind
    return filled


def written_kinds(texts: Iterable[str], types: Iterable) -> dict[str, str]:
    """The type of each written name, by majority over the corpus (:func:`majority_kind`), untyped
    names filled by :func:`filled_kinds`.

    >>> written_kinds(["Ana Diaz", "Ana Diaz", "NPA"], ["person", None, "organization"])
    {'Ana Diaz': 'person', 'NPA': 'organization'}
    """
    type_votes: dict[str, Counter] = defaultdict(Counter)
    for text, t in zip(texts, types):
        type_votes[text][t if isinstance(t, str) else None] += 1
    return filled_kinds({text: majority_kind(votes) for text, votes in type_votes.items()})


@lru_cache(maxsize=16384)  # the same few names come back on every quote of a speaker
def person_key(text: str, known_words: frozenset[str]) -> tuple[str, bool]:
    """The key of a person's name (:func:`names.name_key`) with each word's case ending stripped when
    the shorter word is one of ``known_words`` (:func:`names.strip_case_ending`); and whether any was.

    >>> person_key("Olena Petrenkova", frozenset({"olena", "petrenkov"}))
    ('olena petrenkov', True)
    """
    raw = names.name_key(text)
    words = [names.strip_case_ending(w, known_words) for w in raw.split()]
    key = " ".join(words)
    return key, key != raw


def name_forms(rows: Iterable[tuple], kind_of: dict[str, str],
               person_words: frozenset[str]) -> tuple[dict[tuple, NameForm], dict]:
    """The nodes of the clustering from ``(row index, written name, article id)`` rows: a multi-word
    person name or an organisation is one node ``("form", text)`` for the corpus, a person's name of
    one word one node ``("one", article_id, text)`` per article. Returns ``node -> NameForm`` (in the
    order first seen) and ``row index -> node``.

    >>> forms, node_of_row = name_forms([(0, "Ana Diaz", "a1"), (1, "Diaz", "a1"), (2, "Ana Diaz", "a2")],
    ...                                 {"Ana Diaz": "person", "Diaz": "person"}, frozenset())
    >>> node_of_row
    {0: ('form', 'Ana Diaz'), 1: ('one', 'a1', 'Diaz'), 2: ('form', 'Ana Diaz')}
    >>> forms[("form", "Ana Diaz")].count, sorted(forms[("form", "Ana Diaz")].articles)
    (2, ['a1', 'a2'])
    """
    forms: dict[tuple, NameForm] = {}
    node_of_row: dict = {}
    for idx, text, aid in rows:
        kind = kind_of[text]
        if kind == PERSON:
            key, inflected = person_key(text, person_words)
        else:
            key, inflected = names.org_key(text), False
        n_words = len(key.split())
        if not key:  # no letters or digits at all: the name is its own key
            key, n_words = text, 0
        node = ("one", aid, text) if kind == PERSON and n_words == 1 else ("form", text)
        form = forms.get(node)
        if form is None:
            form = forms[node] = NameForm(text, kind, key, n_words, inflected)
        form.count += 1
        form.articles.add(aid)
        node_of_row[idx] = node
    return forms, node_of_row


def _by_node(forms: dict[tuple, NameForm]) -> list[tuple[tuple, NameForm]]:
    """The nodes and their forms in the order of the nodes' ``repr`` (independent of row order)."""
    return sorted(forms.items(), key=lambda kv: repr(kv[0]))


def full_person_names(forms: dict[tuple, NameForm]) -> list[tuple[str, tuple]]:
    """``(key, node)`` of every person's name of two words or more, sorted."""
    return sorted({(f.key, node) for node, f in forms.items() if f.kind == PERSON and f.n_words >= 2},
                  key=lambda kn: (kn[0], repr(kn[1])))


def join_same_keys(forms: dict[tuple, NameForm], uf: UnionFind) -> None:
    """Rule 1, ``same_key``: nodes with the same key are one speaker (a person's key compacted,
    :func:`names.compact`); a surname alone is left to :func:`join_lone_surnames`, article by article."""
    by_key: dict[tuple, list] = defaultdict(list)
    for node, f in _by_node(forms):
        if node[0] != "one":
            by_key[(f.kind, names.compact(f.key) if f.kind == PERSON else f.key)].append(node)
    for group in by_key.values():
        for other in group[1:]:
            uf.union(group[0], other)


def join_similar_people(full: list[tuple[str, tuple]], uf: UnionFind) -> None:
    """Rule 2, ``fuzzy_person``: full person names (:func:`full_person_names`) that
    :func:`names.same_person` matches are one speaker; compared within blocks of the same word count
    and first letter of the surname."""
    blocks: dict[tuple, list] = defaultdict(list)
    for key, node in full:
        words = key.split()
        blocks[(len(words), words[-1][:1])].append((key, node))
    for block in blocks.values():
        distinct: dict[str, object] = {}
        for key, node in block:
            distinct.setdefault(key, node)
        keys = sorted(distinct)
        for i, a in enumerate(keys):
            for b in keys[i + 1:]:
                if names.same_person(a, b):
                    uf.union(distinct[a], distinct[b])


def surname_roots(sur: str, candidates: Iterable[tuple[str, tuple, bool]], uf: UnionFind) -> set:
    """Clusters whose name has ``sur`` as a surname (``candidates``: ``(surname, node, is_last_word)``);
    else the clusters with a similar last name (:func:`names.similar`)."""
    exact = {uf.find(n) for s, n, _primary in candidates if s == sur}
    if exact:
        return exact
    return {uf.find(n) for s, n, primary in candidates if primary and names.similar(s, sur)}


def _surname_candidates(full: list[tuple[str, tuple]], forms: dict[tuple, NameForm]) -> tuple[dict, list]:
    """The surnames full names can be called by (:func:`names.surname_candidates`), as
    ``(surname, node, is_last_word)``: per article the full names written in it, and for the corpus."""
    by_article: dict[str, list] = defaultdict(list)
    corpus: list = []
    for key, node in full:
        cands = [(sur, node, i == 0) for i, sur in enumerate(names.surname_candidates(key))]
        for aid in sorted(forms[node].articles):
            by_article[aid].extend(cands)
        corpus.extend(cands)
    return by_article, corpus


def join_lone_surnames(forms: dict[tuple, NameForm], full: list[tuple[str, tuple]], uf: UnionFind) -> None:
    """Rule 3, ``surname_alone``: a person's name of one word joins the single cluster with that surname
    (:func:`surname_roots`) among the full names of its article, else among those of the corpus; a
    surname that is ambiguous or unknown joins only the other lone surnames with its key."""
    by_article, corpus = _surname_candidates(full, forms)
    links = []
    alone: dict[str, list] = defaultdict(list)
    corpus_roots: dict[str, set] = {}  # unions happen after this loop, so roots stay valid
    for node, f in _by_node(forms):
        if node[0] != "one":
            continue
        roots = surname_roots(f.key, by_article.get(node[1], []), uf)
        if len(roots) != 1:
            if f.key not in corpus_roots:
                corpus_roots[f.key] = surname_roots(f.key, corpus, uf)
            roots = corpus_roots[f.key]
        if len(roots) == 1:
            links.append((node, next(iter(roots))))
        else:
            alone[f.key].append(node)
    for node, root in links:
        uf.union(root, node)
    for group in alone.values():
        for other in group[1:]:
            uf.union(group[0], other)


def join_acronyms(forms: dict[tuple, NameForm], uf: UnionFind) -> None:
    """Rule 4, ``acronym``: an organisation of one word joins the single cluster of organisations of
    two words or more that it abbreviates (:func:`names.is_acronym_of`)."""
    orgs = [(node, f) for node, f in _by_node(forms) if f.kind == ORG]
    for node, f in orgs:
        if f.n_words != 1:
            continue
        roots = {uf.find(n) for n, g in orgs if g.n_words >= 2 and names.is_acronym_of(f.text, g.text)}
        if len(roots) == 1:
            uf.union(next(iter(roots)), node)


def clustered(rows: Iterable[tuple], kind_of: dict[str, str]) -> Clusters:
    """The speakers of ``(row index, written name, article id)`` rows, with the type of each written
    name (:func:`written_kinds`): the nodes (:func:`name_forms`) joined by the four rules in order.

    >>> rows = [(0, "Nadia Karimova", "a1"), (1, "Karimova", "a2"), (2, "Nadia Karimowa", "a3"), (3, "Omar Haddad", "a3")]
    >>> c = clustered(rows, {text: "person" for _, text, _ in rows})
    >>> sorted(sorted(f[-1] for f in nodes) for nodes in c.members().values())
    [['Karimova', 'Nadia Karimova', 'Nadia Karimowa'], ['Omar Haddad']]
    """
    person_words = frozenset(
        w for text, k in kind_of.items() if k == PERSON for w in names.name_key(text).split()
    )
    forms, node_of_row = name_forms(rows, kind_of, person_words)
    uf = UnionFind()
    for node in forms:
        uf.add(node)
    full = full_person_names(forms)
    join_same_keys(forms, uf)
    join_similar_people(full, uf)
    join_lone_surnames(forms, full, uf)
    join_acronyms(forms, uf)
    return Clusters(forms, node_of_row, person_words, uf)
