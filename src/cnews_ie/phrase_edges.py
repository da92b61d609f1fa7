"""The edges of an indicator phrase (``metric.phrase_metric``): the words that never start or
end one (function words, light and change verbs, punctuation), and :func:`trim_phrase`, which
drops them.  Whether a word is an edge depends only on the word, its jieba tag and the word
lists, so it is decided once per word and tag: every figure's clause is trimmed several times.
:func:`degree_verb` joins a degree verb jieba split (高 + 达) so that no indicator ends with it;
:func:`joint_abbreviations` joins 中 to the abbreviation after it (中/f + 美 → 中美) so that one
starts with it.
"""

from __future__ import annotations

from cnews_ie.coordination import split_gloss
from cnews_ie.lexicons import lexicon_cache, role_words, table
from cnews_ie.patterns import METRIC_WORD
from cnews_ie.resolve import currency_names
from cnews_ie.shares import share_verbs
from cnews_ie.work import Token, new_token

__all__ = [
    "change_words",
    "degree_verb",
    "is_edge",
    "joint_abbreviations",
    "reporting_verbs",
    "reports",
    "trailing_gloss",
    "trim_phrase",
]

# Parts of speech that never start or end an indicator phrase: conjunctions, adverbs,
# prepositions, pronouns, particles, time words, numerals, classifiers, localisers, punctuation.
_EDGE_POS = frozenset("cdpurtmqfxwyeoz")  # each one character: a tag's first decides
_MAX_EDGES = 1 << 16  # words and tags remembered at most (then the table starts again)


@lexicon_cache
def change_words() -> frozenset[str]:
    """The change words of ``resources/changes.tsv`` (增长, 下降 …)."""
    return frozenset(row[0] for row in table("changes", 2))


@lexicon_cache
def _edge_words() -> frozenset[str]:
    """Words never at an indicator's edge: light verbs, earlier periods (上年), change words,
    adverbs of continuity before a span of time (连续: role ``spans_time``), words that restate
    (即: role ``restates``)."""
    edges = role_words("introduces_figure") | role_words("earlier_period") | role_words("restates")
    return edges | change_words() | role_words("spans_time")


@lexicon_cache
def _edges() -> dict[tuple[str, str], bool]:
    """(word, tag) → whether it is an edge, filled as words are met (rebuilt when a list grows)."""
    return {}


def is_edge(word: str, pos: str) -> bool:
    """Whether a word never starts or ends an indicator (function words, light and change
    verbs, punctuation; a verb jieba keeps whole with the word of role ``reaches`` it ends in:
    增至, 减至)."""
    table = _edges()
    found = table.get((word, pos))
    if found is None:
        if len(table) >= _MAX_EDGES:
            table.clear()
        found = table[word, pos] = (
            (pos[:1] in _EDGE_POS and pos != "eng")  # Latin (CPI) is no "e"
            or word in _edge_words()  # 上年/同期 (earlier_period): a period jieba cut in two
            or (pos[:1] == "v" and len(word) > 1 and word[-1] in role_words("reaches"))
            or not METRIC_WORD.fullmatch(word)
        )
    return found


def trim_phrase(inside: list[tuple[int, str, str]]) -> list[tuple[int, str, str]]:
    """Without the function words, light verbs and change verbs at either edge, and a currency
    name at its end (净利润人民币3.2亿元 → 净利润: ``resolve.currency_names``); a verb that a
    one-character word of role ``reaches`` after it makes a verb of change (缩减/至) is one, and
    so is a verb or adjective a preposition of role ``places_figure`` places the figure
    after (持稳/于, 报收/于) (not a noun jieba tags as a verb before 达到: 收入达到, 投入达到)."""
    lo, hi = 0, len(inside)
    reaches, modal, currencies = role_words("reaches"), role_words("modal"), currency_names()
    places, shares = role_words("places_figure"), share_verbs()
    while hi > lo and (
        is_edge(inside[hi - 1][1], inside[hi - 1][2])
        or inside[hi - 1][1] in modal  # 年产值可达: 可 ends no indicator (可再生能源 starts one)
        or inside[hi - 1][1]
        in currencies  # 净利润人民币: the amount's currency (人民币贷款 starts one)
        or (
            inside[hi - 1][2] in ("v", "a")
            and hi < len(inside)
            and len(inside[hi][1]) == 1
            and (inside[hi][1] in reaches or inside[hi][1] in places)  # 持/稳/于, 报收/于
            and (inside[hi - 1][2] == "v" or inside[hi][1] in places)
        )
    ):
        if _closes_quote(inside, lo, hi):
            break  # 发展“新质生产力”: the quotation the phrase holds stays whole
        hi -= 1
    while (
        lo < hi
        and is_edge(inside[lo][1], inside[lo][2])
        and not _opens_quote(inside, lo, hi)
        and not _describes_noun(inside, lo, hi)
    ):
        if lo + 1 < hi and inside[lo][1] in shares:
            break  # 占到全球总数: a share verb before its whole opens the share
        if lo + 1 < hi and inside[lo][1] + inside[lo + 1][1] in role_words("growth_target_noun"):
            break  # 增长/预期: a growth target jieba cut in two
        lo += 1
    return inside[lo:hi]


