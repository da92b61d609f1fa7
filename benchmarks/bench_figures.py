"""Figure extraction speed, side by side with JioNLP's money extraction, in one run.

Both read the same paragraphs: the two seed pages plus, when present, the text of a corpus in
the shared format (one character per line, blank line between sentences), grouped into
paragraphs of about 400 characters.  Reports characters per second for

* cnews_ie figures only (``cnews_ie.figures.find_figures``),
* cnews_ie ``extract(ner=None)`` (layout repair, sentences, figures, linking, projects),
* JioNLP ``extract_money`` (money only),

and how many figures / money expressions each found.  Run:

    python benchmarks/bench_figures.py --corpus ../shared/corpora/msra/dev.tsv
"""

from __future__ import annotations

import argparse
import contextlib
import io
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def corpus_paragraphs(path: Path, size: int = 400) -> list[str]:
    paragraphs, current, sentence = [], "", []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line:
            sentence.append(line.split("\t", 1)[0])
            continue
        current += "".join(sentence)
        sentence = []
        if len(current) >= size:
            paragraphs.append(current)
            current = ""
    if current:
        paragraphs.append(current)
    return paragraphs


def timed(name: str, fn: Callable[[str], int], texts: list[str], repeat: int) -> dict[str, float]:
    chars = sum(map(len, texts))
    best, found = float("inf"), 0
    for _ in range(repeat):
        start = time.perf_counter()
        found = sum(fn(t) for t in texts)
        best = min(best, time.perf_counter() - start)
    return {"name": name, "chars_per_s": chars / best, "found": found, "seconds": best}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--corpus", type=Path, default=ROOT.parent / "shared" / "corpora" / "msra" / "dev.tsv"
    )
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    if args.corpus.exists():
        texts += corpus_paragraphs(args.corpus)
    chars = sum(map(len, texts))

    import cnews_ie
    from cnews_ie.figures import find_figures

    with contextlib.redirect_stdout(io.StringIO()):  # JioNLP prints a banner on import
        import jionlp

    # warm up each once (lazy tables, JioNLP's dictionaries)
    find_figures(texts[0])
    cnews_ie.extract(texts[0], ner=None)
    jionlp.ner.extract_money(texts[0])

    rows = [
        timed(
            "cnews_ie find_figures (all kinds)", lambda t: len(find_figures(t)), texts, args.repeat
        ),
        timed(
            "cnews_ie extract, no NER",
            lambda t: len(cnews_ie.extract(t, ner=None).figures),
            texts,
            args.repeat,
        ),
        timed(
            "JioNLP extract_money (money only)",
            lambda t: len(jionlp.ner.extract_money(t)),
            texts,
            args.repeat,
        ),
    ]
    peer = rows[-1]["chars_per_s"]
    print(f"{len(texts)} texts, {chars:,} characters, best of {args.repeat}")
    print(f"{'':36}{'chars/s':>12}{'found':>8}{'vs JioNLP':>11}")
    for row in rows:
        ratio = row["chars_per_s"] / peer
        print(f"{row['name']:36}{row['chars_per_s']:>12,.0f}{row['found']:>8}{ratio:>10.2f}x")


if __name__ == "__main__":
    main()
