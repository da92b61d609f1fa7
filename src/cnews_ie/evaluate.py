"""Evaluation: ``python -m cnews_ie.evaluate ner --corpus PATH``.

Reads a corpus in the shared format (one ``char<TAB>BIO-tag`` per line, a blank line after each
sentence), runs an NER backend on its sentences and prints precision, recall and F1 per type and
overall, for exact span matches.  Corpus labels are mapped onto PER / LOC / ORG (MSRA and
People's Daily names as they are; CLUENER name/address/company/government/organization; Resume
NAME/LOC/ORG; Weibo named mentions); other labels are ignored on both sides.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from cnews_ie.backends import LABELS, char_spans

__all__ = ["Scores", "evaluate_ner", "main", "read_corpus"]

LABEL_MAP = {
    "PER": "PER", "LOC": "LOC", "ORG": "ORG",
    "name": "PER", "address": "LOC", "company": "ORG", "government": "ORG", "organization": "ORG",
    "NAME": "PER",
    "PER.NAM": "PER", "LOC.NAM": "LOC", "GPE.NAM": "LOC", "ORG.NAM": "ORG",
}  # fmt: skip


def read_corpus(
    path: Path, limit: int | None = None
) -> Iterator[tuple[str, set[tuple[str, int, int]]]]:
    """Sentences of a shared-format corpus with their (label, start, end) gold spans."""
    chars: list[str] = []
    tags: list[str] = []
    count = 0
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            line = line.rstrip("\n")
            if line:
                char, _, tag = line.partition("\t")
                if not tag:
                    raise ValueError(f"{path}:{number}: expected 'char<TAB>tag', got {line!r}")
                chars.append(char)
                tags.append(tag)
                continue
            if chars:
                yield "".join(chars), _spans(tags)
                count += 1
                chars, tags = [], []
                if limit is not None and count >= limit:
                    return
    if chars:
        yield "".join(chars), _spans(tags)


def _spans(tags: Sequence[str]) -> set[tuple[str, int, int]]:
    spans = set()
    start, label = -1, ""
    for i, tag in enumerate([*tags, "O"]):
        if start >= 0 and not (tag.startswith("I-") and tag[2:] == label):
            if label in LABEL_MAP:
                spans.add((LABEL_MAP[label], start, i))
            start = -1
        if tag.startswith("B-"):
            start, label = i, tag[2:]
    return spans


@dataclass(frozen=True, slots=True)
class Scores:
    true_positive: Counter[str]
    predicted: Counter[str]
    gold: Counter[str]

    def prf(self, label: str | None = None) -> tuple[float, float, float]:
        keys = LABELS if label is None else (label,)
        tp = sum(self.true_positive[k] for k in keys)
        pred = sum(self.predicted[k] for k in keys)
        gold = sum(self.gold[k] for k in keys)
        p = tp / pred if pred else 0.0
        r = tp / gold if gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def evaluate_ner(
    corpus: Path, ner: str = "default", limit: int | None = None, batch: int = 256
) -> Scores:
    from cnews_ie.pipeline import _backend

    backend = _backend(ner)
    if backend is None:
        raise ValueError("evaluation needs an NER backend, not ner=None")
    tp: Counter[str] = Counter()
    predicted: Counter[str] = Counter()
    gold_count: Counter[str] = Counter()
    items = list(read_corpus(corpus, limit))
    for offset in range(0, len(items), batch):
        chunk = items[offset : offset + batch]
        tagged = backend.tag([sentence for sentence, _ in chunk])
        for (sentence, gold), result in zip(chunk, tagged, strict=True):
            found = set(char_spans(sentence, result))
            predicted.update(label for label, _, _ in found)
            gold_count.update(label for label, _, _ in gold)
            tp.update(label for label, _, _ in found & gold)
    return Scores(tp, predicted, gold_count)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m cnews_ie.evaluate")
    sub = parser.add_subparsers(dest="task", required=True)
    ner = sub.add_parser("ner", help="entity-level exact-span P/R/F1 on a shared-format corpus")
    ner.add_argument("--corpus", type=Path, required=True)
    ner.add_argument(
        "--ner", default="default", help="default (shipped model), jieba, or a HanLP model"
    )
    ner.add_argument("--limit", type=int, help="only the first N sentences")
    args = parser.parse_args(argv)
    if not args.corpus.is_file():
        print(f"cnews_ie.evaluate: no such corpus file: {args.corpus}", file=sys.stderr)
        return 2
    started = time.perf_counter()
    scores = evaluate_ner(args.corpus, args.ner, args.limit)
    elapsed = time.perf_counter() - started
    print(
        f"{args.corpus}  ner={args.ner}  {sum(scores.gold.values())} gold entities  {elapsed:.1f}s"
    )
    print(f"{'type':8}{'P':>8}{'R':>8}{'F1':>8}{'gold':>8}")
    for label in (*LABELS, None):
        p, r, f = scores.prf(label)
        gold = scores.gold[label] if label else sum(scores.gold.values())
        print(f"{label or 'overall':8}{p:8.4f}{r:8.4f}{f:8.4f}{gold:8d}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
