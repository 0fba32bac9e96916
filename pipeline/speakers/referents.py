"""Who a description stands for (``the Chilean leader``, ``the political scientist``, ``the ministry``):
by the country it names, by a role head word, an organisation named before or just after it, or the
current speaker; before anyone is named, the one person whose role holds its head noun.
"""

from __future__ import annotations

import re

from pipeline.speakers import names
from pipeline.speakers import roles
from pipeline.speakers.cast import Cast, Person
from pipeline.speakers.mentions import described_org, group_mention, relation_of_name
from pipeline.speakers.quote_row import Turn
from pipeline.speakers.words import FUNCTION_WORDS, countries_in, descriptions, org_name_words, speech_verb_re, strip_article

__all__ = ["READINGS", "describe", "lede_description"]


def lede_description(cast: Cast, mention: str, pos: int) -> Person | None:
    """The person a description stands for when it comes before anyone is named (a headline or
    standfirst: ``Fares 'will rise', minister warns.``; a lede: ``..., in what a judge called “...”``
    before ``Judge Ana Ruiz said``): the one person of the article whose role holds the description's
    head noun, named after it. None when no one or several.

    >>> t = "A firm was fined, in what a judge called “a failure”.\\n\\nJudge Ana Ruiz said more."
    >>> from pipeline.speakers.role_choice import collect_roles
    >>> c = Cast(t, [(t.index("a failure"), t.index("a failure") + 9)])
    >>> c.discover(); collect_roles(c)
    >>> lede_description(c, "in what a judge", t.index("in what")).name
    'Ana Ruiz'
    >>> lede_description(c, "a lawyer", t.index("a judge")) is None
    True
    >>> t = "Fares “will rise”, minister warns.\\n\\nTransport Minister Ana Ruiz said on Monday that fares would rise."
    >>> c = Cast(t, [(t.index("will"), t.index("will") + 9)])
    >>> _ = c.add("Ana Ruiz", "person", t.index(" said")); c.discover(); collect_roles(c)
    >>> lede_description(c, "minister", t.index("minister")).name
    'Ana Ruiz'
    """
    mention = re.sub(r"(?i)^(?:in\s+)?what\s+", "", mention.strip())  # "in what a judge called ..."
    if re.match(r"(?i)(?:some|several|many|most|few|all|two|three|\d+)\s", mention):
        return None
    if any(mpos <= pos and cast.people[k].type == "person" for mpos, k in cast.mentions):
        return None
    words = strip_article(mention).lower().split()
    head = ""
    for w in words:
        if w in ("of", "to", "for", "at", "in", "from", "with", "who", "that"):
            break
        head = w
    if not head or not roles.person_noun(head):
        return None
    found = [p for p in cast.people.values() if p.type == "person"
             and any(head in re.findall(r"[\w-]+", r.lower()) for r in p.roles)]
    return found[0] if len(found) == 1 else None


def _org_named_next(cast: Cast, words: list[str], pos: int, reach: int = 400) -> Person | None:
    """The organisation an organisation description stands for when none was named before it: the
    first one named within ``reach`` characters after it whose name shares a word stem with the
    description (``the union representing career firefighters said ... Career Firefighters
    Association secretary X said``)."""
    phrase = cast.text[pos:pos + 120]
    verb = speech_verb_re().search(phrase)
    phrase = phrase[:verb.start()] if verb else phrase
    words = words + re.findall(r"[a-z]+", phrase.lower())  # the parser may cut "the union representing X"
    stems = {w[:6] for w in words if len(w) >= 4 and w not in FUNCTION_WORDS}
    for mpos, key in cast.mentions:
        p = cast.people[key]
        if mpos <= pos or mpos > pos + reach or p.type != "organization":
            continue
        if stems & {w.lower()[:6] for w in p.name.split() if len(w) >= 4}:
            return p
    return None


