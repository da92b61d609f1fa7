"""Figures: the finder proposes spans, the resolver (``resolve.py``) turns one span into an
exact value.

``parse_figure`` (``resolve.py``) is the public resolver for one string.  ``find_figures`` scans a text (the
layout-repaired text, in the pipeline) and applies the context rules that decide that a
number-shaped span is *not* a figure.  Each rule is named; the names are the values a dropped
candidate is reported with in ``rejected`` and are documented in docs/figures.md:

``time``       the unit makes a date, time, duration, age or ordinal (2024年, 3个月, 27岁, 十四届)
``bare``       no unit and no magnitude (12345, 世界500强, 5G): not a figure
``ordinal``    preceded by 第 (第六届, 第75次)
``per``        preceded by 每 (每万人): a denominator, not an amount
``article``    一 + classifier used as an article (一块孔雀石, 一座城市)
``zh_unit``    a Chinese numeral before a unit that then forms a word (两度, 三米)
``slogan``     a Chinese numeral inside a short quotation (“四个最严”, “八个一”)
``ambiguous``  overlaps a word of ``resources/ambiguity.tsv`` (两位数, 千家万户, 六盘水)
``vague``      a Chinese numeral after 数 / 几 / 若干 (数十家, 几百人, 十几亿元)
``determiner`` a Chinese numeral after a determiner (这两个行业, 上述三家企业, 以上两个项目)
``fragment``   the number is the tail of a number broken by an invisible or combining character
               (5\u200d7亿元, 5\u0301亿元) or a bare magnitude after a digit the finder cannot read
``inexact``    the value cannot be represented exactly (never the case for what the finder matches)
``ratio``      a part of a colon-written ratio (7.4:44.2:48.4, -0.1:0.4:4.3个百分点, 5∶3∶2): the
               parts of a ratio are not figures, even when the last one carries a unit
``term``       N届 before a government term (十四届省政府), listed in ``resources/term_nouns.tsv``,
               or before a numbered session, and N次 of that session (十二届五次全会); a year
               before 届 names a class or cohort (2024届毕业生), no count
``category``   a magnitude without a digit before 以上 / 以下 names a class, not an amount
               (亿元以上项目, 千万元以下企业; but 20亿元以上项目 states a threshold, and one
               that ends its clause is an amount: 每天接待游客在千人以上。)
``unit_label`` a magnitude without a digit that labels a unit: after 单位: or alone in brackets
               (单位:亿元, 绝对量(亿元))

A number without a unit that the noun before it names is read with that noun's unit
(``named_numbers.py``: 常住人口58万 → 人, 居民消费价格指数为102.7 → %).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace

from cnews_ie.backends.jieba_backend import common_word, dictionary_words
from cnews_ie.directions import (
    change_of_comparison,
    change_of_object,
    change_of_rate_noun,
    change_of_rate_object,
)
from cnews_ie.errors import FigureParseError
from cnews_ie.gazetteer import place_spans
from cnews_ie.halves import half_shares
from cnews_ie.lexicons import lexicon_cache, role_tuple, role_words, table
from cnews_ie.named_numbers import named_numbers
from cnews_ie.normalize import matching_view
from cnews_ie.numerals import ZH_DIGITS
from cnews_ie.patterns import (
    CLAUSE_END_CHARS,
    DIGIT_DOT,
    EQUIVALENT_CLOSE,
    EQUIVALENT_OPEN,
    FIGURE,
    INFIX,
    LEADING_NUMBER,
    QUOTED,
    RATIO_PART,
    SHARED_JOIN,
    TERM_AFTER,
    UNIT_LABEL,
    alternation,
    level_join,
)
from cnews_ie.records import Figure, FigureKind
from cnews_ie.resolve import (
    NotAFigure,
    change_before,
    currency_before,
    currency_names,
    is_chinese_numeral,
    parse_figure,
    resolve_match,
)
from cnews_ie.sessions import numbered_session
from cnews_ie.spans import SpanIndex

__all__ = ["find_figures", "parse_figure", "unit_metric"]  # parse_figure: from resolve.py

_NO_DIGIT = frozenset("十拾百佰千仟万萬亿億点")  # a numeral made only of these has no digit
# A digitless numeral (亿 in 十几亿元, 陆亿元) right after one of these is the end of a number
# the finder could not read, not "one 亿".
_NUMBER_CHARS = frozenset("0123456789几数") | frozenset(ZH_DIGITS) | _NO_DIGIT
_CLASS_SUFFIXES = frozenset({"以上", "以下"})  # after a digitless magnitude: a class label
_WORD_WINDOW = 4  # characters before a prefix qualifier segmented with it


@lexicon_cache
def _ambiguity() -> re.Pattern[str] | None:
    words = [word for word, _ in table("ambiguity", 2)]
    return re.compile(alternation(words)) if words else None


@lexicon_cache
def _determiners() -> tuple[str, ...]:
    return role_tuple("determines_count")


def _numbered_places(view: str) -> list[tuple[int, int]]:
    """The spans of the names of divisions of county level or higher in ``view``
    (``gazetteer.place_spans``) that hold a Chinese numeral (九台区, 七台河市, 十堰市): a figure
    inside one is part of a name.  Not townships: their names are often common bigrams with a
    suffix (万城镇 of 12万城镇人口)."""
    major, _ = place_spans(view)
    return [(s, e) for s, e in major if any(c in _NUMBER_CHARS for c in view[s:e])]


def _number_start(m: re.Match[str]) -> int:
    """Offset of the first digit of the figure (after any prefix qualifier)."""
    for group in ("lonum", "pct", "fan", "num"):
        if m.group(group) is not None:
            return m.start(group)
    return m.start()


def _prefix_in_a_word(view: str, m: re.Match[str]) -> bool:
    """Whether a one-character prefix qualifier is the second character of a two-character word
    (约 of 签约, 近 of 附近, 超 of 赶超), not a word of its own: jieba's dictionary segmentation
    of the few characters around it decides.  The figure is then read from its number on.  A
    longer word that ends in the qualifier is a phrase jieba's dictionary keeps whole (占地约),
    and the qualifier stays one."""
    pre = m.group("pre")
    if pre is None or len(pre) != 1:
        return False
    start = m.start("pre")
    offset = max(0, start - _WORD_WINDOW)
    for word in dictionary_words(view[offset : m.end()]):
        offset += len(word)
        if offset > start:
            return len(word) == 2 and offset == start + 1
    return False


_DAY_HOURS = 24


def _clock_time(view: str, fig: Figure) -> bool:
    """A whole number of at most 24 before 点 is a time of day (晚上8点, 4到8点), unless a
    verb of change comes right before it (下跌27点 is more than a day has hours; 上涨8点 too)."""
    top = fig.value_max if fig.value_max is not None else fig.value
    whole = fig.value == fig.value.to_integral_value() and top == top.to_integral_value()
    return whole and top <= _DAY_HOURS and change_before(view, fig.start) is None


_MAGNITUDE_UNIT = "级"  # the one unit a figure keeps only as a quake's magnitude (_magnitude)
_SCORE_UNIT = "分"  # points of a game or an exam, never a time of day (_score)


def unit_metric(fig: Figure, metric: str | None) -> str | None:
    """The indicator a figure's unit names, where ``metric`` does not: a quake's magnitude
    measures 震级 (发生8.7级地震; role magnitude_indicator) unless ``metric`` names it already; a
    score with no indicator, or only a verb of scoring (role scores), is 得分 (威廉姆斯拿下28分;
    role score_indicator).  None for any other figure."""
    if fig.unit == _MAGNITUDE_UNIT:
        named = role_tuple("magnitude_indicator")
        return None if metric and any(w in metric for w in named) else named[0]
    if fig.unit == _SCORE_UNIT and (not metric or metric.endswith(role_tuple("scores"))):
        return role_tuple("score_indicator")[0]
    return None


def _score(view: str, m: re.Match[str], first: int) -> bool:
    """N分 is a score: no hour or minute is next to it (22时10分, 10:20分, 8分46秒, 15分:41秒) and
    no word after it makes it a cent, an area or a rule (6分钱, 5分地, 21分制; role not_a_score)."""
    after = "" if m.group("post") else view[m.end() : m.end() + 1]  # 480分以上: a score
    if (
        after.isdigit()
        or after in (":", "：")
        or (after and view.startswith(role_tuple("not_a_score"), m.end()))
    ):
        return False
    return not (first >= 2 and view[first - 1] in "时点:：" and view[first - 2].isdigit())


def _magnitude(view: str, m: re.Match[str]) -> bool:
    """N级 is the magnitude of a quake: a quake follows (8.7级地震, 5级以上余震) or the scale is
    named before the number (里氏6.2级, 震级为7级)."""
    after = m.end() + view.startswith("的", m.end())  # 7级以上的强震
    return view.startswith(role_tuple("magnitude_of"), after) or any(
        w in view[max(0, m.start() - 4) : m.start()] for w in role_words("magnitude_scale")
    )


_YEARS = range(1900, 2100)  # the years a class or cohort before 届 is named by


def _year_class(fig: Figure) -> bool:
    """Whether ``fig`` is a year written in four digits before 届 (2024届毕业生: a class)."""
    return fig.text[:4].isdigit() and len(fig.text) == 5 and int(fig.value) in _YEARS


def _context_reject(view: str, m: re.Match[str], fig: Figure, quoted: list[tuple[int, int]]) -> str:
    """Name of the context rule that rejects this figure, or ''."""
    first = _number_start(m)
    before = (
        view[max(0, m.start() - 1) : m.start()].strip()
        or view[max(0, m.start() - 2) : m.start()].strip()
    )
    if before.endswith("第"):
        return "ordinal"
    if (
        first > 1
        and view[first - 1] in "-－‐"
        and view[first - 2].isascii()
        and view[first - 2].isalpha()
    ):
        return "designation"  # F-16, Su-27: the number of a type's name (a minus follows no letter)
    if RATIO_PART.search(view, max(0, m.start() - 2), m.start() + 1) is not None:
        return "ratio"
    if before.endswith("每"):
        return "per"
    if (fig.unit == "届" and (TERM_AFTER.match(view, fig.end) or _year_class(fig))) or (
        numbered_session(view, fig.unit, fig.end, first)
    ):
        return "term"
    numeral = m.group("num") or m.group("lonum") or m.group("pct") or ""
    zh = bool(numeral) and is_chinese_numeral(numeral)
    if zh and not m.group("pre") and view.endswith(_determiners(), 0, m.start()):
        return "determiner"  # 这两个行业, 上述三家企业: the phrase refers, it counts nothing
    if (
        zh
        and numeral[0] in "十百千万萬亿億"
        and before.endswith(("数", "几", "若干"))
        and not m.group("pre")
    ):
        return "vague"  # 数十家, 几百人, 十几亿元 (but 系数48.6% is a figure)
    if first > 0 and not m.group("pre"):
        prior = view[first - 1]
        if unicodedata.category(prior) in {"Cf", "Mn", "Mc", "Me"} or (
            numeral and _NO_DIGIT.issuperset(numeral) and prior in _NUMBER_CHARS
        ):
            return "fragment"  # 5\u200d7亿元, 5\u0301亿元, 陆亿元: not 7亿元 or "one 亿"
    if numeral and _NO_DIGIT.issuperset(numeral):
        after = view[m.end() : m.end() + 1]
        if (m.group("post") or "").strip() in _CLASS_SUFFIXES and not (
            after == "" or after in CLAUSE_END_CHARS
        ):
            return "category"  # 亿元以上项目: a class of projects; not 游客在千人以上。
        opened = view[max(0, m.start() - 1) : m.start()]
        closed = view[m.end() : m.end() + 1]
        if UNIT_LABEL.search(view, max(0, m.start() - 8), m.start()) or (
            opened and opened in "(（" and closed and closed in ")）"
        ):
            return "unit_label"  # 单位:亿元, 绝对量(亿元)
    if zh and numeral == "一" and fig.kind is FigureKind.COUNT and not m.group("scale"):
        return "article"
    if fig.kind is FigureKind.MONEY and fig.value == 1 and view.startswith("兑", fig.end):
        return "rate_unit"  # 1美元兑7.1元人民币: the currency an exchange rate is quoted in
    if fig.unit == _SCORE_UNIT and not _score(view, m, first):
        return "clock"  # 22时10分, 8分46秒, 6分钱: a time or a cent; 拿下28分 is a score
    if fig.unit == _MAGNITUDE_UNIT and not _magnitude(view, m):
        return "grade"  # 一级, 3级预警: a grade or a rank; 8.7级地震 is a quake's magnitude
    if fig.unit == "点" and _clock_time(view, fig):
        return "clock"  # 晚上8点, 早8点至下午6点: a time of day, not index points
    if fig.unit in role_words("unit_starts_word") and common_word(view[fig.end - 1 : fig.end + 1]):
        return "point_word"  # 52点击, 3点评, 1.5亿手机: the unit begins a word
    if (zh or m.group("fan")) and any(qs <= first and m.end() <= qe for qs, qe in quoted):
        return "slogan"
    return ""


def find_figures(
    text: str, *, rejected: list[tuple[int, int, str]] | None = None, view: str | None = None
) -> list[Figure]:
    """Every figure in ``text``, with offsets into ``text``, in order.

    Pass a list as ``rejected`` to receive the ``(start, end, rule)`` of every number-shaped
    span that a rule decided is not a figure; pass ``view``, ``matching_view(text)``, where the
    caller has it already (the pipeline's normalize stage).

    >>> [(f.text, f.value, f.unit, f.change) for f in find_figures("去年园区产值170亿元，比上年增长55%。")]
    [('170亿元', Decimal('17000000000'), '元', None), ('55%', Decimal('55'), '%', <Change.INCREASE: 'increase'>)]
    >>> find_figures("2月24日，第六届进博会开幕，拨打12345热线。")
    []
    """
    if not isinstance(text, str):
        raise TypeError(f"find_figures() expects str, not {type(text).__name__}")
    # 1·8%: the dot is a decimal point
    view = DIGIT_DOT.sub(".", matching_view(text) if view is None else view)
    quoted = [(q.start(), q.end()) for q in QUOTED.finditer(view)]
    ambiguity = _ambiguity()
    # words a figure may not overlap (一线, 三农), indexed: each figure reads those near it, and
    # the names of divisions written with a numeral (长春市九台区, 六盘水市: no 九台, 六盘)
    words = [a.span() for a in ambiguity.finditer(view)] if ambiguity else []
    words += _numbered_places(view)
    blocked = SpanIndex(words) if words else None
    out: list[Figure] = []
    bare: list[tuple[int, int]] = []  # bare numbers: the head of a list sharing one unit?
    for match in FIGURE.finditer(view):
        m = FIGURE.match(view, _number_start(match)) if _prefix_in_a_word(view, match) else match
        if m is None or not m.group(0).strip():
            continue
        try:
            fig = resolve_match(m)
        except NotAFigure as why:
            if why.rule in ("range_order", "range_units"):
                out.extend(_split_range(text, view, m, quoted, blocked, rejected))
                continue
            if why.rule == "bare" and not m.group("pre") and not m.group("post"):
                bare.append((m.start(), m.end()))
            if rejected is not None:
                rejected.append((m.start(), m.end(), why.rule))
            continue
        out.extend(_accept(text, view, m, fig, quoted, blocked, rejected))
    found = _shared_units(text, view, out, bare, rejected)
    named = named_numbers(text, view, found, bare, rejected)
    return _equivalents(view, half_shares(text, view, named))


def _joined(gap: str) -> bool:
    """Two figures joined as values of one verb: a conjunction or the enumeration comma."""
    return gap == "、" or gap in role_words("joins_figures")


def _equivalents(view: str, figures: list[Figure]) -> list[Figure]:
    """A figure that shares the change of the one before it takes it: in brackets right after it,
    the same amount in another unit (扩大了0.9万公顷(13.5万亩)); joined to it by a conjunction,
    a second value of the same verb (分别比上年高0.8个和1.5个百分点)."""
    for i in range(1, len(figures)):
        before, fig = figures[i - 1], figures[i]
        if (
            fig.change is None
            and before.change is not None
            and (
                (
                    EQUIVALENT_OPEN.fullmatch(view, before.end, fig.start)
                    and EQUIVALENT_CLOSE.match(view, fig.end)
                )
                or _joined(view[before.end : fig.start])
            )
        ):
            figures[i] = replace(fig, change=before.change)
    return figures


_INFIX_WORD = re.compile(INFIX)  # 多, 余 between a number and its unit: 5000多


def _may_share(fig: Figure) -> bool:
    """A figure that may take the unit of the one after it: a count of 个 (3个和5个百分点) or a
    bare magnitude (8亿和12亿元, 从8亿增加至12亿元)."""
    return (fig.kind is FigureKind.COUNT and fig.unit == "个") or (
        fig.kind is FigureKind.NUMBER and not fig.unit
    )


def _shared_units(
    text: str,
    view: str,
    found: list[Figure],
    bare: list[tuple[int, int]],
    rejected: list[tuple[int, int, str]] | None,
) -> list[Figure]:
    """A number before 和 / 、 and a figure takes that figure's magnitude and unit (分别为4665、
    1875亿千瓦时 → 3120 is 312000000000 千瓦时; 高0.8个和1.5个百分点 → 0.8个 is 0.8 个百分点), read from
    right to left so that a longer list passes the unit on (ANNOTATION §2); so does the earlier
    level of a level change, after 从 or 由 and before a verb of change and 到 or 至 (从5000多
    减少到1500人, 由800增加到1200万元: ``patterns.level_join``)."""
    by_start = {f.start: f for f in found}
    passed_on: dict[int, str] = {}  # start of a figure that took a shared unit: what it took
    heads = [(s, e) for s, e in bare] + [(f.start, f.end) for f in found if _may_share(f)]
    for lo, hi in sorted(heads, reverse=True):
        join = SHARED_JOIN.match(view, hi)
        if join is None and view.endswith(role_tuple("opens_start_level"), 0, lo):
            join = level_join().match(view, hi)  # 从5000多减少到1500人: the level it went to
        after = by_start.get(join.end()) if join else None
        number = LEADING_NUMBER.match(view, lo)
        lead = LEADING_NUMBER.match(view, after.start) if after else None
        if after is None or number is None or lead is None or number.end() < hi - 1:
            continue  # 1个 (one character after the number) or a bare number, nothing else
        suffix = passed_on.get(after.start, view[lead.end() : after.end])
        written = view[number.end() : hi]  # a magnitude, a classifier or 多 (5000多)
        more = bool(written) and _INFIX_WORD.fullmatch(written) is not None
        if written and not more and not suffix.startswith(written):
            continue  # 3家和5个: another classifier, not a shared unit
        try:
            read = parse_figure(view[lo : number.end()] + (written if more else "") + suffix)
        except FigureParseError:
            continue
        if lo in by_start and read.unit == by_start[lo].unit:
            continue  # 3个和5个: nothing shared beyond the classifier
        passed_on[lo] = suffix  # 3.6、23.6和6.4个百分点: 23.6 passes it on to 3.6
        by_start[lo] = replace(
            read, text=text[lo:hi], start=lo, end=hi, change=change_before(view, lo) or change_of_comparison(view, lo),
            rule="shared_unit",
        )  # fmt: skip
        if rejected is not None and (lo, hi) in {(s, e) for s, e, _ in rejected}:
            rejected[:] = [r for r in rejected if (r[0], r[1]) != (lo, hi)]
    return sorted(by_start.values(), key=lambda f: f.start)


def _accept(
    text: str,
    view: str,
    m: re.Match[str],
    fig: Figure,
    quoted: list[tuple[int, int]],
    blocked: SpanIndex | None,
    rejected: list[tuple[int, int, str]] | None,
) -> list[Figure]:
    rule = _context_reject(view, m, fig, quoted)
    near = blocked.near(fig.start, fig.end) if blocked and not rule else ()
    if any(bs < fig.end and fig.start < be for bs, be in near):
        rule = "ambiguous"
    if rule == "point_word" and m.group("scale"):  # 1.5亿手机用户: the magnitude alone
        shorter = FIGURE.match(view, m.start(), fig.end - 1)
        try:
            alone = resolve_match(shorter) if shorter and shorter.end() > m.start() else None
        except NotAFigure:
            alone = None
        if alone is not None and shorter is not None:
            return _accept(text, view, shorter, alone, quoted, blocked, rejected)
    if rule:
        if rejected is not None:
            rejected.append((fig.start, fig.end, rule))
        return []
    change = fig.change or change_before(view, fig.start) or change_of_comparison(view, fig.start)
    change = change or change_of_object(view, fig.start)  # 增产稻谷12万吨
    # 增速为6%, 增量为860亿元; a signed rate says its direction itself (增长率为-1.6‰: no change)
    if change is None and fig.kind is not FigureKind.PERCENTAGE_POINT and fig.value >= 0:
        change = change_of_rate_noun(view, fig.start, fig.end)
    elif change is None and fig.kind is FigureKind.PERCENTAGE_POINT:
        change = change_of_rate_object(view, fig.start)  # 下调贷款利率0.5个百分点
    unit = fig.unit
    # 新台币45.6亿元, 新台币约5亿元: an amount in 新台币 (not 约合1元人民币, which names its own)
    if fig.kind is FigureKind.MONEY and unit == "元" and not _names_currency(view, fig):
        before = currency_before(view, _number_start(m)) or currency_before(view, fig.start)
        unit = before or unit
    return [
        Figure(
            text=text[fig.start : fig.end],
            start=fig.start,
            end=fig.end,
            value=fig.value,
            unit=unit,
            kind=fig.kind,
            value_max=fig.value_max,
            approx=fig.approx,
            change=change,
            rule=fig.rule,
        )
    ]


def _names_currency(view: str, fig: Figure) -> bool:
    """Whether the figure's own span names a currency (1元人民币, 3亿元港币)."""
    span = view[fig.start : fig.end]
    return any(name in span for name in currency_names())


def _split_range(
    text: str,
    view: str,
    m: re.Match[str],
    quoted: list[tuple[int, int]],
    blocked: SpanIndex | None,
    rejected: list[tuple[int, int, str]] | None,
) -> list[Figure]:
    """下降3.3%至2.1%, 增长12.5%至350亿元: not a range (the ends are not ordered, or have
    different units) but two figures."""
    out: list[Figure] = []
    for lo, hi in ((m.start(), m.start("sep")), (m.end("sep"), m.end())):
        for sub in FIGURE.finditer(view, lo, hi):
            if not sub.group(0).strip() or sub.group("range"):
                continue
            try:
                fig = resolve_match(sub)
            except NotAFigure as why:
                if rejected is not None:
                    rejected.append((sub.start(), sub.end(), why.rule))
                continue
            out.extend(_accept(text, view, sub, fig, quoted, blocked, rejected))
    return out
