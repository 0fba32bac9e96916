"""Gold annotations read into one internal shape, whatever format they came in.

Three readers, one record type (:class:`GoldQuote`, one row per gold quote span in one document):

* :func:`read_jsonl_gold` - the project's own ``quotes.jsonl`` (see ``data/gold/GUIDELINES.md``):
  offsets are not stored, a quote is located by ``raw.find(quote)`` in its raw text.
* :func:`read_brat_gold` - brat standoff (``.ann`` + ``.txt`` pairs) with ``Source`` / ``Cue`` /
  ``Content`` text-bound annotations linked by events (``E1 Attribution:T4 Content:T3 Cue:T2
  Source:T1``, as in the PolNeAR corpus) or by binary relations (``R1 X Arg1:T1 Arg2:T3``).
* :func:`read_citron_gold` - BBC Citron JSON (``{"text", "quotes": [{"cue", "sources",
  "contents"}]}``, each span ``{"start", "end", "text"}``).

Offsets are always Python ``str`` offsets into the raw text, enclosing quotation marks excluded
(our convention; the other formats include the marks in ``Content``, so the readers strip them).
A content made of several fragments (a quote interrupted by its attribution) becomes one record
per fragment, as the guidelines ask. The foreign formats carry no role, date, or direct/indirect
label: ``kind`` is inferred from the marks (:func:`infer_kind`), ``role``/``date`` stay ``None``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Mapping

from schemas.kinds import kind_names

__all__ = [
    "GoldQuote",
    "GoldSet",
    "QUOTE_MARKS",
    "DEFAULT_KIND",
    "strip_enclosing_marks",
    "infer_kind",
    "read_jsonl_gold",
    "read_brat_gold",
    "read_citron_gold",
    "read_gold",
    "read_raw_dir",
]

#: every character that news texts use as a quotation mark (straight, curly, low-9, guillemets)
QUOTE_MARKS = "\"'“”„‟«»‘’‚‛‹›「」"

#: the kind of a JSONL gold record that names none: the first kind of :mod:`schemas.kinds` (``direct``)
DEFAULT_KIND = kind_names()[0]


@dataclass(frozen=True)
class GoldQuote:
    """One gold quote: a span ``[start, end)`` of the raw text of ``doc_id`` and its attribution."""

    doc_id: str
    start: int
    end: int
    text: str
    kind: str
    speaker: str | None = None
    speaker_aliases: tuple[str, ...] = ()
    speaker_type: str | None = None
    mention: str | None = None
    cue: str | None = None
    role: str | None = None
    date: str | None = None
    date_basis: str | None = None
    optional: bool = False


@dataclass
class GoldSet:
    """Gold quotes plus the raw texts they point into, and the quotes that could not be placed."""

    quotes: list[GoldQuote] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)
    #: records that could not be located in their raw text: ``{"doc_id", "quote", "reason"}``
    unlocated: list[dict] = field(default_factory=list)

    @property
    def doc_ids(self) -> list[str]:
        """Every document the gold covers (those with a text, plus any named by a quote)."""
        ids = dict.fromkeys(self.texts)
        ids.update(dict.fromkeys(q.doc_id for q in self.quotes))
        ids.update(dict.fromkeys(u["doc_id"] for u in self.unlocated))
        return list(ids)


def strip_enclosing_marks(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``[start, end)`` past surrounding whitespace and the quotation marks enclosing it.

    A mark at both ends is stripped as a pair; a lone mark at one edge is stripped only when it
    is the span's only mark (so an inner quote closing at the end, ``said “no”``, is kept).

    >>> t = 'He said: “We will win,” and left.'
    >>> s, e = strip_enclosing_marks(t, 9, 23); t[s:e]
    'We will win,'
    >>> t = 'that Trump was “right”'
    >>> s, e = strip_enclosing_marks(t, 0, len(t)); t[s:e]
    'that Trump was “right”'
    >>> t = ' “Open only'
    >>> s, e = strip_enclosing_marks(t, 0, len(t)); t[s:e]
    'Open only'
    """
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end - start >= 2 and text[start] in QUOTE_MARKS and text[end - 1] in QUOTE_MARKS:
        start, end = start + 1, end - 1
    else:
        n_marks = sum(1 for ch in text[start:end] if ch in QUOTE_MARKS)
        if n_marks == 1 and end > start and text[start] in QUOTE_MARKS:
            start += 1
        elif n_marks == 1 and end > start and text[end - 1] in QUOTE_MARKS:
            end -= 1
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def infer_kind(text: str, start: int, end: int) -> str:
    """Guess a quote's ``kind`` from the raw text around it (for formats that do not label it).

    ``direct`` when a quotation mark stands just outside both ends (spaces allowed), ``dash``
    when the span opens a line after a dash, else ``indirect``.

    >>> t = 'He said: “We will win.” Then he said that they would win.'
    >>> infer_kind(t, 10, 22), infer_kind(t, 42, 56)
    ('direct', 'indirect')
    >>> t = 'Intro.\\n– We will win, – he said.'
    >>> infer_kind(t, 9, 20)
    'dash'
    """
    before = text[:start].rstrip(" \t")
    after = text[end:].lstrip(" \t")
    if before[-1:] and before[-1] in QUOTE_MARKS and after[:1] and after[0] in QUOTE_MARKS:
        return "direct"
    if before[-1:] in ("–", "—", "-") and before[:-1].rstrip(" \t")[-1:] in ("", "\n"):
        return "dash"
    return "indirect"


