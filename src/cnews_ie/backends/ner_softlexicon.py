"""SoftLexicon word-vector features of the NER model (Ma et al. 2020), in numpy (no torch).

"Simplify the Usage of Lexicon in Chinese NER" (Ma, Peng, Zhang, Wei, Huang; ACL 2020) gives
each character four sets of the lexicon words that occur in the text around it: **B** the words
that begin at the character, **M** those it lies inside, **E** those that end at it, **S** the
character itself when it is a word.  Each set becomes the frequency-weighted sum of its words'
fixed, pretrained vectors, all four divided by the total frequency ``Z`` of the words of the
four sets (and multiplied by 4, as in the paper): ``v_X = 4 / Z * sum(z(w) e(w) for w in X)``.
The ``4 * dim`` floats are the character's feature; the network projects them (linear, ReLU)
and joins the result to the character's other inputs.

The words, their frequencies (``z``: counts in jieba's segmentation of unlabelled news) and
their vectors (word2vec on that segmentation) are written by ``training/pretrain_vectors.py
--words`` and selected by ``training/train_ner.py --softlexicon``; the model stores them beside
its weights as :data:`SOFTLEXICON_FILENAME` (8-bit vectors with one scale per word, which the
model was trained with: what is read is exactly what it learnt from).  A model directory
without that file has no such feature.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from cnews_ie.backends.ner_features import LexiconIndex, TokenIndex, codepoints

__all__ = ["SLOTS", "SOFTLEXICON_FILENAME", "SoftLexicon", "quantize_rows"]

SOFTLEXICON_FILENAME = "softlexicon.npz"
SLOTS = 4  # B, M, E, S


def quantize_rows(vectors: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Symmetric int8 rows, one float32 scale per row: ``q * scale[:, None]`` approximates
    ``vectors`` within half a step of 1/127 of each row's largest magnitude."""
    scale = np.abs(vectors).max(axis=1) / 127.0
    scale = np.where(scale > 0, scale, 1.0).astype(np.float32)
    q = np.clip(np.rint(vectors / scale[:, None]), -127, 127).astype(np.int8)
    return q, scale


