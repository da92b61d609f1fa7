"""A clause that gives only what a value is about and a copula before a percent states the same
indicator as the percent before it in its sentence (ANNOTATION §8: the indicator is what the
figure measures, the place is its subject): 研发经费支出占生产总值的2.1%，浙江为2.8% → 2.8%
measures 研发经费支出占生产总值, not the amount before (``metric:parallel``).  So does an
amount with no indicator of its own after an earlier amount of its kind and unit: 东岭银行新增贷款
420亿元，西川银行为315亿元 → 新增贷款 (its clause names only what the amount is about).

An amount of an earlier time (its clause names one: role ``earlier_period``, 上年同期) whose
indicator is the head of the previous amount's, with at most a verb before it, is the value of
that indicator then (``metric:earlier_value``): 归属于股东的净亏损3000万元，而上年同期录得亏损2100万
元 → 归属于股东的净亏损 (ANNOTATION §8: the indicator, as the text names it).

An amount with no indicator that a comparison names as an earlier time's value (a word of role
``compares``, a period and 的 right before it: ``bounds.compared_value``, which gives it that time
as period) is the value of the amount before it (``metric:compared_value``): 营业收入达到3.2亿元，
高于去年同期的2.9亿元 → 营业收入 (ANNOTATION §8).

An amount whose clause opens with a word that qualifies a figure (role ``aside``: 按, 按照) and
ends with a verb of computing (role ``closes_aside``: 计算, 折算), with at most a light verb
after it, is the amount before it converted (``metric:converted``):
人均地区生产总值52310元，按年平均汇率计算为7580美元 → 人均地区生产总值（按年平均汇率计算）, not
汇率 (ANNOTATION §8, §14: an equivalent is a figure of the same indicator, with a gloss).

Linking gives such a percent the indicator of the nearest amount (``metric:from_base``), or
none, or the word that refers back to the indicator (role ``same_indicator``: 同类指标, 这一比例);
here the clause from the last clause mark to the percent is at most a few characters ending in a
copula (role ``parallel_copula``: 为, 是), and the nearest earlier percent of the sentence with
an indicator gives it, with its base.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from cnews_ie.bounds import compared_value
from cnews_ie.gazetteer import is_place_name, org_heads
from cnews_ie.lexicons import role_tuple, role_words
from cnews_ie.metric import names_indicator
from cnews_ie.patterns import CLAUSE_END_CHARS, SENTENCE_END
from cnews_ie.records import Figure, FigureKind
from cnews_ie.work import relinked

__all__ = [
    "compared_values",
    "converted_amounts",
    "earlier_values",
    "parallel_percents",
    "period_parallels",
]

_MAX_CLAUSE = 10  # characters of the clause before the copula: 全国同类指标, 长三角地区
_MAX_EARLIER = 8  # figures before a percent searched for the one it parallels
_MARKS = frozenset(CLAUSE_END_CHARS)
# rates other than percents: a percentage-point change or a multiple states no level of its own
_RATES_NOT_PERCENT = frozenset({FigureKind.PERCENTAGE_POINT, FigureKind.MULTIPLE})


def _own_clause(text: str, fig: Figure, lo: int) -> str:
    """The clause of ``fig`` before it: from the last clause mark after ``lo``."""
    # one C-level search per mark, not a Python step per character
    at = max(lo - 1, *(text.rfind(mark, lo, fig.start) for mark in _MARKS))
    return text[at + 1 : fig.start].strip()


def _named_only(fig: Figure, name: str) -> bool:
    """Whether the indicator linking gave ``fig`` is ``name``, its whole clause before the
    copula, a body's or a place's name that names no indicator (农业银行为720亿元: a bank the
    model did not tag)."""
    if fig.metric != name or "metric:phrase" not in fig.links or names_indicator(name):
        return False
    head = org_heads(2).longest_suffix(name)
    return (head is not None and len(head) < len(name)) or is_place_name(name)


def _parallel(
    text: str, fig: Figure, earlier: Sequence[Figure], sources: dict[int, Figure]
) -> tuple[Figure, bool] | None:
    """The percent before ``fig`` in its sentence whose indicator ``fig`` states again (through
    the one that percent states again, where it is itself such a clause: 浙江为2.8%，江苏为2.9%),
    and whether the indicator linking gave ``fig`` is a name (``_named_only``)."""
    if not earlier or fig.kind in _RATES_NOT_PERCENT:
        return None
    percent = fig.kind is FigureKind.PERCENT
    clause = _own_clause(text, fig, earlier[-1].end)
    copula = next((w for w in role_words("parallel_copula") if clause.endswith(w)), None)
    if copula is None or len(clause) - len(copula) > _MAX_CLAUSE:
        return None
    named = _named_only(fig, clause[: -len(copula)])
    if not (
        fig.metric is None
        or (percent and "metric:from_base" in fig.links)
        or fig.metric.endswith(role_tuple("same_indicator"))
        or named
    ):
        return None
    for before in reversed(earlier):
        if SENTENCE_END.search(text, before.end, fig.start):
            return None
        source = sources.get(id(before), before)
        if percent and before.kind is FigureKind.PERCENT and source.metric:
            same = source.metric == fig.metric and source.base is fig.base
            return None if same else (source, named)
        if not percent and before.kind is fig.kind and before.unit == fig.unit:
            return (source, named) if source.metric else None
    return None


def parallel_percents(text: str, figures: Sequence[Figure]) -> list[Figure]:
    """``figures`` with each percent of a clause that only says what it is about measured as the
    percent before it, and each such amount as the amount of its kind and unit before it."""
    sources: dict[int, Figure] = {}
    named: set[int] = set()  # the figures whose clause is a name only
    for k, fig in enumerate(figures):
        if found := _parallel(text, fig, figures[max(0, k - _MAX_EARLIER) : k], sources):
            sources[id(fig)] = found[0]
            if found[1]:
                named.add(id(fig))
    if not sources:
        return list(figures)
    rebuilt: dict[int, Figure] = {}

    def base_of(fig: Figure) -> Figure | None:
        source = sources.get(id(fig))
        percent = fig.kind is FigureKind.PERCENT
        return source.base if source is not None and percent else fig.base

    def rebuild(fig: Figure, base: Figure | None) -> Figure:
        source = sources.get(id(fig))
        new = replace(fig, base=base)
        if source is not None:
            drop = ("metric:", "base:") if fig.kind is FigureKind.PERCENT else ("metric:",)
            links = [r for r in fig.links if not r.startswith(drop)]
            new = replace(new, metric=rebuilt[id(source)].metric, links=(*links, "metric:parallel"))
            if fig.change is None and source.change is not None:  # 增长8.2%，长沙市为9.1%
                new = replace(new, change=source.change, links=(*new.links, "change:parallel"))
            if id(fig) in named and fig.metric:  # the name is what the figure is about
                links = [r for r in new.links if not r.startswith("subject:")]
                new = replace(new, subject=fig.metric, links=(*links, "subject:parallel"))
        rebuilt[id(fig)] = new
        return new

    return relinked(figures, rebuild, base_of)[0]


_MAX_VERB = 2  # characters before the head the later clause repeats: 取得 (亏损)


def _repeats_head(metric: str, earlier: str) -> bool:
    """Whether ``metric`` is the head of ``earlier`` (at least two characters it ends with), with
    at most a short verb before it (取得亏损 of 净亏损; 收入 of 营业收入)."""
    shared = 0
    while shared < min(len(metric), len(earlier)) and metric[-1 - shared] == earlier[-1 - shared]:
        shared += 1
    return shared >= 2 and metric != earlier and len(metric) - shared <= _MAX_VERB


def earlier_values(text: str, figures: Sequence[Figure]) -> list[Figure]:
    """``figures`` with each amount of an earlier time that repeats the head of the previous
    amount's indicator measured as that amount."""
    out = list(figures)
    earlier_words = role_tuple("earlier_period")
    for k in range(1, len(out)):
        fig, before = out[k], out[k - 1]
        if fig.kind in _RATES_NOT_PERCENT or fig.kind is FigureKind.PERCENT or fig.change:
            continue
        if not (fig.metric and before.metric and before.kind is fig.kind):
            continue
        if SENTENCE_END.search(text, before.end, fig.start) or before.unit != fig.unit:
            continue
        clause = _own_clause(text, fig, before.end)
        if any(w in clause for w in earlier_words) and _repeats_head(fig.metric, before.metric):
            links = (*(r for r in fig.links if not r.startswith("metric:")), "metric:earlier_value")
            out[k] = replace(fig, metric=before.metric, links=links)
    return out


