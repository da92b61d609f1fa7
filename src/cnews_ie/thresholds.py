"""A count of a class that a threshold amount defines measures the class as written (ANNOTATION
§14.13: thresholds with a numeral are figures; the class they make is what is counted):
年产值超10亿元的龙头企业有14家 → 14家 measures 超10亿元的龙头企业, not 龙头企业
(``metric:threshold_class``).

Linking reads a count's indicator in its own clause, which starts after the figure before it,
so the threshold amount (超10亿元, role ``threshold`` before it) and the 的 that ties it to the
noun fall outside.  Here a count whose indicator is written right after such an amount and its
的 takes the threshold with it.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from cnews_ie.lexicons import role_tuple, role_words
from cnews_ie.records import Figure, FigureKind
from cnews_ie.work import with_changes

__all__ = ["threshold_classes"]


def _class_of(text: str, amount: Figure, count: Figure) -> str | None:
    """The class ``amount`` defines for ``count``'s indicator, or None."""
    metric = count.metric or ""
    if count.kind is not FigureKind.COUNT or amount.kind is FigureKind.COUNT or not metric:
        return None
    said = metric.split("（")[0]
    ties = role_tuple("attributive")
    tie = next((w for w in ties if text.startswith(w, amount.end)), None)
    if tie is None or not text.startswith(said, amount.end + len(tie)):
        return None
    words = tuple(sorted(role_words("threshold"), key=len, reverse=True))
    if amount.text.startswith(words):  # 超10亿元: the figure holds its threshold word
        return text[amount.start : amount.end + len(tie) + len(said)]
    word = next((w for w in words if text.endswith(w, 0, amount.start)), None)
    if word is None:
        return None
    return text[amount.start - len(word) : amount.end + len(tie) + len(said)]


def threshold_classes(text: str, figures: Sequence[Figure]) -> list[Figure]:
    """``figures`` with each count of a class a threshold amount defines measuring that class."""
    chosen = {
        id(b): ({"metric": c}, "metric:threshold_class")
        for a, b in pairwise(figures)
        if (c := _class_of(text, a, b))
    }
    return with_changes(figures, chosen, drop="metric:")
