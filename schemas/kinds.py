"""The quote kinds: the one list from which the ``kind`` column, per-kind metrics and floors derive.

A kind is a value of ``quotes.kind``. Each kind names the finder in :mod:`pipeline.quotes` that
produces it and the recall target the quality gate holds it to. Adding a kind means adding one
:class:`KindSpec` here and its finder in ``pipeline/quotes/``; the schema's ``Literal``, the
evaluation's per-kind figures and the quality floors (``recall_<kind>``) follow from this list.

>>> kind_names()
('direct', 'partial', 'dash', 'indirect')
>>> QUOTE_KINDS["dash"].finder
'dash'
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class KindSpec:
    """One kind of quote: its name (the ``kind`` value), what it is, and which finder finds it."""

    name: str
    description: str
    #: the finder in ``pipeline/quotes/`` that produces quotes of this kind
    finder: str
    #: recall the project aims for on annotated news (documented; the gate pins measured floors)
    recall_target: float


#: every kind, in the order tables, reports and floors list them
QUOTE_KINDS: dict[str, KindSpec] = {
    k.name: k
    for k in (
        KindSpec("direct", "full sentences in marks", "marks", 0.95),
        KindSpec("partial", "a quoted fragment in the writer's sentence", "marks", 0.85),
        KindSpec("dash", "speech opened by a dash", "dash", 0.95),
        KindSpec("indirect", "reported speech without marks; content only", "reported", 0.75),
    )
}


def kind_names() -> tuple[str, ...]:
    """The kind names, in registry order."""
    return tuple(QUOTE_KINDS)


def kind_column_description() -> str:
    """The description of the ``quotes.kind`` column, generated from the registry.

    >>> kind_column_description().startswith("direct (full sentences in marks), partial (")
    True
    """
    return ", ".join(f"{k.name} ({k.description})" for k in QUOTE_KINDS.values()) + "."
