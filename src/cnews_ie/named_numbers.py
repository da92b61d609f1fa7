"""Numbers without a unit that the noun before them names (ANNOTATION.md §3), for ``figures.py``.

A number with no unit is no figure (``resolve.py``: a bare number), except where the text names
what it counts or measures: the noun right before it, or before the verbs that introduce it (为,
达到: role ``introduces_figure``), gives it a unit.

* a noun of persons (role ``counts_persons``: 常住人口58万, 总人口305102, 游客人数达120万) makes
  the number a count of 人 (rule ``persons``);
* a price index on a base of 100 (role ``price_index``: 价格指数, 价格总指数), with at most a
  base gloss ((上年=100)) between, makes a number between 50 and 200 the index's value in
  percent of its base period, change null (居民消费价格指数为102.7 → 102.7 %; rule ``index``).
  An index without 价格 (上证指数) is left alone: its points are no percent of a base.

The number's rejection as a bare number is withdrawn.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from decimal import Decimal

from cnews_ie.errors import FigureParseError
from cnews_ie.lexicons import lexicon_cache, role_tuple, role_words
from cnews_ie.records import Figure, FigureKind
from cnews_ie.resolve import parse_figure

__all__ = ["named_numbers"]

_BASE_GLOSS = re.compile(r"[（(]\s*(?:上年|去年|上年同期|同期|上月)\s*=\s*100\s*[)）]\s*$")
_INDEX_RANGE = (Decimal(50), Decimal(200))
_REACH = 24  # characters before a number where its index noun, gloss and verb stand


@lexicon_cache
def _verbs() -> tuple[str, ...]:
    """The verbs that introduce a figure, longest first."""
    return tuple(sorted(role_words("introduces_figure"), key=len, reverse=True))


@lexicon_cache
def _index_tails() -> frozenset[str]:
    """The last two characters of each index noun (指数): a cheap test before the full one."""
    return frozenset(word[-2:] for word in role_words("price_index"))


def _named_by(view: str, at: int, nouns: tuple[str, ...], gloss: bool = False) -> bool:
    """Whether a noun of ``nouns`` ends right before ``at``, past up to two verbs that introduce
    a figure and, with ``gloss``, a base gloss before them."""
    for _ in range(2):
        verb = next((v for v in _verbs() if view.endswith(v, 0, at)), None)
        if verb is None:
            break
        at -= len(verb)
    if gloss and (found := _BASE_GLOSS.search(view, max(0, at - 12), at)):
        at = found.start()
    return view.endswith(nouns, 0, at)


def _read(text: str, view: str, lo: int, hi: int, unit: str, rule: str) -> Figure | None:
    try:
        read = parse_figure(view[lo:hi] + unit)
    except FigureParseError:
        return None
    return replace(read, text=text[lo:hi], start=lo, end=hi, rule=rule)


def named_numbers(
    text: str,
    view: str,
    found: list[Figure],
    bare: list[tuple[int, int]],
    rejected: list[tuple[int, int, str]] | None,
) -> list[Figure]:
    """``found`` (offsets into ``text``) with the numbers the noun before them names read with
    its unit: ``found``'s plain numbers and the ``bare`` spans of ``view``; sorted.

    >>> from cnews_ie.figures import find_figures
    >>> [(f.text, f.value, f.unit) for f in find_figures("全年居民消费价格指数为102.1。")]
    [('102.1', Decimal('102.1'), '%')]
    """
    persons = role_tuple("counts_persons")
    indices = role_tuple("price_index")
    by_start = {f.start: f for f in found}
    spans: Iterable[tuple[int, int]] = [
        *((f.start, f.end) for f in found if f.kind is FigureKind.NUMBER),
        *bare,
    ]
    for lo, hi in spans:
        if hi - lo == 1 and not view[lo].isdigit():
            continue  # 人数一路攀升: one numeral character that starts a word (一路) is no count
        named = None
        window = view[max(0, lo - _REACH) : lo]  # most numbers (years, codes) name no index
        if _named_by(view, lo, persons):
            named = _read(text, view, lo, hi, "人", "persons")
        elif any(t in window for t in _index_tails()) and _named_by(view, lo, indices, True):
            named = _read(text, view, lo, hi, "%", "index")
            if named is not None and not _INDEX_RANGE[0] <= named.value <= _INDEX_RANGE[1]:
                named = None
        if named is None:
            continue
        by_start[lo] = named
        if rejected is not None:
            rejected[:] = [r for r in rejected if (r[0], r[1]) != (lo, hi)]
    return sorted(by_start.values(), key=lambda f: f.start)
