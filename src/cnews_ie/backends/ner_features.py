"""The NER model's inputs for many pieces at once, in numpy (no Python step per character).

:meth:`~cnews_ie.backends.ner_model.LexiconCharNER._featurize` builds one sample's features
with a dictionary look-up per character, per bigram and per step of the lexicon scan: at
prediction that was a fifth of the model's time.  :class:`BatchFeatures` gives the same ids for
all the pieces of a model call together: the pieces' characters become one array of code points,
and every look-up is a binary search over a sorted array of integer keys, or for characters an
index into a table.

* **characters**: a one-character token's key is its code point, the index of its id in a table;
* **bigrams**: ``left << 21 | right`` (code points fit in 21 bits), with :data:`BOS` for the
  ``<S>`` before a piece's first character and :data:`EOS` for the ``</S>`` after its last;
* **lexicon bits** (:class:`LexiconIndex`): every word of the lexicon that occurs in a piece, by
  length.  Each prefix of two or more characters of a lexicon word gets an id (its rank among
  the keys of its length); a prefix of length ``n + 1`` is keyed ``id(prefix of length n) << 21 |
  next code point``, so occurrences are extended one character at a time, only where a shorter
  prefix occurred, as :meth:`~cnews_ie.backends.ner_lexicon.Lexicon.features` scans.

Keys larger than a code point are found in a hash table of the sorted keys (:class:`KeyTable`:
open addressing, one or two probes a key) rather than by binary search, which took about 18
random reads a key over a page's 200,000 characters.

The ids are exactly those of ``_featurize`` (a test checks it on many sentences).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:  # ner_softlexicon imports this module
    from cnews_ie.backends.ner_softlexicon import SoftLexicon

__all__ = ["BOS", "EOS", "BatchFeatures", "KeyTable", "LexiconIndex", "TokenIndex", "codepoints"]

#: the keys of ``<S>`` and ``</S>`` in a bigram: past the last code point (0x10FFFF)
BOS, EOS = 0x110000, 0x110001
_SHIFT = np.uint64(21)


def codepoints(text: str) -> np.ndarray:
    """The code points of ``text`` (uint64; a lone surrogate is its own code point)."""
    raw = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4")
    return raw.astype(np.uint64)


#: a slot of :class:`KeyTable` that holds no key (keys are below 2**42)
_EMPTY = np.uint64(0xFFFF_FFFF_FFFF_FFFF)
_MIX = np.uint64(0x9E37_79B9_7F4A_7C15)  # Fibonacci hashing's multiplier (2**64 / golden ratio)
_HASHED_LEVELS = 2  # LexiconIndex hashes the keys of words' prefixes of 2 and 3 characters


class KeyTable:
    """The rank of each of sorted uint64 keys, found by hashing: a table of at least twice as
    many slots as keys, a key's home slot the top bits of its product with :data:`_MIX`, linear
    probing from there (all queries probe at once, each round only those not yet settled).
    :meth:`rank` gives what a binary search over the sorted keys gives for a key that is one
    (the first of equal keys), and -1 for any other."""

    def __init__(self, keys: np.ndarray) -> None:
        bits = max(3, (2 * len(keys) - 1).bit_length())
        self._shift, self._mask = np.uint64(64 - bits), np.int64((1 << bits) - 1)
        self._keys = np.full(1 << bits, _EMPTY, dtype=np.uint64)
        self._ranks = np.zeros(1 << bits, dtype=np.int32)
        first = np.ones(len(keys), dtype=bool)
        first[1:] = keys[1:] != keys[:-1]
        pending = np.flatnonzero(first)  # the first of equal keys
        slot = self._home(keys[pending])
        while len(pending):  # each round, one key into each empty slot that some key probes
            free = np.flatnonzero(self._keys[slot] == _EMPTY)
            taken, once = np.unique(slot[free], return_index=True)
            placed = pending[free[once]]
            self._keys[taken], self._ranks[taken] = keys[placed], placed
            left = np.ones(len(pending), dtype=bool)
            left[free[once]] = False
            pending, slot = pending[left], (slot[left] + 1) & self._mask

    def _home(self, keys: np.ndarray) -> np.ndarray:
        return ((keys * _MIX) >> self._shift).astype(np.int64)

    def rank(self, query: np.ndarray) -> np.ndarray:
        """The rank of each key of ``query`` among the table's keys, or -1 (int64)."""
        out = np.full(len(query), -1, dtype=np.int64)
        todo, slot = np.arange(len(query)), self._home(query)
        while len(todo):
            held = self._keys[slot]
            hit = held == query
            out[todo[hit]] = self._ranks[slot[hit]]
            on = ~hit & (held != _EMPTY)  # another key there: probe the next slot
            todo, slot, query = todo[on], (slot[on] + 1) & self._mask, query[on]
        return out


