"""The resolver: one figure-shaped match (``patterns.FIGURE``) into a :class:`~cnews_ie.Figure`
with an exact value, and ``parse_figure`` for one string.

A match the resolver cannot turn into a figure raises :class:`NotAFigure` with the rule's name
(``time``, ``bare``, ``zh_unit``, ``range_order``, ``range_units``, ``inexact`` …); the finder
(``figures.py``) reports it as a rejected candidate, ``parse_figure`` as a
:class:`~cnews_ie.errors.FigureParseError`.  Values are computed in the library's own decimal
context (``numerals.DECIMAL_CONTEXT``), whatever the caller's context is.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from decimal import Decimal, getcontext, setcontext

from cnews_ie.durations import half_of, span_value, spends_time, takes_time, within
from cnews_ie.errors import FigureParseError
from cnews_ie.lexicons import lexicon_cache, role_words, table
from cnews_ie.normalize import matching_view
from cnews_ie.numerals import (
    DECIMAL_CONTEXT,
    ZH_DIGITS,
    ZH_MAGNITUDES,
    ZH_SMALL_UNITS,
    parse_approximate,
    read_numeral,
)
from cnews_ie.patterns import (
    CHANGE_BEFORE,
    CHANGE_PREFIX,
    FIGURE,
    HALF,
    SPACE_CHARS,
)
from cnews_ie.records import Approx, Change, Figure, FigureKind

__all__ = [
    "NotAFigure",
    "change_before",
    "currency_before",
    "currency_names",
    "is_chinese_numeral",
    "parse_figure",
    "qualifiers",
    "resolve_match",
]

_ARABIC_START = frozenset("0123456789")
_NO_MAGNITUDE = frozenset("万亿萬億")  # used with isdisjoint: a numeral carrying a magnitude
_NO_DIGIT = frozenset("十拾百佰千仟万萬亿億点")  # a numeral made only of these has no digit
_ZEROS = frozenset("零〇○")
_PLACES = frozenset(ZH_SMALL_UNITS) | frozenset(ZH_MAGNITUDES)  # 十 百 千 万 亿 and their forms


@dataclass(frozen=True, slots=True)
class _Unit:
    unit: str
    kind: str  # a FigureKind value, "time", or "duration" (a quantity before 内, else time)
    factor: Decimal
    after_zh: bool


@lexicon_cache
def _units() -> dict[str, _Unit]:
    return {
        surface: _Unit(unit, kind, Decimal(factor), zh == "1")
        for surface, unit, kind, factor, zh in table("units", 5)
    }


@lexicon_cache
def _currencies() -> dict[str, str]:
    """The names of currencies that may stand before a number in 元 (新台币, 港币, 美元, 人民币),
    each with the unit it makes the amount: the money units of ``units.tsv`` of two characters
    or more but the forms of 元 itself (元人民币, 块钱); 人民币 makes 元."""
    return {
        surface: "元" if u.unit == "人民币" else u.unit
        for surface, u in _units().items()
        if u.kind == "money"
        and len(surface) > 1
        and not surface.startswith("元")
        and u.unit != "元"
    }


@lexicon_cache
def currency_names() -> frozenset[str]:
    """The names of currencies that may stand before a number (新台币, 港币, 人民币)."""
    return frozenset(_currencies())


def currency_before(view: str, start: int) -> str | None:
    """The currency named right before the number at ``view[start]`` (spaces between allowed),
    as the unit of an amount written in 元 after it: 净亏损新台币12亿元 → 新台币 (元 is the
    currency's own unit there), 港币18亿元 → 港元, 人民币3.2亿元 → 元 (ANNOTATION §2: the
    currency word is no part of the surface); None where none stands there."""
    head = view[:start].rstrip(" ")
    names = _currencies()
    found = max((name for name in names if head.endswith(name)), key=len, default=None)
    return None if found is None else names[found]


@lexicon_cache
def _scales() -> dict[str, Decimal]:
    return {surface: Decimal(factor) for surface, factor in table("scales", 2)}


@lexicon_cache
def qualifiers() -> dict[tuple[str, str], Approx]:
    """(position, word) → how the qualifier bends a figure, as ``qualifiers.tsv`` writes them
    (prefix, prefix-scale, infix, suffix)."""
    return {(pos, word): Approx(approx) for word, pos, approx in table("qualifiers", 3)}


@lexicon_cache
def _approx() -> dict[tuple[str, str], Approx]:
    # prefix-scale words (上千) are prefixes that only stand before a bare magnitude
    return {(pos.split("-")[0], word): approx for (pos, word), approx in qualifiers().items()}


@lexicon_cache
def _changes() -> dict[str, Change]:
    return {word: Change(change) for word, change in table("changes", 2)}


class NotAFigure(Exception):  # noqa: N818 - internal control flow, carries the rule name
    def __init__(self, rule: str) -> None:
        super().__init__(rule)
        self.rule = rule


def _plain(value: Decimal) -> Decimal:
    """Drop trailing zeros (62006000000.00 → 62006000000, 13.60 → 13.6), keeping an integer's
    digits (never 6.2006E+10).  ``str`` of a value below 1e-6 still uses an exponent (that is
    how ``Decimal`` prints); written output uses ``format(value, "f")``.  In the decimal
    context of :func:`resolve_match`, which every caller runs in."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


