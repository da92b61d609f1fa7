"""Chinese, Arabic and mixed numerals → exact :class:`~decimal.Decimal` values.

Pure functions, no regexes of their own: the figure finder (``patterns.py``) decides *where* a
numeral is; this module only says *what it is worth*.  Handles positional Chinese numerals
(六百二十亿, 一千零五, 十三), the financial forms (壹贰叁 … 拾佰仟), the decimal point 点
(十三点六), digit strings (二〇二四), the colloquial dropped last unit (一千二 = 1200,
两万五 = 25000), Arabic digits with thousands separators and any mix of the two
(1.2万, 3千万, 1.2万亿, 1亿2千万, 1亿零5万).  Thousands may be grouped with commas or with
spaces (12 345).

Arithmetic runs in the library's own decimal context, :data:`DECIMAL_CONTEXT`, never the
caller's: its precision holds every numeral the figure finder can match exactly, and it traps
``Inexact``, so a value is exact or it is not returned at all (``ArithmeticError``).
"""

from __future__ import annotations

from decimal import (
    ROUND_HALF_EVEN,
    Context,
    Decimal,
    DivisionByZero,
    Inexact,
    InvalidOperation,
    Overflow,
    localcontext,
)

__all__ = [
    "DECIMAL_CONTEXT",
    "ZH_DIGITS",
    "ZH_MAGNITUDES",
    "ZH_SMALL_UNITS",
    "parse_approximate",
    "parse_number",
    "read_numeral",
]

# 24 numeral characters of 亿 are 10**192; with two scale words, a unit factor and 12 decimal
# places a value the finder can match has well under 400 digits.  Anything that would still
# round raises ``Inexact`` instead of silently losing digits.
DECIMAL_CONTEXT = Context(
    prec=400,
    rounding=ROUND_HALF_EVEN,
    Emin=-999999,
    Emax=999999,
    traps=[InvalidOperation, DivisionByZero, Overflow, Inexact],
)

ZH_DIGITS: dict[str, int] = {
    "零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
    "六": 6, "七": 7, "八": 8, "九": 9,
    "壹": 1, "贰": 2, "貳": 2, "叁": 3, "參": 3, "肆": 4, "伍": 5, "陆": 6, "陸": 6,
    "柒": 7, "捌": 8, "玖": 9, "兩": 2,
}  # fmt: skip
ZH_SMALL_UNITS: dict[str, int] = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
ZH_MAGNITUDES: dict[str, int] = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}
_POINT = "点"
_ARABIC = frozenset("0123456789.")
# thousands separators: the comma (full-width too: 43，000), and the spaces of typeset numbers
# (12 345, 1 000)
_GROUPING = str.maketrans("", "", ",， \u00a0\u2009\u202f")


def _tokens(text: str) -> list[str]:
    """Split into Arabic runs (``"1.2"``) and single Chinese characters."""
    out: list[str] = []
    run = ""
    for ch in text.translate(_GROUPING):
        if ch in _ARABIC:
            run += ch
            continue
        if run:
            out.append(run)
            run = ""
        out.append(ch)
    if run:
        out.append(run)
    return out


def _digit_string(tokens: list[str]) -> Decimal | None:
    """Read 二〇二四 / 一九九八 as digit strings (no positional unit anywhere)."""
    if len(tokens) < 2 or not all(t in ZH_DIGITS for t in tokens):
        return None
    return Decimal("".join(str(ZH_DIGITS[t]) for t in tokens))


def parse_number(text: str) -> Decimal:
    """Return the exact value of a numeral written in Chinese, Arabic or mixed form.

    >>> parse_number("六百二十亿")
    Decimal('62000000000')
    >>> parse_number("620.06亿")
    Decimal('62006000000.00')
    >>> parse_number("十三点六")
    Decimal('13.6')
    >>> parse_number("一千零五")
    Decimal('1005')
    >>> parse_number("两万五")
    Decimal('25000')
    >>> parse_number("3千万")
    Decimal('30000000')
    >>> parse_number("1.2万亿")
    Decimal('1200000000000.0')
    >>> parse_number("1,234,567.5")
    Decimal('1234567.5')
    >>> parse_number("二〇二四")
    Decimal('2024')
    >>> parse_number("1亿2千万"), parse_number("1亿零5万"), parse_number("12 345")
    (Decimal('120000000'), Decimal('100050000'), Decimal('12345'))

    Raises :class:`ValueError` on anything that is not a numeral.
    """
    with localcontext(DECIMAL_CONTEXT):
        return _parse_number(text)


def read_numeral(text: str) -> Decimal:
    """:func:`parse_number` for a caller that runs in ``DECIMAL_CONTEXT`` already (the figure
    resolver): no decimal context of its own to enter and leave."""
    return _parse_number(text)


