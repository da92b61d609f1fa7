"""Mine verb + noun compounds from the raw news (``resources/compound_nouns.tsv``).

jieba tags the verb of many noun compounds as a verb (示范/v 项目, 冷冻/v 食品), so a counted
noun read over its words stops there and a predicate seems to follow (``counted.py``,
``indicator.predicate_metric``).  A verb and the noun after it are a compound where the pair
stands mostly where a noun phrase stands: right after 的 or a classifier (的示范项目, 3个示范项目;
not a date: 28日召开会议), rather than where a predicate stands, after an adverb, a pronoun, a
preposition or a conjunction (已更换防冻液, 对其实施制裁).  Seeded: the same documents are read
on every run.

    nice python tools/mine_compound_verbs.py ../shared/rawnews/*.txt.xz \\
        > src/cnews_ie/resources/compound_nouns.tsv

(24 M characters, about 7 minutes on one core; do not edit the output by hand.)
"""

from __future__ import annotations

import argparse
import lzma
import random
import sys
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

import jieba.posseg as pseg

NOMINAL_POS = ("q", "mq")  # 3个示范项目, 两批冷冻食品 (not a bare number: 28日召开会议)
TIME_ENDS = tuple("年月日号时")  # a date or time before the verb is no classifier
PREDICATE_POS = ("d", "r", "p", "c")  # 已更换防冻液, 将实施制裁, 对其实施制裁
MIN_NOMINAL = 3
RATIO = 3  # nominal uses at least three times the predicate uses


class Counts:
    """Uses of each (verb, noun) pair where a noun phrase stands and where a predicate does
    (a plain class: the tests load this script without registering it as a module)."""

    def __init__(self) -> None:
        self.nominal: Counter[tuple[str, str]] = Counter()
        self.predicate: Counter[tuple[str, str]] = Counter()
        self.read = 0


def documents(paths: Sequence[Path], seed: int) -> list[str]:
    """The documents of ``paths`` (xz-compressed, one a line), shuffled with ``seed``."""
    lines: list[str] = []
    for path in paths:
        with lzma.open(path, "rt", encoding="utf-8") as f:
            lines.extend(line.strip() for line in f if line.strip())
    random.Random(seed).shuffle(lines)
    return lines


def _classifier(word: str, pos: str) -> bool:
    """A classifier (个/m, 项/q, 家): jieba tags most as numerals; not a number or a date."""
    if word.endswith(TIME_ENDS) or any(c.isdigit() for c in word):
        return False
    return pos.startswith(NOMINAL_POS) or (pos == "m" and len(word) == 1)


def mine(lines: Iterable[str], chars: int) -> Counts:
    """The pairs' uses in ``lines``, read until ``chars`` characters are read."""
    counts = Counts()
    for line in lines:
        if counts.read >= chars:
            break
        counts.read += len(line)
        words = [(w.word, w.flag) for w in pseg.cut(line)]
        for k in range(1, len(words) - 1):
            (verb, vpos), (noun, npos) = words[k], words[k + 1]
            if vpos != "v" or npos != "n" or len(noun) < 2 or len(verb) < 2:
                continue
            before, bpos = words[k - 1]
            if before == "的" or _classifier(before, bpos):
                counts.nominal[verb, noun] += 1
            elif bpos.startswith(PREDICATE_POS):
                counts.predicate[verb, noun] += 1
    return counts


def rows(counts: Counts) -> Iterator[tuple[str, str, int, int]]:
    """The compounds: pairs used at least ``MIN_NOMINAL`` times where a noun phrase stands and
    ``RATIO`` times as often there as where a predicate does, most used first."""
    for (verb, noun), n in sorted(counts.nominal.items(), key=lambda kv: (-kv[1], kv[0])):
        p = counts.predicate[verb, noun]
        if n >= MIN_NOMINAL and n >= RATIO * p:
            yield verb, noun, n, p


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpora", nargs="+", type=Path, help="raw news, .txt.xz, one a line")
    parser.add_argument("--chars", type=int, default=24_000_000, help="characters to read")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    counts = mine(documents(args.corpora, args.seed), args.chars)
    print("# Verb + noun compounds mined from raw news by tools/mine_compound_verbs.py (seeded):")
    print(f"# pairs seen >= {MIN_NOMINAL} times right after 的 or a classifier, and >= {RATIO}")
    print("# times as often there as after an adverb, pronoun, preposition or conjunction.")
    print(f"# Read {counts.read} characters.  Columns: verb, noun, nominal uses, predicate uses.")
    print("# verb\tnoun\tnominal\tpredicate")
    for verb, noun, n, p in rows(counts):
        print(f"{verb}\t{noun}\t{n}\t{p}")
    print(f"read {counts.read} characters", file=sys.stderr)


if __name__ == "__main__":
    main()
