"""The repository tracks the project's files only: no output of a shell redirect or a CLI run
(a file named like a score, ``0.8478``, or ``articles.csv``) committed at its root."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ROOT_FILES = {".gitignore", "README.md", "mkdocs.yml", "pyproject.toml"}


def test_only_project_files_at_the_root() -> None:
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    tracked = subprocess.run(
        ["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split("\n")
    at_root = {name for name in tracked if name and "/" not in name}
    assert at_root <= ROOT_FILES, sorted(at_root - ROOT_FILES)
