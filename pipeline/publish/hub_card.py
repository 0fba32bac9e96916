"""The release's dataset card (``README.md``): Hugging Face YAML front matter, then the card.

The front matter declares one configuration per table (``data_files`` and features, so that
``datasets.load_dataset(folder, "quotes")`` reads one table and the Hub shows each), the licence,
the language, the size category and the task categories. Features and the data dictionary are
generated from the row models the release was written with (:func:`schemas.tables.release_tables`).

>>> from pipeline.publish.facts import ReleaseFacts
>>> facts = ReleaseFacts("none", "1.0.0", {"articles": 2, "quotes": 3, "speakers": 1, "rejected": 0})
>>> print(front_matter(facts).splitlines()[1])
license: cc-by-4.0
>>> "raw_text_sha256" in release_card(facts) and "| `raw_text` |" not in release_card(facts)
True
"""

from __future__ import annotations

import json

import pyarrow as pa

from pipeline.publish.card import card_section
from pipeline.publish.facts import DATA_LICENSE, DATA_LICENSE_NAME, DATA_LICENSE_URL, DESCRIPTION, NAME, ReleaseFacts
from schemas import columns, data_dictionary

__all__ = ["SPLIT", "front_matter", "release_card", "size_category"]

#: the one split of every configuration
SPLIT = "train"

_SIZES = [(10**3, "n<1K"), (10**4, "1K<n<10K"), (10**5, "10K<n<100K"), (10**6, "100K<n<1M"), (10**7, "1M<n<10M"),
          (10**8, "10M<n<100M"), (10**9, "100M<n<1B"), (10**10, "1B<n<10B"), (10**11, "10B<n<100B"),
          (10**12, "100B<n<1T")]


def size_category(n: int) -> str:
    """The Hub's size category for ``n`` rows.

    >>> size_category(119), size_category(2_500), size_category(10**9)
    ('n<1K', '1K<n<10K', '1B<n<10B')
    """
    for bound, name in _SIZES:
        if n < bound:
            return name
    return "n>1T"


def _dtype(t: pa.DataType) -> str:
    names = {pa.string(): "string", pa.int64(): "int64", pa.float64(): "float64", pa.bool_(): "bool", pa.date32(): "date32"}
    return names[t]


def _feature(name: str, t: pa.DataType, indent: str) -> list[str]:
    """The YAML lines of one feature, the way ``datasets.Features`` writes them."""
    lines = [f"{indent}- name: {name}"]
    if pa.types.is_list(t) and pa.types.is_struct(t.value_type):
        lines.append(f"{indent}  list:")
        for m in t.value_type:
            lines += _feature(m.name, m.type, indent + "  ")
    elif pa.types.is_list(t):
        lines.append(f"{indent}  list: {_dtype(t.value_type)}")
    else:
        lines.append(f"{indent}  dtype: {_dtype(t)}")
    return lines


def front_matter(facts: ReleaseFacts) -> str:
    """The YAML front matter, between ``---`` lines. Strings are written as JSON, which YAML reads."""
    lines = ["---", f"license: {DATA_LICENSE.lower()}", "language:", "- en", f"pretty_name: {json.dumps(NAME)}",
             "size_categories:", f"- {size_category(facts.counts.get('quotes', 0))}",
             "task_categories:", "- token-classification",
             "tags:", "- quotes", "- quote-attribution", "- news", "- provenance", "configs:"]
    for i, model in enumerate(facts.models):
        lines += [f"- config_name: {model.table}", "  data_files:", f"  - split: {SPLIT}", f"    path: {facts.file_of(model)}"]
        if model.table == "quotes":
            lines.append("  default: true")
    lines.append("dataset_info:")
    for model in facts.models:
        lines += [f"- config_name: {model.table}", "  features:"]
        for col in columns(model):
            lines += _feature(col.name, col.type, "  ")
    lines.append("---")
    return "\n".join(lines) + "\n"


