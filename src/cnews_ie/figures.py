"""Figures: the finder proposes spans, the resolver turns one span into an exact value.

``parse_figure`` is the public resolver for one string.  ``find_figures`` scans a text (the
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
``fragment``   the number is the tail of a number broken by an invisible or combining character
               (5\u200d7亿元, 5\u0301亿元) or a bare magnitude after a digit the finder cannot read
``inexact``    the value cannot be represented exactly (never the case for what the finder matches)
``term``       N届 before a government term (十四届省政府), listed in ``resources/term_nouns.tsv``
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, localcontext

from cnews_ie.errors import FigureParseError
from cnews_ie.lexicons import lexicon_cache, table
from cnews_ie.normalize import matching_view
from cnews_ie.numerals import (
    DECIMAL_CONTEXT,
    ZH_DIGITS,
    ZH_MAGNITUDES,
    ZH_SMALL_UNITS,
    parse_approximate,
    parse_number,
)
from cnews_ie.patterns import (
    CHANGE_BEFORE,
    CHANGE_PREFIX,
    FIGURE,
    QUOTED,
    SPACE_CHARS,
    TERM_AFTER,
    alternation,
)
from cnews_ie.records import Approx, Change, Figure, FigureKind

__all__ = ["find_figures", "parse_figure"]

_ARABIC_START = frozenset("0123456789")
_NO_MAGNITUDE = frozenset("万亿萬億")  # used with isdisjoint: a numeral carrying a magnitude
_NO_DIGIT = frozenset("十拾百佰千仟万萬亿億点")  # a numeral made only of these has no digit
_ZEROS = frozenset("零〇○")
_PLACES = frozenset(ZH_SMALL_UNITS) | frozenset(ZH_MAGNITUDES)  # 十 百 千 万 亿 and their forms
# A digitless numeral (亿 in 十几亿元, 陆亿元) right after one of these is the end of a number
# the finder could not read, not "one 亿".
_NUMBER_CHARS = frozenset("0123456789几数") | frozenset(ZH_DIGITS) | _NO_DIGIT


@dataclass(frozen=True, slots=True)
class _Unit:
    unit: str
    kind: str  # a FigureKind value, or "time"
    factor: Decimal
    after_zh: bool


@lexicon_cache
def _units() -> dict[str, _Unit]:
    return {
        surface: _Unit(unit, kind, Decimal(factor), zh == "1")
        for surface, unit, kind, factor, zh in table("units", 5)
    }


@lexicon_cache
def _scales() -> dict[str, Decimal]:
    return {surface: Decimal(factor) for surface, factor in table("scales", 2)}


@lexicon_cache
def _approx() -> dict[tuple[str, str], Approx]:
    # prefix-scale words (上千) are prefixes that only stand before a bare magnitude
    return {
        (pos.split("-")[0], word): Approx(approx) for word, pos, approx in table("qualifiers", 3)
    }


@lexicon_cache
def _changes() -> dict[str, Change]:
    return {word: Change(change) for word, change in table("changes", 2)}


@lexicon_cache
def _ambiguity() -> re.Pattern[str] | None:
    words = [word for word, _ in table("ambiguity", 2)]
    return re.compile(alternation(words)) if words else None


class _Reject(Exception):  # noqa: N818 - internal control flow, carries the rule name
    def __init__(self, rule: str) -> None:
        super().__init__(rule)
        self.rule = rule


def _plain(value: Decimal) -> Decimal:
    """Drop trailing zeros (62006000000.00 → 62006000000, 13.60 → 13.6), keeping an integer's
    digits (never 6.2006E+10).  ``str`` of a value below 1e-6 still uses an exponent (that is
    how ``Decimal`` prints); written output uses ``format(value, "f")``."""
    with localcontext(DECIMAL_CONTEXT):
        if value == value.to_integral_value():
            return value.quantize(Decimal(1))
        return value.normalize()


def _read(numeral: str) -> tuple[Decimal, Decimal | None]:
    """The value of a numeral, and the upper end when it is approximate (三四成, 二三十万)."""
    if numeral[0] in _ZEROS and numeral[1:2] != "点":
        raise _Reject("bare")  # a numeral never starts with 零 (零多万元, 零万, 零增长) but 零点五
    try:
        if _is_zh(numeral):
            approximate = parse_approximate(numeral)
            if approximate is not None:
                return approximate
            if len(numeral) > 1 and all(c in ZH_DIGITS for c in numeral):
                raise _Reject("bare")  # 二〇二四, 五零一两: digit strings are years and codes
        return parse_number(numeral), None
    except ValueError:
        raise _Reject("bare") from None
    except ArithmeticError:  # only a number too long to hold exactly
        raise _Reject("inexact") from None


def _scale_product(scales: list[str]) -> Decimal:
    product = Decimal(1)
    for scale in scales:
        product *= _scales()[scale]
    return product


def _is_zh(numeral: str) -> bool:
    return numeral[0] not in _ARABIC_START


def _quantity(m: re.Match[str], tag: str) -> tuple[Decimal, Decimal | None, _Unit | None, bool]:
    """Value (magnitude folded in), the upper end of an approximate numeral (三四成) or None,
    unit, and whether a magnitude was written."""
    numeral = m.group(f"{tag}num")
    surface = m.group(f"{tag}unit")
    unit = _units()[surface] if surface else None
    if unit is not None and unit.kind == "time":
        raise _Reject("time")  # most number-shaped spans are dates: decide before parsing
    scales = [s for s in (m.group(f"{tag}scale"), m.group(f"{tag}scale2")) if s]
    has_magnitude = bool(scales) or not _NO_MAGNITUDE.isdisjoint(numeral)
    if numeral[0] in "万亿萬億" and len(numeral) > 1:
        raise _Reject("bare")  # 万一: a numeral does not start with its magnitude (万只 does)
    if unit is None and ((not has_magnitude and not tag) or _NO_DIGIT.issuperset(numeral)):
        raise _Reject("bare")  # 12345, 世界500强; 万 / 千 alone (千丝万缕) need a unit
    if unit is not None and not unit.after_zh and _is_zh(numeral):
        raise _Reject("zh_unit")
    if len(scales) == 2 and not (
        (scales[0] in "亿億" and scales[1] in "亿億")  # 亿亿: 10**16 (每秒亿亿次)
        or (
            _scales()[scales[1]] > _scales()[scales[0]]
            and scales[1] in ZH_MAGNITUDES  # a section magnitude: 1千多万, 1万多亿, not 4亿多百亿
            and (m.group(f"{tag}infix2") or (scales[0][-1] in "万萬" and scales[1] in "亿億"))
        )
    ):
        raise _Reject("bare")  # 1千多万 and 3百万亿 grow; 5百百 and 5百千 are no magnitude
    inner = max((ZH_MAGNITUDES[c] for c in numeral if c in ZH_MAGNITUDES), default=1)
    if scales and _scales()[scales[0]] <= inner:
        raise _Reject("bare")  # 1万多亿 grows; 亿多万 does not
    value, high = _read(numeral)
    if scales and high is None and not _PLACES.isdisjoint(numeral):
        # 二十 万 (PDF spacing), 一千多万: a Chinese numeral and its magnitude read as one
        # numeral; 十四 千 or 百七 万 do not, and are not read at all
        try:
            joined = parse_number(numeral + "".join(scales))
        except (ValueError, ArithmeticError):
            raise _Reject("bare") from None
        if joined != value * _scale_product(scales):
            raise _Reject("bare")
    for scale in scales:
        value *= _scales()[scale]  # 1千多万元: both magnitudes apply
        high = None if high is None else high * _scales()[scale]
    return value, high, unit, has_magnitude


def _figure_from_match(m: re.Match[str]) -> Figure:
    """Resolve one match of ``FIGURE`` in the library's decimal context (never the caller's)."""
    with localcontext(DECIMAL_CONTEXT):
        try:
            return _resolve(m)
        except ArithmeticError:
            raise _Reject("inexact") from None


def _resolve(m: re.Match[str]) -> Figure:
    """Resolve one match of ``FIGURE`` into a Figure with offsets relative to the match."""
    approx: Approx | None = None
    change: Change | None = None
    value_max: Decimal | None = None
    per: str | None = None
    if m.group("pct") is not None:
        value, high = _read(m.group("pct"))
        if high is not None:  # 百分之三四十: about 30 to 40 %
            value_max, approx = _plain(high), Approx.ABOUT
        unit_name, kind, rule = "%", FigureKind.PERCENT, "percent_zh"
    elif m.group("fan") is not None:
        n = m.group("fan_n")
        times = 1 if n is None else int(n) if n.isdigit() else ZH_DIGITS[n]
        value = Decimal(2) ** times
        unit_name, kind, rule = "倍", FigureKind.MULTIPLE, "doubling"
        change = Change.INCREASE
    elif m.group("range") is not None:
        lo, lo_high, lo_unit, lo_mag = _quantity(m, "lo")
        hi, hi_high, hi_unit, hi_mag = _quantity(m, "hi")
        if lo_high is not None or hi_high is not None:
            raise _Reject("vague")  # 三四至五六成: a range of approximate numbers is not read
        unit = hi_unit or lo_unit
        if unit is None and not (lo_mag or hi_mag):
            raise _Reject("bare")
        if lo_unit is not None and (hi_unit is None or lo_unit.unit != hi_unit.unit):
            raise _Reject("range_units")  # 3成至5: a shared unit is written after the high end
        if lo_unit is None and not lo_mag and m.group("hiscale"):
            factor = _scales()[m.group("hiscale")]
            if lo * factor < hi:  # 3至5亿元 shares the magnitude; 8000到1万人 does not
                lo *= factor
            elif lo * 100 < factor:  # 5至3亿元: reversed ends, not "5 to 300000000"
                raise _Reject("range_order")
        if unit is not None:
            if unit.kind == "time":
                raise _Reject("time")
            lo, hi = lo * unit.factor, hi * unit.factor
        if lo >= hi:
            raise _Reject("range_order")
        value, value_max = lo, _plain(hi)
        unit_name = unit.unit if unit else ""
        kind = FigureKind(unit.kind) if unit else FigureKind.NUMBER
        per = m.group("hiper") or m.group("loper")
        rule = "range"
        approx = _approx().get(("infix", m.group("hiinfix") or m.group("loinfix") or ""))
    else:
        value, high, unit, has_magnitude = _quantity(m, "")
        if unit is None:
            if not has_magnitude:
                raise _Reject("bare")
            unit_name, kind = "", FigureKind.NUMBER
        else:
            if unit.kind == "time":
                raise _Reject("time")
            value *= unit.factor
            high = None if high is None else high * unit.factor
            unit_name, kind = unit.unit, FigureKind(unit.kind)
        per = m.group("per")
        rule = "number"
        if high is not None:  # 三四成, 二三十万元: about n to n+1 of that place
            value_max, approx, rule = _plain(high), Approx.ABOUT, "range"
        if m.group("sign"):
            change = Change.DECREASE  # 增长率为-0.5‰: a negative rate is a decrease
        infix = m.group("infix") or m.group("infix2")
        if infix:
            approx = _approx()[("infix", infix)]
    if per:
        unit_name = f"{unit_name}/{_units()[per].unit}"
    if m.group("pre"):
        approx = _approx()[("prefix", m.group("pre"))]
    elif m.group("post") and approx is None:
        approx = _approx()[("suffix", m.group("post"))]
    text = m.group(0)
    start, end = 0, len(text)
    while start < end and text[start] in SPACE_CHARS:
        start += 1
    while end > start and text[end - 1] in SPACE_CHARS:
        end -= 1
    return Figure(
        text=text[start:end],
        start=m.start() + start,
        end=m.start() + end,
        value=_plain(value),
        unit=unit_name,
        kind=kind,
        value_max=value_max,
        approx=approx,
        change=change,
        rule=rule,
    )


def _number_start(m: re.Match[str]) -> int:
    """Offset of the first digit of the figure (after any prefix qualifier)."""
    for group in ("lonum", "pct", "fan", "num"):
        if m.group(group) is not None:
            return m.start(group)
    return m.start()


def _context_reject(view: str, m: re.Match[str], fig: Figure, quoted: list[tuple[int, int]]) -> str:
    """Name of the context rule that rejects this figure, or ''."""
    first = _number_start(m)
    before = (
        view[max(0, m.start() - 1) : m.start()].strip()
        or view[max(0, m.start() - 2) : m.start()].strip()
    )
    if before.endswith("第"):
        return "ordinal"
    if before.endswith("每"):
        return "per"
    if fig.unit == "届" and TERM_AFTER.match(view, fig.end):
        return "term"
    numeral = m.group("num") or m.group("lonum") or m.group("pct") or ""
    zh = bool(numeral) and _is_zh(numeral)
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
    if zh and numeral == "一" and fig.kind is FigureKind.COUNT and not m.group("scale"):
        return "article"
    if (zh or m.group("fan")) and any(qs <= first and m.end() <= qe for qs, qe in quoted):
        return "slogan"
    return ""


def _change_before(view: str, pos: int) -> Change | None:
    found = CHANGE_BEFORE.search(view, max(0, pos - 8), pos)
    return _changes().get(found.group("word")) if found else None


def find_figures(text: str, *, rejected: list[tuple[int, int, str]] | None = None) -> list[Figure]:
    """Every figure in ``text``, with offsets into ``text``, in order.

    Pass a list as ``rejected`` to receive the ``(start, end, rule)`` of every number-shaped
    span that a rule decided is not a figure.

    >>> [(f.text, f.value, f.unit, f.change) for f in find_figures("去年园区产值170亿元，比上年增长55%。")]
    [('170亿元', Decimal('17000000000'), '元', None), ('55%', Decimal('55'), '%', <Change.INCREASE: 'increase'>)]
    >>> find_figures("2月24日，第六届进博会开幕，拨打12345热线。")
    []
    """
    if not isinstance(text, str):
        raise TypeError(f"find_figures() expects str, not {type(text).__name__}")
    view = matching_view(text)
    quoted = [(q.start(), q.end()) for q in QUOTED.finditer(view)]
    ambiguity = _ambiguity()
    blocked = [(a.start(), a.end()) for a in ambiguity.finditer(view)] if ambiguity else []
    out: list[Figure] = []
    for m in FIGURE.finditer(view):
        if not m.group(0).strip():
            continue
        try:
            fig = _figure_from_match(m)
        except _Reject as why:
            if why.rule in ("range_order", "range_units"):
                out.extend(_split_range(text, view, m, quoted, blocked, rejected))
            elif rejected is not None:
                rejected.append((m.start(), m.end(), why.rule))
            continue
        out.extend(_accept(text, view, m, fig, quoted, blocked, rejected))
    return out


def _accept(
    text: str,
    view: str,
    m: re.Match[str],
    fig: Figure,
    quoted: list[tuple[int, int]],
    blocked: list[tuple[int, int]],
    rejected: list[tuple[int, int, str]] | None,
) -> list[Figure]:
    rule = _context_reject(view, m, fig, quoted)
    if not rule and any(bs < fig.end and fig.start < be for bs, be in blocked):
        rule = "ambiguous"
    if rule:
        if rejected is not None:
            rejected.append((fig.start, fig.end, rule))
        return []
    change = fig.change or _change_before(view, fig.start)
    return [
        Figure(
            text=text[fig.start : fig.end],
            start=fig.start,
            end=fig.end,
            value=fig.value,
            unit=fig.unit,
            kind=fig.kind,
            value_max=fig.value_max,
            approx=fig.approx,
            change=change,
            rule=fig.rule,
        )
    ]


def _split_range(
    text: str,
    view: str,
    m: re.Match[str],
    quoted: list[tuple[int, int]],
    blocked: list[tuple[int, int]],
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
                fig = _figure_from_match(sub)
            except _Reject as why:
                if rejected is not None:
                    rejected.append((sub.start(), sub.end(), why.rule))
                continue
            out.extend(_accept(text, view, sub, fig, quoted, blocked, rejected))
    return out


def parse_figure(text: str) -> Figure:
    """Resolve a string that is exactly one figure into a :class:`~cnews_ie.Figure` (offsets into it).

    A change word may precede the figure (增长13.6%); it sets ``change`` and is not part of the
    figure's span.

    >>> f = parse_figure("620.06亿元")
    >>> f.value, f.unit, f.kind
    (Decimal('62006000000'), '元', <FigureKind.MONEY: 'money'>)
    >>> f = parse_figure("约3至5亿元")
    >>> f.value, f.value_max, f.unit, f.approx
    (Decimal('300000000'), Decimal('500000000'), '元', <Approx.ABOUT: 'about'>)
    >>> parse_figure("２个百分点").kind
    <FigureKind.PERCENTAGE_POINT: 'percentage_point'>
    >>> f = parse_figure("同比下降3.3%")
    >>> f.text, f.start, f.value, f.change
    ('3.3%', 4, Decimal('3.3'), <Change.DECREASE: 'decrease'>)
    >>> parse_figure("百分之十三点六").value
    Decimal('13.6')
    >>> parse_figure("三成").value, parse_figure("翻一番").value
    (Decimal('30'), Decimal('2'))
    >>> parse_figure("2024年")
    Traceback (most recent call last):
    ...
    cnews_ie.errors.FigureParseError: '2024年' is a date, time or duration, not a figure
    """
    if not isinstance(text, str):
        raise TypeError(f"parse_figure() expects str, not {type(text).__name__}")
    stripped = text.strip(" \u3000\t\r\n")
    offset = text.index(stripped) if stripped else 0
    view = matching_view(stripped)
    m = FIGURE.fullmatch(view)
    verb = CHANGE_PREFIX.match(view) if m is None else None
    if verb is not None:  # 增长13.6%: the change word is read, the figure is what follows it
        m = FIGURE.fullmatch(view, verb.end())
    if m is None or not stripped:
        raise FigureParseError(
            f"{text!r} is not a figure (expected a number with a unit or magnitude)"
        )
    try:
        fig = _figure_from_match(m)
    except _Reject as why:
        reason = {
            "time": "is a date, time or duration, not a figure",
            "bare": "has no unit and no magnitude, so it is not a figure",
            "range_order": "is not a range: its ends are not in increasing order",
            "range_units": "is not a range: its ends have different units",
            "zh_unit": "is a word, not a figure",
        }.get(why.rule, f"is not a figure ({why.rule})")
        raise FigureParseError(f"{text!r} {reason}") from None
    return Figure(
        text=text[offset + fig.start : offset + fig.end],
        start=offset + fig.start,
        end=offset + fig.end,
        value=fig.value,
        unit=fig.unit,
        kind=fig.kind,
        value_max=fig.value_max,
        approx=fig.approx,
        change=fig.change or _change_before(view, fig.start),
        rule=fig.rule,
    )
