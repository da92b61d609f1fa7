"""Every regular expression of cnews_ie, composed from named fragments.

Patterns run on the *matching view* (``normalize.matching_view``), so they see ASCII digits,
``%`` and ``.`` whatever the width the text was written in.  Alternations built from word lists
(``resources/*.tsv``) are escaped and sorted longest first, so 万亿 wins over 万 and 千瓦时 over
千瓦.  A magnitude that is also the first character of a unit (千 in 千瓦, 百 in 百分点) is
guarded by a lookahead derived from the unit list, never by hand.

Every quantifier is bounded or applies to a single character class, so matching is linear in
the length of the text (no nested repetition, no catastrophic backtracking).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from cnews_ie.lexicons import table
from cnews_ie.numerals import ZH_DIGITS, ZH_MAGNITUDES

__all__ = [
    "CHANGE_BEFORE",
    "CHANGE_PREFIX",
    "FIGURE",
    "QUOTED",
    "TERM_AFTER",
    "alternation",
]


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of ``words``, escaped, longest first (then alphabetical).

    >>> alternation(["万", "万亿", "亿"])
    '万亿|万|亿'
    """
    unique = sorted(set(words), key=lambda w: (-len(w), w))
    return "|".join(re.escape(w) for w in unique)


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

# Arabic digits, optionally with thousands separators and a decimal part.  Not a piece of a
# longer token (PM2.5, G30, v2.1.5): no letter, digit or point on either side.
ARABIC = rf"""
    (?<![0-9A-Za-z.\u2160-\u217f])
    (?:\d{{1,3}}(?:,\d{{3}})+|\d{{1,3}}(?:{_GROUP_SPACE}\d{{3}})+(?!\d)|\d{{1,20}})
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
SCALE = "|".join(_guard(s, _UNITS) for s in sorted(_SCALES, key=len, reverse=True))
UNIT = rf"(?:{alternation(_UNITS)})(?![A-Za-z])"
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


def _quantity(tag: str) -> str:
    """A number with its optional infix qualifier, magnitude and unit, groups prefixed by tag."""
    return rf"""
        (?P<{tag}num>{NUMBER}){SPACE}
        (?P<{tag}infix>{INFIX})?{SPACE}
        (?P<{tag}scale>{SCALE})?
        (?P<{tag}infix2>{INFIX})?
        (?P<{tag}scale2>{SCALE})?{SPACE}
        (?:(?P<{tag}unit>{UNIT})(?:/(?P<{tag}per>{UNIT}))?)?
    """


# Every figure starts with a digit, a Chinese numeral, 百分之 / 翻 or a prefix qualifier.  Saying
# so first lets the engine reject most positions with one character test (4x faster scans).
_FIRST = "".join(
    sorted(
        {w[0] for w, pos, _ in _QUALIFIERS if pos.startswith("prefix")}
        | set(_ZH_PLAIN)
        | set("百千翻")
    )
)

FIGURE = re.compile(
    rf"""
    (?=[-−0-9{_FIRST}])
    (?P<pre>{PREFIX})?{SPACE}
    (?:
        (?P<range>{_quantity("lo")}{SPACE}(?P<sep>{RANGE_SEP}){SPACE}{_quantity("hi")})
      | 百分之(?P<pct>{NUMBER})                                 # 百分之十三点六
      | (?P<fan>翻了?(?P<fan_n>[一两二三四五六七八九1-9])?番)      # 翻一番 = ×2
      | (?P<sign>(?<![0-9A-Za-z.%])[-−])?{_quantity("")}        # -0.5‰: an explicit minus
    )
    (?P<post>{SUFFIX})?
    """,
    re.VERBOSE,
)

# A change word right before a figure: 同比增长12.1%, 增长了11%, 增幅达5%.
_CHANGE_WORDS = [w for w, _ in table("changes", 2)]
_CHANGE = rf"(?P<word>{alternation(_CHANGE_WORDS)})(?:了|达到|达|为)?{SPACE}"
CHANGE_BEFORE = re.compile(rf"{_CHANGE}$")
CHANGE_PREFIX = re.compile(rf"(?:同比|环比|比上年|较上年|比去年|较去年)?{_CHANGE}")

# N届 + a government term is an ordinal (十四届省政府), not a count.
TERM_AFTER = re.compile(rf"(?:{alternation(row[0] for row in table('term_nouns', 1))})")

# A short quoted phrase: numbers inside “四个最严” or “八个一” are slogans, not figures.
QUOTED = re.compile(r"[“\"「『‘]([^”\"」』’\n]{1,10})[”\"」』’]")
