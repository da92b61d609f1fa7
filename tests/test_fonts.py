"""A Chinese font for matplotlib charts: found, registered, verified, or a clear error."""

from __future__ import annotations

import io
import os
import shutil
import warnings
from collections.abc import Iterator
from pathlib import Path

import matplotlib as mpl
import pytest
from matplotlib import font_manager
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

import cnews_ie
from cnews_ie import display

DEJAVU = Path(mpl.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"  # ships with matplotlib


@pytest.fixture(autouse=True)
def _restore_rcparams(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.delenv(display.FONT_ENV, raising=False)
    with mpl.rc_context():
        yield


def _cjk_font() -> str:
    try:
        return display.use_cjk_font()
    except cnews_ie.FontError as error:
        if os.environ.get("CI"):  # CI installs fonts-noto-cjk: never skip the chart checks there
            raise
        pytest.skip(str(error))


def _missing_glyph_warnings() -> list[str]:
    """Draw a chart with Chinese title, labels and ticks to PNG with Agg; the glyph warnings."""
    fig = Figure(figsize=(4, 3))
    FigureCanvasAgg(fig)
    ax = fig.subplots()
    ax.barh(["地区生产总值", "固定资产投资"], [620.06, 414.03])
    ax.set_title("金昌市主要指标")
    ax.set_xlabel("亿元")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig.savefig(io.BytesIO(), format="png")
    return [str(w.message) for w in caught if "missing from font" in str(w.message)]


def test_chinese_chart_has_no_missing_glyphs() -> None:
    family = _cjk_font()
    assert mpl.rcParams["font.sans-serif"][0] == family
    assert _missing_glyph_warnings() == []


def test_default_font_misses_chinese_glyphs() -> None:
    # the check above can fail: without a CJK font the same chart warns
    mpl.rcParams["font.family"] = ["DejaVu Sans"]
    assert _missing_glyph_warnings()


def test_font_from_environment_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    family = _cjk_font()
    path = font_manager.findfont(font_manager.FontProperties(family=family))
    monkeypatch.setenv(display.FONT_ENV, path)
    assert display.use_cjk_font() == family


def test_missing_font_file_is_a_clear_error(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv(display.FONT_ENV, str(tmp_path / "nonexistent.ttf"))
    with pytest.raises(cnews_ie.FontError, match=r"nonexistent\.ttf: no such file") as error:
        display.use_cjk_font()
    assert "apt-get install fonts-noto-cjk" in str(error.value)


def test_font_without_chinese_glyphs_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(display.FONT_ENV, str(DEJAVU))
    with pytest.raises(cnews_ie.FontError, match="'DejaVu Sans' has no glyph for 金"):
        display.use_cjk_font()


def test_fc_list_finds_a_font_matplotlib_has_not_cached(monkeypatch: pytest.MonkeyPatch) -> None:
    family = _cjk_font()
    if shutil.which("fc-list") is None and not os.environ.get("CI"):
        pytest.skip("no fc-list (fontconfig) on this machine")
    # matplotlib's font cache written before the font was installed: no CJK family in it
    stale = [
        e for e in font_manager.fontManager.ttflist if e.name not in display.KNOWN_CJK_FAMILIES
    ]
    monkeypatch.setattr(font_manager.fontManager, "ttflist", stale)
    assert display._known_family() is None
    assert display._find_cjk_family.__wrapped__(None) == family
    assert any(e.name == family for e in font_manager.fontManager.ttflist)  # registered


def test_no_font_at_all_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(font_manager.fontManager, "ttflist", [])
    monkeypatch.setenv("PATH", str(tmp_path))  # no fc-list
    with pytest.raises(cnews_ie.FontError, match="apt-get install fonts-noto-cjk"):
        display._find_cjk_family.__wrapped__(None)
