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
from collections.abc import Iterator

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
    args = ap.parse_args(argv)

    from gensim.models import Word2Vec

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
    char_path = os.path.join(args.out, "chars.txt")
    bigram_path = os.path.join(args.out, "bigrams.txt")
    stats: dict[str, object] = {"files": [os.path.basename(p) for p in files]}
    stats.update(write_corpora(files, char_path, bigram_path))
    stats["corpus_s"] = round(time.time() - t0, 1)
    logger.info("corpus: %s", stats)
    for key, path, dim, min_count in (
        ("char", char_path, args.char_dim, args.char_min_count),
        ("bigram", bigram_path, args.bigram_dim, args.bigram_min_count),
    ):
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
        probe = {"char": ["湘", "局", "张"], "bigram": ["北京", "公司", "<S>新"]}[key]
        for p in probe:
            if p in w2v.wv:
                logger.info("  %s -> %s", p, [w for w, _ in w2v.wv.most_similar(p, topn=6)])
    if not args.keep_corpus:
        os.remove(char_path)
        os.remove(bigram_path)
    stats["args"] = vars(args)
    stats["total_s"] = round(time.time() - t0, 1)
    with open(os.path.join(args.out, "vectors.json"), "w", encoding="utf-8") as f:
        json.dump(stats, f, indent=1, ensure_ascii=False)
    logger.info("done in %.1f min", (time.time() - t0) / 60)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
