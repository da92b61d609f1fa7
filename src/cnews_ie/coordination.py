"""Coordinated modifiers that share one head (ANNOTATION §8): 新签约、新开工、新投产亿元以上工业项目
lists three indicators, each modifier with the shared head (新签约亿元以上工业项目 …), read from
the stored words.  ``metric.respectively`` uses it for the members of a 分别 list."""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["share_head"]

# Parts of speech of a modifier that needs a head: verbs, verbal nouns, adjectives, adverbs and
# the other proper nouns jieba gives such compounds (新开工/nz).
_MODIFIER_POS = ("v", "vn", "a", "ad", "d", "nz")


def share_head(
    text: str, start: int, parts: Sequence[str], words: Sequence[tuple[int, str, str]]
) -> list[str]:
    """The members of a list written from text[start] (``parts``, in order), each with the head
    the last member's modifier shares with them, when every member but the last ends in a
    modifier word (a verb, not a noun: 新签约、新开工) and the last is such a modifier followed by
    a noun phrase (新投产亿元以上工业项目); else ``parts`` unchanged (机器人、新材料、航空产业产值:
    nouns, each an indicator of its own)."""
    by_end = {at + len(word): pos for at, word, pos in words}
    by_start = {at: (word, pos) for at, word, pos in words}
    at = start
    ends: list[int] = []
    for part in parts:
        at = text.find(part, at)
        if at < 0:
            return list(parts)
        ends.append(at + len(part))
        at += len(part)
    if len(parts) < 2 or not all(
        by_end.get(end, "n").startswith(_MODIFIER_POS) for end in ends[:-1]
    ):
        return list(parts)
    last = ends[-1] - len(parts[-1])
    cut = last
    while cut in by_start and by_start[cut][1].startswith(_MODIFIER_POS):
        cut += len(by_start[cut][0])  # 新/投产: the modifier of the last member
    tail = text[cut : ends[-1]]
    if (
        cut == last
        or not tail
        or not any(
            pos.startswith("n") and not pos.startswith("nz")
            for s, _, pos in words
            if cut <= s < ends[-1]
        )
    ):
        return list(parts)
    return [part + tail for part in parts[:-1]] + [parts[-1]]
