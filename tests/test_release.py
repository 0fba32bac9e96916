"""The release: file modes, empty tables, and a published folder that validates and respects the text rights."""

from __future__ import annotations

import stat
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq

from schemas import FILE_MODE, TableWriter, write_table, write_text
from schemas.tables import Rejected


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_every_write_path_gives_mode_0644(tmp_path):
    rows = pd.DataFrame({"source_name": ["a.txt"], "reason": ["empty"]})
    write_table(rows, Rejected, tmp_path / "one.parquet")
    with TableWriter(Rejected, tmp_path / "parts.parquet") as w:
        w.write(rows)
    with TableWriter(Rejected, tmp_path / "none.parquet"):
        pass
    write_text("# card\n", tmp_path / "README.md")
    assert FILE_MODE == 0o644
    for name in ("one.parquet", "parts.parquet", "none.parquet", "README.md"):
        assert _mode(tmp_path / name) == 0o644, name
    assert pq.read_table(tmp_path / "parts.parquet").num_rows == 1
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporary file left


# -- a release of the seed dataset, in each text setting ------------------------------------------
import datetime as dt
import hashlib
import json
import re
import shutil
import subprocess

import pyarrow as pa
import pytest
import yaml

from pipeline.cli import main
from pipeline.config import Settings
from pipeline.publish.release import RELEASE_FILES, publish
from pipeline.runner import run_pipeline
from schemas import arrow_schema
from schemas.tables import EXCERPT_CHARS, release_tables

RAW = Path(__file__).resolve().parent.parent / "data" / "raw"
TABLES = ("articles", "quotes", "speakers", "rejected")
MODES = ("none", "excerpt", "full")
DATE = dt.date(2026, 1, 15)


@pytest.fixture(scope="module")
def releases(tmp_path_factory):
    """The seed dataset built once, and its release in each text setting."""
    root = tmp_path_factory.mktemp("release")
    run_pipeline(RAW, root / "out", Settings(), interim_dir=root / "interim")
    for mode in MODES:
        publish(root / "out", root / mode, text=mode, date=DATE)
    return root


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_file())


def _front_matter(folder: Path) -> dict:
    text = (folder / "README.md").read_text(encoding="utf-8")
    assert text.startswith("---\n")
    return yaml.safe_load(text.split("---\n", 2)[1])


def test_release_holds_the_tables_and_the_metadata_files(releases):
    for mode in MODES:
        names = {p.name for p in _files(releases / mode)}
        assert names == {f"{t}.parquet" for t in TABLES} | set(RELEASE_FILES), mode
        assert not [p for p in (releases / mode).iterdir() if p.name.startswith(".")]  # no staging left


def test_pipeline_output_and_every_release_file_have_mode_0644(releases):
    for folder in [releases / "out", *(releases / m for m in MODES)]:
        for path in _files(folder):
            assert _mode(path) == 0o644, path


def test_checksums_verify(releases):
    for mode in MODES:
        folder = releases / mode
        lines = (folder / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
        listed = {}
        for line in lines:
            digest, name = re.fullmatch(r"([0-9a-f]{64})  (\S+)", line).groups()
            listed[name] = digest
        assert set(listed) == {p.name for p in _files(folder)} - {"SHA256SUMS"}
        for name, digest in listed.items():
            assert hashlib.sha256((folder / name).read_bytes()).hexdigest() == digest, name
    if shutil.which("sha256sum"):
        done = subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=releases / "none", capture_output=True, text=True)
        assert done.returncode == 0, done.stdout + done.stderr
        assert done.stdout.count(": OK") == len(lines)


def test_a_changed_file_fails_its_checksum(releases, tmp_path):
    folder = tmp_path / "copy"
    shutil.copytree(releases / "none", folder)
    (folder / "LICENSE").write_text("changed\n", encoding="utf-8")
    digest = dict(reversed(line.split("  ")) for line in (folder / "SHA256SUMS").read_text().splitlines())["LICENSE"]
    assert hashlib.sha256((folder / "LICENSE").read_bytes()).hexdigest() != digest


