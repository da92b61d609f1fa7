"""A figure whose own clause names nothing takes the topic the clause before it names
(``metric:topic``): 近五年，全县有出口实绩的企业，从不足百家，发展到近600家 → 不足百家 measures
有出口实绩的企业 (ANNOTATION §8: the indicator is what the figure measures, as written; a level percent too:
某比重，从2016年的8.5%逐年回落); so
does one after a clause that names an indicator and only says how it went (全县粮食产量稳步
提升，达到56万吨 → 粮食产量: a head of ``metrics.tsv`` or one mined from raw news).

The figure's clause, from its start to the figure, holds no noun (only prepositions, verbs,
adverbs and function words: 从不足, 达到), a verb or preposition relates the figure to the topic
and no conjunction opens it (但…: a contrast); the clause before it in the same sentence holds no
figure, opens with no preposition (为提升服务质量, 在…: an adverbial, not a topic) and states an
indicator phrase (``metric.phrase_metric``: after its subject and period, up to a noun it ends
with).  A figure whose clause of no noun comes right after such a figure's clause takes the
same indicator (…，从不足百家，发展到近600家 → 近600家 too).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from cnews_ie.bounds import phrase_bounds
from cnews_ie.lexicons import lexicon_cache, role_words
from cnews_ie.link_record import Link
from cnews_ie.metric import names_indicator, phrase_metric, trim_phrase, words_between
from cnews_ie.patterns import CLAUSE_END
from cnews_ie.records import Figure
from cnews_ie.shares import change_words
from cnews_ie.work import Token

__all__ = ["goes_on", "names_nothing", "topic_metric"]

# parts of speech a clause that names nothing is made of: prepositions, verbs (not verbal
# nouns), adverbs, adjectives, conjunctions, particles, numerals and classifiers, time words
# and locatives (今年首次迈/上: when and where, not what), punctuation
_UNNAMED_POS = ("p", "v", "d", "a", "c", "u", "m", "q", "t", "f", "x", "w", "y")
_PREDICATE_POS = ("v", "d", "a", "i")  # how an indicator went: 稳步/提升, 增长/明显, 稳步增长/i
_SPAN_POS = ("t", "m", "q")  # a span of time between them: 5/年来 一直/增长
_MAX_TOPIC = 24  # characters of the clause before: longer, it says more than a topic


def topic_metric(
    text: str,
    lo: int,
    sentence: int,
    clause: int,
    fig_start: int,
    words: Sequence[Token],
    near: Callable[[int, int], list[tuple[int, int]]],
    told: Link | None = None,
) -> tuple[str, int] | None:
    """The indicator the clause before text[clause:fig_start] names, where that clause names the
    topic of the figure's clause; ``lo`` is where the figure's sentence starts (``sentence``) or
    the previous figure ends: the clause before must hold no figure.  ``told``: the link of the
    previous figure of the sentence; where it took a topic, a clause before holding only that
    figure passes it on."""
    own = words_between(words, clause, fig_start)
    if not names_nothing(own):
        return None
    if own[0][2].startswith("c") or not any(pos.startswith(("p", "v")) for _, _, pos in own):
        return None  # 但…9个月: a contrast, not the topic's figure; a verb or 从 relates it
    end = clause - 1  # the clause mark that ends the clause before
    if end <= lo or not CLAUSE_END.fullmatch(text, end, clause):
        return None
    start = max((m.end() for m in CLAUSE_END.finditer(text, lo, end)), default=lo)
    if start == lo and told and told.metric and "metric:topic" in told.links:
        # 从不足百家，发展到近600家: the topic of the figure before
        return (told.metric, told.metric_start) if not text[lo:end].strip() else None
    if start == lo and lo != sentence:
        return None  # 不到10公里的路程，要走半小时: the clause before is a figure's own
    before = words_between(words, start, end)
    if not before or end - start > _MAX_TOPIC or before[0][2].startswith("p"):
        return None
    if not before[-1][2].startswith("n") or _moves(before[-1]):
        # 全县粮食产量稳步提升，达到56万吨: an indicator and the verb of how it went
        head = _stated_head(before)
        if head is None:
            return None
        before, end = before[: head + 1], before[head][0] + len(before[head][1])
    if before[-1][2].startswith(("nr", "ns", "nt")):
        return None
    bounds = phrase_bounds(text, start, end, near(start, end))
    return phrase_metric(text, start, end, before, bounds)


def names_nothing(own: Sequence[tuple[int, str, str]]) -> bool:
    """Whether the words before a figure in its clause name nothing: prepositions, verbs,
    adverbs, time words and function words only (今年首次迈上, 从不足)."""
    return bool(own) and all(pos.startswith(_UNNAMED_POS) and pos != "vn" for _, _, pos in own)


def goes_on(
    own: list[tuple[int, str, str]],
    before: Figure,
    fig: Figure,
    names: Sequence[tuple[int, int]],
) -> bool:
    """Whether a figure's clause goes on with the indicator of the figure before: the words
    before it in its clause are only light verbs (翻了一番，达到210亿元), or they name nothing
    (``names_nothing``), hold no name (``names``: the spans of places and organisations in
    the clause) and the figure has the unit of the one before (稳定在60万亩以上，今年首次迈上70万亩);
    or they say only that it is an average per day or month (role ``average_per``: 接待游客860万
    人次，日均近123万人次: :func:`averaged` glosses the indicator)."""
    if not trim_phrase(own):
        return True
    if before.unit == fig.unit and own and all(w[1] in role_words("average_per") for w in own):
        return True
    return before.unit == fig.unit and not names and names_nothing(own)


def averaged(metric: str | None, own: Sequence[tuple[int, str, str]]) -> str | None:
    """``metric`` with the average its clause's words say (role ``average_per``) as its gloss:
    接待游客 → 接待游客（日均）."""
    per = next((w[1] for w in own if w[1] in role_words("average_per")), None)
    return f"{metric}（{per}）" if metric and per and per not in metric else metric


def _stated_head(before: Sequence[tuple[int, str, str]]) -> int | None:
    """Where the clause before ends its indicator, when only a predicate of how it went follows
    it: adverbs, verbs, idioms and spans of time (稳步/提升, 增长/明显, 5/年来/一直/快速增长), one of
    them ending with a change word of ``changes.tsv`` or a record (再创新高), after
    a word that names an indicator (``names_indicator``: ``metrics.tsv`` or the heads mined from
    raw news, ``indicator_heads.tsv``)."""
    k = len(before) - 1
    while k >= 0 and (before[k][2].startswith(_PREDICATE_POS + _SPAN_POS) or _moves(before[k])):
        if _names(before[k]):
            break
        k -= 1
    said = before[k + 1 :]
    if k < 0 or not said or not any(_moves(w) for w in said):
        return None
    return k if _names(before[k]) else None


def _moves(word: tuple[int, str, str]) -> bool:
    """A word ending with a change word of ``changes.tsv``, however jieba tags it (提升/v,
    持续增长/n: how an indicator went), or with a record it set (role ``sets_a_record``:
    再创新高/l)."""
    return word[1].endswith(_ways_it_went()) and not _names(word)


@lexicon_cache
def _ways_it_went() -> tuple[str, ...]:
    """The change words of ``changes.tsv`` and the records of role ``sets_a_record``."""
    return (*change_words(), *role_words("sets_a_record"))


def _names(word: tuple[int, str, str]) -> bool:
    """A noun, an idiom or a verb jieba tags so (收入/v, 粮食产量/l) that names an indicator."""
    return word[2].startswith(("n", "v", "l")) and names_indicator(word[1])
