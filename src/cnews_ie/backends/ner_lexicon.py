"""The lexicon-match features of the shipped NER model (no torch, no HanLP).

A 30-bit vector per character (SoftLexicon-style, Ma et al. 2020, reduced to categories): for
each word of the model's lexicon that covers the character, a bit for (position of the character
in the word: B/M/E) x (each category of the word).  Categories come from jieba's ``dict.txt`` POS
tags (person / place / organisation / other proper noun / noun / verb / other) and, for models
trained with the gazetteer, from the training corpora's entity strings (person / place /
organisation); a model without the latter reads 21 bits.  The lexicon is stored beside the
weights as ``lexicon.tsv.gz`` (written by ``training/ner_trainer.py``, read by
:meth:`cnews_ie.backends.ner_model.LexiconCharNER.load`).
"""

from __future__ import annotations

import gzip
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

__all__ = [
    "BASE_CATEGORIES",
    "CATEGORIES",
    "GAZETTEER_CATEGORY",
    "LEXICON_FILENAME",
    "N_POSITIONS",
    "Lexicon",
    "jieba_tag_to_category",
]

LEXICON_FILENAME = "lexicon.tsv.gz"

#: Lexicon word categories (index = category id used in the bit vector).  The first seven come
#: from jieba's POS tags; the last three mark entity strings of the training corpora (a
#: gazetteer built by ``training/ner_data.entity_gazetteers``).  A model reads the first
#: ``config.lex_categories`` of them (7 for models trained without the gazetteer).
CATEGORIES = ("PER", "LOC", "ORG", "NZ", "N", "V", "OTHER", "TRAIN_PER", "TRAIN_LOC", "TRAIN_ORG")
BASE_CATEGORIES = 7
#: category of a training-corpus entity of type PER / LOC / ORG
GAZETTEER_CATEGORY = {"PER": 7, "LOC": 8, "ORG": 9}
N_POSITIONS = 3  # B, M, E of a word of length >= 2


def jieba_tag_to_category(tag: str) -> int:
    """Map a jieba/PKU POS tag to a lexicon category id."""
    if tag.startswith("nr"):
        return 0
    if tag == "ns":
        return 1
    if tag == "nt":
        return 2
    if tag == "nz":
        return 3
    if tag.startswith("n") or tag == "j":
        return 4
    if tag.startswith("v"):
        return 5
    return 6


class Lexicon:
    """Words, each with one or more categories, and a prefix map for fast maximal matching.

    ``entries`` maps a word to a category id or to several; ``n_categories`` is the width of one
    position block of the bit vector (bit = position * n_categories + category).
    """

    def __init__(
        self,
        entries: Mapping[str, int | Iterable[int]],
        max_word_len: int = 10,
        n_categories: int = BASE_CATEGORIES,
    ) -> None:
        # one shared frozenset and one shared bits tuple per distinct category set: a few
        # dozen objects for 350,000 words, not two per word (95 MB more)
        shared: dict[frozenset[int], frozenset[int]] = {}
        self.entries: dict[str, frozenset[int]] = {}
        for w, c in entries.items():
            if 2 <= len(w) <= max_word_len:
                cats = frozenset((c,) if isinstance(c, int) else c)
                if max(cats) >= n_categories:
                    raise ValueError(f"category {max(cats)} of {w!r} >= {n_categories}")
                self.entries[w] = shared.setdefault(cats, cats)
        self.max_word_len = max_word_len
        self.n_categories = n_categories
        # every prefix of 2+ characters of a word -> 0 if it is not itself a word, else the
        # word's (B, M, E) bits: one dict look-up per step of the maximal-match scan
        trie: dict[str, Any] = {}
        for w in self.entries:
            for k in range(2, len(w)):
                trie.setdefault(w[:k], 0)
        bits = {
            cats: (mask, mask << n_categories, mask << (2 * n_categories))
            for cats in shared
            for mask in [sum(1 << c for c in cats)]
        }
        for w, cats in self.entries.items():
            trie[w] = bits[cats]
        self._trie = trie

    @property
    def prefixes(self) -> Mapping[str, Any]:
        """Every prefix of two or more characters of a word: 0, or the word's (B, M, E) bits
        where the prefix is itself a word (``ner_features.LexiconIndex`` reads it)."""
        return self._trie

    @classmethod
    def read(cls, path: str, n_categories: int = BASE_CATEGORIES) -> Lexicon:
        """Read ``word TAB category`` lines; a word on several lines has several categories."""
        entries: dict[str, int | tuple[int, ...]] = {}  # no set per word: memory stays low
        with gzip.open(path, "rt", encoding="utf-8") as f:
            for line in f:
                w, _, c = line.rstrip("\n").partition("\t")
                if w:
                    before = entries.get(w)
                    if before is None:
                        entries[w] = int(c)
                    else:
                        entries[w] = (*((before,) if isinstance(before, int) else before), int(c))
        return cls(entries, n_categories=n_categories)

    def write(self, path: str) -> None:
        # mtime=0 keeps the file byte-identical between runs.
        with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as gz:
            data = "".join(
                f"{w}\t{c}\n" for w, cats in sorted(self.entries.items()) for c in sorted(cats)
            )
            gz.write(data.encode("utf-8"))

    def features(self, chars: Sequence[str]) -> list[int]:
        """One int bitmask per character (bit = position * n_categories + category)."""
        n = len(chars)
        bits = [0] * n
        s = "".join(chars)
        # one character per token (n non-empty tokens, n characters), checked at C speed
        if len(s) != n or "" in chars:  # multi-char tokens: no lexicon matching
            return bits
        get, max_len = self._trie.get, self.max_word_len
        for i in range(n - 1):
            j = i + 2
            found = get(s[i:j])
            limit = min(n, i + max_len)
            while found is not None:
                if found:  # s[i:j] is a word
                    b, m, e = found
                    bits[i] |= b
                    for k in range(i + 1, j - 1):
                        bits[k] |= m
                    bits[j - 1] |= e
                if j >= limit:
                    break
                j += 1
                found = get(s[i:j])
        return bits