def compared_values(text: str, figures: Sequence[Figure]) -> list[Figure]:
    """``figures`` with each amount that a comparison names as an earlier time's value
    (…达到3.2亿元，高于去年同期的2.9亿元: ``bounds.compared_value``, which also gave it that time
    as period) measured as the amount before it."""
    out = list(figures)
    for k in range(1, len(out)):
        fig, before = out[k], out[k - 1]
        if fig.metric or fig.change or fig.kind in _RATES_NOT_PERCENT or not before.metric:
            continue
        if before.kind is not fig.kind or before.unit != fig.unit or before.change:
            continue
        if SENTENCE_END.search(text, before.end, fig.start) or not compared_value(text, fig.start):
            continue
        links = [*fig.links, "metric:compared_value"]
        subject = fig.subject or before.subject
        if fig.subject is None and subject:
            links.append("subject:compared_value")
        out[k] = replace(fig, metric=before.metric, subject=subject, links=tuple(links))
    return out


def converted_amounts(text: str, figures: Sequence[Figure]) -> list[Figure]:
    """``figures`` with each amount of a clause that only says how it was converted measured as
    the amount before it, the conversion as gloss."""
    out = list(figures)
    asides, closes = role_tuple("aside"), role_tuple("closes_aside")
    lights = tuple(sorted(role_words("introduces_figure"), key=len, reverse=True))
    for k in range(1, len(out)):
        fig, before = out[k], out[k - 1]
        if fig.kind in _RATES_NOT_PERCENT or fig.kind is FigureKind.PERCENT or fig.change:
            continue
        if not before.metric or before.kind is not fig.kind or before.change:
            continue
        if SENTENCE_END.search(text, before.end, fig.start):
            continue
        clause = _own_clause(text, fig, before.end)
        gloss = next((clause[: -len(w)] for w in lights if clause.endswith(w)), clause)
        if not clause.startswith(asides) or not gloss.endswith(closes):
            continue  # 按计划投产后年产值…: no computing closes it, it names its own
        links = (*(r for r in fig.links if not r.startswith("metric:")), "metric:converted")
        out[k] = replace(fig, metric=f"{before.metric}（{gloss}）", links=links)
    return out


def period_parallels(text: str, figures: Sequence[Figure]) -> list[Figure]:
    """``figures`` with each figure of no indicator whose clause names only another time before
    it, with at most a copula or the preposition of a start level (…预期从3.2%下调至2.9%，明年从
    3.5%下调至3.1%; …，2027年为3.1%) measured as the nearest earlier figure of its sentence with
    its kind and unit and another time (``metric:period_parallel``)."""
    out = list(figures)
    joins = ("", *role_words("parallel_copula"), *role_words("opens_start_level"))
    for k, fig in enumerate(out):
        if k == 0 or fig.metric or fig.change or not fig.period:
            continue
        clause = _own_clause(text, fig, out[k - 1].end)
        if not clause.startswith(fig.period) or clause[len(fig.period) :].strip() not in joins:
            continue
        for before in reversed(out[max(0, k - _MAX_EARLIER) : k]):
            if SENTENCE_END.search(text, before.end, fig.start):
                break
            if before.kind is fig.kind and before.unit == fig.unit and before.metric:
                if before.period != fig.period:
                    links = (*fig.links, "metric:period_parallel")
                    out[k] = replace(fig, metric=before.metric, links=links)
                break
    return out
