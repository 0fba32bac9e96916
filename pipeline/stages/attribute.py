"""Attribute stage: who said each quote, with which cue, in what role, and when.

One row per quote span in one article (the rows of :func:`pipeline.stages.segment.quote_spans`), with
``mention, speaker_name, speaker_type, cue, role, quote_date, date_basis, confidence`` added.

No parse here: segment parsed what needed a parse and passed the local evidence (``cue``,
``mention`` and offsets); names, organisations and their mentions are read by rules
(:class:`Cast`: name tokens by capitalisation and word rarity, organisation words, acronyms;
named entities are used too when a ``article_ents`` column is present). Attribution walks the
quotes of an article in order and resolves each mention:

* a name -> the fullest form of that surname in the article (:func:`trailing_name`, :class:`Cast`);
* a pronoun -> the most recent person outside quotes, the earlier speakers included, whose known
  gender agrees (:meth:`Cast.recent`);
* a description -> with a country (``the Chilean leader``, via ``demonyms.tsv``) the person whose
  role names that country; otherwise (``the political scientist``, ``the source``) the current
  speaker, or the most recent person whose role holds the description's head word;
* no mention -> a running quote continues the last speaker (in a Q&A layout, the interviewee);
  a direct quote the parser left without a cue takes the attribution after it when its subject holds
  an appositive (:func:`appositive_attribution`: ``“...,” the victim's uncle, Ian Poe, said``).

Before anyone is named (a headline, standfirst or lede), a description is the one person whose role
holds its head noun (:func:`lede_description`). Organisations: a description naming an institution
by its function (``the country's energy ministry``), in apposition to a name (``Save Elm Park, the
group that ...``) or named just after it (``the union representing X``) is that organisation;
a plural of a person noun (``Critics said``) is an unnamed group. A name never starts with the last
word of an organisation's ``<head> of ...`` name written before it (``the Ministry of Foreign
Affairs Ana Ruiz``).

Roles come from :mod:`pipeline.speakers.roles` at every occurrence of the speaker's names, dates from
:mod:`pipeline.speakers.dates`.
"""

from __future__ import annotations

from pathlib import Path
import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache

import pandas as pd
from wordfreq import zipf_frequency

from pipeline.speakers import dates
from pipeline.speakers import names
from pipeline.speakers import roles
from pipeline.config import Settings
from pipeline.lexicons import lexicon_lines
from schemas.values import as_date
from pipeline.storage import read_part, write_part
from schemas.interim import AttributedQuote


__all__ = ["attributed_quotes", "trailing_name", "leading_name", "mention_name", "org_name", "mention_kind",
           "countries_in", "Cast", "name_particle", "clean_mention", "abbreviated_title_mention",
           "introduced_between"]

_FUNCTION = {"of", "the", "for", "on", "under", "and", "to", "at", "in", "a", "an", "by", "with", "from"}


# -- lexicons ---------------------------------------------------------------------------------
_lines = lexicon_lines


@lru_cache(maxsize=1)
def demonyms() -> dict[str, str]:
    """Demonym (or abbreviation) -> country, from ``demonyms.tsv``.

    >>> demonyms()["Chilean"], demonyms()["Malian"]
    ('Chile', 'Mali')
    """
    return dict(line.split("\t", 1) for line in _lines("demonyms.tsv"))


@lru_cache(maxsize=1)
def _countries() -> frozenset[str]:
    return frozenset(demonyms().values())


@lru_cache(maxsize=1)
def pronouns() -> dict[str, tuple[str, str]]:
    """Pronoun -> (gender, type), from ``pronouns.tsv``.

    >>> pronouns()["she"]
    ('female', 'person')
    """
    out = {}
    for line in _lines("pronouns.tsv"):
        p, g, t = line.split("\t")
        out[p] = (g, t)
    return out


@lru_cache(maxsize=1)
def descriptions() -> dict[str, str]:
    """Description head phrase -> type, from ``descriptions.txt``.

    >>> descriptions()["political scientist"], descriptions()["publication"]
    ('person', 'organization')
    """
    return dict(line.split("\t", 1) for line in _lines("descriptions.txt"))


@lru_cache(maxsize=1)
def honorific_words() -> frozenset[str]:
    return frozenset(_lines("honorifics.txt"))


@lru_cache(maxsize=1)
def place_words() -> frozenset[str]:
    return frozenset(_lines("place_words.txt"))


@lru_cache(maxsize=1)
def org_heads() -> frozenset[str]:
    return frozenset(_lines("org_name_words.txt"))


# -- small rules ------------------------------------------------------------------------------
@lru_cache(maxsize=1)
def _country_re() -> re.Pattern[str]:
    words = sorted(set(demonyms()) | _countries(), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(w) for w in words) + r")(?!\w)")


@lru_cache(maxsize=4096)
def countries_in(phrase: str) -> frozenset[str]:
    """Countries a phrase names, directly or through a demonym.

    >>> sorted(countries_in("the President of the Slovak Republic"))
    ['Slovakia']
    >>> sorted(countries_in("Peruvian leader")), sorted(countries_in("the expert"))
    (['Peru'], [])
    """
    out = set()
    dem = demonyms()
    for m in _country_re().finditer(phrase):
        w = m.group(0)
        out.add(dem.get(w, w))
    return frozenset(out)


_ARABIC_PREFIX = re.compile(r"^(?:al|el|ad|ar|as|at|an|ash|az|ul|bin|ibn|abu|bint)[-‑][A-Z]")


def name_particle(tok: str) -> bool:
    """A particle that belongs to a surname (``lexicons/name_particles.txt``, compared folded):
    ``van``, ``der``, ``de``, ``la``, ``bin``, ``Ó``, ``Ní``, ``Mac``.

    >>> [name_particle(t) for t in ("van", "Ó", "Ní", "bin", "Mac", "the", "Van")]
    [True, True, True, True, True, False, False]
    """
    folded = names.fold(tok)
    if folded not in names._particles():
        return False
    # lower-case particles (van, de, bin) are written lower-case; Gaelic ones (Ó, Ní, Mac) capitalised
    return tok.islower() or (not tok.isascii() or folded in ("mac", "nic", "ua"))


def _name_token(tok: str, common_ok: bool = False) -> bool:
    """A token that can be part of a person's name: capitalised, not a title, country, demonym,
    organisation word or (unless ``common_ok``) very common English word, not an acronym, with no
    bracket (``NUTA)`` is not a name).

    >>> _name_token("Maoláin"), _name_token("al-Sabah"), _name_token("NUTA)"), _name_token("Striker")
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
    if low in roles._title_words() or low in org_heads() or (low in _FUNCTION and not common_ok) or low in honorific_words():
        return False
    if bare in demonyms() or bare in _countries():
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
    return prev in roles._title_words() or prev in honorific_words()


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
    kept: list[str] = []
    for n, tok in enumerate(reversed(toks)):
        if _name_token(tok):
            kept.append(tok)
        elif n == 0 and len(toks) > 1 and _name_token(tok, common_ok=True) and _name_token(toks[-2]):
            kept.append(tok)  # a common-word surname after a given name: "Ellen Park"
        elif kept and name_particle(tok.strip(",;:")) and not tok[-1:] in ",;:":
            kept.append(tok)  # "van der Berg", "Ó Maoláin"
        elif kept and re.fullmatch(r"[A-Z]\.", tok) and not name_particle(kept[-1]):
            kept.append(tok)  # an initial: "K. Rao", "J. R. Okafor"
        elif len(kept) == 1 and _name_token(tok, common_ok=True) and not tok[-1:] in ",;:" \
                and _given_name_slot(toks, len(toks) - 1 - n):
            kept.append(tok)  # a common-word given name before a surname: "Pensioner Bill Hoe"
        else:
            break
    if not kept:
        return None
    kept.reverse()
    n_core = sum(1 for k in kept if not name_particle(k))
    if n_core >= 3 and _ends_org_phrase(toks, len(toks) - len(kept)):
        kept = kept[1:]  # "the Ministry of Foreign Affairs Ana Ruiz": "Affairs" closes the ministry's name
    elif n_core == 1 and len(kept) == 1 and zipf_frequency(kept[0].lower().strip(".,;:"), "en") >= 4.0 \
            and _ends_org_phrase(toks, len(toks) - 1):
        return None  # "a spokesperson for the Department for Transport": the department's name ends there
    while kept and name_particle(kept[0]) and kept[0].islower() and len(toks) > len(kept):
        kept = kept[1:]  # "the President of Ruritania de Souza": a lower-case particle starts no name after other words
    if not kept:
        return None
    core = [k for k in kept if not name_particle(k)]
    if len(core) > 4 or (len(core) == 4 and not _four_part_name(kept)):
        # a long capitalised run: keep the surname with one given name ("... Lula da Silva")
        i = len(kept) - 1
        while i > 0 and name_particle(kept[i - 1]):
            i -= 1
        kept = kept[max(0, i - 1):]
    name = " ".join(kept).strip(".,;:’'\"“”()")
    name = re.sub(r"[’']s$", "", name)
    return name or None


def _ends_org_phrase(toks: list[str], i: int) -> bool:
    """Whether token ``i`` is the last word of an organisation's ``<head> of/for ...`` name: the words
    before it, read leftwards over capitalised words and connectors, reach an organisation head word
    followed by ``of``/``for`` (``Ministry of Foreign Affairs``, ``Office for National Statistics``).

    A two-word name right after such a phrase (``Ministry of Health Ana Ruiz``) reads the same way, so
    callers drop the first word of a run only when two name words remain.

    >>> toks = "the spokesman for the Ministry of Foreign Affairs Ana Ruiz".split()
    >>> _ends_org_phrase(toks, toks.index("Affairs"))
    True
    >>> toks = "the wife of Ana Maria Ruiz".split()
    >>> _ends_org_phrase(toks, toks.index("Ana"))
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
            if saw_link and (low in org_heads() or low in roles.titles()) and toks[j + 1].lower() in ("of", "for"):
                return True  # "Ministry of Foreign Affairs", "Minister of State for Home Affairs"
        else:
            return False
        j -= 1
    return False


