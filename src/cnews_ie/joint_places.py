"""Places named jointly by their one-character abbreviations (川渝两地, 湘鄂赣三省, 闽赣), for
linking only: the entity a figure is about (ANNOTATION.md §8) may be several divisions together,
written as two to four distinct abbreviations of ``resources/place_abbreviations.tsv``.

A run of such characters is a joint name where it starts a word of the segmentation and either

* a word counting the places or naming them as an area follows it (role ``counts_places``:
  两地, 三省, 地区), which is part of the name, the rest of a word the run ends inside included
  (jieba's 辽三省 of 黑吉辽三省); or
* it ends a word, jieba reads it as two or more words or as one abbreviation (tag ``j``: 川/j 渝/j,
  湘鄂赣/j), and a verb, adverb, preposition or punctuation follows, so the run is no modifier of
  a noun (京沪高铁) and no word of the dictionary read whole as a name (苏宁, 新港: a company
  or a common word).

No joint name crosses a name the model or the gazetteer found (``taken``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from cnews_ie.lexicons import lexicon_cache, role_words, table
from cnews_ie.work import Token

__all__ = ["joint_place_spans"]

_MAX_RUN = 4  # abbreviations written together (京津冀鲁)
_FOLLOWING = ("v", "d", "p", "x")  # jieba: verb, adverb, preposition, punctuation


@lexicon_cache
def _abbreviations() -> frozenset[str]:
    return frozenset(row[0] for row in table("place_abbreviations", 2))


def _run(text: str, start: int, end: int) -> int:
    """The end of the longest run of distinct abbreviations from ``start`` (at most
    ``_MAX_RUN``, before ``end``)."""
    abbreviations, seen, at = _abbreviations(), set(), start
    while at < end and at - start < _MAX_RUN and text[at] in abbreviations:
        if text[at] in seen:
            break
        seen.add(text[at])
        at += 1
    return at


@lexicon_cache
def _counting_words() -> tuple[str, ...]:
    return tuple(sorted(role_words("counts_places"), key=len, reverse=True))


def _counting(text: str, at: int, end: int) -> int | None:
    """The end of a word of role ``counts_places`` written at ``at`` (the longest), else None."""
    return next((at + len(w) for w in _counting_words() if text.startswith(w, at, end)), None)


def _joint(
    text: str, words: Sequence[Token], k: int, ends: Mapping[int, int]
) -> tuple[int, int] | None:
    """The joint name that starts at ``words[k]`` (``ends``: each word's end → its index)."""
    start, end = words[k].start, words[-1].end
    run_end = _run(text, start, end)
    for stop in range(run_end, start + 1, -1):
        counted = _counting(text, stop, end)
        if counted is not None and (counted in ends or stop in ends):
            return start, counted
        last = ends.get(stop)
        if last is None or last + 1 >= len(words):
            continue
        run_words = words[k : last + 1]
        whole = len(run_words) > 1 or run_words[0].pos == "j"
        if whole and words[last + 1].pos.startswith(_FOLLOWING):
            return start, stop
    return None


def joint_place_spans(
    text: str, tokens: Mapping[int, Sequence[Token]], taken: Sequence[tuple[int, int]]
) -> list[tuple[int, int]]:
    """The joint names of places in the segmented sentences (``tokens``) that cross no span of
    ``taken`` (one inside a joint name is part of it)."""
    found = []
    firsts = _abbreviations()
    for words in tokens.values():
        k, ends = 0, dict[int, int]()  # built for a sentence where a word opens with one
        while k < len(words):
            span = None
            if words[k].word[0] in firsts:
                ends = ends or {w.end: i for i, w in enumerate(words)}
                span = _joint(text, words, k, ends)
            if span is None:
                k += 1
                continue
            s, e = span
            if not any(a < e and s < b and not (s <= a and b <= e) for a, b in taken):
                found.append(span)
            while k < len(words) and words[k].start < e:
                k += 1
    return found
