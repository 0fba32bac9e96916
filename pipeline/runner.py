"""Compose the stages: the DAG of the pipeline, declared once, with a cache per stage.

Each stage reads the stored output of the stages it depends on and writes its own into
``<interim>/<stage>/`` as numbered Parquet parts (one per batch of articles), so a stage can be
rerun alone (``python -m pipeline attribute``) and a corpus streams through in batches with flat
memory. A stage is skipped when its fingerprint (its code and lexicons, the settings, and the
fingerprints of its inputs) matches the one stored with its output.

The stage functions themselves live in their modules and are pure table → table functions;
this module only moves tables between them and disk.
"""

from __future__ import annotations

import ast
import hashlib
import json
import multiprocessing as mp
import os
import pickle
import shutil
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Callable

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.config import Settings

PACKAGE_ROOT = Path(__file__).resolve().parent.parent
ARTICLE_META_COLUMNS = ["article_id", "source_name", "title", "published", "author", "publisher", "url"]


@dataclass
class RunSummary:
    """What a run did; ``line()`` is the closing summary printed by the CLI."""

    articles: int = 0
    rejected: int = 0
    quotes: int = 0
    speakers: int = 0
    seconds: float = 0.0
    ran: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    def line(self) -> str:
        return (
            f"articles read {self.articles}, rejected {self.rejected}, quotes {self.quotes}, "
            f"speakers {self.speakers}, {self.seconds:.1f} s"
        )


# -- fingerprints -----------------------------------------------------------------------------


def _module_file(name: str) -> Path | None:
    parts = name.split(".")
    if parts[0] not in ("pipeline", "schemas"):
        return None
    base = PACKAGE_ROOT.joinpath(*parts)
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


