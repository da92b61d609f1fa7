"""The grammatical agent of a figure's clause as its subject, where no rule found a named one
(ANNOTATION.md §8: the entity the figure is about, copied verbatim; for a loan, the lending bank,
the agent): the noun phrase that opens the clause right before the verb, and the adverbs of that
verb, whose object the figure counts or measures.  中央财政累计拿出26亿元 → 中央财政; 该学院新增
实验室10个 → 该学院; 铁路发送旅客990万人次 → 铁路.

Read from the stored words: the figure's indicator is a verb-object phrase written in its own
clause (it starts at a verb, not a verbal noun, or the verb opens it: 进行联合演练), or the noun
phrase a light verb introduces before the figure (该农场去年实现/销售收入800万元) or after it
(这家农场拿到20万元/贴息贷款), and the words of the clause before that verb are, in order, time
words (今年, 3月: the clause's period; also the words of a period written there that jieba tags
otherwise: 全年/m, 三年/m 来/v), then one noun phrase (common nouns, proper nouns of
organisations or other names, abbreviations, led at most by a determiner of role
``anaphoric_determiner``: 该, 本, 这, 此, alone or as the pronoun jieba makes of it and a
classifier: 这家, 这个; two such runs a conjunction of role ``joins_nouns`` joins: 县里和乡镇),
then only adverbs, time words and the words that introduce a figure (role
``introduces_figure``: 累计, 共, 已, jieba tagging some of them verbs), where a preposition of
role ``recipient_preposition`` (向, 为) may open the phrase of whom the verb serves before the
indicator (县里向农户累计发放贴息贷款…).  Anything else (another preposition, a verb, a numeral, a
person's name, another conjunction) makes it no agent's clause, and the rule gives nothing
(``subject:agent``).  The verb before the figure also governs an indicator read after it, the
noun the figure modifies (该景区创下了86.5%的入住率).  The clause opens after a clause mark, not
after an earlier figure; a noun of place (role ``locative_noun``: 现场) and a time jieba tags a
noun (去年同期) are no agents.
"""

from __future__ import annotations

from collections.abc import Sequence

from cnews_ie.lexicons import role_words
from cnews_ie.patterns import CLAUSE_END_CHARS
from cnews_ie.periods import period_pattern
from cnews_ie.work import Token, words_between

__all__ = ["agent_subject"]

_TIME_TAGS = ("t",)
# nouns, names, abbreviations and distinguishers (省级): not nr (a person is a name of its own)
# nor vn (a verbal noun is an indicator's: 销售收入)
_NOUN_TAGS = ("n", "nt", "nz", "j", "ns", "b")
_ADVERB_TAGS = ("d", "t")  # adverbs, and time words between the agent and its verb (去年)
_VERB_TAG = "v"
_MIN_AGENT, _MAX_AGENT = 2, 12
_OPENS = frozenset(CLAUSE_END_CHARS + "\n")  # what a clause opens after


def agent_subject(
    text: str,
    clause: int,
    metric: str | None,
    metric_start: int,
    fig_start: int,
    words: Sequence[Token],
) -> str | None:
    """The noun phrase that opens ``text[clause:fig_start]`` as the agent of the verb after it,
    where the figure's indicator ``metric`` (read from ``metric_start``) starts at that verb, or
    opens with it, or at the phrase itself and holds the verb (省级财政累计下达补助资金18亿元: the
    indicator read through the agent; not 工业投资增长5%, whose indicator is the phrase), or
    starts after the words that part it from the phrase (该农场去年实现销售收入…), or after the
    figure a light verb introduces (这家农场拿到20万元贴息贷款); else None."""
    if not metric or metric_start < clause:
        return None
    if clause and text[clause - 1] not in _OPENS:
        return None  # the clause goes on after an earlier figure (…12家单位抽调42名): no opening
    opening = words_between(words, clause, fig_start)
    times = [m.span() for m in period_pattern().finditer(text, clause, fig_start)]
    k = 0
    while k < len(opening) and _is_time(opening[k], times):
        k += 1
    first = k
    if k < len(opening) and _determiner(opening[k]):
        k += 1
    nouns = k
    light, joins = role_words("introduces_figure"), role_words("joins_nouns")
    while k < len(opening) and opening[k][2] in _NOUN_TAGS and opening[k][1] not in light:
        k += 1
        if (  # 中央和地方: nouns a conjunction joins are one agent
            k + 1 < len(opening)
            and k > nouns
            and opening[k][1] in joins
            and opening[k + 1][2] in _NOUN_TAGS
        ):
            k += 1
    if k == nouns:
        return None
    if opening[k - 1][1] in role_words("locative_noun"):
        return None  # 现场共签约八个项目: where, not who
    end, verb = opening[k - 1][0] + len(opening[k - 1][1]), k
    recipients = role_words("recipient_preposition")
    while k < len(opening) and (
        opening[k][2] != _VERB_TAG or opening[k][1] in light or _is_time(opening[k], times)
    ):
        if k > verb and opening[k][0] == metric_start:
            break  # 该农场去年实现/销售收入: the indicator, after the words that part it
        if opening[k][1] in recipients and metric_start > opening[k][0]:
            # 该行向小微企业发放贷款…: the phrase of whom the verb serves, then the indicator
            k = next((j for j in range(k + 1, len(opening)) if opening[j][0] == metric_start), k)
            if opening[k][0] != metric_start:
                return None
            break
        if not _is_time(opening[k], times) and (
            opening[k][2] not in _ADVERB_TAGS and opening[k][1] not in light
        ):
            return None  # a preposition, a numeral, a noun after an adverb: no agent's clause
        k += 1
    if k == len(opening):
        if k == verb or metric_start < fig_start:
            return None  # no verb before the figure, nor an indicator after it
    elif k > verb and opening[k][0] == metric_start:
        pass  # a light verb, an adverb or a time word parts the phrase and the indicator
    elif metric_start > fig_start and text[metric_start - 1] in role_words("attributive"):
        pass  # 该景区创下了86.5%的入住率: the verb governs the noun the figure modifies
    elif metric_start not in (opening[first][0], opening[k][0]) and not metric.startswith(
        opening[k][1]
    ):
        return None  # the indicator neither starts at the phrase nor at the verb
    elif metric_start == opening[first][0] and k == verb:
        return None  # 企业新增贷款, 营业/收入: the phrase is the indicator, no adverb parts them
    elif opening[k][1] not in metric:
        return None  # the verb is not the indicator's: 工业投资增长5%
    agent = text[opening[first][0] : end]
    if period_pattern().search(agent):
        return None  # 去年同期收入为…: a time jieba tags a noun
    return agent if _MIN_AGENT <= len(agent) <= _MAX_AGENT else None


def _is_time(token: tuple[int, str, str], times: Sequence[tuple[int, int]]) -> bool:
    """A time word (今年), or a word of a period written in ``times`` (their spans) that jieba
    tags otherwise (全年/m; 三年/m 来/v)."""
    start = token[0]
    return token[2] in _TIME_TAGS or any(
        a <= start and start + len(token[1]) <= b for a, b in times
    )


def _determiner(token: tuple[int, str, str]) -> bool:
    """A determiner of role ``anaphoric_determiner`` (该, 这), alone or as the pronoun jieba makes
    of it and a classifier (这家, 这些)."""
    word = token[1]
    determiners = role_words("anaphoric_determiner")
    return word in determiners or (token[2] == "r" and len(word) == 2 and word[0] in determiners)
