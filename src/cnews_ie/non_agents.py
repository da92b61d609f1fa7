"""Spans of a sentence whose names are never the agent of their clause, for
``subjects.not_agents``: the objects of a recipient preposition (向, 给, 对: role
``recipient_preposition``), where a name receives or is served (银行向某公司发放贷款: the
borrower; ANNOTATION.md §8: the lender is the subject of a loan), and bracketed asides, where
a name details the noun before the bracket (某市各园林(含甲园、乙园)迎来游客…: the city's
figure, not the street's)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from cnews_ie.lexicons import role_words
from cnews_ie.patterns import CLAUSE_END, SENTENCE_END_CHARS
from cnews_ie.work import Token

__all__ = ["bracket_asides", "recipient_objects"]


def recipient_objects(
    text: str, words: Sequence[Token], hi: int, figures: Sequence[int]
) -> list[tuple[int, int]]:
    """The rest of a clause before ``hi``, from a recipient preposition (向, 给, 对: role
    ``recipient_preposition``) to the clause's next figure (its start in ``figures``): a name
    after the preposition receives or is served (银行向某公司发放贷款: the borrower); it is never
    the agent of the clause (ANNOTATION.md §8: the lender)."""
    spans, recipients = [], role_words("recipient_preposition")
    for word in words:
        if word.word in recipients and word.pos.startswith("p"):
            found = CLAUSE_END.search(text, word.end, hi)
            end = min(
                [f for f in figures if f > word.start] + [hi if found is None else found.start()]
            )
            inside = [w for w in words if word.end <= w.start and w.end <= end]
            if not _modifies_noun(inside):
                spans.append((word.start, end))
    return spans


def _modifies_noun(words: Sequence[Token]) -> bool:
    """The preposition's phrase modifies a noun that a verb then predicates (工业对全市经济增长
    的贡献率达到…): the name is part of the indicator, not the object of the clause's verb."""
    attributive = role_words("attributive")
    marks = [k for k, w in enumerate(words) if w.word in attributive]
    return bool(marks) and any(w.pos.startswith("v") for w in words[marks[0] + 1 :])


_OPENING, _CLOSING = "(（", ")）"
_MARKS = re.compile("[" + re.escape(_OPENING + _CLOSING + SENTENCE_END_CHARS) + "]")


def bracket_asides(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """The brackets closed in text[lo:hi] (某市(含某县), 各景区（含甲街、乙路）): an aside on the
    word before it, whose names are not the clause's agent.  A figure inside one is linked in
    it (the caller keeps an aside that holds the figure)."""
    spans, opened = [], -1
    for m in _MARKS.finditer(text, lo, hi):  # only the brackets and sentence ends, not each char
        char, at = m.group(), m.start()
        if char in _OPENING:
            opened = at
        elif char in _CLOSING and opened >= 0:
            spans.append((opened, at + 1))
            opened = -1
        elif char in SENTENCE_END_CHARS:
            opened = -1
    return spans
