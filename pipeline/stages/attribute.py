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

import datetime as dt
import re

import pandas as pd
from wordfreq import zipf_frequency

from pipeline.config import Settings
from pipeline.speakers import dates
from pipeline.speakers import roles
from pipeline.speakers.cast import Cast, Person, introduced_between
from pipeline.speakers.date_pass import _attribution_tail, _continuation, _dated_by_next, _intro_date, _masked
from pipeline.speakers.mention_names import leading_name, mention_name, trailing_name
from pipeline.speakers.mentions import (abbreviated_title_mention, appositive_attribution, clean_mention, mention_kind,
                                        mention_source, named_before_appositive, org_name, person_before_appositive,
                                        relation_of_name, speaks_for, title_comma_name)
from pipeline.speakers.referents import describe as _description, lede_description
from pipeline.speakers.role_choice import collect_roles
from pipeline.speakers.words import (para_bounds, pronouns, rare_surname, sentence_bounds, sentence_start,
                                     speech_verb_re, strip_article)
from schemas.values import as_date


__all__ = ["attributed_quotes"]


_OUT_COLUMNS = ["mention", "speaker_name", "speaker_type", "cue", "role", "quote_date", "date_basis", "confidence",
                "stated_day"]


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
    spans = [(int(r["start"]), int(r["end"])) for r in rows]
    cast = Cast(text, spans)
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
                              text[sentence_start(text, ms0):ms0])
            named = trailing_name(hm.group("name")) if hm else None
            if named and len(named.split()) >= 2:
                mention = hm.group("name").strip()
        office = re.fullmatch(r"(?i:the\s+)?(?P<who>[^,]+?)[’'](?:s)?\s+(?:press\s+)?office", mention or "")
        if office:
            who = office.group("who")
            if leading_name(who) == who and not roles.has_title(who):
                mention = who  # "according to Ruiz's office": the person speaks through the office
            elif roles.has_title(who) and who[:1].islower() or roles.has_title(who.lower()):
                mention = strip_article(mention)  # "the mayor's office": an office as an organisation
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
            after = text[ce:sentence_bounds(text, ce, *para_bounds(text, ce))[1]].strip(" .")
            inv = leading_name(after) if kind == "description" else None
            if inv is None and len(after.split()) <= 14 and re.match(r"(?:the\s+)?[A-Z\w]", after) \
                    and (kind == "description" or after.lower().startswith("the ")):
                tail = trailing_name(after)
                inv = tail if tail and (kind == "description" or roles.has_title(after)) else None
                if inv and re.search(r"\b(?:in|at|on|from|during|near|outside|inside|to)\s+(?:the\s+|a\s+)?$",
                                     after[: len(after) - len(inv)]):
                    inv = None  # "announced the mayor at a briefing in the Casa Consistorial": a place
            if inv and (rare_surname(inv) or len(inv.split()) >= 2):
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
                and zipf_frequency(mention.lower(), "en") >= 3.0:
            kind = "description"
        target = None
        if kind == "name":
            target = cast.add(mention_name(mention), "person", me)
        elif kind == "organization":
            oname = org_name(mention) or strip_article(mention)
            if (mention_name(mention) or "").startswith("The ") and not org_name(mention):
                oname = mention_name(mention)  # an outlet's name keeps its "The" ("The Guardian")
            target = cast.add(oname, "organization", me)
            described = strip_article(mention)
            if described.endswith(oname) and len(described) > len(oname) + 3:
                desc = described[: -len(oname)].strip()
                if desc not in target.roles:
                    target.roles.append(desc)
        parsed.append((mention, kind, target, (said_by, org_role) if spoken_for else None))
    cast.discover()
    cast.mentions.sort()
    collect_roles(cast)
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
                role_hint = roles.clean_role(mention)
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
                speaker, role_hint = None, roles.clean_role(strip_article(said_by))
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
        ps, pe = para_bounds(text, start)
        if not _blank(r.get("cue_start")):
            cs = int(r["cue_start"])
            clause = sentence_bounds(text, cs, *para_bounds(text, cs))
            if r["kind"] != "indirect":
                clause = (max(clause[0], end), clause[1]) if cs >= end else (clause[0], min(clause[1], start))
            ps = min(ps, para_bounds(text, cs)[0])
        else:
            clause = (start, start)
        previous = None
        head = masked[para_bounds(text, start)[0]:start]
        if r["kind"] == "indirect" and not _blank(r.get("cue_start")):
            head = masked[para_bounds(text, start)[0]:int(r["cue_start"])]
        fresh_act = any(not _attribution_tail(head, m.start()) for m in speech_verb_re().finditer(head))
        if r["kind"] == "indirect" and not _blank(r.get("cue_start")) and last is not None:
            # reported speech in a sentence of its own ("The minister said the state would ...") is a
            # new statement, not the rest of the dated one before it, unless it says it goes on
            cs0 = int(r["cue_start"])
            fresh_act = fresh_act or (sentence_start(text, cs0) >= last["end"]
                                      and not _continuation(text[sentence_start(text, cs0):max(cs0, int(r["cue_end"]))]))
        if last is not None and speaker is not None and last["person"] is speaker and para - last["para"] <= 1 \
                and not fresh_act:
            # a quote that goes on from the same speaker's dated statement shares its date; one
            # after a new speech act earlier in its paragraph ("She urged ... now. “...”") does not
            previous = last["date"]
        elif speaker is not None and not fresh_act:
            previous = _intro_date(text, cast, speaker, start, published)
        anchor_at = int(r["cue_start"]) if r["kind"] == "indirect" and not _blank(r.get("cue_start")) else start
        if last is not None and last["date"][1] == "stated" \
                and dates.same_time(masked[sentence_start(masked, anchor_at):anchor_at]):
            # "At the same time, X said that ...": the time of the statement reported just before
            previous = last["date"]
        ev_here = None
        if event is not None:
            j = ps - 1
            while j > 0 and text[j - 1].isspace():
                j -= 1
            prev_para = text[para_bounds(text, j - 1)[0]:j] if j > 0 else ""
            own = masked[sentence_start(masked, anchor_at):max(anchor_at, clause[1], end)]
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