def read_raw_dir(raw_dir: Path) -> dict[str, str]:
    """Raw texts of a folder: ``{file name without .txt: text}`` (UTF-8, newlines kept as is)."""
    texts = {}
    for path in sorted(Path(raw_dir).glob("*.txt")):
        texts[path.stem] = path.read_text(encoding="utf-8", errors="replace")
    return texts


def _read_text(path: Path) -> str:
    with open(path, encoding="utf-8", newline="") as handle:  # keep \r\n: offsets count it
        return handle.read()


# -- the project's JSONL --------------------------------------------------------------------
def _none_if_blank(value):
    if value is None:
        return None
    if isinstance(value, str) and not value.strip():
        return None
    return value


def _jsonl_quote(rec: Mapping, start: int) -> GoldQuote:
    """One JSONL gold record, located at ``start`` in its raw text, as a :class:`GoldQuote`."""
    date = rec.get("date")
    return GoldQuote(
        doc_id=rec["doc_id"],
        start=start,
        end=start + len(rec["quote"]),
        text=rec["quote"],
        kind=rec.get("kind") or DEFAULT_KIND,
        speaker=_none_if_blank(rec.get("speaker")),
        speaker_aliases=tuple(a for a in (rec.get("speaker_aliases") or ()) if a),
        speaker_type=_none_if_blank(rec.get("speaker_type")),
        mention=_none_if_blank(rec.get("mention")),
        cue=_none_if_blank(rec.get("cue")),
        role=_none_if_blank(rec.get("role")),
        date=str(date) if date else None,
        date_basis=_none_if_blank(rec.get("date_basis")),
        optional=bool(rec.get("optional", False)),
    )


def _covered_docs(quotes_path: Path, gold: GoldSet) -> set[str]:
    """The documents the gold covers: those named by a quote, plus those listed in ``articles.jsonl``
    beside ``quotes.jsonl`` (a gold article without quotes makes every system quote on it spurious)."""
    covered = {q.doc_id for q in gold.quotes} | {u["doc_id"] for u in gold.unlocated}
    articles_path = Path(quotes_path).with_name("articles.jsonl")
    if articles_path.exists():
        with open(articles_path, encoding="utf-8") as handle:
            covered |= {json.loads(line)["doc_id"] for line in handle if line.strip()}
    return covered


