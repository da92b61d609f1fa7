"""Full extraction with the shipped NER model, side by side with jieba posseg, in one run.

* throughput (chars/s, one process): ``cnews_ie.extract_many`` (layout repair, figures and
  entities with the shipped model) and ``jieba.posseg.lcut`` on the same paragraphs;
* cold start: time of the first ``extract`` call (model load included) and peak resident memory
  after extracting both seed pages, measured in a fresh subprocess.

Run:

    python benchmarks/bench_ner.py --corpus ../shared/corpora/msra/dev.tsv
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_figures import ROOT, corpus_paragraphs

_COLD = """
import json, resource, time
t0 = time.perf_counter()
import cnews_ie
pages = [open(p, encoding="utf-8").read() for p in {pages!r}]
t1 = time.perf_counter()
doc = cnews_ie.extract(pages[0])
t2 = time.perf_counter()
doc2 = cnews_ie.extract(pages[1])
t3 = time.perf_counter()
print(json.dumps({{"import_s": t1 - t0, "first_extract_s": t2 - t1, "second_extract_s": t3 - t2,
    "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "people": len(doc.people) + len(doc2.people)}}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--corpus", type=Path, default=ROOT.parent / "shared" / "corpora" / "msra" / "dev.tsv"
    )
    parser.add_argument(
        "--limit", type=int, default=0, help="use only the first N characters (0: all)"
    )
    args = parser.parse_args()

    pages = [str(p) for p in sorted((ROOT / "seeds").glob("*.txt"))]
    cold = json.loads(
        subprocess.run(
            [sys.executable, "-c", _COLD.format(pages=pages)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )
    print(
        f"cold start: import {cold['import_s']:.2f}s, first extract (model load) {cold['first_extract_s']:.2f}s, "
        f"second page {cold['second_extract_s']:.2f}s, peak RSS {cold['peak_rss_mb']:.0f} MB"
    )

    texts = [Path(p).read_text(encoding="utf-8") for p in pages]
    if args.corpus.exists():
        texts += corpus_paragraphs(args.corpus)
    if args.limit:
        kept, total = [], 0
        for t in texts:
            if total >= args.limit:
                break
            kept.append(t)
            total += len(t)
        texts = kept
    chars = sum(map(len, texts))

    import jieba
    import jieba.posseg

    import cnews_ie

    jieba.setLogLevel(60)
    jieba.initialize()
    list(cnews_ie.extract_many(texts[:2]))  # load the model outside the timing

    start = time.perf_counter()
    words = sum(len(jieba.posseg.lcut(t)) for t in texts)
    jieba_s = time.perf_counter() - start

    start = time.perf_counter()
    entities = sum(
        len(d.people) + len(d.organizations) + len(d.locations)
        for d in cnews_ie.extract_many(texts)
    )
    ours_s = time.perf_counter() - start

    print(f"{len(texts)} texts, {chars:,} characters, one process")
    print(f"{'':40}{'chars/s':>12}{'output':>10}")
    print(f"{'jieba posseg lcut':40}{chars / jieba_s:>12,.0f}{words:>10} words")
    print(
        f"{'cnews_ie extract_many (shipped model)':40}{chars / ours_s:>12,.0f}{entities:>10} entities"
    )
    print(f"ratio cnews_ie / jieba posseg: {jieba_s / ours_s:.2f}x")


if __name__ == "__main__":
    main()