def _read(numeral: str) -> tuple[Decimal, Decimal | None]:
    """The value of a numeral, and the upper end when it is approximate (三四成, 二三十万)."""
    if numeral[0] in _ZEROS and numeral[1:2] != "点":
        raise NotAFigure(
            "bare"
        )  # a numeral never starts with 零 (零多万元, 零万, 零增长) but 零点五
    try:
        if is_chinese_numeral(numeral):
            approximate = parse_approximate(numeral)
            if approximate is not None:
                return approximate
            if len(numeral) > 1 and all(c in ZH_DIGITS for c in numeral):
                raise NotAFigure("bare")  # 二〇二四, 五零一两: digit strings are years and codes
        return read_numeral(numeral), None
    except ValueError:
        raise NotAFigure("bare") from None
    except ArithmeticError:  # only a number too long to hold exactly
        raise NotAFigure("inexact") from None


_BARE_TRILLION = frozenset(("万亿", "萬億"))  # 突破万亿元: the two magnitudes are one, 1e12


def _scale_product(scales: list[str]) -> Decimal:
    product = Decimal(1)
    for scale in scales:
        product *= _scales()[scale]
    return product


def is_chinese_numeral(numeral: str) -> bool:
    return numeral[0] not in _ARABIC_START


def _quantity(m: re.Match[str], tag: str) -> tuple[Decimal, Decimal | None, _Unit | None, bool]:
    """Value (magnitude folded in), the upper end of an approximate numeral (三四成) or None,
    unit, and whether a magnitude was written."""
    numeral = m.group(f"{tag}num")
    half, surface = half_of(m, tag, m.group(f"{tag}unit"), _units())
    unit = _units()[surface] if surface else None
    lone_half = numeral == HALF
    if lone_half:  # 半个月, 半天: a span of time; 半个世纪 or 半数 is no figure
        if unit is None or unit.kind not in ("time", "duration") or half or tag:
            raise NotAFigure("bare")
        half = Decimal("0.5")
    magnitude = bool(m.group(f"{tag}scale") or m.group(f"{tag}scale2"))
    if (
        unit is not None
        and unit.kind in ("time", "duration")
        # 飞行总时长120万小时: a total of time in ten-thousands is no date, frame or age
        and not (unit.kind == "duration" and (within(m) or takes_time(m) or magnitude))
        # 建设期为18个月, 投资回收期约6年: a length after a noun naming one, in years too;
        # 用三年时间: the time spent; 历时6年, 耗时3年: the time something took
        and not (
            (unit.kind == "duration" or surface == "年")
            and len(numeral) < 4
            and (span_value(m) or spends_time(m) or takes_time(m))
        )
    ):
        raise NotAFigure("time")  # most number-shaped spans are dates: decide before parsing
    scales = [s for s in (m.group(f"{tag}scale"), m.group(f"{tag}scale2")) if s]
    has_magnitude = bool(scales) or not _NO_MAGNITUDE.isdisjoint(numeral)
    # 万一: a numeral does not start with its magnitude (万只, 万亿元 do)
    if numeral[0] in "万亿萬億" and len(numeral) > 1 and numeral not in _BARE_TRILLION:
        raise NotAFigure("bare")
    if unit is None and ((not has_magnitude and not tag) or _NO_DIGIT.issuperset(numeral)):
        raise NotAFigure("bare")  # 12345, 世界500强; 万 / 千 alone (千丝万缕) need a unit
    if unit is not None and not unit.after_zh and is_chinese_numeral(numeral):
        raise NotAFigure("zh_unit")
    if len(scales) == 2 and not (
        (scales[0] in "亿億" and scales[1] in "亿億")  # 亿亿: 10**16 (每秒亿亿次)
        or (
            _scales()[scales[1]] > _scales()[scales[0]]
            and scales[1] in ZH_MAGNITUDES  # a section magnitude: 1千多万, 1万多亿, not 4亿多百亿
            and (m.group(f"{tag}infix2") or (scales[0][-1] in "万萬" and scales[1] in "亿億"))
        )
    ):
        raise NotAFigure("bare")  # 1千多万 and 3百万亿 grow; 5百百 and 5百千 are no magnitude
    inner = max((ZH_MAGNITUDES[c] for c in numeral if c in ZH_MAGNITUDES), default=1)
    if scales and _scales()[scales[0]] <= inner:
        raise NotAFigure("bare")  # 1万多亿 grows; 亿多万 does not
    value, high = (Decimal(0), None) if lone_half else _read(numeral)
    value += half
    if scales and high is None and not _PLACES.isdisjoint(numeral):
        # 二十 万 (PDF spacing), 一千多万: a Chinese numeral and its magnitude read as one
        # numeral; 十四 千 or 百七 万 do not, and are not read at all
        try:
            joined = read_numeral(numeral + "".join(scales))
        except (ValueError, ArithmeticError):
            raise NotAFigure("bare") from None
        if joined != value * _scale_product(scales):
            raise NotAFigure("bare")
    for scale in scales:
        value *= _scales()[scale]  # 1千多万元: both magnitudes apply
        high = None if high is None else high * _scales()[scale]
    return value, high, unit, has_magnitude


