"""Row models of the interim tables: what each stage hands to the next, declared like the published ones.

Each stage stores its output under ``<interim>/<stage>/`` through the one write path
(:func:`schemas.enforce.write_table`), which checks the frame against its model and writes it with the
model's Arrow schema, so a column is typed the same way in every part and no stage can hand on a column
that is not declared here. Each model names the stages that read it (``read_by``); ``tests/test_schemas.py``
checks that every column of an interim table is named by the code of a stage that reads it or is
published under the same name, and the stages read their inputs through these models' columns.

Columns are described once: where an interim column is a published one, its description is taken
from :mod:`schemas.tables`. A published quote is a resolved quote with its provenance added
(``text``, ``raw_start``/``raw_end``, ``quote_id``), a published article a normalized article.
"""

from __future__ import annotations

import datetime as dt
from typing import ClassVar, Optional

from pydantic import Field

from schemas.tables import Article, EditRecord, Quote, QuoteKind, Rejected, Speaker, SpeakerType, TableModel, DateBasis

_A = Article.model_fields
_Q = Quote.model_fields


class IngestedArticle(TableModel):
    table: ClassVar[str] = "ingested_articles"
    grain: ClassVar[str] = "One row per article read from the input, as decoded (stage ingest)."
    primary_key: ClassVar[tuple[str, ...]] = ("article_id",)
    sort_by: ClassVar[tuple[str, ...]] = ()
    #: the stages that read this table
    read_by: ClassVar[tuple[str, ...]] = ("normalize",)

    article_id: str = Field(description=_A["article_id"].description)
    source_name: str = Field(description=_A["source_name"].description)
    title: Optional[str] = Field(default=None, description="Headline given by the input, if any.")
    published: Optional[dt.date] = Field(default=None, description="Publication date given by the input, if any.")
    author: Optional[str] = Field(default=None, description="Byline given by the input, if any.")
    publisher: Optional[str] = Field(default=None, description="Outlet given by the input, if any.")
    url: Optional[str] = Field(default=None, description=_A["url"].description)
    raw_text: str = Field(description=_A["raw_text"].description)


class NormalizedArticle(TableModel):
    table: ClassVar[str] = "normalized_articles"
    grain: ClassVar[str] = "One row per article, its text normalized through the edit log (stage normalize)."
    primary_key: ClassVar[tuple[str, ...]] = ("article_id",)
    sort_by: ClassVar[tuple[str, ...]] = ()
    #: the stages that read this table
    read_by: ClassVar[tuple[str, ...]] = ("segment", "attribute", "resolve", "export")

    article_id: str = Field(description=_A["article_id"].description)
    source_name: str = Field(description=_A["source_name"].description)
    title: Optional[str] = Field(default=None, description=_A["title"].description)
    published: Optional[dt.date] = Field(default=None, description=_A["published"].description)
    author: Optional[str] = Field(default=None, description=_A["author"].description)
    publisher: Optional[str] = Field(default=None, description=_A["publisher"].description)
    url: Optional[str] = Field(default=None, description=_A["url"].description)
    raw_text: str = Field(description=_A["raw_text"].description)
    text: str = Field(description=_A["text"].description)
    edits: list[EditRecord] = Field(description=_A["edits"].description)


class QuoteSpan(TableModel):
    table: ClassVar[str] = "quote_spans"
    grain: ClassVar[str] = "One row per quote span found in one article, with the local evidence of its attribution (stage segment)."
    primary_key: ClassVar[tuple[str, ...]] = ()
    sort_by: ClassVar[tuple[str, ...]] = ()
    #: the stages that read this table
    read_by: ClassVar[tuple[str, ...]] = ("attribute",)

    article_id: str = Field(description=_Q["article_id"].description)
    kind: QuoteKind = Field(description=_Q["kind"].description)
    start: int = Field(ge=0, description=_Q["start"].description)
    end: int = Field(ge=0, description=_Q["end"].description)
    paragraph: int = Field(ge=0, description="Index of the paragraph the quote starts in (paragraphs split at blank lines or line breaks).")
    cue: Optional[str] = Field(default=None, description=_Q["cue"].description)
    cue_start: Optional[int] = Field(default=None, ge=0, description="Start of the cue in the normalized text.")
    cue_end: Optional[int] = Field(default=None, ge=0, description="End (exclusive) of the cue in the normalized text.")
    mention: Optional[str] = Field(default=None, description="The words naming the speaker next to the cue, as found (subject or inverted name).")
    mention_start: Optional[int] = Field(default=None, ge=0, description="Start of the mention in the normalized text.")
    mention_end: Optional[int] = Field(default=None, ge=0, description="End (exclusive) of the mention in the normalized text.")


class _AttributedColumns(TableModel):
    """The columns of a quote once attributed, shared by the attribute and resolve stages' tables."""

    primary_key: ClassVar[tuple[str, ...]] = ()
    sort_by: ClassVar[tuple[str, ...]] = ()

    article_id: str = Field(description=_Q["article_id"].description)
    kind: QuoteKind = Field(description=_Q["kind"].description)
    start: int = Field(ge=0, description=_Q["start"].description)
    end: int = Field(ge=0, description=_Q["end"].description)
    speaker_name: Optional[str] = Field(default=None, description="The fullest form of the speaker's name in the article.")
    speaker_type: Optional[SpeakerType] = Field(default=None, description=_Q["speaker_type"].description)
    mention: Optional[str] = Field(default=None, description=_Q["mention"].description)
    cue: Optional[str] = Field(default=None, description=_Q["cue"].description)
    role: Optional[str] = Field(default=None, description=_Q["role"].description)
    quote_date: Optional[dt.date] = Field(default=None, description=_Q["quote_date"].description)
    date_basis: Optional[DateBasis] = Field(default=None, description=_Q["date_basis"].description)
    confidence: float = Field(ge=0.0, le=1.0, description=_Q["confidence"].description)


class AttributedQuote(_AttributedColumns):
    table: ClassVar[str] = "attributed_quotes"
    grain: ClassVar[str] = "One row per quote span, with speaker, role and statement date within its article (stage attribute)."
    #: the stages that read this table
    read_by: ClassVar[tuple[str, ...]] = ("resolve",)

    stated_day: Optional[str] = Field(
        default=None, description="A month and day the text states with no year known (ISO 8601 '--MM-DD'); resolve dates it from the corpus."
    )


class ResolvedQuote(_AttributedColumns):
    table: ClassVar[str] = "resolved_quotes"
    grain: ClassVar[str] = "One row per quote span, its speaker resolved across the corpus (stage resolve)."
    #: the stages that read this table
    read_by: ClassVar[tuple[str, ...]] = ("export",)

    speaker_id: Optional[str] = Field(default=None, description=_Q["speaker_id"].description)
    speaker_name: Optional[str] = Field(default=None, description=_Q["speaker_name"].description)


#: the interim tables, by the stage that writes them and the file (or part prefix) they are stored in
INTERIM_TABLES: dict[tuple[str, str], type[TableModel]] = {
    ("ingest", "part"): IngestedArticle,
    ("ingest", "rejected"): Rejected,
    ("normalize", "part"): NormalizedArticle,
    ("segment", "part"): QuoteSpan,
    ("attribute", "part"): AttributedQuote,
    ("resolve", "quotes"): ResolvedQuote,
    ("resolve", "speakers"): Speaker,
}
