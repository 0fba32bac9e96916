"""Row models of the published tables: the single source of truth for their columns.

Each table is one pydantic model; a column is a field with a type, a description and its
constraints. The Arrow schema, the Parquet column descriptions, the whole-column checks
(:mod:`schemas.enforce`) and the data dictionary in the dataset card are all derived from
these classes, so a column is described exactly once.
"""

from __future__ import annotations

import datetime as dt
from typing import ClassVar, Literal, Optional

from pydantic import BaseModel, Field

from schemas.kinds import kind_column_description, kind_names

#: the values of ``quotes.kind``, derived from the kind registry (:mod:`schemas.kinds`)
QuoteKind = Literal[kind_names()]  # type: ignore[valid-type]
DateBasis = Literal["stated", "stated_corpus_year", "publication"]
SpeakerType = Literal["person", "organization"]


class TableModel(BaseModel):
    """Base of every row model: a table name, a one-line grain and a primary key."""

    table: ClassVar[str]
    grain: ClassVar[str]
    primary_key: ClassVar[tuple[str, ...]]
    sort_by: ClassVar[tuple[str, ...]]


class EditRecord(BaseModel):
    """One change the normalizer made to an article's raw text."""

    fix: str = Field(description="Name of the fix (or fixes joined by '+') that made the change.")
    raw_start: int = Field(ge=0, description="Start of the changed stretch in raw_text (Python str index).")
    raw_end: int = Field(ge=0, description="End (exclusive) of the changed stretch in raw_text.")
    before: str = Field(description="raw_text[raw_start:raw_end] as it was.")
    after: str = Field(description="What the stretch reads in the normalized text.")


class ArticleMetadata(TableModel):
    """The columns of ``articles`` that every release keeps, whatever its text rights (see
    :data:`RELEASE_ARTICLES`): who published what, where and when."""

    table: ClassVar[str] = "articles"
    grain: ClassVar[str] = "One row per article read from the input (rejected inputs are in `rejected`)."
    primary_key: ClassVar[tuple[str, ...]] = ("article_id",)
    #: rows keep the input order (files sorted by path, records in file order), which is deterministic
    sort_by: ClassVar[tuple[str, ...]] = ()

    article_id: str = Field(
        description="Stable id: a hash of the source name and the raw text, the same on every run."
    )
    source_name: str = Field(description="Where the article came from: its file name, or file name and record id.")
    title: Optional[str] = Field(default=None, description="Headline, from the input or extracted from the text.")
    published: Optional[dt.date] = Field(
        default=None, description="Publication date, from the input or extracted from the text."
    )
    author: Optional[str] = Field(default=None, description="Byline, from the input or extracted from the text.")
    publisher: Optional[str] = Field(
        default=None, description="Outlet, from the input or when the page names itself."
    )
    url: Optional[str] = Field(default=None, description="URL given in the input, if any.")


class Article(ArticleMetadata):
    """The articles as the pipeline writes them, with their texts (a release with ``--text full``)."""

    text: str = Field(description="Normalized text that quotes' start/end index; raw_text plus `edits`.")
    raw_text: str = Field(description="Text exactly as decoded from the input; quotes' raw_start/raw_end index it.")
    edits: list[EditRecord] = Field(
        description="Edit log of the normalizer, sorted by raw_start: applying it to raw_text gives text."
    )


class ArticleReference(ArticleMetadata):
    """The articles of a release without their texts (``--text none``): enough to find each source
    and to check that it is the text the quotes' raw offsets index."""

    raw_text_sha256: str = Field(
        description="SHA-256 (hex) of the article's raw_text encoded as UTF-8: whoever has the source can check "
                    "that it is the text that quotes' raw_start/raw_end index."
    )
    raw_length: int = Field(
        ge=0, description="Length of raw_text in Python str characters (Unicode code points); quotes' raw_end is at most this."
    )


#: most characters of an article's opening that a release with ``--text excerpt`` keeps
EXCERPT_CHARS = 200


class ArticleExcerpt(ArticleReference):
    """The articles of a release with only their opening (``--text excerpt``)."""

    excerpt: str = Field(
        description=f"The opening of the normalized text, at most {EXCERPT_CHARS} characters, cut at a space: a prefix "
                    "of the text that quotes' start/end index, so a quote that ends inside it can be read in place."
    )


