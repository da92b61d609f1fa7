"""Every regular expression of cnews_ie, composed from named fragments, and the character
classes they share (the CJK range, punctuation).

Patterns run on the *matching view* (``normalize.matching_view``), so they see ASCII digits,
``%`` and ``.`` whatever the width the text was written in.  Alternations built from word lists
(``resources/*.tsv``) are escaped and sorted longest first, so 万亿 wins over 万 and 千瓦时 over
千瓦.  A magnitude that is also the first character of a unit (千 in 千瓦, 百 in 百分点) is
guarded by a lookahead derived from the unit list, never by hand.

Every quantifier is bounded or applies to a single character class, so matching is linear in
the length of the text (no nested repetition, no catastrophic backtracking).

The exception: alternations of word lists that a user can extend at run time (``add_words``:
metrics, subjects, periods, project heads and statuses, organisation heads) are compiled where
they are used, by a ``lexicons.lexicon_cache`` function that is rebuilt after an addition; they
are built with :func:`alternation` from the fragments here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from cnews_ie.lexicons import lexicon_cache, role_words, table
from cnews_ie.numerals import ZH_DIGITS, ZH_MAGNITUDES

__all__ = [
    "ARTICLE_START",
    "AUTONOMOUS_COUNTY",
    "BYLINE",
    "CHANGE_BEFORE",
    "CHANGE_PREFIX",
    "CJK",
    "CJK_WORD",
    "CLAUSE_END",
    "CLAUSE_END_CHARS",
    "CLOSERS",
    "COLONS",
    "COMMAS",
    "COMPANY_END",
    "CREDIT_TAIL",
    "DATELINE",
    "DATELINE_AFTER_NAME",
    "DATELINE_BYLINE",
    "DATELINE_OUTLET",
    "DIGIT_DOT",
    "EQUIVALENT_CLOSE",
    "EQUIVALENT_OPEN",
    "FIGURE",
    "HALF",
    "HEADING_MARK",
    "INDENT",
    "ITEM_START",
    "LATIN_LETTER",
    "LEADING_NUMBER",
    "LETTER_SPACED",
    "LINE",
    "LIST_OF_PROJECTS",
    "METRIC_WORD",
    "NAMES_IN_BRACKETS",
    "NAMES_ONLY",
    "NAME_SHAPE",
    "NO_LINE_START",
    "NO_PARAGRAPH_END",
    "NUMBERED_MEETING",
    "ORDINAL",
    "ORDINALS_BEFORE",
    "PAGE_FOOTER",
    "PAGE_JUMP",
    "PAGE_NUMBER",
    "PHASE_OF_NAMED",
    "PRODUCTIVE_TITLE",
    "PROVINCE_SHORT_FORM",
    "QUOTED",
    "RATIO_PART",
    "ROUTE_SECTION",
    "SENTENCE_END",
    "SENTENCE_END_CHARS",
    "SESSION_BEFORE",
    "SHARED_JOIN",
    "SOURCE_CREDIT",
    "STOCK_CODE",
    "STOCK_CODE_BRACKET",
    "SUBTITLE",
    "TABLE_CAPTION",
    "TABLE_NUMBER",
    "TABLE_UNIT",
    "TERM_AFTER",
    "TITLE_BOUNDARY",
    "UNIT_LABEL",
    "WIDE",
    "WORK_TITLE",
    "alternation",
]


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of ``words``, escaped, longest first (then alphabetical).

    >>> alternation(["万", "万亿", "亿"])
    '万亿|万|亿'
    """
    unique = sorted(set(words), key=lambda w: (-len(w), w))
    return "|".join(re.escape(w) for w in unique)


