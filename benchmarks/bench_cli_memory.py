"""Peak memory of the command line over many small files, and what an interrupt leaves behind.

    python benchmarks/bench_cli_memory.py [--files 10000] [--kind figures] [--format csv]
        [--src DIR] [--interrupt-after SECONDS]

Writes ``--files`` text files of about 1,300 characters each (10,000 files: about 39 MB of
UTF-8; each a statistical paragraph with many figures) into a temporary directory and runs
``python -m cnews_ie DIR --kind KIND --format FORMAT -o OUT`` on them in a child process.
Prints the child's peak resident set (``getrusage(RUSAGE_CHILDREN).ru_maxrss``), the wall time,
the number of rows and whether the output file is valid (it is read back with
``cnews_ie.read_frame`` for CSV and Parquet, ``json`` for JSON and JSON Lines).

``--src`` runs the cnews_ie found in another source directory (an older checkout, to compare
before and after).  ``--interrupt-after N`` sends SIGINT to the run N seconds after it starts
and reports the exit code and whether the output holds valid rows of finished documents.

The bar of issue 19: 10,000 small files under 300 MB peak RSS; an interrupt leaves valid output.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PARAGRAPH = (
    "2024年，全市实现地区生产总值620.06亿元，同比增长13.6%；规模以上工业增加值增长15.2%，"
    "固定资产投资下降2.9%，社会消费品零售总额87.35亿元，增长7.1%。全年引进项目123个，"
    "总投资约3至5亿元的金川30万吨铜冶炼工艺技术提升项目建成投产，新增就业1.2万人。"
)


def write_corpus(directory: Path, files: int, chars: int) -> int:
    """``files`` UTF-8 files of about ``chars`` characters; returns the total bytes."""
    text = (PARAGRAPH * (chars // len(PARAGRAPH) + 1))[:chars]
    total = 0
    for i in range(files):
        sub = directory / f"{i // 1000:03d}"
        sub.mkdir(exist_ok=True)
        data = f"第{i}篇\n{text}\n".encode()
        (sub / f"{i:05d}.txt").write_bytes(data)
        total += len(data)
    return total


def count_rows(path: Path, fmt: str, kind: str) -> int:
    """Rows in the output, read back as its format's reader would; raises if it is invalid."""
    if fmt == "jsonl":
        return sum(1 for line in path.read_text(encoding="utf-8").splitlines() if json.loads(line))
    if fmt == "json":
        return len(json.loads(path.read_text(encoding="utf-8")))
    import cnews_ie

    return len(cnews_ie.read_frame(path, kind))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--chars", type=int, default=1_300)
    parser.add_argument("--kind", default="figures")
    parser.add_argument("--format", default="csv", choices=["csv", "jsonl", "json", "parquet"])
    parser.add_argument("--ner", default="none")
    parser.add_argument("--src", help="the src directory of the cnews_ie to run")
    parser.add_argument("--interrupt-after", type=float)
    args = parser.parse_args()

    env = dict(os.environ)
    if args.src:
        env["PYTHONPATH"] = str(Path(args.src).resolve())
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        size = write_corpus(corpus, args.files, args.chars)
        out = Path(tmp) / f"out.{args.format}"
        command = [sys.executable, "-m", "cnews_ie", str(corpus), "--kind", args.kind]
        command += ["--format", args.format, "--ner", args.ner, "-o", str(out), "--no-progress"]
        start = time.monotonic()
        with subprocess.Popen(
            command,
            env=env,
            stderr=subprocess.PIPE,
            text=True,
            # a job started in the background (nohup, &) inherits SIGINT ignored; Ctrl-C's
            # signal must reach the run as it would from a terminal
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),  # noqa: PLW1509
        ) as process:
            if args.interrupt_after is not None:
                try:
                    process.wait(timeout=args.interrupt_after)
                except subprocess.TimeoutExpired:
                    process.send_signal(signal.SIGINT)
            _, err = process.communicate()
        wall = time.monotonic() - start
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        try:
            rows: int | str = count_rows(out, args.format, args.kind) if out.exists() else 0
            valid = out.exists()
        except Exception as error:  # the report says why the file is invalid
            rows, valid = f"unreadable ({type(error).__name__}: {error})", False
        print(f"files: {args.files} ({size / 1e6:.1f} MB), kind {args.kind}, format {args.format}")
        print(f"cnews_ie from: {args.src or 'the installed package / PYTHONPATH'}")
        print(f"exit code: {process.returncode}; wall: {wall:.1f} s; peak RSS: {peak_mb:.0f} MB")
        print(f"rows written: {rows}; output valid: {valid}")
        last = err.strip().splitlines()[-1:] if err.strip() else []
        print(f"stderr: {len(err.splitlines())} line(s){': ' + last[0] if last else ''}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
