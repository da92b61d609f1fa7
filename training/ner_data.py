"""Corpus and lexicon helpers shared by ``train_ner.py`` and ``evaluate_dev.py``."""

from __future__ import annotations

import os
from collections.abc import Iterator

from cnews_ie.normalize import matching_view

#: corpus name -> (domain id used by the model's style embedding, tag map)
CORPORA = {
    "msra": 0,
    "pd1998": 1,
}
KEEP_TYPES = {"PER", "LOC", "ORG"}


def read_tsv(path: str) -> Iterator[tuple[list[str], list[str]]]:
    """Yield (chars, tags) per sentence from a ``char\\tBIO-tag`` file; chars are normalised
    with :func:`cnews_ie.normalize.matching_view` (length-preserving)."""
    chars: list[str] = []
    tags: list[str] = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line:
                if chars:
                    yield chars, tags
                chars, tags = [], []
                continue
            c, t = line.split("\t")
            if t != "O" and t[2:] not in KEEP_TYPES:
                t = "O"
            chars.append(matching_view(c))
            tags.append(t)
    if chars:
        yield chars, tags


def load_corpus(corpora_dir: str, name: str, split: str, limit: int | None = None) -> list[dict]:
    path = os.path.join(corpora_dir, name, f"{split}.tsv")
    out = []
    for chars, tags in read_tsv(path):
        out.append({"token": chars, "tag": tags, "dom_id": CORPORA[name]})
        if limit and len(out) >= limit:
            break
    return out


def jieba_lexicon_entries(max_word_len: int = 10) -> dict[str, int]:
    """word -> category id from jieba's bundled ``dict.txt`` (words of 2..max_word_len chars)."""
    import jieba

    from cnews_ie.backends._hanlp_component import jieba_tag_to_category

    path = os.path.join(os.path.dirname(jieba.__file__), "dict.txt")
    entries: dict[str, int] = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) < 3:
                continue
            w = matching_view(parts[0])
            if 2 <= len(w) <= max_word_len and w not in entries:
                entries[w] = jieba_tag_to_category(parts[2])
    return entries


def spans(tags: list[str]) -> set[tuple[str, int, int]]:
    """Exact (type, start, end-exclusive) spans from a BIO sequence."""
    out, start, typ = set(), None, None
    for i, t in enumerate([*tags, "O"]):
        if t == "O" or t.startswith("B-") or (t.startswith("I-") and t[2:] != typ):
            if typ is not None:
                out.add((typ, start, i))
            start, typ = (i, t[2:]) if t != "O" else (None, None)
    return out


def pretrain_vectors(
    corpora_dir: str,
    sets: list[str],
    char_dim: int,
    bigram_dim: int,
    seed: int,
    epochs: int = 5,
    workers: int = 1,
    skip_gram: bool = False,
) -> dict[str, dict[str, list[float]]]:
    """Word2vec vectors (gensim; CBOW, or skip-gram) for characters and character bigrams,
    trained on the normalised text of the ``train.tsv`` files of ``sets``; tags are not read.  Bigrams are
    spelled as the model spells them (``<S>`` and ``</S>`` pad each sentence).  ``workers=1``
    keeps the result reproducible for a fixed seed."""
    from gensim.models import Word2Vec

    chars: list[list[str]] = []
    for name in sets:
        path = os.path.join(corpora_dir, name, "train.tsv")
        chars.extend(c for c, _ in read_tsv(path))
    bigrams = []
    for sent in chars:
        padded = ["<S>", *sent, "</S>"]
        bigrams.append([padded[i] + padded[i + 1] for i in range(len(padded) - 1)])
    out: dict[str, dict[str, list[float]]] = {}
    for key, sents, dim in (("token", chars, char_dim), ("bigram", bigrams, bigram_dim)):
        w2v = Word2Vec(
            sents,
            vector_size=dim,
            window=5,
            min_count=2,
            sg=int(skip_gram),
            negative=5,
            epochs=epochs,
            workers=workers,
            seed=seed,
        )
        kv = w2v.wv
        # scale to the spread of a freshly initialised nn.Embedding (std 1)
        std = float(kv.vectors.std()) or 1.0
        out[key] = {w: (kv.vectors[i] / std).tolist() for i, w in enumerate(kv.index_to_key)}
    return out
