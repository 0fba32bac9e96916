"""The dataset card: what the tables are, where they come from, and their data dictionary.

The data dictionary is generated from the row models in :mod:`schemas.tables`, so the card and the
Parquet column descriptions can never disagree. ``python -m pipeline card`` rewrites
``DATASET_CARD.md``; export writes the same card (with the row counts) next to the tables.
"""

from __future__ import annotations

from pathlib import Path

from schemas import Article, Quote, Rejected, Speaker, data_dictionary, write_text

CARD_PATH = Path(__file__).resolve().parents[2] / "DATASET_CARD.md"

INTRO = """\
# quotetrace dataset card

A quotetrace dataset lists who said what in a collection of news articles: every quote found, the
speaker (a person or organisation, resolved across articles and spellings), the speaker's role, the
date the words were said, and exact provenance back to the source text.

## Files

| file | what |
|---|---|
| `articles.parquet` | the articles read, with their raw text, normalized text and the normalizer's edit log |
| `quotes.parquet` | the quotes, with offsets into both the raw and the normalized text |
| `speakers.parquet` | the speakers, with aliases and roles |
| `rejected.parquet` | inputs that could not be read, and why |

## Provenance

`quotes.raw_start`/`raw_end` are Python `str` offsets into `articles.raw_text`, the input exactly as
decoded (UTF-8). `articles.edits` lists every change the normalizer made (`fix`, `raw_start`,
`raw_end`, `before`, `after`); applying the edits that lie inside a quote's raw span to
`raw_text[raw_start:raw_end]` gives exactly the quote's `text` (checked for every row before the
tables are written). `start`/`end` index the normalized `articles.text`.

## How quotes are found

Quotes follow the annotation guidelines in `data/gold/GUIDELINES.md` of the quotetrace repository:
`direct` (sentences in quotation marks), `partial` (a quoted fragment in the writer's sentence), `dash`
(speech opened by a dash, as in interviews) and `indirect` (reported speech without marks; the
content only). Attribution is rule-based over a spaCy parse; `confidence` says how direct the evidence
was, and `speaker_id` is null when the text does not say who spoke. Extraction errors exist: see the
figures in the repository README, measured against hand annotations.

## Dates

`quote_date` is the day the words were said and `date_basis` says where it comes from: `stated` (the
text dates the words), `stated_corpus_year` (the text gives the day, but the article has no date and
the year comes from dated articles quoting the same speakers) or `publication` (nothing in the text
dates the words, so the article's publication date). A null `quote_date` means:

- with `date_basis = stated`: the text dates the words, but not to a day of a known year: to a month
  without a day (`in mid-October`), another vague time (`two weeks ago`, `earlier this month`, `the
  following week`, `ten days later`), or, in an article with no publication date, a weekday, a
  relative day, or a day of the month whose year no dated article of the corpus gives;
- with `date_basis = publication`: an undated article filed under a dateline day (`OSLO, March 5 -`)
  whose year no dated article of the corpus gives;
- with `date_basis` null: nothing dates the words and the article has no publication date.

## Reproducibility

The same input and the same quotetrace version give byte-identical Parquet files: rows are sorted,
row groups are fixed and no timestamps are stored.
"""


def card_section(title: str) -> str:
    """One ``## title`` section of the card's fixed text (heading included), for the release card.

    >>> card_section("Dates").splitlines()[0]
    '## Dates'
    """
    for part in INTRO.split("\n## ")[1:]:
        if part.split("\n", 1)[0] == title:
            return "## " + part.rstrip("\n") + "\n"
    raise KeyError(title)


def dataset_card(counts: dict[str, int] | None = None) -> str:
    """The card's Markdown; with ``counts``, a line of row counts is added."""
    parts = [INTRO]
    if counts:
        parts.append("## This build\n\n" + ", ".join(f"{k}: {v:,}" for k, v in counts.items()) + "\n")
    parts.append("## Data dictionary\n\n" + data_dictionary([Article, Quote, Speaker, Rejected]))
    return "\n".join(parts)


def register_cli(subparsers) -> None:
    p = subparsers.add_parser("card", help="rewrite DATASET_CARD.md from the schemas")
    p.add_argument("--out", type=Path, default=CARD_PATH)
    p.set_defaults(func=lambda args: write_text(dataset_card(), args.out) or 0)
