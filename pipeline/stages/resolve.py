"""Resolve stage: one speaker per person or organisation across the whole corpus.

Input quotes carry ``speaker_name`` (the fullest form of the speaker's name in its article) as the
attribute stage wrote it; the same person is often written several ways across articles
(romanisation variants, a surname alone, a case-inflected surname, a different capitalisation or a
leading "The" for an outlet). This stage clusters those names with the general rules of
:mod:`pipeline.speakers.names`, in this order:

1. ``same_key``: names with the same folded, transliteration-blind key (:func:`names.name_key` for
   people after :func:`names.strip_case_ending`, :func:`names.org_key` for organisations) are one speaker;
2. ``fuzzy_person``: people's full names within the edit-distance threshold (:func:`names.same_person`);
3. ``surname_alone``: a one-word person name joins the single full name with that surname in the
   same article, else the single one in the corpus; an ambiguous surname stays a speaker of its own
   (:func:`names.surname_candidates`: the last word, or a later word of a three-word name);
4. ``acronym``: a one-word all-capital organisation joins the single organisation it abbreviates.

Full person names are compared on their key with spaces removed (:func:`names.compact`), so a
double-barrelled name matches with or without its hyphen. The canonical ``name`` of a speaker is its
fullest form (most words, not case-inflected) in its most common spelling (:func:`canonical_name`);
``speaker_id`` is a hash of that name's key, so the same on every run.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

import pandas as pd

from pipeline.speakers import names
from pipeline.speakers.corpus_dates import years_from_corpus

__all__ = ["resolved", "resolved_speakers", "speaker_id_for", "SPEAKER_COLUMNS"]

SPEAKER_COLUMNS = ["speaker_id", "name", "aliases", "type", "roles", "n_quotes", "n_articles"]

PERSON, ORG = "person", "organization"


def speaker_id_for(kind: str, key: str) -> str:
    """The stable id of a speaker: a hash of its type and canonical name key.

    >>> speaker_id_for("person", "helen okafor")
    'spk_d32bf270fd98'
    >>> speaker_id_for("person", "helen okafor") == speaker_id_for("person", "helen okafor")
    True
    """
    return "spk_" + hashlib.sha1(f"{kind}:{key}".encode("utf-8")).hexdigest()[:12]


def display_name(form: str) -> str:
    """A name as written, without leading honorifics and with spaces squeezed.

    >>> display_name("Dr.  Helen Okafor")
    'Helen Okafor'
    >>> display_name("Sir")
    'Sir'
    """
    words = form.split()
    while len(words) > 1 and names.fold(words[0]) in names.honorifics():
        words = words[1:]
    return " ".join(words)


def _article_entity_texts(value) -> list[str]:
    """Texts of the PERSON/ORG entities of an ``article_ents`` cell (JSON text or list of
    ``[start, end, label, text]``), as the segment stage stores them; [] when absent or unreadable."""
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return []
    if value is None or isinstance(value, float):
        return []
    out = []
    for ent in value:
        try:
            label, text = ent[2], ent[3]
        except (IndexError, KeyError, TypeError):
            continue
        if label in ("PERSON", "ORG") and isinstance(text, str):
            out.append(" ".join(text.split()))
    return out


def _entity_spellings(rows: pd.DataFrame, members: dict, forms: dict, person_words: frozenset[str]) -> dict:
    """Other spellings of each speaker that its articles write (from the optional ``article_ents``
    column): ``root -> [(spelling, article_id, rank)]``. Only names of two words or more that have
    exactly the key of a full name in the cluster count, so they add evidence for the canonical
    spelling and aliases without ever joining clusters."""
    if "article_ents" not in rows.columns:
        return {}
    key_root: dict[tuple, object] = {}
    for root, nodes in members.items():
        for node in nodes:
            f = forms[node]
            if f.kind == PERSON and f.n_words >= 2:
                key_root.setdefault((PERSON, names.compact(f.key)), root)
            elif f.kind == ORG:
                key_root.setdefault((ORG, f.key), root)
    found: dict = defaultdict(set)
    firsts = rows.drop_duplicates("article_id")
    for aid, value in zip(firsts["article_id"].astype(str), firsts["article_ents"]):
        for text in _article_entity_texts(value):
            shown = display_name(text)
            words = shown.split()
            if len(words) >= 2 and words[0][:1].isupper():
                key, inflected = _person_key(shown, person_words)
                root = key_root.get((PERSON, names.compact(key)))
                if root is not None:
                    found[root].add((shown, aid, (inflected, -len(key.split()))))
            if names.capital_score(text) >= 1:
                root = key_root.get((ORG, names.org_key(text)))
                if root is not None:
                    found[root].add((text, aid, (False, -len(names.org_key(text).split()))))
    return {root: sorted(v) for root, v in found.items()}


def _mention_spellings(rows: pd.DataFrame, node_of_row: dict, uf: "_UnionFind", members: dict, forms: dict,
                       person_words: frozenset[str]) -> dict:
    """Spellings of each speaker's name used as the ``mention`` of its quotes (``Haddad`` for a
    quote whose speaker_name is the full name; ``Harbour times`` for ``the harbour times``): ``root -> [(spelling, article_id, rank)]``.
    A person mention counts when every word is capitalised and its key is a member's key or surname;
    an organisation mention when its key is a member's key."""
    if "mention" not in rows.columns:
        return {}
    member_keys: dict = {}
    for root, nodes in members.items():
        keys = {forms[n].key for n in nodes}
        if forms[nodes[0]].kind == PERSON:
            keys |= {names.compact(k) for k in keys} | {k.split()[-1] for k in keys if k}
        member_keys[root] = keys
    found: dict = defaultdict(set)
    for idx, aid, mention in zip(rows.index, rows["article_id"].astype(str), rows["mention"]):
        if not isinstance(mention, str) or not mention.strip():
            continue
        root = uf.find(node_of_row[idx])
        kind = forms[node_of_row[idx]].kind
        shown = display_name(" ".join(mention.split()))
        if kind == PERSON:
            if names.capital_score(shown) != len(shown.split()):
                continue
            key, inflected = _person_key(shown, person_words)
            if key in member_keys[root] or names.compact(key) in member_keys[root]:
                found[root].add((shown, aid, (inflected, -len(key.split()))))
        elif names.org_key(shown) in member_keys[root] and names.capital_score(shown) >= 1:
            found[root].add((shown, aid, (False, -len(names.org_key(shown).split()))))
    return {root: sorted(v) for root, v in found.items()}


