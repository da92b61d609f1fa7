"""Full extraction beside jieba posseg on short documents and on pages, on a quiet machine and
with one competing CPU-bound process, in one run.

    python benchmarks/bench_runtime.py [--rounds 3] [--n-jobs 1]

Texts (the same for both tools):

* **short**: the MSRA dev sentences (``../shared/corpora/msra/dev.tsv``), one document each;
* **pages**: unlabelled news (``../shared/rawnews``: the first documents of each file, taken in
  turn) joined a story a line into pages of about ``--page-size`` characters, ``--page-chars``
  characters in all; the seed pages when the raw news is not there.

Conditions: **quiet** (nothing started by the benchmark) and **competing** (one
``python -c "while True: pass"`` process started by the benchmark and killed after).  In each
condition and round, ``jieba.posseg.lcut`` and ``cnews_ie.Extractor().extract_many`` (the
shipped model; ``--n-jobs`` worker processes) run one after the other on the same texts,
alternating which goes first; each round's ratio compares two neighbouring measurements.

The machine is seldom really quiet: beside each condition the report gives the load average
and ``others``, the cores that other processes kept busy during it (``/proc/stat`` busy time
less this process's, its workers' and the competitor's CPU time, over the wall time).  With
``--n-jobs 1`` it also gives the ratio of CPU times (``cpu``: this process's CPU time for
posseg over that for cnews_ie, median of the rounds), which leaves out the time either
waited for a core and so varies much less than the wall-time ratio on a busy machine.

Last, peak memory of a fresh process that extracts both seed pages (model load included).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import lzma
import os
import statistics
import subprocess
import sys
import time
from collections import deque
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
_TICKS = os.sysconf("SC_CLK_TCK")


def msra_sentences(path: Path) -> list[str]:
    """The sentences of a corpus in the shared format (one character a line, blank between)."""
    blocks = path.read_text(encoding="utf-8").split("\n\n")
    sentences = ("".join(line.split("\t", 1)[0] for line in b.splitlines() if line) for b in blocks)
    return [s for s in sentences if s]


def news_pages(folder: Path, chars: int, size: int) -> list[str]:
    """Pages of about ``size`` characters, ``chars`` in all, from the raw news files in turn."""
    pages, page, total = [], [], 0
    with contextlib.ExitStack() as stack:
        streams = [
            stack.enter_context(lzma.open(p, "rt", encoding="utf-8"))
            for p in sorted(folder.glob("*.txt.xz"))
        ]
        while total < chars and streams:
            for stream in list(streams):
                line = stream.readline().strip()
                if not line:
                    streams.remove(stream)
                    continue
                page.append(line)
                total += len(line)
                if sum(map(len, page)) >= size:
                    pages.append("\n".join(page))
                    page = []
    if page:
        pages.append("\n".join(page))
    return pages


def cpu_busy() -> float:
    """Seconds of CPU time all processes spent so far (user, nice, system, irq, softirq)."""
    with open("/proc/stat", encoding="ascii") as stat:
        fields = stat.readline().split()[1:]
    return sum(int(fields[i]) for i in (0, 1, 2, 5, 6)) / _TICKS


def cpu_of(pid: int) -> float:
    """Seconds of CPU time of a process and its waited-for children (0 if it is gone)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except FileNotFoundError:
        return 0.0
    return sum(int(v) for v in fields[11:15]) / _TICKS


class Others:
    """Cores kept busy by processes other than ``ours`` during the block."""

    def __init__(self, ours: Callable[[], float]) -> None:
        self.ours = ours

    def __enter__(self) -> Others:
        self.start = (time.perf_counter(), cpu_busy(), self.ours())
        return self

    def __exit__(self, *exc: object) -> None:
        wall, busy, ours = time.perf_counter(), cpu_busy(), self.ours()
        self.cores = max(0.0, (busy - self.start[1]) - (ours - self.start[2])) / (
            wall - self.start[0]
        )


def workers_cpu() -> float:
    """CPU time of this process's live children (extract_many's workers, the competitor)."""
    total = 0.0
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = (entry / "stat").read_text(encoding="ascii").rsplit(")", 1)[1].split()[1]
            except (FileNotFoundError, ProcessLookupError):
                continue
            if int(parent) == os.getpid():
                total += cpu_of(int(entry.name))
    return total


def timed(run: Callable[[], None]) -> tuple[float, float]:
    """Wall and CPU seconds (this process's) of ``run()``."""
    start, cpu = time.perf_counter(), time.process_time()
    run()
    return time.perf_counter() - start, time.process_time() - cpu


