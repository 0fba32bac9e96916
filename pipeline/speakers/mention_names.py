"""The person's name a mention holds: at its end (:func:`trailing_name`), at its start
(:func:`leading_name`), or wherever the mention puts it (:func:`mention_name`).

Name tokens are read by capitalisation and word rarity; titles, countries, demonyms, organisation
words and honorifics are no name. A name never starts with the last word of an organisation's
``<head> of ...`` name written before it (``the Ministry of Foreign Affairs Ana Ruiz``).
"""

from __future__ import annotations

import re

from wordfreq import zipf_frequency

from pipeline.speakers import names
from pipeline.speakers import roles
from pipeline.speakers.words import FUNCTION_WORDS, countries, demonyms, honorific_words, org_name_words, strip_article

__all__ = ["name_particle", "name_token", "trailing_name", "ends_org_phrase", "unswallow", "leading_name",
           "mention_name", "free_name_run"]


_ARABIC_PREFIX = re.compile(r"^(?:al|el|ad|ar|as|at|an|ash|az|ul|bin|ibn|abu|bint)[-‑][A-Z]")


def name_particle(tok: str) -> bool:
    """A particle that belongs to a surname (``lexicons/names_particles.txt``, compared folded):
    ``van``, ``der``, ``de``, ``la``, ``bin``, ``Ó``, ``Ní``, ``Mac``.

    >>> [name_particle(t) for t in ("van", "Ó", "Ní", "bin", "Mac", "the", "Van")]
    [True, True, True, True, True, False, False]
    """
    folded = names.fold(tok)
    if folded not in names.particles():
        return False
    # lower-case particles (van, de, bin) are written lower-case; Gaelic ones (Ó, Ní, Mac) capitalised
    return tok.islower() or (not tok.isascii() or folded in ("mac", "nic", "ua"))


def name_token(tok: str, common_ok: bool = False) -> bool:
    """A token that can be part of a person's name: capitalised, not a title, country, demonym,
    organisation word or (unless ``common_ok``) very common English word, not an acronym, with no
    bracket (``NUTA)`` is not a name).

    >>> name_token("Maoláin"), name_token("al-Sabah"), name_token("NUTA)"), name_token("Striker")
    (True, True, False, False)
    """
    if any(c in tok for c in "()[]{}"):
        return False
    bare = tok.strip(".,;:’'\"“”")
    if _ARABIC_PREFIX.match(bare):
        return True
    if bare.endswith(("’s", "'s")):
        bare = bare[:-2]
    if not bare or not bare[0].isupper() or len(bare) < 2:
        return False
    if bare.isupper():
        return False
    low = bare.lower()
    if low in roles.title_words() or low in org_name_words() or (low in FUNCTION_WORDS and not common_ok) or low in honorific_words():
        return False
    if bare in demonyms() or bare in countries():
        return False
    return common_ok or zipf_frequency(low, "en") < 5.0 or "-" in bare


def _four_part_name(kept: list[str]) -> bool:
    """Whether a run of four name words is one person's name (Iberian double surnames, a name with
    particles) rather than two names side by side: it holds a particle, or two accented words.

    >>> _four_part_name("Luiz Inácio Lula da Silva".split()), _four_part_name("María José García López".split())
    (True, True)
    >>> _four_part_name("Olena Marchuk Tomas Berzins".split())
    False
    """
    core = [k for k in kept if not name_particle(k)]
    if len(core) != len(kept):
        return True
    return sum(1 for k in core if not k.isascii()) >= 2


def _given_name_slot(toks: list[str], i: int) -> bool:
    """Whether token ``i`` stands where a given name stands: first in the phrase, or straight after
    a title, descriptor or honorific (``Pensioner Bill Hoe``, ``Coun. Mark Pike``).

    >>> _given_name_slot(["Bill", "Hoe"], 0), _given_name_slot(["Pensioner", "Bill", "Hoe"], 1)
    (True, True)
    >>> _given_name_slot(["the", "Grand", "Hotel"], 1)
    False
    """
    if i == 0:
        return True
    prev = toks[i - 1].lower().strip(".,;:")
    return prev in roles.title_words() or prev in honorific_words()


