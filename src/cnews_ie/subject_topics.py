"""The topic a clause with no subject of its own shares: the name that opens the nearest clause
before it in its sentence (a topic chain: 某地区汽车产业规模扩大，某两地已建成产业集群，拥有45家
整车企业 → the second clause's name, not the sentence's first; ANNOTATION.md §8: the entity
the figure is about, named in the same sentence).  Since the previous figure of the sentence, such
a name comes before that figure's subject (甲市引进项目42个，乙县也在加快园区建设，新建厂房12栋 →
乙县), and a dash opens an apposition as a comma opens a clause (其中2家合资企业——甲公司…)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from cnews_ie.patterns import CLAUSE_END_CHARS
from cnews_ie.subjects import subject_in, subject_pattern

__all__ = ["clause_topic"]

# A clause or an apposition opens after a comma, semicolon or colon, or after a dash (两家合资
# 企业——甲公司与乙公司…); not after a hyphen alone, which joins the parts of a name or a range.
_OPENS_AFTER = re.compile(rf"[{re.escape(CLAUSE_END_CHARS)}—]|(?<=-)-")


def clause_topic(
    text: str,
    lo: int,
    hi: int,
    names: list[tuple[int, int]],
    exclude: Sequence[tuple[int, int]] = (),
) -> str | None:
    """The place, organisation or subject word (``subject_in``'s) that opens the nearest clause
    of ``text[lo:hi]`` (at ``lo``, or right after a comma, semicolon, colon or dash), outside the spans
    of ``exclude`` (adverbials, objects of verbs), else None."""
    opens = {lo} | {m.end() for m in _OPENS_AFTER.finditer(text, lo, hi)}
    # only a name or subject word written at an opening can be its clause's topic: the other
    # openings need no search (a long sentence has many openings and many names)
    words = {m.start() for m in subject_pattern().finditer(text, lo, hi)}  # 全市, 园区
    written = {s for s, _ in names} | words
    for start in sorted(opens & written, reverse=True):
        found = subject_in(text, start, hi, names, leftmost=True, exclude=exclude)
        if found and text.startswith(found, start):
            return found
    return None