@pytest.mark.parametrize("mode", MODES)
def test_tables_have_exactly_the_columns_of_their_release_models(releases, mode):
    for model in release_tables(mode):
        schema = pq.read_schema(releases / mode / f"{model.table}.parquet")
        assert schema.equals(arrow_schema(model), check_metadata=False), (mode, model.table)
        assert schema.field(0).metadata[b"description"]  # column descriptions travel with the file
    articles = pq.read_table(releases / mode / "articles.parquet").column_names
    assert ("raw_text" in articles) == (mode == "full")
    assert ("raw_text_sha256" in articles) == (mode != "full")
    assert ("excerpt" in articles) == (mode == "excerpt")


def test_croissant_validates_and_reads_every_table(releases):
    import mlcroissant as mlc

    for mode in MODES:
        folder = releases / mode
        ds = mlc.Dataset(jsonld=folder / "croissant.json")
        assert not ds.metadata.ctx.issues.errors, ds.metadata.ctx.issues.report()
        assert not ds.metadata.ctx.issues.warnings, ds.metadata.ctx.issues.report()
        doc = json.loads((folder / "croissant.json").read_text(encoding="utf-8"))
        assert doc["conformsTo"] == "http://mlcommons.org/croissant/1.1"
        for key in ("rai:dataCollection", "rai:dataAnnotationProtocol", "rai:personalSensitiveInformation",
                    "rai:dataBiases", "rai:dataLimitations", "rai:dataUseCases"):
            assert len(doc[key]) > 40, key
        for model in release_tables(mode):
            records = list(ds.records(record_set=model.table))
            assert len(records) == pq.read_metadata(folder / f"{model.table}.parquet").num_rows, (mode, model.table)
            if records:
                assert set(records[0]) == {f"{model.table}/{c}" for c in model.model_fields}
        fields = {f["@id"]: f for rs in doc["recordSet"] for f in rs["field"]}
        assert fields["quotes/article_id"]["references"] == {"field": {"@id": "articles/article_id"}}
        assert fields["quotes/speaker_id"]["references"] == {"field": {"@id": "speakers/speaker_id"}}
        sums = dict(reversed(line.split("  ")) for line in (folder / "SHA256SUMS").read_text().splitlines())
        assert {d["@id"]: d["sha256"] for d in doc["distribution"]} == {f"{t}.parquet": sums[f"{t}.parquet"] for t in TABLES}


@pytest.mark.parametrize("mode", MODES)
def test_frictionless_validates_the_data_package(releases, mode):
    import frictionless

    report = frictionless.validate(releases / mode / "datapackage.json")
    assert report.valid, report.flatten(["type", "note", "fieldName", "rowNumber"])[:10]
    pkg = json.loads((releases / mode / "datapackage.json").read_text(encoding="utf-8"))
    assert pkg["$schema"] == "https://datapackage.org/profiles/2.0/datapackage.json"
    schemas = {r["name"]: r["schema"] for r in pkg["resources"]}
    assert [f["name"] for f in schemas["articles"]["fields"]] == list(release_tables(mode)[0].model_fields)
    assert all(f["description"] for s in schemas.values() for f in s["fields"])
    assert schemas["quotes"]["primaryKey"] == ["quote_id"]
    assert {fk["reference"]["resource"] for fk in schemas["quotes"]["foreignKeys"]} == {"articles", "speakers"}


def test_frictionless_catches_a_quote_of_an_unknown_article(releases, tmp_path):
    """The foreign keys are checked, not only declared."""
    import frictionless

    folder = tmp_path / "broken"
    shutil.copytree(releases / "none", folder)
    quotes = pq.read_table(folder / "quotes.parquet")
    ids = quotes.column("article_id").to_pylist()
    ids[0] = "no-such-article"
    quotes = quotes.set_column(quotes.schema.get_field_index("article_id"), quotes.schema.field("article_id"),
                               pa.array(ids, pa.string()))
    pq.write_table(quotes, folder / "quotes.parquet")
    report = frictionless.validate(folder / "datapackage.json")
    assert not report.valid
    assert "foreign-key" in {e[0] for e in report.flatten(["type"])}


