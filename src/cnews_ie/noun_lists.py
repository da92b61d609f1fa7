"""Members of an indicator list that share the head the last member ends with (ANNOTATION §8):
茶叶、水果种植面积分别增长… lists two indicators, 茶叶种植面积 and 水果种植面积; 第二、第三产业占…比重
lists 第二产业占…比重 and 第三产业占…比重.  Read from the stored words, the ordinal pattern
(``patterns.ORDINAL``) and the category nouns as data (role ``category_noun``).
``leading.respectively`` uses it where ``coordination.share_head`` (modifiers that need a head)
does not apply; members that name an indicator keep their own (营业收入、利润总额)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from cnews_ie.backends.jieba_backend import common_word
from cnews_ie.lexicons import lexicon_cache, role_tuple, role_words
from cnews_ie.metric import names_indicator
from cnews_ie.patterns import ORDINAL

__all__ = ["noun_head", "shared_modifier"]

# Parts of speech of a member that is the own part of a noun member (茶叶, 新/材料, 光伏/j,
# 冬小麦/nr: jieba tags some crops as names), not of a place or an organisation.
_OWN_POS = ("n", "vn", "j", "a", "b", "l", "eng")
_NAME_POS = ("ns", "nt")


def noun_head(
    text: str, start: int, parts: Sequence[str], words: Sequence[tuple[int, str, str]]
) -> list[str]:
    """The members of a list written from text[start] (``parts``, in order), each with the head
    the last member ends with, when every member but the last is nouns naming no indicator or
    an ordinal (茶叶、水果种植面积 → 茶叶种植面积; 第二、第三产业占…比重 → 第二产业占…比重):
    the head is what follows the last member's ordinal, or its 的 (电子、物流业的营收 → 电子营收),
    or starts at a category noun (role ``category_noun``: 纺织、家用电器产业产值 → 纺织产业产值),
    or follows its first word (水果/种植面积, 城乡居民/医疗保险参保人数), or, where no verb follows
    that word, opens at the first word after it naming an indicator that is no ratio (高端/装备/
    产值 → 稀土产值; not 大豆/合格/种子/比例);
    members that are sectors (ending with a word of role ``category_noun`` or ``sector_head``)
    share what follows the last member's sector (节能环保产业和装备制造业增加值 → 节能环保产业增加值);
    members that all end with a noun the last one holds share what follows it there
    (高端装备行业和工业软件行业注册企业 → 高端装备行业注册企业), or what follows a word of the last
    that ends with the character every other member ends with, its first word too (汽油、航空煤油
    消费 → 汽油消费; 一般贸易、加工贸易进出口 → 一般贸易进出口; 一产、三产用电量 → 一产用电量); else
    ``parts`` unchanged (营业收入、利润总额: each names an indicator of its own)."""
    spans: list[tuple[int, int]] = []
    at = start
    for part in parts:
        at = text.find(part, at)
        if at < 0:
            return list(parts)
        spans.append((at, at + len(part)))
        at += len(part)
    if len(parts) < 2:
        return list(parts)
    inside = [[w for w in words if lo <= w[0] and w[0] + len(w[1]) <= hi] for lo, hi in spans]
    last, (lo, hi) = inside[-1], spans[-1]
    ordinals = all(ORDINAL.fullmatch(p) for p in parts[:-1])
    if ordinals and (m := ORDINAL.match(parts[-1])):
        return _with_head(parts, parts[-1][m.end() :])
    sectors = (*role_words("category_noun"), *role_words("sector_head"))
    if all(p.endswith(sectors) and not names_indicator(p) for p in parts[:-1]):
        # 节能环保产业和装备制造业增加值: sectors, each with what follows the last one
        after = max((at + len(w) for at, w, _ in last if w.endswith(sectors)), default=hi)
        return _with_head(parts, text[after:hi]) if after < hi else list(parts)
    particle = next((k for k, w in enumerate(last) if w[1] == "的"), None)
    if (
        particle  # not at the last member's start
        and not any("的" in p for p in parts[:-1])
        and not any(pos.startswith("v") for _, _, pos in last[:particle])  # 某社交纳的…
    ):
        # 甲级工、乙级工的年收入 → 甲级工年收入: after the last member's 的, the indicator
        head = text[last[particle][0] + 1 : hi]
        if names_indicator(head):
            return _with_head(parts, head)
    # 高端装备行业和工业软件行业注册企业: a noun every member ends with closes the last one too,
    # and what follows it is the head they share
    closing = _closing(last, lambda word: all(p.endswith(word) for p in parts[:-1]))
    if closing is None:  # 汽油、航空煤油消费: a word ending as every member ends closes the last
        closing = _closing(  # 一产、二产、三产/用电量: the last member one word of its own
            last, lambda word: len(word) > 1 and all(p[-1] == word[-1] for p in parts[:-1]), 0
        )
    if closing is not None and any(pos.startswith(("n", "v")) for _, _, pos in last[closing + 1 :]):
        head = text[last[closing][0] + len(last[closing][1]) : hi]
        return _with_head(parts, head.removeprefix("的"))  # 甲企业、乙企业的利润 → 甲企业利润
    if not all(
        ws
        and "".join(w[1] for w in ws) == p
        and all(pos.startswith(_OWN_POS) and not pos.startswith(_NAME_POS) for _, _, pos in ws)
        and not names_indicator(p)
        for p, ws in zip(parts[:-1], inside[:-1], strict=True)
    ):
        parallel = _parallel_head(parts)  # 城镇/ns、农村常住居民…: a place-like member
        return _with_head(parts, parallel) if parallel else list(parts)
    if len(last) < 2 or not any(
        pos.startswith(("n", "vn")) and not pos.startswith(_NAME_POS) for _, _, pos in last[1:]
    ):
        return list(parts)
    categories = role_tuple("category_noun")
    if particle is not None:
        head = text[last[particle][0] + 1 : hi] if particle else ""
    elif cut := next(
        (
            at + len(word) - len(c)
            for at, word, _ in last
            for c in categories
            if word.endswith(c) and at + len(word) - len(c) > lo
        ),
        None,
    ):
        head = text[cut:hi]  # 新能源/汽车产业/产值: the category noun at the end of a word
    else:  # 水果/种植面积; 高端/装备/产值: nouns alone open the head at an indicator's word
        named = (  # not a ratio, whose modifier says which part: 大豆/合格/种子/比例
            k
            for k, (_, word, _) in enumerate(last[1:], 1)
            if names_indicator(word) and not word.endswith(_ratios())
        )
        verbs = any(pos.startswith("v") and pos != "vn" for _, _, pos in last[1:])
        opens = 1 if verbs else next(named, 1)
        head = text[last[opens][0] : hi]
    if len(head) < 2 or any(p.endswith(head) for p in parts[:-1]):
        return list(parts)
    return _with_head(parts, head)


@lexicon_cache
def _ratios() -> tuple[str, ...]:
    """Words that end a ratio (role ``names_share``: 比例, 比重) and 率."""
    return (*role_tuple("names_share"), "率")


def shared_modifier(
    text: str, start: int, parts: Sequence[str], words: Sequence[tuple[int, str, str]]
) -> list[str]:
    """The members of a list whose first member opens with a modifier the others share, each
    with it, when every later member is as long as the others (three characters or more),
    names an indicator and is parallel to the first's end (the same last character, at most
    half the characters different), and the modifier ends at a word's end (小麦机收率、机播率
    → 小麦机播率; not 城镇居民人均消费支出、农村居民人均纯收入); else ``parts`` unchanged."""
    first, rest = parts[0], parts[1:]
    size = len(rest[0]) if rest else 0
    if (
        size < 3
        or len(first) < size + 2
        or any(
            len(p) != size or not _parallel(first[-size:], p) or not names_indicator(p)
            for p in rest
        )
        or text.find(first, start) != start
    ):
        return list(parts)
    cut = start + len(first) - size
    if not any(at + len(word) == cut and pos.startswith("n") for at, word, pos in words):
        return list(parts)
    modifier = first[: len(first) - size]
    return [first, *(modifier + p for p in rest)]


def _parallel(a: str, b: str) -> bool:
    """Whether two words of one length end alike and differ in at most half their characters."""
    return a[-1] == b[-1] and sum(x != y for x, y in zip(a, b, strict=True)) <= len(a) // 2


def _closing(
    last: Sequence[tuple[int, str, str]], closes: Callable[[str], bool], lowest: int = 1
) -> int | None:
    """The last noun of ``last`` (not its last word, nor a word before ``lowest``) that
    ``closes`` accepts."""
    return next(
        (
            k
            for k in range(len(last) - 2, lowest - 1, -1)
            if last[k][2].startswith(("n", "j")) and closes(last[k][1])
        ),
        None,
    )


def _parallel_head(parts: Sequence[str]) -> str | None:
    """The head the last member shares with members of two or three characters each, where it
    opens with a common word as long as they are and a common word of two characters or more
    follows (城镇、农村常住居民人均消费支出: 农村 | 常住居民人均消费支出 → 城镇常住居民人均消费支出;
    not 汽车、摩托车产量: 车产 is no word)."""
    k, last = len(parts[0]), parts[-1]
    if not 2 <= k <= 3 or any(len(p) != k for p in parts[:-1]) or len(last) < k + 2:
        return None
    if not all(common_word(p) for p in (*parts[:-1], last[:k], last[k : k + 2])):
        return None
    return last[k:]


def _with_head(parts: Sequence[str], head: str) -> list[str]:
    return [part + head for part in parts[:-1]] + [parts[-1]] if head else list(parts)
