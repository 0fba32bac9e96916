"""The layout's rules, checked on the source: imports run one way, no cycles, no reaching into another
module's private names, no long function without a stated reason.

The layers, lowest first: ``schemas`` and ``pipeline.config``/``pipeline.lexicons``/``pipeline.nlp``/
``pipeline.storage`` and ``pipeline.dataset`` (the notebook API, which only reads the published files); the libraries (``pipeline.text``, ``pipeline.quotes``, ``pipeline.speakers``,
``pipeline.publish``); the stages (``pipeline.stages``); the runner and the CLI; the measuring tools
(``pipeline.measure``), which may run everything. A module may import its own layer or lower ones.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

#: layer of each package prefix (longest prefix wins); a module may import only layers <= its own
LAYERS = {
    "schemas": 0,
    "pipeline.config": 0,
    "pipeline.lexicons": 0,
    "pipeline.nlp": 0,
    "pipeline.storage": 0,
    "pipeline.dataset": 0,  # the notebook API: reads the published files, imports no stage or library
    "pipeline.text": 1,
    "pipeline.quotes": 2,
    "pipeline.speakers": 3,
    "pipeline.publish": 1,
    "pipeline.stages": 4,
    "pipeline.runner": 5,
    "pipeline.measure": 6,
    "pipeline.cli": 7,
    "pipeline.__main__": 8,
    "pipeline": 0,  # the package's own __init__
}

#: a function longer than this must say in its docstring why it is long
MAX_LINES = 60
LONG_REASON = "Long because"


def _modules() -> dict[str, Path]:
    out = {}
    for path in sorted(list((ROOT / "pipeline").rglob("*.py")) + list((ROOT / "schemas").rglob("*.py"))):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


MODULES = _modules()


def _resolve(name: str) -> str | None:
    """The project module an imported name refers to (``pipeline.quotes.speech.foo`` -> the module)."""
    while name:
        if name in MODULES:
            return name
        name = name.rpartition(".")[0]
    return None


def imports_of(module: str) -> set[str]:
    """Project modules that ``module`` imports, at top level or inside functions."""
    found = set()
    for node in ast.walk(ast.parse(MODULES[module].read_text(encoding="utf-8"))):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [f"{node.module}.{a.name}" for a in node.names]
        for n in names:
            target = _resolve(n)
            if target and target != module:
                found.add(target)
    return found


def layer(module: str) -> int:
    best = max((p for p in LAYERS if module == p or module.startswith(p + ".")), key=len)
    return LAYERS[best]


def import_graph() -> dict[str, set[str]]:
    return {m: imports_of(m) for m in MODULES}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def test_the_import_graph_has_no_cycle():
    assert cycles(import_graph()) == []


def test_imports_run_one_way():
    upward = [f"{m} -> {t}" for m, targets in import_graph().items() for t in sorted(targets)
              if layer(t) > layer(m)]
    assert upward == [], "a module imports a higher layer (libraries never import stages; stages never the runner)"


def test_no_module_reaches_into_another_modules_private_names():
    """``othermodule._name`` and ``from othermodule import _name`` are private to their module."""
    offences = []
    for module, path in MODULES.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        aliases: dict[str, str] = {}  # local name -> project module
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                for a in node.names:
                    target = _resolve(f"{node.module}.{a.name}")
                    if target == f"{node.module}.{a.name}":
                        aliases[a.asname or a.name] = target
                    elif target and a.name.startswith("_") and target != module:
                        offences.append(f"{module}: from {node.module} import {a.name}")
            elif isinstance(node, ast.Import):
                for a in node.names:
                    if _resolve(a.name) == a.name and a.asname:
                        aliases[a.asname] = a.name
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in aliases \
                    and node.attr.startswith("_") and not node.attr.startswith("__") and aliases[node.value.id] != module:
                offences.append(f"{module}: {node.value.id}.{node.attr}")
    assert sorted(set(offences)) == []


#: imports made inside functions on purpose: ``(module, imported)``, each with its reason
LAZY_IMPORTS = {
    ("pipeline.runner", "tqdm"): "the progress bar, only for runs that show one",
    ("pipeline", "pipeline.dataset"): "``from pipeline import load`` imports nothing until it is used",
    ("pipeline.dataset", "polars"): "an optional backend, loaded only when asked for",
    ("pipeline.dataset", "duckdb"): "an optional backend, loaded only when asked for",
    ("pipeline.measure.compare", "textacy.extract.triples"): "the peer compared against: a dev tool, slow to import",
    ("pipeline.measure.compare", "pipeline.nlp"): "spaCy loads only when textacy is compared",
    ("pipeline.measure.bench", "textacy.extract.triples"): "the peer benchmarked against: a dev tool, slow to import",
    ("pipeline.measure.bench", "pipeline.nlp"): "spaCy loads only in the textacy run's own process",
}


def _dotted(node: ast.AST) -> str | None:
    """``a.b.c`` of an attribute chain of names, else None."""
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        return ".".join([node.id] + parts[::-1])
    return None


def test_no_relative_imports_and_no_dotted_private_access():
    offences = []
    for module, path in MODULES.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level:
                offences.append(f"{module}: relative import")
            if isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.startswith("__"):
                owner = _dotted(node.value)
                if owner and owner.startswith(("pipeline.", "schemas")) and _resolve(owner) not in (None, module):
                    offences.append(f"{module}: {owner}.{node.attr}")
    assert offences == []


def test_imports_inside_functions_are_the_listed_lazy_ones():
    found = set()
    for module, path in MODULES.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for fn in ast.walk(tree):
            if not isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            for node in ast.walk(fn):
                if isinstance(node, ast.ImportFrom) and node.module:
                    found.add((module, node.module))
                elif isinstance(node, ast.Import):
                    found |= {(module, a.name) for a in node.names}
    assert found <= set(LAZY_IMPORTS), f"imports inside functions without a listed reason: {sorted(found - set(LAZY_IMPORTS))}"


def long_functions(limit: int = MAX_LINES) -> list[tuple[int, str, bool]]:
    """``(lines, where, has_reason)`` of every function longer than ``limit`` lines."""
    out = []
    for module, path in MODULES.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                n = node.end_lineno - node.lineno + 1
                if n > limit:
                    doc = ast.get_docstring(node) or ""
                    out.append((n, f"{module}.{node.name}", LONG_REASON in doc))
    return sorted(out, reverse=True)


def test_no_long_function_without_a_reason():
    unexplained = [f"{where} ({n} lines)" for n, where, ok in long_functions() if not ok]
    assert unexplained == [], f"functions over {MAX_LINES} lines need '{LONG_REASON} ...' in their docstring"


@pytest.mark.parametrize("module", sorted(m for m in MODULES if m.startswith("pipeline.stages.")))
def test_a_stage_is_a_small_module(module):
    """A stage module holds its stage: the rules it applies live in the libraries."""
    lines = len(MODULES[module].read_text(encoding="utf-8").splitlines())
    assert lines <= 300, f"{module} has {lines} lines"


def test_lexicon_files_are_opened_only_by_the_lexicon_reader():
    """Every module reads lexicons through ``pipeline.lexicons`` (the runner only hashes them)."""
    users = sorted(m for m, path in MODULES.items()
                   if "LEXICON_DIR" in path.read_text(encoding="utf-8") and m not in ("pipeline.lexicons", "pipeline.runner"))
    assert users == []


#: lexicon files read by more than one module, with their readers; every other file is named
#: ``<module>_<what>`` after the one module that reads it
SHARED_LEXICONS = {
    "titles.txt": {"pipeline.speakers.roles", "pipeline.quotes.cues"},
    "descriptions.txt": {"pipeline.speakers.words", "pipeline.quotes.cues"},
    "org_heads.txt": {"pipeline.speakers.names", "pipeline.quotes.cues"},
    "honorifics.txt": {"pipeline.speakers.roles", "pipeline.speakers.words"},
    "org_name_words.txt": {"pipeline.speakers.names", "pipeline.speakers.words"},
    "outlet_words.txt": {"pipeline.speakers.names", "pipeline.text.lines"},
}


def lexicon_readers() -> dict[str, set[str]]:
    """Lexicon file -> the modules whose code names it (a string constant equal to its file name)."""
    files = {p.name for p in (ROOT / "pipeline" / "lexicons").iterdir() if p.is_file() and p.suffix != ".py"}
    readers: dict[str, set[str]] = {name: set() for name in files}
    for module, path in MODULES.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in files:
                readers[node.value].add(module)
    return readers


def test_each_lexicon_is_named_for_the_module_that_reads_it():
    wrong = []
    for name, modules in sorted(lexicon_readers().items()):
        if name in SHARED_LEXICONS:
            if modules != SHARED_LEXICONS[name]:
                wrong.append(f"{name}: read by {sorted(modules)}, listed as {sorted(SHARED_LEXICONS[name])}")
            continue
        owner = name.split("_", 1)[0]
        if [m.rsplit(".", 1)[-1] for m in modules] != [owner]:
            wrong.append(f"{name}: read by {sorted(modules) or 'no module'}")
    assert wrong == []


if __name__ == "__main__":  # print the import graph (for notes and reviews)
    for m, targets in import_graph().items():
        print(f"{m} -> {', '.join(sorted(targets)) or '-'}")