def test_front_matter_declares_one_config_per_table(releases):
    from datasets import Features

    for mode in MODES:
        meta = _front_matter(releases / mode)
        assert meta["license"] == "cc-by-4.0" and meta["language"] == ["en"]
        assert meta["size_categories"] == ["n<1K"] and meta["task_categories"]
        assert [c["config_name"] for c in meta["configs"]] == list(TABLES)
        for config, info in zip(meta["configs"], meta["dataset_info"]):
            path = releases / mode / config["data_files"][0]["path"]
            assert path.name == f"{config['config_name']}.parquet" and path.is_file()
            assert info["config_name"] == config["config_name"]
            # the features are exactly what datasets derives from the file's own schema
            assert info["features"] == Features.from_arrow_schema(pq.read_schema(path))._to_yaml_list(), (mode, path.name)


def test_load_dataset_reads_each_config_of_the_release(releases, tmp_path):
    from datasets import load_dataset

    folder = releases / "none"
    for table in ("articles", "quotes", "speakers"):
        ds = load_dataset(str(folder), table, split="train", cache_dir=str(tmp_path / table))
        assert ds.num_rows == pq.read_metadata(folder / f"{table}.parquet").num_rows > 0
        assert ds.column_names == pq.read_schema(folder / f"{table}.parquet").names
    # the folder as a whole: the default configuration, not every file at once ("column names don't match")
    default = load_dataset(str(folder), split="train", cache_dir=str(tmp_path / "default"))
    assert default.column_names == pq.read_schema(folder / "quotes.parquet").names
    # with the texts: the edit log (a list of records) reads with the features the card declares
    full = load_dataset(str(releases / "full"), "articles", split="train", cache_dir=str(tmp_path / "full"))
    edits = full[0]["edits"]
    assert edits and set(edits[0]) == {"fix", "raw_start", "raw_end", "before", "after"}


def test_an_empty_table_loads_everywhere(releases):
    import duckdb
    import polars as pl
    from datasets import load_dataset

    path = releases / "none" / "rejected.parquet"
    assert pq.read_metadata(path).num_rows == 0
    # an empty row group makes datasets size its batches 0 ("BatchSize must be greater than 0"): none is written
    assert pq.read_metadata(path).num_row_groups == 0
    assert list(pd.read_parquet(path, dtype_backend="pyarrow").columns) == ["source_name", "reason"]
    assert pl.read_parquet(path).schema == {"source_name": pl.String, "reason": pl.String}
    assert duckdb.sql(f"SELECT count(*) FROM '{path}'").fetchall() == [(0,)]
    streamed = load_dataset(str(releases / "none"), "rejected", split="train", streaming=True)
    assert list(streamed) == [] and list(streamed.features) == ["source_name", "reason"]


def _strings(table: pa.Table) -> str:
    """Every string in a table, nested ones included, joined."""
    out: list[str] = []

    def walk(v):
        if isinstance(v, str):
            out.append(v)
        elif isinstance(v, dict):
            for x in v.values():
                walk(x)
        elif isinstance(v, list):
            for x in v:
                walk(x)

    walk(table.to_pylist())
    return "\n".join(out)


def _article_sentences(releases) -> list[str]:
    """Sentences of the articles that no quote, title or excerpt contains: text that only the article has."""
    articles = pq.read_table(releases / "out" / "articles.parquet").to_pylist()
    quotes = "\n".join(pq.read_table(releases / "out" / "quotes.parquet").column("text").to_pylist())
    found = []
    for art in articles:
        tail = art["raw_text"][EXCERPT_CHARS * 2:]
        for sentence in re.split(r"(?<=[.!?])\s+", tail):
            words = sentence.split()
            if len(sentence) >= 60 and all(w not in quotes for w in (sentence, " ".join(words[:6]))) \
                    and sentence not in (art["title"] or ""):
                found.append(sentence)
                break
    assert len(found) == len(articles)
    return found


def test_text_none_and_excerpt_leave_no_article_text_anywhere(releases):
    sentences = _article_sentences(releases)
    for mode in ("none", "excerpt"):
        for path in _files(releases / mode):
            blobs = [path.read_bytes().decode("utf-8", errors="replace")]
            if path.suffix == ".parquet":  # compressed: look at the values too
                blobs.append(_strings(pq.read_table(path)))
            for sentence in sentences:
                assert all(sentence not in blob for blob in blobs), (mode, path.name, sentence[:30])


def test_text_full_keeps_the_article_text(releases):
    articles = _strings(pq.read_table(releases / "full" / "articles.parquet"))
    assert all(s in articles for s in _article_sentences(releases))