class Quote(TableModel):
    table: ClassVar[str] = "quotes"
    grain: ClassVar[str] = "One row per quote (a stretch of an article presented as a speaker's words)."
    primary_key: ClassVar[tuple[str, ...]] = ("quote_id",)
    sort_by: ClassVar[tuple[str, ...]] = ("article_id", "raw_start", "raw_end", "kind")

    quote_id: str = Field(description="Stable id: a hash of article_id, kind and the raw span.")
    article_id: str = Field(description="The article the quote is in (articles.article_id).")
    text: str = Field(description="The quoted words, normalized, without enclosing quotation marks.")
    kind: QuoteKind = Field(description=kind_column_description())
    start: int = Field(ge=0, description="Start of the quote in the article's normalized text.")
    end: int = Field(ge=0, description="End (exclusive) of the quote in the article's normalized text.")
    raw_start: int = Field(ge=0, description="Start of the quote in the article's raw_text (Python str index).")
    raw_end: int = Field(ge=0, description="End (exclusive) of the quote in the article's raw_text.")
    speaker_id: Optional[str] = Field(
        default=None, description="The speaker (speakers.speaker_id); null when the text does not say who."
    )
    speaker_name: Optional[str] = Field(
        default=None, description="The speaker's canonical name: fullest form, most common spelling in the corpus."
    )
    speaker_type: Optional[SpeakerType] = Field(default=None, description="person or organization.")
    mention: Optional[str] = Field(
        default=None, description="How the article refers to the speaker at this quote (name, pronoun, description)."
    )
    cue: Optional[str] = Field(default=None, description="The speech verb or phrase (said, according to, ...).")
    role: Optional[str] = Field(default=None, description="The speaker's role or title as this article gives it.")
    quote_date: Optional[dt.date] = Field(
        default=None, description="Date the words were said: stated in the text, else the publication date."
    )
    date_basis: Optional[DateBasis] = Field(
        default=None, description=(
            "stated (the text dates the words), stated_corpus_year (the text gives the day but the undated "
            "article not the year, taken from dated articles quoting the same speakers) or publication "
            "(fell back on published)."
        ),
    )
    confidence: float = Field(ge=0.0, le=1.0, description="Confidence in the attribution, 0 to 1.")


class Speaker(TableModel):
    table: ClassVar[str] = "speakers"
    grain: ClassVar[str] = "One row per speaker, resolved across articles and spellings."
    primary_key: ClassVar[tuple[str, ...]] = ("speaker_id",)
    sort_by: ClassVar[tuple[str, ...]] = ("speaker_id",)

    speaker_id: str = Field(description="Stable id: a hash of the speaker's canonical name key.")
    name: str = Field(description="Canonical name: the fullest form in its most common spelling.")
    aliases: list[str] = Field(description="Every other way the articles write this speaker's name, sorted.")
    type: SpeakerType = Field(description="person or organization.")
    roles: list[str] = Field(description="Distinct roles the articles give this speaker, sorted.")
    n_quotes: int = Field(ge=0, description="Number of quotes attributed to this speaker.")
    n_articles: int = Field(ge=0, description="Number of articles in which this speaker is quoted.")


class Rejected(TableModel):
    table: ClassVar[str] = "rejected"
    grain: ClassVar[str] = "One row per input (file or record) that could not be read as an article."
    primary_key: ClassVar[tuple[str, ...]] = ()
    sort_by: ClassVar[tuple[str, ...]] = ("source_name", "reason")

    source_name: str = Field(description="The file, or file and record number, that was rejected.")
    reason: str = Field(description="Why it was rejected, in plain words.")


TABLES: dict[str, type[TableModel]] = {m.table: m for m in (Article, Quote, Speaker, Rejected)}

#: the model of a release's ``articles`` table for each setting of its text rights (``--text``)
RELEASE_ARTICLES: dict[str, type[TableModel]] = {"full": Article, "excerpt": ArticleExcerpt, "none": ArticleReference}


def release_tables(text: str) -> list[type[TableModel]]:
    """The row models of a release's four tables, in order, for a setting of its text rights.

    >>> [m.__name__ for m in release_tables("none")]
    ['ArticleReference', 'Quote', 'Speaker', 'Rejected']
    """
    return [RELEASE_ARTICLES[text], Quote, Speaker, Rejected]
