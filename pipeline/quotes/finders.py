"""The registry of quote finders: finder name -> finder, one per finder named in
:data:`schemas.kinds.QUOTE_KINDS` (the kinds a finder produces are read from there).

A finder reads one article (:class:`~pipeline.quotes.paragraphs.ArticleText`) and the rows of the
finders that ran before it, and returns the rows after its pass (its own added; it may amend or
drop earlier ones). Each row is a quote span with its local evidence
(:func:`pipeline.quotes.attribution.span_row`). The finders run in registry order:

1. ``dash`` (:mod:`pipeline.quotes.dash`): speech opened by a dash, interview answers;
2. ``marks`` (:mod:`pipeline.quotes.marks`): direct and partial quotes in quotation marks (a quote
   lying in dash speech is read as part of it, so it runs after ``dash``);
3. ``reported`` (:mod:`pipeline.quotes.reported`): indirect speech on the parse; it takes over the
   partial quotes inside reported speech, so it runs last.

>>> list(FINDERS)
['dash', 'marks', 'reported']
>>> FINDERS["reported"].kinds
('partial', 'indirect')
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from pipeline.quotes.dash import find_dash_quotes
from pipeline.quotes.marks import find_mark_quotes
from pipeline.quotes.paragraphs import ArticleText
from pipeline.quotes.reported import find_reported_quotes
from schemas.kinds import kinds_of_finder

__all__ = ["Finder", "FINDERS", "article_spans"]


@dataclass(frozen=True)
class Finder:
    """One quote finder: its ``name`` (as the kinds of :data:`schemas.kinds.QUOTE_KINDS` name it) and
    the function ``find(article, rows) -> rows``; ``kinds`` are the kinds its rows can have."""

    name: str
    find: Callable[[ArticleText, list[dict]], list[dict]]

    @property
    def kinds(self) -> tuple[str, ...]:
        return kinds_of_finder(self.name)


#: every finder, in the order they run (see the module docstring)
FINDERS: dict[str, Finder] = {
    f.name: f
    for f in (
        Finder("dash", find_dash_quotes),
        Finder("marks", find_mark_quotes),
        Finder("reported", find_reported_quotes),
    )
}


def article_spans(article: ArticleText) -> list[dict]:
    """The quote spans of one article: every finder in turn, rows sorted by ``(start, end)``.

    >>> t = "“We are ready,” she said.\\n\\n– It is done, – he added."
    >>> from pipeline.quotes.paragraphs import paragraphs
    >>> [(r["kind"], t[r["start"]:r["end"]]) for r in article_spans(ArticleText(t, paragraphs(t)))]
    [('direct', 'We are ready,'), ('dash', 'It is done,')]
    """
    rows: list[dict] = []
    for finder in FINDERS.values():
        rows = finder.find(article, rows)
    rows.sort(key=lambda r: (r["start"], r["end"]))
    return rows