# a bench of judges speaks for its court: "the Bench said" after "the Northern High Court quashed ..."
_COURT_WORDS = frozenset({"court", "bench", "tribunal"})

# what a description was read as (the role pass reads the role it gives from this):
# group, spokesperson (again), relative (a named person's relation, found), relation (not found),
# indefinite, organization, country, person
READINGS = ("group", "spokesperson", "relative", "relation", "indefinite", "organization", "country", "person")


def describe(cast: Cast, mention: str, pos: int, para: int, last: Turn | None) -> tuple[Person | None, str]:
    """Who a description at ``pos`` (in paragraph ``para``) stands for, and how it was read (one of
    :data:`READINGS`): an unnamed group is no one; ``the spokesperson`` after an organisation's
    spokesperson spoke is that organisation; a relation of a named person is someone written with that
    relation; an indefinite description is someone new; an organisation description is an organisation
    named before or after it; a description naming a country is the person whose role names it;
    otherwise a person by the role head word, or the current speaker (``last``)."""
    desc = strip_article(mention)
    words = desc.lower().split()
    if group_mention(mention):
        return None, "group"  # "Critics said ...": an unnamed group, no one speaker
    if re.match(r"(?i)the\s", mention.strip()) and words and words[-1] in ("spokesman", "spokeswoman", "spokesperson") \
            and last is not None and last.person.type == "organization" and para - last.para <= 2:
        return last.person, "spokesperson"  # "the spokesperson added" after an organisation's spokesperson spoke
    related = relation_of_name(mention)
    if related:
        found = _relative(cast, words[0], related)
        return found, "relative" if found is not None else "relation"
    head_words = _head_words(words)
    if re.match(r"(?i)(a|an|one|some|several|many|\d+)\s", mention.strip()):
        return None, "indefinite"  # someone new and unnamed ("a council spokesperson")
    current = last.person if last is not None and para - last.para <= 3 else None
    if _head_type(desc, words, head_words) == "organization":
        return _described_organisation(cast, desc, words, pos, current), "organization"
    wanted = countries_in(desc)
    if wanted:
        return _by_country(cast, wanted, pos, current), "country"
    return _by_role(cast, words, head_words, pos, current), "person"


def _relative(cast: Cast, noun: str, related: str) -> Person | None:
    """``the father of Ana Ruiz``: the latest person written with that relation to that surname, or None
    (the relative is unnamed)."""
    sur = related.split()[-1].lower()
    for mpos, key in reversed(cast.mentions):
        p = cast.people[key]
        if p.type == "person" and any(noun in r.lower().split() and sur in r.lower() for r in p.roles):
            return p
    return None


def _head_words(words: list[str]) -> list[str]:
    """The words of a description before its first ``of/to/for/at/in/from/with``.

    >>> _head_words("head of the ministry".split())
    ['head']
    """
    head_words = []
    for w in words:
        if w in ("of", "to", "for", "at", "in", "from", "with"):
            break
        head_words.append(w)
    return head_words


def _head_type(desc: str, words: list[str], head_words: list[str]) -> str:
    """``person`` or ``organization``: the type of the longest description of ``descriptions.txt`` that
    ends the head words; an organisation's head word alone (``the trust``) is an organisation.

    >>> _head_type("trust", ["trust"], ["trust"]), _head_type("political scientist", ["political", "scientist"], ["political", "scientist"])
    ('organization', 'person')
    """
    head_phrase = " ".join(head_words)
    dtype = "person"
    for phrase, t in sorted(descriptions().items(), key=lambda kv: -len(kv[0])):
        if re.search(rf"(?<![\w-]){re.escape(phrase)}$", head_phrase):
            dtype = t
            break
    if dtype == "person" and len(words) == 1 and words[0] in org_name_words() and not roles.has_title(desc):
        dtype = "organization"  # "the trust", "the university": an organisation's head word alone
    return dtype


