"""Indicators whose shape the clause's words alone do not give (ANNOTATION §3, §8), read from the
stored words and function words as data:

- a capacity: 年产 / 日产 before the figure (role ``capacity``) measures the plant's capacity of
  the product written after the figure: 年产8万吨环保涂料生产线 → 产能（年产环保涂料）;
- a share: 占 (role ``share_verb``) between the part and the whole names both
  (第一产业增加值占全区生产总值比重为5.1% → 第一产业增加值占全区生产总值比重).

The rules that use them are listed in ``link.py`` (``metric:capacity``, ``metric:share``).
"""

from __future__ import annotations

from collections.abc import Sequence

from cnews_ie.lexicons import lexicon_cache, role_words, table
from cnews_ie.metric import subject_words
from cnews_ie.patterns import METRIC_WORD
from cnews_ie.records import Figure, FigureKind
from cnews_ie.work import Token

__all__ = ["CAPACITY", "capacity_of", "share_metric"]

CAPACITY = "产能"  # the indicator of every capacity word (年产, 日产, 年处理 …)
# Parts of speech that end the product written after a capacity figure: particles,
# conjunctions, prepositions, pronouns, numerals, classifiers, adverbs, punctuation.
_NOT_PRODUCT = ("u", "c", "p", "r", "m", "q", "d", "x", "w", "t", "f")
_MAX_PRODUCT = 12


def capacity_of(metric: str | None, after: int, hi: int, tokens: Sequence[Token]) -> str | None:
    """The capacity indicator of a figure whose phrase ``metric`` is a capacity word (or the
    capacity indicator of the figure before it), glossed with that word and the product written
    after the figure (text[after:hi]), up to a project head (生产线, 项目):
    年产8万吨环保涂料生产线 → 产能（年产环保涂料）.  None for any other indicator."""
    if metric is None:
        return None
    words = role_words("capacity")
    glossed = f"{CAPACITY}（"
    word = metric if metric in words else None
    if word is None and metric.startswith(glossed):
        word = max((w for w in words if metric.startswith(w, len(glossed))), key=len, default=None)
    if word is None:
        return None
    product: list[str] = []
    width = 0
    heads = role_words("names_a_project")
    for token in tokens:
        if token.start < after:
            continue
        if (
            token.end > hi
            or token.pos.startswith(_NOT_PRODUCT)
            or not METRIC_WORD.fullmatch(token.word)
            or width + len(token.word) > _MAX_PRODUCT
            or (token.start > after and not product)
            or token.word in heads
        ):
            break  # 环保涂料生产线: the project head ends the product
        product.append(token.word)
        width += len(token.word)
    return f"{CAPACITY}（{word}{''.join(product)}）"


def share_metric(
    text: str,
    lo: int,
    fig: Figure,
    metric: str | None,
    words: Sequence[tuple[int, str, str]],
    previous: str | None,
) -> tuple[str, int] | None:
    """A share's indicator, naming both parts (``metric:share``), and its start: the noun phrase
    before 占 (or 占比) in text[lo:fig.start], else the indicator of the previous figure
    (``previous``: 项目121个，占比13.5% → 项目占比), then 占 and the whole up to the figure,
    with 比重 added where the text leaves it out.  None for a figure that is no level of a share
    (a change), without 占, where the phrase ``metric`` already names both parts, or where
    nothing before 占 names the part (，占全市经济的61.1%: the phrase is read as written)."""
    verbs = role_words("share_verb")
    if fig.kind is not FigureKind.PERCENT or fig.change is not None:
        return None
    if metric and verbs.intersection(metric[1:]):
        return None  # 产值占工业总产值比重提高到25%: the phrase says it
    hi = fig.start
    inside = [w for w in words if lo <= w[0] and w[0] + len(w[1]) <= hi]
    at = next(
        (k for k, w in enumerate(inside) if w[1] in verbs or w[1] in role_words("share_noun")), None
    )
    if at is None:
        return None
    tail = inside[at:]
    while len(tail) > 1 and (
        tail[-1][1] in _light()
        or tail[-1][1] in _changes()
        or (tail[-1][2].startswith(_TAIL_POS) and tail[-1][1] != "的")
    ):
        tail = tail[:-1]  # 比重为, 比重提高到: the words that introduce the figure
    part: list[tuple[int, str, str]] = []
    for word in reversed(inside[:at]):
        if part and word[2].startswith("q") and len(word[1]) == 1:
            continue  # 产业类项目: a classifier inside the part
        if (
            not word[2].startswith(_PART_POS)
            or word[2].startswith(("nr", "ns", "nt"))
            or word[1] in subject_words()
            or not METRIC_WORD.fullmatch(word[1])
        ):
            break
        part.insert(0, word)
    nouns = role_words("share_noun")
    noun = next((n for n in nouns if text.startswith(n, inside[at][0])), None)
    if not part and (not previous or noun is None):
        return None  # ，占全市经济的61.1%: the phrase after 占 is the indicator as written
    start = part[0][0] if part else inside[at][0]
    whole = text[inside[at][0] : tail[-1][0] + len(tail[-1][1])]
    whole = noun or whole  # 占比达 (占/比达): 占比
    whole = whole.removesuffix("的").replace("的比重", "比重")  # 占X的比重, 占X的5%: 占X比重
    if not whole.endswith(tuple(role_words("rate_noun"))) and not whole.endswith("比例"):
        whole += "比重"  # 占生产总值 → 占生产总值比重
    return (text[start : inside[at][0]] if part else previous or "") + whole, start


_TAIL_POS = ("u", "p", "d", "x", "w", "c")
_PART_POS = ("n", "vn", "j", "b", "l", "eng")


def _light() -> frozenset[str]:
    return role_words("introduces_figure")


@lexicon_cache
def _changes() -> frozenset[str]:
    return frozenset(row[0] for row in table("changes", 2))
