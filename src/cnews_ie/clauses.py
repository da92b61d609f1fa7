"""Clauses and the phrases inside them that are no indicator: where the clause of a figure
starts (a comma inside a closed bracket does not end it), a clause that only qualifies a
figure (按可比价格计算), and a recipient written before the verb of an indicator (向某公司发放贷款:
role ``recipient_preposition``)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from cnews_ie.gazetteer import org_heads
from cnews_ie.lexicons import lexicon_cache, role_tuple, role_words, table
from cnews_ie.mined_heads import is_mined_head
from cnews_ie.patterns import CLAUSE_END, METRIC_WORD

__all__ = [
    "after_event",
    "after_numbered_item",
    "clause_start",
    "cut_comparison",
    "drop_enumeration",
    "in_adverbial",
    "is_aside",
    "per_unit",
    "recipient_split",
    "split_verb",
]

_OPENING, _CLOSING = "（(", "）)"
Word = tuple[int, str, str]
_NAMES = ("nr", "ns", "nt")
_EVENT_WORDS = 4  # an event before 后 of at most this many words is the time of a figure


def clause_start(
    text: str,
    lo: int,
    at: int,
    before: tuple[int, int] | None = None,
    names: Callable[[str], bool] | None = None,
) -> int:
    """Where the clause holding text[at] starts, not before ``lo``: after the last clause end
    that is not inside a bracket closed before ``at`` (机场(不含港澳,下同)共有238个 is one
    clause).  Where a figure ends at ``lo`` in the clause (``before``: its sentence's start and
    the figure's start): if it is a threshold of the category the clause names (a category
    marker after it: 10亿元以上项目46个; 200万元以下的小额贷款利率降低15%), the clause of that
    figure; after a 、 that opens a new item naming an indicator (``names``: 甲项目、总投资12亿元),
    the item."""
    start = max((m.end() for m in CLAUSE_END.finditer(text, lo, at)), default=lo)
    markers = role_tuple("category_marker")
    if before and start == lo:
        # (not a qualifier of the figure before a 、: 智能工厂50个以上、绿色工厂40家)
        ended = text.endswith(markers, 0, lo) and not text.startswith("、", lo)
        if ended or text.startswith(markers, lo):
            return clause_start(text, *before)
        item = text.rfind("、", lo, at) + 1
        if item and names and names(text[item:at].strip()):
            return item
    while start > lo:
        opened = max(text.rfind(o, lo, start) for o in _OPENING)
        if opened < 0 or any(text.rfind(c, opened, start) >= 0 for c in _CLOSING):
            break  # not inside a bracket
        if not any(text.find(c, start, at) >= 0 for c in _CLOSING):
            break  # a bracket left open: its comma ends the clause
        start = max((m.end() for m in CLAUSE_END.finditer(text, lo, opened)), default=lo)
    return start


def is_aside(text: str, at: int, lo: int) -> bool:
    """Whether the clause holding text[at] opens with a word that qualifies a figure rather than
    naming an indicator (按可比价格计算, 扣除价格因素)."""
    start = max((m.end() for m in CLAUSE_END.finditer(text, lo, at)), default=lo)
    return any(text.startswith(w, start) for w in role_words("aside"))


def recipient_split(inside: Sequence[Word]) -> tuple[list[Word], str]:
    """The words of an indicator phrase after a recipient it names, and that recipient as
    written: a recipient preposition (向, 给, 为: role ``recipient_preposition``) and its object,
    up to the last word after it that ends with the head of a body, a project or a group
    (公司, 分行, 项目, 企业: ``org_suffixes.tsv``, roles ``names_a_project``, ``group_head``)
    (向某集团及其下属子公司发放贷款 → 发放贷款, 向某集团及其下属子公司), and the common nouns
    right after it, or after the preposition, before a verb (向片区建设提供 → 提供, 向片区建设;
    not a name: 向甘肃下达, as the head rule reads it; not before a 的: 对全市经济增长的贡献率).  The words unchanged
    and no recipient where none is named, where a 的 makes the phrase a modifier (以…为主的项目) or
    no verb or noun follows the recipient."""
    recipients = role_words("recipient_preposition")
    at = max(
        (k for k, w in enumerate(inside) if w[1] in recipients and w[2].startswith("p")),
        default=-1,
    )
    if at < 0:
        return list(inside), ""
    heads = role_words("names_a_project") | role_words("group_head")
    ends = [
        k
        for k in range(at + 1, len(inside) - 1)
        if inside[k][1] in heads or org_heads(2).longest_suffix(inside[k][1])
    ]
    last = ends[-1] if ends else at  # 向片区建设提供融资: the nouns after it, then a verb
    run = last + 1
    while run < len(inside) - 1 and inside[run][2].startswith(("n", "vn", "j")):
        run += 1
    named = any(w[2].startswith(("nr", "ns", "nt")) for w in inside[last + 1 : run])
    named = named or any(w[1] in role_words("attributive") for w in inside[run:])
    if run > last + 1 and inside[run][2] == "v" and not named:  # not 向甘肃下达: a name
        ends.append(run - 1)
    rest = [w for w in inside[ends[-1] + 1 :] if w[1].strip()] if ends else []
    attributive, indicators = role_words("attributive"), _indicator_heads()
    if (
        not rest
        or not (rest[0][2] == "v" or rest[0][2].startswith("n"))
        or any(w[1] in attributive for w in inside[at : ends[-1] + 2])
        or any(w[1] in indicators or is_mined_head(w[1]) for w in inside[at : ends[-1]])
    ):
        # 以民营资本为主的项目: the preposition is inside a modifier; 向某厂发放贷款和…: the
        # object of the verb holds the head, not the recipient
        return list(inside), ""
    return rest, "".join(w[1] for w in inside[at : ends[-1] + 1])


@lexicon_cache
def _indicator_heads() -> frozenset[str]:
    """The indicator heads of ``resources/metrics.tsv`` (贷款, 投资 …): no recipient holds one."""
    return frozenset(surface for surface, kind, _ in table("metrics", 3) if kind == "head")


def drop_enumeration(inside: Sequence[Word]) -> tuple[list[Word], tuple[int, int] | None]:
    """The words of a phrase without the items of an enumeration closed by 等 (role
    ``closes_list``) that a verb before them governs, and the span they took (覆盖甲、乙、丙等18个
    行业领域 → 覆盖; 解决用工、用地等问题206个 → 解决问题): the items are examples of the
    noun the figure counts or measures, not its indicator.  Unchanged where no verb comes
    before the items (甲、乙等23个项目竣工: the items are the subject)."""
    closes = role_words("closes_list")
    ends = [k for k, w in enumerate(inside) if w[1] in closes]
    if not ends:
        return list(inside), None
    commas = [k for k in range(ends[-1]) if inside[k][1] == "、"]
    item = (commas[0] if commas else ends[-1]) - 1  # the first item: a word and its nouns
    while item > 0 and inside[item - 1][2].startswith("n"):
        item -= 1
    particle = _aspect_particle(inside, item)
    if particle is not None:  # 安排了甲改造工程、乙工程等: the items start after 了
        item = particle + 1
    said = "".join(w[1] for w in inside[item : ends[-1]])
    verb = particle if particle is not None else item
    if item < 1 or inside[verb - 1][2] != "v" or len(said) < 2 or len(inside[verb - 1][1]) < 2:
        return list(inside), None  # 复工复/产等: a cut word, not an item
    first, last = inside[item], inside[ends[-1]]
    # after 了, the verb alone: the words before it are its clause's agent and adverbials
    kept = inside[particle - 1 : particle] if particle is not None else inside[:item]
    return [*kept, *inside[ends[-1] + 1 :]], (first[0], last[0] + len(last[1]))


def _aspect_particle(inside: Sequence[Word], item: int) -> int | None:
    """The index of a particle of aspect (role ``aspect_particle``: 了) after a verb of two
    characters or more, before ``inside[item]`` with only words of a noun phrase (nouns, verbs
    inside a compound noun, distinguishing words) between: the verb governs the items after it
    (安排了甲道路改造工程、…: the first item holds a verb of its own)."""
    particles = role_words("aspect_particle")
    for k in range(item - 1, 0, -1):
        word, pos = inside[k][1], inside[k][2]
        if word in particles:
            verb = inside[k - 1]
            return k if verb[2] == "v" and len(verb[1]) > 1 else None
        if not pos.startswith(("n", "v", "b", "j", "a", "l")):
            return None
    return None


def adverbial_tail(
    text: str, inside: Sequence[Word], bounds: Sequence[tuple[int, int]], end: int
) -> int | None:
    """Where a phrase ending at ``end`` runs into an adverbial of ``bounds`` that it does not
    end before: at the bound's start where a preposition of role ``opens_adverbial`` opens it
    (股价在早盘交易中下跌), or at that preposition after a noun where a bound it opens starts
    later (价格指数在三年的时间里: the period is 三年的时间里; not 集中在某地: a verb's complement);
    None where the phrase runs into no adverbial."""
    opens = role_tuple("opens_adverbial")
    cuts = []
    for s, e in bounds:
        if inside[0][0] < s < end <= e:
            opening = [
                w[0]
                for k, w in enumerate(inside[1:], 1)
                if w[0] < s and w[1] in opens and w[2] == "p" and inside[k - 1][2].startswith("n")
            ]
            cuts += [s] if text.startswith(opens, s) else opening[-1:]
    return min(cuts, default=None)


def after_numbered_item(inside: Sequence[Word]) -> list[Word]:
    """The words of a phrase after its last item with a number and unit of its own before an
    enumeration comma (历时8年、总投资 → 总投资): that item is no part of the indicator; an
    ordinal before the comma is (冬小麦一、二类苗比例)."""
    numbered = [
        k
        for k, w in enumerate(inside[2:], 2)
        if w[1] == "、" and inside[k - 1][2][:1] in "mq" and inside[k - 2][2][:1] == "m"
    ]
    return list(inside[numbered[-1] + 1 :]) if numbered else list(inside)


def in_adverbial(at: int, words: Sequence[Word]) -> bool:
    """Whether the figure at ``at`` is the object of a preposition that opens an adverbial
    (role ``opens_adverbial``, a preposition for jieba), written right before it: 工人在12条
    生产线上 counts the lines, and the words before the preposition are its clause's agent, no
    indicator of the count."""
    last = next((w for w in reversed(words) if w[0] + len(w[1]) <= at), None)
    return bool(
        last
        and last[0] + len(last[1]) == at
        and last[2].startswith("p")
        and last[1] in role_words("opens_adverbial")
    )


def per_unit(inside: list[Word]) -> tuple[list[Word], str]:
    """``inside`` without the words that open with a distributive determiner (每, role
    ``distributive``: 每月, 每/趟, 每/10/股, 每/10/万/人) and those words: the unit the indicator
    is counted per, a gloss (每月工资 → 工资（每月）, ANNOTATION §3), never a subject."""
    opens = role_tuple("distributive")
    at = next((k for k, w in enumerate(inside) if w[1].startswith(opens)), None)
    if at is None:
        return inside, ""
    upto = at + 2 if inside[at][1] in opens and at + 1 < len(inside) else at + 1  # 每/趟
    while inside[upto - 1][2] == "m" and upto < len(inside) and inside[upto][2][:1] in "mqn":
        upto += 1  # 每/10/股, 每/10/万/人: a number of units
    unit = inside[at][1][1:] if upto == at + 1 else inside[upto - 1][1]
    upto = _counted_per(inside, upto) if unit and unit not in _time_units() else upto
    # 对每个参加合作医疗的农民补助: the preposition that opens the unit goes with it
    cut = at - 1 if at and inside[at - 1][2] == "p" and upto > at + 1 else at
    return inside[:cut] + inside[upto:], "".join(w[1] for w in inside[at:upto])


_MAX_PER_MODIFIER = 6  # words of a clause closed by 的 before the nouns a unit counts


@lexicon_cache
def _time_units() -> frozenset[str]:
    """Units of time (units.tsv kinds ``time`` and ``duration``): 每年, 每月 count no thing."""
    return frozenset(row[0] for row in table("units", 5) if row[2] in ("time", "duration"))


def _counted_per(inside: list[Word], upto: int) -> int:
    """Where the persons or households a per-unit counts end, after ``upto``: common nouns
    ending with a head of role ``counted_person``, after a clause closed by 的 (每个/参加合作医疗
    的/农民, 每名/学生), when the indicator still follows them (not 每股/基本/亏损)."""
    marks = role_words("attributive")
    closed = next(
        (
            k
            for k in range(upto, min(upto + _MAX_PER_MODIFIER, len(inside)))
            if inside[k][1] in marks
        ),
        None,
    )
    start = upto
    if closed is not None and all(METRIC_WORD.fullmatch(w[1]) for w in inside[upto:closed]):
        start = closed + 1
    end = start
    while (
        end < len(inside)
        and inside[end][2][:1] == "n"
        and inside[end][2][:2] not in _NAMES
        and not is_mined_head(inside[end][1])  # 每股/收益: the indicator, not what is counted
    ):
        end += 1
    persons = role_tuple("counted_person")  # 农民, 学生, 参赛选手: persons or households
    counted = start < end < len(inside) and inside[end - 1][1].endswith(persons)
    return end if counted else upto


def after_event(inside: list[Word]) -> list[Word]:
    """The words after the last event a time word ends (后 / 以后 / 之后 as localisers after
    a short event, role ``after_event``): 项目投产后年销售收入 → 年销售收入, 改造之后日处理能力
    → 日处理能力; the time of the figure, never a modifier of its indicator.  A longer clause,
    or one that 的 ties to the noun, is a condition the indicator is measured under and stays
    (扣除非经常性损益后的净利润; 剔除回购专户股份数量后总股本)."""
    ends = role_words("after_event")
    at = [
        k
        for k in range(1, min(len(inside) - 1, _EVENT_WORDS + 1))
        if inside[k][1] in ends and inside[k][2][:1] == "f" and inside[k + 1][1] != "的"
    ]
    return inside[at[-1] + 1 :] if at else inside


def split_verb(inside: Sequence[Word], k: int) -> bool:
    """Whether ``inside[k]`` is a one-character word of role ``reaches`` (到) right after another
    one-character word, or before a common noun: the second half of a verb jieba cut in two
    (报/到, 收/到 of 代表报到人数); or a verb right before a one-character suffix of indicators
    (``metrics.tsv``, kind ``suffix``) that jieba cut from it (完成/额 of 投资完成额): a noun, not
    a light verb that introduces the figure."""
    word = inside[k][1]
    suffix = inside[k + 1] if k + 1 < len(inside) else None
    if suffix and suffix[0] == inside[k][0] + len(word) and suffix[1] in _suffixes():
        return True
    if k == 0 or len(word) != 1 or word not in role_words("reaches"):
        return False
    at, before, _ = inside[k - 1]
    after = inside[k + 1][2] if k + 1 < len(inside) else ""
    return at + len(before) == inside[k][0] and (len(before) == 1 or after == "n")


@lexicon_cache
def _suffixes() -> frozenset[str]:
    """The one-character suffixes of indicators (``metrics.tsv``, kind ``suffix``: 额, 量, 率)."""
    return frozenset(m for m, kind, _ in table("metrics", 3) if kind == "suffix" and len(m) == 1)


@lexicon_cache
def _change_words() -> frozenset[str]:
    return frozenset(row[0] for row in table("changes", 2))


def _times(words: Sequence[Word]) -> bool:
    """Whether ``words`` are only time words and numerals (a period written as a base)."""
    return bool(words) and all(pos[:1] in "tml" for _, _, pos in words)


def cut_comparison(inside: list[Word]) -> list[Word]:
    """The words before a comparison base (人均收入比上年增加 → 人均收入; 与上年相比), or after a
    base opened by 与 that the clause starts with (与上年同期相比利润下降 → 利润)."""
    compares, opens = role_words("compares"), role_words("compares_with")
    changes, any_compares = _change_words(), role_tuple("compares")
    closers = role_tuple("closes_comparison")
    for k, (_, word, _) in enumerate(inside):
        if word in compares:
            return inside[:k]
        if word in opens:
            # 同期相比/i: jieba may write the closing word onto the base
            closed = [j for j in range(k + 1, len(inside)) if inside[j][1].endswith(closers)]
            if closed:
                # 与上年相比利润下降: with nothing before the base, the indicator follows it
                said = any(pos[:1] not in "cd" for _, _, pos in inside[:k])  # not 不过/c
                return inside[:k] if said else inside[closed[0] + 1 :]
        if word.endswith(closers) and k + 1 < len(inside) and _times(inside[:k]):
            return inside[k + 1 :]  # (与2005年)第四季度相比收入: the base's opener was cut off
        if word.startswith(any_compares) and any(
            word.startswith(c) and word[len(c) :] in changes for c in compares
        ):
            return inside[:k]  # 同比增加, segmented as one word
    return inside