def canonical_name(quotes: Counter, articles: dict[str, set], rank: dict[str, tuple]) -> str:
    """The display name of a speaker: the fullest spelling (``rank``: not case-inflected, then most
    words), then the best capitalised (a capital "The" is part of an outlet's name), then the one whose
    words are on average the most common across the speaker's articles (a word, whatever its case,
    counts once per article it is written in), then the spelling used in most articles, then in most quotes.

    >>> canonical_name(Counter({"Ana Diaz": 1, "Ana Días": 5, "Díaz": 2}),
    ...                {"Ana Diaz": {"a1"}, "Ana Días": {"a2"}, "Díaz": {"a3", "a4"}},
    ...                {"Ana Diaz": (False, -2), "Ana Días": (False, -2), "Díaz": (False, -1)})
    'Ana Días'
    >>> canonical_name(Counter({"Ana Diaz": 1, "Ana Díaz": 5, "Díaz": 2}),
    ...                {"Ana Diaz": {"a1"}, "Ana Díaz": {"a2"}, "Díaz": {"a3", "a4"}},
    ...                {"Ana Diaz": (False, -2), "Ana Díaz": (False, -2), "Díaz": (False, -1)})
    'Ana Díaz'
    """
    word_articles: dict[str, set] = defaultdict(set)
    for spelling, arts in articles.items():
        for word in spelling.casefold().split():
            word_articles[word] |= arts

    def order(s: str) -> tuple:
        words = s.casefold().split()
        word_score = sum(len(word_articles[w]) for w in words) / max(1, len(words))
        return (rank[s][0], rank[s][1], -names.capital_score(s), -word_score, s[:1].islower(),
                -len(articles[s]), -quotes[s], -len(s), s)

    return sorted(quotes, key=order)[0]


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict = {}

    def add(self, x) -> None:
        self.parent.setdefault(x, x)

    def find(self, x):
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, a, b) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            # the smaller node (by sort order) becomes the root: deterministic
            if repr(rb) < repr(ra):
                ra, rb = rb, ra
            self.parent[rb] = ra


