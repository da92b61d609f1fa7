"""A figure about a sector that owns its indicator (ANNOTATION.md §8: a sector is a subject).

Linking reads a sector before a light verb as the owner of the indicator (建筑业完成固定资产投资
→ 建筑业固定资产投资, ``subjects.metric_subject``) and looks for the subject elsewhere: a place
of the clause, the sentence, the paragraph.  When none is found, the figure is about the sector
itself: its subject is the sector (``subject:sector_owner``).  A sector's name ends with a word
of role ``sector_head`` (制造业, 服务业, 行业) and a word of role ``introduces_figure`` (实现, 完成)
follows it in the figure's sentence.  This runs after ``paragraph_areas``: a whole-area word of
the paragraph comes first.
"""

from __future__ import annotations

from collections.abc import Sequence

from cnews_ie.lexicons import role_tuple
from cnews_ie.records import Figure
from cnews_ie.work import SentenceSpan, sentence_finder, with_subjects

__all__ = ["sector_owners"]

_MAX_SECTOR = 8  # characters of a sector's name (批发零售业), as in subjects.py


def sector_owners(
    text: str, sentences: Sequence[SentenceSpan], figures: Sequence[Figure]
) -> list[Figure]:
    """``figures`` with a missing subject filled with the sector that opens their indicator
    before a light verb of their sentence (the body ``sentences``)."""
    heads, light = role_tuple("sector_head"), role_tuple("introduces_figure")
    chosen: dict[int, str] = {}
    sentence_of = sentence_finder(sentences)
    for fig in figures:
        if fig.subject is not None or not fig.metric:
            continue
        sentence = sentence_of(fig.start)
        if sentence is None:
            continue
        for k in range(2, min(len(fig.metric), _MAX_SECTOR) + 1):
            sector = fig.metric[:k]
            if not sector.endswith(heads):
                continue
            at = text.rfind(sector, sentence.start, fig.start)
            if at >= 0 and text.startswith(light, at + k):
                chosen[id(fig)] = sector
                break
    return with_subjects(figures, chosen, "subject:sector_owner")
