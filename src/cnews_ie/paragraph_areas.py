"""A figure about no named entity, in a paragraph that writes a whole-area word, is about that
area (ANNOTATION.md §8: a bulletin's lead governs the passage, even where it writes its area
only as an object: 文旅产业实现营收…，占全县经济的三成 → 全县 for the figures of the
paragraph).

Linking leaves such a figure's subject ``None`` (no place, organisation or subject word before
it, none carried).  When its paragraph writes a whole-area word (全市, 全县: role
``whole_area``) anywhere, as a word of its own (not 全市 of 安全市场), the figure takes the
first one: ``subject:paragraph_area``.  A
paragraph that writes none keeps ``None`` (a bulletin passage that never names its place).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from cnews_ie.lexicons import lexicon_cache, role_words
from cnews_ie.patterns import alternation
from cnews_ie.records import Figure
from cnews_ie.subjects import stands_alone
from cnews_ie.work import SentenceSpan, sentence_finder, with_subjects

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
    sentence_of = sentence_finder(sentences)
    paragraphs: dict[int, tuple[int, int]] = {}  # block → (start, end) of its body sentences
    areas: dict[int, str | None] = {}
    for s in sentences:
        start, _ = paragraphs.get(s.block, (s.start, s.end))
        paragraphs[s.block] = (start, s.end)
    for fig in figures:
        if fig.subject is not None:
            continue
        sentence = sentence_of(fig.start)
        if sentence is None:
            continue
        if sentence.block not in areas:  # the paragraph's first whole-area word, once
            found = next(  # a word of the text: not 全市 of 安全市场
                (
                    m
                    for m in _areas().finditer(text, *paragraphs[sentence.block])
                    if stands_alone(text, m.start(), m.end())
                ),
                None,
            )
            areas[sentence.block] = found.group() if found else None
        area = areas[sentence.block]
        if area:
            chosen[id(fig)] = area
    return with_subjects(figures, chosen, "subject:paragraph_area")
