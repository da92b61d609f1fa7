"""The records cnews_ie returns: frozen, slotted dataclasses.

Conventions shared by every record:

* ``start``/``end`` are half-open character offsets into the text the caller passed in, even when
  layout repair changed the text internally; ``doc.text[r.start:r.end] == r.text`` for figures and
  entities.
* ``value`` fields are :class:`decimal.Decimal`, exact; the magnitude (万, 亿 …) is folded into the
  value and the unit is kept as written without it (620.06亿元 → 62006000000, unit 元).
* Enumerations are ``str`` enums, so they print and compare as their values.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "Approx",
    "Article",
    "Change",
    "Document",
    "Figure",
    "FigureKind",
    "Location",
    "Organization",
    "Person",
    "Project",
    "Role",
    "Sentence",
]


class FigureKind(StrEnum):
    """What a figure counts or measures."""

    MONEY = "money"
    """A currency unit: 元, 美元, 港元 …"""
    PERCENT = "percent"
    """%, 百分之…, 成; the value is in percent units (13.6% → 13.6)."""
    PERCENTAGE_POINT = "percentage_point"
    """个百分点: its own unit, never %."""
    QUANTITY = "quantity"
    """A measurement unit: 吨, 平方米, 千瓦时, GWh …"""
    COUNT = "count"
    """A classifier: 人, 名, 个, 项, 家, 次, 件 …"""
    MULTIPLE = "multiple"
    """倍, 翻一番 (value 2), 翻两番 (value 4)."""
    NUMBER = "number"
    """A bare number with no unit written: 签约金额90.2亿."""


class Change(StrEnum):
    """Direction of a rate, from the verb before it (增长 / 下降 …)."""

    INCREASE = "increase"
    """增长, 增加, 提高 … (``resources/changes.tsv``)."""
    DECREASE = "decrease"
    """下降, 减少, 回落 … (a minus sign makes the value negative, not a decrease)."""


class Approx(StrEnum):
    """How a qualifier bends the written value (约 / 超 / 近 / 至少 / 最多 …).

    The words listed for each member are examples; ``resources/qualifiers.tsv`` has them all.
    """

    ABOUT = "about"
    """约, 左右, 上下, 大约."""
    OVER = "over"
    """超, 逾, 余, 多, 以上, 突破: more than the value."""
    UNDER = "under"
    """近, 不到, 不足, 以下: less than the value."""
    AT_LEAST = "at_least"
    """至少, 不少于, 不低于."""
    AT_MOST = "at_most"
    """最多, 至多, 不超过, 以内."""


class Role(StrEnum):
    """Layout role of a reconstructed text block."""

    BODY = "body"
    """Body text."""
    HEADING = "heading"
    """Headlines, subtitles, subheadings, vertical text."""
    CREDIT = "credit"
    """Bylines, photo credits, names in brackets (page-jump notes are removed, not kept)."""


@dataclass(frozen=True, slots=True)
class Figure:
    """One numeric figure: a found span and its exact, normalised value.

    ``value`` is the lower bound when the figure is a range; ``value_max`` then holds the upper
    bound (``None`` otherwise).  Values are magnitudes as written: 下降3.3% is 3.3 with
    ``change=Change.DECREASE``; only a written minus sign or 零下 makes a value negative
    (净利润-3.5亿元 is -350000000, a loss, with no change).  ``rule`` names the pattern that found it.

    Linking (``cnews_ie.link``) fills ``metric`` (the indicator as written: 地区生产总值),
    ``subject`` (全市, 金昌市, 园区), ``period`` (2024年, 今年前三季度) and ``base`` (the figure a
    growth rate belongs to); ``links`` lists the rule behind each, as ``field:rule``.
    """

    text: str
    start: int
    end: int
    value: Decimal
    unit: str
    kind: FigureKind
    value_max: Decimal | None = None
    approx: Approx | None = None
    change: Change | None = None
    rule: str = ""
    metric: str | None = None
    subject: str | None = None
    period: str | None = None
    base: Figure | None = None
    links: tuple[str, ...] = ()

    @property
    def is_range(self) -> bool:
        """Whether the figure is a range (``value_max`` is set)."""
        return self.value_max is not None


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence (or heading, or credit line) of the repaired text.

    ``text`` is the repaired form (line breaks of the layout removed); ``start``/``end`` locate
    its first and last characters in the caller's text, so ``doc.text[start:end]`` may still
    contain the layout's line breaks.
    """

    text: str
    start: int
    end: int
    role: Role = Role.BODY


