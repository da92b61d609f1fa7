"""Capacities (ANNOTATION §3, §8): the output a plant is built for, read from the stored words
and function words as data (``metric:capacity`` in ``link.py``).

- a capacity word (年产, 日产, 年处理: role ``capacity``) before the figure measures the capacity
  of the product written after the figure: 年产8万吨环保涂料生产线 → 产能（年产环保涂料）;
- a figure whose unit is an output per time (万吨/年, 吨/日) followed by a product and a project
  head (项目, 生产线: role ``names_a_project``) is that project's capacity even where no capacity
  word is written, whatever name stands before it: 某化工90万吨/年丙烯项目 → 产能（丙烯）;
- a capacity word before its product and the figure after both (年产正极材料5万吨, also after a
  modal: 可年产…) is that capacity: 产能（年产正极材料）;
- a capacity the text names after the list of products (的 and a noun phrase ending in a word of
  role ``capacity_noun``: 形成年产20万吨甲、5万吨乙的生产规模) is that noun phrase, not 产能.
"""

from __future__ import annotations

from collections.abc import Sequence

from cnews_ie.lexicons import role_tuple, role_words
from cnews_ie.metric import names_indicator
from cnews_ie.patterns import METRIC_WORD
from cnews_ie.work import Token, index_from, token_ending, tokens_between

__all__ = ["CAPACITY", "capacity_of"]

CAPACITY = "产能"  # the indicator of every capacity word (年产, 日产, 年处理 …)
# Parts of speech that end the product written after a capacity figure: particles,
# conjunctions, prepositions, pronouns, numerals, classifiers, adverbs, punctuation.
_NOT_PRODUCT = ("u", "c", "p", "r", "m", "q", "d", "x", "w", "t", "f")
_MAX_PRODUCT = 12
_PER_TIME = ("年", "日", "天")  # the time of an output rate written after a slash: 万吨/年


def _product(after: int, hi: int, tokens: Sequence[Token]) -> tuple[list[str], bool]:
    """The product written right after a figure ending at ``after`` (up to ``hi``), and whether
    a project head (生产线, 项目) ends it."""
    product: list[str] = []
    width = 0
    heads = role_words("names_a_project")
    for token in tokens[index_from(tokens, after) :]:
        if token.word in heads and token.end <= hi:
            return product, True  # 环保涂料生产线: the project head ends the product
        if (
            token.end > hi
            or token.pos.startswith(_NOT_PRODUCT)
            or not METRIC_WORD.fullmatch(token.word)
            or width + len(token.word) > _MAX_PRODUCT
            or (token.start > after and not product)
        ):
            break
        product.append(token.word)
        width += len(token.word)
    return product, False


def _per_time(after: int, tokens: Sequence[Token]) -> bool:
    """Whether the figure ending at ``after`` has an output-per-time unit (万吨/年)."""
    last = token_ending(tokens, after)
    if last is None or last.word.lstrip("/") not in _PER_TIME:
        return False
    return last.word.startswith("/") or any(
        t.end == last.start and t.word.endswith("/") for t in tokens
    )


def capacity_of(metric: str | None, after: int, hi: int, tokens: Sequence[Token]) -> str | None:
    """The capacity indicator of a figure ending at ``after`` whose phrase ``metric`` is a
    capacity word (or the capacity indicator of the figure before it), glossed with that word
    and the product written after the figure (text[after:hi]), up to a project head (生产线,
    项目): 年产8万吨环保涂料生产线 → 产能（年产环保涂料）; or of a figure of an output per time
    before a product and a project head, where ``metric`` names no indicator
    (某化工90万吨/年丙烯项目 → 产能（丙烯）).  None for any other figure."""
    words = role_words("capacity")
    word = metric if metric in words else None
    name, glossed, rest = (metric or "").partition("（")  # 产能（年产…）, 生产规模（年产…）
    if word is None and glossed and name.endswith((CAPACITY, *role_words("capacity_noun"))):
        word = max((w for w in words if rest.startswith(w)), key=len, default=None)
    if word is None and metric and (written := _written_before(metric, words)):
        return f"{CAPACITY}（{written}）"  # 年产正极材料5万吨, 可年产…: the product before it
    product, headed = _product(after, hi, tokens)
    if word is None:
        if not (product and headed and _per_time(after, tokens)):
            return None
        if metric is not None and names_indicator(metric):
            return None  # 设计产能150万吨/年…项目: the indicator is written
        word = ""
    return f"{_named(after, hi, tokens)}（{word}{''.join(product)}）"


def _written_before(metric: str, words: frozenset[str]) -> str | None:
    """A phrase metric that is a capacity word and the product after it (年产正极材料), after a
    modal (可年产…: role ``modal``): that phrase, less the modal; None for any other, or for a
    capacity word with one character after it, a word of its own (年产值, 年产量)."""
    modal = next((m for m in role_words("modal") if metric.startswith(m)), "")
    rest = metric[len(modal) :]
    word = max((w for w in words if rest.startswith(w)), key=len, default=None)
    if word is None or len(rest) - len(word) < 2 or not METRIC_WORD.fullmatch(rest):
        return None
    return rest


def _named(after: int, hi: int, tokens: Sequence[Token]) -> str:
    """The capacity as the text names it after the list of products, a noun phrase after 的
    that ends the clause with a word of role ``capacity_noun`` (形成年产40万吨甲、3万吨乙的生产规模
    → 生产规模); else 产能."""
    inside = tokens_between(tokens, after, hi)
    marks = role_words("attributive")
    particle = max((k for k, t in enumerate(inside) if t.word in marks), default=-1)
    named = inside[particle + 1 :] if particle >= 0 else []
    if (
        named
        and named[-1].word.endswith(role_tuple("capacity_noun"))
        and all(t.pos.startswith(("n", "vn")) for t in named)
        and not any(t.pos.startswith(("x", "w")) for t in tokens if named[-1].end <= t.start < hi)
    ):
        return "".join(t.word for t in named)
    return CAPACITY
