"""Directions a figure's context gives it (ANNOTATION.md §7), for ``figures.py``: a
comparative against an earlier value (比上年同期多28亿元, 同比多收45亿元) and a growth or
decline noun that names the figure (增速为6.1%, 增量为860亿元, 降幅为3%), or a heading figure
whose next clause says its indicator grew (6.3%，全县固定资产投资增速…; 12%，某产业投资快速增长);
and, after linking, for ``later_links.py``, a percent whose indicator is a growth rate itself
(``rate_metric_changes``: 经济增长预期从3.2%下调至2.8%).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from cnews_ie.lexicons import lexicon_cache, role_words, table
from cnews_ie.mined_heads import ends_with_mined_head
from cnews_ie.patterns import CLAUSE_END_CHARS, COMMAS, SPACE_CHARS, alternation
from cnews_ie.records import Change, Figure, FigureKind
from cnews_ie.work import with_changes

__all__ = [
    "change_of_comparison",
    "change_of_metric",
    "change_of_object",
    "change_of_rate_noun",
    "change_of_rate_object",
    "rate_metric_changes",
]

_LISTED = re.compile(r"(?:[\d.]+%[和、])+$")  # the percents of a heading list before the last
_LISTED_AFTER = re.compile(r"(?:[和、][\d.]+%)+")  # the percents listed after the first (120%、35%)


@lexicon_cache
def _rate_noun_patterns() -> tuple[
    dict[str, Change | None], re.Pattern[str], re.Pattern[str], re.Pattern[str]
]:
    nouns: dict[str, Change | None] = dict.fromkeys(role_words("growth_noun"), Change.INCREASE)
    nouns |= dict.fromkeys(role_words("decline_noun"), Change.DECREASE)
    nouns |= dict.fromkeys(role_words("level_rate_noun"), None)  # 自然增长率: a level
    noun = rf"(?P<noun>{alternation(sorted(nouns, key=len, reverse=True))})"
    before = re.compile(rf"{noun}[^\d{CLAUSE_END_CHARS}{COMMAS}:：]{{0,4}}$")
    verbs = {word: Change(change) for word, change in table("changes", 2)}
    verb = alternation(sorted(verbs, key=len, reverse=True))
    # 以120%的速度增长: a pace (role pace_noun) that a verb of change right after it directs
    paced = rf"(?:{alternation(role_words('pace_noun'))})(?P<verb>{verb})"
    # 4.2%的同比增速; 580%增长速度, 以百倍速度增长: the noun right after it, no 的 between
    # and a verb of change as the noun after 的 that ends its clause, or its target's (a growth
    # target is a growth rate, ANNOTATION.md §7): 保持了12%的增长, 实现7%的增长目标
    ended = rf"(?:预期)?(?:目标)?(?=[{CLAUSE_END_CHARS}{COMMAS}]|$)"
    # (保持了9%的快速增长: a word of pace, role pace_modifier, may stand before the verb)
    modifier = alternation(sorted(role_words("pace_modifier"), key=len, reverse=True))
    changed = rf"的(?:同比|环比)?(?:{modifier})?(?P<changed>{verb})"
    after = re.compile(
        rf"的?{paced}|(?:的[^\d{CLAUSE_END_CHARS}{COMMAS}]{{0,8}}?)?{noun}|{changed}{ended}"
    )
    # a heading's next clause names its rate (…增速) or says its indicator changed (…增长);
    # the other percents of a heading list (9%和6.5%，…) before its comma
    # not a verb that begins an indicator's name (增加值: metrics.tsv)
    tails = {m[len(v) :] for m, _k, _c in table("metrics", 3) for v in verbs if m.startswith(v)}
    said = alternation(sorted(nouns | verbs, key=len, reverse=True))
    said = rf"(?:{said})(?!{alternation(tails - {''}) or '(?!)'})"
    heading = re.compile(
        rf"(?:[和、][\d.]+%)*[{COMMAS}][^\d{CLAUSE_END_CHARS}{COMMAS}]{{0,14}}?(?P<noun>{said})"
    )
    return nouns | verbs, before, after, heading


@lexicon_cache
def _comparatives() -> dict[str, Change]:
    """A comparative right before an amount compared with an earlier value (比上年同期多28亿元)."""
    more = dict.fromkeys(role_words("comparative_more"), Change.INCREASE)
    return more | dict.fromkeys(role_words("comparative_less"), Change.DECREASE)


@lexicon_cache
def _comparison_pattern() -> re.Pattern[str]:
    directions = alternation(sorted(_comparatives(), key=len, reverse=True))
    compares = alternation(w for w in role_words("compares") if len(w) == 1)
    earlier = alternation(role_words("compares_with_earlier"))
    return re.compile(
        rf"(?:(?:{compares})(?P<reference>[^\d{CLAUSE_END_CHARS}]{{1,12}}?)(?:分别)?"
        rf"(?P<word>{directions})"
        # 同比多收45亿元: against the earlier value itself, the comparative before its verb
        rf"|(?:{earlier})(?P<more>{directions})[\u4e00-\u9fff]?)了?[{SPACE_CHARS}]{{0,2}}$"
    )


def change_of_comparison(view: str, pos: int) -> Change | None:
    """The direction of an amount that a comparative gives against an earlier value of the same
    indicator (ANNOTATION.md §7): 比上年同期多28亿元, 增速比上月末高1个百分点.  A
    comparison with another reference (比全省平均水平高2个百分点) has no direction: the reference
    must name an earlier period (function-word role ``earlier_period``).

    >>> change_of_comparison("比上年同期多1.4万亿元", 6), change_of_comparison("比全省高2个百分点", 4)
    (<Change.INCREASE: 'increase'>, None)
    >>> change_of_comparison("同比少收2亿元", 4)
    <Change.DECREASE: 'decrease'>
    """
    found = _comparison_pattern().search(view, max(0, pos - 20), pos)
    if found is None:
        return None
    if found.group("more"):
        return _comparatives()[found.group("more")]
    reference = found.group("reference")
    if not any(word in reference for word in role_words("earlier_period")):
        return None
    return _comparatives()[found.group("word")]


def change_of_rate_noun(view: str, start: int, end: int) -> Change | None:
    """The direction of a figure that a growth or decline noun names (ANNOTATION.md §7: growth
    rates and increments are increases): the noun before it in its clause (增速接近10%,
    增量为860亿元), after it through 的 (4.2%的同比增速; a pace and the verb of change after
    it: 以120%的速度增长), or, for a percent that opens its line (or a list of them: 9%和6.5%，…),
    as the next clause's subject or its verb of change (6.3%，全县固定资产投资增速…;
    12%，某产业投资快速增长, a heading).  None for anything else.

    >>> change_of_rate_noun("全年增速接近10%", 6, 9), change_of_rate_noun("降幅为3%", 3, 5)
    (<Change.INCREASE: 'increase'>, <Change.DECREASE: 'decrease'>)
    >>> change_of_rate_noun("占比为10%", 3, 6) is None
    True
    """
    nouns, before, after, heading = _rate_noun_patterns()
    listed_after = _LISTED_AFTER.match(view, end) if view[end - 1 : end] == "%" else None
    found = before.search(view, max(0, start - 12), start) or after.match(
        view, listed_after.end() if listed_after else end
    )  # 以120%、35%的增长幅度: the noun after the list names each
    listed = _LISTED.search(view, max(0, start - 16), start)  # 8%和 before 7.1%
    line_start = listed.start() if listed else start
    while line_start > 0 and view[line_start - 1] in SPACE_CHARS:
        line_start -= 1  # the indent of a paragraph
    percent = view[end - 1 : end] == "%"
    if found is None and percent and (line_start == 0 or view[line_start - 1] in "\n\r\f"):
        found = heading.match(view, end)
    if found is None:
        return None
    named = found.groupdict()
    return nouns[named.get("verb") or named.get("changed") or found.group("noun")]


def rate_metric_changes(figures: Sequence[Figure]) -> list[Figure]:
    """``figures`` where a percent with no change of its own takes the change its indicator
    names (``change_of_metric``; rule ``change:rate_metric``): the last pass, once levels
    (从…下调至…) have paired with the change still unset."""
    chosen: dict[int, tuple[dict[str, object], str]] = {}
    for fig in figures:
        if fig.change is None and fig.kind is FigureKind.PERCENT:
            named = change_of_metric(fig.metric)
            if named is not None:
                chosen[id(fig)] = ({"change": named}, "change:rate_metric")
    return with_changes(figures, chosen)


def change_of_metric(metric: str | None) -> Change | None:
    """The direction a percent's indicator names when it is a growth or decline rate itself
    (ANNOTATION.md §7: a growth rate, a growth target or forecast is an increase wherever its
    value is written: 增长预期从3.2%下调至2.8% → both; 平均增速回升到了6.4%), else None; a
    rate of role ``level_rate_noun`` (自然增长率) is a level.

    >>> change_of_metric("经济增长预期"), change_of_metric("出口降幅"), change_of_metric("人口自然增长率")
    (<Change.INCREASE: 'increase'>, <Change.DECREASE: 'decrease'>, None)
    """
    if not metric:
        return None
    head = metric.split("（", 1)[0].replace("的", "")  # 经济增长的预期目标: 增长预期目标
    rates = _metric_rates()
    noun = max((n for n in rates if head.endswith(n)), key=len, default=None)
    return None if noun is None else rates[noun]


@lexicon_cache
def _metric_rates() -> dict[str, Change | None]:
    """The nouns that end an indicator naming a rate, and the direction it gives: growth rates
    and targets an increase, decline rates a decrease, levels named like them none."""
    rates: dict[str, Change | None] = dict.fromkeys(role_words("growth_noun"), Change.INCREASE)
    rates |= dict.fromkeys(role_words("growth_target_noun"), Change.INCREASE)
    rates |= dict.fromkeys(role_words("decline_noun"), Change.DECREASE)
    return rates | dict.fromkeys(role_words("level_rate_noun"), None)


@lexicon_cache
def _object_pattern() -> re.Pattern[str]:
    verbs = role_words("raises_object")
    # not a verb that begins an indicator's name (增加值: metrics.tsv), nor one before its level
    # (提高到15%: role reaches)
    tails = {m[len(v) :] for m, _k, _c in table("metrics", 3) for v in verbs if m.startswith(v)}
    reaches = alternation(sorted(role_words("reaches"), key=len, reverse=True))
    stops = alternation(sorted((tails - {""}) | role_words("reaches"), key=len, reverse=True))
    han = rf"(?:(?!的|{reaches})[\u4e00-\u9fff])"  # nor the level it rose to (提升产能至…)
    thing = rf"(?:{han}|[（(]{han}{{1,3}}[)）])"
    verb = alternation(sorted(verbs, key=len, reverse=True))
    return re.compile(rf"(?:{verb})了?(?!{stops})(?P<object>{thing}{{1,6}})$")


@lexicon_cache
def _heads() -> tuple[str, ...]:
    return tuple(m for m, kind, _c in table("metrics", 3) if kind in ("head", "suffix"))


def change_of_object(view: str, pos: int) -> Change | None:
    """An increase for an amount right after a verb that raises its object and that object
    (function-word role ``raises_object``; ANNOTATION.md §7: 增产稻谷12万吨, 增加科研经费
    3亿元).  Only verbs of increase: a lowered object is often a relief amount, which has no
    direction (降低企业用电成本3.4亿元, ANNOTATION.md §14).  Not an object that ends with an
    indicator's head (metrics.tsv: 新建和改造提升面积5万亩, 增加投入资金2亿元): the verb and it
    name the indicator; nor the verb of an item of a list the figure counts (校舍提升工程等5个).

    >>> change_of_object("新品种推广后增产稻谷12万吨", 10), change_of_object("比重提高到25%", 5)
    (<Change.INCREASE: 'increase'>, None)
    >>> change_of_object("工业增加值86亿元", 5), change_of_object("改造提升面积5万亩", 6)
    (None, None)
    """
    found = _object_pattern().search(view, max(0, pos - 16), pos)
    if (
        found is None
        or view.endswith(tuple(role_words("closes_list")), 0, pos)  # 提升工程等5个: an item's
        or (obj := found.group("object")).endswith(_heads())
        or ends_with_mined_head(obj)
    ):
        return None  # 改造提升面积5万亩: a verb and an indicator's head name the indicator
    return Change.INCREASE


@lexicon_cache
def _rate_object_pattern() -> tuple[dict[str, Change], re.Pattern[str]]:
    verbs = {word: Change(change) for word, change in table("changes", 2) if len(word) > 1}
    verb = alternation(sorted(verbs, key=len, reverse=True))
    reaches = alternation(sorted(role_words("reaches"), key=len, reverse=True))
    thing = rf"(?:(?!{verb})[\u4e00-\u9fff])"  # the rate moved, no verb of change inside it
    return verbs, re.compile(rf"(?P<verb>{verb})了?(?!{reaches})(?P<object>{thing}{{2,12}})$")


def change_of_rate_object(view: str, pos: int) -> Change | None:
    """The direction of a verb of change written before the rate it moves, for a change in
    percentage points right after that rate (ANNOTATION.md §7: 下调贷款利率0.5个百分点 →
    decrease, 提高森林覆盖率1.2个百分点 → increase); not a level it reaches (提高到).

    >>> change_of_rate_object("下调贷款利率0.5个百分点", 6)
    <Change.DECREASE: 'decrease'>
    """
    verbs, pattern = _rate_object_pattern()
    found = pattern.search(view, max(0, pos - 16), pos)
    return verbs[found.group("verb")] if found else None