def _unswallow(text: str, start: int, name: str) -> str:
    """A name read from ``text`` at ``start`` without a first word that closes an organisation's name
    written just before it (``the Ministry of Economy Aliya Bekova`` read as ``Economy Aliya Bekova``).

    >>> t = "said the head of the Ministry of Economy Aliya Bekova"
    >>> _unswallow(t, t.index("Economy"), "Economy Aliya Bekova"), _unswallow(t, t.index("Aliya"), "Aliya Bekova")
    ('Aliya Bekova', 'Aliya Bekova')
    """
    words = name.split()
    if len(words) < 3:
        return name
    pre = text[max(0, start - 100):start].split()
    toks = pre + words
    return " ".join(words[1:]) if _ends_org_phrase(toks, len(pre)) else name


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
        if _name_token(tok) or (kept and name_particle(tok) and i + 1 < len(toks)
                                and (_name_token(toks[i + 1]) or name_particle(toks[i + 1]))):
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
    if len(parts) > 1 and (roles.has_title(" ".join(_strip_article(first).split()[:2]))
                           or roles._person_noun(first.split()[-1].lower().strip(".’'")) if first.split() else False):
        rest = parts[1]
        return leading_name(rest.strip()) or trailing_name(rest) or trailing_name(first)
    if len(parts) > 1 and len(first.split()) == 1 and re.fullmatch(r"[A-Z][a-z]+(?:ing|ed)", first) \
            and zipf_frequency(first.lower(), "en") >= 2.5:
        # "Mitigating, defence barrister Sue Hale": a participle opening the sentence is no name
        return mention_name(parts[1].strip())
    if len(parts) > 1 and re.search(r"\s[a-z]", first) and not _free_name_run(first):
        # "Standing counsel for the council, Meera Iyer": a description opening the sentence, then the
        # name in apposition to it (a participle or adjunct before the comma is no name)
        rest = re.sub(r",\s*\d{1,3}$", "", parts[1].strip())
        lead = leading_name(rest)
        if lead and lead == rest.strip(" ,") and len(lead.split()) >= 2:
            return lead
    return _free_name_run(first) or trailing_name(first) or leading_name(first) or trailing_name(mention)


def _free_name_run(phrase: str) -> str | None:
    """A run of name tokens not standing after a function word (so not inside an organisation's
    name): ``Energy analyst Ana Rao of the Centre for Energy and Climate Futures`` -> ``Ana Rao``."""
    toks = phrase.split()
    runs: list[list[str]] = []
    cur: list[str] = []
    free = True
    for i, tok in enumerate(toks):
        if _name_token(tok) or (cur and i == len(toks) - 1 and _name_token(tok, common_ok=True)) \
                or (cur and name_particle(tok) and i + 1 < len(toks) and (_name_token(toks[i + 1]) or name_particle(toks[i + 1]))):
            if not cur:
                free = i == 0 or toks[i - 1].lower() not in _FUNCTION
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
        if _ends_org_phrase(toks, at):
            runs = [runs[0][1:]]
    if len(runs) != 1:
        return None
    return re.sub(r"[’']s$", "", " ".join(runs[0]).strip(".,;:’'\"“”()")) or None


@lru_cache(maxsize=1)
def _head_of_re() -> re.Pattern:
    """An organisation head word before ``of`` and a capital: ``Ministry of Finance``."""
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in sorted(org_heads())) + r")\s+of\s+[A-Z]", re.IGNORECASE)


@lru_cache(maxsize=1)
def _org_at_end_re() -> re.Pattern:
    """A capitalised organisation name ending a mention: ``... of the Ministry of Emergency Situations``."""
    heads = "|".join(re.escape(w.capitalize()) for w in sorted(org_heads(), key=len, reverse=True))
    return re.compile(rf"(?:^|\s)(?P<org>(?:[A-Z][\w’'-]*\s+)*(?:{heads})\s+(?:of|for)\s+(?:the\s+)?[A-Z][\w’'-]*"
                      rf"(?:\s+(?:(?:and|of|for|the|&)\s+)?[A-Z][\w’'-]*){{0,5}})$")


@lru_cache(maxsize=1)
def _org_description_res() -> tuple[tuple[str, re.Pattern], ...]:
    """Each organisation description (``descriptions.txt``), longest first, with a pattern that
    finds it before the rest of a lower-cased mention."""
    return tuple((phrase, re.compile(rf"(?<![\w-]){re.escape(phrase)}\s+(?P<rest>.+)$"))
                 for phrase, t in sorted(descriptions().items(), key=lambda kv: -len(kv[0])) if t == "organization")


def org_name(mention: str) -> str | None:
    """An organisation's name in a mention: capitalised words ending in an organisation head, or
    the name written after a description (``the news agency Reuters``).

    >>> org_name("the Danish Defence Ministry")
    'Danish Defence Ministry'
    >>> org_name("the Canadian online news outlet prairie post")
    'prairie post'
    >>> org_name("the political scientist") is None
    True
    >>> org_name("The Ministry of Health"), org_name("the Ministry of Finance")
    ('Ministry of Health', 'Ministry of Finance')
    >>> org_name("Tomas Novak of the Baltic Energy Forum") is None
    True
    >>> org_name("the press service of the Ministry of Emergency Situations")
    'Ministry of Emergency Situations'
    >>> org_name("the head of the Ministry of Economy Aliya Bekova") is None
    True
    >>> org_name("Energy analyst Ana Rao of the Centre for Energy and Climate Futures") is None
    True
    >>> org_name("Dairy processor Kilbride Foods"), org_name("the company chief Ana Ruiz") is None
    ('Kilbride Foods', True)

    """
    bare = _strip_article(mention.split(",", 1)[0])
    words = bare.split()
    if not words:
        return None
    capital = all(w[:1].isupper() or w.lower() in _FUNCTION for w in words)
    lead = leading_name(bare)
    if lead and len(lead.split()) >= 2 and re.match(rf"{re.escape(lead)}\s+(?:of|from|at)\s", bare) \
            and (_rare_surname(lead) or _name_like(lead)):
        capital = False  # "Ana Ruiz of the Harbour Institute": a person and where she works
    if capital and words[0][:1].isupper() and not roles.has_title(bare):
        if words[-1].lower().strip(".,") in org_heads():
            return bare
        if not mention_name(bare) and any(w.lower().strip(".,") in org_heads() for w in words):
            return bare
        if _head_of_re().search(bare):
            return bare  # "Ministry of Finance", "University of Lagos"
    m = _org_at_end_re().search(bare)
    if m and m.start("org") > 0 and m.group("org")[:1].isupper():
        lead = bare[:m.start("org")]
        tail = trailing_name(bare)
        if not roles.has_title(lead) and not _free_name_run(lead) and not (tail and _rare_surname(tail)):
            return m.group("org")  # "the press service of the Ministry of Emergency Situations"
    low = bare.lower()
    for phrase, rx in _org_description_res():
        m = rx.search(low)
        if m:
            rest = bare[m.start("rest"):]
            rwords = rest.split()
            if len(rwords) <= 4 and not any(w.lower() in _FUNCTION for w in rwords) and not roles.has_title(rest) \
                    and not (mention_name(rest) and (_name_like(rest) or not rest[:1].isupper())) \
                    and rest.lower() not in descriptions():
                return rest
    return None


_VEHICLE = re.compile(r"(?i)^(?:a|an|the|its|his|her|their)\s+(?:\w+\s+)?(?:statement|release|press release|report|post|"
                      r"letter|note|communique|communiqué|announcement|message)\s+(?:from|by|of|issued by)\s+(?P<source>.+)$")