def _files_section(facts: ReleaseFacts) -> str:
    article_what = {
        "none": "the articles read: id, source, title, URL, publisher, dates, byline and a SHA-256 of the raw text (no text)",
        "excerpt": "the articles read: as with `--text none`, plus the opening of each text (`excerpt`)",
        "full": "the articles read, with their raw text, normalized text and the normalizer's edit log",
    }[facts.text]
    rows = [("articles.parquet", article_what),
            ("quotes.parquet", "the quotes, with their words and offsets into the raw and the normalized text"),
            ("speakers.parquet", "the speakers, with aliases and roles"),
            ("rejected.parquet", "inputs that could not be read, and why"),
            ("README.md", "this card"), ("croissant.json", "Croissant 1.1 metadata, with the Responsible AI fields"),
            ("datapackage.json", "Frictionless Data Package (v2): schemas, primary and foreign keys"),
            ("CITATION.cff", "how to cite the release"), ("LICENSE", "the data licence and the rights statement"),
            ("SHA256SUMS", "checksums of every other file: `sha256sum -c SHA256SUMS`")]
    return "## Files\n\n| file | what |\n|---|---|\n" + "\n".join(f"| `{f}` | {w} |" for f, w in rows) + "\n"


def _rights_section(facts: ReleaseFacts) -> str:
    left = ", ".join(f"`{c}`" for c in facts.left_out)
    why = ("" if not facts.left_out else
           f"\n\nLeft out of `articles`: {left}, because the articles are their publishers' work and a dataset "
           "of quotes does not need to republish them to be checked (Quotebank, too, publishes quotes and URLs, not "
           "articles). A release leaves them out by default (`--text none`). The quotes keep their words and all "
           "their offsets in every setting.")
    return f"## Text rights (`--text {facts.text}`)\n\n{facts.rights}{why}\n"


def _provenance_section(facts: ReleaseFacts) -> str:
    check = {
        "full": "applying the edits of `articles.edits` that lie inside a quote's raw span to "
                "`raw_text[raw_start:raw_end]` gives exactly the quote's `text`, and `text[start:end]` is the quote.",
        "excerpt": "fetch the source, check `sha256(raw_text.encode('utf-8')) == raw_text_sha256`; then "
                   "`raw_text[raw_start:raw_end]` is the quote as the article wrote it (before normalization). "
                   "`excerpt` is a prefix of the normalized text, so `excerpt[start:end]` is a quote that ends inside it.",
        "none": "fetch the source, check `sha256(raw_text.encode('utf-8')) == raw_text_sha256` (and `raw_length`); "
                "then `raw_text[raw_start:raw_end]` is the quote as the article wrote it (before normalization).",
    }[facts.text]
    return ("## Provenance\n\n`quotes.raw_start`/`raw_end` are Python `str` offsets (Unicode code points) into the "
            "article's raw text, the input exactly as decoded (UTF-8); `start`/`end` index the normalized text. "
            f"To check a quote: {check}\n")


def _loading_section() -> str:
    return f"""## Loading

```python
import pandas as pd, polars as pl, duckdb
quotes = pd.read_parquet("quotes.parquet", dtype_backend="pyarrow")   # dates stay dates
speakers = pl.read_parquet("speakers.parquet")
duckdb.sql("SELECT speaker_name, count(*) FROM 'quotes.parquet' GROUP BY ALL ORDER BY 2 DESC")

from datasets import load_dataset
quotes = load_dataset("path/to/release", "quotes", split="{SPLIT}")      # one configuration per table
```

An empty table (often `rejected`) is written with its schema and no row group, so pandas, polars,
DuckDB and `load_dataset(..., streaming=True)` read it as zero rows (a zero-row row group made
`datasets` fail with "BatchSize must be greater than 0"). `datasets` up to 5.2 still cannot build a
non-streaming split of zero rows ("corresponds to no data"): stream it, or
`datasets.Dataset(pyarrow.parquet.read_table("rejected.parquet"))`.
"""


def _dated(facts: ReleaseFacts) -> str:
    return f" ({facts.date.isoformat()})" if facts.date else ""


def release_card(facts: ReleaseFacts) -> str:
    """The whole ``README.md`` of a release: front matter, then the card."""
    counts = ", ".join(f"{k}: {v:,}" for k, v in facts.counts.items())
    parts = [
        front_matter(facts),
        f"# {NAME} dataset, release {facts.version}\n\n{DESCRIPTION}\n\nThis release{_dated(facts)}: {counts}.\n",
        _rights_section(facts), _files_section(facts), _loading_section(), _provenance_section(facts),
        card_section("How quotes are found"), card_section("Dates"),
        f"## Licence\n\nThe tables' own content (the quotes metadata) is licensed under {DATA_LICENSE_NAME} "
        f"({DATA_LICENSE}, {DATA_LICENSE_URL}); the article texts belong to their publishers (see `LICENSE`). "
        "The quotetrace code is MIT-licensed. To cite the release, see `CITATION.cff`.\n",
        "## Data dictionary\n\n" + data_dictionary(facts.models),
    ]
    return "\n".join(parts)
