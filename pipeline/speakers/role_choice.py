"""Role choice: every decision about the role a quote's speaker gets, in one module.

What a role reads at one occurrence of a name is :mod:`pipeline.speakers.roles`; this module decides
which roles a person or organisation has in the article and which one a quote's speaker gets.

The passes record evidence (the mention pass: the words written before an organisation's name and the
description a spokesperson mention gives an organisation; the speaker pass: how a description was read
and which rule found the speaker); this module decides:

* :func:`collect_roles` (after the mention pass): an organisation's roles are the descriptions written
  before its name at the quotes (:func:`org_prefix_role`) and the appositives after it
  (:func:`org_appositives`); a person's are every role :func:`pipeline.speakers.roles.roles_at` reads
  around their names;
* :func:`choose_roles` (the role pass, last): the role a description gives (:func:`description_role`),
  the title a definite description gives a speaker with no role (:func:`title_of_description`), an
  unnamed spokesperson's role and the description a spokesperson's organisation is given
  (:func:`spokesperson_role`); a speaker's role is every role the article gives them, the descriptions
  only when it gives none (:func:`join_roles`).
"""

from __future__ import annotations

import re

from pipeline.speakers import roles
from pipeline.speakers.cast import Cast, Person, key_of
from pipeline.speakers.mention_names import trailing_name
from pipeline.speakers.mentions import relation_of_name
from pipeline.speakers.quote_row import QuoteRow
from pipeline.speakers.words import description_type, speech_verb_re, strip_article

__all__ = ["org_appositives", "org_prefix_role", "collect_roles", "description_role", "title_of_description",
           "spokesperson_role", "join_roles", "choose_roles"]


def org_appositives(text: str, name: str) -> list[str]:
    """Descriptions an article gives an organisation in apposition to its name (``the Grid Council,
    an industry body, said``): phrases between commas headed by an organisation noun of
    ``descriptions.txt``.

    >>> org_appositives("The Grid Council, an industry body, said on Monday that ...", "Grid Council")
    ['industry body']
    >>> org_appositives("The Grid Council, which met on Monday, said", "Grid Council")
    []
    >>> org_appositives("Save Elm Park, the group that ran the petition, said", "Save Elm Park")
    []
    """
    out = []
    for m in re.finditer(rf"(?<![\w-]){re.escape(name)},\s+(?:an?|the)\s+(?P<d>[^,.;:()“”\"\n]{{2,60}}?),", text):
        d = m.group("d")
        if len(d.split()) <= 6 and description_type(d) == "organization" and not speech_verb_re().search(d) \
                and not re.search(r"\b(?:that|which|who|whose)\b", d):
            out.append(d)
    return out


def org_prefix_role(mention: str, org_name: str) -> str | None:
    """The description written before an organisation's name in a mention (``the news agency Reuters``
    -> ``news agency``), or None.

    >>> org_prefix_role("the Canadian online news outlet prairie post", "prairie post")
    'Canadian online news outlet'
    >>> org_prefix_role("the Ministry of Health", "Ministry of Health") is None
    True
    """
    described = strip_article(mention)
    if described.endswith(org_name) and len(described) > len(org_name) + 3:
        return described[: -len(org_name)].strip()
    return None


def collect_roles(cast: Cast, rows: list[QuoteRow] = ()) -> None:
    """The roles of everyone in the cast: an organisation's are the descriptions written before its name
    at the quotes (``rows``, in order) and its appositives; a person's are the roles
    :func:`pipeline.speakers.roles.roles_at` reads around each of their names. The role phrases read away
    from a name are recorded in ``cast.role_spans`` (a name inside one is no antecedent)."""
    for row in rows:
        desc = org_prefix_role(row.mention, row.org_name) if row.org_name is not None else None
        if desc is not None and desc not in row.target.roles:
            row.target.roles.append(desc)
    for p in cast.people.values():
        if p.type == "organization":
            p.roles = [r for r in p.roles if r] + [r for n in set(p.names) for r in org_appositives(cast.text, n)
                                                   if r not in p.roles]
        elif p.type == "person":
            p.roles = _person_roles(cast, p)