@lru_cache(maxsize=256)
def _imports_of(path: Path, mtime_ns: int, size: int) -> tuple[bool, tuple[str, ...]]:
    """Whether a source file mentions the lexicons, and the modules it imports (parsed once per
    version of the file: every stage's fingerprint walks the same modules)."""
    source = path.read_text(encoding="utf-8")
    imported: list[str] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            imported.extend(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            imported.append(node.module)
            imported.extend(f"{node.module}.{a.name}" for a in node.names)
    return "lexicons" in source, tuple(imported)


def code_files(module: str) -> list[Path]:
    """Source files of ``module`` and every project module it imports, transitively, plus the
    lexicon files when any of them reads lexicons. A change to any of them reruns the stage."""
    seen: dict[Path, None] = {}
    todo = [module]
    uses_lexicons = False
    while todo:
        path = _module_file(todo.pop())
        if path is None or path in seen:
            continue
        seen[path] = None
        st = path.stat()
        reads_lexicons, imported = _imports_of(path, st.st_mtime_ns, st.st_size)
        uses_lexicons |= reads_lexicons
        todo.extend(imported)
    files = sorted(seen)
    if uses_lexicons:
        files += sorted(p for p in (PACKAGE_ROOT / "pipeline" / "lexicons").glob("*") if p.is_file())
    return files


def _hash(*parts: str | bytes) -> str:
    h = hashlib.sha256()
    for p in parts:
        h.update(p if isinstance(p, bytes) else p.encode("utf-8"))
        h.update(b"\0")
    return h.hexdigest()


def _code_hash(module: str) -> str:
    return _hash(*(p.read_bytes() for p in code_files(module)))


def _input_listing(input_path: Path) -> str:
    from pipeline.stages.ingest import input_files

    items = []
    for path, name in input_files(input_path):
        st = path.stat()
        items.append(f"{name}\t{st.st_size}\t{st.st_mtime_ns}")
    return "\n".join(items)


# -- parts on disk -----------------------------------------------------------------------------


def write_part(df: pd.DataFrame, path: Path) -> None:
    """Store an interim table. Object columns Arrow cannot type (e.g. lists of mixed tuples) are
    stored as JSON text and decoded again by :func:`read_part` (tuples come back as lists)."""
    json_cols = []
    frame = df
    for col in df.columns:
        if df[col].dtype == object:
            try:
                pa.array(df[col].tolist())
            except (pa.ArrowInvalid, pa.ArrowTypeError):
                json_cols.append(col)
    if json_cols:
        frame = df.copy()
        for col in json_cols:
            frame[col] = frame[col].map(lambda v: json.dumps(v, ensure_ascii=False, default=str))
    table = pa.Table.from_pandas(frame, preserve_index=False)
    meta = {b"json_columns": json.dumps(json_cols).encode()} if json_cols else None
    pq.write_table(table.replace_schema_metadata(meta), path, compression="zstd")


def read_part(path: Path, columns: list[str] | None = None) -> pd.DataFrame:
    """Read a stored part; text columns come back as Python objects with None for missing values."""
    table = pq.read_table(path, columns=columns)
    json_cols = json.loads((table.schema.metadata or {}).get(b"json_columns", b"[]"))
    df = table.to_pandas()
    for col in json_cols:
        if col in df.columns:
            df[col] = df[col].map(json.loads).astype(object)
    for col in df.columns:
        if isinstance(df[col].dtype, pd.StringDtype):
            df[col] = df[col].astype(object).where(df[col].notna(), None)
    if "edits" in df.columns:
        df["edits"] = df["edits"].map(lambda v: [] if v is None else list(v))
    return df


def parts(stage_dir: Path, prefix: str = "part") -> list[Path]:
    return sorted(stage_dir.glob(f"{prefix}-*.parquet"))


def concat(frames: list[pd.DataFrame]) -> pd.DataFrame:
    frames = [f for f in frames if not f.empty]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


# -- the stages ---------------------------------------------------------------------------------


@dataclass
class Context:
    input_path: Path | None
    interim: Path
    out_dir: Path
    settings: Settings
    progress: bool
    summary: RunSummary
    pool: ProcessPoolExecutor | None = None

    def dir(self, stage: str) -> Path:
        return self.interim / stage

    def bar(self, total: int, desc: str):
        from tqdm import tqdm

        return tqdm(total=total, desc=desc, unit="art", delay=1.0, disable=not self.progress, file=sys.stderr, leave=False)

    def map_parts(self, fn: Callable[..., int], tasks: list[tuple], desc: str) -> None:
        """Run ``fn(*task)`` for every part, on a pool of worker processes when there are several
        parts and workers (the parts are independent), else in this process. ``fn`` returns the
        number of articles it handled, for the progress bar."""
        workers = self.settings.worker_count()
        total = sum(pq.ParquetFile(t[0]).metadata.num_rows for t in tasks)
        with self.bar(total, desc) as bar:
            if workers <= 1 or len(tasks) <= 1:
                for task in tasks:
                    bar.update(fn(*task))
                return
            if self.pool is None:
                self.pool = ProcessPoolExecutor(max_workers=workers, mp_context=mp.get_context("spawn"))
            futures = [self.pool.submit(fn, *task) for task in tasks]
            for fut in as_completed(futures):
                bar.update(fut.result())


def _run_ingest(ctx: Context, out: Path) -> None:
    from pipeline.stages.ingest import REJECTED_COLUMNS, ingested_batches

    if ctx.input_path is None:
        raise ValueError("ingest needs --input")
    rejected = []
    for i, (articles, rej) in enumerate(ingested_batches(ctx.input_path, ctx.settings)):
        if not articles.empty:
            write_part(articles, out / f"part-{i:05d}.parquet")
        rejected.append(rej)
    rej = concat(rejected)
    write_part(rej if not rej.empty else pd.DataFrame({c: pd.Series(dtype=str) for c in REJECTED_COLUMNS}), out / "rejected.parquet")


@lru_cache(maxsize=2)
def _load_vocabulary(path: str) -> Counter:
    with open(path, "rb") as fh:
        return pickle.load(fh)


def _normalize_part(src: Path, dst: Path, vocabulary_path: str) -> int:
    from pipeline.stages.normalize import normalized_articles

    articles = read_part(src)
    write_part(normalized_articles(articles, _load_vocabulary(vocabulary_path)), dst)
    return len(articles)


def _run_normalize(ctx: Context, out: Path) -> None:
    from pipeline.stages.normalize import corpus_vocabulary

    inputs = parts(ctx.dir("ingest"))
    vocabulary: Counter = Counter()
    for p in inputs:  # a first, cheap pass: the corpus vocabulary is evidence for de-hyphenation
        vocabulary.update(corpus_vocabulary(read_part(p, ["raw_text"])["raw_text"]))
    vocabulary_path = out / "_vocabulary.pickle"
    with open(vocabulary_path, "wb") as fh:
        pickle.dump(vocabulary, fh, protocol=pickle.HIGHEST_PROTOCOL)
    ctx.map_parts(_normalize_part, [(p, out / p.name, str(vocabulary_path)) for p in inputs], "normalize")
    vocabulary_path.unlink()


def _segment_part(src: Path, dst: Path, settings: Settings) -> int:
    from pipeline.stages.segment import quote_spans

    articles = read_part(src)
    write_part(quote_spans(articles, settings), dst)
    return len(articles)


def _run_segment(ctx: Context, out: Path) -> None:
    tasks = [(p, out / p.name, ctx.settings) for p in parts(ctx.dir("normalize"))]
    ctx.map_parts(_segment_part, tasks, "segment")


def _attribute_part(src: Path, spans: Path, dst: Path, settings: Settings) -> int:
    from pipeline.stages.attribute import attributed_quotes

    articles = read_part(src)
    write_part(attributed_quotes(read_part(spans), articles, settings), dst)
    return len(articles)


def _run_attribute(ctx: Context, out: Path) -> None:
    tasks = [(p, ctx.dir("segment") / p.name, out / p.name, ctx.settings) for p in parts(ctx.dir("normalize"))]
    ctx.map_parts(_attribute_part, tasks, "attribute")


def _article_meta(ctx: Context) -> pd.DataFrame:
    return concat([read_part(p, ARTICLE_META_COLUMNS) for p in parts(ctx.dir("normalize"))])


def _run_resolve(ctx: Context, out: Path) -> None:
    from pipeline.stages.resolve import resolved

    quotes = concat([read_part(p) for p in parts(ctx.dir("attribute"))])
    quotes, speakers = resolved(quotes, _article_meta(ctx))
    write_part(quotes, out / "quotes.parquet")
    write_part(speakers, out / "speakers.parquet")


def _run_export(ctx: Context, out: Path) -> None:
    from pipeline.stages.export import write_dataset

    quotes = read_part(ctx.dir("resolve") / "quotes.parquet")
    speakers = read_part(ctx.dir("resolve") / "speakers.parquet")
    rejected = read_part(ctx.dir("ingest") / "rejected.parquet")
    article_parts = (read_part(p) for p in parts(ctx.dir("normalize")))
    counts = write_dataset(ctx.out_dir, article_parts, quotes, speakers, rejected)
    pd.DataFrame([counts]).to_json(out / "counts.json", orient="records")


@dataclass(frozen=True)
class Stage:
    name: str
    module: str
    deps: tuple[str, ...]
    run: Callable[[Context, Path], None]


#: the pipeline's DAG, in running order
STAGES: dict[str, Stage] = {
    s.name: s
    for s in (
        Stage("ingest", "pipeline.stages.ingest", (), _run_ingest),
        Stage("normalize", "pipeline.stages.normalize", ("ingest",), _run_normalize),
        Stage("segment", "pipeline.stages.segment", ("normalize",), _run_segment),
        Stage("attribute", "pipeline.stages.attribute", ("segment", "normalize"), _run_attribute),
        Stage("resolve", "pipeline.stages.resolve", ("attribute", "normalize"), _run_resolve),
        Stage("export", "pipeline.stages.export", ("resolve", "normalize", "ingest"), _run_export),
    )
}


def _fingerprint(stage: Stage, ctx: Context) -> str:
    deps = []
    for d in stage.deps:
        fp_file = ctx.dir(d) / "_fingerprint"
        if not fp_file.is_file():
            raise FileNotFoundError(f"stage {stage.name} needs the output of {d}: run `python -m pipeline {d}` first")
        deps.append(fp_file.read_text())
    extra = ""
    if stage.name == "ingest":
        extra = _input_listing(ctx.input_path) if ctx.input_path else ""
    if stage.name == "export":
        extra = str(ctx.out_dir.resolve())
    return _hash(stage.name, _code_hash(stage.module), ctx.settings.fingerprint(), *deps, extra)


def run_stage(name: str, ctx: Context, force: bool = False) -> bool:
    """Run one stage unless its stored output is current. Returns True when it ran."""
    stage = STAGES[name]
    fp = _fingerprint(stage, ctx)
    target = ctx.dir(name)
    fp_file = target / "_fingerprint"
    outputs_present = name != "export" or (ctx.out_dir / "quotes.parquet").is_file()
    if not force and fp_file.is_file() and fp_file.read_text() == fp and outputs_present:
        ctx.summary.skipped.append(name)
        return False
    ctx.interim.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{name}-", dir=ctx.interim))
    try:
        stage.run(ctx, tmp)
        (tmp / "_fingerprint").write_text(fp)
        if target.exists():
            shutil.rmtree(target)
        os.replace(tmp, target)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    ctx.summary.ran.append(name)
    return True


def _fill_summary(ctx: Context) -> None:
    s = ctx.summary
    ingest_dir = ctx.dir("ingest")
    if ingest_dir.is_dir():
        s.articles = sum(pq.ParquetFile(p).metadata.num_rows for p in parts(ingest_dir))
        s.rejected = pq.ParquetFile(ingest_dir / "rejected.parquet").metadata.num_rows
    resolve_dir = ctx.dir("resolve")
    if (resolve_dir / "quotes.parquet").is_file():
        s.quotes = pq.ParquetFile(resolve_dir / "quotes.parquet").metadata.num_rows
        s.speakers = pq.ParquetFile(resolve_dir / "speakers.parquet").metadata.num_rows
    counts = ctx.dir("export") / "counts.json"
    if counts.is_file():
        c = pd.read_json(counts, orient="records").iloc[0]
        s.quotes, s.speakers = int(c["quotes"]), int(c["speakers"])


def run_stages(
    names: list[str],
    input_path: Path | None,
    out_dir: Path,
    settings: Settings,
    interim_dir: Path,
    progress: bool = False,
    force: bool = False,
) -> RunSummary:
    """Run the named stages in pipeline order (each skipped when current)."""
    start = time.perf_counter()
    summary = RunSummary()
    ctx = Context(Path(input_path) if input_path else None, Path(interim_dir), Path(out_dir), settings, progress, summary)
    try:
        for name in STAGES:
            if name in names:
                run_stage(name, ctx, force=force)
    finally:
        if ctx.pool is not None:
            ctx.pool.shutdown()
    _fill_summary(ctx)
    summary.seconds = time.perf_counter() - start
    return summary


def run_pipeline(
    input_path: Path,
    out_dir: Path,
    settings: Settings | None = None,
    interim_dir: Path | None = None,
    progress: bool = False,
    force: bool = False,
) -> RunSummary:
    """Build the dataset from ``input_path`` into ``out_dir`` (every stage, each skipped when current).

    Without ``interim_dir`` the stage outputs go to a temporary folder removed afterwards.
    """
    settings = settings or Settings()
    if interim_dir is not None:
        return run_stages(list(STAGES), input_path, out_dir, settings, Path(interim_dir), progress, force)
    with tempfile.TemporaryDirectory(prefix="quotetrace-interim-") as tmp:
        return run_stages(list(STAGES), input_path, out_dir, settings, Path(tmp), progress, force)
