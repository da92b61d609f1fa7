"""The spans a phrase metric starts after (``metric.phrase_metric``): places and organisations,
area words (全市), periods (2024年) and adverbials (在市委领导下, 据统计: function-word roles
``opens_adverbial``, ``closes_adverbial``).  An organisation or place inside an adverbial is not
the subject of its clause (``link.py``).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence

from cnews_ie.backends.jieba_backend import ends_a_word, tagged_words
from cnews_ie.lexicons import lexicon_cache, role_tuple, role_words, table
from cnews_ie.metric import area_words
from cnews_ie.non_agents import bracket_asides
from cnews_ie.patterns import (
    CLAUSE_END_CHARS,
    COLONS,
    COMMAS,
    DATELINE,
    DATELINE_BYLINE,
    SOURCE_CREDIT,
    alternation,
)
from cnews_ie.periods import event_periods, period_pattern
from cnews_ie.shares import share_verb_pattern
from cnews_ie.subjects import stands_alone
from cnews_ie.work import Token

__all__ = [
    "adverbial_spans",
    "compared_value",
    "inner_adverbial",
    "own_report_frames",
    "period_before",
    "phrase_bounds",
    "segmented_periods",
    "sentence_periods",
]


def sentence_periods(text: str, lo: int, hi: int) -> list[re.Match[str]]:
    """The periods written in text[lo:hi], for :func:`period_before` to read from."""
    return list(period_pattern().finditer(text, lo, hi))


def segmented_periods(
    text: str, tokens: Mapping[int, Sequence[Token]]
) -> dict[int, list[re.Match[str]]]:
    """The periods of each segmented sentence (``tokens``: sentence index → its words, which
    cover it), found once for the rules that read them (``topics``, ``link``)."""
    found = {}
    for i, words in tokens.items():
        if words:
            written = sentence_periods(text, words[0].start, words[-1].end)
            events = event_periods(text, words, written)  # 开园以来: the word before 以来
            found[i] = sorted(written + events, key=lambda m: m.start()) if events else written
    return found


def period_after(
    text: str, lo: int, hi: int, periods: Sequence[re.Match[str]] | None = None
) -> str | None:
    """The period written in a figure's own clause after it, text[lo:hi] (the figure's end to
    its clause's end), right after the figure or its noun, before the predicate (36个重点项目今天
    集中开工 → 今天; ``period:after``); not a comparison base (the pattern's), not an earlier
    time (上年同期), not one after a preposition or 的 (用于2024年的…)."""
    scanned = period_pattern().finditer(text, lo, hi) if periods is None else periods
    for m in scanned:
        if m.start() < lo or m.end() > hi or m.group("earlier") is not None:
            continue
        before = text[lo : m.start()]
        if len(before) > _AFTER_REACH or not all(c.isalnum() for c in before):
            return None
        if set(before) & _not_before_period():
            return None  # 用于2024年的…, 增至2025年: a time of something else
        return m.group().replace(" ", "").replace("\u3000", "")
    return None


_AFTER_REACH = 4  # characters of a noun between a figure and the period after it


@lexicon_cache
def _not_before_period() -> frozenset[str]:
    """One-character function words after which a period is the time of something else: 的,
    prepositions and words of comparison and level (roles ``attributive``, ``places_figure``,
    ``opens_adverbial``, ``opens_start_level``, ``reaches``, ``compares``, ``joins_parties``,
    ``copula``)."""
    roles = ("attributive", "places_figure", "opens_adverbial", "opens_start_level", "reaches")
    words = set().union(*(role_words(r) for r in (*roles, "compares", "joins_parties", "copula")))
    return frozenset(w for w in words if len(w) == 1)


_MARKS = frozenset(CLAUSE_END_CHARS + "\n")
# a percent or a multiple starting at a figure's start (114%, 3倍, 三成, 百分之五)
_RATIO_AT = re.compile(
    r"[0-9０-９.．]+\s*[多余]?(?:%|％|‰|倍)|百分之|[一二两三四五六七八九十半]+[成倍]"
)


def _object_of_verb(text: str, lo: int, at: int) -> bool:
    """Whether the word right before ``at`` (after ``lo``) is a verb or an aspect particle."""
    words = tagged_words(text[max(lo, at - _VERB_REACH) : at])
    return bool(words) and words[-1][1].startswith(("v", "ul"))


def _in_whole(text: str, lo: int, m: re.Match[str], hi: int) -> bool:
    """Whether a period is inside the whole of a share that 的 closes right before the figure
    (占全县全年税收的四成: a share verb earlier in its clause), or opens the object of a verb
    that 的 closes before a percent or a multiple (完成了全年计划的95%, 是上年业务量的3倍; not
    高于去年同期的6.5%, where nothing stands between the time and 的, nor 包括2006年部署的3艘, a
    count): the time of a whole or a reference, not the figure's."""
    if not text.endswith("的", m.end(), hi):
        return False
    between = text[m.end() : hi - 1]
    if (
        between
        and not set(between) & _MARKS
        and _RATIO_AT.match(text, hi)
        and _object_of_verb(text, lo, m.start())
    ):
        return True  # 完成了全年计划的95%: the time of what the figure is a part of
    clause = text[lo : m.start()]
    clause = clause[max(clause.rfind(c) for c in CLAUSE_END_CHARS) + 1 :]
    verb = share_verb_pattern().search(clause)
    # 占死亡比例由1991年的…: the time of an earlier level, not of the whole
    return verb is not None and not any(
        w in clause[verb.end() :] for w in role_words("opens_start_level")
    )


def period_before(
    text: str,
    lo: int,
    hi: int,
    levels: Collection[int] = (),
    periods: Sequence[re.Match[str]] | None = None,
) -> tuple[str | None, bool]:
    """The last period written in text[lo:hi] that a figure at ``hi`` takes
    (``period:before``), in one spelling whatever the layout (2022 年 → 2022年), and whether it
    is that figure's or clause's alone, neither its sentence's nor carried on: the time of the
    earlier level of a level change (由去年的12亿美元增至15亿美元: 去年 is 12亿美元's, not
    15亿美元's, a figure at one of ``levels``), an earlier time heading its clause (…，上年同期为…:
    not the next clause's; but 同期，… heads its sentence) or a point counted from now or a
    decade (十年前, 上世纪70年代: not the next sentence's).  A word for the whole year (role
    ``whole_year``: 全年) inside a clause, after a year, is that year (2022年，全市全年客运量 →
    2022年); heading its clause it is a period of its own (2019年，…；全年新增…).  A period
    word right after 占 (role ``share_verb``) starts the whole of a share (占全年收入的23.4%),
    no period, and one right after a word of role ``ratio_reference`` and before 的 and the
    figure is the time of the reference of a multiple (是上年的1.2倍), not the figure's.
    ``periods``: those of a sentence that holds text[lo:hi] (:func:`sentence_periods`), read
    instead of scanning again.  A period inside a bracket closed before the figure is the aside's
    own (某某的年报(半年报预计9月披露)显示)."""
    found, local, year = None, False, False  # year: the period found names a year alone
    scanned = period_pattern().finditer(text, lo, hi) if periods is None else periods
    # 某某的年报(半年报预计9月披露)显示，…: a bracketed aside's time is its own
    asides = bracket_asides(text, lo, hi) if _BRACKET.search(text, lo, hi) else []
    for m in scanned:
        if m.start() < lo or m.end() > hi:
            continue
        if asides and any(a <= m.start() and m.end() <= b for a, b in asides):
            continue
        level = _level_after(text, m.start(), m.end())
        if level in levels:
            continue  # an earlier figure's own
        # an earlier time heading a clause of its own, not the sentence (同期，…)
        earlier = m.group("earlier") is not None and text[m.end() : m.end() + 1] not in (
            CLAUSE_END_CHARS
        )
        if earlier and any(c in CLAUSE_END_CHARS for c in text[m.end() : hi]):
            continue  # an earlier clause's own
        if text.endswith(role_tuple("share_verb"), lo, m.start()) or _in_whole(text, lo, m, hi):
            continue  # 占全年收入的23.4%: the whole of a share, not a time
        if text[m.end() : hi] == "的" and text.endswith(
            role_tuple("ratio_reference"), lo, m.start()
        ):
            continue  # 是上年的1.2倍: the reference's time, not the multiple's
        heads = m.start() == lo or text[m.start() - 1] in CLAUSE_END_CHARS + "\n"
        if year and not heads and m.group() in role_words("whole_year"):
            continue  # 2022年，全市全年客运量: the whole of the year named before
        day = m.group("day") is not None
        if day and text.startswith(role_tuple("copula"), m.end()):
            continue  # 4月15日是…日: what the sentence says of the day, no time of its figures
        found, year = m.group(), m.group() == m.group("year")
        # a point counted from now, a day (an event's), a plan's years or a time told before
        # (当时): its sentence's, never carried on
        point = m.group("point") is not None or m.group("decade") is not None  # 上世纪70年代
        plan = m.group("plan") is not None
        local = earlier or level == hi or point or day or plan or m.group("anaphor") is not None
    if found is None:
        return None, False
    return found.replace(" ", "").replace("\u3000", ""), local


_BRACKET = re.compile(r"[(（]")
_PERIOD_REACH = 12  # characters read before a figure for the period of a compared value


def compared_value(text: str, start: int) -> bool:
    """Whether the figure at ``start`` is the value a comparison is made with: a word of role
    ``compares``, a period and 的 before it (比上年同期的29万吨, 高于去年的2.36亿美元).

    >>> compared_value("比上年同期的29万吨", 6), compared_value("达到上年的29万吨", 5)
    (True, False)
    """
    if not text.startswith("的", start - 1):
        return False
    lo = max(0, start - 1 - _PERIOD_REACH)
    return any(
        m.end() == start - 1 and text.endswith(role_tuple("compares"), 0, m.start())
        for m in period_pattern().finditer(text, lo, start + 1)
    )


def _level_after(text: str, start: int, end: int) -> int:
    """Where the level a period is the time of starts, if the period opens the earlier level of
    a level change: after a word that opens that level (function-word role
    ``opens_start_level``), with at most 的 before the figure (由去年同期的2亿元), or the value a
    comparison is made with: after a word of role ``compares``, with 的 (比上年同期的29万吨); else
    -1."""
    at = end + text.startswith("的", end)
    if text.endswith(role_tuple("opens_start_level"), 0, start):
        return at
    # 比上年同期的29万吨, 高于去年同期的2.36亿美元: the value compared with is that time's
    if at > end and text.endswith(role_tuple("compares"), 0, start):
        return at
    return -1


def phrase_bounds(
    text: str, lo: int, hi: int, entities: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Spans a phrase metric starts after: places and organisations, area words (全市; not one
    that ends or starts inside a word: 全行 of 全行业, 全市 of 安全市场), periods and adverbials
    (在市委领导下, 据统计)."""
    spans = [(s, e) for s, e in entities if lo <= s and e <= hi]
    areas = _area_pattern().finditer(text, lo, hi)
    spans += [(m.start(), m.end()) for m in areas if stands_alone(text, m.start(), m.end())]
    spans += [(m.start(), m.end()) for m in period_pattern().finditer(text, lo, hi)]
    spans += adverbial_spans(text, lo, hi)
    return spans


@lexicon_cache
def _area_pattern() -> re.Pattern[str]:
    return re.compile(alternation(area_words()))


@lexicon_cache
def _adverbial_pattern() -> re.Pattern[str]:
    opens = alternation(role_words("opens_adverbial"))
    closes = alternation(role_words("closes_adverbial"))
    return re.compile(rf"(?P<open>{opens})[^{CLAUSE_END_CHARS}]{{0,20}}(?P<close>{closes})")


def inner_adverbial(
    words: Sequence[tuple[int, str, str]], spans: Sequence[tuple[int, int]], hi: int
) -> tuple[int, int] | None:
    """The adverbial of ``spans`` (:func:`adverbial_spans` in a clause, before ``hi``) that
    stands between an indicator and its verb (某省数字经济规模将在今年基础上增长80%, 产值在政策
    带动下增长…): a noun (adverbs aside) right before it, and only adverbs and verbs after it up
    to ``hi`` (the figure); the phrase metric reads over it.  None where there is none
    (全市在市委领导下实现GDP…: the indicator comes after it)."""
    for start, end in spans:
        before = [w for w in words if w[0] + len(w[1]) <= start and not w[2].startswith("d")]
        after = [w for w in words if end <= w[0] < hi]
        if (
            before
            and before[-1][2].startswith(("n", "vn"))
            and after
            and all(w[2].startswith(("d", "v")) and w[2] != "vn" for w in after)
        ):
            return start, end
    return None


def _opens_a_noun(text: str, start: int, end: int) -> bool:
    """Whether the opener text[start:end] is the start of a longer word jieba's dictionary
    tags a noun (经济, 受害者): no opener of an adverbial, unless that word is an opener and a
    closer (据估计 is one word to jieba, and an adverbial)."""
    first = tagged_words(text[start : start + _NOUN_REACH])
    if not first or len(first[0][0]) <= end - start or not first[0][1].startswith("n"):
        return False
    return first[0][0][end - start :] not in role_words("closes_adverbial")


_NOUN_REACH = 6  # characters read for the word an opener may begin


def adverbial_spans(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """Adverbials such as 在县委的领导下 or 据市统计局统计, and source credits (数据来源:国家统计局
    ``SOURCE_CREDIT``) in text[lo:hi], each to its last closing word in the clause (另据中华某会
    统计, not 据中), datelines (本报某地11月24日电) and their bylines (（记者…）), and source frames: a name inside one is not
    the subject of the clause."""
    found, at, pattern = [], lo, _adverbial_pattern()
    while (m := pattern.search(text, at, hi)) is not None:
        if _opens_a_noun(text, m.start(), m.end("open")):
            at = m.start() + 1  # 经 of 经济, 受 of 受害者: the first character of a noun
            continue
        found.append((m.start(), _closed_at(text, m)))
        at = m.end()
    found += [(m.start(), m.end()) for m in SOURCE_CREDIT.finditer(text, lo, hi)]
    found += [(m.start(), m.end()) for m in DATELINE.finditer(text, lo, hi)]  # 本报某地…电
    found += [(m.start(), m.end()) for m in DATELINE_BYLINE.finditer(text, lo, hi)]  # （记者…）
    return [(s, e) for s, e in found if e > s] + _source_frames(text, lo, hi)


def _closed_at(text: str, m: re.Match[str]) -> int:
    """Where the adverbial ``m`` ends: after its last closing word that ends a word of the
    text; a one-character closer that begins a longer word (中 of 境外中资企业, 下 of 下属) closes
    nothing, and the adverbial ends at an earlier closer, or is none (its start)."""
    closer = m.group("close")
    if len(closer) > 1 or ends_a_word(text, m.end()):
        return m.end()  # most adverbials: 在…领导下, 据…统计
    opens = m.end("open")
    for c in reversed(list(_closer_pattern().finditer(text, opens, m.start("close")))):
        if len(c.group()) > 1 or ends_a_word(text, c.end()):
            return c.end()
    return m.start()


@lexicon_cache
def _closer_pattern() -> re.Pattern[str]:
    return re.compile(alternation(role_words("closes_adverbial")))


@lexicon_cache
def _frame_end() -> re.Pattern[str]:
    closes = alternation(role_words("closes_source_frame"))
    return re.compile(rf"(?:{closes})(?=[{COMMAS}{COLONS}])")


def _source_frames(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """Clauses that a word of role ``closes_source_frame`` ends right before their comma or
    colon, with no preposition (某局数据显示，…; 某厅发布的数据显示，…): the source of the
    figures after, never their subject (ANNOTATION.md §8), from the clause's start to that
    word; not a frame that names an issuer's own report (role ``own_report``: 某公司发布的
    年报显示，…: the company's figures)."""
    return [(start, end) for start, end, own in _frames(text, lo, hi) if not own]


def own_report_frames(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """The frames in text[lo:hi] that name an issuer's own report (某公司发布的年报显示，…)."""
    return [(start, end) for start, end, own in _frames(text, lo, hi) if own]


def _frames(text: str, lo: int, hi: int) -> list[tuple[int, int, bool]]:
    """Each frame's span, from its clause's start, and whether it names an own report; and the
    clauses in which a public body (an organisation head of ``_PUBLIC``: 卫生部, 统计局, 联合国难民署,
    an association)
    or its spokesperson says or publishes what follows (a verb of role ``reports_speech`` or
    ``reports_publicly`` right before the comma or colon: 某国卫生部21日说，…; 国家卫生健康委今天
    通报，…; 国务院新闻办公室今天举行新闻发布会，…): the body reports, the figures are not its own (a
    company saying its own results stays their subject)."""
    frames = []
    for m in _frame_end().finditer(text, lo, hi):  # most clauses have none
        start = _clause_start(text, lo, m.start())
        own = role_words("own_report")
        frames.append((start, m.end(), any(word in text[start : m.start()] for word in own)))
    for m in _speech_end().finditer(text, lo, hi):
        start = _clause_start(text, lo, m.start())
        if _public_head().search(text, start, m.start()):
            frames.append((start, m.end(), False))
    return frames


def _clause_start(text: str, lo: int, at: int) -> int:
    while at > lo and text[at - 1] not in CLAUSE_END_CHARS:
        at -= 1
    return at


#: kinds of organisation (``org_suffixes.tsv``) whose statements report on others
_VERB_REACH = 4  # characters read for the verb before a time that opens its object
_MATTER = 10  # characters naming what a body publishes, before the word of its kind (数据)
_PUBLIC = frozenset({"government", "party", "congress", "cppcc", "judicial", "military", "social"})


@lexicon_cache
def _speech_end() -> re.Pattern[str]:
    says = alternation(role_words("reports_speech") | role_words("reports_publicly"))
    # 发布上半年金融运行数据，: what a body publishes may stand between the verb and the comma
    published = alternation(role_words("reports_publicly"))
    matter = alternation(role_words("published_matter"))
    said = rf"(?:{says})|(?:{published})[^{CLAUSE_END_CHARS}\n]{{0,{_MATTER}}}?(?:{matter})"
    return re.compile(rf"(?:{said})(?=[{COMMAS}{COLONS}])")


@lexicon_cache
def _public_head() -> re.Pattern[str]:
    """A head of a public body (``_PUBLIC`` kinds of ``org_suffixes.tsv``, and role ``public_head``:
    部, 委员会, 人民银行) after a character of its name, anywhere in the clause before the verb
    (某国卫生部21日说; 某委新闻发言人表示)."""
    heads = [h for h, kind in table("org_suffixes", 2) if kind in _PUBLIC]
    heads += role_words("public_head")
    return re.compile(rf"[\u4e00-\u9fff](?:{alternation(sorted(heads, key=len, reverse=True))})")