# --- characters -----------------------------------------------------------------------------
CJK = "\u3400-\u9fff"  # CJK Unified Ideographs with Extension A: the characters of Chinese words
SENTENCE_END_CHARS = "。！？!?"
CLAUSE_END_CHARS = "，,；;：:" + SENTENCE_END_CHARS
CLOSERS = "”’」』）)》\"'"  # closing quotes and brackets that may follow a sentence end
QUOTES = '“”"'  # quotation marks that bound a phrase (single quotes are apostrophes too)
BRACKETS = "（）()《》[]【】"
COMMAS = "，,、"  # the comma, its ASCII form and the enumeration comma
SEMICOLONS = "；;"  # between the coordinate items of a sentence
# what ends a clause or an item of a list: 2人死亡、5人受伤 (person_counts.py, light_verbs.py)
CLAUSE_MARKS = frozenset(CLAUSE_END_CHARS + COMMAS)
COLONS = "：:"  # the colon and its ASCII form
CJK_WORD = re.compile(rf"[{CJK}]+")  # a run of Chinese characters only

_UNITS = [row[0] for row in table("units", 5)]
_SCALES = [row[0] for row in table("scales", 2)]
_QUALIFIERS = table("qualifiers", 3)


def _guard(prefix: str, units: Iterable[str]) -> str:
    """``prefix`` not followed by the rest of a unit that starts with it (千 but not 千瓦)."""
    tails = [u[len(prefix) :] for u in units if u.startswith(prefix) and len(u) > len(prefix)]
    return re.escape(prefix) + (f"(?!{alternation(tails)})" if tails else "")


# --- numbers ------------------------------------------------------------------------------
# PDF text puts spaces around numbers (约 1500 家, 600 亿元); web pages put no-break and thin
# spaces, and tables tabs, where a typesetter would.
SPACE_CHARS = " \u3000\u00a0\u2009\u202f\t"
SPACE = rf"[{SPACE_CHARS}]{{0,2}}"
# Thousands grouped by a space in typeset numbers: 12 345, 1 000 (never a line break).
_GROUP_SPACE = "[ \u00a0\u2009\u202f]"

# Arabic digits, optionally with thousands separators (the comma, full-width in web text:
# 43，000人) and a decimal part.  Not a piece of a longer token (PM2.5, G30, v2.1.5): no letter,
# digit or point on either side.
ARABIC = rf"""
    (?<![0-9A-Za-z.\u2160-\u217f])
    (?:\d{{1,3}}(?:[,，]\d{{3}})+|\d{{1,3}}(?:{_GROUP_SPACE}\d{{3}})+(?!\d)|\d{{1,20}})
    (?:\.\d{{1,12}})?
    (?!\.?\d)
"""

# Financial numerals that are also everyday characters (大陆, 队伍, 收拾) are parsed but never
# matched: in news text they are almost never numbers.
_ZH_WORD_CHARS = frozenset("陆陸伍拾")
_ZH_PLAIN = (
    "".join(c for c in (*ZH_DIGITS, *"拾佰仟", *ZH_MAGNITUDES) if c not in _ZH_WORD_CHARS) + "十"
)
_ZH_GUARDED = "|".join(_guard(u, _UNITS) for u in ("百", "千"))
ZH_NUMERAL = rf"""
    (?:[{_ZH_PLAIN}]|{_ZH_GUARDED}){{1,24}}
    (?:点[{"".join(ZH_DIGITS)}]{{1,12}})?
"""

