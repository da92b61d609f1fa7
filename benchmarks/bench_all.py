"""Speed and memory of every stage beside the peers, on about 2 million characters.

    python benchmarks/bench_all.py --corpus ../shared/corpora/msra/train.tsv

Text: the corpus's sentences grouped into paragraphs of about 400 characters, the first
``--chars`` characters (2,000,000 by default).  Each measurement runs in its own process, so
the peak resident memory printed is that stage's (model and dictionaries included):

* cnews_ie layout repair (``clean``), figures only (``find_figures``), ``extract_many`` without
  NER, ``extract_many`` with the shipped model;
* peers on the same text: jieba ``lcut``, jieba ``posseg.lcut``, JioNLP ``extract_money``.

Then ratios to the peers, and a linearity check on hostile inputs: the time for 2 MB over the
time for 1 MB (about 2.0 means linear) for digits, 亿亿亿…, 、-lists and one long line.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_CHILD = r"""
import contextlib, io, json, resource, sys, time
sys.path.insert(0, {bench!r})
from bench_figures import corpus_paragraphs
texts, total = [], 0
for t in corpus_paragraphs(__import__("pathlib").Path({corpus!r})):
    texts.append(t); total += len(t)
    if total >= {chars}: break
stage = {stage!r}
if stage == "clean":
    from cnews_ie.clean import clean as run
elif stage == "figures":
    from cnews_ie.figures import find_figures as run
elif stage == "extract-no-ner":
    import cnews_ie
    run = lambda t: None
    ex = cnews_ie.Extractor(ner=None); list(ex.extract_many(texts[:3]))
elif stage == "extract":
    import cnews_ie
    ex = cnews_ie.Extractor(ner="default"); list(ex.extract_many(texts[:3]))
elif stage in ("jieba-lcut", "jieba-posseg"):
    import jieba, jieba.posseg
    jieba.setLogLevel(60); jieba.initialize()
    run = jieba.lcut if stage == "jieba-lcut" else jieba.posseg.lcut
elif stage == "jionlp-money":
    with contextlib.redirect_stdout(io.StringIO()):
        import jionlp
    run = jionlp.ner.extract_money
if stage not in ("extract", "extract-no-ner"):
    run(texts[0])
start = time.perf_counter()
if stage in ("extract", "extract-no-ner"):
    for _ in ex.extract_many(texts): pass
else:
    for t in texts: run(t)
seconds = time.perf_counter() - start
print(json.dumps({{"chars": total, "seconds": seconds,
    "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""

_LINEAR = r"""
import json, time, cnews_ie
makers = {{"digits": lambda n: "1" * n, "yi": lambda n: "亿" * n,
          "list": lambda n: "金川集团、" * (n // 5), "long-line": lambda n: "全市实现地区生产总值620亿元，" * (n // 16)}}
out = {{}}
for name, make in makers.items():
    times = []
    for n in ({small}, 2 * {small}):
        text = make(n); start = time.perf_counter(); cnews_ie.extract(text, ner=None); times.append(time.perf_counter() - start)
    out[name] = times[1] / max(times[0], 1e-9)
print(json.dumps(out))
"""

STAGES = (
    "clean",
    "figures",
    "extract-no-ner",
    "extract",
    "jieba-lcut",
    "jieba-posseg",
    "jionlp-money",
)


def _run(code: str) -> dict[str, float]:
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--corpus", type=Path, default=ROOT.parent / "shared" / "corpora" / "msra" / "train.tsv"
    )
    parser.add_argument("--chars", type=int, default=2_000_000)
    parser.add_argument(
        "--linear-bytes", type=int, default=1_000_000, help="size of the small hostile input"
    )
    args = parser.parse_args()

    results = {}
    for stage in STAGES:
        code = _CHILD.format(
            bench=str(ROOT / "benchmarks"), corpus=str(args.corpus), chars=args.chars, stage=stage
        )
        results[stage] = _run(code)
        r = results[stage]
        print(
            f"{stage:16}{r['chars'] / r['seconds']:>14,.0f} chars/s{r['peak_mb']:>10,.0f} MB peak",
            flush=True,
        )
    speed = {k: v["chars"] / v["seconds"] for k, v in results.items()}
    print(f"figures only / JioNLP money: {speed['figures'] / speed['jionlp-money']:.2f}x")
    print(f"full extract / jieba posseg: {speed['extract'] / speed['jieba-posseg']:.2f}x")
    print(f"full extract / jieba lcut:   {speed['extract'] / speed['jieba-lcut']:.2f}x")
    ratios = _run(_LINEAR.format(small=args.linear_bytes // 3))  # ~3 bytes per CJK character
    print(
        "2x input / 1x input time (2.0 = linear): "
        + ", ".join(f"{k} {v:.2f}" for k, v in ratios.items())
    )


if __name__ == "__main__":
    main()
