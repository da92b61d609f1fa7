"""Speed and memory of every stage beside the peers, on about 2 million characters, in one run.

    python benchmarks/bench_all.py

Text: the corpora's sentences (MSRA train, then PD1998 train, from ../shared/corpora) grouped
into paragraphs of about 400 characters, the first ``--chars`` characters (2,000,000 by
default).  All stages run in this one process, one after
the other, on the same text:

* cnews_ie layout repair (``clean``), figures only (``find_figures``), ``extract_many`` without
  NER, ``extract_many`` with the shipped model;
* peers on the same text: jieba ``lcut``, jieba ``posseg.lcut``, JioNLP ``extract_money``.

Memory: a thread samples the resident set (``/proc/self/statm``) every 5 ms; each stage prints
the peak during the stage and its growth over the resident set before it (what the stage
itself loaded or allocated).  ``--isolate`` runs each stage in a fresh process instead, where
the peak is the stage's alone.

Then ratios to the peers; memory over a stream (``extract_many`` over a generator of
``--stream-passes`` passes over the first ``--stream-chars`` characters: the resident set after
each pass, flat when memory does not grow with the number of documents); and a linearity check
on hostile inputs: the time for 2 MB over the time for 1 MB (about 2.0 means linear) for digits,
亿亿亿…, 、-lists, one long line and a statistical text with many figures and places.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import resource
import subprocess
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_figures import corpus_paragraphs  # noqa: E402

_PAGE = os.sysconf("SC_PAGE_SIZE")


def rss_mb() -> float:
    with open("/proc/self/statm", encoding="ascii") as statm:
        return int(statm.read().split()[1]) * _PAGE / 2**20


class PeakRSS:
    """The highest resident set seen while the block runs, sampled every 5 ms."""

    def __enter__(self) -> PeakRSS:
        self.before = self.peak = rss_mb()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def _sample(self) -> None:
        while not self._stop.wait(0.005):
            self.peak = max(self.peak, rss_mb())

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, rss_mb())


def load_texts(corpora: list[Path], chars: int) -> tuple[list[str], int]:
    """The first ``chars`` characters of the corpora, in order, as paragraphs."""
    texts, total = [], 0
    for corpus in corpora:
        for text in corpus_paragraphs(corpus):
            texts.append(text)
            total += len(text)
            if total >= chars:
                return texts, total
    return texts, total


def each(fn: Callable[[str], object]) -> Callable[[list[str]], None]:
    """Run ``fn`` on every text, keeping no result (memory is the stage's, not the results')."""

    def run(texts: list[str]) -> None:
        for text in texts:
            fn(text)

    return run


def stage_runner(stage: str) -> Callable[[list[str]], None]:
    """Load what ``stage`` needs (warm-up included) and return a function of the texts."""
    if stage == "clean":
        from cnews_ie.clean import clean

        return each(clean)
    if stage == "figures":
        from cnews_ie.figures import find_figures

        return each(find_figures)
    if stage in ("extract-no-ner", "extract"):
        import cnews_ie

        extractor = cnews_ie.Extractor(ner=None if stage == "extract-no-ner" else "default")
        list(extractor.extract_many(["2024年，全市实现地区生产总值620.06亿元，增长13.6%。"]))

        def run_all(texts: list[str]) -> None:
            deque(extractor.extract_many(texts), maxlen=0)  # documents are dropped as they come

        return run_all
    if stage in ("jieba-lcut", "jieba-posseg"):
        import jieba
        import jieba.posseg

        jieba.setLogLevel(60)
        jieba.initialize()
        run = jieba.lcut if stage == "jieba-lcut" else jieba.posseg.lcut
        return each(run)
    if stage == "jionlp-money":
        with contextlib.redirect_stdout(io.StringIO()):
            import jionlp
        money = jionlp.ner.extract_money
        money("3亿元")
        return each(money)
    raise ValueError(stage)


def measure(stage: str, texts: list[str], total: int) -> dict[str, float]:
    with PeakRSS() as memory:
        run = stage_runner(stage)
        start = time.perf_counter()
        run(texts)
        seconds = time.perf_counter() - start
    return {
        "chars": total,
        "seconds": seconds,
        "peak_mb": memory.peak,
        "growth_mb": memory.peak - memory.before,
        "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def stream_memory(texts: list[str], passes: int) -> list[float]:
    """Resident set after each pass of ``extract_many`` over one generator of every pass."""
    import cnews_ie

    marks: list[float] = []

    def stream() -> Iterator[str]:
        for _ in range(passes):
            yield from texts
            marks.append(rss_mb())  # reached once the pass's texts have all been handed over

    for _ in cnews_ie.extract_many(stream()):
        pass
    return marks


def statistics(n: int) -> str:
    """About ``n`` characters of distinct statistical sentences (random figures, places)."""
    import random

    rng = random.Random(n)
    places = ("金昌市", "永昌县", "金川区", "全市", "园区", "河西堡镇")
    metrics = (
        "地区生产总值",
        "工业增加值",
        "固定资产投资",
        "一般公共预算收入",
        "社会消费品零售总额",
    )
    parts, size = [], 0
    while size < n:
        sentence = (
            f"{rng.choice(places)}{rng.randint(1990, 2030)}年{rng.choice(metrics)}"
            f"{rng.randint(1, 10**6) / 100}亿元，增长{rng.randint(0, 300) / 10}%。"
        )
        parts.append(sentence + ("\n" if rng.random() < 0.15 else ""))
        size += len(sentence)
    return "".join(parts)


def linearity(small: int) -> dict[str, float]:
    import cnews_ie

    makers: dict[str, Callable[[int], str]] = {
        "digits": lambda n: "1" * n,
        "yi": lambda n: "亿" * n,
        "list": lambda n: "金川集团、" * (n // 5),
        "long-line": lambda n: "全市实现地区生产总值620亿元，" * (n // 16),
        # many figures and places in one document: linking was quadratic in them
        "statistics": statistics,
    }
    out = {}
    for name, make in makers.items():
        cnews_ie.extract(make(4_000), ner=None)  # warm: word lists, jieba's dictionary
        times = []
        for n in (small, 2 * small):
            text = make(n)
            start = time.perf_counter()
            cnews_ie.extract(text, ner=None)
            times.append(time.perf_counter() - start)
        out[name] = times[1] / max(times[0], 1e-9)
    return out


STAGES = (
    "clean",
    "figures",
    "extract-no-ner",
    "extract",
    "jieba-lcut",
    "jieba-posseg",
    "jionlp-money",
)


def _isolated(stage: str, corpus: list[Path], chars: int) -> dict[str, float]:
    code = (
        f"import json, sys; sys.argv = ['bench_all']; sys.path.insert(0, {str(ROOT / 'benchmarks')!r})\n"
        "from bench_all import load_texts, measure\n"
        f"texts, total = load_texts([__import__('pathlib').Path(p) for p in {[str(c) for c in corpus]!r}], {chars})\n"
        f"print(json.dumps(measure({stage!r}, texts, total)))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    corpora = ROOT.parent / "shared" / "corpora"
    parser.add_argument(
        "--corpus",
        type=Path,
        nargs="+",
        default=[corpora / "msra" / "train.tsv", corpora / "pd1998" / "train.tsv"],
        help="corpus files in the shared format, read in order (default: MSRA, then PD1998 train)",
    )
    parser.add_argument("--chars", type=int, default=2_000_000)
    parser.add_argument("--isolate", action="store_true", help="run each stage in a fresh process")
    parser.add_argument("--stream-chars", type=int, default=200_000)
    parser.add_argument("--stream-passes", type=int, default=5)
    parser.add_argument(
        "--linear-bytes", type=int, default=1_000_000, help="size of the small hostile input"
    )
    args = parser.parse_args()

    texts, total = load_texts(args.corpus, args.chars)
    print(
        f"{total:,} characters in {len(texts):,} paragraphs, {os.cpu_count()} CPUs, "
        f"{'one process per stage' if args.isolate else 'one process'}"
    )
    print(f"{'stage':16}{'chars/s':>14}{'peak RSS':>12}{'growth':>10}")
    results = {}
    for stage in STAGES:
        r = (
            _isolated(stage, args.corpus, args.chars)
            if args.isolate
            else measure(stage, texts, total)
        )
        results[stage] = r
        print(
            f"{stage:16}{r['chars'] / r['seconds']:>14,.0f}{r['peak_mb']:>9,.0f} MB"
            f"{r['growth_mb']:>7,.0f} MB",
            flush=True,
        )
    speed = {k: v["chars"] / v["seconds"] for k, v in results.items()}
    print(f"figures only / JioNLP money: {speed['figures'] / speed['jionlp-money']:.2f}x")
    print(f"full extract / jieba posseg: {speed['extract'] / speed['jieba-posseg']:.2f}x")
    print(f"full extract / jieba lcut:   {speed['extract'] / speed['jieba-lcut']:.2f}x")
    stream_texts, _ = load_texts(args.corpus, args.stream_chars)
    marks = stream_memory(stream_texts, args.stream_passes)
    print(
        f"extract_many over a stream of {args.stream_passes} x {len(stream_texts):,} documents, "
        "RSS after each pass: " + ", ".join(f"{m:,.0f}" for m in marks) + " MB"
    )
    ratios = linearity(args.linear_bytes // 3)  # ~3 bytes per CJK character
    print(
        "2x input / 1x input time (2.0 = linear): "
        + ", ".join(f"{k} {v:.2f}" for k, v in ratios.items())
    )


if __name__ == "__main__":
    main()
