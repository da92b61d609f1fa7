"""Pretrain character and character-bigram vectors on the unlabelled news of ``../shared/rawnews``.

    python training/pretrain_vectors.py --rawnews ../shared/rawnews --out training/runs/vectors

Reads every ``*.txt.xz`` file (one document a line), cuts each document at whitespace (the
paragraph joins) and after sentence-final punctuation (``。！？；!?;``), maps every character with
``cnews_ie.backends.hanlp_backend.model_view`` (the view the NER model reads: full-width ASCII
forms to half-width, the ASCII comma to ，; length-preserving) and trains gensim word2vec (CBOW,
one worker, fixed seed: reproducible) on

* characters (``char.kv``), and
* character bigrams spelled as the model spells them (``bigrams_of``: ``<S>`` and ``</S>`` pad
  each sentence) (``bigram.kv``).

The token streams are written once to plain files in ``--out`` (gensim's ``corpus_file`` mode)
and deleted afterwards unless ``--keep-corpus``.  ``--out`` is scratch (``training/runs/`` is
git-ignored): the text may be used for training but not redistributed, and the vectors only
reach a shipped model as its trained embeddings.  ``train_ner.py --char-vectors rawnews`` /
``--bigram-vectors rawnews`` read them.

With ``--words`` it trains word vectors instead (for the SoftLexicon feature, ``train_ner.py
--softlexicon``): the normalised sentences are segmented with jieba (no HMM: every token is a
word of the dictionary or a single character), the dictionary being jieba's ``dict.txt`` in the
model's view plus the words of the model's lexicon (``--lexicon``, by default the shipped
``lexicon.tsv.gz``: jieba's words and the training gazetteer) that jieba lacks, each given the
frequency that just lets it be cut out whole (jieba's ``suggest_freq``); every token is counted
(``word_counts.tsv``: word, count, most frequent first) and word2vec is trained on the tokens
(``word.kv``).
"""

from __future__ import annotations

import argparse
import glob
import json
import logging
import lzma
import os
import re
import sys
import time
from collections import Counter
from collections.abc import Iterator
from typing import Any

from cnews_ie.backends.hanlp_backend import model_view
from cnews_ie.backends.ner_model import bigrams_of

HERE = os.path.dirname(os.path.abspath(__file__))
#: a sentence ends after one of these (kept in the sentence, as the model sees it)
_SENTENCE_END = re.compile(r"(?<=[。！？；!?;])")


def sentences(path: str) -> Iterator[str]:
    """The normalised sentences of one ``.txt.xz`` file, in file order."""
    with lzma.open(path, "rt", encoding="utf-8") as f:
        for doc in f:
            for piece in doc.split():
                for sent in _SENTENCE_END.split(model_view(piece)):
                    if sent:
                        yield sent


def write_corpora(files: list[str], char_path: str, bigram_path: str) -> dict[str, int]:
    """Write one sentence a line, tokens separated by spaces: characters, and bigrams."""
    n_sent = n_char = 0
    with (
        open(char_path, "w", encoding="utf-8") as fc,
        open(bigram_path, "w", encoding="utf-8") as fb,
    ):
        for path in files:
            for sent in sentences(path):
                chars = list(sent)
                fc.write(" ".join(chars))
                fc.write("\n")
                fb.write(" ".join(bigrams_of(chars)))
                fb.write("\n")
                n_sent += 1
                n_char += len(chars)
    return {"sentences": n_sent, "characters": n_char}


def _segmenter(lexicon_path: str, scratch: str) -> Any:
    """A jieba tokenizer whose dictionary is jieba's ``dict.txt`` in the model's view (entries
    that collide keep the larger frequency) plus the words of the lexicon that jieba lacks."""
    import jieba

    from cnews_ie.backends.ner_lexicon import Lexicon

    freq: dict[str, int] = {}
    with open(os.path.join(os.path.dirname(jieba.__file__), "dict.txt"), encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) >= 2:
                w = model_view(parts[0])
                if w and not any(ch.isspace() for ch in w):
                    freq[w] = max(freq.get(w, 0), int(parts[1]))
    dict_path = os.path.join(scratch, "jieba_dict.txt")
    with open(dict_path, "w", encoding="utf-8") as f:
        for w, n in freq.items():
            f.write(f"{w} {n}\n")
    tok = jieba.Tokenizer(dictionary=dict_path)
    tok.tmp_dir = scratch
    tok.initialize()
    extra = sorted(w for w in Lexicon.read(lexicon_path, n_categories=64).entries if w not in freq)
    for w in extra:
        tok.add_word(w)
    os.remove(dict_path)
    return tok, len(freq), len(extra)


