"""A counted group of firms that opens a clause as its topic (四家省级通信企业固定宽带用户总数…;
两家地方法人银行不良贷款率…): the count makes the group a definite set the sentence is about,
and the figures after it are the group's (ANNOTATION.md §8: the entity the figure is about), for
linking only.

The group is a count written in words (a figure of kind count: 三家, 两家; digits count a
reported set, 17家企业成功进入…, as for the ``determiner`` rule of ``figures.py``) that opens a clause of the segmentation (after its
period and time words: ``topics.clause_openings``), then nouns up to a word ending with the head
of a group of firms (role ``group_head``: 企业, 纳税人) or of a company or bank
(``org_suffixes.tsv``, kinds company and finance, two characters or more: 公司, 银行, 集团),
followed by a noun or an adjective before a noun, the indicator it owns.  A verb after the head makes the count a count of
the group's members in a predicate (三家企业签约落户…: ``metric:predicate``), no topic."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from cnews_ie.lexicons import lexicon_cache, role_words, table
from cnews_ie.records import Figure, FigureKind
from cnews_ie.topics import clause_openings
from cnews_ie.work import Token

__all__ = ["counted_groups"]

_NOUN_TAGS = ("n", "vn", "b", "j", "nz", "eng")  # jieba: nouns, verbal nouns, distinguishers
_OWNED_TAGS = (*_NOUN_TAGS, "a")  # the indicator's first word: a noun or an adjective
_DIGITS = frozenset("0123456789０１２３４５６７８９")
_MAX_GROUP = 12  # characters of the nouns after the count (基础电信企业)


@lexicon_cache
def _heads() -> tuple[str, ...]:
    bodies = {w for w, kind in table("org_suffixes", 2) if kind in ("company", "finance")}
    return tuple(w for w in bodies | role_words("group_head") if len(w) >= 2)


def _group_end(words: Sequence[Token], k: int) -> int | None:
    """The end of the group whose nouns start at ``words[k]``, if its indicator follows it."""
    start = words[k].start if k < len(words) else 0
    for at in range(k, len(words) - 1):
        word = words[at]
        if word.end - start > _MAX_GROUP or not word.pos.startswith(_NOUN_TAGS):
            return None
        if word.word.endswith(_heads()) and _owned(words[at + 1 : at + 3]):
            return word.end
    return None


def _owned(words: Sequence[Token]) -> bool:
    """``words`` open an indicator: a noun, or an adjective before a noun (固定 + 互联网; not
    成功 + 进入: an adverbial before a verb)."""
    if not words or not words[0].pos.startswith(_OWNED_TAGS):
        return False
    return words[0].pos != "a" or (len(words) > 1 and words[1].pos.startswith(_NOUN_TAGS))


def counted_groups(
    text: str, tokens: Mapping[int, Sequence[Token]], figures: Sequence[Figure]
) -> list[tuple[int, int]]:
    """The spans of counted groups of firms that open a clause of the segmented sentences."""
    counts = {
        f.start: f.end
        for f in figures
        if f.kind is FigureKind.COUNT and not _DIGITS.intersection(f.text)
    }
    found: list[tuple[int, int]] = []
    for words in tokens.values() if counts else ():
        if not words:
            continue
        ends: dict[int, int] = {}  # each word's end → its index, once a count opens a clause
        for k in clause_openings(text, words):
            if k >= len(words) or words[k].start not in counts:
                continue
            ends = ends or {w.end: k for k, w in enumerate(words)}
            after = ends.get(counts[words[k].start])
            end = _group_end(words, after + 1) if after is not None else None
            if end is not None:
                found.append((words[k].start, end))
    return found
