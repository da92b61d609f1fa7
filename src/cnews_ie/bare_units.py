"""A bare magnitude takes the unit its indicator implies (ANNOTATION.md §3, "Bare magnitudes":
with no unit in a money context they are 元; in a population context they are persons).

A figure written with a magnitude and no unit (旅游收入超过900亿, 总人口比上年增加1万) is a
plain number until linking names its indicator.  Once it is linked:

* an indicator that ends with a word of role ``money_indicator`` (收入, 投资, 利润, 资金 …)
  is an amount of money: unit 元, kind money (``unit:money_indicator``); so is a figure right
  after a verb of role ``money_verb`` (赚, 花了, 投入, 募集: ``unit:money_verb``);
* one that ends with a word of role ``counts_persons`` (人口, 人数) counts persons: unit 人,
  kind count (``unit:persons_indicator``); one that ends with a word of role
  ``counts_households`` (农户, 住户) counts households: unit 户
  (``unit:households_indicator``);
* one that ends with a word of role ``number_of`` (总数, 数量, 数) after a head of persons
  (role ``counted_person``: 网民总数, 游客数量) counts them: unit 人, or 户 after 户 (用户数)
  (``unit:persons_number``);
* one that ends with a common noun (jieba's ``n``, or a fixed phrase, ``l``: 从业人员) of two or
  more characters whose last is of role ``counted_person`` counts those persons or households:
  unit 人, or 户 after 户
  (月均净增用户超过350万, 就业人员达1.2万; ``unit:persons_noun``), where the rule below finds
  no counting unit;
* one that ends with a counting unit of two or more characters of ``resources/units.tsv``
  (人次, 架次: 游客人次达1.2亿) counts in that unit (``unit:indicator_unit``).

* one that ends its clause, whose indicator implies nothing and counts no things (roles
  ``counts_things`` and ``number_of``: 销量, 用户数), after an amount of money with a magnitude
  in its paragraph (only rates between them) is an amount in that amount's currency: the
  paragraph is a money context (营业收入820亿元，增长9.5%。其中，文化制造业310亿 → 元; ``unit:money_context``).

Only figures whose text holds a magnitude word (万, 亿 …) are read: a number without one
(指数为102.7, a table cell) is no bare magnitude.
"""

from __future__ import annotations

from collections.abc import Sequence

from cnews_ie.backends.jieba_backend import tagged_words
from cnews_ie.lexicons import lexicon_cache, role_tuple, table
from cnews_ie.records import Figure, FigureKind
from cnews_ie.work import with_changes

__all__ = ["bare_units"]

_MAGNITUDES = ("万", "亿", "萬", "億")
_NOUN_SPAN = 6  # the end of an indicator segmented to find its last noun


@lexicon_cache
def _count_units() -> tuple[str, ...]:
    """Counting units of two or more characters (人次, 架次), longest first."""
    units = {row[1] for row in table("units", 5) if row[2] == "count" and len(row[1]) >= 2}
    return tuple(sorted(units, key=len, reverse=True))


@lexicon_cache
def _numbers_of() -> tuple[str, ...]:
    """Words of role ``number_of``, longest first (总数 before 数)."""
    return tuple(sorted(role_tuple("number_of"), key=len, reverse=True))


def _implied(metric: str) -> tuple[str, FigureKind, str] | None:
    """The unit, kind and rule an indicator ending implies, or None."""
    if metric.endswith(role_tuple("money_indicator")):
        return "元", FigureKind.MONEY, "unit:money_indicator"
    if metric.endswith(role_tuple("counts_persons")):
        return "人", FigureKind.COUNT, "unit:persons_indicator"
    if metric.endswith(role_tuple("counts_households")):
        return "户", FigureKind.COUNT, "unit:households_indicator"
    counted = next((w for w in _numbers_of() if metric.endswith(w)), None)
    head = metric[: -len(counted)] if counted else ""  # 网民总数, 游客数量, 用户数
    if head.endswith(role_tuple("counted_person")):
        persons = "户" if head.endswith("户") else "人"
        return persons, FigureKind.COUNT, "unit:persons_number"
    unit = next((u for u in _count_units() if metric.endswith(u)), None)
    if unit is not None:
        return unit, FigureKind.COUNT, "unit:indicator_unit"
    last = tagged_words(metric[-_NOUN_SPAN:])[-1:]  # 净增用户, 就业人员: a common noun of persons
    if (
        last
        and len(last[0][0]) >= 2
        and last[0][1] in ("n", "l")  # 从业人员/l: a fixed noun phrase
        and metric.endswith(role_tuple("counted_person"))
    ):
        persons = "户" if metric.endswith("户") else "人"
        return persons, FigureKind.COUNT, "unit:persons_noun"
    return None


def _after_money_verb(text: str, start: int) -> bool:
    """The figure at ``start`` follows a verb of spending or earning (赚, 花了, 投入)."""
    before = text[max(0, start - 4) : start]
    return before.endswith(role_tuple("money_verb"))


def bare_units(text: str, figures: Sequence[Figure]) -> list[Figure]:
    """``figures`` with each linked bare magnitude given the unit its indicator implies."""
    chosen: dict[int, tuple[dict[str, object], str]] = {}
    context: str | None = None  # the currency of the paragraph's last amount with a magnitude
    last_end = 0
    for fig in figures:
        if "\n" in text[last_end : fig.start]:
            context = None  # a money context holds within its paragraph
        last_end = fig.end
        if fig.kind in _RATES:
            continue  # 比上年增长26.9%: a rate between two amounts keeps their context
        magnitude = any(m in fig.text for m in _MAGNITUDES)
        if fig.kind is not FigureKind.NUMBER or fig.unit or not magnitude:
            context = fig.unit if fig.kind is FigureKind.MONEY and magnitude else None
            continue
        implied = _implied(fig.metric) if fig.metric else None
        if implied is None and _after_money_verb(text, fig.start):
            implied = "元", FigureKind.MONEY, "unit:money_verb"
        if (
            implied is None
            and context
            and text[fig.end : fig.end + 1] in _CLAUSE_ENDS
            and not (fig.metric or "").endswith(_counts_things())
        ):
            # 营业收入820亿元…，其中文化制造业达到310亿，…: an amount of the same currency
            implied = context, FigureKind.MONEY, "unit:money_context"
        if implied is not None:
            unit, kind, rule = implied
            chosen[id(fig)] = {"unit": unit, "kind": kind}, rule
        context = implied[0] if implied is not None and implied[1] is FigureKind.MONEY else None
    return with_changes(figures, chosen)


@lexicon_cache
def _counts_things() -> tuple[str, ...]:
    """Ends of an indicator of things (销量, 用户数): roles ``counts_things`` and ``number_of``."""
    return role_tuple("counts_things") + role_tuple("number_of")


_RATES = (FigureKind.PERCENT, FigureKind.PERCENTAGE_POINT, FigureKind.MULTIPLE)
# what may follow a bare magnitude that a money context gives its currency: the end of its
# clause or of the text, not a noun it counts (5万台站)
_CLAUSE_ENDS = ("", "，", ",", "。", "；", ";", "）", ")")
