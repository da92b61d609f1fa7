"""A flow with a partner names the partner in its indicator (``metric:partner``): 对 + a noun
phrase + a trade or investment word is one indicator, as written (其中对某国出口…, 对其他成员国
进口…, 对“一带一路”沿线国家进出口…占外贸总值).  The rules before it read the indicator
from the flow word, or from the middle of the noun phrase, since a preposition, a pronoun
(其他) or a quotation mark ends an indicator's modifiers there.

Read from the stored words: the words between 对 and the flow word are nouns, names, Latin words,
distinguishing words, localisers or pronouns, or the quotation marks of a quoted name (a list of
partners is left as it is: each partner has its own indicator); the flow words are data (``function_words.tsv`` role ``partner_flow``).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import replace

from cnews_ie.lexicons import lexicon_cache, role_words
from cnews_ie.records import Figure
from cnews_ie.work import SentenceSpan, Token

__all__ = ["partner_metrics"]

RULE = "metric:partner"
_PARTNER_POS = ("n", "j", "eng", "b", "f", "r")  # nouns and names (ns, nt, nz), 其他, 沿线
_MAX_PARTNER = 16  # characters between 对 and the flow word
_OPEN, _CLOSE = '“"', '”"'


@lexicon_cache
def _flows() -> tuple[str, ...]:
    """The flow words, longest first (进出口 before 出口)."""
    return tuple(sorted(role_words("partner_flow"), key=len, reverse=True))


def _partner_start(words: Sequence[Token], flow_at: int) -> int | None:
    """Where 对 starts, when the words right before ``flow_at`` are 对 and a partner."""
    k = bisect_left([w.end for w in words], flow_at + 1) - 1  # the last word ending by flow_at
    if k < 0 or words[k].end != flow_at:
        return None
    seen = False
    while k >= 0 and flow_at - words[k].start <= _MAX_PARTNER + 1:
        word = words[k]
        if word.word == "对" and word.pos.startswith("p"):
            return word.start if seen else None
        if word.word in _CLOSE:  # a quoted name (“一带一路”): whatever its words
            k -= 1
            while k >= 0 and words[k].word not in _OPEN:
                k -= 1
        elif not word.pos.startswith(_PARTNER_POS):
            return None  # a list of partners (、) is left alone: each has its own indicator
        seen = True
        k -= 1
    return None


def partner_metrics(
    text: str,
    sentences: Sequence[tuple[int, SentenceSpan]],
    figures: Sequence[Figure],
    tokens: Mapping[int, Sequence[Token]],
) -> list[Figure]:
    """``figures`` with each indicator that starts at or after a flow's partner written from 对
    (出口 → 对某国出口; 金砖国家出口 → 对其他金砖国家出口); the other figures as they are."""
    flows = _flows()
    if not any(flow in text for flow in flows):
        return list(figures)
    starts = [s.start for _, s in sentences]
    out: list[Figure] = []
    for fig in figures:
        metric = fig.metric
        flow = next((w for w in flows if metric and w in metric), None)
        k = bisect_right(starts, fig.start) - 1
        if metric is None or flow is None or k < 0:
            out.append(fig)
            continue
        index, sentence = sentences[k]
        head = metric.find(flow) + len(flow)  # the indicator up to its flow word
        at = text.rfind(metric[:head], sentence.start, fig.start)
        words = tokens.get(index, ())
        lead = _partner_start(words, at + head - len(flow)) if at >= 0 and words else None
        if lead is None or lead >= at:  # no partner, or the indicator holds it already
            out.append(fig)
            continue
        named = text[lead:at] + metric
        out.append(replace(fig, metric=named, links=(*fig.links, RULE)))
    return out