def _describes_noun(inside: list[tuple[int, str, str]], lo: int, hi: int) -> bool:
    """Whether ``inside[lo]`` is a word jieba tags a state word (z) of two characters or more
    right before a noun of ``inside[lo:hi]``, which it modifies: the indicator opens with it
    (优良/z 天数比例, 湿地/z 面积; not 悄悄/z 地)."""
    return (
        inside[lo][2] == "z"
        and len(inside[lo][1]) > 1
        and lo + 1 < hi
        and inside[lo + 1][2].startswith("n")
    )


_QUOTES = {"“": "”", "《": "》", "「": "」"}


def _opens_quote(inside: list[tuple[int, str, str]], lo: int, hi: int) -> bool:
    """Whether ``inside[lo]`` opens a quotation that a later word of ``inside[lo:hi]`` closes."""
    closer = _QUOTES.get(inside[lo][1])
    return closer is not None and any(w[1] == closer for w in inside[lo + 1 : hi - 1])


def _closes_quote(inside: list[tuple[int, str, str]], lo: int, hi: int) -> bool:
    """Whether ``inside[hi - 1]`` closes a quotation an earlier word of ``inside[lo:hi]``
    opens, after which more than the closing mark is said."""
    word = inside[hi - 1][1]
    opener = next((o for o, c in _QUOTES.items() if c == word), None)
    return opener is not None and any(w[1] == opener for w in inside[lo + 1 : hi - 1])


def degree_verb(words: list[Token], text: str) -> None:
    """A one-character adjective and 达 right before a figure are one verb, the degree it
    reaches (合格率 + 高达 + 99%, 长达 + 8公里), where jieba's dictionary route splits them (高 +
    达): the adjective is no part of the indicator."""
    if (
        len(words) >= 2
        and words[-1].word == "达"
        and words[-2].pos == "a"
        and len(words[-2].word) == 1
    ):
        first = words[-2]
        words[-2:] = [new_token(first.start, words[-1].end, text[first.start : words[-1].end], "v")]


def joint_abbreviations(words: list[Token], text: str) -> None:
    """A localiser that is also a one-character abbreviation (role ``abbreviates_too``: 中 for
    China) right before another one-character abbreviation is one abbreviation with it, where
    jieba tags it a localiser (中/f + 美/ns, 中/f + 俄/j → 中美, 中俄): 中美贸易额 is the indicator,
    not 美贸易额."""
    localisers = role_words("abbreviates_too")
    k = 0
    while k + 1 < len(words):
        first, second = words[k], words[k + 1]
        if (
            first.pos == "f"
            and first.word in localisers
            and len(second.word) == 1
            and second.pos in ("j", "ns")
            and first.end == second.start
        ):
            end = second.end
            words[k : k + 2] = [new_token(first.start, end, text[first.start : end], "j")]
        k += 1


def reporting_verbs() -> frozenset[str]:
    """Verbs of saying and reporting (roles ``reports_speech``, ``closes_source_frame``: 介绍,
    显示): they introduce what is said and never end an indicator."""
    return role_words("reports_speech") | role_words("closes_source_frame")


def reports(word: str) -> bool:
    """Whether a word is a verb of saying, or ends with one of two characters or more (结果显示:
    jieba keeps the noun and the verb as one word)."""
    verbs = reporting_verbs()
    return word in verbs or word.endswith(tuple(v for v in verbs if len(v) > 1))


_CLOSING = "）)"


def trailing_gloss(inside: list[tuple[int, str, str]]) -> tuple[list[tuple[int, str, str]], str]:
    """``inside`` without the bracketed gloss written onto its indicator, where only edge words
    follow it (财政收入（不含土地出让收入）; 机场(不含港澳,下同)共有), and that gloss as written."""
    k = len(inside)
    while k and inside[k - 1][1] not in _CLOSING and is_edge(inside[k - 1][1], inside[k - 1][2]):
        k -= 1
    before, gloss = split_gloss(inside[:k])
    if not gloss:
        return inside, ""
    return before + inside[k:], "".join(w[1] for w in gloss)