def read_jsonl_gold(quotes_path: Path, texts: Mapping[str, str]) -> GoldSet:
    """Read ``quotes.jsonl`` and locate each quote with ``raw.find(quote)`` in ``texts[doc_id]``.

    The gold covers the documents its quotes name and those listed in an ``articles.jsonl``
    beside ``quotes.jsonl``; ``texts`` of other documents are left out.
    A quote whose document has no text, or whose string is not in it, is listed in
    ``GoldSet.unlocated`` (with the reason) instead of raising.
    """
    gold = GoldSet()
    with open(quotes_path, encoding="utf-8") as handle:
        for line_no, line in enumerate(handle, 1):
            if not line.strip():
                continue
            rec = json.loads(line)
            doc_id, quote = rec["doc_id"], rec["quote"]
            raw = texts.get(doc_id)
            start = -1 if raw is None or not quote else raw.find(quote)
            if start < 0:
                reason = "no raw text" if raw is None else "not found in raw text"
                gold.unlocated.append({"doc_id": doc_id, "quote": quote, "reason": reason,
                                      "line": line_no, "optional": bool(rec.get("optional", False))})
                continue
            gold.quotes.append(_jsonl_quote(rec, start))
    covered = _covered_docs(quotes_path, gold)
    gold.texts = {k: v for k, v in texts.items() if k in covered}
    return gold


# -- brat standoff ---------------------------------------------------------------------------
_TEXTBOUND = re.compile(r"^(T\d+)\t(\S+) ([\d ;]+)\t?(.*)$")


@dataclass(frozen=True)
class _Entity:
    label: str
    spans: tuple[tuple[int, int], ...]


def _parse_ann(ann: str) -> tuple[dict[str, _Entity], list[dict[str, list[str]]]]:
    """Text-bound entities and the links between them (events and relations, as role -> ids)."""
    entities: dict[str, _Entity] = {}
    links: list[dict[str, list[str]]] = []
    for line in ann.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        m = _TEXTBOUND.match(line)
        if m:
            spans = []
            for part in m.group(3).strip().split(";"):
                a, b = part.split()
                spans.append((int(a), int(b)))
            entities[m.group(1)] = _Entity(m.group(2), tuple(spans))
            continue
        ident, _, rest = line.partition("\t")
        if ident[:1] == "E":  # E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1
            link: dict[str, list[str]] = {}
            for arg in rest.split()[1:]:
                role, _, target = arg.partition(":")
                link.setdefault(re.sub(r"\d+$", "", role), []).append(target)
            links.append(link)
        elif ident[:1] == "R":  # R1\tSpeaks Arg1:T1 Arg2:T3
            link = {}
            for arg in rest.split()[1:]:
                _, _, target = arg.partition(":")
                if target in entities:
                    link.setdefault(entities[target].label, []).append(target)
            links.append(link)
    return entities, links


def _span_text(text: str, entity: _Entity | None) -> str | None:
    if entity is None:
        return None
    return " ".join(text[a:b].strip() for a, b in entity.spans).strip() or None


def read_brat_gold(folder: Path) -> GoldSet:
    """Read every ``<doc>.ann`` with its ``<doc>.txt`` in ``folder`` (recursively).

    Each ``Content`` fragment is one gold quote; its speaker is the ``Source`` and its cue the
    ``Cue`` linked to it (by an event or a relation), ``None`` when nothing links them.
    """
    gold = GoldSet()
    for ann_path in sorted(Path(folder).rglob("*.ann")):
        txt_path = ann_path.with_suffix(".txt")
        doc_id = ann_path.stem
        if not txt_path.exists():
            gold.unlocated.append({"doc_id": doc_id, "quote": None, "reason": "no .txt beside the .ann"})
            continue
        text = _read_text(txt_path)
        gold.texts[doc_id] = text
        entities, links = _parse_ann(_read_text(ann_path))
        source_of: dict[str, str] = {}
        cue_of: dict[str, str] = {}
        for link in links:
            contents = [t for t in link.get("Content", []) if t in entities]
            sources = [t for t in link.get("Source", []) if t in entities]
            cues = [t for t in link.get("Cue", []) if t in entities]
            for c in contents:
                if sources:
                    source_of.setdefault(c, sources[0])
                if cues:
                    cue_of.setdefault(c, cues[0])
        for ident, ent in sorted(entities.items(), key=lambda kv: kv[1].spans[0]):
            if ent.label != "Content":
                continue
            speaker = _span_text(text, entities.get(source_of.get(ident, "")))
            cue = _span_text(text, entities.get(cue_of.get(ident, "")))
            for a, b in ent.spans:
                if not (0 <= a <= b <= len(text)):
                    gold.unlocated.append({"doc_id": doc_id, "quote": None, "reason": f"span {a}..{b} outside text"})
                    continue
                s, e = strip_enclosing_marks(text, a, b)
                if s >= e:
                    continue
                gold.quotes.append(
                    GoldQuote(doc_id, s, e, text[s:e], infer_kind(text, s, e), speaker=speaker, cue=cue)
                )
    return gold


