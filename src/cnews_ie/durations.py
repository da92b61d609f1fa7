"""Spans of time that are figures (ANNOTATION §4, §14.9), and halves (§3): most number-shaped
spans with a unit of time are dates, periods or frames (2024年, 连续三个月, 在两个月内); a unit of
kind ``duration`` (``units.tsv``: 个月, 天, 小时, 分钟) makes a figure where the text reports the
time something takes: a deadline or processing time (24小时内放款), a verb of taking time before
it (只需要十五分钟) or of completion after it (8个月就建成), or the value of a noun naming a span
of time (建设期为18个月, in years too: 投资回收期约6年).  Read by the resolver
(``resolve.py``) on the match it resolves.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from decimal import Decimal

from cnews_ie.lexicons import lexicon_cache, role_words

__all__ = ["WITHIN", "half_of", "span_value", "spends_time", "takes_time", "within"]

WITHIN = ("内", "之内")  # after a time span: a deadline (24小时内放款)


def within(m: re.Match[str]) -> bool:
    """Whether a time span is a deadline or processing time (24小时内, 5天之内, 30分钟以内);
    not inside an adverbial a preposition opens (在一个月内细化落实: the frame of a rule)."""
    if any(m.string.endswith(w, 0, m.start()) for w in role_words("opens_adverbial")):
        return False
    return m.string.startswith(WITHIN, m.end()) or (m.group("post") or "").strip() == "以内"


def takes_time(m: re.Match[str]) -> bool:
    """Whether a time span is the reported time something takes (ANNOTATION §4): a verb of
    taking time before it (只需要20分钟: role ``takes_time``; 用两年时间: ``spends_time`` with
    ``time_noun`` after), or a verb of completion after it,
    past 左右 and adverbs of time (8个月就建成: roles ``completes_in_time``, ``time_adverb``)."""
    view = m.string
    if any(view.endswith(w, 0, m.start()) for w in role_words("takes_time")):
        return True
    if spends_time(m):
        return True
    at = m.end()
    adverbs = sorted(role_words("time_adverb"), key=len, reverse=True)
    while (word := next((w for w in adverbs if view.startswith(w, at)), None)) is not None:
        at += len(word)
    return any(view.startswith(w, at) for w in role_words("completes_in_time"))


def spends_time(m: re.Match[str]) -> bool:
    """Whether a span of time is the time spent on something: a verb of role ``spends_time``
    before it and the noun of role ``time_noun`` after it (用4个多月时间建成, 花三年时间), in
    years too."""
    view = m.string
    return any(view.endswith(w, 0, m.start()) for w in role_words("spends_time")) and any(
        view.startswith(w, m.end()) for w in role_words("time_noun")
    )


@lexicon_cache
def _time_links() -> tuple[str, ...]:
    """The words of role ``time_link``, longest first (缩短了 before 缩短)."""
    return tuple(sorted(role_words("time_link"), key=len, reverse=True))


def span_value(m: re.Match[str]) -> bool:
    """Whether a span of time is the value of a noun naming a span (建设期为18个月, 投资回收期约6年,
    工期缩短了3个半月: role ``names_a_span``, a word of ``time_link`` between; or before 的 and
    such a noun: 18个月的工期, not 一年的天数), in years too: with such a noun, 6年 is a
    length, not a date."""
    view, at = m.string, m.start()
    spans = role_words("names_a_span")
    after = m.end() + 1
    if (
        any(view.startswith(w, m.end()) and len(w) == 1 for w in role_words("attributive"))
        and any(view.startswith(w, after) for w in spans)
        and view[m.start()] != "一"  # 一年的天数: of one year, per year, no length
    ):
        return True  # 10年的寿命: the span modifies the noun naming it
    if (word := next((w for w in _time_links() if view.endswith(w, 0, at)), None)) is not None:
        at -= len(word)
    return any(view.endswith(w, 0, at) for w in spans)


def half_of(
    m: re.Match[str], tag: str, unit: str | None, units: Collection[str]
) -> tuple[Decimal, str | None]:
    """The half a quantity adds (3个半月, 七成半: 0.5 of its unit) and the unit written with
    the 个 of 个半 or 个多 (3个半月, 4个多月 → 个月, when ``units`` has it)."""
    if m.group(f"{tag}cls") and unit is not None and f"个{unit}" in units:
        unit = f"个{unit}"
    if m.group(f"{tag}half2"):
        return Decimal("0.5"), unit
    if not m.group(f"{tag}half"):
        return Decimal(0), unit
    if unit is not None and f"个{unit}" in units:
        unit = f"个{unit}"
    return Decimal("0.5"), unit
