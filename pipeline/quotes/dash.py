"""The ``dash`` finder: speech opened by a dash (``– We will not pay, – she added.``) and the turns of
an interview (question lines, ``Q:``/``A:`` labels).

:func:`dash_turns` reads every dash-opened paragraph as an answer (speech), a question line or an
attribution line; :func:`find_dash_quotes` turns the answers into ``dash`` rows with the evidence of
their trailing attribution.
"""

from __future__ import annotations

from dataclasses import dataclass
import re

from pipeline.quotes.attribution import Evidence, attribution_after, span_row, stance_attribution
from pipeline.quotes.paragraphs import DASHES, DOUBLE_MARKS, ArticleText, paragraphs
from pipeline.quotes.surface_cues import cue_phrase_re, starts_with_cue
from pipeline.quotes.verbs import naming_verb_forms, speech_verb_forms

__all__ = ["Turn", "dash_turns", "find_dash_quotes"]


_DASH_START = re.compile(r"[–—―-]\s*")

_QUESTION_LINE = re.compile(r"^(?P<label>[\"“”«»]?[^\s:\"“”«»]{1,20}(?:\s[^\s:\"“”«»]{1,20}){0,2}[\"“”«»]?)\s*:\s*[–—―-]\s*")

_ATTR_SPLIT = re.compile(r"(?:[,.!?…]\s*[\"“”»]?\s*|\s)[–—―]\s+(?=\S)")

#: a labelled interview turn without a dash: "Q: ...", "A: ...", "Question: ...", "Answer - ..."
_QA_LABEL = re.compile(r"^(?P<label>Q|A|Question|Answer)\s*[:.)]?\s*[:–—―-]?\s+(?=\S)")


@dataclass
class Turn:
    """A dash-opened paragraph: an answer (speech), a question line, or an attribution line."""

    kind: str  # "answer" | "question" | "attribution"
    start: int
    end: int
    para: int
    attr_start: int | None = None
    attr_end: int | None = None


def _is_attribution(s: str) -> bool:
    """Whether ``s`` (the words after a dash) reads as an attribution: a cue within its first
    four words, short, and not a sentence of its own."""
    words = s.split()
    if not words or len(words) > 25:
        return False
    for w in words[:4]:
        lw = w.lower().strip(",.")
        if lw in speech_verb_forms() or lw in naming_verb_forms():
            return True
    if cue_phrase_re().search(" ".join(words[:5])):
        return True
    # "We are certain Director of X Name" style: a first-person stance phrase and no full stop
    return bool(re.match(r"(?i)(i|we)\s+(am|are|think|believe|consider|suppose)\b", s)) and not s.rstrip().endswith(".")


#: the end of an attribution sentence followed by a new dash: the speaker goes on talking
_RESUME = re.compile(r"[.!?…]\s*[–—―]\s+(?=\S)")

#: the next dash in a stretch: a sentence end and a dash, or a dash between spaces
_NEXT_DASH = re.compile(r"[.!?…]\s*[–—―]\s+(?=\S)|\s[–—―]\s+(?=\S)")


def _dash_answers(text: str, s: int, pe: int) -> list[tuple[int, int, tuple[int, int] | None]]:
    """The answers in one dash-opened paragraph ``text[s:pe]`` (after its opening dash):
    ``(start, end, attribution span or None)``. A trailing attribution after a dash (``, – he said``,
    or ``promises – said Ana Ruiz``) is cut off; when the attribution sentence ends and a new dash
    opens (``– she added. – More words.``), the words after it are one more answer.

    >>> def answers(t):
    ...     return [(t[a:b], t[attr[0]:attr[1]] if attr else None) for a, b, attr in _dash_answers(t, 2, len(t))]
    >>> answers("– We will not pay, – she added. – The people carry buckets.")
    [('We will not pay,', 'she added.'), ('The people carry buckets.', None)]
    >>> answers("– We hope it lasts – said Ana Ruiz, a retired nurse.")
    [('We hope it lasts', 'said Ana Ruiz, a retired nurse.')]
    >>> answers("– The plan – which we backed – failed.")
    [('The plan – which we backed – failed.', None)]
    """
    out: list[tuple[int, int, tuple[int, int] | None]] = []
    while s < pe:
        end, attr, nxt = _attribution_split(text, s, pe)
        if end > s:
            out.append((s, end, attr))
        s = nxt
    return out


