"""The ``reported`` finder: indirect speech (``The minister said that taxes would rise.``) and the
quoted fragments of it that are partial quotes.

:func:`parse_units` picks the sentences worth a parse; the reported-speech detector
(:func:`pipeline.quotes.speech.reported_speech`) reads them; :func:`find_reported_quotes` turns its
reports into ``indirect`` rows (and ``partial`` ones for quoted fragments), and merges the partial
quotes lying inside reported speech into it.
"""

from __future__ import annotations

import re

from pipeline.quotes.attribution import Evidence, span_row
from pipeline.quotes.fragments import FRAGMENT_SHARE
from pipeline.quotes.paragraphs import DOUBLE_MARKS, SINGLE_MARKS, ArticleText, overlap, word_list
from pipeline.quotes.speech import reported_speech
from pipeline.quotes.surface_cues import candidate_paragraph, unit_cue_re

__all__ = ["parse_units", "find_reported_quotes"]


_SENTENCE_BREAK = re.compile(r"[.!?…][\"”’»)]?\s+(?=[\"“‘«(–—-]?[A-Z0-9])")


def parse_units(text: str, paras: list[tuple[int, int]], quoted: list[tuple[int, int]]) -> list[tuple[int, int, int]]:
    """The stretches of text worth a parse: ``(start, end, paragraph)`` of each sentence of a
    candidate paragraph whose words outside quotation marks hold a speech cue and at least five
    words (room for reported content). ``“…,” he said.`` is not parsed: marks and rules read it.

    >>> from pipeline.quotes.paragraphs import paragraphs
    >>> t = "“We won,” he said. The minister said that taxes would rise.\\n\\nNo cue here at all."
    >>> [t[s:e] for s, e, _ in parse_units(t, paragraphs(t), [(1, 8)])]
    ['The minister said that taxes would rise.']
    """
    units = []
    for k, (ps, pe) in enumerate(paras):
        para = text[ps:pe]
        if not candidate_paragraph(para):
            continue
        inside = [(max(qs, ps) - ps, min(qe, pe) - ps) for qs, qe in quoted if qs < pe and qe > ps]
        masked_text = para
        for qs, qe in inside:
            a, b = max(qs - 1, 0), min(qe + 1, len(para))
            if b > a:
                masked_text = masked_text[:a] + " " * (b - a) + masked_text[b:]
        cuts = [0]
        for m in _SENTENCE_BREAK.finditer(para):
            if not any(qs <= m.start() < qe for qs, qe in inside):
                cuts.append(m.end())
        cuts.append(len(para))
        for a, b in zip(cuts, cuts[1:]):
            outside = masked_text[a:b]
            if len(outside.split()) < 5:
                continue
            if unit_cue_re().search(outside):
                s, e = a, b
                while e > s and para[e - 1].isspace():
                    e -= 1
                units.append((ps + s, ps + e, k))
    return units


def _indirect_rows(text: str, docs: dict[int, tuple[int, object]], rows: list[dict]) -> list[dict]:
    """Indirect rows from the reported-speech detector, and the partial quotes it finds inside
    reported content (``said the tram was "the only thing that runs"``): a fragment the marks
    already gave as a partial keeps its span and takes the report's cue and speaker; one that
    :func:`pipeline.quotes.marks.quote_kind` left out (too short to tell by the marks alone) is added."""
    out: list[dict] = []
    taken = [(r["start"], r["end"]) for r in rows if r["kind"] != "dash"]
    for base, (k, doc) in sorted(docs.items()):
        for rep in reported_speech(doc, fragments=True):
            s, e = base + rep.content_start, base + rep.content_end
            ev = Evidence(rep.cue, base + rep.cue_start, base + rep.cue_end)
            if rep.speaker_start is not None:
                ms, me = base + rep.speaker_start, base + rep.speaker_end
                ev.mention, ev.mention_start, ev.mention_end = text[ms:me], ms, me
            if rep.kind == "partial":
                _reported_partial(rows, out, taken, s, e, k, ev)
                continue
            while e > s and text[e - 1] in " .,;:":
                e -= 1
            while s < e and text[s] in " ,;:":
                s += 1
            if e - s < 8:
                continue
            if any(overlap((s, e), t) >= 0.5 * (e - s) for t in taken):
                continue
            out.append(span_row("indirect", s, e, k, ev))
            taken.append((s, e))
    return out


def _reported_partial(rows: list[dict], out: list[dict], taken: list[tuple[int, int]],
                      s: int, e: int, para: int, ev: Evidence) -> None:
    """Record a quoted fragment of reported speech as a partial quote with the report's cue and
    speaker (the parse reads them better than the words next to the marks): an existing partial
    row at the same marks takes them (a direct row is left alone),
    otherwise a new partial row is added."""
    same = [r for r in rows + out if overlap((r["start"], r["end"]), (s, e)) >= 0.5 * max(e - s, r["end"] - r["start"])]
    if any(r["kind"] != "partial" for r in same):
        return
    if same:
        for r in same:
            r.update(span_row("partial", r["start"], r["end"], r["paragraph"], ev))
            r["reported"] = True
        return
    row = span_row("partial", s, e, para, ev)
    row["reported"] = True
    out.append(row)
    taken.append((s, e))


def _merge_partials_into_indirect(text: str, rows: list[dict]) -> list[dict]:
    """A quoted term inside reported speech belongs to it (the reported-speech detector has already
    taken the speaker's own fragments out, see :func:`pipeline.quotes.fragments.split_quoted_content`): a partial lying
    within an indirect quote's content is dropped, except a fragment of four words or more that
    closes the content and covers most of it (:data:`pipeline.quotes.fragments.FRAGMENT_SHARE`: ``said the data would be
    published “so that every resident can see exactly what is at stake.”``): that stays a record of
    its own and the indirect content ends before it."""
    indirect = [r for r in rows if r["kind"] == "indirect"]
    keep = []
    for r in rows:
        if r["kind"] != "partial" or r.get("reported"):  # the detector already split the report
            keep.append(r)
            continue
        host = None
        for ind in indirect:
            plen = r["end"] - r["start"]
            inside = overlap((r["start"], r["end"]), (ind["start"], ind["end"])) >= 0.9 * plen \
                and plen < 0.6 * (ind["end"] - ind["start"])
            if inside:
                tail = r["end"] >= ind["end"] - 2 and len(word_list(text[r["start"]:r["end"]])) >= 4 \
                    and plen >= FRAGMENT_SHARE * (max(r["end"], ind["end"]) - ind["start"])
                if tail:
                    # a long fragment closing the reported speech is a record of its own
                    cut = r["start"] - 1
                    while cut > ind["start"] and (text[cut - 1].isspace() or text[cut - 1] in DOUBLE_MARKS + SINGLE_MARKS):
                        cut -= 1
                    ind["end"] = cut
                    break
                host = ind
                break
        if host is None:
            keep.append(r)
    return keep


def find_reported_quotes(article: ArticleText, rows: list[dict]) -> list[dict]:
    """The ``reported`` finder: ``rows`` and the ``indirect`` rows (and the ``partial`` rows of quoted
    fragments) that the reported-speech detector reads in the parsed units of ``article.docs``;
    the partial quotes lying inside reported speech are then merged into it. Without parsed units
    the rows come back as they were.

    >>> find_reported_quotes(ArticleText("He said so.", [(0, 11)]), [])
    []
    """
    out = list(rows)
    out.extend(_indirect_rows(article.text, article.docs, out))
    return _merge_partials_into_indirect(article.text, out)
