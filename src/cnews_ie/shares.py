"""The whole of a share as a list of figures states it after 分别 (ANNOTATION §8: shares name both
parts): 粮食产量、油料产量分别占全国总量的8.5%和6.2% → 粮食产量占全国总量, 油料产量占全国总量.  Read from the stored words and function words as data (``share_verb``, ``rate_noun``,
``introduces_figure`` and the change words of ``changes.tsv``).

The rules that use it are ``metric:respectively`` (``leading.respectively``) and
``metric:share`` (``indicator.share_metric``: the part of a share before a second whole).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from cnews_ie.lexicons import lexicon_cache, role_words, table
from cnews_ie.patterns import alternation

__all__ = [
    "change_words",
    "listed_share",
    "share_complement",
    "share_part",
    "share_verb_pattern",
    "share_verbs",
    "without_complement",
]

# Parts of speech of the words that introduce a figure after the whole (的比重为, 的比重达):
# particles other than 的, prepositions, adverbs, punctuation, conjunctions.
_TAIL_POS = ("u", "p", "d", "x", "w", "c")


@lexicon_cache
def change_words() -> frozenset[str]:
    """The verbs of change of ``changes.tsv`` (增长, 下降 …)."""
    return frozenset(row[0] for row in table("changes", 2))


@lexicon_cache
def _complements() -> frozenset[str]:
    """What a share verb takes into one verb after it: a one-character word of role ``reaches``
    or ``aspect_particle`` (到, 了), also with 了 after it (到了)."""
    ends = {w for w in role_words("reaches") | role_words("aspect_particle") if len(w) == 1}
    return frozenset(ends | {e + "了" for e in ends if e != "了"})


@lexicon_cache
def share_verbs() -> frozenset[str]:
    """A share verb (占: role ``share_verb``), also with its complement (占到, 占了, 占到了)."""
    verbs = role_words("share_verb")
    return frozenset(verbs | {v + c for v in verbs for c in _complements()})


@lexicon_cache
def share_verb_pattern() -> re.Pattern[str]:
    """A share verb (role ``share_verb``) in running text, not the start of the noun 占比."""
    return re.compile(rf"(?:{alternation(sorted(role_words('share_verb')))})(?!比)")


def share_complement(word: str) -> bool:
    """到, 了 or 到了, which a share verb before it takes into one verb (占/到了)."""
    return word in _complements()


@lexicon_cache
def _complemented() -> re.Pattern[str]:
    """A share verb and its complement inside an indicator (占到了 in X占到了Y)."""
    verbs, complements = role_words("share_verb"), _complements()
    return re.compile(f"(?P<verb>{alternation(verbs)})(?:{alternation(complements)})(?=.)")


def without_complement(indicator: str) -> str:
    """A share's indicator with the share verb alone, as the news names a share (用于教育的支出
    占到了财政支出 → 用于教育的支出占财政支出; 出口总额占了全省比重 → 出口总额占全省比重;
    占到全球总数 → 占全球总数)."""
    return _complemented().sub(lambda m: m.group("verb"), indicator)


def share_part(indicator: str) -> str:
    """The part of a share ``indicator`` names (民营经济增加值占全县经济的比重 → 民营经济增加值),
    the indicator itself for any other: a second share of one part names that part again
    (…，占全县经济的31.7%，占全市数字经济的6.5% → 数字经济增加值占全市数字经济的比重)."""
    at = [indicator.find(verb, 1) for verb in role_words("share_verb")]
    return indicator[: min(a for a in at if a > 0)] if any(a > 0 for a in at) else indicator


def listed_share(
    text: str, start: int, end: int, words: Sequence[tuple[int, str, str]]
) -> str | None:
    """The whole of a share that text[start:end] states, right after 分别 and before the list
    of percents it distributes (占全国总量的 → 占全国总量; 占全省总额的比重为 → 占全省总额的
    比重), written as the text writes it (a 的 before the figures dropped, no share noun added);
    None where the text there opens with no share verb (分别增长…)."""
    inside = [w for w in words if start <= w[0] and w[0] + len(w[1]) <= end]
    if not inside or inside[0][1] not in share_verbs():
        return None
    light = role_words("introduces_figure")
    while len(inside) > 1 and (
        inside[-1][1] in light
        or inside[-1][1] in change_words()
        or (inside[-1][2].startswith(_TAIL_POS) and inside[-1][1] != "的")
    ):
        inside = inside[:-1]  # 比重为, 比重达到: the words that introduce the figures
    if len(inside) < 2:
        return None  # 分别占8.5%和6.2%: no whole written
    whole = text[inside[0][0] : inside[-1][0] + len(inside[-1][1])]
    return whole.removesuffix("的")  # 占全国总量的: 占全国总量, as written
