"""The topic a clause with no subject of its own shares: the name that opens the nearest clause
before it in its sentence (a topic chain: 某地区汽车产业规模扩大，某两地已建成产业集群，拥有45家
整车企业 → the second clause's name, not the sentence's first; ANNOTATION.md §8: the entity
the figure is about, named in the same sentence)."""

from __future__ import annotations

from collections.abc import Sequence

from cnews_ie.patterns import CLAUSE_END_CHARS
from cnews_ie.subjects import subject_in

__all__ = ["clause_topic"]


def clause_topic(
    text: str,
    lo: int,
    hi: int,
    names: list[tuple[int, int]],
    exclude: Sequence[tuple[int, int]] = (),
) -> str | None:
    """The place, organisation or subject word (``subject_in``'s) that opens the nearest clause
    of ``text[lo:hi]`` (at ``lo``, or right after a comma, semicolon or colon), outside the spans
    of ``exclude`` (adverbials, objects of verbs), else None."""
    opens = [lo] + [at + 1 for at in range(lo, hi) if text[at] in CLAUSE_END_CHARS]
    for start in reversed(opens):
        found = subject_in(text, start, hi, names, leftmost=True, exclude=exclude)
        if found and text.startswith(found, start):
            return found
    return None
