"""Periods (ANNOTATION.md §8), for ``link.py`` and the modules that bound or name a phrase by
them: an absolute year in any numeral form, relative words (``resources/periods.tsv``), their
parts, spans of years up to now (and the time one took: 两年多时间里) and holidays;
comparison bases (比上年, 与上年相比) are none."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from cnews_ie.events import event_words
from cnews_ie.gazetteer import is_place_name
from cnews_ie.lexicons import lexicon_cache, role_words, table
from cnews_ie.patterns import CJK, CLAUSE_END_CHARS, COMMAS, alternation
from cnews_ie.work import Token

__all__ = ["event_periods", "period_pattern"]


@lexicon_cache
def period_pattern() -> re.Pattern[str]:
    """A period: an absolute year in any numeral form or a relative word
    (``resources/periods.tsv``), with its part (季度, 上半年, 1-10月 …) and 以来; a range of years
    (2021年至2024年), 截至… and 自…以来 kept whole; not a comparison base (比上年, 较去年同期,
    与上年相比), but the earlier time itself where no comparison word opens it: 上年同期 heading a
    clause (…，上年同期为4.8亿元), after a word that opens an earlier level (由去年同期的…) or
    the time of the value a comparison is made with (比上年同期的29万吨)."""
    # 今年, 去年 …, and their end or start (去年底, 上年末, 今年初)
    relative = rf"(?:{alternation(row[0] for row in table('periods', 1))})(?:底|末|初)?"
    # a holiday of periods.tsv (五一期间, 国庆假期) may follow a year word: 今年五一期间
    holidays = [
        row[0] for row in table("periods", 1) if row[0].endswith(("期间", "假期", "黄金周"))
    ]
    holiday = alternation(holidays)
    # a holiday's name in quotes before its time word: “五一”假期期间, “十一”黄金周
    named = {h[: -len(e)] for h in holidays for e in ("期间", "假期", "黄金周") if h.endswith(e)}
    quoted_holiday = (
        rf"[“\"](?:{alternation(sorted(named, key=len, reverse=True))})[”\"]"
        rf"(?:假期|黄金周|小长假|长假)?(?:期间)?(?<![”\"])"
    )
    names = alternation(sorted(named, key=len, reverse=True))
    # 节前, 节后 opening a clause: the days before or after the holiday the story is about (not
    # 环节前, 季节后: a word that ends in 节)
    around_holiday = rf"(?<![{CJK}])节[前后]"
    # a day of the week or the weekend (周一宣布, 周末): not a schedule, one every week or a range
    # of days or with its hours (每周六, 周一至周五, 周二、四、日, 周六日8：30—13：00), nor a weekend
    # service (周末托)
    weekday = r"(?<![每逢至到、])(?:(?:周|星期)[一二三四五六日天]|周末)(?![至到、和托日0-9０-９])"
    holiday_day = r"最后一天|首日|第[一二三四五六七八九]天"  # 五一小长假最后一天
    counted = "一二两三四五六七八九十"  # numerals of a span of years written in words
    digit = "0-9０-９"  # the text as written: full-width digits too
    nonzero = "1-9１-９"
    dash = r"(?:-|—|–|至|到|~|－|～)"
    month = rf"(?<![{digit}\-—~至到])[{nonzero}][{digit}]?"  # not the second month of 较1-4月
    part = (
        rf"(?:前?[一二三四{nonzero}]季度|第[一二三四{nonzero}]季度|上半年|下半年|全年"
        rf"|第[一二三四{nonzero}]财季|前[一二三{nonzero}]个?财季"  # a fiscal quarter
        rf"|[前头][一二两三四五六七八九十{digit}]{{1,2}}个?月"  # 前5个月, 头两个月
        rf"|{month}月?{dash}[{nonzero}][{digit}]?月(?:份|末|底|初)?"  # 1—4月, 1月至11月
        rf"|{month}月(?:份|末|底|初)?(?![{digit}]{{1,2}}[日号])"
        r"|(?:十[一二]?|[一二三四五六七八九])月(?:份|末|底|初)"  # 四月份, 十二月末
        r"|(?<=年)(?:十[一二]?|[一二三四五六七八九])月"  # 今年六月, 2024年十二月
        rf"|年底|年末|年初)"
    )
    # 2024, １９９９, 一九九八, 二○○三: Arabic, full-width or Chinese digits (〇, ○ or 零 for 0);
    # a year of the 1990s or 2000s written with two digits (98年, 05年), not a decade (90年代)
    number = (
        rf"(?:[1１][9９]|[2２][0０])[{digit}]{{2}}|[一二][〇○零一二三四五六七八九]{{3}}"
        rf"|(?<![{digit}.])[09０９][{digit}](?=[ \u3000]?年(?!代))"
    )
    # a space may stand between the year and 年 in PDF-extracted text (2022 年)
    # not a year that dates an issue it names (2024年第三期国债, 2025年首期债券)
    issue = rf"(?!(?:第[一二三四五六七八九十{digit}]{{1,3}}|首)期)"
    year = (
        rf"(?:{number})[ \u3000]?(?:财政年度|会计年度|财年|年度?)(?:末|底|初)?{issue}"  # 2019财年
    )
    # a fiscal year written with the two calendar years it spans: 07/08财年, 2007/08财政年度
    short = rf"(?<![{digit}.])[09０９][{digit}]"
    fiscal = rf"(?:{number}|{short})/{short}(?:财政年度|会计年度|财年|年度)"
    now = r"(?:现在|目前|今天|当前|如今)"
    years = (  # 2021年至2024年, 2018—2019年, 2018—2019两年, 从2012年到现在 (前年到现在: below)
        rf"{fiscal}|(?:(?:{number})(?:年度?)?{dash})?{year}(?:(?<=年)(?:到|至){now})?"
        rf"|(?:{number})年?{dash}(?:{number})[{counted}]{{1,2}}个?年"
        # a year of four digits written without 年 right before a part of it (2022全年, 2023上半年)
        rf"|(?:[1１][9９]|[2２][0０])[{digit}]{{2}}(?=(?:前|第)?[一二三四{nonzero}]季度|[上下全]半?年)"
        # a cohort by the year it finishes (2021届高校毕业生); not an ordinal session (第2021届)
        rf"|(?<!第)(?:[1１][9９]|[2２][0０])[{digit}]{{2}}届"
    )
    day = rf"[{nonzero}][{digit}]?月[{digit}]{{1,2}}日"
    # the hour a day's count was taken at (截至10月26日16时; not 9点34分 or 8点半: see ``hours``)
    clock = rf"[{digit}]{{1,2}}(?:时|点)(?![{digit}半])"
    # 截至2023年9月30日止9个月, 截至8月底, 截至目前: the whole time frame
    # 截至当地时间4号凌晨, 截至今天上午: a day alone after 截至 (日 or 号), a part of the day
    zone = r"(?:当地时间|北京时间)"
    daypart = r"(?:凌晨|早上|早晨|上午|中午|下午|傍晚|晚上|晚间|夜间|晚)"
    until_day = rf"(?:{day}|(?:[1-9１-９]|[12１２][0-9０-９]|3[01]|３[０１])[日号])"
    until = (
        rf"截[至止](?:到|至)?{zone}?(?:{years})?"
        rf"(?:{until_day}{daypart}?(?:{clock})?|[{nonzero}][{digit}]?月(?:份|末|底|初)?|{part}"
        rf"|{relative}(?:{day}|{part}|{daypart})?)?"
        rf"(?:止)?(?:前?[{digit}]{{1,2}}个月)?"
    )
    # 自2018年实施…以来, 自2015年新厂投产后, 自2021年3月起: kept whole (after 自 a time, where
    # the frame ends in 后 or 起: 自主研发后 is none)
    since = (
        # 自2004年…投产至今; after a written year, a longer event: 自2021年进入…过渡期以来
        rf"自(?=[{digit}])[^{CLAUSE_END_CHARS}]{{1,32}}?(?:以来|至今)"
        rf"|自[^{CLAUSE_END_CHARS}]{{1,16}}?(?:以来|至今)"
        rf"|自(?=[{digit}一二]|{relative})[^{CLAUSE_END_CHARS}]{{1,16}}?(?:以?后|之后|起)"
        # 自2004年4月中心成立至2005年9月期间: from an event to a time, the frame whole
        rf"|自(?=[{digit}])[^{CLAUSE_END_CHARS}]{{1,32}}?[至到][^{CLAUSE_END_CHARS}]{{1,16}}?(?:期间|止)"
    )
    # a span of years up to now: 近5年, 三年来, 过去十年 (not 两年前: a point, often of a
    # sentence that gives no figure, whose period would be carried on)
    span = (  # 过去20多年, 未来五年, 今后3年: the years up to now or from now
        rf"(?:近|过去|未来|今后)的?(?:[{digit}{counted}]{{1,3}}|几|半)多?个?(?:年|周|天|月|星期)"
        rf"(?:来|间|里|内)?"  # 过去一周, 过去几天里, 未来的5年, 近几个月, 过去的半年间
        rf"|这[{digit}{counted}]{{1,3}}多?个?年(?:来|间|里)?"  # 这5年 (not 这一天: a day told before)
        # 十年来, 20年间 (not 2003年4月到2004年3月一年间: a span the range before it names)
        rf"|(?<![{digit}{counted}月日])[{digit}{counted}]{{1,3}}多?个?年(?:来|间)"
        # the time a span of years took: 两年多时间里, 三年时间内 (not 三年时间: no 里 or 内)
        rf"|(?<![{digit}{counted}])[{digit}{counted}]{{1,3}}个?多?年多?(?:的)?时间(?:里|内)"
        # a holiday: 七天长假里, 小长假期间, 黄金周期间 (named ones are in periods.tsv: 春节期间),
        # its name written before it unquoted (五一小长假), and a day of it (最后一天, 首日)
        rf"|(?:{names})?(?:[{digit}{counted}]{{1,2}}天)?(?:小?长假|黄金周)(?:期间|里|内)?"
        rf"(?:{holiday_day})?"
        # the days up to now: 4天以来, 三个月来 (a span of years is above)
        rf"|(?<![{digit}{counted}第])[{digit}{counted}]{{1,3}}(?:天|个多?月|周|个星期)"
        rf"(?:以来|来(?=[{COMMAS}]))"
    )
    # a day or days (11月25日, 3月5日至8日), with the year written before it (2025年3月8日,
    # 去年8月5日) or not: the time of what the sentence it heads reports, never carried on;
    # not a dateline's (北京11月25日电)
    dateline = rf"{month}月[{digit}]{{1,2}}[日号](?:电|讯)"  # 南昌2023年10月8日电: no period
    # the hours of a day a count was taken over: 3月13日0—24时, 截至5月2日24时 (not a time of
    # day with its minutes, an event's: 今天9点34分)
    hours = rf"(?:[{digit}]{{1,2}}(?:时|点)?{dash})?{clock}"
    year_words = alternation(row[0] for row in table("periods", 1) if row[0].endswith("年"))
    # a day of the month alone, after a name or opening its clause (智利19日举行大选: the time of
    # what its sentence reports; not 3日内, 5日后, 100日元, a dateline's 19日电)
    bare_day = (
        rf"(?<![年月{digit}第每前近末])(?:[1-9]|[12][0-9]|3[01])日(?![本元均内前后电讯]|之内|以内)"
    )
    days = (
        rf"(?P<day>(?:(?:{number})[ \u3000]?年|{year_words}|(?<![年{digit}]))"
        rf"(?:{month}月[{digit}]{{1,2}}[日号]|{bare_day}"
        # the first day of a range that writes 日 once, after the last (5月1～7日)
        rf"|{month}月[{digit}]{{1,2}}(?={dash}[{digit}]{{1,2}}[日号]))"
        rf"(?:{hours})?"  # 10月25日16时至26日16时: each day at its hour
        rf"(?:当天|当日)?"  # 5月1日当天: that day
        rf"(?:{dash}(?:[{nonzero}][{digit}]?月)?[{digit}]{{1,2}}[日号](?:{hours})?)?"
        rf"(?![{digit}]|{dash}|电|讯))"
    )
    # a five-year plan's time, with 期间 / 以来 / 时期 / its end or start / its first years, or
    # quoted heading its clause: 十四五期间, “十一五”末, “十四五”前四年, “十三五”，…; the plans
    # before the tenth only quoted (“一五”期间, “八五”计划期间) (not the plan or its list as a
    # modifier: 十四五规划, “十四五”省列重大项目, nor a comparison base: 比“十三五”末); its
    # sentence's, like a day
    quoted = r"[“\"](?:十[一二三四五]|[一二三四五六七八九])五[”\"]"
    plan = (
        rf"(?P<plan>(?<![比较与])(?:{quoted}|十[一二三四五]五)"  # not a base: 比“十三五”末
        rf"(?:(?:计划)?期间|以来|时期|期末|末|初|前[{digit}{counted}]年"
        rf"|(?<=[”\"])(?=[{COMMAS}])))"
    )
    # the time since a party congress or a plenary session of its central committee: 十八大以来,
    # 党的二十大召开以来, 十八届三中全会以来 (the congress alone names an event, no time)
    ordinal = r"(?:二十[一二三]?|十[一二三四五六七八九])"
    # and since a session of a people's congress or a political consultative conference:
    # 十三届全国人大一次会议以来, 政协十三届一次会议以来, 省十四届人大二次会议以来
    session = (
        rf"(?:(?:全国|省|市|县|区)?(?:人大|政协))?{ordinal}届(?:全国|省|市|县|区)?(?:人大|政协)?"
        rf"[一二三四五六七八九]次(?:全体)?会议"
    )
    congress = rf"(?:(?:党的)?{ordinal}(?:大|届[一二三四五六七八九]中全会)|{session})(?:召开)?以来"
    # a time told before (当时, 届时: role ``anaphoric_time``) heading a clause: its sentence's
    anaphor = alternation(role_words("anaphoric_time"))
    anaphoric = rf"(?P<anaphor>(?:(?<=[{CLAUSE_END_CHARS}\n])|^)(?:{anaphor}))"
    # a month written in words alone heading its clause (六月，…; not 六月雪, 一月一次)
    named_month = (
        rf"(?:(?<=[{CLAUSE_END_CHARS}\n])|^)(?:十[一二]?|[一二三四五六七八九])月(?=[{COMMAS}])"
    )
    # the time of an event (``events.event_words``): 消费月期间, 进博会期间
    events = alternation(event_words())
    event_time = rf"(?:{events})期间"
    # a decade or a century's part: 上世纪70年代, 20世纪九十年代初, 本世纪初, 80年代以来
    century = r"(?:上个?世纪|本世纪|(?:19|20|十九|二十)世纪)"
    decade = (
        rf"(?P<decade>{century}?(?:(?<![{digit}])[1-9]0|[二三四五六七八九]十)年代"
        rf"(?:初|末|中期|中后期|以来)?|{century}(?:初|末|中叶))"
    )
    # a point counted from now (十年前, 5年后): its sentence's head, never carried on
    point = rf"(?P<point>(?<![{digit}{counted}])[{digit}{counted}]{{1,3}}多?个?年[前后](?:的今天)?)"
    # 比上年, 较去年同期, 上年末, 与上年相比: comparison bases, not periods (nor one inside them)
    # (a part right after a written year is not one of its own: 较2018年全年)
    # (第: 比第三季度, not 三季度; 本 guards a word of time, not a number after a name: 日本7月)
    # (明 only after 今: 今明两年; a name or verb ending in 明 is no word of time: 王晓明去年, 表明今年)
    # (a reflexive between the comparison word and the time: 比自己前年, 较自身上年)
    # (年 right after a digit ends a year the guard refused: 较2020年底 is no 年底)
    guard = (
        rf"(?<![比较同上去今当前与第])(?<!今明)(?<!比自己)(?<!比自身)(?<!较自身)"
        rf"(?:(?<!本)|(?=[{digit}]))(?<![{digit}]年)"
        rf"(?!(?<=[{digit}])年)"
    )
    # the earlier time heading its clause (，上年同期为…; 而去年同期…; 同期，…) or opening an
    # earlier level (由上年同期的…): that clause's alone
    openers = sorted(role_words("opens_start_level") | role_words("opens_clause"))
    opener = "".join(f"(?<={re.escape(w)})|" for w in openers)
    # the time of the value a comparison is made with (比上年同期的29万吨): that value's alone
    compared = "|".join(f"(?<={re.escape(w)})" for w in sorted(role_words("compares")))
    earlier = (
        rf"(?P<earlier>(?:{opener}(?<=[{CLAUSE_END_CHARS}\n])|^)"
        rf"(?:(?:{relative})同期(?!相比)|同期(?=[，,]))"
        rf"|(?:{compared})(?:{relative})(?:同期)?(?=的[{digit}]))"
    )
    # the time whose value a multiple is of (是2015年的近3倍, 相当于上年的1.5倍): a base
    multiple_of = rf"的(?:近|约|超过|逾)?[{digit}{counted}.．]+多?倍"
    # Every period starts with one of these characters: saying so first lets the engine reject
    # most positions with one test (as patterns.FIGURE does).
    first = "".join(
        sorted(
            {row[0][0] for row in table("periods", 1)}
            | set(f'自截同前第上下全年近过这小长黄党“"头未今政人省市县区本节周星{counted}')
            | {w[0] for w in role_words("anaphoric_time")}
            | {w[0] for w in event_words()}
        )
    )
    # nothing right after a comparison's earlier year is a period (比去年端午假期: the base's)
    after_base = "(?<![比较与同](?:去年|上年|前年))"
    return re.compile(
        rf"(?=[{first}{digit}]){after_base}"
        rf"(?:{since}|{until}(?<![截至止到])|{earlier}|{plan}|{congress}|{anaphoric}|{quoted_holiday}"
        rf"|{around_holiday}|{weekday}"
        rf"|{decade}|{named_month}|{event_time}"
        rf"|{guard}(?:{days}|(?:(?P<year>{years})(?!{dateline})|{relative}(?:(?<=日|天){hours})?(?:(?<=年)(?:到|至){now})?)(?!同期|相比)"
        rf"(?:{part}|{holiday}|{quoted_holiday})?(?:(?<=期间|假期|金周)(?:{holiday_day}))?"
        rf"(?:(?<=月|份|末|底|初){dash}(?:{number})[ \u3000]?年{part})?"  # 2005年12月至2006年6月
        rf"(?:以来)?|{part}(?:以来)?|{span}|{point})"
        rf"(?!(?:同期)?相比|的?基础上|{multiple_of}))"  # 在今年基础上, 在2020年的基础上: a base
    )


_SINCE = "以来"
# what names no event before 以来: adverbs (一直以来), pronouns, numerals, times (the pattern
# reads those: 今年以来, 三年以来), and the names of persons and organisations
_NO_EVENT_POS = ("d", "r", "m", "t", "nr", "nt", "x", "eng")


def event_periods(
    text: str, words: Sequence[Token], written: Sequence[re.Match[str]]
) -> list[re.Match[str]]:
    """The time since an event that heads a clause: the word before a 以来 that a comma follows
    (开园以来，…; 项目投产以来，… → 投产以来; 新规施行以来，…), however jieba tags the event (开板/n,
    上市/ns), with the word before a one-character one (入/汛 以来 → 入汛以来); not in a frame
    that a word of role ``opens_since`` opens (从2014年某省实施…以来: its year, as before), nor
    after a period of the pattern that is a clause of its own (今年，某赛事开幕以来: 今年); not where
    ``written`` (the periods of the pattern) holds the 以来 already (今年以来, 十八大以来), nor after
    an adverb, a time, a numeral, a person's or an organisation's name, or a place's (离开某市以来:
    the event is the verb before it).  Each is a match of its own text at its place, like the
    pattern's."""
    found = []
    for k in range(1, len(words) - 1):
        since, event = words[k], words[k - 1]
        if since.word != _SINCE or text[since.end : since.end + 1] not in COMMAS:
            continue
        if any(m.start() < since.end and since.start < m.end() for m in written):
            continue
        if any(m.end() <= event.start and _heads_alone(text, m, words[0].start) for m in written):
            continue  # 今年，某赛事开幕以来，…: the time heading a clause of its own is the frame
        if _framed(words, k):
            continue  # 从某年某省实施…以来: a frame the pattern leaves whole or reads its year of
        start = event.start
        if len(event.word) == 1:  # 入/汛: the verb before a one-character word
            if k < 2 or words[k - 2].pos != "v":
                continue
            start = words[k - 2].start
        elif event.pos.startswith(_NO_EVENT_POS) or is_place_name(event.word):
            continue
        if not all("\u4e00" <= c <= "\u9fff" for c in text[start : event.end]):
            continue
        found.append(_literal(text[start : since.end]).match(text, start))
    return [m for m in found if m is not None]


def _heads_alone(text: str, period: re.Match[str], start: int) -> bool:
    """Whether ``period`` is a clause of its own (今年，…), the sentence starting at ``start``."""
    opens = period.start() == start or text[period.start() - 1] in CLAUSE_END_CHARS
    return opens and text[period.end() : period.end() + 1] in COMMAS


def _framed(words: Sequence[Token], k: int) -> bool:
    """Whether a word of role ``opens_since`` (自, 从) stands in the clause before ``words[k]``."""
    opens = role_words("opens_since")
    for word in reversed(words[:k]):
        if word.word in opens:
            return True
        if word.pos == "x" and word.word in CLAUSE_END_CHARS:
            return False
    return False


@lru_cache(maxsize=256)
def _literal(span: str) -> re.Pattern[str]:
    """``span`` as a pattern with the named groups of :func:`period_pattern`, none of which
    takes part (no day, year or earlier time): the readers of a period ask for them."""
    groups = "".join(f"(?P<{name}>(?!))?" for name in period_pattern().groupindex)
    return re.compile(re.escape(span) + groups)
