"""An indicator's owner carried to a later bare indicator (``metric:owner``, ANNOTATION §8: the
indicator as a reader needs it, 早稻在田面积…，产量… → 早稻产量).

A later clause often says only a head noun (产量, 利润, 毛利, 出口): what it is of was written
once, before the earlier indicator, and marked as its owner by what follows it:

- a preposition, verb or adverb of the indicator (早稻在田面积 → 早稻; 优质稻种可供应 → 优质稻种),
  a light verb included (食品企业实现销售收入…，利税… → 食品企业利税);
- the attributive 的 (打印机业务的总营收…，毛利… → 打印机业务毛利).

An owner carried once passes on to the next bare head of the sentence (…，利税…，利润… → 食品
企业利润).  Nouns alone mark no owner (工业企业营业收入…，利润…: 利润 stays as written), nor
does a subject word (公司的营业收入…) or a name.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from cnews_ie.lexicons import role_words
from cnews_ie.metric import names_indicator, trim_phrase
from cnews_ie.patterns import METRIC_WORD
from cnews_ie.subjects import subject_words
from cnews_ie.work import Token, tokens_between

__all__ = ["carried_owner"]

_OWNER_POS = ("n", "j", "b", "t")  # 冬春/t 蔬菜/n, 杂交/n 玉米/nr: an owner's words
_MARK_POS = ("p", "v", "d")  # what marks an owner after it: 在, 实现, 可
_VERB_SLACK = 4  # characters of a light verb between an owner and the indicator it was joined to
_GLOSS = re.compile(r"(?:（[^（）]*）)+$")


def _owner(before: Sequence[Token]) -> tuple[Token, Token, Token] | None:
    """The nouns that open an indicator's words ``before`` and own it, written before a
    preposition, verb, adverb or 的 of it (早稻在田面积 → 早稻; 优质稻种可供应 → 优质稻种;
    打印机业务的总营收 → 打印机业务): their first and last word and the word that marks them."""
    owner: list[Token] = []
    for token in before:
        if not token.pos.startswith(_OWNER_POS) or token.pos.startswith(("ns", "nt")):
            break
        owner.append(token)
    if not owner or len(owner) >= len(before) - 1 or owner[-1].end != before[len(owner)].start:
        return None
    mark = before[len(owner)]
    if mark.word not in role_words("attributive") and (
        not mark.pos.startswith(_MARK_POS) or mark.pos == "vn"
    ):
        return None  # 营业收入: nouns only
    while len(owner) > 1 and owner[-1].word in role_words("per_head"):
        owner.pop()  # 种粮大户户均在田面积: 户均 is the indicator's, the owner 种粮大户
    return owner[0], owner[-1], mark


def _prior_owner(text: str, metric: str, start: int, tokens: Sequence[Token]) -> str | None:
    """The owner the earlier indicator ``metric`` (linked at ``start``) has: one carried to it
    (食品企业利税, written 利税 at ``start``), one its words mark (早稻在田面积), or one written
    before the light verb it was joined over (食品企业实现销售收入 → 食品企业销售收入)."""
    metric = _GLOSS.sub("", metric)
    if text.startswith(metric, start):
        found = _owner(tokens_between(tokens, start, start + len(metric)))
        rest = ""
    else:
        word = next(iter(tokens_between(tokens, start, start + len(metric))), None)
        if word is not None and word.start == start and metric.endswith(word.word):
            owner = metric[: -len(word.word)]
            if owner and text.find(owner, 0, start) >= 0:
                return owner if owner not in subject_words() else None  # 食品企业 + 利税
        found = _owner(tokens_between(tokens, start, start + len(metric) + _VERB_SLACK))
        rest = "?"
    if found is None:
        return None
    first, last, mark = found
    owner = text[first.start : last.end]
    if rest:  # joined over a light verb: the rest of the indicator follows that verb
        rest = metric[len(owner) :] if metric.startswith(owner) else ""
        if not rest or not text.startswith(rest, mark.end):
            return None
    return None if owner in subject_words() else owner


def _verbs_only(text: str, span: tuple[int, int] | None, tokens: Sequence[Token]) -> str | None:
    """A clause ``span`` that says only a verb before its figure (可外销…，需补进0.3万吨 → 需补进):
    words opening with a verb, no noun, pronoun, preposition or capacity word, no light or
    change verb alone.  None where the figure before has another unit (``span`` None)."""
    inside = tokens_between(tokens, *span) if span else ()
    said = text[span[0] : span[1]].strip() if span else ""
    if not inside or not 2 <= len(said) <= 4 or inside[0].pos != "v":
        return None
    if "".join(t.word for t in inside).strip() != said or not METRIC_WORD.fullmatch(said):
        return None
    capacity = role_words("capacity")
    if any(t.pos.startswith(("n", "vn", "p", "r", "x", "w")) or t.word in capacity for t in inside):
        return None
    if not trim_phrase([(t.start, t.word, t.pos) for t in inside]):
        return None  # 达到: a light verb introduces the figure, it says nothing of it
    return said


def carried_owner(
    text: str,
    phrase: tuple[str, int] | None,
    prior: Sequence[tuple[str | None, int]],
    tokens: Sequence[Token],
    span: tuple[int, int] | None,
) -> str | None:
    """A one-word indicator (``phrase``) in a later clause, parallel to the previous figure's
    indicator (the last of ``prior``: metric and start) whose owner is marked (see the module),
    takes that owner (早稻在田面积1500多万亩，产量600万吨 → 早稻产量) (``metric:owner``); so does a
    clause ``span`` (its start and the figure's) that says only a verb (优质稻种可供应…，需调入…
    → 优质稻种需调入); an indicator of nouns that opens with the word before the previous
    indicator's head (another head of one modifier) takes the words before that word (涉农贷款
    余额…，贷款户数… → 涉农贷款户数).  None otherwise."""
    known = [(m, s) for m, s in prior if m and s >= 0]
    if not known:
        return None
    metric, start = known[-1]
    verbs = _verbs_only(text, span, tokens)
    if phrase is None or verbs:
        owner = _prior_owner(text, metric, start, tokens) if verbs else None
        return owner + verbs if owner and verbs else None
    own = tokens_between(tokens, phrase[1], phrase[1] + len(phrase[0]))
    if not own or not own[0].pos.startswith(("n", "vn")):
        return None
    if own[0].pos.startswith("nr") and not names_indicator(own[0].word):
        return None  # a person's name; 毛利/nr is an indicator jieba takes for one
    if len(own) > 1:  # 涉农贷款余额…，贷款户数… → 涉农贷款户数: the nouns before 贷款
        before = tokens_between(tokens, start, start + len(metric))
        if len(before) < 3 or before[-2].word != own[0].word or own[-1].word == before[-1].word:
            return None  # 设施蔬菜种植面积…，蔬菜年产量: not the word before the head; nor the head
        if not all(t.pos.startswith(("n", "vn")) for t in own):
            return None
        return text[start : before[-2].start] + phrase[0]
    if "".join(t.word for t in own) != phrase[0] or not names_indicator(phrase[0]):
        return None  # 其中城镇居民4.1万元: a category, no indicator that an owner could take
    owner = _prior_owner(text, metric, start, tokens)
    return owner + phrase[0] if owner and not phrase[0].startswith(owner) else None
