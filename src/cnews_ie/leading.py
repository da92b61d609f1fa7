"""What the opening of a sentence says about the indicator of its figures (ANNOTATION §8), read
from the stored words:

- figures that open their sentence, as a heading does (6.2%，全县工业投资两位数增长), followed by a
  comma, measure the noun phrase that opens the next clause (``metric:leading``);
- a sentence that opens with 其中 breaks the figure before it down: a clause that names only a
  category before a light verb measures that figure's indicator, glossed with the category
  (其中国际货运完成… → 货邮吞吐量（国际货运）: ``metric:breakdown``);
- an indicator list before 分别 gives its members to the figures listed after it
  (``metric:respectively``).

The rules that use them are listed in ``link.py``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from cnews_ie.coordination import list_members, share_head
from cnews_ie.lexicons import lexicon_cache, role_tuple, role_words, table
from cnews_ie.link_record import Link
from cnews_ie.metric import LIST_GAP, metric_before, names_indicator, phrase_metric
from cnews_ie.noun_lists import noun_head, shared_modifier
from cnews_ie.numerals import ZH_DIGITS
from cnews_ie.patterns import METRIC_WORD, ORDINALS_BEFORE, alternation
from cnews_ie.records import Change, Figure, FigureKind
from cnews_ie.shares import listed_share, share_verbs
from cnews_ie.work import Token

__all__ = ["breakdown_of", "leading_metric", "list_changes", "listed_run", "respectively"]


_LEADING_POS = ("n", "vn", "j", "b", "l", "eng")  # the words of the noun phrase after them
_LEADING_COMMA = ("，", ",")


def list_changes(figures: Sequence[Figure], run: Sequence[int]) -> dict[int, Change]:
    """The change of the first figure of a list (``run``) for the others of its kind that
    state none: 分别增长9.5%、10%和50% (the verb of change governs the whole list)."""
    first = figures[run[0]]
    if len(run) < 2 or first.change is None:
        return {}
    return {
        j: first.change
        for j in run[1:]
        if figures[j].change is None and figures[j].kind is first.kind
    }


def listed_run(text: str, figures: Sequence[Figure], i: int, stop: int) -> list[int]:
    """Figure ``i`` and those after it (before ``stop``) that a list gap (、, 和, 及) joins to it
    one by one: the figures a 分别 list may give indicators to."""
    run = [i]
    for j in range(i + 1, stop):
        if not LIST_GAP.fullmatch(text[figures[run[-1]].end : figures[j].start]):
            break
        run.append(j)
    return run


def leading_metric(
    text: str,
    s_start: int,
    figures: Sequence[Figure],
    members: Sequence[int],
    i: int,
    tokens: Sequence[Token],
) -> tuple[str, int] | None:
    """The indicator of a figure that opens its sentence alone or in a list (6.2%, 5%和3%), as a
    heading does, followed by a comma: the noun phrase that opens the next clause, up to its
    last head (6.2%，全县工业投资两位数增长 → 全县工业投资), the list's members in order
    (5%和3%，国有和私营建筑企业产值… → 国有建筑企业产值, 私营建筑企业产值) (``metric:leading``),
    and its start.  None for any other figure."""

    def listed(a: int, b: int) -> bool:
        return bool(LIST_GAP.fullmatch(text, figures[members[a]].end, figures[members[b]].start))

    k = members.index(i)
    first, last = k, k
    while first > 0 and listed(first - 1, first):
        first -= 1
    while last + 1 < len(members) and listed(last, last + 1):
        last += 1
    if text[s_start : figures[members[first]].start].strip(' \u3000\t\n“”"') or not (
        text.startswith(_LEADING_COMMA, figures[members[last]].end)
    ):
        return None
    joins = role_words("joins_figures") | {"、"}
    noun: list[tuple[int, str, str]] = []
    for t in tokens:
        if t.start <= figures[members[last]].end:
            continue
        if (
            t.pos.startswith(_LEADING_POS)
            and not t.pos.startswith(("nr", "ns", "nt"))
            and METRIC_WORD.fullmatch(t.word)
        ) or (noun and (t.word in joins or t.pos == "f")):
            noun.append((t.start, t.word, t.pos))
            continue
        break
    while noun and noun[-1][2] == "f":
        noun.pop()  # 规/上/工业: a localiser inside the noun phrase, not after it
    if not noun:
        return None
    found = metric_before(text, noun[0][0], noun[-1][0] + len(noun[-1][1]), [], noun)
    if found is None:
        return None
    if first == last:
        return found
    phrase = text[noun[0][0] : found[1] + len(found[0])]
    parts = phrase.split("、")
    parts[-1:] = re.split(r"[和及与]", parts[-1], maxsplit=1)
    if len(parts) != last - first + 1 or any(len(p) < 2 for p in parts):
        return None
    return share_head(text, noun[0][0], parts, noun)[k - first], noun[0][0]


_CATEGORY_POS = ("n", "vn", "j", "b")


def breakdown_of(
    text: str,
    s_start: int,
    phrase: tuple[str, int] | None,
    earlier: Iterable[tuple[Figure, Link]],
    fig: Figure,
    tokens: Sequence[Token],
) -> str | None:
    """In a sentence that opens with a word announcing a breakdown (其中: role ``breaks_down``),
    a clause that names only a category before a light verb (其中国际货运完成12万吨) measures
    the indicator of the last earlier figure with the same unit (``earlier``: figures and their
    links, the nearest first, read only this far), glossed with the category:
    货邮吞吐量（国际货运） (``metric:breakdown``).  None where the phrase names an indicator of
    its own (其中工业产值…)."""
    at = s_start  # the sentence's first letter, read in place (a page is megabytes long)
    while at < len(text) and text[at] in " \u3000\t\n":
        at += 1
    if phrase is None or not text.startswith(role_tuple("breaks_down"), at):
        return None
    end = phrase[1] + len(phrase[0])
    words = [(t.start, t.word, t.pos) for t in tokens if phrase[1] <= t.start and t.end <= end]
    if (
        not words
        or not all(
            p.startswith(_CATEGORY_POS) and not p.startswith(("nr", "ns", "nt")) for *_, p in words
        )
        or text[end : fig.start].strip() not in role_words("introduces_figure")
        or metric_before(text, phrase[1], end, [], words) is not None
    ):
        return None
    same = next((k.metric for f, k in earlier if k.metric and _same_unit(f, fig)), None)
    whole = same.split("（")[0] if same else ""
    return f"{whole}（{phrase[0]}）" if whole and phrase[0] not in whole else None


def _same_unit(figure: Figure, fig: Figure) -> bool:
    return figure.unit == fig.unit and figure.kind is fig.kind


_MAX_LIST = 64


@lexicon_cache
def _joint_indicators() -> tuple[tuple[str, str, str], ...]:
    rows = ((row[0], row[1], row[2]) for row in table("joint_indicators", 3))
    return tuple(sorted(rows, key=lambda row: -len(row[0])))  # 进出口 before 出口


def _joint_parts(phrase: str) -> list[str]:
    """The two indicators a coordinate compound in ``phrase`` joins, as written and glossed with
    each part (汽车产销量 → 汽车产销量（产量）, 汽车产销量（销量）; ANNOTATION §8;
    ``resources/joint_indicators.tsv``); ``[phrase]`` where it holds none."""
    for compound, first, second in _joint_indicators():
        if compound in phrase:
            return [f"{phrase}（{first}）", f"{phrase}（{second}）"]
    return [phrase]


def _word_alone(part: str, words: Sequence[tuple[int, str, str]]) -> bool:
    """A one-character member that the segmenter reads as a noun of its own (煤 of 钢、煤和油)."""
    return any(w == part and pos.startswith("n") for _, w, pos in words)


def _closed_list(
    text: str, start: int, parts: list[str], words: Sequence[tuple[int, str, str]]
) -> tuple[list[str], str] | None:
    """A list closed by 等 and the category of its members before the indicator they share
    (棉纱、坯布和服装等纺织品出口额 → 棉纱, 坯布, 服装 and 出口额): the members without the
    category, and the indicator, the shortest run of words at the end of the last member that
    names one.  None where the last member holds no 等, or nothing after it names an indicator."""
    last = parts[-1]
    found = [(at, w) for w in role_words("closes_list") if (at := last.find(w, 1)) > 0]
    if not found:
        return None
    at, word = min(found)
    begin = text.find(last, start)
    if begin < 0:
        return None
    after = [
        w for w in words if begin + at + len(word) <= w[0] and w[0] + len(w[1]) <= begin + len(last)
    ]
    for k in range(len(after) - 1, 0, -1):  # the category keeps at least its first word
        head = "".join(w[1] for w in after[k:])
        if names_indicator(head):
            return [*parts[:-1], last[:at]], head
    return None


def _after_light_verb(text: str, listed: tuple[str, int], parts: list[str]) -> list[str]:
    """The members of a list that a light verb separates from the indicator they share, each
    with it (电子工业和纺织行业实现利润 → 电子工业利润, 纺织行业利润: the listed phrase joins
    the last member and the indicator over the verb); else ``parts`` unchanged."""
    phrase, start = listed
    slice_ = text[start : start + len(phrase)]
    pairs = enumerate(zip(phrase, slice_, strict=False))  # the slice is shorter at the end
    same = next((k for k, (a, b) in pairs if a != b), len(slice_))
    head = phrase[same:]  # what the text does not write where the phrase starts
    if (
        not same
        or not head
        or len(parts[-1]) <= len(head)
        or not parts[-1].endswith(head)
        or not names_indicator(head)
    ):
        return parts
    return [p + head for p in parts[:-1]] + [parts[-1]]


def respectively(
    text: str,
    clause: int,
    at: int,
    run: Sequence[Figure],
    words: list[tuple[int, str, str]],
    bounds: list[tuple[int, int]],
) -> tuple[list[str], int] | None:
    """The list members of an indicator list that 分别 distributes over the figures of ``run``
    (软件、通信、电子产业营收分别增长8.1%、11%、14% → 软件产业营收, 通信产业营收, 电子产业营收), and the
    list's start; None unless the list has as many members as ``run`` has figures (a list
    inside a 的-modifier before the members is none of them: 表明商务、旅游需求的汽油、煤油消费).  Without
    分别, a list of figures after one verb is distributed over as many members joined before
    it all the same (出口和进口增长8.1%和5.2% → 出口, 进口), where no share verb makes it a share."""
    if len(run) < 2:
        return None
    marks = [
        m.span() for m in re.finditer(alternation(role_words("respectively")), text[clause:at])
    ]
    implicit = not marks  # 出口和进口增长8.1%和5.2%: the list of figures says it
    if implicit and (
        any(w[1] in share_verbs() for w in words)
        or len({f.unit for f in run}) > 1  # 贷款12.3亿元和2亿港元: one sum in two currencies
    ):
        return None
    end = at if implicit else clause + marks[-1][0]
    listed = phrase_metric(text, clause, end, words, bounds, limit=_MAX_LIST, joined=True)
    if listed is None:
        return None
    if ordinals := ORDINALS_BEFORE.search(text, clause, listed[1]):  # 第二、|第三产业占…
        listed = text[ordinals.start() : listed[1]] + listed[0], ordinals.start()
    parts = list_members(listed[0])
    numeral = next((w for at, w, _ in words if at + len(w) == listed[1] and w[:1] in ZH_DIGITS), "")
    if numeral and all(p[:1] in ZH_DIGITS for p in parts[1:]):
        # 一产、二产用电量, 一级技师、二级技师: the numeral opening the first member, as the others
        # open theirs, which the phrase trimmed off as a number word
        listed = numeral + listed[0], listed[1] - len(numeral)
        parts = list_members(listed[0])
    modifier = listed[0].rfind("的") + 1  # 表明商务、旅游出行需求的汽油、航空煤油消费
    if len(parts) != len(run) and modifier and len(list_members(listed[0][modifier:])) == len(run):
        listed = listed[0][modifier:], listed[1] + modifier  # a list inside the modifier
        parts = list_members(listed[0])
    if len(parts) == 1 and len(run) == 2 and not implicit:
        parts = _joint_parts(parts[0])  # 汽车产销量分别… → 汽车产销量（产量）, …（销量）
        if len(parts) == 2:
            return parts, listed[1]
    enumerated = listed[0].split("、")
    joined = role_words("joins_figures")
    if len(enumerated) == len(run) and any(w in p for p in enumerated[:-1] for w in joined):
        # 信息与咨询服务、仪器及仪表制造业、船舶及海工装备制造业: a joiner inside an earlier
        # member joins words of a member, so the 及 of the last is inside it too
        parts = enumerated
    closed = _closed_list(text, listed[1], parts, words)  # 棉纱、布和服装等纺织品出口额
    if closed is not None:
        parts, head = closed
    if len(parts) != len(run) or any(len(p) < 2 and not _word_alone(p, words) for p in parts):
        return None
    if closed is not None:
        members = [p + head for p in parts]
    else:
        members = share_head(text, listed[1], parts, words)  # 新签约、新开工…项目
        if members == parts:  # 茶叶、水果种植面积; 第二、第三产业占…比重
            members = noun_head(text, listed[1], parts, words)
        if members == parts:  # 小麦机收率、机播率: the first member's modifier
            members = shared_modifier(text, listed[1], parts, words)
        if members == parts:  # 甲工业和乙行业实现利润: the indicator after a light verb
            members = _after_light_verb(text, listed, parts)
    if not implicit and all(f.kind is FigureKind.PERCENT for f in run):
        # 分别占全国总量的8.5%、6.2%: each member's share of the whole written after 分别
        whole = listed_share(text, clause + marks[-1][1], at, words)
        members = [m + whole for m in members] if whole else members
    return members, listed[1]