def _attribution_split(text: str, s: int, pe: int) -> tuple[int, tuple[int, int] | None, int]:
    """``(end of the answer, attribution span or None, start of the next answer)`` for the answer
    that starts at ``s`` in ``text[s:pe]``: the first dash whose words up to the next dash read as an
    attribution (:func:`_is_attribution`) ends the answer; a sentence end and a new dash after the
    attribution open the next answer. Without such a dash the answer runs to ``pe``.

    >>> t = "We will not pay, – she added. – More."
    >>> _attribution_split(t, 0, len(t))
    (16, (19, 29), 32)
    """
    body = text[s:pe]
    for sm in _ATTR_SPLIT.finditer(body):
        rest = body[sm.end():]
        stop = _NEXT_DASH.search(rest)  # the words up to the next dash are what must read as an attribution
        if not _is_attribution(rest[:stop.start() + 1] if stop else rest):
            continue
        end = s + sm.start() + (1 if body[sm.start()] in ",.!?…" else 0)
        resume = _RESUME.search(rest)
        attr = (s + sm.end(), s + sm.end() + resume.start() + 1 if resume else pe)
        nxt = s + sm.end() + resume.end() if resume else pe
        return end, attr, nxt
    return pe, None, pe


def _qa_labels(text: str, paras: list[tuple[int, int]]) -> dict[int, tuple[str, int]]:
    """Paragraphs of an interview laid out with labels and no dashes (``Q: ...`` / ``A: ...``):
    paragraph index -> (``question`` or ``answer``, offset of the words after the label). Only
    when the text has at least two question labels and two answer labels, and every answer
    follows a question, so that a stray ``A:`` is never read as an answer.

    >>> t = "Q: Why now?\\n\\nA: Because it was time.\\n\\nQ: And next?\\n\\nA: Rest."
    >>> _qa_labels(t, paragraphs(t))
    {0: ('question', 3), 1: ('answer', 3), 2: ('question', 3), 3: ('answer', 3)}
    >>> _qa_labels("A: one thing.\\n\\nA: another.", paragraphs("A: one thing.\\n\\nA: another."))
    {}
    """
    found: dict[int, tuple[str, int]] = {}
    for k, (ps, pe) in enumerate(paras):
        m = _QA_LABEL.match(text[ps:pe])
        if m:
            found[k] = ("question" if m["label"][0] == "Q" else "answer", m.end())
    kinds = [v[0] for _, v in sorted(found.items())]
    if kinds.count("question") < 2 or kinds.count("answer") < 2 \
            or any(b == "answer" and a != "question" for a, b in zip(["-"] + kinds, kinds)):
        return {}
    return found


def dash_turns(text: str, paras: list[tuple[int, int]] | None = None) -> list[Turn]:
    """The dash-opened paragraphs of a text, read as answers, question lines or attribution lines.

    An answer's span excludes the dash and a trailing ``, – he said`` attribution (kept in
    ``attr_start``/``attr_end``); its trailing comma stays in the span.

    >>> t = "– It is done, – he said\\n\\nQ: – Why?\\n\\n– Because.\\n\\n– said the agency"
    >>> [(d.kind, t[d.start:d.end]) for d in dash_turns(t)]
    [('answer', 'It is done,'), ('question', 'Why?'), ('answer', 'Because.'), ('attribution', 'said the agency')]
    """
    if paras is None:
        paras = paragraphs(text)
    turns: list[Turn] = []
    labelled = _qa_labels(text, paras)
    for k, (ps, pe) in enumerate(paras):
        if k in labelled:
            kind, body = labelled[k]
            turns.append(Turn(kind, ps + body, pe, k))
        else:
            turns.extend(_paragraph_turns(text, k, ps, pe))
    _mark_dash_questions(text, turns)
    return turns