def _described_organisation(cast: Cast, desc: str, words: list[str], pos: int, current: Person | None) -> Person | None:
    """The organisation an organisation description stands for: the latest named before it with its
    head word (a bench for its court), the current speaker when an organisation, one the description
    names by its function (added to the cast), the most mentioned before it, or one named just after."""
    head = words[-1] if words else ""
    heads = _COURT_WORDS if head in _COURT_WORDS else {head}
    named = [cast.people[k] for m_, k in cast.mentions if m_ <= pos and cast.people[k].type == "organization"
             and heads & set(names.fold(cast.people[k].name).split())]
    if named:
        return named[-1]
    if current is not None and current.type == "organization":
        return current
    named_by = described_org(desc)
    if named_by:
        return cast.add(named_by, "organization", pos)
    counts: dict[str, int] = {}
    for mpos, key in cast.mentions:
        if cast.people[key].type == "organization" and mpos <= pos:
            counts[key] = counts.get(key, 0) + 1
    if not counts:
        return _org_named_next(cast, words, pos)
    return cast.people[max(counts, key=lambda k: (counts[k], k))]


def _by_country(cast: Cast, wanted: frozenset[str], pos: int, current: Person | None) -> Person | None:
    """``the Chilean leader``: the latest person before it whose role names the country; else the current
    speaker, or the nearest person before it (within 1,500 characters), whose roles name no other."""
    best = None
    for mpos, key in cast.mentions:
        p = cast.people[key]
        if p.type != "person" or mpos > pos:
            continue
        if any(countries_in(r) & wanted for r in p.roles):
            best = p
    if best is not None:
        return best
    if current is not None and current.type == "person" and not any(countries_in(r) - wanted for r in current.roles):
        return current
    for mpos, key in reversed(cast.mentions):
        p = cast.people[key]
        if mpos > pos or p.type != "person" or p is current:
            continue
        if pos - mpos > 1500:
            break
        if not any(countries_in(r) - wanted for r in p.roles):
            return p
    return None


def _by_role(cast: Cast, words: list[str], head_words: list[str], pos: int, current: Person | None) -> Person | None:
    """``the political scientist``: a person whose role shares a stem with the description's complement
    (``the head of the ministry``); the current speaker unless another person's role holds the head word
    and theirs does not; the latest person before it whose role holds the head word; the current
    speaker; the person a pronoun here would stand for."""
    head = words[-1] if words else ""
    for w in words:
        if w in ("of", "to", "for", "at"):
            break
        head = w
    head = head[3:] if head.startswith("ex-") else head
    matching = _sharing_complement(cast, words[len(head_words) + 1:], pos)
    if current is not None and current in matching:
        return current
    if matching:
        return matching[-1]
    if current is not None and current.type == "person":
        others = [cast.people[k] for _, k in cast.mentions if cast.people[k].type == "person" and cast.people[k] is not current]
        if any(head in r.lower() for r in current.roles) or not any(any(head in r.lower() for r in p.roles) for p in others):
            return current
    best = None
    for mpos, key in cast.mentions:
        p = cast.people[key]
        if mpos <= pos and p.type == "person" and any(head in r.lower() for r in p.roles):
            best = p
    if best is not None:
        return best
    if current is not None and current.type == "person":
        return current
    return cast.recent(pos, "person")


def _sharing_complement(cast: Cast, complement: list[str], pos: int) -> list[Person]:
    """The people mentioned before ``pos`` whose roles share a five-letter stem with a long word of a
    description's complement (``ministry`` of ``the head of the ministry``), in mention order."""
    comp = [w for w in complement if len(w) >= 5 and w not in FUNCTION_WORDS]
    if not comp:
        return []

    def shares(p: Person) -> bool:
        rw = {w.lower()[:5] for r in p.roles for w in re.findall(r"[\w-]+", r) if len(w) >= 5}
        return any(c[:5] in rw for c in comp)

    return [cast.people[k] for m_, k in cast.mentions if m_ <= pos and cast.people[k].type == "person"
            and shares(cast.people[k])]
