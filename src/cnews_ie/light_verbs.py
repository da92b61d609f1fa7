"""A figure that is the object of 对 before a light verb (``metric:treated``): 对13人进行问责 →
问责人数; 对5家企业进行约谈 → 约谈企业.

The preposition 对 (role ``treats``) brings the object forward, and a light verb (role
``light_verb``: 进行, 予以, 给予) after it carries a verbal noun that says what was done to it.
What was done names the set the figure counts, as the news names it (问责人数, 处分人数): the
verbal noun, then the noun the figure's classifier counts (约谈企业), or 人数 where the figure
counts persons with no noun (role ``person_noun``: 人).  The words before 对 are the clause's
agent or its subject, no indicator.  The rule reads only a short, plain object and action: the
counted noun is nouns and their modifiers alone, and the action is at most two words that run
to the end of the clause, after an aspect particle or a modifier that is left out (进行了严肃问责
→ 问责): no 的, which would make it modify a noun.
"""

from __future__ import annotations

from collections.abc import Sequence

from cnews_ie.lexicons import role_words
from cnews_ie.patterns import CLAUSE_MARKS
from cnews_ie.records import Figure
from cnews_ie.work import Token, tokens_between

__all__ = ["treated_metric"]

_MAX_NOUN = 6  # characters of the counted noun between the figure and the light verb
_MAX_ACTION = 6  # characters of the action after the light verb


def treated_metric(
    text: str, fig: Figure, clause_end: int, tokens: Sequence[Token]
) -> tuple[str, int] | None:
    """The indicator of ``fig``, the object of 对 before a light verb, and its start (the
    action's); None where ``fig`` is no such object."""
    before = tokens_between(tokens, max(0, fig.start - 2), fig.start)
    if not before or before[-1].end != fig.start or before[-1].word not in role_words("treats"):
        return None
    after = tokens_between(tokens, fig.end, clause_end)
    at, noun = 0, []
    while at < len(after) and after[at].word not in role_words("light_verb"):
        token = after[at]
        if not token.pos.startswith(("n", "vn", "a", "b")) or token.pos == "nr":
            return None  # 对3人的处理: no light verb follows the object
        noun.append(token)
        at += 1
    if at == len(after) or (noun and noun[-1].end - noun[0].start > _MAX_NOUN):
        return None
    action: list[Token] = []
    for token in after[at + 1 :]:
        if token.word in CLAUSE_MARKS or token.pos.startswith(("x", "m")):
            break
        if token.pos.startswith(("u", "a")) and token.word != "的" and not action:
            continue  # 进行了问责, 进行严肃问责
        if token.word == "的" or not token.pos.startswith(("v", "n", "l", "i")):
            return None  # 进行严格的审查: the action is a phrase, not a name
        action.append(token)
    if not action or len(action) > 2 or action[-1].end - action[0].start > _MAX_ACTION:
        return None
    done = text[action[0].start : action[-1].end]
    if noun:
        return done + text[noun[0].start : noun[-1].end], action[0].start
    if fig.unit in role_words("person_noun"):
        return done + "人数", action[0].start
    return done, action[0].start
