"""Role choice: which role each quote's speaker gets."""

from __future__ import annotations

import re

from pipeline.speakers import roles
from pipeline.speakers.cast import Cast, Person, key_of
from pipeline.speakers.mention_names import trailing_name
from pipeline.speakers.words import description_type, speech_verb_re

__all__ = ["org_appositives", "collect_roles"]


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


def collect_roles(cast: Cast) -> None:
    """The roles of everyone in the cast, read at every occurrence of their names: an organisation keeps
    the descriptions given to it so far and adds its appositives; a person gets the roles
    :func:`pipeline.speakers.roles.roles_at` reads around each of their names. The role phrases read away
    from a name are recorded in ``cast.role_spans`` (a name inside one is no antecedent)."""
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