def clean_mention(mention: str | None) -> str | None:
    """A mention without bracketed parts (an acronym in brackets, a half-cut bracket): names and
    organisation names have no brackets.

    >>> clean_mention("The Newspaper Managers Association (NMA"), clean_mention("NMA) chief Ana Ruiz")
    ('The Newspaper Managers Association', 'chief Ana Ruiz')
    >>> clean_mention("(NMA)") is None, clean_mention("he")
    (True, 'he')
    """
    if not mention:
        return mention
    m = re.sub(r"\s*\([^()]*\)", " ", mention)
    m = re.sub(r"\s*\([^()]*$", "", m)
    m = re.sub(r"^[^()]*\)\s*", "", m)
    m = " ".join(m.split())
    return m or None


def abbreviated_title_mention(text: str, mention: str, end: int) -> tuple[str, int] | None:
    """A mention cut at the full stop of an abbreviated title (``Coun`` of ``Coun. Dan Moe``),
    extended over the name that follows: (mention, end), or None.

    >>> t = "“It is a scandal,” said Coun. Dan Moe."
    >>> abbreviated_title_mention(t, "Coun", t.index("Coun") + 4)
    ('Coun. Dan Moe', 37)
    >>> abbreviated_title_mention("said Ana. Then", "Ana", 8) is None
    True
    """
    if not re.fullmatch(r"[A-Z][a-z]{0,4}", mention or ""):
        return None
    low = mention.lower()
    if low not in roles.titles() and low not in honorific_words():
        return None
    m = re.match(r"\.?(?:\s+[A-Z][a-z]{0,4}\.)*\s+(?:[A-Z][\w’'-]+\s+){0,2}[A-Z][\w’'-]+", text[end:])
    if not m:
        return None
    ext = mention + m.group(0)
    if not trailing_name(ext):
        return None
    return ext, end + m.end()


def title_comma_name(text: str, mention: str, end: int) -> tuple[str, int] | None:
    """A mention ending in a title that the parser cut before the name in apposition to it
    (``said Harbour Capital's chief economist, Ivo Bakalov.``), extended over that name:
    (mention, end), or None.

    >>> t = "“Rates will fall,” said Harbour Capital's chief economist, Ivo Bakalov."
    >>> title_comma_name(t, "Harbour Capital's chief economist", t.index(", Ivo"))
    ("Harbour Capital's chief economist, Ivo Bakalov", 70)
    >>> title_comma_name("said the mayor, who left.", "the mayor", 14) is None
    True
    """
    words = mention.split()
    if not words or not roles._person_noun(words[-1].lower().strip(".’'")) or trailing_name(mention):
        return None
    m = re.match(r",\s+((?:[A-Z][\w’'.-]*\s+){0,3}[A-Z][\w’'-]+)(?=\s*[,.;:!?]|\s+(?:said|says|told|added)\b|$)", text[end:])
    if not m or not trailing_name(m.group(1)):
        return None
    return mention + ", " + m.group(1), end + m.end()


def mention_source(mention: str | None) -> str | None:
    """The speaker behind a written vehicle: ``a statement from the Ministry of Finance`` ->
    ``the Ministry of Finance``; other mentions unchanged.

    >>> mention_source("a statement from the Ministry of Finance"), mention_source("he")
    ('the Ministry of Finance', 'he')
    """
    if not mention:
        return mention
    m = _VEHICLE.match(mention.strip())
    return m.group("source") if m else mention


def mention_kind(mention: str | None) -> str:
    """``none``, ``pronoun``, ``description`` or ``name`` for a mention string.

    >>> [mention_kind(m) for m in (None, "he", "the political scientist", "Anna Ruiz", "the Peruvian leader")]
    ['none', 'pronoun', 'description', 'name', 'description']
    >>> mention_kind("the Danish Defence Ministry"), mention_kind("Council leader"), mention_kind("Harbour Studies Institute")
    ('organization', 'description', 'organization')
    >>> mention_kind("The Bench"), mention_kind("the Division Bench"), mention_kind("The Observer")
    ('description', 'description', 'organization')
    >>> mention_kind("the father of Lucía Benítez"), mention_kind("the President of Ghana Kofi Mensah")
    ('description', 'name')
    """
    if not mention or not mention.strip():
        return "none"
    low = mention.strip().lower()
    if low in pronouns():
        return "pronoun"
    words = mention.split()
    if words[0].lower() in {"some", "many", "several", "most", "few", "all", "dozens", "hundreds", "thousands"} \
            or words[0][:1].isdigit():
        return "description"
    if org_name(mention):
        return "organization"
    if relation_of_name(mention):
        return "description"  # "the father of Lucía Benítez": a relation of the named person, not that person
    if words[0].lower() in {"the", "this", "that", "our", "a", "an"} \
            and descriptions().get(" ".join(words[1:]).lower()) == "organization":
        return "description"  # "The Bench", "The Court": a capitalised description, no name
    named = mention_name(mention)
    if named and named.split()[0] == "The" and len(named.split()) <= 3:
        return "organization"  # "The Guardian", "The Observer": no one's name starts with "The"
    if words[0].lower() in {"the", "this", "that", "our", "a", "an"} and not mention_name(mention):
        return "description"
    if group_mention(mention):
        return "description"
    if mention_name(mention):
        return "name"
    if roles.has_title(mention) and not org_name(mention):
        return "description"  # "Council leader admits ...": a title written at a headline's start
    if mention[:1].isupper() and (len(words) >= 2 or zipf_frequency(words[0].lower(), "en") < 4.0 or words[0].isupper()):
        return "organization"
    return "description"


def relation_of_name(mention: str) -> str | None:
    """The named person a description relates its speaker to (``the father of Ana Ruiz``, ``a lawyer for
    Tom Reid`` -> the name), or None: the speaker is someone else, unnamed.

    >>> relation_of_name("the father of Lucía Benítez"), relation_of_name("a lawyer for Tom Reid")
    ('Lucía Benítez', 'Tom Reid')
    >>> relation_of_name("the President of Ghana Kofi Mensah") is None, relation_of_name("the head of the Ministry of Economy") is None
    (True, True)
    """
    m = re.fullmatch(r"(?i:the|a|an|his|her|their)\s+(?P<noun>[a-z][\w-]*(?:\s+[a-z][\w-]*)?)\s+(?:of|for|to)\s+(?P<who>[A-Z].+)",
                     mention.strip())
    if not m or not roles._person_noun(m.group("noun").split()[-1]):
        return None
    who = m.group("who").strip(" ,.")
    name = trailing_name(who)
    return name if name == who and len(name.split()) >= 2 and not org_name(who) else None


def _singular(word: str) -> str | None:
    """The singular of an English plural noun, None when the word is not one (``critics`` ->
    ``critic``, ``witnesses`` -> ``witness``, ``deputies`` -> ``deputy``)."""
    w = word.lower()
    if len(w) < 4 or not w.endswith("s") or w.endswith("ss"):
        return None
    if w.endswith("ies"):
        return w[:-3] + "y"
    if w.endswith(("sses", "shes", "ches")):
        return w[:-2]
    return w[:-1]


def group_mention(mention: str) -> bool:
    """Whether a mention speaks of an unnamed group of people (``Critics``, ``the residents``, ``Riders
    who spoke to the paper``): its head is the plural of a person noun, so no one speaker.

    >>> [group_mention(m) for m in ("Critics", "the residents", "Riders who spoke to us", "Officials")]
    [True, True, True, True]
    >>> [group_mention(m) for m in ("Williams", "Ana Roberts", "the minister", "Doctors Without Borders")]
    [False, False, False, False]
    """
    words = _strip_article(mention).split()
    if not words or any(w[:1].isupper() for w in words[1:3]):
        return False
    sing = _singular(words[0].strip(",;:"))
    return bool(sing) and (roles._person_noun(sing) or sing in descriptions() and descriptions()[sing] == "person")


_SPEAKS_FOR = re.compile(r"(?i)^(?:(?:a|an|the|one|another)\s+)?(?:[\w-]+\s+)?(?P<who>spokes(?:man|woman|person)|representative|"
                         r"press\s+officer)\s+(?:for|of|at|from)\s+(?P<rest>.+)$")
_PEOPLE_AT = re.compile(r"(?i)^(?:(?:some|several|many|two|three|four|five|the)\s+)?(?:[\w-]+\s+)?(?P<who>[a-z-]+s)\s+"
                        r"(?:at|from|with)\s+(?P<rest>.+)$")


