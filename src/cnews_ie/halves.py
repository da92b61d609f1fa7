"""A half written as a word (一半, 半数) is a share of 50 % where its clause states a share
(ANNOTATION.md §3, §5: 茶园占全县耕地的一半以上 → 50, approx over), for ``figures.py``.

The clause, from its last clause mark to the word, must hold a share verb (占, 占到: role
``share_verb``): 茶园面积占全县耕地的一半以上, 出口占到全省的近一半.  A half elsewhere is no figure
(一半是海水, 说了一半, 减少一半: no share stated).  Qualifiers glued to it bend it as they bend
any figure (``qualifiers.tsv``: 近一半 → under, 一半以上 → over); the span covers them, as it does
for the numbers the finder reads.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal

from cnews_ie.lexicons import lexicon_cache, role_words
from cnews_ie.patterns import CLAUSE_END_CHARS, alternation
from cnews_ie.records import Figure, FigureKind
from cnews_ie.resolve import qualifiers

__all__ = ["half_shares"]

_HALVES = ("一半", "半数")
_FIFTY = Decimal(50)
_RULE = "half_share"


@lexicon_cache
def _pattern() -> re.Pattern[str]:
    """A half with the qualifiers that may stand before and after it (近一半, 一半以上)."""
    words = qualifiers()
    pre = alternation(w for p, w in words if p == "prefix")
    post = alternation(w for p, w in words if p == "suffix" and len(w) > 1)
    return re.compile(f"(?P<pre>{pre})?(?P<half>{alternation(_HALVES)})(?P<post>{post})?")


def _states_share(view: str, at: int) -> bool:
    """Whether the clause before ``view[at]`` holds a share verb."""
    opening = max(view.rfind(mark, 0, at) for mark in CLAUSE_END_CHARS + "\n") + 1
    clause = view[opening:at]
    return any(verb in clause for verb in role_words("share_verb"))


def half_shares(text: str, view: str, found: Iterable[Figure]) -> list[Figure]:
    """``found`` with every half that states a share (50 %, rule ``half_share``) added in text
    order; a half inside a figure found already is left to it."""
    figures = list(found)
    taken = [(f.start, f.end) for f in figures]
    added: list[Figure] = []
    words = qualifiers()
    for m in _pattern().finditer(view):
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        if not _states_share(view, m.start("half")):
            continue
        pre, post = m.group("pre"), m.group("post")
        approx = words[("prefix", pre)] if pre else words[("suffix", post)] if post else None
        added.append(
            Figure(
                text=text[m.start() : m.end()],
                start=m.start(),
                end=m.end(),
                value=_FIFTY,
                unit="%",
                kind=FigureKind.PERCENT,
                approx=approx,
                rule=_RULE,
            )
        )
    return sorted(figures + added, key=lambda f: f.start) if added else figures
