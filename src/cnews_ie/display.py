"""Rich display in notebooks: the text with its figures and entities highlighted (displaCy-like),
and a Chinese font for matplotlib charts.

One colour per kind, a legend, and the layout's line breaks kept.  Overlapping spans are
resolved with the library's one overlap policy (``entities.filter_spans``).

:func:`use_cjk_font` finds an installed font that has Chinese glyphs: matplotlib's default
(DejaVu Sans) has none and draws empty boxes, with a "Glyph … missing from font" warning.
matplotlib is imported only when it is called.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from cnews_ie.errors import FontError
from cnews_ie.spans import filter_spans

if TYPE_CHECKING:
    from matplotlib.ft2font import FT2Font

    from cnews_ie.records import Document

__all__ = [
    "COLOURS",
    "FONT_ENV",
    "KNOWN_CJK_FAMILIES",
    "document_html",
    "highlighted_spans",
    "use_cjk_font",
]

COLOURS = {
    "figure": "#ffe08a",
    "person": "#aad7f5",
    "organization": "#c9b6f2",
    "location": "#b9e4b0",
    "project": "#f6c1a6",
}
# a highlight broken over two lines keeps its padding and rounded corners on both
_HIGHLIGHT = (
    "color:#000;padding:0 2px;border-radius:3px;"
    "-webkit-box-decoration-break:clone;box-decoration-break:clone"
)


def highlighted_spans(doc: Document, max_chars: int = 20_000) -> list[tuple[str, int, int]]:
    """The ``(kind, start, end)`` spans :func:`document_html` highlights: every figure and entity
    ending within the first ``max_chars`` characters, overlaps resolved by ``filter_spans``."""
    kinds = (
        ("figure", doc.figures),
        ("person", doc.people),
        ("organization", doc.organizations),
        ("location", doc.locations),
        ("project", doc.projects),
    )
    spans = [
        (kind, r.start, r.end) for kind, records in kinds for r in records if r.end <= max_chars
    ]
    return filter_spans(spans)


def document_html(doc: Document, max_chars: int = 20_000) -> str:
    """HTML of ``doc.text`` (at most ``max_chars`` characters) with highlighted spans.

    The text's line breaks are kept, the blank lines around it are not.  ``lang="zh-CN"`` lets
    the browser pick Simplified Chinese glyph forms; highlights and legend set a dark text colour
    of their own, so they stay readable in a dark notebook theme.
    """
    text = doc.text[:max_chars]
    spans = highlighted_spans(doc, max_chars)
    at = min(len(text) - len(text.lstrip()), spans[0][1] if spans else len(text))
    stop = max(len(text.rstrip()), spans[-1][2] if spans else 0)
    parts = []
    for kind, start, end in spans:
        parts.append(escape(text[at:start]))
        label = escape(kind)
        parts.append(
            f'<mark style="background:{COLOURS[kind]};{_HIGHLIGHT}" title="{label}">'
            f'{escape(text[start:end])}<sub style="font-size:0.6em">{label}</sub></mark>'
        )
        at = end
    parts.append(escape(text[at:stop]))
    body = "".join(parts).replace("\n", "<br>")
    if len(doc.text) > max_chars:
        more = len(doc.text) - max_chars
        body += f'<br><span style="color:#888">… ({more:,} more characters)</span>'
    legend = " ".join(
        f'<span style="background:{colour};color:#000;padding:0 4px;border-radius:3px">'
        f"{escape(kind)}</span>"
        for kind, colour in COLOURS.items()
    )
    return (
        f'<div class="cnews-ie" lang="zh-CN"><div style="margin-bottom:6px">{legend}</div>'
        f'<div style="line-height:2">{body}</div></div>'
    )


FONT_ENV = "CNEWS_IE_FONT"
# Families with Simplified Chinese glyphs, preferred first: the free ones Linux distributions
# package, then the ones Windows and macOS ship.
KNOWN_CJK_FAMILIES = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "Sarasa Gothic SC",
    "Sarasa UI SC",
    "Microsoft YaHei",
    "SimHei",
    "PingFang SC",
    "Hiragino Sans GB",
    "Heiti SC",
    "STHeiti",
    "Noto Serif CJK SC",
    "Source Han Serif SC",
    "AR PL UMing CN",
    "SimSun",
)
_PROBE = "金昌市生产总值亿元增长"  # characters every font used for the charts must draw
_INSTALL_HINT = "Debian/Ubuntu: apt-get install fonts-noto-cjk"


def use_cjk_font() -> str:
    """Make matplotlib draw Chinese text: find a font with Chinese glyphs, put its family first in
    ``rcParams["font.sans-serif"]`` (the others stay as fallbacks), set ``font.family`` to
    sans-serif, and return the family name.

    The font is, in this order: the file named by the environment variable ``CNEWS_IE_FONT``;
    the first of ``cnews_ie.display.KNOWN_CJK_FAMILIES`` in matplotlib's font list; the first file that
    ``fc-list :lang=zh`` reports (registered with matplotlib, whose font cache may predate the
    font's installation).  Each candidate must have a glyph for a few test characters.  The
    search runs once per process (per value of ``CNEWS_IE_FONT``); the rcParams are set on
    every call.  Raises :class:`cnews_ie.FontError` saying what to install when none is found.
    """
    import matplotlib as mpl

    family = _find_cjk_family(os.environ.get(FONT_ENV) or None)
    mpl.rcParams["font.family"] = ["sans-serif"]
    mpl.rcParams["font.sans-serif"] = [
        family,
        *(name for name in mpl.rcParams["font.sans-serif"] if name != family),
    ]
    return family


@functools.cache
def _find_cjk_family(env_path: str | None) -> str:
    if env_path is not None:
        try:
            return _register_font_file(Path(env_path))
        except FontError as error:
            raise FontError(
                f"{FONT_ENV}={env_path}: {error}; point it to a .ttf/.otf/.ttc file with Chinese "
                f"glyphs, or unset it to use an installed font ({_INSTALL_HINT})"
            ) from None
    family = _known_family() or _fc_list_family()
    if family is None:
        raise FontError(
            "no font with Chinese glyphs found for matplotlib charts: install one "
            f"({_INSTALL_HINT}) or set {FONT_ENV} to a .ttf/.otf/.ttc file of one"
        )
    return family


def _face(path: str, index: int = 0) -> FT2Font:
    from matplotlib.ft2font import FT2Font

    try:
        return FT2Font(path, face_index=index)
    except TypeError:  # matplotlib < 3.10 opens the first face of a collection only
        return FT2Font(path)


def _missing_glyphs(font: FT2Font) -> str:
    return "".join(c for c in _PROBE if font.get_char_index(ord(c)) == 0)


def _known_family() -> str | None:
    from matplotlib import font_manager

    entries = font_manager.fontManager.ttflist
    for family in KNOWN_CJK_FAMILIES:
        for entry in entries:
            if entry.name == family and Path(entry.fname).is_file():
                if not _missing_glyphs(_face(entry.fname, getattr(entry, "index", 0))):
                    return family
                break
    return None


def _register_font_file(path: Path) -> str:
    """Register one font file with matplotlib and return its family name.

    Raises FontError when the file is missing, unreadable or lacks Chinese glyphs.
    """
    from matplotlib import font_manager

    if not path.is_file():
        raise FontError("no such file")
    try:
        first = _face(str(path))
        faces = [first] + [_face(str(path), i) for i in range(1, getattr(first, "num_faces", 1))]
    except (OSError, RuntimeError, ValueError) as error:  # FreeType cannot read it
        raise FontError(f"not a font file matplotlib can read ({error})") from None
    # In a collection (.ttc) prefer the Simplified Chinese face (Noto Sans CJK: face 0 is JP).
    font = min(
        faces,
        key=lambda face: (
            KNOWN_CJK_FAMILIES.index(face.family_name)
            if face.family_name in KNOWN_CJK_FAMILIES
            else len(KNOWN_CJK_FAMILIES)
        ),
    )
    missing = _missing_glyphs(font)
    if missing:
        raise FontError(f"the font {font.family_name!r} has no glyph for {missing}")
    if not any(entry.name == font.family_name for entry in font_manager.fontManager.ttflist):
        font_manager.fontManager.addfont(str(path))
    return font.family_name


def _fc_list_family() -> str | None:
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return None
    try:
        listing = subprocess.run(
            [fc_list, "--format", "%{file}\\n", ":lang=zh"],
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    files = sorted(
        {line.strip() for line in listing.splitlines() if line.strip()},
        # regular sans faces first: the charts' text is sans-serif
        key=lambda f: (any(w in Path(f).name.lower() for w in ("serif", "mono", "bold")), f),
    )
    for file in files:
        try:
            return _register_font_file(Path(file))
        except FontError:
            continue
    return None
