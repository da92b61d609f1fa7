"""Figures that open their sentence, as a heading does (6.2%，全县工业投资两位数增长), followed by a
comma: they measure the noun phrase that opens the next clause (ANNOTATION §8), read from the
stored words.  The rule that uses it is listed in ``link.py`` (``metric:leading``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from cnews_ie.coordination import share_head
from cnews_ie.lexicons import role_words
from cnews_ie.metric import LIST_GAP, metric_before
from cnews_ie.patterns import METRIC_WORD
from cnews_ie.records import Figure
from cnews_ie.work import Token

__all__ = ["leading_metric"]


_LEADING_POS = ("n", "vn", "j", "b", "l", "eng")  # the words of the noun phrase after them
_LEADING_COMMA = ("，", ",")


def leading_metric(
    text: str,
    s_start: int,
    figures: Sequence[Figure],
    members: Sequence[int],
    i: int,
    tokens: Sequence[Token],
) -> tuple[str, int] | None:
    """The indicator of a figure that opens its sentence alone or in a list (6.2%, 5%和3%), as a
    heading does, followed by a comma: the noun phrase that opens the next clause, up to its
    last head (6.2%，全县工业投资两位数增长 → 全县工业投资), the list's members in order
    (5%和3%，国有和中小工业企业增加值… → 国有工业企业增加值, 中小工业企业增加值) (``metric:leading``),
    and its start.  None for any other figure."""

    def listed(a: int, b: int) -> bool:
        return bool(LIST_GAP.fullmatch(text, figures[members[a]].end, figures[members[b]].start))

    k = members.index(i)
    first, last = k, k
    while first > 0 and listed(first - 1, first):
        first -= 1
    while last + 1 < len(members) and listed(last, last + 1):
        last += 1
    if text[s_start : figures[members[first]].start].strip(' \u3000\t\n“”"') or not (
        text.startswith(_LEADING_COMMA, figures[members[last]].end)
    ):
        return None
    joins = role_words("joins_figures") | {"、"}
    noun: list[tuple[int, str, str]] = []
    for t in tokens:
        if t.start <= figures[members[last]].end:
            continue
        if (
            t.pos.startswith(_LEADING_POS)
            and not t.pos.startswith(("nr", "ns", "nt"))
            and METRIC_WORD.fullmatch(t.word)
        ) or (noun and t.word in joins):
            noun.append((t.start, t.word, t.pos))
            continue
        break
    if not noun:
        return None
    found = metric_before(text, noun[0][0], noun[-1][0] + len(noun[-1][1]), [], noun)
    if found is None:
        return None
    if first == last:
        return found
    phrase = text[noun[0][0] : found[1] + len(found[0])]
    parts = phrase.split("、")
    parts[-1:] = re.split(r"[和及与]", parts[-1], maxsplit=1)
    if len(parts) != last - first + 1 or any(len(p) < 2 for p in parts):
        return None
    return share_head(text, noun[0][0], parts, noun)[k - first], noun[0][0]
