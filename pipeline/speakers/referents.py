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
from pipeline.speakers.words import FUNCTION_WORDS, countries_in, descriptions, org_heads, speech_verb_re, strip_article

__all__ = ["lede_description", "describe"]


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


_COURT_WORDS = frozenset({"court", "bench", "tribunal"})


def describe(cast: Cast, mention: str, pos: int, last: dict | None, para: int) -> tuple[Person | None, str | None]:
    """Resolve a description: by country, by role head word, or the current speaker."""
    desc = strip_article(mention)
    words = desc.lower().split()
    if group_mention(mention):
        return None, None  # "Critics said ...": an unnamed group, no one speaker
    if re.match(r"(?i)the\s", mention.strip()) and words and words[-1] in ("spokesman", "spokeswoman", "spokesperson") \
            and last is not None \
            and last["type"] == "organization" and para - last["para"] <= 2:
        return last["person"], None  # "the spokesperson added" after an organisation's spokesperson spoke
    related = relation_of_name(mention)
    if related:
        # "the father of Ana Ruiz": someone written with that relation elsewhere, else unnamed
        noun = words[0]
        sur = related.split()[-1].lower()
        for mpos, key in reversed(cast.mentions):
            p = cast.people[key]
            if p.type == "person" and any(noun in r.lower().split() and sur in r.lower() for r in p.roles):
                return p, None
        return None, roles.clean_role(desc)
    # the description's head: the words before its first "of/to/for/at/in"
    head_words = []
    for w in words:
        if w in ("of", "to", "for", "at", "in", "from", "with"):
            break
        head_words.append(w)
    head_phrase = " ".join(head_words)
    if re.match(r"(?i)(a|an|one|some|several|many|\d+)\s", mention.strip()):
        # an indefinite description introduces someone new and unnamed ("a council spokesperson")
        return None, roles.clean_role(desc) if roles.has_title(desc) else None
    dtype = "person"
    for phrase, t in sorted(descriptions().items(), key=lambda kv: -len(kv[0])):
        if re.search(rf"(?<![\w-]){re.escape(phrase)}$", head_phrase):
            dtype = t
            break
    if dtype == "person" and len(words) == 1 and words[0] in org_heads() and not roles.has_title(desc):
        dtype = "organization"  # "the trust", "the university": an organisation's head word alone
    role_hint = desc if roles.has_title(desc) and countries_in(desc) else None
    current = last["person"] if last is not None and para - last["para"] <= 3 else None
    if dtype == "organization":
        head = words[-1] if words else ""
        heads = _COURT_WORDS if head in _COURT_WORDS else {head}
        named = [cast.people[k] for m_, k in cast.mentions if m_ <= pos and cast.people[k].type == "organization"
                 and heads & set(names.fold(cast.people[k].name).split())]
        if named:
            return named[-1], None
        if current is not None and current.type == "organization":
            return current, None
        named_by = described_org(desc)
        if named_by:
            return cast.add(named_by, "organization", pos), None
        counts: dict[str, int] = {}
        for mpos, key in cast.mentions:
            if cast.people[key].type == "organization" and mpos <= pos:
                counts[key] = counts.get(key, 0) + 1
        if not counts:
            return _org_named_next(cast, words, pos), None
        return cast.people[max(counts, key=lambda k: (counts[k], k))], None
    wanted = countries_in(desc)
    if wanted:
        best = None
        for mpos, key in cast.mentions:
            p = cast.people[key]
            if p.type != "person" or mpos > pos:
                continue
            if any(countries_in(r) & wanted for r in p.roles):
                best = p
        if best is not None:
            return best, role_hint
        if current is not None and current.type == "person" and not any(countries_in(r) - wanted for r in current.roles):
            return current, role_hint
        for mpos, key in reversed(cast.mentions):
            p = cast.people[key]
            if mpos > pos or p.type != "person" or p is current:
                continue
            if pos - mpos > 1500:
                break
            if not any(countries_in(r) - wanted for r in p.roles):
                return p, role_hint
        return None, role_hint
    head = words[-1] if words else ""
    for w in words:
        if w in ("of", "to", "for", "at"):
            break
        head = w
    head = head[3:] if head.startswith("ex-") else head
    # "the head of the ministry": a person whose role shares a word stem with the complement
    comp = [w for w in words[len(head_words) + 1:] if len(w) >= 5 and w not in FUNCTION_WORDS]
    if comp:
        def _shares(p: Person) -> bool:
            rw = {w.lower()[:5] for r in p.roles for w in re.findall(r"[\w-]+", r) if len(w) >= 5}
            return any(c[:5] in rw for c in comp)
        matching = [cast.people[k] for m_, k in cast.mentions if m_ <= pos and cast.people[k].type == "person"
                    and _shares(cast.people[k])]
        if current is not None and current in matching:
            return current, None
        if matching:
            return matching[-1], None
    if current is not None and current.type == "person" and (any(head in r.lower() for r in current.roles) or not current.roles or True):
        others = [cast.people[k] for _, k in cast.mentions if cast.people[k].type == "person" and cast.people[k] is not current]
        if any(head in r.lower() for r in current.roles) or not any(any(head in r.lower() for r in p.roles) for p in others):
            return current, None
    best = None
    for mpos, key in cast.mentions:
        p = cast.people[key]
        if mpos <= pos and p.type == "person" and any(head in r.lower() for r in p.roles):
            best = p
    if best is not None:
        return best, None
    if current is not None and current.type == "person":
        return current, None
    return cast.recent(pos, "person"), None
