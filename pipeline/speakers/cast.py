"""The cast of one article: the people and organisations it names and where it mentions them outside
quotes (:class:`Cast`), read by rules (name tokens by capitalisation and word rarity, organisation
words, acronyms, courtesy titles).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline.speakers import names
from pipeline.speakers import roles
from pipeline.speakers.mention_names import name_particle, name_token, trailing_name, unswallow
from pipeline.speakers.words import demonyms, honorific_words, name_like, org_name_words, rare_surname, sentence_start, strip_article

__all__ = ["Person", "Cast", "key_of", "introduced_between"]


@dataclass
class Person:
    """A person or organisation of an article: its key, the names it is written with, its type
    (``person`` or ``organization``), gender when known and the roles the article gives it."""

    key: str
    names: list[str] = field(default_factory=list)
    type: str = "person"
    gender: str | None = None
    roles: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        persons = [n for n in self.names if n]
        return max(persons, key=lambda n: (min(len(n.split()), 3), -self.names.index(n))) if persons else ""


def key_of(name: str, type_: str) -> str:
    """The key of a name in a cast: an organisation's folded key, a person's surname key.

    >>> key_of("Ana Ruiz", "person"), key_of("the Grid Council", "organization")
    ('ruiz', 'org:grid council')
    """
    if type_ == "organization":
        return "org:" + names.org_key(name)
    return names.surname_key(name) or names.fold(name)


# the writer named in a byline ("Interview by Mark Ellison", "By Ann Roe", "Words: Ann Roe") is not the
# interviewee
_BYLINE = re.compile(r"(?i)(?:^|\n)[^\S\n]*(?:(?:interview|interviewed|words|text|report|reporting|photos?)(?:\s+and\s+\w+)?"
                     r"\s*(?:by|:)|by)[^\S\n]+$")
_DAY_TAIL = re.compile(r"(?:\s+(?:on|of|for|and|the|&))*\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
                       r"January|February|March|April|May|June|July|August|September|October|November|December)$")


class Cast:
    """The people and organisations of one article and where they are mentioned (outside quotes).

    ``people`` maps a key (:func:`key_of`) to a :class:`Person`; ``mentions`` holds (position, key) of
    every mention outside the quotes at ``quote_spans``; ``role_spans`` the (start, end) of role phrases
    read around names (a name inside one is no antecedent), filled when roles are collected.
    """

    def __init__(self, text: str, quote_spans: list[tuple[int, int]]):
        self.text = text
        self.people: dict[str, Person] = {}
        self.mentions: list[tuple[int, str]] = []  # (position, key)
        self.quote_spans = quote_spans
        self.role_spans: list[tuple[int, int]] = []

    def discover(self) -> None:
        """Add people named in the text outside the parsed paragraphs: runs of two or three name
        tokens ending in a rare word (a foreign surname), surnames after a courtesy title, acronyms,
        organisation names, given names written before known surnames; then every occurrence of every
        known name."""
        self._add_name_runs()
        self._add_courtesy_surnames()
        self._add_acronyms()
        self._add_org_names()
        self._add_given_names()
        self._index_mentions()

    def _add_name_runs(self) -> None:
        """Runs of two or three capitalised words that read as a person's name (a rare last word)."""
        for m in re.finditer(r"(?<![\w-])(?:[A-Z][\w’'-]+[^\S\n]+){1,2}[A-Z][\w’'-]+", self.text):
            name = trailing_name(m.group(0))
            if name and re.fullmatch(rf"The\s+{re.escape(name)}", m.group(0)):
                continue  # "The Salt Orchard": a title of a work or a place, no one's name
            if name and m.group(0).endswith(name):
                name = unswallow(self.text, m.end() - len(name), name)
            if name and len(name.split()) >= 2 and (rare_surname(name) or name_like(name)) \
                    and self._outside(m.start(), m.end()):
                self.add(name, "person")

    def _add_courtesy_surnames(self) -> None:
        """A surname after a courtesy title (``Ms Ruiz``, ``Mr. Okafor``) is a person, of the title's gender."""
        for m in re.finditer(r"(?<![\w-])(Mrs|Ms|Miss|Mr|Dr|Prof)\.?\s+([A-Z][\w’'-]+)(?![\w-])", self.text):
            sur = m.group(2)
            if not self._outside(m.start(), m.end()) or not name_token(sur, common_ok=True) \
                    or sur.lower() in honorific_words():
                continue
            if any(sur in n.split() for p in self.people.values() for n in p.names if p.type == "person"):
                continue  # already known with a given name: the mention pass finds it
            p = self.add(sur, "person")
            if p.gender is None and m.group(1) != "Dr" and m.group(1) != "Prof":
                p.gender = "male" if m.group(1) == "Mr" else "female"

    def _add_acronyms(self) -> None:
        """An acronym written twice or more outside quotes (not a demonym) is an organisation."""
        acronyms: dict[str, int] = {}
        for m in re.finditer(r"(?<![\w-])[A-Z]{2,6}(?![\w-])", self.text):
            if self._outside(m.start(), m.end()):
                acronyms[m.group(0)] = acronyms.get(m.group(0), 0) + 1
        for acro, n in acronyms.items():
            if n >= 2 and acro not in demonyms():
                self.add(acro, "organization")

    def _add_org_names(self) -> None:
        """Capitalised runs holding an organisation word (``the High Court``) are organisations."""
        org_rx = r"(?<![\w-])[A-Z][\w’'-]*(?:\s+(?:of|for|and|the|on|&)?\s*[A-Z][\w’'-]*){0,6}"
        for m in re.finditer(org_rx, self.text):
            found = _DAY_TAIL.sub("", m.group(0))  # "the High Court on Tuesday": the court
            words = found.split()
            if len(words) >= 2 and any(w.lower().strip("’'s") in org_name_words() or w.lower() in org_name_words() for w in words) \
                    and self._outside(m.start(), m.end()) and not roles.has_title(found):
                self.add(strip_article(found), "organization", m.start() + len(found))

    def _add_given_names(self) -> None:
        """A surname known alone, written somewhere with a given name before it (``John Harlow``),
        gets that full name."""
        for key, p in list(self.people.items()):
            if p.type != "person" or any(len(n.split()) > 1 for n in p.names):
                continue
            last = p.names[0]
            for m in re.finditer(rf"(?<![\w-])((?:(?:[A-Z][\w’'-]+|[A-Z]\.)\s+)?(?:[A-Z][\w’'-]+|[A-Z]\.))((?:\s+[a-z]{{1,4}})*)\s+{re.escape(last)}(?![\w-])", self.text):
                given = m.group(1).split()
                parts = m.group(2).split()
                if not all(name_particle(w) for w in parts):
                    continue
                given = [w for w in given if (name_token(w) or re.fullmatch(r"[A-Z]\.", w)) and w.lower() not in honorific_words()][-2:] or \
                    ([given[-1]] if name_token(given[-1], common_ok=True) and given[-1].lower() not in honorific_words() else [])
                if given and self._outside(m.start(), m.end()):
                    p.names.append(" ".join(given + parts + [last]))
                    break

    def _index_mentions(self) -> None:
        """Every occurrence outside quotes of every form of every known name (a person's surname too)."""
        seen = set(self.mentions)
        for key, p in list(self.people.items()):
            forms = set(p.names)
            if p.type == "person":
                forms |= {n.split()[-1] for n in p.names if len(n.split()[-1]) > 2}
            for form in forms:
                for m in re.finditer(rf"(?<![\w-]){re.escape(form)}(?![\w-])", self.text):
                    if self._outside(m.start(), m.end()) and (m.end(), key) not in seen:
                        # a longer name of another person covering this one wins
                        seen.add((m.end(), key))
                        self.mentions.append((m.end(), key))
        self.mentions.sort()

    def _outside(self, s: int, e: int) -> bool:
        """Whether (s, e) lies outside every quote."""
        return not any(qs <= s and e <= qe for qs, qe in self.quote_spans)

    def add(self, name: str, type_: str, pos: int | None = None) -> Person:
        """The person (or organisation) of that name, added when new (a case-inflected or inner
        surname joins the known person), with a mention at ``pos`` when given."""
        key = key_of(name, type_)
        if type_ == "person" and key not in self.people:
            stripped = " ".join(names.strip_case_ending(w, {k for k in self.people}) for w in key.split())
            if stripped in self.people:
                key = stripped
        if type_ == "person" and key not in self.people and len(name.split()) == 1:
            # a surname alone that is an inner word of a known full name ("Pérez" of "Lucía Pérez Vidal")
            folded = names.fold(name)
            for k, other in self.people.items():
                if other.type == "person" and any(folded in names.fold(n).split()[1:] for n in other.names):
                    key = k
                    break
        p = self.people.get(key)
        if p is None:
            p = self.people[key] = Person(key, type=type_)
        if name not in p.names:
            p.names.append(name)
        if pos is not None:
            self.mentions.append((pos, key))
        return p

    def recent(self, pos: int, type_: str = "person", gender: str | None = None) -> Person | None:
        """The person (or organisation) a pronoun at ``pos`` stands for: in the latest sentence
        before ``pos`` that mentions someone suitable (outside quotes and role phrases, gender
        agreeing), the first one it mentions (the subject is the likelier antecedent)."""
        ok: list[tuple[int, str]] = []
        for mpos, key in self.mentions:
            if mpos > pos:
                continue
            p = self.people[key]
            if p.type != type_:
                continue
            if any(rs < mpos <= re_ for rs, re_ in self.role_spans):
                continue
            if gender in ("male", "female") and p.gender not in (None, gender):
                continue
            ok.append((mpos, key))
        if not ok:
            return None
        last_pos = max(m for m, _ in ok)
        ss = sentence_start(self.text, last_pos)
        if ss <= pos <= last_pos + 1 or sentence_start(self.text, pos) == ss:
            # the pronoun is in that same sentence: take the nearest mention before it
            return self.people[max(ok)[1]]
        first = min((m, k) for m, k in ok if m >= ss)
        return self.people[first[1]]

    def first_person(self, before: int) -> Person | None:
        """The first person the article mentions before ``before`` (an interview's interviewee)."""
        for mpos, key in self.mentions:
            if mpos > before:
                break
            if self.people[key].type == "person" and not any(rs < mpos <= re_ for rs, re_ in self.role_spans) \
                    and not _BYLINE.search(self.text[max(0, mpos - 80):mpos - len(self.people[key].name)]):
                return self.people[key]
        return None

