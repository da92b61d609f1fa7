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

A subject is a name as written, and the same holds for it: one that opens a quotation or a title
(“ 《 （) that it does not close, where the closing mark follows it in the text, takes that mark
(台湾“中船”, 美国《防务新闻》); one that closes a quotation it does not open starts at the
opening quote written right before it, within the clause (九州通”大药店 → “九州通”大药店); one
that opens with a closing bracket (a stock code's: 900927)公司) or a title before a name (a
source's: 《某某专讯》人民银行) starts after it; one still
holding half a pair is dropped.
"""

from __future__ import annotations

from collections.abc import Sequence

from cnews_ie.patterns import CLAUSE_END_CHARS
from cnews_ie.records import Figure
from cnews_ie.work import with_changes

__all__ = ["balanced_metrics", "balanced_subjects"]

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


_SUBJECT_PAIRS = (("“", "”"), ("《", "》"), ("（", "）"), ("(", ")"), ("「", "」"))
_SUBJECT_REACH = 400  # characters before a figure its subject may stand
_QUOTES = frozenset("“《「")  # a name's quotation or title: a subject inside one opens with it


def _written_at(subject: str, text: str, fig: Figure) -> int:
    """Where ``subject`` is written nearest before ``fig``, else first; -1 where nowhere."""
    at = text.rfind(subject, max(0, fig.start - _SUBJECT_REACH), fig.start)
    return at if at >= 0 else text.find(subject)


def _balanced(subject: str, text: str, fig: Figure) -> str | None:
    """``subject`` holding whole pairs of marks, as written before ``fig`` (or anywhere in
    ``text``); None where no such string is written."""
    for opening, closing in _SUBJECT_PAIRS:
        if subject.count(closing) <= subject.count(opening):
            continue
        at = _written_at(subject, text, fig)
        before = text[max(0, at - _QUOTE_REACH) : at] if at >= 0 else ""
        start = before.rfind(opening)
        if (
            opening in _QUOTES
            and start >= 0
            and not any(c in CLAUSE_END_CHARS for c in before[start:])
        ):
            subject = before[start:] + subject  # 九州通”大药店 → “九州通”大药店
        else:
            subject = subject[subject.rfind(closing) + 1 :]  # 900927)公司 → 公司
    for opening, closing in _SUBJECT_PAIRS:
        if subject.count(opening) > subject.count(closing):
            at = _written_at(subject, text, fig)
            if at >= 0 and text.startswith(closing, at + len(subject)):
                subject += closing  # 台湾“中船 + ”
    if subject.startswith("《") and 0 < subject.find("》") < len(subject) - 2:
        subject = subject[subject.find("》") + 1 :]  # 《某某专讯》人民银行: the source's title
    if len(subject) < 2 or any(subject.count(o) != subject.count(c) for o, c in _SUBJECT_PAIRS):
        return None
    return subject


def balanced_subjects(text: str, figures: Sequence[Figure]) -> list[Figure]:
    """``figures`` with each subject holding whole pairs of quotes and brackets."""
    chosen: dict[int, tuple[dict[str, object], str]] = {}
    for fig in figures:
        if not fig.subject or not any(c in fig.subject for pair in _SUBJECT_PAIRS for c in pair):
            continue
        subject = _balanced(fig.subject, text, fig)
        if subject != fig.subject:
            chosen[id(fig)] = {"subject": subject}, "subject:marks"
    return with_changes(figures, chosen)