def trailing_name(phrase: str) -> str | None:
    """The person's name at the end of a mention (titles, countries and organisations dropped).

    >>> trailing_name("Senior Lecturer of the Polytechnic Institute under the Government of the Czech Republic Jaroslav Hudec")
    'Jaroslav Hudec'
    >>> trailing_name("the President of Ghana Mensah")
    'Mensah'
    >>> trailing_name("the political scientist") is None
    True
    >>> trailing_name("Dr. Amina Yusuf’s")
    'Amina Yusuf'
    >>> trailing_name("Governor Ellen Park"), trailing_name("the Supreme Court")
    ('Ellen Park', None)
    >>> trailing_name("President Luiz Inácio Lula da Silva"), trailing_name("said María José García López")
    ('Luiz Inácio Lula da Silva', 'María José García López')
    >>> trailing_name("a spokesperson for the Department for Transport") is None
    True
    >>> trailing_name("farmer Nguyen Van An"), trailing_name("Chief Minister K. Chandra Rao")
    ('Nguyen Van An', 'K. Chandra Rao')

    """
    toks = phrase.split()
    kept = _name_run_at_end(toks)
    if not kept:
        return None
    n_core = sum(1 for k in kept if not name_particle(k))
    if n_core >= 3 and ends_org_phrase(toks, len(toks) - len(kept)):
        kept = kept[1:]  # "the Ministry of Foreign Affairs Ana Ruiz": "Affairs" closes the ministry's name
    elif n_core == 1 and len(kept) == 1 and zipf_frequency(kept[0].lower().strip(".,;:"), "en") >= 4.0 \
            and ends_org_phrase(toks, len(toks) - 1):
        return None  # "a spokesperson for the Department for Transport": the department's name ends there
    while kept and name_particle(kept[0]) and kept[0].islower() and len(toks) > len(kept):
        kept = kept[1:]  # "the President of Ruritania de Souza": a lower-case particle starts no name after other words
    if not kept:
        return None
    name = " ".join(_surname_with_one_given(kept)).strip(".,;:’'\"“”()")
    name = re.sub(r"[’']s$", "", name)
    return name or None


def _name_run_at_end(toks: list[str]) -> list[str]:
    """The run of name words at the end of a token list, in text order: name tokens, a common-word
    surname after a given name, particles, initials, a common-word given name before a surname.

    >>> _name_run_at_end("farmer Nguyen Van An".split()), _name_run_at_end("Chief Minister K. Chandra Rao".split())
    (['Nguyen', 'Van', 'An'], ['K.', 'Chandra', 'Rao'])
    """
    kept: list[str] = []
    for n, tok in enumerate(reversed(toks)):
        if name_token(tok):
            kept.append(tok)
        elif n == 0 and len(toks) > 1 and name_token(tok, common_ok=True) and name_token(toks[-2]):
            kept.append(tok)  # a common-word surname after a given name: "Ellen Park"
        elif kept and name_particle(tok.strip(",;:")) and not tok[-1:] in ",;:":
            kept.append(tok)  # "van der Berg", "Ó Maoláin"
        elif kept and re.fullmatch(r"[A-Z]\.", tok) and not name_particle(kept[-1]):
            kept.append(tok)  # an initial: "K. Rao", "J. R. Okafor"
        elif len(kept) == 1 and name_token(tok, common_ok=True) and not tok[-1:] in ",;:" \
                and _given_name_slot(toks, len(toks) - 1 - n):
            kept.append(tok)  # a common-word given name before a surname: "Pensioner Bill Hoe"
        else:
            break
    kept.reverse()
    return kept


