"""Entity-level exact-span P/R/F1 of a saved NER model on corpus dev files.

    python training/evaluate_dev.py --model src/cnews_ie/models/ner --corpora ../shared/corpora \
        --sets msra,pd1998 [--json out.json] [--float32]

Loads the model with ``hanlp.load`` (fresh process), predicts on the characters of each
``<corpus>/dev.tsv`` after ``cnews_ie.normalize.matching_view`` and compares exact
(type, start, end) spans.  Only PER/LOC/ORG are scored (other gold types are ignored).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import Counter
from typing import Any

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from ner_data import read_tsv  # noqa: E402

from cnews_ie.backends.bio import bio_spans  # noqa: E402
from cnews_ie.evaluate import prf  # noqa: E402


def scores(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p, r, f = prf(tp, n_pred, n_gold)
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4), "gold": n_gold, "pred": n_pred}


def evaluate(model: Any, path: str, batch_size: int = 64) -> dict[str, Any]:
    sents = list(read_tsv(path))
    t0 = time.time()
    preds = model([chars for chars, _ in sents], batch_size=batch_size)
    elapsed = time.time() - t0
    assert len(preds) == len(sents)
    tp: Counter[str] = Counter()
    npred: Counter[str] = Counter()
    ngold: Counter[str] = Counter()
    for (_chars, tags), pred in zip(sents, preds, strict=True):
        gold = set(bio_spans(tags))
        guess = {(t, b, e) for _text, t, b, e in pred}
        for t, _b, _e in gold:
            ngold[t] += 1
        for t, _b, _e in guess:
            npred[t] += 1
        for t, _b, _e in gold & guess:
            tp[t] += 1
    out: dict[str, Any] = {t: scores(tp[t], npred[t], ngold[t]) for t in ("PER", "LOC", "ORG")}
    out["overall"] = scores(sum(tp.values()), sum(npred.values()), sum(ngold.values()))
    out["sentences"] = len(sents)
    out["predict_s"] = round(elapsed, 1)
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default="src/cnews_ie/models/ner")
    ap.add_argument("--corpora", default="../shared/corpora")
    ap.add_argument("--sets", default="msra,pd1998")
    ap.add_argument("--json", default=None)
    ap.add_argument(
        "--predict-domain",
        type=int,
        default=None,
        help="override the annotation-style flag (0 = MSRA, the shipped default; 1 = PD1998)",
    )
    ap.add_argument(
        "--float32",
        action="store_true",
        help="run the exact float32 network (the default runtime's LSTM is int8: "
        "cnews_ie.backends.ner_int8)",
    )
    args = ap.parse_args()

    import hanlp

    kw = {} if args.predict_domain is None else {"predict_domain": args.predict_domain}
    model = hanlp.load(os.path.abspath(args.model), **kw)
    if hasattr(model, "int8"):
        model.int8 = not args.float32
    results = {}
    for name in args.sets.split(","):
        res = evaluate(model, os.path.join(args.corpora, name, "dev.tsv"))
        results[name] = res
        print(f"== {name} dev ({res['sentences']} sentences, predicted in {res['predict_s']} s)")
        for t in ("PER", "LOC", "ORG", "overall"):
            r = res[t]
            print(
                f"  {t:8s} P {r['p']:.4f}  R {r['r']:.4f}  F1 {r['f1']:.4f}  (gold {r['gold']}, pred {r['pred']})"
            )
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(results, f, indent=1)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
