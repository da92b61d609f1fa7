"""Counts listed with their nouns before one predicate that holds for each (``metric:predicate``):
全省320个乡镇、4100个行政村均建成便民服务中心 → 建成便民服务中心的乡镇, 建成便民服务中心的行政村.
The items are counts each followed by its noun, joined by the enumeration comma or a conjunction
(role ``joins_figures``); an adverb saying that the predicate holds for every item (均, 都: role
``distributes_predicate``) may stand before the predicate and is not said (全市18个乡镇均建成… →
建成…的乡镇).  Each count is read as ``indicator.predicate_metric`` reads a count alone, with the
other items left out of its clause.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from operator import attrgetter

from cnews_ie.indicator import predicate_metric as single_predicate
from cnews_ie.lexicons import role_words
from cnews_ie.patterns import CLAUSE_END_CHARS
from cnews_ie.records import Figure, FigureKind
from cnews_ie.spans import SpanIndex
from cnews_ie.work import Token, tokens_between

__all__ = ["listed_predicate_metric"]

# Parts of speech of the words of an item's noun (乡镇, 行政村, 社区（居委会）).
_NOUN_POS = ("n", "vn", "j", "b", "l", "eng")
_OPENING, _CLOSING = "（(", "）)"
_MARKS = frozenset(CLAUSE_END_CHARS)
_MAX_GLOSS = 6  # words inside a gloss written onto an item's noun
_ENUMERATION = frozenset("、")  # with the conjunctions of role joins_figures (和, 及, 与)


def listed_predicate_metric(
    text: str,
    fig: Figure,
    clause: int,
    clause_end: int,
    tokens: Sequence[Token],
    bounds: Sequence[tuple[int, int]],
    others: Sequence[tuple[int, int]] | SpanIndex = (),
) -> tuple[str, int] | None:
    """``indicator.predicate_metric`` for ``fig``, with the counts listed with it before a shared
    predicate (``others``: the spans of the sentence's figures, its own left out, or their
    index) left out of its clause, and the distributive adverb before the predicate not said;
    None where that gives none."""
    if fig.kind is not FigureKind.COUNT and not (
        fig.kind is FigureKind.PERCENT and fig.change is None
    ):
        return None  # what indicator.predicate_metric reads: a count, a percent of no change
    lo = fig.start  # the start of the clause of the list: 、 does not end it
    while lo > 0 and text[lo - 1] not in _MARKS:
        lo -= 1
    # only spans that reach into the clause are read: an index gives those
    near = others.near(lo, clause_end) if isinstance(others, SpanIndex) else others
    others = [s for s in near if s != (fig.start, fig.end)]
    spans = sorted([*(s for s in others if lo <= s[0] < clause_end), (fig.start, fig.end)])
    own = spans.index((fig.start, fig.end))
    words = tokens_between(tokens, lo, clause_end)
    items = [_noun_after(words, end) for _, end in spans]
    first = last = own
    while first > 0 and _joined(words, items[first - 1], spans[first][0]):
        first -= 1
    while last + 1 < len(spans) and _joined(words, items[last], spans[last + 1][0]):
        last += 1
    noun, tail = items[own], items[last]
    if not noun or not tail:
        return single_predicate(text, fig, clause, clause_end, tokens, bounds, others)
    adverbs = role_words("distributes_predicate")
    rest = _from(words, tail[-1].end)
    skipped = 0
    while skipped < len(rest) and rest[skipped].word in adverbs:
        skipped += 1
    if first == last and not skipped:
        return single_predicate(text, fig, clause, clause_end, tokens, bounds, others)
    opening = tokens_between(tokens, 0, spans[first][0])  # 全省: the items' clause
    bare = next((k for k, t in enumerate(noun) if t.word in _OPENING), len(noun))
    # 社区（居委会）: the gloss is not said; the adverb is predicate_metric's to leave out
    said = [*opening, *noun[:bare], *rest]
    listed = [s for s in others if not spans[first][0] <= s[0] <= spans[last][0]]
    return single_predicate(text, fig, clause, clause_end, said, bounds, listed)


def _noun_after(words: Sequence[Token], end: int) -> list[Token]:
    """The noun words right after a figure ending at ``end``, with a bracketed gloss written onto
    them (乡镇; 社区（居委会）)."""
    noun: list[Token] = []
    rest = _from(words, end)
    k = 0
    while k < len(rest):
        token = rest[k]
        if noun and token.word in _OPENING:
            close = next((j for j in range(k, len(rest)) if rest[j].word in _CLOSING), None)
            if close is None or close - k > _MAX_GLOSS:
                break
            noun.extend(rest[k : close + 1])  # 社区（居委会）
            k = close + 1
            continue
        if (
            not token.pos.startswith(_NOUN_POS)
            or token.word in role_words("introduces_figure")
            or token.word in role_words("distributes_predicate")  # 农户/全部/n
        ):
            break
        noun.append(token)
        k += 1
    return noun


def _from(words: Sequence[Token], at: int) -> Sequence[Token]:
    """The words starting at or after ``at`` (words in order: one slice)."""
    return words[bisect_left(words, at, key=_START) :]


_START = attrgetter("start")


def _joined(words: Sequence[Token], noun: list[Token], next_start: int) -> bool:
    """Whether an item whose noun is ``noun`` is joined to the figure starting at ``next_start``
    by one enumeration comma or conjunction (乡镇、4100个; 街道和210个)."""
    if not noun:
        return False
    between = [t for t in words if noun[-1].end <= t.start and t.end <= next_start]
    joins = role_words("joins_figures") | _ENUMERATION
    return len(between) == 1 and between[0].word in joins and between[0].end == next_start
