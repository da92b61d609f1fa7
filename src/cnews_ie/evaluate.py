"""Evaluation: ``python -m cnews_ie.evaluate ner --corpus PATH`` (and ``figures`` / ``facts``).

Reads a corpus in the shared format (one ``char<TAB>BIO-tag`` per line, a blank line after each
sentence), runs an NER backend on its sentences and prints precision, recall and F1 per type and
overall, for exact span matches.  Corpus labels are mapped onto PER / LOC / ORG (MSRA and
People's Daily names as they are; CLUENER name/address/company/government/organization; Resume
NAME/LOC/ORG; Weibo named mentions); other labels are ignored on both sides.

``figures --gold FILE`` scores figure extraction on golden JSON Lines (tests/golden/README.md):
precision, recall and F1 of (value, unit) pairs per passage.  ``facts --gold FILE …`` reads each
file's schema: a file of the shared schema (``../shared/facts/``) is scored as its ANNOTATION.md
§13 says (``cnews_ie.scoring``; ``-v`` lists every miss, ``--pdf-noise [--seed N]`` scores the
texts laid out as a PDF text layer, ``cnews_ie.pdfnoise``); a project facts file
(tests/golden/facts_news.jsonl) gets the accuracy of metric, subject, period and base over the
gold figures, and precision, recall and F1 of project names.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cnews_ie.backends import LABELS, char_spans
from cnews_ie.backends.bio import bio_spans

__all__ = [
    "Scores",
    "evaluate_facts",
    "evaluate_figures",
    "evaluate_ner",
    "main",
    "prf",
    "read_corpus",
]

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
    return {
        (LABEL_MAP[label], start, end)
        for label, start, end in bio_spans(tags)
        if label in LABEL_MAP
    }


def prf(tp: int, predicted: int, gold: int) -> tuple[float, float, float]:
    """Precision, recall and F1 from true positives and the predicted and gold counts: the
    project's one P/R/F1 (0.0 where a denominator is 0).

    >>> prf(3, 4, 6)
    (0.75, 0.5, 0.6)
    """
    p = tp / predicted if predicted else 0.0
    r = tp / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


@dataclass(frozen=True, slots=True)
class Scores:
    true_positive: Counter[str]
    predicted: Counter[str]
    gold: Counter[str]

    def prf(self, label: str | None = None) -> tuple[float, float, float]:
        keys = LABELS if label is None else (label,)
        return prf(
            sum(self.true_positive[k] for k in keys),
            sum(self.predicted[k] for k in keys),
            sum(self.gold[k] for k in keys),
        )


def evaluate_ner(
    corpus: Path, ner: str = "default", limit: int | None = None, batch: int = 256
) -> Scores:
    from cnews_ie.extractor import backend_for

    backend = backend_for(ner)
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


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def evaluate_figures(gold: Path, ner: str | None = None) -> tuple[float, float, float]:
    """Precision, recall, F1 of (value, unit) pairs over the passages of a golden figures file."""
    from cnews_ie.extractor import extract

    tp = fp = fn = 0
    for case in _read_jsonl(gold):
        found = Counter((str(f.value), f.unit) for f in extract(case["text"], ner=ner).figures)
        wanted = Counter((f["value"], f["unit"]) for f in case["figures"])
        hit = sum((found & wanted).values())
        tp, fp, fn = tp + hit, fp + sum(found.values()) - hit, fn + sum(wanted.values()) - hit
    return prf(tp, tp + fp, tp + fn)


def evaluate_facts(gold: Path, ner: str | None = "default") -> dict[str, float]:
    """Accuracy of metric / subject / period / base and project-name P, R, F1 on a facts file."""
    from cnews_ie.extractor import extract

    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    tp = fp = fn = 0
    for case in _read_jsonl(gold):
        doc = extract(case["text"], ner=ner)
        by_text: dict[str, Any] = {}
        for found in doc.figures:
            by_text.setdefault(found.text, found)
        for want in case["figures"]:
            match = by_text.get(want["figure"])
            for field in ("metric", "subject", "period", "base"):
                total[field] += 1
                got = getattr(match, field, None) if match is not None else None
                if field == "base" and got is not None:
                    got = got.text
                right[field] += got == want[field]
        names = {p.name for p in doc.projects}
        wanted = {p["name"] for p in case["projects"]}
        tp, fp, fn = tp + len(names & wanted), fp + len(names - wanted), fn + len(wanted - names)
    scores = {field: right[field] / total[field] for field in total}
    scores["project_precision"], scores["project_recall"], scores["project_f1"] = prf(
        tp, tp + fp, tp + fn
    )
    return scores


def _facts_arguments(scorer: argparse.ArgumentParser) -> None:
    scorer.description = (
        "Score facts on gold files: the shared schema of ../shared/facts/ (compared as its "
        "ANNOTATION.md section 13 says) or the project's tests/golden/facts_news.jsonl."
    )
    scorer.add_argument("--gold", type=Path, required=True, nargs="+", metavar="FILE")
    scorer.add_argument("-v", "--verbose", action="store_true", help="list every miss")
    scorer.add_argument(
        "--pdf-noise",
        action="store_true",
        help="score the texts re-wrapped as a PDF text layer (shared schema only)",
    )
    scorer.add_argument("--seed", type=int, default=0, help="seed of --pdf-noise (default 0)")
    scorer.add_argument(
        "--by-rule",
        action="store_true",
        help="accuracy of metric, subject and period by the linking rule that set each (shared "
        "schema only; no text of the gold file is printed)",
    )


def _facts(args: argparse.Namespace) -> int:
    from cnews_ie.scoring import is_shared_schema, read_gold, score_file

    missing = [path for path in args.gold if not path.is_file()]
    if missing:
        print(f"cnews_ie.evaluate: no such gold file: {missing[0]}", file=sys.stderr)
        return 2
    ner_choice = None if args.ner == "none" else args.ner
    for path in args.gold:
        records = read_gold(path)
        if not is_shared_schema(records):
            if args.pdf_noise:
                print(
                    f"cnews_ie.evaluate: --pdf-noise needs figure offsets: {path}", file=sys.stderr
                )
                return 2
            print(f"{path}  project facts file  ner={args.ner}")
            for key, value in evaluate_facts(path, ner_choice).items():
                print(f"{key:18}{value:.4f}")
            continue
        scores = score_file(records, ner_choice, args.seed if args.pdf_noise else None)
        noise = f"  pdf-noise seed {args.seed}" if args.pdf_noise else ""
        figures = sum(len(r["figures"]) for r in records)
        print(f"{path}  {len(records)} records  {figures} gold figures  ner={args.ner}{noise}")
        print(scores.table())
        if args.by_rule:
            print(scores.rule_table())
        if args.verbose:
            print(f"misses ({len(scores.misses)}):")
            print("\n".join(scores.misses))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m cnews_ie.evaluate")
    sub_parsers = parser.add_subparsers(dest="task", required=True)
    ner = sub_parsers.add_parser(
        "ner", help="entity-level exact-span P/R/F1 on a shared-format corpus"
    )
    ner.add_argument("--corpus", type=Path, required=True)
    ner.add_argument(
        "--ner", default="default", help="default (shipped model), jieba, or a HanLP model"
    )
    ner.add_argument("--limit", type=int, help="only the first N sentences")
    for task, text in (
        ("figures", "value+unit P/R/F1 on a golden figures file"),
        ("facts", "linking accuracy and project F1"),
    ):
        scorer = sub_parsers.add_parser(task, help=text)
        if task == "facts":
            _facts_arguments(scorer)
        else:
            scorer.add_argument("--gold", type=Path, required=True)
        scorer.add_argument("--ner", default="default" if task == "facts" else "none")
    args = parser.parse_args(argv)
    if args.task == "facts":
        return _facts(args)
    if args.task == "figures":
        if not args.gold.is_file():
            print(f"cnews_ie.evaluate: no such gold file: {args.gold}", file=sys.stderr)
            return 2
        ner_choice = None if args.ner == "none" else args.ner
        p, r, f = evaluate_figures(args.gold, ner_choice)
        print(f"{args.gold}  value+unit  P {p:.4f}  R {r:.4f}  F1 {f:.4f}")
        return 0
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