@dataclass(frozen=True, slots=True)
class Person:
    """A person's name, with the titles and organisation written with it (市长; 记者, 甘肃日报).

    ``source`` names what found it (``hanlp:cnews-ner``, ``jieba`` …).
    """

    name: str
    start: int
    end: int
    source: str = ""
    titles: tuple[str, ...] = ()
    organization: str | None = None


@dataclass(frozen=True, slots=True)
class Organization:
    """An organisation's name; ``source`` is ``parent`` for a parent organisation named at the
    start of a longer one (兰石集团 in 兰石集团能源装备研究院), ``organ`` for a level organ
    standing alone (省委、省政府: ``cnews_ie.organs``), ``outlet`` for an outlet a dateline or
    source credit names (``cnews_ie.outlets``), ``list`` for a zone listed next to an organisation
    (财政局、开发区: ``cnews_ie.zones``)."""

    name: str
    start: int
    end: int
    source: str = ""


@dataclass(frozen=True, slots=True)
class Location:
    """A place name: a model span completed with the gazetteer of administrative divisions
    (金昌 → 金昌市), or a division the model missed (``source`` ``gazetteer``)."""

    name: str
    start: int
    end: int
    source: str = ""


@dataclass(frozen=True, slots=True)
class Project:
    """A named project (金川30万吨铜冶炼工艺技术提升项目) with what its sentence says about it.

    ``investment`` and ``capacity`` are figures of the same Document; ``status`` is one of
    ``signed``, ``started``, ``under_construction``, ``completed``, ``in_operation``,
    ``planned``, ``approved``.
    """

    name: str
    start: int
    end: int
    investment: Figure | None = None
    capacity: Figure | None = None
    owner: str | None = None
    status: str | None = None
    location: str | None = None


@dataclass(frozen=True, slots=True)
class Article:
    """One article of a page: ``[start, end)`` in the caller's text, with its headline and byline
    where the layout gives them (``None`` otherwise)."""

    start: int
    end: int
    headline: str | None = None
    byline: str | None = None


@dataclass(frozen=True, slots=True, repr=False)
class Document:
    """Everything extracted from one text.

    ``text`` is the caller's text, unchanged; ``clean_text`` is the layout-repaired text the
    stages read (sentences joined across broken lines, page-jump markers and repeated blocks
    removed).  Every record's offsets point into ``text``.
    """

    text: str
    clean_text: str = ""
    sentences: tuple[Sentence, ...] = ()
    figures: tuple[Figure, ...] = ()
    people: tuple[Person, ...] = ()
    organizations: tuple[Organization, ...] = ()
    locations: tuple[Location, ...] = ()
    projects: tuple[Project, ...] = ()
    articles: tuple[Article, ...] = ()

    def __repr__(self) -> str:
        counts = ", ".join(
            f"{name}={len(getattr(self, name))}"
            for name in (
                "sentences",
                "figures",
                "people",
                "organizations",
                "locations",
                "projects",
                "articles",
            )
        )
        head = self.text[:20].replace("\n", " ")
        more = "…" if len(self.text) > 20 else ""
        return f"Document(text={head!r}{more} ({len(self.text):,} chars), {counts})"

    def _repr_html_(self) -> str:
        """The text with figures and entities highlighted (shown by Jupyter)."""
        from cnews_ie.display import document_html

        return document_html(self)

    def article_of(
        self, record: Figure | Person | Organization | Location | Project | Sentence
    ) -> Article | None:
        """The article a record belongs to (the one whose span holds its start)."""
        for article in self.articles:
            if article.start <= record.start < article.end:
                return article
        return None

    def to_frame(self, kind: str = "figures") -> pd.DataFrame:
        """Return one record kind as a pandas DataFrame (see :func:`cnews_ie.to_frame`)."""
        from cnews_ie.frame import to_frame

        return to_frame([self], kind)
