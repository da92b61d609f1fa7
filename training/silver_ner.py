"""Machine-tag a sample of ``../shared/rawnews`` sentences with the shipped NER model (silver data
for self-training: ``train_ner.py --silver FILE``).

    python training/silver_ner.py --rawnews ../shared/rawnews --out training/runs/silver.tsv

Reads ``--files`` in order, cuts the documents into sentences as ``pretrain_vectors.py`` does (the model's view of the text),
keeps those of ``--min-len`` to ``--max-len`` characters of which at least 70 % are Chinese
characters, shuffles them with a fixed seed, tags the first ``--sentences`` with the shipped model
in MSRA style (``OnnxNER``, no torch) and writes them as ``char<TAB>BIO-tag`` lines, a blank line
after each sentence.  The output is scratch (``training/runs/`` is git-ignored): the raw text may
be used for training but not redistributed.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

_HAN = re.compile(r"[\u4e00-\u9fff]")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--rawnews", default="../shared/rawnews")
    ap.add_argument(
        "--files",
        default="xwlb.txt.xz,sogouc_reduced.txt.xz",
        help="the rawnews files read, in this order (the order fixes the sample)",
    )
    ap.add_argument("--out", default=os.path.join(HERE, "runs", "silver.tsv"))
    ap.add_argument("--sentences", type=int, default=300000)
    ap.add_argument("--min-len", type=int, default=10)
    ap.add_argument("--max-len", type=int, default=120)
    ap.add_argument("--seed", type=int, default=20261127)
    args = ap.parse_args(argv)

    from pretrain_vectors import sentences

    from cnews_ie.backends.hanlp_backend import shipped_model_dir
    from cnews_ie.backends.ner_onnx import OnnxNER

    pool = [
        s
        for name in args.files.split(",")
        for s in sentences(os.path.join(args.rawnews, name))
        if args.min_len <= len(s) <= args.max_len and len(_HAN.findall(s)) >= 0.7 * len(s)
    ]
    random.Random(args.seed).shuffle(pool)
    pool = pool[: args.sentences]
    ner = OnnxNER.load(shipped_model_dir())
    t0 = time.time()
    spans = ner.entity_spans(pool, batch_size=128)
    print(f"tagged {len(pool)} sentences in {time.time() - t0:.0f}s", flush=True)
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as f:
        for sentence, found in zip(pool, spans, strict=True):
            tags = ["O"] * len(sentence)
            for label, start, end in found:
                tags[start] = f"B-{label}"
                tags[start + 1 : end] = [f"I-{label}"] * (end - start - 1)
            f.writelines(f"{c}\t{t}\n" for c, t in zip(sentence, tags, strict=True))
            f.write("\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
