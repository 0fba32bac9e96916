"""Speaker resolution across articles: one speaker per person or organisation in the whole corpus.

:func:`resolved_speakers` takes the quotes as the attribute stage wrote them (``speaker_name`` is the
fullest form of the speaker's name in its article) and, in named steps:

1. clusters the written names (:func:`pipeline.speakers.clusters.clustered`: same key, similar full
   names, a surname alone, an acronym);
2. collects the spellings of each cluster: its written names and the quotes' mentions of it
   (:func:`mention_spellings`);
3. names each cluster (:func:`named_speakers`): the canonical ``name`` is its fullest form (most words,
   not case-inflected) in its most common spelling (:func:`canonical_name`); ``speaker_id`` is a hash
   of that name's key (:func:`speaker_id_for`), so the same on every run;
4. counts each speaker's quotes, articles and roles and lists its aliases (:func:`speakers_table`).
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from dataclasses import dataclass

import pandas as pd

from pipeline.speakers import names
from pipeline.speakers.clusters import PERSON, Clusters, clustered, person_key, written_kinds
from schemas.tables import Speaker as SpeakerRow

__all__ = [
    "SPEAKER_COLUMNS",
    "Speaker",
    "speaker_id_for",
    "display_name",
    "mention_spellings",
    "canonical_name",
    "speaker_key",
    "named_speakers",
    "speakers_table",
    "resolved_speakers",
]

SPEAKER_COLUMNS = list(SpeakerRow.model_fields)


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


# -- spellings of a speaker ------------------------------------------------------------------------
def _member_keys(members: dict, clusters: Clusters) -> dict:
    """``root -> keys`` a mention of the cluster may have: its members' keys, and for people also
    those keys compacted and their last words."""
    member_keys: dict = {}
    for root, nodes in members.items():
        keys = {clusters.forms[n].key for n in nodes}
        if clusters.forms[nodes[0]].kind == PERSON:
            keys |= {names.compact(k) for k in keys} | {k.split()[-1] for k in keys if k}
        member_keys[root] = keys
    return member_keys


def mention_spellings(rows: pd.DataFrame, members: dict, clusters: Clusters) -> dict:
    """Spellings of each speaker's name used as the ``mention`` of its quotes (``Haddad`` for a
    quote whose speaker_name is the full name; ``Harbour times`` for ``the harbour times``):
    ``root -> [(spelling, article_id, rank)]``. A person mention counts when every word is
    capitalised and its key is a member's key or surname; an organisation mention when its key is a
    member's key."""
    if "mention" not in rows.columns:
        return {}
    member_keys = _member_keys(members, clusters)
    found: dict = defaultdict(set)
    for idx, aid, mention in zip(rows.index, rows["article_id"].astype(str), rows["mention"]):
        if not isinstance(mention, str) or not mention.strip():
            continue
        node = clusters.node_of_row[idx]
        root, kind = clusters.uf.find(node), clusters.forms[node].kind
        shown = display_name(" ".join(mention.split()))
        if kind == PERSON:
            if names.capital_score(shown) != len(shown.split()):
                continue
            key, inflected = person_key(shown, clusters.person_words)
            if key in member_keys[root] or names.compact(key) in member_keys[root]:
                found[root].add((shown, aid, (inflected, -len(key.split()))))
        elif names.org_key(shown) in member_keys[root] and names.capital_score(shown) >= 1:
            found[root].add((shown, aid, (False, -len(names.org_key(shown).split()))))
    return {root: sorted(v) for root, v in found.items()}


# -- naming a speaker -------------------------------------------------------------------------------
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


def speaker_key(kind: str, name: str, person_words: frozenset[str]) -> str:
    """The key of a speaker's canonical name, which its id hashes: :func:`person_key` for a person,
    :func:`names.org_key` for an organisation.

    >>> speaker_key("organization", "The Harbour Times", frozenset())
    'harbour times'
    """
    return person_key(name, person_words)[0] if kind == PERSON else names.org_key(name)


@dataclass
class Speaker:
    """One resolved speaker: its id, canonical name, type, name key, and its aliases (every other
    spelling and written name of it, sorted)."""

    speaker_id: str
    name: str
    kind: str
    key: str
    aliases: list[str]


def _spellings(nodes: list, clusters: Clusters, extra: list) -> tuple[Counter, dict, dict]:
    """The spellings of one cluster: quotes per spelling, articles per spelling, and the best rank
    (:func:`canonical_name`) of each, from its nodes and the ``extra`` entity and mention spellings."""
    forms = clusters.forms
    entries = [(display_name(forms[n].text), forms[n].count, forms[n].articles, (forms[n].inflected, -forms[n].n_words))
               for n in nodes]
    entries += [(shown, 0, {aid}, rank) for shown, aid, rank in extra]
    quotes: Counter = Counter()
    articles: dict[str, set] = defaultdict(set)
    best: dict[str, tuple] = {}
    for shown, count, arts, rank in entries:
        quotes[shown] += count
        articles[shown] |= arts
        best[shown] = min(best.get(shown, rank), rank)
    return quotes, articles, best