def write_words(files: list[str], tok: Any, word_path: str) -> tuple[dict[str, int], Counter[str]]:
    """Write one segmented sentence a line (words separated by spaces); count the words."""
    counts: Counter[str] = Counter()
    n_sent = n_tok = 0
    with open(word_path, "w", encoding="utf-8") as fw:
        for path in files:
            for sent in sentences(path):
                words = [w for w in tok.cut(sent, HMM=False) if not w.isspace()]
                counts.update(words)
                fw.write(" ".join(words))
                fw.write("\n")
                n_sent += 1
                n_tok += len(words)
    return {"sentences": n_sent, "tokens": n_tok}, counts


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--rawnews", default=os.path.join(HERE, "..", "..", "shared", "rawnews"))
    ap.add_argument("--out", default=os.path.join(HERE, "runs", "vectors"))
    ap.add_argument("--char-dim", type=int, default=128, help="as LAC's, so either can start it")
    ap.add_argument("--bigram-dim", type=int, default=50)
    ap.add_argument("--char-min-count", type=int, default=5)
    ap.add_argument("--bigram-min-count", type=int, default=5)
    ap.add_argument("--window", type=int, default=5)
    ap.add_argument("--epochs", type=int, default=5)
    ap.add_argument("--sample", type=float, default=1e-4, help="down-sampling of frequent tokens")
    ap.add_argument("--skip-gram", action="store_true", help="skip-gram instead of CBOW")
    ap.add_argument("--workers", type=int, default=1, help="1 is reproducible for a fixed seed")
    ap.add_argument("--seed", type=int, default=20240501)
    ap.add_argument("--keep-corpus", action="store_true")
    ap.add_argument("--words", action="store_true", help="word vectors (SoftLexicon) only")
    ap.add_argument(
        "--lexicon",
        default=os.path.join(HERE, "..", "src", "cnews_ie", "models", "ner", "lexicon.tsv.gz"),
        help="the model's lexicon: its words join jieba's dictionary for --words",
    )
    ap.add_argument("--word-dim", type=int, default=50)
    ap.add_argument("--word-min-count", type=int, default=5)
    args = ap.parse_args(argv)

    os.makedirs(args.out, exist_ok=True)
    logging.basicConfig(
        level=logging.INFO,
        format="%(asctime)s %(message)s",
        handlers=[
            logging.FileHandler(os.path.join(args.out, "pretrain.log"), mode="w"),
            logging.StreamHandler(sys.stdout),
        ],
    )
    logging.getLogger("gensim").setLevel(logging.WARNING)
    logger = logging.getLogger("pretrain_vectors")
    logger.info("args: %s", vars(args))
    files = sorted(glob.glob(os.path.join(args.rawnews, "*.txt.xz")))
    if not files:
        raise SystemExit(f"no *.txt.xz files in {args.rawnews}")
    t0 = time.time()
    if args.words:
        return _main_words(args, files, logger, t0)
    char_path = os.path.join(args.out, "chars.txt")
    bigram_path = os.path.join(args.out, "bigrams.txt")
    stats: dict[str, object] = {"files": [os.path.basename(p) for p in files]}
    stats.update(write_corpora(files, char_path, bigram_path))
    stats["corpus_s"] = round(time.time() - t0, 1)
    logger.info("corpus: %s", stats)
    probes = {"char": ("湘", "局", "张"), "bigram": ("北京", "公司", "<S>新")}
    for key, path, dim, min_count in (
        ("char", char_path, args.char_dim, args.char_min_count),
        ("bigram", bigram_path, args.bigram_dim, args.bigram_min_count),
    ):
        _train(args, key, path, dim, min_count, probes[key], stats, logger)
    if not args.keep_corpus:
        os.remove(char_path)
        os.remove(bigram_path)
    return _finish(args, "vectors.json", stats, logger, t0)


def _train(
    args: argparse.Namespace,
    key: str,
    path: str,
    dim: int,
    min_count: int,
    probes: tuple[str, ...],
    stats: dict[str, object],
    logger: Any,
) -> None:
    """Word2vec (CBOW or skip-gram, seeded) on the corpus file ``path``, saved as ``<key>.kv``;
    its size and time go into ``stats``, the neighbours of ``probes`` into the log."""
    from gensim.models import Word2Vec

    t1 = time.time()
    w2v = Word2Vec(
        corpus_file=path,
        vector_size=dim,
        window=args.window,
        min_count=min_count,
        sample=args.sample,
        sg=int(args.skip_gram),
        negative=5,
        epochs=args.epochs,
        workers=args.workers,
        seed=args.seed,
    )
    w2v.wv.save(os.path.join(args.out, f"{key}.kv"))
    stats[f"{key}_vocab"] = len(w2v.wv.index_to_key)
    stats[f"{key}_s"] = round(time.time() - t1, 1)
    logger.info(
        "%s vectors: %d x %d in %.0fs", key, len(w2v.wv.index_to_key), dim, stats[f"{key}_s"]
    )
    for p in probes:
        if p in w2v.wv:
            logger.info("  %s -> %s", p, [w for w, _ in w2v.wv.most_similar(p, topn=6)])


def _finish(
    args: argparse.Namespace, name: str, stats: dict[str, object], logger: Any, t0: float
) -> int:
    stats["args"] = vars(args)
    stats["total_s"] = round(time.time() - t0, 1)
    with open(os.path.join(args.out, name), "w", encoding="utf-8") as f:
        json.dump(stats, f, indent=1, ensure_ascii=False)
    logger.info("done in %.1f min", (time.time() - t0) / 60)
    return 0


_WORD_PROBES = ("北京", "公司", "银行", "主席")


def _main_words(args: argparse.Namespace, files: list[str], logger: Any, t0: float) -> int:
    tok, n_jieba, n_extra = _segmenter(args.lexicon, args.out)
    logger.info("dictionary: %d jieba words, %d lexicon words added", n_jieba, n_extra)
    word_path = os.path.join(args.out, "words.txt")
    corpus, counts = write_words(files, tok, word_path)
    stats: dict[str, object] = {"files": [os.path.basename(p) for p in files]}
    stats.update(corpus, jieba_words=n_jieba, lexicon_added=n_extra, distinct=len(counts))
    stats["corpus_s"] = round(time.time() - t0, 1)
    logger.info("corpus: %s", stats)
    with open(os.path.join(args.out, "word_counts.tsv"), "w", encoding="utf-8") as f:
        for w, n in sorted(counts.items(), key=lambda wn: (-wn[1], wn[0])):
            f.write(f"{w}\t{n}\n")
    _train(args, "word", word_path, args.word_dim, args.word_min_count, _WORD_PROBES, stats, logger)
    if not args.keep_corpus:
        os.remove(word_path)
    return _finish(args, "word_vectors.json", stats, logger, t0)


if __name__ == "__main__":
    raise SystemExit(main())