# -- BBC Citron JSON -------------------------------------------------------------------------
def _longest(texts: Iterable[str]) -> list[str]:
    """Distinct non-empty strings, longest first (ties kept in input order)."""
    seen = [t for t in dict.fromkeys(t.strip() for t in texts if t and t.strip())]
    return sorted(seen, key=len, reverse=True)


def _citron_doc(doc_id: str, data: dict, gold: GoldSet) -> None:
    text = data["text"]
    gold.texts[doc_id] = text
    for quote in data.get("quotes", []):
        names = _longest(s.get("text") or text[s["start"]:s["end"]] for s in quote.get("coreferences", []) or [])
        names += [n for n in _longest(s.get("text") or text[s["start"]:s["end"]] for s in quote.get("sources", []) or []) if n not in names]
        speaker = names[0] if names else None
        cue_span = quote.get("cue") or None
        cue = (cue_span.get("text") or text[cue_span["start"]:cue_span["end"]]) if cue_span else None
        for span in quote.get("contents", []) or []:
            a, b = int(span["start"]), int(span["end"])
            if not (0 <= a <= b <= len(text)):
                gold.unlocated.append({"doc_id": doc_id, "quote": span.get("text"), "reason": f"span {a}..{b} outside text"})
                continue
            s, e = strip_enclosing_marks(text, a, b)
            if s >= e:
                continue
            gold.quotes.append(
                GoldQuote(doc_id, s, e, text[s:e], infer_kind(text, s, e), speaker=speaker,
                          speaker_aliases=tuple(names[1:]), cue=cue)
            )


def read_citron_gold(path: Path) -> GoldSet:
    """Read one Citron JSON file, or every ``*.json`` file in a folder; ``doc_id`` is the file stem."""
    path = Path(path)
    files = [path] if path.is_file() else sorted(path.rglob("*.json"))
    gold = GoldSet()
    for file in files:
        with open(file, encoding="utf-8") as handle:
            data = json.load(handle)
        if not isinstance(data, dict) or "text" not in data:
            continue  # not a Citron document (e.g. a metadata file in the folder)
        _citron_doc(file.stem, data, gold)
    return gold


def read_gold(fmt: str, gold_path: Path, texts: Mapping[str, str] | None = None) -> GoldSet:
    """Read gold in ``fmt`` (``jsonl``, ``brat`` or ``citron``) from ``gold_path``.

    For ``jsonl``, ``gold_path`` is the folder holding ``quotes.jsonl`` (or the file itself) and
    ``texts`` the raw texts by ``doc_id``; the other formats carry their own texts.
    """
    gold_path = Path(gold_path)
    if fmt == "jsonl":
        quotes = gold_path / "quotes.jsonl" if gold_path.is_dir() else gold_path
        return read_jsonl_gold(quotes, texts or {})
    if fmt == "brat":
        return read_brat_gold(gold_path)
    if fmt == "citron":
        return read_citron_gold(gold_path)
    raise ValueError(f"unknown gold format {fmt!r} (jsonl, brat or citron)")
