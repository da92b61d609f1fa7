"""Coordinated modifiers that share one head (ANNOTATION §8): 新签约、新开工、新投产千万元以上农业项目
lists three indicators, each modifier with the shared head (新签约亿元以上工业项目 …), read from
the stored words.  ``leading.respectively`` uses it for the members of a 分别 list; the owners
before a light verb that such a list distributes may be joined by a conjunction and end in a
bracketed gloss (家电工业和电子行业（不含通信设备）实现利润: ``split_gloss``, ``joined_owner``)."""

from __future__ import annotations

from collections.abc import Sequence

from cnews_ie.lexicons import role_words

__all__ = ["joined_owner", "list_members", "second_conjunct", "share_head", "split_gloss"]

Word = tuple[int, str, str]  # (offset, word, part of speech)
_OPENING, _CLOSING = "（(", "）)"
_JOINS = frozenset("、")  # with the conjunctions of role joins_figures (和, 及, 与)

# Parts of speech of a modifier that needs a head: verbs, verbal nouns, adjectives, adverbs,
# distinguishing words (民营/b: never a noun on its own) and the other proper nouns jieba gives
# such compounds (新开工/nz).
_MODIFIER_POS = ("v", "vn", "a", "ad", "d", "nz", "b")


def share_head(
    text: str, start: int, parts: Sequence[str], words: Sequence[tuple[int, str, str]]
) -> list[str]:
    """The members of a list written from text[start] (``parts``, in order), each with the head
    the last member's modifier shares with them, when every member but the last ends in a
    modifier word (a verb, not a noun: 新签约、新开工) and the last is such a modifier followed by
    a noun phrase (新投产千万元以上农业项目); else ``parts`` unchanged (机器人、新材料、航空产业产值:
    nouns, which ``noun_lists.noun_head`` reads)."""
    by_end = {at + len(word): pos for at, word, pos in words}
    by_start = {at: (word, pos) for at, word, pos in words}
    at = start
    ends: list[int] = []
    for part in parts:
        at = text.find(part, at)
        if at < 0:
            return list(parts)
        ends.append(at + len(part))
        at += len(part)
    if len(parts) < 2 or not all(
        by_end.get(end, "n").startswith(_MODIFIER_POS) for end in ends[:-1]
    ):
        return list(parts)
    last = ends[-1] - len(parts[-1])
    cut = last
    while cut in by_start and by_start[cut][1].startswith(_MODIFIER_POS):
        cut += len(by_start[cut][0])  # 新/投产: the modifier of the last member
    distinguishing = all(
        by_start.get(end - len(part), ("", ""))[0] == part
        and by_start[end - len(part)][1].startswith("b")
        for part, end in zip(parts[:-1], ends[:-1], strict=True)
    )
    if cut == last and last in by_start and distinguishing:
        # 集体和私营建筑企业产值: one-word modifiers, the last one's word whatever its tag
        cut += len(by_start[last][0])
    tail = text[cut : ends[-1]]
    if (
        cut == last
        or not tail
        or not any(
            pos.startswith("n") and not pos.startswith("nz")
            for s, _, pos in words
            if cut <= s < ends[-1]
        )
    ):
        return list(parts)
    return [part + tail for part in parts[:-1]] + [parts[-1]]


def second_conjunct(inside: Sequence[Word], k: int, words: Sequence[Word], hi: int) -> bool:
    """Whether the light verb ``inside[k]`` opens the second of two verb phrases joined by a
    conjunction (role ``joins_figures``) that a distributive adverb before the figure at ``hi``
    says share its value (role ``distributes_predicate``: 上缴税金和实现利润双双突破5000万元 → the
    indicator is both, not 利润 after the light verb); not where the value is the last one's
    (加快项目建设和完成投资86亿元)."""
    if k < 2 or inside[k - 1][1] not in role_words("joins_figures"):
        return False
    if not any(pos.startswith("v") for _, _, pos in inside[: k - 1]):
        return False
    last = inside[-1][0] + len(inside[-1][1])
    shared = role_words("distributes_predicate")
    return any(w in shared for at, w, _ in words if last <= at and at + len(w) <= hi)


def split_gloss(words: list[Word]) -> tuple[list[Word], list[Word]]:
    """``words`` without the bracketed gloss they end with, and that gloss, kept whole
    (机械行业（不含汽车）实现利润: 机械行业 and （不含汽车）)."""
    if words and words[-1][1] in _CLOSING:
        opened = max((k for k, w in enumerate(words) if w[1] in _OPENING), default=-1)
        if opened > 0:
            return words[:opened], words[opened:]
    return words, []


def joined_owner(
    words: Sequence[Word], gloss: int, nouns: tuple[str, ...], names: tuple[str, ...], joined: bool
) -> bool:
    """Whether ``words`` (the last ``gloss`` of them a bracketed gloss) are the owner of an
    indicator: words with a part of speech of ``nouns`` and none of ``names`` and, where
    ``joined`` (the owners a 分别 list distributes over its figures), conjunctions between them
    (甲行业和乙行业（不含丙）实现利润分别增长… → 甲行业和乙行业（不含丙）利润); else a verb before a
    noun, with a conjunction before it, is inside a compound (规模以上体育及相关产业企业实现营业收入)."""
    joins = role_words("joins_figures") | _JOINS if joined else frozenset()
    plain = words[: len(words) - gloss]

    def compound(k: int) -> bool:
        """A verb modifying the noun after it inside a compound noun after a conjunction, and
        that conjunction (文化/及/相关/产业; not 纺织/和/服装行业: two owners; not 贷款/分为/…)."""
        rest = [pos for _, _, pos in plain[k + 1 : k + 3]]
        if not 0 < k < len(plain) - 1:
            return False
        if plain[k][2] == "c":
            return len(rest) == 2 and rest[0] == "v" and rest[1].startswith(nouns)
        return plain[k][2] == "v" and plain[k - 1][2] == "c" and rest[0].startswith(nouns)

    return bool(plain) and all(
        (pos.startswith(nouns) and not pos.startswith(names))
        or (word in joins and 0 < k < len(plain) - 1)
        or (not joined and compound(k))
        for k, (_, word, pos) in enumerate(plain)
    )


def list_members(listed: str) -> list[str]:
    """The members of a listed phrase: A、B和C → A, B, C (the last two joined by the first word
    of role ``joins_figures`` after the last member's first character: 和, 及, 与)."""
    parts = listed.split("、")
    last = parts[-1]
    found = [(at, w) for w in role_words("joins_figures") if (at := last.find(w, 1)) > 0]
    if found:
        at, word = min(found)
        parts[-1:] = [last[:at], last[at + len(word) :]]
    return parts
