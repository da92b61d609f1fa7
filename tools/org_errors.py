"""Organisation (or, with ``--label``, place or person) errors on a shared-format NER corpus, for the model's spans (the backend, as
``python -m cnews_ie.evaluate ner`` scores them) and for what ``extract`` reports (the pipeline's
organisations and places, one document per sentence).

    PYTHONPATH=src python tools/org_errors.py ../shared/corpora/msra/dev.tsv [--examples 20]
    PYTHONPATH=src python tools/org_errors.py ../shared/corpora/msra/dev.tsv --label LOC

Prints P/R/F1 per type for both paths, then each gold organisation's outcome: ``exact``,
``missed`` (no predicted span over it), ``long`` / ``short`` / ``cross`` (an organisation span with
other edges), ``place-over`` (only a place span over it), ``split`` (two or more spans inside
it), ``type:LOC`` / ``type:PER`` (the same span, another type); and the same classes for the
predicted organisations that are wrong (``missed`` there: no gold entity under it).  Development
use only: never run it on a test split.
"""

from __future__ import annotations

import argparse
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from cnews_ie.backends import LABELS, char_spans
from cnews_ie.evaluate import prf, read_corpus
from cnews_ie.extractor import Extractor, backend_for

Span = tuple[str, int, int]


def outcome(target: Span, other: set[Span]) -> str:
    """How ``other`` (a sentence's spans) covers the span ``target``."""
    label, a, b = target
    if target in other:
        return "exact"
    same = [p for p in other if p[1] == a and p[2] == b]
    if same:
        return f"type:{same[0][0]}"
    over = sorted((p for p in other if p[1] < b and a < p[2]), key=lambda p: p[1])
    if not over:
        return "missed"
    if len(over) >= 2 and all(a <= p[1] and p[2] <= b for p in over):
        return "split"
    same_type = [p for p in over if p[0] == label]
    if not same_type:
        return "place-over" if over[0][0] == "LOC" else f"{over[0][0]}-over"
    p = same_type[0]
    if a <= p[1] and p[2] <= b:
        return "short"
    if p[1] <= a and b <= p[2]:
        return "long"
    return "cross"


def scores(gold: Iterable[set[Span]], found: Iterable[set[Span]]) -> dict[str, tuple[float, ...]]:
    tp: Counter[str] = Counter()
    predicted: Counter[str] = Counter()
    gold_count: Counter[str] = Counter()
    for g, f in zip(gold, found, strict=True):
        tp.update(x[0] for x in g & f)
        predicted.update(x[0] for x in f)
        gold_count.update(x[0] for x in g)
    out = {label: prf(tp[label], predicted[label], gold_count[label]) for label in LABELS}
    out["overall"] = prf(sum(tp.values()), sum(predicted.values()), sum(gold_count.values()))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--examples", type=int, default=0, help="examples per class to print")
    parser.add_argument(
        "--label", choices=LABELS, default="ORG", help="the entity type to classify"
    )
    args = parser.parse_args()
    items = list(read_corpus(args.corpus))
    sentences = [s for s, _ in items]
    golds = [g for _, g in items]
    backend = backend_for("default")
    assert backend is not None
    model = [set(char_spans(s, t)) for s, t in zip(sentences, backend.tag(sentences), strict=True)]
    pipeline = []
    for doc in Extractor().extract_many(sentences):
        spans = {("ORG", o.start, o.end) for o in doc.organizations}
        spans |= {("LOC", p.start, p.end) for p in doc.locations}
        spans |= {("PER", p.start, p.end) for p in doc.people if p.start is not None}
        pipeline.append(spans)
    for name, found in (("model", model), ("extract", pipeline)):
        print(f"== {name}")
        for label, (p, r, f) in scores(golds, found).items():
            print(f"  {label:8s} P {p:.4f}  R {r:.4f}  F1 {f:.4f}")
        missed: Counter[str] = Counter()
        wrong: Counter[str] = Counter()
        examples: dict[str, list[str]] = {}
        for sentence, gold, spans in zip(sentences, golds, found, strict=True):
            for g in gold:
                if g[0] == args.label and (kind := outcome(g, spans)) != "exact":
                    missed[kind] += 1
                    examples.setdefault(f"gold {kind}", []).append(sentence[g[1] : g[2]])
            for p in spans:
                if p[0] == args.label and p not in gold:
                    kind = outcome(p, gold)
                    wrong[kind] += 1
                    examples.setdefault(f"false {kind}", []).append(sentence[p[1] : p[2]])
        print(f"  gold {args.label} not found exactly: {dict(missed.most_common())}")
        print(f"  false {args.label}: {dict(wrong.most_common())}")
        for key, names in sorted(examples.items())[: 100 if args.examples else 0]:
            print(f"    {key}: {' '.join(names[: args.examples])}")


if __name__ == "__main__":
    main()
