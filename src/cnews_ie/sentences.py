"""Sentence spans inside the repaired blocks.

A body block is split after 。！？!? and …… (with any closing quotes or brackets that follow);
headings and credits are one sentence each.  Spans are in the repaired text; the pipeline maps
them back to the caller's text.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from cnews_ie.clean import Block
from cnews_ie.patterns import COMMAS, SENTENCE_END, SENTENCE_END_CHARS
from cnews_ie.records import Role

__all__ = ["MAX_PIECE", "clause_pieces", "split_sentences"]


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
        for m in SENTENCE_END.finditer(text, block.start, block.end):
            end = m.end()
            if text[start:end].strip():
                yield start, end, Role.BODY
            start = end
        if start < block.end and text[start : block.end].strip():
            yield start, block.end, Role.BODY


# An over-long sentence goes to the NER model in pieces: cut after the last sentence end in the
# second half of the window, else after the last comma or 、, else at the limit.  The training
# sentences of the shipped model were cut with this same rule, at MAX_PIECE characters (its
# config's max_train_len), and the model cuts what it reads at the same length
# (``LexiconCharNER.predict_data``); the HanLP backend cuts at it for any other HanLP model.  A
# longer "sentence" (a line of clauses with no full stop, a run of digits) would make a BiLSTM
# run with batch size 1 (ten times slower here) over text unlike its training data.
MAX_PIECE = 250
_CUT_FIRST = frozenset(SENTENCE_END_CHARS + "；;")
_CUT_SECOND = frozenset(COMMAS)


def clause_pieces(chars: Sequence[str], limit: int) -> list[tuple[int, int]]:
    """``[start, end)`` pieces of ``chars`` (a string or a list of characters) of at most
    ``limit`` characters each; ``limit`` 0 means no cut.

    >>> clause_pieces("一二三四五，六七八九十一二", 8)
    [(0, 6), (6, 13)]
    """
    n = len(chars)
    spans, start = [], 0
    while limit and n - start > limit:
        window = range(start + limit, start + limit // 2, -1)
        cut = next((k for k in window if chars[k - 1] in _CUT_FIRST), 0)
        cut = cut or next((k for k in window if chars[k - 1] in _CUT_SECOND), start + limit)
        spans.append((start, cut))
        start = cut
    spans.append((start, n))
    return spans
