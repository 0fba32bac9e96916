"""What a mention is: a pronoun, a description, a name or an organisation (:func:`mention_kind`), and the
rules that read a mention the parser cut or mislabelled (an abbreviated title, a name in apposition, a
vehicle such as ``a statement from X``, a spokesperson speaking for an organisation).
"""

from __future__ import annotations

import re
from functools import lru_cache

from wordfreq import zipf_frequency

from pipeline.speakers import names
from pipeline.speakers import roles
from pipeline.speakers.mention_names import free_name_run, leading_name, mention_name, trailing_name
from pipeline.speakers.words import (FUNCTION_WORDS, description_type, descriptions, honorific_words, name_like,
                                     org_name_words, pronouns, rare_surname,
                                     sentence_start, speech_verb_re, strip_article)

__all__ = ["org_name", "clean_mention", "abbreviated_title_mention", "title_comma_name", "mention_source", "mention_kind",
           "relation_of_name", "group_mention", "speaks_for", "appositive_attribution", "named_before_appositive",
           "person_before_appositive", "described_org"]


@lru_cache(maxsize=1)
def _head_of_re() -> re.Pattern:
    """An organisation head word before ``of`` and a capital: ``Ministry of Finance``."""
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in sorted(org_name_words())) + r")\s+of\s+[A-Z]", re.IGNORECASE)


@lru_cache(maxsize=1)
def _org_at_end_re() -> re.Pattern:
    """A capitalised organisation name ending a mention: ``... of the Ministry of Emergency Situations``."""
    heads = "|".join(re.escape(w.capitalize()) for w in sorted(org_name_words(), key=len, reverse=True))
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
    bare = strip_article(mention.split(",", 1)[0])
    if not bare.split():
        return None
    return _capitalised_org(bare) or _org_at_end(bare) or _org_after_description(bare)


def _capitalised_org(bare: str) -> str | None:
    """A mention of capitalised words (no title, not a person and where they work) that ends in or holds
    an organisation word, or reads ``<head> of X``: the whole mention (``Danish Defence Ministry``)."""
    words = bare.split()
    capital = all(w[:1].isupper() or w.lower() in FUNCTION_WORDS for w in words)
    lead = leading_name(bare)
    if lead and len(lead.split()) >= 2 and re.match(rf"{re.escape(lead)}\s+(?:of|from|at)\s", bare) \
            and (rare_surname(lead) or name_like(lead)):
        capital = False  # "Ana Ruiz of the Harbour Institute": a person and where she works
    if capital and words[0][:1].isupper() and not roles.has_title(bare):
        if words[-1].lower().strip(".,") in org_name_words():
            return bare
        if not mention_name(bare) and any(w.lower().strip(".,") in org_name_words() for w in words):
            return bare
        if _head_of_re().search(bare):
            return bare  # "Ministry of Finance", "University of Lagos"
    return None


def _org_at_end(bare: str) -> str | None:
    """A capitalised ``<head> of X`` name ending a mention whose words before it are no title, name or
    person: ``the press service of the Ministry of Emergency Situations`` -> the ministry."""
    m = _org_at_end_re().search(bare)
    if m and m.start("org") > 0 and m.group("org")[:1].isupper():
        lead = bare[:m.start("org")]
        tail = trailing_name(bare)
        if not roles.has_title(lead) and not free_name_run(lead) and not (tail and rare_surname(tail)):
            return m.group("org")
    return None


def _org_after_description(bare: str) -> str | None:
    """The name written after an organisation description (``the news agency Reuters`` -> ``Reuters``):
    up to four words, no function word, title, person's name or description."""
    low = bare.lower()
    for phrase, rx in _org_description_res():
        m = rx.search(low)
        if m:
            rest = bare[m.start("rest"):]
            rwords = rest.split()
            if len(rwords) <= 4 and not any(w.lower() in FUNCTION_WORDS for w in rwords) and not roles.has_title(rest) \
                    and not (mention_name(rest) and (name_like(rest) or not rest[:1].isupper())) \
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
    if not words or not roles.person_noun(words[-1].lower().strip(".’'")) or trailing_name(mention):
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
    if not m or not roles.person_noun(m.group("noun").split()[-1]):
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
    words = strip_article(mention).split()
    if not words or any(w[:1].isupper() for w in words[1:3]):
        return False
    sing = _singular(words[0].strip(",;:"))
    return bool(sing) and (roles.person_noun(sing) or sing in descriptions() and descriptions()[sing] == "person")


_SPEAKS_FOR = re.compile(r"(?i)^(?:(?:a|an|the|one|another)\s+)?(?:[\w-]+\s+)?(?P<who>spokes(?:man|woman|person)|representative|"
                         r"press\s+officer)\s+(?:for|of|at|from)\s+(?P<rest>.+)$")
_PEOPLE_AT = re.compile(r"(?i)^(?:(?:some|several|many|two|three|four|five|the)\s+)?(?:[\w-]+\s+)?(?P<who>[a-z-]+s)\s+"
                        r"(?:at|from|with)\s+(?P<rest>.+)$")


