"""One rate that covers several amounts before it measures them together (ANNOTATION §7, §8):
在田面积5200多万亩，产量1.1亿吨，均比上年同期增长3%左右 → 3% measures 在田面积和产量, and belongs
to neither amount (``metric:shared_rate``).

Linking gives such a rate the indicator of the nearest amount (``metric:from_base``) or none.
Here the rate's own clause opens with an adverb saying its predicate holds for each (role
``distributes_predicate``: 均, 都) and has no indicator of its own, and the amounts of its
sentence since the previous rate, each in a clause of its own, each with an indicator, are two
or more: the rate measures their indicators joined as a reader writes them (the owner the later
ones repeat is said once: 蔬菜在田面积, 蔬菜产量 → 蔬菜在田面积和产量), and has no base.

A rate of change that linking left with no indicator and no base (its clause names none, and no
amount before it can be its base: 出口退税同比多退18亿元，增长20.4%; 快递业务年均增长50%，今年前5
个月也增长25%) measures the indicator of the nearest earlier figure of its sentence that has one
(``metric:carried_rate``): the clause before is its topic.  Not a figure listed right after
another (only 、 or a conjunction between): what a list's figures measure is the list's.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from cnews_ie.lexicons import role_tuple
from cnews_ie.metric import LIST_GAP
from cnews_ie.patterns import CLAUSE_END_CHARS, SENTENCE_END
from cnews_ie.records import Figure, FigureKind
from cnews_ie.work import relinked

__all__ = ["carried_rates", "shared_rates"]

_RATES = frozenset({FigureKind.PERCENT, FigureKind.PERCENTAGE_POINT, FigureKind.MULTIPLE})
_MARKS = frozenset(CLAUSE_END_CHARS)
_MAX_AMOUNTS = 4  # amounts one rate covers: more is a list of its own
_OWN = ("metric:phrase", "metric:respectively", "metric:share", "metric:predicate")


def _opens_distributed(text: str, fig: Figure) -> bool:
    """Whether the clause of ``fig`` opens with a word of role ``distributes_predicate``."""
    at = fig.start
    while at > 0 and text[at - 1] not in _MARKS:
        at -= 1
    clause = text[at : fig.start].lstrip()
    return clause.startswith(role_tuple("distributes_predicate"))


def _covered(text: str, fig: Figure, earlier: Sequence[Figure]) -> list[Figure]:
    """The amounts ``fig`` covers: those of its sentence since the previous rate, each in a
    clause of its own (none where they are fewer than two or one has no indicator)."""
    amounts: list[Figure] = []
    end = fig.start
    for before in reversed(earlier):
        if before.kind in _RATES or SENTENCE_END.search(text, before.end, end):
            break
        if not any(c in _MARKS for c in text[before.end : end]) or not before.metric:
            return []
        amounts.insert(0, before)
        end = before.start
    return amounts if 2 <= len(amounts) <= _MAX_AMOUNTS else []


def joined_metrics(metrics: Sequence[str]) -> str:
    """The indicators joined with 、 and 和, the owner each repeats from the first said once.

    >>> joined_metrics(["蔬菜在田面积", "蔬菜产量"])
    '蔬菜在田面积和产量'
    >>> joined_metrics(["粮食产量", "油料产量", "棉花产量"])
    '粮食产量、油料产量和棉花产量'
    """
    first, said = metrics[0], [metrics[0]]
    for metric in metrics[1:]:
        shared = 0
        while shared < min(len(first), len(metric)) and first[shared] == metric[shared]:
            shared += 1
        said.append(metric[shared:] if shared >= 2 and metric[shared:] else metric)
    return "、".join(said[:-1]) + "和" + said[-1]


def shared_rates(text: str, figures: Sequence[Figure]) -> list[Figure]:
    """``figures`` with each rate that a distributive adverb spreads over the amounts before it
    measuring them together, with no base."""
    joined: dict[int, str] = {}
    for k, fig in enumerate(figures):
        if fig.kind not in _RATES or any(r in fig.links for r in _OWN):
            continue
        if not _opens_distributed(text, fig):
            continue
        amounts = _covered(text, fig, figures[max(0, k - _MAX_AMOUNTS - 1) : k])
        metrics = [a.metric for a in amounts if a.metric]
        if len(set(metrics)) == len(amounts) == len(metrics) and amounts:
            joined[id(fig)] = joined_metrics(metrics)
    if not joined:
        return list(figures)

    def base_of(fig: Figure) -> Figure | None:
        return None if id(fig) in joined else fig.base

    def rebuild(fig: Figure, base: Figure | None) -> Figure:
        metric = joined.get(id(fig))
        if metric is None:
            return fig if base is fig.base else replace(fig, base=base)
        links = [r for r in fig.links if not r.startswith(("metric:", "base:"))]
        return replace(fig, metric=metric, base=None, links=(*links, "metric:shared_rate"))

    return relinked(figures, rebuild, base_of)[0]


_MAX_CARRY = 6  # figures before a rate searched for the indicator it carries on


def carried_rates(text: str, figures: Sequence[Figure]) -> list[Figure]:
    """``figures`` with each rate of change that has no indicator and no base measuring the
    indicator of the nearest earlier figure of its sentence that has one."""
    out = list(figures)
    for k, fig in enumerate(figures):
        if fig.kind not in _RATES or fig.change is None or fig.metric or fig.base is not None:
            continue
        if k and LIST_GAP.fullmatch(text, figures[k - 1].end, fig.start):
            continue  # 粮食、油料和蔬菜产量分别增长3%和5%: a list's figure is the list's (list_runs)
        for before in reversed(out[max(0, k - _MAX_CARRY) : k]):
            if SENTENCE_END.search(text, before.end, fig.start):
                break
            if before.metric:
                links = (*fig.links, "metric:carried_rate")
                out[k] = replace(fig, metric=before.metric, links=links)
                break
    return out
