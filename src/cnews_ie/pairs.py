"""Rates listed after as many amounts belong to them in order (ANNOTATION.md §7: a rate → its
amount): 完成客运量3.2万人次、货运量540万吨，同比分别增长6%、4% → 6% of 3.2万人次, 4% of 540万吨;
分别为5.3万元、2.8万元，增长6.6%、8.7% likewise.

Linking gives each rate the nearest earlier amount (``base:previous``), so every rate of such a
list points at the last amount.  Here a list of rates (two or more rate figures with only list
separators between them: ``metric.LIST_GAP``) whose rates all took the same earlier amount pairs
with the amounts of its sentence since the rate before it, when they are as many and listed in
one clause, or each in a clause of its own when the rates say 分别 (集装箱吞吐量85万标箱，货物吞吐量
3200万吨，分别增长9%和6%), or name no indicator there (接待游客8.6万人次，旅游收入2900万元，比上年同期
增长17%和26%; not 实现利税3.6亿元，上缴税金和实现利润双双超过1.5亿元，分别增长21%和33%,
whose rates both grow the last amount, two indicators sharing it): the m-th rate
takes the m-th amount as its base (``base:paired``), and, where it had taken its indicator or
subject from its base (``metric:from_base``, ``subject:from_base``), that amount's as well.

Change amounts listed after as many levels of their unit pair the same way (§7: an absolute
change → its level): 参保人数分别为820万人、2950万人，分别比上年末增加15万人、8万人 → 15万人 of
820万人, 8万人 of 2950万人, each with its level's indicator where it had taken the last level's
(``metric:from_previous``); linking gave only the first the last level (``base:level``).

Growth rates after as many change amounts each naming its own indicator (listed as above)
measure those indicators in order, with no base, the levels not being written (火灾减少23起、财产损失减少
19万元，分别下降14.6%和11.2%: linking gave both the last amount's, ``metric:from_change``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from itertools import pairwise

from cnews_ie.lexicons import role_words
from cnews_ie.metric import LIST_GAP
from cnews_ie.patterns import CLAUSE_END, SHARED_JOIN
from cnews_ie.records import Figure, FigureKind
from cnews_ie.work import SentenceSpan, relinked

__all__ = ["paired_rates"]

_RATES = {FigureKind.PERCENT, FigureKind.PERCENTAGE_POINT, FigureKind.MULTIPLE}
_TAKEN = ("base:previous", "base:level")  # the base linking gave, which a pair replaces


def _modifies(fig: Figure) -> bool:
    """Whether ``fig`` states something of an amount: a rate, or a change amount (增加473万人)."""
    return fig.kind in _RATES or fig.change is not None


def _of_change(rate: Figure, amount: Figure) -> bool:
    """Whether ``rate`` took the indicator of the change amount ``amount`` (linking's
    ``metric:from_change``), with no base."""
    return "metric:from_change" in rate.links and rate.metric == amount.metric and rate.base is None


def _rate_runs(text: str, figures: Sequence[Figure], members: list[int]) -> list[list[int]]:
    """Runs of two or more rates (or change amounts) of one kind and unit with only list
    separators between them."""
    runs: list[list[int]] = []
    run: list[int] = []
    for i in members:
        fig = figures[i]
        joined = (
            run
            and fig.kind is figures[run[-1]].kind
            and (fig.kind in _RATES or fig.unit == figures[run[-1]].unit)
            and LIST_GAP.fullmatch(text, figures[run[-1]].end, fig.start)
        )
        if _modifies(fig) and joined:
            run.append(i)
            continue
        if len(run) > 1:
            runs.append(run)
        run = [i] if _modifies(fig) else []
    if len(run) > 1:
        runs.append(run)
    return runs


def _respectively(text: str, figures: Sequence[Figure], last: int, run: Sequence[int]) -> bool:
    """Whether the rates, after amounts each in a clause of its own, say 分别 (role
    ``respectively``) in their own clause or name no indicator there (比上年同期增长17%和26%),
    and the last amount measures one indicator (not 上缴税金和实现利润双双超过1.5亿元, whose two
    indicators share the rates)."""
    between = text[figures[last].end : figures[run[0]].start]
    said = any(word in between for word in role_words("respectively"))
    unnamed = all("metric:from_base" in figures[r].links for r in run)
    metric = figures[last].metric or ""
    return (said or unnamed) and SHARED_JOIN.search(metric) is None


def _pairs(text: str, figures: Sequence[Figure], members: list[int]) -> dict[int, int]:
    """rate index → the index of the amount it pairs with, for the rate lists of one sentence."""
    pairs: dict[int, int] = {}
    for run in _rate_runs(text, figures, members):
        head = members.index(run[0])
        changes = figures[run[0]].kind not in _RATES  # 分别为A、B，分别增加a、b
        # 火灾减少23起、财产损失减少19万元，分别下降14.6%和11.2%: rates of change amounts
        of_changes = not changes and head > 0 and _modifies(figures[members[head - 1]])
        amounts: list[int] = []
        for j in reversed(members[:head]):
            modifies = _modifies(figures[j])
            if figures[j].kind in _RATES or (changes and modifies) or (of_changes and not modifies):
                break
            amounts.insert(0, j)
        if changes and any(figures[a].unit != figures[run[0]].unit for a in amounts):
            continue  # a change amount pairs with a level of its own unit
        if len(amounts) != len(run) or (
            any(
                CLAUSE_END.search(text, figures[a].end, figures[b].start)
                for a, b in pairwise(amounts)
            )
            and not _respectively(text, figures, amounts[-1], run)
        ):
            continue  # not as many, or not one list (nor one clause each, then 分别)
        last = figures[amounts[-1]]
        if of_changes:  # rates of the change amounts' indicators, whose levels are not written
            if all(_of_change(figures[r], last) for r in run):
                pairs.update(zip(run, amounts, strict=True))
            continue
        bases = {figures[r].base for r in run}
        if changes and figures[run[0]].base is last:
            bases.discard(None)  # only the first change took the level before it
        if len(bases) != 1 or next(iter(bases)) is not last:
            continue  # not one amount taken by every rate of the list
        pairs.update(zip(run, amounts, strict=True))
    return pairs


def paired_rates(
    text: str, sentences: Sequence[SentenceSpan], figures: Sequence[Figure]
) -> list[Figure]:
    """``figures`` with the rates of a list paired with the amounts listed before them."""
    pairs: dict[int, int] = {}
    index = 0
    for sentence in sentences:
        while index < len(figures) and figures[index].start < sentence.start:
            index += 1
        members = []
        while index < len(figures) and figures[index].start < sentence.end:
            members.append(index)
            index += 1
        if len(members) > 3:
            pairs.update(_pairs(text, figures, members))
    if not pairs:
        return list(figures)
    amount_of = {id(figures[r]): figures[a] for r, a in pairs.items()}
    rebuilt: dict[int, Figure] = {}

    def rebuild(fig: Figure, base: Figure | None) -> Figure:
        new = replace(fig, base=base)
        amount = amount_of.get(id(fig))
        if amount is not None and "metric:from_change" in fig.links:
            new = replace(new, metric=amount.metric)  # its change amount's indicator, no base
            if "subject:from_base" in fig.links:
                new = replace(new, subject=amount.subject)
        elif amount is not None:
            new = replace(new, base=rebuilt[id(amount)])
            links = tuple("base:paired" if r in _TAKEN else r for r in fig.links)
            if "base:paired" not in links:  # a later change amount of the list took no base
                links = (*links, "base:paired")
            if "metric:from_base" in links or "metric:from_previous" in links:
                new = replace(new, metric=amount.metric)
            if "subject:from_base" in links:
                new = replace(new, subject=amount.subject)
            new = replace(new, links=links)
        rebuilt[id(fig)] = new
        return new

    return relinked(figures, rebuild)[0]
