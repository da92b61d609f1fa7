"""The subject of a figure: the place, organisation or subject word (``resources/subjects.tsv``)
nearest before its indicator, never a meeting or a party, congress or CPPCC organ (rules in
``link.py``: ``subject:before`` and the carries)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from cnews_ie.lexicons import lexicon_cache, role_words, table
from cnews_ie.patterns import CLAUSE_END, alternation
from cnews_ie.work import Token

__all__ = ["object_spans", "subject_in"]


@lexicon_cache
def _subject_pattern() -> re.Pattern[str]:
    return re.compile(alternation(row[0] for row in table("subjects", 1)))


@lexicon_cache
def _meetings() -> tuple[str, ...]:
    kinds = ("party", "congress", "cppcc")
    heads = {w for w, kind in table("org_suffixes", 2) if kind in kinds} | role_words("meeting")
    return tuple(heads)


def _meeting(name: str) -> bool:
    """A meeting or a party, congress or CPPCC organ (县委, 第八次党代会): never a subject."""
    return name.endswith(_meetings())


def object_spans(
    text: str, words: Sequence[Token], hi: int, figures: Sequence[int]
) -> list[tuple[int, int]]:
    """The rest of a clause before ``hi``, from a recipient preposition (向, 给, 对: role
    ``recipient_preposition``) to the clause's next figure (its start in ``figures``): a name
    after the preposition receives or is served (银行向某公司发放贷款: the borrower); it is never
    the agent of the clause (ANNOTATION.md §8: the lender)."""
    spans = []
    for word in words:
        if word.pos.startswith("p") and word.word in role_words("recipient_preposition"):
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
    marks = [k for k, w in enumerate(words) if w.word in role_words("attributive")]
    return bool(marks) and any(w.pos.startswith("v") for w in words[marks[0] + 1 :])


def subject_in(
    text: str,
    lo: int,
    hi: int,
    entities: list[tuple[int, int]],
    *,
    leftmost: bool = False,
    exclude: Sequence[tuple[int, int]] = (),
) -> str | None:
    """The place, organisation or subject word in text[lo:hi] nearest to ``hi`` (or the first
    one, for the subject a sentence carries to the next), not inside an adverbial of ``exclude``
    (在县委的领导下)."""
    found = [(e, s) for s, e in entities if lo <= s and e <= hi and not _meeting(text[s:e])]
    # a subject word inside a name (公司 of 华润电力有限公司) is part of that name
    found += [
        (m.end(), m.start())
        for m in _subject_pattern().finditer(text, lo, hi)
        if not any(s <= m.start() and m.end() <= e and (s, e) != m.span() for s, e in entities)
    ]
    found = [(e, s) for e, s in found if not any(a <= s and e <= b for a, b in exclude)]
    if not found:
        return None
    end, start = min(found, key=lambda f: f[1]) if leftmost else max(found)
    return text[start:end]
