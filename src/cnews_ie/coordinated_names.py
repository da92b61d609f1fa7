"""Names joined by a conjunction that open a clause share its figures (ANNOTATION.md §8: the
entities a figure is about, copied from the passage): 甲公司和乙公司共销售汽车86万辆 → 甲公司和
乙公司, for linking only.

Two or more names (places, organisations) written one right after another, joined only by a
conjunction or the enumeration comma (role ``joins_figures``: 和, 与, 及; 、), are one subject
where the first opens a clause of the segmentation (``topics.clause_openings``) and a word
follows the last that is no punctuation (甲公司与乙－: a name cut short).  Not where the clause
goes on to distribute its figures over the names (分别, 依次: role ``respectively``), nor where
the names are the parties of an agreement or of a comparison (签订, 签约: role
``agreement_verb``; 与…相比: ``closes_comparison``), nor where a verb after them ends in 的
(甲市与乙大学联合新建的研究中心…: a modifier of the clause's subject): each name is then its own.

A name joined to a word for the area around it (role ``surroundings``: 周边地区) is one area
with it: 京津冀及周边地区优良天数比例 is about 京津冀及周边地区, and its indicator starts after it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from cnews_ie.lexicons import lexicon_cache, role_words
from cnews_ie.patterns import CLAUSE_END
from cnews_ie.topics import clause_openings
from cnews_ie.work import Token

__all__ = ["coordinated_names", "surrounded_places", "with_wholes"]

_ENUMERATION = "、"


@lexicon_cache
def _joiners() -> tuple[str, ...]:
    return (*sorted(role_words("joins_figures"), key=len, reverse=True), _ENUMERATION)


def _chain(text: str, first: tuple[int, int], starts: Mapping[int, int]) -> tuple[int, int]:
    """The names joined to ``first`` (``starts``: each name's start → its end)."""
    start, end = first
    while True:
        joiner = next((j for j in _joiners() if text.startswith(j, end)), None)
        following = starts.get(end + len(joiner)) if joiner else None
        if following is None:
            return start, end
        end = following


def _shared(text: str, words: Sequence[Token], end: int, hi: int) -> bool:
    """The clause after the names (from ``end`` to the clause's end before ``hi``) shares its
    figures between them: it starts with a word, not punctuation, and neither distributes them
    nor makes the names parties of an agreement or a comparison."""
    after = next((w for w in words if w.start == end), None)
    if after is None or after.pos == "x":
        return False
    found = CLAUSE_END.search(text, end, hi)
    clause = [w for w in words if end <= w.start < (hi if found is None else found.start())]
    stops = (
        role_words("respectively") | role_words("agreement_verb") | role_words("closes_comparison")
    )
    if stops.intersection(w.word for w in clause):
        return False
    # 甲市与乙大学联合新建的研究中心…: the names are inside a modifier that 的 closes
    mark = next((k for k, w in enumerate(clause) if w.word in role_words("attributive")), None)
    return mark is None or not any(w.pos == "v" for w in clause[:mark])


@lexicon_cache
def _surroundings() -> tuple[str, ...]:
    return tuple(sorted(role_words("surroundings"), key=len, reverse=True))


def surrounded_places(text: str, names: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans of names joined to a word for the area around them (京津冀及周边地区)."""
    found = []
    for start, end in names:
        joiner = next((j for j in _joiners() if text.startswith(j, end)), None)
        if joiner is None or joiner == _ENUMERATION:
            continue
        area = next((w for w in _surroundings() if text.startswith(w, end + len(joiner))), None)
        if area is not None:
            found.append((start, end + len(joiner) + len(area)))
    return found


def coordinated_names(
    text: str, tokens: Mapping[int, Sequence[Token]], names: Sequence[tuple[int, int]]
) -> list[tuple[int, int]]:
    """The spans of names joined by conjunctions that open a clause of the segmented sentences
    and share its figures."""
    starts = dict(sorted(names, key=lambda n: n[1] - n[0]))  # the longest wins
    found = []
    for words in tokens.values():
        if not words:
            continue
        for k in clause_openings(text, words):
            if k >= len(words) or words[k].start not in starts:
                continue
            first = (words[k].start, starts[words[k].start])
            span = _chain(text, first, starts)
            if span != first and _shared(text, words, span[1], words[-1].end):
                found.append(span)
    return found


def with_wholes(
    names: Sequence[tuple[int, int]], wholes: Sequence[tuple[int, int]]
) -> list[tuple[int, int]]:
    """``names`` with the spans of ``wholes`` in place of the names inside them."""
    if not wholes:  # most sentences: nothing to replace, no test per name
        return sorted(names)
    kept = [n for n in names if not any(s <= n[0] and n[1] <= e for s, e in wholes)]
    return sorted(kept + list(wholes))
