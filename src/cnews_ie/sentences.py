"""Sentence spans inside the repaired blocks.

A body block is split after 。！？!? and …… (with any closing quotes or brackets that follow);
headings and credits are one sentence each.  Spans are in the repaired text; the pipeline maps
them back to the caller's text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from cnews_ie.clean import Block
from cnews_ie.records import Role

__all__ = ["split_sentences"]

_END = re.compile(r"(?:[。！？!?]+|…{1,2}|\.{3,6})[”’」』）)》\"']*")


def split_sentences(text: str, blocks: tuple[Block, ...]) -> Iterator[tuple[int, int, Role]]:
    """Yield ``(start, end, role)`` for each sentence of each block.

    >>> from cnews_ie.clean import clean
    >>> c = clean("他说：“好。”然后走了！还有")
    >>> [c.text[s:e] for s, e, _ in split_sentences(c.text, c.blocks)]
    ['他说：“好。”', '然后走了！', '还有']
    """
    for block in blocks:
        if block.role is not Role.BODY:
            yield block.start, block.end, block.role
            continue
        start = block.start
        for m in _END.finditer(text, block.start, block.end):
            end = m.end()
            if text[start:end].strip():
                yield start, end, Role.BODY
            start = end
        if start < block.end and text[start : block.end].strip():
            yield start, block.end, Role.BODY
