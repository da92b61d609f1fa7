"""Loading a script of the repository (``tools/``, ``training/``) as a module, and writing a
small raw-news corpus for the miners, for the tests."""

from __future__ import annotations

import importlib.util
import lzma
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent


def load_script(relative: str) -> ModuleType:
    """The module of the script at ``ROOT / relative`` (``tools/mine_metric_heads.py``), named
    after its file, executed once per call."""
    path = ROOT / relative
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def write_corpus(directory: Path, documents: Sequence[str], repeat: int) -> Path:
    """An xz-compressed corpus of ``documents`` ``repeat`` times over, one a line, in the form
    of ``../shared/rawnews`` (what the miners in ``tools/`` read)."""
    corpus = directory / "news.txt.xz"
    with lzma.open(corpus, "wt", encoding="utf-8") as f:
        f.write("\n".join(list(documents) * repeat) + "\n")
    return corpus
