"""The indicator of the items of a list a colon opens (ANNOTATION §8: the indicator the clause
states, here the introduction that governs the list): 报名人数超过5000人的岗位有：综合管理，8120人；
财务会计，6345人 → 报名人数 for each item's figure.

An item is a label clause and a clause that holds only the figure (标签，数字；): the label names
the member (a category, a place), not what is measured; the introduction before the colon does.
The rule that uses it is ``metric:colon_list`` (``link.py``).

A figure right after a colon, alone up to the end of its clause, is the value of the label
before the colon (``metric:label``): 冠军：5000元；亚军：3000元 → 冠军, 亚军; 注册资本：5000万元.
The label is the nouns and their modifiers right before the colon, in its clause (本次大赛设一等奖：
8000元 → 一等奖); it is short and ends in a noun (no verb ends it: 他说：…; no name of a place
or an organisation is in it).
"""

from __future__ import annotations

from collections.abc import Sequence

from cnews_ie.metric import metric_before
from cnews_ie.patterns import CLAUSE_END_CHARS
from cnews_ie.records import Figure

__all__ = ["colon_item", "label_metric"]

_COLONS = ("：", ":")
_ITEM_ENDS = ("；", ";")
_LABEL_ENDS = ("，", ",")
_MAX_LABEL = 10  # characters: a longer text before a colon introduces, it does not label
_LABEL_POS = ("n", "vn", "a", "b", "z", "j")  # common nouns and their modifiers (最佳/z 人气奖)
_NAME_POS = ("ns", "nt")  # not nr: jieba reads 亚军 as a name


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


def label_metric(
    text: str,
    s_start: int,
    fig: Figure,
    clause_end: int,
    words: Sequence[tuple[int, str, str]],
    places: Sequence[tuple[int, int]],
) -> tuple[str, int] | None:
    """The label of ``fig`` and its start when ``fig`` stands right after a colon and alone to
    its clause's end (``clause_end``), the label made of nouns (``words``: the segmentation
    before the figure) and holding no name of ``places``; else None."""
    colon = fig.start - 1
    while colon > s_start and text[colon].isspace():
        colon -= 1
    if colon <= s_start or text[colon] not in _COLONS or text[fig.end : clause_end].strip():
        return None
    start = max(text.rfind(mark, s_start, colon) for mark in CLAUSE_END_CHARS) + 1
    start = max(start, s_start)
    while start < colon and text[start].isspace():
        start += 1
    taken = [w for w in words if start <= w[0] and w[0] + len(w[1]) <= colon]
    if not taken or taken[-1][0] + len(taken[-1][1]) != colon:
        return None
    label = len(taken)  # the nouns and modifiers right before the colon: 大赛设/一等奖
    while label and _labels(taken[label - 1][2]):
        if label < len(taken) and taken[label][0] != taken[label - 1][0] + len(taken[label - 1][1]):
            break
        label -= 1
    if label == len(taken):
        return None
    start = taken[label][0]
    if (
        not 2 <= colon - start <= _MAX_LABEL
        or not taken[-1][2].startswith(("n", "vn"))
        or any(start < e and s < colon for s, e in places)
    ):
        return None
    return text[start:colon], start


def _labels(pos: str) -> bool:
    """A word of a label: a common noun or a modifier, no name of a place or an organisation."""
    return pos.startswith(_LABEL_POS) and not pos.startswith(_NAME_POS)
