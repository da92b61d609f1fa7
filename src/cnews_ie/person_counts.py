"""A count of persons that is the subject of the predicate right after it (``metric:persons``):
袭击造成4人死亡 → 死亡人数; 全县有1.2万人脱贫 → 脱贫人数; 吸引2000多人参加比赛 → 参加比赛人数.

The count's unit is a noun of persons (role ``person_noun``: 人, not the classifiers 名 and 位,
which a noun follows: 26名受灾群众), and a verb follows it at once: the persons are those of whom
the verb holds, and a reader names the set by the verb and 人数, as the news does (死亡人数,
受伤人数).  What stands before the figure in its clause is its subject, a period, or the verb
whose object the persons also are (造成, 导致, 有, 吸引: a pivot), never the set's indicator.  The
rule gives way where a noun stands right before the figure (职工1000人参加: the indicator the
phrase rule reads), a clause that 的 closes (来参会的十余万人吃住在…; not 包括…在内的) or a
preposition (由18人组成).  The predicate runs to the end of the clause (、 ends it, as it ends
each of a list of results: 2人死亡、5人受伤), leaves out an aspect particle (了), holds no other
figure, no 的 (五人用的小份: it modifies a noun), no localizer at its end (两人分手前: a time), no
copula and no word that introduces a figure (为, 达到: the count is then a level of something
named) after an adverb or modal verb that may open it (将参加培训, 要找工作), and is short.  The
name leaves the adverb out (3人当场死亡 → 死亡人数) and keeps the modal verb (要找工作人数); 的
joins only a predicate longer than four characters (返乡创业人数, 参加技能培训的人数).  A word
that takes a part of a set told before (其中, 另: roles ``introduces_part``, ``other_part``) is
no noun the count belongs to: 其中8人遇难，另8人受伤.
"""

from __future__ import annotations

from collections.abc import Sequence

from cnews_ie.lexicons import lexicon_cache, role_words
from cnews_ie.patterns import CLAUSE_MARKS
from cnews_ie.records import Figure, FigureKind
from cnews_ie.spans import SpanIndex
from cnews_ie.subjects import subject_words
from cnews_ie.work import Token, tokens_between

__all__ = ["persons_metric"]

_MAX_PREDICATE = 8  # characters: a longer predicate tells an event, not the name of a set
_BARE_PREDICATE = 4  # characters: a predicate this short joins 人数 without 的 (返乡创业人数)
_INCLUSIVE = frozenset({"在内"})  # 包括一名警察在内的3人死亡: 的 closes an inclusion, no modifier


@lexicon_cache
def _not_predicate() -> frozenset[str]:
    """Words that make the words after the count a statement of its level, not a predicate."""
    return role_words("copula") | role_words("introduces_figure") | role_words("compares")


def persons_metric(
    text: str,
    fig: Figure,
    clause_end: int,
    tokens: Sequence[Token],
    others: Sequence[tuple[int, int]] | SpanIndex = (),
) -> tuple[str, int] | None:
    """The indicator of ``fig``, a count of persons that a verb follows, and its start (the
    predicate's); None where ``fig`` is no such count."""
    if fig.kind is not FigureKind.COUNT or fig.unit not in role_words("person_noun"):
        return None  # 26名受灾群众: a classifier's noun follows, which predicate_metric reads
    before = tokens_between(tokens, max(0, fig.start - 8), fig.start)
    if before and before[-1].end == fig.start:
        last = before[-1]
        if (
            last.pos.startswith(("n", "j", "r", "p"))
            and last.pos != "ns"
            and last.word not in subject_words()  # 全县5000人参加培训: the subject
            and last.word not in _parts()  # 其中8人遇难, 另8人受伤: a part of a set told before
        ) or last.word in role_words("distributive"):
            return None  # 职工1000人: the noun is the indicator; 每千人: a rate's base; 由18人组成
        if last.word == "的" and not (len(before) > 1 and before[-2].word in _INCLUSIVE):
            return None  # 来参会的十余万人吃住在…: the clause before 的 names the set
    after = tokens_between(tokens, fig.end, clause_end)
    predicate: list[Token] = []
    for token in after:
        if token.word in CLAUSE_MARKS or token.pos.startswith("x"):
            break
        if token.start != (predicate[-1].end if predicate else fig.end):
            break
        predicate.append(token)
    while predicate and predicate[-1].pos.startswith(("u", "y")):
        predicate.pop()  # 参加了 → 参加
    # 将/参加培训, 要/找工作: an adverb or a modal verb before the verb says when or how
    adverb = len(predicate) > 1 and predicate[1].pos in ("v", "l", "i") and _leads(predicate[0])
    head = predicate[1:] if adverb else predicate
    if (
        not predicate
        or not head[0].pos.startswith(("v", "p", "l", "i"))
        or (head[0].pos == "vn" and len(head) > 1)
        or any(t.word in _not_predicate() or t.word == "的" for t in head)
        or predicate[-1].pos.startswith("f")  # 两人分手前: a time, not a predicate of the set
        or predicate[-1].end - predicate[0].start > _MAX_PREDICATE
        or any(predicate[0].start < e and s < predicate[-1].end for s, e in _near(others, fig))
    ):
        return None
    if adverb and predicate[0].word not in role_words("leads_verb"):
        predicate = predicate[1:]  # 3人当场死亡 → 死亡人数: the set is named by its verb
    said = "".join(text[t.start : t.end] for t in predicate if not t.pos.startswith("u"))
    return f"{said}{'人数' if len(said) <= _BARE_PREDICATE else '的人数'}", predicate[0].start


def _leads(token: Token) -> bool:
    """An adverb (将, 已; 当场, which jieba tags a place word) or a one-character modal verb (要,
    能: role ``leads_verb``) before the verb of a predicate."""
    return token.pos in ("d", "s") or token.word in role_words("leads_verb")


@lexicon_cache
def _parts() -> frozenset[str]:
    """Words before a count that take a part of a set told before (其中, 另, 其余)."""
    return role_words("introduces_part") | role_words("other_part")


def _near(others: Sequence[tuple[int, int]] | SpanIndex, fig: Figure) -> Sequence[tuple[int, int]]:
    """The spans of ``others`` that may reach the words after ``fig``."""
    return (
        others.near(fig.end, fig.end + _MAX_PREDICATE) if isinstance(others, SpanIndex) else others
    )