def speaks_for(mention: str | None) -> tuple[str, str | None] | None:
    """An unnamed spokesperson, or a plural of people at an organisation, speaks for that
    organisation: (the organisation's mention, its description as a role), or None. A named
    spokesperson stays the person.

    >>> speaks_for("a spokesman for the Brookfield Harbour Trust")
    ('the Brookfield Harbour Trust', None)
    >>> speaks_for("A spokeswoman for the developer, Quarrybank Homes")
    ('Quarrybank Homes', 'developer')
    >>> speaks_for("a spokesperson for the Lowfield Chamber of Commerce, a business group")
    ('the Lowfield Chamber of Commerce', 'business group')
    >>> speaks_for("a spokesman for the charity")
    ('the charity', None)
    >>> speaks_for("a Westshire Police spokesman"), speaks_for("a council spokesperson") is None
    (('Westshire Police', None), True)
    >>> speaks_for("the Prime Minister's spokesman") is None, speaks_for("A Labour spokesman") is None
    (True, True)
    >>> speaks_for("Analysts at Kestrel Capital"), speaks_for("Economists at the central bank")
    (('Kestrel Capital', None), ('the central bank', None))
    >>> speaks_for("a spokeswoman for the council, Jane Marlow") is None, speaks_for("a spokesman for the family") is None
    (True, True)
    >>> speaks_for("officials from both countries") is None, speaks_for("the spokeswoman for the Ministry of Trade Ana Rusu") is None
    (True, True)
    """
    if not mention:
        return None
    pre = re.fullmatch(r"(?i:a|an|the)\s+(?P<org>[A-Z][\w’'&.-]*(?:\s+(?:of\s+|for\s+|&\s+)?[A-Z][\w’'&.-]*){0,4})\s+"
                       r"spokes(?:man|woman|person)", mention.strip())
    if pre:
        org = pre.group("org")
        if (mention_kind(org) == "organization" or len(org.split()) >= 2) and not _name_like(org) \
                and not roles.has_title(org):
            return org, None  # "a Westshire Police spokesman": the police
        return None
    m = _SPEAKS_FOR.match(mention.strip())
    if m is None:
        m = _PEOPLE_AT.match(mention.strip())
        if m is None or not group_mention(m.group("who")):
            return None
    parts = [p.strip() for p in m.group("rest").split(",") if p.strip()]
    if not parts or len(parts) > 2:
        return None
    org, desc = parts[0], (parts[1] if len(parts) == 2 else None)
    bare = _strip_article(org)
    org_ok = (mention_kind(org) == "organization"
              or mention_kind(org) == "name" and len(bare.split()) >= 2 and bare[:1].isupper()) \
        and not _name_like(bare)
    named = mention_name(org)
    if named and len(named.split()) >= 2 and _name_like(named):
        return None  # "the spokeswoman for the Ministry of Trade Ana Rusu": the person is named
    if desc is not None:
        desc_is_org = desc[:1].isupper() and mention_kind(desc) in ("organization", "name") and not _name_like(desc)
        if org_ok and re.match(r"(?i)(?:a|an|the)\s", desc) and descriptions().get(_strip_article(desc).lower().split()[-1]) == "organization":
            return org, roles._clean(_strip_article(desc))  # "the X Chamber, a business group"
        if not org_ok and desc_is_org and _org_head(org):
            return desc, roles._clean(_strip_article(org))  # "the developer, Y Homes"
        return None  # "a spokeswoman for the council, Jane Marlow": a named spokesperson
    if org_ok:
        return org, None
    if re.match(r"(?i)the\s", org) and _org_head(org):
        return org, None  # "a spokesman for the charity": the charity named in the story
    return None


def _org_head(phrase: str) -> bool:
    words = _strip_article(phrase).lower().split()
    return bool(words) and not any(w[:1].isupper() for w in _strip_article(phrase).split()) \
        and (descriptions().get(words[-1]) == "organization" or words[-1] in org_heads())


def _strip_article(s: str) -> str:
    return re.sub(r"^(?:the|a|an|this|our)\s+", "", s.strip(" ,.;:"), flags=re.IGNORECASE)


# -- the cast of an article --------------------------------------------------------------------
@dataclass
class Person:
    key: str
    names: list[str] = field(default_factory=list)
    type: str = "person"
    gender: str | None = None
    roles: list[str] = field(default_factory=list)
    hints: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        persons = [n for n in self.names if n]
        return max(persons, key=lambda n: (min(len(n.split()), 3), -self.names.index(n))) if persons else ""


def _rare_surname(name: str) -> bool:
    """Whether a name's last word is rare in English (a foreign surname rather than a common word).

    >>> _rare_surname("Oluwaseun Adeyemi"), _rare_surname("Grand Hotel")
    (True, False)
    """
    last = name.split()[-1].lower()
    return zipf_frequency(last, "en") < 3.0


def _name_like(name: str) -> bool:
    """Every word of a capitalised run is uncommon as an English word and one is rare: a person's
    name more likely than a phrase of capitalised words.

    >>> _name_like("Laura Stein"), _name_like("Tom Gallagher"), _name_like("South America"), _name_like("Dunmore Gorge")
    (True, True, False, False)
    """
    words = name.split()
    if words[-1].lower() in place_words():
        return False
    freqs = [zipf_frequency(w.lower(), "en") for w in words]
    return all(f < 5.2 for f in freqs) and freqs[-1] < 4.0


def _key(name: str, type_: str) -> str:
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
    """The people and organisations of one article and where they are mentioned (outside quotes)."""

    def __init__(self, text: str, ents, quote_spans: list[tuple[int, int]]):
        self.text = text
        self.people: dict[str, Person] = {}
        self.mentions: list[tuple[int, str]] = []  # (position, key)
        self.quote_spans = quote_spans
        self.ents = tuple(ents)
        self.role_spans: list[tuple[int, int]] = []
        for s, e, label, etext in ents:
            if not self._outside(s, e):
                continue
            if label == "PERSON":
                name = trailing_name(etext)
                if name:
                    self.add(_unswallow(text, e - len(name), name) if text[:e].endswith(name) else name, "person", e)
            elif label == "ORG":
                name = trailing_name(etext)
                bare = _strip_article(etext)
                if name and len(name.split()) >= 2 and (len(name) < len(bare) - 3 or _rare_surname(name)):
                    self.add(name, "person", e)
                elif not name or name != bare:
                    self.add(bare, "organization", e)

    def discover(self) -> None:
        """Add people named in the text outside the parsed paragraphs: runs of two or three name
        tokens ending in a rare word (a foreign surname), then every occurrence of every known name."""
        for m in re.finditer(r"(?<![\w-])(?:[A-Z][\w’'-]+[^\S\n]+){1,2}[A-Z][\w’'-]+", self.text):
            name = trailing_name(m.group(0))
            if name and re.fullmatch(rf"The\s+{re.escape(name)}", m.group(0)):
                continue  # "The Salt Orchard": a title of a work or a place, no one's name
            if name and m.group(0).endswith(name):
                name = _unswallow(self.text, m.end() - len(name), name)
            if name and len(name.split()) >= 2 and (_rare_surname(name) or _name_like(name)) \
                    and self._outside(m.start(), m.end()) and not self._ent_label(m.start(), m.end(), ("GPE", "ORG", "NORP", "LOC", "FAC")):
                self.add(name, "person")
        # a surname after a courtesy title ("Ms Ruiz", "Mr. Okafor") is a person, of the title's gender
        for m in re.finditer(r"(?<![\w-])(Mrs|Ms|Miss|Mr|Dr|Prof)\.?\s+([A-Z][\w’'-]+)(?![\w-])", self.text):
            sur = m.group(2)
            if not self._outside(m.start(), m.end()) or not _name_token(sur, common_ok=True) \
                    or sur.lower() in honorific_words():
                continue
            if any(sur in n.split() for p in self.people.values() for n in p.names if p.type == "person"):
                continue  # already known with a given name: the mention pass finds it
            p = self.add(sur, "person")
            if p.gender is None and m.group(1) != "Dr" and m.group(1) != "Prof":
                p.gender = "male" if m.group(1) == "Mr" else "female"
        acronyms: dict[str, int] = {}
        for m in re.finditer(r"(?<![\w-])[A-Z]{2,6}(?![\w-])", self.text):
            if self._outside(m.start(), m.end()):
                acronyms[m.group(0)] = acronyms.get(m.group(0), 0) + 1
        for acro, n in acronyms.items():
            if n >= 2 and acro not in demonyms():
                self.add(acro, "organization")
        org_rx = r"(?<![\w-])[A-Z][\w’'-]*(?:\s+(?:of|for|and|the|on|&)?\s*[A-Z][\w’'-]*){0,6}"
        for m in re.finditer(org_rx, self.text):
            words = m.group(0).split()
            found = _DAY_TAIL.sub("", m.group(0))  # "the High Court on Tuesday": the court
            words = found.split()
            if len(words) >= 2 and any(w.lower().strip("’'s") in org_heads() or w.lower() in org_heads() for w in words) \
                    and self._outside(m.start(), m.end()) and not roles.has_title(found):
                self.add(_strip_article(found), "organization", m.start() + len(found))
        # a surname known alone, written somewhere with a given name before it ("John Harlow")
        for key, p in list(self.people.items()):
            if p.type != "person" or any(len(n.split()) > 1 for n in p.names):
                continue
            last = p.names[0]
            for m in re.finditer(rf"(?<![\w-])((?:(?:[A-Z][\w’'-]+|[A-Z]\.)\s+)?(?:[A-Z][\w’'-]+|[A-Z]\.))((?:\s+[a-z]{{1,4}})*)\s+{re.escape(last)}(?![\w-])", self.text):
                given = m.group(1).split()
                parts = m.group(2).split()
                if not all(name_particle(w) for w in parts):
                    continue
                given = [w for w in given if (_name_token(w) or re.fullmatch(r"[A-Z]\.", w)) and w.lower() not in honorific_words()][-2:] or \
                    ([given[-1]] if _name_token(given[-1], common_ok=True) and given[-1].lower() not in honorific_words() else [])
                if given and self._outside(m.start(), m.end()):
                    p.names.append(" ".join(given + parts + [last]))
                    break
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

    def _ent_label(self, s: int, e: int, labels: tuple[str, ...]) -> bool:
        return any(label in labels and es < e and s < ee for es, ee, label, _ in self.ents)

    def _outside(self, s: int, e: int) -> bool:
        return not any(qs <= s and e <= qe for qs, qe in self.quote_spans)

    def add(self, name: str, type_: str, pos: int | None = None) -> Person:
        key = _key(name, type_)
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

    def recent(self, pos: int, type_: str = "person", gender: str | None = None, exclude: set[str] | None = None) -> Person | None:
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
            if exclude and key in exclude:
                continue
            if any(rs < mpos <= re_ for rs, re_ in self.role_spans):
                continue
            if gender in ("male", "female") and p.gender not in (None, gender):
                continue
            ok.append((mpos, key))
        if not ok:
            return None
        last_pos = max(m for m, _ in ok)
        ss = _sentence_start(self.text, last_pos)
        if ss <= pos <= last_pos + 1 or _sentence_start(self.text, pos) == ss:
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

    def collect_roles(self) -> None:
        """Roles of every person from all occurrences of their names in the text."""
        for p in self.people.values():
            if p.type == "organization":
                p.roles = [r for r in p.roles if r] + [r for n in set(p.names) for r in org_appositives(self.text, n)
                                                       if r not in p.roles]
                continue
            if p.type != "person":
                continue
            found: list[str] = []
            for n in sorted(set(p.names), key=len, reverse=True):
                for m in re.finditer(rf"(?<![\w-]){re.escape(n)}(?![\w-])", self.text):
                    if any(len(longer) > len(n) and longer.endswith(n)
                           and self.text[max(0, m.end() - len(longer)):m.end()] == longer for longer in p.names):
                        continue  # part of a longer name: its roles are read at the full name
                    line_start = self.text.rfind("\n", 0, m.start()) + 1
                    line_end = self.text.find("\n", m.end())
                    line_end = len(self.text) if line_end < 0 else line_end
                    for r in roles.roles_at(self.text, m.start(), m.end(), line_start, line_end):
                        if trailing_name(r) and _key(trailing_name(r), "person") == p.key and r.endswith(trailing_name(r)):
                            continue
                        found.append(r)
                        at = self.text.find(r, max(0, m.start() - 300), m.end() + 300 + len(r))
                        if at >= 0 and not (at <= m.start() < at + len(r)):
                            self.role_spans.append((at, at + len(r)))
            p.roles = found


