"""The notebooks in notebooks/ run from a clean kernel, and are committed without outputs.

Each notebook runs with ``nbclient`` in a fresh ``python3`` kernel whose working directory is
notebooks/ (the notebooks find the seed pages at ``../seeds``) and which imports the same
cnews_ie as these tests.  A cell that raises fails the test, and so does any output on stderr:
a warning, such as matplotlib's "Glyph … missing from font", is an error here as everywhere in
the test suite.
"""

from __future__ import annotations

import os
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

import cnews_ie
from cnews_ie import FontError
from cnews_ie.display import use_cjk_font

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
SRC = Path(cnews_ie.__file__).resolve().parents[1]  # the cnews_ie these tests import


def test_the_notebooks_are_there() -> None:
    assert {p.name for p in NOTEBOOKS} >= {"quickstart.ipynb", "seed_analysis.ipynb"}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_is_committed_without_outputs(path: Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    nbformat.validate(notebook)
    assert notebook.metadata["kernelspec"]["name"] == "python3"
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert (cell.outputs, cell.execution_count) == ([], None), cell.source[:60]


def _chinese_font_or_skip() -> None:
    """Skip, saying why, where no font with Chinese glyphs is installed (a fresh machine: see the
    README), as tests/test_fonts.py does; CI installs one, so there it fails instead."""
    import matplotlib as mpl

    try:
        with mpl.rc_context():
            use_cjk_font()
    except FontError as error:
        if os.environ.get("CI"):
            raise
        pytest.skip(f"the notebook draws a chart with Chinese labels: {error}")


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs_without_errors_or_warnings(path: Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    if any("use_cjk_font" in cell.source for cell in notebook.cells):
        _chinese_font_or_skip()
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(SRC), os.environ.get("PYTHONPATH")])),
        "MPLBACKEND": "module://matplotlib_inline.backend_inline",  # headless: PNGs in outputs
    }
    client = NotebookClient(
        notebook,
        kernel_name="python3",
        timeout=600,  # per cell; the first extract loads the NER model
        resources={"metadata": {"path": str(path.parent)}},  # the kernel's working directory
    )
    client.execute(env=env)  # raises CellExecutionError, naming the cell, if one fails
    stderr = [
        output["text"]
        for cell in notebook.cells
        for output in cell.get("outputs", [])
        if output["output_type"] == "stream" and output["name"] == "stderr"
    ]
    assert stderr == []
    if any("matplotlib" in cell.source for cell in notebook.cells):  # its charts were drawn
        outputs = [o for cell in notebook.cells for o in cell.get("outputs", [])]
        assert any("image/png" in o.get("data", {}) for o in outputs)
