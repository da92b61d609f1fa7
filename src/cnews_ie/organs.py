"""Definite government organs standing alone: 省委、省政府, 在市委的领导下, 市人大、市政协.

ANNOTATION.md §10 lists a level organ (``level_organ`` words of two or more characters in
``resources/function_words.tsv``: 省委, 市政府, 县人大 …) as an organisation when it stands for the
body itself, and not when it only starts a post (市委书记, 省委常委) or a longer name (市委办,
市委宣传部, 市人大代表), nor when a place before it makes it part of a named organ (湖北省委,
临江市委: the model and the title reader find those).  Standing alone means: jieba makes it a word
of its own, no place or determiner (各区政府) is written right before it, and what follows is
punctuation, a conjunction or 的, or a word that is no noun and no title (省政府 + 进行, 建设).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from cnews_ie.gazetteer import place_before
from cnews_ie.lexicons import WordSet, lexicon_cache, role_words
from cnews_ie.patterns import CLAUSE_END_CHARS, COMMAS, QUOTES
from cnews_ie.title_vocabulary import title_prefix

__all__ = ["organs_in_words", "standalone_organs"]

_AFTER = frozenset(CLAUSE_END_CHARS + COMMAS + QUOTES + "（(“")
_JOINERS = frozenset("的和与及")
_CONTEXT = 6


@lexicon_cache
def _organs() -> WordSet:
    return WordSet(w for w in role_words("level_organ") if len(w) >= 2)


def standalone_organs(
    text: str, spans: Sequence[tuple[str, int, int]]
) -> list[tuple[str, int, int]]:
    """Organisation spans of the level organs that stand alone, where no other of ``spans``
    covers them (the entity stage gives them the source ``organ``: a head alone is otherwise no
    name)."""
    organs = _organs()
    found: list[tuple[str, int, int]] = []
    at = 0
    for start in _candidates(text):
        if start < at:
            continue
        organ = organs.longest_prefix(text, start)
        if organ is None:
            continue
        end = start + len(organ)
        if any(a < end and start < b and (a, b) != (start, end) for _, a, b in spans):
            continue  # inside or across another name (the model's 市委 alone is checked)
        if _verdict(text, start, end) == "alone":
            found.append(("ORG", start, end))
            at = end
    return found


def organs_in_words(text: str, spans: Sequence[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """The organisation spans of ``spans`` that are a level organ jieba reads as part of a
    longer word (市人大 of 市人大代表: a deputy, no body mentioned)."""
    organs = _organs()
    return [
        s
        for s in spans
        if s[0] == "ORG" and text[s[1] : s[2]] in organs and _verdict(text, s[1], s[2]) == "in_word"
    ]


def _candidates(text: str) -> list[int]:
    """Positions where a level organ may start (its level character)."""
    return [m.start() for m in _first_characters().finditer(text)]


@lexicon_cache
def _first_characters() -> re.Pattern[str]:
    """The first characters of the level organs, as one character class."""
    firsts = sorted({w[0] for w in role_words("level_organ") if len(w) >= 2})
    return re.compile(f"[{''.join(map(re.escape, firsts))}]" if firsts else "(?!)")


def _verdict(text: str, start: int, end: int) -> str:
    """``alone``, ``in_word`` (jieba makes it part of a longer word: 人大代表) or ``other``.
    Organs written one after another (历届市委市政府) are judged together: by what stands before
    the first and after the last."""
    from cnews_ie.backends.jieba_backend import tagged_words

    organs = _organs()
    first, last = start, end
    while (before := _organ_ending_at(text, first)) is not None:
        first -= len(before)
    while (after_organ := organs.longest_prefix(text, last)) is not None:
        last += len(after_organ)
    if place_before(text, first) or (first > 0 and text[first - 1] in role_words("determiner")):
        return "other"  # 湖北省委, 临江市委(市政府); 各区政府
    lo = max(0, start - _CONTEXT)
    at = lo
    bounds = []
    for word, pos in tagged_words(text[lo : last + _CONTEXT]):
        bounds.append((at, at + len(word), word, pos))
        at += len(word)
    if not any(a == start for a, _, _, _ in bounds) or not any(b == end for _, b, _, _ in bounds):
        return "in_word"  # inside a longer word: 人大代表, 省委常委, 香港特区政府
    after = next(((w, pos) for a, _, w, pos in bounds if a == last), None)
    if after is None or last >= len(text) or text[last] in _AFTER:
        return "alone"
    word, pos = after
    if title_prefix(text, last, last + _CONTEXT) is not None:
        return "other"  # 市委 + 副书记: a post
    # 在市委的领导下 (市委办 continues a name); 省政府 + 进行 (市委 + 宣传部 continues a name)
    alone = word in _JOINERS if len(word) == 1 else not pos.startswith(("n", "j"))
    return "alone" if alone else "other"


def _organ_ending_at(text: str, at: int) -> str | None:
    organs = _organs()
    return next((w for n in (3, 2) if (w := text[max(0, at - n) : at]) in organs), None)