def test_excerpt_is_a_bounded_prefix_of_the_text(releases):
    full = {a["article_id"]: a for a in pq.read_table(releases / "full" / "articles.parquet").to_pylist()}
    for art in pq.read_table(releases / "excerpt" / "articles.parquet").to_pylist():
        text = full[art["article_id"]]["text"]
        assert 0 < len(art["excerpt"]) <= EXCERPT_CHARS and text.startswith(art["excerpt"])


def test_the_hash_lets_whoever_has_the_source_check_every_quote(releases):
    """With the raw text from the source, the release's hash and length confirm it, and the quotes' raw
    offsets fall inside it; the quotes themselves keep their words and offsets."""
    sources = {a["article_id"]: a["raw_text"] for a in pq.read_table(releases / "out" / "articles.parquet").to_pylist()}
    released = {a["article_id"]: a for a in pq.read_table(releases / "none" / "articles.parquet").to_pylist()}
    for aid, raw in sources.items():
        assert released[aid]["raw_text_sha256"] == hashlib.sha256(raw.encode("utf-8")).hexdigest()
        assert released[aid]["raw_length"] == len(raw)
    quotes = pq.read_table(releases / "none" / "quotes.parquet")
    assert quotes.equals(pq.read_table(releases / "out" / "quotes.parquet"))
    for q in quotes.to_pylist():
        assert 0 <= q["raw_start"] < q["raw_end"] <= released[q["article_id"]]["raw_length"]


def test_the_card_says_what_was_left_out_and_why(releases):
    none = (releases / "none" / "README.md").read_text(encoding="utf-8")
    assert "Left out of `articles`: `text`, `raw_text`, `edits`" in none and "Quotebank" in none
    assert "| `raw_text_sha256` |" in none and "| `raw_text` |" not in none
    assert "date_basis = stated" in none  # the Dates section explains a stated date with no day
    full = (releases / "full" / "README.md").read_text(encoding="utf-8")
    assert "Left out of" not in full and "| `raw_text` |" in full
    for mode in MODES:
        license_text = (releases / mode / "LICENSE").read_text(encoding="utf-8")
        assert "CC-BY-4.0" in license_text and "MIT" in license_text and "belong to their publishers" in license_text


def test_citation_cff_parses(releases):
    cff = yaml.safe_load((releases / "none" / "CITATION.cff").read_text(encoding="utf-8"))
    assert cff["cff-version"] == "1.2.0" and cff["type"] == "dataset" and cff["license"] == "CC-BY-4.0"
    assert cff["authors"] and cff["version"] and cff["date-released"] == DATE.isoformat()


def test_publishing_again_gives_the_same_files(releases, tmp_path):
    publish(releases / "out", tmp_path / "again", text="none", date=DATE)
    assert (tmp_path / "again" / "SHA256SUMS").read_bytes() == (releases / "none" / "SHA256SUMS").read_bytes()


def test_cli_publish_and_its_errors(releases, tmp_path, capsys):
    assert main(["publish", "--dataset", str(releases / "out"), "--release", str(tmp_path / "r"), "--text", "excerpt",
                 "--date", "2026-01-15"]) == 0
    assert str(tmp_path / "r") in capsys.readouterr().out
    assert (tmp_path / "r" / "SHA256SUMS").read_bytes() == (releases / "excerpt" / "SHA256SUMS").read_bytes()
    assert main(["publish", "--dataset", str(tmp_path / "missing"), "--release", str(tmp_path / "r2")]) == 2
    assert "build the dataset first" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["publish", "--text", "some"])


@pytest.mark.parametrize("mode", ["none", "excerpt", "full"])
def test_the_notebook_api_loads_a_release(releases, mode):
    """``pipeline.load`` reads a release as it reads a run's output: typed tables, the joined view, and
    the source text of a quote when the release keeps the article texts."""
    from pipeline import load

    ds = load(releases / mode)
    assert len(ds.quotes) == len(ds.quotes_full()) > 0
    assert str(ds.quotes["quote_date"].dtype).startswith("date32")
    first = ds.quotes.iloc[0]
    if mode == "full":
        raw = ds.articles.set_index("article_id").loc[first["article_id"], "raw_text"]
        assert ds.source_text(first) == raw[first["raw_start"]:first["raw_end"]] != ""
    else:
        assert ds.source_text(first) is None and "raw_text_sha256" in ds.articles.columns