# Arabic digits between Chinese units, each group a place of the same number: 3万5千, 1亿2000万,
# 1亿2千万 (120000000), 3千5百万, 1万2千5百, 1亿零5万.  A small unit (千 百 十) may carry 万
# (2千万 is one place); it is guarded like any magnitude that starts a unit (千瓦, 百分点).
_MIX_MAGNITUDES = "".join(ZH_MAGNITUDES)
_MIX_SMALL = "|".join(_guard(u, _UNITS) for u in ("千", "百", "十"))
_MIX_PLACE = rf"(?:[{_MIX_MAGNITUDES}]|(?:{_MIX_SMALL})(?:[万萬](?![亿億]))?)"
MIXED = rf"""
    (?<![0-9A-Za-z.])\d{{1,4}}{_MIX_PLACE}
    (?:零?\d{{1,4}}(?![.\d]){_MIX_PLACE}){{0,3}}
    零?\d{{1,4}}(?![.\d]){_MIX_PLACE}?
"""
NUMBER = rf"(?:{MIXED}|{ARABIC}|{ZH_NUMERAL})"
# 个亿 before 元以上 or 元级 is a count's classifier and a category: 1300多个/亿元以上/项目
_CATEGORY_AFTER = r"(?!元?(?:以上|以下|及以上|级))"
SCALE = "|".join(
    _guard(s, _UNITS) + (_CATEGORY_AFTER if s.startswith("个") else "")
    for s in sorted(_SCALES, key=len, reverse=True)
)
# A Latin unit is no prefix of a Latin word (MW, not MWp); a Chinese one may precede one (亿元PPP)
_LATIN = [u for u in _UNITS if u[-1].isascii() and u[-1].isalpha()]


def _unit_alternation(units: Iterable[str]) -> str:
    """``alternation`` of Chinese units, each not followed by the rest of a noun of persons that
    starts with it (role ``counts_persons``): 人 of 14亿人口 is no unit, the number counts the
    persons the noun names."""
    nouns = role_words("counts_persons")
    out = []
    for unit in sorted(set(units), key=lambda w: (-len(w), w)):
        tails = [n[len(unit) :] for n in nouns if n.startswith(unit) and n != unit]
        out.append(re.escape(unit) + (f"(?!{alternation(tails)})" if tails else ""))
    return "|".join(out)


UNIT = rf"(?:(?:{alternation(_LATIN)})(?![A-Za-z])|{_unit_alternation(set(_UNITS) - set(_LATIN))})"
INFIX = alternation(w for w, pos, _ in _QUALIFIERS if pos == "infix")
PREFIX = (
    alternation(w for w, pos, _ in _QUALIFIERS if pos == "prefix")
    + "|"
    + rf"(?:{alternation(w for w, pos, _ in _QUALIFIERS if pos == 'prefix-scale')})(?=[百千万亿])"
)
# 上下游 and 以下简称 are words, not qualifiers; a one-character suffix (多) must end the phrase.
_SUFFIXES = [w for w, pos, _ in _QUALIFIERS if pos == "suffix"]
SUFFIX = rf"""(?:
    (?:{alternation(w for w in _SUFFIXES if len(w) > 1)})(?!游|级|简称)
  | (?:{alternation(w for w in _SUFFIXES if len(w) == 1)})(?![\u3400-\u9fff])
)"""
RANGE_SEP = r"(?:至|到|~|-|—{1,2}|–)"
BETWEEN_SEP = r"(?:和|与)"  # joins the ends of a range only where 之间 follows: 在5%与6%之间


# 半 alone before a unit of time (半个月), 个半 inside a unit (3个半月 = 3.5 个月), 半 after 成, 个 (七成半)
HALF, _HALF_INFIX, _MORE_INFIX = "半", "个半", "个"  # and 个 of 个多: 4个多月, over 4 个月
_HALF_AFTER = rf"(?<=[成个])半(?![{CJK}])|(?<=[成个])半(?=的|以上|左右)"  # not 半成品, 个半月


def _quantity(tag: str) -> str:
    """A number with its optional infix qualifier, magnitude and unit, groups prefixed by tag."""
    return rf"""
        (?P<{tag}num>{NUMBER}|{HALF}){SPACE}
        (?P<{tag}half>{_HALF_INFIX}(?={UNIT}))?
        (?P<{tag}cls>{_MORE_INFIX}(?=(?:{INFIX})(?:{UNIT}|{SCALE})))?
        (?P<{tag}infix>{INFIX})?{SPACE}
        (?P<{tag}scale>{SCALE})?
        (?P<{tag}infix2>{INFIX})?
        (?P<{tag}scale2>{SCALE})?{SPACE}
        (?:(?P<{tag}unit>{UNIT})(?:/(?P<{tag}per>{UNIT}))?)?
        (?P<{tag}half2>{_HALF_AFTER})?
    """


