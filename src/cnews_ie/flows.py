"""An absolute change against an earlier time that follows a flow belongs to that flow
(ANNOTATION.md §7: an absolute change → its level): 各项贷款增加520亿元，同比多增36亿元 →
36亿元 of 520亿元 (``base:flow``).

Linking ties an absolute change to the previous figure as its level (``base:level``) only where
that figure is a level; a flow written with a verb of change (贷款增加…, a change itself) is the
level of its own comparison here: the change takes the previous figure's indicator
(``metric:from_previous``), has its kind and unit, and a comparison word (function-word role
``compares``: 同比, 比, 较) stands between them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from itertools import pairwise

from cnews_ie.lexicons import role_words
from cnews_ie.patterns import SENTENCE_END
from cnews_ie.records import Figure
from cnews_ie.work import relinked

__all__ = ["flow_bases"]


def _flow_of(text: str, flow: Figure, fig: Figure) -> bool:
    if fig.change is None or flow.change is None or fig.base is not None:
        return False
    if "metric:from_previous" not in fig.links or fig.metric != flow.metric:
        return False
    if fig.kind is not flow.kind or fig.unit != flow.unit:
        return False
    between = text[flow.end : fig.start]
    return not SENTENCE_END.search(between) and any(w in between for w in role_words("compares"))


def flow_bases(text: str, figures: Sequence[Figure]) -> list[Figure]:
    """``figures`` with a change against an earlier time tied to the flow it follows."""
    flows = {id(fig): flow for flow, fig in pairwise(figures) if _flow_of(text, flow, fig)}
    if not flows:
        return list(figures)
    rebuilt: dict[int, Figure] = {}

    def rebuild(fig: Figure, base: Figure | None) -> Figure:
        new = replace(fig, base=base)
        flow = flows.get(id(fig))
        if flow is not None:
            new = replace(new, base=rebuilt[id(flow)], links=(*fig.links, "base:flow"))
        rebuilt[id(fig)] = new
        return new

    return relinked(figures, rebuild)[0]