class TokenIndex:
    """Integer keys to vocabulary ids; a key not listed gets ``unknown``.  Keys that are code
    points (characters) are looked up in a table indexed by the key, larger ones (bigrams) by
    binary search."""

    def __init__(self, pairs: Mapping[int, int], unknown: int) -> None:
        keys = np.fromiter(pairs.keys(), dtype=np.uint64, count=len(pairs))
        ids = np.fromiter(pairs.values(), dtype=np.int64, count=len(pairs))
        order = np.argsort(keys)
        self.keys, self.ids, self.unknown = keys[order], ids[order], unknown
        #: the id of every key up to the largest, then ``unknown`` for any key past it
        self.table: np.ndarray | None = None
        self.hashed: KeyTable | None = None  # the larger keys' ranks
        if len(keys) and int(self.keys[-1]) < BOS:
            self.table = np.full(int(self.keys[-1]) + 2, unknown, dtype=np.int64)
            self.table[self.keys] = self.ids
        elif len(keys):
            self.hashed = KeyTable(self.keys)

    @classmethod
    def of_chars(cls, token_to_idx: Mapping[str, int], unknown: int) -> TokenIndex:
        """The one-character tokens of a vocabulary (the model reads one character a token)."""
        return cls({ord(t): i for t, i in token_to_idx.items() if len(t) == 1}, unknown)

    @classmethod
    def of_bigrams(cls, token_to_idx: Mapping[str, int], unknown: int) -> TokenIndex:
        """The bigrams of a vocabulary as ``bigrams_of`` spells them: two characters,
        ``<S>`` and a character, or a character and ``</S>``."""
        pairs = {}
        for token, i in token_to_idx.items():
            if len(token) == 2:
                left, right = ord(token[0]), ord(token[1])
            elif len(token) == 4 and token.startswith("<S>"):
                left, right = BOS, ord(token[3])
            elif len(token) == 5 and token.endswith("</S>"):
                left, right = ord(token[0]), EOS
            else:
                continue
            pairs[left << 21 | right] = i
        return cls(pairs, unknown)

    def __call__(self, keys: np.ndarray) -> np.ndarray:
        """The id of each key (int64)."""
        if self.table is not None:  # a key past the table's end takes its last entry, unknown
            return np.take(self.table, keys, mode="clip")
        if self.hashed is not None:
            rank = self.hashed.rank(keys)
            return np.where(rank >= 0, self.ids[rank], self.unknown)
        return _lookup(self.keys, self.ids, keys, self.unknown)


def _lookup(keys: np.ndarray, values: np.ndarray, query: np.ndarray, missing: int) -> np.ndarray:
    if not len(keys):
        return np.full(len(query), missing, dtype=values.dtype)
    at = np.minimum(np.searchsorted(keys, query), len(keys) - 1)
    return np.where(keys[at] == query, values[at], missing)