# Every figure starts with a digit, a Chinese numeral, 百分之 / 翻 or a prefix qualifier.  Saying
# so first lets the engine reject most positions with one character test (4x faster scans).
_FIRST = "".join(
    sorted(
        {w[0] for w, pos, _ in _QUALIFIERS if pos.startswith("prefix")}
        | set(_ZH_PLAIN)
        | set("百千翻")
        | set(HALF)
    )
)

# Flattened tables (tables.py): a header cell with its unit in brackets (绝对量(亿元), 比重(%)),
# a number cell (17558.76, -1.2, 1,234), a caption line (表1 2016年…, 表 2 …)
TABLE_UNIT = re.compile(r"(?P<name>[^|()（）]*?)\s*[(（](?P<unit>[^|()（）]{1,6})[)）]")
TABLE_NUMBER = re.compile(r"[-−]?[0-9][0-9,]*(?:\.[0-9]+)?")
TABLE_CAPTION = re.compile(r"(?<![\u4e00-\u9fff])表\s*[0-9０-９一二三四五六七八九十]+")


@lexicon_cache
def level_join() -> re.Pattern[str]:
    """What joins the earlier level of a level change to the later one: a verb of change
    (``resources/changes.tsv``) and 到 or 至 (减少到, 增加至, 增至, 提高到了)."""
    verbs = alternation(w for w, _ in table("changes", 2))
    return re.compile(rf"{SPACE}(?:{verbs})了?(?:到|至)了?{SPACE}")


# A list of numbers sharing the unit of the last (高0.8个和1.5个百分点, 分别为3120、1875亿千瓦时):
# the join between two of them, and the digits that start a figure
SHARED_JOIN = re.compile(r"[ \u3000]*[和、及与][ \u3000]*")
LEADING_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?")
# A middle dot between digits is a decimal point (1·8% is 1.8 %, ANNOTATION §3)
DIGIT_DOT = re.compile(r"(?<=[0-9])[·・](?=[0-9])")
# 单位: before a unit it labels (单位:亿元、%), at the end of the text searched
UNIT_LABEL = re.compile(r"单位\s*[:：]\s*\Z")

FIGURE = re.compile(
    rf"""
    (?=[-−0-9{_FIRST}])
    (?P<pre>{PREFIX})?{SPACE}
    (?:
        (?P<range>{_quantity("lo")}{SPACE}(?P<sep>{RANGE_SEP}|(?P<between>{BETWEEN_SEP})){SPACE}
            {_quantity("hi")}(?(between)(?={SPACE}之间)))                # 介于5%和6%之间
      | 百分之(?P<pct>{NUMBER})                                 # 百分之十三点六
      | (?P<fan>翻了?(?P<fan_n>[一两二三四五六七八九1-9])番)       # 翻一番 = ×2 (翻番 alone: a campaign word)
      | (?P<sign>(?<![0-9A-Za-z.%])[-−]|零下)?{_quantity("")}   # -0.5‰, 零下5度: a minus
    )
    (?P<post>{SUFFIX})?
    """,
    re.VERBOSE,
)

# Brackets around a figure restating the one before it in another unit (0.9万公顷(13.5万亩)).
EQUIVALENT_OPEN = re.compile(rf"{SPACE}[（(]{SPACE}")
EQUIVALENT_CLOSE = re.compile(rf"{SPACE}[)）]")

