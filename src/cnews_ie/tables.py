"""Tables flattened one row per line with ``|`` between cells (ANNOTATION §2, §3, §8), as web
pages of statistical bulletins are stored::

    表1 2023年各区县地区生产总值
    指标 | 绝对量(亿元) | 比上年增长(%) |
    全市地区生产总值 | 8650.20 | 5.6 |
    东城区 | 1210.45 | 6.1 |

A header row names each column and its unit in brackets; every number cell of the rows below
it is a figure with that unit and magnitude (``table_figures``).  ``link_cells`` then gives each
cell its facts, each rule named in ``Figure.links``:

``metric:table``          the indicator of the table (the first row's label without its area word,
                          全市地区生产总值 → 地区生产总值; else an indicator named in the caption),
                          glossed with the column (地区生产总值（比上年增长）)
``subject:table_row``     the row label (东城区); for the first row the caption's place, else its
                          area word (全市); a category row (其中:城镇, 乡村) takes the subject of
                          the row above it
``period:table_caption``  the period of the caption (表1 2023年… → 2023年)
``base:table_row``        a growth cell belongs to the first amount of its row
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from cnews_ie.errors import FigureParseError
from cnews_ie.lexicons import lexicon_cache, table
from cnews_ie.metric import area_words, metric_before
from cnews_ie.normalize import matching_view
from cnews_ie.patterns import TABLE_CAPTION, TABLE_NUMBER, TABLE_UNIT
from cnews_ie.periods import period_pattern
from cnews_ie.records import Change, Figure, FigureKind
from cnews_ie.resolve import parse_figure

__all__ = ["link_cells", "table_figures"]

RULE = "table_cell"  # Figure.rule of a cell
_CATEGORY = "其中"  # a row that opens the categories of the row above (其中:城镇)


@dataclass(frozen=True, slots=True)
class _Column:
    name: str  # the header without its unit: 比上年增长
    unit: str  # as written in the brackets: 亿元, %
    change: Change | None


@lexicon_cache
def _change_words() -> tuple[tuple[str, Change], ...]:
    return tuple((word, Change(direction)) for word, direction in table("changes", 2))


def _cells(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """[start, end) of each cell of the line text[start:end], spaces trimmed."""
    spans, at = [], start
    for piece in text[start:end].split("|"):
        lo, hi = at, at + len(piece)
        while lo < hi and text[lo].isspace():
            lo += 1
        while hi > lo and text[hi - 1].isspace():
            hi -= 1
        spans.append((lo, hi))
        at += len(piece) + 1
    return spans


def _header(text: str, cells: list[tuple[int, int]]) -> dict[int, _Column] | None:
    columns: dict[int, _Column] = {}
    for k, (lo, hi) in enumerate(cells[1:], start=1):
        m = TABLE_UNIT.fullmatch(text, lo, hi)
        if m is None:
            continue
        try:
            parse_figure("1" + m.group("unit"))
        except FigureParseError:
            continue
        name = m.group("name").strip()
        change = next((c for w, c in _change_words() if w in name), None)
        columns[k] = _Column(name, m.group("unit"), change)
    return columns or None


def _more_columns(text: str, cells: list[tuple[int, int]]) -> list[_Column]:
    """The columns of a header piece the layout broke off onto its own line (比重(%) |): every
    cell a name with a unit in brackets; [] for any other line."""
    named = [(lo, hi) for lo, hi in cells if lo < hi]
    found = _header(text, [(0, 0), *named])
    return (
        [found[k] for k in range(1, len(named) + 1)] if found and len(found) == len(named) else []
    )


def _full_header(
    text: str, lines: list[tuple[int, int]], k: int
) -> tuple[dict[int, _Column], int] | None:
    """The columns of the header on line ``k`` with those of the pieces broken off below it,
    and the index of its last line; None if line ``k`` is no header."""
    cells = _cells(text, *lines[k])
    columns = _header(text, cells)
    if columns is None:
        return None
    width = sum(1 for lo, hi in cells if lo < hi)
    while k + 1 < len(lines) and (more := _more_columns(text, _cells(text, *lines[k + 1]))):
        k += 1
        for column in more:
            columns[width] = column
            width += 1
    return columns, k


def _lines(text: str) -> list[tuple[int, int]]:
    spans, at = [], 0
    for line in text.splitlines(keepends=True):
        spans.append((at, at + len(line.rstrip("\r\n"))))
        at += len(line)
    return spans


def table_figures(text: str, taken: Sequence[Figure] = ()) -> list[Figure]:
    """The number cells of every table in ``text`` as figures (rule ``table_cell``), none that
    overlaps a figure of ``taken``."""
    out: list[Figure] = []
    columns: dict[int, _Column] | None = None
    lines = _lines(text)
    at = 0
    while at < len(lines):
        lo, hi = lines[at]
        at += 1
        if "|" not in text[lo:hi]:
            columns = None
            continue
        cells = _cells(text, lo, hi)
        header = _full_header(text, lines, at - 1)
        if header is not None:
            columns, last = header
            at = last + 1
            continue
        for k, (c_lo, c_hi) in enumerate(cells):
            column = columns.get(k) if columns else None
            if column is None or not TABLE_NUMBER.fullmatch(text, c_lo, c_hi):
                continue
            if any(f.start < c_hi and c_lo < f.end for f in taken):
                continue
            read = parse_figure(text[c_lo:c_hi].replace(",", "") + column.unit)
            change = column.change if read.kind is FigureKind.PERCENT else None
            out.append(
                Figure(
                    text=text[c_lo:c_hi], start=c_lo, end=c_hi, value=read.value,
                    unit=read.unit, kind=read.kind, change=change, rule=RULE,
                )
            )  # fmt: skip
    return out


def _unfinished(line: str) -> bool:
    """Whether ``line`` is a piece of a table row broken off before its last ``|``."""
    return "|" in line and not line.rstrip().endswith("|")


def _caption(text: str, before: int) -> tuple[int, int] | None:
    """The caption (表1 …) on the line just above the header line that starts at ``before``,
    above a piece of that header a PDF text layer broke off (… | 比上年增长(⏎%) | 比重(%) |)."""
    lines = [span for span in _lines(text[:before]) if text[span[0] : span[1]].strip()]
    while lines and _unfinished(text[lines[-1][0] : lines[-1][1]]):
        lines.pop()
    if not lines:
        return None
    lo, hi = lines[-1]
    found = [m.start() for m in TABLE_CAPTION.finditer(text, lo, hi)]
    return (found[-1], hi) if found else None  # 图1 …单位:亿元 表1 2016年…: joined by layout


def link_cells(text: str, figures: Sequence[Figure], places: list[tuple[int, int]]) -> list[Figure]:
    """``figures`` with the facts of each table cell (rule ``table_cell``) set from its table."""
    out = list(figures)
    lines = _lines(text)
    state: dict[int, tuple[str | None, str | None, str | None]] = {}  # header line → facts
    row_first: dict[int, int] = {}  # row line → index of its first amount
    category_from: dict[int, bool] = {}
    owner: dict[int, str | None] = {}  # header line → subject of the last row with categories
    for i, fig in enumerate(figures):
        if fig.rule != RULE:
            continue
        row = next(k for k, (lo, hi) in enumerate(lines) if lo <= fig.start < hi)
        head = row
        while head > 0 and _header(text, _cells(text, *lines[head])) is None:
            head -= 1
        column, first_row = _full_header(text, lines, head) or ({}, head)
        first_row += 1
        if head not in state:
            state[head] = _table_facts(text, lines, head, first_row, places)
        indicator, lead_subject, period = state[head]
        cells = _cells(text, *lines[row])
        label = text[cells[0][0] : cells[0][1]]
        name = next(
            (column[k].name for k, (lo, hi) in enumerate(cells) if lo == fig.start and k in column),
            "",
        )
        category = label.startswith(_CATEGORY) or category_from.get(row - 1, False)
        category_from[row] = category
        if row == first_row:
            subject, gloss = lead_subject, name
        elif category:  # the row it is a category of: 城关镇 / 其中:工业园区
            subject = owner.get(head, lead_subject)
            gloss = label.removeprefix(_CATEGORY).lstrip(":：") + name
        else:
            subject, gloss = label, name
        if not category:
            owner[head] = subject
        links = ["metric:table"] if indicator else []
        metric = f"{indicator}（{gloss}）" if indicator and gloss else indicator
        links += ["subject:table_row"] if subject else []
        links += ["period:table_caption"] if period else []
        base = None
        if fig.kind is FigureKind.PERCENT and fig.change is not None and row in row_first:
            base = out[row_first[row]]
            links.append("base:table_row")
        elif fig.kind not in (FigureKind.PERCENT, FigureKind.PERCENTAGE_POINT):
            row_first.setdefault(row, i)
        out[i] = replace(
            fig, metric=metric, subject=subject, period=period, base=base, links=tuple(links)
        )
    return out


def _words(text: str, start: int, end: int) -> list[tuple[int, str, str]]:
    """(offset, word, part of speech) of jieba's segmentation of text[start:end] (a caption has
    no figure, so the tokens stage leaves it unsegmented)."""
    from cnews_ie.backends.jieba_backend import tagged_words

    out, at = [], start
    for word, pos in tagged_words(matching_view(text[start:end])):
        out.append((at, text[at : at + len(word)], pos))
        at += len(word)
    return out


def _table_facts(
    text: str, lines: list[tuple[int, int]], head: int, first: int, places: list[tuple[int, int]]
) -> tuple[str | None, str | None, str | None]:
    """Indicator, subject of the first row and period of the table whose header is line
    ``head`` and whose first row is line ``first``."""
    caption = _caption(text, lines[head][0])
    period = subject = indicator = None
    if caption is not None:
        found = [m.group() for m in period_pattern().finditer(text, *caption)]
        period = found[-1] if found else None
        inside = [(s, e) for s, e in places if caption[0] <= s and e <= caption[1]]
        subject = text[inside[-1][0] : inside[-1][1]] if inside else None
    if first < len(lines):
        cell = _cells(text, *lines[first])[0]
        label = text[cell[0] : cell[1]]
        area = next(
            (w for w in sorted(area_words(), key=len, reverse=True) if label.startswith(w)), None
        )
        if area and len(label) > len(area):
            indicator = label[len(area) :]
            subject = subject or area
        elif area:  # 全市 | 86.4 | …: a row of the whole area
            subject = label
    if indicator is None and caption is not None:
        # an indicator's full name, else the head phrase in the caption's words
        named = metric_before(text, *caption, [], [])
        named = named or metric_before(text, *caption, [], _words(text, *caption))
        indicator = named[0] if named else None
    return indicator, subject, period
