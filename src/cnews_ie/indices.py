"""Price indices on a base of 100 (ANNOTATION.md §3): 居民消费价格指数为102.7 → 102.7, unit %,
kind percent, change null (the reported level of the index, not a growth rate).

A number with no unit is no figure (``resolve.py``: a bare number), except where the text names
what it is.  Right after a noun of role ``price_index`` (价格指数, 价格总指数), with at most a
base gloss ((上年=100)) and a verb that introduces a figure (为, 达到: role
``introduces_figure``) between, a number between 50 and 200 is the index's value, in percent of
its base period (rule ``index``).  An index without 价格 (上证指数, 采购经理指数) is left alone:
its points are no percent of a base.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

from cnews_ie.errors import FigureParseError
from cnews_ie.lexicons import lexicon_cache, role_tuple, role_words
from cnews_ie.records import Figure
from cnews_ie.resolve import parse_figure

__all__ = ["index_values"]

_BASE_GLOSS = re.compile(r"[（(]\s*(?:上年|去年|上年同期|同期|上月)\s*=\s*100\s*[)）]\s*$")
_LOW, _HIGH = Decimal(50), Decimal(200)
_REACH = 24  # characters before a number where its index noun, gloss and verb stand


@lexicon_cache
def _tails() -> frozenset[str]:
    """The last two characters of each index noun (指数): a cheap test before the full one."""
    return frozenset(word[-2:] for word in role_words("price_index"))


@lexicon_cache
def _verbs() -> tuple[str, ...]:
    return tuple(sorted(role_words("introduces_figure"), key=len, reverse=True))


def index_values(
    text: str,
    view: str,
    found: list[Figure],
    bare: list[tuple[int, int]],
    rejected: list[tuple[int, int, str]] | None,
) -> list[Figure]:
    """``found`` with each bare number (``bare``: spans of ``view``) that states a price index's
    value added as a percent figure (offsets into ``text``), its rejection withdrawn.

    >>> from cnews_ie.figures import find_figures
    >>> [(f.text, f.value, f.unit) for f in find_figures("全年居民消费价格指数为102.1。")]
    [('102.1', Decimal('102.1'), '%')]
    """
    nouns = role_tuple("price_index")
    added: list[Figure] = []
    for lo, hi in bare:
        window = view[max(0, lo - _REACH) : lo]
        if not any(tail in window for tail in _tails()):
            continue  # most bare numbers (years, codes) have no index before them
        at = lo
        verb = next((v for v in _verbs() if view.endswith(v, 0, at)), None)
        at -= len(verb) if verb else 0
        gloss = _BASE_GLOSS.search(view, max(0, at - 12), at)
        at = gloss.start() if gloss else at
        if not view.endswith(nouns, 0, at):
            continue
        try:
            read = parse_figure(view[lo:hi] + "%")
        except FigureParseError:
            continue
        if not _LOW <= read.value <= _HIGH:
            continue
        added.append(replace(read, text=text[lo:hi], start=lo, end=hi, rule="index"))
        if rejected is not None:
            rejected[:] = [r for r in rejected if (r[0], r[1]) != (lo, hi)]
    if not added:
        return found
    return sorted([*found, *added], key=lambda f: f.start)
