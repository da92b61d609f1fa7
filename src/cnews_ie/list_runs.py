"""The figures of one list after 分别 share the indicator their clause states when it is no list of
members to distribute (ANNOTATION §8): 主要污染物排放量分别下降3.2%和2.8% → both measure
主要污染物排放量 (``metric:list``).

Linking reads a figure's phrase from its own clause; a figure listed right after another (only
、, 和, 及, 与 between: ``metric.LIST_GAP``) has none, and takes the indicator of a base before
the list or nothing.  Here it takes the indicator the first figure of the list read from the
clause (``metric:phrase``) where that clause distributes the list (role ``respectively``: 分别,
依次) or the figures have one unit (市场份额也回落至12.5%和10.3%: the verb governs the list), the indicator is no list of members (粮食、油料和蔬菜产量分别增长3%和5%: members that do
not pair with the figures) and the figure has no indicator of its own phrase, with the first figure's base in place of
a base it only took to borrow an indicator (``metric:from_base``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from cnews_ie.lexicons import role_words
from cnews_ie.metric import LIST_GAP
from cnews_ie.patterns import CLAUSE_END_CHARS
from cnews_ie.records import Figure
from cnews_ie.work import relinked

__all__ = ["list_metrics"]

_OWN = ("metric:phrase", "metric:respectively", "metric:share", "metric:predicate")
_MARKS = frozenset(CLAUSE_END_CHARS)


def _distributed(text: str, first: Figure) -> bool:
    """Whether the clause of ``first`` says 分别 (or 依次) before it."""
    at = first.start
    while at > 0 and text[at - 1] not in _MARKS:
        at -= 1
    return any(w in text[at : first.start] for w in role_words("respectively"))


def list_metrics(text: str, figures: Sequence[Figure]) -> list[Figure]:
    """``figures`` with the later figures of a 分别 list (or of a list of one unit without it)
    measuring the indicator of its first."""
    heads: dict[int, Figure] = {}
    for k in range(1, len(figures)):
        before, fig = figures[k - 1], figures[k]
        head = heads.get(id(before), before)
        if not LIST_GAP.fullmatch(text, before.end, fig.start) or any(r in fig.links for r in _OWN):
            continue
        if head is before and not (
            head.metric
            and "、" not in head.metric  # 粮食、油料和蔬菜产量: members that do not pair
            and "metric:phrase" in head.links
            and (_distributed(text, head) or head.unit == fig.unit)  # 回落至12.5%和10.3%
        ):
            continue
        heads[id(fig)] = head
    if not heads:
        return list(figures)
    rebuilt: dict[int, Figure] = {}

    def base_of(fig: Figure) -> Figure | None:
        head = heads.get(id(fig))
        if head is None or "metric:from_base" not in fig.links:
            return fig.base
        return head.base

    def rebuild(fig: Figure, base: Figure | None) -> Figure:
        new = replace(fig, base=base)
        head = heads.get(id(fig))
        if head is not None:
            links = [r for r in fig.links if not r.startswith("metric:")]
            if base is None:
                links = [r for r in links if not r.startswith("base:")]
            new = replace(new, metric=rebuilt[id(head)].metric, links=(*links, "metric:list"))
        rebuilt[id(fig)] = new
        return new

    return relinked(figures, rebuild, base_of)[0]
