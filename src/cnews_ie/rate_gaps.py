"""A percentage-point change of a growth rate measures that rate, not its amount (ANNOTATION §7,
§8: the direction of a comparison is written into the metric, ``…增速（高于全省平均水平）``):
工业投资增长9.2%，增幅比上半年回落1.5个百分点 → 1.5个百分点 measures 工业投资增幅.

Linking gives a percentage-point change the indicator of the rate it belongs to
(``metric:from_base``, ``metric:phrase`` where the clause says only the rate's indicator); where
that rate is a change (增长9.2%, 下降3.5%), the figure takes the indicator with the rate noun
written between them (role ``growth_rate_noun``: 增速, 增幅, 降幅 …; 增幅比上半年回落), else the
first of that role for a rate of increase, the first of role ``decline_noun`` for one of
decrease (``metric:rate_gap``).  A change of a level (城镇登记失业率为3.1%，下降0.2个百分点)
keeps the level's indicator.

A percentage-point change that linking tied to nothing, because its indicator names a growth
rate in other words than the rate's own (净利润增长6.8%，利润增速比上半年加快0.9个百分点), is tied
to the nearest growth rate before it in its sentence whose indicator holds the rest of its own
(``base:rate_gap``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from cnews_ie.lexicons import lexicon_cache, role_tuple, role_words, table
from cnews_ie.patterns import SENTENCE_END
from cnews_ie.records import Change, Figure, FigureKind
from cnews_ie.work import relinked

__all__ = ["rate_gaps"]

_POINTS = "个百分点"
_CLOSING = "）)"
_OPENING = "（("


def _first(role: str) -> str:
    """The first word of ``role`` in ``function_words.tsv``, in file order."""
    return next(word for word, name in table("function_words", 2) if name == role)


@lexicon_cache
def _rate_nouns() -> frozenset[str]:
    """The nouns of a growth or a decline rate (增速, 增幅, 降幅 …)."""
    return role_words("growth_rate_noun") | role_words("decline_noun")


def _gap_metric(text: str, fig: Figure) -> str | None:
    base = fig.base
    if (
        base is None
        or fig.unit != _POINTS
        or base.kind is not FigureKind.PERCENT
        or base.change is None
        or not base.metric
        or fig.metric != base.metric
    ):
        return None
    nouns = _rate_nouns()
    if base.metric.endswith(role_tuple("rate_noun")):
        return None  # 增速为8%，比上月加快0.5个百分点: the rate names itself
    between = text[base.end : fig.start]
    written = sorted((between.find(n), -len(n), n) for n in nouns if n in between)
    if written:
        noun = written[0][2]
    elif base.change is Change.DECREASE:
        noun = _first("decline_noun")
    else:
        noun = _first("growth_rate_noun")
    metric = base.metric
    if metric.endswith(tuple(_CLOSING)):
        opened = max(metric.rfind(c) for c in _OPENING)
        if opened > 0:  # 组织税收收入（已扣除出口退税） → 组织税收收入增幅（已扣除出口退税）
            return metric[:opened] + noun + metric[opened:]
    return metric + noun


def _named_rate(text: str, figures: Sequence[Figure], k: int) -> Figure | None:
    """The growth rate a percentage-point change with no base names by its indicator: the
    nearest percent of change before it in its sentence, when the change's indicator is a rate
    noun (role ``growth_rate_noun``, ``decline_noun``) after nothing or after a part of the
    rate's indicator (净利润增长6.8%，利润增速比上半年加快0.9个百分点; not 工业增速 after GDP's)."""
    fig = figures[k]
    if fig.base is not None or fig.unit != _POINTS or not fig.metric:
        return None
    nouns = _rate_nouns()
    noun = max((n for n in nouns if fig.metric.endswith(n)), key=len, default=None)
    if noun is None:
        return None
    stem = fig.metric[: -len(noun)]
    for j in range(k - 1, -1, -1):  # back to the sentence's start, no copy of the list
        rate = figures[j]
        if SENTENCE_END.search(text, rate.end, fig.start):
            return None
        if rate.kind is FigureKind.PERCENT and rate.change is not None:
            return rate if rate.metric and stem in rate.metric else None
    return None


def rate_gaps(text: str, figures: Sequence[Figure]) -> list[Figure]:
    """``figures`` with each percentage-point change of a growth rate measuring that rate, and
    tied to the rate its indicator names (``base:rate_gap``)."""
    gaps = {id(f): m for f in figures if (m := _gap_metric(text, f))}
    named = {id(f): r for k, f in enumerate(figures) if (r := _named_rate(text, figures, k))}
    if not gaps and not named:
        return list(figures)

    def rebuild(fig: Figure, base: Figure | None) -> Figure:
        metric = gaps.get(id(fig))
        if id(fig) in named:
            return replace(fig, base=base, links=(*fig.links, "base:rate_gap"))
        if metric is None:
            return replace(fig, base=base)
        return replace(fig, base=base, metric=metric, links=(*fig.links, "metric:rate_gap"))

    return relinked(figures, rebuild, lambda fig: named.get(id(fig), fig.base))[0]
