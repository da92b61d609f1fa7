"""Segmentation and NER backends behind one Protocol.

A backend tags a batch of sentences and returns, per sentence, its tokens and the entities as
half-open *token* index spans.  :func:`char_spans` turns those into character offsets; it is the
only place where token offsets become character offsets.

Backends: :class:`~cnews_ie.backends.jieba_backend.JiebaBackend` (fast, low accuracy: POS tags
nr/ns/nt) and :class:`~cnews_ie.backends.hanlp_backend.HanLPBackend` (the shipped model, or any
HanLP NER model by path or identifier).  Both import their libraries lazily.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate
from typing import Protocol, runtime_checkable

__all__ = ["LABELS", "Backend", "Tagged", "char_spans"]

LABELS = ("PER", "LOC", "ORG")


@dataclass(frozen=True, slots=True)
class Tagged:
    """One sentence as a backend saw it: tokens, and entities as (label, first, end) token spans."""

    tokens: tuple[str, ...]
    entities: tuple[tuple[str, int, int], ...]


@runtime_checkable
class Backend(Protocol):
    """What the pipeline needs from an NER backend."""

    name: str

    def tag(self, sentences: Sequence[str]) -> list[Tagged]:
        """Tag each sentence; one result per sentence, in order.  Labels are in LABELS."""
        ...


def char_spans(sentence: str, tagged: Tagged) -> list[tuple[str, int, int]]:
    """Entities of ``tagged`` as (label, start, end) character offsets into ``sentence``.

    >>> char_spans("市委书记王方太说", Tagged(("市委", "书记", "王方太", "说"), (("PER", 2, 3),)))
    [('PER', 4, 7)]
    """
    if "".join(tagged.tokens) != sentence:
        raise ValueError("backend tokens do not cover the sentence exactly")
    if len(tagged.tokens) == len(sentence) and "" not in tagged.tokens:
        starts: Sequence[int] = range(len(sentence) + 1)  # a character a token (the model's)
    else:
        starts = [0, *accumulate(map(len, tagged.tokens))]
    return [
        (label, starts[first], starts[end])
        for label, first, end in tagged.entities
        if 0 <= first < end <= len(tagged.tokens)
    ]
