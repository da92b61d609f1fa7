"""The same-length matching view of a text.

Patterns and the NER model read a *view* of the text in which full-width digits, Latin letters
and ASCII-like symbols (U+FF01–U+FF5E) are mapped one character to one character onto their
ASCII forms (the map Recognizers-Text uses).  Because the view has exactly the length of its
input, an offset found on the view is an offset into the input.  NFKC is never applied to a
whole string: it changes lengths (and would turn ``㎡`` into ``m2``).

One small form variant joins them: U+FE52 ``﹒``, the small full stop that GB-encoded news
writes as a decimal point between full-width digits (``８４﹒６３亿元``), maps to ``.``.

Two characters keep their full-width form: the ideographic comma-like ``，`` (U+FF0C), which in
Chinese text is always punctuation, never a thousands separator, and U+3000, the ideographic
space, which the NER corpora keep as a non-whitespace character.

The same function is used when training the NER model and at inference time.  Its one regex
(the full-width range) lives here, not in ``patterns.py``: training code builds the view without
compiling the figure patterns.
"""

from __future__ import annotations

__all__ = ["matching_view"]

import re

_KEEP = {0xFF0C}
_SMALL_FULL_STOP = 0xFE52
_TABLE = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F) if cp not in _KEEP}
_TABLE[_SMALL_FULL_STOP] = ord(".")
_FULL_WIDTH = re.compile("[\uff01-\uff0b\uff0d-\uff5e\ufe52]+")  # a run of the forms _TABLE maps


def _half_width(run: re.Match[str]) -> str:
    return run.group().translate(_TABLE)


def matching_view(text: str) -> str:
    """Return ``text`` with full-width ASCII forms mapped to half-width, length unchanged.

    >>> matching_view("６２０．０６亿元，增长１３．６％")
    '620.06亿元，增长13.6%'
    >>> matching_view("８４﹒６３亿元")
    '84.63亿元'
    >>> len(matching_view("ＡＢＣ１２３")) == len("ＡＢＣ１２３")
    True
    """
    if _FULL_WIDTH.search(text) is None:  # modern text rarely has any: skip the copy
        return text
    # only the runs are translated: a translation table is looked up for every character of
    # a text, and a page has a few dozen full-width forms in thousands of characters
    return _FULL_WIDTH.sub(_half_width, text)