# -- the stage --------------------------------------------------------------------------------
_OUT_COLUMNS = ["mention", "speaker_name", "speaker_type", "cue", "role", "quote_date", "date_basis", "confidence",
                "stated_day"]


def _sentence_start(text: str, pos: int) -> int:
    """Start of the sentence holding ``pos`` (a full stop, ! or ? followed by space, or a line break).

    >>> _sentence_start("One two. Three four", 12)
    9
    """
    s = pos
    while s > 0 and text[s - 1] != "\n" and not (text[s - 1].isspace() and s >= 2 and text[s - 2] in ".!?"):
        s -= 1
    return s


def _sentence_bounds(text: str, pos: int, floor: int, limit: int) -> tuple[int, int]:
    s = pos
    while s > floor and not (text[s - 1] in ".!?" and s < len(text) and text[s].isspace()):
        s -= 1
    m = re.compile(r"[.!?](?=\s|$)").search(text, pos, limit)
    return s, (m.end() if m else limit)


def _para_bounds(text: str, pos: int) -> tuple[int, int]:
    s = text.rfind("\n", 0, pos) + 1
    e = text.find("\n", pos)
    return s, len(text) if e < 0 else e


def _blank(v) -> bool:
    return v is None or (isinstance(v, float) and v != v) or v is pd.NA


def attributed_quotes(spans: pd.DataFrame, articles: pd.DataFrame, settings: Settings) -> pd.DataFrame:
    """One row per quote span, with the speaker, cue, role and statement date added.

    Adds ``mention, speaker_name, speaker_type, cue, role, quote_date, date_basis, confidence``
    and ``stated_day`` (``--MM-DD`` when the text states a month and day that no year is known for,
    else None) to the rows of :func:`pipeline.stages.segment.quote_spans` (``speaker_name`` is the fullest form of the
    name in the article; None with low confidence when the text does not say who spoke).
    """
    out = spans.copy()
    for col in _OUT_COLUMNS:
        if col not in out.columns:
            out[col] = None
    out = out.astype({c: object for c in _OUT_COLUMNS})
    if spans.empty:
        return out
    by_id = {aid: row for aid, row in zip(articles["article_id"], articles.to_dict("records"))}
    records = out.to_dict("records")
    by_article: dict = {}
    for pos, rec in enumerate(records):
        by_article.setdefault(rec["article_id"], []).append(pos)
    columns = {col: list(out[col]) for col in _OUT_COLUMNS}  # filled by position, assigned once
    for aid, positions in by_article.items():
        art = by_id.get(aid)
        if art is None:
            continue
        positions = sorted(positions, key=lambda k: (records[k]["start"], records[k]["end"], k))
        results = _attribute_article(str(art.get("text") or ""), _pub(art.get("published")),
                                     [records[k] for k in positions])
        for k, res in zip(positions, results):
            for col, val in res.items():
                columns[col][k] = val
    for col, values in columns.items():
        out[col] = pd.Series(values, index=out.index, dtype=object)
    out["confidence"] = out["confidence"].astype(float)
    return out


def _pub(value) -> dt.date | None:
    return as_date(value)