@dataclass
class _Form:
    """One written form of a name (global for multi-word names, per article for a surname alone)."""

    text: str
    kind: str
    key: str
    n_words: int
    inflected: bool
    count: int = 0
    articles: set = field(default_factory=set)


def _kind_of(types: Counter) -> str | None:
    """The type of a name: the majority of its non-null types, None when none is given."""
    known = [(n, t) for t, n in types.items() if t in (PERSON, ORG)]
    if not known:
        return None
    return sorted(known, key=lambda nt: (-nt[0], nt[1]))[0][1]


def _fill_kinds(kinds: dict[str, str | None]) -> dict[str, str]:
    """A name with no type takes the type of a typed name with the same organisation key (then
    person key); ``person`` when there is none."""
    org_keys = {names.org_key(t) for t, k in kinds.items() if k == ORG}
    filled = {}
    for text, kind in kinds.items():
        if kind is None:
            kind = ORG if names.org_key(text) in org_keys else PERSON
        filled[text] = kind
    return filled


@lru_cache(maxsize=16384)  # the same few names come back on every quote of a speaker
def _person_key(text: str, known_words: frozenset[str]) -> tuple[str, bool]:
    raw = names.name_key(text)
    words = [names.strip_case_ending(w, known_words) for w in raw.split()]
    key = " ".join(words)
    return key, key != raw