def _surname_with_one_given(kept: list[str]) -> list[str]:
    """A long capitalised run (five name words, or four that are not one person's name) cut to the surname
    with one given name (``... Lula da Silva``); a shorter run unchanged.

    >>> _surname_with_one_given("Minister Ana Maria Lopes Ruiz Vidal".split())
    ['Ruiz', 'Vidal']
    """
    core = [k for k in kept if not name_particle(k)]
    if len(core) > 4 or (len(core) == 4 and not _four_part_name(kept)):
        i = len(kept) - 1
        while i > 0 and name_particle(kept[i - 1]):
            i -= 1
        return kept[max(0, i - 1):]
    return kept


def ends_org_phrase(toks: list[str], i: int) -> bool:
    """Whether token ``i`` is the last word of an organisation's ``<head> of/for ...`` name: the words
    before it, read leftwards over capitalised words and connectors, reach an organisation head word
    followed by ``of``/``for`` (``Ministry of Foreign Affairs``, ``Office for National Statistics``).

    A two-word name right after such a phrase (``Ministry of Health Ana Ruiz``) reads the same way, so
    callers drop the first word of a run only when two name words remain.

    >>> toks = "the spokesman for the Ministry of Foreign Affairs Ana Ruiz".split()
    >>> ends_org_phrase(toks, toks.index("Affairs"))
    True
    >>> toks = "the wife of Ana Maria Ruiz".split()
    >>> ends_org_phrase(toks, toks.index("Ana"))
    False
    """
    if i <= 0 or i >= len(toks) or toks[i][-1:] in ",;:":
        return False
    j = i - 1
    saw_link = False
    while j >= 0:
        w = toks[j].strip("’'\"“”()")
        low = w.lower()
        if low in ("of", "for"):
            saw_link = True
        elif low in ("and", "&", "the", "on"):
            pass
        elif w[:1].isupper() and not toks[j].endswith((",", ";", ":")):
            if saw_link and (low in org_name_words() or low in roles.titles()) and toks[j + 1].lower() in ("of", "for"):
                return True  # "Ministry of Foreign Affairs", "Minister of State for Home Affairs"
        else:
            return False
        j -= 1
    return False


def unswallow(text: str, start: int, name: str) -> str:
    """A name read from ``text`` at ``start`` without a first word that closes an organisation's name
    written just before it (``the Ministry of Economy Aliya Bekova`` read as ``Economy Aliya Bekova``).

    >>> t = "said the head of the Ministry of Economy Aliya Bekova"
    >>> unswallow(t, t.index("Economy"), "Economy Aliya Bekova"), unswallow(t, t.index("Aliya"), "Aliya Bekova")
    ('Aliya Bekova', 'Aliya Bekova')
    """
    words = name.split()
    if len(words) < 3:
        return name
    pre = text[max(0, start - 100):start].split()
    toks = pre + words
    return " ".join(words[1:]) if ends_org_phrase(toks, len(pre)) else name


def leading_name(phrase: str) -> str | None:
    """The person's name at the start of a mention (``Ana Ruiz at a briefing`` -> ``Ana Ruiz``).

    >>> leading_name("Marek Novak, the head of the committee")
    'Marek Novak'
    >>> leading_name("the committee") is None, leading_name("Riverton's mayor") is None
    (True, True)
    """
    kept = []
    toks = phrase.split()
    for i, tok in enumerate(toks):
        if name_token(tok) or (kept and name_particle(tok) and i + 1 < len(toks)
                                and (name_token(toks[i + 1]) or name_particle(toks[i + 1]))):
            kept.append(tok)
            if tok.endswith((",", ";", ":")):
                break
        else:
            break
    while kept and name_particle(kept[-1]):
        kept.pop()
    if not kept or sum(1 for k in kept if not name_particle(k)) > 3:
        return None
    if re.search(r"[’']s$", kept[-1]) and len(toks) > len(kept) and toks[len(kept)][:1].islower():
        return None  # "Riverton's mayor": the possessor of a title, not the person
    name = re.sub(r"[’']s$", "", " ".join(kept).strip(".,;:’'\"“”()"))
    return name or None