def named_speakers(rows: pd.DataFrame, clusters: Clusters, members: dict) -> dict:
    """``root -> Speaker`` for every cluster, in the order of the roots' ``repr``: the canonical name of
    its spellings (:func:`canonical_name`), its type (that of most of its nodes), its id and its aliases;
    a second speaker with the key of an earlier one (an ambiguous surname) gets an id that also hashes
    its spellings."""
    mentioned = mention_spellings(rows, members, clusters)
    speakers: dict = {}
    used_ids: set[str] = set()
    for root in sorted(members, key=repr):
        extra = list(mentioned.get(root, ()))
        spellings, spelling_articles, best = _spellings(members[root], clusters, extra)
        kind = Counter(clusters.forms[n].kind for n in members[root]).most_common(1)[0][0]
        name = canonical_name(spellings, spelling_articles, best)
        key = speaker_key(kind, name, clusters.person_words)
        sid = speaker_id_for(kind, key)
        if sid in used_ids:  # two speakers with one key (e.g. an ambiguous surname): tell them apart
            sid = speaker_id_for(kind, key + "|" + "|".join(sorted(spellings)))
        used_ids.add(sid)
        aliases = set(spellings) | {clusters.forms[n].text for n in members[root]}
        aliases.discard(name)
        speakers[root] = Speaker(sid, name, kind, key, sorted(aliases))
    return speakers


# -- the speakers table -----------------------------------------------------------------------------
def _column(rows: pd.DataFrame, name: str) -> pd.Series:
    """Column ``name`` of ``rows``, or all None when it is absent."""
    return rows[name] if name in rows.columns else pd.Series(None, index=rows.index)


def _squeezed(value) -> str | None:
    """A non-blank text with its spaces squeezed; None for anything else."""
    return " ".join(value.split()) if isinstance(value, str) and value.strip() else None


def speakers_table(rows: pd.DataFrame, root_of_row: dict, speakers: dict) -> pd.DataFrame:
    """One row per speaker (:data:`SPEAKER_COLUMNS`), sorted by ``speaker_id``: its name, aliases, type,
    roles (of its quotes), and the number of its quotes and articles. ``root_of_row``: the cluster of
    each row; ``speakers``: ``root -> Speaker`` (:func:`named_speakers`)."""
    per: dict[str, dict] = {}
    for idx, aid, role in zip(rows.index, rows["article_id"].astype(str), _column(rows, "role")):
        root = root_of_row[idx]
        rec = per.setdefault(speakers[root].speaker_id, {"root": root, "n": 0, "articles": set(), "roles": set()})
        rec["n"] += 1
        rec["articles"].add(aid)
        if _squeezed(role):
            rec["roles"].add(_squeezed(role))
    records = []
    for sid in sorted(per):
        rec = per[sid]
        sp = speakers[rec["root"]]
        records.append({"speaker_id": sid, "name": sp.name, "aliases": sp.aliases, "type": sp.kind,
                        "roles": sorted(rec["roles"]), "n_quotes": rec["n"], "n_articles": len(rec["articles"])})
    table = pd.DataFrame.from_records(records, columns=SPEAKER_COLUMNS)
    table["n_quotes"] = table["n_quotes"].astype("int64")
    table["n_articles"] = table["n_articles"].astype("int64")
    return table


def _with_speaker_columns(quotes: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``quotes`` whose ``speaker_id`` and ``speaker_name`` columns exist and hold objects."""
    out = quotes.copy()
    if "speaker_id" not in out.columns:
        out["speaker_id"] = None
    out["speaker_id"] = out["speaker_id"].astype(object)
    out["speaker_name"] = out["speaker_name"].astype(object) if "speaker_name" in out.columns else None
    return out


def resolved_speakers(quotes: pd.DataFrame, articles: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One row per quote (same rows, same order), with ``speaker_id`` and the canonical ``speaker_name``;
    and the speakers table, one row per speaker in the corpus, sorted by ``speaker_id``.

    ``articles`` gives the corpus' article order; quotes of unknown articles are still resolved.
    Quotes with no ``speaker_name`` keep ``speaker_id`` None.
    """
    out = _with_speaker_columns(quotes)
    rows = out[out["speaker_name"].map(lambda v: isinstance(v, str) and v.strip() != "")]
    if rows.empty:
        out["speaker_id"] = None
        return out, pd.DataFrame({c: pd.Series(dtype=object) for c in SPEAKER_COLUMNS})

    texts = rows["speaker_name"].map(lambda s: " ".join(s.split()))
    aids = rows["article_id"].astype(str)
    clusters = clustered(zip(rows.index, texts, aids), written_kinds(texts, _column(rows, "speaker_type")))
    speakers = named_speakers(rows, clusters, clusters.members())

    root_of_node = clusters.root_of_node()
    root_of_row = {idx: root_of_node[clusters.node_of_row[idx]] for idx in rows.index}
    out.loc[rows.index, "speaker_id"] = [speakers[root_of_row[i]].speaker_id for i in rows.index]
    out.loc[rows.index, "speaker_name"] = [speakers[root_of_row[i]].name for i in rows.index]
    return out, speakers_table(rows, root_of_row, speakers)
