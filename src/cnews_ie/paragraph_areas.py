"""A figure about no named entity, in a paragraph that writes a whole-area word, is about that
area (ANNOTATION.md §8: a bulletin's lead governs the passage, even where it writes its area
only as an object: 文旅产业实现营收…，占全县经济的三成 → 全县 for the figures of the
paragraph).

Linking leaves such a figure's subject ``None`` (no place, organisation or subject word before
it, none carried).  When its paragraph writes a whole-area word (全市, 全县: role
``whole_area``) anywhere, the figure takes the first one: ``subject:paragraph_area``.  A
paragraph that writes none keeps ``None`` (a bulletin passage that never names its place).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from cnews_ie.lexicons import lexicon_cache, role_words
from cnews_ie.patterns import alternation
from cnews_ie.records import Figure
from cnews_ie.work import SentenceSpan, relinked, with_base

__all__ = ["paragraph_areas"]


@lexicon_cache
def _areas() -> re.Pattern[str]:
    return re.compile(alternation(role_words("whole_area")))


def paragraph_areas(
    text: str, sentences: Sequence[SentenceSpan], figures: Sequence[Figure]
) -> list[Figure]:
    """``figures`` with a missing subject filled from the first whole-area word of their
    paragraph (the body ``sentences`` of one block)."""
    chosen: dict[int, str] = {}
    for fig in figures:
        if fig.subject is not None:
            continue
        sentence = next((s for s in sentences if s.start <= fig.start < s.end), None)
        if sentence is None:
            continue
        block = [s for s in sentences if s.block == sentence.block]
        found = _areas().search(text, block[0].start, block[-1].end)
        if found:
            chosen[id(fig)] = found.group()
    if not chosen:
        return list(figures)

    def rebuild(fig: Figure, base: Figure | None) -> Figure:
        if id(fig) not in chosen:
            return with_base(fig, base)
        links = (*fig.links, "subject:paragraph_area")
        return replace(fig, base=base, subject=chosen[id(fig)], links=links)

    return relinked(figures, rebuild)[0]