# A change word before a figure (同比增长12.1%), past a gloss, 均 or the 为 of a noun (增长为, roles)
_WORD = rf"(?<!新)(?P<word>{alternation(w for w, _ in table('changes', 2))})"
_GLOSS = rf"(?:[（(][^（()）\d]{{1,8}}[)）]{SPACE})?"
_EACH = rf"(?:{alternation(role_words('distributes_predicate'))})?"
_NAMES = "|".join(rf"(?<={w})为" for w in sorted(role_words("change_noun_copula")))
_CHANGE = rf"{_WORD}{_EACH}(?:了|达到|达|{_NAMES})?{SPACE}{_GLOSS}"
CHANGE_BEFORE = re.compile(rf"{_CHANGE}$")
CHANGE_PREFIX = re.compile(rf"(?:同比|环比|比上年|较上年|比去年|较去年)?{_CHANGE}")
# N届 + a government term is an ordinal (十四届省政府), not a count.
TERM_AFTER = re.compile(rf"(?:{alternation(row[0] for row in table('term_nouns', 1))})")
# A figure that starts right after a ratio colon that follows a digit (44.2:48.4, 3∶2): the
# parts of a ratio are not figures.  Searched over the colon and the character before it.
RATIO_PART = re.compile(r"\d[:∶](?=[-−]?\d)")

# A short quoted phrase: numbers inside “四个最严” or “八个一” are slogans, not figures.
QUOTED = re.compile(r"[“\"「『‘]([^”\"」』’\n]{1,10})[”\"」』’]")


# --- sentences and clauses -------------------------------------------------------------------
# A sentence ends after 。！？!?, …… or ... and any closing quotes or brackets that follow.
SENTENCE_END = re.compile(rf"(?:[{SENTENCE_END_CHARS}]+|…{{1,2}}|\.{{3,6}})[{re.escape(CLOSERS)}]*")
# A clause ends at a comma, semicolon, colon, sentence end, line break or two dashes (不利——虽然…)
CLAUSE_END = re.compile(rf"[{CLAUSE_END_CHARS}\n]|——")
# What the text before a person's name may not run across when titles are read.
TITLE_BOUNDARY = re.compile(rf"[{CLAUSE_END_CHARS}{QUOTES}{re.escape(BRACKETS)}\n]")

# --- layout (clean.py, articles.py) ------------------------------------------------------------
# Lines end where str.splitlines ends them (\n, \r, \v, \f, \x1c-\x1e, \x85, \u2028, \u2029).
LINE = re.compile("[^\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]+")
# Chinese typesetting never starts a line with a closing mark, a comma, a sentence end or %,
# and a paragraph never ends on an opening mark or a comma: a break next to one is the layout's.
NO_LINE_START = "，。、；：？！,;:?!）)》」』】〕”’%‰…"
NO_PARAGRAPH_END = "，,、（(《「『【〔“‘"
# A line that opens with a bullet starts an item of its own.
ITEM_START = "●•■□◆◇▲△★☆√"
# A paragraph's first line keeps its indent in some extractions: ideographic or two spaces.
INDENT = re.compile(r"(?:\u3000|[ \t]{2,})[ \t\u3000]*")
# Page furniture, wherever it stands: 第 12 页, 第12页 共36页, - 12 -, Page 12.
PAGE_FOOTER = re.compile(
    r"""^(?:
        第\s*\d{1,4}\s*页(?:\s*[/／,，]?\s*共\s*\d{1,4}\s*页)?
      | [-—–]\s*\d{1,4}\s*[-—–]
      | [Pp]age\s*\d{1,4}
    )$""",
    re.VERBOSE,
)
# A bare page number (12, 12/36): furniture only at a page boundary (next to a form feed).
PAGE_NUMBER = re.compile(r"^\d{1,4}(?:\s*[/／]\s*\d{1,4})?$")
PAGE_JUMP = re.compile(
    r"[（(]\s*(?:下?转|上接|接|续)第?\s*[0-9一二三四五六七八九十]{1,3}\s*版\s*[)）]"
)
ARTICLE_START = re.compile(
    r"""^(?:
        本报讯
      | 本报[^，,。\s]{0,12}讯
      | 新华社[^，,。]{0,14}电
      | [^，,。\s]{1,16}客户端[^，,。\s]{0,8}讯
      | [^，,。\s]{1,12}讯\s*[（(]
    )""",
    re.VERBOSE,
)
BYLINE = re.compile(
    rf"^[^，。,!?！？]{{0,24}}?(?:记者|通讯员|特约撰稿人|见习记者|编辑)[{CJK}·\s]{{2,30}}$"
)
CREDIT_TAIL = re.compile(rf"(?:(?:记者|通讯员|摄影)\s*[{CJK}]{{2,4}}(?:\s*摄)?|摄|供图|摄影)\s*$")
NAMES_IN_BRACKETS = re.compile(rf"^[（(][{CJK}·\s]{{2,24}}[)）]$")
NAMES_ONLY = re.compile(rf"^[{CJK}·]{{2,4}}(?:\s+[{CJK}·]{{2,4}})+$")
HEADING_MARK = re.compile(r"^#{1,6}\s+")
SUBTITLE = re.compile(r"^——")
LETTER_SPACED = re.compile(rf"(?:[{CJK}，。、：；][ \u3000]){{2,}}[{CJK}，。、：；]")
# East Asian wide and full-width ranges, plus the quotes, dashes and dots (ambiguous width)
# that Chinese typesetting sets full-width.  A regex count is C speed, unicodedata per character
# was the slowest part of layout repair.
WIDE = re.compile(
    "[\u00b7\u2010-\u2027\u2e80-\u303e\u3040-\ua4cf\uac00-\ud7a3\uf900-\ufaff"
    "\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\U00020000-\U0003fffd]"
)
# A paper's or an agency's dateline (本报南宁11月24日电, 新华社…电, 本报讯): no subject, no indicator
DATELINE = re.compile(r"(?:本报|新华社|中新社)[^，,。\s（(]{0,14}?(?:电|讯)")
# The names of reporters in a dateline's brackets: 本报讯（记者常建哲 郭鑫）.
DATELINE_BYLINE = re.compile(r"[（(]((?:[^（()）]*?)(?:记者|通讯员)[^（()）]*)[)）]")

