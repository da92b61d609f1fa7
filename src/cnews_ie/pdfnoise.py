"""A seeded transform that lays a clean text out the way a PDF text layer does, offsets mapped along.

Evaluation tooling for ``python -m cnews_ie.evaluate facts --pdf-noise``: the development sets in
``../shared/facts/`` are clean web text, the main job reads PDF text layers.  ``pdf_noise``
re-wraps a text as an extractor such as ``pdftotext`` gives it: a line break every 20–40
characters (also inside numbers and names), a blank line after each line, and about every 1,500
characters a page footer (``第 12 页``) and a form feed.  Every character of the text is kept, in
order; ``Noised.positions`` says where each one went, so gold offsets can be mapped along
(``noise_record``); a mapped figure surface keeps whatever was inserted inside it, as
ANNOTATION.md §2 says a surface broken across lines does.

Not imported by ``import cnews_ie``.

>>> noised = pdf_noise("全市实现地区生产总值620.06亿元，增长13.6%。" * 3, seed=1)
>>> noised.text.count("\\n\\n") >= 3
True
>>> start, end = noised.span(10, 18)
>>> noised.text[start:end].replace("\\n", "")
'620.06亿元'
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

__all__ = ["Noised", "noise_record", "pdf_noise"]

LINE_WIDTH = (20, 40)  # characters per line, drawn afresh for each line
PAGE_CHARS = (1300, 1700)  # characters of output per page, drawn afresh for each page
FIRST_PAGE = (1, 24)  # the first page number: a text is one article of some page of an issue


@dataclass(frozen=True, slots=True)
class Noised:
    """A noised text and, for each character ``i`` of the original, its index ``positions[i]``."""

    text: str
    positions: tuple[int, ...]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The half-open span of the noised text that holds the original ``[start, end)``,
        including anything inserted between its first and last characters."""
        if start >= end:
            at = self.positions[start] if start < len(self.positions) else len(self.text)
            return at, at
        return self.positions[start], self.positions[end - 1] + 1

    def inserted(self) -> set[int]:
        """Indices of the noised text that the layout inserted (breaks, footers, form feeds)."""
        return set(range(len(self.text))) - set(self.positions)


def pdf_noise(text: str, seed: int | str = 0) -> Noised:
    """Re-wrap ``text`` like a PDF text layer, reproducibly for one ``seed``.

    An existing line break is kept and followed by a blank line; a line that runs to its drawn
    width (20–40 characters) is broken there, wherever that falls.  A page ends at the first line
    end after its drawn length, with a footer line ``第 N 页``, a blank line and a form feed.

    >>> pdf_noise("甲乙", seed=0).text
    '甲乙'
    >>> noised = pdf_noise("一" * 45, seed=0)
    >>> [len(line) for line in noised.text.split("\\n")]
    [33, 0, 12]
    """
    rng = random.Random(seed)
    out: list[str] = []
    positions: list[int] = []
    size = 0
    page = rng.randint(*FIRST_PAGE)
    page_end = rng.randint(*PAGE_CHARS)
    line, width = 0, rng.randint(*LINE_WIDTH)

    def emit(piece: str) -> None:
        nonlocal size
        out.append(piece)
        size += len(piece)

    def end_line() -> None:
        nonlocal line, width, page, page_end
        line, width = 0, rng.randint(*LINE_WIDTH)
        if size >= page_end:
            emit(f"第 {page} 页\n\n\f")
            page += 1
            page_end = size + rng.randint(*PAGE_CHARS)

    for i, char in enumerate(text):
        positions.append(size)
        if char == "\n":
            emit("\n\n")
            end_line()
            continue
        emit(char)
        line += 1
        if line >= width and i + 1 < len(text) and text[i + 1] != "\n":
            emit("\n\n")
            end_line()
    return Noised("".join(out), tuple(positions))


def noise_record(record: Mapping[str, Any], seed: int = 0) -> dict[str, Any]:
    """A gold record of the shared schema (ANNOTATION.md §1) with its text noised and every
    figure's ``start``, ``end`` and ``text`` mapped along; entity lists are names, unchanged.

    The seed of each record is ``f"{seed}/{record['id']}"``, so one record noises the same way
    whichever file or order it comes in.

    >>> gold = {"id": "x", "text": "总投资16亿元。", "figures": [
    ...     {"text": "16亿元", "start": 3, "end": 7}]}
    >>> noisy = noise_record(gold, seed=3)
    >>> figure = noisy["figures"][0]
    >>> noisy["text"][figure["start"]:figure["end"]] == figure["text"]
    True
    """
    noised = pdf_noise(record["text"], f"{seed}/{record['id']}")
    figures = []
    for figure in record["figures"]:
        start, end = noised.span(figure["start"], figure["end"])
        figures.append({**figure, "start": start, "end": end, "text": noised.text[start:end]})
    return {**record, "text": noised.text, "figures": figures}
