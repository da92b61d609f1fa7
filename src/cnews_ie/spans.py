"""Spans: the one overlap policy (``filter_spans``) and an index of spans by position.

Every place where spans compete for the same characters (entity spans, project names) keeps
the ones ``filter_spans`` chooses: longest first, then earliest (spaCy's ``filter_spans``).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable

__all__ = ["SpanIndex", "filter_spans"]


def filter_spans(spans: Iterable[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """Keep non-overlapping spans: longest first, then earliest (spaCy's filter_spans).

    >>> filter_spans([("LOC", 0, 3), ("ORG", 0, 5), ("PER", 4, 7), ("PER", 6, 8)])
    [('ORG', 0, 5), ('PER', 6, 8)]
    """
    chosen: list[tuple[str, int, int]] = []
    taken: set[int] = set()
    for label, start, end in sorted(spans, key=lambda s: (-(s[2] - s[1]), s[1])):
        if end <= start or not taken.isdisjoint(range(start, end)):
            continue
        chosen.append((label, start, end))
        taken.update(range(start, end))
    return sorted(chosen, key=lambda s: (s[1], s[2]))


class SpanIndex:
    """(start, end) spans sorted by start, to fetch those that may touch ``[lo, hi)`` without
    scanning them all: linking and project search ask once per figure or head, so a scan would
    make a long document quadratic (found on a 1 MB statistical text: 10 s, now linear)."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        self.spans = sorted(set(spans))
        self._starts = [a for a, _ in self.spans]
        self._longest = max((b - a for a, b in self.spans), default=0)

    def near(self, lo: int, hi: int) -> list[tuple[int, int]]:
        """The spans that start before ``hi`` and end after ``lo - 1`` (a superset of those
        overlapping or inside ``[lo, hi)``, in start order)."""
        first = bisect_left(self._starts, lo - self._longest)
        last = bisect_left(self._starts, hi)
        return [span for span in self.spans[first:last] if span[1] >= lo]