def _parse_number(text: str) -> Decimal:
    tokens = _tokens(text.strip())
    if not tokens:
        raise ValueError(f"not a numeral: {text!r}")
    as_digits = _digit_string(tokens)
    if as_digits is not None:
        return as_digits

    total = Decimal(0)  # everything before the last 亿
    since_yi = Decimal(0)  # the 万 part since the last 亿
    section = Decimal(0)  # the part below 万
    number: Decimal | None = None  # the digit waiting for its unit
    # places only fall within a section (千 then 百, 万 once per 亿): 1万1万 is not a numeral
    last_small = 10**4
    wan_seen = False
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok[0] in _ARABIC:
            if tok.count(".") > 1 or tok in {"."}:
                raise ValueError(f"not a numeral: {text!r}")
            number = Decimal(tok)
        elif tok in ZH_DIGITS:
            if number is not None:  # 一零万, 5三: a digit with no place between it and the last
                raise ValueError(f"not a numeral: {text!r}")
            # a zero is a placeholder (一千零五), any other digit waits for its unit
            number = Decimal(ZH_DIGITS[tok]) if ZH_DIGITS[tok] else None
        elif tok == _POINT:
            whole = section + (number if number is not None else Decimal(0))
            frac = ""
            while i + 1 < len(tokens) and tokens[i + 1] in ZH_DIGITS:
                frac += str(ZH_DIGITS[tokens[i + 1]])
                i += 1
            if not frac:
                raise ValueError(f"not a numeral: {text!r}")
            number = whole + Decimal("0." + frac)
            section = Decimal(0)
        elif tok in ZH_SMALL_UNITS:
            unit = ZH_SMALL_UNITS[tok]
            if unit >= last_small:
                raise ValueError(f"not a numeral: {text!r}")
            last_small = unit
            section += (number if number is not None else Decimal(1)) * unit
            number = None
        elif tok in ZH_MAGNITUDES:
            mag = ZH_MAGNITUDES[tok]
            part = section + (number if number is not None else Decimal(0))
            if i == 0:
                part = Decimal(1)  # a bare magnitude: 万只 → 一万只 (but 0万 is 0)
            if mag != 10**8 and wan_seen:
                raise ValueError(f"not a numeral: {text!r}")
            wan_seen = mag != 10**8
            last_small = 10**4
            if mag == 10**8:
                total = (total + since_yi + part) * mag
                since_yi = Decimal(0)
            elif since_yi and part < 1:
                raise ValueError(f"not a numeral: {text!r}")
            else:
                since_yi += part * mag
            section = Decimal(0)
            number = None
        else:
            raise ValueError(f"not a numeral: {text!r}")
        i += 1

    units = {**ZH_SMALL_UNITS, **ZH_MAGNITUDES}
    trailing = len(tokens) >= 2 and tokens[-1] in ZH_DIGITS and tokens[-2] in units
    if number is not None and trailing and units[tokens[-2]] >= 100:
        # 两万五 / 一千二: a trailing digit counts in the unit below the last one.
        number *= Decimal(units[tokens[-2]] // 10)
    return total + since_yi + section + (number if number is not None else Decimal(0))


def _adjacent_pair(tokens: list[str]) -> int | None:
    """Index of the first of two side-by-side Chinese digits n, n+1 (三四, 一两), if the numeral
    has exactly one such pair and no other run of digits (二〇二四 is a digit string)."""
    found: int | None = None
    for i in range(len(tokens) - 1):
        a, b = tokens[i], tokens[i + 1]
        if a in ZH_DIGITS and b in ZH_DIGITS:
            if found is not None or not ZH_DIGITS[a] or ZH_DIGITS[b] != ZH_DIGITS[a] + 1:
                return None
            found = i
    return found


def parse_approximate(text: str) -> tuple[Decimal, Decimal] | None:
    """The range an approximate Chinese numeral spans, or None if it is not one.

    Two neighbouring digits written side by side mean "n or n+1" of the same place: 三四成 is
    three to four tenths, 二三十万 200000 to 300000.

    >>> parse_approximate("二三十万")
    (Decimal('200000'), Decimal('300000'))
    >>> parse_approximate("五六千万")
    (Decimal('50000000'), Decimal('60000000'))
    >>> parse_approximate("十一二万")
    (Decimal('110000'), Decimal('120000'))
    >>> parse_approximate("一两")
    (Decimal('1'), Decimal('2'))
    >>> parse_approximate("二十万") is None, parse_approximate("一九九八") is None
    (True, True)

    Digits after the decimal point are the digits of a fraction, never such a pair:

    >>> parse_approximate("一点七八") is None
    True
    """
    if _POINT in text:
        return None
    tokens = _tokens(text.strip())
    i = _adjacent_pair(tokens)
    if i is None:
        return None
    low = "".join(tokens[: i + 1] + tokens[i + 2 :])
    high = "".join(tokens[:i] + tokens[i + 1 :])
    return parse_number(low), parse_number(high)
