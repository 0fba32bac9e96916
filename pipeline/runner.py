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

from pipeline.config import Settings
from pipeline.stages import attribute, export, ingest, normalize, resolve, segment
from pipeline.storage import part_rows, parts

PACKAGE_ROOT = Path(__file__).resolve().parent.parent


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


LEXICON_DIR = PACKAGE_ROOT / "pipeline" / "lexicons"


@lru_cache(maxsize=256)
def _imports_of(path: Path, mtime_ns: int, size: int) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The lexicon files a source file names (string constants equal to a file name in
    ``pipeline/lexicons/``) and the modules it imports; parsed once per version of the file, since
    every stage's fingerprint walks the same modules."""
    lexicons = {p.name for p in LEXICON_DIR.iterdir() if p.is_file() and not p.name.endswith(".py")}
    named: set[str] = set()
    imported: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            imported.extend(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            imported.append(node.module)
            imported.extend(f"{node.module}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in lexicons:
            named.add(node.value)
    return tuple(sorted(named)), tuple(imported)


def code_files(module: str) -> list[Path]:
    """Source files of ``module`` and every project module it imports, transitively, plus the
    lexicon files those modules name. A change to any of them reruns the stage; a lexicon that no
    module of the stage reads does not.

    >>> names = [p.name for p in code_files("pipeline.stages.normalize")]
    >>> "fixes_hyphen_prefixes.txt" in names, "words_demonyms.tsv" in names
    (True, False)
    """
    seen: dict[Path, None] = {}
    todo = [module]
    lexicons: set[str] = set()
    while todo:
        path = _module_file(todo.pop())
        if path is None or path in seen:
            continue
        seen[path] = None
        st = path.stat()
        named, imported = _imports_of(path, st.st_mtime_ns, st.st_size)
        lexicons.update(named)
        todo.extend(imported)
    return sorted(seen) + sorted(LEXICON_DIR / name for name in lexicons)


def _hash(*parts: str | bytes) -> str:
    h = hashlib.sha256()
    for p in parts:
        h.update(p if isinstance(p, bytes) else p.encode("utf-8"))
        h.update(b"\0")
    return h.hexdigest()


def _code_hash(module: str) -> str:
    return _hash(*(p.read_bytes() for p in code_files(module)))


def _input_listing(input_path: Path) -> str:
    items = []
    for path, name in ingest.input_files(input_path):
        st = path.stat()
        items.append(f"{name}\t{st.st_size}\t{st.st_mtime_ns}")
    return "\n".join(items)


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
        total = sum(part_rows(t[0]) for t in tasks)
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
    if ctx.input_path is None:
        raise ValueError("ingest needs --input")
    ingest.ingest(ctx.input_path, ctx.settings, out)


@lru_cache(maxsize=2)
def _load_vocabulary(path: str) -> Counter:
    with open(path, "rb") as fh:
        return pickle.load(fh)


def _normalize_part(src: Path, dst: Path, vocabulary_path: str) -> int:
    return normalize.normalize_part(src, dst, _load_vocabulary(vocabulary_path))


def _run_normalize(ctx: Context, out: Path) -> None:
    inputs = parts(ctx.dir("ingest"))
    vocabulary_path = out / "_vocabulary.pickle"  # handed to the workers once, by path
    with open(vocabulary_path, "wb") as fh:
        pickle.dump(normalize.corpus_vocabulary_of(inputs), fh, protocol=pickle.HIGHEST_PROTOCOL)
    ctx.map_parts(_normalize_part, [(p, out / p.name, str(vocabulary_path)) for p in inputs], "normalize")
    vocabulary_path.unlink()


def _run_segment(ctx: Context, out: Path) -> None:
    tasks = [(p, out / p.name, ctx.settings) for p in parts(ctx.dir("normalize"))]
    ctx.map_parts(segment.segment_part, tasks, "segment")


def _run_attribute(ctx: Context, out: Path) -> None:
    tasks = [(p, ctx.dir("segment") / p.name, out / p.name, ctx.settings) for p in parts(ctx.dir("normalize"))]
    ctx.map_parts(attribute.attribute_part, tasks, "attribute")


def _run_resolve(ctx: Context, out: Path) -> None:
    resolve.resolve(parts(ctx.dir("attribute")), parts(ctx.dir("normalize")), out)


def _run_export(ctx: Context, out: Path) -> None:
    counts = export.export(ctx.dir("resolve"), parts(ctx.dir("normalize")), ctx.dir("ingest") / "rejected.parquet", ctx.out_dir)
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
        s.articles = sum(part_rows(p) for p in parts(ingest_dir))
        s.rejected = part_rows(ingest_dir / "rejected.parquet")
    resolve_dir = ctx.dir("resolve")
    if (resolve_dir / "quotes.parquet").is_file():
        s.quotes = part_rows(resolve_dir / "quotes.parquet")
        s.speakers = part_rows(resolve_dir / "speakers.parquet")
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
