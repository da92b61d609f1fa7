"""The indicator of the items of a list a colon opens (ANNOTATION §8: the indicator the clause
states, here the introduction that governs the list): 报名人数超过5000人的岗位有：综合管理，8120人；
财务会计，6345人 → 报名人数 for each item's figure.

An item is a label clause and a clause that holds only the figure (标签，数字；): the label names
the member (a category, a place), not what is measured; the introduction before the colon does.
The rule that uses it is ``metric:colon_list`` (``link.py``).
"""

from __future__ import annotations

from collections.abc import Sequence

from cnews_ie.metric import metric_before
from cnews_ie.records import Figure

__all__ = ["colon_item"]

_COLONS = ("：", ":")
_ITEM_ENDS = ("；", ";")
_LABEL_ENDS = ("，", ",")


def _last(text: str, marks: Sequence[str], lo: int, hi: int) -> int:
    return max(text.rfind(mark, lo, hi) for mark in marks)


def colon_item(
    text: str,
    s_start: int,
    fig: Figure,
    earlier: Sequence[tuple[Figure, str | None, int]],
    places: list[tuple[int, int]],
    words: list[tuple[int, str, str]],
) -> tuple[str, int] | None:
    """The indicator of ``fig`` and its start when it is an item's figure of a list after a colon
    in its sentence (from ``s_start``): alone in its clause after a comma, the label clause before
    that comma holding no figure (``earlier``: the sentence's figures before ``fig`` with their
    metrics and metric starts).  The indicator is that of the introduction's last figure of the
    same unit and kind (报名人数超过5000人的岗位有：… → 报名人数), else the last indicator the
    introduction names (主要农产品产量如下：稻谷，120万吨 → 农产品产量).  None for any other
    figure."""
    colon = _last(text, _COLONS, s_start, fig.start)
    if colon < 0:
        return None
    comma = _last(text, _LABEL_ENDS, colon, fig.start)
    if comma < 0 or text[comma + 1 : fig.start].strip():
        return None  # 稻谷产量120万吨: a clause with words of its own
    label = max(_last(text, _ITEM_ENDS, colon, comma), colon) + 1
    if not text[label:comma].strip() or any(label <= f.start < comma for f, _, _ in earlier):
        return None  # 稻谷120万吨，小麦98万吨: no label clause, an item of another shape
    intro = [
        (metric, start)
        for f, metric, start in earlier
        if f.end <= colon and metric and f.unit == fig.unit and f.kind is fig.kind
    ]
    if intro:
        return intro[-1]
    return metric_before(text, s_start, colon, places, words)