def mention_name(mention: str) -> str | None:
    """The person's name a mention holds: before its first comma, at its start, or at its end.

    >>> mention_name("Ana Ruiz, a former adviser to President Juan Perez")
    'Ana Ruiz'
    >>> mention_name("the President of Ruritania, Ivo Bakalov")
    'Ivo Bakalov'
    >>> mention_name("Harbour Capital's chief economist, Ivo Bakalov")
    'Ivo Bakalov'
    >>> mention_name("a Russian affairs expert and professor at Lakeside Technical University Ina Gorska")
    'Ina Gorska'
    >>> mention_name("Standing counsel for the council, Meera Iyer"), mention_name("Acting for the family, Tom Ruddle")
    ('Meera Iyer', 'Tom Ruddle')
    >>> mention_name("Mitigating, defence barrister Sue Hale"), mention_name("Defending, Tom Okoro")
    ('Sue Hale', 'Tom Okoro')
    """
    m = re.search(r"\b(?:citing|quoting)\s+(.+)$", mention)
    if m:
        mention = m.group(1)
    parts = mention.split(",", 1)
    first = parts[0]
    if len(parts) > 1 and (roles.has_title(" ".join(strip_article(first).split()[:2]))
                           or roles.person_noun(first.split()[-1].lower().strip(".’'")) if first.split() else False):
        rest = parts[1]
        return leading_name(rest.strip()) or trailing_name(rest) or trailing_name(first)
    if len(parts) > 1 and len(first.split()) == 1 and re.fullmatch(r"[A-Z][a-z]+(?:ing|ed)", first) \
            and zipf_frequency(first.lower(), "en") >= 2.5:
        # "Mitigating, defence barrister Sue Hale": a participle opening the sentence is no name
        return mention_name(parts[1].strip())
    if len(parts) > 1 and re.search(r"\s[a-z]", first) and not free_name_run(first):
        # "Standing counsel for the council, Meera Iyer": a description opening the sentence, then the
        # name in apposition to it (a participle or adjunct before the comma is no name)
        rest = re.sub(r",\s*\d{1,3}$", "", parts[1].strip())
        lead = leading_name(rest)
        if lead and lead == rest.strip(" ,") and len(lead.split()) >= 2:
            return lead
    return free_name_run(first) or trailing_name(first) or leading_name(first) or trailing_name(mention)


def free_name_run(phrase: str) -> str | None:
    """A run of name tokens not standing after a function word (so not inside an organisation's
    name): ``Energy analyst Ana Rao of the Centre for Energy and Climate Futures`` -> ``Ana Rao``."""
    toks = phrase.split()
    runs: list[list[str]] = []
    cur: list[str] = []
    free = True
    for i, tok in enumerate(toks):
        if name_token(tok) or (cur and i == len(toks) - 1 and name_token(tok, common_ok=True)) \
                or (cur and name_particle(tok) and i + 1 < len(toks) and (name_token(toks[i + 1]) or name_particle(toks[i + 1]))):
            if not cur:
                free = i == 0 or toks[i - 1].lower() not in FUNCTION_WORDS
            cur.append(tok)
            continue
        if cur and free:
            runs.append(cur)
        cur = []
    if cur and free:
        runs.append(cur)
    runs = [r for r in runs if 2 <= sum(1 for t in r if not name_particle(t)) <= 3]
    if len(runs) == 1 and sum(1 for t in runs[0] if not name_particle(t)) >= 3:
        at = next(i for i in range(len(toks)) if toks[i:i + len(runs[0])] == runs[0])
        if ends_org_phrase(toks, at):
            runs = [runs[0][1:]]
    if len(runs) != 1:
        return None
    return re.sub(r"[’']s$", "", " ".join(runs[0]).strip(".,;:’'\"“”()")) or None
