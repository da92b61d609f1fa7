"""The project's one BIO decoder: tag sequences to ``(type, start, end)`` spans.

Used on the model's output (:mod:`cnews_ie.backends.ner_model`), on the gold tags of the
evaluation corpora (:mod:`cnews_ie.evaluate`) and on the training data (``training/``).  It
follows HanLP's ``bio_tags_to_spans`` (pinned by a property test in
``tests/test_hanlp_component.py``): an ``I-`` tag that does not continue a span of its type opens
a new span.  Imports nothing heavy.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import compress

__all__ = ["bio_spans"]


def bio_spans(tags: Sequence[str]) -> list[tuple[str, int, int]]:
    """(type, start, end) of the spans of a BIO sequence, ``end`` exclusive, by start: the spans
    of HanLP's ``bio_tags_to_spans``, which also opens a span at an ``I-`` that does not continue
    one, without a Python step per ``O`` tag.

    >>> bio_spans(["B-PER", "I-PER", "O", "I-LOC", "B-ORG", "I-LOC"])
    [('PER', 0, 2), ('LOC', 3, 4), ('ORG', 4, 5), ('LOC', 5, 6)]
    """
    spans: list[tuple[str, int, int]] = []
    label, start, last = "", -1, -2
    for i in compress(range(len(tags)), map("O".__ne__, tags)):
        tag = tags[i]
        if i == last + 1 and tag[0] == "I" and tag[2:] == label:
            last = i
            continue
        if start >= 0:
            spans.append((label, start, last + 1))
        label, start, last = tag[2:], i, i
    if start >= 0:
        spans.append((label, start, last + 1))
    return spans