_THREAD = threading.local()  # each thread's copy of DECIMAL_CONTEXT


def resolve_match(m: re.Match[str]) -> Figure:
    """Resolve one match of ``FIGURE`` in the library's decimal context (never the caller's):
    a copy per thread, set and restored around each match (a page has thousands; a
    ``localcontext`` would copy the context for each).  Its traps, not its flags, decide."""
    context = getattr(_THREAD, "context", None)
    if context is None:
        context = _THREAD.context = DECIMAL_CONTEXT.copy()
    saved = getcontext()
    setcontext(context)
    try:
        return _resolve(m)
    except ArithmeticError:
        raise NotAFigure("inexact") from None
    finally:
        setcontext(saved)


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
        times = int(n) if n.isdigit() else ZH_DIGITS[n]
        value = Decimal(2) ** times
        unit_name, kind, rule = "倍", FigureKind.MULTIPLE, "doubling"
        change = Change.INCREASE
    elif m.group("range") is not None:
        lo, lo_high, lo_unit, lo_mag = _quantity(m, "lo")
        hi, hi_high, hi_unit, hi_mag = _quantity(m, "hi")
        if lo_high is not None or hi_high is not None:
            raise NotAFigure("vague")  # 三四至五六成: a range of approximate numbers is not read
        unit = hi_unit or lo_unit
        if unit is None and not (lo_mag or hi_mag):
            raise NotAFigure("bare")
        if lo_unit is not None and (hi_unit is None or lo_unit.unit != hi_unit.unit):
            raise NotAFigure("range_units")  # 3成至5: a shared unit is written after the high end
        if lo_unit is None and not lo_mag and m.group("hiscale"):
            factor = _scales()[m.group("hiscale")]
            if lo * factor < hi:  # 3至5亿元 shares the magnitude; 8000到1万人 does not
                lo *= factor
            elif lo * 100 < factor:  # 5至3亿元: reversed ends, not "5 to 300000000"
                raise NotAFigure("range_order")
        if unit is not None:
            if unit.kind in ("time", "duration"):
                raise NotAFigure("time")
            lo, hi = lo * unit.factor, hi * unit.factor
        if lo >= hi:
            raise NotAFigure("range_order")
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
                raise NotAFigure("bare")
            unit_name, kind = "", FigureKind.NUMBER
        else:
            value *= unit.factor
            high = None if high is None else high * unit.factor
            # 24小时内放款: a deadline, at most that long; 建设期6年 (a time unit only there)
            if unit.kind in ("duration", "time"):
                unit_name, kind = unit.unit, FigureKind.QUANTITY
                approx = Approx.AT_MOST if within(m) else None  # 8个月建成: as long as that
            else:
                unit_name, kind = unit.unit, FigureKind(unit.kind)
        per = m.group("per")
        rule = "number"
        if high is not None:  # 三四成, 二三十万元: about n to n+1 of that place
            value_max, approx, rule = _plain(high), Approx.ABOUT, "range"
        if m.group("sign") and value:
            value = (
                -value
            )  # -0.5‰, 净利润-3.5亿元, 零下25度: the written sign (a loss is no decline)
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


def change_before(view: str, pos: int) -> Change | None:
    """The direction a change word right before ``pos`` gives (增长 → increase), or None."""
    found = CHANGE_BEFORE.search(view, max(0, pos - 20), pos)
    if found is None:
        return None
    word, end = found.group("word"), found.end("word")
    if any(len(w) > len(word) and view.endswith(w, 0, end) for w in role_words("not_a_change")):
        return None  # 飞机起降2.6万架次: a noun that ends in a change word
    return _changes().get(found.group("word"))


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
        fig = resolve_match(m)
    except NotAFigure as why:
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
        change=fig.change or change_before(view, fig.start),
        rule=fig.rule,
    )