class LexiconIndex:
    """The lexicon's prefix map (``Lexicon._trie``: every prefix of two or more characters of a
    word, with the word's (B, M, E) bits where the prefix is itself a word) as sorted arrays of
    integer keys, one array per length."""

    def __init__(self, trie: Mapping[str, Any], n_categories: int) -> None:
        self.n_categories = n_categories
        by_length: dict[int, list[str]] = {}
        for key in trie:
            by_length.setdefault(len(key), []).append(key)
        #: (sorted keys, B bits of the word or 0 for a prefix only) for lengths 2, 3, …
        self.levels: list[tuple[np.ndarray, np.ndarray]] = []
        #: the keys of the first levels, hashed: every position of a text is looked up at
        #: length 2, and many at 3; few reach the longer ones (a binary search there)
        self._tables: list[KeyTable] = []
        length = 2
        while by_length.get(length):
            words = by_length[length]
            points = codepoints("".join(words)).reshape(len(words), length)
            # a word's key: the rank of its prefix one shorter (found level by level, the
            # prefixes being keys themselves), then its last code point
            keys = (points[:, 0] << _SHIFT) | points[:, 1]
            for level, (sorted_keys, _) in enumerate(self.levels[: length - 2], start=2):
                rank = np.searchsorted(sorted_keys, keys).astype(np.uint64)
                keys = (rank << _SHIFT) | points[:, level]
            masks = np.fromiter(
                (b[0] if (b := trie[w]) else 0 for w in words), dtype=np.int64, count=len(words)
            )
            order = np.argsort(keys)
            self.levels.append((keys[order], masks[order]))
            if length - 2 < _HASHED_LEVELS:
                self._tables.append(KeyTable(keys[order]))
            length += 1

    def matches(
        self, points: np.ndarray, ends: np.ndarray
    ) -> Iterator[tuple[int, np.ndarray, np.ndarray]]:
        """Every word lying inside a piece, by length: (length, the positions where words of
        that length start, their values: the B bits in :meth:`bits`' index, whatever non-zero
        int the trie gives each word in another)."""
        at = np.flatnonzero(np.arange(len(points)) + 2 <= ends)  # words start here
        rank = np.zeros(len(at), dtype=np.int64)
        for length, (keys, masks) in enumerate(self.levels, start=2):
            if not len(at):
                break
            head = rank.astype(np.uint64) if length > 2 else points[at]
            query = (head << _SHIFT) | points[at + length - 1]
            if length - 2 < len(self._tables):
                found = self._tables[length - 2].rank(query)
            else:
                found = np.minimum(np.searchsorted(keys, query), len(keys) - 1)
                found[keys[found] != query] = -1
            hit = found >= 0
            at, rank = at[hit], found[hit]
            mask = masks[rank]
            word = mask != 0
            if word.any():
                yield length, at[word], mask[word]
            longer = at + length + 1 <= ends[at]
            at, rank = at[longer], rank[longer]

    def bits(self, points: np.ndarray, ends: np.ndarray) -> np.ndarray:
        """The lexicon bits of each character of ``points`` (code points of pieces laid end to
        end; ``ends[i]``: the end of the piece of character ``i``): a word lying inside a piece
        sets its B bits on its first character, M on the inner ones, E on its last."""
        n_cat = self.n_categories
        out = np.zeros(len(points), dtype=np.int64)
        for length, starts, b in self.matches(points, ends):
            np.bitwise_or.at(out, starts, b)
            for k in range(1, length - 1):
                np.bitwise_or.at(out, starts + k, b << n_cat)
            np.bitwise_or.at(out, starts + length - 1, b << (2 * n_cat))
        return out


class BatchFeatures:
    """The model's per-character inputs (``token_id``, ``bil_id``, ``bir_id``, ``lex_id``, and
    ``soft``, the SoftLexicon vectors, where the model reads them) of many pieces of
    one-character tokens, as flat arrays with the pieces laid end to end."""

    def __init__(
        self,
        chars: TokenIndex,
        bigrams: TokenIndex,
        lexicon: LexiconIndex | None,
        soft: SoftLexicon | None = None,
    ):
        self.chars, self.bigrams, self.lexicon, self.soft = chars, bigrams, lexicon, soft

    def __call__(self, pieces: Sequence[Sequence[str]]) -> tuple[dict[str, np.ndarray], np.ndarray]:
        """(flat features, start of each piece in them); every piece is non-empty."""
        lengths = np.fromiter(map(len, pieces), dtype=np.int64, count=len(pieces))
        ends = np.cumsum(lengths)
        starts = ends - lengths
        points = codepoints("".join("".join(p) for p in pieces))
        last = np.zeros(len(points), dtype=bool)
        last[ends - 1] = True
        after = np.where(last, np.uint64(EOS), np.roll(points, -1))
        right = self.bigrams((points << _SHIFT) | after)
        # the bigram left of a character is the one right of the character before it, except
        # at a piece's first character (<S> and the character)
        left = np.roll(right, 1)
        left[starts] = self.bigrams((np.uint64(BOS) << _SHIFT) | points[starts])
        features = {
            "token_id": self.chars(points),
            "bil_id": left,
            "bir_id": right,
            "lex_id": (
                self.lexicon.bits(points, np.repeat(ends, lengths))
                if self.lexicon is not None
                else np.zeros(len(points), dtype=np.int64)
            ),
        }
        if self.soft is not None:
            features["soft"] = self.soft.features(points, np.repeat(ends, lengths))
        return features, starts
