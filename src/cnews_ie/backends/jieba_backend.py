"""jieba backend: segmentation and a fast, low-accuracy entity fallback from POS tags.

jieba's part-of-speech tags (nr person, ns place, nt organisation) score about 0.59 F1 on news
NER; use it where speed matters more than accuracy, or as a reference.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from typing import Any

from cnews_ie.backends import Tagged
from cnews_ie.normalize import matching_view

__all__ = ["JiebaBackend", "jieba_module", "tagged_words"]

_TAGS = {"nr": "PER", "nrfg": "PER", "nrt": "PER", "ns": "LOC", "nt": "ORG"}
_LOCK = threading.Lock()


def jieba_module() -> Any:
    """jieba with its dictionary and POS tables loaded, once per process, quietly."""
    with _LOCK:
        import jieba
        import jieba.posseg

        if not getattr(jieba_module, "_ready", False):
            jieba.setLogLevel(logging.WARNING)
            jieba.initialize()
            jieba_module._ready = True  # type: ignore[attr-defined]
    return jieba


def tagged_words(fragment: str) -> list[tuple[str, str]]:
    """(word, part of speech) of ``fragment``: jieba's dictionary segmentation (no HMM pass) and
    the POS its dictionary gives each word; Latin words are ``eng``, digits ``m``, other words
    outside the dictionary ``x``.  Several times faster than ``jieba.posseg`` on short text."""
    jieba = jieba_module()
    tags = jieba.posseg.dt.word_tag_tab
    out = []
    for word in jieba.lcut(fragment, HMM=False):
        flag = tags.get(word)
        if flag is None:
            flag = "eng" if word.isascii() and word.isalpha() else "m" if word.isdigit() else "x"
        out.append((word, flag))
    return out


class JiebaBackend:
    name = "jieba"

    def __init__(self) -> None:
        self._posseg: Any = None

    def _load(self) -> Any:
        if self._posseg is None:
            self._posseg = jieba_module().posseg
        return self._posseg

    def segment(self, sentence: str) -> list[str]:
        """Words of ``sentence`` (concatenating them gives the sentence back)."""
        self._load()
        import jieba

        words: list[str] = jieba.lcut(sentence, HMM=True)
        return words

    def tag(self, sentences: Sequence[str]) -> list[Tagged]:
        posseg = self._load()
        out = []
        for sentence in sentences:
            # tag the matching view (jieba's dictionary is half-width), cut the sentence itself
            pairs = [(p.word, p.flag) for p in posseg.cut(matching_view(sentence))]
            tokens, at = [], 0
            for word, _ in pairs:
                tokens.append(sentence[at : at + len(word)])
                at += len(word)
            entities = tuple(
                (_TAGS[flag], i, i + 1) for i, (_, flag) in enumerate(pairs) if flag in _TAGS
            )
            out.append(Tagged(tuple(tokens), entities))
        return out
