"""Printed lines, and whether a line break is the layout's or the text's.

``clean`` cuts a page into :class:`Line` s; :func:`join_reason` says why one body line does not
go on into the next ('' when it does).  The decision reads the language first and the layout
statistics second:

* the language: Chinese typesetting never starts a line with a closing mark, a comma, a
  sentence end or %, a paragraph never ends on an opening mark or a comma, and a figure does
  not stop at a line end (22⏎80亿元, 12.⏎6%, 1300万⏎美元: the figure pattern matches across
  it) — such a break is the layout's (:func:`continues`);
* the layout: a paragraph ends after a line that ends a sentence (unless indents mark the
  paragraphs and the next line has none), before a line indented deeper than the lines
  around it or opening with a bullet, and after a line clearly shorter than its column.  A
  justified column wraps every line at one width; a ragged one anywhere between a lower width
  and its full width (``_wrap_width``), so a line is short only below both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cnews_ie.normalize import matching_view
from cnews_ie.patterns import (
    ARTICLE_START,
    CJK_WORD,
    CLOSERS,
    FIGURE,
    ITEM_START,
    NO_LINE_START,
    NO_PARAGRAPH_END,
    SENTENCE_END_CHARS,
    WIDE,
)
from cnews_ie.records import Role

__all__ = [
    "TERMINAL",
    "Line",
    "continues",
    "display_width",
    "join_reason",
    "join_table_rows",
    "terminated",
]

TERMINAL = SENTENCE_END_CHARS + "…；;"
_FIGURE_REACH = 12  # characters on each side of a line end searched for a figure across it
_WORD_REACH = 4  # characters on each side of a line end segmented for a word across it


@dataclass(slots=True)
class Line:
    pieces: list[tuple[int, int]]  # original [start, end) pieces, in order
    text: str
    role: Role | None = None
    width: int = 0
    dropped: bool = False
    indent: int = 0  # leading spaces the extraction kept (a paragraph's first-line indent)


def display_width(text: str) -> int:
    """Display width: CJK characters and the quotes and dots set between them count 2 (counted
    in runs: one match per run of wide characters, not one string per character)."""
    return len(text) + sum(map(len, _WIDE_RUN.findall(text)))


_WIDE_RUN = re.compile(f"(?:{WIDE.pattern})+")


def terminated(text: str) -> bool:
    stripped = text.rstrip(CLOSERS)
    return bool(stripped) and stripped[-1] in TERMINAL


def _column_width(lines: list[Line], i: int) -> int | None:
    """Typical display width of the body lines around ``i``, if they form a column.

    Each side is measured on its own and the narrower side wins, so a line at the border of
    two columns is not judged against the wider one.
    """
    sides = []
    for window in (range(i - 1, max(-1, i - 5), -1), range(i + 1, min(len(lines), i + 5))):
        widths = sorted(lines[k].width for k in window if lines[k].role is Role.BODY)
        if len(widths) >= 2:
            median = widths[len(widths) // 2]
            if sum(1 for w in widths if 0.8 * median <= w <= 1.2 * median) >= 2:
                sides.append(median)
    if not sides or min(sides) > 80:
        return None
    return min(sides)


def continues(a: Line, b: Line) -> str:
    """The language's reason why line ``b`` goes on with line ``a`` ('' if none): a closing
    mark, comma or % cannot start a line, an opening mark or comma cannot end a paragraph, and
    neither a figure (22⏎80亿元, 12.⏎6%, 1300万⏎美元) nor a word (投资⏎额) stops at a line end."""
    if b.text[0] in NO_LINE_START:
        return "closing_mark"
    if a.text[-1] in NO_PARAGRAPH_END:
        return "open_mark"
    tail = matching_view(a.text[-_FIGURE_REACH:])
    window = tail + matching_view(b.text[:_FIGURE_REACH])
    for m in FIGURE.finditer(window):
        if m.start() < len(tail) < m.end() and any(c.isdigit() for c in tail[m.start() :]):
            return "number"
    return "word" if _word_across(a.text, b.text) else ""


def _word_across(a: str, b: str) -> bool:
    """Whether a word of Han characters in jieba's dictionary runs across the end of line ``a``
    into line ``b`` (投资⏎额达, 控制⏎关系)."""
    from cnews_ie.backends.jieba_backend import dictionary_words

    left, right = a[-_WORD_REACH:], b[:_WORD_REACH]
    if not (left and right and CJK_WORD.fullmatch(left[-1]) and CJK_WORD.fullmatch(right[0])):
        return False
    at = 0
    for word in dictionary_words(left + right):
        if at < len(left) < at + len(word):
            return CJK_WORD.fullmatch(word) is not None
        at += len(word)
    return False


def _wrap_width(lines: list[Line], i: int) -> int | None:
    """The narrowest width the lines around ``i`` wrap at, if they form a column.

    A justified column wraps every line at its width; a ragged one anywhere between a lower
    width and its full width, so a line is only clearly short below the lowest of them.  Lines
    under half the median are paragraph ends or headings, not wraps; from the rest, the lowest
    width is estimated as the narrowest less the mean gap between them (the estimator of a
    uniform minimum), since a few lines rarely show the narrowest wrap itself.
    """
    window = range(max(0, i - 4), min(len(lines), i + 5))
    widths = sorted(lines[k].width for k in window if k != i and lines[k].role is Role.BODY)
    if len(widths) < 3:
        return None
    median = widths[len(widths) // 2]
    wraps = [w for w in widths if w >= 0.5 * median]
    if len(wraps) < 2:
        return None
    return round(wraps[0] - (wraps[-1] - wraps[0]) / (len(wraps) - 1))


def join_reason(lines: list[Line], i: int, j: int, indents_mark_paragraphs: bool = False) -> str:
    """Why body line ``i`` does not continue into body line ``j`` ('' if it does).

    Lines strictly between ``i`` and ``j`` are headings or credits the sentence runs past.
    Where indents mark the paragraphs, a line without one goes on with the paragraph even
    after a sentence end (a line may be full just there).
    """
    a, b = lines[i], lines[j]
    if b.indent > min(lines[k].indent for k in range(max(0, i - 4), min(len(lines), j + 5))):
        return "indented"  # deeper than the lines around: a paragraph's first line
    if b.text[0] in ITEM_START:
        return "item"
    if ARTICLE_START.match(b.text):
        return "article_start"
    if b.text[0] in NO_LINE_START:
        return ""  # a closing mark, comma or % opens no line: even after a sentence end
    if terminated(a.text) and not a.text.endswith(("；", ";")) and not indents_mark_paragraphs:
        return "terminated"  # a full line may wrap after a semicolon, short ones end below
    reason = _layout_reason(lines, i, j)
    # the language's reasons outweigh the layout's, but not on a line of a word or two (图1)
    if reason and continues(a, b) and not reason.startswith("tiny"):
        return ""
    return reason.removeprefix("tiny_")


def _layout_reason(lines: list[Line], i: int, j: int) -> str:
    a, b = lines[i], lines[j]
    column = _column_width(lines, i)
    # The first line of a printed paragraph lost its two-character indent in extraction.
    prev = lines[i - 1] if i > 0 else None
    indent = 4 if prev is None or prev.role is not Role.BODY or terminated(prev.text) else 0
    width = a.width + indent
    # clearly shorter than its column, and than the narrowest wrap of a ragged one
    if column is not None and column >= 20 and width < 0.8 * column:
        if width < 0.25 * column:
            return "tiny_short_line"
        if width < 0.65 * (_wrap_width(lines, i) or column):
            return "short_line"
    after = lines[j + 1] if j + 1 < len(lines) else None
    after_narrow = after is not None and (
        after.role is not Role.BODY or after.width < 0.45 * a.width
    )
    if a.width <= 80 and b.width < 0.45 * a.width and not terminated(b.text) and after_narrow:
        return "column_change"  # a narrow column (a caption) starts
    if j > i + 1 and column is not None and column <= 40 and b.width > 2 * column:
        return "column_change"  # past a credit, the text goes on in a wider column
    return ""


_CELL = "|"  # the cell separator of a table flattened one row per line


def join_table_rows(lines: list[Line]) -> list[Line]:
    """``lines`` with the rows of ``|`` tables that the layout broke inside a cell made whole.

    In a table whose rows end with ``|`` (ANNOTATION §2), a row piece that does not end with it
    was cut by the layout (全市 | 86.4 | 3.5 | 10⏎0.0 |): it goes on into the next line while the
    two hold no more separators than the table's widest row, the next line holding a separator
    or a figure running across the break (… | 5⏎.5).  A table's width is that of the widest
    lines of its run of lines with a separator, and its rows end with ``|`` where most of those
    do; a run of fewer than two cells is no table.
    """
    out: list[Line] = []
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and _CELL in lines[j].text:
            j += 1
        if j == i:
            out.append(lines[i])
            i += 1
            continue
        run = lines[i:j]
        width = max(line.text.count(_CELL) for line in run)
        widest = [line.text.endswith(_CELL) for line in run if line.text.count(_CELL) == width]
        if width < 2 or 2 * sum(widest) < len(widest):  # no table, or rows that do not end with |
            out.extend(run)
            i = j
            continue
        k = i
        while k < j:
            line, k = lines[k], k + 1
            while not line.text.endswith(_CELL) and k <= j and k < len(lines):
                nxt = lines[k]
                cells = line.text.count(_CELL) + nxt.text.count(_CELL)
                if cells > width or not (_CELL in nxt.text or continues(line, nxt) == "number"):
                    break
                text = line.text + nxt.text
                width_ = display_width(text)
                line = Line(line.pieces + nxt.pieces, text, line.role, width_, indent=line.indent)
                k += 1
            out.append(line)
        i = max(j, k)
    return out
