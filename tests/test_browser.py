"""The notebook display in a real browser (tools/screenshot_display.py, headless Chromium).

The screenshot of a seed page's display must show its text, the legend, and every highlight
colour the page's spans use (and none it does not use); Chinese must be drawn with real glyphs,
not the empty boxes ("tofu") of a font without them.  Chromium is Debian's ``chromium``
(``.ci/run`` installs it with ``fonts-noto-cjk``): without it these tests skip, except under
``CI``, where they fail.
"""

from __future__ import annotations

import os
from pathlib import Path

import matplotlib as mpl
import numpy as np
import numpy.typing as npt
import pytest
from matplotlib import image

import cnews_ie
from cnews_ie.display import COLOURS, highlighted_spans
from scripts import load_script

pytestmark = pytest.mark.slow  # a headless browser

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_c3c6e2b65bf3fb33.txt"
MAX_CHARS = 1450  # far enough into the page to reach its first projects
WIDTH, HEIGHT = 1000, 2300  # tall enough for the whole excerpt: every span is on screen

Pixels = npt.NDArray[np.int16]


TOOL = load_script("tools/screenshot_display.py")


@pytest.fixture(scope="module")
def browser() -> str:
    path: str | None = TOOL.find_browser()
    if path is None:
        if os.environ.get("CI"):  # CI installs chromium: never skip the browser check there
            pytest.fail("no Chromium found; .ci/run installs it (apt-get install chromium)")
        pytest.skip("no Chromium on this machine (apt-get install chromium)")
    return path


def _pixels(png: Path) -> Pixels:
    rgb = image.imread(png)[..., :3]  # PNG: floats in [0, 1]
    pixels: Pixels = np.rint(rgb * 255).astype(np.int16)
    return pixels


def _mask(pixels: Pixels, colour: str) -> npt.NDArray[np.bool_]:
    rgb = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    return np.asarray((np.abs(pixels - rgb) <= 2).all(axis=2))


@pytest.fixture(scope="module")
def screenshot(browser: str, tmp_path_factory: pytest.TempPathFactory) -> Pixels:
    png = tmp_path_factory.mktemp("browser") / "display.png"
    argv = [str(SEED), "--out", str(png), "--max-chars", str(MAX_CHARS)]
    assert TOOL.main([*argv, "--width", str(WIDTH), "--height", str(HEIGHT)]) == 0
    return _pixels(png)


def test_page_shows_text_and_fits_the_window(screenshot: Pixels) -> None:
    assert screenshot.shape == (HEIGHT, WIDTH, 3)
    dark = (screenshot.max(axis=2) < 100).sum()  # text strokes
    assert dark > 20_000
    assert (screenshot[-150:] == 255).all()  # white below the text: nothing is cut off


def test_every_highlight_colour_in_use_is_shown(screenshot: Pixels) -> None:
    doc = cnews_ie.extract(SEED.read_text(encoding="utf-8"))
    used = {kind for kind, _, _ in highlighted_spans(doc, MAX_CHARS)}
    assert len(used) >= 4
    masks = {kind: _mask(screenshot, colour) for kind, colour in COLOURS.items()}
    coloured_rows = np.flatnonzero(np.any([m.any(axis=1) for m in masks.values()], axis=0))
    # the legend is the first band of coloured rows; the text's highlights come after it
    legend_end = coloured_rows[np.flatnonzero(np.diff(coloured_rows) > 1)[0]] + 1
    for kind, mask in masks.items():
        assert mask[:legend_end].sum() > 100, f"{kind} missing from the legend"
        in_text = int(mask[legend_end:].sum())
        if kind in used:
            assert in_text > 100, f"no {kind} highlight on screen"
        else:
            assert in_text == 0, f"{kind} colour on screen but no {kind} span"


def _glyph_cells(browser_env: dict[str, str] | None, tmp_path: Path) -> list[Pixels]:
    """Three Chinese characters and one no font has (U+10FFFD), each drawn large in its own
    cell with the display's page style, cropped from the screenshot."""
    chars = "金昌亿\U0010fffd"
    cells = "".join(
        f'<div style="position:absolute;left:{20 + 120 * i}px;top:20px;width:100px;'
        f'height:100px;font-size:80px;line-height:100px">{c}</div>'
        for i, c in enumerate(chars)
    )
    page = tmp_path / "glyphs.html"
    page.write_text(
        TOOL.page_html(f'<div class="cnews-ie" lang="zh-CN">{cells}</div>'), encoding="utf-8"
    )
    png = tmp_path / "glyphs.png"
    TOOL.screenshot(page, png, 600, 200, env=browser_env)
    pixels = _pixels(png)
    return [pixels[20:120, 20 + 120 * i : 120 + 120 * i] for i in range(len(chars))]


def _differ(a: Pixels, b: Pixels) -> bool:
    return float(np.abs(a - b).mean()) > 10  # distinct glyphs differ by ~50 of 255 on average


def _drawn_as_glyphs(cells: list[Pixels]) -> bool:
    *chinese, missing = cells
    inked = all((cell.max(axis=2) < 128).sum() > 300 for cell in chinese)
    # tofu: every character is the same box, the one drawn for a character no font has
    distinct = all(_differ(a, b) for i, a in enumerate(cells) for b in cells[i + 1 :])
    return inked and distinct and all(_differ(cell, missing) for cell in chinese)


def test_chinese_is_drawn_with_glyphs_not_tofu(browser: str, tmp_path: Path) -> None:
    assert _drawn_as_glyphs(_glyph_cells(None, tmp_path))


def test_tofu_is_detected(browser: str, tmp_path: Path) -> None:
    # the same page when fontconfig knows only DejaVu Sans (no Chinese): the check must fail
    fonts = Path(mpl.get_data_path()) / "fonts" / "ttf"
    conf = tmp_path / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd">'
        f"<fontconfig><dir>{fonts}</dir><cachedir>{tmp_path / 'cache'}</cachedir></fontconfig>",
        encoding="utf-8",
    )
    env = {**os.environ, "FONTCONFIG_FILE": str(conf)}
    assert not _drawn_as_glyphs(_glyph_cells(env, tmp_path))
