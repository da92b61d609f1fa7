"""Organisation mentions the model's spans leave out.

:func:`repeated_organizations`: where the name of a kept organisation span is written again,
it is that organisation there too, in place of the shorter spans the model gave inside it
(国开行湖南分行 tagged once as an organisation, and once only its place 湖南).  Names before
stock codes are :mod:`cnews_ie.listed_companies`.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["repeated_organizations"]

Span = tuple[str, int, int]  # label, start, end

# names this short may be written inside other words (华远 of 华远商业); four characters and
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
