"""The topic a clause with no subject of its own shares: the name that opens the nearest clause
before it in its sentence (a topic chain: 某地区汽车产业规模扩大，某两地已建成产业集群，拥有45家
整车企业 → the second clause's name, not the sentence's first; ANNOTATION.md §8: the entity
the figure is about, named in the same sentence).  Since the previous figure of the sentence, such
a name comes before that figure's subject (甲市引进项目42个，乙县也在加快园区建设，新建厂房12栋 →
乙县), and a dash opens an apposition as a comma opens a clause (其中2家合资企业——甲公司…)."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

from cnews_ie.patterns import CLAUSE_END_CHARS
from cnews_ie.periods import period_pattern
from cnews_ie.subjects import place_clause, subject_in, subject_pattern

__all__ = ["clause_topic", "topic_openings"]

# A clause or an apposition opens after a comma, semicolon or colon, or after a dash (两家合资
# 企业——甲公司与乙公司…); not after a hyphen alone, which joins the parts of a name or a range.
_OPENS_AFTER = re.compile(rf"[{re.escape(CLAUSE_END_CHARS)}—]|(?<=-)-")


def topic_openings(
    text: str,
    lo: int,
    hi: int,
    names: Sequence[tuple[int, int]],
    periods: Sequence[re.Match[str]] | None = None,
) -> list[int]:
    """Where a clause of ``text[lo:hi]`` opens after a comma, semicolon, colon or dash (and the
    period heading it) with a name of ``names`` or a subject word written there: the openings
    :func:`clause_topic` may find a topic at (read once per sentence, not once per figure: a
    sentence of thousands of clauses made linking quadratic).  ``periods``: the sentence's,
    where found already."""
    opens = {m.end() for m in _OPENS_AFTER.finditer(text, lo, hi)}
    # …，2021年全球贸易…: a clause's period heading it, then its topic
    scanned = period_pattern().finditer(text, lo, hi) if periods is None else periods
    opens |= {m.end() for m in scanned if m.start() in opens}
    # no punctuation is part of a subject word: the scan meets every word at an opening
    words = {m.start() for m in subject_pattern().finditer(text, lo, hi)}  # 全市, 园区
    return sorted(opens & ({s for s, _ in names} | words))


def clause_topic(
    text: str,
    lo: int,
    hi: int,
    names: list[tuple[int, int]],
    exclude: Sequence[tuple[int, int]] = (),
    openings: Sequence[int] | None = None,
) -> str | None:
    """The place, organisation or subject word (``subject_in``'s) that opens the nearest clause
    of ``text[lo:hi]`` (at ``lo``, or right after a comma, semicolon, colon or dash), outside the spans
    of ``exclude`` (adverbials, objects of verbs), else None.  ``openings``: the sentence's
    :func:`topic_openings` (its names include ``names``), where the caller has them."""
    if openings is None:
        openings = topic_openings(text, lo, hi, names)
    # only a name or subject word written at an opening can be its clause's topic (no
    # punctuation is part of one, so the words the text has there are those at the opening)
    starts = {s for s, _ in names}
    written = subject_pattern().match
    inside = openings[bisect_right(openings, lo) : bisect_right(openings, hi)]
    place = _located(text, lo, hi, names)  # 在某市，今年前十个月，…: the clause says where
    for start in (*reversed(inside), lo):
        if place and place[0] > start:
            return place[1]  # nearer than the topics of the clauses before it
        if start not in starts and not written(text, start, hi):
            continue
        found = subject_in(text, start, hi, names, leftmost=True, exclude=exclude)
        if found and text.startswith(found, start):
            return found
    return place[1] if place else None


def _located(
    text: str, lo: int, hi: int, names: Sequence[tuple[int, int]]
) -> tuple[int, str] | None:
    """The last clause of ``text[lo:hi]`` that opens after a clause mark and is only a place
    after its preposition (``subjects.place_clause``: 在某市，…), with its start (not 17人在北京:
    a figure's own place)."""
    found = None
    for s, e in names:
        opens = s == 1 or (s > 1 and text[s - 2] in CLAUSE_END_CHARS)
        if lo < s and e < hi and opens and (place := place_clause(text, s - 1, names)):
            found = (s, place)
    return found
