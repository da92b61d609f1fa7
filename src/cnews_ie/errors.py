"""The library's exceptions.  Every error says what was wrong and what to do about it."""

from __future__ import annotations

__all__ = ["CnewsIEError", "FigureParseError", "FontError", "ModelError"]


class CnewsIEError(Exception):
    """Base class of every exception raised by cnews_ie."""


class FigureParseError(CnewsIEError, ValueError):
    """A string given to :func:`cnews_ie.parse_figure` is not one figure."""


class FontError(CnewsIEError, RuntimeError):
    """No font with Chinese glyphs was found for matplotlib (see :func:`cnews_ie.display.use_cjk_font`)."""


class ModelError(CnewsIEError, RuntimeError):
    """An NER model could not be found, verified or loaded."""
