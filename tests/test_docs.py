"""The documentation site: it builds without warnings, lists every page, and says what is true.

``mkdocs build --strict`` fails on any warning (a broken link or anchor, a page missing from the
nav, a cross-reference the API page cannot resolve); the output is also searched for WARNING so
that a warning never passes silently.  The examples of the pages are run as doctests, and the
command-line page must name every option and choice the command has.
"""

from __future__ import annotations

import dataclasses
import doctest
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

import cnews_ie

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"


def _env(**extra: str) -> dict[str, str]:
    """This environment with this checkout's ``src`` first on PYTHONPATH."""
    path = os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")]))
    return {**os.environ, "PYTHONPATH": path, **extra}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site, built once for this module with ``mkdocs build --strict``."""
    out = tmp_path_factory.mktemp("site")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=ROOT,
        env=_env(),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    log = result.stdout + result.stderr
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{log}"
    assert "WARNING" not in log, f"mkdocs build printed warnings:\n{log}"
    return out


def _nav_files(nav: Any) -> list[str]:
    if isinstance(nav, str):
        return [nav]
    if isinstance(nav, list):
        return [page for item in nav for page in _nav_files(item)]
    if isinstance(nav, dict):
        return [page for value in nav.values() for page in _nav_files(value)]
    return []


def test_every_page_is_in_the_nav() -> None:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["docs_dir"] == "docs"
    listed = _nav_files(config["nav"])
    pages = sorted(p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md"))
    missing = [page for page in pages if page not in listed]
    assert not missing, f"pages missing from the nav in mkdocs.yml: {missing}"
    assert sorted(listed) == sorted(set(listed)), "a page is listed twice in the nav"


def test_site_builds_with_every_page(site: Path) -> None:
    for page in DOCS.rglob("*.md"):
        name = page.relative_to(DOCS).with_suffix("")
        built = site / "index.html" if name.as_posix() == "index" else site / name / "index.html"
        assert built.is_file(), f"{page.name} was not built"


def _section(html: str, name: str) -> str:
    """The API page's HTML from ``name``'s anchor to the next top-level object's."""
    start = html.index(f'id="cnews_ie.{name}"')
    following = re.compile(rf'id="cnews_ie\.(?!{re.escape(name)}\.)[^"]+"')
    match = following.search(html, start + 1)
    return html[start : match.start() if match else len(html)]


def test_api_page_documents_the_public_api(site: Path) -> None:
    html = (site / "api" / "index.html").read_text(encoding="utf-8")
    for name in cnews_ie.__all__:
        if name != "__version__":
            assert f'id="cnews_ie.{name}"' in html, f"cnews_ie.{name} is not on the API page"
    assert "parse_figure" in _section(html, "parse_figure")
    records = [getattr(cnews_ie, n) for n in cnews_ie.__all__ if n[0].isupper()]
    for record in records:
        if not (isinstance(record, type) and dataclasses.is_dataclass(record)):
            continue
        text = re.sub(r"<[^>]+>", "", _section(html, record.__name__))
        for field in dataclasses.fields(record):
            assert f"{field.name}:" in text, (
                f"{record.__name__}.{field.name} is not on the API page"
            )


@pytest.mark.parametrize(
    "page", sorted(p.name for p in DOCS.glob("*.md") if ">>> " in p.read_text(encoding="utf-8"))
)
def test_page_examples_run(page: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every ```python block with >>> prompts on a page is a doctest (run from the repository
    root, so that paths such as seeds/… resolve)."""
    monkeypatch.chdir(ROOT)
    text = (DOCS / page).read_text(encoding="utf-8")
    source = "\n".join(
        block
        for block in re.findall(r"```python\n(.*?)```", text, flags=re.DOTALL)
        if ">>>" in block
    )
    test = doctest.DocTestParser().get_doctest(source, {}, page, str(DOCS / page), 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    report: list[str] = []
    runner.run(test, out=report.append)
    assert runner.failures == 0, "".join(report)
    assert runner.tries > 0


def test_cli_page_names_every_option_and_choice() -> None:
    help_text = subprocess.run(
        [sys.executable, "-m", "cnews_ie", "--help"],
        cwd=ROOT,
        env=_env(COLUMNS="200"),
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    page = (DOCS / "cli.md").read_text(encoding="utf-8")
    options = set(re.findall(r"(?<![\w-])(--?[a-z][\w-]*)", help_text)) - {"-h", "--help"}
    choices = {c for group in re.findall(r"\{([^}]*)\}", help_text) for c in group.split(",")}
    assert options
    assert choices
    undocumented = sorted(w for w in options | choices if f"`{w}`" not in page)
    assert not undocumented, f"docs/cli.md does not describe {undocumented}"