# --- names (titles.py, gazetteer.py, projects.py, link.py) ---------------------------------
# The title of a document, book or newspaper, in book-title marks: 《湘江流域综合治理三年行动计划》.
WORK_TITLE = re.compile(r"《[^《》\n]{1,60}》")
# Productive titles beyond the title list: 副X长, X书记, X主任, X师, X员, X大户 … (站长, 社长,
# 副队长, 团委书记, 农艺师, 检查员, 养殖大户: a description that works as a position, §9).
PRODUCTIVE_TITLE = re.compile(
    rf"(?:常务副|副)?[{CJK}]{{1,2}}(?:长|书记|主任|主席|经理|总监|师|员|大户)$"
)
NAME_SHAPE = re.compile(rf"[{CJK}·]{{2,6}}")
# After a title, a place and 报道 / 电 / a date is a dateline, not a name: 记者兰州报道.
DATELINE_AFTER_NAME = re.compile(r"报道|电|\d")
# A dateline that opens a line with the outlet: 海风网嘉兴3月2日讯, 海风网临江讯, 临江网讯,
# 星城报业·新海岸讯, 蓝鲸财经APP讯, 观澜汇9月17日丨 (run: the outlet and a place after it); 讯
# and 电 end no word there (深圳市星辰光电技术…, a line the layout broke, is no dateline).
DATELINE_OUTLET = re.compile(
    rf"^[ \t\u3000]*(?P<run>[{CJK}]{{2,12}}?)(?:·(?P<brand>[{CJK}]{{2,6}}))?(?:APP|客户端)?"
    rf"(?:[0-9]{{1,2}}月[0-9]{{1,2}}日)?(?:(?:讯|电)(?![{CJK}])|丨)",
    re.MULTILINE,
)
# A source credit: (文章来源:经纬新闻), 来源：新华网.
SOURCE_CREDIT = re.compile(
    rf"(?:信息|文章|消息|数据)?来源[:：][ \t\u3000]*(?P<name>[{CJK}]{{2,12}})"
)
# A province, prefecture or special region and its short form: 甘肃省 → 甘肃, 临夏回族自治州 → 临夏
PROVINCE_SHORT_FORM = re.compile(
    rf"(.{{2,}}?)(?:(?:[{CJK}]{{1,4}}族|维吾尔)*自治[区州]|特别行政区|[省市盟]|地区)"
)
# An autonomous county and the name before its peoples: 长阳土家族自治县 → 长阳 (written 长阳县)
AUTONOMOUS_COUNTY = re.compile(rf"(.{{2,}}?)(?:[{CJK}]{{1,4}}族|维吾尔)+自治县")
COMPANY_END = re.compile(r"有限(?:责任)?公司")
# The ordinal session of a body written before its name, ending where the name starts: 第九届,
# 十二届, 六届, 第1届; a lone 一 without 第 counts no session (新一届, 又一届, 上一届).
_SESSION_NUMERAL = "[一二三四五六七八九十百零〇两0-9０-９]"
SESSION_BEFORE = re.compile(
    rf"(?:第{_SESSION_NUMERAL}+|{_SESSION_NUMERAL}{{2,}}|[二三四五六七八九十0-9０-９])届$"
)
# A numbered meeting, not a body: 第五次党代会, 第三次代表大会, 十九大 (the nineteenth congress)
NUMBERED_MEETING = re.compile(
    rf"(?:.*第{_SESSION_NUMERAL}+次.*(?:代表大会|代会)|.*[十百]{_SESSION_NUMERAL}?大)$"
)
# A listed company's stock code in brackets after its name, with its exchange or not:
# 某某电气(00042), 某某科技(600001.SH), 某某控股（01185.HK）, 某某（０００８: four digits from 0, no
# year; \d: either width）; the name is the run of letters before it, not across a dateline's bar.
STOCK_CODE_BRACKET = re.compile(r"[(（](?:\d{5,6}|[0０]\d{3})(?:\.[A-Za-z]{2})?[)）]")
STOCK_CODE = re.compile(rf"(?P<name>(?:(?!丨)[{CJK}A-Za-z]){{2,10}}){STOCK_CODE_BRACKET.pattern}")
LATIN_LETTER = re.compile(r"[A-Za-z]")
# The section of a route after its head, in brackets or not: 高速公路(蒙象段), 高速公路江州段.
# A numbered part of a work (码头3号; 5号、6号泊位 share the head after the last)
NUMBERED_PART = r"[0-9一二三四五六七八九十]{1,3}号"
NUMBERED_LIST_JOIN = re.compile(rf"(?<=[0-9一二三四五六七八九十]号)、(?={NUMBERED_PART})")
ROUTE_SECTION = rf"[(（][^()（）\n，。；]{{1,12}}?段[)）]|[{CJK}]{{2,4}}?段"
# The rest of a list that the text calls projects: …、X产业园、Y基地等3个项目 (§12: the items
# named before 等N个项目 are projects).
LIST_OF_PROJECTS = re.compile(
    rf"[^，。；,;\n]{{0,80}}?等[0-9一二三四五六七八九十两]+[个项]?(?:[{CJK}]{{0,4}})项目"
)
# A phase of something named (产业园二期), not a bare 二期.
PHASE_OF_NAMED = re.compile(rf"[{CJK}]{{2,}}[一二三四五六七八九十\d]+期")
# An ordinal numeral (第二, 第3): a list member sharing the last one's rest (第二、第三产业)
_ORDINAL = r"第(?:[0-9]{1,2}|[一二三四五六七八九十]{1,3})"
ORDINAL = re.compile(_ORDINAL)
# Ordinals listed before the member that carries the head they share, up to it (第二、|第三产业).
ORDINALS_BEFORE = re.compile(rf"(?:{_ORDINAL}、)+\Z")
# A word a metric's modifier may be: Chinese, or Latin letters (with digits: 5G, M2) only.
METRIC_WORD = re.compile(rf"[{CJK}A-Za-z]+|(?=[0-9]*[A-Za-z])[0-9A-Za-z]+")
