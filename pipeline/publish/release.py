"""``python -m pipeline publish``: a release folder a user can upload as it is.

From a built dataset (the four tables of ``python -m pipeline run``) it writes, into ``--release``:
the tables (the articles as the text rights allow, see ``--text``), the dataset card ``README.md``
with Hugging Face front matter, ``croissant.json``, ``datapackage.json``, ``CITATION.cff``,
``LICENSE`` and ``SHA256SUMS`` (every other file, for ``sha256sum -c``). Every file is written
through the one write path of :mod:`schemas.enforce` (atomic, mode 0644), into a staging folder
first, so a failed publish leaves the previous release as it was.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import shutil
import tempfile
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.publish.citation import citation_cff, license_text
from pipeline.publish.croissant import croissant
from pipeline.publish.datapackage import datapackage
from pipeline.publish.facts import NAME, TEXT_MODES, ReleaseFacts, package_version, release_date
from pipeline.publish.hub_card import release_card
from schemas import SchemaError, arrow_schema, enforce, write_parquet, write_text
from schemas.tables import EXCERPT_CHARS, Article, TableModel, release_tables

__all__ = ["RELEASE_FILES", "opening", "publish", "register_cli", "release_articles", "sha256_of"]

#: the files of a release besides the tables, in the order they are written (SHA256SUMS last)
RELEASE_FILES = ("README.md", "croissant.json", "datapackage.json", "CITATION.cff", "LICENSE", "SHA256SUMS")


def opening(text: str, limit: int = EXCERPT_CHARS) -> str:
    """The opening of ``text``: at most ``limit`` characters, cut at a space, always a prefix of ``text``.

    >>> opening("Rain fell on the town all night.", 16)
    'Rain fell on the'
    >>> opening("Short.", 16)
    'Short.'
    """
    if len(text) <= limit:
        return text
    cut = max(text.rfind(" ", 0, limit + 1), text.rfind("\n", 0, limit + 1))
    return text[:cut if cut > 0 else limit].rstrip()


def release_articles(articles: pd.DataFrame, text: str) -> pd.DataFrame:
    """The articles table of a release for a setting of its text rights (``full``, ``excerpt``, ``none``):
    the columns of :data:`schemas.tables.RELEASE_ARTICLES` ``[text]``.

    >>> df = pd.DataFrame({"article_id": ["a"], "raw_text": ["é"], "text": ["é"]})
    >>> out = release_articles(df, "none")
    >>> out["raw_text_sha256"][0][:12], int(out["raw_length"][0]), "raw_text" in out
    ('4a99557e4033', 1, False)
    """
    model = release_tables(text)[0]
    out = articles.copy()
    if text != "full":
        out["raw_text_sha256"] = [hashlib.sha256(t.encode("utf-8")).hexdigest() for t in out["raw_text"]]
        out["raw_length"] = [len(t) for t in out["raw_text"]]
    if text == "excerpt":
        out["excerpt"] = [opening(t) for t in out["text"]]
    return out[[c for c in model.model_fields if c in out.columns]]


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _read_checked(path: Path, model: type[TableModel]) -> pa.Table:
    """A table of the built dataset, checked to have its model's columns and types."""
    if not path.is_file():
        raise FileNotFoundError(f"{path} not found: build the dataset first (python -m pipeline run)")
    table = pq.read_table(path)
    schema = arrow_schema(model)
    if table.schema.names != schema.names:
        raise SchemaError(f"{path}: columns {table.schema.names} are not those of {model.table}: {schema.names}")
    return table.cast(schema).replace_schema_metadata(schema.metadata)


def _write_tables(dataset: Path, staging: Path, text: str) -> dict[str, int]:
    """Write the four tables of the release into ``staging``; returns their row counts."""
    counts: dict[str, int] = {}
    for model in release_tables(text):
        source = dataset / f"{model.table}.parquet"
        if model.table == "articles":
            table = _read_checked(source, Article)
            if text != "full":
                table = enforce(release_articles(table.to_pandas(), text), model)
        else:
            table = _read_checked(source, model)
        write_parquet(table, staging / f"{model.table}.parquet")
        counts[model.table] = table.num_rows
    return counts


def _cite_as(facts: ReleaseFacts) -> str:
    return (f"@misc{{{NAME}_{facts.version.replace('.', '_')},\n  title = {{{NAME}: quotes, speakers and dates from "
            f"news articles}},\n  author = {{{{The {NAME} contributors}}}},\n  note = {{Dataset release {facts.version}}}\n}}")


def _json(doc: dict) -> str:
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def _write_metadata(staging: Path, facts: ReleaseFacts) -> None:
    """Write the card, the metadata files and the checksums of everything into ``staging``."""
    files = {facts.file_of(m): ((staging / facts.file_of(m)).stat().st_size, sha256_of(staging / facts.file_of(m)))
             for m in facts.models}
    write_text(release_card(facts), staging / "README.md")
    write_text(_json(croissant(facts, files, _cite_as(facts))), staging / "croissant.json")
    write_text(_json(datapackage(facts)), staging / "datapackage.json")
    write_text(citation_cff(facts), staging / "CITATION.cff")
    write_text(license_text(facts), staging / "LICENSE")
    names = sorted(list(files) + [n for n in RELEASE_FILES if n != "SHA256SUMS"])
    write_text("".join(f"{sha256_of(staging / n)}  {n}\n" for n in names), staging / "SHA256SUMS")


def publish(dataset: Path, release: Path, text: str = "none", date: dt.date | None = None) -> ReleaseFacts:
    """Write the release of the dataset in ``dataset`` into ``release``; returns what it holds. ``date``
    (default :func:`~pipeline.publish.facts.release_date`) is the publication date the metadata give."""
    if text not in TEXT_MODES:
        raise ValueError(f"--text must be one of {', '.join(TEXT_MODES)}, not {text!r}")
    dataset, release = Path(dataset), Path(release)
    release.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=release))
    try:
        counts = _write_tables(dataset, staging, text)
        facts = ReleaseFacts(text=text, version=package_version(), counts=counts, date=date or release_date())
        _write_metadata(staging, facts)
        for path in sorted(staging.iterdir()):
            path.replace(release / path.name)
        return facts
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _run(args: argparse.Namespace) -> int:
    facts = publish(args.dataset, args.release, args.text, args.date)
    counts = ", ".join(f"{k} {v:,}" for k, v in facts.counts.items())
    print(f"release {facts.version} (--text {facts.text}) written to {args.release}: {counts}; "
          f"check it with: cd {args.release} && sha256sum -c SHA256SUMS")
    return 0


def register_cli(subparsers) -> None:
    p = subparsers.add_parser("publish", help="write a release folder: tables, dataset card, croissant.json, "
                                              "datapackage.json, CITATION.cff, LICENSE, SHA256SUMS")
    p.add_argument("--dataset", type=Path, default=Path("data/out"), help="the built dataset (default data/out)")
    p.add_argument("--release", type=Path, default=Path("data/release"), help="release folder (default data/release)")
    p.add_argument("--text", choices=TEXT_MODES, default="none",
                   help="what to keep of the article texts: none (default: metadata and a hash of the raw text), "
                        "excerpt (plus the opening, at most 200 characters) or full (texts and edit log)")
    p.add_argument("--date", type=dt.date.fromisoformat, default=None,
                   help="release date for the metadata, YYYY-MM-DD (default: $SOURCE_DATE_EPOCH's day, else today)")
    p.set_defaults(func=_run)
