"""Layout repair: undo newspaper / PDF layout and keep a map back to the caller's text.

Raw page text from PDF extraction has lines broken mid-sentence (with blank lines between),
page-jump notes such as （转5版）, captions and photo credits, vertical one-character lines
(为/民/服/务), letter-spaced lines (占 地 面 积) and blocks printed twice.  ``clean`` rebuilds
paragraphs and headings from that and returns the repaired text with an :class:`OffsetMap`.

This is the only stage that changes the length of the text.  The map is stored as runs
(repaired start, original start, length), so its size grows with the number of line pieces,
not with the number of characters.

Page furniture goes first: footer lines (第 12 页, - 12 -) and bare page numbers next to a
form feed, page-jump notes.  Then lines are joined into blocks (``linebreaks.join_reason``
decides each break, by a named rule):

* a line that ends a sentence (。！？… possibly followed by a closing quote) ends its block,
  unless the next line opens with a closing mark, or indents mark the paragraphs and the next
  line has none;
* headings (markdown ``#``, ``——`` subtitles, the lines right before an article start such as
  本报讯 / 新华社…电 or before a byline, a lone unterminated line, vertical text) and credits
  (bylines, photo credits, names in brackets) are blocks of their own;
* an unterminated body line is joined to the next body line, looking past headings and credits
  that the layout put in the middle of the sentence, unless the next line is indented deeper
  or opens with a bullet, the line is clearly shorter than its column (the end of a paragraph
  or a subheading) or the column width changes abruptly; a break the language rules out (a
  closing mark or comma opening the next line, an opening mark or comma ending this one, a
  figure running across it: 22⏎80亿元) is joined all the same.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import OrderedDict, deque
from dataclasses import dataclass

from cnews_ie.linebreaks import (
    TERMINAL,
    Line,
    display_width,
    join_reason,
    join_table_rows,
    terminated,
)
from cnews_ie.patterns import (
    ARTICLE_START,
    BYLINE,
    CREDIT_TAIL,
    HEADING_MARK,
    INDENT,
    LETTER_SPACED,
    LINE,
    NAMES_IN_BRACKETS,
    NAMES_ONLY,
    PAGE_FOOTER,
    PAGE_JUMP,
    PAGE_NUMBER,
    SENTENCE_END,
    SUBTITLE,
)
from cnews_ie.records import Role

__all__ = ["Block", "Cleaned", "OffsetMap", "clean"]

_SHINGLE = 8
_MIN_RUN = 4  # shingles in a row: 11 characters printed again
_WINDOW_CHARS = 200_000


@dataclass(frozen=True, slots=True)
class OffsetMap:
    """Maps offsets in the repaired text back to the caller's text."""

    clean_starts: tuple[int, ...]
    orig_starts: tuple[int, ...]
    lengths: tuple[int, ...]
    original_length: int

    def to_original(self, pos: int) -> int:
        """Original offset of the repaired character at ``pos``."""
        starts = self.clean_starts
        if not starts:
            return 0
        i = max(bisect_right(starts, pos) - 1, 0)
        inside, length = pos - starts[i], self.lengths[i]
        at = self.orig_starts[i] + (inside if inside < length else length)
        return at if at < self.original_length else self.original_length

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original ``[start, end)`` covering the repaired ``[start, end)``."""
        if end <= start:
            p = self.to_original(start)
            return p, p
        return self.to_original(start), self.to_original(end - 1) + 1


@dataclass(frozen=True, slots=True)
class Block:
    """A repaired paragraph, heading or credit: ``[start, end)`` in the repaired text."""

    start: int
    end: int
    role: Role


@dataclass(frozen=True, slots=True)
class Cleaned:
    text: str
    offsets: OffsetMap
    blocks: tuple[Block, ...]


def _cut(line: Line, original: str, spans: list[tuple[int, int]]) -> Line:
    """Remove the ``[start, end)`` spans (offsets into line.text) from a line."""
    pieces: list[tuple[int, int]] = []
    # map line-text positions to original positions piece by piece
    cursor = 0
    cuts = sorted(spans)
    for a, b in line.pieces:
        length = b - a
        seg_start = cursor
        keep_from = a
        for cs, ce in cuts:
            lo, hi = max(cs, seg_start), min(ce, seg_start + length)
            if lo < hi:
                if a + (lo - seg_start) > keep_from:
                    pieces.append((keep_from, a + (lo - seg_start)))
                keep_from = a + (hi - seg_start)
        if keep_from < b:
            pieces.append((keep_from, b))
        cursor += length
    text = "".join(original[a:b] for a, b in pieces)
    return Line(pieces, text, line.role)


def _furniture(original: str, start: int, end: int, text: str) -> bool:
    """A page footer (第 12 页), or a bare page number printed at a page boundary."""
    if PAGE_FOOTER.match(text):
        return True
    if not PAGE_NUMBER.match(text):
        return False
    before = original[max(0, start - 8) : start].rstrip(" \t\u3000\n\r")
    after = original[end : end + 8].lstrip(" \t\u3000\n\r")
    return before.endswith("\f") or after.startswith("\f")


def _split_lines(original: str) -> list[Line]:
    lines: list[Line] = []
    for m in LINE.finditer(original):
        a, b = m.span()
        indent = INDENT.match(original, a, b)
        while a < b and original[a].isspace():
            a += 1
        while b > a and original[b - 1].isspace():
            b -= 1
        if a == b or _furniture(original, m.start(), m.end(), original[a:b]):
            continue
        line = Line([(a, b)], original[a:b])
        raw_width = display_width(line.text)
        mark = HEADING_MARK.match(line.text)
        if mark:
            line = Line([(a + mark.end(), b)], original[a + mark.end() : b], Role.HEADING)
        cuts = [j.span() for j in PAGE_JUMP.finditer(line.text)]
        cuts += [
            (s.start() + k, s.start() + k + 1)
            for s in LETTER_SPACED.finditer(line.text)
            for k in range(1, s.end() - s.start(), 2)
        ]
        if cuts:
            line = _cut(line, original, cuts)
            line.text = line.text.strip()
            if not line.text:
                continue
            if line.text != "".join(original[p:q] for p, q in line.pieces):
                line = _cut(line, original, [])  # re-derive text from pieces after strip
        line.width = raw_width
        line.indent = indent.end() - indent.start() if indent else 0
        lines.append(line)
    return lines


def _merge_vertical(lines: list[Line]) -> list[Line]:
    """Runs of three or more one-character lines are a vertical heading (为/民/服/务)."""
    out: list[Line] = []
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and len(lines[j].text) == 1 and lines[j].role is None:
            j += 1
        if j - i >= 3:
            run = lines[i:j]
            text = "".join(ln.text for ln in run)
            merged = Line(
                [p for ln in run for p in ln.pieces], text, Role.HEADING, display_width(text)
            )
            out.append(merged)
            i = j
        else:
            out.append(lines[i])
            i += 1
    return out


def _drop_repeats(lines: list[Line]) -> None:
    """Mark lines that repeat earlier text (blocks printed twice by the extraction).

    A line of 20+ characters is a repeat when 80 % of it is covered by runs of at least
    ``_MIN_RUN`` consecutive 8-character shingles that also followed each other at their last
    occurrence in the preceding window of text: text printed again, even with its lines broken
    elsewhere.  Shingles merely seen before, in any order, are not enough: distinct sentences
    on one template (a county table, a communiqué) share most of their shingles.  A shorter
    line is a repeat when it equals an earlier line and sits next to another repeat.  The
    window bounds memory and time on very long inputs.
    """
    if len(lines) < 2:
        return  # a text of one line (a headline, a sentence) repeats nothing
    last: dict[str, int] = {}  # shingle -> its last position (a str caches its own hash)
    window: deque[tuple[int, list[str]]] = deque()  # (first position, shingles) of each line
    seen_lines: OrderedDict[str, None] = OrderedDict()
    repeat = [False] * len(lines)
    position = 0
    for i, line in enumerate(lines):
        text = line.text
        shingles = [text[k : k + _SHINGLE] for k in range(len(text) - _SHINGLE + 1)]
        if len(text) >= 20 and shingles:
            covered = [False] * len(text)
            run = 0
            # last positions looked up at C speed; a run of _MIN_RUN seen shingles holds one
            # at every _MIN_RUN-th place, so a line with none seen there (most lines) has no
            # run and needs no further look-up nor step per shingle
            probe = shingles[::_MIN_RUN]
            seen = [] if last.keys().isdisjoint(probe) else list(map(last.get, shingles))
            for k in range(len(seen)) if seen.count(None) < len(seen) else ():
                here = seen[k]
                if here is None:
                    run = 0
                    continue
                run = run + 1 if run and seen[k - 1] == here - 1 else 1
                if run >= _MIN_RUN:  # the run's shingles, back to its first, are a repeat
                    for c in range(k - run + 1 if run == _MIN_RUN else k, k + _SHINGLE):
                        covered[c] = True
            repeat[i] = sum(covered) >= 0.8 * len(text)
        elif len(text) >= 4:
            repeat[i] = text in seen_lines
        last.update(zip(shingles, range(position, position + len(shingles)), strict=True))
        window.append((position, shingles))
        position += len(shingles) + _SHINGLE  # no run continues across a line end
        seen_lines[text] = None
        # forget the shingles of lines that left the window (unless seen again since)
        while window and window[0][0] < position - _WINDOW_CHARS:
            start, old = window.popleft()
            for k, h in enumerate(old):
                if last.get(h) == start + k:
                    del last[h]
        while len(seen_lines) > _WINDOW_CHARS // 20:
            seen_lines.popitem(last=False)
    for i, line in enumerate(lines):
        long_enough = len(line.text) >= 20
        neighbour = (i > 0 and repeat[i - 1]) or (i + 1 < len(lines) and repeat[i + 1])
        line.dropped = repeat[i] and (long_enough or neighbour)


def _several_sentences(text: str) -> bool:
    """Whether a sentence end stands before the end of ``text`` (more than one sentence)."""
    tail = len(text.rstrip())
    return any(m.end() < tail for m in SENTENCE_END.finditer(text))


def _assign_roles(lines: list[Line]) -> None:
    for i, line in enumerate(lines):
        if line.role is not None:
            continue
        text = line.text
        if text.count("|") >= 2:
            line.role = Role.HEADING  # a table row (指标 | 绝对量(亿元) |): never joined
        elif SUBTITLE.match(text) and not _several_sentences(text):
            # ——记…: a subtitle; a paragraph that opens with a dashed lead-in
            # (——园区经济稳中有进。前三季度，…) is body text
            line.role = Role.HEADING
        elif ARTICLE_START.match(text):
            line.role = Role.BODY
        elif (
            NAMES_IN_BRACKETS.match(text)
            or (len(text) <= 40 and BYLINE.match(text))
            or (len(text) <= 80 and CREDIT_TAIL.search(text) and not terminated(text))
            or (i > 0 and lines[i - 1].role is Role.CREDIT and NAMES_ONLY.match(text))
        ):
            line.role = Role.CREDIT
    # Short unterminated lines right before an article start or a byline are its headline.
    for i, line in enumerate(lines):
        starts_article = line.role is Role.BODY and ARTICLE_START.match(line.text)
        if not (starts_article or (line.role is Role.CREDIT and BYLINE.match(line.text))):
            continue
        j = i - 1
        while j >= 0 and i - j <= 3 and lines[j].role in (None, Role.HEADING):
            if lines[j].role is None and (terminated(lines[j].text) or len(lines[j].text) > 40):
                break
            lines[j].role = Role.HEADING
            j -= 1
    for line in lines:
        if line.role is None:
            line.role = Role.BODY


def _build_blocks(lines: list[Line]) -> list[tuple[list[Line], Role]]:
    kept = [ln for ln in lines if not ln.dropped]
    # Indents mark the paragraphs when some body lines have one and most do not.
    indented = sum(1 for ln in kept if ln.indent and ln.role is Role.BODY)
    marked = 0 < indented <= 0.5 * sum(1 for ln in kept if ln.role is Role.BODY)
    blocks: list[tuple[list[Line], Role]] = []
    pending: list[Line] = []  # headings/credits skipped inside a running sentence
    current: list[Line] = []
    i = 0
    while i < len(kept):
        line = kept[i]
        if line.role is not Role.BODY:
            blocks.append(([line], line.role or Role.HEADING))
            i += 1
            continue
        current = [line]
        while True:
            k = i + 1
            skipped: list[Line] = []
            while k < len(kept) and kept[k].role is not Role.BODY and len(skipped) < 3:
                skipped.append(kept[k])
                k += 1
            if k >= len(kept) or kept[k].role is not Role.BODY or join_reason(kept, i, k, marked):
                break
            if skipped and ARTICLE_START.match(kept[k].text):
                break
            pending.extend(skipped)
            current.append(kept[k])
            i = k
        role = Role.BODY
        if len(current) == 1 and set(current[0].text).isdisjoint(TERMINAL):
            role = Role.HEADING  # a lone line with no sentence end in it: a (sub)heading
        blocks.append((current, role))
        blocks.extend(([p], p.role or Role.HEADING) for p in pending)
        pending = []
        i += 1
    return blocks


def clean(original: str) -> Cleaned:
    """Repair the layout of ``original``.

    >>> c = clean("全市实现地区生产总\\n\\n值620.06亿元。\\n（转5版）\\n")
    >>> c.text
    '全市实现地区生产总值620.06亿元。'
    >>> c.offsets.span(9, 18)
    (11, 20)
    """
    lines = _merge_vertical(join_table_rows(_split_lines(original)))
    _drop_repeats(lines)
    _assign_roles(lines)
    parts: list[str] = []
    clean_starts: list[int] = []
    orig_starts: list[int] = []
    lengths: list[int] = []
    blocks: list[Block] = []
    pos = 0
    for block_lines, role in _build_blocks(lines):
        if blocks:
            parts.append("\n")
            clean_starts.append(pos)
            orig_starts.append(orig_starts[-1] + lengths[-1] if orig_starts else 0)
            lengths.append(0)
            pos += 1
        start = pos
        for line in block_lines:
            for a, b in line.pieces:
                parts.append(original[a:b])
                clean_starts.append(pos)
                orig_starts.append(a)
                lengths.append(b - a)
                pos += b - a
        blocks.append(Block(start, pos, role))
    offsets = OffsetMap(tuple(clean_starts), tuple(orig_starts), tuple(lengths), len(original))
    return Cleaned("".join(parts), offsets, tuple(blocks))