def resolved(quotes: pd.DataFrame, articles: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The resolve stage: speakers resolved across the corpus (:func:`resolved_speakers`), then the
    year-less stated days of undated articles dated from the articles that quote the same speakers
    (:func:`pipeline.speakers.corpus_dates.years_from_corpus`)."""
    quotes, speakers = resolved_speakers(quotes, articles)
    return years_from_corpus(quotes, articles), speakers


def resolved_speakers(quotes: pd.DataFrame, articles: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One row per quote (same rows, same order), with ``speaker_id`` and the canonical ``speaker_name``;
    and the speakers table, one row per speaker in the corpus, sorted by ``speaker_id``.

    ``articles`` gives the corpus' article order; quotes of unknown articles are still resolved.
    Quotes with no ``speaker_name`` keep ``speaker_id`` None.
    """
    out = quotes.copy()
    if "speaker_id" not in out.columns:
        out["speaker_id"] = None
    out["speaker_id"] = out["speaker_id"].astype(object)
    out["speaker_name"] = out["speaker_name"].astype(object) if "speaker_name" in out.columns else None

    has = out["speaker_name"].map(lambda v: isinstance(v, str) and v.strip() != "")
    rows = out[has]
    if rows.empty:
        out["speaker_id"] = None
        return out, pd.DataFrame({c: pd.Series(dtype=object) for c in SPEAKER_COLUMNS})

    texts = rows["speaker_name"].map(lambda s: " ".join(s.split()))
    types = rows["speaker_type"] if "speaker_type" in rows.columns else pd.Series(None, index=rows.index)
    aids = rows["article_id"].astype(str)

    # -- the type of each written form, by majority over the corpus --------------------------
    type_votes: dict[str, Counter] = defaultdict(Counter)
    for text, t in zip(texts, types):
        type_votes[text][t if isinstance(t, str) else None] += 1
    kind_of = _fill_kinds({text: _kind_of(votes) for text, votes in type_votes.items()})

    person_words = frozenset(
        w for text, k in kind_of.items() if k == PERSON for w in names.name_key(text).split()
    )

    # -- nodes: a multi-word (or organisation) form is one node; a surname alone is one per article
    forms: dict[tuple, _Form] = {}
    node_of_row: dict = {}
    for idx, text, aid in zip(rows.index, texts, aids):
        kind = kind_of[text]
        if kind == PERSON:
            key, inflected = _person_key(text, person_words)
            n_words = len(key.split())
        else:
            key, inflected = names.org_key(text), False
            n_words = len(key.split())
        if not key:  # no letters or digits at all: the name is its own key
            key, n_words = text, 0
        node = ("one", aid, text) if kind == PERSON and n_words == 1 else ("form", text)
        form = forms.get(node)
        if form is None:
            form = forms[node] = _Form(text, kind, key, n_words, inflected)
        form.count += 1
        form.articles.add(aid)
        node_of_row[idx] = node

    uf = _UnionFind()
    for node in forms:
        uf.add(node)

    # 1. same key (a surname alone is left to rule 3, article by article)
    by_key: dict[tuple, list] = defaultdict(list)
    for node, f in sorted(forms.items(), key=lambda kv: repr(kv[0])):
        if node[0] != "one":
            by_key[(f.kind, names.compact(f.key) if f.kind == PERSON else f.key)].append(node)
    for group in by_key.values():
        for other in group[1:]:
            uf.union(group[0], other)

    # 2. fuzzy match of full person names, blocked by word count and first letter of the surname
    full = sorted({(f.key, node) for node, f in forms.items() if f.kind == PERSON and f.n_words >= 2},
                  key=lambda kn: (kn[0], repr(kn[1])))
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

    # 3. a surname alone: same article first, then the corpus when unambiguous
    full_by_article: dict[str, list] = defaultdict(list)
    corpus_full: list = []
    for key, node in full:
        cands = [(sur, node, i == 0) for i, sur in enumerate(names.surname_candidates(key))]
        for aid in sorted(forms[node].articles):
            full_by_article[aid].extend(cands)
        corpus_full.extend(cands)

    def match_roots(sur: str, candidates) -> set:
        """Clusters whose name has ``sur`` as a surname; else (last names only) a similar one."""
        exact = {uf.find(n) for s, n, _primary in candidates if s == sur}
        if exact:
            return exact
        return {uf.find(n) for s, n, primary in candidates if primary and names.similar(s, sur)}

    links = []
    alone: dict[str, list] = defaultdict(list)
    corpus_roots: dict[str, set] = {}  # unions happen after this loop, so roots stay valid
    for node, f in sorted(forms.items(), key=lambda kv: repr(kv[0])):
        if node[0] != "one":
            continue
        roots = match_roots(f.key, full_by_article.get(node[1], []))
        if len(roots) != 1:
            if f.key not in corpus_roots:
                corpus_roots[f.key] = match_roots(f.key, corpus_full)
            roots = corpus_roots[f.key]
        if len(roots) == 1:
            links.append((node, next(iter(roots))))
        else:  # ambiguous or unknown: lone surnames with one key are one speaker
            alone[f.key].append(node)
    for node, root in links:
        uf.union(root, node)
    for group in alone.values():
        for other in group[1:]:
            uf.union(group[0], other)

    # 4. an acronym joins the single organisation it abbreviates
    orgs = [(node, f) for node, f in sorted(forms.items(), key=lambda kv: repr(kv[0])) if f.kind == ORG]
    for node, f in orgs:
        if f.n_words != 1:
            continue
        roots = {uf.find(n) for n, g in orgs if g.n_words >= 2 and names.is_acronym_of(f.text, g.text)}
        if len(roots) == 1:
            uf.union(next(iter(roots)), node)

    # -- clusters, canonical names, ids -----------------------------------------------------------
    members: dict = defaultdict(list)
    for node in forms:
        members[uf.find(node)].append(node)

    seen_in_text = _entity_spellings(rows, members, forms, person_words)
    mentioned = _mention_spellings(rows, node_of_row, uf, members, forms, person_words)

    spelling_count: dict[tuple, Counter] = {}
    cluster_info: dict = {}
    used_ids: set[str] = set()
    for root in sorted(members, key=repr):
        spellings: Counter = Counter()
        spelling_articles: dict[str, set] = defaultdict(set)
        worst: dict[str, tuple] = {}
        entries = [(display_name(forms[n].text), forms[n].count, forms[n].articles, (forms[n].inflected, -forms[n].n_words))
                   for n in members[root]]
        entries += [(shown, 0, {aid}, rank) for shown, aid, rank in seen_in_text.get(root, ())]
        entries += [(shown, 0, {aid}, rank) for shown, aid, rank in mentioned.get(root, ())]
        for shown, count, arts, rank in entries:
            spellings[shown] += count
            spelling_articles[shown] |= arts
            worst[shown] = min(worst.get(shown, rank), rank)
        kind = Counter(forms[n].kind for n in members[root]).most_common(1)[0][0]
        name = canonical_name(spellings, spelling_articles, worst)
        key = _person_key(name, person_words)[0] if kind == PERSON else names.org_key(name)
        sid = speaker_id_for(kind, key)
        if sid in used_ids:  # two speakers with one key (e.g. an ambiguous surname): tell them apart
            sid = speaker_id_for(kind, key + "|" + "|".join(sorted(spellings)))
        used_ids.add(sid)
        spelling_count[root] = spellings
        cluster_info[root] = (sid, name, kind, key)

    node_root = {node: uf.find(node) for node in forms}
    out.loc[rows.index, "speaker_id"] = [cluster_info[node_root[node_of_row[i]]][0] for i in rows.index]
    out.loc[rows.index, "speaker_name"] = [cluster_info[node_root[node_of_row[i]]][1] for i in rows.index]

    # -- speakers table ----------------------------------------------------------------------
    mentions = rows["mention"] if "mention" in rows.columns else pd.Series(None, index=rows.index)
    roles = rows["role"] if "role" in rows.columns else pd.Series(None, index=rows.index)
    per: dict[str, dict] = {}
    for idx, aid, mention, role in zip(rows.index, aids, mentions, roles):
        root = node_root[node_of_row[idx]]
        sid, name, kind, key = cluster_info[root]
        rec = per.setdefault(sid, {"root": root, "n": 0, "articles": set(), "roles": set(), "mentions": set()})
        rec["n"] += 1
        rec["articles"].add(aid)
        if isinstance(role, str) and role.strip():
            rec["roles"].add(" ".join(role.split()))
        if isinstance(mention, str) and mention.strip():
            rec["mentions"].add(" ".join(mention.split()))

    records = []
    for sid in sorted(per):
        rec = per[sid]
        root = rec["root"]
        _sid, name, kind, key = cluster_info[root]
        aliases = set(spelling_count[root]) | {forms[n].text for n in members[root]}
        aliases.discard(name)
        records.append({
            "speaker_id": sid,
            "name": name,
            "aliases": sorted(aliases),
            "type": kind,
            "roles": sorted(rec["roles"]),
            "n_quotes": rec["n"],
            "n_articles": len(rec["articles"]),
        })
    speakers = pd.DataFrame.from_records(records, columns=SPEAKER_COLUMNS)
    speakers["n_quotes"] = speakers["n_quotes"].astype("int64")
    speakers["n_articles"] = speakers["n_articles"].astype("int64")
    return out, speakers
