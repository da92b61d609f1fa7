"""Names that end inside a stored word are parts of that word (太阳 of 太阳能发电量): the model read
part of a word, so the span names nothing a figure is about (``stages.link``)."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Mapping, Sequence

from cnews_ie.work import Token

__all__ = ["not_word_parts"]


def not_word_parts(
    tokens: Mapping[int, Sequence[Token]], spans: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """``spans`` less those that start where a stored word starts and end inside a stored word.
    The stored words are in text order and none overlap (sentence by sentence): the word an
    offset falls inside is the last one starting before it, one binary search."""
    words = [w for sentence in tokens.values() for w in sentence]
    starts = [w.start for w in words]
    first = set(starts)

    def inside(at: int) -> bool:
        k = bisect_left(starts, at) - 1
        return k >= 0 and words[k].end > at

    return [(s, e) for s, e in spans if s not in first or not inside(e)]