def rounds(
    texts: list[str], rounds_n: int, ours: Callable[[list[str]], None]
) -> Iterator[tuple[tuple[float, float], tuple[float, float]]]:
    """((wall, CPU) seconds of posseg, of cnews_ie) for each round, alternating which runs
    first."""
    import jieba.posseg

    def posseg() -> None:
        for text in texts:
            jieba.posseg.lcut(text)

    for r in range(rounds_n):
        if r % 2 == 0:
            j = timed(posseg)
            o = timed(lambda: ours(texts))
        else:
            o = timed(lambda: ours(texts))
            j = timed(posseg)
        yield j, o


_COLD = """
import json, resource
import cnews_ie
for p in {pages!r}:
    cnews_ie.extract(open(p, encoding="utf-8").read())
print(json.dumps(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--n-jobs", type=int, default=1, help="extract_many's worker processes")
    parser.add_argument("--short", type=Path, default=SHARED / "corpora" / "msra" / "dev.tsv")
    parser.add_argument(
        "--short-docs", type=int, default=0, help="only the first N sentences (0: all)"
    )
    parser.add_argument("--rawnews", type=Path, default=SHARED / "rawnews")
    parser.add_argument("--page-chars", type=int, default=200_000)
    parser.add_argument("--page-size", type=int, default=5_000)
    args = parser.parse_args()

    import jieba

    import cnews_ie

    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    if args.rawnews.is_dir():
        pages = news_pages(args.rawnews, args.page_chars, args.page_size)
    else:
        pages = [p.read_text(encoding="utf-8") for p in seeds]
    short = msra_sentences(args.short)
    sets = {"short": short[: args.short_docs] if args.short_docs else short, "pages": pages}

    jieba.setLogLevel(60)
    jieba.initialize()
    extractor = cnews_ie.Extractor()
    list(extractor.extract_many(sets["short"][:20]))  # load the model outside the timings

    def ours(texts: list[str]) -> None:
        deque(extractor.extract_many(texts, n_jobs=args.n_jobs), maxlen=0)

    print(
        f"{os.cpu_count()} CPUs; extract_many n_jobs={args.n_jobs}; {args.rounds} rounds; "
        + "; ".join(
            f"{k}: {len(v):,} documents, {sum(map(len, v)):,} chars" for k, v in sets.items()
        )
    )
    print(
        f"{'condition':11}{'texts':7}{'posseg c/s':>12}{'cnews_ie c/s':>14}"
        f"{'ratio (median, min-max)':>26}{'cpu':>7}{'load':>7}{'others':>8}"
    )
    results = []
    for condition in ("quiet", "competing"):
        competitor = (
            subprocess.Popen([sys.executable, "-c", "while True: pass"])
            if condition == "competing"
            else None
        )
        try:
            time.sleep(0.5)
            for name, texts in sets.items():
                chars = sum(map(len, texts))
                with Others(lambda: cpu_of(os.getpid()) + workers_cpu()) as others:
                    load = os.getloadavg()[0]
                    times = list(rounds(texts, args.rounds, ours))
                ratios = [j / o for (j, _), (o, _) in times]
                # CPU time of this process: the workers' is not in it (n_jobs > 1)
                cpu = statistics.median(j / o for (_, j), (_, o) in times)
                row = {
                    "condition": condition,
                    "texts": name,
                    "chars": chars,
                    "posseg": chars / statistics.median(j for (j, _), _ in times),
                    "cnews_ie": chars / statistics.median(o for _, (o, _) in times),
                    "ratio": statistics.median(ratios),
                    "ratio_min": min(ratios),
                    "ratio_max": max(ratios),
                    "cpu_ratio": cpu if args.n_jobs == 1 else None,
                    "load": load,
                    "others": others.cores,
                }
                results.append(row)
                cpu_text = f"{cpu:.2f}x" if args.n_jobs == 1 else "-"
                print(
                    f"{condition:11}{name:7}{row['posseg']:>12,.0f}{row['cnews_ie']:>14,.0f}"
                    f"{row['ratio']:>11.2f}x ({row['ratio_min']:.2f}-{row['ratio_max']:.2f})"
                    f"{cpu_text:>7}{load:>7.2f}{row['others']:>8.2f}",
                    flush=True,
                )
        finally:
            if competitor is not None:
                competitor.kill()
                competitor.wait()
    peak = json.loads(
        subprocess.run(
            [sys.executable, "-c", _COLD.format(pages=[str(p) for p in seeds])],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )
    print(f"peak RSS of a fresh process extracting both seed pages: {peak:,.0f} MB")
    print(
        "cpu: ratio of this process's CPU times (n_jobs=1); load: 1-minute load average at the "
        "start; others: cores busy with other processes"
    )


if __name__ == "__main__":
    main()
