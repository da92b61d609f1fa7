"""An indicator as linked holds whole quotations and no half of a bracket (ANNOTATION.md §8: the
indicator close to the text's own words).

Linking bounds a phrase metric by words, and a word boundary may fall inside a quoted name or
right after an opening bracket (``phrase_edges.trim_phrase`` keeps a quotation whole where the
phrase holds both its marks; a bound may still fall inside one).  After linking:

* a metric with an opening bracket that it does not close starts after that bracket: the
  bracket opens a phrase of its own, the indicator (某型导弹（射程550公里） → 射程);
* a metric that starts inside a quotation (its first closing quote comes before any opening
  one) starts at the opening quote written right before it, within the clause
  (“一带一路”沿线国家进出口, not 一带一路”沿线国家进出口).
"""

from __future__ import annotations

from collections.abc import Sequence

from cnews_ie.patterns import CLAUSE_END_CHARS
from cnews_ie.records import Figure
from cnews_ie.work import with_changes

__all__ = ["balanced_metrics"]

_PAIRS = (("（", "）"), ("(", ")"))
_OPEN_QUOTE, _CLOSE_QUOTE = "“", "”"
_QUOTE_REACH = 16  # characters a quotation's opening may stand before the metric


def _after_open_bracket(metric: str) -> str:
    """``metric`` after an opening bracket it leaves open, if any."""
    for opening, closing in _PAIRS:
        at = metric.rfind(opening)
        if at >= 0 and metric.rfind(closing) < at and metric[at + 1 :].strip():
            return metric[at + 1 :].strip()
    return metric


def _with_quote(text: str, metric: str, fig: Figure) -> str:
    """``metric`` from the opening quote of the quotation it starts inside."""
    close = metric.find(_CLOSE_QUOTE)
    if close < 0 or _OPEN_QUOTE in metric[:close]:
        return metric
    at = text.rfind(metric, max(0, fig.start - 200), fig.start)
    if at < 0:
        return metric
    before = text[max(0, at - _QUOTE_REACH) : at]
    opening = before.rfind(_OPEN_QUOTE)
    if opening < 0 or _CLOSE_QUOTE in before[opening:]:
        return metric
    if any(c in CLAUSE_END_CHARS for c in before[opening:]):
        return metric
    return before[opening:] + metric


def balanced_metrics(text: str, figures: Sequence[Figure]) -> list[Figure]:
    """``figures`` with each metric holding whole quotations and no half of a bracket."""
    chosen: dict[int, tuple[dict[str, object], str]] = {}
    for fig in figures:
        if not fig.metric:
            continue
        metric = _with_quote(text, _after_open_bracket(fig.metric), fig)
        if metric != fig.metric:
            chosen[id(fig)] = {"metric": metric}, "metric:marks"
    return with_changes(figures, chosen)
