"""cnews_ie: typed, linked facts from Chinese news text.

>>> import cnews_ie
>>> doc = cnews_ie.extract("全市实现地区生产总值620.06亿元，增长13.6%。")
>>> doc.figures[0].value, doc.figures[0].unit
(Decimal('62006000000'), '元')

Heavy dependencies (torch, HanLP, pandas) are imported on first use, never on import.
"""

from __future__ import annotations

from cnews_ie.errors import CnewsIEError, FigureParseError, FontError, ModelError
from cnews_ie.extractor import Extractor, extract, extract_many
from cnews_ie.frame import extract_frame, read_frame, to_frame
from cnews_ie.lexicons import add_words
from cnews_ie.records import (
    Approx,
    Article,
    Change,
    Document,
    Figure,
    FigureKind,
    Location,
    Organization,
    Person,
    Project,
    Role,
    Sentence,
)
from cnews_ie.resolve import parse_figure

__all__ = [
    "Approx",
    "Article",
    "Change",
    "CnewsIEError",
    "Document",
    "Extractor",
    "Figure",
    "FigureKind",
    "FigureParseError",
    "FontError",
    "Location",
    "ModelError",
    "Organization",
    "Person",
    "Project",
    "Role",
    "Sentence",
    "__version__",
    "add_words",
    "extract",
    "extract_frame",
    "extract_many",
    "parse_figure",
    "read_frame",
    "to_frame",
]

__version__ = "0.1.0"
