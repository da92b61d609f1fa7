"""A total named by its noun alone is the total of the indicator before it (``metric:total_of``).

新增高新技术企业56家，总数达到312家: the second clause names only a noun of role
``names_total`` (总数, 总量, 总额 …), which says what kind of value follows, not what is
counted.  The figure before it in its sentence, in the same unit, names that: the total is its
indicator with the noun, less the verbs that open it (新增, 累计: the total is no new count) →
高新技术企业总数; the total's clause follows that figure's (a comma or semicolon between).  A
total whose clause names its own thing (网点总数) keeps it.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from cnews_ie.backends.jieba_backend import tagged_words
from cnews_ie.lexicons import role_words
from cnews_ie.records import Figure
from cnews_ie.work import with_changes

__all__ = ["named_totals"]

_SENTENCE_ENDS = frozenset("。！？!?\n")
_CLAUSE_BREAKS = frozenset("，,；;")  # the total's clause follows the figure's
_RULE = "metric:total_of"


def _counted(metric: str) -> str:
    """``metric`` less the verbs that open it (新增高新技术企业 → 高新技术企业)."""
    words = tagged_words(metric)
    at = 0
    for word, pos in words[:-1]:
        if not pos.startswith("v"):
            break
        at += len(word)
    return metric[at:]


def named_totals(text: str, figures: Sequence[Figure]) -> list[Figure]:
    """``figures`` where a figure whose phrase metric is only a total noun takes the indicator
    of the figure before it in its sentence, of its unit, with that noun (rule
    ``metric:total_of``).

    >>> from cnews_ie import extract
    >>> [f.metric for f in extract("今年新增高新技术企业56家，总数达到312家。", ner=None).figures]
    ['新增高新技术企业', '高新技术企业总数']
    """
    totals = role_words("names_total")
    chosen: dict[int, tuple[dict[str, object], str]] = {}
    for before, fig in pairwise(figures):
        if fig.metric not in totals or "metric:phrase" not in fig.links:
            continue
        if not before.metric or before.unit != fig.unit or before.metric.endswith(fig.metric):
            continue
        between = text[before.end : fig.start]
        if _SENTENCE_ENDS.intersection(between) or not _CLAUSE_BREAKS.intersection(between):
            continue  # another sentence's figure, or one of a list (…、总投资…的): not its count
        counted = _counted(before.metric.split("（", 1)[0])
        if counted:
            chosen[id(fig)] = ({"metric": counted + fig.metric}, _RULE)
    return with_changes(figures, chosen, drop="metric:")
