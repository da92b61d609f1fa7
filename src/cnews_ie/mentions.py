"""Organisation mentions the model's spans leave out.

* :func:`repeated_organizations`: where the name of a kept organisation span is written again,
  it is that organisation there too, in place of the shorter spans the model gave inside it
  (国开行湖南分行 tagged once as an organisation, and once only its place 湖南);
* :func:`listed_companies`: a name right before a stock code in brackets is a listed
  company's (华信电气(00042) is no place 华信 + something).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from cnews_ie.patterns import CJK, STOCK_CODE

__all__ = ["listed_companies", "repeated_organizations"]

Span = tuple[str, int, int]  # label, start, end

# names this short may be written inside other words (中兴 of 中兴商业); four characters and
# more are taken wherever they are written
_MIN_CHARS = 4


def repeated_organizations(text: str, spans: Sequence[Span]) -> list[Span]:
    """``spans`` with each further mention of an organisation name of four characters or more
    as an organisation span, where no span crosses the mention's edges (the spans inside it,
    a place or a shorter name: 农发行 + 湖南 + 分行, give way)."""
    names = {text[s:e] for label, s, e in spans if label == "ORG" and e - s >= _MIN_CHARS}
    if not names:
        return list(spans)
    taken = list(spans)
    found: list[Span] = []
    for name in sorted(names, key=lambda n: (-len(n), n)):
        at = text.find(name)
        while at >= 0:
            end = at + len(name)
            touching = [x for x in taken if x[1] < end and at < x[2]]
            if ("ORG", at, end) not in touching and all(
                at <= x[1] and x[2] <= end for x in touching
            ):
                found.append(("ORG", at, end))
                taken = [x for x in taken if x not in touching] + [("ORG", at, end)]
            at = text.find(name, end)
    if not found:
        return list(spans)
    return sorted(taken, key=lambda x: (x[1], x[2]))


_NAME_BEFORE = re.compile(rf"[{CJK}A-Za-z]{{2,8}}$")
_LONGEST_SHORT_NAME = 8


def listed_companies(text: str, spans: Sequence[Span]) -> list[Span]:
    """``spans`` with the name written right before a stock code (华信电气(00042)公告) as an
    organisation span: the run of Chinese characters and letters before the bracket, from the
    first span that starts inside it when one does (…控股股东 + 华信电气), in place of the spans
    inside it."""
    found: list[Span] = []
    for m in STOCK_CODE.finditer(text):
        end = m.start()
        run = _NAME_BEFORE.search(text, max(0, end - _LONGEST_SHORT_NAME), end)
        if run is None:
            continue
        start = min((a for _, a, b in spans if run.start() <= a < end), default=run.start())
        if any(a < start < b or a < end < b for _, a, b in spans):
            continue  # a span crosses the name's edges: leave the model's reading
        found.append(("ORG", start, end))
    if not found:
        return list(spans)
    kept = [x for x in spans if not any(a <= x[1] and x[2] <= b for _, a, b in found)]
    return sorted([*kept, *found], key=lambda x: (x[1], x[2]))