def _paragraph_turns(text: str, k: int, ps: int, pe: int) -> list[Turn]:
    """The turns of paragraph ``k`` (``text[ps:pe]``, no ``Q:``/``A:`` label): a question line
    (``"KP": – Will prices fall?``), an attribution line (a dash and a cue, ``– said the agency``),
    the answers after a speech dash, or none (no dash, a double hyphen, a hyphen glued to a word).

    >>> t = "– said the agency"
    >>> [(d.kind, t[d.start:d.end]) for d in _paragraph_turns(t, 0, 0, len(t))]
    [('attribution', 'said the agency')]
    """
    line = text[ps:pe]
    q = _QUESTION_LINE.match(line)
    if q and not line[0] in DASHES:
        return [Turn("question", ps + q.end(), pe, k)]
    m = _DASH_START.match(line)
    if not m or line[0] not in DASHES or (len(line) > 1 and line[1] == "-"):
        return []
    if not line[m.end() - 1].isspace() and line[0] == "-":
        return []  # a hyphen glued to a word is not a speech dash
    s = ps + m.end()
    body = text[s:pe]
    if starts_with_cue(body) and len(body.split()) <= 30:
        return [Turn("attribution", s, pe, k)]
    return [Turn("answer", a, b, k, *(attr or (None, None))) for a, b, attr in _dash_answers(text, s, pe)]


def _mark_dash_questions(text: str, turns: list[Turn]) -> None:
    """An interview with dash questions: a short unattributed dash line ending in ``?`` that is
    followed by an unattributed dash answer in the next paragraph is the interviewer's question
    (its kind becomes ``question``)."""
    for n, t in enumerate(turns[:-1]):
        nxt = turns[n + 1]
        line = text[t.start:t.end].rstrip()
        if t.kind == "answer" and t.attr_start is None and line.endswith("?") and len(line.split()) <= 30 \
                and nxt.kind == "answer" and nxt.para == t.para + 1:
            t.kind = "question"


def _answer_end(text: str, paras: list[tuple[int, int]], turn: Turn, by_para: dict[int, Turn]) -> int:
    """Where an unattributed answer of a Q&A layout ends: plain paragraphs (no quotation marks, at
    most three) between it and the next question line belong to it.

    >>> t = "– Why?\\n\\n– Because it rained.\\n\\nThen it stopped.\\n\\n– And then?\\n\\n– Rest."
    >>> turns = dash_turns(t)
    >>> t[turns[1].start:_answer_end(t, paragraphs(t), turns[1], {d.para: d for d in turns})]
    'Because it rained.\\n\\nThen it stopped.'
    """
    k = turn.para + 1
    ext = []
    while k < len(paras) and k not in by_para:
        ext.append(k)
        k += 1
    if ext and k < len(paras) and by_para.get(k) and by_para[k].kind == "question" and len(ext) <= 3:
        if not any(ch in DOUBLE_MARKS for p in ext for ch in text[paras[p][0]:paras[p][1]]):
            return paras[ext[-1]][1]
    return turn.end


def _turn_evidence(text: str, turn: Turn) -> Evidence:
    """The cue and mention of an answer's trailing attribution (``– explains analyst X``, or a
    first-person stance phrase before a name); empty when the answer has none."""
    if turn.attr_start is None:
        return Evidence()
    ev = attribution_after(text, turn.attr_start, turn.attr_end)
    if ev.cue is None:
        ev = stance_attribution(text, turn.attr_start, turn.attr_end)
    return ev


def find_dash_quotes(article: ArticleText, rows: list[dict]) -> list[dict]:
    """The ``dash`` finder: ``rows`` and one ``dash`` row per answer of :func:`dash_turns`, with the
    evidence of its trailing attribution. In a Q&A layout (a question line among the turns), an
    unattributed answer runs on over the plain paragraphs before the next question.

    >>> t = "– We will not pay, – she added.\\n\\nThe town was quiet."
    >>> [(r["kind"], t[r["start"]:r["end"]], r["cue"]) for r in find_dash_quotes(ArticleText(t, paragraphs(t)), [])]
    [('dash', 'We will not pay,', 'added')]
    """
    text, paras = article.text, article.paras
    turns = dash_turns(text, paras)
    by_para = {t.para: t for t in turns}
    qa = any(t.kind == "question" for t in turns)
    out = list(rows)
    for t in turns:
        if t.kind != "answer":
            continue
        end = _answer_end(text, paras, t, by_para) if qa and t.attr_start is None else t.end
        out.append(span_row("dash", t.start, end, t.para, _turn_evidence(text, t)))
    return out
