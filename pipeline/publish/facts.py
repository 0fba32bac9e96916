"""What every file of a release says about it: name, version, licences, text rights, tables and counts.

The dataset card, ``croissant.json``, ``datapackage.json``, ``CITATION.cff`` and ``LICENSE`` are all
written from one :class:`ReleaseFacts`, so they cannot disagree about the licence, the version or
which article columns were left out.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from importlib import metadata

from schemas.tables import TableModel, release_tables

__all__ = ["NAME", "DESCRIPTION", "DATA_LICENSE", "DATA_LICENSE_NAME", "DATA_LICENSE_URL", "CODE_LICENSE", "TEXT_MODES",
           "TEXT_RIGHTS", "ReleaseFacts", "package_version", "release_date"]

NAME = "quotetrace"
DESCRIPTION = (
    "Who said what in the news: every quote found in a collection of news articles, its speaker (resolved "
    "across articles and spellings), the speaker's role, the date the words were said, and exact provenance "
    "back to the source text. Built by the rule-based quotetrace pipeline."
)

#: the licence of the tables' own content (the quotes metadata: ids, offsets, speakers, roles, dates)
DATA_LICENSE = "CC-BY-4.0"
DATA_LICENSE_NAME = "Creative Commons Attribution 4.0 International"
DATA_LICENSE_URL = "https://creativecommons.org/licenses/by/4.0/"
#: the licence of the quotetrace code
CODE_LICENSE = "MIT"

#: the settings of ``--text``, most restrictive first
TEXT_MODES = ("none", "excerpt", "full")

#: what a release keeps of the articles' texts, for each setting of ``--text``
TEXT_RIGHTS = {
    "none": (
        "This release does not contain the articles' texts (`text`, `raw_text`) nor the normalizer's edit "
        "log (`edits`), which belong to the articles' publishers. Like Quotebank, which publishes quotes and "
        "the URLs of their articles rather than the articles, it keeps what identifies each source (title, URL, "
        "publisher, publication date, byline) and `raw_text_sha256`, the SHA-256 of the raw text, with `raw_length`: "
        "whoever has the source can check that it is the text the quotes' `raw_start`/`raw_end` index."
    ),
    "excerpt": (
        "This release contains only the opening of each article (`excerpt`, at most 200 characters of the "
        "normalized text, cut at a space), not the whole texts (`text`, `raw_text`) nor the normalizer's edit "
        "log (`edits`). The articles belong to their publishers; a short opening, like a search engine's "
        "snippet, tells a reader which story a quote comes from without republishing it. `raw_text_sha256` and "
        "`raw_length` let whoever has the source check that it is the text the quotes' raw offsets index."
    ),
    "full": (
        "This release contains the articles' whole texts (`text`, `raw_text`) and the normalizer's edit log "
        "(`edits`). The articles belong to their publishers: the texts are included only so that the quotes "
        "can be checked against them, and are not covered by the data licence below. Do not redistribute this "
        "release beyond what the publishers' terms and your law allow."
    ),
}


def package_version() -> str:
    """The installed quotetrace version (the release's version)."""
    try:
        return metadata.version(NAME)
    except metadata.PackageNotFoundError:
        return "0.0.0"


def release_date() -> dt.date:
    """The release's date: the day of ``$SOURCE_DATE_EPOCH`` when it is set (reproducible builds), else today (UTC)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    now = dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc) if epoch else dt.datetime.now(dt.timezone.utc)
    return now.date()


@dataclass(frozen=True)
class ReleaseFacts:
    """One release: its text setting, version, the row count of each table (in table order) and its date."""

    text: str
    version: str
    counts: dict[str, int]
    date: dt.date | None = None

    @property
    def models(self) -> list[type[TableModel]]:
        """The row models of the four tables as written in this release."""
        return release_tables(self.text)

    @property
    def rights(self) -> str:
        return TEXT_RIGHTS[self.text]

    @property
    def left_out(self) -> list[str]:
        """The article columns of the pipeline's output that this release does not carry."""
        kept = set(self.models[0].model_fields)
        return [c for c in ("text", "raw_text", "edits") if c not in kept]

    def file_of(self, model: type[TableModel]) -> str:
        return f"{model.table}.parquet"
