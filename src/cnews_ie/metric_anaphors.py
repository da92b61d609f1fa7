"""A figure whose indicator is only a phrase that refers back to the indicator of a figure before
(这一比例, 该指数, 这个数字: role ``same_indicator``), or its noun, is a value of that indicator
(``metric:anaphor``; ANNOTATION.md §8: the indicator, not the words that stand for it).

全市城镇化率达到62.5%，这一比例比上年提高1.2个百分点: the phrase stands before the figure in its
sentence, and the figure it refers to is the nearest before it, in its sentence or the one
before and in its paragraph, whose indicator is no such phrase and whose value the figure can
be: a percent, or a change in percentage points, of a percent; any other value of the same
unit; a growth rate or a multiple of any.  A change of that figure's value, or a multiple of
it, with no base of its own takes that figure as its base (``base:anaphor``: 1.2个百分点 of
62.5%).  A short clause that only gives such a phrase and a copula (全国同类指标为2.4%) is
``parallels.parallel_percents``' before this pass.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from cnews_ie.lexicons import lexicon_cache, role_words
from cnews_ie.patterns import alternation
from cnews_ie.records import Figure, FigureKind
from cnews_ie.work import relinked

__all__ = ["metric_anaphors"]

_ENDS = "。！？!?"  # what ends a sentence
_SENTENCE_ENDS = re.compile(f"[{_ENDS}]")
_PARAGRAPH = "\n"
_SENTENCES_BACK = 1  # the referred figure is in the phrase's sentence or the one before
_RULE = "metric:anaphor"


@lexicon_cache
def _phrase() -> re.Pattern[str]:
    """A phrase that refers back to the indicator of a figure before (这一比例, 同类指标)."""
    return re.compile(alternation(role_words("same_indicator")))


def _names(phrase: str, metric: str | None) -> bool:
    """Whether ``metric`` is the phrase, or its noun (比例 of 这一比例), or ends with it."""
    if not metric:
        return False
    return phrase.endswith(metric) or metric.endswith(phrase)


def _can_be(fig: Figure, earlier: Figure) -> bool:
    """Whether ``fig`` can be a value (or a change) of ``earlier``'s indicator."""
    if fig.kind is FigureKind.PERCENTAGE_POINT or (
        fig.kind is FigureKind.PERCENT and fig.change is None
    ):
        return earlier.kind is FigureKind.PERCENT and earlier.change is None
    return fig.kind in (FigureKind.PERCENT, FigureKind.MULTIPLE) or earlier.unit == fig.unit


def _referred(text: str, figures: Sequence[Figure], k: int) -> Figure | None:
    """The figure the phrase before ``figures[k]`` in its sentence refers to, if any."""
    fig = figures[k]
    # the sentence's start: one C-level search back per mark, not a scan from the text's start
    opening = max(text.rfind(mark, 0, fig.start) for mark in _ENDS) + 1
    phrases = [m for m in _phrase().finditer(text, opening, fig.start) if _names(m[0], fig.metric)]
    if not phrases:
        return None
    at = phrases[-1].start()
    for earlier in reversed(figures[:k]):
        if earlier.end > at:
            continue
        between = text[earlier.end : at]
        if _PARAGRAPH in between or len(_SENTENCE_ENDS.findall(between)) > _SENTENCES_BACK:
            return None
        if earlier.metric and not any(
            _names(p, earlier.metric) for p in role_words("same_indicator")
        ):
            return earlier if _can_be(fig, earlier) else None
    return None


def metric_anaphors(text: str, figures: Sequence[Figure]) -> list[Figure]:
    """``figures`` where a figure whose indicator is only a phrase that refers back to an
    indicator (role ``same_indicator``), or its noun, takes the indicator of the figure the
    phrase refers to (rule ``metric:anaphor``).

    >>> from cnews_ie import extract
    >>> text = "全市城镇化率达到62.5%，这一比例比上年提高1.2个百分点。"
    >>> [(f.metric, f.base and f.base.text) for f in extract(text, ner=None).figures]
    [('城镇化率', None), ('城镇化率', '62.5%')]
    """
    referred = {
        id(fig): earlier
        for k, fig in enumerate(figures)
        if any(_names(p, fig.metric) for p in role_words("same_indicator"))
        and (earlier := _referred(text, figures, k)) is not None
    }
    if not referred:
        return list(figures)
    rebuilt: dict[int, Figure] = {}

    def rebuild(fig: Figure, base: Figure | None) -> Figure:
        new = replace(fig, base=base)
        earlier = referred.get(id(fig))
        if earlier is not None:
            links = (*(r for r in fig.links if not r.startswith("metric:")), _RULE)
            new = replace(new, metric=earlier.metric, links=links)
            if base is None and (fig.change is not None or fig.kind is FigureKind.MULTIPLE):
                new = replace(new, base=rebuilt[id(earlier)], links=(*links, "base:anaphor"))
        rebuilt[id(fig)] = new
        return new

    return relinked(figures, rebuild)[0]
