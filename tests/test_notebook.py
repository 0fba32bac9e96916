"""The example notebook (``docs/example.ipynb``) runs from top to bottom on a freshly built dataset.

It is executed on the run's output and on a copy shaped like a release without article texts, with nbclient on a kernel spec written for this test, which runs ``ipykernel`` with this
interpreter (``sys.executable``, the project's virtualenv): no kernel needs to be installed, and a
``python3`` kernel installed elsewhere on the machine is not used. What it prints is checked against
the dataset read here.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import nbformat
import pyarrow.parquet as pq
import pytest
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager
from nbclient import NotebookClient

from pipeline.runner import run_pipeline
from release_like import write_textless_copy

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "docs" / "example.ipynb"


def test_the_committed_notebook_has_no_outputs():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(nb)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code and all(c.outputs == [] and c.execution_count is None for c in code)
    assert nb.metadata.kernelspec.name == "python3"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The dataset of data/raw, built once for this module."""
    root = tmp_path_factory.mktemp("notebook-data")
    run_pipeline(ROOT / "data" / "raw", root / "out", interim_dir=root / "interim")
    return root / "out"


@pytest.fixture(scope="module", params=["out", "release without texts"])
def executed(request, built, tmp_path_factory):
    """The notebook executed on the run's output and on a release-like copy without article texts:
    (notebook, dataset folder, figure path)."""
    root = tmp_path_factory.mktemp("notebook")
    data = built if request.param == "out" else write_textless_copy(built, root / "release")
    figure = root / "quotes_over_time.png"
    kernels = root / "kernels"
    (kernels / "python3").mkdir(parents=True)
    spec = {
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "quotetrace (test)",
        "language": "python",
        "env": {"QUOTETRACE_DATASET": str(data), "QUOTETRACE_FIGURE": str(figure),
                "MPLBACKEND": "Agg", "PYTHONPATH": str(ROOT), "IPYTHONDIR": str(root / "ipython"),
                "MPLCONFIGDIR": str(root / "mpl")},
    }
    (kernels / "python3" / "kernel.json").write_text(json.dumps(spec), encoding="utf-8")
    nb = nbformat.read(NOTEBOOK, as_version=4)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("JUPYTER_RUNTIME_DIR", str(root / "runtime"))  # connection files stay in tmp
        km = KernelManager(kernel_name="python3", kernel_spec_manager=KernelSpecManager(kernel_dirs=[str(kernels)]))
        NotebookClient(nb, km=km, timeout=300, resources={"metadata": {"path": str(ROOT)}}).execute()
    return nb, data, figure


def printed(nb) -> str:
    return "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.outputs
                   if o.output_type == "stream")


def test_the_notebook_runs_without_error_on_the_kernel_of_this_interpreter(executed):
    nb, _, _ = executed
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert outputs and not [o for o in outputs if o.output_type == "error"]
    assert all(c.execution_count for c in nb.cells if c.cell_type == "code")


def test_the_notebook_counts_quotes_per_speaker(executed):
    nb, out, _ = executed
    quotes = pq.read_table(out / "quotes.parquet").to_pylist()
    attributed = [q for q in quotes if q["speaker_id"]]
    text = printed(nb)
    assert f"quotes with a speaker: {len(attributed)} of {len(quotes)}" in text
    counts = {}
    for q in attributed:
        counts[q["speaker_name"]] = counts.get(q["speaker_name"], 0) + 1
    top = max(counts.values())
    assert any(name in text for name, n in counts.items() if n == top)


def test_the_notebook_plots_quotes_over_time(executed):
    nb, out, figure = executed
    dated = [q for q in pq.read_table(out / "quotes.parquet").to_pylist() if q["quote_date"]]
    months = {q["quote_date"].strftime("%Y-%m") for q in dated}
    assert f"{len(dated)} dated quotes over {len(months)} months" in printed(nb)
    assert figure.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_notebook_shows_a_quote_beside_its_source_text(executed, built):
    nb, out, _ = executed
    quote = next(q for q in pq.read_table(out / "quotes.parquet").to_pylist() if q["speaker_id"])
    text = printed(nb)
    assert f"quote    : {quote['text']}\n" in text
    if "raw_text" not in pq.read_schema(out / "articles.parquet").names:  # a release without the texts
        article = next(a for a in pq.read_table(out / "articles.parquet").to_pylist()
                       if a["article_id"] == quote["article_id"])
        url = "<NA>" if article["url"] is None else article["url"]
        assert f"source   : this folder has no article texts; the article: {url} | {article['source_name']}\n" in text
        return
    raw = {a["article_id"]: a["raw_text"] for a in pq.read_table(out / "articles.parquet").to_pylist()}
    source = raw[quote["article_id"]][quote["raw_start"]:quote["raw_end"]]
    assert f"source   : {source}\n" in text
    assert f"[[{source}]]" in text