def _attribute_article(text: str, published: dt.date | None, rows: list[dict]) -> list[dict]:
    ents = rows[0].get("article_ents") or ()
    spans = [(int(r["start"]), int(r["end"])) for r in rows]
    cast = Cast(text, ents, spans)
    # names written at the quotes
    parsed = []
    for r in rows:
        if r["kind"] == "direct" and _blank(r.get("mention")) and _blank(r.get("cue")):
            found = appositive_attribution(text, int(r["end"]))
            if found:
                (ms, me_), (cs, ce) = found
                r.update(mention=text[ms:me_], mention_start=ms, mention_end=me_, cue=text[cs:ce], cue_start=cs, cue_end=ce)
        mention = None if _blank(r.get("mention")) else clean_mention(mention_source(str(r["mention"]).strip()))
        me = None if _blank(r.get("mention_end")) else int(r["mention_end"])
        if mention and me is not None:
            ext = abbreviated_title_mention(text, mention, me) or title_comma_name(text, mention, me)
            if ext:
                mention, me = ext
        if mention and re.fullmatch(r"(?:In|At|On|From|During|After|Before|Across|Outside|Inside|Near)\s+(?:the\s+)?"
                                    r"[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,3}", mention):
            mention = None  # "In Riverton, the mayor said": the parser took a place phrase for the subject
        if mention and len(mention.split()) > 1 and mention.split()[0].lower() in ("he", "she", "they", "it") \
                and mention.split()[1][:1].islower():
            mention = mention.split()[0]  # "He repeated the point, saying ...": the subject pronoun
        if mention and re.match(r"(?:of|from|at|with)\s+(?:the\s+)?[A-Z]", mention) and not _blank(r.get("mention_start")):
            # "Detective Sergeant Ruth Ives, of Avonshire Police, described ...": the parser took the
            # place appositive for the subject; the person is the name before it
            ms0 = int(r["mention_start"])
            hm = re.fullmatch(r"\s*(?P<name>(?:[A-Z][\w’'.-]*\s+){0,4}[A-Z][\w’'-]+),\s*",
                              text[_sentence_start(text, ms0):ms0])
            named = trailing_name(hm.group("name")) if hm else None
            if named and len(named.split()) >= 2:
                mention = hm.group("name").strip()
        office = re.fullmatch(r"(?i:the\s+)?(?P<who>[^,]+?)[’'](?:s)?\s+(?:press\s+)?office", mention or "")
        if office:
            who = office.group("who")
            if leading_name(who) == who and not roles.has_title(who):
                mention = who  # "according to Ruiz's office": the person speaks through the office
            elif roles.has_title(who) and who[:1].islower() or roles.has_title(who.lower()):
                mention = _strip_article(mention)  # "the mayor's office": an office as an organisation
        if mention and not _blank(r.get("mention_start")):
            ms0 = int(r["mention_start"])
            rel = re.search(r"(?:the|a|an|his|her|their)\s+[a-z][\w-]*(?:\s+[a-z][\w-]*)?\s+(?:of|for|to)\s+$",
                            text[max(0, ms0 - 60):ms0])
            if rel and relation_of_name(rel.group(0) + mention):
                mention = rel.group(0) + mention  # "said the father of Ana Ruiz": the parser took the object
        spoken_for = speaks_for(mention)
        org_role = None
        said_by = mention
        if spoken_for:
            # "a spokesman for the charity", "analysts at Kestrel Capital": the organisation speaks
            mention, org_role = spoken_for
        kind = mention_kind(mention)
        if spoken_for and kind == "name" or office and not kind == "name" and mention.endswith("office"):
            kind = "organization"
        if kind in ("description", "pronoun") and not _blank(r.get("cue_end")) and int(r["cue_end"]) >= int(r["end"]) \
                and not relation_of_name(mention):
            # inverted, garbled order: "the Foreign Secretary said Ana Ruiz",
            # "– he said the head of the administration Ivan Petrov"
            ce = int(r["cue_end"])
            after = text[ce:_sentence_bounds(text, ce, *_para_bounds(text, ce))[1]].strip(" .")
            inv = leading_name(after) if kind == "description" else None
            if inv is None and len(after.split()) <= 14 and re.match(r"(?:the\s+)?[A-Z\w]", after) \
                    and (kind == "description" or after.lower().startswith("the ")):
                tail = trailing_name(after)
                inv = tail if tail and (kind == "description" or roles.has_title(after)) else None
                if inv and re.search(r"\b(?:in|at|on|from|during|near|outside|inside|to)\s+(?:the\s+|a\s+)?$",
                                     after[: len(after) - len(inv)]):
                    inv = None  # "announced the mayor at a briefing in the Casa Consistorial": a place
            if inv and (_rare_surname(inv) or len(inv.split()) >= 2):
                kind, mention, me = "name", inv, ce + text[ce:].index(inv) + len(inv)
        if kind == "description" and not _blank(r.get("mention_start")):
            named = named_before_appositive(text, int(r["mention_start"]), mention)
            person = None if named else person_before_appositive(text, int(r["mention_start"]), mention)
            if named:
                kind, mention = "organization", named
            elif person:
                kind, mention = "name", person + ", " + mention
        elif kind == "name" and mention.count(",") == 1:
            # "Save Elm Park, the group ...": a name with an organisation's appositive description
            first, rest = (p_.strip() for p_ in mention.split(","))
            if re.match(r"(?i)(?:the|an?)\s", rest):
                named = named_before_appositive(first + ", " + rest, len(first) + 2, rest)
                if named:
                    kind, mention = "organization", named
        if kind == "organization" and len(mention.split()) == 1 and not mention.isupper() \
                and zipf_frequency(mention.lower(), "en") >= 3.0 and not _org_ent(ents, r.get("mention_start"), me):
            kind = "description"
        target = None
        if kind == "name":
            target = cast.add(mention_name(mention), "person", me)
        elif kind == "organization":
            oname = org_name(mention) or _strip_article(mention)
            if (mention_name(mention) or "").startswith("The ") and not org_name(mention):
                oname = mention_name(mention)  # an outlet's name keeps its "The" ("The Guardian")
            target = cast.add(oname, "organization", me)
            described = _strip_article(mention)
            if described.endswith(oname) and len(described) > len(oname) + 3:
                desc = described[: -len(oname)].strip()
                if desc not in target.roles:
                    target.roles.append(desc)
        parsed.append((mention, kind, target, (said_by, org_role) if spoken_for else None))
    cast.discover()
    cast.mentions.sort()
    cast.collect_roles()
    event = dates.event_date(text, published)
    # a story built on a dated act in its lede: its quotes were said at that occasion
    lede_event = event is not None and dates.lede_date(text, published) == event \
        and dates.is_public_act(dates.lede_sentence(text) or "")
    event_words = dates.event_nouns(text, published) if event is not None else frozenset()
    # an undated article filed under a dateline: its quotes were said by that day (year unknown)
    filed = dates.dateline_day(text) if published is None else None
    masked = _masked(text, spans)
    at_event: set[str] = set()
    results: list[dict] = []
    last: dict | None = None
    last_dash: dict | None = None
    dash_starts = [int(q["start"]) for q in rows if q["kind"] == "dash"]
    first_dash = min(dash_starts) if dash_starts else None
    for r, (mention, kind, target, spoken_for) in zip(rows, parsed):
        start, end, para = int(r["start"]), int(r["end"]), int(r["paragraph"])
        pos = int(r["mention_start"]) if not _blank(r.get("mention_start")) else start
        speaker: Person | None = None
        conf = 0.1
        role_hint = None
        if kind in ("name", "organization"):
            speaker = target
            conf = 0.9
        elif kind == "pronoun":
            gender, ptype = pronouns()[mention.lower()]
            enclosing = [res for res, q in zip(results, rows) if int(q["start"]) <= pos < int(q["end"])]
            if mention.lower() in ("i", "we"):
                # first person inside a quote: the quoted speaker speaks of themself
                speaker = enclosing[-1]["_speaker"] if enclosing else None
            elif ptype == "person":
                speaker = cast.recent(pos, "person", gender)
                if speaker is not None and speaker.gender is None and gender in ("male", "female"):
                    speaker.gender = gender
            elif ptype == "organization" and last and last["type"] == "organization":
                speaker = last["person"]
            elif ptype == "organization" and mention.lower() == "it":
                # "The Nursing Council has warned of strikes. In a statement, it said ...": the latest
                # organisation named outside quotes
                speaker = cast.recent(pos, "organization")
            conf = 0.75
        elif kind == "description":
            speaker, role_hint = _description(cast, mention, pos, last, para)
            conf = 0.65
            if speaker is not None and speaker.type == "person" and role_hint is None and not speaker.roles \
                    and re.match(r"(?i)the\s", mention) and roles.has_title(mention) and not relation_of_name(mention):
                # "Calloway scored twice. ... the striker said": the description is the role the article gives
                role_hint = roles._clean(mention)
            if speaker is None and last is None and not relation_of_name(mention):
                # before anyone is named (a headline, standfirst or lede): the one person with that title
                speaker = lede_description(cast, mention, pos)
                conf = 0.5 if speaker is not None else conf
        else:
            if r["kind"] == "dash" and last_dash is not None:
                speaker = last_dash["person"]
                conf = 0.6
            elif r["kind"] == "dash" and first_dash is not None:
                speaker = cast.first_person(first_dash)
                conf = 0.5
            elif last is not None and para - last["para"] <= 2:
                newcomer = introduced_between(cast, last["end"], start, last["person"])
                speaker = newcomer if newcomer is not None else last["person"]
                conf = 0.45 if newcomer is not None else 0.5
        if spoken_for is not None:
            said_by, org_role = spoken_for
            if speaker is None or speaker.type != "organization":
                # no organisation found for "a spokesman for the charity": an unnamed spokesperson
                speaker, role_hint = None, roles._clean(_strip_article(said_by))
            elif org_role and org_role not in speaker.roles:
                speaker.roles.append(org_role)
        if r["kind"] == "indirect":
            conf -= 0.05
        if speaker is None:
            conf = min(conf, 0.2)
        cue = None if _blank(r.get("cue")) else str(r["cue"])
        if speaker is not None and role_hint and role_hint not in speaker.roles:
            speaker.hints.append(role_hint)
        # date
        ps, pe = _para_bounds(text, start)
        if not _blank(r.get("cue_start")):
            cs = int(r["cue_start"])
            clause = _sentence_bounds(text, cs, *_para_bounds(text, cs))
            if r["kind"] != "indirect":
                clause = (max(clause[0], end), clause[1]) if cs >= end else (clause[0], min(clause[1], start))
            ps = min(ps, _para_bounds(text, cs)[0])
        else:
            clause = (start, start)
        previous = None
        head = masked[_para_bounds(text, start)[0]:start]
        if r["kind"] == "indirect" and not _blank(r.get("cue_start")):
            head = masked[_para_bounds(text, start)[0]:int(r["cue_start"])]
        fresh_act = any(not _attribution_tail(head, m.start()) for m in _speech_verb_re().finditer(head))
        if r["kind"] == "indirect" and not _blank(r.get("cue_start")) and last is not None:
            # reported speech in a sentence of its own ("The minister said the state would ...") is a
            # new statement, not the rest of the dated one before it, unless it says it goes on
            cs0 = int(r["cue_start"])
            fresh_act = fresh_act or (_sentence_start(text, cs0) >= last["end"]
                                      and not _continuation(text[_sentence_start(text, cs0):max(cs0, int(r["cue_end"]))]))
        if last is not None and speaker is not None and last["person"] is speaker and para - last["para"] <= 1 \
                and not fresh_act:
            # a quote that goes on from the same speaker's dated statement shares its date; one
            # after a new speech act earlier in its paragraph ("She urged ... now. “...”") does not
            previous = last["date"]
        elif speaker is not None and not fresh_act:
            previous = _intro_date(text, cast, speaker, start, published)
        anchor_at = int(r["cue_start"]) if r["kind"] == "indirect" and not _blank(r.get("cue_start")) else start
        if last is not None and last["date"][1] == "stated" \
                and dates.same_time(masked[_sentence_start(masked, anchor_at):anchor_at]):
            # "At the same time, X said that ...": the time of the statement reported just before
            previous = last["date"]
        ev_here = None
        if event is not None:
            j = ps - 1
            while j > 0 and text[j - 1].isspace():
                j -= 1
            prev_para = text[_para_bounds(text, j - 1)[0]:j] if j > 0 else ""
            own = masked[_sentence_start(masked, anchor_at):max(anchor_at, clause[1], end)]
            if (lede_event or dates.mentions_event(text[ps:pe]) or dates.mentions_event(prev_para)
                    or (speaker is not None and speaker.key in at_event)) \
                    and not (event_words and dates.other_event(own, event_words)):
                # the paragraph speaks of the event, or this speaker was already quoted at it; not when
                # the quote's own sentence names another occasion ("In an interview, she said")
                ev_here = event
        qdate, basis = dates.statement_date(masked, published, clause, (ps, pe), previous, ev_here)
        if qdate is None and basis is None and filed is not None:
            qdate, basis = filed, "publication"
        own_date = basis == "stated" and bool(dates.date_mentions(masked, published, *clause))
        if ev_here is not None and qdate == event and speaker is not None:
            at_event.add(speaker.key)
        res = {
            "mention": mention,
            "speaker_name": speaker.name if speaker is not None else None,
            "speaker_type": speaker.type if speaker is not None else None,
            "cue": cue,
            "role": role_hint if speaker is None else None,
            "_speaker": speaker,
            "quote_date": qdate,
            "date_basis": basis,
            "_own_date": own_date,
            "_para": para,
            "_span": (start, end),
            "confidence": round(max(0.0, min(1.0, conf)), 2),
        }
        results.append(res)
        if speaker is not None:
            info = {"person": speaker, "para": para, "type": speaker.type, "date": (qdate, basis), "end": end}
            last = info
            if r["kind"] == "dash":
                last_dash = info
            anchor = pos if kind != "none" else start
            cast.mentions.append((anchor, speaker.key))
            cast.mentions.sort()
    _dated_by_next(results)
    # roles last: a role the article gives anywhere counts, descriptions only when no title was found
    for res in results:
        sp = res.pop("_speaker")
        if sp is not None:
            res["role"] = roles.join_roles(sp.roles or sp.hints)
        for key in ("_own_date", "_para", "_span"):
            res.pop(key)
        # a stated day with no year to put it in (an undated article): kept as an ISO 8601 month-day
        # ("--01-06") for the resolve stage, which may date it from the corpus
        res["stated_day"] = res["quote_date"].strftime("--%m-%d") if dates.is_yearless(res["quote_date"]) else None
        if res["stated_day"]:
            res["quote_date"] = None
    return results


