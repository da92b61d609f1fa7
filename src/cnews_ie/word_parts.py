"""Names that end inside a stored word are parts of that word (太阳 of 太阳能发电量): the model read
part of a word, so the span names nothing a figure is about (``stages.link``), unless the word
is itself a place's, which jieba tags ``ns`` (北京 of 北京地区/ns, 西藏 of 西藏地区/ns): then the
name is the word."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Mapping, Sequence

from cnews_ie.work import Token

__all__ = ["not_word_parts"]

_PLACE_TAG = "ns"


def not_word_parts(
    tokens: Mapping[int, Sequence[Token]], spans: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """``spans`` less those that start where a stored word starts and end inside a stored word,
    or widened to that word where it is a place's (tagged ``_PLACE_TAG``).  The stored words are
    in text order and none overlap (sentence by sentence): the word an offset falls inside is
    the last one starting before it, one binary search."""
    words = [w for sentence in tokens.values() for w in sentence]
    starts = [w.start for w in words]
    first = set(starts)

    def around(at: int) -> Token | None:
        """The stored word ``at`` falls strictly inside, if any."""
        k = bisect_left(starts, at) - 1
        return words[k] if k >= 0 and words[k].end > at else None

    kept = []
    for s, e in spans:
        word = around(e) if s in first else None
        if word is None:
            kept.append((s, e))
        elif word.pos == _PLACE_TAG and word.start == s:
            kept.append((s, word.end))  # 北京 of 北京地区/ns: the place jieba reads whole
    return kept
