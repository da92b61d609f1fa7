"""Where an organisation or place name starts inside a phrase that runs into it.

* :func:`preposition_before_name`: a preposition written before a name (以 + 河湖, 据 +
  华信实业集团) is no part of it, but a name may start with the same character as the first of
  one of its words (对外贸易…部, 经济合作…组织, 从江县, 于都县): only a preposition that jieba
  reads as a word of its own, before no place name, is dropped.
* :func:`name_start_after_predicate`: the words before a title may hold a predicate or a
  function word before the organisation (听取 + 某省人大民族委员会 + 主任委员, 由 + 某某建筑集团 +
  总经理); the organisation then starts where a model span starts right after such a word,
  not at the start of the phrase.
"""

from __future__ import annotations

from collections.abc import Sequence

from cnews_ie.gazetteer import is_place_name
from cnews_ie.lexicons import role_words

__all__ = ["name_start_after_predicate", "preposition_before_name"]

# jieba parts of speech of a word that cannot end the words of a name standing before another
# name: verbs (听取), prepositions (由), conjunctions (与), adverbs (正), particles; and dashes
# or other symbols (x).  Not time words or pronouns: an outlet's name may start with one
# (今日 + 某省网, 每日 + 某省网 + 记者)
_BEFORE_NAME_POS = ("v", "p", "c", "d", "u", "x")
_PLACE_REACH = 4  # the longest place name looked for at a span's start (from 2 characters)


def preposition_before_name(text: str, start: int, end: int) -> bool:
    """``text[start]`` is a preposition written before the name ``text[start + 1:end]``.

    >>> preposition_before_name("以河湖为纽带", 0, 3), preposition_before_name("对外贸易合作部", 0, 7)
    (True, False)
    """
    from cnews_ie.backends.jieba_backend import tagged_words

    if end - start <= 2 or text[start] not in role_words("leading_preposition"):
        return False
    if any(is_place_name(text[start : start + k]) for k in range(2, _PLACE_REACH + 1)):
        return False  # 从江县, 于都县: a place name's first character
    return len(tagged_words(text[start:end])[0][0]) == 1


def name_start_after_predicate(
    text: str, a: int, t: int, names: Sequence[tuple[str, int, int]]
) -> int:
    """Where the organisation of the title prefix ``text[a:t]`` starts: at the first model
    span (ORG or LOC) inside the prefix that follows a predicate, function word or symbol
    (module docstring), else at ``a``."""
    from cnews_ie.backends.jieba_backend import tagged_words

    starts = {s for label, s, e in names if label in ("ORG", "LOC") and a < s < t and e <= t}
    if not starts:
        return a
    at = a
    for word, pos in tagged_words(text[a:t]):
        at += len(word)
        if at in starts and pos.startswith(_BEFORE_NAME_POS):
            return at
        if at >= max(starts):
            break
    return a
