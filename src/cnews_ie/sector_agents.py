"""A sector that is the agent of its clause (ANNOTATION.md §8: a sector is a subject): the
indicator opens with the sector's name and a content verb follows it, after adverbs only
(采矿业新增减税, 服务业实际使用外资 → the sector; ``subject:sector``).

A sector's name ends with a word of role ``sector_head`` (制造业, 零售业, 服务业; not 营业, nor
产业: 第三产业, 主导产业 name no industry of the classification).  Between it and the verb may stand adverbs (jieba ``d``, ``ad``) and nouns used as adverbs (role
``adverbial_noun``: 实际).  A sector before a light verb (建筑业实现增加值: role
``introduces_figure``) owns the indicator instead (``sector_owners.py``)."""

from __future__ import annotations

from collections.abc import Sequence

from cnews_ie.lexicons import role_tuple, role_words
from cnews_ie.work import Token

__all__ = ["sector_agent"]

_MAX_SECTOR = 8  # characters of a sector's name (批发零售业)
_ADVERB_TAGS = frozenset({"d", "ad"})


def _content_verb(words: Sequence[Token]) -> bool:
    """After adverbs, ``words`` open with a verb that is no light verb."""
    adverbs = role_words("adverbial_noun")
    verb = next((w for w in words if w.pos not in _ADVERB_TAGS and w.word not in adverbs), None)
    return verb is not None and verb.pos == "v" and verb.word not in role_words("introduces_figure")


def sector_agent(metric: str, start: int, inside: Sequence[Token]) -> str | None:
    """The sector the indicator ``metric`` (at ``start``; its words ``inside``) opens with, when
    a content verb follows it, else None."""
    for k, w in enumerate(inside[:-1]):
        if w.end - start > _MAX_SECTOR or not w.pos.startswith(("n", "v", "b")):
            break
        if w.word.endswith(role_tuple("sector_head")) and _content_verb(inside[k + 1 :]):
            return metric[: w.end - start]
    return None