def _person_roles(cast: Cast, p: Person) -> list[str]:
    """The roles written around every occurrence of a person's names (a name that is part of a longer
    one of theirs is read at the longer one; a role that is only their name is none)."""
    text = cast.text
    found: list[str] = []
    for n in sorted(set(p.names), key=len, reverse=True):
        for m in re.finditer(rf"(?<![\w-]){re.escape(n)}(?![\w-])", text):
            if any(len(longer) > len(n) and longer.endswith(n)
                   and text[max(0, m.end() - len(longer)):m.end()] == longer for longer in p.names):
                continue  # part of a longer name: its roles are read at the full name
            line_start = text.rfind("\n", 0, m.start()) + 1
            line_end = text.find("\n", m.end())
            line_end = len(text) if line_end < 0 else line_end
            for r in roles.roles_at(text, m.start(), m.end(), line_start, line_end):
                if trailing_name(r) and key_of(trailing_name(r), "person") == p.key and r.endswith(trailing_name(r)):
                    continue
                found.append(r)
                at = text.find(r, max(0, m.start() - 300), m.end() + 300 + len(r))
                if at >= 0 and not (at <= m.start() < at + len(r)):
                    cast.role_spans.append((at, at + len(r)))
    return found


def description_role(reading: str | None, mention: str) -> str | None:
    """The role a description mention gives its speaker, by how the speaker pass read it (see
    :data:`pipeline.speakers.referents.READINGS`): an unnamed relation or an indefinite title is the
    description; a description naming a country (``the Chilean leader``) with a title is as written.

    >>> description_role("indefinite", "a senior police officer"), description_role("indefinite", "a crowd")
    ('senior police officer', None)
    >>> description_role("country", "the Chilean leader"), description_role("relation", "the father of Ana Ruiz")
    ('Chilean leader', 'father of Ana Ruiz')
    """
    desc = strip_article(mention)
    if reading == "relation":
        return roles.clean_role(desc)
    if reading == "indefinite":
        return roles.clean_role(desc) if roles.has_title(desc) else None
    if reading == "country":
        return desc if roles.has_title(desc) else None
    return None


def title_of_description(mention: str, speaker: Person | None) -> str | None:
    """``Calloway scored twice. ... the striker said``: a definite description with a title is the role
    of a person the article gives no other role.

    >>> from pipeline.speakers.cast import Person
    >>> title_of_description("the striker", Person("loe", ["Ken Loe"])), title_of_description("the striker", None)
    ('striker', None)
    """
    if speaker is not None and speaker.type == "person" and not speaker.roles \
            and re.match(r"(?i)the\s", mention) and roles.has_title(mention) and not relation_of_name(mention):
        return roles.clean_role(mention)
    return None


def spokesperson_role(said_by: str, speaker: Person | None) -> str | None:
    """An unnamed spokesperson's role (no organisation found for them): the mention as written.

    >>> spokesperson_role("a spokesman for the trust", None), spokesperson_role("a spokesman", Person("org:x"))
    ('spokesman for the trust', None)
    """
    return roles.clean_role(strip_article(said_by)) if speaker is None else None


def _quote_role(row: QuoteRow) -> str | None:
    """The role a quote's own mention gives (the description, a title, an unnamed spokesperson's)."""
    role = None
    if row.mention_kind == "description":
        role = description_role(row.description_reading, row.mention)
        if role is None and row.speaker_rule == "description":
            role = title_of_description(row.mention, row.speaker)
    if row.spoken_for is not None and row.speaker is None:
        role = spokesperson_role(row.spoken_for.said_by, None)
    return role


def choose_roles(rows: list[QuoteRow]) -> None:
    """The role pass: fills ``role`` of every row. A speaker's role is every role the article gives
    them (an organisation also the description its spokesperson's mention gives it), the roles the
    mentions give only when the article gives none; a quote without a speaker keeps its mention's."""
    given: dict[str, list[str]] = {}  # speaker key -> roles the mentions give
    for row in rows:
        role = _quote_role(row)
        speaker = row.speaker
        if row.spoken_for is not None and speaker is not None and row.spoken_for.org_described_as:
            org_role = roles.clean_role(row.spoken_for.org_described_as)
            if org_role and org_role not in speaker.roles:
                speaker.roles.append(org_role)
        if speaker is not None and role and role not in speaker.roles:
            given.setdefault(speaker.key, []).append(role)
        row.role = role if speaker is None else None
    # roles last: a role the article gives anywhere counts, descriptions only when no title was found
    for row in rows:
        if row.speaker is not None:
            row.role = join_roles(row.speaker.roles or given.get(row.speaker.key, []))


def join_roles(found: list[str]) -> str | None:
    """One role string from several: duplicates and roles contained in a longer one dropped.

    >>> join_roles(["Chilean leader", "chair of the summit", "chilean leader"])
    'Chilean leader, chair of the summit'
    >>> join_roles([]) is None
    True
    """
    kept: list[str] = []
    for r in found:
        lr = r.lower()
        if any(lr in k.lower() for k in kept):
            continue
        kept = [k for k in kept if k.lower() not in lr]
        kept.append(r)
    return ", ".join(kept) if kept else None