def _dated_by_next(results: list[dict]) -> None:
    """A quote that the text does not date takes the date stated in the attribution of the same
    speaker's next quote in the same paragraph (``X said that A. “B,” she said on May 6.``): one
    statement, reported in two parts. Changes ``results`` in place."""
    for cur, nxt in zip(results, results[1:]):
        if cur["date_basis"] != "stated" and nxt["_own_date"] and cur["_speaker"] is not None \
                and nxt["_speaker"] is cur["_speaker"] and nxt["_para"] == cur["_para"] \
                and nxt["_span"][0] >= cur["_span"][1]:
            cur["quote_date"], cur["date_basis"] = nxt["quote_date"], "stated"


def introduced_between(cast: Cast, after: int, before: int, current: Person) -> Person | None:
    """The person a running quote at ``before`` switches to: someone other than the current speaker
    who is the subject of the last sentence before the quote (named within its first words),
    written after the previous quote ends at ``after``. None keeps the current speaker.

    >>> t = "“We won,” said Ken Loe.\\n\\nManager Ruth Ames was less pleased.\\n\\n“We were sloppy.”"
    >>> c = Cast(t, (), [(1, 8), (t.rindex("“") + 1, len(t) - 1)])
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
    ss = max(_sentence_start(text, j - 1), after)
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


_CONTINUATION = re.compile(r"(?i)\b(?:also|further|furthermore|moreover|again|added|adds|adding|continued|continues|went\s+on)\b")


def _continuation(clause: str) -> bool:
    """Whether the words of a sentence up to its speech verb present it as going on with a statement
    already reported (``He also said``, ``She added that``, ``Moreover, he noted``).

    >>> _continuation("He also said"), _continuation("She added that"), _continuation("The minister said")
    (True, True, False)
    """
    return bool(_CONTINUATION.search(clause))


def _attribution_tail(masked: str, pos: int) -> bool:
    """Whether the verb at ``pos`` of a masked text (quotes blanked as ``x``) attributes the quote
    just before it (``“xxx,” she said``) rather than opening a new statement.

    >>> _attribution_tail("“xxx xx,” she said. ", 14), _attribution_tail("She urged them. ", 4)
    (True, False)
    """
    before = masked[max(0, pos - 60):pos]
    m = re.search(r"x[\"”’»']?[,.!?]?[\"”’»']?\s+((?:\S+\s+){0,5})$", before)
    return bool(m) and not re.search(r"[.!?]", m.group(1))


@lru_cache(maxsize=1)
def _speech_verb_re() -> re.Pattern[str]:
    from pipeline.quotes.verbs import speech_verb_forms

    forms = sorted(speech_verb_forms(), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(f) for f in forms) + r")\b", re.IGNORECASE)


def _intro_date(text: str, cast: Cast, speaker: Person, start: int, published) -> tuple | None:
    """The date of the sentence that introduced the speaker in the paragraph before the quote
    (``X criticised the plan on Monday.`` / ``“...,” X said.``)."""
    ps, _ = _para_bounds(text, start)
    if ps == 0:
        return None
    j = ps - 1
    while j > 0 and text[j - 1].isspace():
        j -= 1
    if j <= 0:
        return None
    pps, ppe = _para_bounds(text, j - 1)
    for mpos, key in reversed(cast.mentions):
        if key == speaker.key and pps <= mpos <= ppe:
            ss, se = _sentence_bounds(text, mpos, pps, ppe)
            found = [d for d in dates.date_mentions(text, published, ss, se) if d.date is not None]
            if found:
                return found[0].date, "stated"
            return None
    return None


def appositive_attribution(text: str, end: int) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """The attribution after a direct quote ending at ``end`` whose subject holds an appositive between
    commas (``“...,” the victim's uncle, Ian Poe, said``; ``“...,” Ian Poe, a farmer, told``): the
    (start, end) of the subject and of the speech verb, or None.

    >>> t = "“He was kind,” the victim's uncle, Ian Poe, said outside court."
    >>> (ms, me), (cs, ce) = appositive_attribution(t, t.index("kind") + 4)
    >>> t[ms:me], t[cs:ce]
    ("the victim's uncle, Ian Poe", 'said')
    >>> t = "“We are ready,” Kowal, a Democrat from Ohio, said."
    >>> (ms, me), _ = appositive_attribution(t, t.index("ready") + 5); t[ms:me]
    'Kowal, a Democrat from Ohio'
    >>> appositive_attribution("“Go,” and then, after a pause, we left.", 3) is None
    True
    """
    m = re.match(r"[,.!?]?\s*[”\"’»]?[,.]?\s*", text[end:end + 8])
    at = end + (m.end() if m else 0)
    window = text[at:at + 200]
    sm = re.match(r"(?P<subj>(?:[Tt]he\s+|[Hh]is\s+|[Hh]er\s+|[Tt]heir\s+|[Aa]n?\s+)?[\w’'.-]+(?:\s+[\w’'.-]+){0,6},\s+"
                  r"(?:[\w’'.-]+\s+){0,11}[\w’'.-]+),\s+(?P<verb>[a-z]+)\b", window)
    if not sm or "\n" in sm.group(0) or not _speech_verb_re().fullmatch(sm.group("verb")):
        return None
    subj = sm.group("subj")
    if any(_speech_verb_re().fullmatch(w.strip(",")) for w in subj.split()):
        return None
    first = subj.split(",", 1)[0].strip()
    bare_first = re.sub(r"^(?:(?:Mr|Mrs|Ms|Miss|Dr|Prof|Sir|Dame)\.?\s+)+", "", first)
    if not (mention_name(subj) and (roles.has_title(subj) or org_name(subj) or leading_name(bare_first) == bare_first)):
        return None
    return (at, at + sm.end("subj")), (at + sm.start("verb"), at + sm.end("verb"))


def _description_type(desc: str) -> str:
    """``person`` or ``organization``: the type of a description's head (``descriptions.txt``).

    >>> _description_type("the group that organised the march"), _description_type("the mayor")
    ('organization', 'person')
    """
    words = _strip_article(desc).lower().split()
    head_words = []
    for w in words:
        if w in ("of", "to", "for", "at", "in", "from", "with", "that", "which", "who", "representing"):
            break
        head_words.append(w)
    head_phrase = " ".join(head_words)
    for phrase, t in sorted(descriptions().items(), key=lambda kv: -len(kv[0])):
        if re.search(rf"(?<![\w-]){re.escape(phrase)}$", head_phrase):
            return t
    return "person"


def named_before_appositive(text: str, mention_start: int, mention: str) -> str | None:
    """The organisation's name that an organisation description stands in apposition to, at the
    start of its sentence (``Friends of Elm Park, the group that ran the petition, said``): the
    parser took the appositive for the subject. None when the description does not follow such a name.

    >>> t = "Friends of Elm Park, the group that ran the petition, said it would go on."
    >>> named_before_appositive(t, t.index("the group"), "the group")
    'Friends of Elm Park'
    >>> t = "Later, the group said it would go on."
    >>> named_before_appositive(t, t.index("the group"), "the group") is None
    True
    """
    if _description_type(mention) != "organization":
        return None
    opening = _sentence_opening(text, mention_start, r"[A-Z][\w’'&-]*(?:\s+(?:of|for|and|the|on|&)?\s*[A-Z][\w’'&-]*){0,7}")
    if opening is None:
        return None
    name = _strip_article(opening)
    words = name.split()
    if len(words) < 2 and not name.isupper():
        return None
    if roles.has_title(name) or trailing_name(name) == name and _name_like(name):
        return None  # a person: "Ana Ruiz, the group's founder"
    return name


def person_before_appositive(text: str, mention_start: int, mention: str) -> str | None:
    """The person's name that a title description stands in apposition to, at the start of its
    sentence (``Ana Ruiz, Riverton's mayor, said``): the parser took the appositive for the subject.

    >>> t = "Ana Ruiz, Riverton's mayor, said: “We are worried.”"
    >>> person_before_appositive(t, t.index("Riverton"), "Riverton's mayor")
    'Ana Ruiz'
    >>> t = "In Riverton, the mayor said: “We are worried.”"
    >>> person_before_appositive(t, t.index("the mayor"), "the mayor") is None
    True
    """
    if not roles.has_title(mention):
        return None
    opening = _sentence_opening(text, mention_start, r"(?:[A-Z][\w’'.-]*\s+){0,3}[A-Z][\w’'-]+")
    if opening is None:
        return None
    written = opening.split()
    while written and written[0].lower().rstrip(".") in honorific_words():
        written = written[1:]  # "Dr Ana Ruiz, the ..."
    name = trailing_name(" ".join(written))
    if not name or name != " ".join(written) or written[0].lower() in _FUNCTION:
        return None  # "In Riverton, the mayor said": a place phrase, not a name
    return name if len(name.split()) >= 2 or len(written) < len(opening.split()) else None


def _sentence_opening(text: str, mention_start: int, name_pattern: str) -> str | None:
    """The words that open the sentence of a mention and stand before it with a comma, when they
    match ``name_pattern`` whole (``Ana Ruiz, Riverton's mayor, said``: ``Ana Ruiz``), else None."""
    head = text[_sentence_start(text, mention_start):mention_start]
    m = re.fullmatch(rf"\s*(?P<name>{name_pattern}),\s*", head)
    return m.group("name") if m else None


def _masked(text: str, spans: list[tuple[int, int]]) -> str:
    """The text with quoted words blanked out, so dates inside quotes are not read as statement dates.

    >>> _masked("On May 2 “on May 3” he said", [(10, 18)])
    'On May 2 “xx xxx x” he said'
    """
    chars = list(text)
    for s, e in spans:
        for i in range(s, min(e, len(chars))):
            if not chars[i].isspace():
                chars[i] = "x"
    return "".join(chars)


def _org_ent(ents, ms, me) -> bool:
    if _blank(ms) or me is None:
        return False
    ms = int(ms)
    has_org = any(label == "ORG" and s < me and ms < e and e >= me - 1 for s, e, label, _ in ents)
    has_person = any(label == "PERSON" and s < me and ms < e for s, e, label, _ in ents)
    return has_org and not has_person


def lede_description(cast: Cast, mention: str, pos: int) -> Person | None:
    """The person a description stands for when it comes before anyone is named (a headline or
    standfirst: ``Fares 'will rise', minister warns.``; a lede: ``..., in what a judge called “...”``
    before ``Judge Ana Ruiz said``): the one person of the article whose role holds the description's
    head noun, named after it. None when no one or several.

    >>> t = "A firm was fined, in what a judge called “a failure”.\\n\\nJudge Ana Ruiz said more."
    >>> c = Cast(t, (), [(t.index("a failure"), t.index("a failure") + 9)])
    >>> c.discover(); c.collect_roles()
    >>> lede_description(c, "in what a judge", t.index("in what")).name
    'Ana Ruiz'
    >>> lede_description(c, "a lawyer", t.index("a judge")) is None
    True
    >>> t = "Fares “will rise”, minister warns.\\n\\nTransport Minister Ana Ruiz said on Monday that fares would rise."
    >>> c = Cast(t, (), [(t.index("will"), t.index("will") + 9)])
    >>> _ = c.add("Ana Ruiz", "person", t.index(" said")); c.discover(); c.collect_roles()
    >>> lede_description(c, "minister", t.index("minister")).name
    'Ana Ruiz'
    """
    mention = re.sub(r"(?i)^(?:in\s+)?what\s+", "", mention.strip())  # "in what a judge called ..."
    if re.match(r"(?i)(?:some|several|many|most|few|all|two|three|\d+)\s", mention):
        return None
    if any(mpos <= pos and cast.people[k].type == "person" for mpos, k in cast.mentions):
        return None
    words = _strip_article(mention).lower().split()
    head = ""
    for w in words:
        if w in ("of", "to", "for", "at", "in", "from", "with", "who", "that"):
            break
        head = w
    if not head or not roles._person_noun(head):
        return None
    found = [p for p in cast.people.values() if p.type == "person"
             and any(head in re.findall(r"[\w-]+", r.lower()) for r in p.roles)]
    return found[0] if len(found) == 1 else None


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
        if len(d.split()) <= 6 and _description_type(d) == "organization" and not _speech_verb_re().search(d) \
                and not re.search(r"\b(?:that|which|who|whose)\b", d):
            out.append(d)
    return out


def _org_named_next(cast: Cast, words: list[str], pos: int, reach: int = 400) -> Person | None:
    """The organisation an organisation description stands for when none was named before it: the
    first one named within ``reach`` characters after it whose name shares a word stem with the
    description (``the union representing career firefighters said ... Career Firefighters
    Association secretary X said``)."""
    phrase = cast.text[pos:pos + 120]
    verb = _speech_verb_re().search(phrase)
    phrase = phrase[:verb.start()] if verb else phrase
    words = words + re.findall(r"[a-z]+", phrase.lower())  # the parser may cut "the union representing X"
    stems = {w[:6] for w in words if len(w) >= 4 and w not in _FUNCTION}
    for mpos, key in cast.mentions:
        p = cast.people[key]
        if mpos <= pos or mpos > pos + reach or p.type != "organization":
            continue
        if stems & {w.lower()[:6] for w in p.name.split() if len(w) >= 4}:
            return p
    return None


def described_org(desc: str) -> str | None:
    """The organisation a description names by its function when it holds a modifier before an
    institution head (``the country's energy ministry`` -> ``energy ministry``, ``the city's finance
    office`` -> ``finance office``); a bare head (``the ministry``) names none.

    >>> described_org("the country's energy ministry"), described_org("the ministry"), described_org("the mayor")
    ('energy ministry', None, None)
    """
    words = _strip_article(desc).split()
    if words and names.fold(words[0]).replace("’", "'").removesuffix("'s").replace("'", "") in names._org_possessors():
        words = words[1:]
    if not 2 <= len(words) <= 4 or words[-1].lower() not in names._org_heads():
        return None
    if any(w.lower() in _FUNCTION or not w.isalpha() for w in words):
        return None
    return " ".join(words)


# a bench of judges speaks for its court: "the Bench said" after "the Northern High Court quashed ..."
_COURT_WORDS = frozenset({"court", "bench", "tribunal"})


def _description(cast: Cast, mention: str, pos: int, last: dict | None, para: int) -> tuple[Person | None, str | None]:
    """Resolve a description: by country, by role head word, or the current speaker."""
    desc = _strip_article(mention)
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
        return None, roles._clean(desc)
    # the description's head: the words before its first "of/to/for/at/in"
    head_words = []
    for w in words:
        if w in ("of", "to", "for", "at", "in", "from", "with"):
            break
        head_words.append(w)
    head_phrase = " ".join(head_words)
    if re.match(r"(?i)(a|an|one|some|several|many|\d+)\s", mention.strip()):
        # an indefinite description introduces someone new and unnamed ("a council spokesperson")
        return None, roles._clean(desc) if roles.has_title(desc) else None
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
    comp = [w for w in words[len(head_words) + 1:] if len(w) >= 5 and w not in _FUNCTION]
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


# -- load, process, save ----------------------------------------------------------------------
def attribute_part(articles_src: Path, spans_src: Path, dst: Path, settings: Settings) -> int:
    """Attribute the stored quote spans of one part of articles; returns the number of articles."""
    articles = read_part(articles_src)
    write_part(attributed_quotes(read_part(spans_src), articles, settings), AttributedQuote, dst)
    return len(articles)