class SoftLexicon:
    """Words (one character, or 2–10), their frequencies and their vectors (``float32``,
    words x dim); :meth:`features` gives every character its ``4 * dim`` SoftLexicon vector."""

    def __init__(self, words: Sequence[str], counts: np.ndarray, vectors: np.ndarray) -> None:
        if not len(words) == len(counts) == len(vectors):
            raise ValueError("words, counts and vectors differ in length")
        if len(set(words)) != len(words) or any(not 1 <= len(w) <= 10 for w in words):
            raise ValueError("words must be distinct, of 1 to 10 characters")
        self.words = list(words)
        self.counts = np.asarray(counts, dtype=np.float64)
        if (self.counts <= 0).any():
            raise ValueError("every word needs a positive count")
        self.vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        #: each word's count times its vector: a set's sum before the division by Z
        self._weighted = (self.vectors * self.counts[:, None]).astype(np.float32)
        singles = {ord(w): i for i, w in enumerate(self.words) if len(w) == 1}
        self._singles = TokenIndex(singles, -1)
        trie: dict[str, object] = {}
        for w in self.words:
            for k in range(2, len(w)):
                trie.setdefault(w[:k], 0)
        for i, w in enumerate(self.words):
            if len(w) > 1:
                trie[w] = (i + 1,)  # LexiconIndex keeps a word's first value: row + 1
        self._index = LexiconIndex(trie, 1)

    @property
    def dim(self) -> int:
        return int(self.vectors.shape[1])

    @property
    def width(self) -> int:
        """Floats per character: ``4 * dim``."""
        return SLOTS * self.dim

    # ------------------------------------------------------------------ files
    @classmethod
    def read(cls, path: str) -> SoftLexicon:
        with np.load(path, allow_pickle=False) as data:
            words = bytes(data["words"]).decode("utf-8").split("\n")
            vectors = data["vectors"].astype(np.float32) * data["scales"][:, None]
            return cls(words, data["counts"], vectors)

    def write(self, path: str) -> None:
        """The words (UTF-8, one a line), counts (int64) and the vectors in int8 with a scale
        per word; read back, the vectors are those of :meth:`quantized`."""
        q, scale = quantize_rows(self.vectors)
        with open(path, "wb") as f:
            np.savez_compressed(
                f,
                words=np.frombuffer("\n".join(self.words).encode("utf-8"), dtype=np.uint8),
                counts=self.counts.astype(np.int64),
                vectors=q,
                scales=scale,
            )

    def quantized(self) -> SoftLexicon:
        """The same words with the vectors that :meth:`write` stores (what a saved model reads)."""
        q, scale = quantize_rows(self.vectors)
        return SoftLexicon(self.words, self.counts, q.astype(np.float32) * scale[:, None])

    # --------------------------------------------------------------- features
    def matches(self, points: np.ndarray, ends: np.ndarray) -> tuple[np.ndarray, ...]:
        """(character position, slot 0–3 for B/M/E/S, word row) of every word of a character's
        four sets, for pieces laid end to end (``points``: code points; ``ends[i]``: the end of
        the piece of character ``i``)."""
        pos, slot, row = [], [], []
        for length, starts, values in self._index.matches(points, ends):
            rows = values - 1
            for k in range(length):
                pos.append(starts + k)
                slot.append(np.full(len(starts), 0 if k == 0 else 2 if k == length - 1 else 1))
                row.append(rows)
        single = self._singles(points)
        hit = np.flatnonzero(single >= 0)
        pos.append(hit)
        slot.append(np.full(len(hit), 3))
        row.append(single[hit])
        return tuple(np.concatenate(parts).astype(np.int64) for parts in (pos, slot, row))

    def features(self, points: np.ndarray, ends: np.ndarray) -> np.ndarray:
        """The SoftLexicon vector of each character (float32, characters x ``4 * dim``; zeros
        for a character that no word covers)."""
        n, dim = len(points), self.dim
        out = np.zeros((n * SLOTS, dim), dtype=np.float32)
        pos, slot, row = self.matches(points, ends)
        if len(pos):
            total = np.bincount(pos, self.counts[row], minlength=n)  # Z of each character
            cell = pos * SLOTS + slot
            order = np.argsort(cell, kind="stable")
            cell, row = cell[order], row[order]
            # the k-th word of each (character, set) cell, for k = 0, 1, ...: one numpy
            # assignment per k, no cell twice in one (np.add.reduceat over rows was 4x slower)
            first = np.r_[True, cell[1:] != cell[:-1]]
            starts = np.flatnonzero(first)
            rank = np.arange(len(cell)) - np.repeat(starts, np.diff(np.r_[starts, len(cell)]))
            weighted = self._weighted
            out[cell[first]] = weighted[row[first]]
            for k in range(1, int(rank.max()) + 1):
                at = rank == k
                out[cell[at]] += weighted[row[at]]
            scale = np.where(total > 0, SLOTS / np.where(total > 0, total, 1.0), 0.0)
            out = out.reshape(n, SLOTS * dim)
            out *= scale.astype(np.float32)[:, None]
            return out
        return out.reshape(n, SLOTS * dim)

    def features_of(self, pieces: Sequence[Sequence[str]]) -> np.ndarray:
        """:meth:`features` of pieces of tokens, laid end to end; a piece with a token that is
        not one character matches no word (zeros), as its lexicon bits are none."""
        if not all(len("".join(p)) == len(p) and "" not in p for p in pieces):
            parts = [self.features_of([p]) if len("".join(p)) == len(p) and "" not in p
                     else np.zeros((len(p), self.width), np.float32) for p in pieces]  # fmt: skip
            return np.concatenate(parts) if parts else np.zeros((0, self.width), np.float32)
        lengths = np.fromiter(map(len, pieces), dtype=np.int64, count=len(pieces))
        points = codepoints("".join("".join(p) for p in pieces))
        return self.features(points, np.repeat(np.cumsum(lengths), lengths))

    def reach(self, weight: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The least and greatest value of ``weight @ v`` (``weight``: outputs x ``4 * dim``)
        over every feature ``v`` a character can have, zeros included: each set's share of
        ``Z`` is at most 1, so the ends are 4 times a slot's weights by one word's vector."""
        low = np.zeros(weight.shape[0], dtype=np.float64)
        high = np.zeros(weight.shape[0], dtype=np.float64)
        for s in range(SLOTS):
            block = weight[:, s * self.dim : (s + 1) * self.dim].astype(np.float32)
            values = self.vectors @ block.T  # words x outputs
            low = np.minimum(low, SLOTS * values.min(axis=0))
            high = np.maximum(high, SLOTS * values.max(axis=0))
        return low.astype(np.float32), high.astype(np.float32)

    def padded(self, sentences: Sequence[Sequence[str]], steps: int) -> np.ndarray:
        """The features of sentences of one-character tokens, padded with zeros to ``steps``
        (float32, sentences x steps x ``4 * dim``): a training batch's."""
        out = np.zeros((len(sentences), steps, self.width), dtype=np.float32)
        if sentences:
            flat = self.features_of(sentences)
            lengths = np.fromiter(map(len, sentences), dtype=np.int64, count=len(sentences))
            out[np.arange(steps)[None, :] < lengths[:, None]] = flat
        return out