def speaks_for(mention: str | None) -> tuple[str, str | None] | None:
    """An unnamed spokesperson, or a plural of people at an organisation, speaks for that
    organisation: (the organisation's mention, the description the mention gives it), or None (the
    role it makes is decided in :mod:`pipeline.speakers.role_choice`). A named spokesperson stays the
    person.

    >>> speaks_for("a spokesman for the Brookfield Harbour Trust")
    ('the Brookfield Harbour Trust', None)
    >>> speaks_for("A spokesperson for the developer, Quarrybank Homes")
    ('Quarrybank Homes', 'developer')
    >>> speaks_for("a spokesperson for the Lowfield Chamber of Commerce, a business group")
    ('the Lowfield Chamber of Commerce', 'business group')
    >>> speaks_for("a spokesman for the trust")
    ('the trust', None)
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
    pre = _SPOKESPERSON_AFTER_ORG.fullmatch(mention.strip())
    if pre:
        org = pre.group("org")
        if (mention_kind(org) == "organization" or len(org.split()) >= 2) and not name_like(org) \
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
    return _spoken_for_org(parts[0], parts[1] if len(parts) == 2 else None)


_SPOKESPERSON_AFTER_ORG = re.compile(r"(?i:a|an|the)\s+(?P<org>[A-Z][\w’'&.-]*(?:\s+(?:of\s+|for\s+|&\s+)?[A-Z][\w’'&.-]*){0,4})\s+"
                                     r"spokes(?:man|woman|person)")


def _spoken_for_org(org: str, desc: str | None) -> tuple[str, str | None] | None:
    """The organisation a spokesperson ``for ORG[, DESC]`` speaks for and the description the mention gives
    it, or None when the spokesperson is named (``for the council, Jane Marlow``) or the organisation is
    none (``for the family``).

    >>> _spoken_for_org("the developer", "Quarrybank Homes"), _spoken_for_org("the family", None)
    (('Quarrybank Homes', 'developer'), None)
    """
    bare = strip_article(org)
    org_ok = (mention_kind(org) == "organization"
              or mention_kind(org) == "name" and len(bare.split()) >= 2 and bare[:1].isupper()) \
        and not name_like(bare)
    named = mention_name(org)
    if named and len(named.split()) >= 2 and name_like(named):
        return None  # "the spokeswoman for the Ministry of Trade Ana Rusu": the person is named
    if desc is not None:
        desc_is_org = desc[:1].isupper() and mention_kind(desc) in ("organization", "name") and not name_like(desc)
        if org_ok and re.match(r"(?i)(?:a|an|the)\s", desc) \
                and descriptions().get(strip_article(desc).lower().split()[-1]) == "organization":
            return org, strip_article(desc)  # "the X Chamber, a business group"
        if not org_ok and desc_is_org and _org_head(org):
            return desc, strip_article(org)  # "the developer, Y Homes"
        return None  # "a spokeswoman for the council, Jane Marlow": a named spokesperson
    if org_ok:
        return org, None
    if re.match(r"(?i)the\s", org) and _org_head(org):
        return org, None  # "a spokesman for the trust": the trust named in the story
    return None


def _org_head(phrase: str) -> bool:
    """A lower-case description headed by an organisation noun (``the charity``, ``the developer``)."""
    words = strip_article(phrase).lower().split()
    return bool(words) and not any(w[:1].isupper() for w in strip_article(phrase).split()) \
        and (descriptions().get(words[-1]) == "organization" or words[-1] in org_name_words())


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
    if not sm or "\n" in sm.group(0) or not speech_verb_re().fullmatch(sm.group("verb")):
        return None
    subj = sm.group("subj")
    if any(speech_verb_re().fullmatch(w.strip(",")) for w in subj.split()):
        return None
    first = subj.split(",", 1)[0].strip()
    bare_first = re.sub(r"^(?:(?:Mr|Mrs|Ms|Miss|Dr|Prof|Sir|Dame)\.?\s+)+", "", first)
    if not (mention_name(subj) and (roles.has_title(subj) or org_name(subj) or leading_name(bare_first) == bare_first)):
        return None
    return (at, at + sm.end("subj")), (at + sm.start("verb"), at + sm.end("verb"))


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
    if description_type(mention) != "organization":
        return None
    opening = _sentence_opening(text, mention_start, r"[A-Z][\w’'&-]*(?:\s+(?:of|for|and|the|on|&)?\s*[A-Z][\w’'&-]*){0,7}")
    if opening is None:
        return None
    name = strip_article(opening)
    words = name.split()
    if len(words) < 2 and not name.isupper():
        return None
    if roles.has_title(name) or trailing_name(name) == name and name_like(name):
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
    if not name or name != " ".join(written) or written[0].lower() in FUNCTION_WORDS:
        return None  # "In Riverton, the mayor said": a place phrase, not a name
    return name if len(name.split()) >= 2 or len(written) < len(opening.split()) else None


def _sentence_opening(text: str, mention_start: int, name_pattern: str) -> str | None:
    """The words that open the sentence of a mention and stand before it with a comma, when they
    match ``name_pattern`` whole (``Ana Ruiz, Riverton's mayor, said``: ``Ana Ruiz``), else None."""
    head = text[sentence_start(text, mention_start):mention_start]
    m = re.fullmatch(rf"\s*(?P<name>{name_pattern}),\s*", head)
    return m.group("name") if m else None


def described_org(desc: str) -> str | None:
    """The organisation a description names by its function when it holds a modifier before an
    institution head (``the country's energy ministry`` -> ``energy ministry``, ``the city's finance
    office`` -> ``finance office``); a bare head (``the ministry``) names none.

    >>> described_org("the country's energy ministry"), described_org("the ministry"), described_org("the mayor")
    ('energy ministry', None, None)
    """
    words = strip_article(desc).split()
    if words and names.fold(words[0]).replace("’", "'").removesuffix("'s").replace("'", "") in names.org_possessors():
        words = words[1:]
    if not 2 <= len(words) <= 4 or words[-1].lower() not in names.org_heads():
        return None
    if any(w.lower() in FUNCTION_WORDS or not w.isalpha() for w in words):
        return None
    return " ".join(words)
