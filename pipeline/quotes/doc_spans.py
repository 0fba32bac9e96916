"""Small helpers shared by the rules on parsed spaCy docs: quotation marks, char spans of token
ranges, trimming of a char span, and the parse of the examples in the docstrings.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from pipeline.config import Settings
from pipeline.nlp import load

__all__ = [
    "QUOTE_MARKS", "is_quote_mark", "parse_example", "example_token", "span_text", "doc_and_bounds",
    "char_span", "trim"
]


#: double quotation marks of any style (single marks are left out: they double as apostrophes)
QUOTE_MARKS = frozenset('"“”„«»‟〝〞＂')


def is_quote_mark(char: str) -> bool:
    """True for a double quotation mark of any style.

    >>> is_quote_mark("“"), is_quote_mark('"'), is_quote_mark("’")
    (True, True, False)
    """
    return char in QUOTE_MARKS


def parse_example(text: str) -> Doc:
    """Parse ``text`` with the configured spaCy model: the examples in this module's docstrings use it."""
    return load(Settings().spacy_model)(text)


def example_token(doc: Doc, word: str) -> Token:
    """The first token of ``doc`` whose text is ``word`` (for the examples)."""
    return next(t for t in doc if t.text == word)


def span_text(doc: Doc, span: tuple[int, int] | None) -> str | None:
    """The text of a char span of ``doc`` (for the examples)."""
    return None if span is None else doc.text[span[0]:span[1]]


def doc_and_bounds(doc: Doc | Span) -> tuple[Doc, int, int]:
    """The underlying ``Doc`` of a doc or span, and the token range ``[start, end)`` to read."""
    if isinstance(doc, Span):
        return doc.doc, doc.start, doc.end
    return doc, 0, len(doc)


def char_span(doc: Doc, start_i: int, end_i: int) -> tuple[int, int] | None:
    """Char span ``[start, end)`` of the tokens ``doc[start_i:end_i]``; None for an empty range."""
    if start_i >= end_i:
        return None
    last = doc[end_i - 1]
    return doc[start_i].idx, last.idx + len(last)


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Char span ``[start, end)`` of ``text`` without outer spaces, commas, colons, dashes and a final
    period (inner punctuation and quotation marks are kept).

    >>> trim(" the talks failed. ", 0, 19)
    (1, 17)
    >>> trim('"we won", he said', 0, 8)
    (0, 8)
    """
    while start < end and (text[start].isspace() or text[start] in ",;:–—-"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:–—-."):
        end -= 1
    return start, end
