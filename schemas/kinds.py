"""The quote kinds: the one list from which the ``kind`` column, per-kind metrics and floors derive.

A kind is a value of ``quotes.kind``. Each kind names the finders in :mod:`pipeline.quotes` that
produce it (a finder's kinds are derived from this list). From it follow the schema's ``Literal`` and
the ``kind`` column's description, the evaluation's per-kind figures (``pipeline.measure``) and the
name of each kind's quality floor (``recall_<kind>``).

Adding a kind: one :class:`KindSpec` here and its finder in ``pipeline/quotes/`` (registered in
``pipeline/quotes/finders.py``); then ``make test`` asks for its floor to be pinned
(``python -m pipeline floors --repin``). The attribution passes give a few kinds behaviour of their own
(dash answers continue the interviewee, indirect quotes are dated and anchored by their cue; grep
``kind ==`` in ``pipeline/speakers/``); a new kind is treated like a direct quote there unless it
adds such a rule.

>>> kind_names()
('direct', 'partial', 'dash', 'indirect')
>>> QUOTE_KINDS["partial"].finders
('marks', 'reported')
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class KindSpec:
    """One kind of quote: its name (the ``kind`` value), what it is, and the finders that find it."""

    name: str
    description: str
    #: the finders in ``pipeline/quotes/`` that produce quotes of this kind
    finders: tuple[str, ...]


#: every kind, in the order tables, reports and floors list them
QUOTE_KINDS: dict[str, KindSpec] = {
    k.name: k
    for k in (
        KindSpec("direct", "full sentences in marks", ("marks",)),
        KindSpec("partial", "a quoted fragment in the writer's sentence", ("marks", "reported")),
        KindSpec("dash", "speech opened by a dash", ("dash",)),
        KindSpec("indirect", "reported speech without marks; content only", ("reported",)),
    )
}


def kind_names() -> tuple[str, ...]:
    """The kind names, in registry order."""
    return tuple(QUOTE_KINDS)


def kinds_of_finder(finder: str) -> tuple[str, ...]:
    """The kinds a finder produces, in registry order.

    >>> kinds_of_finder("marks"), kinds_of_finder("reported")
    (('direct', 'partial'), ('partial', 'indirect'))
    """
    return tuple(k.name for k in QUOTE_KINDS.values() if finder in k.finders)


def kind_column_description() -> str:
    """The description of the ``quotes.kind`` column, generated from the registry.

    >>> kind_column_description().startswith("direct (full sentences in marks), partial (")
    True
    """
    return ", ".join(f"{k.name} ({k.description})" for k in QUOTE_KINDS.values()) + "."