def introduced_between(cast: Cast, after: int, before: int, current: Person) -> Person | None:
    """The person a running quote at ``before`` switches to: someone other than the current speaker
    who is the subject of the last sentence before the quote (named within its first words),
    written after the previous quote ends at ``after``. None keeps the current speaker.

    >>> t = "“We won,” said Ken Loe.\\n\\nManager Ruth Ames was less pleased.\\n\\n“We were sloppy.”"
    >>> c = Cast(t, [(1, 8), (t.rindex("“") + 1, len(t) - 1)])
    >>> loe, ames = c.add("Ken Loe", "person", 22), c.add("Ruth Ames", "person", 41)
    >>> introduced_between(c, 8, t.rindex("“"), loe).name
    'Ruth Ames'
    >>> introduced_between(c, 8, 30, loe) is None
    True
    """
    text = cast.text
    j = before
    while j > after and (text[j - 1].isspace() or text[j - 1] in "“\"‘'«"):
        j -= 1
    if j <= after:
        return None
    ss = max(sentence_start(text, j - 1), after)
    for mpos, key in reversed(cast.mentions):
        if not ss < mpos <= j:
            continue
        p = cast.people[key]
        if p is current or p.type != current.type:
            continue
        if any(rs < mpos <= re_ for rs, re_ in cast.role_spans):
            continue
        if len(text[ss:mpos].split()) <= 8 and not any(qs <= mpos <= qe for qs, qe in cast.quote_spans):
            return p
    return None
